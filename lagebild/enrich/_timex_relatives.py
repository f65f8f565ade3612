"""Rule handlers for :mod:`lagebild.enrich.timex` whose values a story anchors.

Anchored relatives (``drei Tage später``, ``tags darauf``, ``am Vortag``, ``im folgenden
Jahr``, ``in der Nacht darauf``) get a placeholder value ``REF:<unit>:<shift>[:<part>]`` that
:func:`lagebild.enrich._timex_narrative.anchor_narrative` resolves against the last date the
text named; parts of named days (``am Abend des 8. November``, ``in der Nacht zum 5. August``),
relative years of a month or season (``September des folgenden Jahres``), BC years and
``H:MM`` durations are resolved here.
"""

from __future__ import annotations

import datetime as dt
import re

from lagebild.enrich._timex_context import _Cand, _Ctx, _duration, _one, _pick_year, _prep_direction
from lagebild.enrich._timex_days import _h_en_relyear
from lagebild.enrich._timex_handlers import _h_dmy
from lagebild.enrich._timex_lex import _MONTHS, _NUMBERS, _POD, _UNITS

# The month a season begins in ("im folgenden Winter" after October 1854 is 1854-WI).
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
REF_PREFIX = "REF:"  # value of an anchored relative before the narrative pass: REF:<unit>:<shift>

# ---- the anchored-relative rule ---------------------------------------------

_DE_UNIT_OF = {"stunde": "H", "stunden": "H", "tag": "D", "tage": "D", "tagen": "D", "woche": "W", "wochen": "W",
               "monat": "M", "monate": "M", "monaten": "M", "jahr": "Y", "jahre": "Y",
               "jahren": "Y", "day": "D", "days": "D", "week": "W", "weeks": "W",
               "month": "M", "months": "M", "year": "Y", "years": "Y"}
_LATER = {"später", "danach", "darauf", "nach", "later", "after"}


def h_anchored(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    """"drei Tage später", "tags darauf", "am Vortag", "am selben Tag", "im folgenden Jahr"."""
    g = m.groupdict()
    if g.get("vorjahr"):  # "gegenüber dem Vorjahr": the year before the one the text is in
        return _one(m, f"{REF_PREFIX}Y:-1")
    if g.get("ud"):  # "im Jahr darauf", "im Monat darauf", "in der Woche darauf"
        return _one(m, f"{REF_PREFIX}{_DE_UNIT_OF[g['ud'].lower()]}:1")
    if g.get("night"):  # "in der folgenden Nacht": begins on the evening of the day named
        return _one(m, f"{REF_PREFIX}D:0:TNI", "TIME")
    nsea = g.get("nsea") or g.get("nsea2")
    if nsea:  # "im folgenden Winter": the next one after the date named (REF:NS:<first month>)
        season = _UNITS[nsea.lower()]
        return _one(m, f"{REF_PREFIX}NS:{_SEASON_START[season]}:{season}")
    podw = g.get("podw") or g.get("podw2")
    if podw:  # "am selben Abend", "am nächsten Morgen", "am Abend des folgenden Tages"
        shift = 0 if (g.get("podrel") or g["podrel2"]).lower() in ("selben", "gleichen") else 1
        return _one(m, f"{REF_PREFIX}D:{shift}:T{_POD[podw.lower()]}", "TIME")
    if g.get("word"):
        w = g["word"].lower()
        w = re.sub(r"\s+", " ", w)
        if w in ("vortag", "vorabend") or w.endswith(("zuvor", "before")) or "previous" in w:
            shift = ("D", -1)
        elif w.startswith(("selben", "gleichen", "same", "that", "diesem", "jenem", "ersten")):
            shift = ("D", 0)
        else:
            shift = ("D", 1)
        return _one(m, f"{REF_PREFIX}{shift[0]}:{shift[1]}")
    if g.get("ssea"):  # "im selben Herbst": that season of the year the text is in
        return _one(m, f"{REF_PREFIX}Y:0:{_UNITS[g['ssea'].lower()]}")
    same = g.get("same") or g.get("same2")
    if same:  # "im selben Jahr", "desselben Monats"
        return _one(m, f"{REF_PREFIX}{_DE_UNIT_OF[same.lower().rstrip('s').rstrip('e')]}:0")
    if g.get("fu"):  # "im folgenden Jahr", "am nächsten Tag", "the following year"
        unit = _DE_UNIT_OF[g["fu"].lower()]
        return _one(m, f"{REF_PREFIX}{unit}:1")
    n_word = (g.get("n") or "").lower()
    n = int(n_word) if n_word.isdigit() else _NUMBERS.get(n_word)
    if not isinstance(n, int) or not 0 < n < 1000:
        return None
    unit = _DE_UNIT_OF[g["u"].lower()]
    if g["dir"].lower() in ("früher", "später") and _COMPARATIVE_AFTER.match(ctx.text, m.end()) \
            and _MODAL_RE.search(ctx.text, ctx.sentence_of(m.start())[0], m.start()):
        # "müssen die Beiträge zwei Wochen früher überweisen": earlier than before, an amount
        return _one(m, _duration(n, unit), "DURATION")
    sign = 1 if g["dir"].lower() in _LATER else -1
    return _one(m, f"{REF_PREFIX}{unit}:{sign * n}")


_COMPARATIVE_AFTER = re.compile(r"\s+(?:als\b|(?:[a-zäöüß]+\s+)?[a-zäöüß]+en\s*[.,;]|[a-zäöüß]+en\b)")
_MODAL_RE = re.compile(r"\b(?:muss|müssen|musste|mussten|soll|sollen|sollte|sollten|kann|können"
                       r"|konnte|konnten|darf|dürfen|will|wollen|wird|werden)\b")


def h_en_later(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    """English "three days later", "two weeks earlier": from the last date mentioned (as
    "drei Tage später"); "a year earlier" stays the year before the report (earnings)."""
    n = _NUMBERS.get(" ".join(m["n"].lower().split())) if not m["n"].isdigit() else int(m["n"])
    unit = _DE_UNIT_OF.get(m["u"].lower())
    if not isinstance(n, int) or unit not in ("D", "W") or not 0 < n < 1000:
        return _h_en_relyear(m, ctx)
    sign = 1 if m["dir"].lower() in _LATER else -1
    return _one(m, f"{REF_PREFIX}{unit}:{sign * n}")


_REL_YEAR_ANCHORED = {"vorjahres": -1, "vorjahrs": -1, "folgejahres": 1, "folgejahrs": 1,
                      "folgenden": 1, "darauffolgenden": 1, "darauf folgenden": 1, "nächsten": 1,
                      "selben": 0, "gleichen": 0, "desselben": 0, "vorangegangenen": -1,
                      "vorausgegangenen": -1}
_REL_YEAR_DEICTIC = {"dieses": 0, "vergangenen": -1, "letzten": -1, "vorigen": -1,
                     "vorjahres": -1, "kommenden": 1, "nächsten": 1,
                     "this": 0, "last": -1, "next": 1}  # "February this year", "May of last year"


def h_month_relyear(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    """"September des folgenden Jahres" (from the last date named), "Februar dieses Jahres"."""
    month = _MONTHS[m["m"].lower().rstrip(".")]
    return _in_rel_year(m, ctx, m.groupdict().get("anch") or m.groupdict().get("deic2"), f"{month:02d}")


def h_season_relyear(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    """"im Herbst des Vorjahres", "im Sommer des folgenden Jahres" (from the last date named),
    "im Herbst dieses Jahres", "im Sommer des vergangenen Jahres" (from publication)."""
    return _in_rel_year(m, ctx, m["anch"], _UNITS[m["u"].lower()])


def _in_rel_year(m: re.Match[str], ctx: _Ctx, anch: str | None, part: str) -> list[_Cand] | None:
    """``part`` (a month ``09`` or a season ``FA``) of a relative year: anchored (``des Vorjahres``:
    the year before the one in the text) or deictic (``dieses Jahres``: from publication)."""
    if anch:
        word = re.sub(r"\s+", " ", re.sub(r"^des\s+", "", anch.lower()))
        return _one(m, f"{REF_PREFIX}Y:{_REL_YEAR_ANCHORED[word]}:{part}")
    word = m["deic"].lower().split()[-1]
    if ctx.anchor is None:
        return _one(m, f"XXXX-{part}")
    return _one(m, f"{ctx.anchor.year + _REL_YEAR_DEICTIC[word]:04d}-{part}")


def h_pod_ref(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    """"am Abend", "am Morgen zuvor", "in der Nacht": that part of the day last named (news:
    of the publication day when none was), as "am selben Tag"; "in der Nacht darauf" is the
    night that begins on the evening of the day named, "in der Nacht zuvor" the one that ends
    on its morning."""
    d = (m["dir"] or "").lower()
    n = -1 if d in ("zuvor", "vorher", "davor") else 1 if d in ("danach", "darauf") else 0
    if m["pod"].lower() == "nacht" and n == 1:
        n = 0
    return _one(m, f"{REF_PREFIX}D:{n}:T{_POD[m['pod'].lower()]}", "TIME")


def h_pod_date(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    """"am Abend des 8. November 1923": the day (as ``am 8. November 1923``) and its part."""
    day = _h_dmy(m, ctx)
    if not day:
        return None
    s, e, value, _type = day[0]
    return [(m.start("t"), m.end("t"), f"{value}T{_POD[m['pod'].lower()]}", "TIME")]


def h_night_date(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    """"in der Nacht zum 5. August" (begins on 4 August), "Nacht vom 14. auf den 15. Juli"."""
    month = _MONTHS[m["m"].lower().rstrip(".")]
    if m["d1"]:
        day, back = int(m["d1"]), 0
        if m["m1"]:
            month = _MONTHS[m["m1"].lower().rstrip(".")]
    else:
        day, back = int(m["d"]), 1
    year = int(m["y"]) if m["y"] else None
    try:  # a common year when the text gives none: the night before 1 March is 28 February
        night = dt.date(year or 2001, month, day) - dt.timedelta(days=back)
    except ValueError:
        return None
    s, e = m.start("t"), m.end("t")
    if year is not None:
        return [(s, e, f"{night.isoformat()}TNI", "TIME")]
    if ctx.anchor is None:
        return [(s, e, f"XXXX-{night.month:02d}-{night.day:02d}TNI", "TIME")]
    direction = _prep_direction(ctx, s)
    direction = direction if direction is not None else ctx.direction(s, e)
    y = _pick_year(ctx.anchor, night.month, night.day, direction)
    return [(s, e, f"{y:04d}-{night.month:02d}-{night.day:02d}TNI", "TIME")]


# ---- BC years and H:MM durations ---------------------------------------------


_SEASON_OF = {w: v for w, v in _UNITS.items() if v in ("SP", "SU", "FA", "WI")}


def h_era(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    """"241 v. Chr.", "2. August 216 v. Chr.", "3. Jahrhundert v. Chr.", "9 n. Chr."."""
    bc = m["era"].lower().startswith(("v", "b"))
    if m["c"]:
        n = int(m["c"])
        if not 1 <= n <= 40:
            return None
        return _one(m, f"BC{n - 1:02d}" if bc else f"{n - 1:02d}")
    y = int(m["y"])
    if not 1 <= y <= 9999:
        return None
    value = f"BC{y:04d}" if bc else f"{y:04d}"
    season = m.groupdict().get("season")
    if season:  # "Frühjahr 218 v. Chr."
        return _one(m, value + "-" + _SEASON_OF[season.lower()])
    if m["m"]:
        value += f"-{_MONTHS[m['m'].lower().rstrip('.')]:02d}"
        if m["d"]:
            d = int(m["d"])
            if not 1 <= d <= 31:
                return None
            value += f"-{d:02d}"
    return _one(m, value)


def h_clock_duration(m: re.Match[str], ctx: _Ctx) -> list[_Cand] | None:
    """"1:26 Stunden" (PT1H26M), "18:57 Minuten" (PT18M57S), "2:05:40 Stunden"."""
    a, b, c = int(m["a"]), int(m["b"]), m["c"]
    if b > 59 or (c is not None and int(c) > 59):
        return None
    hours = m["u"].lower().startswith(("st", "h"))
    if c is not None:
        if not hours:
            return None
        return _one(m, f"PT{a}H{b}M{int(c)}S" if int(c) else f"PT{a}H{b}M", "DURATION")
    if hours:
        return _one(m, f"PT{a}H{b}M" if b else f"PT{a}H", "DURATION")
    return _one(m, f"PT{a}M{b}S" if b else f"PT{a}M", "DURATION")
