"""The cost of the case-blind source filter (``store/browse._SOURCES_NAMED``) against an exact one.

Usage:  .venv/bin/python bench/bench_source_filter.py [--articles 100000] [--sources 43] [--rounds 30]

A SQLite table with the store's filter columns and indexes (``articles_source``,
``articles_published``, the covering ``articles_search_filters``), ``--articles`` rows spread
over ``--sources`` sources, 2 KB of text each.  Three statements, each with ``a.source = ?``
(the filter before) and with ``a.source IN (<the stored spellings in any case>)``: a count, the
first page of an article list (newest first), and the covering-index check the filtered
keyword search makes for its matches (every 7th row).  Prints ms per statement (wall clock).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lagebild.store.browse import _SOURCES_NAMED  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--sources", type=int, default=43)
    ap.add_argument("--rounds", type=int, default=30)
    args = ap.parse_args()
    c = sqlite3.connect(":memory:")
    c.execute("CREATE TABLE articles(seq INTEGER PRIMARY KEY, id TEXT, source TEXT, language TEXT,"
              " published TEXT, section TEXT, section_predicted TEXT, text TEXT)")  # fmt: skip
    rnd = random.Random(1)
    sources = [f"src{i}" for i in range(args.sources - 1)] + ["dw"]
    c.executemany("INSERT INTO articles VALUES (?, ?, ?, 'de', ?, NULL, NULL, ?)", (
        (i, f"a{i}", rnd.choice(sources), f"2024-01-{i % 28 + 1:02d}", "x" * 2000) for i in range(args.articles)))
    c.execute("CREATE INDEX articles_source ON articles(source)")
    c.execute("CREATE INDEX articles_published ON articles(published)")
    c.execute("CREATE INDEX articles_search_filters ON articles(seq, source, language, published, section,"
              " section_predicted)")  # fmt: skip
    named = _SOURCES_NAMED.replace(":f_source", "?")
    matches = "[" + ",".join(str(i) for i in range(0, args.articles, 7)) + "]"

    def ms(sql: str, *params: object) -> float:
        t0 = time.perf_counter()
        for _ in range(args.rounds):
            c.execute(sql, params).fetchall()
        return (time.perf_counter() - t0) / args.rounds * 1000

    print(f"{args.articles} articles, {args.sources} sources: ms per statement")
    variants = (("exact a.source = ?", "a.source = ?", "dw"), ("any case (DW)", f"a.source IN ({named})", "DW"))
    for label, cond, typed in variants:
        count = ms(f"SELECT count(*) FROM articles a WHERE {cond}", typed)
        page = ms(f"SELECT id FROM articles a WHERE a.published IS NOT NULL AND {cond}"
                  " ORDER BY a.published DESC LIMIT 21", typed)  # fmt: skip
        check = ms("SELECT a.seq FROM articles a INDEXED BY articles_search_filters"
                   f" WHERE a.seq IN (SELECT value FROM json_each(?)) AND {cond}", matches, typed)  # fmt: skip
        print(f"{label:<20} count {count:6.2f}  list page {page:6.2f}  search check {check:6.2f}")


if __name__ == "__main__":
    main()
