"""Benchmark: CPU per web search request without and with "did you mean" (issue 13 §4, task J).

Usage:  .venv/bin/python bench/bench_web_suggest.py [--articles 20000] [--db /tmp/ws/s.db] [--rounds 3]

Builds (or reuses, ``--db``) the synthetic store of bench/bench_search.py (real 10kGNAD texts
written straight into the tables, ../shared/data; never committed), then requests
``/api/search`` and the ``/search`` page through the app in this process (FastAPI's
TestClient), for 20 queries with matches (one word from a title) and the same words with one
letter changed (mostly no matches), in keyword and hybrid mode.  Each round runs every set
twice, "before" (``SUGGEST_BELOW`` set to 0: no suggestion is ever asked for, the code path
before "did you mean" came to the web) and "after" (as shipped), alternating; the keyword
cache and the query-embedding cache are cleared before every request (uncached costs).  Prints
CPU ms per request (process CPU time: the client, the app and the store are one process), and
of the last "after" run how many requests had hits, asked the suggester, and showed a suggestion.
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
from bench_search import build, typo  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

import lagebild.web.search as web_search  # noqa: E402
from lagebild.search import SUGGEST_BELOW, suggest  # noqa: E402
from lagebild.search._keyword import clear_cache  # noqa: E402
from lagebild.search._semantic import query_vector  # noqa: E402
from lagebild.web import create_app  # noqa: E402


ASKED: list[str] = []  # the queries the app asked the suggester about


def _counting_suggest(conn, query: str):  # type: ignore[no-untyped-def]
    ASKED.append(query)
    return suggest(conn, query)


def cpu_ms(client: TestClient, url: str, queries: list[str], mode: str) -> tuple[float, int, int, int]:
    """(CPU ms per request, requests with hits, requests with a suggestion, requests stopped by
    the search's time budget: 400, counted, not failed)."""
    hits = offered = stopped = 0
    cpu = time.process_time()
    for q in queries:
        clear_cache()
        query_vector.cache_clear()
        r = client.get(url, params={"q": q, "mode": mode})
        if r.status_code == 400 or "its time budget" in r.text:
            stopped += 1
            continue
        assert r.status_code == 200, r.text[:200]
        if url == "/api/search":
            body = r.json()
            hits += body["total"] > 0
            offered += body["suggestion"] is not None
        else:
            hits += 'class="hit"' in r.text
            offered += 'id="suggestion"' in r.text
    return (time.process_time() - cpu) * 1000 / len(queries), hits, offered, stopped


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--db", type=Path, help="build the store here once and reuse it")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--queries", type=int, default=20)
    args = ap.parse_args()
    rng = random.Random(3)
    gnad = load_gnad()
    words = [w for _, t in gnad for w in t[:120].split() if len(w) > 5 and w[0].isupper() and w.isalpha()]
    found = rng.sample(words, args.queries)
    typos = [typo(w, rng) for w in found]
    path = args.db or Path("/tmp/bench_web_suggest.db")
    t = time.perf_counter()
    if not path.exists():
        from lagebild.enrich.embed import embed

        path.parent.mkdir(parents=True, exist_ok=True)
        build(path, args.articles, gnad, embed([t[:400] for _, t in gnad]), rng).close()
    built = time.perf_counter() - t
    web_search.suggest = _counting_suggest
    client = TestClient(create_app(path), base_url="http://127.0.0.1:8000")
    client.get("/api/search", params={"q": "Wien", "mode": "hybrid"})  # warm: models, matrix, pools
    client.get("/search", params={"q": "Wien", "mode": "hybrid"})
    print(f"store: {path} (built in {built:.0f} s); SUGGEST_BELOW = {SUGGEST_BELOW}")
    print("| request | mode | queries | before: CPU ms/request | after: CPU ms/request | with hits | asked (after) | suggested (after) | stopped (2 s budget) |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|")
    for url in ("/api/search", "/search"):
        for mode in ("keyword", "hybrid"):
            for name, queries in (("with hits", found), ("typo", typos)):
                before, after, stops = [], [], 0
                for _ in range(args.rounds):
                    web_search.SUGGEST_BELOW = 0
                    ms, _hits, _offered, stopped = cpu_ms(client, url, queries, mode)
                    before.append(ms)
                    web_search.SUGGEST_BELOW = SUGGEST_BELOW
                    ASKED.clear()
                    ms, hits, offered, stopped2 = cpu_ms(client, url, queries, mode)
                    after.append(ms)
                    stops += stopped + stopped2
                print(f"| {url} | {mode} | {name} | {statistics.median(before):.1f} | {statistics.median(after):.1f}"
                      f" | {hits}/{len(queries)} | {len(ASKED)}/{len(queries)} | {offered}/{len(queries)} | {stops}/{2 * args.rounds * len(queries)} |")  # fmt: skip


if __name__ == "__main__":
    main()
