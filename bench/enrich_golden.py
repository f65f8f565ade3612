"""Check that a speed change leaves enrichment as it was: the enrichment of n 10kGNAD articles,
one JSON line each, through ``pipeline._enrich_chunk`` (what ``lagebild enrich``'s workers run).

Usage:  .venv/bin/python bench/enrich_golden.py OUT.jsonl [--n 300] [--fast-pieces | --python-pieces]

Each line is ``dataclasses.asdict`` of the enriched article (the embedding as its sha1); the
sha1 of the whole file is printed.  Run it on two trees (``PYTHONPATH=DIR .venv/bin/python -P
bench/enrich_golden.py ...``) and compare.  ``--fast-pieces``: sentencepiece splits the NER's
word pieces from the second chunk on (``ner_accurate.fast_pieces``; since the shipped model
``lagebild/models/e5-pieces`` every run loads it with the NER); ``--python-pieces``: the
Python Viterbi throughout (``ner_accurate.AUTO_FAST_PIECES = False``).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import corpus_texts  # noqa: E402

from lagebild import pipeline  # noqa: E402
from lagebild.clean import clean  # noqa: E402
from lagebild.model import Article  # noqa: E402


def _digest(o: object) -> str:
    if hasattr(o, "tobytes"):
        return hashlib.sha1(o.tobytes()).hexdigest()
    if isinstance(o, bytes):
        return hashlib.sha1(o).hexdigest()
    return str(o)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--fast-pieces", action="store_true")
    ap.add_argument("--python-pieces", action="store_true")
    args = ap.parse_args()
    if args.python_pieces:
        from lagebild.enrich import ner_accurate

        ner_accurate.AUTO_FAST_PIECES = False
    texts = corpus_texts(args.n)
    arts = [clean(Article(origins=[f"b{i}"], raw=t, raw_bytes=t.encode(), base=t)) for i, t in enumerate(texts)]
    arts = [pipeline._for_enrichment(a) for a in arts]
    chunks = list(pipeline._chunks(arts, 16))
    res = list(pipeline._enrich_chunk(chunks[0]))
    if args.fast_pieces:
        from lagebild.enrich.ner_accurate import fast_pieces

        fast_pieces()
    for ch in chunks[1:]:
        res.extend(pipeline._enrich_chunk(ch))
    with open(args.out, "w", encoding="utf-8") as fh:
        for r in res:
            d = dataclasses.asdict(r) if not isinstance(r, str) else {"err": r}
            fh.write(json.dumps(d, default=_digest, sort_keys=True, ensure_ascii=False) + "\n")
    print(hashlib.sha1(args.out.read_bytes()).hexdigest(), len(res))


if __name__ == "__main__":
    main()
