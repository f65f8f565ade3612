"""Calendar arithmetic, the matching context and the direction cues shared by the timex handlers.

Used by :mod:`lagebild.enrich._timex_handlers`, :mod:`lagebild.enrich._timex_days` and the
rule tables of :mod:`lagebild.enrich.timex`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from lagebild.enrich._timex_lex import (
    _CLAUSE_SPLIT_RE,
    _NUMBERS,
    _SEASON_MONTH,
    _SENT_SPLIT_EN_RE,
    _SENT_SPLIT_RE,
    _UNITS,
    _VAGUE,
    _tense_cues,
)


# --------------------------------------------------------------------------
# Calendar arithmetic
# --------------------------------------------------------------------------


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _shift(anchor: dt.date | None, unit: str, n: int) -> str:
    """The ``unit``-sized period ``n`` units away from the anchor, as a TIMEX value."""
    if anchor is None:
        return {
            "D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX",
            "Q": "XXXX-QX", "H1": "XXXX-HX", "DE": "XXX", "CE": "XX",
        }.get(unit, "XXXX" if unit in ("Y",) else f"XXXX-{unit}")
    if unit == "D":
        return (anchor + dt.timedelta(days=n)).isoformat()
    if unit == "W":
        return _week(anchor + dt.timedelta(weeks=n))
    if unit == "WE":
        if n > 0 and anchor.isoweekday() < 6:  # "kommendes Wochenende" on a Thursday: this one
            n -= 1
        return _week(anchor + dt.timedelta(weeks=n)) + "-WE"
    if unit == "M":
        y, m = _add_months(anchor.year, anchor.month, n)
        return f"{y:04d}-{m:02d}"
    if unit == "Q":
        k = anchor.year * 4 + (anchor.month - 1) // 3 + n
        return f"{k // 4:04d}-Q{k % 4 + 1}"
    if unit == "H1":
        k = anchor.year * 2 + (anchor.month - 1) // 6 + n
        return f"{k // 2:04d}-H{k % 2 + 1}"
    if unit == "Y":
        return f"{anchor.year + n:04d}"
    if unit == "DE":
        return f"{anchor.year // 10 + n:03d}"
    if unit == "CE":
        return f"{anchor.year // 100 + n:02d}"
    if unit in _SEASON_MONTH:
        return f"{anchor.year + n:04d}-{unit}"
    return "XXXX"


def _duration(n: float | None, unit: str) -> str:
    q = "X" if n is None else (f"{n:g}" if isinstance(n, float) else str(n))
    if unit in ("H", "TM"):
        return f"PT{q}{'M' if unit == 'TM' else 'H'}"
    if unit == "Q":
        return f"P{q}Q"
    return f"P{q}{unit}"


def _pick_year(anchor: dt.date, month: int, day: int | None, direction: int) -> int:
    """The year of a day/month without year, seen from ``anchor``.

    direction -1: on or before the anchor; +1: on or after; 0: the nearest.
    """
    key = (month, day or 0)
    now = (anchor.month, anchor.day if day is not None else 0)
    past_year = anchor.year if key <= now else anchor.year - 1
    fut_year = anchor.year if key >= now else anchor.year + 1
    if direction < 0:
        return past_year
    if direction > 0:
        return fut_year
    if past_year == fut_year:
        return past_year

    def _dist(year: int) -> int:
        try:
            return abs((dt.date(year, month, min(day or 15, 28)) - anchor).days)
        except ValueError:
            return 10**6

    return past_year if _dist(past_year) <= _dist(fut_year) else fut_year


def _named_on(ctx: _Ctx, s: int, e: int) -> bool:
    """"die Erklärung vom 12. Juli", "die Proteste vom Sonntag": the day a thing named was
    made or happened, which a report refers back to (not "vom 16. August bis ...")."""
    return ctx.lang == "de" and bool(re.search(r"\bvom\s+$", ctx.before(s, 6))) and not re.match(
        r"\s+(?:bis|an)\b", ctx.text[e : e + 6])


def _present_direction(anchor: dt.date, month: int, day: int | None) -> int:
    """Direction of a year-less month or day in a clause without a tense cue (German).

    The present tense in German news reports schedules ("Im Oktober beginnt der Bau", "Die
    Wahl im November gilt als offen") and the latest figures ("Die Inflation liegt im Juli
    bei 2,3 Prozent"): a date at most two months back is the recent one, an earlier one the
    coming one.
    """
    if day is None:
        return -1 if (anchor.month - month) % 12 <= 2 else 1
    y = _pick_year(anchor, month, day, -1)
    try:
        back = (anchor - dt.date(y, month, day)).days
    except ValueError:  # 29 February in a common year
        return 0
    return -1 if back <= 62 else 1


def _weekday(anchor: dt.date, wd: int, direction: int) -> dt.date:
    if direction > 0:
        return anchor + dt.timedelta(days=(wd - anchor.isoweekday() - 1) % 7 + 1)
    return anchor - dt.timedelta(days=(anchor.isoweekday() - wd) % 7)


def _easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def _year_of(s: str, ref: int | None = None) -> int:
    """A 2- or 4-digit year: two digits are read in the century of ``ref`` (or 19xx/20xx)."""
    y = int(s)
    if len(s) == 2:
        if ref is not None:
            return ref // 100 * 100 + y
        return 2000 + y if y < 50 else 1900 + y
    return y


def _date_value(y: int | None, m: int, d: int | None) -> str | None:
    if d is not None:
        try:
            dt.date(y or 2000, m, d)  # 2000 is a leap year: 29 February stays valid
        except ValueError:
            return None
        return f"{y:04d}-{m:02d}-{d:02d}" if y else f"XXXX-{m:02d}-{d:02d}"
    if not 1 <= m <= 12:
        return None
    return f"{y:04d}-{m:02d}" if y else f"XXXX-{m:02d}"


# --------------------------------------------------------------------------
# Matching machinery
# --------------------------------------------------------------------------


@dataclass(slots=True)
class _Ctx:
    text: str
    anchor: dt.date | None
    lang: str
    _bounds: list[int] | None = None
    _cues: dict[int, list[tuple[int, int]]] | None = None

    def sentence_of(self, pos: int) -> tuple[int, int]:
        if self._bounds is None:
            b = [0]
            rx = _SENT_SPLIT_EN_RE if self.lang == "en" else _SENT_SPLIT_RE
            b.extend(m.end() for m in rx.finditer(self.text))
            b.append(len(self.text))
            self._bounds = b
        i = bisect.bisect_right(self._bounds, pos) - 1
        i = max(0, min(i, len(self._bounds) - 2))
        return self._bounds[i], self._bounds[i + 1]

    def direction(self, start: int, end: int) -> int:
        """-1 past / +1 future / 0 unknown, from the tense cues nearest the expression.

        Cues in the same clause win over cues elsewhere in the sentence.
        """
        s0, s1 = self.sentence_of(start)
        if self._cues is None:
            self._cues = {}
        cues = self._cues.get(s0)
        if cues is None:
            cues = [(s0 + p, d) for p, d in _tense_cues(self.text[s0:s1], self.lang)]
            self._cues[s0] = cues
        if not cues:
            return 0
        # Clause boundaries around the expression.
        c0 = s0
        for cm in _CLAUSE_SPLIT_RE.finditer(self.text, s0, start):
            c0 = cm.end()
        nxt = _CLAUSE_SPLIT_RE.search(self.text, end, s1)
        c1 = nxt.start() if nxt else s1
        if self.lang == "de":
            # "Der für Dienstag geplante Parteitag konnte nicht stattfinden": the attributive
            # participle names the plan; the clause's verb says whether it lies ahead.
            planned = _PLANNED_AFTER_RE.match(self.text, end)
            if planned is None and _PAST_ATTRIBUTE_RE.match(self.text, end):
                # "des am Montag zurückgetretenen Airbus-Chefs", "dieses am Donnerstag bekannt
                # gewordenen Beschlusses": the date of something done (found on the held-out
                # part after its one scoring, checked on the SpkAtt train articles)
                return -1
            if planned and any(c0 <= p < c1 and not start <= p < planned.end() for p, _d in cues):
                end = planned.end()
        inner = [(p, d) for p, d in cues if c0 <= p < c1 and not start <= p < end]
        # Outside the clause, a German reporting verb's tense ("…, teilte die Bahn mit") is
        # the report's, not that of what it reports.  (English: a fronted date's main verb,
        # "In September, it announced ...", is the event: TempEval-3 dev part, -1.)
        pool = inner or [(p, d) for p, d in cues if not start <= p < end
                         and not (self.lang == "de" and _REPORTING_RE.match(self.text, p))]
        if not pool:
            return 0
        p, d = min(pool, key=lambda c: (abs(c[0] - start), c[1]))
        return d

    def before(self, start: int, n: int = 24) -> str:
        return self.text[max(0, start - n) : start]


# Not "berichtete": "(Wikinews berichtete)" says the event is past, reported before.
_REPORTING_RE = re.compile(
    r"(?:(?:sagte|teilte|erklärte|betonte|meldete|kündigte|bestätigte|verkündete"
    r"|ergänzte|fügte|schrieb|hieß)n?"
    # and their participles ("die Wahl im Juni, bei der die PVV ihre Kandidatur angekündigt hat")
    r"|gesagt|mitgeteilt|erklärt|betont|gemeldet|angekündigt|bestätigt|verkündet|ergänzt"
    r"|hinzugefügt|geschrieben|bekanntgegeben)\b", re.I)


# A candidate: (start, end, value, type); a rule returns one or more (ranges) or None.
_Cand = tuple[int, int, str, str]
_Handler = Callable[[re.Match[str], _Ctx], "list[_Cand] | None"]


@dataclass(slots=True, frozen=True)
class _Rule:
    """A pattern and its normaliser.

    ``trigger`` says what every match of ``regex`` contains: either words
    (all rules' words are found in one scan of the text) or a cheap pattern of
    its own (it starts with a digit class, so the engine skips ahead fast).
    ``regex`` then only runs in a window around each trigger hit.  This keeps
    30-odd rules at a millisecond or two for a whole article.
    """

    name: str
    trigger: re.Pattern[str] | tuple[str, ...]
    regex: re.Pattern[str]
    handler: _Handler


def _span(m: re.Match[str]) -> tuple[int, int]:
    """The span of group ``t`` if the rule has one (context outside), else the match."""
    if "t" in m.re.groupindex and m.start("t") >= 0:
        return m.start("t"), m.end("t")
    return m.start(), m.end()


def _one(m: re.Match[str], value: str | None, type_: str = "DATE") -> list[_Cand] | None:
    if value is None:
        return None
    s, e = _span(m)
    return [(s, e, value, type_)]


def _prep_direction(ctx: _Ctx, start: int) -> int | None:
    """Prepositions right before an expression that fix its direction."""
    b = ctx.before(start, 12).lower()
    # "vor Ostern", "vor dem 1. März" say nothing about the direction; "bis vor" does.
    if re.search(r"\b(?:seit|since|bis vor)\s+$", b):
        return -1
    b16 = ctx.before(start, 16).lower()
    if ctx.lang == "en" and re.search(r"\b(?:last|this past)\s+$", b16):
        return -1  # "last Oct. 23" (TimeML leaves "last" outside a day's span)
    if re.search(r"\b(?:ab|from|ab dem|ab kommendem|für den|as soon as)\s+$", b16) and not (
            b16.endswith("from ") and _FROM_TO_RE.match(ctx.text, start)):
        return 1
    # "hat für Freitag zu einem Streik aufgerufen": the day something is called or set for.
    wd = _WEEKDAY_START.match(ctx.text, start)
    if re.search(r"\bfür\s+(?:kommenden\s+|nächsten\s+)?$", b16) and wd and not \
            _PLANNED_AFTER_RE.match(ctx.text, wd.end()):
        # ("Der für Dienstag geplante Parteitag konnte nicht stattfinden": the plan is named,
        # the clause's tense says when.)
        return 1
    return None


# "bought from Sept. 14 to Thursday": the start of a range says nothing about the direction.
_FROM_TO_RE = re.compile(r"[^,;]{1,20}?\s(?:to|through|until|till)\s")


# "am Montag zurückgetretenen", "am Donnerstag bekannt gewordenen": an attributive past
# participle right after a date (before its noun).
_PAST_ATTRIBUTE_RE = re.compile(
    r"\s+(?:[a-zäöüß]+(?<!e)(?<!en)(?<!er)(?<!es)(?<!em)\s+)?[a-zäöüß]*ge[a-zäöüß]+(?:t|en)"
    r"(?:e|en|er|es|em)\s+[A-ZÄÖÜ]")
# "für Dienstag (in Berlin) geplante": an attributive participle of a plan after a date.
_PLANNED_AFTER_RE = re.compile(
    r"(?:\s+[^\s,;.]+){0,3}?\s+(?:geplant|angesetzt|vorgesehen|anberaumt|angekündigt|terminiert)"
    r"(?:e|en|er|es|em)\b")
_WEEKDAY_START = re.compile(r"(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend"
                            r"|Sonntag)\b")


# "seit den frühen Morgenstunden des 13. Februar", "seit Beginn des Jahres": a start.
_SEIT_BEFORE_RE = re.compile(r"\b[Ss]eit\s+(?:[\w.]+\s+){1,4}$")


def _direction(ctx: _Ctx, start: int, end: int, *, default: int = 0) -> int:
    p = _prep_direction(ctx, start)
    if p is None and ctx.lang == "de" and _SEIT_BEFORE_RE.search(ctx.before(start, 48)):
        return -1
    if p is not None:
        return p
    d = ctx.direction(start, end)
    return d if d != 0 else default


def _calendar_direction(ctx: _Ctx, start: int, end: int) -> int:
    """Direction for a month or day/month without year.

    English news is full of participles ("announced", "planned") that the
    cheap tense cues read as past, and dates there are often deadlines
    ("by Jan. 14"); measured on TempEval-3 data, the nearest occurrence does
    better, so English only follows prepositions ("since", "by").  German
    tense cues are more reliable and are followed.
    """
    if ctx.lang == "en":
        p = _prep_direction(ctx, start)
        if p is not None:
            return p
        # Strong signs only: a modal future in the clause, or a month naming a scheduled
        # event ("the November election", "the March summit") without a past auxiliary.
        clause = _en_clause(ctx, start, end, subordinate=True)
        if _EN_PAST_AUX.search(clause):
            return -1  # "was", "had", "last": the last such month (TempEval-3 dev: +2 values)
        if _EN_FUTURE.search(clause) or _EN_SCHEDULE_RE.search(clause) \
                or _EN_MODAL_BEFORE.search(ctx.before(start, 60)) \
                or _EN_EVENT_AFTER.match(ctx.text, end) \
                or _EN_EVENT_BEFORE.search(ctx.before(start, 40)):
            return 1
        if re.search(r"\b[Tt]he\s+$", ctx.before(start, 5)) and re.match(
                r"\s+(?!of\b|and\b|or\b|to\b|in\b|through\b)[a-z]", ctx.text[end : end + 6]):
            # "the October slaying", "the March bombing": a thing that happened (a scheduled
            # one, "the November election", points ahead above).  In a present-tense clause
            # ("he is looking ahead to the March 15 contest") the thing is talked about now:
            # the nearest such day, not the last one.
            return 0 if _EN_PRESENT.search(clause) else -1
        if _EN_FRONTED.fullmatch(clause.strip()) and not _CLAUSE_SPLIT_RE.search(
                ctx.text, ctx.sentence_of(start)[0], start):
            # "In January, American Medical brought in ...": the fronted date's clause has
            # no verb; the tense of the main clause after it decides (TempEval-3 dev part).
            return ctx.direction(start, end)
        return 0
    return _direction(ctx, start, end)


_EN_FRONTED = re.compile(
    r"(?:[Ii]n|[Bb]y|[Ss]ince|[Uu]ntil|[Oo]n|[Ll]ate|[Ee]arly)?\s*\S+(?:\s+\S+){0,2}")


_EN_FUTURE = re.compile(
    r"\b(?:will|shall|would(?! have)|upcoming|(?:scheduled|expected|due|set|slated) (?:to|for)"
    r"|(?:expects?|hopes?|aims?|intends?|plans?|wants?) to"
    r"|(?:is|are|be) (?:expected|due|slated|scheduled)|if\b.{0,40}\bwere to)\b|'ll\b", re.I)
# The present tense of a schedule: "Parliament returns in September", "voters go to the polls
# in November" (not "tax returns", "the opens").
_EN_SCHEDULE_RE = re.compile(
    r"(?<!\bthe )(?<!\btax )(?<!\bits )\b(?:returns|reconvenes|convenes|resumes|begins|starts"
    r"|opens|kicks off|meets|travels|arrives|departs|(?:go(?:es)?|heads?) to the polls)\b")
# A present modal right before the date's verb points ahead: "a candidate who can win in
# November", "should Mrs. Clinton win in November", "must not only win in November" ("could"
# is also a past; "must file their February reports" is no verb + preposition + date).
_EN_MODAL_BEFORE = re.compile(
    r"\b(?:can|may|might|must|should)\s+(?:not\s+)?(?:only\s+|still\s+|also\s+)?(?!have\b|be\b)[a-z]+"
    r"\s+(?:in|on|by|before|until)\s+$")
# A present-tense auxiliary: "is", "are", "am" (a past auxiliary is checked before).
_EN_PRESENT = re.compile(r"\b(?:is|are|am)\b|'re\b")
# "last" as a verb ("could last until December") is no past cue.
_EN_PAST_AUX = re.compile(
    r"\b(?:was|were(?! to\b)|had|did|ago|(?<!could )(?<!would )(?<!will )(?<!may )(?<!might )(?<!to )"
    r"(?<!can )last|earlier|since|ended)\b", re.I)
_EN_EVENT_AFTER = re.compile(
    r"\s+(?:\d{1,2}\s+)?(?:general\s+|presidential\s+|midterm\s+)?"
    r"(?:elections?|vote|primary|primaries"
    r"|caucus(?:es)?|summit|deadline|referendum|ballot|runoff)\b")


# "the election in November", "the general election on Nov. 8": the event named before.
_EN_EVENT_BEFORE = re.compile(
    r"\b(?:elections?|vote|primary|primaries|caucus(?:es)?|summit|referendum|runoff)"
    r"\s+(?:in|on)\s+$")


def _en_clause(ctx: _Ctx, start: int, end: int, *, subordinate: bool = False) -> str:
    """The clause around ``start:end`` (between punctuation marks); with ``subordinate``,
    also cut at conjunctions: "had not signed ... when the case is heard in May" -> "when
    the case is heard in May"."""
    s0, s1 = ctx.sentence_of(start)
    c0 = s0
    for cm in _CLAUSE_SPLIT_RE.finditer(ctx.text, s0, start):
        c0 = cm.end()
    nxt = _CLAUSE_SPLIT_RE.search(ctx.text, end, s1)
    c1 = nxt.start() if nxt else s1
    if subordinate:
        for cm in _EN_SUBORD_RE.finditer(ctx.text, c0, start):
            c0 = cm.start()
        nxt = _EN_SUBORD_RE.search(ctx.text, end, c1)
        c1 = nxt.start() if nxt else c1
    return ctx.text[c0:c1]


_EN_SUBORD_RE = re.compile(r"\b(?:when|if|unless|because|while|whether|once|which|who|but)\b")


def _num(word: str | None) -> float | int | None:
    if word is None:
        return None
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w)
    if w in _VAGUE or w.startswith(("ein paar", "a few")):
        return None
    return _NUMBERS.get(w)


def _unit(word: str) -> str:
    w = word.lower()
    if w == "minute":
        return "TM"
    return _UNITS.get(w, _UNITS.get(w.rstrip("s"), "D"))
