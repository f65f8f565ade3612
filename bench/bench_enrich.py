"""Benchmark: enrichment (sentences, NER + gazetteer, resolution, quotes, times) on real German news.

Usage:  .venv/bin/python bench/bench_enrich.py [--n 1000]
Runs clean+enrich on n 10kGNAD articles in one process (per-stage times), then a full
`ingest` with the default worker processes; prints Markdown rows for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import corpus_texts, rss_mb, write_text_corpus  # noqa: E402

from lagebild.clean import clean  # noqa: E402
from lagebild.enrich import ner  # noqa: E402
from lagebild.enrich.quotes import find_quotes  # noqa: E402
from lagebild.enrich.resolve import resolve  # noqa: E402
from lagebild.enrich.sentences import split_sentences  # noqa: E402
from lagebild.enrich.timex import find_times, sentence_dates  # noqa: E402
from lagebild.model import Article  # noqa: E402
from lagebild.pipeline import ingest  # noqa: E402
from lagebild.store import Store  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    args = ap.parse_args()
    texts = corpus_texts(args.n)
    arts = [clean(Article(origins=[f"b{i}"], raw=t, raw_bytes=t.encode(), base=t)) for i, t in enumerate(texts)]
    ner.get_nlp()  # load once, outside the timings
    spent: dict[str, float] = defaultdict(float)
    tokens = 0
    t_all = time.perf_counter()
    for a in arts:
        t = time.perf_counter()
        spans = split_sentences(a.text, "de")
        spent["sentences"] += time.perf_counter() - (t0 := t)
        t = time.perf_counter()
        times = find_times(a.text, anchor=None, lang="de")
        sentence_dates(a.text, spans, times, anchor=None)
        spent["times"] += time.perf_counter() - t
        t = time.perf_counter()
        doc_spans = ner.recognize_detailed(a.text)
        spent["ner"] += time.perf_counter() - t
        tokens += len(a.text.split())
        t = time.perf_counter()
        ents = resolve(a.text, doc_spans)
        spent["resolve"] += time.perf_counter() - t
        t = time.perf_counter()
        find_quotes(a.text, spans, lang="de", entities=ents)
        spent["quotes"] += time.perf_counter() - t
        del t0
    total = time.perf_counter() - t_all
    print("| stage | ms/article | share |")
    print("|---|---|---|")
    for k, v in spent.items():
        print(f"| {k} | {v / args.n * 1000:.1f} | {v / total:.0%} |")
    print(f"\none process: **{args.n / total:.1f} articles/s**, NER {tokens / spent['ner']:,.0f} words/s, "
          f"avg {tokens / args.n:.0f} words/article, peak RSS {rss_mb():.0f} MB")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_text_corpus(Path(tmp) / "in", args.n)
        t = time.perf_counter()
        with Store(Path(tmp) / "e.db") as store:
            report = ingest([str(corpus)], store)
        dt_ = time.perf_counter() - t
        assert not report.failed
    print(f"full `ingest` (read+clean+enrich+store, 2 worker processes): **{args.n / dt_:.1f} articles/s** "
          f"({dt_:.1f} s), peak RSS main {rss_mb():.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
