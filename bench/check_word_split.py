"""Check: the NER's word splitter (``ner_accurate._words``, spaCy's tokenizer looked up per
run of non-space characters) gives spaCy's own word offsets on real text, and the e5 pieces
of sentencepiece's Viterbi (``ner_accurate.fast_pieces``) are those of the Python one.

Usage:  .venv/bin/python bench/check_word_split.py [--n 1028]

Every sentence (``split_sentences``, what the NER splits) of n cleaned 10kGNAD articles, of
the SpkAtt news articles (German, train + dev) and of the PolNeAR articles (English, train +
dev), and each whole text once, is split both ways; prints the counts and the first
differences, exits 1 on any.  Also times both on the sentences (CPU ms per article, the
spaCy side with its own cache warm).  Then every distinct word of these texts and of GermEval
2014 dev is split into e5 pieces both ways (timed per word).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import corpus_texts  # noqa: E402
from gold_corpora import DATA, load_records  # noqa: E402

from lagebild.clean import clean  # noqa: E402
from lagebild.enrich import ner_accurate  # noqa: E402
from lagebild.enrich.sentences import split_sentences  # noqa: E402
from lagebild.model import Article  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=1028, help="10kGNAD articles (default all 1 028)")
    args = ap.parse_args()
    texts: dict[str, list[str]] = {"10kGNAD": [], "spkatt": [], "polnear": []}
    for i, t in enumerate(corpus_texts(args.n)):
        a = clean(Article(origins=[f"c{i}"], raw=t, raw_bytes=t.encode(), base=t))
        texts["10kGNAD"].append(f"{a.title}\n{a.text}")
    for corpus in ("spkatt", "polnear"):
        texts[corpus] = [f"{r['title']}\n{r['text']}" for r in load_records(corpus)]
    bad = 0
    for corpus, docs in texts.items():
        sents = [d[a:b] for d in docs for a, b in split_sentences(d)]
        diff = 0
        for s in sents + docs:
            got, want = ner_accurate._words(s), ner_accurate._words_spacy(s)
            if got != want:
                diff += 1
                if diff <= 5:
                    print(f"  DIFF {corpus}: {s[:120]!r}\n    runs {got[:9]}\n    spaCy {want[:9]}")
        bad += diff
        print(f"{corpus}: {len(docs)} texts, {len(sents)} sentences: {diff} differ")
    sents = [d[a:b] for d in texts["10kGNAD"] for a, b in split_sentences(d)]
    ner_accurate._runs.clear()
    for name, fn in (("spaCy", ner_accurate._words_spacy), ("runs, first time", ner_accurate._words),
                     ("runs, again", ner_accurate._words)):  # fmt: skip
        c0 = time.process_time()
        for s in sents:
            fn(s)
        ms = (time.process_time() - c0) / len(texts["10kGNAD"]) * 1000
        print(f"{name}: {ms:.2f} CPU ms per 10kGNAD article (spaCy's own cache warm)")
    words = {d[a:b] for docs in texts.values() for d in docs for a, b in ner_accurate._words(d)}
    with open(DATA / "germeval2014" / "dev.tsv", encoding="utf-8") as fh:
        words |= {r[1] for r in (line.split("\t") for line in fh) if len(r) > 2 and r[0] != "#"}
    ordered = sorted(words)
    src = ner_accurate.E5Source()
    ner_accurate._SOURCES[id(src)] = src
    viterbi = ner_accurate._pieces_cached.__wrapped__
    c0 = time.process_time()
    want_pieces = [viterbi(id(src), w) for w in ordered]
    c1 = time.process_time()
    ner_accurate.fast_pieces()
    c2 = time.process_time()
    got_pieces = [viterbi(id(src), w) for w in ordered]
    c3 = time.process_time()
    diff = [w for w, a, b in zip(ordered, got_pieces, want_pieces, strict=True) if a != b]
    print(f"e5 pieces of {len(ordered)} distinct words: {len(diff)} differ {diff[:5]}; "
          f"Python {(c1 - c0) / len(ordered) * 1e6:.0f} vs sentencepiece "
          f"{(c3 - c2) / len(ordered) * 1e6:.0f} CPU µs per word (building it {c2 - c1:.1f} CPU s)")
    return 1 if bad or diff else 0


if __name__ == "__main__":
    sys.exit(main())
