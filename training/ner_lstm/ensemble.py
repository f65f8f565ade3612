"""Logit ensembles of BiLSTM runs: score them on the dev sets, pack one as a model folder.

    PYTHONPATH=. python training/ner_lstm/ensemble.py RUN_DIR [RUN_DIR ...] [--combos E+H,E+H+I] [--write OUT]

Each RUN_DIR is a model folder (``weights.npz`` + ``config.json``, e.g. a run's ``best/``),
named by its run letter (``.../runH/best`` -> ``H``).  A combination averages its members'
per-word log-softmax (the loader's ``members`` config key does the same) and decodes once with
the constrained Viterbi decoder; a single bias on every name label (the ``label_bias`` of
``tune_bias.py --groups one``) is chosen for it on GermEval dev[:600] alone (grid 0 ... 1.5),
and dev[600:], XGLUE dev and Europarl dev are scored with that bias (checks, never a choice).
``--write OUT`` (with one combination) packs it: the first member's ``weights.npz`` and config,
the others as ``weights_<run>.npz`` without the static-vector table they share with the first,
``members`` and the chosen ``label_bias`` in ``config.json``.
"""
import argparse
import json
import shutil
from pathlib import Path

import numpy as np

from lagebild.enrich import ner_lstm
from lagebild.enrich.ner_accurate import _decode
from lagebild.evaluate import ner as ner_eval

D = "/work/shared/data"
GRID = (0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5)


def run_name(p: Path) -> str:
    q = p.parent if p.name == "best" else p
    return q.name.removeprefix("run")


def log_softmax(x: np.ndarray) -> np.ndarray:
    x = x - x.max(1, keepdims=True)
    return x - np.log(np.exp(x).sum(1, keepdims=True))


def member_logits(path: Path, sets: dict, src) -> dict:
    """Per set, per sentence: the member's log-softmax tag scores (None for an empty sentence)."""
    tagger = ner_lstm.Tagger(path, source=src)
    out = {}
    for name, sents in sets.items():
        lg: list = [None] * len(sents)
        order = sorted((i for i, s in enumerate(sents) if s.tokens), key=lambda i: len(sents[i].tokens))
        for k in range(0, len(order), 64):
            idx = order[k : k + 64]
            for i, x in zip(idx, tagger.logits([sents[i].tokens for i in idx]), strict=True):
                lg[i] = log_softmax(x)
        out[name] = lg
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("runs", nargs="+", type=Path)
    ap.add_argument("--combos", default=None, help="comma-separated, members joined by +; default: all runs")
    ap.add_argument("--write", type=Path, default=None)
    a = ap.parse_args()
    runs = {run_name(p): p for p in a.runs}
    combos = [c.split("+") for c in a.combos.split(",")] if a.combos else [list(runs)]
    dev = ner_eval.read_conll(f"{D}/germeval2014/dev.tsv")
    sets = {"dev[:600]": dev[:600], "dev[600:]": dev[600:],
            "XGLUE dev": ner_eval.read_conll(f"{D}/xglue-ner-de/dev.txt"),
            "Europarl dev": ner_eval.read_conll(f"{D}/europarl-ner-de/dev.tsv")}
    gold = {k: [ner_eval.chunks(s.tags) for s in v] for k, v in sets.items()}
    scheme = {k: "conll" if any(t.endswith("MISC") for s in v for t in s.tags) else "main" for k, v in sets.items()}
    first = next(iter(runs.values()))
    labels = json.loads((first / "config.json").read_text(encoding="utf-8"))["labels"]
    name = np.array([lab != "O" for lab in labels], dtype=np.float32)
    src = ner_lstm.Tagger(first).src
    lg = {r: member_logits(p, sets, src) for r, p in runs.items() if any(r in c for c in combos)}

    def f1(scores: list, k: str, b: float) -> dict:
        pred = [[] if s is None else ner_eval.chunks(_decode(s + b * name, list(range(len(s))), labels))
                for s in scores]
        return ner_eval.score(gold[k], pred, scheme[k])

    chosen = 0.0
    for c in combos:
        mean = {k: [None if lg[c[0]][k][i] is None else np.mean([lg[r][k][i] for r in c], axis=0)
                    for i in range(len(sets[k]))] for k in sets}
        sel = {b: f1(mean["dev[:600]"], "dev[:600]", b)["f1"] for b in GRID}
        chosen = max(GRID, key=lambda b: sel[b])
        print(f"{'+'.join(c)}: dev[:600] by bias " + " ".join(f"{b}: {sel[b]:.4f}" for b in GRID), flush=True)
        for k in sets:
            r = f1(mean[k], k, chosen)
            pt = {t: (round(x["precision"], 3), round(x["recall"], 3), round(x["f1"], 3)) for t, x in r["per_type"].items()}
            print(f"  bias {chosen}: {k}: P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.4f} {pt}", flush=True)
    if a.write:
        assert len(combos) == 1, "--write takes one combination"
        out, c = a.write, combos[0]
        out.mkdir(parents=True, exist_ok=True)
        shutil.copy(runs[c[0]] / "weights.npz", out / "weights.npz")
        cfg = json.loads((runs[c[0]] / "config.json").read_text(encoding="utf-8"))
        files = ["weights.npz"]
        with np.load(out / "weights.npz") as z0:
            table, words = z0["enc.ctx"], z0["ctx.words"]
            for r in c[1:]:
                with np.load(runs[r] / "weights.npz") as z:
                    assert np.array_equal(z["enc.ctx"], table) and np.array_equal(z["ctx.words"], words)
                    np.savez_compressed(out / f"weights_{r.lower()}.npz",
                                        **{k: z[k] for k in z.files if k not in ("enc.ctx", "ctx.words")})
                files.append(f"weights_{r.lower()}.npz")
        if len(files) > 1:
            cfg["members"] = files
        cfg.pop("label_bias", None)
        if chosen:
            cfg["label_bias"] = {lab: chosen for lab in labels if lab != "O"}
        (out / "config.json").write_text(json.dumps(cfg, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"written: {out} ({', '.join(files)})", flush=True)


if __name__ == "__main__":
    main()
