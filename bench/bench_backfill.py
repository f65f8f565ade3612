"""Benchmark: backfill grouping in time partitions (``lagebild load --backfill``,
``lagebild.group.backfill``) against the sequential grouping of ``lagebild load`` (issue 14 §2).

Usage:
  .venv/bin/python bench/bench_backfill.py quality --gold polnear --split dev --db POL.db
  .venv/bin/python bench/bench_backfill.py time --db POL.db [--db SPK.db] [--pg]

``quality``: the gold scores of ``bench/eval_clustering.py --gold`` on a kept enriched store
(``--db``, built by eval_clustering), once grouped sequentially in the canonical order of
``load`` (publication day, id) and once by the backfill (``--partition-days``,
``--warmup-days``; one worker process: the result does not depend on the workers).  Score the
test split only once, at the end.

``time``: the grouping of the stores' articles (copied: SQLite; or, with ``--pg``, stored into
a fresh database of a throwaway PostgreSQL server, ``tests/pgserver.py``), sequential and then
backfill with ``--workers`` processes: wall seconds, CPU seconds of this process (the
sequential pass) and of the worker processes, how many articles changed event / storyline.
Each run starts from a forgotten grouping (``group.forget``) and ends with ``count_sources``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lagebild.group import count_sources, forget  # noqa: E402
from lagebild.group.backfill import BackfillOptions, backfill  # noqa: E402
from lagebild.load import _group  # noqa: E402
from lagebild.store import Store  # noqa: E402
from lagebild.store import grouping as _db  # noqa: E402


def order_of(store: Store) -> list[tuple[dt.date | None, str]]:
    """``(publication day, id)`` of every stored article."""
    return [(a.published, a.id) for a in store.iter_articles(full=False)]


def sequential(store: Store) -> None:
    """``lagebild load``'s grouping: every article in the canonical order (day, id)."""
    forget(store)
    _group(store, [a for _, a in sorted((d or dt.date.max, a) for d, a in order_of(store))])
    count_sources(store)


def backfilled(store: Store, opts: BackfillOptions) -> None:
    forget(store)
    backfill(store, order_of(store), opts)
    count_sources(store)


def assignments(store: Store) -> tuple[dict[str, str], dict[str, str]]:
    """article -> event, article -> storyline."""
    ev, st = {}, {}
    for _, aid in order_of(store):
        placed = _db.placement(store.db, aid)
        if placed is not None:
            ev[aid], st[aid] = placed.event_id, placed.storyline_id
    return ev, st


def _cpu() -> tuple[float, float]:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def timed(fn, *args) -> dict[str, float]:
    (m0, k0), t0 = _cpu(), time.perf_counter()
    fn(*args)
    (m1, k1), t1 = _cpu(), time.perf_counter()
    return {"wall": t1 - t0, "cpu_main": m1 - m0, "cpu_workers": k1 - k0}


def quality(args: argparse.Namespace) -> None:
    import eval_clustering
    import lagebild.group as group

    opts = BackfillOptions(partition_days=args.partition_days, warmup_days=args.warmup_days, workers=1)
    modes = {"sequential": lambda store, options=None: sequential(store),
             "backfill": lambda store, options=None: backfilled(store, opts)}  # fmt: skip
    kept = group.rebuild
    for name, fn in modes.items():
        group.rebuild = fn  # eval_clustering's kept-store path calls lagebild.group.rebuild
        try:
            res = eval_clustering._gold_scores(args.gold, args.split, args.db, 1)
        finally:
            group.rebuild = kept
        print(f"{name} ({args.gold} {args.split}, partitions {args.partition_days} d, warm-up "
              f"{args.warmup_days} d): {res['articles']} articles, {res['feed_storylines']} storylines")  # fmt: skip
        for level in ("events_members", "events_all", "storylines_members", "storylines_all"):
            s = res[level]
            print(f"  {level}: BCubed F1 {s['bcubed_f1']:.3f}  pairwise F1 {s['pairwise_f1']:.3f}"
                  f"  clusters {s['clusters']}")  # fmt: skip
        print(json.dumps({"mode": name, **{k: res[k] for k in ("events_members", "events_all",
              "storylines_members", "storylines_all")}}), flush=True)  # fmt: skip


def _pg_copy(server, src: Path) -> str:
    """A fresh PostgreSQL database holding the articles of the SQLite store ``src``."""
    url = server.migrated_database()
    with Store.open_readonly(src) as s, Store(url) as t:
        ids = [a for _, a in order_of(s)]
        for k in range(0, len(ids), 500):
            t.add_many([s.get(a) for a in ids[k : k + 500]])
    return url


def timing(args: argparse.Namespace) -> None:
    opts = BackfillOptions(partition_days=args.partition_days, warmup_days=args.warmup_days,
                           workers=args.workers)  # fmt: skip
    server = None
    if args.pg:
        from tests.pgserver import PgServer

        server = PgServer().start()
    print(f"{os.getloadavg()[0]:.1f} load average at the start (2-core machine)", file=sys.stderr)
    print("| store | database | articles | grouping | wall s | CPU s this process | CPU s workers"
          " | CPU ms/article | events | storylines | articles in another event / storyline |")
    print("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---|")
    try:
        with tempfile.TemporaryDirectory(prefix="lagebild-bench-backfill-") as tmp:
            for src in args.db:
                if server is not None:
                    target = _pg_copy(server, src)
                else:
                    target = os.path.join(tmp, src.name)
                    shutil.copy(src, target)
                with Store(target) as store:
                    n = len(order_of(store))
                    seq = timed(sequential, store)
                    ev0, st0 = assignments(store)
                    bf = timed(backfilled, store, opts)
                    ev1, st1 = assignments(store)
                db = "PostgreSQL" if server is not None else "SQLite"
                moved = (f"{sum(ev0[a] != ev1.get(a) for a in ev0)} / {sum(st0[a] != st1.get(a) for a in st0)}")
                for name, r, ev, st in (("sequential", seq, ev0, st0),
                                        (f"backfill {opts.workers} workers, {opts.partition_days} d", bf, ev1, st1)):
                    cpu = r["cpu_main"] + r["cpu_workers"]
                    print(f"| {src.name} | {db} | {n} | {name} | {r['wall']:.1f} | {r['cpu_main']:.1f}"
                          f" | {r['cpu_workers']:.1f} | {cpu * 1000 / n:.1f} | {len(set(ev.values()))}"
                          f" | {len(set(st.values()))} | {moved if name != 'sequential' else ''} |", flush=True)  # fmt: skip
                if server is not None:
                    server.drop_database(target)
    finally:
        print(f"{os.getloadavg()[0]:.1f} load average at the end", file=sys.stderr)
        if server is not None:
            server.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("what", choices=("quality", "time"))
    ap.add_argument("--db", type=Path, action="append", required=True, help="an enriched store (kept)")
    ap.add_argument("--gold", choices=("spkatt", "polnear"))
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--partition-days", type=int, default=30)
    ap.add_argument("--warmup-days", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--pg", action="store_true", help="time: on a throwaway PostgreSQL server")
    args = ap.parse_args()
    if args.what == "quality":
        if not args.gold or len(args.db) != 1 or not args.db[0].exists():
            raise SystemExit("quality needs --gold and one existing --db (bench/eval_clustering.py --db)")
        args.db = args.db[0]
        quality(args)
    else:
        timing(args)


if __name__ == "__main__":
    main()
