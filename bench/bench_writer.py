"""Benchmark: the writer (main process) of `lagebild enrich` alone, without the workers.

Usage:  .venv/bin/python bench/bench_writer.py prep [--n 1028]   # enrich once, pickle to /tmp
        .venv/bin/python bench/bench_writer.py run [--n 1028]    # replay the writer, CPU s

``prep`` stores n 10kGNAD articles unenriched, enriches them in this process as the workers
would (``pipeline._enrich_chunk`` per batch) and pickles the batches.  ``run`` stores the same
articles again, drops the grouping and replays what ``pipeline.reenrich`` does after the workers:
``_write_enriched`` (enrichment rows + online grouping per batch), source counts, entity merge,
vectors; CPU seconds per article, the mention count and the grouping digest (see
bench_enrich.py).  A pickle made on one tree replays on another (``PYTHONPATH=DIR -P``).
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import write_text_corpus  # noqa: E402
from bench_enrich import _grouping_digest  # noqa: E402

from lagebild import pipeline  # noqa: E402
from lagebild.store import Store  # noqa: E402


def _stored(tmp: str, n: int) -> Store:
    corpus = write_text_corpus(Path(tmp) / "in", n)
    store = Store(Path(tmp) / "w.db")
    report = pipeline.ingest([str(corpus)], store, enriched=False)
    assert not report.failed
    return store


def prep(n: int, out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = _stored(tmp, n)
        batches = []
        for chunk in pipeline._chunks(store.article_ids(), pipeline._CHUNK):
            batches.append(pipeline._enrich_chunk([pipeline._for_enrichment(a) for a in store.get_many(chunk)]))
        store.close()
    out.write_bytes(pickle.dumps(batches))
    print(f"{sum(map(len, batches))} enriched articles -> {out}")


def run(n: int, src: Path) -> None:
    from lagebild.group import forget

    batches = pickle.loads(src.read_bytes())
    with tempfile.TemporaryDirectory() as tmp:
        store = _stored(tmp, n)
        forget(store)
        c = time.process_time()
        done = pipeline._write_enriched(store, batches, None)
        pipeline._count_sources(store)
        pipeline._merge_entities(store)
        pipeline._sync_vectors(store)
        cpu = time.process_time() - c
        mentions = store.conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
        print(f"writer: {done} articles, {cpu:.2f} CPU s = {cpu / done * 1000:.1f} CPU ms per article; "
              f"{mentions:,} mentions; grouping sha1 {_grouping_digest(store)}")  # fmt: skip
        store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("what", choices=["prep", "run"])
    ap.add_argument("--n", type=int, default=1028)
    ap.add_argument("--pickle", type=Path, default=None, help="default /tmp/lagebild_writer_<n>.pkl")
    args = ap.parse_args()
    path = args.pickle or Path(tempfile.gettempdir()) / f"lagebild_writer_{args.n}.pkl"
    (prep if args.what == "prep" else run)(args.n, path)


if __name__ == "__main__":
    main()
