"""Round 11 of the names guard (docs/benchmarks.md "Eleventh round", lagebild.enrich.names_repairs):
the spans the BiLSTM model cuts or types differently, each rule on sentences written for it,
and the same text with the rule switched off."""

from __future__ import annotations

from lagebild.enrich import names_rules

from .test_names_round8 import _in_order


def _without(monkeypatch, *rules: str) -> None:
    monkeypatch.setattr(names_rules, "RULES", names_rules.RULES - set(rules))


def test_a_name_ends_before_a_link(monkeypatch):
    text = "Viele teilten den Beitrag #Gauland pic.twitter.com/abc123XYZ und kommentierten."
    spans = [("Gauland pic.twitter.com/abc123XYZ", "ORG")]
    assert _in_order(text, spans) == [("Gauland", "ORG")]
    _without(monkeypatch, "url_cut")
    assert _in_order(text, spans) == spans


def test_a_role_or_first_name_glued_on_is_cut(monkeypatch):
    text = (
        "Landeshauptmann Hans Gruber lobte die Stadt. Schuld sei die Stadt mit "
        "BürgermeisterKarl Lechner, sagte Gruber. Später sprach auch HansGruber davon."
    )
    spans = [("Hans Gruber", "PER"), ("BürgermeisterKarl Lechner", "ORG"), ("HansGruber", "ORG")]
    got = _in_order(text, spans)
    assert ("Karl Lechner", "PER") in got
    assert ("Gruber", "PER") in got  # "HansGruber": the Gruber the article names
    _without(monkeypatch, "glued_lead")
    got = _in_order(text, spans)
    assert ("Karl Lechner", "PER") not in got and ("Gruber", "PER") not in got


def test_a_surname_with_a_word_glued_after_it_is_cut(monkeypatch):
    text = "Landeshauptmann Hans Gruber sprach. Darüber wollte Grubernicht reden."
    spans = [("Hans Gruber", "PER"), ("Grubernicht", "PER")]
    assert ("Gruber", "PER") in _in_order(text, spans)
    _without(monkeypatch, "glued_lead")
    assert ("Gruber", "PER") not in _in_order(text, spans)


def test_a_person_the_model_cut_is_made_whole(monkeypatch):
    text = (
        "Den Ausgleich erzielte Jarek Duvalnik nach der Pause. Das 3:1 schoss dann "
        "Dragan Tamulević per Kopf. Verteidigt wurde er von Ignaz Dobrovnik."
    )
    # "Jarek" | "Duvalnik": two persons' spans; "Tamulević" without its first name;
    # "Ignaz" without its surname
    spans = [("Jarek", "PER"), ("Duvalnik", "PER"), ("Tamulević", "PER"), ("Ignaz", "PER")]
    got = _in_order(text, spans)
    assert ("Jarek Duvalnik", "PER") in got
    assert ("Dragan Tamulević", "PER") in got
    assert ("Ignaz Dobrovnik", "PER") in got
    _without(monkeypatch, "split_person_join")
    got = _in_order(text, spans)
    assert ("Jarek Duvalnik", "PER") not in got and ("Dragan Tamulević", "PER") not in got


def test_no_join_over_a_role_a_compound_or_a_second_surname():
    # a role compound before a name stays cut off, a town's adjective is no first name, two
    # surnames side by side are two persons
    text = (
        "Der Landesrat Peter Moser traf Landeshauptmann Hans Gruber. Der Bahnhofsvorsteher "
        "Kobler grüßte. Im Waldviertler Tarnberg lebt er. Gruber Moser trafen sich."
    )
    spans = [
        ("Peter Moser", "PER"),
        ("Hans Gruber", "PER"),
        ("Kobler", "PER"),
        ("Tarnberg", "PER"),
        ("Gruber", "PER"),
        ("Moser", "PER"),
    ]
    got = [n for n, _ in _in_order(text, spans)]
    assert "Bahnhofsvorsteher Kobler" not in got
    assert "Waldviertler Tarnberg" not in got
    assert "Gruber Moser" not in got


def test_a_thing_with_a_sign_of_a_person_is_a_person(monkeypatch):
    text = (
        "Im Viertelfinale trifft er auf den Kroaten Jurica Vrdoljak. Tor: Baltazar (71.). "
        "Der Rapper Eko Velmont veröffentlichte ein Lied. In dem Heim lebt Husam K. seit Mai."
    )
    spans = [
        ("Jurica Vrdoljak", "LOC"),
        ("Baltazar", "LOC"),
        ("Eko Velmont", "ORG"),
        ("Husam K.", "LOC"),
    ]
    got = _in_order(text, spans)
    for name in ("Jurica Vrdoljak", "Baltazar", "Eko Velmont", "Husam K."):
        assert (name, "PER") in got
    # a parent company is no person; a number of votes is no age
    text2 = "Die italienische Mutter Banquora hat angekündigt, das Werk zu schließen."
    assert ("Banquora", "ORG") in _in_order(text2, [("Banquora", "ORG")])
    text3 = "Gefolgt von den NEOS (418) und vom Team Strobbach (393)."
    assert ("Strobbach", "LOC") in _in_order(text3, [("NEOS", "ORG"), ("Strobbach", "LOC")])
    _without(monkeypatch, "person_cue_type")
    got = _in_order(text, spans)
    assert ("Jurica Vrdoljak", "LOC") in got and ("Eko Velmont", "ORG") in got


MATCH = (
    "Arsenal gewann gegen Norwich City mit 1:0. Manchester City verlor 0:2, "
    "West Ham United spielte 2:2."
)


def test_an_english_club_word_makes_a_club_in_a_match_report(monkeypatch):
    spans = [("Arsenal", "ORG"), ("Norwich City", "LOC"), ("Manchester City", "LOC"),
             ("West Ham", "ORG"), ("United", "ORG")]  # fmt: skip
    got = _in_order(MATCH, spans)
    assert ("Norwich City", "ORG") in got and ("Manchester City", "ORG") in got
    assert ("West Ham United", "ORG") in got
    # no match report: a city is a city
    text = "Sie flog nach Mexico City und weiter nach Salt Lake City."
    assert ("Salt Lake City", "LOC") in _in_order(text, [("Salt Lake City", "LOC")])
    # a dateline in a match report is the town
    text2 = "Salt Lake City (Utah) – Die Warriors siegten 102:87, die Jazz verloren 95:105."
    assert ("Salt Lake City", "LOC") in _in_order(text2, [("Salt Lake City", "LOC")])
    _without(monkeypatch, "club_suffix")
    got = _in_order(MATCH, spans)
    assert ("Norwich City", "LOC") in got and ("West Ham United", "ORG") not in got


def test_a_compound_with_a_role_head_is_no_name(monkeypatch):
    text = "Das sagte der ehemalige Porto-Coach, der Stanley-Cup-Champions siegte wieder."
    spans = [("Porto-Coach", "LOC"), ("Stanley-Cup-Champions", "ORG")]
    assert _in_order(text, spans) == []
    # a place's name may end in a plural
    text2 = "Er lebt in Nordrhein-Westfalen."
    assert _in_order(text2, [("Nordrhein-Westfalen", "LOC")]) == [("Nordrhein-Westfalen", "LOC")]
    _without(monkeypatch, "hyphen_role_head")
    assert _in_order(text, spans) == spans


FIXTURES = (
    "Programm der 27. Runde: VfL Wolfsburg – Darmstadt (Garics fraglich), Hamburger SV "
    "(Gregoritsch) – Hoffenheim, FC Augsburg (Manninger) – Borussia Dortmund."
)


def test_a_town_paired_with_a_club_by_a_dash_is_a_club(monkeypatch):
    spans = [("VfL Wolfsburg", "ORG"), ("Darmstadt", "LOC"), ("Hamburger SV", "ORG"),
             ("Hoffenheim", "LOC"), ("FC Augsburg", "ORG"),
             ("Borussia Dortmund", "ORG")]  # fmt: skip
    got = _in_order(FIXTURES, spans)
    assert ("Darmstadt", "ORG") in got and ("Hoffenheim", "ORG") in got
    # a dateline before a club's name is the town
    text = "Barcelona – Athletic Bilbao hat den Supercup gewonnen, der FC Barcelona verlor."
    spans2 = [("Barcelona", "LOC"), ("Athletic Bilbao", "ORG"), ("FC Barcelona", "ORG")]
    got = _in_order(text, spans2)
    assert ("Barcelona", "LOC") in got
    _without(monkeypatch, "club_pairing")
    assert ("Darmstadt", "LOC") in _in_order(FIXTURES, spans)


def test_a_weekday_glued_to_a_name_is_cut(monkeypatch):
    text = (
        "Es spielen Hamburger SV – HoffenheimSamstag und danach Köln. "
        "Das sagte Katzian Mittwochfrüh."
    )
    spans = [
        ("Hamburger SV", "ORG"), ("HoffenheimSamstag", "ORG"), ("Katzian Mittwochfrüh", "PER")
    ]  # fmt: skip
    got = [n for n, _ in _in_order(text, spans)]
    assert "Hoffenheim" in got and "Katzian" in got
    # a paper's name ends in a weekday
    text2 = "Das sagte er der Welt am Sonntag."
    assert _in_order(text2, [("Welt am Sonntag", "ORG")]) == [("Welt am Sonntag", "ORG")]
    _without(monkeypatch, "glued_lead")
    got = [n for n, _ in _in_order(text, spans)]
    assert "Hoffenheim" not in got


def test_a_brand_with_a_model_designation_is_the_product(monkeypatch):
    text = (
        "Er kaufte einen Porsche 911, testete das LG G4 und den Acura ILX. "
        "GE will 6.500 Stellen streichen."
    )
    spans = [("Porsche", "ORG"), ("LG", "ORG"), ("Acura", "ORG"), ("GE", "ORG")]
    got = _in_order(text, spans)
    assert ("Porsche 911", "MISC") in got and ("LG G4", "MISC") in got
    assert ("Acura ILX", "MISC") in got
    assert ("GE", "ORG") in got  # a number of jobs is no model
    # a club's number, a legal form are no models
    text2 = "Mainz 05 spielte, die Siemens AG zahlte."
    spans2 = [("Mainz", "ORG"), ("Siemens", "ORG")]
    assert _in_order(text2, spans2) == [("Mainz", "ORG"), ("Siemens", "ORG")]
    _without(monkeypatch, "model_code")
    assert ("Porsche", "ORG") in _in_order(text, spans)


def test_no_repair_for_a_body_that_speaks_a_genitive_or_a_noun_before_a_name():
    # bodies say things too; a genitive before a compound noun; a noun after "der beiden"
    text = (
        "Laut einer Umfrage des Verbandes Bitkorama sagten 25 Prozent ja. Nach Haiders "
        "Regierungseintritt sprach Haider. Die Geschichte der beiden Gauner Joe und Terry."
    )
    spans = [("Bitkorama", "ORG"), ("Haiders", "PER"), ("Haider", "PER"), ("Joe", "PER")]
    got = _in_order(text, spans)
    assert ("Bitkorama", "ORG") in got
    assert not any(n.startswith("Haiders ") for n, _ in got)
    assert ("Gauner Joe", "PER") not in got
