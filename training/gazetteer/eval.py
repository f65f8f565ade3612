"""Measure the gazetteer ruler against GermEval 2014 gold NER and time it on real news.

Usage (from the repository root)::

    python training/gazetteer/eval.py --germeval /work/shared/data/germeval2014/dev.tsv \
        --news /work/shared/data/10kGNAD/articles.csv

Precision: a ruler match counts as correct when a gold span of a compatible type
overlaps it (LOC for places, ORG for organisations, PER for persons; for
adjectives and demonyms LOCderiv; ``part`` spans such as ``NATO-Staaten`` are
accepted for names inside compounds).  ``strict`` additionally needs the same
boundaries.  Coverage: the share of gold LOC / LOCderiv spans the ruler finds
(the gazetteer only knows countries, capitals and regions, so this is not recall
of all places).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lagebild.enrich import gazetteer as gz  # noqa: E402


def read_germeval(path: Path):
    """Yield (text, gold spans [(start, end, label)]) per sentence."""
    toks: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if toks:
                    yield _sentence(toks)
                toks = []
                continue
            if line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) >= 3:
                toks.append((parts[1], parts[2]))
    if toks:
        yield _sentence(toks)


def _sentence(toks: list[tuple[str, str]]):
    text, spans, pos = "", [], 0
    cur = None
    for tok, tag in toks:
        start = pos
        text += tok + " "
        pos = len(text)
        end = start + len(tok)
        if tag.startswith("B-"):
            if cur:
                spans.append(tuple(cur))
            cur = [start, end, tag[2:]]
        elif tag.startswith("I-") and cur and cur[2] == tag[2:]:
            cur[1] = end
        else:
            if cur:
                spans.append(tuple(cur))
            cur = None
    if cur:
        spans.append(tuple(cur))
    return text, spans


def _compatible(match: gz.RulerMatch, label: str) -> bool:
    if match.flag in ("adjective", "demonym"):
        return label in ("LOCderiv", "LOC", "ORGderiv")
    base = label.replace("deriv", "").replace("part", "")
    if base == "OTH":
        return False
    if match[3] == "LOC":
        return base in ("LOC", "ORG") and "deriv" not in label  # "Washington sagte" is often ORG
    return base == match[3] and "deriv" not in label


def evaluate(path: Path) -> dict[str, float]:
    g = gz.load()
    n = ok = strict = 0
    wrong: Counter[str] = Counter()
    gold_loc = gold_loc_hit = gold_deriv = gold_deriv_hit = 0
    for text, gold in read_germeval(path):
        ms = g.match(text)
        for m in ms:
            n += 1
            over = [s for s in gold if s[0] < m[1] and m[0] < s[1]]
            if any(_compatible(m, s[2]) for s in over):
                ok += 1
                if any(s[0] == m[0] and s[1] == m[1] and _compatible(m, s[2]) for s in over):
                    strict += 1
            else:
                lab = ",".join(s[2] for s in over) or "O"
                wrong[f"{text[m[0] : m[1]]} -> {m[2]} ({lab})"] += 1
        for s in gold:
            if s[2] == "LOC":
                gold_loc += 1
                if any(m[0] == s[0] and m[1] == s[1] for m in ms):
                    gold_loc_hit += 1
            elif s[2] == "LOCderiv":
                gold_deriv += 1
                if any(m[0] == s[0] and m[1] == s[1] for m in ms):
                    gold_deriv_hit += 1
    print(f"ruler matches: {n}; precision lenient {ok / n:.3f}, strict {strict / n:.3f}")
    print(f"coverage of gold LOC spans: {gold_loc_hit}/{gold_loc} = {gold_loc_hit / gold_loc:.3f}")
    print(
        f"coverage of gold LOCderiv spans: {gold_deriv_hit}/{gold_deriv} = "
        f"{gold_deriv_hit / gold_deriv:.3f}"
    )
    print("most frequent disagreements:")
    for k, v in wrong.most_common(25):
        print(f"  {v:3d}  {k}")
    return {"precision": ok / n, "strict": strict / n}


def time_news(path: Path) -> None:
    from lagebild.enrich.resolve import resolve

    csv.field_size_limit(10**8)
    with path.open(encoding="utf-8") as fh:
        texts = [row[1] for row in csv.reader(fh, delimiter=";", quotechar="'") if len(row) > 1]
    g = gz.load()
    chars = sum(len(t) for t in texts)
    for t in texts[:50]:  # warm up (fold cache)
        g.match(t)
    t0 = time.perf_counter()
    n_m = sum(len(g.match(t)) for t in texts)
    t1 = time.perf_counter()
    for t in texts:
        resolve(t, [])
    t2 = time.perf_counter()
    print(f"{len(texts)} articles, {chars} chars, {n_m} matches")
    print(
        f"match:   {(t1 - t0) / chars * 5000 * 1000:.2f} ms per 5000 chars "
        f"(first pass over unseen text: fold cache cold for most words)"
    )
    print(f"resolve: {(t2 - t1) / chars * 5000 * 1000:.2f} ms per 5000 chars (ruler included)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--germeval", type=Path)
    ap.add_argument("--news", type=Path)
    args = ap.parse_args(argv)
    if args.germeval:
        evaluate(args.germeval)
    if args.news:
        time_news(args.news)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
