"""Per-label decoding biases of a BiLSTM model, chosen on GermEval dev[:600] only.

    PYTHONPATH=. python training/ner_lstm/tune_bias.py MODEL_DIR [--write]

A bias per group of labels (``B-X`` and ``I-X`` of each base type X, all ``*deriv`` and all
``*part`` labels) is added to the tag scores before the constrained Viterbi decoder
(the loader's ``label_bias`` config key).  Coordinate ascent over a grid on dev[:600] (the
selection set); then dev[:600], dev[600:], XGLUE dev and Europarl dev with and without the
biases (the last three never used for the choice).  ``--write`` stores the biases in the
model's ``config.json``.
"""
import argparse
import json
import os
import sys
from pathlib import Path

ap = argparse.ArgumentParser()
ap.add_argument("model")
ap.add_argument("--write", action="store_true")
ap.add_argument("--groups", choices=("bi", "type", "one"), default="bi",
                help="bi: B-X and I-X of each type apart, deriv, part; type: one per base type (B and I "
                     "tied), deriv, part; one: a single bias of every name label against O")
ap.add_argument("--rounds", type=int, default=2)
ap.add_argument("--grid", default="-1,-0.75,-0.5,-0.25,0,0.25,0.5,0.75,1,1.25,1.5,2")
a = ap.parse_args()
os.environ["LAGEBILD_NER_LSTM_MODEL"] = a.model

import numpy as np  # noqa: E402

from lagebild.enrich import ner_lstm  # noqa: E402
from lagebild.enrich.ner_accurate import _decode  # noqa: E402
from lagebild.evaluate import ner as ner_eval  # noqa: E402

D = "/work/shared/data"
tagger = ner_lstm.get_tagger()
labels = tagger.labels
groups: dict[str, list[int]] = {}
for i, lab in enumerate(labels):
    if lab == "O":
        continue
    base = lab[2:]
    key = "deriv" if base.endswith("deriv") else "part" if base.endswith("part") else lab
    if a.groups == "type" and key == lab:
        key = base
    if a.groups == "one":
        key = "name"
    groups.setdefault(key, []).append(i)

dev = ner_eval.read_conll(f"{D}/germeval2014/dev.tsv")
sel = dev[:600]
tagger.label_bias = None
# logits per sentence (batched by length like tag())
order = sorted(range(len(sel)), key=lambda i: len(sel[i].tokens))
sel_logits = [None] * len(sel)
for k in range(0, len(order), 64):
    idx = order[k : k + 64]
    for i, lg in zip(idx, tagger.logits([sel[i].tokens for i in idx]), strict=True):
        sel_logits[i] = lg
gold = [ner_eval.chunks(s.tags) for s in sel]


def vec(bias: dict[str, float]) -> np.ndarray:
    v = np.zeros(len(labels), dtype=np.float32)
    for g, b in bias.items():
        v[groups[g]] = b
    return v


def f1_sel(bias: dict[str, float]) -> float:
    v = vec(bias)
    pred = [ner_eval.chunks(_decode(lg + v, list(range(len(lg))), labels)) for lg in sel_logits]
    return ner_eval.score(gold, pred, "main")["f1"]


grid = [float(x) for x in a.grid.split(",")]
bias = {g: 0.0 for g in groups}
best = f1_sel(bias)
print(f"no bias: dev[:600] F1 {best:.4f}", flush=True)
for rnd in range(a.rounds):
    for g in groups:
        for val in grid:
            trial = dict(bias, **{g: val})
            f = f1_sel(trial)
            if f > best + 1e-9:
                best, bias = f, trial
        print(f"round {rnd + 1} {g}: {bias[g]:+.2f} -> {best:.4f}", flush=True)
bias = {g: b for g, b in bias.items() if b}
print("chosen:", json.dumps(bias), flush=True)


def report(tag: str, v: np.ndarray | None) -> None:
    tagger.label_bias = v
    for name, sents in (("dev[:600]", sel), ("dev[600:]", dev[600:])):
        pred = tagger.tag([s.tokens for s in sents])
        r = ner_eval.score([ner_eval.chunks(s.tags) for s in sents], [ner_eval.chunks(p) for p in pred], "main")
        pt = {k: (round(x["precision"], 3), round(x["recall"], 3), round(x["f1"], 3)) for k, x in r["per_type"].items()}
        print(f"{tag} GermEval {name}: P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.4f} {pt}", flush=True)
    for name, path in (("XGLUE dev", f"{D}/xglue-ner-de/dev.txt"), ("Europarl dev", f"{D}/europarl-ner-de/dev.tsv")):
        r = ner_eval.evaluate(path, ner="lstm")
        print(f"{tag} {name} ({r['scheme']}): P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.4f}", flush=True)


report("without", None)
label_bias = {labels[i]: b for g, b in bias.items() for i in groups[g]}
report("with", vec(bias) if bias else None)
if a.write:
    p = Path(a.model) / "config.json"
    cfg = json.loads(p.read_text(encoding="utf-8"))
    cfg["label_bias"] = label_bias
    p.write_text(json.dumps(cfg, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"written to {p}", file=sys.stderr)
