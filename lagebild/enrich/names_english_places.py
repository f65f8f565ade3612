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
* ``en_place_surname`` (round 18): a place's name that ends the model's person of two words or
  more whose first word is a first name or no English word (``Rep. Steve Israel``; not
  ``Beyond Washington``) is that person's surname, and a country's adjective that is the
  last word of such a person of the article (``Cuban`` beside ``Mark Cuban``) is that person.
* ``en_german_article`` (round 18): ``Des``/``DES`` before a name is no German article to trim
  in an English article (``DES MOINES`` stays whole, not ``MOINES``).

Each rule asks its switch in :mod:`lagebild.enrich.names_rules`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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


def place_surname(text: str, m: Any, a: int, b: int, lab: str) -> bool:
    """``en_place_surname``: does the place match *m* end the model's person ``text[a:b]`` of
    capitalised words, two or more, that begins before it (``Steve Israel``)?"""
    return (
        lab == "PER"
        and m.type == "LOC"
        and m.flag == "name"
        and a < m.start
        and b == m.end
        and all(w[:1].isupper() for w in text[a:b].split())
        and _given_name(text[a : m.start].split()[0])
        and _rules.on("en_place_surname")
        and is_english(text)
    )


def _given_name(word: str) -> bool:
    """A first name, or no English common word (``Steve``, ``Kerry``; not ``Beyond``)."""
    from lagebild.enrich.names_english_persons import _word
    from lagebild.enrich.names_english_types import _first_name

    return _first_name(word) or not _word(word)


def person_surnames(text: str, spans: Iterable[tuple[int, int, str]]) -> frozenset[str]:
    """``en_place_surname``: the last words of the model's persons of two words or more in an
    English article (empty elsewhere, or with the rule off)."""
    if not _rules.on("en_place_surname") or not is_english(text):
        return frozenset()
    return frozenset(
        text[a:b].split()[-1] for a, b, lab in spans if lab == "PER" and len(text[a:b].split()) >= 2
    )


def keeps_german_article(text: str, lead: str) -> bool:
    """``en_german_article``: is the trimmed lead *lead* (``DES ``) a German article that an
    English article does not have (``DES MOINES``, ``Des Moines``)?"""
    return (
        lead.split()[0].lower() in ("der", "die", "das", "dem", "den", "des")
        and _rules.on("en_german_article")
        and is_english(text)
    )
