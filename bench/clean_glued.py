"""Glued-word repairs on real articles: every edit the cleaner makes at a glued junction.

Usage:  .venv/bin/python bench/clean_glued.py [--n 1000] [--reason "glued words"]

Cleans the first ``--n`` articles of PolNeAR, SpkAtt-2023 WikiNews and 10kGNAD (measure-only
data under ../shared/data, never copied) and the demo feed, as ``bench/clean_junk.py`` reads
them, and prints each edit whose reason starts with ``--reason`` (default ``glued words``;
``transliterated umlaut`` for that repair) with 40 characters either
side, for judging by hand, and the count per corpus.  Run with ``PYTHONPATH=<old checkout>``
for the count before a change.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE))
sys.path.append(str(HERE.parent))

from clean_junk import articles  # noqa: E402

from lagebild.clean import clean  # noqa: E402
from lagebild.errors import NoArticle  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--reason", default="glued words")
    args = ap.parse_args()
    for corpus in ("polnear", "spkatt", "10kGNAD", "demo"):
        items = articles(corpus, args.n)
        counts: Counter[str] = Counter()
        for a in items:
            try:
                clean(a)
            except NoArticle:
                continue
            for e in a.edits:
                if any(r.startswith(args.reason) for r in e.reason.split("; ")):
                    counts[e.reason] += 1
                    around = a.base[max(0, e.start - 40) : e.start + len(e.before) + 40]
                    print(f"  [{corpus}] {e.reason}: {around!r} ({e.before!r} -> {e.after!r})")
        print(f"{corpus:8} {len(items):4} articles: {dict(counts)}")


if __name__ == "__main__":
    main()
