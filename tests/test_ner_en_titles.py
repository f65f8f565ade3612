"""English NER: words of office titles are not organisations."""

from lagebild.enrich import ner_en


def test_office_titles_are_not_organisations():
    text = (
        "Secretary of State Antony Blinken met Defense Secretary Lloyd Austin "
        "at the State Department. Microsoft hired him."
    )
    spans = ner_en.recognize_many_detailed([text])[0]
    orgs = {s.text for s in spans if s.label == "ORG"}
    assert "State" not in orgs and "Defense" not in orgs
    assert {"Antony Blinken", "Lloyd Austin"} <= {s.text for s in spans if s.label == "PER"}
    assert "Microsoft" in orgs


def test_an_organisation_before_an_office_stays():
    text = "NATO Secretary General Mark Rutte agreed, and the EU Foreign Minister disagreed."
    orgs = {s.text for s in ner_en.recognize_many_detailed([text])[0] if s.label == "ORG"}
    assert "NATO" in orgs


def _people(text: str) -> dict[str, list[str]]:
    from lagebild.enrich import enrich
    from lagebild.model import Article

    art = Article(title="Clinton in Ohio", text=text, language="en")
    enrich(art)
    return {e.name: [m.text for m in e.mentions] for e in art.entities if e.type == "PER"}


def test_titles_epithets_and_sentence_words_are_not_part_of_a_person():
    """The stop-32 audit on PolNeAR: "Secretary Clinton", "Crooked Hillary Clinton",
    "Neither Clinton", "Injecting Clinton" were persons of their own."""
    text = (
        "Hillary Clinton spoke in Ohio on Monday. Neither Clinton nor Trump mentioned the deal. "
        "Injecting Clinton into the race changed the tone, said Secretary Clinton's aide. "
        "Trump again called her Crooked Hillary Clinton at a rally. Secretary Clinton declined "
        "to comment. Former President Bill Clinton stayed home."
    )
    people = _people(text)
    assert "Hillary Clinton" in people, people
    assert not {n for n in people if n.split()[0] in ("Secretary", "Crooked", "Neither",
                                                      "Injecting", "Former", "President")}
    assert "Bill Clinton" in people  # a first name that is also a word stays


def test_an_institution_named_after_a_person_is_an_organisation():
    spans = ner_en.recognize_many_detailed(
        ["The George W. Bush Presidential Center hosted the event in Dallas."]
    )[0]
    center = [s for s in spans if "Center" in s.text]
    assert center and center[0].label == "ORG"


def test_a_participle_stays_when_no_longer_name_backs_the_cut():
    """``Sterling Brown`` alone: the -ing word is cut only when the rest ends like
    another, longer person name of the text."""
    from lagebild.enrich.ner import EntitySpan

    text = "Sterling Brown scored twice."
    spans = [EntitySpan(0, 14, "PER", None, "Sterling Brown")]
    assert ner_en._repair_persons(text, spans)[0].text == "Sterling Brown"
