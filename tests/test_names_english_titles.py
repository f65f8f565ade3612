"""Round 17 of the names guard, quoted titles and bracketed sources in English articles
(lagebild.enrich.names_english_titles; task A of stop 34; fails on the guard of 370cd50)."""

from __future__ import annotations

from lagebild.enrich import names_rules
from lagebild.enrich.resolve import resolve

from ._names import spans as _spans

TEXT = (
    "Of course the president is fair game, Fiorina told \"Fox and Friends,\" reminding the "
    "hosts that the party had said so. Carly Fiorina said the race was open.\n"
    "-Jonathan Bernstein takes another look at what happened in Iowa. [Bloomberg.]\n"
    "The show \"Meet the Press\" had Chuck Todd on the air, and the host asked about it.\n"
)
SPANS = (
    ("Fox", "PER"), ("Friends", "ORG"), ("Carly Fiorina", "PER"), ("Fiorina", "PER"),
    ("Jonathan Bernstein", "PER"), ("Bloomberg", "PER"), ("Meet the Press", "MISC"),
    ("Chuck Todd", "PER"), ("Iowa", "LOC"),
)  # fmt: skip


def _listed() -> set[tuple[str, str]]:
    return {(e.name, e.type) for e in resolve(TEXT, _spans(TEXT, *SPANS))}


def test_quoted_titles_and_bracketed_sources():
    got = _listed()
    names = {n for n, _ in got}
    assert ("Fox and Friends", "MISC") in got and "Fox" not in names and "Friends" not in names
    assert ("Bloomberg", "ORG") in got and ("Bloomberg", "PER") not in got
    assert ("Meet the Press", "MISC") in got and ("Chuck Todd", "PER") in got


def test_switched_off():
    old = names_rules.RULES
    names_rules.RULES = old - {"en_quoted_title", "en_bracket_source"}
    try:
        got = _listed()
    finally:
        names_rules.RULES = old
    assert ("Bloomberg", "PER") in got and ("Fox and Friends", "MISC") not in got
