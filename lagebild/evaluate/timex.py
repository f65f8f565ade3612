"""Score :func:`lagebild.enrich.timex.find_times` on TimeML (``.tml``) files.

A TimeML file holds inline ``<TIMEX3 type=".." value="..">text</TIMEX3>``
tags inside ``<TEXT>``; the document creation time (DCT) is the TIMEX3 with
``functionInDocument="CREATION_TIME"`` (usually inside ``<DCT>``).  The DCT is
the anchor; a file without one is run with ``anchor=None``.

Scores (as in TempEval-3):

* ``strict``: spans must be identical; ``relaxed``: spans overlap (one-to-one).
* ``value``: relaxed match and equal value -- ``accuracy`` over the matched
  pairs, and P/R/F1 over all system/gold expressions (TempEval-3 "value F1").
* ``type``: the same for the TIMEX3 type.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lagebild.enrich.timex import find_times

__all__ = ["GoldTimex", "TimeMLDoc", "error_class", "evaluate", "read_timeml"]

_TAG_RE = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>", re.S)
_ATTR_RE = re.compile(r'([A-Za-z_:]+)\s*=\s*"([^"]*)"')
_TEXT_RE = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT_RE = re.compile(r"<TIMEX3\b[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>", re.S)


@dataclass(slots=True, frozen=True)
class GoldTimex:
    text: str
    start: int
    end: int
    value: str
    type: str


@dataclass(slots=True, frozen=True)
class TimeMLDoc:
    path: str
    text: str
    dct: dt.date | None
    timexes: list[GoldTimex]


def _parse_dct(value: str) -> dt.date | None:
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", value)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


_DOC_RE = re.compile(r"<DOC\b[^>]*>(.*?)</DOC>", re.S)


def read_timeml(path: str | Path) -> list[TimeMLDoc]:
    """Read a TimeML file: plain text of ``<TEXT>``, its TIMEX3s with offsets, the DCT.

    A file is one document, or a collection of ``<DOC>`` elements each with
    its own ``<DCT>`` and ``<TEXT>`` (as in ``tests/data/eval/timex_de.tml``).

    Raises:
        ValueError: a document has no ``<TEXT>`` element.
    """
    raw = Path(path).read_text(encoding="utf-8")
    docs = _DOC_RE.findall(raw) or [raw]
    return [_read_doc(str(path), d) for d in docs]


def _read_doc(path: str, raw: str) -> TimeMLDoc:
    dct = None
    m = _DCT_RE.search(raw)
    if m:
        attrs = dict(_ATTR_RE.findall(m.group()))
        dct = _parse_dct(attrs.get("value", ""))
    body = _TEXT_RE.search(raw)
    if body is None:
        raise ValueError(f"Cannot read {path}: no <TEXT> element (expected a TimeML file).")
    src = body.group(1)
    parts: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    spans: list[tuple[int, int, dict[str, str]]] = []
    pos = 0
    for tm in _TAG_RE.finditer(src):
        chunk = html.unescape(src[pos : tm.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = tm.end()
        closing, name, attr_text, selfclosing = tm.groups()
        if name != "TIMEX3":
            continue
        if not closing and not selfclosing:
            open_timex = (length, dict(_ATTR_RE.findall(attr_text)))
        elif closing and open_timex is not None:
            spans.append((open_timex[0], length, open_timex[1]))
            open_timex = None
    parts.append(html.unescape(src[pos:]))
    text = "".join(parts)
    timexes = [
        GoldTimex(text=text[s:e], start=s, end=e, value=a.get("value", ""),
                  type=a.get("type", "DATE"))
        for s, e, a in spans
    ]
    return TimeMLDoc(path=str(path), text=text, dct=dct, timexes=timexes)


def _prf(correct_sys: int, n_sys: int, correct_gold: int, n_gold: int) -> dict[str, float]:
    p = correct_sys / n_sys if n_sys else 0.0
    r = correct_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def evaluate(paths: Iterable[str | Path], lang: str = "de", *, errors: int = 0) -> dict:
    """Run ``find_times`` on TimeML files (DCT as anchor) and score it.

    Args:
        paths: ``.tml`` files.
        lang: language passed to ``find_times``.
        errors: how many mismatches to list under ``"errors"`` (0: none).

    Returns:
        ``{"documents", "gold", "system", "strict": {p, r, f1}, "relaxed": {...},
        "value": {accuracy, p, r, f1}, "type": {accuracy, p, r, f1}}`` and,
        if asked, ``"errors"``: missed, spurious and wrongly valued expressions.
    """
    n_gold = n_sys = strict = relaxed = value_ok = type_ok = files = 0
    found_errors: list[dict[str, str]] = []
    docs = [(path, doc) for path in paths for doc in read_timeml(path)]
    for path, doc in docs:
        files += 1
        system = find_times(doc.text, anchor=doc.dct, lang=lang)
        n_gold += len(doc.timexes)
        n_sys += len(system)
        gold_spans = {(g.start, g.end) for g in doc.timexes}
        strict += sum((s.start, s.end) in gold_spans for s in system)
        used: set[int] = set()
        matched_gold: set[int] = set()
        for s in system:
            best = None
            for gi, g in enumerate(doc.timexes):
                if gi in used or g.end <= s.start or g.start >= s.end:
                    continue
                overlap = min(g.end, s.end) - max(g.start, s.start)
                if best is None or overlap > best[0]:
                    best = (overlap, gi)
            if best is None:
                if len(found_errors) < errors:
                    found_errors.append({"file": Path(path).name, "kind": "spurious",
                                         "system": f"{s.text!r} {s.value}"})
                continue
            gi = best[1]
            used.add(gi)
            matched_gold.add(gi)
            g = doc.timexes[gi]
            relaxed += 1
            value_ok += s.value == g.value
            type_ok += s.type == g.type
            if s.value != g.value and len(found_errors) < errors:
                found_errors.append({"file": Path(path).name, "kind": "value",
                                     "gold": f"{g.text!r} {g.value}",
                                     "system": f"{s.text!r} {s.value}"})
        for gi, g in enumerate(doc.timexes):
            if gi not in matched_gold and len(found_errors) < errors:
                found_errors.append({"file": Path(path).name, "kind": "missed",
                                     "gold": f"{g.text!r} {g.value}"})
    out: dict = {
        "documents": files,
        "gold": n_gold,
        "system": n_sys,
        "strict": _prf(strict, n_sys, strict, n_gold),
        "relaxed": _prf(relaxed, n_sys, relaxed, n_gold),
        "value": {"accuracy": round(value_ok / relaxed, 4) if relaxed else 0.0,
                  **_prf(value_ok, n_sys, value_ok, n_gold)},
        "type": {"accuracy": round(type_ok / relaxed, 4) if relaxed else 0.0,
                 **_prf(type_ok, n_sys, type_ok, n_gold)},
    }
    if errors:
        out["errors"] = found_errors
    return out


_POD_TAIL_RE = re.compile(r"T(?:MO|AF|EV|NI|\d\d.*)$")


def error_class(error: dict[str, str]) -> str:
    """The class of one entry of ``evaluate(..., errors=n)["errors"]`` (docs/dates.md).

    ``"missed"``, ``"spurious"``, or ``"value: ..."``: format (gold ``1968-XX``,
    ``199X``, unpadded ``2000-W7``), quarter / fiscal period, PAST/PRESENT/FUTURE_REF,
    DURATION vs DATE/SET, duration amount, part of day, granularity, anchor/direction.
    """
    if error["kind"] != "value":
        return error["kind"]
    gv = error["gold"].rsplit(" ", 1)[1]
    sv = error["system"].rsplit(" ", 1)[1]
    if re.sub(r"-?X+$", "", gv) == sv or re.sub(r"W(\d)$", r"W0\1", gv) == sv:
        return "value: format"
    if "Q" in gv or "Q" in sv or "H" in gv[4:6]:
        return "value: quarter / fiscal period"
    if gv.endswith("_REF") or sv.endswith("_REF"):
        return "value: REF"
    if gv.startswith("P") != sv.startswith("P"):
        return "value: DURATION vs DATE/SET"
    if gv.startswith("P"):
        return "value: duration amount"
    gd, sd = _POD_TAIL_RE.sub("", gv), _POD_TAIL_RE.sub("", sv)
    if gd == sd:
        return "value: part of day"
    if len(gd) != len(sd) or ("W" in gd) != ("W" in sd):
        return "value: granularity"
    return "value: anchor/direction"
