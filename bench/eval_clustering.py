"""Clustering quality on public data with gold story/event labels (issue 4).

Runs lagebild's grouping (ingest with enrichment into a temporary store, as ``lagebild ingest``
does) on a public set whose articles carry gold cluster labels, and compares the stored
``event`` and ``storyline`` of every input record with the gold labels: BCubed and pairwise
precision / recall / F1 and the number of clusters.

Usage:
    .venv/bin/python bench/eval_clustering.py --gold spkatt --split dev     # issue 12 gold sets
    .venv/bin/python bench/eval_clustering.py --gold polnear --split dev --db /tmp/pol.db
    .venv/bin/python bench/eval_clustering.py --data PATH --format uci [--split test] [--limit N]
    .venv/bin/python bench/eval_clustering.py --data PATH --format uci --split dev --sweep 0.3,0.4
    .venv/bin/python bench/eval_clustering.py --data PATH --format wikinewssum
    .venv/bin/python bench/eval_clustering.py --data converted.jsonl --format jsonl

Formats (the data stays outside the repository; see docs/benchmarks.md for where it comes from):

``uci``
    UCI "News Aggregator" CSV (Gasparetti 2017, CC BY 4.0): columns ID, TITLE, URL, PUBLISHER,
    CATEGORY, STORY, HOSTNAME, TIMESTAMP; gold = STORY (a Google News story cluster). Only
    headlines: each record's text is its headline. Records are streamed in TIMESTAMP order.
    Used copy (first 6 366 rows of the original): GitHub ``pratikaher88/IPythonNotebooks`` at
    commit 8482bf77238c09f993e4e1a16c789bdc8c4a61fe, path ``uci-news-aggregator.csv``.
``wikinewssum``
    WikinewsSum JSON lines (Calizzano et al. 2022, MIT): one Wikinews report per line with the
    ``sources`` it cites (``maintext``, ``title``, ``url``, ``language``); gold = the report a
    source belongs to. No dates; records are streamed in a seeded random order.
    Used sample (101 English reports): GitHub ``airKlizz/WikinewsSum`` at commit
    1d985031625909c908766812e8a18d0c88116ec8, path ``cleaned_endataset.json``.
``jsonl``
    Already converted: one JSON object per line with ``title``, ``text``, optional ``date``,
    ``url``, ``language``, and the gold label in ``gold`` (and optionally ``gold_story``).

``--gold spkatt|polnear`` (issue 12)
    Our own gold sets: every article of German WikiNews (SpkAtt-2023 train + dev) or of the
    English PolNeAR election news (train + dev) is ingested (the whole feed, in publication
    order), the labelled ones (``bench/gold/<corpus>.tsv``, guidelines in
    docs/grouping-gold.md) are scored: storyline and event level, over the thread members and
    over all labelled articles (threads + checked unthreaded ones). ``--split`` picks the
    storylines whose id hashes to dev (2/3) or test (1/3) — ``bench/gold_corpora.split_of``.
    ``--db PATH`` keeps the enriched store: if it exists, the articles are not ingested again
    and only the grouping is rebuilt (with the current code) — for trying grouping changes.

``--split dev|test`` keeps the gold clusters whose label hashes to an even (dev) or odd (test)
number, so threshold questions can be looked at on dev without touching test. Records whose
text is identical end up as one stored article; each record is scored with its article's
cluster, so such copies count as placed together.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

# -- metrics ------------------------------------------------------------------


def _contingency(
    pred: Mapping[str, str], gold: Mapping[str, str]
) -> tuple[Counter, Counter, Counter]:
    items = list(gold)
    missing = [i for i in items if i not in pred]
    if missing:
        raise KeyError(f"{len(missing)} items have no predicted cluster, e.g. {missing[0]!r}")
    cells = Counter((pred[i], gold[i]) for i in items)
    psize = Counter(pred[i] for i in items)
    gsize = Counter(gold[i] for i in items)
    return cells, psize, gsize


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def bcubed(pred: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """BCubed precision, recall, F1 (Bagga & Baldwin 1998) over the items of ``gold``.

    Per item: precision = share of its predicted cluster that shares its gold cluster, recall =
    share of its gold cluster that shares its predicted cluster; both averaged over items.
    """
    if not gold:
        return 1.0, 1.0, 1.0
    cells, psize, gsize = _contingency(pred, gold)
    n = len(gold)
    p = sum(c * c / psize[pc] for (pc, _), c in cells.items()) / n
    r = sum(c * c / gsize[gc] for (_, gc), c in cells.items()) / n
    return p, r, _f1(p, r)


def _pairs(k: int) -> int:
    return k * (k - 1) // 2


def pairwise(pred: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """Pairwise precision, recall, F1: over all item pairs, "same cluster" predicted vs gold.

    With no predicted (or no gold) same-cluster pair, precision (recall) is 1.0 by convention.
    """
    cells, psize, gsize = _contingency(pred, gold)
    tp = sum(_pairs(c) for c in cells.values())
    pp = sum(_pairs(c) for c in psize.values())
    gp = sum(_pairs(c) for c in gsize.values())
    p = tp / pp if pp else 1.0
    r = tp / gp if gp else 1.0
    return p, r, _f1(p, r)


def scores(pred: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float | int]:
    b, pw = bcubed(pred, gold), pairwise(pred, gold)
    pc = Counter(pred[i] for i in gold)
    gc = Counter(gold.values())
    return {
        "items": len(gold),
        "clusters": len(pc),
        "gold_clusters": len(gc),
        "singletons": sum(1 for c in pc.values() if c == 1),
        "largest": max(pc.values(), default=0),
        "bcubed_p": b[0], "bcubed_r": b[1], "bcubed_f1": b[2],
        "pairwise_p": pw[0], "pairwise_r": pw[1], "pairwise_f1": pw[2],
    }  # fmt: skip


# -- converters -----------------------------------------------------------------


def _even(label: str) -> bool:
    return int(hashlib.md5(label.encode("utf-8")).hexdigest(), 16) % 2 == 0


def _keep(label: str, split: str) -> bool:
    return split == "all" or (split == "dev") == _even(label)


def convert_uci(path: Path, split: str) -> list[dict[str, object]]:
    csv.field_size_limit(sys.maxsize)
    recs = []
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            story, title, ts = (
                row.get("STORY"),
                (row.get("TITLE") or "").strip(),
                row.get("TIMESTAMP"),
            )
            if not story or not title or not ts or not ts.isdigit():  # a truncated last line
                continue
            if not _keep(story, split):
                continue
            when = dt.datetime.fromtimestamp(int(ts) / 1000, tz=dt.UTC)
            # no "title": the headline is the text (a title equal to the text is cut off)
            recs.append({
                "text": title, "date": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "url": row.get("URL") or "", "publisher": row.get("PUBLISHER") or "",
                "language": "en", "gold": story, "_order": (int(ts), int(row.get("ID") or "0")),
            })  # fmt: skip
    recs.sort(key=lambda r: r["_order"])
    for r in recs:
        del r["_order"]
    return recs


def convert_wikinewssum(path: Path, split: str, seed: int) -> list[dict[str, object]]:
    recs = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if not line.strip():
                continue
            entry = json.loads(line)
            label = f"{n}:{entry.get('title', '')}"
            if not _keep(label, split):
                continue
            for src in entry.get("sources") or []:
                text = (src.get("maintext") or src.get("text") or "").strip()
                if len(text) < 200:
                    continue
                recs.append({
                    "title": (src.get("title") or "").strip(), "text": text,
                    "url": src.get("url") or "", "language": src.get("language") or "",
                    "gold": label,
                })  # fmt: skip
    random.Random(seed).shuffle(recs)
    return recs


def load_jsonl(path: Path) -> list[dict[str, object]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# -- running lagebild -------------------------------------------------------------


def _assignments(store) -> tuple[dict[str, str], dict[str, str]]:
    """Input line number -> event id / storyline id, from the store's origins (``file#L<n>``)."""
    rows = store.conn.execute(
        "SELECT o.origin, g.event_id, e.storyline_id FROM origins o JOIN group_articles g"
        " ON g.article_id = o.article_id JOIN events e ON e.id = g.event_id"
    ).fetchall()
    ev, st = {}, {}
    for origin, eid, sid in rows:
        line = origin.rsplit("#L", 1)[-1]
        if line.isdigit():
            ev[line], st[line] = eid, sid
    return ev, st


def run(
    recs: list[dict[str, object]], workdir: Path, workers: int, sweep: list[float] | None = None
) -> tuple[
    dict[str, str], dict[str, str], float, dict[float, tuple[dict[str, str], dict[str, str]]]
]:
    """Ingest the records (enriched) into a fresh store; return record -> event / storyline.

    With ``sweep``, the grouping is afterwards rebuilt once per event threshold (other options
    at their defaults) and those assignments are returned too — for the dev split only.
    """
    from lagebild.pipeline import ingest
    from lagebild.store import Store

    src = workdir / "input.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(
                json.dumps(
                    {k: v for k, v in r.items() if not k.startswith("gold")}, ensure_ascii=False
                )
            )
            fh.write("\n")
    t0 = time.perf_counter()
    swept: dict[float, tuple[dict[str, str], dict[str, str]]] = {}
    with Store(workdir / "eval.db") as store:
        report = ingest([str(src)], store, workers=workers)
        elapsed = time.perf_counter() - t0
        if report.failed:
            print(f"{len(report.failed)} records failed, e.g. {report.failed[0]}", file=sys.stderr)
        ev, st = _assignments(store)
        if sweep:
            from lagebild.group import GroupOptions, rebuild
            from lagebild.group.events import EventOptions

            for t in sweep:
                rebuild(store, GroupOptions(events=EventOptions(threshold=t)))
                swept[t] = _assignments(store)
    return ev, st, elapsed, swept


def day_shuffled(ids: list[str], days: Mapping[str, str | None], seed: int) -> list[str]:
    """``ids`` (storage order) with the articles of each publication day in a seeded random
    order, the days themselves in their order: another order the same feed could arrive in.

    The grouping depends on arrival order (an early join takes later members away), so one
    rebuild of one order measures a rule together with that order's luck; the mean over a
    few seeds tells a rule from the noise (docs/grouping.md, "Arrival order").
    """
    rng = random.Random(seed)
    out: list[str] = []
    k = 0
    while k < len(ids):
        j = k
        while j < len(ids) and days.get(ids[j]) == days.get(ids[k]):
            j += 1
        same = ids[k:j]
        rng.shuffle(same)
        out += same
        k = j
    return out


def _gold_scores(
    corpus: str, split: str, db: Path | None, workers: int, options: Any = None,
    order_seed: int = 0,
) -> dict[str, Any]:
    """Ingest the whole feed (or reuse ``db``), group, and score the labelled articles.

    ``options``: the ``GroupOptions`` of the rebuild of a kept store (default: the defaults).
    ``order_seed``: the rebuild places each day's articles in this seed's order
    (:func:`day_shuffled`; 0 = storage order, as an ingest placed them).
    """
    from gold_corpora import load_gold, load_records, split_of

    from lagebild.group import rebuild
    from lagebild.pipeline import ingest
    from lagebild.store import Store

    recs = load_records(corpus)
    labels = load_gold(corpus)
    unknown = sorted(set(labels) - {r["key"] for r in recs})
    if unknown:
        raise SystemExit(f"{len(unknown)} gold keys are not in the corpus, e.g. {unknown[0]!r}")
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="lagebild-gold-") as tmp:
        path = db or Path(tmp) / "eval.db"
        fresh = not path.exists()
        src = Path(tmp) / f"{corpus}.jsonl"
        with open(src, "w", encoding="utf-8") as fh:
            for r in recs:
                fh.write(json.dumps({k: v for k, v in r.items() if k != "key"}, ensure_ascii=False))
                fh.write("\n")
        with Store(path) as store:
            if fresh:
                report = ingest([str(src)], store, workers=workers)
                if report.failed:
                    print(f"{len(report.failed)} failed, e.g. {report.failed[0]}", file=sys.stderr)
            elif order_seed:
                from lagebild.group import batch

                stored = batch.pending

                def shuffled(kept: Store) -> list[str]:
                    ids = stored(kept)
                    sql = "SELECT id, substr(published, 1, 10) FROM articles"
                    days = dict(kept.conn.execute(sql))
                    return day_shuffled(ids, days, order_seed)

                batch.pending = shuffled
                try:
                    rebuild(store, options)
                finally:
                    batch.pending = stored
            else:
                rebuild(store, options)
            ev_line, st_line = _assignments(store)
            sizes = Counter(st_line.values())
    elapsed = time.perf_counter() - t0
    ev = {r["key"]: ev_line[str(n)] for n, r in enumerate(recs, 1) if str(n) in ev_line}
    st = {r["key"]: st_line[str(n)] for n, r in enumerate(recs, 1) if str(n) in st_line}
    keep = {k: lab for k, lab in labels.items() if split == "all" or split_of(lab.storyline) == split}
    missing = [k for k in keep if k not in st]
    if missing:
        raise SystemExit(f"{len(missing)} labelled articles were not grouped, e.g. {missing[0]!r}")
    members = {k for k, lab in keep.items() if not lab.storyline.startswith("solo:")}
    g_st = {k: keep[k].storyline for k in keep}
    g_ev = {k: keep[k].event for k in keep}
    in_event = Counter(g_ev.values())
    ev_members = {k for k in keep if in_event[g_ev[k]] > 1}
    n = len(recs)
    return {
        "corpus": corpus, "split": split, "articles": n, "labelled": len(keep),
        "thread_members": len(members), "seconds": round(elapsed, 1),
        "storylines_members": scores(st, {k: g_st[k] for k in members}),
        "storylines_all": scores(st, g_st),
        "events_members": scores(ev, {k: g_ev[k] for k in ev_members}),
        "events_all": scores(ev, g_ev),
        "feed_storylines": len(sizes), "feed_largest": max(sizes.values(), default=0),
        "feed_largest_share": round(max(sizes.values(), default=0) / max(n, 1), 4),
        "feed_size_hist": _hist(sizes.values()),
    }  # fmt: skip


def _hist(sizes: Iterable[int]) -> dict[str, int]:
    bins = {"1": 0, "2": 0, "3-5": 0, "6-10": 0, "11-20": 0, "21-50": 0, ">50": 0}
    for s in sizes:
        key = ("1" if s == 1 else "2" if s == 2 else "3-5" if s <= 5 else "6-10" if s <= 10
               else "11-20" if s <= 20 else "21-50" if s <= 50 else ">50")  # fmt: skip
        bins[key] += 1
    return bins


def link_options(coef: str, threshold: float) -> Any:
    """``GroupOptions`` with the learned storyline link: ``coef`` = ``default`` (the shipped
    ``LINK_COEF``) or a JSON file written by ``bench/fit_storyline_links.py``."""
    import dataclasses

    from lagebild.group import GroupOptions
    from lagebild.group.storylines import LINK_COEF, StorylineOptions

    c = LINK_COEF if coef == "default" else tuple(json.loads(Path(coef).read_text())["coef"])
    if not c:
        raise SystemExit("no link coefficients: LINK_COEF is empty, give a file")
    so = dataclasses.replace(StorylineOptions(), link=tuple(c), link_threshold=threshold)
    return GroupOptions(storylines=so)


def _gold_main(args: argparse.Namespace) -> None:
    opts = link_options(args.link, args.link_threshold) if args.link else None
    if args.order_seed and not (args.db and args.db.exists()):
        raise SystemExit("--order-seed rebuilds a kept store: build it first with --db")
    res = _gold_scores(args.gold, args.split, args.db, args.workers, opts, args.order_seed)
    if args.json:
        print(json.dumps(res, indent=2))
        return
    print(
        f"{res['corpus']} ({res['split']}): {res['articles']:,} articles in the feed,"
        f" {res['labelled']} labelled, {res['thread_members']} in threads; {res['seconds']:.0f} s"
    )
    print("| level | scored over | clusters | BCubed P / R / F1 | pairwise P / R / F1 |")
    print("|---|---|---|---|---|")
    for key, level, over in (
        ("storylines_members", "storylines", "thread members"),
        ("storylines_all", "storylines", "all labelled"),
        ("events_members", "events", "multi-article events"),
        ("events_all", "events", "all labelled"),
    ):
        print(f"| {level} | {over} " + _row("", res[key])[3:])
    print(
        f"feed: {res['feed_storylines']} storylines, largest {res['feed_largest']}"
        f" ({100 * res['feed_largest_share']:.1f} %), sizes {res['feed_size_hist']}"
    )


def _baselines(gold: Mapping[str, str]) -> dict[str, dict[str, float | int]]:
    return {
        "all singletons": scores({i: i for i in gold}, gold),
        "one cluster": scores({i: "all" for i in gold}, gold),
    }


def _row(name: str, s: Mapping[str, float | int]) -> str:
    b = f"{s['bcubed_p']:.3f} / {s['bcubed_r']:.3f} / {s['bcubed_f1']:.3f}"
    pw = f"{s['pairwise_p']:.3f} / {s['pairwise_r']:.3f} / {s['pairwise_f1']:.3f}"
    return f"| {name} | {s['clusters']:,} | {b} | {pw} |"


def main(argv: Iterable[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, help="the data file (see --format)")
    ap.add_argument("--gold", choices=("spkatt", "polnear"), help="issue 12 gold set (no --data)")
    ap.add_argument("--db", type=Path, help="--gold: keep/reuse the enriched store here")
    ap.add_argument("--format", choices=("uci", "wikinewssum", "jsonl"), default="jsonl")
    ap.add_argument("--split", choices=("dev", "test", "all"), default="all")
    ap.add_argument("--limit", type=int, default=0, help="keep the first N records of the stream")
    ap.add_argument("--seed", type=int, default=13, help="stream order of undated formats")
    ap.add_argument("--workers", type=int, default=1, help="ingest worker processes")
    ap.add_argument(
        "--order-seed", type=int, default=0,
        help="--gold --db: rebuild with each day's articles in this seed's order (0: storage order)",
    )  # fmt: skip
    ap.add_argument(
        "--link", default="", help="--gold --db: rebuild with the learned storyline link"
        " (`default` = LINK_COEF, or a coefficients JSON of bench/fit_storyline_links.py)",
    )  # fmt: skip
    ap.add_argument("--link-threshold", type=float, default=0.5, help="with --link")
    ap.add_argument("--keep", type=Path, help="write the converted JSONL (with gold) here")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument(
        "--sweep",
        default="",
        help="dev split only: comma-separated event thresholds to rebuild with",
    )
    args = ap.parse_args(list(argv) if argv is not None else None)
    if args.gold:
        _gold_main(args)
        return
    if args.data is None:
        ap.error("--data or --gold is required")
    sweep = [float(x) for x in args.sweep.split(",") if x.strip()]
    if sweep and args.split != "dev":
        ap.error("--sweep looks at thresholds: only on --split dev, never on the test split")

    if args.format == "uci":
        recs = convert_uci(args.data, args.split)
    elif args.format == "wikinewssum":
        recs = convert_wikinewssum(args.data, args.split, args.seed)
    else:
        recs = [r for r in load_jsonl(args.data) if _keep(str(r["gold"]), args.split)]
    if args.limit:
        recs = recs[: args.limit]
    if not recs:
        sys.exit("no records")
    if args.keep:
        with open(args.keep, "w", encoding="utf-8") as fh:
            for r in recs:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")

    with tempfile.TemporaryDirectory(prefix="lagebild-eval-") as tmp:
        ev, st, elapsed, swept = run(recs, Path(tmp), args.workers, sweep)
    gold = {str(n): str(r["gold"]) for n, r in enumerate(recs, 1) if str(n) in ev}
    if not gold:
        sys.exit("no record was stored and grouped")
    if len(gold) < len(recs):
        print(
            f"{len(recs) - len(gold)} records were not stored/grouped; scored without them",
            file=sys.stderr,
        )
    result: dict[str, Any] = {
        "data": str(args.data), "format": args.format, "split": args.split, "records": len(recs),
        "scored": len(gold), "seconds": round(elapsed, 1),
        "events": scores(ev, gold), "storylines": scores(st, gold), "baselines": _baselines(gold),
    }  # fmt: skip
    if swept:
        result["sweep"] = {
            str(t): {"events": scores(e, gold), "storylines": scores(s, gold)}
            for t, (e, s) in swept.items()
        }
    if any("gold_story" in r for r in recs):
        gs = {
            str(n): str(r.get("gold_story", r["gold"]))
            for n, r in enumerate(recs, 1)
            if str(n) in gold
        }
        result["storylines_vs_gold_story"] = scores(st, gs)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    g = result["events"]
    print(
        f"{args.format} ({args.split}): {len(gold):,} records, {g['gold_clusters']:,} gold"
        f" clusters; ingest + grouping {elapsed:.0f} s"
    )
    print("| grouping | clusters | BCubed P / R / F1 | pairwise P / R / F1 |")
    print("|---|---|---|---|")
    print(_row("lagebild events", result["events"]))
    print(_row("lagebild storylines", result["storylines"]))
    if "storylines_vs_gold_story" in result:
        print(_row("storylines vs gold stories", result["storylines_vs_gold_story"]))
    for name, s in result["baselines"].items():
        print(_row(f"baseline: {name}", s))
    for t, levels in result.get("sweep", {}).items():
        for level, s in levels.items():
            print(_row(f"dev sweep: event threshold {t}, {level}", s))


if __name__ == "__main__":
    main()
