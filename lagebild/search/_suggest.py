"""Spelling help: umlauts restored from the index ("Fluechtlinge" → "Flüchtlinge") and
"did you mean" from the index vocabulary and the articles' own spellings.

"Did you mean" works word by word: a word the index knows is kept; for an unknown one the
index's stems that start with the same two letters are the candidates, the few whose stem
matches the typed word best are looked up in the newest articles that hold them, and the
suggestion is the spelling found there that is closest to what was typed (optimal string
alignment: a letter left out, added, replaced, or two swapped are one edit each; umlauts
and ``ae``/``oe``/``ue``, ``ß`` and ``ss``, and case cost nothing; one edit for words of up
to five letters, two for longer ones; where the articles write the matching stem only with an
ending, *Bundespräsidenten* for "Bundespräsidnt", the ending's letters are allowed on top, and
such a spelling comes after any within the bound).  The words of the entities' canonical names compete
too (*Pjöngjang* where the articles write *Pjöngjangs*).  A suggestion is therefore always a
word as the articles or the entity names write it (``Hochwasser``, ``Müntefering``), never an
index stem (``hochwass``).  Quality: ``bench/suggest_quality.py`` (docs/benchmarks.md).
"""

from __future__ import annotations

import functools
import re
import threading
from collections import Counter

from ..errors import StoreError
from ..store import search_index as db
from ..store.names import entity_names
from ._text import FOLD, WORD, norm_word

__all__ = ["MAX_SUGGEST_WORDS", "SUGGEST_BELOW", "restore_umlauts", "suggest"]

_UMLAUTS = frozenset("äöüß")
_DIGRAPHS = {"ae": "ä", "oe": "ö", "ue": "ü", "ss": "ß"}
_COLLAPSE = re.compile(r"([aou])e")
# The web search page and /api/search ask for a suggestion only when a query found fewer
# matches than this: a query with enough hits pays nothing for it.
SUGGEST_BELOW = 5
# "Did you mean" looks up at most this many unknown words (each is a range scan of the vocabulary).
MAX_SUGGEST_WORDS = 6
# Per unknown word, the spellings of at most this many candidate stems are read, each from
# the newest ``_ARTICLES_PER_STEM`` articles that hold it.
_CANDIDATES = 5
_ARTICLES_PER_STEM = 3
# Letters an inflection may leave after the stem (*Koalitionsverhandl|ungen*).
_MAX_ENDING = 6


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


def _key(word: str) -> str:
    """The form typed words and spellings are compared in: case-folded, umlauts and
    ``ae``/``oe``/``ue`` as their vowel, ``ß`` as ``ss`` (the index stems are written so too)."""
    return _COLLAPSE.sub(r"\1", word.casefold().translate(FOLD))


def _distance(a: str, b: str, bound: int) -> int:
    """Optimal string alignment distance of ``a`` and ``b`` (a transposition is one edit), or
    ``bound + 1`` once it is surely larger."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    return _alignment(a, b, bound)[-1]


def _stem_distance(stem: str, key: str, bound: int) -> tuple[int, int]:
    """(edits, letters left over) of the index stem ``stem`` against the best-matching start
    of the typed ``key``: what is left may be an inflection (*Koalitionsverhandl|ungen*), at
    most ``_MAX_ENDING`` letters.  ``(bound + 1, 0)`` when surely farther than ``bound``."""
    if _surplus(stem, key) > bound:
        return bound + 1, 0
    row = _alignment(stem, key, bound)
    if len(row) <= len(key):  # stopped early
        return bound + 1, 0
    return min((row[j], len(key) - j) for j in range(max(0, len(key) - _MAX_ENDING), len(key) + 1))


def _surplus(a: str, b: str) -> int:
    """How many letters of ``a`` are not in ``b`` (counted with repetition): no alignment of
    ``a`` with a start of ``b`` takes fewer edits (a cheap test before the table)."""
    return sum(max(0, a.count(c) - b.count(c)) for c in set(a))


def _alignment(a: str, b: str, bound: int) -> list[int]:
    """The last row of the optimal-string-alignment table of ``a`` against ``b``, or a
    one-element row ``[bound + 1]`` once every entry of a row is over ``bound``."""
    n = len(b)
    prev2: list[int] = []
    prev = list(range(n + 1))
    last = ""
    for i, ca in enumerate(a, 1):
        cur = [i]
        low = i
        for j in range(1, n + 1):
            cb = b[j - 1]
            d = prev[j - 1] if ca == cb else prev[j - 1] + 1
            if prev[j] + 1 < d:
                d = prev[j] + 1
            if cur[j - 1] + 1 < d:
                d = cur[j - 1] + 1
            if j > 1 and ca == b[j - 2] and last == cb and prev2[j - 2] + 1 < d:
                d = prev2[j - 2] + 1
            cur.append(d)
            if d < low:
                low = d
        if low > bound:
            return [bound + 1]
        prev2, prev, last = prev, cur, ca
    return prev


def _ending_distance(key: str, written: str, stem_len: int, bound: int) -> int:
    """Edits between the typed ``key`` and the ``written`` word without its ending (its letters
    past the stem, at most ``_MAX_ENDING``): the articles may write a stem only inflected
    (*Bundespräsident|en* for "Bundespräsidnt").  ``bound + 1`` when farther than ``bound``."""
    row = _alignment(key, written, bound)
    if len(row) <= len(written):  # stopped early
        return bound + 1
    start = max(stem_len, len(written) - _MAX_ENDING)
    return min(row[j] for j in range(min(start, len(written)), len(written) + 1))


def _bound(key: str) -> int:
    """How many edits a word of this length may be away from its suggestion."""
    return 1 if len(key) < 6 else 2


# How a folded letter may be written at the start of a word (``_starts``).
_WRITTEN = {"a": "(?:ae|a|ä|à|á|â)", "o": "(?:oe|o|ö|ó|ô)", "u": "(?:ue|u|ü|ú|ù)", "e": "[eéèêë]",
            "i": "[iíìîï]", "c": "[cç]", "n": "[nñ]", "s": "(?:ss|s|ß)"}  # fmt: skip


@functools.lru_cache(maxsize=1024)
def _starts(start: str) -> re.Pattern[str]:
    """A regex for the words whose compared form (``_key``) may begin with ``start``."""
    letters = "".join(_WRITTEN.get(c, re.escape(c)) for c in start)
    return re.compile(rf"(?<![^\W_]){letters}[^\W_]*(?:['’][^\W_]+)?", re.IGNORECASE)


def _spellings(
    conn: db.Connection, stem: str, newest: list[int] | None = None, read: dict[int, dict] | None = None
) -> Counter[str]:
    """How often each word that normalises to ``stem`` is written in the newest articles holding it
    (``newest``: their seqs, when the count of the stem read them already; ``read``: those
    articles, read for all candidates at once)."""
    clause = [db.Clause(phrases=((stem,),))]
    try:
        if newest is not None:
            seqs = newest
        else:
            # PostgreSQL: one statement that walks back from the newest articles until it has
            # the newest few (a frequent stem's matches are not all read and sorted); SQLite:
            # None, the n-th newest and the ranking from there are two cheap posting-list walks.
            walked = db.filtered_matches(conn, clause, None, _ARTICLES_PER_STEM, cap=_ARTICLES_PER_STEM)
            if walked is not None:
                seqs = [r for r, _s in walked[2]]
            else:
                lowest = db.nth_newest_match(conn, clause, None, _ARTICLES_PER_STEM)
                seqs = [r for r, _s in db.keyword_ranking(conn, clause, None, _ARTICLES_PER_STEM, lowest)]
    except StoreError:  # a stem the full-text syntax cannot take: no spellings
        return Counter()
    found: Counter[str] = Counter()
    finder = _starts(stem[:2])
    if read is not None and all(r in read for r in seqs):
        rows = [read[r] for r in seqs]
    else:
        rows = list(db.hit_rows(conn, seqs, text_chars=50_000, origins=False).values())
    for row in rows:
        lang = "en" if row["language"] == "en" else "de"
        for word in finder.findall(f"{row['title']}\n{row['text']}"):
            # (the article's language, or the other one: a title may be indexed by either stemmer)
            if norm_word(word, lang) == stem or norm_word(word, "de" if lang == "en" else "en") == stem:
                found[word] += 1
    return found


def _name_words(conn: db.Connection) -> dict[str, list[tuple[str, int]]]:
    """The words of the entities' canonical names (``Nordkorea``, where the articles may write
    only *Nordkoreas*) with the articles naming them, by their first two letters; kept per
    database and index generation (one scan of the entities)."""
    key = (db.database_key(conn), db.index_generation(conn))
    with _names_lock:
        if _names_cache and _names_cache[0] == key:
            return _names_cache[1]
    by_start: dict[str, dict[str, int]] = {}
    for name, n in entity_names(conn):
        for word in WORD.findall(name):
            if len(word) >= 4 and not word.isdigit():
                words = by_start.setdefault(_key(word)[:2], {})
                words[word] = words.get(word, 0) + n
    out = {start: sorted(words.items()) for start, words in by_start.items()}
    with _names_lock:
        _names_cache[:] = [key, out]
    return out


_names_lock = threading.Lock()
_names_cache: list = []  # [(database, generation), words by first two letters]


def _closest(conn: db.Connection, word: str) -> str | None:
    """The spelling from the articles or the entity names closest to the unknown ``word``, or ``None``."""
    key = _key(word)
    bound = _bound(key)
    # Candidate stems share the first two letters (typos rarely hit them; a narrow range scan
    # of the vocabulary) and may be shorter than the typed word's stem by an ending: a typo
    # can hide an ending from the stemmer (*Bundeskanzlrin* stays whole, *Bundeskanzlerin* is
    # *bundeskanzl*).
    near = db.terms_near(conn, key[:2], max(3, len(key) - _MAX_ENDING - bound), len(key) + bound)
    # Each stem's edits against the start of the typed word and the letters that leaves over
    # make one estimate: an ending of up to three letters is free (*hochwass|er*), longer ones
    # cost (*hoch|waser*); so *vietnam* comes before *viel* for "Vietnm".
    scored: list[tuple[int, str, int | None]] = []
    newest: dict[str, list[int] | None] = {}  # a candidate's newest articles, where its count read them
    for cand, docs in near:
        d, rest = _stem_distance(cand, key, bound)
        if cand[-1] == "i":  # (the English stemmer writes a final y as i: *primari*)
            d, rest = min((d, rest), _stem_distance(cand[:-1] + "y", key, bound))
        if d <= bound:
            scored.append((d + max(0, rest - 3), cand, docs))
    if any(docs is None for _e, _c, docs in scored):  # PostgreSQL counts on request: the closest few
        scored = sorted(scored)[: 2 * _CANDIDATES]
        # Only the edit levels that reach into the first _CANDIDATES places are read below, so
        # only they are counted (a count of a frequent stem costs milliseconds on PostgreSQL).
        keep = min(len(scored), _CANDIDATES)
        while keep < len(scored) and scored[keep][0] == scored[keep - 1][0]:
            keep += 1
        scored = scored[:keep]
        # (the count reads every match: the newest few, whose spellings are read below, with it)
        counted = db.term_docs_newest(conn, [cand for _e, cand, _docs in scored], _ARTICLES_PER_STEM)
        newest = {cand: seqs for cand, (_n, seqs) in counted.items()}
        scored = [(e, cand, counted[cand][0] if cand in counted else 0) for e, cand, _docs in scored]
    scored.sort(key=lambda t: (t[0], -(t[2] or 0), t[1]))  # the closest, then the most frequent
    # the fewest edits, then the most frequent stem, then the spelling cased like the typed word
    # (`primry` -> `primary`, not the headline's `Primary`; `hochwaser` -> `Hochwasser`, the
    # only way the articles write it), then the most frequent spelling
    lower = word[:1].islower()
    best: tuple[int, int, bool, int, str] | None = None
    # the candidates' newest articles in one read where the counts found them (PostgreSQL)
    wanted = sorted({r for _e, cand, _d in scored[:_CANDIDATES] for r in newest.get(cand) or ()})
    read = db.hit_rows(conn, wanted, text_chars=50_000, origins=False) if wanted else None
    for _e, cand, docs in scored[:_CANDIDATES]:
        for spelled, n in _spellings(conn, cand, newest.get(cand), read).items():
            d = _distance(key, _key(spelled), bound)
            if d > bound:  # (a spelling within the bound comes first: ranked after all of them)
                d = bound + 1 + _ending_distance(key, _key(spelled), len(cand), bound)
            rank = (d, -(docs or 0), spelled[:1].islower() != lower, -n, spelled)
            if d <= 2 * bound + 1 and (best is None or rank < best):
                best = rank
    for spelled, n in _name_words(conn).get(key[:2], ()):
        d = _distance(key, _key(spelled), bound)
        rank = (d, -n, spelled[:1].islower() != lower, 0, spelled)
        # (a name only where the index holds the word: Wikidata's *Vereinigte Staaten* may be
        # in no article, which write *USA*)
        if d <= bound and (best is None or rank < best) and _known(conn, spelled):
            best = rank
    if best is None:
        return None
    # a capital typed is kept (a query's first word, a title): `Primry` -> `Primary`
    return best[4][:1].upper() + best[4][1:] if not lower and best[4][:1].islower() else best[4]


_TRIPLED = re.compile(r"(.)\1\1")


def _known(conn: db.Connection, word: str) -> bool:
    """Whether the index holds the word (its German or English stem).  The English stemmer
    turns a final ``lll`` into ``ll`` (*Verkehrsunfalll*): a tripled letter is no English word."""
    if db.known_term(conn, norm_word(word, "de")):
        return True
    return not _TRIPLED.search(word.casefold()) and db.known_term(conn, norm_word(word, "en"))


def suggest(conn: db.Connection, query: str) -> str | None:
    """"Did you mean": the query with each word the index does not know replaced by the
    closest spelling in the articles (see the module docstring); the other words are kept,
    transliterations among them written as the articles write them.  ``None`` when every
    word is known or nothing is close.  At most ``MAX_SUGGEST_WORDS`` unknown words are
    looked up.

    ``Muenterfering Ruecktritt`` → ``Müntefering Rücktritt``; ``Hochwaser`` → ``Hochwasser``.
    """
    changed = False
    looked_up = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal changed, looked_up
        word = m.group()
        if word.isdigit() or len(word) < 4:
            return word
        if _known(conn, word):
            return word
        if looked_up >= MAX_SUGGEST_WORDS:
            return word
        looked_up += 1
        better = _closest(conn, word)
        if better is None or better == word:
            return word
        changed = True
        return better

    fixed = WORD.sub(fix, query)
    return restore_umlauts(conn, fixed) if changed else None
