"""Convert the DFKI SmartData corpus (CC BY 4.0) into CoNLL ``token TAG`` lines.

Usage:
    python training/ner/convert_smartdata.py OUT.conll FILE.json.gz [FILE.json.gz ...]

Input: the corpus' JSON export (``v1_20180119/train.json.gz`` and
``test.json.gz`` of github.com/DFKI-NLP/smartdata-corpus), a stream of JSON
documents with ``text`` and character-offset ``conceptMentions``.

Mapping onto PER/ORG/LOC: person -> PER; organization, organization-company ->
ORG; location, location-city, -street, -stop, -route -> LOC; every other type
(date, number, trigger, org-position, ...) -> O.  Text is tokenised with
spaCy's German tokenizer and split into sentences at line breaks and at
sentence-final punctuation followed by an upper-case letter; a sentence in
which a mention does not align with token boundaries is dropped.
"""

from __future__ import annotations

import gzip
import json
import re
import sys

MAP = {
    "person": "PER",
    "organization": "ORG",
    "organization-company": "ORG",
    "location": "LOC",
    "location-city": "LOC",
    "location-street": "LOC",
    "location-stop": "LOC",
    "location-route": "LOC",
}
SENT_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ\"„])|\n+")


def load(path):
    txt = gzip.open(path, "rt", encoding="utf-8").read()
    dec = json.JSONDecoder()
    i = 0
    while i < len(txt):
        while i < len(txt) and txt[i].isspace():
            i += 1
        if i >= len(txt):
            break
        obj, i = dec.raw_decode(txt, i)
        yield obj


def main(argv):
    import spacy

    nlp = spacy.blank("de")
    out_path, inputs = argv[0], argv[1:]
    n_sent = n_drop = n_ent = 0
    seen = set()
    with open(out_path, "w", encoding="utf-8") as out:
        for path in inputs:
            for d in load(path):
                text = (d.get("text") or {}).get("string") or ""
                if not text or text in seen:
                    continue
                seen.add(text)
                mentions = []
                for m in (d.get("conceptMentions") or {}).get("array") or []:
                    lab = MAP.get(m["type"].lower().replace("_", "-"))
                    if lab:
                        mentions.append((m["span"]["start"], m["span"]["end"], lab))
                # sentence segments
                starts = [0] + [mm.end() for mm in SENT_END.finditer(text)]
                ends = [mm.start() for mm in SENT_END.finditer(text)] + [len(text)]
                for s0, s1 in zip(starts, ends, strict=True):
                    seg = text[s0:s1]
                    if not seg.strip():
                        continue
                    doc = nlp.make_doc(seg)
                    tags = ["O"] * len(doc)
                    ok = True
                    for a, b, lab in mentions:
                        if a >= s1 or b <= s0:
                            continue
                        if a < s0 or b > s1:
                            ok = False
                            break
                        span = doc.char_span(a - s0, b - s0, alignment_mode="strict")
                        if span is None:
                            ok = False
                            break
                        if any(t != "O" for t in tags[span.start:span.end]):
                            continue
                        tags[span.start] = "B-" + lab
                        for k in range(span.start + 1, span.end):
                            tags[k] = "I-" + lab
                        n_ent += 1
                    if not ok:
                        n_drop += 1
                        continue
                    toks = [(t.text, tag) for t, tag in zip(doc, tags, strict=True)
                            if not t.is_space]
                    if not toks:
                        continue
                    for tok, tag in toks:
                        out.write(f"{tok} {tag}\n")
                    out.write("\n")
                    n_sent += 1
    print(f"sentences={n_sent} dropped={n_drop} entities={n_ent}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
