"""The enrichment's NER stage in CPU ms per article: a fresh process, the models loaded (and
warmed on 2 articles), ``stage._ner_many`` over n cleaned 10kGNAD articles in batches of 16 (as
``enrich_many`` calls it); prints a digest of the spans found.  ``PROF=1``: a cProfile.

Usage:  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .venv/bin/python training/ner_lstm/bench_stage.py [n]
        (LAGEBILD_NER_LSTM_RUNTIME=numpy for the numpy BiLSTM; n defaults to all 1 028)
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from _corpus import corpus_texts  # noqa: E402

from lagebild.clean import clean  # noqa: E402
from lagebild.enrich import enrich_many  # noqa: E402
from lagebild.enrich.stage import _ner_many  # noqa: E402
from lagebild.model import Article  # noqa: E402

BATCH = 16


def main(n: int) -> None:
    arts = [clean(Article(origins=[f"b{i}"], raw=t, raw_bytes=t.encode(), base=t))
            for i, t in enumerate(corpus_texts(n))]
    arts = [a for a in arts if a.language == "de"]
    enrich_many(arts[:2])  # every model loaded, outside the timing
    prof = None
    if os.environ.get("PROF"):
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
    c0 = time.process_time()
    out = []
    for i in range(0, len(arts), BATCH):
        out += _ner_many(arts[i : i + BATCH])
    cpu = time.process_time() - c0
    if prof is not None:
        import pstats

        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(35)
    spans = json.dumps([[(s.start, s.end, s.label, s.subtype) for s in x] for x in out])
    print(f"n={len(arts)} NER {1000 * cpu / len(arts):.2f} CPU ms/article spans={sum(map(len, out))} "
          f"sha={hashlib.sha1(spans.encode()).hexdigest()[:10]} load={os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1028)
