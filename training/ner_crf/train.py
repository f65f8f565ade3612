"""Train the feature-CRF German NER model (``crf.py``) on one CPU core.

Usage (the GermEval 2014 train split from ``training/ner_accurate/get_data.sh``):

    OMP_NUM_THREADS=1 nice -n 19 python training/ner_crf/train.py \
        --germeval-train /work/data/germeval_train.bioes --out /tmp/crf/run1 \
        [--with-dev-train] [--europarl] [--clusters 64,256,1024 | --clusters none] \
        [--c1 0.05 --c2 0.01 --iterations 150]

Steps: read the training sentences (IOB2 over the GermEval outer labels, OTH -> MISC);
build the word clusters (k-means over the mean USE-multilingual subword embedding of
every word of the training files and of the Latin whole-word pieces of the USE
vocabulary; build time only, the clusters ship as a table); train CRFsuite (L-BFGS,
elastic net); score GermEval dev (scheme ``main``), on all 2 200 sentences when dev was
not trained on, else on the 300 held-out sentences of ``training/ner/prepare.py``'s
split (seed 13; the same sentences the cnn model's 0.711 is measured on).

``--with-dev-train`` adds the other 1 900 dev sentences to training (as the cnn
recipe does); ``--europarl`` adds the Europarl NER train split (CoNLL labels:
lower-case MISC becomes LOCderiv, as in prepare.py).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import crf as ner_crf  # noqa: E402
from lagebild.evaluate.ner import Sentence, chunks, read_conll, score  # noqa: E402

SUBTYPES = {"DERIV": "deriv", "PART": "part"}


def read_bioes(path: str) -> list[Sentence]:
    """``token TAG`` BIOES with upper-cased subtypes -> IOB2 GermEval labels, U+00AD removed."""
    out: list[Sentence] = []
    toks: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    for line in lines:
        parts = line.split()
        if not parts:
            if toks:
                out.append(Sentence(toks, tags))
            toks, tags = [], []
            continue
        tok, tag = parts
        tok = tok.replace("\u00ad", "") or tok
        if tag != "O":
            pref, lab = tag.split("-", 1)
            lab = lab[:3] + SUBTYPES.get(lab[3:], "")
            tag = ("B-" if pref in "BS" else "I-") + lab
        toks.append(tok)
        tags.append(tag)
    if toks:
        out.append(Sentence(toks, tags))
    return out


def iob2(n: int, spans: list[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * n
    for s, e, lab in spans:
        tags[s] = "B-" + lab
        for k in range(s + 1, e):
            tags[k] = "I-" + lab
    return tags


def norm_spans(sent: Sentence, conll: bool) -> list[tuple[int, int, str]]:
    out = []
    for s, e, lab in chunks(sent.tags):
        if lab.startswith("OTH"):
            lab = "MISC" + lab[3:]
        if conll and lab == "MISC" and e - s == 1 and sent.tokens[s][:1].islower():
            lab = "LOCderiv"
        out.append((s, e, lab))
    return out


def heldout_split(n: int, k: int = 300, seed: int = 13) -> set[int]:
    """The held-out GermEval dev indices of training/ner/prepare.py (same RNG use)."""
    rng = random.Random(seed)
    idx = list(range(n))
    rng.shuffle(idx)
    return set(idx[:k])


def kmeans(x: np.ndarray, k: int, iters: int, rng: np.random.Generator) -> np.ndarray:
    """Centroids of plain k-means (rows of ``x`` normalised; k-means++-free random start)."""
    cent = x[rng.choice(len(x), k, replace=False)].copy()
    for _ in range(iters):
        lab = np.empty(len(x), dtype=np.int64)
        half = 0.5 * (cent * cent).sum(1)[None]
        for a in range(0, len(x), 20000):
            lab[a:a + 20000] = (half - x[a:a + 20000] @ cent.T).argmin(1)
        for j in range(k):
            m = lab == j
            cent[j] = x[m].mean(0) if m.any() else x[rng.integers(len(x))]
    return cent.astype(np.float32)


def build_clusters(sents: list[Sentence], ks: list[int], out_dir: Path, dims: int) -> dict:
    """Fit the tables of ``ner_crf.Clusterer`` on the training words -> clusters.npz."""
    t0 = time.process_time()
    counts: Counter[str] = Counter(t for s in sents for t in s.tokens)
    words = sorted(w for w in counts if ner_crf._wants_cluster(w))
    raw = ner_crf.Clusterer().raw(words)
    mean = raw.mean(0)
    x = raw - mean
    # PCA axes from the words seen twice or more (rare words are mostly noise for the axes)
    freq = [i for i, w in enumerate(words) if counts[w] >= 2][:40000]
    if len(freq) < 4 * dims:  # a tiny corpus: every word
        freq = list(range(min(len(words), 40000)))
    _, _, vt = np.linalg.svd(x[freq], full_matrices=False)
    proj = vt[:dims].T.astype(np.float32)
    red = x @ proj
    red /= np.linalg.norm(red, axis=1, keepdims=True) + 1e-8
    rng = np.random.default_rng(7)
    arrays = {"mean": mean.astype(np.float32), "proj": proj}
    for i, k in enumerate(ks):
        arrays[f"centroids_{i}_{k:05d}"] = kmeans(red, k, 15, rng)
    np.savez(out_dir / "clusters.npz", **arrays)
    return {"words": len(words), "ks": ks, "dims": dims,
            "cpu_s": round(time.process_time() - t0, 1)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--germeval-train", required=True)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--out", required=True)
    ap.add_argument("--with-dev-train", action="store_true")
    ap.add_argument("--europarl", action="store_true")
    ap.add_argument("--clusters", default="64,256,1024")
    ap.add_argument("--clusters-from", help="reuse clusters.npz of an earlier run's folder")
    ap.add_argument("--dims", type=int, default=96)
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--limit", type=int, default=0, help="first N train sentences (smoke runs)")
    args = ap.parse_args(argv)

    import pycrfsuite

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    data = Path(args.data)
    train: list[tuple[list[str], list[str]]] = []
    raw = read_bioes(args.germeval_train)
    if args.limit:
        raw = raw[: args.limit]
    for s in raw:
        train.append((s.tokens, iob2(len(s.tokens), norm_spans(s, conll=False))))
    gdev = read_conll(data / "germeval2014" / "dev.tsv")
    held = heldout_split(len(gdev))
    if args.with_dev_train:
        for i, s in enumerate(gdev):
            if i not in held:
                train.append((s.tokens, iob2(len(s.tokens), norm_spans(s, conll=False))))
        dev = [s for i, s in enumerate(gdev) if i in held]
    else:
        dev = gdev
    if args.europarl:
        for s in read_conll(data / "europarl-ner-de" / "train.tsv"):
            train.append((s.tokens, iob2(len(s.tokens), norm_spans(s, conll=True))))
    info: dict = {"train_sentences": len(train), "dev_sentences": len(dev),
                  "args": vars(args)}

    clusterer = None
    if args.clusters_from:
        src = Path(args.clusters_from) / "clusters.npz"
        (out / "clusters.npz").write_bytes(src.read_bytes())
    elif args.clusters != "none":
        ks = [int(k) for k in args.clusters.split(",")]
        info["clusters"] = build_clusters(
            [Sentence(t, g) for t, g in train], ks, out, args.dims)
    if (out / "clusters.npz").is_file():
        clusterer = ner_crf.Clusterer(out / "clusters.npz")
    feats = ner_crf.Features({}, clusterer=clusterer)
    t0 = time.process_time()
    feats.prefill(t for t, _ in train)
    info["cluster_assign_cpu_s"] = round(time.process_time() - t0, 1)
    if clusterer is not None:
        # the training words' ids ship as a cache (the Clusterer gives the same for them)
        with gzip.open(out / "clusters.tsv.gz", "wt", encoding="utf-8") as fh:
            for w in sorted(feats.clusters):
                fh.write(w + "\t" + "\t".join(feats.clusters[w]) + "\n")

    t0 = time.process_time()
    trainer = pycrfsuite.Trainer(verbose=False)
    for toks, tags in train:
        trainer.append(feats.sentence(toks), tags)
    info["feature_cpu_s"] = round(time.process_time() - t0, 1)
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                        "feature.possible_transitions": True})
    t0 = time.process_time()
    trainer.train(str(out / "model.crfsuite"))
    info["train_cpu_s"] = round(time.process_time() - t0, 1)
    labels = sorted({t[2:] for _, tags in train for t in tags if t != "O"})
    (out / "config.json").write_text(json.dumps(
        {"name": "ner-de-crf", "labels": labels,
         "clusters": args.clusters if not args.clusters_from else "reused"}, indent=2) + "\n")

    tagger = ner_crf.Tagger(out)
    t0 = time.process_time()
    pred = tagger.tag([s.tokens for s in dev])
    cpu = time.process_time() - t0
    res = score([chunks(s.tags) for s in dev], [chunks(p) for p in pred], "main")
    ntok = sum(len(s.tokens) for s in dev)
    info["dev"] = {"f1": round(res["f1"], 4), "p": round(res["precision"], 4),
                   "r": round(res["recall"], 4),
                   "per_type": {k: round(v["f1"], 4) for k, v in res["per_type"].items()},
                   "tokens_per_cpu_s": round(ntok / cpu)}
    (out / "train_info.json").write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps({k: info[k] for k in ("dev", "train_cpu_s", "train_sentences")}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
