"""What search asks the store: the full-text index, spellings, embeddings and result rows.

The search package (:mod:`lagebild.search`) normalises text and queries, ranks and fuses;
every statement it needs is here.  The dialect-specific parts live in
:mod:`lagebild.store.search_fts` (SQLite FTS5) and :mod:`lagebild.store.search_pg`
(PostgreSQL ``tsvector`` and pgvector); this module is the face that search calls, and picks
one by the connection it is given: a ``sqlite3`` connection or the store's SQLAlchemy one
(``store.db``) on either database.  SQLite runs on its ``sqlite3`` driver (taken from the
SQLAlchemy connection: the hot paths of search were tuned on it).

Articles are named by their ``articles.seq`` on both databases (on SQLite the rowid itself:
``seq INTEGER PRIMARY KEY``, migration 0012; the full-text index's own rowid is the seq).

* Index writes: :func:`write_text` (inside the transaction that stores the article),
  :func:`unindexed_articles`, :func:`add_spellings`.
* Keyword queries arrive as :class:`Clause` records of normalised words: :func:`keyword_ranking`,
  :func:`count_matches`, :func:`filtered_matches` (the three in one walk: SQLite with filters,
  PostgreSQL always),
  :func:`matching_among`, :func:`index_generation` (the key of caches).
* "Did you mean": :func:`known_term`, :func:`terms_near`, :func:`spelling`.
* Semantic search: in the process on SQLite (:func:`embedding_key`, :func:`embedding_rows`,
  :func:`holding_filters`), in the database on PostgreSQL (:func:`nearest`, HNSW); vectors
  are written by :func:`write_vector` (PostgreSQL only: SQLite reads ``embeddings``).
* Results: :func:`hit_rows`.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import numpy as np
import sqlalchemy as sa

from ..errors import StoreError
from . import search_fts, search_pg
from .browse import BUDGET_INFO

__all__ = [
    "Clause", "Connection", "Filters", "add_spellings", "allowed_seqs", "article_seq", "count_matches",
    "database_key", "embedding_articles", "embedding_key", "embedding_rows", "filtered_matches", "hit_rows",
    "filters_generation", "holding_filters",
    "index_generation", "is_postgresql",
    "keyword_ranking", "known_term", "matching_among", "nearest", "nearest_apart", "nth_newest_match", "spelling",
    "sync_vectors",
    "term_docs", "terms_near", "unindexed_articles", "write_text", "write_vector",
]  # fmt: skip

log = logging.getLogger(__name__)

# A raw sqlite3 connection (``store.conn``) or the store's SQLAlchemy one (``store.db``).
Connection: TypeAlias = sqlite3.Connection | sa.Connection


def is_postgresql(conn: Connection) -> bool:
    """Whether ``conn`` is a PostgreSQL connection."""
    return isinstance(conn, sa.Connection) and conn.dialect.name == "postgresql"


def _sqlite(conn: Connection) -> sqlite3.Connection:
    """The ``sqlite3`` connection of ``conn`` (itself, or the driver's under SQLAlchemy's)."""
    if isinstance(conn, sa.Connection):
        raw = conn.connection.dbapi_connection
        assert isinstance(raw, sqlite3.Connection), conn.dialect.name
        return raw
    return conn


@dataclass(frozen=True, slots=True)
class Clause:
    """One part of a keyword query, in normalised words.

    An article matches when it holds any of ``phrases`` (each a run of adjacent words), or,
    when ``negated``, none of them.  ``prefix``: the last word of each phrase is a prefix.
    """

    phrases: tuple[tuple[str, ...], ...]
    prefix: bool = False
    negated: bool = False


@dataclass(slots=True, kw_only=True)
class Filters:
    """Restrict search results. All given filters must hold."""

    entity: str | None = None
    source: str | None = None
    section: str | None = None
    language: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    event: str | None = None
    storyline: str | None = None

    def sql(self, *, by_seq: bool = False) -> tuple[str, list[object]]:
        """The condition over ``articles a`` and its arguments (``"1"`` when nothing is filtered).

        ``by_seq``: for SQLite's full-text search, a condition over the columns of the
        covering index ``articles_search_filters`` and the seq alone: a filtered keyword
        query then looks each match up in that index, never in the article row (entity, event
        and storyline become one set of seqs, built once per query).
        """
        from .browse import article_where

        where, args = article_where(
            entity=self.entity, source=self.source, section=self.section, language=self.language,
            date_from=self.date_from, date_to=self.date_to, event=self.event, storyline=self.storyline,
            by_seq=by_seq,
        )  # fmt: skip
        # browse spells "no filter" "1 = 1"; the search modules test for "1" to leave out the
        # join with articles (which costs a B-tree lookup per match: 50 ms at 30 000 matches)
        return ("1", args) if where.strip() == "1 = 1" else (where, args)

    def index_sql(self) -> tuple[str, list[object]]:
        """:meth:`sql` over the covering index of the filter columns (``by_seq``)."""
        return self.sql(by_seq=True)

    def key(self) -> tuple[object, ...]:
        """A hashable value of the filters (for caches)."""
        return (self.entity, self.source, self.section, self.language, self.date_from, self.date_to,
                self.event, self.storyline)  # fmt: skip


_NONE = Filters()


# -- writing the index ---------------------------------------------------------------------

def article_seq(conn: Connection, article_id: str) -> int | None:
    """The integer that names the article in the index: its ``seq``."""
    if is_postgresql(conn):
        return conn.execute(sa.text("SELECT seq FROM articles WHERE id = :id"), {"id": article_id}).scalar()  # type: ignore[union-attr]
    row = _sqlite(conn).execute("SELECT seq FROM articles WHERE id = ?", (article_id,)).fetchone()
    return row[0] if row else None


def write_text(conn: Connection, seq: int, title: str, body: str, parts: str) -> None:
    """(Re)index an article's normalised title, body and compound heads."""
    if is_postgresql(conn):
        search_pg.write(conn, seq, title, body, parts)  # type: ignore[arg-type]
    else:
        search_fts.write(_sqlite(conn), seq, title, body, parts)


def write_vector(conn: Connection, seq: int, vector: bytes | None) -> None:
    """(Re)place an article's embedding in the vector index (None: take it out; PostgreSQL, on
    SQLite the search reads the ``embeddings`` table itself, so nothing is written)."""
    if is_postgresql(conn):
        search_pg.write_vector(conn, seq, vector)  # type: ignore[arg-type]


def sync_vectors(conn: Connection) -> int:
    """Put stored embeddings that are not in the vector index yet into it (PostgreSQL: those
    stored before search existed there). Returns the count."""
    if not is_postgresql(conn):
        return 0
    from .tables_search import VECTOR_DIM

    rows = search_pg.unindexed_vectors(conn, VECTOR_DIM)  # type: ignore[arg-type]
    return search_pg.write_vectors(conn, rows) if rows else 0  # type: ignore[arg-type]


def unindexed_articles(conn: Connection) -> list[tuple[int, str, str, str | None]]:
    """(seq, title, text, language) of the articles not in the full-text index yet."""
    if is_postgresql(conn):
        return search_pg.unindexed(conn)  # type: ignore[arg-type]
    return search_fts.unindexed(_sqlite(conn))


def add_spellings(conn: Connection, pairs: Iterable[tuple[str, str]]) -> None:
    """Remember how words are spelled: (normalised form, word with umlauts); the first one stays."""
    if is_postgresql(conn):
        search_pg.write_spellings(conn, list(pairs))  # type: ignore[arg-type]
        return
    _sqlite(conn).executemany("INSERT OR IGNORE INTO search_spellings (key, word) VALUES (?, ?)", list(pairs))


def spelling(conn: Connection, key: str) -> str | None:
    """The word with umlauts or ß remembered for the normalised form ``key``."""
    if is_postgresql(conn):
        return search_pg.spelling(conn, key)  # type: ignore[arg-type]
    try:
        row = _sqlite(conn).execute("SELECT word FROM search_spellings WHERE key = ?", (key,)).fetchone()
    except sqlite3.OperationalError:  # a store from before the spellings table
        return None
    return row[0] if row else None


# -- keyword queries -----------------------------------------------------------------------

def index_generation(conn: Connection) -> object:
    """A value that changes whenever the full-text index is written."""
    if is_postgresql(conn):
        return search_pg.generation(conn)  # type: ignore[arg-type]
    return search_fts.generation(_sqlite(conn))


def filters_generation(conn: Connection) -> object:
    """A value that changes whenever a commit may have changed which articles a filter selects:
    enrichment (predicted section), grouping (event, storyline) and entity merges write no
    full-text rows, so :func:`index_generation` misses them.  SQLite: the driver connection
    itself (so a reused object id never matches) and ``search_fts.change_state`` (its
    ``data_version`` and ``total_changes``); PostgreSQL: the server's snapshot
    (:func:`.browse.generation`)."""
    if is_postgresql(conn):
        from .browse import generation

        return generation(conn)  # type: ignore[arg-type]
    raw = _sqlite(conn)
    return raw, *search_fts.change_state(raw)


def database_key(conn: Connection) -> str:
    """The database of the connection: its file, or its URL without password (caches are per database)."""
    if isinstance(conn, sa.Connection) and conn.dialect.name != "sqlite":
        return conn.engine.url.render_as_string(hide_password=True)
    return str(_sqlite(conn).execute("PRAGMA database_list").fetchone()[2])


def keyword_ranking(
    conn: Connection, clauses: Sequence[Clause], filters: Filters | None, limit: int, min_seq: int | None = None
) -> list[tuple[int, float]]:
    """(article seq, score; higher is better) of the best ``limit`` matches (with a
    seq of at least ``min_seq`` when given).  SQLite scores by BM25, PostgreSQL by
    ``ts_rank_cd`` with the same column weights (``search_pg``).

    Raises:
        StoreError: the index cannot run the query.
    """
    if is_postgresql(conn):
        where, args = (filters or _NONE).sql()
        return search_pg.ranking(conn, clauses, where, args, limit, min_seq)  # type: ignore[arg-type]
    where, args = (filters or _NONE).index_sql()
    return search_fts.ranking(_sqlite(conn), clauses, where, args, limit, min_seq)


def nth_newest_match(conn: Connection, clauses: Sequence[Clause], filters: Filters | None, n: int) -> int | None:
    """The article seq of the ``n``-th newest match (by seq), ``None`` when there are fewer."""
    if is_postgresql(conn):
        where, args = (filters or _NONE).sql()
        return search_pg.nth_newest(conn, clauses, where, args, n)  # type: ignore[arg-type]
    where, args = (filters or _NONE).index_sql()
    return search_fts.nth_newest(_sqlite(conn), clauses, where, args, n)


def filtered_matches(
    conn: Connection, clauses: Sequence[Clause], filters: Filters | None, n: int, limit: int | None = None,
    cap: int | None = None,
) -> tuple[int, int | None, list[tuple[int, float]]] | None:  # fmt: skip
    """What :func:`count_matches`, :func:`nth_newest_match` and :func:`keyword_ranking` (from
    the ``n``-th newest on) answer, in one walk over the matches: (number of matches; the
    seq of the ``n``-th newest, ``None`` when there are at most ``n``; (seq, score) of
    the newest ``n``, best first -- on PostgreSQL only the best ``limit`` of them, when
    given).  SQLite: ``None`` where the three statements are cheaper (no filter: counting is
    then a walk of the posting lists alone); PostgreSQL: always one statement
    (``search_pg.newest_ranked``: the three asked separately cost three round trips and the
    newest ``n`` seqs to the client and back).

    ``cap``: the caller needs the number exactly only up to ``cap``: PostgreSQL then stops
    counting once it has found more than ``max(n, cap)`` matches (the number is then a lower
    bound above that; SQLite counts them all, its count is a walk of the posting lists).

    Raises:
        StoreError: the index cannot run the query.
    """
    if is_postgresql(conn):
        where, args = (filters or _NONE).sql()
        return search_pg.newest_ranked(conn, clauses, where, args, n, n if limit is None else limit, cap)  # type: ignore[arg-type]
    where, args = (filters or _NONE).index_sql()
    if where == "1":
        return None
    return search_fts.newest_ranked(_sqlite(conn), clauses, where, args, n)


def count_matches(conn: Connection, clauses: Sequence[Clause], filters: Filters | None) -> int:
    """How many articles match (and hold the filters)."""
    if is_postgresql(conn):
        where, args = (filters or _NONE).sql()
        return search_pg.count(conn, clauses, where, args)  # type: ignore[arg-type]
    where, args = (filters or _NONE).index_sql()
    return search_fts.count(_sqlite(conn), clauses, where, args)


def matching_among(conn: Connection, clauses: Sequence[Clause], seqs: Sequence[int]) -> set[int]:
    """Those of ``seqs`` that match the clauses."""
    if is_postgresql(conn):
        return search_pg.matching_among(conn, clauses, seqs)  # type: ignore[arg-type]
    return search_fts.matching_among(_sqlite(conn), clauses, seqs)


# -- did you mean --------------------------------------------------------------------------

def known_term(conn: Connection, term: str) -> bool:
    """Whether some article holds the normalised word (``True`` on a store without a vocabulary)."""
    if is_postgresql(conn):
        return search_pg.has_term(conn, term)  # type: ignore[arg-type]
    return search_fts.has_term(_sqlite(conn), term)


def terms_near(conn: Connection, first: str, min_len: int, max_len: int) -> list[tuple[str, int | None]]:
    """(word, articles holding it) of the index's words that start with ``first`` and have
    ``min_len`` to ``max_len`` letters.  The count is ``None`` where the index does not keep
    it (PostgreSQL): ask :func:`term_docs` for the few that matter."""
    if is_postgresql(conn):
        return [(t, None) for t in search_pg.terms_between(conn, first, first + "\uffff", min_len, max_len)]  # type: ignore[arg-type]
    return search_fts.terms_between(_sqlite(conn), first, first + "\uffff", min_len, max_len)  # type: ignore[return-value]


def term_docs(conn: Connection, terms: Sequence[str]) -> dict[str, int]:
    """How many articles hold each of the normalised words."""
    if is_postgresql(conn):
        return search_pg.term_docs(conn, terms)  # type: ignore[arg-type]
    raw = _sqlite(conn)
    out = dict.fromkeys(terms, 0)
    for term in terms:
        row = raw.execute("SELECT doc FROM search_terms WHERE term = ?", (term,)).fetchone()
        out[term] = int(row[0]) if row else 0
    return out


def term_docs_newest(conn: Connection, terms: Sequence[str], n: int) -> dict[str, tuple[int, list[int] | None]]:
    """:func:`term_docs` with, on PostgreSQL, the seqs of each word's newest ``n``
    articles, read by the same statement; ``None`` on SQLite (its counts are the vocabulary's:
    no matches read)."""
    if is_postgresql(conn):
        return dict(search_pg.term_docs_newest(conn, terms, n))  # type: ignore[arg-type]
    return {t: (docs, None) for t, docs in term_docs(conn, terms).items()}


# -- semantic search -----------------------------------------------------------------------

def embedding_key(conn: Connection) -> int:
    """The highest embeddings rowid: it grows with every stored embedding (one index lookup). SQLite."""
    return int(_sqlite(conn).execute("SELECT coalesce(max(rowid), 0) FROM embeddings").fetchone()[0])


def embedding_articles(conn: Connection, after: int) -> list[int]:
    """The article seqs of the embeddings after ``after`` (the embeddings' own rowid; no vectors read). SQLite."""
    return [r[0] for r in _sqlite(conn).execute(
        "SELECT a.seq FROM embeddings e JOIN articles a ON a.id = e.article_id WHERE e.rowid > ?", (after,)
    )]  # fmt: skip


def embedding_rows(conn: Connection, after: int, limit: int = -1) -> list[tuple[int, int, bytes]]:
    """(embeddings rowid, article seq, float32 vector bytes) of the embeddings after ``after``, in order. SQLite."""
    return _sqlite(conn).execute(
        "SELECT e.rowid, a.seq, e.vector FROM embeddings e JOIN articles a ON a.id = e.article_id"
        " WHERE e.rowid > ? ORDER BY e.rowid LIMIT ?",
        (after, limit),  # (limit -1: all; the vector index reads a million rows in chunks)
    ).fetchall()


def allowed_seqs(conn: Connection, filters: Filters, among: Sequence[int]) -> set[int]:
    """Those of the article seqs ``among`` whose articles hold the filters, checked in the
    article rows (browse's condition): what :func:`holding_filters` must equal. SQLite."""
    where, args = filters.sql()
    if not among:
        return set()
    if where == "1":
        return set(among)
    # (a JSON array: one parameter however many candidates)
    sql = f"SELECT a.seq FROM articles a WHERE a.seq IN (SELECT value FROM json_each(?)) AND {where}"
    return {r[0] for r in _sqlite(conn).execute(sql, ("[" + ",".join(str(int(r)) for r in among) + "]", *args))}


def holding_filters(conn: Connection, filters: Filters, seqs: np.ndarray) -> np.ndarray:
    """Which of the article seqs ``seqs`` hold the filters (a boolean array): the filtered
    semantic search of SQLite checks its nearest candidates here, in one statement that looks
    each one up in the covering index ``articles_search_filters`` (``Filters.index_sql``),
    never in the article row. SQLite."""
    where, args = filters.index_sql()
    if where == "1" or not len(seqs):
        return np.ones(len(seqs), dtype=bool)
    found = search_fts.holding(_sqlite(conn), where, args, seqs.tolist())
    return np.isin(seqs, np.fromiter(found, dtype=np.int64, count=len(found)))


def nearest(conn: Connection, q: np.ndarray, filters: Filters | None, k: int) -> list[tuple[int, float]]:
    """(article seq, cosine similarity) of about the ``k`` nearest articles that hold the
    filters, best first: the database's vector index (PostgreSQL: pgvector HNSW).

    Raises:
        StoreError: on SQLite (its vectors are searched in the process), or the index fails.
    """
    if not is_postgresql(conn):
        raise StoreError("The vector index is PostgreSQL's: on SQLite the search keeps the embeddings in the process.")
    where, args = (filters or _NONE).sql()
    return search_pg.nearest(conn, q, where, args, k)  # type: ignore[arg-type]


def nearest_apart(
    conn: Connection, filters: Filters | None, k: int
) -> Callable[[np.ndarray], list[tuple[int, float]]]:
    """:func:`nearest` on another connection, for another thread: hybrid search on PostgreSQL
    asks the vector index there while ``conn`` walks the keyword matches, so the two queries
    run at once instead of one after the other.  The returned function borrows a connection
    from ``conn``'s engine (the store's engine keeps one open for this:
    :func:`lagebild.store.engine.create_engine` with ``spare``), sets ``conn``'s
    ``statement_timeout`` there (a caller's time budget, :func:`lagebild.store.browse.time_budget`)
    with the index's settings, runs the query and gives the connection back.  (The timeout is
    the one :func:`~lagebild.store.browse.time_budget` set on ``conn``, which it notes in
    ``conn.info``: a ``statement_timeout`` set otherwise is not carried over.)

    Raises:
        StoreError: on SQLite (see :func:`nearest`).
    """
    if not is_postgresql(conn):
        raise StoreError("The vector index is PostgreSQL's: on SQLite the search keeps the embeddings in the process.")
    assert isinstance(conn, sa.Connection)
    engine = conn.engine
    # (as time_budget noted it: asking the server would cost a round trip before the keyword part)
    timeout = conn.info.get(BUDGET_INFO, "0")
    where, args = (filters or _NONE).sql()

    def run(q: np.ndarray) -> list[tuple[int, float]]:
        with engine.connect() as own:
            return search_pg.nearest(own, q, where, args, k, timeout=timeout)  # type: ignore[arg-type]

    return run


# -- results ---------------------------------------------------------------------------------

def hit_rows(
    conn: Connection, seqs: Sequence[int], text_chars: int = 6000, origins: bool = True
) -> dict[int, dict[str, Any]]:
    """The articles with these seqs (missing ones left out): id, title, the text's first
    ``text_chars`` characters, published, source, language and origins (sorted; left empty
    with ``origins=False``)."""
    if not seqs:
        return {}
    if is_postgresql(conn):
        return search_pg.hit_rows(conn, seqs, text_chars, origins)  # type: ignore[arg-type]
    raw = _sqlite(conn)
    marks = ",".join("?" * len(seqs))
    out: dict[int, dict[str, Any]] = {}
    for r in raw.execute(
        f"SELECT seq, id, title, substr(text, 1, ?), published, source, language FROM articles"
        f" WHERE seq IN ({marks})",
        (text_chars, *seqs),
    ):
        out[r[0]] = {"id": r[1], "title": r[2], "text": r[3], "published": r[4], "source": r[5],
                     "language": r[6], "origins": []}  # fmt: skip
    by_id = {row["id"]: row for row in out.values()} if origins else {}
    if by_id:
        for aid, origin in raw.execute(
            f"SELECT article_id, origin FROM origins WHERE article_id IN ({','.join('?' * len(by_id))})"
            " ORDER BY origin",
            list(by_id),
        ):
            by_id[aid]["origins"].append(origin)
    return out
