"""CPU time of the quote stage per article (split beforehand, no entities).

Usage::

    .venv/bin/python training/quotes/speed_quotes.py [--n 500] [--rounds 5]

Finds quotes on the first n 10kGNAD articles, best of ``rounds``; prints CPU ms
per article as JSON.  To compare two versions, run it alternately with
``PYTHONPATH`` pointing at an exported older ``lagebild`` (``git archive <commit>
lagebild | tar -x -C /tmp/old``) and without.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import lagebild.enrich.quotes as quotes_mod
from lagebild.enrich.sentences import split_sentences

GNAD = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "10kGNAD" / "articles.csv"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--no-learned", action="store_true", help="switch the learned cue scorer off")
    args = ap.parse_args(argv)
    if args.no_learned:
        from lagebild.enrich import _quote_learned

        _quote_learned.ENABLED = False
    with GNAD.open(encoding="utf-8") as f:
        texts = [row[1] for row in csv.reader(f, delimiter=";", quotechar="'")][: args.n]
    sents = [split_sentences(t) for t in texts]
    best = float("inf")
    found = 0
    for _ in range(args.rounds):
        t0 = time.process_time()
        found = sum(len(quotes_mod.find_quotes(t, s)) for t, s in zip(texts, sents, strict=True))
        best = min(best, time.process_time() - t0)
    res = {
        "module": quotes_mod.__file__,
        "articles": len(texts),
        "quotes": found,
        "cpu_ms_per_article": round(1000 * best / len(texts), 3),
    }
    sys.stdout.write(json.dumps(res) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
