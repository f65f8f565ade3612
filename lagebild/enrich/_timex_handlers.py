"""The timex handlers for dates, years, ranges and durations (:mod:`lagebild.enrich.timex`).

Every handler turns one regex match into TIMEX3 candidates ``(start, end, value, type)``.
Calendar arithmetic and the matching context are in :mod:`lagebild.enrich._timex_context`;
the handlers for days and times of day in :mod:`lagebild.enrich._timex_days`.
"""

from __future__ import annotations

import datetime as dt
import re

from lagebild.enrich._timex_context import (
    _Cand,
    _Ctx,
    _calendar_direction,
    _date_value,
    _direction,
    _duration,
    _named_on,
    _num,
    _one,
    _pick_year,
    _present_direction,
    _shift,
    _span,
    _unit,
    _week,
    _year_of,
)
from lagebild.enrich._timex_lex import _MONTHS, _ORDINALS, _REL, _SEASON_MONTH, _WEEKDAYS


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
    d1, d2 = int(m["d1"]), int(m["d2"])
    if not m["m2"]:
        return _range_end_day(m, ctx, _MONTHS[m["m1"].lower().rstrip(".")], d1, d2)
    m2 = _MONTHS[m["m2"].lower().rstrip(".")]
    m1 = _MONTHS[m["m1"].lower().rstrip(".")] if m["m1"] else m2  # "20. bis 22. Januar"
    out: list[_Cand] = []
    y2 = _year_of(m["y2"]) if m["y2"] else None
    y1 = _year_of(m["y1"]) if m["y1"] else y2
    if not m["y1"] and y1 is not None and (m1, d1) > (m2, d2):
        y1 -= 1  # "20. Dezember bis 5. Januar 2016": the start in the year before
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


def _range_end_day(m: re.Match[str], ctx: _Ctx, month: int, d1: int, d2: int) -> list[_Cand] | None:
    """"March 3-5, 2016", "March 17-20": the month written on the start only; the end is that
    month's later day, in the year written after it or else the start's (read as a lone date)."""
    if d2 <= d1:
        return None  # "March 31-4", "March 3-3": no range of one month's days
    if m["y2"]:
        y: int | None = _year_of(m["y2"])
        first = [(m.start("p1"), m.end("p1"), _date_value(y, month, d1), "DATE")]
    else:
        first = _resolve_daymonth(m, ctx, month, d1, span=(m.start("p1"), m.end("p1")))
        if not first:
            return None
        y = int(first[0][2][:4]) if first[0][2][:4].isdigit() else None
    v2 = _date_value(y, month, d2)
    if not first[0][2] or v2 is None:
        return None
    return [first[0], (m.start("p2"), m.end("p2"), v2, "DATE")]


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
    # "(2100 UTC)", "0735 GMT", "1830 Uhr MEZ": a clock time, not a year
    r"|\s*(?:UTC|GMT|MEZ|MESZ|CET|CEST|[ECMP][SD]T|hours|hrs|Uhr)\b"
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
        if (_YEAR_PREV_BAD.search(before) and not _approximate_year_range(m, ctx, before, y)) \
                or _YEAR_NEXT_BAD.match(ctx.text, m.end()):
            return None
    elif not 1000 <= y <= 2200 or _YEAR_NEXT_BAD.match(ctx.text, m.end()):
        if not re.search(r"(?:Jahr|Jahres|year|fiscal)\s+$", before):
            return None
    if re.search(r"(?:von|von den|than|über|rund|etwa|mehr als|fast)\s+$", before) and \
            _YEAR_NEXT_BAD.match(ctx.text, m.end()):
        return None
    return _one(m, f"{y:04d}")


_APPROX_FROM_RE = re.compile(r"\b(?:[Vv]on|[Zz]wischen)\s+(?:etwa|rund|circa|ca\.|ungefähr)\s+$")
_APPROX_TO_RE = re.compile(r"\s+(?:bis|und)\s+(?:(?:etwa|rund|circa|ca\.|ungefähr)\s+)?(\d{4})(?![\d.,]\d)")


def _approximate_year_range(m: re.Match[str], ctx: _Ctx, before: str, y: int) -> bool:
    """"von etwa 1955 bis 1975", "zwischen rund 1200 und 1250": an approximate first year of a
    range of years (a later year within 300 follows), not an amount ("von etwa 1500 bis 2000
    Euro" stays an amount: the unit after the second number)."""
    to = _APPROX_TO_RE.match(ctx.text, m.end())
    return bool(_APPROX_FROM_RE.search(before) and to and 0 < int(to[1]) - y <= 300
                and not _YEAR_NEXT_BAD.match(ctx.text, to.end()))


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
    if sign > 0 and ctx.lang == "de" and unit in ("D", "W", "M", "Y") \
            and ctx.direction(m.start("t"), m.end("t")) < 0:
        # "In vier Jahren waren mehrere Millionen Soldaten gefallen", "eroberte in drei Tagen":
        # in the past tense the time it took, not a date ahead of publication.
        return [(m.start("n"), m.end("t"), _duration(n, unit), "DURATION")]
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
