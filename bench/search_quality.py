"""Search quality on a real feed: P@5 and nDCG@10 per mode for the analyst queries of
``bench/search/queries.tsv`` (issue 13 §4).

Usage:  .venv/bin/python bench/search_quality.py --spk-db SPK.db --pol-db POL.db [--write-judgements]

The stores are the enriched feeds of ``bench/eval_clustering.py gold {spkatt,polnear} --db PATH``
(German WikiNews of SpkAtt-2023 and English PolNeAR, texts under ../shared/data, never copied).
Each query's top 10 of every mode are pooled and judged by the query's ``relevant`` rule (a
regex over the folded title and first 400 characters, written with the query); the judgements
are kept in ``bench/search/judgements.tsv`` by corpus key (WikiNews id, PolNeAR file name), no text.
Queries whose number is a multiple of 3 are the held-out test part; ``MATCH_SIMILARITY`` was
chosen on the others (``--calibrate`` prints the precision of semantic hits by similarity).
``--no-compounds`` searches title and body only (the precision impact of compound heads).
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from gold_corpora import load_records  # noqa: E402

import lagebild.search as S  # noqa: E402
from lagebild.search._text import FOLD  # noqa: E402
from lagebild.store import search_fts  # noqa: E402
from lagebild.store import Store  # noqa: E402

QUERIES = HERE / "search" / "queries.tsv"
JUDGED = HERE / "search" / "judgements.tsv"
MODES = ("keyword", "semantic", "hybrid")


def fold(text: str) -> str:
    return text.casefold().translate(FOLD)


def load_queries() -> list[dict[str, str]]:
    lines = [ln for ln in QUERIES.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def is_test(qid: str) -> bool:
    return int(qid[1:]) % 3 == 0


def keys_of(store: Store, corpus: str) -> dict[str, str]:
    """article id -> corpus key (by title and date, as ingested from load_records)."""
    recs = load_records("spkatt" if corpus == "spk" else "polnear")
    by = {(r["title"].strip(), r.get("date")): r["key"] for r in recs}
    by_title = {r["title"].strip(): r["key"] for r in recs}
    out = {}
    for aid, title, published in store.conn.execute("SELECT id, title, published FROM articles"):
        key = by.get((title.strip(), (published or "")[:10] or None)) or by_title.get(title.strip())
        out[aid] = key or aid
    return out


def ndcg(rels: list[int], n_relevant: int, k: int = 10) -> float:
    dcg = sum(r / math.log2(i + 2) for i, r in enumerate(rels[:k]))
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, n_relevant)))
    return dcg / ideal if ideal else 0.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--spk-db", required=True)
    ap.add_argument("--pol-db", required=True)
    ap.add_argument("--write-judgements", action="store_true")
    ap.add_argument("--no-compounds", action="store_true")
    ap.add_argument("--calibrate", action="store_true")
    args = ap.parse_args()
    if args.no_compounds:  # search title and body only
        orig = search_fts.match_expression
        search_fts.match_expression = lambda c: (lambda e: "{title body} : (" + e.split(" NOT ")[0] + ")"
                                                 + "".join(" NOT " + p for p in e.split(" NOT ")[1:]))(orig(c))
    stores = {"spk": Store(args.spk_db), "pol": Store(args.pol_db)}
    keys = {c: keys_of(s, c) for c, s in stores.items()}
    queries = load_queries()
    judged: dict[tuple[str, str], int] = {}
    runs: dict[tuple[str, str], list[str]] = {}
    sims: list[tuple[float, int]] = []
    for q in queries:
        store, rule = stores[q["corpus"]], re.compile(q["relevant"])
        for mode in MODES:
            hits, _total = S.search(store.conn, q["query"], mode=mode, limit=10)
            runs[(q["id"], mode)] = [h.id for h in hits]
            for h in hits:
                text = store.conn.execute("SELECT title, substr(text, 1, 400) FROM articles WHERE id = ?", (h.id,)).fetchone()
                rel = int(bool(rule.search(fold(f"{text[0]} {text[1]}"))))
                judged[(q["id"], h.id)] = rel
                if mode == "semantic" and not is_test(q["id"]):
                    sims.append((h.score, rel))
    if args.calibrate:
        # (with MATCH_SIMILARITY set low: semantic scores are cosines)
        for lo in (0.25, 0.3, 0.35, 0.4, 0.45, 0.5):
            sel = [r for s, r in sims if lo <= s < lo + 0.05]
            print(f"similarity {lo:.2f}-{lo + 0.05:.2f}: {len(sel)} hits, precision {sum(sel) / max(1, len(sel)):.2f}")
    if args.write_judgements:
        with open(JUDGED, "w", encoding="utf-8") as fh:
            fh.write("qid\tkey\trelevant\n")
            for (qid, aid), rel in sorted(judged.items()):
                corpus = next(q["corpus"] for q in queries if q["id"] == qid)
                fh.write(f"{qid}\t{keys[corpus].get(aid, aid)}\t{rel}\n")
    n_rel: dict[str, int] = defaultdict(int)
    for (qid, _aid), rel in judged.items():
        n_rel[qid] += rel
    print("| mode | part | queries | P@5 | nDCG@10 |\n|---|---|---:|---:|---:|")
    for mode in MODES:
        for part in ("dev", "test", "all"):
            qs = [q["id"] for q in queries if part == "all" or (part == "test") == is_test(q["id"])]
            p5 = [sum(judged[(qid, a)] for a in runs[(qid, mode)][:5]) / 5 for qid in qs]
            nd = [ndcg([judged[(qid, a)] for a in runs[(qid, mode)]], n_rel[qid]) for qid in qs]
            print(f"| {mode} | {part} | {len(qs)} | {sum(p5) / len(qs):.3f} | {sum(nd) / len(qs):.3f} |")


if __name__ == "__main__":
    main()
