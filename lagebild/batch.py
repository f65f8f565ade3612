"""Batch enrichment, engine-neutral: input records in, rows of one fixed Arrow schema out.

The one function every engine calls is :func:`enrich_records`: it takes
:class:`Record` s -- one input file's bytes each (a text, JSON, HTML or feed
article, or a JSONL file of many records), with its sidecar ``NAME.meta.json``
if there is one -- and returns one row per article (or per bad item) in
:func:`row_schema`: the export contract (docs/export.md) plus ``embedding``,
``raw_bytes``, ``encoding`` and ``error``.  The steps, per record:

1. read -- the same readers as ``lagebild ingest`` (``ingest.read_bytes``), the
   sidecar applied as ``ingest.read`` does; an unreadable item becomes an error row
2. clean, enrich, prepare search -- ``pipeline``'s own chunk step, 16 articles at a
   time (a failing stage flags the article, as in ``ingest``)
3. row -- ``present.export.to_record`` plus the columns above

Bad records become rows with ``error`` set (the item's origin in ``origins``),
never an exception: a batch job is not failed by one bad file.

Engines: :func:`enrich_paths` (local files, this machine's process pool) and
``lagebild.spark`` (Spark's ``mapInArrow``) call :func:`enrich_records` alike, so
they produce identical rows for the same input.
"""

from __future__ import annotations

import itertools
import logging
import os
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .errors import InputError, MalformedInput, TooLarge
from .model import Article

__all__ = [
    "Record",
    "enrich_paths",
    "enrich_records",
    "hadoop_path",
    "is_input_name",
    "origin_of_url",
    "row_schema",
    "write_rows",
]

log = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
# Articles cleaned and enriched at once (the NER batches over them), as in ingest.
CHUNK = 16
SIDECAR_SUFFIX = ".meta.json"
_SIDECAR_MAX = 1024 * 1024


@dataclass(slots=True, kw_only=True, frozen=True)
class Record:
    """One input item for batch enrichment.

    Attributes:
        origin: where it came from: an absolute local path or a URL (``hdfs://…``).
        data: the file's bytes, untouched.
        sidecar: the bytes of ``NAME.meta.json`` beside it, if any.
        sidecar_origin: that sidecar's path (named in its error row when it is bad).
    """

    origin: str
    data: bytes
    sidecar: bytes | None = None
    sidecar_origin: str | None = None


def row_schema():  # noqa: ANN201 (pyarrow is optional: no annotation that imports it)
    """The Arrow schema of batch rows: the export contract plus four columns.

    ``embedding`` (list of float32; null when not enriched), ``raw_bytes`` (the
    item's original bytes, so that ``lagebild load`` keeps every byte),
    ``encoding`` (how they were decoded) and ``error`` (null for an article; for
    a bad item the reason, with the item's origin in ``origins`` and every other
    field null or empty).
    """
    import pyarrow as pa

    from .present.export import parquet_schema

    base = parquet_schema()
    return base.append(pa.field("embedding", pa.list_(pa.float32()))).append(
        pa.field("raw_bytes", pa.binary())
    ).append(pa.field("encoding", pa.string())).append(pa.field("error", pa.string()))


def is_input_name(path: str) -> bool:
    """Whether a listed file is an input item: not hidden (nor inside a hidden folder),
    not a sidecar, not a README/LICENSE beside the articles (as ``lagebild ingest`` walks)."""
    from .ingest.paths import _is_doc

    parts = [p for p in path.replace("\\", "/").split("/") if p]
    if any(p.startswith(".") for p in parts[:-1]):
        return False
    name = parts[-1] if parts else ""
    return bool(name) and not name.startswith(".") and not name.endswith(SIDECAR_SUFFIX) and not _is_doc(name)


def origin_of_url(url: str) -> str:
    """The origin label of a file an engine names by its Hadoop path string:
    ``file:/a/b c.txt`` -> ``/a/b c.txt`` (what ``lagebild ingest`` calls it); other
    schemes stay as they are (``hdfs://nn/a.txt``).  Hadoop path strings are not
    percent-encoded: a ``%20`` in one is part of the name."""
    if url.startswith("file:"):
        path = url[5:]
        if path.startswith("//"):  # file:///a -> /a
            path = path[2:]
        return "/" + path.lstrip("/")
    if "://" not in url:
        from .ingest.paths import origin_of

        return origin_of(url)
    return url


def hadoop_path(uri: str) -> str:
    """A file URI as Hadoop writes the path (``file:///a%20b`` -> ``file:/a b``)."""
    parsed = urllib.parse.urlparse(uri)
    path = urllib.parse.unquote(parsed.path)
    return f"{parsed.scheme}://{parsed.netloc}{path}" if parsed.netloc else f"{parsed.scheme}:{path}"


def enrich_records(records: Iterable[Record], *, max_bytes: int = MAX_BYTES) -> list[dict[str, Any]]:
    """Read, clean and enrich records; one row per article or bad item, in input order.

    Never raises for bad input or a bug on one item: those become rows with ``error``.

    Args:
        records: input items (see :class:`Record`).
        max_bytes: largest single article (JSONL: single line) accepted, as ``ingest --max-mb``.
    Returns:
        rows as dicts with the keys of :func:`row_schema`.
    """
    from .pipeline import _process_chunk

    items: list[Article | InputError] = []
    for record in records:
        items.extend(_read(record, max_bytes))
    rows: list[dict[str, Any]] = []
    it = iter(items)
    while chunk := list(itertools.islice(it, CHUNK)):
        try:
            done = _process_chunk(chunk)
        except Exception as exc:  # _process_chunk guards each item; this is a last resort
            log.info("batch chunk failed", exc_info=True)
            done = [x if isinstance(x, InputError) else _internal(x, exc) for x in chunk]
        rows.extend(_row(x) for x in done)
    return rows


def _internal(article: Article, exc: BaseException) -> InputError:
    origin = article.origins[0] if article.origins else article.id
    return InputError(origin, f"internal error ({type(exc).__name__}: {exc})")


def _read(record: Record, max_bytes: int) -> list[Article | InputError]:
    """The items of one record, as ``ingest.read`` gives them for a file."""
    from .ingest import read_bytes
    from .ingest.paths import _format_by_name
    from .ingest._records import apply_given

    try:
        fmt = _format_by_name(record.origin)
        if fmt != "jsonl" and len(record.data) > max_bytes:
            return [_too_large(record.origin, len(record.data), max_bytes)]
        out: list[Article | InputError] = []
        sidecar = None
        if record.sidecar is not None:
            sidecar, error = _parse_sidecar(record.sidecar, record.sidecar_origin or record.origin + SIDECAR_SUFFIX)
            if error is not None:
                out.append(error)
        for item in read_bytes(record.data, record.origin, fmt=fmt, max_bytes=max_bytes):
            if sidecar and isinstance(item, Article):
                apply_given(item, sidecar, label="sidecar")
            out.append(item)
        return out
    except Exception as exc:  # the readers yield their errors; this is a bug: one row, not a failed job
        log.info("reading %s failed", record.origin, exc_info=True)
        return [InputError(record.origin, f"internal error ({type(exc).__name__}: {exc})")]


def _too_large(origin: str, size: int, max_bytes: int) -> TooLarge:
    mb = 1024 * 1024
    return TooLarge(
        origin,
        f"file too large: {size / mb:.1f} MB (limit {max_bytes / mb:.1f} MB "
        "for one article; split it, or use JSONL for many records)",
    )


def _parse_sidecar(data: bytes, origin: str) -> tuple[dict[str, object] | None, InputError | None]:
    """A sidecar's metadata, or the error ``ingest.read`` reports for it (the article is read anyway)."""
    from .ingest._records import _loads

    if len(data) > _SIDECAR_MAX:
        return None, TooLarge(origin, "sidecar larger than 1 MB; ignored")
    try:
        value = _loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        text = str(exc) or type(exc).__name__
        text = text if len(text) <= 200 else text[:199] + "…"
        return None, MalformedInput(origin, f"sidecar is not valid JSON ({text}); ignored")
    if not isinstance(value, dict):
        return None, MalformedInput(origin, "sidecar must hold a JSON object; ignored")
    return value, None


_NULL_ROW: dict[str, Any] | None = None


def _row(item: Article | InputError) -> dict[str, Any]:
    if isinstance(item, InputError):
        global _NULL_ROW
        if _NULL_ROW is None:
            lists = {"origins", "agencies", "flags", "edits", "sentences", "entities", "quotes", "times"}
            _NULL_ROW = {f.name: ([] if f.name in lists else None) for f in row_schema()}
        return {**_NULL_ROW, "origins": [item.origin], "error": item.reason}
    import numpy as np

    from .present.export import to_record

    rec = to_record(item)
    rec.setdefault("extracted", None)
    rec["published"] = item.published
    rec["embedding"] = np.frombuffer(item.embedding, dtype=np.float32).tolist() if item.embedding else None
    rec["raw_bytes"] = item.raw_bytes
    rec["encoding"] = item.encoding
    rec["error"] = None
    return rec


def to_batch(rows: list[dict[str, Any]]):  # noqa: ANN201
    """Rows as one Arrow record batch of :func:`row_schema`."""
    import pyarrow as pa

    return pa.RecordBatch.from_pylist(rows, schema=row_schema())


def write_rows(batches: Iterable[list[dict[str, Any]]], path: str) -> int:
    """Write row lists to one Parquet file (zstd); returns the number of rows."""
    import pyarrow.parquet as pq

    n = 0
    with pq.ParquetWriter(path, row_schema(), compression="zstd") as writer:
        for rows in batches:
            if rows:
                writer.write_batch(to_batch(rows))
                n += len(rows)
    return n


def sidecar_path(path: str) -> str | None:
    """The sidecar of a local input file (``a.txt.meta.json``, else ``a.meta.json``), if any."""
    for cand in (path + SIDECAR_SUFFIX, os.path.splitext(path)[0] + SIDECAR_SUFFIX):
        if os.path.isfile(cand):
            return cand
    return None


def local_records(paths: Iterable[str], *, max_bytes: int = MAX_BYTES) -> Iterator[Record | InputError]:
    """Records of local files, folders and globs, walked as ``lagebild ingest`` walks them."""
    from .ingest import ReadOptions
    from .ingest.paths import _expand, _format_by_name, origin_of

    for entry in _expand(paths, ReadOptions(max_bytes=max_bytes)):
        if isinstance(entry, InputError):
            yield entry
            continue
        if entry == "-":
            yield InputError("<stdin>", "standard input is not read by batch enrichment (give files)")
            continue
        path = entry[0]
        origin = origin_of(path)
        if not is_input_name(os.path.basename(path)):
            continue
        try:
            with open(path, "rb") as fh:
                size = os.fstat(fh.fileno()).st_size
                if _format_by_name(path) != "jsonl" and size > max_bytes:
                    yield _too_large(origin, size, max_bytes)
                    continue
                data = fh.read()
        except OSError as exc:
            yield InputError(origin, f"cannot read: {exc.strerror or exc}")
            continue
        side = sidecar_path(path)
        sidecar = None
        if side is not None:
            try:
                with open(side, "rb") as fh:
                    sidecar = fh.read(_SIDECAR_MAX + 1)
            except OSError:
                sidecar = None
        yield Record(origin=origin, data=data, sidecar=sidecar, sidecar_origin=origin_of(side) if side else None)


def _enrich_items(items: list[Record | InputError], max_bytes: int = MAX_BYTES) -> list[dict[str, Any]]:
    """Rows of a few local records; an error met while listing is its own row."""
    rows: list[dict[str, Any]] = []
    records: list[Record] = []
    for item in items:
        if isinstance(item, InputError):
            rows.extend(enrich_records(records, max_bytes=max_bytes))
            records = []
            rows.append(_row(item))
        else:
            records.append(item)
    rows.extend(enrich_records(records, max_bytes=max_bytes))
    return rows


def enrich_paths(
    paths: Iterable[str],
    out: str,
    *,
    workers: int | None = None,
    max_bytes: int = MAX_BYTES,
    records_per_task: int = CHUNK,
) -> dict[str, int]:
    """Batch-enrich local files on this machine's process pool into one Parquet file.

    The rows equal those ``lagebild spark enrich`` writes for the same files.

    Args:
        paths: files, folders, globs.
        out: a folder (created; the rows go to ``part-00000.parquet`` in it).
        workers: processes (default: up to 2; 1 = this process only).
        records_per_task: input files sent to a worker at once.
    Returns:
        ``{"rows": …, "errors": …}``.
    """
    import functools

    import pyarrow.parquet as pq

    from .pipeline import _pool, _warm

    if workers is None:
        workers = min(2, os.cpu_count() or 1)
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "part-00000.parquet")
    tasks = _batched(local_records(paths, max_bytes=max_bytes), records_per_task)
    work = functools.partial(_enrich_items, max_bytes=max_bytes)
    if workers <= 1:
        n = write_rows(map(work, tasks), path)
    else:
        _warm()  # the models load once, before the workers fork, and are shared
        with _pool(workers) as pool:
            n = write_rows(pool.imap(work, tasks), path)
    good = pq.read_table(path, columns=["error"]).column("error").null_count
    return {"rows": n, "errors": n - good}


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk
