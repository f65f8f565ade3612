"""Extra unlabelled German transfer text for the distillation, as word lists (one sentence a line).

    PYTHONPATH=. python training/ner_lstm/transfer_text.py --out /work/data/nerlstm/transfer

Reads the fetched git mirrors (``fetch`` tool: github:UniversalDependencies/UD_German-GSD,
UD_German-PUD, codecentric/codecentric.AI-bootcamp) with ``git show`` and writes
``<name>.words.txt`` (words joined by tabs), which ``teacher.py`` labels as the sources
``ud_gsd``, ``ud_pud`` and ``speeches``.  Only text whose licence allows shipping a model trained
on it (model card: CC BY-SA):

- UD German-GSD dev + test (CC BY-SA 4.0; news, reviews, web; its train file is not in the
  mirror), surface tokens (a multi-word token such as ``im`` stays one word, as in GermEval);
- UD German-PUD test (CC BY-SA 3.0; Wikipedia and news sentences);
- an excerpt of Barbaresi's German political speeches corpus (CC BY-SA 4.0; ``speeches.json``
  of codecentric.AI-bootcamp), cut into sentences and words by lagebild's own splitter and
  the spaCy-rule word splitter of the transformer modes.

Not used: UD German-HDT (its text "can be distributed for academic use" only), UD German-LIT
(CC BY-NC-SA), the legal NER corpus (CC BY and CC BY-NC-SA both stated).  Sentences whose exact
word sequence is in GermEval dev/test, XGLUE dev or Europarl dev/test are dropped, and
duplicates.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from lagebild.evaluate import ner as ner_eval  # noqa: E402

MIRROR = "/work/.mirror"
UD = {
    "ud_gsd": ("UniversalDependencies+UD_German-GSD", ["de_gsd-ud-dev.conllu", "de_gsd-ud-test.conllu"]),
    "ud_pud": ("UniversalDependencies+UD_German-PUD", ["de_pud-ud-test.conllu"]),
}
SPEECHES = ("codecentric+codecentric.AI-bootcamp", "notebooks/nlp_basics/data/speeches.json")
HELD = ["germeval2014/dev.tsv", "germeval2014/test.tsv", "xglue-ner-de/dev.txt",
        "europarl-ner-de/dev.tsv", "europarl-ner-de/test.tsv"]


def show(repo: str, path: str) -> str:
    git = f"{MIRROR}/{repo}/repo"
    return subprocess.run(["git", "--git-dir", git, "show", f"HEAD:{path}"], check=True,
                          capture_output=True, text=True).stdout


def conllu_words(text: str) -> list[list[str]]:
    """Surface words of each sentence (multi-word token lines kept, their parts skipped)."""
    out, cur, skip_to = [], [], 0
    for line in text.splitlines():
        if not line.strip():
            if cur:
                out.append(cur)
            cur, skip_to = [], 0
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        tid = cols[0]
        if "." in tid:
            continue
        if "-" in tid:
            a, b = tid.split("-")
            skip_to = int(b)
            cur.append(cols[1])
            continue
        if int(tid) <= skip_to:
            continue
        cur.append(cols[1])
    if cur:
        out.append(cur)
    return out


def speech_words(text: str) -> list[list[str]]:
    from lagebild.enrich.ner_accurate import _words
    from lagebild.enrich.sentences import split_sentences

    d = json.loads(text)
    col = next(k for k in d if k != "person")
    out = []
    for doc in d[col].values():
        for a, b in split_sentences(doc):
            s = doc[a:b]
            words = [s[x:y] for x, y in _words(s)]
            if 4 <= len(words) <= 80:
                out.append(words)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--data", default="/work/shared/data")
    a = ap.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    seen = {tuple(s.tokens) for p in HELD for s in ner_eval.read_conll(f"{a.data}/{p}")}
    held = len(seen)
    sources = {name: [w for f in files for w in conllu_words(show(repo, f))] for name, (repo, files) in UD.items()}
    sources["speeches"] = speech_words(show(*SPEECHES))
    for name, sents in sources.items():
        kept = []
        for s in sents:
            if tuple(s) in seen or any("\t" in w or "\n" in w or not w.strip() for w in s):
                continue
            seen.add(tuple(s))
            kept.append(s)
        (out / f"{name}.words.txt").write_text("".join("\t".join(s) + "\n" for s in kept), encoding="utf-8")
        sys.stderr.write(f"{name}: {len(sents)} sentences, {len(kept)} kept, {sum(map(len, kept))} words\n")
    sys.stderr.write(f"(held-out sentences checked: {held})\n")


if __name__ == "__main__":
    main()
