"""Semantic search: cosine similarity of the query's embedding with the articles' embeddings.

On SQLite the embeddings of all articles are searched in the process, in the vector index
of :mod:`lagebild.search._vectors` (int8 vectors memory-mapped from files beside the
database, inverted lists from 20 000 articles on), extended as articles arrive.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeAlias

import numpy as np

from ..store import search_index as db
from ._vectors import VectorIndex

__all__ = [
    "EMBEDDER", "MATCH_SIMILARITY", "MIN_SIMILARITY", "NEAREST", "PARALLEL_PG", "Scored", "embed_and_score",
    "near_apart", "query_vector", "semantic", "sync_vectors", "vector_index",
]  # fmt: skip

# Below this cosine similarity a text is not about the query (USE: unrelated news ~0.1-0.2).
MIN_SIMILARITY = 0.25
# A semantic neighbour counts as a match (in ``total``, and in the results of semantic and
# hybrid search) from this similarity on: on the dev part of bench/search/queries.tsv (not its
# test part) semantic hits from 0.30 on were 75-98 % relevant, those of 0.25-0.30 only 61 %.
MATCH_SIMILARITY = 0.30
# Embeds hybrid queries in a thread while the store runs the keyword part.
EMBEDDER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lagebild-embed")
# On PostgreSQL, hybrid search embeds the query and asks the vector index in one of these
# threads, on the store's spare connection, while the keyword part runs on the store's own
# (``PARALLEL_PG = False``: one after the other, on the store's connection).
NEAREST = ThreadPoolExecutor(max_workers=4, thread_name_prefix="lagebild-nearest")
PARALLEL_PG = True


_cache: dict[str, VectorIndex] = {}


def _matrix(conn: db.Connection) -> VectorIndex:
    """The vector index of the connection's database, brought up to date with the store."""
    # A new or replaced embedding gets a new highest embeddings rowid (store/enrichment.py): that is the
    # key, one index lookup instead of counting 1 000 000 rows per query.
    key = db.embedding_key(conn)
    name = db.database_key(conn)
    m = _cache.get(name)
    if m is None:
        m = _cache.setdefault(name, VectorIndex(name))
    with m.lock:
        if m.key != key:
            m.sync(conn, key)
    return m


def sync_vectors(conn: db.Connection) -> int:
    """Bring the vector index up to date now (``ingest`` does, after storing), so that the
    first semantic query does not build it; returns how many vectors it holds (0 on
    PostgreSQL, whose index the database keeps)."""
    if db.is_postgresql(conn):
        return 0
    return len(_matrix(conn).seqs)


@functools.lru_cache(maxsize=256)
def query_vector(query: str) -> np.ndarray:
    """The query's embedding (cached: paging through results embeds a query once)."""
    from ..enrich.embed import embed

    return embed([query])[0]


# (the vector index, the row indices a query scored, their scores)
Scored: TypeAlias = tuple[VectorIndex, np.ndarray, np.ndarray]


def vector_index(conn: db.Connection) -> VectorIndex | None:
    """The in-process vector index of a SQLite store, up to date (None on PostgreSQL)."""
    return None if db.is_postgresql(conn) else _matrix(conn)


def embed_and_score(index: VectorIndex | None, query: str, k: int) -> tuple[np.ndarray, Scored | None]:
    """The query's embedding and, with an index, the rows it scores there: what hybrid search
    runs in the :data:`EMBEDDER` thread while the store walks the keyword matches (no SQL here;
    numpy and SQLite both let the other thread run meanwhile)."""
    q = query_vector(query)
    if index is None or not len(index.seqs):
        return q, None
    return q, (index, *index.scored(q, k))


def near_apart(query: str, ask: Callable[[np.ndarray], list[tuple[int, float]]]) -> list[tuple[int, float]]:
    """What :func:`semantic` gives on PostgreSQL for ``query``, asked by ``ask``
    (``search_index.nearest_apart``): hybrid search runs it in a :data:`NEAREST` thread."""
    return [(r, s) for r, s in ask(query_vector(query)) if s >= MIN_SIMILARITY]


def semantic(
    conn: db.Connection, q: np.ndarray, filters: db.Filters | None, k: int, scored: Scored | None = None
) -> list[tuple[int, float]]:
    """(article seq, cosine) of the about ``k`` nearest articles from ``MIN_SIMILARITY`` on, best first.

    On PostgreSQL the database's vector index answers (pgvector HNSW, filters in the same
    query); on SQLite the embeddings are searched in the process (``scored``: the rows
    :func:`embed_and_score` scored for ``q`` and ``k`` already).
    """
    if db.is_postgresql(conn):
        return [(r, s) for r, s in db.nearest(conn, q, filters, k) if s >= MIN_SIMILARITY]
    m = scored[0] if scored is not None else _matrix(conn)
    if not len(m.seqs):
        return []
    rows = (scored[1], scored[2]) if scored is not None else None
    if filters is None or filters.key() == db.Filters().key():
        idx, scores = m.scores(q, k, scored=rows)
        keep_sim = scores >= MIN_SIMILARITY
        idx, scores = idx[keep_sim], scores[keep_sim]
    else:  # the best scored rows that hold the filters (asked best first, in blocks, until k hold them)
        f = filters
        idx, scores = m.scores(
            q, k, keep=lambda seqs: db.holding_filters(conn, f, seqs), floor=MIN_SIMILARITY, scored=rows
        )
    order = np.argsort(-scores)[:k]
    return [(int(m.seqs[idx[i]]), float(scores[i])) for i in order]
