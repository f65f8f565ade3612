"""The indexed form of German and English text: folded, transliterated, stemmed words.

Every word is case-folded, umlauts are transliterated (``ü`` → ``ue``, so ``Suedkorea`` =
``Südkorea``) and stemmed with the Snowball stemmer of the language (``Atomprogramms`` →
``atomprogramm``).  Texts and queries get the same treatment.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from . import _compounds

__all__ = ["FOLD", "WORD", "compound_heads", "norm_word", "normalise"]

FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "à": "a", "á": "a", "â": "a",
                      "é": "e", "è": "e", "ê": "e", "ë": "e", "ï": "i", "î": "i", "í": "i",
                      "ó": "o", "ô": "o", "ú": "u", "ù": "u", "ç": "c", "ñ": "n"})  # fmt: skip
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


@functools.cache
def _stemmer(lang: str):
    import Stemmer

    return Stemmer.Stemmer("english" if lang == "en" else "german")


@functools.lru_cache(maxsize=65536)
def norm_word(word: str, lang: str = "de") -> str:
    """The indexed form of one word (cached: queries and snippets stem the same words again)."""
    w = word.casefold().translate(FOLD)
    if w.isdigit():
        return w
    w = _stemmer(lang).stemWord(w)
    # German genitive after a vowel (Nordkoreas, Kanadas) is left by Snowball.
    if lang != "en" and len(w) > 5 and w.endswith("s") and w[-2] in "aeiou":
        w = w[:-1]
    return w


def normalise(text: str, lang: str | None = "de") -> str:
    """The indexed form of a text: folded, transliterated, stemmed words."""
    lang = lang if lang in ("de", "en") else "de"
    words = WORD.findall(text.casefold().translate(FOLD))
    stems = _stemmer(lang).stemWords(words)  # one C call for the whole text
    if lang != "en":
        stems = [w[:-1] if len(w) > 5 and w[-1] == "s" and w[-2] in "aeiou" else w for w in stems]
    return " ".join(stems)


def compound_heads(text: str, lang: str | None = "de", skip: Iterable[str] = ()) -> str:
    """The indexed form of the heads of the German compounds in ``text`` (see ``_compounds``).

    ``skip``: words not to split (names: *Steinmeier* is no *Meier*).
    """
    if lang not in (None, "de"):
        return ""
    skipped = {w.casefold() for w in skip}
    found: dict[str, None] = {}
    for word in WORD.findall(text):
        if len(word) >= _compounds.MIN_WORD and word.casefold() not in skipped:
            for head in _compounds.heads(word):
                found[head] = None
    return normalise(" ".join(found), "de") if found else ""
