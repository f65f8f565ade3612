"""Convert the DFKI MobIE corpus (CC BY 4.0) into CoNLL ``token TAG`` lines.

Usage:
    python training/ner/convert_mobie.py OUT.conll train.conll2003 [dev.conll2003 ...]

Input: the CoNLL-2003 export of github.com/DFKI-NLP/MobIE
(``v1_20210811/ner_conll03_formatted.zip``: ``token POS chunk TAG`` per line,
``-DOCSTART-`` lines between documents, IOB2 tags with the corpus' fine types).
German traffic reports, tweets and RSS news about mobility, same annotation
scheme as the DFKI SmartData corpus.

Mapping onto PER/ORG/LOC (the same as ``convert_smartdata.py``): person -> PER;
organization, organization-company -> ORG; location, location-city, -street,
-stop, -route -> LOC; every other type (date, time, trigger, event-cause,
distance, number, ...) -> O.  Documents are already split into sentences.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from convert_smartdata import MAP  # noqa: E402  (the same type mapping as SmartData)


def convert_tag(tag: str) -> str:
    if tag == "O" or "-" not in tag:
        return "O"
    pref, lab = tag.split("-", 1)
    lab = MAP.get(lab.lower().replace("_", "-"))
    if lab is None or pref not in ("B", "I"):
        return "O"
    return f"{pref}-{lab}"


def main(argv):
    out_path, inputs = argv[0], argv[1:]
    n_sent = n_ent = 0
    seen: set[tuple[str, ...]] = set()
    with open(out_path, "w", encoding="utf-8") as out:
        for path in inputs:
            rows: list[tuple[str, str]] = []

            def flush():
                nonlocal n_sent, n_ent, rows
                key = tuple(t for t, _ in rows)
                if rows and key not in seen:
                    seen.add(key)
                    prev = "O"
                    for tok, tag in rows:
                        # a type change inside a chunk (I-X after B-Y) starts a new chunk
                        if tag.startswith("I-") and prev[2:] != tag[2:]:
                            tag = "B-" + tag[2:]
                        if tag.startswith("B-"):
                            n_ent += 1
                        out.write(f"{tok} {tag}\n")
                        prev = tag
                    out.write("\n")
                    n_sent += 1
                rows = []

            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    parts = line.split()
                    if not parts or parts[0] == "-DOCSTART-":
                        flush()
                        continue
                    rows.append((parts[0], convert_tag(parts[-1])))
            flush()
    print(f"sentences={n_sent} entities={n_ent}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
