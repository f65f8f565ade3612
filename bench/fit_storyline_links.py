"""Fit the learned storyline link on dev gold pairs (issue 12 §2): log, fit, score.

Rebuilds the grouping of kept gold stores (``bench/eval_clustering.py --gold C --db PATH``) and,
for every new event, logs the :data:`lagebild.group.storylines.LINK_FEATURES` of each candidate
storyline together with the gold labels of the storyline's members at that moment.  A pair
(event, candidate storyline) is labelled from the **dev** split only: positive when at least half
of the storyline's labelled dev members are in the event's gold thread, negative when none is
(an unthreaded event article: every labelled storyline is a negative), else left out; articles
of the test split count as unlabelled.  Then a logistic regression (L2, Newton steps) is fitted
on the pooled pairs of all stores given and written as JSON (``--out``); the rebuild's scores
on dev are printed too (the same rebuild, with the policy that logged).

Usage:
    .venv/bin/python bench/fit_storyline_links.py --store polnear=/tmp/B/pol.db \
        --store spkatt=/tmp/B/spk.db --out /tmp/B/link.json
    # log under a learned policy instead of the hand thresholds (a second round):
    .venv/bin/python bench/fit_storyline_links.py ... --link /tmp/B/link.json --link-threshold 0.5 \
        --pairs-in /tmp/B/pairs0.json --out /tmp/B/link1.json

Dev only: the test split is never read for labels (``--split`` does not exist here).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _article_keys(store: Any, corpus: str) -> dict[str, str]:
    """Article id -> gold key (through the origin's ``#L<line>`` of the ingested JSONL)."""
    from gold_corpora import load_records

    recs = load_records(corpus)
    out = {}
    for aid, origin in store.conn.execute("SELECT article_id, origin FROM origins").fetchall():
        line = origin.rsplit("#L", 1)[-1]
        if line.isdigit() and 0 < int(line) <= len(recs):
            out[aid] = recs[int(line) - 1]["key"]
    return out


def log_pairs(corpus: str, db: Path, options: Any) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Rebuild ``db`` with ``options`` and log every (new event, candidate storyline) pair."""
    import eval_clustering
    from gold_corpora import load_gold, split_of

    from lagebild.group import placement, storylines
    from lagebild.store import Store
    from lagebild.store._sql import rows

    labels = load_gold(corpus)
    dev = {k: lab.storyline for k, lab in labels.items() if split_of(lab.storyline) == "dev"}
    with Store(db) as store:
        keys = _article_keys(store, corpus)
    by_prefix = {aid[:12]: k for aid, k in keys.items()}
    pairs: list[dict[str, Any]] = []
    original = placement.assign_storyline

    def hooked(conn, feats, terms, ents, top, seq, sid_new, opts):  # noqa: ANN001, ANN202
        key = by_prefix.get(sid_new[3:])
        gold = dev.get(key) if key else None
        if gold is not None:
            cand, last_day, groups = storylines._candidates(conn, feats, top, opts)
            feats_of = storylines.link_features(conn, feats, terms, ents, groups, last_day, opts)
            if feats_of:
                sids = sorted(feats_of)
                marks = ",".join(f":s{i}" for i in range(len(sids)))
                members: dict[str, list[str]] = {}
                for sid, aid in rows(
                    conn, "SELECT e.storyline_id, g.article_id FROM group_articles g JOIN events e"
                    f" ON e.id = g.event_id WHERE e.storyline_id IN ({marks})",
                    {f"s{i}": v for i, v in enumerate(sids)},
                ):  # fmt: skip
                    k = keys.get(aid)
                    if k in dev:
                        members.setdefault(sid, []).append(dev[k])
                for sid in sids:
                    labs = members.get(sid)
                    if not labs:
                        continue
                    same = sum(1 for g in labs if g == gold and not g.startswith("solo:"))
                    frac = same / len(labs)
                    if 0 < frac < 0.5:
                        continue
                    s, x = feats_of[sid]
                    pairs.append({
                        "corpus": corpus, "key": key, "gold": gold, "storyline": sid,
                        "y": int(frac >= 0.5), "score": s, "x": x, "n_labelled": len(labs),
                    })  # fmt: skip
        return original(conn, feats, terms, ents, top, seq, sid_new, opts)

    placement.assign_storyline = hooked
    try:
        res = eval_clustering._gold_scores(corpus, "dev", db, 1, options)
    finally:
        placement.assign_storyline = original
    return pairs, res


def fit(xs: list[list[float]], ys: list[int], l2: float = 1.0, iters: int = 50) -> list[float]:
    """Logistic regression by Newton steps, L2 penalty ``l2`` on every coefficient but the bias."""
    import numpy as np

    x = np.asarray(xs, dtype=float)
    y = np.asarray(ys, dtype=float)
    w = np.zeros(x.shape[1])
    pen = np.full(x.shape[1], l2)
    pen[0] = 0.0
    for _ in range(iters):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        g = x.T @ (p - y) + pen * w
        h = (x * (p * (1 - p))[:, None]).T @ x + np.diag(pen) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(h, g)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return [round(float(v), 4) for v in w]


def auc(scores: list[float], ys: list[int]) -> float:
    pos = [s for s, y in zip(scores, ys, strict=True) if y]
    neg = [s for s, y in zip(scores, ys, strict=True) if not y]
    if not pos or not neg:
        return float("nan")
    won = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return won / (len(pos) * len(neg))


def _prob(coef: list[float], x: list[float]) -> float:
    z = sum(c * v for c, v in zip(coef, x, strict=True))
    return 1 / (1 + math.exp(-max(-30, min(30, z))))


def cross_validated_auc(pairs: list[dict[str, Any]], folds: int = 5, l2: float = 1.0) -> float:
    """AUC of held-out folds, folds by gold thread of the event (no thread in two folds)."""
    import hashlib

    def fold(p: dict[str, Any]) -> int:
        return int(hashlib.sha1(p["gold"].encode()).hexdigest(), 16) % folds

    scores, ys = [], []
    for f in range(folds):
        train = [p for p in pairs if fold(p) != f]
        test = [p for p in pairs if fold(p) == f]
        if not test or len({p["y"] for p in train}) < 2:
            continue
        coef = fit([p["x"] for p in train], [p["y"] for p in train], l2)
        scores += [_prob(coef, p["x"]) for p in test]
        ys += [p["y"] for p in test]
    return auc(scores, ys)


def main(argv: list[str] | None = None) -> None:
    from eval_clustering import link_options

    from lagebild.group.storylines import LINK_FEATURES

    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--store", action="append", default=[], help="CORPUS=PATH (kept gold store)")
    ap.add_argument("--out", type=Path, required=True, help="coefficients JSON")
    ap.add_argument("--pairs-in", type=Path, action="append", default=[], help="earlier pairs")
    ap.add_argument("--link", default="", help="log under this learned link (see eval_clustering)")
    ap.add_argument("--link-threshold", type=float, default=0.5)
    ap.add_argument("--l2", type=float, default=1.0)
    args = ap.parse_args(argv)
    options = link_options(args.link, args.link_threshold) if args.link else None
    pairs: list[dict[str, Any]] = []
    for p in args.pairs_in:
        pairs += json.loads(p.read_text())["pairs"]
    for spec in args.store:
        corpus, path = spec.split("=", 1)
        got, res = log_pairs(corpus, Path(path), options)
        pairs += got
        sm, sa = res["storylines_members"], res["storylines_all"]
        em = res["events_members"]
        print(
            f"{corpus} dev rebuild: storylines, thread members BCubed P/R/F1"
            f" {sm['bcubed_p']:.3f} / {sm['bcubed_r']:.3f} / {sm['bcubed_f1']:.3f};"
            f" all labelled P {sa['bcubed_p']:.3f}; events multi-article pairwise F1"
            f" {em['pairwise_f1']:.3f}; largest {res['feed_largest']}; {len(got)} pairs"
            f" ({sum(p['y'] for p in got)} positive)"
        )
    xs, ys = [p["x"] for p in pairs], [p["y"] for p in pairs]
    coef = fit(xs, ys, args.l2)
    print(f"pairs {len(pairs)}, positive {sum(ys)}")
    named = zip(LINK_FEATURES, coef, strict=True)
    print("coefficients: " + ", ".join(f"{n} {c:+.3f}" for n, c in named))
    print(f"AUC in sample {auc([_prob(coef, x) for x in xs], ys):.3f}, hand score"
          f" {auc([p['score'] for p in pairs], ys):.3f}, cross-validated by thread"
          f" {cross_validated_auc(pairs, l2=args.l2):.3f}")  # fmt: skip
    args.out.write_text(json.dumps({"features": LINK_FEATURES, "coef": coef, "pairs": pairs}))


if __name__ == "__main__":
    main()
