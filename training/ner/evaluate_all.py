"""Score a trained pipeline on the development sets (and, with --final, the test sets).

Usage:
    python training/ner/evaluate_all.py MODEL_DIR [--corpus /tmp/ner-corpus] [--final]
        [--data ../shared/data] [--json OUT.json]

Development sets (used to choose between runs):
    held-out GermEval dev sentences (``CORPUS/heldout.tsv``, from prepare.py),
    Europarl dev, XGLUE (CoNLL-03 German) dev; with ``--full-dev`` also all 2 200
    GermEval dev sentences (1 900 of them are training data of the shipped model).
Final report only (never used to choose anything): GermEval 2014 test,
Europarl test.

Single thread: set OMP_NUM_THREADS=1 etc. before running (see README).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from lagebild.evaluate.ner import evaluate, format_report  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--final", action="store_true")
    ap.add_argument("--json", default=None)
    ap.add_argument("--full-dev", action="store_true",
                    help="also score the whole GermEval dev file (mostly training data)")
    ap.add_argument("--damaged", action="store_true",
                    help="also score MT-damaged copies (see prepare.damage_sentence)")
    args = ap.parse_args(argv)

    import spacy

    nlp = spacy.load(args.model)
    data = Path(args.data)
    sets: list[tuple[str, Path, list[str]]] = []
    if args.corpus and (Path(args.corpus) / "heldout.tsv").exists():
        sets.append(("germeval-heldout", Path(args.corpus) / "heldout.tsv", ["main", "fine"]))
    if args.full_dev:
        sets.append(("germeval-dev-full", data / "germeval2014" / "dev.tsv", ["main", "fine"]))
    sets += [
        ("europarl-dev", data / "europarl-ner-de" / "dev.tsv", ["conll"]),
        ("xglue-dev", data / "xglue-ner-de" / "dev.txt", ["conll"]),
    ]
    if args.final:
        sets += [
            ("germeval-test", data / "germeval2014" / "test.tsv", ["main", "fine"]),
            ("europarl-test", data / "europarl-ner-de" / "test.tsv", ["conll"]),
        ]
    if args.damaged:
        import tempfile

        from prepare import damage_sentence  # type: ignore[import-not-found]

        from lagebild.evaluate.ner import read_conll

        tmp = Path(tempfile.mkdtemp())
        for name, path, schemes in list(sets):
            out = tmp / (name + ".damaged.tsv")
            with open(out, "w", encoding="utf-8") as fh:
                for s in read_conll(path):
                    d = damage_sentence(s)
                    for k, (tok, tag) in enumerate(zip(d.tokens, d.tags, strict=True), 1):
                        fh.write(f"{k}\t{tok}\t{tag}\tO\n")
                    fh.write("\n")
            sets.append((name + "-damaged", out, schemes[:1]))
    results = {}
    for name, path, schemes in sets:
        for scheme in schemes:
            res = evaluate(path, scheme=scheme, nlp=nlp)
            results[f"{name}/{scheme}"] = res
            print(f"== {name} ({scheme})")
            print(format_report(res))
            print()
    summary = {k: round(v["f1"], 4) for k, v in results.items()}
    print("SUMMARY", json.dumps(summary))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
