"""Benchmark: the laptop default (SQLite, in-process vectors) at 1 000 000 articles (issue 14 §3).

Usage:
  .venv/bin/python bench/bench_1m.py build --db /tmp/1m/s.db --articles 1000000   # resumable
  .venv/bin/python bench/bench_1m.py search --db /tmp/1m/s.db [--queries 60] [--recall]
  .venv/bin/python bench/bench_1m.py search --db /tmp/1m/s.db --filters [--modes keyword] [--path old]
  .venv/bin/python bench/bench_1m.py serve --db /tmp/1m/s.db [--requests 60]

``build`` writes the store **through the store layer** (``lagebild.store.articles.add_article``,
``save_enrichment`` and the search index's ``index_article``, 20 000 articles per transaction):
the 1 028 real 10kGNAD articles (bench/_corpus.py) are cleaned once by the real cleaner, then
copied with a variant sentence ("Fassung N.") so that every copy is a distinct article; copies
share their original's raw bytes (one ``raws`` row per original, which saves ~3 GB of disk).
Embeddings: the real embedding of the original plus Gaussian noise (sigma 0.02 per dimension,
renormalised): random but clustered around 1 028 real points, of the real dimension (512).
Latency and memory are what this measures; semantic *quality* needs real embeddings
(bench/search_quality.py).  A build that was stopped goes on where it stopped.

``search`` runs keyword / semantic / hybrid queries (one or two words from real titles) in one
process: the first (cold) query of each mode, then p50/p95 over the rest, and the peak RSS.
``--recall`` adds recall@10 of the vector index against exact float32 cosine over all rows.
``--filters``: the same queries plus frequent words with each filter of ``FILTER_KINDS``;
``--path three|old`` measures the earlier paths (three statements; before migration 0203).

``serve`` starts ``lagebild serve`` on the store and asks its search page, one client at a
time, then reads the worker's peak RSS (VmHWM) from /proc.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import hashlib
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import load_gnad, write_text_corpus  # noqa: E402

from lagebild.store import Store  # noqa: E402

SOURCES = ["standard", "dw", "toi", "apa", "orf"]


def originals() -> tuple[list, np.ndarray]:
    """The 1 028 10kGNAD articles, read and cleaned as ingest does, with their search terms
    prepared and their real embeddings."""
    from lagebild.clean import clean
    from lagebild.enrich.embed import embed
    from lagebild.ingest import read
    from lagebild.model import Article
    from lagebild.search._index import prepare

    n = len(load_gnad())
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_text_corpus(Path(tmp) / "in", n)
        items = [clean(x) for x in read([str(corpus)]) if isinstance(x, Article)]
    for a in items:
        prepare(a)
    vecs = embed([f"{a.title}\n{a.text[:400]}" for a in items])
    return items, np.asarray(vecs, dtype=np.float32)


def synthetic(bases: list, i: int, embedding: np.ndarray, tag: str) -> tuple[object, str, str, int]:
    """The ``i``-th synthetic article: a copy of original ``i % len(bases)`` with its own id,
    origin, source, date and embedding; the copies of round ``n > 0`` end in "Fassung n".
    Returns (article, content key, the body words it is indexed under, round)."""
    base = bases[i % len(bases)]
    variant = i // len(bases)
    rng = random.Random(i)
    a = copy.copy(base)  # (a shallow copy: lists are not touched)
    a.id = hashlib.sha256(f"{tag}-{i}".encode()).hexdigest()[:16]
    a.origins = [f"bench/{i // 1000:04d}/{i:07d}.txt"]
    a.text = f"{base.text}\nFassung {variant}." if variant else base.text
    a.source = SOURCES[i % len(SOURCES)]
    a.published = dt.date(2014 + i % 12, 1 + rng.randrange(12), 1 + rng.randrange(28))
    a.embedding = np.asarray(embedding, dtype=np.float32).tobytes()
    a.hints = dict(base.hints)
    key = hashlib.sha256(f"{i}\n{a.text}".encode()).hexdigest()  # (10kGNAD repeats a few texts)
    body = base.hints["fts_body"] + (f" fassung {variant}" if variant else "")
    return a, key, body, variant


def batches(
    bases: list, vecs: np.ndarray, first: int, n: int, size: int, tag: str
) -> Iterator[tuple[int, int, list[tuple]]]:
    """(start, stop, [(i, article, key, body, round), ...]) of the synthetic articles
    ``first`` … ``n - 1`` in batches of ``size``; the embeddings are the originals' plus
    noise (σ 0.02, seeded by ``first``), normalised."""
    noise = np.random.default_rng(first)
    for start in range(first, n, size):
        stop = min(n, start + size)
        idx = np.arange(start, stop) % len(bases)
        emb = vecs[idx] + noise.normal(0, 0.02, (stop - start, vecs.shape[1])).astype(np.float32)
        emb /= np.linalg.norm(emb, axis=1, keepdims=True)
        yield start, stop, [(i, *synthetic(bases, i, emb[j], tag)) for j, i in enumerate(range(start, stop))]


def build(path: Path, n: int, batch: int = 20_000) -> float:
    """Write articles until the store holds ``n``; return the seconds spent."""
    from lagebild.search._index import index_article
    from lagebild.store import articles as store_articles
    from lagebild.store import search_index
    from lagebild.store.enrichment import save_enrichment

    path.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    store = Store(path)
    have = store.count()
    if have >= n:
        store.close()
        return 0.0
    bases, vecs = originals()
    print(
        f"{len(bases)} originals ready in {time.perf_counter() - t0:.0f} s; store holds {have:,}",
        flush=True,
    )
    raw = store.sqlite("bench build")
    t = time.perf_counter()
    for start, stop, items in batches(bases, vecs, have, n, batch, "bench-1m"):
        with store.begin() as conn:
            for i, a, key, body, variant in items:
                base = bases[i % len(bases)]
                outcome, _ = store_articles.add_article(conn, a, key)
                if outcome != "added":
                    raise SystemExit(f"article {i} was not added: {outcome}")
                save_enrichment(conn, a)
                if variant:  # (the words are spelled as in the original: its spellings are stored)
                    rowid = search_index.article_seq(raw, a.id)
                    search_index.write_text(
                        raw, rowid, base.hints["fts_title"], body, base.hints["fts_parts"]
                    )
                else:
                    index_article(
                        raw, a.id, a.title, a.text, a.language,
                        normalised=(base.hints["fts_title"], body, base.hints["fts_parts"]),
                    )  # fmt: skip
        print(f"{stop:,} articles ({(stop - start) / (time.perf_counter() - t):.0f}/s)", flush=True)
        t = time.perf_counter()
    store.close()
    return time.perf_counter() - t0


def queries(n: int, seed: int) -> list[str]:
    """One- and two-word queries from real article titles (as bench_search.py)."""
    rng = random.Random(seed)
    words = [
        w
        for _, t in load_gnad()
        for w in t[:120].split()
        if len(w) > 5 and w[0].isupper() and w.isalpha()
    ]
    out = [" ".join(rng.sample(words, 1)) for _ in range(n // 2)]
    return out + [" ".join(rng.sample(words, 2)) for _ in range(n - len(out))]


def memory() -> str:
    """This process's peak and current resident memory, the current split into private and file pages."""
    status = dict(
        line.split(":", 1)
        for line in Path("/proc/self/status").read_text().splitlines()
        if ":" in line
    )
    mb = {k: int(status[k].split()[0]) / 1024 for k in ("VmHWM", "VmRSS", "RssAnon", "RssFile")}
    return (f"peak {mb['VmHWM']:.0f} MB, now {mb['VmRSS']:.0f} MB "
            f"({mb['RssAnon']:.0f} private + {mb['RssFile']:.0f} mapped files)")  # fmt: skip


def bench_search(path: Path, n_queries: int, fresh_index: bool) -> None:
    """Cold and warm keyword / semantic / hybrid queries in this process."""
    from lagebild.search import search
    from lagebild.search._keyword import clear_cache
    from lagebild.search._semantic import _matrix, query_vector

    if fresh_index:
        shutil.rmtree(str(path) + "-vectors", ignore_errors=True)
    store = Store(path)
    conn = store.db
    print(f"store open: {memory()}", flush=True)
    t = time.perf_counter()
    query_vector("Regierung")
    print(f"embedding model loaded: {time.perf_counter() - t:.1f} s; {memory()}", flush=True)
    t = time.perf_counter()
    m = _matrix(conn)
    what = "built from the store" if fresh_index else "mapped"
    print(
        f"vector index {what}: {time.perf_counter() - t:.1f} s, {m.n:,} rows, {len(m.centroids) if m.centroids is not None else 0} lists; {memory()}",
        flush=True,
    )
    qs = queries(n_queries, 3)
    print("| mode | first (cold) ms | p50 ms | p95 ms | max ms | CPU ms/query |")
    print("|---|---|---|---|---|---|")
    for mode in ("keyword", "semantic", "hybrid"):
        query_vector.cache_clear()  # every mode pays for embedding its queries
        times = []
        cpu = time.process_time()
        for q in qs:
            clear_cache()
            t = time.perf_counter()
            search(conn, q, mode=mode, limit=20)
            times.append((time.perf_counter() - t) * 1000)
        cpu = (time.process_time() - cpu) * 1000 / len(qs)
        first, rest = times[0], sorted(times[1:])
        print(
            f"| {mode} | {first:.0f} | {statistics.median(rest):.1f} | {rest[int(0.95 * (len(rest) - 1))]:.1f} | {rest[-1]:.0f} | {cpu:.1f} |",
            flush=True,
        )
    print(f"load average {os.getloadavg()[0]:.1f}; after the queries: {memory()}", flush=True)
    store.close()


# The filters of ``search --filters``: (name, Filters keyword arguments).  The bench store has
# 5 sources (one in 5 articles each), all German, the 9 10kGNAD sections, dates over 12 years.
FILTER_KINDS = [
    ("source=dw", {"source": "dw"}),
    ("language=de", {"language": "de"}),
    ("section=sport", {"section": "sport"}),
    ("year 2019", {"date_from": dt.date(2019, 1, 1), "date_to": dt.date(2019, 12, 31)}),
    ("month 2019-03", {"date_from": dt.date(2019, 3, 1), "date_to": dt.date(2019, 3, 31)}),
    ("dw + 2019", {"source": "dw", "date_from": dt.date(2019, 1, 1), "date_to": dt.date(2019, 12, 31)}),
]
# frequent words (the slow ones before the covering index: Kritik + source=dw 322 ms at 1 M)
FREQUENT = ["Kritik", "Insgesamt", "Wolfgang", "Sitzung", "Regierung", "Österreich"]


def _older_filtered_path(path: str) -> None:
    """Restore an earlier filtered search path, to measure before and after on one store:
    ``three``: the covering index, but count, n-th newest and ranking as three statements;
    ``old``: also the join with the article row and browse's condition (before 0203)."""
    from lagebild.store import search_fts, search_index
    from lagebild.store.search_index import Filters

    search_index.filtered_matches = lambda *a, **k: None  # type: ignore[assignment]
    if path == "three":
        return

    def old_from(where: str) -> str:
        if where == "1":
            return "FROM search_fts f WHERE search_fts MATCH ?"
        return f"FROM search_fts f CROSS JOIN articles a ON a.rowid = f.rowid WHERE search_fts MATCH ? AND {where}"

    search_fts._from = old_from
    Filters.index_sql = Filters.sql  # type: ignore[method-assign]


def bench_filtered(path: Path, n_queries: int, modes: list[str], variant: str) -> None:
    """p50/p95 of filtered searches per filter kind and mode: the bench's queries plus
    FREQUENT, keyword cache cleared before each query."""
    from lagebild.search import Filters, search
    from lagebild.search._keyword import clear_cache
    from lagebild.search._semantic import _matrix, query_vector

    if variant != "new":
        _older_filtered_path(variant)
    store = Store(path)
    conn = store.db
    query_vector("Regierung")
    _matrix(conn)
    qs = queries(n_queries, 3) + FREQUENT
    print(f"path {variant}; {len(qs)} queries "
          f"({len(FREQUENT)} frequent words among them); {memory()}")  # fmt: skip
    print("| filter | mode | p50 ms | p95 ms | max ms | slowest frequent word ms | CPU ms/query | CPU p95 ms |")
    print("|---|---|---|---|---|---|---|---|")
    for name, kw in FILTER_KINDS:
        f = Filters(**kw)
        for mode in modes:
            times, cpus = [], []
            for q in qs:
                clear_cache()
                t, c = time.perf_counter(), time.process_time()
                search(conn, q, mode=mode, limit=20, filters=f)
                times.append((time.perf_counter() - t) * 1000)
                cpus.append((time.process_time() - c) * 1000)
            freq, rest, cpu_sorted = max(times[-len(FREQUENT):]), sorted(times), sorted(cpus)
            p95 = int(0.95 * (len(rest) - 1))
            # (CPU: this process's, both threads of hybrid; on a shared machine wall time also
            # measures the other jobs, CPU time less so)
            print(
                f"| {name} | {mode} | {statistics.median(rest):.1f} | {rest[p95]:.1f} | "
                f"{rest[-1]:.0f} | {freq:.0f} | {statistics.mean(cpus):.1f} | {cpu_sorted[p95]:.1f} |",
                flush=True,
            )
    print(f"load average {os.getloadavg()[0]:.1f}; after the queries: {memory()}", flush=True)
    store.close()


def recall(path: Path, n_queries: int, seed: int = 4) -> None:
    """recall@10 of the vector index against exact float32 cosine over every stored embedding."""
    from lagebild.search._semantic import _matrix, query_vector
    from lagebild.store import search_index

    store = Store(path)
    conn = store.db
    qs = queries(n_queries, seed)  # (4: other queries than the timed ones; 5: to choose PROBE)
    qv = np.stack([query_vector(q) for q in qs]).astype(np.float32)
    best_s = np.full((len(qs), 10), -2.0, dtype=np.float32)
    best_r = np.zeros((len(qs), 10), dtype=np.int64)
    after = 0
    while rows := search_index.embedding_rows(conn, after, 50_000):
        vecs = np.frombuffer(b"".join(r[2] for r in rows), dtype=np.float32).reshape(len(rows), -1)
        rowids = np.array([r[1] for r in rows], dtype=np.int64)
        s = np.concatenate([best_s, qv @ vecs.T], axis=1)
        r = np.concatenate([best_r, np.broadcast_to(rowids, (len(qs), len(rows)))], axis=1)
        top = np.argpartition(-s, 9, axis=1)[:, :10]
        best_s, best_r = np.take_along_axis(s, top, 1), np.take_along_axis(r, top, 1)
        after = rows[-1][0]
    m = _matrix(conn)
    from lagebild.search._semantic import MIN_SIMILARITY

    shares, shown = [], []
    for i in range(len(qs)):
        idx, sc = m.scores(qv[i], 10)
        got = {int(m.rowids[j]) for j in idx[np.argsort(-sc)][:10]}
        shares.append(len(got & set(best_r[i].tolist())) / 10)
        # what search shows: the exact top 10 from MIN_SIMILARITY on
        exact = {int(r) for r, x in zip(best_r[i], best_s[i], strict=True) if x >= MIN_SIMILARITY}
        if exact:
            shown.append(len(got & exact) / len(exact))
    print(f"recall@10 of the vector index vs exact float32 over {m.n:,} rows, {len(qs)} queries: "
          f"{np.mean(shares):.3f} (min {min(shares):.1f}); of the hits from MIN_SIMILARITY on "
          f"({len(shown)} queries have some): {np.mean(shown) if shown else float('nan'):.3f}")  # fmt: skip
    store.close()


def bench_serve(path: Path, n_queries: int, port: int = 8765) -> None:
    """``lagebild serve`` on the store, one client asking /api/search; the worker's memory."""
    import httpx

    exe = Path(sys.executable).parent / "lagebild"
    proc = subprocess.Popen(
        [str(exe), "serve", "--db", str(path), "--port", str(port)], stderr=subprocess.DEVNULL
    )
    try:
        t = time.perf_counter()
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("server did not start") from None
                time.sleep(0.2)
        print(f"serve up in {time.perf_counter() - t:.1f} s")
        qs = queries(n_queries, 3)
        print("| mode | first (cold) ms | p50 ms | p95 ms | max ms |")
        print("|---|---|---|---|---|")
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            for mode in ("keyword", "semantic", "hybrid"):
                times = []
                for q in qs:
                    t = time.perf_counter()
                    r = client.get("/api/search", params={"q": q, "mode": mode, "limit": 20})
                    r.raise_for_status()
                    times.append((time.perf_counter() - t) * 1000)
                first, rest = times[0], sorted(times[1:])
                print(
                    f"| {mode} | {first:.0f} | {statistics.median(rest):.1f} | {rest[int(0.95 * (len(rest) - 1))]:.1f} | {rest[-1]:.0f} |",
                    flush=True,
                )
        status = Path(f"/proc/{proc.pid}/status").read_text()
        fields = {
            k: v.strip() for k, v in (x.split(":", 1) for x in status.splitlines() if ":" in x)
        }
        print(
            "serve worker: "
            + ", ".join(f"{k} {fields[k]}" for k in ("VmHWM", "VmRSS", "RssAnon", "RssFile"))
        )
    finally:
        proc.terminate()
        proc.wait(30)


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--db", type=Path, required=True)
    b.add_argument("--articles", type=int, default=1_000_000)
    b.add_argument("--batch", type=int, default=20_000)
    s = sub.add_parser("search")
    s.add_argument("--db", type=Path, required=True)
    s.add_argument("--queries", type=int, default=60)
    s.add_argument(
        "--fresh-index", action="store_true", help="delete the vector index first (time its build)"
    )
    s.add_argument("--recall", action="store_true", help="only recall@10 against exact float32")
    s.add_argument(
        "--filters", action="store_true", help="filtered searches per filter kind (FILTER_KINDS)"
    )
    s.add_argument(
        "--modes", default="keyword,semantic,hybrid", help="--filters: the modes, comma-separated"
    )
    s.add_argument(
        "--path", choices=["new", "three", "old"], default="new",
        help="--filters: new (one walk), three (statements, covering index), old (before 0203)",
    )  # fmt: skip
    s.add_argument(
        "--seed", type=int, default=4, help="--recall: query seed (5 was used to choose PROBE)"
    )
    s.add_argument(
        "--probe", type=int, help="lists scored per query (default: the library's PROBE)"
    )
    v = sub.add_parser("serve")
    v.add_argument("--db", type=Path, required=True)
    v.add_argument("--queries", type=int, default=60)
    args = ap.parse_args()
    if args.cmd == "build":
        secs = build(args.db, args.articles, args.batch)
        print(f"build: {secs:.0f} s")
        return
    if getattr(args, "probe", None):
        from lagebild.search import _vectors

        _vectors.PROBE = args.probe
    if args.cmd == "search" and args.recall:
        recall(args.db, args.queries, args.seed)
    elif args.cmd == "search" and args.filters:
        bench_filtered(args.db, args.queries, args.modes.split(","), args.path)
    elif args.cmd == "search":
        bench_search(args.db, args.queries, args.fresh_index)
    else:
        bench_serve(args.db, args.queries)


if __name__ == "__main__":
    main()
