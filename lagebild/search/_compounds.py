"""German compound heads for the search index: ``Wohnungsbrand`` is a ``Brand``.

A German compound names a kind of its last part (its *head*): a *Selbstmordanschlag*
is an *Anschlag*, a *Wohnungsbrand* a *Brand*.  The index therefore keeps, beside
each word, the heads of the compounds in the text, so that a query for the head
finds the compounds too.  Only heads are indexed, never the first parts: *Brand*
must find *Wohnungsbrand* but not *Brandenburg* or *Brandanschlag*.

The split is the dictionary decomposition of simplemma (MIT, ships its German
dictionary, nothing downloaded; already used by the quote stage): a word splits
where its end is a known noun of at least four letters and its start, less a
linking element (*Fugen-s*, *-en*, ...), is a known noun too (not a particle:
*Vorschlag* is no *Schlag*).  Only capitalised words (German nouns) are split.  Heads of heads are found too (*Mordanschlag*,
*Anschlag*).  Names (the article's entities) are not split.
"""

from __future__ import annotations

import functools

__all__ = ["heads"]

MIN_WORD = 8  # shorter words are rarely compounds (and split badly)
MIN_HEAD = 4
MIN_MODIFIER = 3
# Linking elements between the parts, longest first.
_FUGEN = ("ens", "es", "en", "er", "ns", "s", "n", "e")
# Prefixes and particles that form derivations, not compounds (Vorschlag, Unterkunft).
_PARTICLES = frozenset(
    "ab an auf aus be bei durch ein ent er ge gegen her hin hinter los mit miss nach neben ob ober "
    "um un unter ur ver vor weg wider zer zu zurueck zurück zwischen über ueber fort rück rueck "
    "all allein selbstver".split()
)
# Word endings that the dictionary also knows as nouns (Mannschaft, Minister, Programm).
_NOT_HEADS = frozenset("schaft schaften ster gramm gramme meier".split())


@functools.cache
def _lookup():  # type: ignore[no-untyped-def]
    from simplemma.strategies.dictionary_lookup import DictionaryLookupStrategy

    return DictionaryLookupStrategy()


def _lemma(word: str) -> str | None:
    return _lookup().get_lemma(word, "de")


def _is_noun(word: str) -> bool:
    lemma = _lemma(word.capitalize())
    return lemma is not None and lemma[:1].isupper()


def _is_modifier(part: str) -> bool:
    """A noun, perhaps with a linking element: Wohnung(s), Rakete(n).  Adjectives and verb
    stems are left out on purpose: they split too many words that are no compounds
    (*resolut|ionen*, *lief|erungen*)."""
    candidates = [part] + [part[: -len(f)] for f in _FUGEN if part.endswith(f) and len(part) - len(f) >= MIN_MODIFIER]
    for c in candidates:
        if c in _PARTICLES:
            return False
        if _is_noun(c):
            return True
    return False


@functools.lru_cache(maxsize=200_000)
def heads(word: str) -> tuple[str, ...]:
    """The heads of a German compound, longest first, lower case.

    ``heads("Selbstmordanschlag")`` is ``("mordanschlag", "anschlag")``;
    a word that is no compound (or is not known) has none.
    """
    w = word.lower()
    if len(w) < MIN_WORD or not w.isalpha() or not word[:1].isupper():  # German nouns are capitalised
        return ()
    for cut in range(MIN_MODIFIER, len(w) - MIN_HEAD + 1):  # the longest head first
        head = w[cut:]
        if head not in _NOT_HEADS and _is_noun(head) and _is_modifier(w[:cut]):
            return (head, *heads(head))
    return ()
