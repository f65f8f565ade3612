"""Benchmark: search latency (keyword, semantic, hybrid, filtered, did-you-mean) at 1 000 to 100 000 articles.

Usage:  .venv/bin/python bench/bench_search.py [--sizes 1000,10000,100000] [--queries 60]
        .venv/bin/python bench/bench_search.py --sizes 100000 --db /tmp/search100k/s.db   # build once, reuse

The corpus is built from the real 10kGNAD articles (bench/_corpus.py), written straight into
the store's tables (articles, search index with compound heads, spellings, embeddings) for
speed: the real embeddings of the 1 028 articles are reused with small random perturbations for
the copies.  Queries are one or two words taken from real article titles, so most have matches;
the did-you-mean queries are the same words with one letter changed.  Every mode pays for
embedding its queries.  Prints Markdown rows: wall-clock p50/p95 and CPU ms per query (process
CPU time, which does not count waiting for a busy machine).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import load_gnad, rss_mb  # noqa: E402

from lagebild.search import Filters, compound_heads, normalise, search, suggest  # noqa: E402

try:
    from lagebild.search._index import remember_spellings
    from lagebild.search._keyword import clear_cache
    from lagebild.search._semantic import query_vector
except ImportError:  # lagebild before the search package was split (a before/after run, PYTHONPATH=old)
    from lagebild.search import _query_vector as query_vector  # type: ignore[attr-defined,no-redef]
    from lagebild.search import _remember_spellings as remember_spellings  # type: ignore[attr-defined,no-redef]

    def clear_cache() -> None:
        pass

# Frequent words (the web bench's search page asks for `Regierung`): thousands of matches each.
FREQUENT = ["Regierung", "Wien", "Regierung Wien", "Prozent", "Österreich", "Jahr", "Millionen", "Polizei",
            "Euro", "Präsident"]
from lagebild.store import Store  # noqa: E402


def build(path: Path, n: int, gnad: list[tuple[str, str]], vecs: np.ndarray, rng: random.Random) -> Store:
    store = Store(path)
    conn = store.conn
    conn.execute("BEGIN")
    conn.execute("INSERT INTO raws (sha256, bytes, size) VALUES ('bench', x'00', 1)")
    normed = [(normalise(t[:120]), normalise(t), compound_heads(t)) for _, t in gnad]
    nrng = np.random.default_rng(1)
    for i in range(n):
        label, text = gnad[i % len(gnad)]
        aid = f"{i:016x}"
        day = f"20{14 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        conn.execute(
            "INSERT INTO articles (id, format, raw_sha256, encoding, text, title, title_raw, source, section,"
            " published, published_from, agencies, language, flags, added_at)"
            " VALUES (?, 'text', 'bench', 'utf-8', ?, ?, '', ?, ?, ?, 'record', '[]', 'de', '[]', '')",
            (aid, text, text[:120], rng.choice(["standard", "dw", "toi"]), label, day),
        )
        rowid = conn.execute("SELECT last_insert_rowid()").fetchone()[0]
        t_norm, b_norm, parts = normed[i % len(gnad)]
        conn.execute(
            "INSERT INTO search_fts (rowid, title, body, parts) VALUES (?, ?, ?, ?)", (rowid, t_norm, b_norm, parts)
        )
        v = vecs[i % len(gnad)] + (nrng.normal(0, 0.02, vecs.shape[1]).astype(np.float32) if i >= len(gnad) else 0)
        v = (v / np.linalg.norm(v)).astype(np.float32)
        conn.execute(
            "INSERT INTO embeddings (article_id, model, dim, vector) VALUES (?, 'use-multilingual-v3', 512, ?)",
            (aid, v.tobytes()),
        )
    for _, text in gnad:  # the copies spell their words as the originals do
        remember_spellings(conn, text)
    conn.execute("COMMIT")
    return store


def typo(word: str, rng: random.Random) -> str:
    """The word with one letter (not the first) replaced."""
    i = rng.randrange(1, len(word))
    return word[:i] + rng.choice("aeinrstu".replace(word[i], "")) + word[i + 1 :]


def timed(fn, queries: list[str]) -> tuple[float, float, float]:
    """(p50 ms, p95 ms, CPU ms per query) of fn over the queries."""
    times = []
    cpu = time.process_time()
    for q in queries:
        t = time.perf_counter()
        fn(q)
        times.append((time.perf_counter() - t) * 1000)
    cpu = (time.process_time() - cpu) * 1000 / len(queries)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--queries", type=int, default=60)
    ap.add_argument("--recall", action="store_true", help="also semantic recall@10 against exact float32 cosine")
    ap.add_argument("--db", type=Path, help="build the store here once and reuse it (one size only)")
    ap.add_argument(
        "--modes", default="keyword,semantic,hybrid,keyword+filter,hybrid+filter,suggest,frequent,frequent+filter"
    )
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    if args.db and len(sizes) != 1:
        raise SystemExit("--db takes one size")
    rng = random.Random(3)
    gnad = load_gnad()
    words = [w for _, t in gnad for w in t[:120].split() if len(w) > 5 and w[0].isupper() and w.isalpha()]
    queries = [" ".join(rng.sample(words, 1)) for _ in range(args.queries // 2)]
    queries += [" ".join(rng.sample(words, 2)) for _ in range(args.queries - len(queries))]
    typos = [" ".join(typo(w, rng) for w in q.split()) for q in queries]
    vecs = None
    print("| articles | mode | p50 ms | p95 ms | CPU ms/query | build s | RSS MB |")
    print("|---|---|---|---|---|---|---|")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path = args.db or Path(tmp) / "s.db"
            t = time.perf_counter()
            if path.exists():
                store = Store(path)
            else:
                if vecs is None:
                    from lagebild.enrich.embed import embed

                    vecs = embed([t[:400] for _, t in gnad])
                path.parent.mkdir(parents=True, exist_ok=True)
                store = build(path, n, gnad, vecs, rng)
            built = time.perf_counter() - t
            search(store.conn, "Wien", mode="hybrid")  # warm: embedding matrix and query model
            dw = Filters(source="dw")
            runs = {
                "keyword": lambda q: search(store.conn, q, mode="keyword", limit=20),
                "semantic": lambda q: search(store.conn, q, mode="semantic", limit=20),
                "hybrid": lambda q: search(store.conn, q, mode="hybrid", limit=20),
                "keyword+filter": lambda q: search(store.conn, q, mode="keyword", filters=dw, limit=20),
                "hybrid+filter": lambda q: search(store.conn, q, mode="hybrid", filters=dw, limit=20),
                "suggest": lambda q: suggest(store.conn, q),
                "frequent": lambda q: search(store.conn, q, mode="keyword", limit=20),
                "frequent+filter": lambda q: search(store.conn, q, mode="keyword", filters=dw, limit=20),
            }
            sets = {"suggest": typos, "frequent": FREQUENT * 3, "frequent+filter": FREQUENT * 3}
            for mode in args.modes.split(","):
                query_vector.cache_clear()  # every mode pays for embedding its queries ...
                run = runs[mode]
                # ... and for its keyword part: no cached counts or rankings from another mode
                p50, p95, cpu = timed(lambda q, run=run: (clear_cache(), run(q)), sets.get(mode, queries))
                print(f"| {n:,} | {mode} | {p50:.1f} | {p95:.1f} | {cpu:.1f} | {built:.0f} | {rss_mb():.0f} |")
            if args.recall:
                print(f"| {n:,} | semantic recall@10 vs exact float32 | {recall_at_10(store, queries):.3f} | | | | |")
            store.close()


def recall_at_10(store: Store, queries: list[str]) -> float:
    """Mean share of the exact (float32, all 512 dimensions, every article) top 10 from
    MIN_SIMILARITY on that the library's semantic search (PCA pre-selection, float16
    re-scoring) returns among its top 10."""
    from lagebild.search._semantic import MIN_SIMILARITY, semantic
    from lagebild.store import search_index

    rows = search_index.embedding_rows(store.conn, 0)
    rowids = np.array([r[1] for r in rows])
    vecs = np.frombuffer(b"".join(r[2] for r in rows), dtype=np.float32).reshape(len(rows), -1)
    shares = []
    for q in queries:
        qv = query_vector(q)
        s = vecs @ qv
        top = np.argsort(-s)[:10]
        exact = {int(rowids[i]) for i in top if s[i] >= MIN_SIMILARITY}
        if not exact:
            continue
        got = {r for r, _ in semantic(store.conn, qv, None, 100)[:10]}
        shares.append(len(exact & got) / len(exact))
    return float(np.mean(shares))


if __name__ == "__main__":
    main()
