"""Teacher labels for the BiLSTM student: the accurate model's per-word logits, cached per file.

    OMP_NUM_THREADS=1 PYTHONPATH=. nice -n 10 python training/ner_lstm/teacher.py --out /work/data/nerlstm/teacher

Each source (GermEval 2014 train with gold; Europarl NER train words, SpkAtt-2023 debates
sentences of train/dev/trial without gold; ``--damage`` robustness copies, see
``training/ner_accurate/distill.damage``) is written to its own ``<name>.npz`` as soon as it is
done (words joined with U+0001, gold tags or "", the teacher's float16 logits at each word's
first piece, a word without pieces gets zeros), so the student can start on the first file
while the next is labelled.  Only sets that may train a shipped model are read
(shared/data/README.md).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from lagebild.enrich.ner_accurate import Tagger, pad_batch  # noqa: E402

from data import read_bioes, read_tokens  # noqa: E402

SOURCES = {
    "germeval_train": "/work/data/germeval_train.bioes",
    "europarl_train": "/work/shared/data/europarl-ner-de/train.tsv",
    "debates": "/work/shared/data/spkatt2023-debates/train/task1,/work/shared/data/spkatt2023-debates/dev/task1,"
               "/work/shared/data/spkatt2023-debates/trial/task1",
    # 0.3.0 candidates: extra transfer text (transfer_text.py; licences in its docstring)
    "ud_gsd": "/work/data/nerlstm/transfer/ud_gsd.words.txt",
    "ud_pud": "/work/data/nerlstm/transfer/ud_pud.words.txt",
    "speeches": "/work/data/nerlstm/transfer/speeches.words.txt",
}
EXTRA = ("ud_gsd", "ud_pud", "speeches")  # not in the damaged copies' pool (0.2.0's files)


def read_words(path: str) -> list[list[str]]:
    """Sentences of a ``transfer_text.py`` file (words joined by tabs), else :func:`read_tokens`."""
    if path.endswith(".words.txt"):
        return [line.rstrip("\n").split("\t") for line in open(path, encoding="utf-8") if line.strip()]
    return read_tokens(path)


def label(teacher: Tagger, sents: list[list[str]], batch: int = 32) -> list[np.ndarray]:
    """float16 logits (words, labels) of each sentence at its words' first pieces."""
    enc = [teacher.encode_words(s) for s in sents]
    out: list[np.ndarray] = [None] * len(sents)  # type: ignore[list-item]
    order = sorted(range(len(enc)), key=lambda i: len(enc[i][0]))
    nl = len(teacher.labels)
    for k in range(0, len(order), batch):
        idx = order[k : k + batch]
        lg = teacher.logits(*pad_batch([enc[i][0] for i in idx], teacher.src.pad))
        for r, i in enumerate(idx):
            first = enc[i][1]
            a = np.zeros((len(first), nl), dtype=np.float16)
            for j, pos in enumerate(first):
                if pos >= 0:
                    a[j] = lg[r, pos]
            out[i] = a
    return out


def save(path: Path, sents: list[list[str]], tags: list[list[str]] | None, logits: list[np.ndarray], labels) -> None:
    offs = np.cumsum([0] + [len(s) for s in sents])
    np.savez(path, words=np.array(["\u0001".join(s) for s in sents]),
             tags=np.array([" ".join(t) for t in tags] if tags else [""] * len(sents)),
             logits=np.concatenate(logits), offs=offs, labels=np.array(labels))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--teacher", default=str(ROOT / "lagebild/models/ner-de-accurate"))
    ap.add_argument("--only", nargs="*", default=[n for n in SOURCES if n not in EXTRA] + ["damaged"])
    ap.add_argument("--damage", type=float, default=0.2)
    ap.add_argument("--damage-seed", type=int, default=0)
    a = ap.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    teacher = Tagger(Path(a.teacher))
    pool: list[list[str]] = []
    for name, src in SOURCES.items():
        if name == "germeval_train":
            gold = read_bioes(src)
            sents, tags = [t for t, _ in gold], [g for _, g in gold]
        else:
            sents, tags = [], None
            if name in EXTRA and name not in a.only:
                continue
            for p in src.split(","):
                sents += read_words(p)
        if name not in EXTRA:
            pool += sents
        if name not in a.only or (out / f"{name}.npz").is_file():
            continue
        t0 = time.time()
        lg = label(teacher, sents)
        save(out / f"{name}.npz", sents, tags, lg, teacher.labels)
        print(f"{name}: {len(sents)} sentences, {sum(map(len, sents))} words, "
              f"{(time.time() - t0) / 60:.1f} min", flush=True)
    if "damaged" in a.only and a.damage > 0 and not (out / "damaged.npz").is_file():
        sys.path.insert(0, str(ROOT / "training/ner_accurate"))
        from distill import damage  # noqa: E402  (imports torch)

        rng = random.Random(a.damage_seed)
        sents = [damage(s, rng)[1] for s in rng.sample(pool, int(len(pool) * a.damage))]
        t0 = time.time()
        lg = label(teacher, sents)
        save(out / "damaged.npz", sents, None, lg, teacher.labels)
        print(f"damaged: {len(sents)} sentences, {(time.time() - t0) / 60:.1f} min", flush=True)
    if "damaged" in a.only:  # (a run of the extra sources alone keeps the record of the damage rate)
        (out / "done.json").write_text(json.dumps({"teacher": a.teacher, "damage": a.damage}))


if __name__ == "__main__":
    main()
