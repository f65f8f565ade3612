"""Spelling help: umlauts restored from the index ("Fluechtlinge" → "Flüchtlinge") and
"did you mean" from the index vocabulary."""

from __future__ import annotations

import re

from ..store import search_index as db
from ._text import WORD, norm_word

__all__ = ["MAX_SUGGEST_WORDS", "restore_umlauts", "suggest"]

_UMLAUTS = frozenset("äöüß")
_DIGRAPHS = {"ae": "ä", "oe": "ö", "ue": "ü", "ss": "ß"}
# "Did you mean" looks up at most this many unknown words (each is a range scan of the vocabulary).
MAX_SUGGEST_WORDS = 6


def _respell(word: str, spelled: str) -> str:
    """``word`` with the transliterations that ``spelled`` writes as umlauts turned back."""
    low = word.casefold()
    out: list[str] = []
    i = j = 0  # i in low, j in spelled
    while i < len(low):
        two = low[i : i + 2]
        if two in _DIGRAPHS and j < len(spelled) and spelled[j] == _DIGRAPHS[two]:
            out.append(_DIGRAPHS[two])
            i, j = i + 2, j + 1
            continue
        out.append(low[i])
        i += 1
        j += 1 if j < len(spelled) and spelled[j] == low[i - 1] else len(spelled)  # off track: stop
    res = "".join(out)
    return res[:1].upper() + res[1:] if word[:1].isupper() else res


def restore_umlauts(conn: db.Connection, query: str) -> str:
    """The query with ``ae``/``oe``/``ue``/``ss`` written as the indexed articles spell the word.

    ``Fluechtlinge`` becomes ``Flüchtlinge`` when the articles write *Flüchtling…*;
    ``Israel`` and ``Michael`` stay (no article spells them with an umlaut).  The
    embedding model sees the words as they are written in the articles.
    """

    def fix(m: re.Match[str]) -> str:
        word = m.group()
        low = word.casefold()
        if not any(d in low for d in _DIGRAPHS) or _UMLAUTS.intersection(low):
            return word
        spelled = db.spelling(conn, norm_word(word, "de"))
        return _respell(word, spelled) if spelled else word

    return WORD.sub(fix, query)


def _distance(a: str, b: str, bound: int) -> int:
    """Levenshtein distance of a and b, or bound + 1 once it is surely larger."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > bound:
            return bound + 1
        prev = cur
    return prev[-1]


def suggest(conn: db.Connection, query: str) -> str | None:
    """"Did you mean": the query with each word the index does not know replaced by the
    closest known word (edit distance on folded, stemmed forms; the most frequent of equally
    close ones), spelled as the articles spell it.  ``None`` when every word is known or
    nothing is close.  At most ``MAX_SUGGEST_WORDS`` unknown words are looked up.

    ``Muenterfering Ruecktritt`` → ``Müntefering Ruecktritt``.
    """
    changed = False
    looked_up = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal changed, looked_up
        word = m.group()
        if word.isdigit() or len(word) < 4:
            return word
        term = norm_word(word, "de")
        if db.known_term(conn, term) or db.known_term(conn, norm_word(word, "en")):
            return word
        if looked_up >= MAX_SUGGEST_WORDS:
            return word
        looked_up += 1
        bound = 1 if len(term) < 7 else 2
        # Typos rarely hit the first two letters: candidates share them (a narrow range scan
        # of the vocabulary; the first letter alone is thousands of words at 100 000 articles).
        close = [
            (d, cand, docs)
            for cand, docs in db.terms_near(conn, term[:2], len(term) - bound, len(term) + bound)
            if (d := _distance(term, cand, bound)) <= bound
        ]
        if not close:
            return word
        nearest = min(d for d, _c, _n in close)
        ties = [(cand, docs) for d, cand, docs in close if d == nearest]
        unknown = [cand for cand, docs in ties if docs is None]  # (PostgreSQL counts only these)
        counted = db.term_docs(conn, unknown) if len(ties) > 1 and unknown else {}
        # the most frequent of the closest; among equally frequent ones the first in sort order
        best = min(ties, key=lambda t: (-(t[1] if t[1] is not None else counted.get(t[0], 0)), t[0]))[0]
        changed = True
        out = db.spelling(conn, best) or best
        return out[:1].upper() + out[1:] if word[:1].isupper() else out

    fixed = WORD.sub(fix, query)
    return fixed if changed else None
