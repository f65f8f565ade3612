"""Search: German-aware keyword search (SQLite FTS5), semantic search, hybrid ranking.

Keyword search indexes a *normalised* copy of title and text in an FTS5 table:
every word is case-folded, umlauts are transliterated (``ü`` → ``ue``, so
``Suedkorea`` = ``Südkorea``, ``Pjoengjang`` = ``Pjöngjang``) and stemmed with
the Snowball stemmer of the article's language (``Atomprogramms`` →
``atomprogramm``).  Queries get the same treatment, so phrase (``"..."``) and
prefix (``atom*``) queries work on the normalised forms.  Snippets are cut
from the original text, with the matching words highlighted.

Semantic search embeds the query with the same multilingual model as the
articles (``enrich.embed``) and ranks by cosine similarity; hybrid search
fuses both rankings by reciprocal rank fusion.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import LagebildError
from . import _compounds

__all__ = [
    "Filters", "Hit", "SearchError", "index_article", "normalise", "restore_umlauts", "search", "suggest",
    "sync_index",
]  # fmt: skip

MAX_QUERY_CHARS = 500
# Cost bounds of a keyword query: every term is one more posting-list walk, and a short prefix
# (`a*`) expands to thousands of index terms (26 one-letter prefixes took 10-14 s at 100 000).
MAX_TERMS = 12
MIN_PREFIX = 3
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "à": "a", "á": "a", "â": "a",
                       "é": "e", "è": "e", "ê": "e", "ë": "e", "ï": "i", "î": "i", "í": "i",
                       "ó": "o", "ô": "o", "ú": "u", "ù": "u", "ç": "c", "ñ": "n"})  # fmt: skip
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_RRF_K = 60
# Below this cosine similarity a text is not about the query (USE: unrelated news ~0.1-0.2).
MIN_SIMILARITY = 0.25
# A semantic neighbour counts as a match (in ``total``, and in the results of semantic and
# hybrid search) from this similarity on: on the dev part of bench/search/queries.tsv (not its
# test part) semantic hits from 0.30 on were 75-98 % relevant, those of 0.25-0.30 only 61 %.
MATCH_SIMILARITY = 0.30


class SearchError(LagebildError):
    """A query that cannot be run (empty, too long, bad syntax)."""


@functools.cache
def _stemmer(lang: str):
    import Stemmer

    return Stemmer.Stemmer("english" if lang == "en" else "german")


def _norm_word(word: str, lang: str) -> str:
    w = word.casefold().translate(_FOLD)
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
    words = _WORD.findall(text.casefold().translate(_FOLD))
    stems = _stemmer(lang).stemWords(words)  # one C call for the whole text
    if lang != "en":
        stems = [w[:-1] if len(w) > 5 and w[-1] == "s" and w[-2] in "aeiou" else w for w in stems]
    return " ".join(stems)


# -- index ----------------------------------------------------------------------------------

def compound_heads(text: str, lang: str | None = "de", skip: Iterable[str] = ()) -> str:
    """The indexed form of the heads of the German compounds in ``text`` (see ``_compounds``).

    ``skip``: words not to split (names: *Steinmeier* is no *Meier*).
    """
    if lang not in (None, "de"):
        return ""
    skipped = {w.casefold() for w in skip}
    found: dict[str, None] = {}
    for word in _WORD.findall(text):
        if len(word) >= _compounds.MIN_WORD and word.casefold() not in skipped:
            for head in _compounds.heads(word):
                found[head] = None
    return normalise(" ".join(found), "de") if found else ""


def index_article(
    conn: sqlite3.Connection, article_id: str, title: str, text: str, lang: str | None,
    normalised: tuple[str, ...] | None = None,
) -> None:  # fmt: skip
    """(Re)index one article; call inside the transaction that stores it.

    ``normalised`` is ``(normalise(title), normalise(text)[, compound_heads(...)])`` when a
    worker process computed it already (see :func:`prepare`).
    """
    row = conn.execute("SELECT rowid FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return
    norm_title, norm_text = normalised[:2] if normalised else (normalise(title, lang), normalise(text, lang))
    parts = normalised[2] if normalised and len(normalised) > 2 else compound_heads(f"{title} {text}", lang)
    conn.execute("DELETE FROM search_fts WHERE rowid = ?", (row[0],))
    conn.execute(
        "INSERT INTO search_fts (rowid, title, body, parts) VALUES (?, ?, ?, ?)",
        (row[0], norm_title, norm_text, parts),
    )
    _remember_spellings(conn, f"{title} {text}")


def prepare(article: Any) -> None:
    """Normalise an article's title and text for the index (in a worker, off the writer's path)."""
    article.hints["fts_parts"] = ""  # (set first: a failure below leaves an indexable article)
    article.hints["fts_title"] = normalise(article.title, article.language)
    article.hints["fts_body"] = normalise(article.text, article.language)
    names = {w for e in article.entities for n in (e.name, *e.aliases) for w in _WORD.findall(n)}
    names |= {w for e in article.entities for m in e.mentions for w in _WORD.findall(getattr(m, "text", "") or "")}
    article.hints["fts_parts"] = compound_heads(f"{article.title} {article.text}", article.language, names)


def sync_index(conn: sqlite3.Connection) -> int:
    """Index articles that are not indexed yet (stored before search existed). Returns the count."""
    rows = conn.execute(
        "SELECT a.rowid, a.id, a.title, a.text, a.language FROM articles a "
        "WHERE NOT EXISTS (SELECT 1 FROM search_fts f WHERE f.rowid = a.rowid)"
    ).fetchall()
    for rowid, _aid, title, text, lang in rows:
        conn.execute(
            "INSERT INTO search_fts (rowid, title, body, parts) VALUES (?, ?, ?, ?)",
            (rowid, normalise(title, lang), normalise(text, lang), compound_heads(f"{title} {text}", lang)),
        )
        _remember_spellings(conn, f"{title} {text}")
    return len(rows)


_UMLAUTS = frozenset("äöüß")


def _remember_spellings(conn: sqlite3.Connection, text: str) -> None:
    """Keep how the text's words with umlauts or ß are spelled (see :func:`restore_umlauts`)."""
    words = {w for w in _WORD.findall(text.casefold()) if _UMLAUTS.intersection(w) and len(w) > 2}
    if words:
        conn.executemany(
            "INSERT OR IGNORE INTO search_spellings (key, word) VALUES (?, ?)",
            [(_norm_word(w, "de"), w) for w in words],
        )


_DIGRAPHS = {"ae": "ä", "oe": "ö", "ue": "ü", "ss": "ß"}


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


def restore_umlauts(conn: sqlite3.Connection, query: str) -> str:
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
        try:
            row = conn.execute("SELECT word FROM search_spellings WHERE key = ?", (_norm_word(word, "de"),)).fetchone()
        except sqlite3.OperationalError:  # a store from before the spellings table
            return word
        return _respell(word, row[0]) if row else word

    return _WORD.sub(fix, query)


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


def suggest(conn: sqlite3.Connection, query: str) -> str | None:
    """"Did you mean": the query with each word the index does not know replaced by the
    closest known word (edit distance on folded, stemmed forms; the most frequent of equally
    close ones), spelled as the articles spell it.  ``None`` when every word is known or
    nothing is close.

    ``Muenterfering Ruecktritt`` → ``Müntefering Ruecktritt``.
    """
    changed = False

    def fix(m: re.Match[str]) -> str:
        nonlocal changed
        word = m.group()
        if word.isdigit() or len(word) < 4:
            return word
        term = _norm_word(word, "de")
        try:
            if conn.execute("SELECT 1 FROM search_terms WHERE term = ?", (term,)).fetchone():
                return word
            if conn.execute("SELECT 1 FROM search_terms WHERE term = ?", (_norm_word(word, "en"),)).fetchone():
                return word
            bound = 1 if len(term) < 7 else 2
            # Typos rarely hit the first letter: candidates share it (a range scan of the vocabulary).
            cands = conn.execute(
                "SELECT term, doc FROM search_terms WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?",
                (term[0], term[0] + "\uffff", len(term) - bound, len(term) + bound),
            ).fetchall()
        except sqlite3.OperationalError:  # a store from before the vocabulary table
            return word
        best: tuple[int, int, str] | None = None
        for cand, docs in cands:
            d = _distance(term, cand, bound)
            if d <= bound and (best is None or (d, -docs) < best[:2]):
                best = (d, -docs, cand)
        if best is None:
            return word
        changed = True
        row = conn.execute("SELECT word FROM search_spellings WHERE key = ?", (best[2],)).fetchone()
        out = row[0] if row else best[2]
        return out[:1].upper() + out[1:] if word[:1].isupper() else out

    fixed = _WORD.sub(fix, query)
    return fixed if changed else None


# -- queries --------------------------------------------------------------------------------

@dataclass(slots=True, kw_only=True)
class Filters:
    """Restrict results. All given filters must hold."""

    entity: str | None = None
    source: str | None = None
    section: str | None = None
    language: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    event: str | None = None
    storyline: str | None = None

    def sql(self) -> tuple[str, list[object]]:
        from ..store.browse import article_where

        return article_where(
            entity=self.entity, source=self.source, section=self.section, language=self.language,
            date_from=self.date_from, date_to=self.date_to, event=self.event, storyline=self.storyline,
        )  # fmt: skip


@dataclass(slots=True, kw_only=True)
class Hit:
    id: str
    title: str
    origins: list[str] = field(default_factory=list)
    published: str | None = None
    source: str | None = None
    language: str | None = None
    snippet: str = ""  # HTML: escaped text with <mark> around matching words
    score: float = 0.0


def _fts_query(q: str) -> tuple[str, list[str]]:
    """Translate a user query into an FTS5 MATCH expression over normalised words.

    Supports ``"phrases"``, ``prefix*`` and ``-excluded`` words; everything
    else is AND-ed.  Returns the expression and the normalised terms (for snippets).
    """
    parts: list[str] = []
    terms: list[str] = []
    for m in re.finditer(r'(-?)"([^"]*)"|(-?)(\S+)', q):
        if m.group(2) is not None:
            words = [_norm_word(w, "de") for w in _WORD.findall(m.group(2))]
            if words:
                parts.append(("NOT " if m.group(1) else "") + '"' + " ".join(words) + '"')
                terms += words if not m.group(1) else []
            continue
        neg, tok = m.group(3), m.group(4)
        prefix = tok.endswith("*")
        words = _WORD.findall(tok)
        if not words:
            continue
        if prefix:
            w = words[-1].casefold().translate(_FOLD)
            if len(w) < MIN_PREFIX:
                raise SearchError(
                    f"Prefix {tok!r} is too short: give at least {MIN_PREFIX} letters before the *."
                )
            words = [_norm_word(x, "de") for x in words[:-1]]
            expr = " ".join(f'"{x}"' for x in words) + (" " if words else "") + f'"{w}"*'
            terms += [*words, w]
        else:
            normed = [_norm_word(x, "de") for x in words]
            if len(normed) > 1:
                expr = '"' + " ".join(normed) + '"'
            else:  # German and English stems of one word may differ: either matches
                en = _norm_word(words[0], "en")
                expr = f'"{normed[0]}"' if en == normed[0] else f'("{normed[0]}" OR "{en}")'
                normed.append(en)
            if not neg:
                terms += normed
        parts.append(("NOT " if neg else "") + expr)
    if len(parts) > MAX_TERMS:
        raise SearchError(f"Too many terms: {len(parts)} (at most {MAX_TERMS}); leave out the least telling words.")
    # FTS5 needs a positive term before NOT
    pos = [p for p in parts if not p.startswith("NOT ")]
    neg_parts = [p for p in parts if p.startswith("NOT ")]
    if not pos:
        raise SearchError("The query needs at least one word to look for.")
    return " AND ".join(pos) + "".join(f" {p}" for p in neg_parts), terms


def search(
    conn: sqlite3.Connection,
    query: str,
    *,
    mode: str = "hybrid",
    filters: Filters | None = None,
    limit: int = 20,
    offset: int = 0,
) -> tuple[list[Hit], int]:
    """Search stored articles.

    Args:
        mode: ``keyword``, ``semantic`` or ``hybrid`` (both, fused by reciprocal rank).
        limit, offset: the page.

    Returns:
        (hits of the page, number of matches: keyword matches, plus for semantic and hybrid
        the neighbours at least ``MATCH_SIMILARITY`` alike).

    Raises:
        SearchError: empty or over-long query, unknown mode, bad syntax.
    """
    query = (query or "").strip()
    if not query:
        raise SearchError("Empty query: give at least one word.")
    if len(query) > MAX_QUERY_CHARS:
        raise SearchError(f"Query too long: {len(query)} characters (at most {MAX_QUERY_CHARS}).")
    if mode not in ("keyword", "semantic", "hybrid"):
        raise SearchError(f"Unknown mode {mode!r}: use keyword, semantic or hybrid.")
    filters = filters or Filters()
    where, args = filters.sql()
    need = offset + limit
    keyword: list[tuple[int, float]] = []
    terms: list[str] = []
    total = 0
    # The embedding model sees the words as the articles spell them (Fluechtlinge -> Flüchtlinge).
    spelled = restore_umlauts(conn, query) if mode != "keyword" else query
    vector = _EMBEDDER.submit(_query_vector, spelled) if mode == "hybrid" else None
    # (hybrid: the query is embedded in a thread while SQLite runs the keyword part)
    if mode in ("keyword", "hybrid"):
        expr, terms = _fts_query(query)
        try:
            k = max(need, 100) if mode == "hybrid" else need
            if where == "1":  # no filter: let FTS5 rank on its own, without a join per match
                sql = (
                    "SELECT rowid, bm25(search_fts, 3.0, 1.0, 0.5) AS r FROM search_fts "
                    "WHERE search_fts MATCH ? ORDER BY r LIMIT ?"
                )
            else:
                sql = (
                    "SELECT f.rowid, bm25(search_fts, 3.0, 1.0, 0.5) AS r FROM search_fts f "
                    f"JOIN articles a ON a.rowid = f.rowid WHERE search_fts MATCH ? AND {where} "
                    "ORDER BY r LIMIT ?"
                )
            keyword = [(r[0], -r[1]) for r in conn.execute(sql, (expr, *args, k))]
            if keyword:
                count_sql = (
                    "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?"
                    if where == "1"
                    else "SELECT count(*) FROM search_fts f JOIN articles a ON a.rowid = f.rowid "
                    f"WHERE search_fts MATCH ? AND {where}"
                )
                total = conn.execute(count_sql, (expr, *args)).fetchone()[0]
        except sqlite3.OperationalError as exc:
            if "interrupt" in str(exc):  # a caller's time budget (store.browse.time_budget) ran out
                raise
            raise SearchError(f"Cannot parse the query: {exc}") from None
    semantic: list[tuple[int, float]] = []
    if mode in ("semantic", "hybrid"):
        q_vec = vector.result() if vector is not None else _query_vector(spelled)
        semantic = [h for h in _semantic(conn, q_vec, where, args, max(need, 100)) if h[1] >= MATCH_SIMILARITY]
        if mode == "semantic":
            total = len(semantic)  # (at most the candidates scored: max(offset + limit, 100))
        elif semantic:  # hybrid: keyword matches plus the semantic matches that are not among them
            ids = [r for r, _s in semantic]
            also = {r[0] for r in conn.execute(
                f"SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid IN ({','.join('?' * len(ids))})",
                (expr, *ids),
            )}  # fmt: skip
            total += sum(1 for r in ids if r not in also)
    if mode == "keyword":
        ranked = keyword
    elif mode == "semantic":
        ranked = semantic
    else:
        fused: dict[int, float] = {}
        for lst in (keyword, semantic):
            for rank, (rowid, _s) in enumerate(lst):
                fused[rowid] = fused.get(rowid, 0.0) + 1.0 / (_RRF_K + rank + 1)
        ranked = sorted(fused.items(), key=lambda x: -x[1])
    page = ranked[offset:need]
    return [_hit(conn, rowid, score, terms) for rowid, score in page], total


class _Matrix:
    """Embeddings of all articles, cached per database and extended as articles arrive.

    Exact cosine over 100 000 x 512 floats costs tens of milliseconds, so the
    search first scores a 64-d PCA projection (a quarter of the memory
    traffic), then re-scores the best candidates exactly.
    """

    DIMS = 64

    def __init__(self) -> None:
        self.key: tuple[int, int] | None = None
        self.last = 0  # highest embeddings rowid loaded
        self.rowids = np.zeros(0, dtype=np.int64)
        self.vecs = np.zeros((0, 512), dtype=np.float32)
        self.proj: np.ndarray | None = None  # (512, DIMS) basis, fitted once the corpus is big
        self.small = np.zeros((0, self.DIMS), dtype=np.float32)
        self.fitted_at = 0
        self.lock = threading.Lock()

    def load(self, conn: sqlite3.Connection, n: int, last: int) -> None:
        if n < len(self.rowids) or (self.key and n - len(self.rowids) != self._new_count(conn)):
            self.__init__()  # rows were replaced or deleted: start over
        rows = conn.execute(
            "SELECT e.rowid, a.rowid, e.vector FROM embeddings e JOIN articles a ON a.id = e.article_id"
            " WHERE e.rowid > ? ORDER BY e.rowid",
            (self.last,),
        ).fetchall()
        if rows:
            vecs = np.frombuffer(b"".join(r[2] for r in rows), dtype=np.float32).reshape(len(rows), -1)
            self.rowids = np.concatenate([self.rowids, np.array([r[1] for r in rows], dtype=np.int64)])
            self.vecs = np.concatenate([self.vecs, vecs]) if len(self.vecs) else vecs.copy()
            self.last = rows[-1][0]
            if self.proj is not None:
                self.small = np.concatenate([self.small, vecs @ self.proj])
        if len(self.rowids) >= 20_000 and len(self.rowids) >= 2 * self.fitted_at:
            sample = self.vecs[:: max(1, len(self.vecs) // 8000)]
            _u, _s, vt = np.linalg.svd(sample - sample.mean(axis=0), full_matrices=False)
            self.proj = np.ascontiguousarray(vt[: self.DIMS].T, dtype=np.float32)
            self.small = self.vecs @ self.proj
            self.fitted_at = len(self.rowids)
        self.key = (n, last)

    def _new_count(self, conn: sqlite3.Connection) -> int:
        return conn.execute("SELECT count(*) FROM embeddings WHERE rowid > ?", (self.last,)).fetchone()[0]

    def scores(self, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(indices, exact scores) of about the k best rows, best first."""
        if self.proj is None or len(self.rowids) <= 4 * k:
            s = self.vecs @ q
            idx = np.argpartition(-s, min(k, len(s)) - 1)[:k] if len(s) > k else np.arange(len(s))
            return idx, s[idx]
        approx = self.small @ (q @ self.proj)
        m = min(len(approx), 8 * k)
        cand = np.argpartition(-approx, m - 1)[:m]
        exact = self.vecs[cand] @ q
        return cand, exact


_cache: dict[str, _Matrix] = {}
_EMBEDDER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lagebild-embed")


def _matrix(conn: sqlite3.Connection) -> _Matrix:
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    n, last = conn.execute("SELECT count(*), coalesce(max(rowid), 0) FROM embeddings").fetchone()
    m = _cache.setdefault(path, _Matrix())
    with m.lock:
        if m.key != (n, last):
            m.load(conn, n, last)
    return m


@functools.lru_cache(maxsize=256)
def _query_vector(query: str) -> np.ndarray:
    """The query's embedding (cached: paging through results embeds a query once)."""
    from ..enrich.embed import embed

    return embed([query])[0]


def _semantic(conn: sqlite3.Connection, q: np.ndarray, where: str, args: list[object], k: int) -> list[tuple[int, float]]:
    m = _matrix(conn)
    if not len(m.rowids):
        return []
    filtered = where != "1"
    idx, scores = m.scores(q, k * 4 if filtered else k)
    if filtered:
        allowed = {r[0] for r in conn.execute(f"SELECT a.rowid FROM articles a WHERE {where}", args)}
        keep = np.fromiter((m.rowids[i] in allowed for i in idx), dtype=bool, count=len(idx))
        idx, scores = idx[keep], scores[keep]
    order = np.argsort(-scores)[:k]
    return [(int(m.rowids[idx[i]]), float(scores[i])) for i in order if scores[i] >= MIN_SIMILARITY]


def _hit(conn: sqlite3.Connection, rowid: int, score: float, terms: Iterable[str]) -> Hit:
    r = conn.execute(
        "SELECT id, title, substr(text, 1, 6000), published, source, language FROM articles WHERE rowid = ?",
        (rowid,),
    ).fetchone()
    origins = [o[0] for o in conn.execute("SELECT origin FROM origins WHERE article_id = ? ORDER BY origin", (r[0],))]
    return Hit(
        id=r[0], title=r[1], origins=origins, published=r[3], source=r[4], language=r[5],
        snippet=snippet(r[2], terms, r[5]), score=round(score, 6),
    )  # fmt: skip


# The stemmer may turn `ue` into `u`: a stem letter stands for its umlaut spellings too.
_UNFOLD = {"ae": "(?:ae|ä)", "oe": "(?:oe|ö)", "ue": "(?:ue|ü)", "ss": "(?:ss|ß)",
           "a": "(?:ae|a|ä)", "o": "(?:oe|o|ö)", "u": "(?:ue|u|ü)"}  # fmt: skip


@functools.lru_cache(maxsize=512)
def _head_finder(terms: frozenset[str]) -> re.Pattern[str] | None:
    """A regex for word starts that fold to the first letters of any term."""
    alts = set()
    for t in terms:
        head = t[:4]
        alts.add(re.sub("ae|oe|ue|ss|.", lambda m: _UNFOLD.get(m.group(), re.escape(m.group())), head))
    if not alts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(alts)) + ")", re.IGNORECASE)


def snippet(text: str, terms: Iterable[str], lang: str | None = "de", width: int = 220) -> str:
    """An HTML-escaped window of ``text`` around the first matching word, matches in <mark>."""
    want = {t for t in terms if t}
    lang = lang if lang in ("de", "en") else "de"
    spans = []
    finder = _head_finder(frozenset(want))
    if finder is not None:
        # Only words that start like a term can stem to it: find those with one regex.
        for m in finder.finditer(text):
            w = _WORD.match(text, m.start())
            if w is None:
                continue
            word = w.group()
            folded = word.casefold().translate(_FOLD)
            if _norm_word(word, lang) in want or _norm_word(word, "de") in want or any(
                folded.startswith(t) and len(t) >= 3 for t in want
            ):
                spans.append((w.start(), w.end()))
                if len(spans) > 40:
                    break
    start = max(0, spans[0][0] - width // 3) if spans else 0
    end = min(len(text), start + width)
    if start > 0:
        start = text.find(" ", start) + 1 or start
    out: list[str] = ["…" if start > 0 else ""]
    pos = start
    for s, e in spans:
        if s < start or e > end:
            continue
        out += [html.escape(text[pos:s]), "<mark>", html.escape(text[s:e]), "</mark>"]
        pos = e
    out.append(html.escape(text[pos:end]))
    if end < len(text):
        out.append("…")
    return "".join(out).replace("\n", " ")
