"""Round 17 of the names guard (issue 10 §2): the head noun of an English name gives its type.

English articles only (``en_name_head``):

* a name of two words or more headed ``Day`` is a day's name, a thing (MISC), whatever the
  model typed (``Martin Luther King Day`` PER, ``Veteran's Day`` LOC); a "person" of two words
  stays one (``Kristen Day``);
* a name headed by an institution's noun (``University``, ``College``, ``Institute``,
  ``Bureau``, ``Foundation``, ...), or by one before ``of``/``for`` (``Peter G. Peterson
  Institute for International Economics``), is an organisation (``Quinnipiac University``
  MISC, ``Census Bureau`` MISC).

The rule asks its switch in :mod:`lagebild.enrich.names_rules`.
"""

from __future__ import annotations

import re

from lagebild.enrich import names_rules as _rules
from lagebild.enrich.names_english_types import is_english

Span = tuple[int, int, str]

_ORG_HEADS = frozenset(
    """University College Institute Institution Bureau Foundation Association Agency Academy
    Council Commission Committee Corporation Company Society Federation""".split()
)
_HEAD = re.compile(r"^(.*?)\s+(?:of|for)\s")


def _head(name: str) -> str:
    m = _HEAD.match(name)
    words = (m.group(1) if m else name).split()
    return words[-1] if words else ""


def english_heads(text: str, spans: list[Span]) -> list[Span]:
    """The rule of this module, on an English article's spans (others pass unchanged)."""
    if not spans or not _rules.on("en_name_head") or not is_english(text):
        return spans
    out: list[Span] = []
    for a, b, lab in spans:
        name = text[a:b]
        if " " in name:
            head = _head(name)
            words = name.split()
            if words[-1] == "Day" and (lab != "PER" or len(words) >= 3):
                lab = "MISC"  # "Martin Luther King Day"
            elif head in _ORG_HEADS and lab != "ORG":
                lab = "ORG"  # "Quinnipiac University" MISC
        out.append((a, b, lab))
    return out
