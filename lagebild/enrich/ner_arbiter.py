"""A second opinion for doubtful names: the fast transformer NER arbitrates the cnn's spans.

The spaCy cnn of :mod:`lagebild.enrich.ner` (the default German NER until 2026-12-07; the
lstm default since makes the same kind of mistake) is fast but types products, services
and common nouns as names (`Siri` PER, `Kotaku` PER); the fast
transformer (:mod:`lagebild.enrich.ner_accurate`, mode ``fast``) is more accurate but
about three times slower per token.  :func:`arbitrate` runs the fast model only on the
sentences that hold a *doubtful* cnn span (:func:`doubtful`) and lets it decide each
doubtful span:

* the fast model has a span of the same extent: its type wins (``retype``);
* it has a longer span around the cnn's: that span replaces it (``complete``:
  the name the cnn cut);
* it has no span overlapping the cnn's: the span is dropped (``drop``).

Spans that are not doubtful, and every span of a sentence the fast model did not see,
pass unchanged; the fast model's own spans elsewhere in the sentence are not added.
The names guard (:mod:`lagebild.enrich.names`) runs afterwards on what is left.

Off by default (``LAGEBILD_NER_ARBITER=1`` switches it on): on a fresh hand-judged sample it
moved listed-entity precision 0.864 -> 0.868 for +15-20 % CPU per article and the fast model's
memory in every worker (docs/benchmarks.md, "the fast model's second opinion").  The stage asks
it for the spans of the ``cnn`` and of the ``lstm`` mode (the same rules; "the cnn" below is
whichever of the two ran): on GermEval dev, per sentence with gazetteer and guard, it moves the
lstm 0.696 -> 0.707 on the sentences neither model trained or was selected on, the cnn
0.727 -> 0.726 (docs/benchmarks.md, "lstm as the default").  The fast
model's spans depend a little on which sentences share its batch (its activations are
quantised per batch), so a decision can differ between a batch and one article alone.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ENV_VAR", "ArbiterStats", "arbitrate", "arbitrate_many", "doubtful", "enabled"]

# LAGEBILD_NER_ARBITER=0 switches the second opinion off (1: on); unset means DEFAULT_ON
ENV_VAR = "LAGEBILD_NER_ARBITER"
DEFAULT_ON = False
# the cnn labels a one-word span of which is doubtful
DOUBT_LABELS = frozenset({"PER"})
# (cnn label, fast label) pairs where the cnn's type stays: a lone first name or surname
# that the fast model, seeing one sentence, calls a place (`Tourea`, `Konopljanka`, `Erna`
# on the dev pool) is more often the person the cnn saw
_KEEP_CNN_TYPE = frozenset({("PER", "LOC")})


def enabled() -> bool:
    """Whether the stage asks the fast model (``$LAGEBILD_NER_ARBITER``, else the default)."""
    val = os.environ.get(ENV_VAR, "").strip().lower()
    if not val:
        return DEFAULT_ON
    return val not in ("0", "off", "no", "false")


@dataclass(slots=True)
class ArbiterStats:
    """What :func:`arbitrate_many` did: sentences seen and sent, and each decision's count."""

    sentences: int = 0
    sent: int = 0
    chars: int = 0
    chars_sent: int = 0
    decisions: dict[str, int] = field(default_factory=dict)

    def count(self, what: str) -> None:
        self.decisions[what] = self.decisions.get(what, 0) + 1


def doubtful(text: str, span: Any, spans: Sequence[Any]) -> bool:
    """Whether the cnn ``span`` (an ``EntitySpan`` of ``spans``, offsets into ``text``)
    needs a second opinion: a one-word name (no subtype) that no longer name of the same
    article contains (``Kohl`` beside ``Helmut Kohl`` is sure; ``Siri`` alone is not)."""
    if span.subtype is not None or span.label not in DOUBT_LABELS:
        return False
    word = text[span.start : span.end]
    if " " in word.strip() or not word.strip():
        return False
    for other in spans:
        if other is span or other.subtype is not None:
            continue
        parts = text[other.start : other.end].split()
        if len(parts) >= 2 and word in parts:
            return False
    return True


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def arbitrate_many(
    texts: Sequence[str],
    spans: Sequence[Sequence[Any]],
    sentences: Sequence[Sequence[tuple[int, int]]],
    stats: ArbiterStats | None = None,
) -> list[list[Any]]:
    """:func:`arbitrate` for several texts, the fast model run once over all sentences sent.

    Args:
        texts: article texts.
        spans: the cnn's ``EntitySpan`` list of each text.
        sentences: each text's sentence offsets (``(start, end)``).
        stats: filled with what was sent and decided, if given.

    Returns:
        Each text's spans after arbitration, sorted by offset.
    """
    from . import ner_accurate
    from .ner import EntitySpan

    stats = stats if stats is not None else ArbiterStats()
    jobs: list[tuple[int, int, int]] = []  # (text index, sentence start, sentence end)
    doubt: list[list[Any]] = []
    for k, (text, sp, sents) in enumerate(zip(texts, spans, sentences, strict=True)):
        dub = [s for s in sp if doubtful(text, s, sp)]
        doubt.append(dub)
        stats.sentences += len(sents)
        stats.chars += sum(b - a for a, b in sents)
        for a, b in sents:
            if any(a <= s.start and s.end <= b for s in dub):
                jobs.append((k, a, b))
                stats.sent += 1
                stats.chars_sent += b - a
    found = []
    if jobs:
        found = ner_accurate.recognize_many_detailed([texts[k][a:b] for k, a, b in jobs], "fast")
    # per text: (sentence start, end, the fast model's spans in it)
    second: list[list[tuple[int, int, Any]]] = [[] for _ in texts]
    for (k, a, b), fs in zip(jobs, found, strict=True):
        shifted = [EntitySpan(f.start + a, f.end + a, f.label, f.subtype, f.text) for f in fs]
        second[k].append((a, b, shifted))
    out: list[list[Any]] = []
    for k, text in enumerate(texts):
        sure = {id(s) for s in spans[k]} - {id(s) for s in doubt[k]}
        result: list[Any] = []
        for s in spans[k]:
            if id(s) in sure:
                result.append(s)
                continue
            seen = [fs for a, b, fs in second[k] if a <= s.start and s.end <= b]
            if not seen:  # (not sent: cannot happen, kept for safety)
                result.append(s)
                continue
            fast = [f for f in seen[0] if _overlap(s.start, s.end, f.start, f.end)]
            same = [f for f in fast if (f.start, f.end) == (s.start, s.end)]
            around = [
                f
                for f in fast
                if f.start <= s.start and s.end <= f.end and (f.start, f.end) != (s.start, s.end)
            ]
            if same and (s.label, same[0].label) in _KEEP_CNN_TYPE:
                stats.count("keep-type")
                result.append(s)
            elif same:
                f = same[0]
                stats.count("keep" if (f.label, f.subtype) == (s.label, s.subtype) else "retype")
                result.append(EntitySpan(s.start, s.end, f.label, f.subtype, s.text))
            elif around:
                stats.count("complete")
                result.append(around[0])
            elif fast:  # the fast model reads a part of it as a name: keep the cnn's
                stats.count("keep-partial")
                result.append(s)
            else:
                stats.count("drop")
        # a completed span may cover another cnn span: keep the first, drop any inside it
        result.sort(key=lambda s: (s.start, -s.end))
        merged: list[Any] = []
        for s in result:
            if merged and s.start < merged[-1].end:
                continue
            merged.append(s)
        out.append(merged)
    return out


def arbitrate(
    text: str, spans: Sequence[Any], sentences: Sequence[tuple[int, int]] | None = None
) -> list[Any]:
    """The cnn ``spans`` of ``text`` with each doubtful one decided by the fast model.

    ``sentences``: the text's sentence offsets (None: split here).
    """
    if sentences is None:
        from .sentences import split_sentences

        sentences = split_sentences(text)
    return arbitrate_many([text], [spans], [sentences])[0]
