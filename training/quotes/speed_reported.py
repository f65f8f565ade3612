"""Quote-stage cost with and without the reported-speech rule, in one process.

Usage::

    .venv/bin/python training/quotes/speed_reported.py [--n 300] [--rounds 3]

Splits and finds quotes (no entities) on the first n 10kGNAD articles, the
rule off and on in alternating rounds; prints CPU ms per article for each.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import lagebild.enrich.quotes as quotes_mod
from lagebild.enrich.sentences import split_sentences

GNAD = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "10kGNAD" / "articles.csv"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    with GNAD.open(encoding="utf-8") as f:
        texts = [row[1] for row in csv.reader(f, delimiter=";", quotechar="'")][: args.n]
    sents = [split_sentences(t) for t in texts]
    best = {False: float("inf"), True: float("inf")}
    for _ in range(args.rounds):
        for on in (False, True):
            quotes_mod.REPORTED = on
            t0 = time.process_time()
            for t, s in zip(texts, sents, strict=True):
                quotes_mod.find_quotes(t, s)
            best[on] = min(best[on], time.process_time() - t0)
    quotes_mod.REPORTED = True
    for on, sec in best.items():
        sys.stdout.write(f"rule {'on ' if on else 'off'}: {1000 * sec / len(texts):.2f} ms CPU/article\n")
    sys.stdout.write(f"ratio on/off: {best[True] / best[False]:.3f}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
