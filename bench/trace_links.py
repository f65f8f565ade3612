"""Why a new event does or does not continue a storyline, against the gold (issue 12 §2).

Rebuilds a store kept by ``bench/eval_clustering.py --gold CORPUS --db PATH`` (grouping only,
with the current code and the option overrides given, as ``bench/trace_merges.py``) and logs,
for every new event whose first article is a thread member of the split, each candidate
storyline that scores at least ``--min-score`` against it: the score, the TF-IDF cosine with the
storyline's core, the shared telling actors, and the words of the event that the storyline's
events carry (:func:`lagebild.group.storylines.identity`, with their IDF).  A candidate is
``right`` when it holds a labelled gold-mate at that moment, ``wrong`` when it holds labelled
articles of the split but no mate.  Prints the counts (right / wrong x joined / not) and, with
``--list``, the right candidates that were not joined.

Usage:
    .venv/bin/python bench/trace_links.py --gold polnear --split dev --db /tmp/pol.db --list
    .venv/bin/python bench/trace_links.py --gold polnear --db /tmp/pol.db --set carried_floor=0

Only for dev: tracing test links makes the held-out part a second dev set.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--gold", choices=("spkatt", "polnear"), required=True)
    ap.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--set", action="append", default=[], help="StorylineOptions name=value")
    ap.add_argument("--min-score", type=float, default=0.15)
    ap.add_argument("--list", action="store_true", help="list the right candidates not joined")
    args = ap.parse_args(argv)
    if not args.db.exists():
        raise SystemExit(f"no store at {args.db}: build it with bench/eval_clustering.py --db")

    import numpy as np
    from eval_clustering import _gold_scores
    from gold_corpora import load_gold, load_records, split_of
    from trace_merges import options

    from lagebild.group import placement as pl
    from lagebild.group import storylines as st
    from lagebild.group._features import cosine_terms
    from lagebild.store import Store
    from lagebild.store import stories as _stories

    recs = load_records(args.gold)
    labels = load_gold(args.gold)
    line_key = {str(n): r["key"] for n, r in enumerate(recs, 1)}
    with Store(args.db) as store:
        origin = dict(store.conn.execute("SELECT article_id, origin FROM origins").fetchall())
    gold: dict[str, str] = {}
    for aid, o in origin.items():
        key = line_key.get(o.rsplit("#L", 1)[-1])
        lab = labels.get(key) if key else None
        if lab is not None and (args.split == "all" or split_of(lab.storyline) == args.split):
            gold[aid] = lab.storyline

    rows: list[dict] = []
    current: dict[str, str] = {}
    orig_assign, orig_storyline = pl._assign, pl.assign_storyline

    def assign(conn, aid, feats, opts):  # noqa: ANN001, ANN202
        current["aid"] = aid
        return orig_assign(conn, aid, feats, opts)

    def assign_storyline(conn, feats, terms, ents, top, seq, sid_new, opts):  # noqa: ANN001, ANN202
        thread = gold.get(current.get("aid", ""), "solo:")
        if thread.startswith("solo:"):
            return orig_storyline(conn, feats, terms, ents, top, seq, sid_new, opts)
        _, last_day, groups = st._candidates(conn, feats, top, opts)
        best: dict[str, float] = {}
        for g in groups:
            sid = g.storyline_id or ""
            s = st.score(feats.emb, terms, ents, g, opts.weights, feats.places, opts.place_only)
            last = last_day.get(sid)
            gap = 0 if feats.day is None or last is None else abs(feats.day - last)
            best[sid] = max(best.get(sid, -1.0), s - opts.decay * gap / 365)
        idf = st.term_idf(conn, terms, 20)
        found = []
        for sid, s in best.items():
            core = st.load_group(conn, "storylines", sid)
            if s < args.min_score or core is None:
                continue
            members = _stories.canonical_members(conn, sid, 1000)
            side = Counter(gold[m] for m in members if m in gold)
            if not side:
                continue
            ident = st.identity(conn, core, opts)
            found.append({
                "sid": sid, "score": s, "size": core.size, "right": thread in side,
                "core": cosine_terms(terms, core.terms, core.terms_norm),
                "actors": st.shared_actors(conn, feats, ents, core, opts.actors),
                "carried": {t: (round(ident[t], 2), round(idf[t], 1)) for t in idf if t in ident},
                "emb": float(np.dot(feats.emb, core.emb))
                if feats.emb is not None and core.emb is not None else None,
            })  # fmt: skip
        out = orig_storyline(conn, feats, terms, ents, top, seq, sid_new, opts)
        for r in found:
            r.update(joined=r["sid"] == out, thread=thread, title=feats.title)
        rows.extend(found)
        return out

    pl._assign, pl.assign_storyline = assign, assign_storyline
    try:
        res = _gold_scores(args.gold, args.split, args.db, 1, options(args.set))
    finally:
        pl._assign, pl.assign_storyline = orig_assign, orig_storyline

    tally = Counter(
        ("right" if r["right"] else "wrong", "joined" if r["joined"] else "not") for r in rows
    )
    print("candidates (gold, placement):", dict(sorted(tally.items())))
    if args.list:
        for r in sorted(rows, key=lambda r: (r["thread"], -r["score"])):
            if r["right"] and not r["joined"]:
                carried = {t: v for t, v in r["carried"].items() if v[0] >= 0.5}
                print(
                    f"  {r['thread'][:22]:22s} score {r['score']:.3f} core {r['core']:.3f}"
                    f" actors {r['actors']:.1f} size {r['size']:3d} | {r['title'][:60]} | {carried}"
                )
    sm, sa = res["storylines_members"], res["storylines_all"]
    print(
        f"{args.gold} {args.split} {' '.join(args.set) or 'defaults'}: thread members"
        f" {sm['bcubed_p']:.3f} / {sm['bcubed_r']:.3f} / {sm['bcubed_f1']:.3f};"
        f" all labelled P {sa['bcubed_p']:.3f}; largest {res['feed_largest']}"
    )


if __name__ == "__main__":
    main()
