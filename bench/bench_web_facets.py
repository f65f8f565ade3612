"""Benchmark: CPU per search page request without and with the facets of the matches (issue 13 §3).

Usage:  .venv/bin/python bench/bench_web_facets.py [--articles 20000] [--db /tmp/wf/s.db] [--rounds 3]

Builds (or reuses, ``--db``) the synthetic store of bench/bench_search.py (real 10kGNAD texts
written straight into the tables, ../shared/data; never committed) and links every article to 8
of 3 000 synthetic entities (Zipf-like: a few very common), then requests the ``/search`` page
through the app in this process (FastAPI's TestClient) for 20 title words and 5 frequent words,
in keyword and hybrid mode.  Each round runs every set twice, "before" (the facets of the
matches switched off: the page as it was) and "after" (as shipped), alternating; the keyword
cache and the query-embedding cache are cleared before every request.  Prints CPU ms per
request (client, app and store share the process) and how many "after" pages showed the facets
(a page over the facets' 0.5 s budget shows none).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import load_gnad  # noqa: E402
from bench_search import build  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

import lagebild.web.search as web_search  # noqa: E402
from lagebild.search._keyword import clear_cache  # noqa: E402
from lagebild.search._semantic import query_vector  # noqa: E402
from lagebild.web import create_app  # noqa: E402

FREQUENT = ["Regierung", "Wien", "Prozent", "Euro", "Österreich"]


def link_entities(path: Path, rng: random.Random, n_entities: int = 3000, per_article: int = 8) -> None:
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO entities (id, name, type, aliases) VALUES (?, ?, 'PER', '[]')",
                     [(f"lb:per:e{i}", f"Person {i}") for i in range(n_entities)])  # fmt: skip
    weights = [1 / (i + 1) for i in range(n_entities)]
    ids = [aid for (aid,) in conn.execute("SELECT id FROM articles")]
    rows = []
    for aid in ids:
        for e in set(rng.choices(range(n_entities), weights, k=per_article)):
            rows.append((aid, f"lb:per:e{e}", f"Person {e}", "[]"))
    conn.executemany("INSERT INTO article_entities (article_id, entity_id, name, aliases) VALUES (?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    conn.close()


def cpu_ms(client: TestClient, queries: list[str], mode: str) -> tuple[float, int]:
    shown = 0
    cpu = time.process_time()
    for q in queries:
        clear_cache()
        query_vector.cache_clear()
        r = client.get("/search", params={"q": q, "mode": mode})
        assert r.status_code == 200, r.text[:200]
        shown += 'id="hit-facets"' in r.text
    return (time.process_time() - cpu) * 1000 / len(queries), shown


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--db", type=Path, help="build the store here once and reuse it")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    rng = random.Random(3)
    gnad = load_gnad()
    words = [w for _, t in gnad for w in t[:120].split() if len(w) > 5 and w[0].isupper() and w.isalpha()]
    found = rng.sample(words, 20)
    path = args.db or Path("/tmp/bench_web_facets.db")
    t = time.perf_counter()
    if not path.exists():
        from lagebild.enrich.embed import embed

        path.parent.mkdir(parents=True, exist_ok=True)
        build(path, args.articles, gnad, embed([t[:400] for _, t in gnad]), rng).close()
        link_entities(path, rng)
    built = time.perf_counter() - t
    client = TestClient(create_app(path), base_url="http://127.0.0.1:8000")
    client.get("/search", params={"q": "Wien", "mode": "hybrid"})  # warm: models, matrix, pools
    print(f"store: {path}, {args.articles} articles (built in {built:.0f} s)")
    print("| mode | queries | before: CPU ms/page | after: CPU ms/page | pages with facets (after) |")
    print("|---|---|---:|---:|---:|")
    for mode in ("keyword", "hybrid"):
        for name, queries in (("title words (20)", found), ("frequent words (5)", FREQUENT)):
            before, after, shown = [], [], 0
            for _ in range(args.rounds):
                web_search.FACETS_OF_MATCHES = False
                before.append(cpu_ms(client, queries, mode)[0])
                web_search.FACETS_OF_MATCHES = True
                ms, shown = cpu_ms(client, queries, mode)
                after.append(ms)
            print(f"| {mode} | {name} | {statistics.median(before):.1f} | {statistics.median(after):.1f} | {shown}/{len(queries)} |")


if __name__ == "__main__":
    main()
