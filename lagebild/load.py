"""Load batch rows (``lagebild spark enrich`` Parquet) into the store, then group them.

:func:`load` runs:

1. read -- the Parquet files under a folder (``lagebild.batch.row_schema``), a few
   hundred rows at a time; rows with ``error`` are reported, not stored
2. store -- each row back into an :class:`~lagebild.model.Article` (text, edits, raw
   bytes, enrichment, embedding), 500 at a time through ``Store.add_many`` (PostgreSQL:
   ``COPY``; SQLite: one transaction): the same rows as ``Store.add`` for each; the same
   body under two origins is one article with two origins, as with ``ingest``; nothing
   is enriched again
3. merge -- one entity id per actor across the store (``enrich.merge.merge_store``), as
   ``ingest`` does after storing
4. group -- the articles added, in the canonical order (publication day, id; undated
   last), 64 per transaction: the grouping does not depend on the order of the rows
   or of the files (a backfill gives the same events and storylines whichever engine
   task finished first).  With ``backfill`` (``lagebild load --backfill``) the events are
   grouped in time partitions by worker processes, stitched, and the storylines linked
   in one sequential pass (``group.backfill``); the same independence of arrival order

Every query goes through the store and the grouping module; this module writes no SQL.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import InputError, LagebildError
from .model import Article, Edit, Entity, Mention, Quote, Sentence, TimeExpr
from .store import Store

if TYPE_CHECKING:
    from .group.backfill import BackfillOptions

__all__ = ["LoadReport", "article_of_row", "load"]

log = logging.getLogger(__name__)

_GROUP_BATCH = 64
# rows stored per transaction (PostgreSQL: written with COPY, see store/bulk_pg.py)
_STORE_BATCH = 500


@dataclass(slots=True)
class LoadReport:
    """What one load did."""

    added: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    failed: list[InputError] = field(default_factory=list)
    grouped: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed

    def as_dict(self) -> dict[str, object]:
        return {
            "added": len(self.added),
            "known": len(self.known),
            "grouped": self.grouped,
            "failed": [{"origin": e.origin, "reason": e.reason} for e in self.failed],
        }


def article_of_row(row: dict[str, Any]) -> Article:
    """The :class:`Article` a batch row was made from (what the store keeps of it)."""
    import numpy as np

    published = row.get("published")
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    emb = row.get("embedding")
    return Article(
        id=row["id"],
        origins=list(row["origins"]),
        format=row["format"],
        raw=row["raw"],
        raw_bytes=row["raw_bytes"] or b"",
        encoding=row.get("encoding") or "utf-8",
        base=row["extracted"] if row.get("extracted") is not None else row["raw"],
        title=row["title"] or "",
        title_raw=row["title_raw"] or "",
        url=row["url"],
        source=row["source"],
        section=row["section"],
        published=published,
        published_from=row["published_from"] or "none",
        dateline=row["dateline"],
        agencies=list(row["agencies"] or []),
        language=row["language"],
        flags=list(row["flags"] or []),
        text=row["text"] or "",
        edits=[Edit(**e) for e in row["edits"] or []],
        sentences=[Sentence(**s) for s in row["sentences"] or []],
        entities=[
            Entity(
                id=e["id"], name=e["name"], type=e["type"], aliases=list(e["aliases"] or []),
                wikidata=e["wikidata"], role=e["role"], mentions=[Mention(**m) for m in e["mentions"] or []],
            )  # fmt: skip
            for e in row["entities"] or []
        ],
        quotes=[
            Quote(
                text=q["text"], start=q["start"], end=q["end"], kind=q["kind"], cue=q["cue"],
                speaker_text=q["speaker"]["text"], speaker_start=q["speaker"]["start"],
                speaker_end=q["speaker"]["end"], speaker_entity=q["speaker"]["entity"],
                speaker_entities=list(q["speaker"]["entities"] or []),
            )  # fmt: skip
            for q in row["quotes"] or []
        ],
        times=[TimeExpr(**t) for t in row["times"] or []],
        embedding=np.asarray(emb, dtype=np.float32).tobytes() if emb is not None else None,
        section_predicted=row["section_predicted"],
    )


def _rows(folder: str, batch_size: int = 256) -> Iterator[dict[str, Any]]:
    try:
        import pyarrow.dataset as ds
    except ImportError:
        raise LagebildError("Loading Parquet needs pyarrow: pip install 'lagebild[parquet]'.") from None
    if not os.path.exists(folder):
        raise LagebildError(f"No such folder: {folder!r} (give the --out folder of lagebild spark enrich).")
    try:
        dataset = ds.dataset(folder, format="parquet", exclude_invalid_files=False)
    except Exception as exc:  # not Parquet, unreadable
        raise LagebildError(f"Cannot read Parquet under {folder!r}: {exc}") from None
    # only the columns of the batch contract: files with more columns load as well
    names = set(dataset.schema.names)
    for batch in dataset.to_batches(batch_size=batch_size):
        for row in batch.to_pylist():
            yield {k: v for k, v in row.items() if k in names}


def load(
    folder: str,
    store: Store,
    *,
    grouped: bool = True,
    backfill: BackfillOptions | None = None,
    progress: Callable[[str, str], None] | None = None,
) -> LoadReport:
    """Store every row of the Parquet files under ``folder``, then group what was added.

    Args:
        folder: output of ``lagebild spark enrich`` (any folder of files in that schema).
        grouped: group the added articles (in the canonical order: day, id).
        backfill: group them in time partitions instead (``group.backfill``: events by
            worker processes, a stitch, storylines in one pass); ``None``: one by one.
        progress: called as ``progress(origin, outcome)`` after each row.
    Raises:
        LagebildError: no such folder, or no Parquet in it.
    """
    report = LoadReport()
    order: list[tuple[dt.date, str]] = []
    if grouped:  # articles stored earlier and never grouped go first, as in ingest
        from .group import catch_up

        catch_up(store)
    batch: list[tuple[str, Article]] = []
    for row in _rows(folder):
        origin = (row.get("origins") or ["?"])[0]
        if row.get("error") is not None:
            report.failed.append(InputError(origin, row["error"]))
            _tell(progress, origin, "failed")
            continue
        try:
            batch.append((origin, article_of_row(row)))
        except Exception as exc:  # one row's failure must not end the load
            log.info("reading %s failed", origin, exc_info=True)
            report.failed.append(InputError(origin, f"internal error while storing ({type(exc).__name__}: {exc})"))
            _tell(progress, origin, "failed")
            continue
        if len(batch) >= _STORE_BATCH:
            _store(store, batch, report, order, progress)
            batch = []
    _store(store, batch, report, order, progress)
    if report.added:  # one entity per actor across the corpus, as after an ingest
        from .pipeline import _merge_entities

        _merge_entities(store)
    if grouped:
        if backfill is not None:
            from .group.backfill import backfill as group_backfill

            dated = [(None if day == dt.date.max else day, aid) for day, aid in order]
            report.grouped = group_backfill(store, dated, backfill).grouped
        else:
            report.grouped = _group(store, [aid for _, aid in sorted(order)])
        from .group import count_sources

        count_sources(store)
    return report


def _store(
    store: Store,
    batch: list[tuple[str, Article]],
    report: LoadReport,
    order: list[tuple[dt.date, str]],
    progress: Callable[[str, str], None] | None,
) -> None:
    """Store a batch of rows' articles at once (``Store.add_many``: PostgreSQL's ``COPY``)."""
    if not batch:
        return
    outcomes = store.add_many([article for _, article in batch])
    for (origin, article), outcome in zip(batch, outcomes, strict=True):
        if isinstance(outcome, Exception):
            if isinstance(outcome, InputError):
                report.failed.append(outcome)
            else:
                log.info("loading %s failed: %r", origin, outcome)
                report.failed.append(InputError(
                    origin, f"internal error while storing ({type(outcome).__name__}: {outcome})"
                ))  # fmt: skip
            _tell(progress, origin, "failed")
            continue
        if outcome == "added":
            report.added.append(article.id)
            order.append((article.published or dt.date.max, article.id))
        else:
            report.known.append(article.id)
        _tell(progress, origin, outcome)


def _group(store: Store, ids: list[str]) -> int:
    """Group articles in the given order, 64 per transaction (one by one after a failure)."""
    from .group import assign, assign_many

    done = 0
    for k in range(0, len(ids), _GROUP_BATCH):
        chunk = ids[k : k + _GROUP_BATCH]
        try:
            assign_many(store, [store.get(aid) for aid in chunk])
            done += len(chunk)
        except Exception:
            for aid in chunk:
                try:
                    assign(store, store.get(aid))
                    done += 1
                except Exception:  # grouped at the next ingest (catch_up)
                    log.exception("grouping failed for %s; it is retried at the next ingest", aid)
    return done


def _tell(progress: Callable[[str, str], None] | None, origin: str, outcome: str) -> None:
    if progress is not None:
        progress(origin, outcome)
