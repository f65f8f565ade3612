"""Benchmark: the laptop default (SQLite, in-process vectors) at 1 000 000 articles (issue 14 §3).

Usage:
  .venv/bin/python bench/bench_1m.py build --db /tmp/1m/s.db --articles 1000000   # resumable
  .venv/bin/python bench/bench_1m.py search --db /tmp/1m/s.db [--queries 60] [--recall]
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

``serve`` starts ``lagebild serve`` on the store and asks its search page, one client at a
time, then reads the worker's peak RSS (VmHWM) from /proc.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import datetime as dt
import hashlib
import random
import statistics
import sys
import tempfile
import time
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
    print(f"{len(bases)} originals ready in {time.perf_counter() - t0:.0f} s; store holds {have:,}", flush=True)
    noise = np.random.default_rng(have)
    raw = store.sqlite("bench build")
    for start in range(have, n, batch):
        stop = min(n, start + batch)
        t = time.perf_counter()
        idx = np.arange(start, stop) % len(bases)
        emb = vecs[idx] + noise.normal(0, 0.02, (stop - start, vecs.shape[1])).astype(np.float32)
        emb /= np.linalg.norm(emb, axis=1, keepdims=True)
        with store.begin() as conn:
            for j, i in enumerate(range(start, stop)):
                base = bases[i % len(bases)]
                variant = i // len(bases)
                rng = random.Random(i)
                a = copy.copy(base)  # (a shallow copy: lists are not touched below)
                a.id = hashlib.sha256(f"bench-1m-{i}".encode()).hexdigest()[:16]
                a.origins = [f"bench/{i // 1000:04d}/{i:07d}.txt"]
                a.text = f"{base.text}\nFassung {variant}." if variant else base.text
                a.source = SOURCES[i % len(SOURCES)]
                a.published = dt.date(2014 + i % 12, 1 + rng.randrange(12), 1 + rng.randrange(28))
                a.embedding = emb[j].tobytes()
                a.hints = dict(base.hints)
                key = hashlib.sha256(f"{i}\n{a.text}".encode()).hexdigest()  # (10kGNAD repeats a few texts)
                outcome, _ = store_articles.add_article(conn, a, key)
                if outcome != "added":
                    raise SystemExit(f"article {i} was not added: {outcome}")
                save_enrichment(conn, a)
                body = base.hints["fts_body"] + (f" fassung {variant}" if variant else "")
                if variant:  # (the words are spelled as in the original: its spellings are stored)
                    rowid = search_index.article_rowid(raw, a.id)
                    search_index.write_text(raw, rowid, base.hints["fts_title"], body, base.hints["fts_parts"])
                else:
                    index_article(
                        raw, a.id, a.title, a.text, a.language,
                        normalised=(base.hints["fts_title"], body, base.hints["fts_parts"]),
                    )  # fmt: skip
        print(f"{stop:,} articles ({(stop - start) / (time.perf_counter() - t):.0f}/s)", flush=True)
    store.close()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--db", type=Path, required=True)
    b.add_argument("--articles", type=int, default=1_000_000)
    b.add_argument("--batch", type=int, default=20_000)
    args = ap.parse_args()
    if args.cmd == "build":
        secs = build(args.db, args.articles, args.batch)
        print(f"build: {secs:.0f} s")


if __name__ == "__main__":
    main()
