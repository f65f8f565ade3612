"""What search asks the store: the full-text index, spellings, embeddings and result rows.

The search package (:mod:`lagebild.search`) normalises text and queries, ranks and fuses;
every statement it needs is here.  The full-text part is dialect-specific and lives in
:mod:`lagebild.store.search_fts` (SQLite FTS5); this module is the face that search calls.

* Index writes: :func:`write_text` (inside the transaction that stores the article),
  :func:`unindexed_articles`, :func:`add_spellings`.
* Keyword queries arrive as :class:`Clause` records of normalised words: :func:`keyword_ranking`,
  :func:`count_matches`, :func:`matching_among`, :func:`index_generation` (the key of caches).
* "Did you mean": :func:`known_term`, :func:`terms_near`, :func:`spelling`.
* Semantic search: :func:`embedding_key`, :func:`embedding_rows`, :func:`allowed_rowids`.
* Results: :func:`hit_rows`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from . import search_fts

__all__ = [
    "Clause", "Connection", "Filters", "add_spellings", "allowed_rowids", "article_rowid", "count_matches",
    "database_key", "embedding_key", "embedding_rows", "hit_rows", "index_generation", "keyword_ranking",
    "known_term", "matching_among", "nth_newest_match", "spelling", "terms_near", "unindexed_articles", "write_text",
]  # fmt: skip

Connection: TypeAlias = sqlite3.Connection


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

    def sql(self) -> tuple[str, list[object]]:
        """The condition over ``articles a`` and its arguments (``"1"`` when nothing is filtered)."""
        from .browse import article_where

        return article_where(
            entity=self.entity, source=self.source, section=self.section, language=self.language,
            date_from=self.date_from, date_to=self.date_to, event=self.event, storyline=self.storyline,
        )  # fmt: skip

    def key(self) -> tuple[object, ...]:
        """A hashable value of the filters (for caches)."""
        return (self.entity, self.source, self.section, self.language, self.date_from, self.date_to,
                self.event, self.storyline)  # fmt: skip


_NONE = Filters()


# -- writing the index ---------------------------------------------------------------------

def article_rowid(conn: Connection, article_id: str) -> int | None:
    row = conn.execute("SELECT rowid FROM articles WHERE id = ?", (article_id,)).fetchone()
    return row[0] if row else None


def write_text(conn: Connection, rowid: int, title: str, body: str, parts: str) -> None:
    """(Re)index an article's normalised title, body and compound heads."""
    search_fts.write(conn, rowid, title, body, parts)


def unindexed_articles(conn: Connection) -> list[tuple[int, str, str, str | None]]:
    """(rowid, title, text, language) of the articles not in the full-text index yet."""
    return search_fts.unindexed(conn)


def add_spellings(conn: Connection, pairs: Iterable[tuple[str, str]]) -> None:
    """Remember how words are spelled: (normalised form, word with umlauts); the first one stays."""
    conn.executemany("INSERT OR IGNORE INTO search_spellings (key, word) VALUES (?, ?)", list(pairs))


def spelling(conn: Connection, key: str) -> str | None:
    """The word with umlauts or ß remembered for the normalised form ``key``."""
    try:
        row = conn.execute("SELECT word FROM search_spellings WHERE key = ?", (key,)).fetchone()
    except sqlite3.OperationalError:  # a store from before the spellings table
        return None
    return row[0] if row else None


# -- keyword queries -----------------------------------------------------------------------

def index_generation(conn: Connection) -> bytes:
    """A value that changes whenever the full-text index is written."""
    return search_fts.generation(conn)


def database_key(conn: Connection) -> str:
    """The file of the connection's main database (caches are per database)."""
    return str(conn.execute("PRAGMA database_list").fetchone()[2])


def keyword_ranking(
    conn: Connection, clauses: Sequence[Clause], filters: Filters | None, limit: int, min_rowid: int | None = None
) -> list[tuple[int, float]]:
    """(article rowid, BM25 score; higher is better) of the best ``limit`` matches (with a
    rowid of at least ``min_rowid`` when given).

    Raises:
        StoreError: the index cannot run the query.
    """
    where, args = (filters or _NONE).sql()
    return search_fts.ranking(conn, clauses, where, args, limit, min_rowid)


def nth_newest_match(conn: Connection, clauses: Sequence[Clause], filters: Filters | None, n: int) -> int | None:
    """The article rowid of the ``n``-th newest match (by rowid), ``None`` when there are fewer."""
    where, args = (filters or _NONE).sql()
    return search_fts.nth_newest(conn, clauses, where, args, n)


def count_matches(conn: Connection, clauses: Sequence[Clause], filters: Filters | None) -> int:
    """How many articles match (and hold the filters)."""
    where, args = (filters or _NONE).sql()
    return search_fts.count(conn, clauses, where, args)


def matching_among(conn: Connection, clauses: Sequence[Clause], rowids: Sequence[int]) -> set[int]:
    """Those of ``rowids`` that match the clauses."""
    return search_fts.matching_among(conn, clauses, rowids)


# -- did you mean --------------------------------------------------------------------------

def known_term(conn: Connection, term: str) -> bool:
    """Whether some article holds the normalised word (``True`` on a store without a vocabulary)."""
    return search_fts.has_term(conn, term)


def terms_near(conn: Connection, first: str, min_len: int, max_len: int) -> list[tuple[str, int]]:
    """(word, articles holding it) of the index's words that start with ``first`` and have
    ``min_len`` to ``max_len`` letters."""
    return search_fts.terms_between(conn, first, first + "\uffff", min_len, max_len)


# -- semantic search -----------------------------------------------------------------------

def embedding_key(conn: Connection) -> int:
    """The highest embeddings rowid: it grows with every stored embedding (one index lookup)."""
    return int(conn.execute("SELECT coalesce(max(rowid), 0) FROM embeddings").fetchone()[0])


def embedding_rows(conn: Connection, after: int, limit: int = -1) -> list[tuple[int, int, bytes]]:
    """(embeddings rowid, article rowid, float32 vector bytes) of the embeddings after ``after``, in order."""
    return conn.execute(
        "SELECT e.rowid, a.rowid, e.vector FROM embeddings e JOIN articles a ON a.id = e.article_id"
        " WHERE e.rowid > ? ORDER BY e.rowid LIMIT ?",
        (after, limit),  # (limit -1: all; the vector index reads a million rows in chunks)
    ).fetchall()


def allowed_rowids(conn: Connection, filters: Filters, among: Sequence[int]) -> set[int]:
    """Those of the article rowids ``among`` whose articles hold the filters."""
    where, args = filters.sql()
    if not among:
        return set()
    if where == "1":
        return set(among)
    # (a JSON array: one parameter however many candidates)
    sql = f"SELECT a.rowid FROM articles a WHERE a.rowid IN (SELECT value FROM json_each(?)) AND {where}"
    return {r[0] for r in conn.execute(sql, ("[" + ",".join(str(int(r)) for r in among) + "]", *args))}


# -- results ---------------------------------------------------------------------------------

def hit_rows(conn: Connection, rowids: Sequence[int], text_chars: int = 6000) -> dict[int, dict[str, Any]]:
    """The articles with these rowids (missing ones left out): id, title, the text's first
    ``text_chars`` characters, published, source, language and origins (sorted)."""
    if not rowids:
        return {}
    marks = ",".join("?" * len(rowids))
    out: dict[int, dict[str, Any]] = {}
    for r in conn.execute(
        f"SELECT rowid, id, title, substr(text, 1, ?), published, source, language FROM articles"
        f" WHERE rowid IN ({marks})",
        (text_chars, *rowids),
    ):
        out[r[0]] = {"id": r[1], "title": r[2], "text": r[3], "published": r[4], "source": r[5],
                     "language": r[6], "origins": []}  # fmt: skip
    by_id = {row["id"]: row for row in out.values()}
    if by_id:
        for aid, origin in conn.execute(
            f"SELECT article_id, origin FROM origins WHERE article_id IN ({','.join('?' * len(by_id))})"
            " ORDER BY origin",
            list(by_id),
        ):
            by_id[aid]["origins"].append(origin)
    return out
