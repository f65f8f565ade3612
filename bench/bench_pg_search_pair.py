"""Benchmark: PostgreSQL search before and after the spare connection, paired query by query.

Usage:
  .venv/bin/python bench/bench_pg_search_pair.py --db URL [--reps 2] [--seed 3] [--kinds hybrid,hybrid+filter]

One process, one store (a store built by ``bench_pg_search.py --only build``), two ``Store``
objects on it: *before* opens its engine without a pool (``NullPool``, the engine before
``create_engine(spare=True)``) and asks hybrid search one half after the other
(``_semantic.PARALLEL_PG`` off); *after* is the store as it opens now, hybrid asking the vector
index on the spare connection while the keyword part runs.  Each query is asked by both, one
after the other, alternating which goes first, so both see the same load (on a shared machine
the load moves more than the change does between two separate runs).  Every call pays for
embedding its query and for its keyword part (the caches are cleared).  Prints per kind the
client p50 / p95 ms of both, the client CPU ms per query, how many pages (ids and scores, and
the count) differ, and the load average.  Queries: as ``bench_pg_search.py`` (seed 3: the dev
queries; another seed: held out).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _corpus import load_gnad  # noqa: E402
from bench_search import FREQUENT  # noqa: E402

import lagebild.store.store as store_module  # noqa: E402
from lagebild.search import Filters, _semantic, search  # noqa: E402
from lagebild.search._keyword import clear_cache  # noqa: E402
from lagebild.search._semantic import query_vector  # noqa: E402
from lagebild.store import Store  # noqa: E402

KINDS = ("keyword", "frequent", "frequent+filter", "semantic", "hybrid", "hybrid+filter")


def _pct(xs: list[float], f: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(f * (len(xs) - 1) + 0.5))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True, help="a PostgreSQL URL of a built store")
    ap.add_argument("--reps", type=int, default=1, help="times each query set is asked")
    ap.add_argument("--seed", type=int, default=3, help="of the query sample (3: the dev queries)")
    ap.add_argument("--kinds", default=",".join(KINDS))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    words = [w for _, t in load_gnad() for w in t[:120].split() if len(w) > 5 and w[0].isupper() and w.isalpha()]
    qs = [" ".join(rng.sample(words, 1)) for _ in range(30)] + [" ".join(rng.sample(words, 2)) for _ in range(30)]
    real = store_module.create_engine
    store_module.create_engine = lambda t, **kw: real(t, **{**kw, "spare": False})
    try:
        old = Store(args.db)
    finally:
        store_module.create_engine = real
    new = Store(args.db)
    sides = {"before": (old, False), "after": (new, True)}
    for st, flag in sides.values():  # warm: the query model, the server's buffers, both connections
        _semantic.PARALLEL_PG = flag
        search(st.db, "Wien", mode="hybrid")
    dw = Filters(source="dw")
    spec = {
        "keyword": ("keyword", None, qs), "frequent": ("keyword", None, FREQUENT * 3),
        "frequent+filter": ("keyword", dw, FREQUENT * 3), "semantic": ("semantic", None, qs),
        "hybrid": ("hybrid", None, qs), "hybrid+filter": ("hybrid", dw, qs),
    }  # fmt: skip
    print(f"start {time.strftime('%H:%M:%S', time.gmtime())} UTC, load average {os.getloadavg()}")
    print("| kind | queries | before p50 / p95 ms | after p50 / p95 ms | CPU ms/query | pages differing | load |")
    print("|---|---|---|---|---|---|---|")
    for name in args.kinds.split(","):
        mode, filters, queries = spec[name]
        wall: dict[str, list[float]] = {s: [] for s in sides}
        cpu: dict[str, list[float]] = {s: [] for s in sides}
        differ, loads = 0, []
        for i, q in enumerate(queries * args.reps):
            pages = {}
            for side in list(sides) if i % 2 == 0 else list(sides)[::-1]:
                st, flag = sides[side]
                _semantic.PARALLEL_PG = flag
                clear_cache()
                query_vector.cache_clear()
                t, c = time.perf_counter(), time.process_time()
                hits, total = search(st.db, q, mode=mode, filters=filters, limit=20)
                wall[side].append((time.perf_counter() - t) * 1000)
                cpu[side].append((time.process_time() - c) * 1000)
                pages[side] = ([(h.id, h.score) for h in hits], total)
            differ += pages["before"] != pages["after"]
            loads.append(os.getloadavg()[0])
        b, a = wall["before"], wall["after"]
        print(f"| {name} | {len(b)} | {_pct(b, .5):.1f} / {_pct(b, .95):.1f} | {_pct(a, .5):.1f} / {_pct(a, .95):.1f}"
              f" | {statistics.mean(cpu['before']):.1f} -> {statistics.mean(cpu['after']):.1f} | {differ}"
              f" | {min(loads):.1f}-{max(loads):.1f} |", flush=True)  # fmt: skip
    old.close()
    new.close()


if __name__ == "__main__":
    main()
