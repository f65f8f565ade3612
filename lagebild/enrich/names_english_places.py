"""Gazetteer matches in English articles that are no mention of the place (read by
``resolve``, which runs the gazetteer's ruler).

* ``en_place_inside`` (after round 16's freeze): a gazetteer name inside the model's longer
  place of capitalised words is part of it (``Rhode Island`` is no ``Island``, the German name
  of Iceland; ``New Mexico`` no Mexico); a place matched only through a German genitive ``-s``
  inside the model's longer person is the person's name (``Frances Miller``: English writes
  the place's genitive ``France's``).
* ``en_american_group`` (round 17): a country's or region's adjective before ``American(s)``
  (``African Americans``, ``the African-American community``, ``Japanese Americans``) names a
  group of Americans, not the place (``Afrika`` was listed from ``African American``).

Each rule asks its switch in :mod:`lagebild.enrich.names_rules`.
"""

from __future__ import annotations

import re
from typing import Any

from lagebild.enrich import names_rules as _rules
from lagebild.enrich.names_english_types import is_english

_AMERICAN = re.compile(r"[ \u00a0-]Americans?\b")


def place_inside(text: str, a: int, b: int) -> bool:
    """``en_place_inside``: is the model's place ``text[a:b]`` of capitalised words, in an
    English article, the whole of the gazetteer name inside it?"""
    return (
        _rules.on("en_place_inside")
        and all(w[:1].isupper() for w in text[a:b].split())
        and is_english(text)
    )


def genitive_in_person(text: str, m: Any) -> bool:
    """``en_place_inside``: the place match *m* (``start``/``end``/``type``/``alias``) read only
    through a German genitive ``-s`` (``Frances`` = ``France`` + ``s``), in an English article."""
    said = text[m.start : m.end]
    return (
        m.type == "LOC"
        and _rules.on("en_place_inside")
        and said.endswith("s")
        and said[:-1].casefold() == m.alias.casefold()
        and is_english(text)
    )


def american_group(text: str, m: Any) -> bool:
    """``en_american_group``: the adjective match *m* (``African``) right before ``American(s)``
    or ``-American(s)`` in an English article: a group of Americans, no mention of the place."""
    return (
        m.flag == "adjective"
        and _rules.on("en_american_group")
        and _AMERICAN.match(text, m.end) is not None
        and is_english(text)
    )
