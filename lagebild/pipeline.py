"""The main job: read inputs, clean them, store them.

:func:`ingest` runs, for every input item:

1. ``ingest.read`` — walk paths, decode, parse the format (errors are collected)
2. skip — an item whose exact bytes from the same origin are stored is done
3. ``clean.clean`` — strip furniture, repair damage, log edits, metadata
4. ``store.Store.add`` — one transaction per item
5. ``group.assign`` — for a newly added article, in the main process: duplicates,
   event, storyline (its own transaction; an article stored but not grouped, after
   a crash between the two, is grouped by ``group.catch_up`` at the next ingest)

One bad item never stops the batch: its error is reported and the rest go on.
"""

from __future__ import annotations

import functools
import itertools
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .clean import CleanOptions, clean
from .enrich import enrich
from .search import prepare as prepare_search
from .errors import InputError
from .ingest import ReadOptions, read
from .model import Article
from .store import Store

__all__ = ["IngestReport", "ingest", "reenrich"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did."""

    added: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    new_origin: list[str] = field(default_factory=list)
    failed: list[InputError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def as_dict(self) -> dict[str, object]:
        return {
            "added": len(self.added),
            "known": len(self.known) + len(self.new_origin),
            "new_origins": len(self.new_origin),
            "failed": [{"origin": e.origin, "reason": e.reason} for e in self.failed],
        }


def process(article: Article, *, clean_options: CleanOptions | None = None, enriched: bool = True) -> Article:
    """Run the stages that turn a freshly read article into a stored one: clean, enrich."""
    article = clean(article, clean_options)
    if enriched:
        enrich(article)
    prepare_search(article)
    return article


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    read_options: ReadOptions | None = None,
    clean_options: CleanOptions | None = None,
    progress: Callable[[str, str], None] | None = None,
    workers: int | None = None,
    enriched: bool = True,
) -> IngestReport:
    """Read, clean and store every item of ``paths``.

    Args:
        paths: files, directories, glob patterns or ``-`` for standard input.
        store: where articles go.
        progress: called as ``progress(origin, outcome)`` after each item.
        workers: processes that clean in parallel (default: up to 2; 1 = none).
        enriched: run enrichment (entities, quotes, times); ``lagebild enrich`` can do it later.
    """
    report = IngestReport()
    if workers is None:
        workers = min(2, os.cpu_count() or 1)

    # The reading side may run in the worker pool's feeder thread: it gets its own connection.
    checker = store.reader()

    def todo() -> Iterator[Article | InputError]:
        """Read items; those whose exact bytes are stored already are done here."""
        for item in read(paths, options=read_options):
            if isinstance(item, Article):
                known = store.known_origin(item.origins[0], item.raw_bytes, checker)
                if known:
                    report.known.append(known)
                    _tell(progress, item.origins[0], "known")
                    continue
            yield item

    try:
        if enriched:  # grouping works on enrichment (entities, dates, embeddings)
            _group_pending(store)
        _store_all(_processed(todo(), clean_options, workers, enriched), store, report, progress, enriched)
    finally:
        checker.close()
    return report


def _store_all(
    items: Iterable[Article | InputError],
    store: Store,
    report: IngestReport,
    progress: Callable[[str, str], None] | None,
    grouped: bool = True,
) -> None:
    for item in items:
        if isinstance(item, InputError):
            report.failed.append(item)
            _tell(progress, item.origin, "failed")
            continue
        try:
            outcome = store.add(item)
        except InputError as exc:
            report.failed.append(exc)
            _tell(progress, exc.origin, "failed")
            continue
        {"added": report.added, "known": report.known, "new-origin": report.new_origin}[outcome].append(
            item.id
        )
        if outcome == "added" and grouped:
            _group(store, item)
        _tell(progress, item.origins[0], outcome)


def _process_one(
    item: Article | InputError, clean_options: CleanOptions | None = None, enriched: bool = True
) -> Article | InputError:
    """Stages 3+ for one item; any failure becomes an InputError naming the item."""
    if isinstance(item, InputError):
        return item
    try:
        return process(item, clean_options=clean_options, enriched=enriched)
    except InputError as exc:
        return exc
    except Exception as exc:  # a bug must not stop the batch; it is reported like bad input
        log.exception("internal error on %s", item.origins[0])
        return InputError(item.origins[0], f"internal error ({type(exc).__name__}: {exc})")


# Below this many items a worker pool costs more than it saves.
_POOL_AFTER = 64


def _processed(
    items: Iterator[Article | InputError], clean_options: CleanOptions | None, workers: int, enriched: bool
) -> Iterator[Article | InputError]:
    """Process items in order; in worker processes once a batch is big enough.

    Only the calling process writes to the store, so a crash never leaves a
    half-written article, whatever the workers were doing.
    """
    first = list(itertools.islice(items, _POOL_AFTER))
    for item in first:
        yield _process_one(item, clean_options, enriched)
    if workers <= 1 or len(first) < _POOL_AFTER:
        for item in items:
            yield _process_one(item, clean_options, enriched)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with ctx.Pool(workers) as pool:
        work = functools.partial(_process_one, clean_options=clean_options, enriched=enriched)
        yield from pool.imap(work, items, chunksize=8 if enriched else 32)


def _group(store: Store, article: Article) -> None:
    """Group a new article; a failure is logged and the article grouped at the next ingest."""
    from .group import assign

    try:
        assign(store, article)
    except Exception:  # grouping must never lose a stored article
        log.exception("grouping failed for %s; it is retried at the next ingest", article.id)


def _group_pending(store: Store) -> None:
    from .group import catch_up

    try:
        catch_up(store)
    except Exception:
        log.exception("grouping of pending articles failed")


def _tell(progress: Callable[[str, str], None] | None, origin: str, outcome: str) -> None:
    if progress is not None:
        progress(origin, outcome)


def reenrich(
    store: Store,
    *,
    progress: Callable[[str, str], None] | None = None,
    workers: int | None = None,
) -> int:
    """Run enrichment again on every stored article (after a model update).

    Inputs are not read again: the stored cleaned text is enriched (in worker
    processes, like ``ingest``; default up to 2), and each article's enrichment
    is replaced in its own transaction by this process alone.  An article whose
    enrichment fails keeps its stored enrichment and is reported as
    ``failed: …``.  Then the grouping (duplicates, events, storylines) is
    rebuilt from the new enrichment.  Returns the number of articles enriched.
    """
    if workers is None:
        workers = min(2, os.cpu_count() or 1)
    ids = [r[0] for r in store.conn.execute("SELECT id FROM articles ORDER BY id")]
    done = 0
    pool = None
    if workers > 1 and len(ids) >= _POOL_AFTER:
        import multiprocessing as mp

        ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        pool = ctx.Pool(workers)
    try:
        for i in range(0, len(ids), _POOL_AFTER):
            # read here (the store's connection belongs to this thread), enrich there
            batch = [store.get(aid) for aid in ids[i : i + _POOL_AFTER]]
            results = pool.map(_enrich_one, batch, chunksize=8) if pool else map(_enrich_one, batch)
            for aid, result in zip(ids[i : i + _POOL_AFTER], results, strict=True):
                if isinstance(result, str):
                    _tell(progress, aid, f"failed: {result}")
                    continue
                store.update_enrichment(result)
                done += 1
                _tell(progress, aid, "enriched")
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    from .group import rebuild

    rebuild(store)  # entities and embeddings changed: group everything again
    return done


def _enrich_one(article: Article) -> Article | str:
    """Enrich one stored article; a failure comes back as its reason, not raised."""
    try:
        return enrich(article)
    except Exception as exc:  # a bug must not stop the run; the article keeps its old enrichment
        log.exception("internal error enriching %s", article.id)
        return f"internal error ({type(exc).__name__}: {exc})"
