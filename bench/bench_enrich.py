"""Benchmark: enrichment (sentences, times, NER + gazetteer, resolution, quotes, embedding + topic)
on real German news.

Usage:  .venv/bin/python bench/bench_enrich.py [--n 1028] [--workers N] [--ingest]

1. Per stage, one process: the stages of ``enrich_many`` on n 10kGNAD articles in batches of
   16 (the NER batched, the rest per article), models loaded beforehand; wall and CPU ms per
   article, and a check that the staged run gives what ``enrich_many`` gives.
2. End to end: the n articles are stored without enrichment (``ingest(..., enriched=False)``),
   then ``pipeline.reenrich`` -- what ``lagebild enrich`` runs -- enriches them again with the
   default worker processes, writes each article's enrichment and rebuilds the grouping. This
   part runs in a fresh process, so its peak RSS is that of the command alone: main process
   (``RUSAGE_SELF``) and the largest worker (``RUSAGE_CHILDREN``).
3. ``--ingest``: the whole ``ingest`` (read + clean + enrich + store + grouping) as well.

The machine may be shared: load averages before and after each part are printed, and CPU
seconds per article (all processes; main = the writer, which also loads the models before the
workers fork) beside the wall rates, with the rate they allow on otherwise idle cores (an
estimate: CPU seconds per article / cores).  Prints Markdown rows for
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import corpus_texts, rss_mb, write_text_corpus  # noqa: E402

from lagebild.clean import clean  # noqa: E402
from lagebild.enrich import enrich_many, topic  # noqa: E402
from lagebild.enrich.stage import _ner_many  # noqa: E402
from lagebild.enrich.embed import embed  # noqa: E402
from lagebild.enrich.quotes import find_quotes  # noqa: E402
from lagebild.enrich.resolve import resolve  # noqa: E402
from lagebild.enrich.sentences import split_sentences  # noqa: E402
from lagebild.enrich.timex import find_times, sentence_dates  # noqa: E402
from lagebild.model import Article  # noqa: E402

BATCH = 16


def _load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def _cpu() -> float:
    """CPU seconds of this process and its (waited-for) children so far."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _articles(n: int) -> list[Article]:
    return [clean(Article(origins=[f"b{i}"], raw=t, raw_bytes=t.encode(), base=t)) for i, t in enumerate(corpus_texts(n))]


def stages(n: int) -> None:
    # enrich() leaves an article unenriched when no language was detected (1 of 1 028)
    arts = [a for a in _articles(n) if a.language == "de"]
    n = len(arts)
    enrich_many(arts[:2])  # load every model once, outside the timings
    wall: dict[str, float] = defaultdict(float)
    cpu: dict[str, float] = defaultdict(float)
    words = sum(len(a.text.split()) for a in arts)

    class clock:  # noqa: N801
        def __init__(self, key: str) -> None:
            self.key = key

        def __enter__(self) -> None:
            self.t, self.c = time.perf_counter(), time.process_time()

        def __exit__(self, *_: object) -> None:
            wall[self.key] += time.perf_counter() - self.t
            cpu[self.key] += time.process_time() - self.c

    load0 = _load()
    t_all, c_all = time.perf_counter(), time.process_time()
    staged = []
    for i in range(0, n, BATCH):
        batch = arts[i : i + BATCH]
        spans = {}
        for a in batch:
            with clock("sentences"):
                spans[id(a)] = split_sentences(a.text, "de")
            with clock("times"):
                ts = find_times(a.text, anchor=a.published, lang="de")
                sentence_dates(a.text, spans[id(a)], ts, anchor=a.published)
        with clock("NER (batch of 16)"):
            found = _ner_many(batch)
        for a, ner_spans in zip(batch, found, strict=True):
            with clock("entity resolution + gazetteer"):
                ents = resolve(a.text, ner_spans)
            with clock("quotes"):
                qs = find_quotes(a.text, spans[id(a)], lang="de", entities=ents)
            with clock("embedding + topic"):
                vecs = embed(topic.passages(a.title, a.text))
                topic.section_from_vectors(vecs)
            staged.append((ents, qs))
    total, total_cpu = time.perf_counter() - t_all, time.process_time() - c_all
    print(f"## per stage, one process, {n} articles (avg {words / n:.0f} words), load {load0} -> {_load()}\n")
    print("| stage | wall ms/article | CPU ms/article | share of CPU |")
    print("|---|---|---|---|")
    for k in wall:
        print(f"| {k} | {wall[k] / n * 1000:.1f} | {cpu[k] / n * 1000:.1f} | {cpu[k] / total_cpu:.0%} |")
    print(f"| **all** | **{total / n * 1000:.1f}** | **{total_cpu / n * 1000:.1f}** | |")
    print(f"\none process: **{n / total:.1f} articles/s** wall, {total_cpu / n:.3f} CPU s/article; "
          f"NER {words / cpu['NER (batch of 16)']:,.0f} words per CPU second; peak RSS {rss_mb():.0f} MB")  # fmt: skip
    # the staged run is enrich_many's work, in the same order
    again = [a for i in range(0, n, BATCH) for a in enrich_many(arts[i : i + BATCH])]
    same = all(a.entities == e and a.quotes == q for a, (e, q) in zip(again, staged, strict=True))
    print(f"staged run == enrich_many: {same}")


def end_to_end(n: int, workers: int | None, with_ingest: bool) -> dict[str, object]:
    """Runs in a fresh process (see main)."""
    from lagebild import pipeline
    from lagebild.pipeline import ingest, reenrich
    from lagebild.store import Store

    out: dict[str, object] = {"n": n}
    warm = pipeline._warm
    warm_cpu: list[float] = []

    def timed_warm(*args: object) -> None:  # the main process's model loading before the fork
        c0 = time.process_time()
        warm(*args)  # type: ignore[arg-type]
        warm_cpu.append(time.process_time() - c0)

    pipeline._warm = timed_warm  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_text_corpus(Path(tmp) / "in", n)
        with Store(Path(tmp) / "e.db") as store:
            report = ingest([str(corpus)], store, enriched=False)
            assert not report.failed, report.as_dict()
            out["n"] = n = store.count()  # 10kGNAD repeats a few texts: stored once
            enriched_at: list[float] = []
            out["load_before"] = _load()
            t, c = time.perf_counter(), _cpu()
            c_self = resource.getrusage(resource.RUSAGE_SELF)
            done = reenrich(store, workers=workers, progress=lambda *_: enriched_at.append(time.perf_counter()))
            out["wall"] = time.perf_counter() - t
            out["cpu"] = _cpu() - c
            c_self2 = resource.getrusage(resource.RUSAGE_SELF)
            out["cpu_main"] = c_self2.ru_utime + c_self2.ru_stime - c_self.ru_utime - c_self.ru_stime
            out["cpu_warm"] = sum(warm_cpu)
            out["enrich_wall"] = enriched_at[-1] - t
            out["load_after"] = _load()
            assert done == n
            out["entities"] = store.conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
            out["grouping"] = _grouping_digest(store)
        out["rss_main"] = rss_mb()
        out["rss_worker"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        if with_ingest:
            with Store(Path(tmp) / "i.db") as store:
                load0 = _load()
                t, c = time.perf_counter(), _cpu()
                report = ingest([str(corpus)], store, workers=workers)
                out["ingest_wall"] = time.perf_counter() - t
                out["ingest_cpu"] = _cpu() - c
                out["ingest_load"] = f"{load0} -> {_load()}"
                assert not report.failed
            out["ingest_rss_main"] = rss_mb()
            out["ingest_rss_worker"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return out


def _grouping_digest(store: object) -> str:
    """sha1 of the grouping the run built (each article's duplicate, event, storyline and
    MinHash): a speed change must leave it as it was."""
    import hashlib

    h = hashlib.sha1()
    for r in store.conn.execute(  # type: ignore[attr-defined]
        "SELECT g.article_id, g.duplicate_of, g.event_id, e.storyline_id, g.day, g.minhash"
        " FROM group_articles g JOIN events e ON e.id = g.event_id ORDER BY g.article_id"
    ):
        h.update(repr(tuple(x.hex() if isinstance(x, bytes) else x for x in r)).encode())
    return h.hexdigest()[:12]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1028)
    ap.add_argument("--workers", type=int, default=None, help="worker processes (default: the library's)")
    ap.add_argument("--ingest", action="store_true", help="also time the whole ingest with enrichment")
    ap.add_argument("--skip-stages", action="store_true")
    ap.add_argument("--e2e-child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.e2e_child:
        print(json.dumps(end_to_end(args.n, args.workers, args.ingest)))
        return
    if not args.skip_stages:
        stages(args.n)
    cmd = [sys.executable, __file__, "--e2e-child", "--n", str(args.n)]
    cmd += ["--workers", str(args.workers)] if args.workers else []
    cmd += ["--ingest"] if args.ingest else []
    r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
    workers = args.workers or min(2, os.cpu_count() or 1)
    print(f"\n## `lagebild enrich` (pipeline.reenrich), {workers} worker processes + 1 writer, {n_(r)} stored articles\n")
    print("| articles/s (all) | enrich + write | CPU s/article (main) | idle-machine estimate | peak RSS main "
          "| peak RSS worker | load |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    # what the CPU seconds allow when the command has the cores to itself (an estimate: it assumes
    # every core busy all the time; the writer waits for the workers at the start and the end)
    cores = min(workers + 1, os.cpu_count() or 1)
    print(f"| **{r['n'] / r['wall']:.1f}** ({r['wall']:.1f} s, incl. grouping rebuild) | {r['n'] / r['enrich_wall']:.1f}/s "
          f"| {r['cpu'] / r['n']:.3f} ({r['cpu_main'] / r['n']:.3f}) | ~{cores * r['n'] / r['cpu']:.1f}/s on {cores} cores "
          f"| {r['rss_main']:.0f} MB | {r['rss_worker']:.0f} MB | {r['load_before']} -> {r['load_after']} |")  # fmt: skip
    print(f"\nmain process: {r['cpu_main'] / r['n']:.3f} CPU s per article, of it {r['cpu_warm']:.1f} CPU s "
          f"({r['cpu_warm'] / r['n']:.3f} per article) loading the models before the workers fork")  # fmt: skip
    print(f"\n{r['entities']:,} mentions; grouping sha1 {r['grouping']}")
    if args.ingest:
        print(f"\nfull `ingest` of {args.n} files (read+clean+enrich+store+grouping): **{args.n / r['ingest_wall']:.1f} items/s** "
              f"({r['ingest_wall']:.1f} s, {r['ingest_cpu'] / args.n:.3f} CPU s/item), peak RSS main "
              f"{r['ingest_rss_main']:.0f} MB, worker {r['ingest_rss_worker']:.0f} MB, load {r['ingest_load']}")  # fmt: skip


def n_(r: dict[str, object]) -> str:
    return f"{r['n']:,}"


if __name__ == "__main__":
    main()
