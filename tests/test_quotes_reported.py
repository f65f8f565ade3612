"""Reported speech without a complement clause (issue 11 §2): the rule
``lagebild.enrich._quote_reported._reported_quote`` (switch ``lagebild.enrich.quotes.REPORTED``)."""

from __future__ import annotations

from pathlib import Path

import pytest

import lagebild.enrich.quotes as quotes_mod
from lagebild.enrich.quotes import find_quotes
from lagebild.enrich.sentences import split_sentences
from lagebild.evaluate.quotes import speaker_decisions_jsonl

SCALE_SET = Path(__file__).parent / "data" / "eval" / "quotes_speakers_de.jsonl"


@pytest.fixture
def reported():
    assert quotes_mod.REPORTED is True  # on by default



def _one(text: str):
    qs = find_quotes(text, split_sentences(text), min_confidence=0.0)
    assert len(qs) == 1, [(q.text, q.speaker_text) for q in qs]
    return qs[0]


def test_switch_off(monkeypatch):
    text = "Der Gipfel endete ohne Einigung. Merkel forderte einen Neuanfang in der Klimapolitik."
    assert [q.speaker_text for q in find_quotes(text, split_sentences(text))] == ["Merkel"]
    monkeypatch.setattr(quotes_mod, "REPORTED", False)
    assert find_quotes(text, split_sentences(text), min_confidence=0.0) == []


@pytest.mark.usefixtures("reported")
@pytest.mark.parametrize(
    ("text", "message", "speaker"),
    [
        ("Der Gipfel endete ohne Einigung. Merkel forderte einen Neuanfang in der Klimapolitik.",
         "einen Neuanfang in der Klimapolitik", "Merkel"),
        ("Die Wahl ist vorbei. Die Linke sprach von Wahlbetrug in mehreren Bezirken.",
         "von Wahlbetrug in mehreren Bezirken", "Die Linke"),
        ("Die Lage ist ruhig. Innenminister Thomas Weber bezeichnete die Proteste als friedlich.",
         "die Proteste als friedlich", "Innenminister Thomas Weber"),
        # the subject after the verb, not the fronted object
        ("Die Debatte geht weiter. Den Rücktritt des Ministers forderte die CDU.",
         "Den Rücktritt des Ministers", "die CDU"),
        ("Die Debatte geht weiter. Deutlich warnte die SPD vor einem Scheitern der Gespräche.",
         "vor einem Scheitern der Gespräche", "die SPD"),
        # a pronoun stands for the name before it (resolved with entities)
        ("Kuleba traf Borrell in Brüssel. Er forderte mehr Luftabwehrsysteme für sein Land.",
         "mehr Luftabwehrsysteme für sein Land", "Er"),
        # passive: the agent after "von"
        ("Die Einigung steht. Sie wurde von der UN ausdrücklich gefordert.", "Sie", "der UN"),
        # "sprach X von …": the name ends before "von"
        ("Die Umfragen sind knapp. In einem Interview sprach Angela Merkel von einer großen "
         "Koalition.", "von einer großen Koalition", "Angela Merkel"),
    ],
)
def test_reported_speaker_is_the_named_subject(text, message, speaker):
    q = _one(text)
    assert (q.text, q.speaker_text) == (message, speaker)
    assert q.evidence.startswith("reported/")


@pytest.mark.usefixtures("reported")
@pytest.mark.parametrize(
    "text",
    [
        "Die Lage ist ernst. Kritiker warnten vor den Folgen für die Umwelt.",
        # (a describing subject of "sprechen von" / "berichten von" speaks since
        # 2026-12-06 evening: tests/test_quotes_names_speaking.py)
        "Die Lage ist ernst. Hilfsorganisationen verlangten sichere Korridore.",
        # the object is no speaker either (was: no quote at all)
        "Der Minister forderte einen stärkeren Vorstoß gegen Nordkorea.",
    ],
)
def test_common_noun_subject_gives_the_report_without_speaker(text):
    q = _one(text)
    assert q.speaker_text is None and q.text


@pytest.mark.usefixtures("reported")
@pytest.mark.parametrize(
    "text",
    [
        # "sich aussprechen für" is no "sprechen von"
        "Stoiber sprach sich für einen Kompromiss mit der von der SPD favorisierten Lösung aus.",
        # an attributive participle is no reporting verb
        "Er hat sich zu dem von ihm geforderten Strafmaß bisher nicht geäußert.",
        # a coordinated verb: the subject is earlier, the number after it is an object
        "Tausende haben demonstriert und forderten 263 Millionen Euro als Ausgleich.",
        # "fordern" in its other sense
        "Zwölf Todesopfer forderte ein Taifun im Süden des Landes.",
        # "von" after a place word is no passive agent
        "Die Bevölkerung in der Nähe von Bergen wurde vor Erdrutschen gewarnt.",
        # announcements and stances are not in the rule (training/quotes/README.md)
        "Der Betreiber gab die Pläne am Montag bekannt.",
    ],
)
def test_no_reported_speaker(text):
    qs = find_quotes(text, split_sentences(text), min_confidence=0.0)
    assert not [q for q in qs if q.evidence.startswith("reported")]


def test_own_set_speakers_right_with_the_rule(monkeypatch, tmp_path):
    """Own hand-written paragraphs with reported speech (``kal_rep_*`` in the scale
    set): the rule adds right speakers and no wrong one."""
    own = tmp_path / "rep.jsonl"
    own.write_text(
        "".join(
            line + "\n"
            for line in SCALE_SET.read_text(encoding="utf-8").splitlines()
            if '"kal_rep_' in line
        ),
        encoding="utf-8",
    )
    on = speaker_decisions_jsonl(own)["decisions"]
    monkeypatch.setattr(quotes_mod, "REPORTED", False)
    off = speaker_decisions_jsonl(own)["decisions"]
    wrong = lambda ds: sum(not ok for *_, ok in ds)  # noqa: E731
    right = lambda ds: sum(ok for *_, ok in ds)  # noqa: E731
    assert wrong(on) == wrong(off)
    assert right(on) >= right(off) + 12
