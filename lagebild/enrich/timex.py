"""Temporal expressions: find them in German (and English) news text and normalise them.

Values follow TIMEX3 (TimeML): ``2023-12-09`` (day), ``2023-12`` (month),
``2023-W49`` (ISO week), ``2023-W49-WE`` (weekend), ``2023-Q3`` (quarter),
``2023-SU`` (season), ``2023`` (year), ``202`` (decade), ``19`` (century),
``2023-12-09T15:00`` / ``2023-12-09TEV`` (time of day), ``PAST_REF`` /
``PRESENT_REF`` / ``FUTURE_REF``, durations ``P2W`` / ``PXY`` / ``PT24H``
and sets ``P1D`` / ``XXXX-WXX-1``.

Relative expressions are resolved against the *anchor*, the publication date;
then :func:`lagebild.enrich._timex_narrative.anchor_narrative` re-anchors
year-less dates in background and history passages to the date the text is
telling, and anchored relatives (``drei Tage später``, ``am Vortag``) to the
last date mentioned (see ``docs/dates.md``).
Where an expression does not say which way to go (``am Samstag``, ``im Juni``,
``am 20. Januar``) the direction comes from the tense of the clause around it:

* past cues (``war``, ``wurde``, ``hatte``, Perfekt, Präteritum forms, English
  ``was``/``said``/``-ed``) -> the most recent such day or month on or before
  the anchor;
* future cues (``wird``/``werden``/``werde``, ``soll``, ``will``, ``plant``,
  English ``will``/``expected to``) -> the next one after the anchor;
* no cue -> weekdays go to the past (news convention: reports tell what has
  happened), day/month names to the nearest occurrence.

Without an anchor nothing is invented: values stay underspecified
(``XXXX-11``, ``XXXX-11-20``, ``XXXX-WXX-6``, ``XXXX-XX-XX``), explicit years
are still kept.

Span conventions (as in TimeML): prepositions (``am``, ``im``, ``seit``,
``ab``, ``von``/``bis``, ``in``) are signals and stay outside the span;
determiners that stand on their own (``der vergangenen Woche``) and modifiers
(``Anfang Juni``, ``Ende 2023``, ``vor zwei Wochen``) are inside.  Ranges such
as ``2018-19`` or ``20. bis 22. Januar`` give one expression per end point.

The matcher is a set of regular expressions; every rule proposes candidates,
the longest non-overlapping ones win.  A 5 000-character article takes about a
millisecond or two.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence

from lagebild.enrich._timex_context import _Cand, _Ctx, _Rule
from lagebild.enrich._timex_lex import _tense_cues
from lagebild.enrich._timex_narrative import BOUNDARY_RE, THING_DATE_RE, Item, anchor_narrative
from lagebild.enrich._timex_rules import (
    _SCANNERS,
)
from lagebild.model import TimeExpr

__all__ = ["find_times", "sentence_dates"]

# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def find_times(text: str, *, anchor: dt.date | None, lang: str = "de") -> list[TimeExpr]:
    """Find and normalise the temporal expressions in ``text``.

    Args:
        text: the (cleaned) article text; offsets refer to it.
        anchor: the publication date relative expressions are resolved against;
            ``None`` leaves relative values underspecified (``XXXX-11``).
        lang: ``"de"`` (default) or ``"en"``; other languages fall back to German rules.

    Returns:
        Non-overlapping expressions in text order (the longest candidate wins
        where rules overlap).
    """
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    lang = lang if lang in _SCANNERS else "de"
    scanner = _SCANNERS[lang]
    ctx = _Ctx(text=text, anchor=anchor, lang=lang)
    # (length, start, rule index, cands, match)
    groups: list[tuple[int, int, int, list[_Cand], re.Match[str]]] = []
    for ri, hits in enumerate(scanner.hits(text)):
        if not hits:
            continue
        rule = scanner.rules[ri]
        for m in _matches(rule.regex, text, hits):
            cands = rule.handler(m, ctx)
            if not cands:
                continue
            s = min(c[0] for c in cands)
            e = max(c[1] for c in cands)
            if e <= s:
                continue
            groups.append((e - s, s, ri, cands, m))
    groups.sort(key=lambda g: (-g[0], g[1], g[2]))
    taken: list[tuple[int, int]] = []  # sorted, non-overlapping
    items: list[Item] = []
    free_ctx = _Ctx(text=text, anchor=None, lang=lang)
    for _length, _s, ri, cands, m in groups:
        if any(_overlaps(taken, c[0], c[1]) for c in cands):
            continue
        for c in cands:
            bisect.insort(taken, (c[0], c[1]))
            rule = scanner.rules[ri]
            items.append((c, rule.name, _free_value(rule, m, c, free_ctx)))
    items.sort(key=lambda it: it[0])
    # Step 2: year-less dates and anchored relatives take the time the text is telling.
    chosen = anchor_narrative(items, ctx)
    out: list[TimeExpr] = []
    last_day: tuple[int, str] | None = None  # (sentence start, day value) for clock times
    story_day: str | None = None  # the last day the report tells of (not "die Verfügung vom …")
    night: str | None = None  # the day whose night was named last ("in der Nacht zum 22. Juni")
    for i, (s, e, value, type_) in enumerate(chosen):
        clock = _clock_day(ctx, s, value, type_,
                           _next_day(ctx, e, chosen[i + 1 : i + 2]) or last_day, story_day)
        if clock != value and night and clock.startswith(night + "T") \
                and re.match(r"T(?:0\d|1[01]):", clock[10:]):
            # "In der Nacht zum 22. Juni ... um 3.15 Uhr": the early hours of the next day
            clock = (dt.date.fromisoformat(night) + dt.timedelta(days=1)).isoformat() + clock[10:]
        value = clock
        if type_ in ("DATE", "TIME") and _DAY_RE.match(value) and value[:1].isdigit():
            last_day = (ctx.sentence_of(s)[0], value[:10])
            night = value[:10] if value.endswith("TNI") else None
            if not _ATTRIBUTE_BEFORE.search(text, max(0, s - 16), s):
                story_day = value[:10]
        out.append(TimeExpr(text=text[s:e], value=value, start=s, end=e, type=type_))
    return out


def _free_value(
    rule: _Rule, m: re.Match[str], cand: _Cand, free_ctx: _Ctx
) -> Callable[[], str | None]:
    """The value the text alone gives (the rule re-run without an anchor), computed on demand."""

    def free() -> str | None:
        for c in rule.handler(m, free_ctx) or ():
            if (c[0], c[1]) == (cand[0], cand[1]):
                return c[2]
        return None

    return free


_BEFORE, _AFTER = 48, 120  # window around a trigger hit (longest expression < 120 chars)


def _matches(rx: re.Pattern[str], text: str, hits: list[int]) -> Iterable[re.Match[str]]:
    """The matches of ``rx`` around the trigger positions ``hits``."""
    n = len(text)
    last_end = 0
    for p in hits:
        if p < last_end:
            continue
        lo = max(last_end, p - _BEFORE)
        while lo <= p:
            hi = min(n, p + _AFTER)
            m = rx.search(text, lo, hi)
            if m is not None and m.end() == hi < n:
                m = rx.search(text, lo)  # the window may have cut the match short
            if m is None or m.start() > p:
                break
            yield m
            last_end = lo = max(m.end(), m.start() + 1)


def _clock_day(ctx: _Ctx, s: int, value: str, type_: str, last_day: tuple[int, str] | None,
               story_day: str | None = None) -> str:
    """"am Samstag um 15 Uhr": a clock time takes the day named before it in the sentence."""
    if type_ != "TIME" or last_day is None or not re.search(r"T\d\d:\d\d$", value):
        return value
    if last_day[0] != ctx.sentence_of(s)[0]:
        if story_day is None:
            return value
        last_day = (last_day[0], story_day)
        # "Am vergangenen Freitag, den 9. März … eröffnete gegen 10:30 Uhr die Sitzung": in a
        # report, a clock time without a day of its own takes the story's day when that lies
        # in the week before publication and the clause does not look ahead.
        anchor = ctx.anchor
        if anchor is None or not value.startswith(anchor.isoformat()):
            return value
        try:
            story = dt.date.fromisoformat(last_day[1])
        except ValueError:
            return value
        s0, s1 = ctx.sentence_of(s)
        line0 = ctx.text.rfind("\n", 0, s) + 1
        line1 = ctx.text.find("\n", s)
        if len(ctx.text[line0 : line1 if line1 >= 0 else len(ctx.text)].strip()) <= 16:
            return value  # a time stamp on a line of its own ("2 p.m." in a live blog)
        if not 1 <= (anchor - story).days <= 7 or ctx.direction(s, s + 1) > 0 \
                or _TODAY_RE.search(ctx.text, s0, s1) or _HABIT_RE.search(ctx.text, s0, s1) \
                or _ATTRIBUTE_BEFORE.search(ctx.text, max(0, s - 16), s):
            return value  # ("Ab 9 Uhr morgens bringt die Bahn nun wieder täglich …")
    return last_day[1] + value[value.index("T"):]


# "die Verfügung vom 17. Januar", "seit dem 3. Mai", "bis zum 20. Juni": not the report's day.
_ATTRIBUTE_BEFORE = re.compile(r"\b(?:vom|von|aus dem|seit(?: dem)?|bis(?: zum)?|ab(?: dem)?|dated"
                               r"|since|until|from)\s+(?:\w+,?\s+(?:den\s+)?)?$", re.I)
_HABIT_RE = re.compile(r"\b(?:täglich|jeden|jede|immer|stets|daily|every)\b", re.I)
_TODAY_RE = re.compile(r"\b(?:[Hh]eute|heutigen|[Tt]oday|[Tt]onight|[Jj]etzt)\b")


_DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CLOCK_THEN_DAY = re.compile(r"\s+(?:am|on)\s+$")


def _next_day(ctx: _Ctx, end: int, following: list) -> tuple[int, str] | None:
    """"gegen 17 Uhr am Freitagnachmittag": a clock time followed by its day takes that day."""
    if not following:
        return None
    s, _e, value, type_ = following[0]
    if type_ not in ("DATE", "TIME") or not _DAY_RE.match(value) or not value[:1].isdigit():
        return None
    if not _CLOCK_THEN_DAY.match(ctx.text[end:s]) or s - end > 8:
        return None
    return (ctx.sentence_of(end)[0], value[:10])


def _overlaps(taken: list[tuple[int, int]], s: int, e: int) -> bool:
    i = bisect.bisect_left(taken, (s, s))
    if i > 0 and taken[i - 1][1] > s:
        return True
    return i < len(taken) and taken[i][0] < e





_GRANULARITY = [
    (re.compile(r"^[\dX]{4}-(?:[\dX]{2}-[\dX]{2}|W[\dX]{2}-\d)$"), 5),  # day, weekday
    (re.compile(r"^[\dX]{4}-W[\dX]{2}(?:-WE)?$"), 4),  # week, weekend
    (re.compile(r"^[\dX]{4}-[\dX]{2}$"), 3),  # month
    (re.compile(r"^[\dX]{4}-(?:Q|H)[\dX]$|^[\dX]{4}-(?:SP|SU|FA|WI)$"), 2),  # quarter, season
    (re.compile(r"^[\dX]{4}$"), 1),  # year
]


def _specificity(value: str) -> tuple[int, int]:
    """(granularity, known digits) of a calendar value; (0, 0) if nothing is known."""
    known = sum(ch.isdigit() for ch in value)
    if not known:
        return (0, 0)
    for rx, rank in _GRANULARITY:
        if rx.match(value):
            return (rank, known)
    return (0, known)  # decade, century


def sentence_dates(
    text: str,
    sentences: Sequence[tuple[int, int]] | Iterable[tuple[int, int]],
    times: Sequence[TimeExpr],
    *,
    anchor: dt.date | None,
) -> list[tuple[str | None, str]]:
    """Give every sentence an event date.

    The governing expression of a sentence is its most specific DATE (or TIME,
    cut to its date) expression: finest granularity (day, week, month,
    quarter/season, year, decade), then most known digits, then the first.
    ``PAST_REF``-like values and durations never govern, and neither do values
    without a single known digit (``XXXX-XX-XX``) or limits (``vor 1933``,
    ``seit 2019``, ``bis Juni``: they do not say when the sentence's event was).
    A date on or before publication governs before any date after it.  A date that says when a
    thing was made (``ein Abkommen aus dem Jahr 2018``) never governs; a sentence with nothing
    else has an unknown date.

    Two cases keep a sentence off the publication day:

    * a governing date that begins after the publication date is a scheduled
      date, not the day of the report's event: it is kept, typed ``"planned"``;
    * a sentence without a date of its own inside a background passage (the
      last dated sentence of its paragraph is set in another year than the
      publication, more than two months before it) told in the past tense has
      an unknown date, not the publication date: ``(None, "none")``.  A
      sentence in the present or future brings the passage back to the news.

    Args:
        text: the text the offsets refer to (for paragraph breaks).
        sentences: ``(start, end)`` of each sentence.
        times: the expressions ``find_times`` found in ``text``.
        anchor: the publication date, used where a sentence has no date of its own.

    Returns:
        One ``(value, source)`` per sentence: ``(value, "text")``, ``(value, "planned")``,
        ``(anchor ISO date, "published")`` or ``(None, "none")``.
    """
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    ordered = sorted(times, key=lambda t: t.start)
    starts = [t.start for t in ordered]
    out: list[tuple[str | None, str]] = []
    background = False  # the paragraph so far tells of another year than the publication's
    last_end = 0
    for s, e in sentences:
        if "\n" in text[last_end:s]:
            background = False
        last_end = e
        best: tuple[tuple[bool, tuple[int, int]], str] | None = None
        thing_dated = False
        for t in ordered[bisect.bisect_left(starts, s) :]:
            if t.start >= e:
                break
            if t.end > e or t.type not in ("DATE", "TIME"):
                continue
            value = t.value.split("T", 1)[0] if t.type == "TIME" else t.value
            spec = _specificity(value)
            if spec[1] == 0 or BOUNDARY_RE.search(text[max(0, t.start - 24) : t.start]):
                continue  # "vor 1933", "seit 2019", "bis Ende Juni": a limit, not when it happened
            if THING_DATE_RE.search(text[max(0, t.start - 48) : t.start]):
                thing_dated = True  # "ein Militärabkommen aus dem Jahr 2018": when a thing was made
                continue
            # The happening or announcement before a scheduled date: "Im März kündigte er an,
            # am 1. Juni zurückzutreten" is dated March; only a sentence with nothing but
            # scheduled dates is "planned".
            first = _first_day(value)
            rank = (not (anchor is not None and first is not None and first > anchor), spec)
            if best is None or rank > best[0]:
                best = (rank, value)
        if best is not None:
            first = _first_day(best[1])
            if anchor is not None and first is not None and first > anchor:
                out.append((best[1], "planned"))
                continue
            out.append((best[1], "text"))
            # Another year, and not just the turn of the year ("am 30. Dezember" in early January).
            background = (anchor is not None and first is not None and first.year != anchor.year
                          and (anchor - first).days > 62)
        elif thing_dated:
            out.append((None, "none"))  # only a thing's date: not the publication day either
        elif background and _past_tense(text[s:e]):
            out.append((None, "none"))
        elif anchor is not None:
            background = False  # present or future tense: back in the news
            out.append((anchor.isoformat(), "published"))
        else:
            out.append((None, "none"))
    return out


def _past_tense(sentence: str) -> bool:
    """Told in the past: past tense cues and none of the future."""
    cues = [d for _p, d in _tense_cues(sentence, "de")]
    return bool(cues) and all(d < 0 for d in cues)


_FIRST_RE = re.compile(r"^(\d{4})(?:-(?:(\d\d)(?:-(\d\d))?|W(\d\d)|Q(\d)|H(\d)|(SP|SU|FA|WI)))?")


def _first_day(value: str) -> dt.date | None:
    """The first day of a calendar value's period (``2024-Q3`` -> 1 July 2024); None if unknown."""
    m = _FIRST_RE.match(value)
    if not m or (len(value) > 4 and value[4] != "-" and not value[4:5].isdigit()):
        return None
    y = int(m[1])
    try:
        if m[3]:
            return dt.date(y, int(m[2]), int(m[3]))
        if m[2]:
            return dt.date(y, int(m[2]), 1)
        if m[4]:  # a week; its weekend starts on Saturday
            return dt.date.fromisocalendar(y, int(m[4]), 6 if value.endswith("-WE") else 1)
        if m[5]:
            return dt.date(y, (int(m[5]) - 1) * 3 + 1, 1)
        if m[6]:
            return dt.date(y, (int(m[6]) - 1) * 6 + 1, 1)
        if m[7]:
            return dt.date(y, {"SP": 3, "SU": 6, "FA": 9, "WI": 1}[m[7]], 1)
    except ValueError:
        return None
    return dt.date(y, 1, 1)
