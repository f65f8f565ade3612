"""Build the topic-section training set from permissively licensed, fetched sources.

Reads two git mirrors (brought with the search tool's ``fetch``; see README.md) at
pinned commits and writes one JSON line per example to ``OUT/train.jsonl``:
``{"title", "text", "label", "source", "lang"}``.  Nothing here is copied into the
repository; only the trained weights are shipped.

Sources and licences:
    * News Category Dataset v3 (Rishabh Misra, 2022; CC BY 4.0): HuffPost headlines
      and short descriptions with the desk they ran under.  The 9 998-line sample in
      github.com/Limpery/MGO (``News_Category_Dataset_v3.json``).
    * UCI News Aggregator (Gasparetti, 2014; UCI Machine Learning Repository, CC BY
      4.0): news headlines with a category (business, science and technology,
      entertainment, health).  The 6 367-line sample ``uci-news-aggregator.csv`` in
      github.com/pratikaher88/IPythonNotebooks.
    * SIB-200 (Adelani et al., 2023; sentences from FLORES-200, CC BY-SA 4.0): German
      and English sentences with a topic label, github.com/dadelani/sib-200.

Usage:
    python training/topic/prepare.py --huffpost-mirror DIR --uci-mirror DIR \\
        --sib-mirror DIR --out DIR
"""

from __future__ import annotations

import argparse
import collections
import csv
import io
import json
import subprocess
from pathlib import Path

HUFFPOST_COMMIT = "6229ca6e9d6d63af0a5c1dcf0d3fd9bdbe0580c6"
HUFFPOST_PATH = "News_Category_Dataset_v3.json"
UCI_COMMIT = "8482bf77238c09f993e4e1a16c789bdc8c4a61fe"
UCI_PATH = "uci-news-aggregator.csv"
# b = business, t = science and technology (mostly tech companies and gadgets),
# e = entertainment; m (health) has no section.
UCI_MAP = {"b": "Wirtschaft", "t": "Web/Technik", "e": "Kultur"}
SIB_COMMIT = "593cea88519930f776c1a4a1980b6a35b39dca57"
SIB_LANGS = {"deu_Latn": "de", "eng_Latn": "en"}

# HuffPost desk -> lagebild section.  Desks that fit no section (lifestyle,
# identity columns, comedy, parenting, …) are left out rather than forced in.
HUFFPOST_MAP = {
    "POLITICS": "Inland",
    "WORLD NEWS": "International",
    "THE WORLDPOST": "International",
    "WORLDPOST": "International",
    "BUSINESS": "Wirtschaft",
    "MONEY": "Wirtschaft",
    "SPORTS": "Sport",
    "ENTERTAINMENT": "Kultur",
    "ARTS": "Kultur",
    "ARTS & CULTURE": "Kultur",
    "CULTURE & ARTS": "Kultur",
    "SCIENCE": "Wissenschaft",
    "ENVIRONMENT": "Wissenschaft",
    "TECH": "Web/Technik",
    "CRIME": "Panorama",
    "WEIRD NEWS": "Panorama",
    "U.S. NEWS": "Panorama",
    "GOOD NEWS": "Panorama",
    "MEDIA": "Etat/Medien",
}

# SIB-200 topic -> section; politics is left out because a sentence rarely tells
# domestic from foreign politics, travel/geography/health have no section.
SIB_MAP = {
    "sports": "Sport",
    "science/technology": "Wissenschaft",
    "entertainment": "Kultur",
}


def _git_show(mirror: Path, commit: str, path: str) -> str:
    out = subprocess.run(
        ["git", "--git-dir", str(mirror), "show", f"{commit}:{path}"],
        check=True,
        capture_output=True,
    )
    return out.stdout.decode("utf-8")


def huffpost(mirror: Path) -> list[dict[str, str]]:
    rows = []
    seen = set()
    for line in _git_show(mirror, HUFFPOST_COMMIT, HUFFPOST_PATH).splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        label = HUFFPOST_MAP.get(rec["category"])
        key = rec.get("link") or rec["headline"]
        if label is None or key in seen:
            continue
        seen.add(key)
        rows.append(
            {
                "title": rec["headline"].strip(),
                "text": rec.get("short_description", "").strip(),
                "label": label,
                "source": "huffpost",
                "lang": "en",
                "split_key": key,
            }
        )
    return rows


def uci(mirror: Path) -> list[dict[str, str]]:
    rows = []
    seen = set()
    text = _git_show(mirror, UCI_COMMIT, UCI_PATH)
    for rec in csv.DictReader(io.StringIO(text)):
        label = UCI_MAP.get(rec.get("CATEGORY") or "")
        title = (rec.get("TITLE") or "").strip()
        if label is None or not title or title.lower() in seen:
            continue
        seen.add(title.lower())
        rows.append(
            {
                "title": title,
                "text": "",
                "label": label,
                "source": "uci",
                "lang": "en",
                # headlines of one story stay in one split
                "split_key": f"uci:{rec.get('STORY') or title}",
            }
        )
    return rows


def sib(mirror: Path) -> list[dict[str, str]]:
    rows = []
    for code, lang in SIB_LANGS.items():
        for split in ("train", "dev", "test"):
            text = _git_show(mirror, SIB_COMMIT, f"data/annotated/{code}/{split}.tsv")
            for rec in csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE):
                label = SIB_MAP.get(rec["category"])
                if label is None:
                    continue
                rows.append(
                    {
                        "title": "",
                        "text": rec["text"].strip(),
                        "label": label,
                        "source": f"sib200-{split}",
                        "lang": lang,
                        # parallel sentences share a key so they land in one split
                        "split_key": f"sib:{rec['index_id']}",
                    }
                )
    return rows


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--huffpost-mirror", type=Path, required=True, help="git dir of Limpery/MGO")
    ap.add_argument(
        "--uci-mirror", type=Path, required=True, help="git dir of pratikaher88/IPythonNotebooks"
    )
    ap.add_argument("--sib-mirror", type=Path, required=True, help="git dir of dadelani/sib-200")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    rows = huffpost(args.huffpost_mirror) + uci(args.uci_mirror) + sib(args.sib_mirror)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "train.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    counts = collections.Counter((r["source"].split("-")[0], r["label"]) for r in rows)
    for (src, label), n in sorted(counts.items()):
        print(f"{src:10} {label:14} {n}")
    print(f"{len(rows)} examples -> {args.out / 'train.jsonl'}")


if __name__ == "__main__":
    main()
