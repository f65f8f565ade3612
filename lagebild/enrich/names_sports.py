"""Towns that stand for their clubs in a sports report (round 13 of the names guard).

The guard types a town's name as the club where a sports report says so (``Bremen`` beside
``Werder Bremen``, ``gegen Hannover``: :func:`lagebild.enrich.names_types._clubs_by_place`,
:func:`lagebild.enrich.names_cues._club_context`), but ``resolve`` lets the gazetteer's town
win over the model's span, and a town the model did not tag never reaches the guard.
:func:`club_towns` asks the same two rules about the gazetteer's towns, so ``resolve`` can
keep the club (switch ``sports_town`` in :mod:`lagebild.enrich.names_rules`); with
``sports_opponent`` a one-word town after ``gegen``/``über`` in a report with club words is
the club too, whatever the model said.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from lagebild.enrich import names_rules as _rules
from lagebild.enrich.names_context import scores
from lagebild.enrich.names_cues import _club_context
from lagebild.enrich.names_types import _clubs_by_place

Span = tuple[int, int, str]


def club_towns(
    text: str, spans: list[Span], towns: list[tuple[int, int]]
) -> set[tuple[int, int]]:
    """The town mentions of *towns* (``(start, end)`` of the gazetteer's cities and the model's
    one-word places) that name a club in this sports report: the guard's *spans* type exactly that text ORG, or the town
    rules of the guard make it ORG when it is given to them as a place.  A genitive
    (``Stuttgarts Harnik`` beside ``VfB Stuttgart``) is asked without its ``s``."""
    if not _rules.on("sports_town") or scores(text) < 2 or not towns:
        return set()
    org = {(a, b) for a, b, lab in spans if lab == "ORG"}
    out = {t for t in towns if t in org}
    if _rules.on("sports_opponent") and _has_clubs(text):
        out |= {(a, b) for a, b in towns if _opponent(text, a, b)}
    starts = sorted((a, b) for a, b, _ in spans)
    width = max((b - a for a, b in starts), default=0)
    keys = [a for a, _ in starts]

    def covered(a: int, b: int) -> bool:  # a span of the guard overlaps [a, b) (log time)
        lo, hi = bisect_left(keys, a - width), bisect_left(keys, b)
        return any(y > a for _, y in starts[lo:hi])

    free = [(a, b) for a, b in towns if (a, b) not in out and not covered(a, b)]
    if not free:
        return out
    asked: list[tuple[int, int, str]] = []
    ends: dict[tuple[int, int], tuple[int, int]] = {}
    for a, b in free:
        e = b - 1 if text[b - 1 : b] == "s" and b - a > 4 else b
        ends[(a, e)] = (a, b)
        asked.append((a, e, "LOC"))
    merged = sorted(spans + asked)
    for fn in (_club_context, _clubs_by_place):
        merged = fn(text, merged)
    for a, b, lab in merged:
        if lab == "ORG" and (a, b) in ends:
            out.add(ends[(a, b)])
    return out


_CLUB_WORD = re.compile(
    r"\b(?:FC|SC|SV|SK|VfB|VfL|TSV|TSG|Borussia|Eintracht|Werder|Rapid|Sturm|Austria|Real"
    r"|Atl[eé]tico)\b|\b\d\.\s?Runde\b|\bSpieltag|\bTabellen|\bBundesliga|\bLiga\b"
    r"|\bTrainer|\bTore?\b"
)


def _has_clubs(text: str) -> bool:
    """A report about teams: club words, rounds, tables, coaches or goals beside the scores."""
    return len(_CLUB_WORD.findall(text)) >= 2


def _opponent(text: str, a: int, b: int) -> bool:
    """``2:2 gegen Hannover``, ``Sieg über Augsburg``: a one-word town after ``gegen``/``über``."""
    before = text[max(0, a - 7) : a]
    return " " not in text[a:b] and bool(re.search(r"(?<![\w\-])(?:gegen|über) $", before))
