"""The search entry point: keyword, semantic or hybrid (reciprocal rank fusion) over stored articles."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..store import search_index as db
from ._keyword import keyword
from ._query import SearchError, check, parse
from ._semantic import EMBEDDER, MATCH_SIMILARITY, semantic
from ._snippet import snippet
from ._suggest import restore_umlauts

__all__ = ["MODES", "RRF_K", "Hit", "Ranking", "fuse", "hits_for", "rank", "search"]

MODES = ("keyword", "semantic", "hybrid")
RRF_K = 60
# Semantic and hybrid search look at this many candidates at least (the semantic ``total`` counts
# the matches among them).
_CANDIDATES = 100


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


@dataclass(slots=True)
class Ranking:
    """What a search found before its hits are read: (article seq, score) best first, the
    number of matches, the number of articles listed for their meaning alone and the query's
    terms (for the snippets).

    ``total``: the articles that match the query -- in keyword and hybrid mode those with its
    words (umlauts folded, stems, compounds), counted up to ``COUNT_CAP`` (1 000: with
    ``total_is_lower_bound`` there are more than ``total``), in semantic mode the neighbours at least
    ``MATCH_SIMILARITY`` alike among the candidates scored (at most max(offset + limit, 100)).
    ``related`` (hybrid only): the neighbours at least ``MATCH_SIMILARITY`` alike that do not
    have the words; hybrid lists them among the matches, so a hybrid list is ``total + related``
    long (``listed``).
    """

    ranked: list[tuple[int, float]]
    total: int
    terms: tuple[str, ...] = ()
    related: int = 0
    total_is_lower_bound: bool = False

    @property
    def listed(self) -> int:
        """How many articles the ranking lists in all (what paging walks through)."""
        return self.total + self.related


def fuse(*rankings: list[tuple[int, float]], k: int = RRF_K) -> list[tuple[int, float]]:
    """Reciprocal rank fusion: each item scores the sum of 1 / (k + rank) over the rankings."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, (item, _score) in enumerate(ranking):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank + 1)
    return sorted(fused.items(), key=lambda x: -x[1])


def search(
    conn: db.Connection,
    query: str,
    *,
    mode: str = "hybrid",
    filters: db.Filters | None = None,
    limit: int = 20,
    offset: int = 0,
) -> tuple[list[Hit], int]:
    """Search stored articles.

    Args:
        mode: ``keyword``, ``semantic`` or ``hybrid`` (both, fused by reciprocal rank).
        limit, offset: the page.

    Returns:
        (hits of the page, number of matching articles): in keyword and hybrid mode the
        articles with the query's words (at most ``COUNT_CAP``: :func:`rank` says whether there
        are more), in semantic mode the neighbours at least
        ``MATCH_SIMILARITY`` alike. A hybrid list also holds articles close in meaning
        without the words (not counted here): :func:`rank` gives their number
        (``Ranking.related``) for paging.

    Raises:
        SearchError: empty or over-long query, unknown mode, bad syntax.
    """
    found = rank(conn, query, mode=mode, filters=filters, limit=limit, offset=offset)
    return hits_for(conn, found.ranked, found.terms), found.total


def rank(
    conn: db.Connection,
    query: str,
    *,
    mode: str = "hybrid",
    filters: db.Filters | None = None,
    limit: int = 20,
    offset: int = 0,
    complete: bool = False,
) -> Ranking:
    """:func:`search`'s ranking of the page, without reading the hits (:func:`hits_for` reads them,
    in batches if need be: an export streams thousands).

    ``complete``: keyword matches are ranked among all of them, not only the newest
    ``MAX_RANKED`` (what an export of every match wants; paging stays fast without it).

    Raises:
        SearchError: empty or over-long query, unknown mode, bad syntax.
    """
    from . import _semantic  # (looked up at call time: tests replace query_vector)

    query = check(query)
    if mode not in MODES:
        raise SearchError(f"Unknown mode {mode!r}: use keyword, semantic or hybrid.")
    need = offset + limit
    parsed = parse(query) if mode != "semantic" else None
    # The embedding model sees the words as the articles spell them (Fluechtlinge -> Flüchtlinge).
    spelled = restore_umlauts(conn, query) if mode != "keyword" else query
    # hybrid: the query is embedded, and on SQLite its vectors scored, in a thread while the
    # store walks the keyword matches (the filter is checked after, on this thread: SQL); on
    # PostgreSQL that thread also asks the vector index, on another connection of the store's
    k_near = max(need, _CANDIDATES)
    vector = pg_near = None
    if mode == "hybrid" and _semantic.PARALLEL_PG and db.is_postgresql(conn):
        ask = db.nearest_apart(conn, filters, k_near)
        pg_near = _semantic.NEAREST.submit(_semantic.near_apart, spelled, ask)
    elif mode == "hybrid":
        vector = EMBEDDER.submit(_semantic.embed_and_score, _semantic.vector_index(conn), spelled, k_near)
    kw: list[tuple[int, float]] = []
    total = related = 0
    more = False
    if parsed is not None:
        kw, total, more = keyword(conn, parsed, filters, k_near if mode == "hybrid" else need, complete=complete)
    near: list[tuple[int, float]] = []
    if mode != "keyword":
        if pg_near is not None:
            near = [h for h in pg_near.result() if h[1] >= MATCH_SIMILARITY]
        else:
            q_vec, scored = vector.result() if vector is not None else (_semantic.query_vector(spelled), None)
            near = [h for h in semantic(conn, q_vec, filters, k_near, scored) if h[1] >= MATCH_SIMILARITY]
        if mode == "semantic":
            total = len(near)  # (at most the candidates scored: max(offset + limit, 100))
        elif near:  # hybrid: the neighbours without the words are listed, not counted as matches
            assert parsed is not None
            ids = [r for r, _s in near]
            also = db.matching_among(conn, parsed.clauses, ids) if total else set()
            related = sum(1 for r in ids if r not in also)
    ranked = kw if mode == "keyword" else near if mode == "semantic" else fuse(kw, near)
    terms = parsed.terms if parsed is not None else ()
    return Ranking(ranked[offset:need], total, tuple(terms), related, more)


def hits_for(conn: db.Connection, ranked: list[tuple[int, float]], terms: tuple[str, ...] = ()) -> list[Hit]:
    """The hits of a ranking (or of a slice of it), in its order, with their snippets; an
    article deleted since it was ranked is left out."""
    rows = db.hit_rows(conn, [r for r, _s in ranked])
    return [
        Hit(id=row["id"], title=row["title"], origins=row["origins"], published=row["published"],
            source=row["source"], language=row["language"], snippet=snippet(row["text"], terms, row["language"]),
            score=round(score, 6))  # fmt: skip
        for seq, score in ranked
        if (row := rows.get(seq)) is not None
    ]
