"""Late merges of storylines against the gold (issue 12): which merges join one thread, which chain.

Rebuilds a store kept by ``bench/eval_clustering.py --gold CORPUS --db PATH`` (grouping only,
with the current code and the option overrides given), logs every late-merge *attempt*
(``storylines.late_merge``) with what is known about the pair at that moment, and classifies it
by the gold labels of the split's members on each side: ``right`` when the labelled members of
both sides have a thread in common, ``wrong`` when both sides hold labelled members and none is
shared, ``-`` otherwise.  Then scores the rebuild as ``eval_clustering`` does.

Usage:
    .venv/bin/python bench/trace_merges.py --gold polnear --split dev --db /tmp/pol.db
    .venv/bin/python bench/trace_merges.py --gold polnear --db /tmp/pol.db --set merge_identity=0
    # the same rule over five arrival orders (each day's articles shuffled), then the mean:
    .venv/bin/python bench/trace_merges.py --gold polnear --db /tmp/pol.db --quiet \
        --order-seed 1 --order-seed 2 --order-seed 3 --order-seed 4 --order-seed 5

Only for dev: tracing test merges makes the held-out part a second dev set.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _value(default: object, text: str) -> object:
    if isinstance(default, bool):
        return text.lower() in ("1", "true", "yes", "on")
    if isinstance(default, int):
        return int(text)
    if isinstance(default, float):
        return float(text)
    return text


def options(sets: list[str]) -> object:
    """``GroupOptions`` with ``name=value`` overrides of ``StorylineOptions`` (``events.NAME`` for
    ``EventOptions``)."""
    from lagebild.group import GroupOptions
    from lagebild.group.events import EventOptions
    from lagebild.group.storylines import StorylineOptions

    so, eo = StorylineOptions(), EventOptions()
    for s in sets:
        name, _, text = s.partition("=")
        target = eo if name.startswith("events.") else so
        name = name.removeprefix("events.")
        if name not in {f.name for f in dataclasses.fields(target)}:
            raise SystemExit(f"--set {s}: no option {name!r}")
        new = dataclasses.replace(target, **{name: _value(getattr(target, name), text)})
        if target is eo:
            eo = new
        else:
            so = new
    return GroupOptions(events=eo, storylines=so)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--gold", choices=("spkatt", "polnear"), required=True)
    ap.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--set", action="append", default=[], help="StorylineOptions name=value")
    ap.add_argument("--quiet", action="store_true", help="scores only, no merge listing")
    ap.add_argument(
        "--order-seed", type=int, action="append", default=[],
        help="rebuild with each day's articles in this seed's order (eval_clustering.day_shuffled);"
        " repeated: one rebuild per seed, then the mean",
    )  # fmt: skip
    ap.add_argument("--dump", type=Path, help="write the attempts (with identities) as JSON here")
    args = ap.parse_args(argv)
    if not args.db.exists():
        raise SystemExit(f"no store at {args.db}: build it with bench/eval_clustering.py --db")

    import numpy as np
    from eval_clustering import _gold_scores
    from gold_corpora import load_gold, load_records, split_of

    from lagebild.group import storylines as st
    from lagebild.store import stories as _stories

    recs = load_records(args.gold)
    labels = load_gold(args.gold)
    line_key = {str(n): r["key"] for n, r in enumerate(recs, 1)}
    attempts: list[dict] = []
    orig, orig_fold = st.late_merge, st.merge_storylines
    folded: list[int] = []

    def fold(*a, **k):  # noqa: ANN002, ANN003, ANN202
        folded.append(1)
        return orig_fold(*a, **k)

    def traced(conn, a, b, seq, opts):  # noqa: ANN001, ANN202
        ga, gb = st.load_group(conn, "storylines", a), st.load_group(conn, "storylines", b)
        rec: dict = {"a": a, "b": b}
        if ga is not None and gb is not None:
            rec["sizes"] = (ga.size, gb.size)
            rec["emb"] = (
                float(np.dot(ga.emb, gb.emb)) if ga.emb is not None and gb.emb is not None else None
            )
            rec["terms"] = st.cosine_terms(ga.terms, gb.terms, gb.terms_norm)
            if hasattr(st, "identity_overlap"):
                rec["identity"] = st.identity_overlap(conn, ga, gb, opts)
                if args.dump:
                    big = dataclasses.replace(opts, identity_terms=60)
                    rec["ids"] = [st.identity_events_terms(conn, g, big) for g in (ga, gb)]
            rec["members"] = tuple(_stories.canonical_members(conn, s, 1000) for s in (a, b))
        n = len(folded)
        out = orig(conn, a, b, seq, opts)
        rec["merged"] = len(folded) > n
        attempts.append(rec)
        return out

    if len(args.order_seed) > 1:
        return _seeds(args)
    st.late_merge, st.merge_storylines = traced, fold
    seed = args.order_seed[0] if args.order_seed else 0
    res = _gold_scores(args.gold, args.split, args.db, 1, options(args.set), seed)
    st.late_merge, st.merge_storylines = orig, orig_fold

    from lagebild.store import Store

    with Store(args.db) as store:
        origin = dict(store.conn.execute("SELECT article_id, origin FROM origins").fetchall())
    gold_of = {}
    for aid, o in origin.items():
        key = line_key.get(o.rsplit("#L", 1)[-1])
        lab = labels.get(key) if key else None
        if lab is not None and (args.split == "all" or split_of(lab.storyline) == args.split):
            gold_of[aid] = lab.storyline
    verdicts = Counter()
    for r in attempts:
        if "members" not in r:
            continue
        sides = [Counter(gold_of[x] for x in m if x in gold_of) for m in r["members"]]
        if sides[0] and sides[1]:
            v = "right" if set(sides[0]) & set(sides[1]) else "wrong"
        else:
            v = "-"
        verdicts[(v, r["merged"])] += 1
        r["verdict"] = v
        if not args.quiet:
            ident = f" id {r['identity']:.3f}" if "identity" in r else ""
            emb = f"{r['emb']:.2f}" if r["emb"] is not None else "-"
            print(
                f"{'MERGED' if r['merged'] else 'kept  '} {v:5s} sizes {r['sizes']} emb {emb}"
                f" terms {r['terms']:.3f}{ident} | {dict(sides[0].most_common(3))}"
                f" + {dict(sides[1].most_common(3))}"
            )
    if args.dump:
        import json

        args.dump.write_text(json.dumps([{k: v for k, v in r.items() if k != "members"}
                                         for r in attempts]))
    print("attempts (verdict, merged):", dict(sorted(verdicts.items())))
    sm, sa, em = res["storylines_members"], res["storylines_all"], res["events_members"]
    ea = res["events_all"]
    print(
        f"{args.gold} {args.split} {' '.join(args.set) or 'defaults'}: thread members"
        f" {sm['bcubed_p']:.3f} / {sm['bcubed_r']:.3f} / {sm['bcubed_f1']:.3f};"
        f" all labelled P {sa['bcubed_p']:.3f}; largest {res['feed_largest']}"
        f" ({100 * res['feed_largest_share']:.1f} %); events pairwise F1 {em['pairwise_f1']:.3f};"
        f" events all labelled pairwise {ea['pairwise_p']:.3f} / {ea['pairwise_r']:.3f} /"
        f" {ea['pairwise_f1']:.3f};"
        f" {res['seconds']} s"
    )


def _seeds(args: argparse.Namespace) -> None:
    """One rebuild per ``--order-seed``, each scored; then the mean and the spread."""
    from eval_clustering import _gold_scores

    keys = (
        ("storylines_members", "bcubed_p"), ("storylines_members", "bcubed_r"),
        ("storylines_members", "bcubed_f1"), ("storylines_all", "bcubed_p"),
        ("events_members", "pairwise_f1"), ("events_all", "pairwise_p"),
        ("events_all", "pairwise_r"), ("events_all", "pairwise_f1"),
    )  # fmt: skip
    runs = []
    for seed in args.order_seed:
        res = _gold_scores(args.gold, args.split, args.db, 1, options(args.set), seed)
        vals = [res[a][b] for a, b in keys] + [res["feed_largest"]]
        runs.append(vals)
        print(f"seed {seed}: thread members {vals[0]:.3f} / {vals[1]:.3f} / {vals[2]:.3f};"
              f" all labelled P {vals[3]:.3f}; events pairwise F1 {vals[4]:.3f}; events all"
              f" labelled pairwise {vals[5]:.3f} / {vals[6]:.3f} / {vals[7]:.3f};"
              f" largest {vals[8]}")
    mean = [sum(col) / len(col) for col in zip(*runs, strict=True)]
    lo = [min(col) for col in zip(*runs, strict=True)]
    hi = [max(col) for col in zip(*runs, strict=True)]
    print(
        f"{args.gold} {args.split} {' '.join(args.set) or 'defaults'}, mean of {len(runs)} orders:"
        f" thread members {mean[0]:.3f} / {mean[1]:.3f} / {mean[2]:.3f}"
        f" (F1 {lo[2]:.3f}-{hi[2]:.3f}); all labelled P {mean[3]:.3f} ({lo[3]:.3f}-{hi[3]:.3f});"
        f" events pairwise F1 {mean[4]:.3f}; events all labelled pairwise {mean[5]:.3f} /"
        f" {mean[6]:.3f} / {mean[7]:.3f} ({lo[7]:.3f}-{hi[7]:.3f}); largest {lo[8]}-{hi[8]}"
    )


if __name__ == "__main__":
    main()
