""""Did you mean" quality: how often the first (only) suggestion is the expected correction.

Usage:  .venv/bin/python bench/suggest_quality.py --spk-db SPK.db --demo-db DEMO.db [-v]
        .venv/bin/python bench/suggest_quality.py --scale

The typo queries and their expected corrections are ``bench/search/typos.tsv`` (written before
any run).  The stores: ``spk`` is the SpkAtt-2023 German WikiNews feed built by
``bench/eval_clustering.py gold spkatt --db SPK.db`` (texts under ../shared/data, never copied),
``demo`` is ``lagebild ingest demo/feed examples --db DEMO.db``.  A query counts as right when
``suggest`` returns exactly the expected text (``-``: no suggestion); ``folded`` also counts a
suggestion that differs only in case.  Prints one line per kind, one per split (``dev``: t01-t55,
the list the code was developed on; ``test``: t56 on, held out) and the CPU milliseconds per query.

``--scale``: instead, the CPU cost of scanning a large vocabulary for 10 typos, with simplemma's
German dictionary (about 300 000 stems, 2 000-10 000 per first two letters, like a big feed's
index) standing in for the index's words (no spellings read, no store needed).

The same before a change: ``git archive REV lagebild | tar -x -C /tmp/old`` and
``PYTHONPATH=/tmp/old .venv/bin/python bench/suggest_quality.py ...``.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE.parent))  # (after PYTHONPATH: an older checkout can be measured)

from lagebild.search import suggest  # noqa: E402
from lagebild.store import Store  # noqa: E402

TYPOS = HERE / "search" / "typos.tsv"


def load() -> list[dict[str, str]]:
    lines = [ln for ln in TYPOS.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def scale() -> None:
    from collections import Counter

    from simplemma.strategies.dictionary_lookup import DictionaryLookupStrategy

    from lagebild.search import _suggest as S
    from lagebild.search._text import norm_word

    lookup = DictionaryLookupStrategy()
    lookup.get_lemma("Haus", "de")
    stems = {norm_word(w) for pair in lookup._dictionary_factory.get_dictionary("de").items()
             for w in pair if w.isalpha()}  # fmt: skip
    by_start: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for stem in stems:
        by_start[stem[:2]].append((stem, 5))
    S.db.terms_near = lambda _c, first, lo, hi: [(w, n) for w, n in by_start.get(first, []) if lo <= len(w) <= hi]
    S.db.known_term = lambda _c, _t: False
    S.db.spelling = lambda _c, _k: None
    if hasattr(S, "_spellings"):
        S._spellings = lambda _c, _stem: Counter()
        S._name_words = lambda _c: {}
    words = ["Bundeskanzlrin", "Staatsanwlatschaft", "Regeirung", "Hochwaser", "Verhandlumgen",
             "Sicherheitsrad", "Gewerkschafft", "Ermittlnugen", "Parlamment", "Abgeordnetn"]  # fmt: skip
    t0 = time.process_time()
    for word in words:
        S.suggest(None, word)
    print(f"{len(stems)} stems; CPU ms per unknown word: {1000 * (time.process_time() - t0) / len(words):.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--spk-db")
    ap.add_argument("--demo-db")
    ap.add_argument("--scale", action="store_true", help="the vocabulary scan's cost on a large vocabulary")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every query and its suggestion")
    args = ap.parse_args()
    if args.scale:
        scale()
        return
    if not (args.spk_db and args.demo_db):
        ap.error("--spk-db and --demo-db are required (or --scale)")
    rows = load()
    stores = {"spk": Store(args.spk_db), "demo": Store(args.demo_db)}
    right: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # kind -> right, folded, n
    cpu = 0.0
    for row in rows:
        store = stores[row["store"]]
        t0 = time.process_time()
        got = suggest(store.db, row["query"])
        cpu += time.process_time() - t0
        want = None if row["expected"] == "-" else row["expected"]
        ok = got == want
        ok_folded = ok or (got is not None and want is not None and got.casefold() == want.casefold())
        split = "split test" if int(row["id"][1:]) > 55 else "split dev"
        for k in (row["kind"], split, "all"):
            right[k][0] += ok
            right[k][1] += ok_folded
            right[k][2] += 1
        if args.verbose:
            print(f"{'ok ' if ok else 'BAD'} {row['id']} {row['store']:4} {row['query']!r:32} -> {got!r} (want {want!r})")
    for k in sorted(right, key=lambda k: (k == "all", k.startswith("split"), k)):
        r, f, n = right[k]
        print(f"{k:10} {r:3}/{n:<3} right first {r / n:.2f}   case-insensitive {f / n:.2f}")
    print(f"CPU ms per query: {1000 * cpu / len(rows):.1f} ({len(rows)} queries)")
    for s in stores.values():
        s.close()


if __name__ == "__main__":
    main()
