"""``lagebild spark enrich``: batch enrichment to Parquet, on Spark or on this machine."""

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
    return {"spark": _cmd_spark}


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
