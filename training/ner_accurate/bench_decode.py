"""Greedy (argmax + I- repair) against constrained Viterbi decoding, from the same logits.

    PYTHONPATH=../.. python bench_decode.py MODEL_DIR GOLD_FILE [GOLD_FILE ...] [--limit N]

Each gold file is tagged once (logits kept); both decoders read the same logits, so the
difference is the decoder's alone (and the CPU time of each decoder per word).  Scores: the project scorer, outer chunks, the scheme
``lagebild eval ner`` picks (``conll`` where the file has MISC, else ``main``).
"""

from __future__ import annotations

import argparse
import json
import time

from lagebild.enrich.ner_accurate import Tagger, _decode, _decode_greedy, pad_batch
from lagebild.evaluate import ner as ner_eval


def run(tagger: Tagger, path: str, limit: int | None) -> dict:
    sents = ner_eval.read_conll(path)[:limit]
    has_misc = any(t.endswith("MISC") for s in sents for t in s.tags)
    scheme = "conll" if has_misc else "main"
    enc = [tagger.encode_words(s.tokens) for s in sents]
    order = sorted(range(len(enc)), key=lambda i: len(enc[i][0]))
    pred = {"greedy": [None] * len(sents), "viterbi": [None] * len(sents)}
    changed = 0
    spent = {"greedy": 0.0, "viterbi": 0.0}
    for k in range(0, len(order), 32):
        idx = order[k : k + 32]
        lg = tagger.logits(*pad_batch([enc[i][0] for i in idx], tagger.src.pad))
        for r, i in enumerate(idx):
            c0 = time.process_time()
            g = _decode_greedy(lg[r], enc[i][1], tagger.labels)
            c1 = time.process_time()
            v = _decode(lg[r], enc[i][1], tagger.labels)
            spent["greedy"] += c1 - c0
            spent["viterbi"] += time.process_time() - c1
            changed += g != v
            pred["greedy"][i] = ner_eval.chunks(g)
            pred["viterbi"][i] = ner_eval.chunks(v)
    gold = [ner_eval.chunks(s.tags) for s in sents]
    words = sum(len(s.tokens) for s in sents)
    out = {"file": path, "sentences": len(sents), "scheme": scheme, "sentences_changed": changed,
           "decode_cpu_us_per_word": {k: round(v / words * 1e6, 2) for k, v in spent.items()}}
    for name, p in pred.items():
        r = ner_eval.score(gold, p, scheme)
        out[name] = {"p": round(r["precision"], 4), "r": round(r["recall"], 4), "f1": round(r["f1"], 4),
                     **{t: round(v["f1"], 4) for t, v in r["per_type"].items()},
                     "MISC_R": round(r["per_type"].get("MISC", {}).get("recall", 0.0), 4)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--limit", type=int, default=None)
    a = ap.parse_args()
    tagger = Tagger(a.model)
    for path in a.gold:
        print(json.dumps(run(tagger, path, a.limit)), flush=True)


if __name__ == "__main__":
    main()
