"""Round 18 of the names guard (issue 10 §2): rooms, venues, speeches, events and committees
in English articles, and common words the model typed a person.  English articles only:

* ``en_venue``: a room, hall or arena typed an organisation or a thing (never a person:
  ``Tamron Hall``) is a place (``Oval
  Office``, ``White House Situation Room``, ``Faneuil Hall``, ``Quicken Loans Arena``); the
  president's speech ``State of the Union`` is a thing (MISC), and a word of negation or
  quantity glued before it (``No State of the Union address``) is cut off.
* ``en_by_event``: two capitalised words with ``by`` between, each a span of the model (``South
  by Southwest``), are one event's name (MISC), not two places.
* ``en_committee``: a committee's name is made whole: ``Senate``/``House`` right before it
  joins it (``Senate Foreign Relations Committee``), its field after ``on`` too (``Select
  Committee on Benghazi``), and a title glued after it is cut off (``Democratic National
  Committee Chair``); ``PAC`` or ``Super PAC`` alone is the common noun (``a super PAC``).
* ``en_word_person``: a "person" of two or three words that are all English common words,
  none a first name or a word of the article's other persons, with no title before it and no
  ``said`` after it, is no one's name when its last word is a body or a party's members
  (``Hill Democrats``, ``Battleground Senate``); other last words may be surnames that
  simplemma knows as words (``Hope Hicks``, ``Bob Corker``) and stay.

Each rule asks its switch in :mod:`lagebild.enrich.names_rules`.
"""

from __future__ import annotations

import re

from lagebild.enrich import names_rules as _rules
from lagebild.enrich.names_english_persons import _TITLE, _person_context, _word
from lagebild.enrich.names_english_types import _INSTITUTIONS, _first_name, is_english

Span = tuple[int, int, str]

# The last word of a room's, hall's or arena's name: a place, not an organisation.
_VENUE_HEADS = frozenset("Room Arena Stadium Hall Square Garden Plaza Ballroom Auditorium".split())
# Rooms named by a word other than their kind's.
_ROOMS = frozenset({"Oval Office"})
_SPEECHES = frozenset({"State of the Union"})
_NEGATION = re.compile(r"(?:No|Every|Each|Any|Another|This|That)\s+")
_CHAMBER_BEFORE = re.compile(r"\b(?:Senate|House) +$")
# "on Benghazi", "on Foreign Affairs", "on Oversight and Government Reform"
_FIELD_AFTER = re.compile(
    r" +on +(?:the +)?(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\b)[A-Z][\w-]*(?: +(?:and +|of +|& +)?[A-Z][\w-]*)*"
)
_TITLE_TAIL = re.compile(r"\s+(?:Chair|Chairman|Chairwoman|Chairperson|Member|Members)$")
# The last word of a "person" that is a body or a party's members, no surname.
_GROUP_HEADS = _INSTITUTIONS | frozenset(
    "Democrats Republicans Conservatives Liberals Progressives Independents Senators".split()
)
_PAC = re.compile(r"(?:[Ss]uper\s+)?PACs?")


def _venue_type(text: str, a: int, b: int, lab: str) -> str:
    name = text[a:b]
    if name in _SPEECHES:
        return "MISC"
    if (
        lab in ("ORG", "MISC")
        and (name in _ROOMS or name.split()[-1] in _VENUE_HEADS)
        and " " in name
        and not text.startswith(" of ", b)  # "Rock and Roll Hall of Fame"
    ):
        return "LOC"
    return lab


def _venues(text: str, spans: list[Span]) -> list[Span]:
    names = {text[a:b] for a, b, _ in spans}
    out: list[Span] = []
    for a, b, lab in spans:
        m = _NEGATION.match(text, a, b)
        if m and text[m.end() : b] in names | _SPEECHES:
            a = m.end()  # "No State of the Union"
        out.append((a, b, _venue_type(text, a, b, lab)))
    return out


def _by_events(text: str, spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for a, b, lab in spans:
        if out:
            pa, pb, _ = out[-1]
            if (
                text[pb:a] == " by "
                and " " not in text[pa:pb]
                and " " not in text[a:b]
                and text[pa:pb][:1].isupper()
                and text[a:b][:1].isupper()
            ):
                out[-1] = (pa, b, "MISC")  # "South by Southwest"
                continue
        out.append((a, b, lab))
    return out


def _committees(text: str, spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for a, b, lab in spans:
        name = text[a:b]
        if _PAC.fullmatch(name):
            continue  # "a super PAC", "leadership PAC"
        t = _TITLE_TAIL.search(name)
        if t and name[: t.start()].endswith("Committee"):
            b = a + t.start()  # "Democratic National Committee Chair"
        if text[a:b].endswith("Committee") and lab in ("ORG", "MISC"):
            f = _FIELD_AFTER.match(text, b)
            if f:
                b = f.end()  # "Select Committee on Benghazi"
            c = _CHAMBER_BEFORE.search(text, max(0, a - 8), a)
            if c:
                a = c.start()  # "Senate Foreign Relations Committee"
            lab = "ORG"
        out.append((a, b, lab))
    return out


def _word_persons(text: str, spans: list[Span]) -> list[Span]:
    per = {text[a:b] for a, b, lab in spans if lab == "PER"}
    out: list[Span] = []
    for a, b, lab in spans:
        name = text[a:b]
        words = name.split()
        if (
            lab == "PER"
            and 2 <= len(words) <= 3
            and all(_word(w) and not _first_name(w) for w in words)
            and not any(w in o.split() for o in per - {name} for w in words)
            and not _TITLE.search(text[max(0, a - 20) : a])
            and not _person_context(text, name, a)
            and words[-1] in _GROUP_HEADS
        ):
            continue  # "Hill Democrats", "Top Secret"
        out.append((a, b, lab))
    return out


def english_venues(text: str, spans: list[Span]) -> list[Span]:
    """The rules of this module, on an English article's spans (others pass unchanged)."""
    if not spans or not is_english(text):
        return spans
    if _rules.on("en_committee"):
        spans = _committees(text, spans)
    if _rules.on("en_by_event"):
        spans = _by_events(text, spans)
    if _rules.on("en_venue"):
        spans = _venues(text, spans)
    if _rules.on("en_word_person"):
        spans = _word_persons(text, spans)
    return spans
