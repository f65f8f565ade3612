"""Score :func:`lagebild.enrich.sentences.split_sentences` against gold sentences.

The gold is the sentence segmentation of SpkAtt-2023 task 2 (German WikiNews):
each article's tokens are detokenized into one paragraph
(:func:`lagebild.evaluate.quotes.detokenize`, sentences joined by a space)
and split again.  A boundary is the character offset where a sentence ends;
``boundary_p/r/f1`` compare the system's inner boundaries (the paragraph's
end is not counted) with the gold ones; ``terminal_r`` is the recall over the gold
boundaries after ``. ! ? …`` (the gold also ends sentences at colons,
semicolons and dashes, which this splitter keeps by design); ``sentence_error_rate`` is the share
of gold sentences whose exact span the system does not reproduce.  ``errors``
lists up to 50 wrong splits (``split``: a boundary the gold does not have;
``merge``: a gold boundary missed) with 40 characters either side.
"""

from __future__ import annotations

import json
from pathlib import Path

from lagebild.enrich.sentences import split_sentences
from lagebild.evaluate.quotes import detokenize

__all__ = ["evaluate_sentences"]

_CLOSERS = frozenset('“”"»«’‘)')


def evaluate_sentences(directory: str | Path, *, limit: int | None = None) -> dict:
    """Score the splitter on SpkAtt-2023 task 2 JSON files in ``directory``.

    Args:
        directory: folder with ``*.json`` files (e.g. ``…/spkatt2023-news/dev/task2``).
        limit: only the first ``limit`` files (sorted by name).

    Returns:
        ``files``, ``sentences`` (gold), ``boundary_p/r/f1``,
        ``sentence_error_rate`` and ``errors`` (see the module docstring).
    """
    files = sorted(Path(directory).glob("*.json"))[:limit]
    tp = fp = fn = n_gold = wrong = term_n = term_tp = 0
    errors: list[dict] = []
    for f in files:
        doc = json.loads(f.read_text(encoding="utf-8"))
        sents = sorted(doc["Sentences"], key=lambda s: int(s["SentenceId"]))
        toks = [s["Tokens"] for s in sents if s["Tokens"]]
        text, offs = detokenize(toks)
        gold_spans = {(so[0][0], so[-1][1]) for so in offs}
        gold = {e for _, e in gold_spans} - {len(text)}
        terminal = {
            so[-1][1]
            for so, tl in zip(offs, toks, strict=True)
            if next((t for t in reversed(tl) if t not in _CLOSERS), "")[-1:] in ".!?…"
        } - {len(text)}
        spans = split_sentences(text)
        system = {e for _, e in spans} - {len(text)}
        term_n += len(terminal)
        term_tp += len(terminal & system)
        n_gold += len(gold_spans)
        wrong += len(gold_spans - set(spans))
        tp += len(gold & system)
        for kind, bad in (("split", system - gold), ("merge", gold - system)):
            fp += len(bad) if kind == "split" else 0
            fn += len(bad) if kind == "merge" else 0
            for pos in sorted(bad):
                if len(errors) < 50:
                    errors.append(
                        {"doc": f.name, "kind": kind,
                         "at": text[max(0, pos - 40) : pos] + " | " + text[pos : pos + 40]}
                    )
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "files": len(files),
        "sentences": n_gold,
        "boundary_p": round(p, 4),
        "boundary_r": round(r, 4),
        "boundary_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "terminal_r": round(term_tp / term_n, 4) if term_n else 0.0,
        "sentence_error_rate": round(wrong / n_gold, 4) if n_gold else 0.0,
        "errors": errors,
    }


if __name__ == "__main__":  # pragma: no cover - manual use
    import sys

    print(json.dumps(evaluate_sentences(sys.argv[1]), ensure_ascii=False, indent=1))
