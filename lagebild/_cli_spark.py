"""``lagebild spark enrich`` (batch enrichment to Parquet, on Spark or on this machine) and
``lagebild load`` (those rows into the store, grouped)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Callable

__all__ = ["add_commands"]

Handler = Callable[[argparse.Namespace], int]


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> dict[str, Handler]:
    p = command(
        "spark",
        "Batch-enrich input files (text, JSON/JSONL, HTML, feeds; local or Hadoop URLs) on Apache Spark "
        "and write one row per article to Parquet (the export contract plus embedding and error).",
        "lagebild spark enrich archive/ --out rows/ --master 'local[4]'",
    )
    for action in p._actions:  # the store is not used: --db stays accepted, unlisted
        if "--db" in action.option_strings:
            action.help = argparse.SUPPRESS
    p.add_argument("action", choices=("enrich",), help="enrich: inputs -> Parquet rows")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (read recursively)")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder for the Parquet files")
    p.add_argument("--master", metavar="URL", help="Spark master (default local[*], or what spark-submit set)")
    p.add_argument("--remote", metavar="sc://HOST", help="Spark Connect server to run on instead")
    p.add_argument("--partitions", type=int, metavar="N", help="tasks to spread the files over")
    p.add_argument("--local", action="store_true", help="no Spark: this machine's process pool, same rows")
    p.add_argument("--workers", type=int, metavar="N", help="--local: worker processes (default up to 2)")
    p.add_argument("--max-mb", type=float, default=10.0, help="largest single article file in MB (default 10)")
    p.add_argument("--overwrite", action="store_true", help="replace --out if it exists")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")

    p = command(
        "load",
        "Store the Parquet rows of `lagebild spark enrich` (no enrichment again) and group them "
        "in the canonical order (publication day, id).",
        "lagebild load rows/ --db lagebild.db",
    )
    p.add_argument("folder", metavar="DIR", help="the --out folder of lagebild spark enrich")
    p.add_argument("--no-group", action="store_true", help="store only (the next ingest groups them)")
    p.add_argument(
        "--backfill", action="store_true",
        help="group in time partitions: events by worker processes, stitched, storylines in one pass",
    )  # fmt: skip
    p.add_argument("--partition-days", type=int, default=30, metavar="N", help="--backfill: days per partition (30)")
    p.add_argument("--warmup-days", type=int, default=3, metavar="W", help="--backfill: days placed first as warm-up (3)")
    p.add_argument("--workers", type=int, default=2, metavar="K", help="--backfill: worker processes (2)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    return {"spark": _cmd_spark, "load": _cmd_load}


def _cmd_load(args: argparse.Namespace) -> int:
    from .load import load
    from .store import Store, default_db_path

    backfill = None
    if args.backfill:
        from .group.backfill import BackfillOptions

        if args.no_group:
            print("lagebild: error: --backfill groups; drop --no-group", file=sys.stderr)
            return 2
        if args.partition_days < 1 or args.warmup_days < 0 or args.workers < 1:
            print("lagebild: error: --partition-days and --workers must be >= 1, --warmup-days >= 0",
                  file=sys.stderr)  # fmt: skip
            return 2
        backfill = BackfillOptions(
            partition_days=args.partition_days, warmup_days=args.warmup_days, workers=args.workers
        )
    with Store(args.db or default_db_path()) as store:
        report = load(args.folder, store, grouped=not args.no_group, backfill=backfill)
        total = store.count()
    if args.json:
        print(json.dumps({**report.as_dict(), "stored": total, "db": store.path}, ensure_ascii=False))
    else:
        print(f"added {len(report.added)}, already known {len(report.known)}, grouped {report.grouped}, "
              f"bad rows {len(report.failed)} — {total} articles in {store.path}")  # fmt: skip
        for err in report.failed:
            print(f"  failed: {err.origin}: {err.reason}", file=sys.stderr)
    return 0 if report.ok else 1


def _cmd_spark(args: argparse.Namespace) -> int:
    if args.max_mb <= 0 or (args.partitions is not None and args.partitions < 1):
        print("lagebild: error: --max-mb and --partitions must be positive", file=sys.stderr)
        return 2
    if args.local and (args.master or args.remote):
        print("lagebild: error: --local runs without Spark: drop --master/--remote", file=sys.stderr)
        return 2
    max_bytes = int(args.max_mb * 1024 * 1024)
    if args.local:
        from .batch import enrich_paths

        if os.path.exists(args.out):
            if not args.overwrite:
                print(f"lagebild: error: {args.out!r} exists already (give --overwrite)", file=sys.stderr)
                return 2
            shutil.rmtree(args.out)
        summary = enrich_paths(args.inputs, args.out, workers=args.workers, max_bytes=max_bytes)
    else:
        from .spark import enrich

        summary = enrich(
            args.inputs,
            args.out,
            master=args.master,
            remote=args.remote,
            partitions=args.partitions,
            max_bytes=max_bytes,
            overwrite=args.overwrite,
        )
    if args.json:
        print(json.dumps({**summary, "out": args.out}))
    else:
        print(f"{summary['rows']} rows ({summary['errors']} bad items) in {args.out}")
    return 0 if summary["errors"] == 0 else 1
