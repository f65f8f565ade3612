"""Tokens per CPU-second of the BiLSTM tagger on one core, the spaCy CNN measured in the same run.

    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 PYTHONPATH=. python training/ner_lstm/bench_speed.py [N] [MODEL_DIR]

N GermEval dev sentences (default 1000).  ``cold``: a fresh tagger, every word encoded for
the first time (only the first 20 sentences seen before, as in
``training/ner_accurate/bench_speed.py``); ``warm``: the same sentences again (the word cache
full, only the BiLSTM runs), the rate a long feed approaches.  ``cnn``: the default spaCy
model on the same pre-tokenised sentences (``lagebild.evaluate.ner``'s timing), the
yardstick, since this machine's speed varies with its load.
"""
import sys
import time

from lagebild.enrich import ner_lstm
from lagebild.evaluate import ner as ner_eval

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
path = sys.argv[2] if len(sys.argv) > 2 else None
dev = "/work/shared/data/germeval2014/dev.tsv"
sents = ner_eval.read_conll(dev)[:n]
ntok = sum(len(s.tokens) for s in sents)
for rep in range(2):
    tagger = ner_lstm.Tagger(path)
    tagger.tag([s.tokens for s in sents[:20]])
    for label in ("cold", "warm"):
        t0, c0 = time.perf_counter(), time.process_time()
        tagger.tag([s.tokens for s in sents])
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(f"lstm {label}: {n} sentences, {ntok} tokens: {ntok / cpu:.0f} tokens/CPU-s, {ntok / wall:.0f} tokens/s wall")
    r = ner_eval.evaluate(dev, limit=n, ner="cnn")
    print(f"cnn: {r['tokens_per_cpu_s']:.0f} tokens/CPU-s, {r['tokens_per_s']:.0f} tokens/s wall", flush=True)
