"""Split-compound copies for the BiLSTM student: ``Nordkorea`` -> ``Nord Korea``, labelled from the joined form.

    PYTHONPATH=. python training/ner_lstm/split_names.py --teacher-dir /work/data/nerlstm/teacher --copies 2

Machine translation often writes a compass-point place name as two words (``Nord Korea``,
``Süd Afrika``).  The teacher tags such a split as two names (``B-LOC B-LOC``), so its labels on
the damaged text teach the student the same mistake.  Here the teacher's logits on the joined
word, already in the teacher files of ``teacher.py``, give the wanted tag instead: the first
half keeps the joined word's logits, the second half gets them with each ``B-X`` / ``I-X`` pair
swapped where ``B-X`` is the higher (so ``B-LOC`` becomes ``I-LOC``: one LOC over both words).
Only words the teacher tags ``B-LOC`` or ``I-LOC`` whose first part is a compass point are
split; each selected sentence is written ``--copies`` times (the same copy: no gold, KL only).
Reads the training sources only (GermEval 2014 train, Europarl train words, SpkAtt debates).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import numpy as np

COMPASS = re.compile(r"^(Nordost|Nordwest|Südost|Südwest|Nord|Süd|Ost|West)([a-zäöü]{3,})$")


def inside(lg: np.ndarray, labels: list[str]) -> np.ndarray:
    """``lg`` with each B-X / I-X pair swapped where B-X is the higher (the word continues a name)."""
    out = lg.copy()
    ix = {lab: i for i, lab in enumerate(labels)}
    for lab, b in ix.items():
        if lab.startswith("B-"):
            i = ix["I-" + lab[2:]]
            if lg[b] > lg[i]:
                out[b], out[i] = lg[i], lg[b]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--teacher-dir", default="/work/data/nerlstm/teacher")
    ap.add_argument("--sources", nargs="*", default=["germeval_train", "europarl_train", "debates"])
    ap.add_argument("--copies", type=int, default=2)
    a = ap.parse_args()
    tdir = Path(a.teacher_dir)
    sents, logits, labels = [], [], None
    for name in a.sources:
        z = np.load(tdir / f"{name}.npz", allow_pickle=False)
        labels = [str(x) for x in z["labels"]]
        loc = {labels.index("B-LOC"), labels.index("I-LOC")}
        offs, lg = z["offs"], z["logits"]
        for i, ws in enumerate(z["words"]):
            words = str(ws).split("\u0001")
            sl = lg[offs[i] : offs[i + 1]]
            hits = [j for j, w in enumerate(words) if COMPASS.match(w) and int(sl[j].argmax()) in loc]
            if not hits:
                continue
            nw, nl = [], []
            for j, w in enumerate(words):
                m = COMPASS.match(w) if j in hits else None
                if m:
                    nw += [m.group(1), m.group(2)[:1].upper() + m.group(2)[1:]]
                    nl += [sl[j], inside(sl[j], labels)]
                else:
                    nw.append(w)
                    nl.append(sl[j])
            for _ in range(a.copies):
                sents.append(nw)
                logits.append(np.stack(nl).astype(np.float16))
    offs = np.cumsum([0] + [len(s) for s in sents])
    np.savez(tdir / "split.npz", words=np.array(["\u0001".join(s) for s in sents]), tags=np.array([""] * len(sents)),
             logits=np.concatenate(logits), offs=offs, labels=np.array(labels))
    print(f"split: {len(sents)} sentences ({len(sents) // a.copies} distinct) -> {tdir / 'split.npz'}")


if __name__ == "__main__":
    main()
