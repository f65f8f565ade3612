"""Round 13 of the names guard: towns standing for their clubs in sports reports
(lagebild.enrich.names_sports, typed in resolve), genitives, ships and devices."""

from __future__ import annotations

import re

from lagebild.enrich import names_rules
from lagebild.enrich.resolve import resolve


def _spans(text: str, *names: tuple[str, str]) -> list[tuple[int, int, str]]:
    out = []
    for name, lab in names:
        for m in re.finditer(re.escape(name), text):
            out.append((m.start(), m.end(), lab))
    return out


def _types(text, spans, name):
    return {e.type for e in resolve(text, spans) if e.name == name}


SPORT = (
    "Werder Bremen gewinnt 2:0 gegen Mainz 05. Der FC Ingolstadt spielte 1:1 in Köln. "
    "Trainer Skripnik war zufrieden. Bremen kann nun auf Platz zehn vorrücken. "
    "Augsburg gelang ein Sieg. Der Spieltag endete mit einem 2:2 gegen Hannover."
)


def test_town_for_club_in_sports_report(monkeypatch):
    spans = _spans(
        SPORT, ("Werder Bremen", "ORG"), ("Mainz 05", "ORG"), ("FC Ingolstadt", "ORG"),
        ("Augsburg", "LOC"),
    )  # fmt: skip
    assert _types(SPORT, spans, "Bremen") == {"ORG"}  # beside "Werder Bremen": the gazetteer said LOC
    assert _types(SPORT, spans, "Hannover") == {"ORG"}  # "gegen Hannover"
    # "Augsburg gelang": a town as the subject stays the town (a rule for it was measured and
    # left out: on the dev pool it dropped one right pair and no wrong one)
    assert _types(SPORT, spans, "Augsburg") == {"LOC"}
    assert _types(SPORT, spans, "Köln") == {"LOC"}  # "in Köln" stays the place
    rules = names_rules.RULES
    monkeypatch.setattr(names_rules, "RULES", rules - {"sports_opponent"})
    assert _types(SPORT, spans, "Hannover") == {"ORG"}  # still: beside the clubs, not after "in"
    monkeypatch.setattr(names_rules, "RULES", rules - {"sports_town"})  # the round-12 guard
    assert _types(SPORT, spans, "Hannover") == {"LOC"}
    assert _types(SPORT, spans, "Bremen") == {"LOC"}


def test_town_outside_sports_report_stays_place():
    text = "Bremen kann nun mit dem Bau beginnen. Die Stadt sprach gegen Hannover. Werder Bremen spielt."
    spans = _spans(text, ("Werder Bremen", "ORG"))
    assert _types(text, spans, "Bremen") == {"LOC"}
    assert _types(text, spans, "Hannover") == {"LOC"}


def test_vessel_apposition_makes_ships_and_probes_things(monkeypatch):
    text = (
        "Die Suche nach dem Containerfrachter El Faro geht weiter. Russische Jets überflogen "
        "den US-Lenkwaffenzerstörer Donald Cook. Sie landeten auf dem Luftwaffenstützpunkt "
        "Mihail Kogalniceanu."
    )
    spans = _spans(text, ("El Faro", "ORG"), ("Donald Cook", "PER"), ("Mihail Kogalniceanu", "PER"))
    assert _types(text, spans, "El Faro") == {"MISC"}
    assert _types(text, spans, "Donald Cook") == {"MISC"}
    assert _types(text, spans, "Mihail Kogalniceanu") == {"LOC"}
    monkeypatch.setattr(names_rules, "RULES", names_rules.RULES - {"vessel_apposition"})
    assert _types(text, spans, "Donald Cook") == {"PER"}


def _names(text, spans):
    return {(e.name, e.type) for e in resolve(text, spans)}


def test_genitive_name_loses_its_s(monkeypatch):
    text = (
        "Seit der Ära Mao Zedongs kämpft die Partei dagegen. Der britische Sänger Robbie "
        "Williams kam. Es geht um Werke Egon Schieles und andere Schiele-Bilder."
    )
    spans = _spans(
        text, ("Mao Zedongs", "PER"), ("Robbie Williams", "PER"), ("Egon Schieles", "PER")
    )
    names = _names(text, spans)
    assert {("Mao Zedong", "PER"), ("Egon Schiele", "PER"), ("Robbie Williams", "PER")} <= names
    monkeypatch.setattr(names_rules, "RULES", names_rules.RULES - {"genitive_name"})
    assert ("Mao Zedongs", "PER") in _names(text, spans)


def test_result_list_referee_and_glued_ground(monkeypatch):
    text = (
        "Bundesliga, 29. Runde: SV Grödig – SK Sturm GrazGoldberg-Stadion, 16 Uhr, SR Ouschan. "
        "Bisherige Ergebnisse: 2:0, 1:1."
    )
    spans = _spans(text, ("SV Grödig", "ORG"), ("SK Sturm GrazGoldberg-Stadion", "ORG"),
                   ("SR Ouschan", "ORG"))  # fmt: skip
    names = _names(text, spans)
    assert ("SK Sturm Graz", "ORG") in names and ("Ouschan", "PER") in names
    monkeypatch.setattr(names_rules, "RULES", names_rules.RULES - {"referee_lead", "venue_glue"})
    names = _names(text, spans)
    assert ("SR Ouschan", "ORG") in names and ("SK Sturm Graz", "ORG") not in names


def test_english_alias_in_german_article_is_no_place(monkeypatch):
    text = (
        "Die Zahl stieg. Das berechnete die Statistik Austria am Montag. Der Wert liegt bei "
        "1,2 Prozent. Er muss nun noch bestätigt werden. Die Regierung ist zufrieden. "
        "Das ist nicht alles."
    )
    spans = _spans(text, ("Austria", "ORG"))
    assert not any(e.name in ("Österreich", "Austria") for e in resolve(text, spans))
    english = "Austria said on Monday that the figure rose. The government is pleased and it was not all."
    assert ("Österreich", "LOC") in _names(english, [])  # only German text
    monkeypatch.setattr(names_rules, "RULES", names_rules.RULES - {"english_alias"})
    assert ("Österreich", "LOC") in _names(text, spans)
