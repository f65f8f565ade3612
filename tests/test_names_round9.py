"""Round 9 of the names guard (docs/benchmarks.md "Ninth round"): each rule on sentences
written for it, and the same sentence with the rule switched off."""

from __future__ import annotations

from lagebild.enrich import names_rules

from .test_names_round8 import _in_order


def _without(monkeypatch, *rules: str) -> None:
    monkeypatch.setattr(names_rules, "RULES", names_rules.RULES - set(rules))


def test_an_event_is_a_named_thing(monkeypatch):
    text = "Vor den Olympischen Spielen trainierte sie in Graz."
    assert _in_order(text, [("Olympischen Spielen", "ORG")]) == [("Olympischen Spielen", "MISC")]
    text2 = "Bei der Schwimm-WM in Budapest holte er Gold."
    assert _in_order(text2, [("Schwimm-WM", "LOC")]) == [("Schwimm-WM", "MISC")]
    text3 = "Im Finale der Canadian Open unterlag sie knapp."
    assert _in_order(text3, [("Canadian Open", "ORG")]) == [("Canadian Open", "MISC")]
    # a word alone is no event's name ("Spiele" after an article stays what the rest says)
    text4 = "Die Firma Epic Games kündigte ein neues Spiel an."
    assert _in_order(text4, [("Epic Games", "ORG")]) == [("Epic Games", "ORG")]
    _without(monkeypatch, "event_head")
    assert _in_order(text, [("Olympischen Spielen", "ORG")]) == [("Olympischen Spielen", "ORG")]


def test_english_designators_make_an_organisation(monkeypatch):
    text = "Ein Bericht der Berater Harlow Partners liegt vor."
    assert _in_order(text, [("Harlow Partners", "PER")]) == [("Harlow Partners", "ORG")]
    text2 = "Das Team vom Wexbridge College in London untersuchte Babys."
    assert _in_order(text2, [("Wexbridge College", "PER")]) == [("Wexbridge College", "ORG")]
    _without(monkeypatch, "org_designator_more")
    assert _in_order(text, [("Harlow Partners", "PER")]) == [("Harlow Partners", "PER")]


def test_more_apposition_heads(monkeypatch):
    text = "Die Webseite Quorvix hat die Fälle gesammelt."
    assert _in_order(text, [("Quorvix", "LOC")]) == [("Quorvix", "ORG")]
    text2 = "Das Outlet-Center Brandolo ist sonntags offen."
    assert _in_order(text2, [("Brandolo", "PER")]) == [("Brandolo", "LOC")]
    text3 = "Es geht zurück zum Alienplaneten Zorth."
    assert _in_order(text3, [("Zorth", "PER")]) == [("Zorth", "LOC")]
    text4 = "Er schickte eine Fortsetzung zur Spiel-Erweiterung Hollow Crown ein."
    assert _in_order(text4, [("Hollow Crown", "PER")]) == [("Hollow Crown", "MISC")]
    _without(monkeypatch, "apposition_more")
    assert _in_order(text, [("Quorvix", "LOC")]) == [("Quorvix", "LOC")]


def test_more_role_heads_before_a_name(monkeypatch):
    text = "Das Grundstück hat Waldorfpädagoge Tobias Reindl zur Verfügung gestellt."
    assert _in_order(text, [("Waldorfpädagoge Tobias Reindl", "PER")]) == [
        ("Tobias Reindl", "PER")
    ]
    text2 = "Die Polizeipräfektin Odile Marchand sprach von Ordnung."
    assert _in_order(text2, [("Polizeipräfektin Odile Marchand", "PER")]) == [
        ("Odile Marchand", "PER")
    ]
    _without(monkeypatch, "role_heads_more")
    assert _in_order(text, [("Waldorfpädagoge Tobias Reindl", "PER")]) == [
        ("Waldorfpädagoge Tobias Reindl", "PER")
    ]


def test_a_slash_dateline_is_places(monkeypatch):
    text = "Fellbach/Salzburg – Gegen ein geplantes Quartier regt sich Widerstand."
    assert _in_order(text, [("Fellbach/Salzburg", "PER")]) == [
        ("Fellbach", "LOC"),
        ("Salzburg", "LOC"),
    ]
    _without(monkeypatch, "slash_dateline")
    assert _in_order(text, [("Fellbach/Salzburg", "PER")]) == [
        ("Fellbach", "PER"),
        ("Salzburg", "PER"),
    ]


def test_the_first_part_of_a_truncated_compound_is_no_name(monkeypatch):
    text = "Forscher der Santa-Rosa- und der Oregon-State-Universität untersuchten das."
    assert _in_order(text, [("Santa-Rosa", "PER")]) == []
    _without(monkeypatch, "truncated_compound")
    assert _in_order(text, [("Santa-Rosa", "PER")]) == [("Santa-Rosa", "PER")]


def test_an_amount_is_no_name(monkeypatch):
    text = "Beim Anbieter kostet eine Kilowattstunde Strom 4,25 Cent brutto."
    assert _in_order(text, [("Strom 4,25 Cent", "MISC")]) == []
    assert _in_order("Er gewann in der Formel 1 zweimal.", [("Formel 1", "MISC")]) == [
        ("Formel 1", "MISC")
    ]
    _without(monkeypatch, "amount_span")
    assert _in_order(text, [("Strom 4,25 Cent", "MISC")]) == [("Strom 4,25 Cent", "MISC")]


def test_a_verb_used_as_a_noun_is_no_name(monkeypatch):
    text = "Sie hat gelacht. Artikulieren kann er es im Gericht nicht."
    assert _in_order(text, [("Artikulieren", "PER")]) == []
    text2 = "Das Baby reagiert mit einem Lächeln oder Glucksen darauf."
    assert _in_order(text2, [("Glucksen", "MISC")]) == []
    # a town that is also an infinitive is a place ("in Essen"): only PER and MISC
    text3 = "Das Spiel in Essen endete torlos."
    assert _in_order(text3, [("Essen", "LOC")]) == [("Essen", "LOC")]
    _without(monkeypatch, "nominal_infinitive")
    assert _in_order(text, [("Artikulieren", "PER")]) == [("Artikulieren", "PER")]


def test_a_town_adjective_alone_is_no_place(monkeypatch):
    text = "Der Antrag der Tiraner Justiz liegt vor, erklärt der Tiraner Anwalt Edi Rama."
    assert _in_order(text, [("Tiraner", "LOC"), ("Tiraner", "PER"), ("Edi Rama", "PER")]) == [
        ("Edi Rama", "PER")
    ]
    # a place ending in -er that is used as a place stays ("in Lauder wohnt")
    text2 = "Er lebt in Lauder. Lauder ist klein."
    assert _in_order(text2, [("Lauder", "LOC"), ("Lauder", "LOC")]) == [
        ("Lauder", "LOC"),
        ("Lauder", "LOC"),
    ]
    text3 = "Das dauert noch, heißt es in Tiraner Justizkreisen."
    assert _in_order(text3, [("Tiraner Justizkreisen", "LOC")]) == []
    _without(monkeypatch, "lone_town_adjective", "town_adjective_plural")
    got = _in_order(text, [("Tiraner", "LOC"), ("Tiraner", "PER"), ("Edi Rama", "PER")])
    assert "Tiraner" in {name for name, _ in got}
    assert _in_order(text3, [("Tiraner Justizkreisen", "LOC")]) == [
        ("Tiraner Justizkreisen", "LOC")
    ]


def test_a_collective_plural_is_no_place(monkeypatch):
    text = "Die Bank hält Anteile an Reedereien, Winzereien und Immobilien."
    assert _in_order(text, [("Winzereien", "LOC")]) == []
    _without(monkeypatch, "collective_plural")
    assert _in_order(text, [("Winzereien", "LOC")]) == [("Winzereien", "LOC")]


def test_a_town_and_its_river_are_one_place(monkeypatch):
    text = "Der Unfall geschah im Bezirk Bruck an der Leitha am Abend."
    assert _in_order(text, [("Leitha", "ORG")]) == [("Bruck an der Leitha", "LOC")]
    text2 = "Die Unterkunft in Lofer am Saalach ist voll."
    assert _in_order(text2, [("Lofer", "LOC")]) == [("Lofer am Saalach", "LOC")]
    # a known word after "am" is no river ("in Linz am Montag")
    text5 = "Er sprach in Linz am Montag."
    assert _in_order(text5, [("Linz", "LOC")]) == [("Linz", "LOC")]
    # not a noun phrase before "an der" / "am" (an article or adjective before it)
    text3 = "Er lud ein paar Minuten am Chargex und fuhr weiter."
    assert _in_order(text3, [("Chargex", "LOC")]) == [("Chargex", "LOC")]
    text4 = "Das große Interesse an der Leitha wuchs."
    assert _in_order(text4, [("Leitha", "LOC")]) == [("Leitha", "LOC")]
    # a word of another name before "am" is no town ("Hotel Lindwald an der Pielach")
    text6 = "Sie wohnen im ehemaligen Hotel Lindwald an der Pielach."
    assert _in_order(text6, [("Hotel Lindwald", "ORG"), ("Pielach", "LOC")]) == [
        ("Hotel Lindwald", "ORG"),
        ("Pielach", "LOC"),
    ]
    _without(monkeypatch, "place_particle")
    assert _in_order(text, [("Leitha", "ORG")]) == [("Leitha", "ORG")]


def test_a_surname_is_no_place(monkeypatch):
    text = (
        "Die Ehefrau von Konzernchef Wolfgang Brandner, Cattina Brandner, spendete. "
        "Der Großteil kam von Brandner."
    )
    spans = [("Wolfgang Brandner", "PER"), ("Cattina Brandner", "PER"), ("Brandner", "LOC")]
    assert ("Brandner", "PER") in _in_order(text, spans)
    # a place after a locative preposition stays a place
    text2 = "Anna Ebensee kam aus Linz. Sie wohnt in Ebensee."
    assert ("Ebensee", "LOC") in _in_order(text2, [("Anna Ebensee", "PER"), ("Ebensee", "LOC")])
    _without(monkeypatch, "surname_place")
    assert ("Brandner", "LOC") in _in_order(text, spans)


def test_an_abbreviation_after_an_organisation_is_it(monkeypatch):
    text = "Das kommt vom Verwaltungsgerichtshof (VwGH) in Wien."
    spans = [("Verwaltungsgerichtshof", "ORG"), ("VwGH", "LOC")]
    assert _in_order(text, spans) == [("Verwaltungsgerichtshof", "ORG"), ("VwGH", "ORG")]
    # a party after a person is no abbreviation of the person
    text2 = "Das sagte Johanna Berger (ÖVP) am Dienstag."
    assert _in_order(text2, [("Johanna Berger", "PER"), ("ÖVP", "ORG")])[1] == ("ÖVP", "ORG")
    _without(monkeypatch, "acronym_paren")
    assert _in_order(text, spans)[1] == ("VwGH", "LOC")


def test_a_first_name_taken_for_a_place_joins_the_person(monkeypatch):
    text = (
        "Der Bankier Dragan Petkow lebt in Belgrad. Seit 2003 war Dragan Petkow "
        "Mehrheitseigner, im selben Jahr, in dem Dragan Petkow die Bank kaufte."
    )
    spans = [("Dragan Petkow", "PER"), ("Dragan Petkow", "PER"), ("Dragan", "LOC"), ("Petkow", "PER")]
    assert ("Dragan", "LOC") not in _in_order(text, spans)
    # two persons the guard split stay apart ("Niessl Doskozil")
    _without(monkeypatch, "first_name_join")
    assert ("Dragan", "LOC") in _in_order(text, spans)


def test_a_word_that_ends_only_its_own_span_is_no_surname(monkeypatch):
    text = "Woher das Fleisch stammt, ist offen. Spaltpilz Gentechnik · Kompliziert wird es."
    assert _in_order(text, [("Spaltpilz Gentechnik", "PER")]) == []
    # a surname the article gives in full elsewhere stays ("Kohl" of "Helmut Kohl")
    text2 = "Helmut Kohl klagte. Kohl sagte nichts."
    assert _in_order(text2, [("Helmut Kohl", "PER"), ("Kohl", "PER")]) == [
        ("Helmut Kohl", "PER"),
        ("Kohl", "PER"),
    ]
    _without(monkeypatch, "self_surname")
    assert _in_order(text, [("Spaltpilz Gentechnik", "PER")]) == [("Gentechnik", "PER")]
