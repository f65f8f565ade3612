"""Score the quote finder on the two parts of SpkAtt-2023 news dev (measure only).

SpkAtt-2023 news (CC BY-NC-SA 4.0) is never calibrated on.  Its dev folder is
split by the sorted file list: every 5th article (positions 5, 10, …; 30
articles) is the held-out fifth, looked at once after a change is decided;
the other 120 decide whether a change is kept.

Usage::

    .venv/bin/python training/quotes/news_dev_split.py [--part other|fifth|all]

Prints joint/message/source F1 at the shipped threshold and precision /
coverage of shown speakers (threshold 0.9 and none) as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from lagebild.enrich.quotes import SPEAKER_THRESHOLD
from lagebild.evaluate.quotes import evaluate, evidence_table, speaker_curve, speaker_decisions

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT.parent / "shared" / "data" / "spkatt2023-news" / "dev" / "task2"


def part_files(directory: Path, part: str) -> list[Path]:
    files = sorted(directory.glob("*.json"))
    if part == "all":
        return files
    fifth = [f for i, f in enumerate(files) if i % 5 == 4]
    return fifth if part == "fifth" else [f for f in files if f not in fifth]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--part", choices=("other", "fifth", "all"), default="other")
    ap.add_argument("--rules", action="store_true", help="per-rule counts (no threshold)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        for f in part_files(args.dev, args.part):
            os.symlink(f.resolve(), Path(tmp) / f.name)
        scores = evaluate(tmp)
        decided = speaker_decisions(tmp)
    res = {
        "part": args.part,
        "files": scores["files"],
        "joint_f1": scores.get("joint_f1"),
        "msg_f1": scores.get("msg_f1"),
        "source_f1": scores.get("source_f1"),
        "curve": speaker_curve(decided, (0.0, SPEAKER_THRESHOLD)),
    }
    if args.rules:
        res["evidence"] = evidence_table(decided)
    sys.stdout.write(json.dumps(res, ensure_ascii=False, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
