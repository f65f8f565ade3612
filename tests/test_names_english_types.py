"""Round 16 of the names guard (lagebild.enrich.names_english_types): the types of English
names -- ``the NRA`` typed LOC, companies typed PER after a company cue, a person's name typed
ORG beside the article's own person mentions, hashtags, sentence-initial common words (task F
of stop 33; each test fails on the guard of d3e783d)."""

from __future__ import annotations


from lagebild.enrich import names_rules
from lagebild.enrich.names import filter_spans
from lagebild.enrich.names_english_types import is_english, round16
from lagebild.enrich.resolve import resolve

from ._names import spans as _spans


def _listed(text: str, *names: tuple[str, str]) -> set[tuple[str, str]]:
    return {(e.name, e.type) for e in resolve(text, _spans(text, *names))}


EN = (
    "Onetime friend Bill now fair game. Hillary Clinton was once asked which of her enemies "
    "she was most proud of. She said: in addition to the NRA, the drug companies. Drug "
    "companies such as Pfizer, GlaxoSmithKline, Johnson & Johnson, and Eli Lilly were all "
    "targeted by the DNC, as was the Tobacco company Altria. Other Republican candidates, "
    "including Carly Fiorina and Ben Carson, have followed the lead, though Mrs. Fiorina said "
    "she doubted voters would care. ''If Hillary thinks she can unleash her husband,'' he wrote. "
    "The senator promised to raise the wage in his #NHPrimary victory speech in the US."
)
EN_SPANS = (
    ("Onetime", "ORG"), ("Hillary Clinton", "PER"), ("NRA", "LOC"), ("Pfizer", "PER"),
    ("GlaxoSmithKline", "PER"), ("Johnson & Johnson", "PER"), ("Eli Lilly", "ORG"),
    ("DNC", "ORG"), ("Altria", "PER"), ("Carly Fiorina", "ORG"), ("Ben Carson", "PER"),
    ("Fiorina", "PER"), ("Hillary", "ORG"), ("NHPrimary", "ORG"), ("US", "LOC"),
)  # fmt: skip


def test_english_types():
    got = _listed(EN, *EN_SPANS)
    want = (
        ("NRA", "ORG"), ("Pfizer", "ORG"), ("GlaxoSmithKline", "ORG"),
        ("Johnson & Johnson", "ORG"), ("Altria", "ORG"), ("Ben Carson", "PER"),
    )  # fmt: skip
    for ent in want:
        assert ent in got, (ent, got)
    names = {n for n, _ in got}
    assert "Onetime" not in names  # a common word opening a headline
    assert "NHPrimary" not in names  # a hashtag
    assert ("Hillary", "ORG") not in got and ("Hillary", "PER") not in got  # joins her full name
    assert ("Carly Fiorina", "ORG") not in got
    assert any(t == "PER" and "Fiorina" in n for n, t in got)
    assert ("NRA", "LOC") not in got and ("Pfizer", "PER") not in got


def test_switch_off_gives_old_types():
    old = names_rules.RULES
    names_rules.RULES = old - {
        "en_hashtag", "en_acronym_org", "en_company_cue", "en_mention_type", "en_common_word"
    }  # fmt: skip
    try:
        got = _listed(EN, *EN_SPANS)
    finally:
        names_rules.RULES = old
    assert ("NRA", "LOC") in got and ("Pfizer", "PER") in got


def test_places_and_names_kept():
    text = (
        "The president flew to the US on Monday. The crowd in the hall cheered. Crowds were "
        "small in the Congress of the Crowds Party, said the chairman of the party."
    )
    spans = _spans(text, ("US", "LOC"), ("Crowds Party", "ORG"), ("Congress", "ORG"))
    assert filter_spans(text, spans) == sorted(spans)


def test_german_untouched():
    text = "Der Präsident der NRA sagte, die Firmen wie Pfizer und die Bank seien gefragt."
    assert not is_english(text)
    spans = _spans(text, ("NRA", "LOC"), ("Pfizer", "PER"))
    assert round16(text, spans) == spans


def test_glued_split():
    text = (
        "Mayor Marty Walsh stood by her side. Until recently, Boston’s Walsh was a hold out. "
        "The firms lobbied, and the Democrats have lambasted McDonald’s and Walmart for years. "
        "Walmart did not answer, and the union said the wage was too low for the workers."
    )
    got = _listed(
        text, ("Marty Walsh", "PER"), ("Boston’s Walsh", "ORG"),
        ("McDonald’s and Walmart", "ORG"), ("Walmart", "ORG"),
    )  # fmt: skip
    assert ("Boston’s Walsh", "ORG") not in got and ("Marty Walsh", "PER") in got
    assert ("McDonald’s and Walmart", "ORG") not in got
    assert ("Walmart", "ORG") in got and any(n.startswith("McDonald") for n, _ in got)


def test_laws_and_places_inside():
    text = (
        "The senators from Rhode Island and New Hampshire spoke. The governor said the "
        "Affordable Care Act helped the state, and the North American Free Trade Agreement "
        "hurt it. The senator said the deal was done by the end of the year, in the state."
    )
    spans = _spans(
        text, ("Rhode Island", "LOC"), ("New Hampshire", "LOC"), ("Affordable Care Act", "ORG"),
        ("North American Free Trade Agreement", "ORG"),
    )  # fmt: skip
    got = {(e.name, e.type) for e in resolve(text, spans)}
    assert ("Rhode Island", "LOC") in got and not any(n == "Island" for n, _ in got)
    assert ("Affordable Care Act", "MISC") in got
    assert ("North American Free Trade Agreement", "MISC") in got


def test_a_place_matched_through_a_german_genitive_is_an_english_persons_name():
    """``Frances Miller`` was listed as ``Frankreich`` (``France`` + the genitive ``-s`` German
    writes; task F's still-weak list): in an English article that match inside the model's longer
    person gives way to the person; ``France's`` stays France."""
    text = (
        "The polls closed in the evening. Clinton leads in the state of South Carolina. Frances "
        "Miller, a voter from Ohio, said she liked him. France's president was there."
    )
    got = _listed(text, ("Frances Miller", "PER"), ("Ohio", "LOC"), ("Clinton", "PER"))
    assert ("Frances Miller", "PER") in got
    assert ("Frankreich", "LOC") in got  # from France's, not from Frances
