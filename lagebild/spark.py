"""Batch enrichment on Apache Spark: a thin adapter over :func:`lagebild.batch.enrich_records`.

:func:`enrich` runs:

1. list and read -- Spark's ``binaryFile`` source over the inputs (local paths or
   any Hadoop file-system URL the cluster is set up for), recursively; hidden
   files, READMEs and sidecars are not items; each sidecar ``NAME.meta.json`` is
   joined to its file
2. spread -- the files are hashed by path into ``partitions`` tasks
3. enrich -- ``mapInArrow``: on each Python worker, records go through
   :func:`lagebild.batch.enrich_records` (the models load once per worker process
   and stay while Spark reuses it); bad items become rows with ``error``
4. write -- Parquet in :func:`lagebild.batch.row_schema`, one file per task

Spark Connect works too (``remote="sc://host"``): ``mapInArrow`` runs there
unchanged.  Needs ``pip install 'lagebild[spark]'`` (PySpark 4) and Java 17+.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from .batch import (
    CHUNK,
    MAX_BYTES,
    SIDECAR_SUFFIX,
    Record,
    enrich_records,
    hadoop_path,
    is_input_name,
    origin_of_url,
)
from .errors import LagebildError

__all__ = ["enrich", "session"]

log = logging.getLogger(__name__)

# Input files per Arrow batch handed to a worker: small, so that one batch's
# rows (texts, raw bytes, embeddings) stay a few MB.
FILES_PER_BATCH = CHUNK


def _pyspark():  # noqa: ANN202
    try:
        import pyspark  # noqa: F401
        from pyspark.sql import SparkSession
    except ImportError:
        raise LagebildError(
            "Spark enrichment needs PySpark 4: pip install 'lagebild[spark]' (and Java 17 or later)."
        ) from None
    return SparkSession


def session(*, master: str | None = None, remote: str | None = None, conf: dict[str, str] | None = None):  # noqa: ANN201
    """A Spark session: Spark Connect at ``remote`` (``sc://host:15002``), else a
    classic one on ``master`` (default ``local[*]``, or what ``spark-submit`` set)."""
    SparkSession = _pyspark()
    builder = SparkSession.builder.appName("lagebild")
    if remote:
        builder = builder.remote(remote)
    elif master:
        builder = builder.master(master)
    # `local[N]` (classic, or a Spark Connect server PySpark starts here for --remote
    # 'local[N]'): the workers run this interpreter (lagebild and its models are installed
    # here), not whatever `python3` is first on the PATH (PySpark reads PYSPARK_PYTHON when
    # it creates its context); an sc:// server's workers run what the server was given
    if (remote or master or "local").startswith("local") and "PYSPARK_PYTHON" not in os.environ:
        os.environ["PYSPARK_PYTHON"] = sys.executable
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def enrich(
    inputs: Sequence[str],
    out: str,
    *,
    spark: Any = None,
    master: str | None = None,
    remote: str | None = None,
    partitions: int | None = None,
    max_bytes: int = MAX_BYTES,
    overwrite: bool = False,
) -> dict[str, int]:
    """Enrich every input file on Spark and write the rows as Parquet under ``out``.

    Args:
        inputs: files or folders (read recursively), local or Hadoop URLs.
        out: the output folder (Spark writes ``part-*.parquet`` there).
        spark: a session to use (else one from ``master``/``remote``).
        partitions: tasks to spread the files over (default: Spark's default
            parallelism, at least 2).
        max_bytes: largest single article, as ``lagebild ingest --max-mb``.
        overwrite: replace ``out`` if it exists (else that is an error).
    Returns:
        ``{"rows": …, "errors": …}`` counted on the written Parquet.
    Raises:
        LagebildError: PySpark missing, an input path that does not exist, or ``out`` exists.
    """
    if spark is None:
        spark = session(master=master, remote=remote)
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    from .batch import row_schema

    # a smaller Arrow batch than Spark's 10 000 rows: here a row is a whole file
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", str(FILES_PER_BATCH))
    try:
        files = (
            spark.read.format("binaryFile")
            .option("recursiveFileLookup", "true")
            .load(list(inputs))
            .select("path", "content")
        )
    except Exception as exc:  # AnalysisException: PATH_NOT_FOUND and the like
        raise LagebildError(f"Cannot list the inputs {list(inputs)!r}: {_first_line(exc)}") from None
    files = _with_empty_files(spark, files)
    is_sidecar = F.col("path").endswith(SIDECAR_SUFFIX)
    sidecars = files.where(is_sidecar).select(
        F.expr(f"substring(path, 1, length(path) - {len(SIDECAR_SUFFIX)})").alias("key"),
        F.col("path").alias("sidecar_path"),
        F.col("content").alias("sidecar"),
    )
    items = files.where(~is_sidecar)
    # a.txt.meta.json wins over a.meta.json, as in lagebild ingest
    exact = sidecars.select(
        F.col("key").alias("k1"), F.col("sidecar_path").alias("p1"), F.col("sidecar").alias("s1")
    )
    stem = sidecars.select(
        F.col("key").alias("k2"), F.col("sidecar_path").alias("p2"), F.col("sidecar").alias("s2")
    )
    joined = (
        items.join(exact, items.path == exact.k1, "left")
        .join(stem, F.regexp_replace(items.path, r"\.[^./]*$", "") == stem.k2, "left")
        .select(
            "path",
            "content",
            F.coalesce("p1", "p2").alias("sidecar_path"),
            F.when(F.col("p1").isNotNull(), F.col("s1")).otherwise(F.col("s2")).alias("sidecar"),
        )
    )
    n = partitions or max(2, _default_parallelism(spark))
    spread = joined.repartition(n, "path")
    schema = row_schema()
    rows = spread.mapInArrow(functools.partial(map_batches, max_bytes=max_bytes), from_arrow_schema(schema))
    writer = rows.write.option("compression", "zstd")
    if overwrite:
        writer = writer.mode("overwrite")
    try:
        writer.parquet(out)
    except Exception as exc:
        if "PATH_ALREADY_EXISTS" in str(exc) or "already exists" in str(exc):
            raise LagebildError(f"{out!r} exists already: choose another --out, or give --overwrite.") from None
        raise
    written = spark.read.parquet(out)
    total = written.count()
    errors = written.where(F.col("error").isNotNull()).count()
    return {"rows": total, "errors": errors}


def _with_empty_files(spark: Any, files: Any) -> Any:
    """``files`` plus a row with empty content for each empty file listed.

    Spark splits files into byte ranges and a file of 0 bytes has none: ``binaryFile``
    drops it silently.  ``lagebild ingest`` reports it ("empty file"); so must the rows.
    """
    from pyspark.sql import functions as F

    listed = files.inputFiles()  # the driver's listing: no file is read
    if not listed:
        return files
    names = spark.createDataFrame([(hadoop_path(p),) for p in listed], "path string")
    empty = names.join(files.select("path"), "path", "left_anti").select(
        "path", F.lit(b"").cast("binary").alias("content")
    )
    return files.unionByName(empty)


def map_batches(batches: Iterator[Any], *, max_bytes: int = MAX_BYTES) -> Iterator[Any]:
    """``mapInArrow``'s function: batches of (path, content, sidecar_path, sidecar) in,
    batches of :func:`lagebild.batch.row_schema` out.  Runs on the workers."""
    from .batch import to_batch

    for batch in batches:
        cols = batch.to_pydict()
        records = [
            Record(
                origin=origin_of_url(path),
                data=content,
                sidecar=side,
                sidecar_origin=origin_of_url(side_path) if side_path else None,
            )
            for path, content, side_path, side in zip(
                cols["path"], cols["content"], cols["sidecar_path"], cols["sidecar"], strict=True
            )
            if is_input_name(origin_of_url(path))
        ]
        for start in range(0, len(records), FILES_PER_BATCH):
            rows = enrich_records(records[start : start + FILES_PER_BATCH], max_bytes=max_bytes)
            if rows:
                yield to_batch(rows)


def _default_parallelism(spark: Any) -> int:
    try:
        return int(spark.sparkContext.defaultParallelism)
    except Exception:  # Spark Connect has no SparkContext: ask the configuration
        try:
            # with a default: a missing key is not an error logged by the server
            return int(spark.conf.get("spark.default.parallelism", "2"))
        except Exception:
            return 2


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
