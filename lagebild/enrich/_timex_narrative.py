"""Narrative anchoring for :mod:`lagebild.enrich.timex`: a reference time that moves with the text.

News reports tell what happened relative to the publication date; background
passages and history text tell a story whose time is set by the dates they
name ("Im Jahr 2017 hatte Nordkorea ... Im März ..." is March 2017).  The
rules in :mod:`lagebild.enrich._timex_rules` resolve every expression against
the publication date; this pass then walks the expressions in text order and

* keeps a *narrative reference*: the last absolute date the text named (not a
  boundary such as ``seit 2019`` or ``vor 1933``), or the last date resolved
  against it;
* re-resolves a year-less calendar expression (``im März``, ``am 3. Oktober``,
  ``im Herbst``, ``Ostern``-free month/day/season/quarter values) against that
  reference when the reference is in scope -- the same paragraph, or any
  earlier paragraph in a narrative document -- and the clause does not look
  ahead (future tense, ``ab``): a future-tense sentence is about the reader's
  future, so the publication date stays its anchor;
* resolves anchored relatives (``drei Tage später``, ``tags darauf``,
  ``am Vortag``, ``am selben Tag``, ``im folgenden Jahr``, ``zwei Wochen
  zuvor``) against the last date mentioned, whatever anchored it, and against
  the publication date only when the text has named none and they do not count
  forward (a forward one with no date before it is unknown, never after publication);
* drops the reference when the text comes back to the present: a
  publication-relative expression (``am Montag``, ``letzte Woche``,
  ``gestern``) resolved to a calendar value.

A document is *narrative* when fewer than half of the years it names lie
within a year of the publication date, or, without a publication date, when
it names more than one year; in a news document the reference does not cross
a paragraph break.  Dates of things named (``ein Abkommen aus dem Jahr
2018``) and limits (``seit 2019``) never set the reference.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Sequence

from lagebild.enrich._timex_context import _Cand, _Ctx, _duration, _one, _prep_direction
from lagebild.enrich._timex_lex import _CLAUSE_SPLIT_RE, _SEASON_MONTH, _WEEKDAYS
from lagebild.enrich._timex_relatives import REF_PREFIX

# Rules whose year-less values may take the narrative year; rules whose values are
# deictic (relative to "now": the publication date).
CALENDAR_RULES = frozenset({"numdate", "dmy", "mdy", "range_dm", "month", "quarter", "season",
                            "night_date", "pod_date"})
DEICTIC_RULES = frozenset({"word", "morgen", "relunit", "this_unit", "ago", "weekday", "night",
                           "weekend", "month_relyear", "elapsed_year"})

_DAY_VALUE_RE = re.compile(r"(?:BC)?[\dX]{4}-[\dX]{2}-[\dX]{2}")
_FULL_DAY_RE = re.compile(r"\d{4}-\d\d-\d\d")
_CLOCK_VALUE_RE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")

_YEAR_RE = re.compile(r"^(BC)?(\d{4})(?:-(\d\d|SP|SU|FA|WI|Q\d|H\d|W\d\d)(?:-(\d\d))?)?")
_FREE_RE = re.compile(r"^XXXX-(?:(\d\d)(?:-(\d\d))?|(SP|SU|FA|WI)|(Q\d|H\d))(T.*)?$")
BOUNDARY_RE = re.compile(r"(?:\b(?:[Ss]eit|[Bb]is(?:\s+(?:zum|zur|in\s+die|vor))?|[Vv]or|[Aa]b"
                         r"|[Ss]ince|[Uu]ntil|[Bb]efore)\s+(?:(?:dem|den|das|Jahr|Jahre)\s+)*)$")
# "ein Abkommen aus dem Jahr 2018", "das Gesetz von 2019": the date of a thing named, not the
# time the story is in.
_ATTRIBUTE_RE = re.compile(r"\b(?:aus|von|vom)\s+(?:dem\s+)?$")
# The same for a sentence's date (timex.sentence_dates), narrower: a noun, then "aus (dem|den)"
# ("ein Militärabkommen aus dem Jahr 2018"); "von"/"vom" also open spans and days of the
# sentence's own event ("war von 2019 bis 2021 Minister", "die Wahl vom Sonntag").
THING_DATE_RE = re.compile(r"[A-ZÄÖÜ][\w-]*\s+aus\s+(?:dem\s+|den\s+)?$")
# "der am 24.04.1922 geborene Schauspieler", "das 1911 gegründete Werk": the date of a thing
# or person named, said in passing, not the time the text is telling.
_ATTRIBUTIVE_RE = re.compile(
    r"\s+(?:[a-zäöüß]+\s+){0,2}(?:geboren|gegründet|verstorben|gestorben|erbaut|errichtet"
    r"|eröffnet|entstanden|eingeführt|verabschiedet|geschlossen)e[nmrs]?\b"
    # "Am 21. März 1918 eröffnete die Oberste Heeresleitung ...": a finite verb (an article,
    # pronoun or preposition follows), not a participle before its noun.
    r"(?!\s+(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|sich|sie|er|es|ihre?[nmrs]?"
    r"|seine?[nmrs]?|in|im|am|an|auf|mit|bei|vor|nach|zu|zum|zur)\b)")
# "zwischen 2018 und 2021": a period of years gives a year-less month no single year.
_RANGE_END_RE = re.compile(r"\b(?:[Zz]wischen|[Bb]etween)\s+(?:(?:dem\s+)?\S+(?:\s+\S+)?\s+"
                           r"(?:und|and)\s+(?:dem\s+)?)?$")
_PLUPERFECT_RE = re.compile(r"\b(?:hatte|hatten|hattest|bereits|zuvor|schon|had)\b")
# A clause still in the background of a news report (keeps a year across sentences).
_BACKGROUND_RE = re.compile(r"\b(?:hatte|hatten|hattest|bereits|zuvor|schon|damals|had)\b")
_PARAGRAPH_RE = re.compile(r"\n")
_NEXT_NIGHT_RE = re.compile(r"darauf|danach|folgend|nächst")


def _parse(value: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of a calendar value with a known year; BC years are negative."""
    m = _YEAR_RE.match(value)
    if not m:
        return None
    year = -int(m[2]) if m[1] else int(m[2])
    month: int | None = None
    part = m[3]
    if part and part.isdigit():
        month = int(part)
    elif part in _SEASON_MONTH:
        month = _SEASON_MONTH[part]
    elif part and part[0] == "Q":
        month = (int(part[1]) - 1) * 3 + 1
    elif part and part[0] == "H":
        month = (int(part[1]) - 1) * 6 + 1
    day = int(m[4]) if m[4] and part and part.isdigit() else None
    return year, month, day


def _year_str(year: int) -> str:
    return f"BC{-year:04d}" if year < 0 else f"{year:04d}"


# The story moves forward, but not always: a month more than five before the reference's is
# in the next year ("am 24. Dezember ... am 2. Januar"), a nearer one is the same year's,
# told out of order ("Verdun ... bis zum 18. Dezember. Am 1. Juli begann die Somme-Schlacht";
# "Im Frühjahr 1912 ... am 13. März").  Measured on the dev sets (docs/dates.md): 0 (always
# roll), 2 and 4 lose blind3 dev values, 6 loses one in timex_de.
_ROLL_GAP = 5


def _fill_year(free: str, ref: str, *, same_year: bool) -> str | None:
    """Give a year-less value (``XXXX-03``) the year of the narrative reference.

    The story moves forward: a month before the reference's month is in the
    next year, unless the sentence looks back (pluperfect, ``bereits``).
    """
    m = _FREE_RE.match(free)
    r = _parse(ref)
    if not m or r is None:
        return None
    ry, rmonth, _rday = r
    if ref.endswith("-WI"):
        rmonth = 12  # after "Winter 1877/78" the story is in its turn of the year
    if m[1]:
        month = int(m[1])
    elif m[3]:
        month = _SEASON_MONTH[m[3]]
    else:
        month = (int(m[4][1]) - 1) * (3 if m[4][0] == "Q" else 6) + 1
    year = ry
    # A winter is named by the year it begins in ("Winter 1877/78" = 1877-WI): "im Winter"
    # after a date of that year is that winter, whatever the month.
    if not same_year and rmonth is not None and rmonth - month > _ROLL_GAP and m[3] != "WI":
        year += 1
    elif not same_year and ref.endswith("-WI") and month < 12 and m[3] != "WI":
        year += 1  # after "Winter 1941/42" the story goes on in 1942
    return _year_str(year) + free[4:]


# "Kutusow (1745–1813)", "(* 1769)", "(† 1821)": the years of a life in parentheses.
_YEAR_ASIDE_RE = re.compile(r"\(\s*(?:(?:[*†]|geb\.|gest\.)\s*)?(?:\d{3,4}\s*[-–]\s*(?:[*†]\s*)?\d{2,4}"
                            r"|(?:[*†]|geb\.|gest\.)\s*\d{3,4})\s*\)")
# "Seit dem 1. August 1914 …", "Ab dem 19. September 1870 …": the start of a state told.
_SINCE_RE = re.compile(r"\b(?:[Ss]eit|[Aa]b)\s+(?:dem\s+)?$")
_APPOSITION_RE = re.compile(r",\s*(?:einem|einen|ein|dem|der)\s+")


def _year_aside(text: str, s: int, e: int) -> bool:
    """Whether the year at ``s:e`` stands in a parenthesis of a life's years."""
    open_at = text.rfind("(", max(0, s - 12), s)
    close_at = text.find(")", e, e + 12)
    return open_at >= 0 and close_at >= 0 and bool(_YEAR_ASIDE_RE.fullmatch(text, open_at, close_at + 1))


def _start_of_story(free: str, ref: tuple[str, int] | None) -> bool:
    """A date after ``seit``/``ab`` sets the story's time when it names a month or a day and the
    story has none more precise than a year yet ("von 1914 bis 1918 … Seit dem 1. August 1914")."""
    p = _parse(free)
    return bool(p and p[1] is not None and (ref is None or re.fullmatch(r"(?:BC)?\d{4}", ref[0])))


def _inside_span(filled: str, free: str, start: str, end: str, back: bool, intro: bool) -> str:
    """A year-less date filled from the end of a range of years that falls after that end
    takes the start's year when it lies inside the range then; after a range of bare years in
    the text's first sentence (``intro``), always."""
    f, a, b = _parse(filled), _parse(start), _parse(end)
    if intro and f and a and b and a[1] is None and b[1] is None and 0 < b[0] - a[0] <= 30:
        # "Der Koreakrieg dauerte von 1950 bis 1953. … am 25. Juni": a story told from the
        # start of the years its opening sentence spans
        return _fill_year(free, start, same_year=back) or filled
    if not (f and a and b) or a[0] >= b[0] or (f[0], f[1] or 0) <= (b[0], b[1] or 12):
        return filled
    other = _fill_year(free, start, same_year=back)
    o = _parse(other) if other else None
    return other if o and other and (o[0], o[1] or 0) >= (a[0], a[1] or 0) else filled


def _shift_value(ref: str, unit: str, n: int) -> str | None:
    """The ``unit``-sized period ``n`` units from the reference date, at ``unit`` granularity."""
    r = _parse(ref)
    if r is None:
        return None
    y, mo, d = r
    if unit == "Y":
        return _year_str(y + n)
    if unit == "NS":  # the next season beginning in month n after the reference ("1854-FA")
        mo = 12 if ref.endswith("-WI") else mo  # winter 1854/55 is followed by spring 1855
        if mo is None:  # after a bare year: its own winter, the next year's other seasons
            return _year_str(y + (0 if n == 12 else 1))
        return _year_str(y + (0 if mo < n else 1))
    if mo is None:
        return None
    if unit == "M":
        k = y * 12 + (mo - 1) + n
        return f"{_year_str(k // 12)}-{k % 12 + 1:02d}"
    if d is None or y < 1:
        return None
    try:
        base = dt.date(y, mo, d)
        if unit == "D":
            return (base + dt.timedelta(days=n)).isoformat()
        if unit == "W":
            # "zwei Wochen später" after a day named is a day (all three blind sets' annotators)
            return (base + dt.timedelta(weeks=n)).isoformat()
    except (ValueError, OverflowError):  # beyond the calendar datetime knows (year 9999)
        return None
    return None


def h_fin_period(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    """"the latest quarter", "the quarter", "the year-ago period", "year-earlier" (English)."""
    if m["this"]:
        return _one(m, f"{REF_PREFIX}Q:0")
    if m["adj"]:
        s0, s1 = ctx.sentence_of(m.start())
        if ctx.anchor is not None and (not _QUARTER_TALK_RE.search(ctx.text, s0, s1)
                                       or _LONGER_PERIOD_RE.search(ctx.text, s0, s1)):
            # "The year-earlier results have been restated", "the nine months ... year-ago":
            # the year before, not a quarter (TempEval-3 dev part).
            return _one(m, f"{ctx.anchor.year - 1:04d}")
        return _one(m, f"{REF_PREFIX}Q:-4")
    cur = (m["cur"] or "").lower()
    has_the = m.group("t")[:4].lower() == "the "
    if m["fy"]:  # "the 1988 quarter", "the 1988 period": the report's quarter in that year
        return _one(m, f"{REF_PREFIX}QY:{int(m['fy'])}")
    if m["u"] == "period" and not (cur or m["ago"]):
        return None  # "the period" alone is rarely a quarter
    if not (has_the or cur or m["ago"]):
        return None  # "a quarter of the votes"
    if cur == "current":
        return _one(m, f"{REF_PREFIX}QC:0")
    return _one(m, f"{REF_PREFIX}Q:{-4 if m['ago'] or m['ago2'] else 0}")


def _quarter_value(mentioned: Sequence[str], anchor: dt.date | None, unit: str,
                   n: int, reported: Collection[str] = ()) -> str | None:
    """The quarter an earnings report is about (the last one named, else the one before the
    publication date's), or the current quarter for ``QC``, shifted by ``n`` quarters.

    ``reported``: quarters named in a past-tense sentence ("reported a decline in
    fourth-quarter earnings" early in October: a fiscal quarter already over)."""
    base: tuple[int, int] | None = None
    if unit == "Q":
        for v in reversed(mentioned[-20:]):
            qm = re.fullmatch(r"(\d{4})-Q([1-4])", v)
            # a report is about a finished quarter: one not yet over is a forecast
            if qm and (anchor is None or v in reported or (int(qm[1]), int(qm[2])) < (
                    anchor.year, (anchor.month - 1) // 3 + 1)):
                base = (int(qm[1]), int(qm[2]))
                break
    if base is None:
        if anchor is None:
            return None
        q = (anchor.month - 1) // 3 + 1
        base = (anchor.year, q) if unit == "QC" else (
            (anchor.year, q - 1) if q > 1 else (anchor.year - 1, 4))
    k = base[0] * 4 + base[1] - 1 + n
    return f"{k // 4:04d}-Q{k % 4 + 1}"


# A sentence about a longer period than a quarter compares years.
_LONGER_PERIOD_RE = re.compile(
    r"\b(?:(?:nine|six|first nine|first six|first)\s+months|first half|(?:full|fiscal) year)\b",
    re.I)
_QUARTER_TALK_RE = re.compile(r"\b(?:quarter|period|quarterly)\b", re.I)
# A sentence reporting results against a year before ("net of $1.1 million, or four cents a
# share, a year ago") in a report that has named its quarter is about that quarter.
_RESULTS_RE = re.compile(
    r"\b(?:a share|net (?:income|loss)|net was|earned|earnings|profit|sales|revenue)\b", re.I)


def _year_ago_quarter(ctx: _Ctx, name: str, value: str, s: int, mentioned: Sequence[str]) -> bool:
    """English "a year ago", "last year" in a sentence about a quarter, after one was named."""
    if ctx.lang != "en" or ctx.anchor is None or name not in ("ago", "later", "relunit"):
        return False
    if value != f"{ctx.anchor.year - 1:04d}":
        return False
    s0, s1 = ctx.sentence_of(s)
    if not (_QUARTER_TALK_RE.search(ctx.text, s0, s1) or _RESULTS_RE.search(ctx.text, s0, s1)):
        return False
    if _LONGER_PERIOD_RE.search(ctx.text, s0, s1):
        return False  # "In the nine months, net rose ... from $504.2 million last year"
    return any(re.fullmatch(r"\d{4}-Q\d", v) for v in mentioned[-20:])


# ---- the pass ------------------------------------------------------------------

# A chosen expression before this pass: candidate, rule name, and a function that
# re-runs its rule without an anchor (the value the text alone gives).
Item = tuple[_Cand, str, Callable[[], str | None]]


def _narrative_document(free_values: Sequence[str], anchor: dt.date | None,
                        deictic: int = 0) -> bool:
    """Whether the text tells a story (history) rather than reports news.

    ``deictic`` counts the expressions resolved against the publication date (``am
    Dienstag``, ``letzte Woche``): each weighs as a year near publication.
    """
    years = [p[0] for v in free_values if (p := _parse(v)) is not None]
    if anchor is None:
        # No publication date: a story only if the text names more than one year; a single
        # year in a news article is more often a background detail than the story's time.
        return len(set(years)) >= 2
    near = sum(abs(y - anchor.year) <= 1 for y in years) + deictic
    # One old year in a news article ("das letzte große Wasser war 1954") is a background
    # detail, not the time the article tells: a story names at least two.
    far = sum(abs(y - anchor.year) > 1 for y in years)
    return far >= 2 and near < far


def anchor_narrative(items: Sequence[Item], ctx: _Ctx) -> list[_Cand]:
    """Re-anchor year-less dates and anchored relatives to the time the text is telling.

    Args:
        items: the chosen expressions in text order (see :data:`Item`).
        ctx: the matching context (text, publication anchor, tense cues).

    Returns:
        The candidates with their final values.
    """
    text = ctx.text
    anchor = ctx.anchor
    frees: list[str | None] = []
    for (_s, _e, value, _t), _name, free in items:
        frees.append(value if anchor is None or value.startswith(REF_PREFIX) else free())
    narrative_doc = _narrative_document(
        [f for f, ((_s, _e, _v, t), _n, _f) in zip(frees, items, strict=True)
         if f and t in ("DATE", "TIME")], anchor,
        sum(n in DEICTIC_RULES and not v.startswith(REF_PREFIX) and _parse(v) is not None
            for (_s, _e, v, _t), n, _f in items))
    # English news (TempEval-3) keeps the news convention for year-less dates: measured,
    # the narrative year did worse there; only a text without a date of its own uses it.
    fill = anchor is None or ctx.lang != "en"
    ref: tuple[str, int] | None = None  # (value, paragraph start)
    week: tuple[str, int] | None = None  # a week just named ("nächste Woche"), its offset
    ref_quote: int | None = None  # end of the quotation the reference was named in
    span_from: str | None = None  # the start of the range of years whose end set the reference
    ref_at = 0  # where the reference was named
    # Paragraph breaks bound a background passage; a text without them (feeds that lose
    # them) bounds it at the sentence after the year instead.
    has_paragraphs = "\n" in text.strip()
    mentioned: list[str] = []  # calendar dates mentioned so far, for anchored relatives
    unknown_at = -1  # len(mentioned) when an anchored relative last stayed unknown
    reported: set[str] = set()  # the running quarter, named in the past tense (fiscal)
    # Paragraphs about the publication's present: another expression resolved against the
    # publication date, or a year around it.
    present_paras: set[int] = set()
    if anchor is not None:
        for ((s, e, value, _t), name, _f), free in zip(items, frees, strict=True):
            if text[s:e].lower() == "heute":
                continue
            p = _parse(free or value)
            if ((name in DEICTIC_RULES or name == "this_unit") and _parse(value) is not None) \
                    or (p is not None and abs(p[0] - anchor.year) <= 1):
                present_paras.add(_paragraph_start(text, s))
    coordinated = _coordinated_years(items, frees, text)
    out: list[_Cand] = []
    for idx, (((s, e, value, type_), name, _f), free) in enumerate(zip(items, frees, strict=True)):
        if idx in coordinated:
            value = free = coordinated[idx]
        para = _paragraph_start(text, s)
        if ref is not None and not narrative_doc and ref[1] != para:
            ref = None
        if ref is not None and ref_quote is not None and s >= ref_quote:
            # A year inside a quotation in a news article ("„Das letzte große Wasser war
            # 1954“, sagte Huber.") is the speaker's aside; the report's dates after the
            # quotation keep the publication date.
            ref = None
        if value.startswith(REF_PREFIX):
            _, unit, n, *month = value.split(":")
            if unit == "QY":
                q = _quarter_value(mentioned, anchor, "Q", 0, reported)
                value = f"{int(n):04d}-{q[5:] if q else 'QX'}"
                out.append((s, e, value, type_))
                continue
            if unit == "H":
                # "um 5 Uhr morgens ... sechs Stunden später": from the last clock time named;
                # without one, the time it took.
                clock = next((v2 for _s2, _e2, v2, _t2 in reversed(out)
                              if _CLOCK_VALUE_RE.fullmatch(v2)), None)
                if clock is None:
                    out.append((s, e, _duration(abs(int(n)), "H"), "DURATION"))
                    continue
                t = dt.datetime.fromisoformat(clock) + dt.timedelta(hours=int(n))
                out.append((s, e, t.strftime("%Y-%m-%dT%H:%M"), "TIME"))
                continue
            if unit in ("Q", "QC"):
                value = _quarter_value(mentioned, anchor, unit, int(n), reported) or "XXXX-QX"
                out.append((s, e, value, type_))
                continue
            # The last date precise enough for the shift ("im gleichen Monat" after "im
            # selben Jahr" counts from the last month named).
            new = None
            if unit == "D" and mentioned and (
                    (n == "0" and re.fullmatch(r"\d{4}-\d\d", mentioned[-1]))
                    or re.fullmatch(r"\d{4}-\d\d-XX", mentioned[-1])):
                # "most recently last October ... crossed out that same day": a day of that
                # month, not the last day named before it (and "the next day" after it too).
                new = f"{mentioned[-1][:7]}-XX"
            # With no date before it, a relative counting back or the same day takes the
            # publication date (news: "am Vortag"); one counting forward ("drei Tage
            # später", "the next day") counts from an unnamed event, not from publication:
            # unknown, never a date after the report.
            fallback = [anchor.isoformat()] if anchor and (mentioned or int(n) <= 0) else []
            if int(n) == 0 and unknown_at == len(mentioned):
                # "Am nächsten Tag … An diesem Tag": the same unknown day, not publication
                fallback = []
            if narrative_doc and mentioned and unit in ("D", "W") and not month and not any(
                    _FULL_DAY_RE.match(v) for v in mentioned[-20:]):
                fallback = []  # "1914 … Tags darauf" in a story: not the day after publication
            bases = [*reversed(mentioned[-20:]), *fallback]
            if month and month[-1].startswith("T"):
                # "am Abend": of the last day named; in a report, of a day in the week around
                # publication ("bestätigte Westerwelle am Abend" after a scheduled vote named,
                # "konnte in der Nacht nicht festgestellt werden" after a background date: the
                # report's day).
                # In a story, of the day named in this or the sentence before ("Am 8. November
                # 1923 ... Am Abend").
                new = None
                ahead = ctx.direction(s, e) > 0
                last = next(((s2, v2[:10]) for s2, _e2, v2, _t2 in reversed(out)
                             if _FULL_DAY_RE.match(v2)), None)
                if last is not None and n == "0" and any(
                        v2.endswith("TNI") and v2[:10] == last[1] for _s2, _e2, v2, _t2 in out[-1:]) \
                        and (month[-1] != "TNI" or _NEXT_NIGHT_RE.search(text, s, e)):
                    # "In der Nacht zum 21. August ... am Morgen": the morning after; "... in
                    # der Nacht darauf": the next night
                    n = "1"
                bases = [b for b in bases if _FULL_DAY_RE.fullmatch(b) and (
                    anchor is None
                    or (last is not None and b == last[1] and (ahead or b <= anchor.isoformat())
                        and (_next_sentence(ctx, last[0], s) or (  # a story's day, this paragraph
                            narrative_doc and _paragraph_start(text, last[0]) == para)))
                    or (0 <= (anchor - dt.date.fromisoformat(b)).days * (-1 if ahead else 1) <= 7))
                ] or fallback
            for base in ([] if new else bases):
                new = _shift_value(base, unit, int(n))
                if new:
                    break
            pod = month.pop() if month and month[0].startswith("T") else ""  # "am Abend"
            if new and month:  # "im September des folgenden Jahres"
                new = f"{new}-{month[0]}"
            value = new or (f"XXXX-{month[0]}" if month else _underspecified(unit))
            if pod:
                value = (value if _DAY_VALUE_RE.fullmatch(value) else "XXXX-XX-XX") + pod
            if not new:
                unknown_at = len(mentioned)
            # "gegenüber dem Vorjahr … gegenüber dem Vorjahr": each counts from the year
            # reported, not from the one before it.
            if new and text[s:e] != "Vorjahr":
                mentioned.append(new)
                if (ref is not None or not _near(new, anchor)) and not (
                        int(n) < 0 and (narrative_doc or _PLUPERFECT_RE.search(_clause(ctx, s, e)))):
                    # (not "die im Oktober des Vorjahres ausgelaufen war": a story's look back)
                    ref, ref_at = (new, para), s
            out.append((s, e, value, type_))
            continue
        free = free or value
        if type_ in ("DATE", "TIME") and _parse(free) is not None and _year_aside(text, s, e):
            pass  # "Kutusow (1745–1813)": a life's years in an aside, not the story's time
        elif type_ in ("DATE", "TIME") and _parse(free) is not None:
            # An absolute date: the text itself says when.
            before = text[max(0, s - 24) : s]
            if ((not BOUNDARY_RE.search(before) or _RANGE_FROM_RE.search(text, max(0, s - 48), s)
                    or (narrative_doc and _SINCE_RE.search(before) and _start_of_story(free, ref)
                        and ctx.direction(s, e) < 0))
                    and not _ATTRIBUTE_RE.search(before)
                    and not _RANGE_END_RE.search(before) and not _ATTRIBUTIVE_RE.match(text, e)) \
                    or (narrative_doc and anchor is not None and not BOUNDARY_RE.search(before)
                        and _ATTRIBUTE_RE.search(before)
                        and (ref is None or _start_of_story(free, ref))):
                # (a story's first date, or its first month or day, sets its time even as a
                # thing's date: "Der Deutsche Krieg von 1866 …", "von 1950 bis 1953 … Nach
                # dem Angriff vom 25. Juni 1950 fiel Seoul am 28. Juni")
                ref, ref_at = (_part_of_year(text[s:e], free), para), s
                ref_quote = None if narrative_doc else _quote_end(text, s)
                span_from = mentioned[-1] if mentioned and BOUNDARY_RE.search(before) else None
            mentioned.append(free.split("T", 1)[0])
        elif name in CALENDAR_RULES and _FREE_RE.match(free):
            clause = _clause(ctx, s, e)
            back = bool(_PLUPERFECT_RE.search(clause))
            if ref is not None and fill and not _looks_ahead(ctx, s, e) and (
                anchor is None or not _near(ref[0], anchor)
            ) and (narrative_doc or anchor is None or has_paragraphs
                   or _BACKGROUND_RE.search(clause) or _next_sentence(ctx, ref_at, s)):
                filled = _fill_year(free, ref[0], same_year=back)
                if filled and span_from:
                    # "von Juli 1936 bis April 1939. Am 17. Juli …": after the end of the
                    # range, inside it in the start's year (1936-07-17)
                    filled = _inside_span(filled, free, span_from, ref[0], back,
                                          ref_at <= ctx.sentence_of(0)[1])
                    span_from = None
                if filled:
                    value = filled
                    ref, ref_at = (filled, para), s
            if _parse(value) is not None:
                mentioned.append(value.split("T", 1)[0])
                if name == "quarter" and ctx.lang == "en" and ctx.direction(s, e) < 0:
                    reported.add(value)
        elif name == "this_unit" and ref is not None and fill and not _looks_ahead(ctx, s, e) \
                and (anchor is None or not _near(ref[0], anchor)) \
                and (ref[1] == para or ctx.direction(s, e) < 0):
            # "Ende des Jahres" in a story told of 1918 is the end of 1918; in a paragraph
            # after the story, a clause without a past cue ("Die Kathedrale bleibt bis Ende
            # des Jahres geschlossen") is back in the reader's year.
            unit = "M" if re.fullmatch(r"[\dX]{4}-[\dX]{2}", value) else "Y"
            value = _shift_value(ref[0], unit, 0) or value
            if _parse(value) is not None:
                mentioned.append(value)
        elif name == "clock" and ref is not None and (anchor is None or not _near(ref[0], anchor)):
            # "Um 11 Uhr schwiegen die Waffen" in a story: that day's clock, not publication's.
            r = _parse(ref[0])
            day = f"{_year_str(r[0])}-{r[1]:02d}-{r[2]:02d}" if r and r[1] and r[2] else "XXXX-XX-XX"
            if ref[0].endswith("TNI") and _FULL_DAY_RE.fullmatch(day) and r and r[0] > 0 \
                    and re.match(r"T0\d", value[value.find("T"):]):
                # "In der Nacht zum 22. Juni ... um 3.15 Uhr": the early hours of the 22nd
                day = (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
            value = day + value[value.index("T"):] if "T" in value else value
        elif _year_ago_quarter(ctx, name, value, s, mentioned):
            # "third-quarter profit rose from $5 million a year earlier": that quarter a year ago.
            value = _quarter_value(mentioned, anchor, "Q", -4, reported) or value
        elif name == "holiday" and not narrative_doc and _parse(value) is not None:
            # "noch vor Weihnachten" in a report is the reader's; in a story ("Bis Weihnachten
            # sollte der Krieg vorbei sein") it is the story's and keeps the reference.
            ref = None
            mentioned.append(value.split("T", 1)[0])
        elif name == "word" and narrative_doc and anchor is not None \
                and text[s:e].lower() == "heute" and value == anchor.isoformat() \
                and para not in present_paras and ctx.direction(s, e) == 0:
            # "Heute gilt er als ..." in a history text: nowadays, not the publication day.
            # An event told in the past or future tense ("Heute wurde der Astronaut 75 Jahre
            # alt", "verkündete heute das Urteil") is the day, and so is a paragraph that also
            # names days or years around publication ("Ihr Todestag jährt sich heute ..., die
            # Feier ist für den kommenden Dienstag geplant").
            value = "PRESENT_REF"
        elif name in ("weekday", "holiday") and out and _FULL_DAY_RE.fullmatch(out[-1][2]) \
                and _APPOSITION_RE.fullmatch(text, out[-1][1], s):
            # "Am 1. September 1939, einem Freitag, …", "am 24. April 1916, dem Ostermontag,":
            # that day, not a day of the reader's week or year
            value = out[-1][2]
        elif name in DEICTIC_RULES and _parse(value) is not None:
            ref = None  # back in the reader's present
            if name == "weekday" and week is not None and mentioned and mentioned[-1] == week[0] \
                    and ctx.sentence_of(week[1])[1] >= ctx.sentence_of(s)[0] - 1 \
                    and anchor is not None and week[0] > _week_of(anchor):
                # "Die Ministerin reist nächste Woche nach Kiew. Am Montag trifft sie ...":
                # a bare weekday in the sentence after a coming week named is that week's day.
                value = _day_in_week(week[0], text[s:e], value) or value
            week = (value, s) if _WEEK_RE.fullmatch(value) else None
            mentioned.append(value.split("T", 1)[0])
        out.append((s, e, value, type_))
    return out


# "vom 2. April bis zum 14. Juni 1982": the end of a span the story tells, not a limit.
_RANGE_FROM_RE = re.compile(r"\b[Vv]o[mn]\s+[^,;:]{1,30}?\s+bis\s+(?:zum\s+|zur\s+)?$")
# "im April und erneut im November 2004": the year named with the second date.
_COORD_RE = re.compile(r"\s*(?:und|oder|sowie|bis)\s+(?:(?:erneut|wieder|dann|noch|zum|zur|im|am|bis)\s+){0,3}")


def _coordinated_years(items: Sequence[Item], frees: Sequence[str | None], text: str) -> dict[int, str]:
    """Year-less months and days coordinated with a dated one right after them take its year
    (the year before, when the first month comes later in the year: "Dezember und Januar 1999")."""
    out: dict[int, str] = {}
    for i in range(len(items) - 1):
        m, p = _FREE_RE.match(frees[i] or ""), _parse(frees[i + 1] or "")
        if items[i][1] in CALENDAR_RULES and m and m[1] and p and p[1] and items[i + 1][0][3] in (
                "DATE", "TIME") and _COORD_RE.fullmatch(text, items[i][0][1], items[i + 1][0][0]):
            out[i] = _year_str(p[0] - (int(m[1]) > p[1])) + (frees[i] or "")[4:]
    return out


_PART_MONTH = {"anfang": "01", "beginn": "01", "mitte": "06", "ende": "12", "early": "01",
               "mid": "06", "late": "12"}


def _part_of_year(span: str, value: str) -> str:
    """"Ende 2023" sets the story in December 2023 (a June after it is the next June)."""
    if not re.fullmatch(r"(?:BC)?\d{4}", value):
        return value
    word = re.match(r"[A-Za-z]+", span)
    month = _PART_MONTH.get(word.group().lower()) if word else None
    return f"{value}-{month}" if month else value


_WEEK_RE = re.compile(r"(\d{4})-W(\d\d)")
_BARE_WEEKDAY_RE = re.compile(
    r"(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag|Monday|Tuesday"
    r"|Wednesday|Thursday|Friday|Saturday|Sunday)")


def _week_of(day: dt.date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _day_in_week(week: str, span: str, value: str) -> str | None:
    """The day of ``week`` (``2024-W17``) that the bare weekday ``span`` names."""
    wm = _WEEK_RE.fullmatch(week)
    if not wm or not _BARE_WEEKDAY_RE.fullmatch(span):
        return None
    wd = _WEEKDAYS[span.lower()]
    try:
        day = dt.date.fromisocalendar(int(wm[1]), int(wm[2]), wd)
    except ValueError:
        return None
    return day.isoformat() + (value[10:] if len(value) > 10 else "")


def _quote_end(text: str, pos: int) -> int | None:
    """Where the direct quotation or parenthesis around ``pos`` ends (``None``: not inside)."""
    p0 = text.rfind("\n", 0, pos) + 1
    p1 = text.find("\n", pos)
    p1 = len(text) if p1 < 0 else p1
    seg = text[p0:pos]
    for opener, closer in (("„", "“"), ("»", "«"), ("“", "”")):
        if opener == "“" and "„" in seg:
            continue  # German quotation marks: "“" closes
        if seg.rfind(opener) > seg.rfind(closer):
            end = text.find(closer, pos, p1)
            return p1 if end < 0 else end + 1
    if seg.count('"') % 2:
        end = text.find('"', pos, p1)
        return p1 if end < 0 else end + 1
    # An aside in parentheses ("liegt 15 Jahre zurück (1992)") governs only inside them.
    if seg.rfind("(") > seg.rfind(")"):
        end = text.find(")", pos, p1)
        return p1 if end < 0 else end + 1
    return None


def _next_sentence(ctx: _Ctx, at: int, pos: int) -> bool:
    """``pos`` lies in the sentence of ``at`` or in the one after it.

    In a news report without paragraph breaks a background year governs the year-less dates
    right after it; further on only a clause that still looks back (pluperfect, ``bereits``,
    ``damals``) stays in the background, otherwise the report is back at its own time.
    """
    return ctx.sentence_of(pos)[0] <= ctx.sentence_of(at)[1]


def _near(value: str, anchor: dt.date | None) -> bool:
    """A reference within the publication year: the news convention gives the same years."""
    if anchor is None:
        return False
    p = _parse(value)
    return p is not None and p[0] == anchor.year


def _clause(ctx: _Ctx, s: int, e: int) -> str:
    """The clause around an expression (between commas, semicolons, dashes)."""
    s0, s1 = ctx.sentence_of(s)
    c0 = s0
    for cm in _CLAUSE_SPLIT_RE.finditer(ctx.text, s0, s):
        c0 = cm.end()
    nxt = _CLAUSE_SPLIT_RE.search(ctx.text, e, s1)
    return ctx.text[c0 : nxt.start() if nxt else s1]


def _looks_ahead(ctx: _Ctx, s: int, e: int) -> bool:
    p = _prep_direction(ctx, s)
    d = ctx.direction(s, e)
    if p is not None:
        # "ab dem 11. Juli wurden ... ermordet": from a day of the story, told in the past
        return p > 0 and d >= 0
    return d > 0


def _underspecified(unit: str) -> str:
    return {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX"}.get(unit, "XXXX")


def _paragraph_start(text: str, pos: int) -> int:
    i = text.rfind("\n", 0, pos)
    return i + 1
