"""Convert the GermEval 2014 train split from BIOES to the GermEval layout prepare.py reads.

Usage:
    python training/ner/convert_germeval_train.py OUT.tsv train_bioes.train

Input: ``token TAG`` per line, blank line between sentences, BIOES over the outer
labels with upper-cased subtypes (``S-LOCDERIV``, ``B-ORGPART``), as in
github.com/pascalhuszar/NER-benchmark ``GermEval 2014/train_bioes.train``
(23 999 sentences; CC BY 4.0, Benikova, Biemann, Reznicek 2014; fetched by
``training/ner_accurate/get_data.sh``).

Output: the GermEval 2014 file layout (``index<TAB>token<TAB>outer<TAB>inner``) with
IOB2 outer tags spelled as in the official dev/test files (``B-LOCderiv``,
``I-OTH``); the inner column is ``O`` (not in the source).  Soft hyphens (U+00AD)
are removed from tokens (a token that is nothing but a soft hyphen is kept as is).
"""

from __future__ import annotations

import sys

SUBTYPES = {"DERIV": "deriv", "PART": "part"}
BASES = ("PER", "ORG", "LOC", "OTH")


def convert_tag(tag: str) -> str:
    """``S-LOCDERIV`` -> ``B-LOCderiv``; ``E-PER`` -> ``I-PER``; ``O`` -> ``O``."""
    if tag == "O":
        return "O"
    prefix, label = tag.split("-", 1)
    base, sub = label[:3], label[3:]
    if base not in BASES or (sub and sub not in SUBTYPES) or prefix not in "BIES":
        raise ValueError(f"unknown tag {tag!r} (expected O or [BIES]-(PER|ORG|LOC|OTH)"
                         "[DERIV|PART])")
    iob = "B" if prefix in ("B", "S") else "I"
    return f"{iob}-{base}{SUBTYPES.get(sub, '')}"


def main(argv: list[str]) -> int:
    out_path, in_path = argv
    n_sent = n_tok = n_soft = 0
    with open(in_path, encoding="utf-8") as fh, open(out_path, "w", encoding="utf-8") as out:
        k = 0
        for line in fh:
            parts = line.split()
            if not parts:
                if k:
                    out.write("\n")
                    n_sent += 1
                k = 0
                continue
            if len(parts) != 2:
                raise ValueError(f"{in_path}: expected 'token TAG', got {line!r}")
            tok, tag = parts
            if "\u00ad" in tok:
                n_soft += 1
                tok = tok.replace("\u00ad", "") or tok
            k += 1
            n_tok += 1
            out.write(f"{k}\t{tok}\t{convert_tag(tag)}\tO\n")
        if k:
            out.write("\n")
            n_sent += 1
    print(f"sentences={n_sent} tokens={n_tok} soft_hyphen_tokens={n_soft}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
