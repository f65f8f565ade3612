"""Tokens per CPU-second of a transformer tagger (accurate or fast) on one core (BLAS held to one thread).

    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 PYTHONPATH=. python training/ner_accurate/bench_speed.py [N] [MODE]

N GermEval dev sentences (default 500), MODE ``accurate`` (default) or ``fast``.  Two figures:
``cold`` as enrichment meets a new text (only the first 20 sentences' words seen before, so
most words are cut into pieces for the first time) and ``warm`` (the same sentences again:
the piece cache full, only the model runs), the rate a long feed approaches.
"""
import sys
import time

from lagebild.enrich import ner_accurate
from lagebild.evaluate import ner as ner_eval

n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
mode = sys.argv[2] if len(sys.argv) > 2 else "accurate"
sents = ner_eval.read_conll("/work/shared/data/germeval2014/dev.tsv")[:n]
tagger = ner_accurate.get_tagger(mode)
tagger.tag([s.tokens for s in sents[:20]])  # warm the piece cache and BLAS
ntok = sum(len(s.tokens) for s in sents)
for label in ("cold", "warm"):
    t0, c0 = time.perf_counter(), time.process_time()
    tagger.tag([s.tokens for s in sents])
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"{mode} {label}: {n} sentences, {ntok} tokens: {ntok / cpu:.0f} tokens/CPU-s, {ntok / wall:.0f} tokens/s wall")
