"""GermEval dev with machine-translation damage that keeps the words' count: F1 against gold.

    PYTHONPATH=../.. python bench_damage.py MODEL_DIR [MODEL_DIR ...] [--limit N]

Kinds (``distill.damage`` picks among these and two that change the words): ``title`` (about
40 % of the lower-case words capitalised: ``Südkorea Und Japan``), ``lower`` (the sentence
lower-cased).  The gold tags stay valid word for word, so the project scorer applies (outer
chunks, main scheme); ``clean`` is the undamaged dev for comparison.  Fixed seed.
"""

from __future__ import annotations

import argparse
import json
import random

from lagebild.enrich.ner_accurate import Tagger
from lagebild.evaluate import ner as ner_eval


def damaged(tokens: list[str], kind: str, rng: random.Random) -> list[str]:
    if kind == "lower":
        return [t.lower() for t in tokens]
    if kind == "title":
        return [t[:1].upper() + t[1:] if t[:1].islower() and rng.random() < 0.4 else t for t in tokens]
    return list(tokens)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("models", nargs="+")
    ap.add_argument("--gold", default="/work/shared/data/germeval2014/dev.tsv")
    ap.add_argument("--limit", type=int, default=None)
    a = ap.parse_args()
    sents = ner_eval.read_conll(a.gold)[: a.limit]
    gold = [ner_eval.chunks(s.tags) for s in sents]
    for m in a.models:
        tagger = Tagger(m)
        out = {"model": m}
        for kind in ("clean", "title", "lower"):
            rng = random.Random(0)
            pred = tagger.tag([damaged(s.tokens, kind, rng) for s in sents])
            r = ner_eval.score(gold, [ner_eval.chunks(p) for p in pred], "main")
            out[kind] = round(r["f1"], 4)
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
