"""Score a German NER model on CoNLL-style files (outer chunks, exact match).

Three input layouts are read, one token per line and a blank line between
sentences:

* GermEval 2014: ``idx<TAB>token<TAB>outer<TAB>inner``, comment lines start
  with ``#``; tags are IOB2 over PER/ORG/LOC/OTH and their ``deriv``/``part``
  variants.
* Europarl (Faruqui & Padó): ``token lemma POS chunk NER`` (IOB1).
* XGLUE / CoNLL-2003: ``token TAG`` or ``token<TAB>TAG`` (IOB1).

The layout is recognised per line: a first column that is an integer and at
least three columns means GermEval (tag = third column), anything else takes
the first column as the token and the last column as the tag.  IOB1 and IOB2
are both read by the same rule (a chunk starts at ``B-`` or at an ``I-``
whose type differs from the previous token's).

Schemes (what counts as a chunk):

* ``"main"``: PER, ORG, LOC, MISC (GermEval OTH is MISC); GermEval
  ``deriv``/``part`` chunks are dropped from gold and prediction.  This is the
  headline number for a situation picture (names, not adjectives).
* ``"fine"``: every outer label as is (OTH→MISC only), i.e. the official
  GermEval 2014 outer-chunk metric over 12 labels.
* ``"conll"``: for CoNLL-style gold (Europarl, XGLUE) where adjectives such
  as *europäischen* are MISC: predicted ``deriv`` chunks count as MISC,
  ``part`` chunks are dropped.
* ``"auto"`` (default): ``"conll"`` if the gold file has a MISC tag, else
  ``"main"``.
"""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "Sentence",
    "chunks",
    "evaluate",
    "normalise_label",
    "read_conll",
    "score",
]

MAIN_TYPES = ("PER", "ORG", "LOC", "MISC")
_TAG_RE = re.compile(r"^(O|[BIES]-[A-Za-z]+)$")


@dataclass(slots=True)
class Sentence:
    tokens: list[str]
    tags: list[str]  # outer tags as in the file (IOB1 or IOB2)


_NER_TAG_RE = re.compile(r"^(O|[BIES]-(?:PER|ORG|LOC|OTH|MISC)(?:deriv|part)?)$")
_PENN_POS = re.compile(r"^(?:[A-Z]{2,4}\$?|[.,:()\"'$#]|``|'')$")


def _conll03_number(cols: list[str]) -> bool:
    """``2 CD I-NP O``: a number token in CoNLL-2003's ``token POS chunk NER`` layout, not
    a GermEval line (``index token outer inner``)."""
    return (
        len(cols) == 4
        and bool(_PENN_POS.match(cols[1].strip()))
        and not _NER_TAG_RE.match(cols[2].strip())
    )


def _parse_line(line: str) -> tuple[str, str] | None:
    cols = line.split("\t") if "\t" in line else line.split()
    cols = [c for c in cols if c != ""] if "\t" not in line else cols
    if len(cols) >= 3 and cols[0].strip().isdigit() and not _conll03_number(cols):
        tok, tag = cols[1], cols[2].strip()
    elif len(cols) >= 2:
        tok, tag = cols[0], cols[-1].strip()
    else:
        return None
    tok = tok.strip()
    if not tok:
        return None
    return tok, (tag or "O")


def read_conll(path: str | os.PathLike[str]) -> list[Sentence]:
    """Read one of the supported layouts into sentences of tokens and tags."""
    sents: list[Sentence] = []
    toks: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n").rstrip("\r")
            if line.startswith("#"):
                maybe = _parse_line(line)
                if maybe is None or not _TAG_RE.match(maybe[1]):
                    continue  # GermEval source comment
            if line.startswith("-DOCSTART-"):
                continue
            if not line.strip():
                if toks:
                    sents.append(Sentence(toks, tags))
                    toks, tags = [], []
                continue
            parsed = _parse_line(line)
            if parsed is None:
                continue
            toks.append(parsed[0])
            tags.append(parsed[1])
    if toks:
        sents.append(Sentence(toks, tags))
    return sents


def chunks(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Token chunks ``(start, end_exclusive, label)`` from IOB1 or IOB2 tags."""
    out: list[tuple[int, int, str]] = []
    start = -1
    cur = ""
    for i, tag in enumerate(list(tags) + ["O"]):
        if tag == "O" or "-" not in tag:
            pref, lab = "O", ""
        else:
            pref, lab = tag.split("-", 1)
        begins = pref == "B" or (pref == "I" and lab != cur) or pref == "S"
        if cur and (pref == "O" or begins):
            out.append((start, i, cur))
            cur = ""
        if pref != "O" and (begins or not cur):
            start, cur = i, lab
        if pref in ("E", "S") and cur:
            out.append((start, i + 1, cur))
            cur = ""
    return out


def normalise_label(label: str, scheme: str) -> str | None:
    """Map a fine label (``LOCderiv``, ``OTH``, ...) to the scheme's label or None."""
    base = label
    sub = ""
    for suffix in ("deriv", "part"):
        if label.endswith(suffix) and len(label) > len(suffix):
            base, sub = label[: -len(suffix)], suffix
            break
    if base == "OTH":
        base = "MISC"
    if scheme == "fine":
        return base + sub
    if sub == "":
        return base
    if scheme == "conll" and sub == "deriv":
        return "MISC"
    return None


def _norm(spans: Iterable[tuple[int, int, str]], scheme: str) -> set[tuple[int, int, str]]:
    res = set()
    for s, e, lab in spans:
        n = normalise_label(lab, scheme)
        if n is not None:
            res.add((s, e, n))
    return res


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn,
            "support": tp + fn}


def score(
    gold: Sequence[Sequence[tuple[int, int, str]]],
    pred: Sequence[Sequence[tuple[int, int, str]]],
    scheme: str = "main",
) -> dict:
    """Micro P/R/F1 and per-type scores of predicted against gold chunks."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        gs, ps = _norm(g, scheme), _norm(p, scheme)
        for c in gs & ps:
            tp[c[2]] += 1
        for c in ps - gs:
            fp[c[2]] += 1
        for c in gs - ps:
            fn[c[2]] += 1
    labels = sorted(set(tp) | set(fp) | set(fn))
    res = _prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    res["per_type"] = {lab: _prf(tp[lab], fp[lab], fn[lab]) for lab in labels}
    res["scheme"] = scheme
    return res


def _predict(nlp, sents: Sequence[Sentence], batch_size: int = 256):
    from spacy.tokens import Doc

    docs = (Doc(nlp.vocab, words=s.tokens) for s in sents)
    out = []
    ntok = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for doc in nlp.pipe(docs, batch_size=batch_size):
        ntok += len(doc)
        out.append([(e.start, e.end, e.label_) for e in doc.ents])
    return out, ntok, time.perf_counter() - t0, time.process_time() - c0


def _predict_transformer(sents: Sequence[Sentence], mode: str):
    from lagebild.enrich import ner_accurate

    if mode == "lstm":
        from lagebild.enrich import ner_lstm

        tagger = ner_lstm.get_tagger()
    else:
        tagger = ner_accurate.get_tagger(mode)
    t0, c0 = time.perf_counter(), time.process_time()
    tags = tagger.tag([s.tokens for s in sents])
    out = [chunks(t) for t in tags]
    ntok = sum(len(s.tokens) for s in sents)
    return out, ntok, time.perf_counter() - t0, time.process_time() - c0


def with_gazetteer(
    tokens: Sequence[str], spans: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """``spans`` (token indices) plus gazetteer names on tokens no span covers.

    The same union as entity resolution makes: the ruler's PER/ORG/LOC names
    (not adjectives) are added where they do not overlap a model span.
    """
    from lagebild.enrich.gazetteer import load

    text, starts = "", []
    for t in tokens:
        text += " " if text else ""
        starts.append(len(text))
        text += t
    at_start = {a: i for i, a in enumerate(starts)}
    at_end = {a + len(t): i for i, (a, t) in enumerate(zip(starts, tokens, strict=True))}
    out = list(spans)
    for m in load().match(text, adjectives=False):
        if m.flag != "name" or m[3] not in ("PER", "ORG", "LOC"):
            continue
        i, j = at_start.get(m[0]), at_end.get(m[1])
        if i is None or j is None or any(a <= j and i < b for a, b, _ in out):
            continue
        out.append((i, j + 1, m[3]))
    return sorted(out)


def evaluate(
    path: str | os.PathLike[str],
    *,
    scheme: str = "auto",
    nlp=None,
    model: str | os.PathLike[str] | None = None,
    limit: int | None = None,
    gazetteer: bool = False,
    lang: str = "de",
    ner: str | None = None,
) -> dict:
    """Score the NER model on a gold file; outer chunks, exact match.

    With ``gazetteer=True`` the score is that of what enrichment uses: the model's
    spans plus the gazetteer's names (countries, capitals, organisations,
    office-holders) where the model found nothing (:func:`with_gazetteer`).

    Returns ``precision``, ``recall``, ``f1``, ``per_type`` (same keys per
    label), ``scheme``, ``sentences``, ``tokens``, ``seconds`` and
    ``tokens_per_s`` (wall clock) and ``tokens_per_cpu_s`` (process CPU time,
    i.e. the rate of one fully available core), prediction only, tokenisation
    excluded: the gold tokens are fed as they are.  ``nlp`` or ``model`` pick the pipeline;
    by default the shipped model of :mod:`lagebild.enrich.ner`; ``lang="en"`` scores the
    English pipeline of :mod:`lagebild.enrich.ner_en` instead, its OntoNotes labels mapped
    as enrichment maps them (``NORP`` → ``LOCderiv``, which the CoNLL scheme counts as MISC;
    dates, numbers and the like → no entity).  ``ner="fast"`` or ``"accurate"`` scores that
    transformer of :mod:`lagebild.enrich.ner_accurate` instead, ``"lstm"`` the BiLSTM of
    :mod:`lagebild.enrich.ner_lstm`, ``"cnn"`` the spaCy model
    (None: ``LAGEBILD_NER``, unset = the default mode of :mod:`lagebild.enrich.ner`).
    """
    sents = read_conll(path)
    if limit is not None:
        sents = sents[:limit]
    if scheme == "auto":
        has_misc = any(t.endswith("MISC") for s in sents for t in s.tags)
        scheme = "conll" if has_misc else "main"
    relabel = None
    if lang == "en" and nlp is None and model is None:
        from lagebild.enrich import ner_en

        nlp = ner_en.get_nlp()
        relabel = {k: base + (sub or "") for k, (base, sub) in ner_en.LABEL_MAP.items()}
    from lagebild.enrich.ner import selected_mode

    mode = selected_mode(ner) if lang == "de" and nlp is None and model is None else "cnn"
    if mode in ("fast", "accurate", "lstm"):
        pred, ntok, dt, cpu = _predict_transformer(sents, mode)
    elif nlp is None:
        if model is not None:
            import spacy

            from lagebild.enrich import ner

            nlp = spacy.load(model)
            ner.use_numpy_blas(nlp)  # as lagebild runs it
        else:
            from lagebild.enrich import ner

            nlp = ner.get_nlp()
    if mode not in ("fast", "accurate", "lstm"):
        pred, ntok, dt, cpu = _predict(nlp, sents)
    if relabel is not None:
        pred = [[(a, b, relabel[lab]) for a, b, lab in p if lab in relabel] for p in pred]
    if gazetteer:
        pred = [with_gazetteer(s.tokens, p) for s, p in zip(sents, pred, strict=True)]
    gold = [chunks(s.tags) for s in sents]
    res = score(gold, pred, scheme)
    res.update(
        {
            "path": str(Path(path)),
            "gazetteer": gazetteer,
            "lang": lang,
            "sentences": len(sents),
            "tokens": ntok,
            "seconds": dt,
            "tokens_per_s": ntok / dt if dt > 0 else float("inf"),
            "cpu_seconds": cpu,
            "tokens_per_cpu_s": ntok / cpu if cpu > 0 else float("inf"),
        }
    )
    return res


def format_report(res: dict) -> str:
    """Human-readable table of :func:`evaluate`'s result."""
    lines = [
        f"{res.get('path', '')}  scheme={res['scheme']}  sentences={res.get('sentences', '?')}"
        f"  tokens={res.get('tokens', '?')}  tokens/s={res.get('tokens_per_s', 0):.0f}"
        f"  tokens/CPU-s={res.get('tokens_per_cpu_s', 0):.0f}",
        f"{'type':<10}{'P':>8}{'R':>8}{'F1':>8}{'support':>9}",
    ]
    for lab, r in res["per_type"].items():
        lines.append(
            f"{lab:<10}{r['precision']:8.4f}{r['recall']:8.4f}{r['f1']:8.4f}{r['support']:9d}"
        )
    lines.append(
        f"{'overall':<10}{res['precision']:8.4f}{res['recall']:8.4f}{res['f1']:8.4f}"
        f"{res['tp'] + res['fn']:9d}"
    )
    return "\n".join(lines)


def _iter_main(argv: Sequence[str] | None = None) -> Iterator[str]:  # pragma: no cover
    import argparse

    ap = argparse.ArgumentParser(description="Score German NER on a CoNLL/GermEval file")
    ap.add_argument("files", nargs="+")
    ap.add_argument("--model", default=None)
    ap.add_argument("--scheme", default="auto", choices=["auto", "main", "fine", "conll"])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--ner", default=None, choices=["default", "cnn", "fast", "accurate"])
    args = ap.parse_args(argv)
    for f in args.files:
        yield format_report(
            evaluate(f, scheme=args.scheme, model=args.model, limit=args.limit, ner=args.ner)
        )


if __name__ == "__main__":  # pragma: no cover
    for block in _iter_main():
        print(block)
