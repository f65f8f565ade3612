"""Score a CRF model folder on gold NER files (outer chunks; scheme as ``lagebild eval ner``).

    PYTHONPATH=. python training/ner_crf/evaluate.py MODEL_DIR GOLD [GOLD ...]

Prints one JSON line per file: F1, P, R, per-type F1, sentences, tokens/CPU-s (features and
Viterbi; e5 cluster ids computed for words outside the cache).  ``GOLD`` may be
``heldout``: the 300 held-out GermEval dev sentences of ``training/ner/prepare.py``.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import crf  # noqa: E402
from train import heldout_split  # noqa: E402

from lagebild.evaluate.ner import chunks, read_conll, score  # noqa: E402


def main(argv: list[str]) -> int:
    tagger = crf.Tagger(argv[0])
    for path in argv[1:]:
        if path == "heldout":
            dev = read_conll(ROOT.parent / "shared/data/germeval2014/dev.tsv")
            held = heldout_split(len(dev))
            sents = [s for i, s in enumerate(dev) if i in held]
        else:
            sents = read_conll(path)
        scheme = "conll" if any(t.endswith("MISC") for s in sents for t in s.tags) else "main"
        c0 = time.process_time()
        pred = tagger.tag([s.tokens for s in sents])
        cpu = time.process_time() - c0
        res = score([chunks(s.tags) for s in sents], [chunks(p) for p in pred], scheme)
        print(json.dumps({
            "file": path, "scheme": scheme, "sentences": len(sents),
            "f1": round(res["f1"], 4), "p": round(res["precision"], 4),
            "r": round(res["recall"], 4),
            "per_type": {k: round(v["f1"], 4) for k, v in res["per_type"].items()},
            "tokens_per_cpu_s": round(sum(len(s.tokens) for s in sents) / cpu)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
