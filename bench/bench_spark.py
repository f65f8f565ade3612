"""Benchmark: CPU per article of batch enrichment, the local pool vs Spark local[2].

Usage:  .venv/bin/python bench/bench_spark.py [--n 200] [--workers 2] [--partitions 4]

Writes n raw-article files from 10kGNAD (../shared/data, see bench/_corpus.py) to a temporary
folder, then runs, each as its own process tree:

1. ``lagebild spark enrich DIR --out … --local --workers W`` (this machine's process pool)
2. ``lagebild spark enrich DIR --out … --master local[W] --partitions P`` (Spark: the JVM and
   its Python workers)
3. both commands on one article: the start-up cost (Spark: JVM, session, Python workers
   loading the models; local: the models)

CPU is user + system time of every process in the tree (sampled from /proc every 0.2 s; a
process's last value before it ends is kept), so the JVM and Spark's Python workers count.
Prints one JSON object; the Parquet outputs are compared row for row.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import write_text_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LAGEBILD = [sys.executable, "-m", "lagebild.cli"]
TICK = os.sysconf("SC_CLK_TCK")


def _tree_cpu(root: int, seen: dict[int, float]) -> None:
    """Add the CPU seconds of ``root`` and its descendants to ``seen`` (pid -> last value)."""
    children: dict[int, list[int]] = {}
    stats: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        stats[pid] = (int(fields[11]) + int(fields[12])) / TICK
    todo = [root]
    while todo:
        pid = todo.pop()
        if pid in stats:
            seen[pid] = max(seen.get(pid, 0.0), stats[pid])
        todo.extend(children.get(pid, []))


def run(cmd: list[str]) -> dict[str, float]:
    seen: dict[int, float] = {}
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    while proc.poll() is None:
        _tree_cpu(proc.pid, seen)
        time.sleep(0.2)
    wall = time.perf_counter() - t0
    out = proc.stdout.read().decode() if proc.stdout else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {out}")
    return {"wall_s": round(wall, 1), "cpu_s": round(sum(seen.values()), 1), "summary": json.loads(out)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--partitions", type=int, default=4)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="lb-bench-spark-"))
    try:
        corpus, one = tmp / "in", tmp / "one"
        write_text_corpus(corpus, args.n)
        one.mkdir()
        shutil.copy(next(corpus.rglob("*.txt")), one / "a.txt")
        common = ["spark", "enrich", "--json"]
        local = run([*LAGEBILD, *common, str(corpus), "--out", str(tmp / "local"), "--local",
                     "--workers", str(args.workers)])  # fmt: skip
        spark_cmd = [*common, "--master", f"local[{args.workers}]", "--partitions", str(args.partitions)]
        spark = run([*LAGEBILD, *spark_cmd, str(corpus), "--out", str(tmp / "spark")])
        start = run([*LAGEBILD, *spark_cmd, str(one), "--out", str(tmp / "start")])
        local_start = run([*LAGEBILD, *common, str(one), "--out", str(tmp / "local-start"), "--local"])
        import pyarrow.dataset as ds

        def rows(path: Path) -> list[dict]:
            return sorted(ds.dataset(path, format="parquet").to_table().to_pylist(), key=lambda r: r["origins"][0])

        same = rows(tmp / "local") == rows(tmp / "spark")
        n = args.n
        result = {
            "articles": n,
            "local_pool": {**local, "cpu_ms_per_article": round(1000 * local["cpu_s"] / n, 1)},
            "spark_local": {**spark, "cpu_ms_per_article": round(1000 * spark["cpu_s"] / n, 1)},
            "spark_one_article": start,
            "local_one_article": local_start,
            "spark_overhead_pct": round(100 * (spark["cpu_s"] / local["cpu_s"] - 1), 1),
            # the per-article cost once both have started (their one-article runs subtracted)
            "spark_overhead_pct_without_startup": round(
                100 * ((spark["cpu_s"] - start["cpu_s"]) / max(local["cpu_s"] - local_start["cpu_s"], 1e-9) - 1), 1
            ),
            "rows_equal": same,
        }
        print(json.dumps(result, indent=1))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
