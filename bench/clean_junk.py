"""Page junk and dateline lines on real articles: what the cleaner's line rules remove.

Usage:  .venv/bin/python bench/clean_junk.py [--n 200] [--show 30] [--seed 0]

Cleans the first ``--n`` articles (in the order of the data set) of each real corpus as ingest
reads them: PolNeAR (English, the raw ``.txt`` files, title on the first line), SpkAtt-2023
German WikiNews (records: title + detokenized text) and 10kGNAD (records: one line per article),
all under ../shared/data (measure-only data, never copied) and the demo feed.  Counts the lines
removed as an advertisement label, share prompt, link to another article or dateline line, and
the articles with a dateline in their metadata, and the cleaner's CPU time per article; ``--show`` prints that many removals, drawn at
random (``--seed``), each with the line after it, for judging by hand.  Run with
``PYTHONPATH=<old checkout>`` for the dateline count before a change.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE))
sys.path.append(str(HERE.parent))  # (after PYTHONPATH: an older checkout can be measured)

from gold_corpora import DATA, load_records  # noqa: E402

from lagebild.clean import clean  # noqa: E402
from lagebild.errors import NoArticle  # noqa: E402
from lagebild.ingest import read  # noqa: E402
from lagebild.model import Article  # noqa: E402

try:  # (the rules of this change; an older checkout has none)
    from lagebild.clean.structure import _AD_LINE, _DATELINE_LINE, _SHARE_LINE
except ImportError:  # pragma: no cover
    _AD_LINE = _DATELINE_LINE = _SHARE_LINE = None  # type: ignore[assignment]

REASONS = ("advertisement label", "share prompt", "link to another article", "dateline line")


def articles(corpus: str, n: int) -> list[Article]:
    if corpus == "polnear":
        paths = sorted((DATA / "polnear" / "dev" / "text").glob("*.txt"))
        paths += sorted((DATA / "polnear" / "train" / "text").glob("*.txt"))
        return [a for p in paths[:n] for a in read([str(p)]) if isinstance(a, Article)]
    if corpus == "spkatt":
        recs = load_records("spkatt")[:n]
        return [Article(origins=[r["key"]], format="json", base=r["text"], raw=r["text"], title_raw=r["title"],
                        language="de") for r in recs]  # fmt: skip
    if corpus == "10kGNAD":
        with open(DATA / "10kGNAD" / "articles.csv", encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh, delimiter=";", quotechar="'"))[:n]
        return [Article(origins=[f"gnad:{i}"], format="json", base=r[1], raw=r[1], language="de")
                for i, r in enumerate(rows)]  # fmt: skip
    return [a for a in read([str(HERE.parent / "demo" / "feed")]) if isinstance(a, Article)]


def _rule(line: str, reasons: str) -> str | None:
    """Which of the new rules removed ``line`` (an edit lists its reasons, not per line)."""
    if _AD_LINE.match(line) and "advertisement label" in reasons:
        return "advertisement label"
    if _SHARE_LINE.match(line) and "share prompt" in reasons:
        return "share prompt"
    if _DATELINE_LINE.match(line) and "dateline line" in reasons:
        return "dateline line"
    return "link to another article" if "link to another article" in reasons else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--show", type=int, default=30)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    removals: list[tuple[str, str, str, str]] = []
    for corpus in ("polnear", "spkatt", "10kGNAD", "demo"):
        items = articles(corpus, args.n)
        counts: Counter[str] = Counter()
        datelines = lines = 0
        cpu = 0.0
        for a in items:
            lines += a.base.count("\n") + 1
            t0 = time.process_time()
            try:
                clean(a)
            except NoArticle:
                continue
            finally:
                cpu += time.process_time() - t0
            datelines += a.dateline is not None
            for e in a.edits:
                if e.kind != "removed" or not any(r in e.reason for r in REASONS):
                    continue
                # one edit can hold several removed lines (the title, a teaser, ...): each line
                # is given to the rule it matches
                after = a.base[e.end :].lstrip("\n").split("\n", 1)[0]
                for ln in (x.strip() for x in e.before.split("\n")):
                    if ln and ln != a.title_raw.strip() and (reason := _rule(ln, e.reason)):
                        counts[reason] += 1
                        removals.append((corpus, reason, ln, after[:70]))
        shown = ", ".join(f"{r}: {counts[r]}" for r in REASONS)
        print(f"{corpus:8} {len(items):4} articles, {lines:6} lines; removed lines: {shown}; with a dateline: "
              f"{datelines}; clean {1000 * cpu / max(1, len(items)):.2f} CPU ms/article")  # fmt: skip
    random.Random(args.seed).shuffle(removals)
    for corpus, reason, line, after in removals[: args.show]:
        print(f"  [{corpus}] {reason}: {line.strip()!r}  (next: {after!r})")
    print(f"{len(removals)} removals in all")


if __name__ == "__main__":
    main()
