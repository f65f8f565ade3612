"""Round 17 of the names guard (issue 10 §2): titles in quotes and sources in brackets in
English articles.

* ``en_quoted_title``: a quoted title of capitalised words (function words between them) that
  the model cut into one-word names (``"Fox and Friends,"``: ``Fox`` PER, ``Friends`` ORG) is
  one name, a work's (MISC).
* ``en_bracket_source``: a name alone in square brackets (``[Bloomberg.]``, a news digest's
  source) is the outlet that wrote the report (ORG), whatever type the model gave.

Each rule asks its switch in :mod:`lagebild.enrich.names_rules`.
"""

from __future__ import annotations

import re

from lagebild.enrich import names_rules as _rules
from lagebild.enrich.names_english_types import _gazetteer_place, is_english

Span = tuple[int, int, str]

_FUNCTION = r"(?:and|of|the|for|to|a|an|in|on|with|&)"
_CAP = r"[A-Z][\w’'\-]*"
_QUOTED = re.compile(
    r"(?:[\"“]|'')"
    r"(" + _CAP + r"(?:\s+(?:" + _FUNCTION + r"\s+)*" + _CAP + r"){1,5})"
    r"[,.!?]?(?:[\"”]|'')"
)
_BRACKET = re.compile(r"\[\s*$")


def _quoted_titles(text: str, spans: list[Span]) -> list[Span]:
    out = list(spans)
    for m in _QUOTED.finditer(text):
        a, b = m.span(1)
        inside = [s for s in out if a <= s[0] and s[1] <= b]
        if len(inside) < 2 or any(" " in text[s[0] : s[1]] for s in inside):
            continue
        if any(s[0] < b and s[1] > a and s not in inside for s in out):
            continue  # a span across the quote's edge
        out = [s for s in out if s not in inside] + [(a, b, "MISC")]  # "Fox and Friends"
    return sorted(out)


def english_titles(text: str, spans: list[Span]) -> list[Span]:
    """The rules of this module, on an English article's spans (others pass unchanged)."""
    if not spans or not is_english(text):
        return spans
    if _rules.on("en_quoted_title"):
        spans = _quoted_titles(text, spans)
    if not _rules.on("en_bracket_source"):
        return spans
    persons = {text[a:b] for a, b, lab in spans if lab == "PER"}
    return [
        (a, b, "ORG") if _source_tag(text, a, b, persons) else (a, b, lab) for a, b, lab in spans
    ]


def _source_tag(text: str, a: int, b: int, persons: set[str]) -> bool:
    """``[Bloomberg.]`` closing a line: one word alone in brackets, no word of the article's
    persons (``“[Ted] knows``, ``[Mollie Reilly.]``) and no gazetteer place."""
    name = text[a:b]
    return (
        " " not in name
        and _BRACKET.search(text[max(0, a - 2) : a]) is not None
        and re.match(r"\.?\s*\][ \t]*(?:\n|$)", text[b:]) is not None
        and not any(name in p.split() for p in persons if p != name)
        and not _gazetteer_place(name)
    )
