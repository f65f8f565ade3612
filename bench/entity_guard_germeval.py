"""What the names guard costs in recall: GermEval 2014 dev, one sentence at a time.

Two figures (issue 10 §2; docs/benchmarks.md "Entity precision and merge quality"):

* ``model``: the default NER model's spans plus the gazetteer's names (as
  ``lagebild eval ner --gazetteer`` scores them), then each sentence's spans passed
  through ``lagebild.enrich.names.filter_spans`` on the sentence's text (tokens joined
  by spaces); outer chunks, exact match, micro P/R/F1 (the scorer of
  ``lagebild.evaluate.ner``).  A span the guard moves off token boundaries counts as
  wrong.  The model was trained on most of this file, so the figure measures what the
  guard takes away, not how the model generalises.
* ``gold``: every gold PER/ORG/LOC/OTH chunk fed to the guard alone; the share that
  comes out unchanged (same span, same type).

Out of context (one sentence, no article) the guard is harsher than in enrichment:
``resolve`` adds back the gazetteer's places and full names from other sentences.

    .venv/bin/python bench/entity_guard_germeval.py            # both figures
    .venv/bin/python bench/entity_guard_germeval.py --diff     # also list gold names lost
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "germeval2014" / "dev.tsv"
_BASE = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "OTH": "MISC", "MISC": "MISC"}


def _char_spans(tokens: list[str]) -> tuple[str, list[int]]:
    text, starts = "", []
    for t in tokens:
        text += " " if text else ""
        starts.append(len(text))
        text += t
    return text, starts


def guard(tokens: list[str], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Token spans (base labels only) through the guard, back as token spans."""
    from lagebild.enrich.names import filter_spans

    text, starts = _char_spans(tokens)
    at_start = {a: i for i, a in enumerate(starts)}
    at_end = {a + len(t): i + 1 for i, (a, t) in enumerate(zip(starts, tokens, strict=True))}
    chars = [
        (starts[i], starts[j - 1] + len(tokens[j - 1]), _BASE[lab])
        for i, j, lab in spans
        if lab in _BASE
    ]
    out = []
    for a, b, lab in filter_spans(text, chars):
        i, j = at_start.get(a), at_end.get(b)
        # (moved off a token's boundary: kept as an impossible span, so it scores wrong)
        out.append((i, j, lab) if i is not None and j is not None else (-1, -1, lab))
    return out


def main(argv: list[str] | None = None) -> int:
    from lagebild.evaluate.ner import chunks, read_conll, score, with_gazetteer
    from lagebild.enrich import ner

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--path", default=str(DEV))
    ap.add_argument("--diff", action="store_true", help="list the gold names the guard changes")
    ap.add_argument("--ner", help="the NER model: cnn (default), lstm, fast, accurate")
    ap.add_argument(
        "--off", default="", help="rules of the guard to switch off, comma-separated (names_rules)"
    )
    args = ap.parse_args(argv)
    if args.off:
        from lagebild.enrich import names_rules

        names_rules.RULES = names_rules.RULES - set(args.off.split(","))
    sents = read_conll(args.path)
    gold = [chunks(s.tags) for s in sents]
    # gold names alone through the guard
    total = kept = 0
    lost = []
    for s, g in zip(sents, gold, strict=True):
        base = [(i, j, _BASE[lab]) for i, j, lab in g if lab in _BASE]
        got = set(guard(s.tokens, base))
        for c in base:
            total += 1
            if c in got:
                kept += 1
            elif args.diff:
                lost.append(f"{' '.join(s.tokens[c[0]:c[1]])}\t{c[2]}\t{' '.join(s.tokens)[:160]}")
    # the model's spans (+ gazetteer) through the guard
    from spacy.tokens import Doc

    mode = ner.selected_mode(args.ner or "cnn")
    if mode == "cnn":
        nlp = ner.get_nlp()
        pred = [
            [(e.start, e.end, e.label_) for e in doc.ents]
            for doc in nlp.pipe((Doc(nlp.vocab, words=s.tokens) for s in sents), batch_size=256)
        ]
    else:
        from lagebild.evaluate.ner import _predict_transformer

        pred = _predict_transformer(sents, mode)[0]
    pred = [with_gazetteer(s.tokens, p) for s, p in zip(sents, pred, strict=True)]
    plain = score(gold, pred, "main")
    guarded = score(gold, [guard(s.tokens, p) for s, p in zip(sents, pred, strict=True)], "main")
    print(
        json.dumps(
            {
                "ner": mode,
                "gold_unchanged": f"{kept}/{total}",
                "gold_unchanged_share": round(kept / total, 4),
                "model_gazetteer": {k: round(plain[k], 4) for k in ("precision", "recall", "f1")},
                "model_gazetteer_guard": {
                    k: round(guarded[k], 4) for k in ("precision", "recall", "f1")
                },
            }
        )
    )
    for line in lost:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
