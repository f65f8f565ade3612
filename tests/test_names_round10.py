"""Round 10 of the names guard (docs/benchmarks.md "Tenth round", lagebild.enrich.names_cues):
each rule on sentences written for it, and the same text with the rule switched off."""

from __future__ import annotations

from lagebild.enrich import names_rules

from .test_names_round8 import _in_order


def _without(monkeypatch, *rules: str) -> None:
    monkeypatch.setattr(names_rules, "RULES", names_rules.RULES - set(rules))


RESULTS = (
    "Zweites Training in Sakhir: 1. Nico Rosberg (GER) Mercedes 1:31,442 Min. – "
    "2. Kevin Magnussen (DEN) Haas 1:31,880 – 3. Sergio Perez (MEX) Force India 1:32,010."
)


def test_a_country_code_in_a_result_table_is_the_country(monkeypatch):
    spans = [("Nico Rosberg", "PER"), ("GER", "ORG"), ("Kevin Magnussen", "PER"), ("DEN", "ORG")]
    got = _in_order(RESULTS, spans)
    assert ("GER", "LOC") in got and ("DEN", "LOC") in got
    # a party after a politician is no country
    text = "Landeshauptmann Hans Gruber (SPÖ) lehnte ab."
    assert ("SPÖ", "ORG") in _in_order(text, [("Hans Gruber", "PER"), ("SPÖ", "ORG")])
    _without(monkeypatch, "country_code")
    assert ("GER", "ORG") in _in_order(RESULTS, spans)


MATCHES = (
    "Der FC Ingolstadt kam vor eigenem Publikum gegen Hannover nur zu einem 2:2. "
    "Borussia Dortmund gewann in Stuttgart 3:0, der von RB Leipzig umworbene Stürmer traf."
)


def test_a_town_is_its_club_in_a_match_report(monkeypatch):
    spans = [
        ("FC Ingolstadt", "ORG"),
        ("Hannover", "LOC"),
        ("Borussia Dortmund", "ORG"),
        ("Stuttgart", "LOC"),
        ("Leipzig", "LOC"),
    ]
    got = _in_order(MATCHES, spans)
    assert ("Hannover", "ORG") in got  # "gegen Hannover": the club
    assert ("Stuttgart", "LOC") in got  # "in Stuttgart": the town
    assert ("RB Leipzig", "ORG") in got
    # no match report (one score): the town stays a town
    text = "Der FC Ingolstadt lud zum Fest, die Fans fuhren gegen Mittag nach Hannover 1:0 vorn."
    assert ("Hannover", "LOC") in _in_order(text, [("FC Ingolstadt", "ORG"), ("Hannover", "LOC")])
    _without(monkeypatch, "club_context")
    got = _in_order(MATCHES, spans)
    assert ("Hannover", "LOC") in got and ("Leipzig", "LOC") in got


ARTICLE = (
    "Die Firma hat am Montag neue Regeln vorgestellt. Wer Levels verändert, verletze ihre "
    "Rechte, berichtet Gamorix. Die Fans reagierten verärgert. Sängerin Lumara nannte die "
    "Regeln kleinlich. Das sei ein Fehler, sagte Brenneis am Abend. Auch Kowarik (54) "
    "protestierte. Eine Antwort blieb aus."
)


def test_a_lone_person_needs_a_sign_of_a_person(monkeypatch):
    spans = [
        ("Gamorix", "PER"),
        ("Lumara", "PER"),
        ("Brenneis", "PER"),
        ("Kowarik", "PER"),
    ]
    got = _in_order(ARTICLE, spans)
    # "berichtet Gamorix": a site reports -- no sign of a person anywhere
    assert ("Gamorix", "PER") not in got
    # a role before it, a speech verb beside it, an age after it
    assert {("Lumara", "PER"), ("Brenneis", "PER"), ("Kowarik", "PER")} <= set(got)
    # a sentence alone is no article: no absence of a sign can be read in it
    one = "Verletze ihre Rechte, berichtet Gamorix."
    assert _in_order(one, [("Gamorix", "PER")]) == [("Gamorix", "PER")]
    _without(monkeypatch, "lone_person_cue")
    assert ("Gamorix", "PER") in _in_order(ARTICLE, spans)


def test_a_role_before_a_name_is_cut(monkeypatch):
    text = "So durfte Tormann Bernd Leno sein Comeback feiern."
    assert _in_order(text, [("Tormann Bernd Leno", "PER")]) == [("Bernd Leno", "PER")]
    _without(monkeypatch, "role_lead_more")
    assert _in_order(text, [("Tormann Bernd Leno", "PER")]) == [("Tormann Bernd Leno", "PER")]


def test_a_first_name_and_a_place_the_gazetteer_lacks_are_one_person(monkeypatch):
    text = "Zuvor hatte Klaas-Jan Huntelaar mit einem Elfmeter getroffen."
    spans = [("Klaas-Jan", "PER"), ("Huntelaar", "LOC")]
    assert _in_order(text, spans) == [("Klaas-Jan Huntelaar", "PER")]
    # a known place after a person stays the place
    text2 = "Am Abend traf Kurz Berlin nicht an."
    assert _in_order(text2, [("Kurz", "PER"), ("Berlin", "LOC")]) == [
        ("Kurz", "PER"),
        ("Berlin", "LOC"),
    ]
    _without(monkeypatch, "person_place_join")
    assert _in_order(text, spans) == [("Klaas-Jan", "PER"), ("Huntelaar", "LOC")]


LINEUP = (
    "Die Gastgeber begannen stark, das Spiel blieb lange offen. Nach der Pause fiel das Tor. "
    "Die Gäste drängten auf den Ausgleich. Der Schiedsrichter pfiff zweimal ab. Es blieb beim "
    "1:0. Aufstellung: Walke – Schwegler, Miranda, Caleta-Car, Ulmer – Bernardo – Lazaro. "
    "Bischof Zsifkokvics sah zu, auch Mitterrand."
)


def test_a_line_up_a_title_or_a_known_surname_is_a_sign_of_a_person():
    # (after the freeze, from the 300-article check: persons the rule had dropped)
    spans = [("Bernardo", "PER"), ("Lazaro", "PER"), ("Zsifkokvics", "PER"), ("Mitterrand", "PER")]
    got = _in_order(LINEUP, spans)
    assert {("Bernardo", "PER"), ("Zsifkokvics", "PER"), ("Mitterrand", "PER")} <= set(got)
