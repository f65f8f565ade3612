"""Benchmark: CPU per new word of the NER's e5 word features (word pieces included), the Python
Viterbi against the shipped fast pieces (``lagebild/models/e5-pieces``), alternated, caches cleared.

Usage:  .venv/bin/python bench/bench_word_pieces.py [N]

The words are the distinct words (as the NER splits them) of the first N 10kGNAD articles
(default 514: one worker's half of a 1 028-article ``lagebild enrich``).  Each round makes a
fresh ``E5Source``; "fast" also times loading the shipped model.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import corpus_texts  # noqa: E402

from lagebild.clean import clean  # noqa: E402
from lagebild.enrich import ner_accurate as na  # noqa: E402
from lagebild.enrich import ner_lstm as nl  # noqa: E402
from lagebild.model import Article  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 514
    raw = corpus_texts(1028)[:n]
    texts = [clean(Article(origins=["x"], raw=t, raw_bytes=t.encode(), base=t)).text for t in raw]
    words = list(dict.fromkeys(t[a:b] for t in texts for a, b in na._words(t)))
    print(f"{len(words)} distinct words in {n} articles; {len(words) / n:.1f} per article")
    na.AUTO_FAST_PIECES = False
    for rnd in range(3):
        for mode in ("python", "fast"):
            src = na.E5Source()
            na._register(src)
            load = ""
            if mode == "fast":
                t = time.process_time()
                na.fast_pieces()
                load = f" (loading the shipped model {time.process_time() - t:.2f} CPU s)"
            na._pieces_cached.cache_clear()
            t = time.process_time()
            for i in range(0, len(words), 2000):
                nl.e5_features(src, words[i : i + 2000])
            c = time.process_time() - t
            print(f"round {rnd} {mode}: {c / len(words) * 1e6:.1f} CPU us per new word{load}")
            na._FAST.pop(id(src), None)
            na._SOURCES.pop(id(src), None)


if __name__ == "__main__":
    main()
