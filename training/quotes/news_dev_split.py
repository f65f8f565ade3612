"""Score the quote finder on the two parts of SpkAtt-2023 news dev (measure only).

SpkAtt-2023 news (CC BY-NC-SA 4.0) is never calibrated on.  Its dev folder is
split by the sorted file list: every 5th article (positions 5, 10, …; 30
articles) is the held-out fifth, looked at once after a change is decided;
the other 120 decide whether a change is kept.

``--part train100`` scores 100 SpkAtt-2023 news **train** articles drawn at
random (``random.Random(20261206)``) from the 400 after the first 300 in
sorted order (those 300 were read in earlier rounds); their ids are in
``train100_ids.txt`` (``--draw`` writes the file again).  They are a pool for
reading errors to write rules, never for fitting anything.  ``--part train80b``
is a second such pool: 80 train articles drawn with ``random.Random(20261207)``
from the 300 after the first 300 that are not in train100 (``--draw80b``
writes ``train80b_ids.txt``).  ``--part train80c`` is a third: 80 train
articles drawn with ``random.Random(20261208)`` from those after the first 300
that are in neither train100 nor train80b (``--draw80c`` writes
``train80c_ids.txt``).  ``--part train80d`` is a fourth: 80 train articles
drawn with ``random.Random(20261209)`` from those after the first 300 that are
in none of train100, train80b, train80c (``--draw80d`` writes
``train80d_ids.txt``; its first line, a ``#`` comment, names the seed).
``--part train60e`` is the last such pool: the 60 train articles after the
first 300 that are in none of the earlier pools (all that are left; no draw,
``--draw60e`` writes ``train60e_ids.txt``).
``--part train300`` is the first 300 train
articles in sorted order (measured, not read, in the later rounds).

Usage::

    .venv/bin/python training/quotes/news_dev_split.py [--part other|fifth|all|train100|...]

``--no-learned`` measures the rules alone (the learned cue scorer of
``lagebild/enrich/_quote_learned.py`` switched off).

Prints joint/message/source F1 at the shipped threshold and precision /
coverage of shown speakers (threshold 0.9 and none, or the cuts of
``--thresholds 0,0.7,0.9``) as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
from pathlib import Path

from lagebild.enrich import _quote_learned
from lagebild.enrich.quotes import SPEAKER_THRESHOLD
from lagebild.evaluate.quotes import evaluate, evidence_table, speaker_curve, speaker_decisions

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT.parent / "shared" / "data" / "spkatt2023-news" / "dev" / "task2"
TRAIN = ROOT.parent / "shared" / "data" / "spkatt2023-news" / "train" / "task2"
TRAIN100_IDS = Path(__file__).resolve().parent / "train100_ids.txt"
TRAIN80B_IDS = Path(__file__).resolve().parent / "train80b_ids.txt"
TRAIN80C_IDS = Path(__file__).resolve().parent / "train80c_ids.txt"
TRAIN80D_IDS = Path(__file__).resolve().parent / "train80d_ids.txt"
TRAIN80D_SEED = 20261209
TRAIN60E_IDS = Path(__file__).resolve().parent / "train60e_ids.txt"
IDS_FILES = {
    "train100": TRAIN100_IDS,
    "train80b": TRAIN80B_IDS,
    "train80c": TRAIN80C_IDS,
    "train80d": TRAIN80D_IDS,
    "train60e": TRAIN60E_IDS,
}
PARTS = ("other", "fifth", "all", "train100", "train80b", "train80c", "train80d", "train60e", "train300")


def read_ids(path: Path) -> set[str]:
    """The ids in an ids file (lines starting with ``#`` are comments)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {w for line in lines if not line.startswith("#") for w in line.split()}


def draw_train100(train: Path = TRAIN) -> list[str]:
    """The ids of the 100 train articles (fixed seed; the first 300 left out)."""
    files = sorted(train.glob("*.json"))[300:]
    picked = random.Random(20261206).sample(files, 100)
    return sorted(f.name.split(" ")[0] for f in picked)


def draw_train80b(train: Path = TRAIN) -> list[str]:
    """80 more train articles (seed 20261207): not the first 300, not train100."""
    seen = set(TRAIN100_IDS.read_text(encoding="utf-8").split())
    files = [f for f in sorted(train.glob("*.json"))[300:] if f.name.split(" ")[0] not in seen]
    picked = random.Random(20261207).sample(files, 80)
    return sorted(f.name.split(" ")[0] for f in picked)


def draw_train80c(train: Path = TRAIN) -> list[str]:
    """80 more train articles (seed 20261208): not the first 300, not train100/train80b."""
    seen = set(TRAIN100_IDS.read_text(encoding="utf-8").split())
    seen |= set(TRAIN80B_IDS.read_text(encoding="utf-8").split())
    files = [f for f in sorted(train.glob("*.json"))[300:] if f.name.split(" ")[0] not in seen]
    picked = random.Random(20261208).sample(files, 80)
    return sorted(f.name.split(" ")[0] for f in picked)


def draw_train80d(train: Path = TRAIN) -> list[str]:
    """80 more train articles (seed 20261209): not the first 300, not in an earlier pool."""
    seen = read_ids(TRAIN100_IDS) | read_ids(TRAIN80B_IDS) | read_ids(TRAIN80C_IDS)
    files = [f for f in sorted(train.glob("*.json"))[300:] if f.name.split(" ")[0] not in seen]
    picked = random.Random(TRAIN80D_SEED).sample(files, 80)
    return sorted(f.name.split(" ")[0] for f in picked)


def draw_train60e(train: Path = TRAIN) -> list[str]:
    """The train articles after the first 300 that are in no earlier pool (60)."""
    seen = read_ids(TRAIN100_IDS) | read_ids(TRAIN80B_IDS) | read_ids(TRAIN80C_IDS)
    seen |= read_ids(TRAIN80D_IDS)
    files = [f for f in sorted(train.glob("*.json"))[300:] if f.name.split(" ")[0] not in seen]
    return sorted(f.name.split(" ")[0] for f in files)


def parse_thresholds(arg: str) -> tuple[float, ...]:
    """``"0,0.7,0.9"`` -> the sorted confidence cuts of the curve."""
    return tuple(sorted({float(x) for x in arg.split(",") if x.strip()}))


def part_files(directory: Path, part: str) -> list[Path]:
    if part in IDS_FILES:
        ids = read_ids(IDS_FILES[part])
        return sorted(f for f in TRAIN.glob("*.json") if f.name.split(" ")[0] in ids)
    if part == "train300":
        return sorted(TRAIN.glob("*.json"))[:300]
    files = sorted(directory.glob("*.json"))
    if part == "all":
        return files
    fifth = [f for i, f in enumerate(files) if i % 5 == 4]
    return fifth if part == "fifth" else [f for f in files if f not in fifth]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--part", choices=PARTS, default="other")
    ap.add_argument("--rules", action="store_true", help="per-rule counts (no threshold)")
    ap.add_argument("--draw", action="store_true", help="write train100_ids.txt again")
    ap.add_argument("--draw80b", action="store_true", help="write train80b_ids.txt again")
    ap.add_argument("--draw80c", action="store_true", help="write train80c_ids.txt again")
    ap.add_argument("--draw80d", action="store_true", help="write train80d_ids.txt again")
    ap.add_argument("--draw60e", action="store_true", help="write train60e_ids.txt again")
    ap.add_argument(
        "--no-learned", action="store_true", help="the rules alone (no learned cue scorer)"
    )
    ap.add_argument(
        "--thresholds",
        type=parse_thresholds,
        default=(0.0, SPEAKER_THRESHOLD),
        help="comma-separated confidence cuts for the precision/coverage curve (default 0,0.9)",
    )
    args = ap.parse_args(argv)
    if args.no_learned:
        _quote_learned.ENABLED = False
    if args.draw60e:
        head = "# the train files after the first 300 that are in no earlier pool\n"
        TRAIN60E_IDS.write_text(head + "\n".join(draw_train60e()) + "\n", encoding="utf-8")
    if args.draw:
        TRAIN100_IDS.write_text("\n".join(draw_train100()) + "\n", encoding="utf-8")
    if args.draw80b:
        TRAIN80B_IDS.write_text("\n".join(draw_train80b()) + "\n", encoding="utf-8")
    if args.draw80c:
        TRAIN80C_IDS.write_text("\n".join(draw_train80c()) + "\n", encoding="utf-8")
    if args.draw80d:
        head = f"# seed {TRAIN80D_SEED}: 80 train files after the first 300, in no earlier pool\n"
        TRAIN80D_IDS.write_text(head + "\n".join(draw_train80d()) + "\n", encoding="utf-8")
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
        "curve": speaker_curve(decided, args.thresholds),
    }
    if args.rules:
        res["evidence"] = evidence_table(decided)
    sys.stdout.write(json.dumps(res, ensure_ascii=False, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
