"""Static word vectors from the fast model's contextual ones: the mean last-layer state per word type.

    OMP_NUM_THREADS=1 PYTHONPATH=. nice -n 10 python training/ner_lstm/ctx_vectors.py \
        --teacher-dir /work/data/nerlstm/teacher --out /work/data/nerlstm/ctx.npz

The shipped fast graph (``lagebild/models/ner-de-fast``, 3 layers of e5-small fine-tuned for
NER) is given its last hidden state as a second output; every sentence of the teacher files
(the text the student trains on) is run once and the state at each word's first piece is
averaged per word type (types seen ``--min-count`` times or more).  Written: ``words``,
``vectors`` (float32, types x 384), ``counts``.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from lagebild.enrich import ner_accurate  # noqa: E402
from lagebild.enrich.ner_accurate import Tagger, pad_batch  # noqa: E402

HIDDEN = "/m/layers.2/oln/LayerNormalization_output_0"


def session_with_hidden(model_dir: Path):
    import onnx

    m = onnx.load(str(model_dir / "model.int8.onnx"))
    m.graph.output.append(onnx.helper.make_tensor_value_info(HIDDEN, onnx.TensorProto.FLOAT, None))
    tmp = Path("/tmp/ner_fast_hidden.onnx")
    onnx.save(m, str(tmp))
    return ner_accurate._onnx_session(tmp)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--teacher-dir", default="/work/data/nerlstm/teacher")
    ap.add_argument("--sources", nargs="*", default=["germeval_train", "europarl_train", "debates", "damaged"])
    ap.add_argument("--model", default=str(ROOT / "lagebild/models/ner-de-fast"))
    ap.add_argument("--min-count", type=int, default=1)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    tagger = Tagger(Path(a.model))
    sess = session_with_hidden(Path(a.model))
    sents = []
    for name in a.sources:
        f = Path(a.teacher_dir) / f"{name}.npz"
        if f.is_file():
            sents += [str(w).split("\u0001") for w in np.load(f)["words"]]
    enc = [tagger.encode_words(s) for s in sents]
    order = sorted(range(len(enc)), key=lambda i: len(enc[i][0]))
    sums: dict[str, np.ndarray] = {}
    counts: dict[str, int] = defaultdict(int)
    for k in range(0, len(order), 32):
        idx = order[k : k + 32]
        ids, mask = pad_batch([enc[i][0] for i in idx], tagger.src.pad)
        hid = sess.run([HIDDEN], {"emb": tagger.src.embed(ids), "mask": mask})[0]
        for r, i in enumerate(idx):
            for w, pos in zip(sents[i], enc[i][1], strict=True):
                if pos < 0:
                    continue
                if w in sums:
                    sums[w] += hid[r, pos]
                else:
                    sums[w] = hid[r, pos].copy()
                counts[w] += 1
        if k % 3200 == 0:
            print(f"{k}/{len(order)} sentences", flush=True)
    words = sorted(w for w in sums if counts[w] >= a.min_count)
    vec = np.stack([sums[w] / counts[w] for w in words]).astype(np.float32)
    np.savez(a.out, words=np.array(words), vectors=vec, counts=np.array([counts[w] for w in words]))
    print(f"{len(words)} word types -> {a.out}", flush=True)


if __name__ == "__main__":
    main()
