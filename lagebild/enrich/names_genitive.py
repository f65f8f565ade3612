"""Round 13 of the names guard: genitive names and the pieces of result lists.

* ``genitive_name``: a person's name of two words or more in the genitive loses its ``s``
  (``Egon Schiele``) where the article writes the last word without it elsewhere
  (``Schiele-Werke`` beside ``Werke Egon Schieles``) or the name stands right behind a noun
  for a thing (``der Ära Mao Zedongs``, ``einem Text Martin Gutls``; not behind a noun for a
  person: ``Sänger Robbie Williams``).  A last word ending in a vowel other than ``e`` and
  ``s`` (``Tsipras``, ``Santos``) or in ``ss``, ``xs``, ``zs`` is left as it is; round 14
  (``genitive_y``) takes ``ys`` as a genitive too (``der Alleinregierung Bruno Kreiskys``).
* ``referee_lead``: ``SR Ouschan`` (the referee in a result list) typed ORG is the person
  ``Ouschan``.
* ``venue_glue``: ``SK Sturm GrazGoldberg-Stadion``: a result list lost the break between the
  club and the ground; the span ends before the ground.

Each rule asks its switch in :mod:`lagebild.enrich.names_rules`.
"""

from __future__ import annotations

import re

from lagebild.enrich import names_rules as _rules
from lagebild.enrich.names_context import _whole_word
from lagebild.enrich.names_lexicon import _agent_noun, _knows_noun
from lagebild.enrich.roles import _is_role_token

Span = tuple[int, int, str]

_GENITIVE_END = re.compile(r"[^\W\d_]{2,}[^aiouyäöüsxzß\W]s$")
_GENITIVE_Y = re.compile(r"[^\W\d_]{2,}ys$")  # "Kreiskys" (round 14, ``genitive_y``)
_WORD_BEFORE = re.compile(r"(?<![\w\-])([A-ZÄÖÜ][a-zäöüß\-]+) $")
# endings of the nouns for persons ("Sänger", "Schwägerin", "Archäologe", "Präsident",
# "Journalist", "Moderator"): a name behind one of them is its apposition
_PERSON_ENDINGS = ("er", "in", "e", "ent", "ist", "or", "eur", "ant", "at", "ie", "ling")
_VENUE = re.compile(r"(?<=[a-zäöüß])[A-ZÄÖÜ][\w\-]*(?:Stadion|Arena|Park|Halle|Stadium)$")


def round13(text: str, spans: list[Span]) -> list[Span]:
    """*spans* with the round-13 repairs applied (each asked through ``names_rules``)."""
    out = []
    for a, b, lab in spans:
        if _rules.on("venue_glue"):
            m = _VENUE.search(text, a, b)
            if m is not None and m.start() > a and " " in text[a : m.start()]:
                b = m.start()  # "SV MattersburgErnst-Happel-Stadion" -> "SV Mattersburg"
        if _rules.on("referee_lead") and lab == "ORG" and text.startswith("SR ", a):
            rest = text[a + 3 : b]
            if rest[:1].isupper() and all(w[:1].isupper() for w in rest.split()):
                a, lab = a + 3, "PER"
        if _rules.on("genitive_name") and _genitive(text, a, b, lab):
            b -= 1
        out.append((a, b, lab))
    return out


def _genitive(text: str, a: int, b: int, lab: str) -> bool:
    words = text[a:b].split()
    if lab != "PER" or len(words) < 2:
        return False
    if not _GENITIVE_END.search(words[-1]) and not (
        _rules.on("genitive_y") and _GENITIVE_Y.search(words[-1])
    ):
        return False
    base = words[-1][:-1]
    # the name without its "s" stands elsewhere ("Schiele-Werke" beside "Werke Egon Schieles")
    if next(iter(_whole_word(text, base)), None) is not None:
        return True
    prev = _WORD_BEFORE.search(text, max(0, a - 40), a)
    return prev is not None and _thing_noun(prev.group(1))  # "der Ära Mao Zedongs"


def _thing_noun(word: str) -> bool:
    """A noun that is no role or person (``Werke``, ``Ära``, ``Text``): a name right behind it
    is its genitive, not its apposition (``Sänger Chris Roberts``, ``Autor Charles Dickens``)."""
    from lagebild.enrich.names_cues import _PERSON_LEAD

    return (
        _knows_noun(word)
        and not word.endswith(_PERSON_ENDINGS)
        and word.lower() not in _PERSON_LEAD
        and not _agent_noun(word)
        and not _is_role_token(word)
    )
