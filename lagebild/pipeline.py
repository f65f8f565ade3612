"""The main job: read inputs, clean them, store them.

:func:`ingest` runs, for every input item:

1. ``ingest.read`` — walk paths, decode, parse the format (errors are collected)
2. skip — an item whose exact bytes from the same origin are stored is done
3. ``clean.clean`` — strip furniture, repair damage, log edits, metadata
4. ``store.Store.add`` — one transaction per item

One bad item never stops the batch: its error is reported and the rest go on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .clean import CleanOptions, clean
from .errors import InputError
from .ingest import ReadOptions, read
from .model import Article
from .store import Store

__all__ = ["IngestReport", "ingest"]

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


def process(article: Article, *, clean_options: CleanOptions | None = None) -> Article:
    """Run the stages that turn a freshly read article into a stored one."""
    return clean(article, clean_options)


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    read_options: ReadOptions | None = None,
    clean_options: CleanOptions | None = None,
    progress: Callable[[str, str], None] | None = None,
) -> IngestReport:
    """Read, clean and store every item of ``paths``.

    Args:
        paths: files, directories, glob patterns or ``-`` for standard input.
        store: where articles go.
        progress: called as ``progress(origin, outcome)`` after each item.
    """
    report = IngestReport()
    for item in read(paths, options=read_options):
        if isinstance(item, InputError):
            report.failed.append(item)
            _tell(progress, item.origin, "failed")
            continue
        origin = item.origins[0]
        known = store.known_origin(origin, item.raw_bytes)
        if known:
            report.known.append(known)
            _tell(progress, origin, "known")
            continue
        try:
            article = process(item, clean_options=clean_options)
            outcome = store.add(article)
        except InputError as exc:
            report.failed.append(exc)
            _tell(progress, origin, "failed")
            continue
        except Exception as exc:  # a bug must not stop the batch; it is reported like bad input
            log.exception("internal error on %s", origin)
            report.failed.append(InputError(origin, f"internal error ({type(exc).__name__}: {exc})"))
            _tell(progress, origin, "failed")
            continue
        {"added": report.added, "known": report.known, "new-origin": report.new_origin}[outcome].append(
            article.id
        )
        _tell(progress, origin, outcome)
    return report


def _tell(progress: Callable[[str, str], None] | None, origin: str, outcome: str) -> None:
    if progress is not None:
        progress(origin, outcome)
