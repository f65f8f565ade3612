"""Keyword search: BM25 over the normalised full-text index, with its cost bounded.

BM25 costs microseconds per matching article, so a very frequent word (*Regierung*: one
article in six) would cost over 100 ms at 100 000 articles.  Only the newest ``MAX_RANKED``
matches (by storage order) are ranked.  The number of matches is exact up to ``COUNT_CAP``;
above it a search says "more than ``COUNT_CAP``" (``total`` = ``COUNT_CAP`` and a flag): a
search page needs no exact count of 17 000 matches, and on PostgreSQL that count (every
match's heap page read) was half of a frequent word's time.  The count and the
rankings are cached per database and index generation (filtered queries also per
:func:`~lagebild.store.search_index.filters_generation`): paging through results, switching
modes and repeated queries do not repeat the work.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from ..errors import StoreError
from ..store import search_index as db
from ._query import ParsedQuery, SearchError

__all__ = ["COUNT_CAP", "MAX_RANKED", "clear_cache", "keyword"]

# At most this many matches are ranked (the newest): as many as are counted (COUNT_CAP), so a
# search that says "more than 1 000" ranks the 1 000 it counted.  Measured at 100 000 articles:
# ranking 17 000 matches of `Regierung` by BM25 took 130-170 ms on SQLite, 2 000 about 15 ms;
# on PostgreSQL (ts_rank_cd, a tsvector read per match) 2 000 -> 1 000 halved a frequent word's
# pages and server time (docs/benchmarks.md, "ranked 1 000").
MAX_RANKED = 1000
# Matches are counted exactly up to this many; above it, "more than COUNT_CAP" (both databases:
# the same page and API field whichever serves it).
COUNT_CAP = 1000
_CACHE_SIZE = 512


class _LRU:
    """A small thread-safe LRU cache (the web layer serves from several threads)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.data: OrderedDict[Hashable, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self.lock:
            if key in self.data:
                self.data.move_to_end(key)
                return self.data[key]
        return None

    def put(self, key: Hashable, value: Any) -> None:
        with self.lock:
            self.data[key] = value
            self.data.move_to_end(key)
            while len(self.data) > self.size:
                self.data.popitem(last=False)


_counts = _LRU(_CACHE_SIZE)  # key -> (total, lowest seq ranked or None)
_rankings = _LRU(_CACHE_SIZE)  # key + k -> [(seq, score)]


def clear_cache() -> None:
    """Forget cached counts and rankings (benchmarks measure the uncached cost)."""
    for cache in (_counts, _rankings):
        with cache.lock:
            cache.data.clear()


def keyword(
    conn: db.Connection, parsed: ParsedQuery, filters: db.Filters | None, k: int, *, complete: bool = False
) -> tuple[list[tuple[int, float]], int, bool]:
    """((article seq, score) of the best ``k`` matches, best first; number of matches, at
    most ``COUNT_CAP``; whether there are more than that: the number is then ``COUNT_CAP``).

    ``complete``: rank among every match, not only the newest ``MAX_RANKED`` (an export).

    Raises:
        SearchError: the index cannot run the query.
    """
    key: tuple[Any, ...] = (db.database_key(conn), db.index_generation(conn), parsed.clauses)
    if filters:  # what a filter selects changes without a full-text write (enrich, regroup, merge)
        key += (filters.key(), db.filters_generation(conn))
    depth = -(-max(k, 100) // 100) * 100  # rank in steps of 100: the next pages come from the cache
    try:
        counted = _counts.get(key)
        if counted is None:
            # count, n-th newest and ranking in one walk over the matches (SQLite: filtered;
            # PostgreSQL: always, the best `depth` of them, counting no further than needed)
            one = db.filtered_matches(conn, parsed.clauses, filters, MAX_RANKED, depth, cap=COUNT_CAP)
            if one is not None:
                total, low, best = one
                _rankings.put((*key, depth), best[:depth])
            else:
                total = db.count_matches(conn, parsed.clauses, filters)
                low = db.nth_newest_match(conn, parsed.clauses, filters, MAX_RANKED) if total > MAX_RANKED else None
            counted = (total, low)
            _counts.put(key, counted)
        total, low = counted
        if not total:
            return [], 0, False
        if complete and low is not None:  # more matches than the newest MAX_RANKED: rank them all
            low, key = None, (*key, "complete")
        ranked = _rankings.get((*key, depth))
        if ranked is None:
            ranked = db.keyword_ranking(conn, parsed.clauses, filters, depth, min_seq=low)
            _rankings.put((*key, depth), ranked)
    except StoreError as exc:
        raise SearchError(f"Cannot run the query: {exc}") from None
    return ranked[:k], min(total, COUNT_CAP), total > COUNT_CAP
