"""Reading a user's query: checks, and clauses of normalised words for the full-text index.

Supports ``"phrases"``, ``prefix*`` and ``-excluded`` words; everything else is AND-ed.
The clauses carry no syntax of any database: the store spells them (FTS5 today).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import LagebildError
from ..store.search_index import Clause
from ._text import FOLD, WORD, norm_word

__all__ = ["MAX_QUERY_CHARS", "MAX_TERMS", "MIN_PREFIX", "ParsedQuery", "SearchError", "check", "parse"]

MAX_QUERY_CHARS = 500
# Cost bounds of a keyword query: every term is one more posting-list walk, and a short prefix
# (`a*`) expands to thousands of index terms (26 one-letter prefixes took 10-14 s at 100 000).
MAX_TERMS = 12
MIN_PREFIX = 3
_PART = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')


class SearchError(LagebildError):
    """A query that cannot be run (empty, too long, bad syntax)."""


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    clauses: tuple[Clause, ...]
    terms: tuple[str, ...]  # normalised words to highlight (not the excluded ones)


def check(query: str | None) -> str:
    """The stripped query.

    Raises:
        SearchError: empty or longer than ``MAX_QUERY_CHARS``.
    """
    query = (query or "").strip()
    if not query:
        raise SearchError("Empty query: give at least one word.")
    if len(query) > MAX_QUERY_CHARS:
        raise SearchError(f"Query too long: {len(query)} characters (at most {MAX_QUERY_CHARS}).")
    return query


def parse(q: str) -> ParsedQuery:
    """The clauses of a keyword query and its normalised terms (for snippets).

    Raises:
        SearchError: a prefix shorter than ``MIN_PREFIX``, more than ``MAX_TERMS`` terms, or
            nothing to look for.
    """
    clauses: list[Clause] = []
    terms: list[str] = []
    for m in _PART.finditer(q):
        if m.group(2) is not None:
            neg = bool(m.group(1))
            words = tuple(norm_word(w, "de") for w in WORD.findall(m.group(2)))
            if words:
                clauses.append(Clause((words,), negated=neg))
                terms += words if not neg else []
            continue
        neg, tok = bool(m.group(3)), m.group(4)
        words_raw = WORD.findall(tok)
        if not words_raw:
            continue
        if tok.endswith("*"):
            last = words_raw[-1].casefold().translate(FOLD)
            if len(last) < MIN_PREFIX:
                raise SearchError(f"Prefix {tok!r} is too short: give at least {MIN_PREFIX} letters before the *.")
            words = (*(norm_word(x, "de") for x in words_raw[:-1]), last)
            clauses.append(Clause((words,), prefix=True, negated=neg))
            terms += words if not neg else ()
            continue
        words = tuple(norm_word(x, "de") for x in words_raw)
        if len(words) > 1:
            clauses.append(Clause((words,), negated=neg))
        else:  # German and English stems of one word may differ: either matches
            en = norm_word(words_raw[0], "en")
            clauses.append(Clause((words,) if en == words[0] else (words, (en,)), negated=neg))
            words = (*words, en)
        if not neg:
            terms += words
    if len(clauses) > MAX_TERMS:
        raise SearchError(f"Too many terms: {len(clauses)} (at most {MAX_TERMS}); leave out the least telling words.")
    if not any(not c.negated for c in clauses):
        raise SearchError("The query needs at least one word to look for.")
    return ParsedQuery(tuple(clauses), tuple(terms))
