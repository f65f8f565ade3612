"""Semantic search: cosine similarity of the query's embedding with the articles' embeddings.

The embeddings of all articles are kept in memory per database (the store gives the rows;
this module keeps and scores them) and extended as articles arrive.
"""

from __future__ import annotations

import functools
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from ..store import search_index as db

__all__ = ["EMBEDDER", "MATCH_SIMILARITY", "MIN_SIMILARITY", "query_vector", "semantic"]

# Below this cosine similarity a text is not about the query (USE: unrelated news ~0.1-0.2).
MIN_SIMILARITY = 0.25
# A semantic neighbour counts as a match (in ``total``, and in the results of semantic and
# hybrid search) from this similarity on: on the dev part of bench/search/queries.tsv (not its
# test part) semantic hits from 0.30 on were 75-98 % relevant, those of 0.25-0.30 only 61 %.
MATCH_SIMILARITY = 0.30
# Embeds hybrid queries in a thread while the store runs the keyword part.
EMBEDDER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lagebild-embed")


class _Matrix:
    """Embeddings of all articles, cached per database and extended as articles arrive.

    Exact cosine over 100 000 x 512 floats costs tens of milliseconds, so the
    search first scores a 64-d PCA projection (a quarter of the memory
    traffic), then re-scores the best candidates with the full vectors.  Once the
    projection is fitted the full vectors are kept as float16 (half the memory: about
    1 GB at 1 000 000 articles instead of 2 GB); the re-scoring of a few hundred
    candidates casts them back to float32.
    """

    DIMS = 64

    def __init__(self) -> None:
        self.key = -1  # highest embeddings rowid seen (the store's embedding_key)
        self.last = 0  # highest embeddings rowid loaded
        self.rowids = np.zeros(0, dtype=np.int64)
        self.vecs = np.zeros((0, 512), dtype=np.float32)
        self.proj: np.ndarray | None = None  # (512, DIMS) basis, fitted once the corpus is big
        self.small = np.zeros((0, self.DIMS), dtype=np.float32)
        self.fitted_at = 0
        self.lock = threading.Lock()

    def load(self, conn: db.Connection, key: int) -> None:
        if key < self.last:
            self.__init__()  # the newest rows were deleted: start over
        rows = db.embedding_rows(conn, self.last)
        if rows:
            vecs = np.frombuffer(b"".join(r[2] for r in rows), dtype=np.float32).reshape(len(rows), -1)
            self.rowids = np.concatenate([self.rowids, np.array([r[1] for r in rows], dtype=np.int64)])
            kept = vecs.astype(self.vecs.dtype)  # (float16 once the projection is fitted)
            self.vecs = np.concatenate([self.vecs, kept]) if len(self.vecs) else kept.copy()
            self.last = rows[-1][0]
            if self.proj is not None:
                self.small = np.concatenate([self.small, vecs @ self.proj])
        if len(self.rowids) >= 20_000 and len(self.rowids) >= 2 * self.fitted_at:
            sample = self.vecs[:: max(1, len(self.vecs) // 8000)].astype(np.float32)
            _u, _s, vt = np.linalg.svd(sample - sample.mean(axis=0), full_matrices=False)
            self.proj = np.ascontiguousarray(vt[: self.DIMS].T, dtype=np.float32)
            self.small = np.concatenate(
                [self.vecs[i : i + 50_000].astype(np.float32) @ self.proj for i in range(0, len(self.vecs), 50_000)]
            )
            self.vecs = self.vecs.astype(np.float16)
            self.fitted_at = len(self.rowids)
        self.key = key

    def scores(self, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(indices, exact scores) of about the k best rows (unordered)."""
        if self.proj is None or len(self.rowids) <= 4 * k:
            s = self.vecs.astype(np.float32, copy=False) @ q
            idx = np.argpartition(-s, min(k, len(s)) - 1)[:k] if len(s) > k else np.arange(len(s))
            return idx, s[idx]
        approx = self.small @ (q @ self.proj)
        m = min(len(approx), 8 * k)
        cand = np.argpartition(-approx, m - 1)[:m]
        exact = self.vecs[cand].astype(np.float32) @ q
        return cand, exact


_cache: dict[str, _Matrix] = {}


def _matrix(conn: db.Connection) -> _Matrix:
    # Rows are only added (articles are never re-embedded): the highest rowid is the key,
    # one index lookup instead of counting 100 000 rows per query.
    key = db.embedding_key(conn)
    m = _cache.setdefault(db.database_key(conn), _Matrix())
    with m.lock:
        if m.key != key:
            m.load(conn, key)
    return m


@functools.lru_cache(maxsize=256)
def query_vector(query: str) -> np.ndarray:
    """The query's embedding (cached: paging through results embeds a query once)."""
    from ..enrich.embed import embed

    return embed([query])[0]


def semantic(conn: db.Connection, q: np.ndarray, filters: db.Filters | None, k: int) -> list[tuple[int, float]]:
    """(article rowid, cosine) of the about ``k`` nearest articles from ``MIN_SIMILARITY`` on, best first.

    On PostgreSQL the database's vector index answers (pgvector HNSW, filters in the same
    query); on SQLite the embeddings are searched in the process.
    """
    if db.is_postgresql(conn):
        return [(r, s) for r, s in db.nearest(conn, q, filters, k) if s >= MIN_SIMILARITY]
    m = _matrix(conn)
    if not len(m.rowids):
        return []
    filtered = filters is not None and filters.key() != db.Filters().key()
    idx, scores = m.scores(q, k * 4 if filtered else k)
    keep_sim = scores >= MIN_SIMILARITY
    idx, scores = idx[keep_sim], scores[keep_sim]
    if filtered and len(idx):
        assert filters is not None
        allowed = db.allowed_rowids(conn, filters, [int(r) for r in m.rowids[idx]])
        keep = np.fromiter((m.rowids[i] in allowed for i in idx), dtype=bool, count=len(idx))
        idx, scores = idx[keep], scores[keep]
    order = np.argsort(-scores)[:k]
    return [(int(m.rowids[idx[i]]), float(scores[i])) for i in order]
