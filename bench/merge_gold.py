"""Merge quality of entity resolution: does lagebild join the mentions of one actor?

Gold: ``bench/data/merge_gold.tsv`` -- mention pairs from German WikiNews
(``../shared/data/spkatt2023-news``) and English US-election news
(``../shared/data/polnear``), each ``should join`` (1) or ``should not`` (0),
hand-labelled; only article ids and the mentions' surfaces are stored, no text.
Every third pair (by line order) is the test split; the rest is dev.  A pair marked
``exclude: why`` in a 7th column keeps its place in that count but is not scored
(``--with-excluded`` scores it too): two dev pairs whose mention was a place read out of
an organisation's name (``U.S. House``, ``United States Geological Survey``), which
lagebild no longer lists as the place since commit ``fbc3304`` (2026-12-05).

Prediction: the articles are enriched as lagebild does (NER + ``resolve``), the
ids of all their entities go through ``merge.corpus_merge``, and a pair is
joined when both surfaces' entities end in the same canonical id.  A mention
lagebild did not list counts as not joined.

    .venv/bin/python bench/merge_gold.py score --split test
    .venv/bin/python bench/merge_gold.py candidates > /tmp/candidates.tsv   # for labelling
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
GOLD = Path(__file__).resolve().parent / "data" / "merge_gold.tsv"
SPKATT = DATA / "spkatt2023-news"
POLNEAR = DATA / "polnear"


def _detok(tokens: list[str]) -> str:
    s = " ".join(tokens)
    s = re.sub(r" ([.,;:!?)\]])", r"\1", s)
    s = re.sub(r"([(\[„]) ", r"\1", s)
    return s


def article_ids() -> list[str]:
    """The sampled articles: 60 German (spkatt train+dev), 50 English (PolNeAR train)."""
    rng = random.Random(10)
    de = sorted(p.name.split(" - ")[0] for p in (SPKATT).glob("*/task2/*.json"))
    en = sorted(p.stem for p in (POLNEAR / "train" / "text").glob("*.txt"))
    return ["de:" + a for a in rng.sample(de, 60)] + ["en:" + a for a in rng.sample(en, 50)]


def load_text(aid: str) -> tuple[str, str]:
    lang, name = aid.split(":", 1)
    if lang == "de":
        path = next(SPKATT.glob(f"*/task2/{name} - *.json"))
        doc = json.loads(path.read_text(encoding="utf-8"))
        return "de", "\n".join(_detok(s["Tokens"]) for s in doc["Sentences"])
    return "en", (POLNEAR / "train" / "text" / f"{name}.txt").read_text(encoding="utf-8")


def enrich_entities(aids: list[str]) -> dict[str, list]:
    """Entities per article as lagebild's enrichment lists them."""
    from lagebild.enrich import ner, ner_en
    from lagebild.enrich.resolve import resolve

    texts = {a: load_text(a) for a in aids}
    out: dict[str, list] = {}
    for lang, mod in (("de", ner), ("en", ner_en)):
        group = [a for a in aids if texts[a][0] == lang]
        spans = mod.recognize_many_detailed([texts[a][1] for a in group])
        for a, sp in zip(group, spans, strict=True):
            out[a] = resolve(texts[a][1], sp)
    return out


def predicted(ents: dict[str, list]) -> dict[tuple[str, str], str]:
    """(article, surface) -> canonical entity id after the corpus merge."""
    from lagebild.enrich.merge import EntityRef, corpus_merge

    refs = [EntityRef(e.id, e.name, e.type, len(e.mentions)) for es in ents.values() for e in es]
    canon = corpus_merge(refs)
    out: dict[tuple[str, str], str] = {}
    for aid, es in ents.items():
        for e in es:
            for surf in {m.text for m in e.mentions} | {e.name}:
                out.setdefault((aid, surf), canon[e.id])
    return out


def read_gold(path: Path = GOLD) -> list[tuple[tuple[str, str, str, str, int], bool]]:
    """The gold pairs in file order, each with whether its 7th column says ``exclude: why``."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        a, ma, b, mb, label = cols[:5]
        rows.append(((a, ma, b, mb, int(label)), len(cols) > 6 and cols[6].startswith("exclude:")))
    return rows


def split_pairs(split: str, *, excluded: bool = False) -> list[tuple[str, str, str, str, int]]:
    """Every third data line (0-based index % 3 == 2) is test, the rest dev (``all``: both).
    An excluded pair keeps its place in that count and is left out unless ``excluded``."""
    return [g for i, (g, ex) in enumerate(read_gold())
            if (excluded or not ex) and (split == "all" or (i % 3 == 2) == (split == "test"))]


def score(split: str, *, excluded: bool = False) -> dict[str, float]:
    gold = split_pairs(split, excluded=excluded)
    aids = sorted({g[0] for g in gold} | {g[2] for g in gold})
    pred = predicted(enrich_entities(aids))
    tp = fp = fn = tn = 0
    misses = []
    for a, ma, b, mb, label in gold:
        ca, cb = pred.get((a, ma)), pred.get((b, mb))
        joined = ca is not None and ca == cb
        if joined and label:
            tp += 1
        elif joined:
            fp += 1
            misses.append(("FP", a, ma, b, mb, ca, cb))
        elif label:
            fn += 1
            misses.append(("FN", a, ma, b, mb, ca, cb))
        else:
            tn += 1
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    for m in misses:
        print("\t".join(str(x) for x in m), file=sys.stderr)
    return {"pairs": len(gold), "positive": tp + fn, "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": round(p, 3), "recall": round(r, 3)}


def candidates() -> None:
    """Pairs worth labelling: same-type names sharing a token or a spelling key."""
    from lagebild.enrich.merge import translit_key

    aids = article_ids()
    ents = enrich_entities(aids)
    names: list[tuple[str, str, str]] = []  # (article, surface, type)
    for aid, es in ents.items():
        seen = set()
        for e in es:
            if e.type not in ("PER", "ORG", "LOC"):
                continue
            for surf in [e.name, *[m.text for m in e.mentions]]:
                if surf not in seen:
                    seen.add(surf)
                    names.append((aid, surf, e.type))
    by_tok: dict[str, list[int]] = defaultdict(list)
    for i, (_, surf, typ) in enumerate(names):
        for t in re.findall(r"\w{3,}", surf):
            by_tok[typ + translit_key(t)].append(i)
    pairs = set()
    for idx in by_tok.values():
        if len(idx) > 40:
            idx = random.Random(len(idx)).sample(idx, 40)
        for i, j in combinations(sorted(idx), 2):
            if names[i][1] != names[j][1] or names[i][0] != names[j][0]:
                pairs.add((i, j))
    for i, j in sorted(pairs):
        a, b = names[i], names[j]
        print(f"{a[0]}\t{a[1]}\t{b[0]}\t{b[1]}\t?\t{a[2]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["score", "candidates"])
    ap.add_argument("--split", choices=["dev", "test", "all"], default="dev")
    ap.add_argument("--with-excluded", action="store_true",
                    help="also score the pairs marked 'exclude:' (the figures before 2026-12-06)")
    args = ap.parse_args(argv)
    if args.what == "candidates":
        candidates()
    else:
        print(json.dumps(score(args.split, excluded=args.with_excluded)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
