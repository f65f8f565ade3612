"""Throughput of the NER pipeline on one core (best of N repeats).

Usage:
    OMP_NUM_THREADS=1 python training/ner/bench_speed.py [MODEL_DIR] [--file GOLD] [--repeats 3]

Reports tokens/s for (a) raw text through ``recognize_many`` (spaCy
tokenizer + tok2vec + ner) and (b) pre-tokenised Docs through the pipeline.
Default text: the GermEval 2014 dev sentences (41 653 tokens).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from lagebild.enrich import ner  # noqa: E402
from lagebild.evaluate.ner import read_conll  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("model", nargs="?", default=None)
    ap.add_argument("--file", default=str(ROOT.parent / "shared/data/germeval2014/dev.tsv"))
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)
    if args.model:
        os.environ[ner.ENV_VAR] = args.model
    from spacy.tokens import Doc

    nlp = ner.get_nlp()
    sents = read_conll(args.file)
    texts = [" ".join(s.tokens) for s in sents]
    n_raw = sum(len(d) for d in nlp.tokenizer.pipe(texts))
    best = {"raw": [0.0, 0.0], "tok": [0.0, 0.0]}  # [wall, cpu] tokens/s
    for _ in range(args.repeats):
        w, c = time.perf_counter(), time.process_time()
        ner.recognize_many(texts, batch_size=256)
        best["raw"][0] = max(best["raw"][0], n_raw / (time.perf_counter() - w))
        best["raw"][1] = max(best["raw"][1], n_raw / (time.process_time() - c))
        docs = [Doc(nlp.vocab, words=s.tokens) for s in sents]
        n = sum(len(d) for d in docs)
        w, c = time.perf_counter(), time.process_time()
        list(nlp.pipe(docs, batch_size=256))
        best["tok"][0] = max(best["tok"][0], n / (time.perf_counter() - w))
        best["tok"][1] = max(best["tok"][1], n / (time.process_time() - c))
    # CPU-time rate = throughput of one fully available core, whatever else the
    # machine is running; wall-clock rate depends on that load.
    print(f"raw text (tokenizer+tok2vec+ner): {best['raw'][1]:,.0f} tokens/CPU-s"
          f"  ({best['raw'][0]:,.0f} tokens/wall-s)")
    print(f"pre-tokenised (tok2vec+ner):      {best['tok'][1]:,.0f} tokens/CPU-s"
          f"  ({best['tok'][0]:,.0f} tokens/wall-s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
