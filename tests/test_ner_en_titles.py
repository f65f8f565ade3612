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
