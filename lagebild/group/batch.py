"""Grouping many articles: catch up after a crash or ``--no-group``, rebuild, forget.

:func:`catch_up` (run at the start of every ingest) groups articles that are stored
but not grouped.  :func:`rebuild` clears the grouping tables and assigns every
article again in storage order, which gives the same grouping as the online steps did.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..store import Store
from ..store import grouping as _db
from .joins import join_storylines
from .placement import GroupOptions, assign, assign_many

__all__ = ["catch_up", "count_sources", "forget", "pending", "rebuild"]

# Articles per transaction when grouping many (rebuild, catch-up): one commit per
# article cost ~4 ms of the ~12 ms an article takes to group.
_BATCH = 64


def _assign_ids(
    store: Store,
    ids: Sequence[str],
    options: GroupOptions | None,
    progress: Callable[[str], None] | None = None,
) -> None:
    for k in range(0, len(ids), _BATCH):
        chunk = ids[k : k + _BATCH]
        try:
            assign_many(store, [store.get(aid) for aid in chunk], options)
        except Exception:
            # one by one: those before a failing article are kept, as with assign()
            for aid in chunk:
                assign(store, store.get(aid), options)
        if progress is not None:
            for aid in chunk:
                progress(aid)


def pending(store: Store) -> list[str]:
    """Ids of stored articles not grouped yet, in storage order."""
    return _db.pending_ids(store.db)


def catch_up(store: Store, options: GroupOptions | None = None) -> int:
    """Group every stored article that is not grouped yet (after a crash or ``--no-group``)."""
    ids = pending(store)
    _assign_ids(store, ids, options)
    count_sources(store, options)
    return len(ids)


def count_sources(store: Store, options: GroupOptions | None = None) -> int:
    """Finish a grouping run, once per run, not per article: join the storylines the run changed
    with neighbours whose events carry the same rare words (``group.joins``), then store the
    independent sources of the events and storylines changed since they were last counted
    (``present.sources.store_sources``).

    Returns how many were counted.
    """
    from ..present.sources import store_sources

    join_storylines(store, (options or GroupOptions()).storylines)
    return store_sources(store)


def rebuild(
    store: Store,
    options: GroupOptions | None = None,
    *,
    progress: Callable[[str], None] | None = None,
) -> int:
    """Forget all grouping and assign every article again, in storage order.

    Returns the number of articles grouped.
    """
    forget(store)
    ids = pending(store)
    _assign_ids(store, ids, options, progress)
    count_sources(store, options)
    return len(ids)


def forget(store: Store) -> None:
    """Drop all grouping (duplicates, events, storylines, statistics) in one transaction."""
    with store.begin() as conn:
        _db.lock_grouping(conn)
        _db.delete_all(conn)
