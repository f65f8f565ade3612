"""The coverage-gap classes of ``training/quotes/news_dev_errors.py`` (stop 34, task C)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training" / "quotes"))
from news_dev_errors import gap_class  # noqa: E402


def test_gap_class() -> None:
    assert gap_class(False, False, 0.0, False) == "not_found"
    assert gap_class(True, False, 0.0, False) == "no_speaker"
    assert gap_class(True, True, 1.0, True) == "shown_right"
    assert gap_class(True, True, 0.5, False) == "held_right"
    assert gap_class(True, True, 0.4, True) == "speaker_span"
    assert gap_class(True, True, 0.0, True) == "wrong_speaker"


def test_curve_thresholds_parse() -> None:
    from news_dev_split import parse_thresholds

    assert parse_thresholds("0.9,0,0.75,0.9") == (0.0, 0.75, 0.9)


def test_not_found_class() -> None:
    from news_dev_errors import not_found_class

    def cls(sentence: str, msg: tuple[int, int], src: tuple[int, int], form="Reported", cue=()):
        w = sentence.split()
        return not_found_class(form, list(cue), w, set(range(*msg)), set(range(*src)), False)

    # a short quoted word is a term; a longer quotation is direct speech
    s = "Sarkozy verteidigte die Bezeichnung „ Gesindel “ ."
    assert cls(s, (4, 7), (0, 1), "Direct") == "term"
    s = "Sie skandierten „ Frieden schaffen ohne Waffen und ohne Krieg jetzt “ ."
    assert cls(s, (2, 12), (0, 1), "Direct") == "direct"
    # the Source is a noun of what was said
    s = "Die Veranstaltung schloss mit dem Appell , die Wahrheit zu verbreiten ."
    assert cls(s, (7, 11), (4, 6), "Indirect", ["schloss", "mit"]) == "act_noun_source"
    s = "Die SPD will die Krankenversicherung weiterentwickeln ."
    assert cls(s, (0, 6), (0, 2)) == "intention"
    s = "Die Stellenkürzungen sollen vor allem die Verwaltung treffen ."
    assert cls(s, (0, 9), (0, 0), "FreeIndirect") == "sollen"
    s = "Die Opposition wies die Änderungen strikt zurück ."
    assert cls(s, (0, 8), (0, 2)) == "reported_verb"
    s = "Beobachter schließen daraus , dass die Regierung wankt ."
    assert cls(s, (5, 8), (0, 1), "Indirect", ["schließen", "daraus"]) == "cue_clause"
    s = "Laut Presseberichten ist er heute 24 Jahre alt ."
    assert cls(s, (2, 8), (1, 2), "Indirect", ["Laut"]) == "source_phrase"
    # a system quote in the same sentences (matched to another gold quote) comes first
    assert not_found_class("Direct", [], s.split(), {2, 3}, {1}, True) == "beside_quote"


def test_cue_less_probe_takes() -> None:
    from news_cue_less_probe import takes

    assert takes("sollen", "Die Kürzungen sollen vor allem die Verwaltung treffen .".split())
    # a "soll" only in a subordinate clause, a condition or a question is not taken
    assert not takes("sollen", "Der Entwurf , der vorgestellt werden soll , liegt vor .".split())
    assert not takes("sollen", "Sollte es regnen , fällt es aus .".split())
    assert not takes("sollen", "Soll der Bär erschossen werden ?".split())
    assert takes("intention", "Die SPD will die Steuern senken .".split())
    assert not takes("intention", "Die SPD senkt die Steuern .".split())
