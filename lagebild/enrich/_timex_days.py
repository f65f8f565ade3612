"""The timex handlers for days and times of day.

Deictic words (heute, gestern, tomorrow), weekdays, nights, weekends, clock times, holidays,
recurring sets, seasons and English relative years; each turns one regex match into TIMEX3
candidates ``(start, end, value, type)``.
"""

from __future__ import annotations

import datetime as dt
import re

from lagebild.enrich._timex_context import (
    _EN_EVENT_AFTER,
    _Cand,
    _Ctx,
    _calendar_direction,
    _date_value,
    _direction,
    _duration,
    _easter,
    _named_on,
    _num,
    _one,
    _pick_year,
    _shift,
    _span,
    _unit,
    _week,
    _weekday,
)
from lagebild.enrich._timex_lex import (
    _CLAUSE_SPLIT_RE,
    _MONTHS,
    _POD,
    _REL,
    _SEASON_MONTH,
    _WEEKDAYS,
    _tense_cues,
)


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
