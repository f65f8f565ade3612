"""Benchmark: grouping (duplicates, events, storylines) — time to add one article as the store grows.

Usage:  .venv/bin/python bench/bench_group.py [--sizes 1000,10000,100000] [--probe 50]
        .venv/bin/python bench/bench_group.py --stories     # BCubed / pairwise F1 on tests/data/stories
        .venv/bin/python bench/bench_group.py --dups 2000   # duplicate detection on 10kGNAD variants

The synthetic corpus is built from real text (10kGNAD, ../shared/data): every article glues
paragraphs of two or three DER STANDARD articles, so articles are distinct (no MinHash
duplicates); its entities are the gazetteer entities of those articles, its embedding the
normalised mean of their USE embeddings plus noise, its date 2020-01-01 + i // 200 days
(200 articles a day).  Articles go through ``Store.add`` and ``group.assign`` like an ingest.
At each size the time of ``assign`` for ``--probe`` further articles is measured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
from _corpus import load_gnad, rss_mb  # noqa: E402

from lagebild.group import GroupOptions, _assign, assign  # noqa: E402
from lagebild.group._features import features  # noqa: E402
from lagebild.model import Article, Entity, Mention, Sentence  # noqa: E402
from lagebild.store import Store  # noqa: E402
from lagebild.store.grouping import lock_grouping  # noqa: E402
from lagebild.store.stories import count_events, count_storylines  # noqa: E402


def _current_rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Synth:
    def __init__(self, seed: int = 7) -> None:
        from lagebild.enrich.embed import embed
        from lagebild.enrich.resolve import resolve

        self.rng = random.Random(seed)
        gnad = load_gnad()
        self.paras = [[p for p in t.split(". ") if p] for _, t in gnad]
        self.texts = [t for _, t in gnad]
        t0 = time.perf_counter()
        self.embs = embed([t[:400] for t in self.texts])
        self.ents = [resolve(t, []) for t in self.texts]
        print(
            f"prepared {len(self.texts)} source texts in {time.perf_counter() - t0:.1f} s",
            file=sys.stderr,
        )

    def article(self, i: int) -> Article:
        rng = self.rng
        srcs = rng.sample(range(len(self.texts)), rng.choice((2, 3)))
        parts = []
        for s in srcs:
            sents = self.paras[s]
            k = rng.randrange(max(1, len(sents) - 3))
            parts.append(". ".join(sents[k : k + 4]))
        text = "\n".join(parts) + f"\nMeldung {i}."
        title = parts[0][:90]
        emb = self.embs[srcs].mean(axis=0) + np.random.default_rng(i).normal(0, 0.02, 512)
        emb = (emb / np.linalg.norm(emb)).astype(np.float32)
        ents = {}
        for s in srcs:
            for e in self.ents[s]:
                ents.setdefault(
                    e.id,
                    Entity(
                        id=e.id,
                        name=e.name,
                        type=e.type,
                        mentions=[Mention(text=e.name, start=0, end=1)],
                    ),
                )
        day = dt.date(2020, 1, 1) + dt.timedelta(days=i // 200)
        return Article(
            id=hashlib.sha256(f"bench{i}".encode()).hexdigest()[:16], origins=[f"bench:{i}"], raw=text,
            raw_bytes=text.encode(), base=text, text=text, title=title, language="de", published=day,
            published_from="sidecar", sentences=[Sentence(start=0, end=len(text), date=day.isoformat(), date_from="published")],
            entities=list(ents.values()), embedding=emb.tobytes(),
        )  # fmt: skip


def scaling(sizes: list[int], probe: int) -> None:
    synth = Synth()
    rows = []
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        n = 0
        t_fill = time.perf_counter()
        for size in sizes:
            while n < size:
                # Filling: the same online step, 500 articles per transaction (only to fill faster;
                # the probes below use the public assign(), one transaction each, like an ingest).
                batch = [synth.article(n + k) for k in range(min(500, size - n))]
                for a in batch:
                    store.add(a)
                with store.begin() as conn:
                    lock_grouping(conn)
                    for a in batch:
                        _assign(conn, a.id, features(a), GroupOptions())
                n += len(batch)
                if n % 10000 == 0:
                    print(
                        f"  {n} articles, {time.perf_counter() - t_fill:.0f} s",
                        file=sys.stderr,
                        flush=True,
                    )
            times = []
            for _ in range(probe):
                a = synth.article(n)
                store.add(a)
                t = time.perf_counter()
                assign(store, a)
                times.append((time.perf_counter() - t) * 1000)
                n += 1
            events, stories = count_events(store.db), count_storylines(store.db)
            row = {
                "stored": size, "assign_ms_median": round(statistics.median(times), 2),
                "assign_ms_p90": round(sorted(times)[int(0.9 * len(times))], 2), "events": events,
                "storylines": stories, "rss_mb": round(_current_rss_mb()), "peak_rss_mb": round(rss_mb()),
            }  # fmt: skip
            rows.append(row)
            print(json.dumps(row), flush=True)
    print(
        "\n| stored articles | assign one article (median) | p90 | events | storylines | RSS | peak RSS |"
    )
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['stored']:,} | {r['assign_ms_median']} ms | {r['assign_ms_p90']} ms | {r['events']:,} |"
              f" {r['storylines']:,} | {r['rss_mb']} MB | {r['peak_rss_mb']} MB |")  # fmt: skip


# -- quality ------------------------------------------------------------------


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    items = list(gold)
    p = r = 0.0
    for i in items:
        same_pred = {j for j in items if pred[j] == pred[i]}
        same_gold = {j for j in items if gold[j] == gold[i]}
        both = len(same_pred & same_gold)
        p += both / len(same_pred)
        r += both / len(same_gold)
    p, r = p / len(items), r / len(items)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def pairwise(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    items = sorted(gold)
    tp = fp = fn = 0
    for a in range(len(items)):
        for b in range(a + 1, len(items)):
            sp = pred[items[a]] == pred[items[b]]
            sg = gold[items[a]] == gold[items[b]]
            tp += sp and sg
            fp += sp and not sg
            fn += sg and not sp
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


STORY_GOLD = {  # file stem -> (event, storyline); see tests/data/stories/README.md
    "000_2f3c4013e66b6cb0": ("seoul-2023", "korea"), "001_784126eb85bf30a5": ("statement-2024", "korea"),
    "muenchen_tagesschau": ("munich-2025", "korea"), "muenchen_agentur": ("munich-2025", "korea"),
    "munich_en": ("munich-2025", "korea"), "haushalt_berlin": ("haushalt-2025", "haushalt"),
    "haushalt_berlin_2": ("haushalt-2025", "haushalt"), "stromausfall_spanien": ("blackout-2025", "blackout"),
    "marche_fr": ("fr-2025", "fr"),
}  # fmt: skip


def stories() -> None:
    from lagebild.pipeline import ingest

    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "s.db") as store:
        ingest([str(root / "examples"), str(root / "tests" / "data" / "stories")], store, workers=1)
        rows = store.conn.execute(
            "SELECT o.origin, g.event_id, e.storyline_id FROM origins o JOIN group_articles g"
            " ON g.article_id = o.article_id JOIN events e ON e.id = g.event_id"
        ).fetchall()
    pred_ev = {Path(o).stem: ev for o, ev, _ in rows}
    pred_st = {Path(o).stem: st for o, _, st in rows}
    for level, pred, k in (("events", pred_ev, 0), ("storylines", pred_st, 1)):
        gold = {s: g[k] for s, g in STORY_GOLD.items()}
        b, pw = bcubed(pred, gold), pairwise(pred, gold)
        print(
            f"{level}: BCubed P/R/F1 {b[0]:.3f}/{b[1]:.3f}/{b[2]:.3f}  pairwise P/R/F1 {pw[0]:.3f}/{pw[1]:.3f}/{pw[2]:.3f}"
        )


def dups(n: int) -> None:
    """Duplicate detection on 10kGNAD: light edits and agency re-copies vs distinct articles."""
    from lagebild.group._features import features, jaccard
    from lagebild.group.duplicates import DUPLICATE_JACCARD

    rng = random.Random(3)
    gnad = [t for _, t in load_gnad()][: n // 2]
    pairs = []
    for t in gnad:
        sents = t.split(". ")
        edited = list(sents)
        for _ in range(max(1, len(sents) // 8)):  # light edits: a dropped or changed sentence
            k = rng.randrange(len(edited))
            edited[k] = edited[k].replace(" und ", " sowie ", 1) if rng.random() < 0.5 else ""
        pairs.append((t, ". ".join(s for s in edited if s) + " (APA)", True))
    for i in range(len(gnad)):
        pairs.append((gnad[i], gnad[(i + 1) % len(gnad)], False))
    tp = fp = fn = 0
    for a, b, same in pairs:
        fa = features(Article(text=a))
        fb = features(Article(text=b))
        pred = (
            fa.minhash is not None
            and fb.minhash is not None
            and jaccard(fa.minhash, fb.minhash) >= DUPLICATE_JACCARD
        )
        tp += pred and same
        fp += pred and not same
        fn += same and not pred
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    print(
        f"duplicates ({len(pairs)} pairs): P {p:.3f} R {r:.3f} F1 {2 * p * r / max(p + r, 1e-9):.3f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--probe", type=int, default=50)
    ap.add_argument("--stories", action="store_true")
    ap.add_argument("--dups", type=int, default=0)
    args = ap.parse_args()
    if args.stories:
        stories()
    elif args.dups:
        dups(args.dups)
    else:
        scaling([int(x) for x in args.sizes.split(",")], args.probe)


if __name__ == "__main__":
    main()
