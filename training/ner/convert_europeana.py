"""Split the Europeana Newspapers German NER files (CC0) into sentences.

Usage:
    python training/ner/convert_europeana.py OUT.conll enp_DE.lft.bio [enp_DE.onb.bio ...]

Input: ``token TAG`` per line without sentence boundaries
(github.com/EuropeanaNewspapers/ner-corpora).  Output: the same lines with a
blank line after sentence-final punctuation that is followed by an upper-case
token (never inside an entity), and at the latest after 80 tokens.  Tags are
normalised (``B-PEr`` -> ``B-PER``), garbled ones (``B-LOCER``) become O.
"""

from __future__ import annotations

import sys

KEEP = {"PER", "LOC", "ORG", "MISC"}


def main(argv):
    out_path, inputs = argv[0], argv[1:]
    n = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for path in inputs:
            rows = []
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    parts = line.split()
                    if len(parts) < 2:
                        continue
                    tok, tag = parts[0], parts[-1]
                    if tag != "O" and "-" in tag:
                        p, lab = tag.split("-", 1)
                        tag = f"{p.upper()}-{lab.upper()}"
                        if p.upper() not in ("B", "I") or lab.upper() not in KEEP:
                            tag = "O"  # a few garbled tags (B-LOCER, I-BER, ...)
                    elif tag != "O":
                        tag = "O"
                    rows.append((tok, tag))
            cur = 0
            for i, (tok, tag) in enumerate(rows):
                out.write(f"{tok} {tag}\n")
                cur += 1
                nxt = rows[i + 1] if i + 1 < len(rows) else None
                boundary = nxt is None or (
                    tok in {".", "!", "?"} and nxt[0][:1].isupper() and not nxt[1].startswith("I-")
                ) or (cur >= 80 and not (nxt and nxt[1].startswith("I-")))
                if boundary:
                    out.write("\n")
                    cur = 0
                    n += 1
    print(f"sentences={n}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
