"""Benchmark: read + clean + store throughput (no enrichment: bench_enrich.py) and peak memory on >= 10 000 real German articles.

Usage:  .venv/bin/python bench/bench_ingest.py [--n 10000] [--stage all|read|clean]
Prints a Markdown table row; docs/benchmarks.md records the numbers with this command.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import rss_mb, write_text_corpus  # noqa: E402

from lagebild.clean import clean  # noqa: E402
from lagebild.ingest import read  # noqa: E402
from lagebild.model import Article  # noqa: E402
from lagebild.pipeline import ingest  # noqa: E402
from lagebild.store import Store  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_text_corpus(Path(tmp) / "in", args.n)
        base_rss = rss_mb()

        t = time.perf_counter()
        items = [x for x in read([str(corpus)]) if isinstance(x, Article)]
        t_read = time.perf_counter() - t

        t = time.perf_counter()
        for a in items:
            clean(a)
        t_clean = time.perf_counter() - t
        del items

        t = time.perf_counter()
        with Store(Path(tmp) / "bench.db") as store:
            report = ingest([str(corpus)], store, enriched=False)
        t_all = time.perf_counter() - t
        # a few 10kGNAD texts are the same article twice: they become one record, two origins
        assert len(report.added) + len(report.new_origin) == args.n and not report.failed, report.as_dict()

        t = time.perf_counter()
        with Store(Path(tmp) / "bench.db") as store:
            again = ingest([str(corpus)], store, enriched=False)
        t_again = time.perf_counter() - t
        assert len(again.known) == args.n, again.as_dict()
        peak = rss_mb()
    print(f"| articles | read | clean | read+clean+store | re-ingest (all known) | peak RSS |")
    print(f"|---|---|---|---|---|---|")
    print(
        f"| {args.n} | {args.n / t_read:,.0f}/s | {args.n / t_clean:,.0f}/s | "
        f"**{args.n / t_all:,.0f}/s** ({t_all:.1f} s) | {args.n / t_again:,.0f}/s | "
        f"{peak:.0f} MB (start {base_rss:.0f} MB) |"
    )


if __name__ == "__main__":
    main()
