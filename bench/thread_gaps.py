"""Why gold threads are split and what joining them would be worth (issue 12 §2): a kept store.

Reads a store that ``bench/eval_clustering.py --gold CORPUS --db PATH`` built (and regrouped in
the order to look at), changes nothing, and prints for the chosen split:

* for the ``--top`` largest gold threads: their members' storylines, and for each fragment
  besides the largest one how it relates to the largest (the signals a storyline-to-storyline
  merge could use): the days between them (negative: they overlap), the cosine of their
  centroid embeddings, the TF-IDF cosine of their summed terms, the overlap of their
  identities (``storylines.identity_overlap``: the words their events carry) and how many of
  their 5 principal actors they share; then what the fragment holds (gold threads, ``-``
  for feed articles without a label);
* the BCubed F1 over thread members gained if one thread were whole (its members in one
  storyline, nothing else moved), per thread, largest gain first: where recall is lost;
* the upper bound of joining storylines through events: the storylines of every two members
  of one gold *event* joined (a perfect "same happening, several outlets" link);
* with ``--phrases``: whether the split threads' fragments share rare *multi-word phrases*
  (word 2- and 3-grams not bounded by a function word, ``democratic national convention``,
  ``orlando nightclub``) more often than wrong pairs do, against rare single words: for the
  storyline pairs within 14 days, how many the rule flags that hold one gold thread (good)
  and how many hold only other labels (bad), the ceiling (only the good flagged pairs joined),
  and a greedy join (strongest pair first, the shared evidence recomputed on the joined
  storylines so no chain forms, centroid embedding cosine >= ``--emb``) scored as BCubed.

Usage:
    .venv/bin/python bench/thread_gaps.py --gold polnear --split dev --db /tmp/pol.db
    .venv/bin/python bench/thread_gaps.py --gold polnear --split dev --db /tmp/pol.db --phrases

Only for dev: listing test errors makes the held-out part a second dev set.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def bcubed(items: Iterable[str], pred: Mapping[str, str], gold: Mapping[str, str]) -> tuple:
    """BCubed precision, recall and F1 of ``pred`` against ``gold`` over ``items``."""
    items = list(items)
    pc: dict[str, set[str]] = defaultdict(set)
    gc: dict[str, set[str]] = defaultdict(set)
    for i in items:
        pc[pred[i]].add(i)
        gc[gold[i]].add(i)
    p = r = 0.0
    for i in items:
        both = len(pc[pred[i]] & gc[gold[i]])
        p += both / len(pc[pred[i]])
        r += both / len(gc[gold[i]])
    p, r = p / len(items), r / len(items)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--gold", choices=("spkatt", "polnear"), required=True)
    ap.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--phrases", action="store_true", help="the phrase diagnosis (slow)")
    ap.add_argument("--emb", type=float, nargs="+", default=[0.0, 0.6],
                    help="embedding cosine floors of the greedy join (--phrases)")
    args = ap.parse_args(argv)
    if not args.db.exists():
        raise SystemExit(f"no store at {args.db}: build it with bench/eval_clustering.py --db")

    import numpy as np
    from gold_corpora import load_gold, load_records, split_of

    from lagebild.group import storylines as st
    from lagebild.group._features import cosine_terms
    from lagebild.store import Store
    from lagebild.store import grouping as _db
    from lagebild.store import stories as _stories

    recs = load_records(args.gold)
    labels = load_gold(args.gold)
    line_key = {str(n): r["key"] for n, r in enumerate(recs, 1)}
    opts = st.StorylineOptions()
    with Store(args.db) as store:
        conn = store.conn
        origin = dict(conn.execute("SELECT article_id, origin FROM origins").fetchall())
        lab = {}
        for aid, o in origin.items():
            key = line_key.get(o.rsplit("#L", 1)[-1])
            x = labels.get(key) if key else None
            if x is not None and (args.split == "all" or split_of(x.storyline) == args.split):
                lab[aid] = x
        placed = {}
        for aid in lab:
            p = _db.placement(conn, aid)
            placed[aid] = p.storyline_id if p is not None else ""
        gold = {a: x.storyline for a, x in lab.items()}
        members = [a for a in lab if not gold[a].startswith("solo:") and placed[a]]
        threads: dict[str, list[str]] = defaultdict(list)
        for a in members:
            threads[gold[a]].append(a)

        if args.phrases:
            from thread_phrases import diagnose

            arts = list(store.iter_articles(full=True))
            every_placed = {}
            for art in arts:  # the unlabelled articles too: they make the storylines and chains
                p = _db.placement(conn, art.id)
                every_placed[art.id] = p.storyline_id if p is not None else ""
            diagnose(arts, every_placed, gold, args.emb)
            return
        for t in sorted(threads, key=lambda t: (-len(threads[t]), t))[: args.top]:
            frags = Counter(placed[a] for a in threads[t])
            main_id = frags.most_common(1)[0][0]
            gm = st.load_group(conn, "storylines", main_id)
            assert gm is not None
            pm = st.principal_actors(conn, gm, opts.merge_actors)
            print(f"== {t}: {len(threads[t])} in {len(frags)} storylines;"
                  f" the largest part ({frags[main_id]}) in {main_id} ({gm.size} events)")
            for sid, n in frags.most_common()[1:]:
                g = st.load_group(conn, "storylines", sid)
                assert g is not None
                days = (g.first_day, gm.first_day, g.last_day, gm.last_day)
                gap = "-"
                if None not in days:
                    f1, f2, l1, l2 = days  # type: ignore[misc]
                    gap = str(max(f1, f2) - min(l1, l2))
                emb = (f"{float(np.dot(g.emb, gm.emb)):.2f}"
                       if g.emb is not None and gm.emb is not None else "-")
                held = Counter(
                    gold.get(m, "-") for m in _stories.canonical_members(conn, sid, 1000)
                )
                print(
                    f"   {sid} {n} of the thread, {g.size} events: days apart {gap}, emb {emb},"
                    f" terms {cosine_terms(g.terms, gm.terms, gm.terms_norm):.3f},"
                    f" identity {st.identity_overlap(conn, g, gm, opts):.3f}, shared actors"
                    f" {len(pm & st.principal_actors(conn, g, opts.merge_actors))}"
                    f" | holds {dict(held.most_common(3))}"
                )

    now = bcubed(members, placed, gold)
    print(f"\nthread members now: BCubed P / R / F1 {now[0]:.3f} / {now[1]:.3f} / {now[2]:.3f}")
    print("F1 gained if one thread were whole:")
    gains = []
    for t, arts in threads.items():
        whole = dict(placed)
        whole.update((a, "whole") for a in arts)
        frags = len({placed[a] for a in arts})
        gains.append((bcubed(members, whole, gold)[2] - now[2], t, len(arts), frags))
    for gain, t, n, frags in sorted(gains, key=lambda g: (-g[0], g[1]))[: args.top + 5]:
        print(f"  {gain:+.3f} {t} ({n} members in {frags} storylines)")

    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    by_event: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a, x in lab.items():
        if placed[a] and x.event and x.event != "-":
            by_event[(x.storyline, x.event)].append(a)
    for arts in by_event.values():
        ids = sorted({placed[a] for a in arts})
        for s in ids[1:]:
            parent[find(s)] = find(ids[0])
    joined = {a: find(s) for a, s in placed.items() if s}
    ev = bcubed(members, joined, gold)
    every = [a for a in lab if placed[a]]
    print(
        f"storylines joined through gold events (upper bound of event anchors): thread members"
        f" {ev[0]:.3f} / {ev[1]:.3f} / {ev[2]:.3f} ({ev[2] - now[2]:+.3f});"
        f" all labelled P {bcubed(every, placed, gold)[0]:.3f} ->"
        f" {bcubed(every, joined, gold)[0]:.3f}"
    )


if __name__ == "__main__":
    main()
