"""English speaker pools on PolNeAR train that no earlier quote round read (issue 11 §2).

Earlier rounds read (or scored) these PolNeAR **train** articles, in sorted order of the
annotation stems: the first 200 (rules read off them), 601–840 (scored before/after in task
K), the 150 of the analyst's mixed feed (``bench/analyst_audit.build_mixed``, seed 13;
speakers read in task G) and the 50 of the entity-merge gold (``bench/merge_gold``, seed
10).  The rest (201–600 minus those) is drawn at random (seed 20261207) into

* ``polnear_read3_ids.txt``: a reading pool (150): its wrong shown speakers are read to
  write general rules (PolNeAR is measure-only: nothing is fitted on it);
* ``polnear_heldout3_ids.txt``: a held-out pool (150): scored before and after, never read.

Usage::

    .venv/bin/python training/quotes/polnear_pools.py --draw          # write the id files
    .venv/bin/python training/quotes/polnear_pools.py --part read3    # score a pool
    .venv/bin/python training/quotes/polnear_pools.py --part read3 --show wrong   # list cases
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
TRAIN = DATA / "polnear" / "train"
HERE = Path(__file__).resolve().parent
FILES = {"read3": HERE / "polnear_read3_ids.txt", "heldout3": HERE / "polnear_heldout3_ids.txt"}
N_READ, N_HELD = 150, 150


def _stems() -> list[str]:
    """The annotation stems of PolNeAR train, sorted (the order the earlier rounds used)."""
    return sorted({p.stem.rsplit("_", 1)[0] for p in (TRAIN / "attributions").glob("*.ann")})


def _read_before(stems: list[str]) -> set[str]:
    seen = set(stems[:200]) | set(stems[600:])
    texts = sorted(p.name for p in (TRAIN / "text").glob("*.txt"))
    # analyst_audit.build_mixed: rng(13) samples 150 10kGNAD rows first, then the texts
    import csv

    rng = random.Random(13)
    with open(DATA / "10kGNAD" / "articles.csv", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.reader(fh, delimiter=";", quotechar="'") if len(r) >= 2]
    rng.sample(rows, 150)
    seen |= {n[:-4] for n in rng.sample(texts, 150)}
    # merge_gold.article_ids: 50 English stems (rng 10, after 60 German files)
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import merge_gold  # type: ignore[import-not-found]

        seen |= {a[3:] for a in merge_gold.article_ids() if a.startswith("en:")}
    finally:
        sys.path.pop(0)
    return seen


def draw() -> dict[str, list[str]]:
    stems = _stems()
    seen = _read_before(stems)
    free = [s for s in stems[200:600] if s not in seen]
    rng = random.Random(20261207)
    picked = rng.sample(free, N_READ + N_HELD)
    return {"read3": sorted(picked[:N_READ]), "heldout3": sorted(picked[N_READ:])}


def ids(part: str) -> list[str]:
    return FILES[part].read_text(encoding="utf-8").split()


def score(part: str, details: bool = False) -> dict:
    """``evaluate_polnear`` on a folder of links to the pool's articles."""
    from lagebild.evaluate.quotes import evaluate_polnear

    names = ids(part)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / "text").mkdir()
        (t / "attributions").mkdir()
        for n in names:
            (t / "text" / f"{n}.txt").symlink_to(TRAIN / "text" / f"{n}.txt")
            for ann in (TRAIN / "attributions").glob(f"{n}_*.ann"):
                (t / "attributions" / ann.name).symlink_to(ann)
        return evaluate_polnear(t, details=details)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--draw", action="store_true", help="write the two id files")
    ap.add_argument("--part", choices=sorted(FILES))
    ap.add_argument("--show", choices=["wrong", "none"], help="list wrong / unshown speakers")
    args = ap.parse_args()
    if args.draw:
        for part, names in draw().items():
            FILES[part].write_text("\n".join(names) + "\n", encoding="utf-8")
            print(part, len(names))
        return
    if not args.part:
        ap.error("--draw or --part")
    out = score(args.part, details=bool(args.show))
    keys = ("files", "span_f1", "speaker_acc", "speaker_acc_shown", "speaker_shown", "joint_f1")
    print(json.dumps({k: out[k] for k in keys}))
    if args.show:
        for r in out["details"]:
            if not r["ok"] or not r["gold"]["src"]:
                continue
            if args.show == "wrong" and r["sys"]["src"] and not r["speaker_ok"]:
                print(json.dumps({"doc": r["doc"], **r}, ensure_ascii=False))
            if args.show == "none" and not r["sys"]["src"]:
                print(json.dumps({"doc": r["doc"], **r}, ensure_ascii=False))


if __name__ == "__main__":
    main()
