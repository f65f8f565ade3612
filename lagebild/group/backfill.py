"""Backfill grouping in time partitions: events in parallel, a stitch, storylines in one pass.

Online, every article is placed by one writer in arrival order (``placement.assign``): events
and storylines together, 3.5-7 ms of CPU each.  A backfill (``lagebild load DIR --backfill``)
knows all its articles up front and groups them in three steps:

1. partitions -- the dated articles in the canonical order (publication day, id) are cut into
   time partitions of ``partition_days`` days (a fixed grid of day ordinals).  A worker
   process groups the *events* of one partition into a scratch SQLite store of its own, with the online event rules
   (``placement.place_decided(..., storylines=False)``: duplicates, candidate events, scores,
   re-translations; no second copy of them).  The last ``warmup_days`` days before the
   partition are placed first, as warm-up, so an event that crosses the boundary forms.
2. stitch -- deterministic, in partition order: an event of partition k that holds warm-up
   articles joins the event its earliest warm-up article (canonical order) has after the
   stitch of the partitions before; an event without warm-up articles is a new one.  An
   article's duplicate canonical is kept as its partition found it.  Two events that the
   earlier partition kept apart are never merged by the warm-up (the earlier partition owns
   those articles: its decision stands).
3. sequential pass -- the partitions' own articles in the canonical order through
   ``placement.place_decided`` on the store itself: each article joins the stitched event
   (the first one opens it, so event ids are ``ev-<first article>`` as online) and the
   storyline, centroids, band hashes and document frequencies are the online step's own.
   The storylines are therefore one sequential pass over the stitched events in the order of
   their first article (first day, id), with the online linking (a new event's storyline is
   chosen by its first article; later reports update and may bridge it).  The pass runs while
   the workers still group later partitions (results are consumed in partition order).

Undated articles are placed last, one by one with the full online step (as ``load`` does).
The grouping tables are written through ``lagebild.store.grouping`` only and look exactly like
an online grouping's.  Nothing depends on the arrival order: the partitions, the workers'
input order and the stitch follow (day, id).  With one partition the result equals the
sequential ``load`` (the worker's events are those of the online step in the same order).

What a partition does not see: articles before its warm-up (an event's earlier members; the
document frequencies start from the warm-up), and near-duplicates across more than the
warm-up (each is kept as a canonical article of its own event).  ``docs/grouping.md``,
"Backfill in time partitions", gives the measured effect.
"""

from __future__ import annotations

import atexit
import bisect
import datetime as dt
import logging
import multiprocessing
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from ..model import Article
from ..store import Store
from ._features import Features, features
from .batch import forget
from .placement import Decision, GroupOptions, place_decided

__all__ = ["BackfillOptions", "BackfillReport", "Partition", "backfill", "partitions"]

log = logging.getLogger(__name__)

# Articles per transaction (the workers' scratch stores and the sequential pass).
_BATCH = 64


@dataclass(slots=True, kw_only=True, frozen=True)
class BackfillOptions:
    """How a backfill cuts time.

    Attributes:
        partition_days: days per time partition (the unit of parallel work).
        warmup_days: days before a partition placed first in its worker (the event window,
            ``EventOptions.window``, is 3 days: an event crossing the boundary forms).
        workers: worker processes (1: the partitions one after the other in this process).
    """

    partition_days: int = 30
    warmup_days: int = 3
    workers: int = 2


@dataclass(slots=True)
class Partition:
    """One time partition: its own articles and the warm-up before it (canonical order)."""

    index: int
    first_day: dt.date
    own: list[str]
    warmup: list[str] = field(default_factory=list)


@dataclass(slots=True)
class BackfillReport:
    grouped: int = 0
    partitions: int = 0
    stitched: int = 0  # partition events that joined an earlier partition's event
    failed: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Events:
    """What a worker found for one partition."""

    index: int
    event: dict[str, str]  # article (warm-up and own) -> its event in the scratch store
    duplicate_of: dict[str, str]  # own article -> its canonical article
    feats: dict[str, Features]  # own articles' features (the pass needs them again)


def partitions(
    dated: Sequence[tuple[dt.date, str]], partition_days: int, warmup_days: int
) -> list[Partition]:
    """Cut ``(day, id)`` pairs into time partitions of ``partition_days`` days (a fixed grid:
    partition ``k`` holds the days whose ordinal // ``partition_days`` is ``k``; empty ones are
    left out), each with the articles of the ``warmup_days`` days before it."""
    if partition_days < 1 or warmup_days < 0:
        raise ValueError("partition_days must be >= 1 and warmup_days >= 0")
    pairs = sorted(dated)
    if not pairs:
        return []
    days = [d for d, _ in pairs]
    out: list[Partition] = []
    for day, aid in pairs:
        k = day.toordinal() // partition_days
        if not out or out[-1].index != k:
            out.append(Partition(k, dt.date.fromordinal(max(1, k * partition_days)), []))
        out[-1].own.append(aid)
    for p in out:
        lo = bisect.bisect_left(days, p.first_day - dt.timedelta(days=warmup_days))
        hi = bisect.bisect_left(days, p.first_day)
        p.warmup = [aid for _, aid in pairs[lo:hi]]
    return out


def backfill(
    store: Store,
    articles: Sequence[tuple[dt.date | None, str]],
    options: BackfillOptions | None = None,
    group_options: GroupOptions | None = None,
    *,
    progress: Callable[[str], None] | None = None,
) -> BackfillReport:
    """Group stored, not yet grouped articles ``(publication day or None, id)`` in time
    partitions (module docstring).  Articles grouped already keep their place.

    Returns what was done; an article whose placement failed is left for the next
    ingest's catch-up (``group.catch_up``), as ``load`` does.
    """
    bo = options or BackfillOptions()
    report = BackfillReport()
    dated = [(d, a) for d, a in articles if d is not None]
    parts = partitions(dated, bo.partition_days, bo.warmup_days)
    report.partitions = len(parts)
    final: dict[str, str] = {}  # article -> its stitched event (a key)
    opened: dict[str, str] = {}  # stitched event -> its event id in the store
    by_index = {p.index: p for p in parts}
    for found in _events(store, parts, bo, group_options):
        part = by_index[found.index]
        items = _stitch(part, found, final, opened, report)
        _place(store, items, group_options, report, progress)
    undated = sorted(a for d, a in articles if d is None)
    for k in range(0, len(undated), _BATCH):
        chunk = undated[k : k + _BATCH]
        _place(store, [(a, None, None) for a in chunk], group_options, report, progress)
    return report


def _stitch(
    part: Partition,
    found: _Events,
    final: dict[str, str],
    opened: dict[str, str],
    report: BackfillReport,
) -> list[tuple[str, Features | None, Decision | None]]:
    """The partition's own articles with their decided events (after the stitch)."""
    key: dict[str, str] = {}  # the partition's event -> stitched event
    for w in part.warmup:  # canonical order: the earliest warm-up article decides
        ev = found.event.get(w)
        if ev is not None and ev not in key and w in final:
            key[ev] = final[w]
            report.stitched += 1
    items: list[tuple[str, Features | None, Decision | None]] = []
    for aid in part.own:
        ev = found.event.get(aid)
        if ev is None:  # the worker failed on it: the online step places it
            items.append((aid, found.feats.get(aid), None))
            continue
        k = final[aid] = key.setdefault(ev, f"{part.index}:{ev}")
        dup = found.duplicate_of.get(aid)
        eid = opened.get(k)
        if eid is None and dup is None:
            # the first canonical article opens the event: the online id
            eid = opened[k] = f"ev-{aid[:12]}"
            items.append((aid, found.feats[aid], Decision(None)))
        else:
            items.append((aid, found.feats[aid], Decision(eid, dup)))
    return items


def _place(
    store: Store,
    items: Sequence[tuple[str, Features | None, Decision | None]],
    group_options: GroupOptions | None,
    report: BackfillReport,
    progress: Callable[[str], None] | None,
) -> None:
    """The sequential pass over items, ``_BATCH`` per transaction (one by one after a failure)."""
    for k in range(0, len(items), _BATCH):
        chunk = [
            (a, f if f is not None else features(store.get(a)), d)
            for a, f, d in items[k : k + _BATCH]
        ]
        try:
            place_decided(store, chunk, group_options)
            report.grouped += len(chunk)
        except Exception:
            for item in chunk:
                try:
                    place_decided(store, [item], group_options)
                    report.grouped += 1
                except Exception:  # grouped at the next ingest (catch_up)
                    log.exception("grouping failed for %s; retried at the next ingest", item[0])
                    report.failed.append(item[0])
        if progress is not None:
            for a, _, _ in chunk:
                progress(a)


def _events(
    store: Store, parts: list[Partition], bo: BackfillOptions, group_options: GroupOptions | None
) -> Iterator[_Events]:
    """The partitions' events, in partition order (workers run ahead, at most two each)."""
    source = _source(store)
    if bo.workers <= 1 or source is None or len(parts) <= 1:
        with _Scratch() as scratch:
            for p in parts:
                yield _partition_events(store, scratch, p, group_options)
        return
    ctx = multiprocessing.get_context("spawn")  # no inherited database connections
    with ProcessPoolExecutor(max_workers=bo.workers, mp_context=ctx) as pool:
        todo = iter(parts)
        ahead: deque[Future[_Events]] = deque()
        for p in todo:
            ahead.append(pool.submit(_worker, source, p, group_options))
            if len(ahead) >= 2 * bo.workers:
                break
        while ahead:
            found = ahead.popleft().result()
            nxt = next(todo, None)
            if nxt is not None:
                ahead.append(pool.submit(_worker, source, nxt, group_options))
            yield found


def _source(store: Store) -> str | None:
    """How a worker process opens the same database (None: it cannot, e.g. in memory)."""
    t = store.target
    if t.dialect == "sqlite":
        return t.path if t.path and t.path != ":memory:" and os.path.exists(t.path) else None
    url = t.url.render_as_string(hide_password=False)
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


class _Scratch:
    """A scratch SQLite store for partitions' events, reused from one partition to the next
    (its grouping emptied, its stub articles kept: a store's migrations cost more than a small
    partition's grouping); a fresh one after ``_SCRATCH_ARTICLES`` stubs."""

    def __init__(self) -> None:
        self._dir: str | None = None
        self._store: Store | None = None
        self._stubs = 0

    def __enter__(self) -> _Scratch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, more: int) -> Store:
        if self._store is not None and self._stubs + more > _SCRATCH_ARTICLES:
            self.close()
        if self._store is None:
            self._dir = tempfile.mkdtemp(prefix="lagebild-backfill-")
            self._store = Store(os.path.join(self._dir, "partition.db"))
        else:
            forget(self._store)
        self._stubs += more
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
        self._store, self._dir, self._stubs = None, None, 0


_SCRATCH_ARTICLES = 200_000
_PROCESS: dict[str, Any] = {}  # a worker process's reading store and scratch store


def _worker(source: str, part: Partition, group_options: GroupOptions | None) -> _Events:
    if _PROCESS.get("source") != source:
        _close_process()
        _PROCESS.update(source=source, store=Store.open_readonly(source), scratch=_Scratch())
        atexit.register(_close_process)
    return _partition_events(_PROCESS["store"], _PROCESS["scratch"], part, group_options)


def _close_process() -> None:
    if "store" in _PROCESS:
        _PROCESS.pop("scratch").close()
        _PROCESS.pop("store").close()
    _PROCESS.clear()


def _stub(article: Article) -> Article:
    """What a scratch store keeps of an article: what the event rules read back from the
    store (id, language, embedding), not its title, text or enrichment (storing and indexing
    them for search would cost more than the grouping itself)."""
    return Article(
        id=article.id, origins=[article.id], published=article.published,
        language=article.language, embedding=article.embedding, hints={"content_key": article.id},
    )  # fmt: skip


def _partition_events(
    store: Store, scratches: _Scratch, part: Partition, group_options: GroupOptions | None
) -> _Events:
    """Group the events of one partition (warm-up first) in a scratch store."""
    ids = part.warmup + part.own
    own = set(part.own)
    found = _Events(part.index, {}, {}, {})
    scratch = scratches.get(len(ids))
    for k in range(0, len(ids), _BATCH):
        arts = [store.get(a) for a in ids[k : k + _BATCH]]
        scratch.add_many([_stub(a) for a in arts])  # an article stored before stays ("known")
        items = [(a.id, features(a), None) for a in arts]
        for aid, f, _ in items:
            if aid in own:
                found.feats[aid] = f
        try:
            placed = place_decided(scratch, items, group_options, storylines=False)
        except Exception:
            placed = []
            for item in items:
                try:
                    placed += place_decided(scratch, [item], group_options, storylines=False)
                except Exception:
                    log.exception("backfill: events of %s failed", item[0])
        for pl in placed:
            found.event[pl.article_id] = pl.event_id
            if pl.duplicate_of is not None and pl.article_id in own:
                found.duplicate_of[pl.article_id] = pl.duplicate_of
    return found
