"""Benchmark: search latency (keyword, semantic, hybrid) at 1 000, 10 000 and 100 000 articles.

Usage:  .venv/bin/python bench/bench_search.py [--sizes 1000,10000,100000] [--queries 60]

The corpus is built from the real 10kGNAD articles (bench/_corpus.py), written straight into
the store's tables (articles, search index, embeddings) for speed: the real embeddings of the
1 028 articles are reused with small random perturbations for the copies.  Queries are two
words taken from real article titles, so most have matches.  Prints Markdown rows.
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

from lagebild.enrich.embed import embed  # noqa: E402
from lagebild.search import _query_vector, normalise, search  # noqa: E402
from lagebild.store import Store  # noqa: E402


def build(path: Path, n: int, gnad: list[tuple[str, str]], vecs: np.ndarray, rng: random.Random) -> Store:
    store = Store(path)
    conn = store.conn
    conn.execute("BEGIN")
    conn.execute("INSERT INTO raws (sha256, bytes, size) VALUES ('bench', x'00', 1)")
    normed = [(normalise(t[:120]), normalise(t)) for _, t in gnad]
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
        t_norm, b_norm = normed[i % len(gnad)]
        conn.execute("INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)", (rowid, t_norm, b_norm))
        v = vecs[i % len(gnad)] + (nrng.normal(0, 0.02, vecs.shape[1]).astype(np.float32) if i >= len(gnad) else 0)
        v = (v / np.linalg.norm(v)).astype(np.float32)
        conn.execute(
            "INSERT INTO embeddings (article_id, model, dim, vector) VALUES (?, 'use-multilingual-v3', 512, ?)",
            (aid, v.tobytes()),
        )
    conn.execute("COMMIT")
    return store


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--queries", type=int, default=60)
    args = ap.parse_args()
    rng = random.Random(3)
    gnad = load_gnad()
    vecs = embed([t[:400] for _, t in gnad])
    words = [w for _, t in gnad for w in t[:120].split() if len(w) > 5 and w[0].isupper() and w.isalpha()]
    queries = [" ".join(rng.sample(words, 1)) for _ in range(args.queries // 2)]
    queries += [" ".join(rng.sample(words, 2)) for _ in range(args.queries - len(queries))]
    print("| articles | mode | p50 ms | p95 ms | build s | RSS MB |")
    print("|---|---|---|---|---|---|")
    for n in (int(x) for x in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            store = build(Path(tmp) / "s.db", n, gnad, vecs, rng)
            built = time.perf_counter() - t
            search(store.conn, "Wien", mode="hybrid")  # warm: embedding matrix and query model
            for mode in ("keyword", "semantic", "hybrid"):
                times = []
                _query_vector.cache_clear()  # every mode pays for embedding its queries
                for q in queries:
                    t = time.perf_counter()
                    search(store.conn, q, mode=mode, limit=20)
                    times.append((time.perf_counter() - t) * 1000)
                times.sort()
                p95 = times[int(0.95 * (len(times) - 1))]
                print(f"| {n:,} | {mode} | {statistics.median(times):.1f} | {p95:.1f} | {built:.0f} | {rss_mb():.0f} |")
            store.close()


if __name__ == "__main__":
    main()
