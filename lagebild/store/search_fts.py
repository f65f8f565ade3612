"""The full-text index of search on SQLite FTS5: the one module with FTS5 SQL.

Tables (migrations ``0201``/``0202`` in ``_schema_search.py``): ``search_fts(title, body,
parts)``, whose own rowid is the article's ``seq`` (written so by :func:`write`: the one
``rowid`` this module says), holds the *normalised* words (folded, transliterated, stemmed;
``parts``: heads of German compounds), and ``search_terms``, an
``fts5vocab`` view of its words for "did you mean".  A PostgreSQL twin (a ``tsvector`` in the
``simple`` configuration over the same normalised words) would sit beside this module with
the same functions; :mod:`lagebild.store.search_index` is the face the search package calls.

A query arrives as :class:`~lagebild.store.search_index.Clause` records (normalised words, no
syntax): this module alone knows how FTS5 spells them.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..errors import StoreError

if TYPE_CHECKING:
    from .search_index import Clause

__all__ = [
    "change_state", "count", "delete", "generation", "has_term", "holding", "match_expression",
    "matching_among", "newest_ranked", "nth_newest", "ranking",
    "terms_between", "unindexed", "write",
]  # fmt: skip

# bm25 weights of the columns title, body, parts: a word in the title counts three times,
# a compound head (Wohnungsbrand -> brand) half.
_BM25 = "bm25(search_fts, 3.0, 1.0, 0.5)"


def _phrase(words: Sequence[str], prefix: bool) -> str:
    # The words come from the normaliser ([^\W_] runs, apostrophes): no double quotes to escape,
    # but quote them anyway so that no word is read as an operator (AND, NOT, NEAR).
    body = " ".join(w.replace('"', '""') for w in words)
    return f'"{body}"' + (" *" if prefix else "")


def match_expression(clauses: Iterable[Clause]) -> str:
    """The FTS5 ``MATCH`` expression of the clauses: positive ones AND-ed, negated ones NOT-ed.

    Raises:
        StoreError: no positive clause (FTS5 has no unary NOT).
    """
    pos: list[str] = []
    neg: list[str] = []
    for clause in clauses:
        alts = [_phrase(p, clause.prefix) for p in clause.phrases if p]
        if not alts:
            continue
        expr = alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")"
        (neg if clause.negated else pos).append(expr)
    if not pos:
        raise StoreError("A full-text query needs at least one word to look for (not only excluded ones).")
    out = " AND ".join(pos)
    if neg:
        out = f"({out})" + "".join(f" NOT {n}" for n in neg)
    return out


_FILTER_INDEX = " INDEXED BY articles_search_filters"


def _run(conn: sqlite3.Connection, sql: str, args: Sequence[object]) -> list[tuple]:
    try:
        return conn.execute(sql, args).fetchall()
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc):  # a caller's time budget (store.browse.time_budget) ran out
            raise
        if "no such index" in str(exc) and _FILTER_INDEX in sql:
            # a store opened read-only before migration 0203: the same answer through the rows
            return _run(conn, sql.replace(_FILTER_INDEX, ""), args)
        raise StoreError(f"The full-text index cannot run the query: {exc}") from None


def write(conn: sqlite3.Connection, seq: int, title: str, body: str, parts: str) -> None:
    """(Re)place the indexed words of the article ``seq`` (FTS5's own rowid is the seq: every
    statement here that says ``rowid`` means the article's seq through it)."""
    conn.execute("DELETE FROM search_fts WHERE rowid = ?", (seq,))
    conn.execute("INSERT INTO search_fts (rowid, title, body, parts) VALUES (?, ?, ?, ?)", (seq, title, body, parts))


def delete(conn: sqlite3.Connection, seq: int) -> None:
    conn.execute("DELETE FROM search_fts WHERE rowid = ?", (seq,))


def unindexed(conn: sqlite3.Connection) -> list[tuple[int, str, str, str | None]]:
    """(seq, title, text, language) of the articles that are not in the index."""
    return conn.execute(
        "SELECT a.seq, a.title, a.text, a.language FROM articles a "
        "WHERE NOT EXISTS (SELECT 1 FROM search_fts f WHERE f.rowid = a.seq)"
    ).fetchall()


def generation(conn: sqlite3.Connection) -> bytes:
    """A value that changes whenever the index is written (FTS5's structure record, which
    counts every write): the key of caches over query results.  One B-tree lookup."""
    row = conn.execute("SELECT block FROM search_fts_data WHERE id = 10").fetchone()
    return bytes(row[0]) if row else b""


def _from(where: str) -> str:
    # CROSS JOIN keeps the full-text index the outer loop: SQLite would otherwise scan the
    # filtered articles and run the MATCH once per article (seconds at 100 000 articles).
    # Each match is looked up in the covering index of the filter columns (migration 0203;
    # ``where`` is Filters.index_sql(), which reads no other column): ~0.4 us per match
    # instead of ~1.6 us for the article row and its overflow pages (200 000 articles, warm).
    # Filter-first plans (the filtered seqs, then MATCH per seq or against the list of
    # matches) measured slower for every filter but a single day (docs/benchmarks.md).
    if where == "1":
        return "FROM search_fts f WHERE search_fts MATCH ?"
    return (
        f"FROM search_fts f CROSS JOIN articles a{_FILTER_INDEX} ON a.seq = f.rowid"
        f" WHERE search_fts MATCH ? AND {where}"
    )


def ranking(
    conn: sqlite3.Connection, clauses: Iterable[Clause], where: str, args: Sequence[object], limit: int,
    min_seq: int | None = None,
) -> list[tuple[int, float]]:  # fmt: skip
    """(seq, score) of the best ``limit`` matches (BM25, higher is better) among the
    articles that hold ``where`` (``Filters.index_sql()``: a condition over the columns of the
    index ``articles_search_filters`` of ``articles a``; ``"1"``: all) and, when
    given, have a seq of at least ``min_seq`` (BM25 costs microseconds per match: the
    caller bounds how many are scored)."""
    expr = match_expression(clauses)
    low = "" if min_seq is None else " AND f.rowid >= ?"
    sql = f"SELECT f.rowid, {_BM25} AS r {_from(where)}{low} ORDER BY r LIMIT ?"
    params = (expr, *args, *(() if min_seq is None else (min_seq,)), limit)
    return [(r[0], -r[1]) for r in _run(conn, sql, params)]


def newest_ranked(
    conn: sqlite3.Connection, clauses: Iterable[Clause], where: str, args: Sequence[object], n: int
) -> tuple[int, int | None, list[tuple[int, float]]]:
    """One walk over the matches instead of three (count, n-th newest, ranking) for a filtered
    query, whose every match costs an index lookup: (number of matches that hold ``where``;
    seq of the ``n``-th newest of them, ``None`` when there are at most ``n``; (seq,
    score) of the newest ``n``, best first).  The walk goes from the newest match down and
    scores only the first ``n`` that hold the filter; the older rest is only counted.  A word
    with ``BITMAP_FROM`` matches or more is filtered through a bitmap instead (see there)."""
    expr = match_expression(clauses)
    # (the seqs of the matches -- search_fts.rowid -- in one string: no Python object per match)
    found = _run(conn, "SELECT group_concat(rowid) FROM search_fts WHERE search_fts MATCH ?", (expr,))[0][0]
    ids = np.fromstring(found or "", dtype=np.int64, sep=",")
    holds = _filter_bitmap(conn, where, args) if len(ids) >= max(BITMAP_FROM, 1) else None
    if holds is not None and ids.max() < len(holds[1]):
        bitmap, listed = holds
        kept = np.sort(ids[bitmap[ids]])
        total, low = len(kept), (int(kept[-n]) if len(kept) > n else None)
        # the newest n that hold the filter: a walk down to the n-th, asking the bitmap (a C
        # method of a list, called by SQLite) instead of the covering index
        conn.create_function("lagebild_holds", 1, listed.__getitem__, deterministic=True)
        sql = (f"SELECT f.rowid, {_BM25} FROM search_fts f WHERE search_fts MATCH ? AND lagebild_holds(f.rowid)"
               f"{'' if low is None else ' AND f.rowid >= ?'} ORDER BY f.rowid DESC")  # fmt: skip
        rows = _run(conn, sql, (expr,) if low is None else (expr, low))
    else:
        frm = _from(where)
        rows = _run(conn, f"SELECT f.rowid, {_BM25} {frm} ORDER BY f.rowid DESC LIMIT ?", (expr, *args, n + 1))
        total, low = len(rows), None
        if len(rows) > n:
            low = rows[n - 1][0]
            del rows[n:]
            total = n + int(_run(conn, f"SELECT count(*) {frm} AND f.rowid < ?", (expr, *args, low))[0][0])
    # best first; equal scores in ascending seq, the order in which ranking() meets them
    # (a stable sort of the ascending rows gives the same order as its ORDER BY r)
    rows.reverse()
    rows.sort(key=lambda r: r[1])
    return total, low, [(r[0], -r[1]) for r in rows]


# A filtered query for a word with this many matches or more filters them through a bitmap of
# the filter over seq instead of looking each one up in the covering index (1 000 000 articles,
# `Regierung`, 170 000 matches, a month: 123 -> 43 ms CPU for the walk; counting them: one
# numpy pass).  The bitmap is built from the covering index in one statement and kept per
# connection until something is written.
BITMAP_FROM = 20_000
# (connection id, filter) -> (connection, its data_version and total_changes, (bitmap, as a
# list)); the entry holds the connection, so that no other connection has its id meanwhile
_BITMAPS: OrderedDict[
    tuple[object, ...], tuple[sqlite3.Connection, tuple[int, int], tuple[np.ndarray, list[bool]]]
] = OrderedDict()  # fmt: skip
_BITMAPS_SIZE = 4
_bitmaps_lock = threading.Lock()


def change_state(conn: sqlite3.Connection) -> tuple[int, int]:
    """What changes when a commit may have changed the store, comparable on ``conn`` only:
    ``data_version`` (other connections' commits) and ``total_changes`` (its own writes)."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes


def _filter_bitmap(
    conn: sqlite3.Connection, where: str, args: Sequence[object]
) -> tuple[np.ndarray, list[bool]]:
    """Which seqs hold ``where``: a boolean array over every seq of the store, and the same as a list."""
    key = (id(conn), where, tuple(args))
    # Valid while nothing was written: another connection's commit changes data_version, this
    # connection's writes total_changes (a bitmap is not kept inside a write transaction).
    state = change_state(conn)
    with _bitmaps_lock:
        held = _BITMAPS.get(key)
    if held is not None and held[0] is conn and held[1] == state:
        return held[2]
    found = _run(conn, f"SELECT group_concat(a.seq) FROM articles a{_FILTER_INDEX} WHERE {where}", args)[0][0]
    seqs = np.fromstring(found or "", dtype=np.int64, sep=",")
    last = int(conn.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0])
    bitmap = np.zeros(max(last, int(seqs.max(initial=0))) + 1, dtype=bool)
    bitmap[seqs] = True
    out = (bitmap, bitmap.tolist())
    if not conn.in_transaction:
        with _bitmaps_lock:
            _BITMAPS[key] = (conn, state, out)
            _BITMAPS.move_to_end(key)
            while len(_BITMAPS) > _BITMAPS_SIZE:
                _BITMAPS.popitem(last=False)
    return out


def count(conn: sqlite3.Connection, clauses: Iterable[Clause], where: str, args: Sequence[object]) -> int:
    """How many articles that hold ``where`` match (no ranking: a walk of the posting lists)."""
    return int(_run(conn, f"SELECT count(*) {_from(where)}", (match_expression(clauses), *args))[0][0])


def nth_newest(
    conn: sqlite3.Connection, clauses: Iterable[Clause], where: str, args: Sequence[object], n: int
) -> int | None:
    """The seq of the ``n``-th newest (highest seq) match, ``None`` when there are fewer."""
    sql = f"SELECT f.rowid {_from(where)} ORDER BY f.rowid DESC LIMIT 1 OFFSET ?"
    rows = _run(conn, sql, (match_expression(clauses), *args, n - 1))
    return rows[0][0] if rows else None


def holding(conn: sqlite3.Connection, where: str, args: Sequence[object], seqs: Sequence[int]) -> list[int]:
    """Those of the articles ``seqs`` that hold ``where`` (``Filters.index_sql()``), each
    looked up in the covering index of the filter columns (one statement for all of them)."""
    if not seqs:
        return []
    # (a JSON array: one parameter however many seqs)
    sql = (
        f"SELECT a.seq FROM articles a{_FILTER_INDEX}"
        f" WHERE a.seq IN (SELECT value FROM json_each(?)) AND {where}"
    )
    return [r[0] for r in _run(conn, sql, ("[" + ",".join(map(str, seqs)) + "]", *args))]


def matching_among(conn: sqlite3.Connection, clauses: Iterable[Clause], seqs: Sequence[int]) -> set[int]:
    """The seqs among ``seqs`` that match (the index's rowid is the seq)."""
    if not seqs:
        return set()
    expr = match_expression(clauses)
    sql = f"SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid IN ({','.join('?' * len(seqs))})"
    return {r[0] for r in _run(conn, sql, (expr, *seqs))}


def has_term(conn: sqlite3.Connection, term: str) -> bool:
    """Whether some article holds the normalised word ``term``."""
    try:
        return conn.execute("SELECT 1 FROM search_terms WHERE term = ?", (term,)).fetchone() is not None
    except sqlite3.OperationalError:  # a store from before the vocabulary table
        return True


def terms_between(conn: sqlite3.Connection, low: str, high: str, min_len: int, max_len: int) -> list[tuple[str, int]]:
    """(term, articles holding it) of the index's words ``low <= term < high`` of the given lengths."""
    try:
        return conn.execute(
            "SELECT term, doc FROM search_terms WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?",
            (low, high, min_len, max_len),
        ).fetchall()
    except sqlite3.OperationalError:  # a store from before the vocabulary table
        return []
