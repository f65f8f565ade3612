"""English time tagging on TempEval-3 TBAQ-cleaned, scored by document split (issue 11 §3).

The parts (all lists sorted by path; ``tb`` = the sorted TimeBank files):

* ``old-dev``: all AQUAINT files + ``tb[::2]`` (the dev part of 2026-12-05, 165 documents);
* ``old-heldout``: ``tb[1::2]`` (91 documents; scored several times, no longer blind);
* ``blind``: every third file of the sorted old dev list, ``old_dev[2::3]`` (55 documents),
  held out on 2026-12-06 (task G) before any of its errors were looked at;
* ``dev``: the rest of the old dev list (110 documents), where task G's errors were read.

Usage: .venv/bin/python bench/timex_en_split.py PART [PART ...] [--root DIR] [--errors]
(``--errors`` prints the errors by class; never use it on ``blind`` or ``old-heldout``).
"""

from __future__ import annotations

import argparse
import collections
import glob
import json
import sys

from lagebild.evaluate.timex import error_class, evaluate


def parts(root: str) -> dict[str, list[str]]:
    """The file lists of the parts named in the module docstring."""
    tb = sorted(glob.glob(f"{root}/TimeBank/*.tml"))
    old_dev = sorted(glob.glob(f"{root}/AQUAINT/*.tml")) + tb[::2]
    old_dev.sort()
    blind = old_dev[2::3]
    dev = [p for i, p in enumerate(old_dev) if i % 3 != 2]
    return {"old-dev": old_dev, "old-heldout": tb[1::2], "dev": dev, "blind": blind}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("part", nargs="+", choices=["dev", "blind", "old-dev", "old-heldout"])
    ap.add_argument("--root", default="../shared/data/tempeval3/TBAQ-cleaned")
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args(argv)
    files = parts(args.root)
    for name in args.part:
        r = evaluate(files[name], "en", errors=10**6 if args.errors else 0)
        errs = r.pop("errors", [])
        out = {"part": name, **r}
        if errs:
            out["classes"] = dict(collections.Counter(error_class(e) for e in errs).most_common())
        sys.stdout.write(json.dumps(out) + "\n")
        for e in errs:
            sys.stdout.write(f"  {error_class(e):32} {e['file']:28} "
                             f"gold={e.get('gold', '-')}  sys={e.get('system', '-')}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
