"""Benchmark: `lagebild load` into PostgreSQL, row by row (``Store.add``) against ``COPY``
(``Store.add_many``, ``store/bulk_pg.py``) on the same Parquet (issue 14 §2).

Usage:
  .venv/bin/python bench/bench_pg_load.py --rows 5000 [--originals 500] [--parquet DIR]
  .venv/bin/python bench/bench_pg_load.py --rows 5000 --first 1000   # the first 1 000 rows of it

The Parquet is made once (kept under ``--parquet``, default ``/tmp/lagebild-bench-load``):
``--originals`` 10kGNAD articles written as text files and enriched by
``lagebild.batch.enrich_paths`` (the rows ``lagebild spark enrich`` writes: entities,
mentions, quotes, times, sentences, embedding), then copied until there are ``--rows``: copy
``k`` of a row has the sentence "Fassung k." after its text, its own id, origin and raw
bytes (a new article to the store, with the original's enrichment).

Then a throwaway PostgreSQL 18 (``tests/pgserver.py``, fsync on, ``shared_buffers=1GB``)
gets two empty databases, and ``lagebild.load.load(grouped=False)`` fills each: first with
every row through ``Store.add`` (the path before COPY), then with ``Store.add_many``.
Reported: seconds and client CPU of storing (the merge after it separately), rows/s, and the
CPU of the server process that served the load (the whole ``load()``, merge included; read
from ``/proc``: the throwaway server runs on this machine).
Grouping is left out: it is the same code after either path (``--group`` adds it once, after
COPY).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _corpus import write_text_corpus  # noqa: E402

from lagebild.store import Store  # noqa: E402


def parquet(folder: Path, rows: int, originals: int) -> Path:
    """The Parquet of ``rows`` enriched rows (made once)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from lagebild.batch import enrich_paths, row_schema

    out = folder / f"rows-{rows}-{originals}"
    if out.exists():
        return out
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_text_corpus(Path(tmp) / "in", originals)
        t = time.perf_counter()
        enrich_paths([os.fspath(corpus)], os.fspath(Path(tmp) / "rows"), workers=1)
        print(f"enriched {originals} originals in {time.perf_counter() - t:.0f} s", file=sys.stderr)
        base = [r for r in pq.read_table(Path(tmp) / "rows").to_pylist() if r["error"] is None]
    made = []
    for i in range(rows):
        r, k = base[i % len(base)], i // len(base)
        if k:
            text = f"{r['text']}\nFassung {k}."
            r = {**r, "text": text, "id": hashlib.sha256(text.encode()).hexdigest()[:16],
                 "origins": [f"fassung-{k}/{r['origins'][0]}"], "raw_bytes": r["raw_bytes"] + b" %d" % k}  # fmt: skip
        made.append(r)
    out.mkdir(parents=True)
    for j in range(0, rows, 1000):
        pq.write_table(pa.Table.from_pylist(made[j : j + 1000], schema=row_schema()), out / f"part-{j // 1000:03d}.parquet")
    return out


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system) of one server process so far (this machine's server)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def first(rows: Path, n: int) -> Path:
    """A folder with the first ``n`` rows of ``rows`` (made once)."""
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    out = rows.with_name(f"{rows.name}-first-{n}")
    if not out.exists():
        out.mkdir()
        pq.write_table(ds.dataset(rows, format="parquet").head(n), out / "part-000.parquet")
    return out


def run(url: str, rows: Path, *, one_by_one: bool, group: bool = False) -> dict[str, float]:
    from lagebild import load as load_module
    from lagebild import pipeline

    spent = {"store": 0.0, "store_cpu": 0.0, "merge": 0.0}
    add_many = Store.add_many

    def timed_add_many(self: Store, articles: list) -> list:
        t, c = time.perf_counter(), time.process_time()
        if one_by_one:
            out = []
            for a in articles:
                try:
                    out.append(self.add(a))
                except Exception as exc:  # noqa: BLE001
                    out.append(exc)
        else:
            out = add_many(self, articles)
        spent["store"] += time.perf_counter() - t
        spent["store_cpu"] += time.process_time() - c
        return out

    merge = pipeline._merge_entities

    def timed_merge(store: Store) -> None:
        t = time.perf_counter()
        merge(store)
        spent["merge"] += time.perf_counter() - t

    Store.add_many = timed_add_many  # type: ignore[method-assign]
    pipeline._merge_entities = timed_merge
    try:
        with Store(url) as store:
            backend = store.db.exec_driver_sql("SELECT pg_backend_pid()").scalar()
            s0 = server_cpu(backend)
            t = time.perf_counter()
            report = load_module.load(os.fspath(rows), store, grouped=group)
            spent["total"] = time.perf_counter() - t
            spent["server_cpu"] = server_cpu(backend) - s0
            spent["added"] = len(report.added)
            spent["failed"] = len(report.failed)
    finally:
        Store.add_many = add_many  # type: ignore[method-assign]
        pipeline._merge_entities = merge
    return spent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=5000)
    ap.add_argument("--originals", type=int, default=500)
    ap.add_argument("--parquet", default="/tmp/lagebild-bench-load")
    ap.add_argument("--group", action="store_true", help="group after the COPY load (timed in total)")
    ap.add_argument("--only", choices=("rows", "copy"), help="one of the two paths")
    ap.add_argument("--first", type=int, help="load only the first N rows of the Parquet")
    args = ap.parse_args()
    rows = parquet(Path(args.parquet), args.rows, args.originals)
    if args.first:
        rows = first(rows, args.first)
    from tests.pgserver import PgServer

    server = PgServer().start(
        durable=True,
        settings="-c shared_buffers=1GB -c maintenance_work_mem=1GB -c max_connections=50",
    )
    try:
        print(f"{os.getloadavg()[0]:.1f} load average at the start", file=sys.stderr)
        print("| path | rows added | store s (wall) | rows/s | client CPU ms/row | server CPU ms/row | merge s | load() s |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for name in ("rows", "copy"):
            if args.only and args.only != name:
                continue
            s = run(server.new_database(), rows, one_by_one=name == "rows", group=args.group and name == "copy")
            print(f"| {'Store.add per row' if name == 'rows' else 'COPY (add_many)'} | {s['added']:.0f}"
                  f" | {s['store']:.1f} | {s['added'] / s['store']:.0f} | {s['store_cpu'] * 1000 / s['added']:.2f}"
                  f" | {s['server_cpu'] * 1000 / s['added']:.2f}"
                  f" | {s['merge']:.1f} | {s['total']:.1f} |", flush=True)  # fmt: skip
        print(f"{os.getloadavg()[0]:.1f} load average at the end", file=sys.stderr)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
