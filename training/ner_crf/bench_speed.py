"""Tokens per CPU-second of a CRF model folder on one core.

    OMP_NUM_THREADS=1 PYTHONPATH=. python training/ner_crf/bench_speed.py MODEL_DIR [N]

N GermEval dev sentences (default: all 2 200).  Three figures: ``cold`` as enrichment meets
new text (model loaded and 20 sentences tagged first; every other word's features and, for
words outside the cluster cache, its e5 pieces and cluster computed for the first time),
``warm`` (the same sentences again: caches full) and ``raw`` (the sentences joined into text:
sentence splitting and spaCy's German tokenizer rules included, caches warm), comparable with
``training/ner/bench_speed.py``'s raw-text figure for the default model.
"""
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import crf  # noqa: E402

from lagebild.evaluate import ner as ner_eval  # noqa: E402

DEV = Path(__file__).resolve().parents[3] / "shared/data/germeval2014/dev.tsv"
sents = ner_eval.read_conll(DEV)
n = int(sys.argv[2]) if len(sys.argv) > 2 else len(sents)
sents = sents[:n]
tagger = crf.Tagger(sys.argv[1])
tagger.tag([s.tokens for s in sents[:20]])  # load e5's vocabulary, CRFsuite
ntok = sum(len(s.tokens) for s in sents)
for label in ("cold", "warm"):
    t0, c0 = time.perf_counter(), time.process_time()
    tagger.tag([s.tokens for s in sents])
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"crf {label}: {n} sentences, {ntok} tokens: {ntok / cpu:.0f} tokens/CPU-s, "
          f"{ntok / wall:.0f} tokens/s wall")
texts = [" ".join(s.tokens) for s in sents]
t0, c0 = time.perf_counter(), time.process_time()
crf.recognize_many_detailed(tagger, texts)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
print(f"crf raw text: {ntok / cpu:.0f} tokens/CPU-s, {ntok / wall:.0f} tokens/s wall")
