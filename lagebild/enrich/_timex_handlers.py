"""Calendar arithmetic, matching context and the normalisers of :mod:`lagebild.enrich.timex`.

Every handler turns one regex match into TIMEX3 candidates ``(start, end, value, type)``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from lagebild.enrich._timex_lex import (
    _CLAUSE_SPLIT_RE,
    _MONTHS,
    _NUMBERS,
    _ORDINALS,
    _POD,
    _REL,
    _SEASON_MONTH,
    _SENT_SPLIT_EN_RE,
    _SENT_SPLIT_RE,
    _UNITS,
    _VAGUE,
    _WEEKDAYS,
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
                or _EN_EVENT_AFTER.match(ctx.text, end) \
                or _EN_EVENT_BEFORE.search(ctx.before(start, 40)):
            return 1
        if re.search(r"\b[Tt]he\s+$", ctx.before(start, 5)) and re.match(
                r"\s+(?!of\b|and\b|or\b|to\b|in\b|through\b)[a-z]", ctx.text[end : end + 6]):
            # "the October slaying", "the March bombing": a thing that happened (a scheduled
            # one, "the November election", points ahead above).
            return -1
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


_EN_SUBORD_RE = re.compile(r"\b(?:when|if|unless|because|while|whether|once|which|who)\b")


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


# ---- handlers --------------------------------------------------------------


def _h_iso(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    v = _date_value(int(m["y"]), int(m["m"]), int(m["d"]))
    if v and m["hh"]:
        return _one(m, f"{v}T{int(m['hh']):02d}:{m['mi']}", "TIME")
    return _one(m, v)


def _h_numdate(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    a, b = int(m["a"]), int(m["b"])
    if ctx.lang == "en" and m["sep"] == "/":
        mo, d = a, b  # US order
    else:
        d, mo = a, b
    ys = m["y"] or m["y2"]
    if ys:
        return _one(m, _date_value(_year_of(ys), mo, d))
    # Without year ("am 24.6.") only after a preposition, to avoid section numbers.
    if not re.search(r"(?:\b(?:am|vom|bis|zum|seit|ab|dem|den|on|Am|Vom|Bis|Seit|Ab)|,)\s*$",
                     ctx.before(m.start())):
        return None
    return _resolve_daymonth(m, ctx, mo, d)


def _resolve_daymonth(
    m: re.Match[str], ctx: _Ctx, month: int, day: int | None, *, span: tuple[int, int] | None = None
) -> list[_Cand] | None:
    s, e = span or _span(m)
    if _date_value(None, month, day) is None:
        return None
    if ctx.anchor is None:
        return [(s, e, _date_value(None, month, day) or "", "DATE")]
    direction = -1 if _named_on(ctx, s, e) else _calendar_direction(ctx, s, e)
    if direction == 0 and ctx.lang != "en":
        direction = _present_direction(ctx.anchor, month, day)
    y = _pick_year(ctx.anchor, month, day, direction)
    v = _date_value(y, month, day)
    return [(s, e, v, "DATE")] if v else None


def _h_dmy(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    month = _MONTHS[m["m"].lower().rstrip(".")]
    day = int(m["d"])
    if m["y"]:
        return _one(m, _date_value(_year_of(m["y"]), month, day))
    if ctx.lang == "en" and (month, day) == (9, 11) and _SEPT11_RE.match(ctx.text, m.end()):
        return _one(m, "2001-09-11")  # "Sept. 11 conspiracy theories": the attacks' day
    deictic = _DEICTIC_APPOSITION_RE.search(ctx.before(m.start(), 24))
    if ctx.anchor is not None and deictic:
        # "gestern, am 12. Juli": the day the deictic word names, whatever the clause's tense.
        near = ctx.anchor + dt.timedelta(days=_DEICTIC_OFFSET[deictic["w"].lower()])
        if (near.month, near.day) == (month, day):
            return _one(m, near.isoformat())
    wd_name = re.match(r"[A-Za-z]+", m.group("t"))
    if ctx.anchor is not None and wd_name and wd_name.group().lower() in _WEEKDAYS:
        # "Montag, 24. Juni": the year in which that day is that weekday, nearest first.
        wd = _WEEKDAYS[wd_name.group().lower()]
        for y in sorted(range(ctx.anchor.year - 6, ctx.anchor.year + 7),
                        key=lambda y: abs(y - ctx.anchor.year)):  # type: ignore[union-attr]
            v = _date_value(y, month, day)
            if v and dt.date.fromisoformat(v).isoweekday() == wd:
                return _one(m, v)
    return _resolve_daymonth(m, ctx, month, day)


_SEPT11_RE = re.compile(
    r"(?:\s+|-)(?:attacks?|terror(?:ist)?|hijack(?:ers|ings?)?|conspiracy|Commission|commission"
    r"|victims|families|widows?|era|plot)\b")
_DEICTIC_APPOSITION_RE = re.compile(
    r"\b(?P<w>vorgestern|gestern|heute|morgen|übermorgen|yesterday|today|tomorrow)\s*,\s*"
    r"(?:(?:am|dem|den|on)\s+)?$", re.I)
_DEICTIC_OFFSET = {"vorgestern": -2, "gestern": -1, "yesterday": -1, "heute": 0, "today": 0,
                   "morgen": 1, "tomorrow": 1, "übermorgen": 2}


def _h_week_of(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    """"the week of March 6": the ISO week of that day."""
    day = _h_dmy(m, ctx)
    if not day or not _FULL_DAY_RE.fullmatch(day[0][2]):
        return _one(m, "XXXX-WXX")
    return _one(m, _week(dt.date.fromisoformat(day[0][2])))


_FULL_DAY_RE = re.compile(r"\d{4}-\d\d-\d\d")


def _h_range(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    """"20. bis 22. Januar 2024", "20. Januar bis 3. Februar": two expressions."""
    m2 = _MONTHS[m["m2"].lower().rstrip(".")]
    m1 = _MONTHS[m["m1"].lower().rstrip(".")] if m["m1"] else m2
    d1, d2 = int(m["d1"]), int(m["d2"])
    out: list[_Cand] = []
    y2 = _year_of(m["y2"]) if m["y2"] else None
    y1 = _year_of(m["y1"]) if m["y1"] else y2
    if y2 is None:
        second = _resolve_daymonth(m, ctx, m2, d2, span=(m.start("p2"), m.end("p2")))
        if not second:
            return None
        v2 = second[0][2]
        y2 = int(v2[:4]) if v2[:4].isdigit() else None
        y1 = y2
        if y1 is not None and (m1, d1) > (m2, d2):
            y1 -= 1
        out.append(second[0])
    else:
        v2b = _date_value(y2, m2, d2)
        if v2b is None:
            return None
        out.append((m.start("p2"), m.end("p2"), v2b, "DATE"))
    v1 = _date_value(y1, m1, d1)
    if v1 is None:
        return None
    out.insert(0, (m.start("p1"), m.end("p1"), v1, "DATE"))
    return out


def _h_month_year(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    month = _MONTHS[m["m"].lower().rstrip(".")]
    return _one(m, _date_value(_year_of(m["y"]), month, None))


# "the March agreement" (not "the March for Life", "the March on Washington")
_MONTH_NOUN_AFTER = re.compile(
    r"\s+(?!(?:of|and|or|for|to|on|in|at|from|through|against|with|by|into|was|is)\b)[a-z]{3,}")
_BARE_MONTH_BAD = {"mai", "may", "august", "march", "mar"}


def _h_month(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    name = m["m"].lower().rstrip(".")
    month = _MONTHS[name]
    rel = m["rel"]
    has_context = bool(m["prep"] or m["mod"] or rel)
    if not has_context and (name in _BARE_MONTH_BAD or m["m"].endswith(".")) and not (
            ctx.lang == "en" and m["m"][0].isupper() and not m["m"].endswith(".")
            and re.search(r"\b[Tt]he\s+$", ctx.before(m.start("t"), 5))
            and _MONTH_NOUN_AFTER.match(ctx.text, m.end("t"))):
        # "the March agreement", "the May elections": a month before a noun
        return None
    s, e = _span(m)
    if ctx.anchor is None:
        return [(s, e, f"XXXX-{month:02d}", "DATE")]
    if rel and ctx.lang == "en" and re.match(r"\s*\d{1,2}\b(?![.,:]?\d)", ctx.text[e : e + 6]):
        return None  # "last Oct. 23": the day (rule mdy; "last" gives its direction)
    if rel:
        d = _REL.get(rel.lower(), 0)
        direction = d if d else _direction(ctx, s, e)
        if d == 0:  # "diesen Juni": this year's
            return [(s, e, f"{ctx.anchor.year:04d}-{month:02d}", "DATE")]
        # "letzten Juni": strictly before the current month
        y = ctx.anchor.year
        if d < 0:
            y = y if month < ctx.anchor.month else y - 1
        else:
            y = y if month > ctx.anchor.month else y + 1
        return [(s, e, f"{y:04d}-{month:02d}", "DATE")]
    direction = _calendar_direction(ctx, s, e)
    if direction == 0 and ctx.lang != "en":
        direction = _present_direction(ctx.anchor, month, None)
    y = _pick_year(ctx.anchor, month, None, direction)
    return [(s, e, f"{y:04d}-{month:02d}", "DATE")]


def _h_year(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    if len(m["y"]) < 4 and re.match(r"\s+[A-ZÄÖÜ][a-zäöüß]", ctx.text[m.end() : m.end() + 3]):
        return None  # "die im Vorjahr 501 Einsätze leisteten": a count
    return _one(m, f"{int(m['y']):04d}")


_YEAR_NEXT_BAD = re.compile(
    r"\s*(?:%|Prozent|Euro|Dollar|US-Dollar|Menschen|Personen|Soldaten|Tote|Toten|Kilometer"
    r"|Meter|km|m\b|Tonnen|Stück|Mal|mal|Mitglieder|Einwohner|Fälle|Jahre|Tage|Stunden|Kilo"
    r"|people|percent|dollars|troops|soldiers|times|miles|feet|tons|members|workers|shares"
    r"|acres|cases|pounds|units|jobs)\b"
    r"|\s*(?:€|,-)"  # "801 bis 1200 €", "1200,- €": money
    # "von derzeit 2000 auf rund 15.000 Soldaten": a count rising to a count.
    r"|\s+(?:auf|bis|zu|to)\s+(?:(?:rund|etwa|über|knapp|fast|mehr\s+als|about|nearly)\s+)?"
    r"\d{1,3}(?:[.,]\d{3})+(?!\d)",
)
# Whole words only: "trat 1356 in Lübeck zusammen" is not "at 1356".
_YEAR_PREV_BAD = re.compile(
    r"(?:\b(?:Nr\.|Nummer|Artikel|Art\.|Resolution|Flug|Seite|Paragraf|No\.|Number|Flight"
    r"|Route|Highway|Zimmer|Raum|Room|Boeing|Airbus|Windows|Dow|Nasdaq|at|bei|auf|rund|etwa"
    r"|über|mehr als|fast|nearly|about|over|than|von)|§)\s*$"
)


def _h_bare_year(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    y = int(m["y"])
    before = ctx.before(m.start(), 16)
    strong = re.search(
        r"(?:\b(?:seit|bis|ab|im|in|um|vor|nach|zwischen|von|und|Jahr|Jahres|Ende|Anfang|Mitte"
        r"|Beginn|Herbst|Sommer|Winter|Frühjahr|Frühling|Saison|since|until|by|in|of|from"
        r"|to|and|during|before|after|fiscal|early|late|mid|year|Seit|Bis|Ab|Im|In|Um|Vor"
        r"|Nach|Since|In|By|From|During)\s+|[(,])$",
        before,
    )
    if not strong:
        if not 1900 <= y <= 2100 and not _history_year(m, ctx, y):
            return None
        if _YEAR_PREV_BAD.search(before) or _YEAR_NEXT_BAD.match(ctx.text, m.end()):
            return None
    elif not 1000 <= y <= 2200 or _YEAR_NEXT_BAD.match(ctx.text, m.end()):
        if not re.search(r"(?:Jahr|Jahres|year|fiscal)\s+$", before):
            return None
    if re.search(r"(?:von|von den|than|über|rund|etwa|mehr als|fast)\s+$", before) and \
            _YEAR_NEXT_BAD.match(ctx.text, m.end()):
        return None
    return _one(m, f"{y:04d}")


_YEAR_IN_TEXT_RE = re.compile(r"(?<![\d.,])1\d{3}(?![\d.,]\d)")


def _history_year(m: re.Match[str], ctx: _Ctx, y: int) -> bool:
    """A year before 1900 without a preposition ("begann 1625 ein neuer Abschnitt").

    German only: a following lower-case word or a punctuation mark (not a noun counted: "1500
    Soldaten") and another
    year within 60 years, or two more years before 1900, named elsewhere in the text (a history
    passage, not a count in a news report).
    """
    if ctx.lang != "de" or not 1000 <= y < 1900:
        return False
    nxt = re.match(r"\s+(\S)|[.,;:)]", ctx.text[m.end() : m.end() + 3])
    if nxt is None or (nxt.group(1) is not None and not nxt.group(1).islower()):
        return False
    others = [int(o.group()) for o in _YEAR_IN_TEXT_RE.finditer(ctx.text) if o.start() != m.start()]
    # A history text: another year within 60 years, or at least two more years before 1900
    # ("Der Bau begann 1163 ..." in an article that also names 1793, 1804 and 1831).
    return any(abs(o - y) <= 60 for o in others) or len(others) >= 2


def _h_year_range(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    """2018-19, 2018/2019, 1939–1945: one expression per end point."""
    y1 = int(m["y1"])
    y2 = _year_of(m["y2"], y1)
    if not (1000 <= y1 < y2 <= y1 + 100):
        return None
    return [
        (m.start("y1"), m.end("y1"), f"{y1:04d}", "DATE"),
        (m.start("y2"), m.end("y2"), f"{y2:04d}", "DATE"),
    ]


def _h_decade(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    c = m["c"]
    dd = m["dd"]
    if c is None and _AGE_RE.search(ctx.before(m.start(), 16)):
        return None  # "when he was in his 30s": an age, not a decade

    if c is None:
        c = "19" if int(dd) >= 30 or ctx.anchor is None or int(dd) > ctx.anchor.year % 100 else "20"
    return _one(m, f"{c}{dd[0]}")


_AGE_RE = re.compile(
    r"\b(?:his|her|their|my|your|our|its|mid|early|late)[-\s]+(?:mid-|early\s+|late\s+)?$", re.I)


def _h_century(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    n = int(m["n"])
    if not 1 <= n <= 22:
        return None
    return _one(m, f"{n - 1:02d}")


def _h_quarter(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    q = _ORDINALS.get(m["o"].lower(), 0)
    half = m["u"].lower().startswith(("halb", "half"))
    if not q or (half and q > 2):
        return None
    code = f"H{q}" if half else f"Q{q}"
    if m["y"]:
        return _one(m, f"{int(m['y']):04d}-{code}")
    if "py" in m.re.groupindex and m["py"]:  # "the 1988 second quarter"
        return _one(m, f"{int(m['py']):04d}-{code}")
    if ctx.anchor is None:
        return _one(m, f"XXXX-{code}")
    y = ctx.anchor.year
    if "yrel" in m.re.groupindex and m["yrel"]:  # "next year's first quarter"
        return _one(m, f"{y + _REL.get(m['yrel'].lower(), 0):04d}-{code}")
    cur = (ctx.anchor.month - 1) // (6 if half else 3) + 1
    s, e = _span(m)
    if q > cur and _direction(ctx, s, e) < 0:
        y -= 1
    return _one(m, f"{y:04d}-{code}")


_THIS_QUARTER_RESULTS = re.compile(
    r"'s\s+(?:loss|profit|results|earnings|net|sales|revenue|income)\b")


def _h_relunit(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    """"letzte Woche", "im vergangenen Monat", "nächstes Jahr", "Ende letzten Jahres"."""
    n = _REL.get(m["rel"].lower(), 0) if m["rel"] else 0
    unit = _unit(m["u"])
    if unit == "Q" and ctx.lang == "en" and _THIS_QUARTER_RESULTS.match(ctx.text, m.end()):
        return None  # "This quarter's loss": the report's quarter (rule fin_period)
    if unit in _SEASON_MONTH:
        if ctx.anchor is None:
            return _one(m, f"XXXX-{unit}")
        y = ctx.anchor.year
        cur_season = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU",
                      7: "SU", 8: "SU"}.get(ctx.anchor.month, "FA")
        if n < 0 and (unit == cur_season or _SEASON_MONTH[unit] > ctx.anchor.month):
            y -= 1
        elif n > 0 and (unit == cur_season or _SEASON_MONTH[unit] < ctx.anchor.month):
            y += 1
        return _one(m, f"{y:04d}-{unit}")
    if unit == "TM" or unit == "H":
        return None
    return _trim_article(m, _shift(ctx.anchor, unit, n))


# Which article goes with which unit word ("der letzten Woche", "des vergangenen Jahres").
_FEM = {"woche"}
_MASC = {"monat", "monats", "sommer", "sommers", "winter", "winters", "herbst", "herbstes",
         "frühling", "frühlings"}


def _trim_article(m: re.Match[str], value: str) -> list[_Cand] | None:
    """Keep a leading article only if it agrees with the unit; else it belongs elsewhere.

    "das letzte Woche unterzeichnete Abkommen": ``das`` is the article of
    ``Abkommen``, the expression is ``letzte Woche``.
    """
    s, e = _span(m)
    art = m["art"] if "art" in m.re.groupindex else None
    if art:
        a = art.lower()
        u = m["u"].lower()
        gender = "f" if u in _FEM else "m" if u in _MASC else "n"
        ok = {"die": "f", "der": "f", "das": "n", "den": "m", "dem": "mn", "des": "mn"}
        if gender not in ok.get(a, ""):
            s = m.start("rel")
    return [(s, e, value, "DATE")]


def _h_ago(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    """"vor zwei Wochen", "two weeks ago", "in drei Tagen"."""
    d = m["dir"] if "dir" in m.re.groupindex else None
    sign = 1 if d and d.lower() in ("in", "within") else -1
    n = _num(m["n"]) if m["n"] else None
    unit = _unit(m["u"])
    if n is None:
        return _one(m, "PAST_REF" if sign < 0 else "FUTURE_REF")
    if isinstance(n, float):
        return None
    if unit in ("H", "TM"):
        if ctx.anchor is None:
            return _one(m, "XXXX-XX-XX", "DATE") if unit == "H" and n >= 24 else None
        return None
    if unit == "DE":
        return _one(m, _shift(ctx.anchor, "Y", sign * n * 10))
    if unit == "CE":
        return _one(m, _shift(ctx.anchor, "Y", sign * n * 100))
    return _one(m, _shift(ctx.anchor, unit, sign * n))


def _h_lastn(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    """"in den letzten Jahren", "the past two months": durations."""
    n = _num(m["n"]) if m["n"] else None
    return _one(m, _duration(n, _unit(m["u"])), "DURATION")


def _h_duration(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    n = _num(m["n"]) if m["n"] else None
    unit = _unit(m["u"])
    if unit in ("WE",):
        return None
    if unit == "Q" and re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 4]):
        return None  # "three-quarters of its foodstuffs": a fraction
    if ctx.lang == "de" and m["n"] and m["n"][0].isupper() and not m["n"][0].isdigit() \
            and re.search(r"\b(?:der|die|den|des)\s+$", ctx.before(m.start(), 5)):
        return None  # "die Herrschaft der Hundert Tage": a name, capitalised after an article
    if m["n"] and m["n"].lower() in ("ein", "eine", "einen", "einem", "einer", "eines", "a", "an"):
        # "ein Jahr" is a duration, but "an einem Tag" / "eines Tages" is not.
        if re.search(r"\b(?:an|eines)\s*$", ctx.before(m.start(), 4)) or m["n"].lower() == "eines":
            return None
    return _one(m, _duration(n, unit), "DURATION")


_HALF = {"jahr": "P6M", "monat": "P15D", "woche": "P3.5D", "tag": "PT12H", "stunde": "PT30M"}


def _h_half_duration(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    """"ein halbes Jahr" (P6M), "eine halbe Stunde" (PT30M); "vor einem halben Jahr" is the
    month six months before publication, "in einem halben Jahr" six months after."""
    unit = m["u"].lower()
    if m["dir"] and unit == "jahr":
        if ctx.anchor is None:
            return _one(m, "XXXX-XX")
        sign = -1 if m["dir"].lower().startswith("vor") else 1
        months = ctx.anchor.year * 12 + ctx.anchor.month - 1 + 6 * sign
        return _one(m, f"{months // 12:04d}-{months % 12 + 1:02d}")
    if m["dir"]:
        return [(m.end("dir"), m.end("t"), _HALF[unit], "DURATION")]
    return _one(m, _HALF[unit], "DURATION")


def _h_elapsed_year(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    """"das abgelaufene (Geschäfts)jahr": the year before publication."""
    return _one(m, f"{ctx.anchor.year - 1:04d}" if ctx.anchor is not None else "XXXX")


def _h_adj_duration(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    """"zweijährige", "dreitägigen", "two-year": durations written as adjectives."""
    n = _num(m["n"])
    if n is None:
        return None
    u = m["u"].lower()
    unit = {"täg": "D", "wöch": "W", "monat": "M", "jähr": "Y", "stünd": "H", "day": "D",
            "week": "W", "month": "M", "year": "Y", "hour": "H", "minute": "TM"}[u]
    return _one(m, _duration(n, unit), "DURATION")


def _h_vague_duration(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    return _one(m, _duration(None, _unit(m["u"])), "DURATION")


_WORD_REFS = {
    "gestern": ("D", -1), "vorgestern": ("D", -2), "heute": ("D", 0), "morgen": ("D", 1),
    "übermorgen": ("D", 2), "heuer": ("Y", 0),
    "yesterday": ("D", -1), "today": ("D", 0), "tomorrow": ("D", 1), "tonight": ("D", 0),
}
_FIXED_REFS = {
    "jetzt": "PRESENT_REF", "derzeit": "PRESENT_REF", "zurzeit": "PRESENT_REF",
    "zur zeit": "PRESENT_REF", "gegenwärtig": "PRESENT_REF", "momentan": "PRESENT_REF",
    "heutzutage": "PRESENT_REF", "gegenwart": "PRESENT_REF", "now": "PRESENT_REF",
    "currently": "PRESENT_REF", "present": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "kürzlich": "PAST_REF", "vor kurzem": "PAST_REF", "vor kurzer zeit": "PAST_REF",
    "moment": "PRESENT_REF",  # "im Moment"
    "unlängst": "PAST_REF", "neulich": "PAST_REF", "jüngst": "PAST_REF", "damals": "PAST_REF",
    "einst": "PAST_REF", "vergangenheit": "PAST_REF", "recently": "PAST_REF",
    "past": "PAST_REF", "lately": "PAST_REF", "formerly": "PAST_REF", "recent": "PAST_REF",
    "künftig": "FUTURE_REF", "zukünftig": "FUTURE_REF", "zukunft": "FUTURE_REF",
    "demnächst": "FUTURE_REF", "bald": "FUTURE_REF", "in kürze": "FUTURE_REF",
    "future": "FUTURE_REF", "soon": "FUTURE_REF",
}


# "heute" set against an earlier time in the same sentence means "nowadays", not the day.
_THEN_RE = re.compile(r"\b(?:[Dd]amals|[Ee]inst|[Ff]rüher)\b")
# ... and so does an old year with a past copula set against "heute" with a present one.
_YEAR_THEN_RE = re.compile(r"\b(?P<y>1\d{3}|20\d\d)\s+(?:war|waren|gab|galt|hatte|hatten)\b")
_NOW_IS_RE = re.compile(r"\s+(?:ist|sei|sind|seien|gibt|gebe|gilt|gelte|hat|habe|haben)\b")


_EN_NAME_BEFORE = re.compile(r"\b(?P<w>[A-Z]\w*)(?:'s|’s)?\s+$")
_EN_TITLE_WORDS = frozenset(
    "At For In On By Of The And But Until Since From To With Before After Starts Than As "
    "Is Are Was Were Be Know Right".split())


def _clause_past(ctx: _Ctx, pos: int) -> bool:
    """Whether the clause around ``pos`` (between punctuation marks) has a past-tense cue."""
    s0, s1 = ctx.sentence_of(pos)
    c0 = s0
    for cm in _CLAUSE_SPLIT_RE.finditer(ctx.text, s0, pos):
        c0 = cm.end()
    nxt = _CLAUSE_SPLIT_RE.search(ctx.text, pos, s1)
    clause = ctx.text[c0 : nxt.start() if nxt else s1]
    return any(d < 0 for _p, d in _tense_cues(clause, ctx.lang))


def _h_word(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    if ctx.lang == "en" and m["w"] in ("Today", "Now", "Tonight") and \
            (name := _EN_NAME_BEFORE.search(ctx.before(m.start("w"), 24))) and \
            name["w"] not in _EN_TITLE_WORDS:
        # capitalised after a capitalised name: a name ("Russia Today", "Larry King Now",
        # "NBC's Today show"), not a headline's "At Tonight's Debate", "for Today"
        return None
    w = m["w"].lower()
    w = re.sub(r"\s+", " ", w)
    pod = m["pod"] if "pod" in m.re.groupindex else None
    pod = pod or (m["pod0"] if "pod0" in m.re.groupindex else None)
    if w in ("heute", "today") and not pod and re.search(r"\b(?:[Bb]is|[Vv]on|to|of)\s+$",
                                                          ctx.before(m.start(), 6)):
        return _one(m, "PRESENT_REF")  # "bis heute", "to this day": not a calendar day
    if w == "heute" and not pod:
        s0, s1 = ctx.sentence_of(m.start())
        if _THEN_RE.search(ctx.text, s0, s1):
            return _one(m, "PRESENT_REF")  # "Damals ... 8000, heute ... 40 000": nowadays
        if s0 > 0 and _THEN_RE.search(ctx.text, ctx.sentence_of(s0 - 1)[0], s0) \
                and _NOW_IS_RE.search(ctx.text, m.end(), s1) and not _clause_past(ctx, m.start()):
            # "Niemand ahnte damals, ... Aus einem Motorwagen wurden eine Milliarde
            # Fahrzeuge, die heute auf den Straßen unterwegs sind": nowadays
            return _one(m, "PRESENT_REF")
        then = _YEAR_THEN_RE.search(ctx.text, s0, m.start())
        if then and _NOW_IS_RE.match(ctx.text, m.end()) and (
                ctx.anchor is None or int(then["y"]) < ctx.anchor.year - 1):
            return _one(m, "PRESENT_REF")  # "1986 war es Tschernobyl - heute sei es Fukushima"
    if w in _WORD_REFS:
        unit, n = _WORD_REFS[w]
        if w == "tonight":
            pod = "night"
        v = _shift(ctx.anchor, unit, n)
        if pod:
            return _one(m, f"{v}T{_POD[pod.lower()]}", "TIME")
        return _one(m, v)
    key = w.split()[-1] if w not in _FIXED_REFS else w
    ref = _FIXED_REFS.get(w) or _FIXED_REFS.get(key)
    return _one(m, ref) if ref else None


def _h_weekday(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    wd = _WEEKDAYS[m["wd"].lower()]
    pod = m["pod"] or m["pod2"]
    s, e = _span(m)
    rel = m["rel"].lower() if m["rel"] else None
    wk = m.groupdict().get("wk")
    if wk and ctx.anchor is not None:
        # "am Freitag vergangener Woche": that week's day
        shift = {"vergangener": -1, "letzter": -1, "voriger": -1, "kommender": 1,
                 "nächster": 1, "dieser": 0}[wk.lower()]
        d = ctx.anchor + dt.timedelta(days=7 * shift + wd - ctx.anchor.isoweekday())
        v = d.isoformat()
    else:
        v = _weekday_value(ctx, wd, rel, s, e)
    if pod:
        return [(s, e, f"{v}T{_POD[pod.lower()]}", "TIME")]
    return [(s, e, v, "DATE")]


def _weekday_value(ctx: _Ctx, wd: int, rel: str | None, s: int, e: int) -> str:
    """The day a weekday names (``rel``: "last", "next", ...), from the anchor and the tense."""
    if ctx.anchor is None:
        v = f"XXXX-WXX-{wd}"
    else:
        deictic = _DEICTIC_DAY_RE.search(ctx.before(s, 12))
        if deictic and rel is None:
            # "in der Nacht zum heutigen Samstag", "die Proteste vom gestrigen Sonntag"
            d = ctx.anchor + dt.timedelta(days=_DEICTIC_DAY[deictic[1].lower()])
            if d.isoweekday() == wd:
                return d.isoformat()
        if rel is not None and _REL.get(rel, 0) != 0:
            direction = _REL[rel]
        elif _named_on(ctx, s, e):
            direction = -1  # "die Proteste vom Sonntag": what a report refers back to
        elif ctx.lang == "en" and ctx.text.startswith("'s ", e) and _EN_AHEAD_RE.search(
                ctx.before(s, 24)):
            direction = 1  # "ahead of Sunday's election"
        elif ctx.lang == "en" and ctx.text.startswith("'s ", e) and not (
                _EN_EVENT_AFTER.match(ctx.text, e + 2) or _EN_SCHEDULED_NOUN.match(ctx.text, e + 2)
                or _EN_MAYBE_AHEAD_RE.search(ctx.before(s, 24))):
            # "get around Wednesday's ruling", "Thursday's decision": a thing already made,
            # whatever the tense of the verb it hangs on (TempEval-3 dev part: 8 of 8 past).
            direction = -1
        else:
            # German uses the present for scheduled events ("Das Spiel beginnt am
            # Samstag"), so without a cue take the nearest day; English news
            # without a cue is about the past.
            direction = _direction(ctx, s, e, default=-1 if ctx.lang == "en" else 0)
            if ctx.lang == "en" and direction > 0 and wd == ctx.anchor.isoweekday():
                # A wire story's "will meet Friday" on a Friday is that day, not a week
                # later (TempEval-3 dev part).
                direction = -1
        if direction == 0:
            past, fut = _weekday(ctx.anchor, wd, -1), _weekday(ctx.anchor, wd, 1)
            d = past if (ctx.anchor - past) <= (fut - ctx.anchor) else fut
        else:
            d = _weekday(ctx.anchor, wd, direction)
        if rel is not None and _REL.get(rel, 0) < 0 and d == ctx.anchor:
            d -= dt.timedelta(days=7)
        v = d.isoformat()
    return v


# Things that are scheduled: "will vote at Tuesday's meeting" keeps the clause's tense.
_EN_SCHEDULED_NOUN = re.compile(
    r"\s*(?:\w+\s+)?(?:meeting|session|hearing|talks|game|match|race|debate|ceremony|opening"
    r"|launch|rally|parade|final|concert|conference|visit)s?\b")
_EN_AHEAD_RE = re.compile(r"\b(?:ahead of|in the run-up to)\s+$", re.I)
_EN_MAYBE_AHEAD_RE = re.compile(r"\b(?:before|until|for|this)\s+$", re.I)


_DEICTIC_DAY = {"heutigen": 0, "gestrigen": -1, "morgigen": 1}
_DEICTIC_DAY_RE = re.compile(r"\b(heutigen|gestrigen|morgigen)\s+$", re.I)


def _h_night(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    """"in der Nacht zum Dienstag": the night before that day."""
    s, e = _span(m)
    word = m["wd"].lower()
    if word in ("heute", "gestern", "morgen"):  # "in der Nacht zu heute"
        if ctx.anchor is None:
            return [(s, e, "XXXX-XX-XXTNI", "TIME")]
        d = ctx.anchor + dt.timedelta(days={"heute": 0, "gestern": -1, "morgen": 1}[word] - 1)
        return [(s, e, f"{d.isoformat()}TNI", "TIME")]
    wd = _WEEKDAYS[word]
    if ctx.anchor is None:
        return [(s, e, f"XXXX-WXX-{(wd - 2) % 7 + 1}TNI", "TIME")]
    direction = _direction(ctx, s, e, default=0)
    if direction == 0:
        past, fut = _weekday(ctx.anchor, wd, -1), _weekday(ctx.anchor, wd, 1)
        d = past if (ctx.anchor - past) <= (fut - ctx.anchor) else fut
    else:
        d = _weekday(ctx.anchor, wd, direction)
    return [(s, e, f"{(d - dt.timedelta(days=1)).isoformat()}TNI", "TIME")]


def _h_weekend(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    s, e = _span(m)
    if re.search(r"\b(?:nur|immer|meist|meistens)\s+am\s+$", ctx.before(s, 16)):
        return [(s, e, "XXXX-WXX-WE", "SET")]  # "durfte die Kinder nur am Wochenende sehen"
    if ctx.anchor is None:
        return [(s, e, "XXXX-WXX-WE", "DATE")]
    direction = _direction(ctx, s, e, default=-1)
    if direction < 0:
        d = ctx.anchor if ctx.anchor.isoweekday() >= 6 else _weekday(ctx.anchor, 6, -1)
    else:
        d = _weekday(ctx.anchor, 6, 1) if ctx.anchor.isoweekday() < 6 else ctx.anchor
    return [(s, e, _week(d) + "-WE", "DATE")]


def _h_clock(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    gi = m.re.groupindex
    if "noon" in gi and m["noon"]:
        h, mi, ampm = (12 if m["noon"].lower() == "noon" else 24), 0, ""
    else:
        h = int(m["h"])
        mi = int(m["mi"] or 0)
        ampm = (m["ampm"] or "").lower().replace(".", "")
    if ampm == "pm" and h < 12:
        h += 12
    elif ampm == "am" and h == 12:
        h = 0
    if h > 24 or mi > 59:
        return None
    day = ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"
    if "wd" in gi and m["wd"]:  # "9 a.m. Tuesday": the weekday gives the day
        s, e = _span(m)
        # "gave them until 9 a.m. Tuesday": a deadline lies ahead of the report.
        rel = "next" if _DEADLINE_RE.search(ctx.before(s, 16)) else None
        day = _weekday_value(ctx, _WEEKDAYS[m["wd"].lower()], rel, s, e)
    elif "wd2" in gi and m["wd2"]:
        day = _weekday_value(ctx, _WEEKDAYS[m["wd2"].lower()], None, m.start("wd2"), m.end("wd2"))
    elif "mo" in gi and m["mo"] and ctx.anchor is not None:  # "until 5 p.m. EST, Nov. 6"
        s, e = _span(m)
        month, d = _MONTHS[m["mo"].lower().rstrip(".")], int(m["md"])
        day = _date_value(_pick_year(ctx.anchor, month, d, _calendar_direction(ctx, s, e)),
                          month, d) or day
    return _one(m, f"{day}T{h:02d}:{mi:02d}", "TIME")


_DEADLINE_RE = re.compile(r"\b(?:until|by|deadline(?: of| is)?)\s+$", re.I)


def _thanksgiving(year: int) -> dt.date:
    nov1 = dt.date(year, 11, 1)
    return nov1 + dt.timedelta(days=(3 - nov1.weekday()) % 7 + 21)


def _election_day(year: int) -> dt.date:
    nov1 = dt.date(year, 11, 1)
    return nov1 + dt.timedelta(days=(0 - nov1.weekday()) % 7 + 1)


def _h_holiday(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    name = m["hol"].lower()
    s, e = _span(m)
    year = int(m["y"]) if m["y"] else None
    # The night or evening of New Year's Eve is a part of 31 December (TIME ...TNI / ...TEV).
    part = {"silvesternacht": "NI", "neujahrsnacht": "NI", "silvesterabend": "EV"}.get(name)
    if part:
        name = "silvester"
    fixed = {"heiligabend": (12, 24), "weihnachten": (12, 25), "silvester": (12, 31),
             "neujahr": (1, 1), "neujahrstag": (1, 1), "christmas": (12, 25),
             "new year's day": (1, 1), "new year's eve": (12, 31)}
    easter = {"ostern": 0, "ostersonntag": 0, "ostermontag": 1, "karfreitag": -2,
              "pfingsten": 49, "pfingstsonntag": 49, "pfingstmontag": 50,
              "christi himmelfahrt": 39, "easter": 0, "good friday": -2}
    if name.startswith("thanksgiving") or name == "election day":
        # US: Thanksgiving is the fourth Thursday of November; Election Day the Tuesday after
        # the first Monday of November.
        day_of = _thanksgiving if name != "election day" else _election_day
        if year is None:
            if ctx.anchor is None:
                return [(s, e, "XXXX-11-XX", "DATE")]
            year = ctx.anchor.year
            direction = _calendar_direction(ctx, s, e)
            if name == "election day" and direction == 0:
                # Without a tense cue the coming one, unless this year's is only just past
                # ("the November election" in January is the one ahead; issue 11).
                if (ctx.anchor - day_of(year)).days > 60:
                    year += 1
            elif day_of(year) > ctx.anchor and direction <= 0:
                year -= 1
            elif day_of(year) < ctx.anchor and direction > 0:
                year += 1
        return [(s, e, day_of(year).isoformat(), "DATE")]
    if year is None:
        if ctx.anchor is None:
            if name in fixed:
                mo, d = fixed[name]
                if part:
                    return [(s, e, f"XXXX-{mo:02d}-{d:02d}T{part}", "TIME")]
                return [(s, e, f"XXXX-{mo:02d}-{d:02d}", "DATE")]
            return [(s, e, "XXXX-XX-XX", "DATE")]
        direction = _direction(ctx, s, e)
        if name in fixed:
            mo, d = fixed[name]
            year = _pick_year(ctx.anchor, mo, d, direction)
        else:
            e0 = _easter(ctx.anchor.year) + dt.timedelta(days=easter[name])
            if direction < 0 and e0 > ctx.anchor:
                year = ctx.anchor.year - 1
            elif direction > 0 and e0 < ctx.anchor:
                year = ctx.anchor.year + 1
            else:
                year = ctx.anchor.year
    if name in fixed:
        mo, d = fixed[name]
        if part:
            return [(s, e, f"{year:04d}-{mo:02d}-{d:02d}T{part}", "TIME")]
        return [(s, e, f"{year:04d}-{mo:02d}-{d:02d}", "DATE")]
    return [(s, e, (_easter(year) + dt.timedelta(days=easter[name])).isoformat(), "DATE")]


def _h_set(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    # "freitags", "on Fridays": the weekday alternative leaves group ``w`` empty.
    if m["wd"]:
        return _one(m, f"XXXX-WXX-{_WEEKDAYS[m['wd'].lower()[:-1]]}", "SET")
    g = m.groupdict()
    if g.get("sm"):
        day = f"-{int(g['sd']):02d}" if g.get("sd") else ""
        return _one(m, f"XXXX-{_MONTHS[g['sm'].lower().rstrip('.')]:02d}{day}", "SET")
    if g.get("swd"):
        return _one(m, f"XXXX-WXX-{_WEEKDAYS[g['swd'].lower()]}", "SET")
    if g.get("su"):
        n = 2 if g.get("other") else _num(g.get("sn"))
        return _one(m, _duration(n, _unit(g["su"])), "SET") if n else None
    w = m["w"].lower()
    for key, unit in (("täg", "D"), ("wöchent", "W"), ("monat", "M"), ("jähr", "Y"),
                      ("daily", "D"), ("weekly", "W"), ("monthly", "M"), ("annual", "Y"),
                      ("yearly", "Y"), ("tag", "D"), ("woche", "W"), ("jahr", "Y"),
                      ("day", "D"), ("week", "W"), ("month", "M"), ("year", "Y")):
        if key in w:
            return _one(m, f"P1{unit}", "SET")
    return None


def _h_season(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    unit = _unit(m["u"])
    if m["y"]:
        return _one(m, f"{int(m['y']):04d}-{unit}")
    s, e = _span(m)
    if ctx.anchor is None:
        return [(s, e, f"XXXX-{unit}", "DATE")]
    direction = _direction(ctx, s, e)
    y = _pick_year(ctx.anchor, _SEASON_MONTH[unit], None, direction)
    return [(s, e, f"{y:04d}-{unit}", "DATE")]


def _h_en_relyear(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    """"a year earlier", "a year ago"-like uses without "ago": relative to the anchor."""
    n = _num(m["n"])
    if n is None or isinstance(n, float):
        return None
    unit = _unit(m["u"])
    if unit not in ("D", "W", "M", "Y"):
        return None
    sign = -1 if m["dir"].lower() in ("earlier", "before", "zuvor", "früher") else 1
    return _one(m, _shift(ctx.anchor, unit, sign * n))
