"""Benchmark: placing every article of an enriched store again — CPU and statements per article.

Usage:  .venv/bin/python bench/bench_regroup.py STORE.db [--rounds 3]
        .venv/bin/python bench/bench_regroup.py STORE.db --link COEF.json [--link-threshold 0.5]
        .venv/bin/python bench/bench_regroup.py STORE.db --postgresql [--rounds 3]

``STORE.db`` is an enriched store (e.g. the one ``bench/eval_clustering.py --gold spkatt --db
/tmp/spk.db`` keeps); it is copied, never changed.  With ``--postgresql`` its articles (with
their enrichment, as stored) are copied into a fresh database on a throwaway PostgreSQL 18
server (``tests/pgserver.py``) and placed there.  The grouping features of every article are
computed once; then, per round, the grouping is forgotten and every article is placed again
in storage order, 64 per transaction as ``rebuild`` does (each transaction takes the grouping
writer's lock first).  Reported: CPU seconds of this process for the placements alone (best
round; on PostgreSQL the server's CPU is not in it, so also wall seconds), statements per
placed article (SQLite: every statement the database ran; PostgreSQL: every execution
SQLAlchemy sent and every deferred write, and the round trips: a pipeline of deferred writes
is one), the grouping's size, and a digest of all placements (event, storyline,
canonical of every article): equal digests = the same grouping, so two commits, or the two
backends, can be compared on the same store.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from lagebild.group import GroupOptions, _assign, forget, group_fields, pending  # noqa: E402
from lagebild.group._features import features  # noqa: E402
from lagebild.store import Store, _sql  # noqa: E402
from lagebild.store.grouping import lock_grouping  # noqa: E402


def _copy_to_postgresql(src: Path, url: str) -> None:
    """Every article of ``src`` (raw bytes, edits, enrichment as stored) into ``url``."""
    with Store(src) as a, Store(url) as b:
        for aid in a.article_ids():
            b.add(a.get(aid))


def _counter(store: Store) -> tuple[list[int], object]:
    count = [0]
    if store.dialect == "sqlite":
        store.conn.set_trace_callback(lambda _s: count.__setitem__(0, count[0] + 1))
        return count, lambda: store.conn.set_trace_callback(None)

    def seen(*_a: object) -> None:
        count[0] += 1

    sa.event.listen(store.db, "before_cursor_execute", seen)
    # writes that grouping defers (store/_sql.py defer_writes) go in pipelines: count[1]
    # statements in count[2] pipelines (one round trip each)
    count += [0, 0]
    real = _sql.flush_writes

    def flush(conn: object, queue: list | None = None) -> None:
        items = conn.info.get(_sql._DEFERRED) if queue is None else queue  # type: ignore[attr-defined]
        if items:
            count[1] += len(items)
            count[2] += 1
        real(conn, queue)  # type: ignore[arg-type]

    _sql.flush_writes = flush  # type: ignore[assignment]

    def stop() -> None:
        sa.event.remove(store.db, "before_cursor_execute", seen)
        _sql.flush_writes = real  # type: ignore[assignment]

    return count, stop


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--postgresql", action="store_true", help="place on a throwaway PostgreSQL")
    ap.add_argument("--link", default="", help="the learned storyline link (a coefficients JSON"
                    " of bench/fit_storyline_links.py; see eval_clustering --link)")
    ap.add_argument("--link-threshold", type=float, default=0.5)
    ap.add_argument("--set", action="append", default=[],
                    help="StorylineOptions name=value (events.NAME for EventOptions)")
    args = ap.parse_args(argv)
    opts = GroupOptions()
    if args.set:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from trace_merges import options

        opts = options(args.set)  # type: ignore[assignment]
    if args.link:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from eval_clustering import link_options

        opts = link_options(args.link, args.link_threshold)
    server = None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "regroup.db"
        shutil.copy(args.db, path)
        target: str = str(path)
        if args.postgresql:
            from tests.pgserver import PgServer

            server = PgServer().start()
            target = server.new_database()
            t0 = time.perf_counter()
            _copy_to_postgresql(path, target)
            print(f"copied to PostgreSQL in {time.perf_counter() - t0:.1f} s")
        try:
            _bench(target, args.rounds, opts)
        finally:
            if server is not None:
                server.stop()


def _bench(target: str, rounds: int, opts: GroupOptions) -> None:
    with Store(target) as store:
        forget(store)
        ids = pending(store)
        t0 = time.process_time()
        todo = [(aid, features(store.get(aid))) for aid in ids]
        t_feat = time.process_time() - t0
        cpu: list[float] = []
        wall: list[float] = []
        statements = 0
        trips: int | None = None
        for _ in range(rounds):
            forget(store)
            count, stop = _counter(store)
            t0, w0 = time.process_time(), time.perf_counter()
            for k in range(0, len(todo), 64):
                with store.begin() as conn:
                    lock_grouping(conn)
                    for aid, feats in todo[k : k + 64]:
                        _assign(conn, aid, feats, opts)
            cpu.append(time.process_time() - t0)
            wall.append(time.perf_counter() - w0)
            stop()  # type: ignore[operator]
            batches = (len(todo) + 63) // 64
            # without BEGIN/COMMIT (SQLite) or the lock (PostgreSQL: BEGIN/COMMIT go past the hook)
            statements = count[0] - 2 * batches if store.dialect == "sqlite" else count[0] + count[1] - batches
            trips = count[0] + count[2] - batches if store.dialect != "sqlite" else None
        # what a grouping run adds once at its end: the storylines joined by their thread words
        # and the independent sources of every group it changed (here: all of them), stored for
        # the lists (None: a lagebild without it; older ones take no options and do not join)
        try:
            from lagebild.group import count_sources
        except ImportError:
            count_sources = None
        t_src = None
        if count_sources is not None:
            import inspect

            t0 = time.process_time()
            if len(inspect.signature(count_sources).parameters) > 1:
                count_sources(store, opts)
            else:
                count_sources(store)
            t_src = time.process_time() - t0
        lookup = group_fields(store)
        places = [lookup(aid) for aid in ids]
    digest = hashlib.sha256(
        "\n".join(f"{aid} {p['event']} {p['storyline']} {p['duplicate_of']}"
                  for aid, p in sorted(zip(ids, places, strict=True))).encode()
    ).hexdigest()[:16]  # fmt: skip
    n = max(len(ids), 1)
    print(f"backend: {store.dialect}")
    print(f"articles: {len(ids)}  events: {len({p['event'] for p in places})}"
          f"  storylines: {len({p['storyline'] for p in places})}")  # fmt: skip
    print(f"features: {t_feat:.2f} s CPU ({1000 * t_feat / n:.2f} ms/article)")
    print(f"placement: best {min(cpu):.2f} s CPU ({1000 * min(cpu) / n:.2f} ms/article),"
          f" rounds {', '.join(f'{c:.2f}' for c in cpu)}; wall best {min(wall):.2f} s"
          f" ({1000 * min(wall) / n:.2f} ms/article)")  # fmt: skip
    print(f"statements per placed article: {statements / n:.1f}")
    if trips is not None:
        print(f"round trips per placed article: {trips / n:.1f} (deferred writes: one pipeline each)")
    if t_src is not None:
        print(f"end of the run (storylines joined, sources counted): {t_src:.2f} s CPU"
              f" ({1000 * t_src / n:.2f} ms/article)")
    print(f"placements digest: {digest}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
