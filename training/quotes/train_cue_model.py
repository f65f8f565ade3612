"""Fit the learned German speech-cue scorer and write lagebild/models/quotes-de/cue_model.json.

Data: SpkAtt-2023 **debates** (GePaDe-SpkAtt, CC BY-SA 4.0, may train a shipped model):
``train/task1`` (177 Bundestag speeches) fits, ``dev/task1`` (18) chooses the L2 strength;
the shipped weights are refitted on train + dev with that strength.  Each word that
:func:`lagebild.enrich._quote_learned.candidate` scores (not a listed verb of saying, not a
function word) is one example; it is positive when a gold annotation lists it as a Cue
token.  The features are :func:`lagebild.enrich._quote_learned.features`; features seen
fewer than ``--min-count`` times in the fitting data are dropped.  The model is an L2
logistic regression fitted with L-BFGS (numpy/scipy; no other library).

The threshold (``--threshold``, stored with the weights) was chosen on SpkAtt-2023 news
**train** (the first 300 articles decide, ``train60e`` was read; measure-only data, nothing
fitted on it) and confirmed on news dev120; see training/quotes/README.md.

Usage::

    .venv/bin/python training/quotes/train_cue_model.py [--threshold 0.5] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

from lagebild.enrich import _quote_learned as ql
from lagebild.enrich._quote_syntax import _lemma, _Tok

ROOT = Path(__file__).resolve().parents[2]
DEBATES = ROOT.parent / "shared" / "data" / "spkatt2023-debates"
OUT = ROOT / "lagebild" / "models" / "quotes-de"


def examples(folder: Path) -> tuple[list[list[str]], list[int], list[str]]:
    """Features, labels and words of every scored word in the speeches of ``folder``."""
    feats, labels, words = [], [], []
    for f in sorted(folder.glob("*.json")):
        doc = json.loads(f.read_text(encoding="utf-8"))
        cue = set()
        for a in doc["Annotations"]:
            cue.update(a.get("Cue", []))
        for s in doc["Sentences"]:
            sid = s.get("SentenceId", s.get("SentenceID"))
            toks, pos = [], 0
            for w in s["Tokens"]:
                toks.append(_Tok(w, pos, pos + len(w), w.lower(), w[:1].isupper()))
                pos += len(w) + 1
            for i, t in enumerate(toks):
                if not t.text[0].isalpha():
                    continue
                lem = _lemma(t.text)
                if not ql.candidate(toks, i, lem):
                    continue
                feats.append(ql.features(toks, i, lem))
                labels.append(int(f"{sid}:{i}" in cue))
                words.append(t.text)
    return feats, labels, words


def unlexed(feats: list[str]) -> list[str]:
    """The features without the word's identity (lemma, particle verb, lemma crossings)."""
    return [x for x in feats if not x.startswith(("l=", "pl="))]


def matrix(feats: list[list[str]], index: dict[str, int]) -> sparse.csr_matrix:
    rows, cols = [], []
    for r, fs in enumerate(feats):
        for x in fs:
            j = index.get(x)
            if j is not None:
                rows.append(r)
                cols.append(j)
    data = np.ones(len(rows))
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(feats), len(index)))


def fit(x: sparse.csr_matrix, y: np.ndarray, l2: float, bias_col: int) -> np.ndarray:
    """L2 logistic regression (the bias column unpenalised)."""
    mask = np.ones(x.shape[1])
    mask[bias_col] = 0.0

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        p = 1.0 / (1.0 + np.exp(-z))
        eps = 1e-12
        ll = -np.sum(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))
        reg = 0.5 * l2 * np.sum(mask * w * w)
        grad = x.T @ (p - y) + l2 * mask * w
        return ll + reg, grad

    res = minimize(
        loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 500}
    )
    return res.x


def pr(p: np.ndarray, y: np.ndarray, thr: float) -> tuple[float, float]:
    pred = p >= thr
    tp = float(np.sum(pred & (y == 1)))
    return tp / max(1, int(pred.sum())), tp / max(1, int(y.sum()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--debates", type=Path, default=DEBATES)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--l2", type=float, nargs="*", default=[0.3, 1.0, 3.0, 10.0])
    ap.add_argument(
        "--unlexed",
        action="store_true",
        help="add a copy of every example without its lemma features (context learns more)",
    )
    args = ap.parse_args(argv)
    t0 = time.time()
    ql.ENABLED = False
    ftr, ytr, _ = examples(args.debates / "train" / "task1")
    fdv, ydv, wdv = examples(args.debates / "dev" / "task1")
    if args.unlexed:
        ftr, ytr = ftr + [unlexed(fs) for fs in ftr], ytr + ytr
    ytr_a, ydv_a = np.array(ytr, float), np.array(ydv, float)

    def index_of(feats: list[list[str]]) -> dict[str, int]:
        cnt = Counter(x for fs in feats for x in fs)
        keep = sorted(x for x, c in cnt.items() if c >= args.min_count or x == "bias")
        return {x: j for j, x in enumerate(keep)}

    idx = index_of(ftr)
    xtr, xdv = matrix(ftr, idx), matrix(fdv, idx)
    report: dict = {
        "examples_train": len(ytr),
        "cues_train": int(sum(ytr)),
        "examples_dev": len(ydv),
        "cues_dev": int(sum(ydv)),
        "features": len(idx),
        "dev": {},
    }
    best, best_ll = args.l2[0], float("inf")
    for l2 in args.l2:
        w = fit(xtr, ytr_a, l2, idx["bias"])
        p = 1.0 / (1.0 + np.exp(-(xdv @ w)))
        ll = float(-np.mean(ydv_a * np.log(p + 1e-12) + (1 - ydv_a) * np.log(1 - p + 1e-12)))
        curve = {str(t): [round(v, 3) for v in pr(p, ydv_a, t)] for t in (0.3, 0.5, 0.7, 0.9)}
        report["dev"][str(l2)] = {"logloss": round(ll, 5), "precision_recall": curve}
        if ll < best_ll:
            best, best_ll = l2, ll
    report["l2"] = best
    # refit on train + dev with the chosen strength
    fall, yall = ftr + fdv, ytr + ydv
    if args.unlexed:
        fall, yall = fall + [unlexed(fs) for fs in fdv], yall + ydv
    idx = index_of(fall)
    w = fit(matrix(fall, idx), np.array(yall, float), best, idx["bias"])
    weights = {x: round(float(w[j]), 4) for x, j in idx.items() if abs(w[j]) >= 0.01}
    args.out.mkdir(parents=True, exist_ok=True)
    model = {
        "about": "German speech-cue scorer, lagebild/enrich/_quote_learned.py; see MODEL_CARD.md",
        "threshold": args.threshold,
        "l2": best,
        "weights": dict(sorted(weights.items())),
    }
    (args.out / "cue_model.json").write_text(
        json.dumps(model, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8"
    )
    report["kept_weights"] = len(weights)
    report["seconds"] = round(time.time() - t0, 1)
    (args.out / "metrics.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    sys.stdout.write(json.dumps(report, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
