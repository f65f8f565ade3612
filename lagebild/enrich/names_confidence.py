"""The NER model's own doubt (issue 10 §2, round 12 of the names guard, ``low_confidence``).

A name the BiLSTM (:mod:`lagebild.enrich.ner_lstm`, the default model) tags with little
confidence at every mention in the article, and that nothing else in the article supports,
is not listed (in a German article of five sentences or more: a sentence alone shows no
support, so GermEval's single sentences never meet the rule).  Confidence:
:func:`lagebild.enrich.ner_lstm.span_confidence` (the least, over
the span's words, softmax probability of a name tag).  Support, any of:

* the name is written at least twice in the article (a person's surname counts for the
  full name: ``Beatrix Karl`` ... ``Karl sagte``);
* the shipped gazetteer knows it;
* a one-word person has a sign of a person (a role, a speech verb, an age:
  :func:`lagebild.enrich.names_cues.lone_persons_without_cue`);
* a person's first name and surname (``Karl Schnell``: first and last word capitalised
  words); a one-word acronym (``MSF``, ``AMS``);
* an organisation's designator or a club's prefix (``SV Ried``, ``Bank Austria``,
  ``West Bromwich Albion``) or an institution's head in any word of an organisation or
  place (``Oberlandesgericht Düsseldorf``, ``Institut für Wärme und Öltechnik``).

The threshold (:data:`THRESHOLD`) was chosen on the development pool only (docs/benchmarks.md
"twelfth round of the guard").  With another NER model selected (``$LAGEBILD_NER``), or when
the BiLSTM cannot be loaded, the rule does nothing.
"""

from __future__ import annotations

import re

from lagebild.enrich import names_rules as _rules
from lagebild.enrich.names_context import run_counts
from lagebild.enrich.names_cues import _article, lone_persons_without_cue

THRESHOLD = 0.7  # dev pool P 0.9271 -> 0.9343; GermEval dev F1 with guard -0.95 (0.6: -0.70)


def _count(text: str, surface: str) -> int:
    """How often *surface* stands in *text* as whole words (at most 2 counted)."""
    if text.count(surface) < 2:  # (cheap: most names are written once)
        return text.count(surface)
    # whole words: no word character (as the regex \w: letters, digits, "_") or hyphen on either
    # side; str.find, not a regex with a look-behind, which tried every position of the text
    n, i, size = 0, text.find(surface), len(surface)
    while i >= 0 and n < 2:
        j = i + size
        if not (i and _wordish(text[i - 1])) and not (j < len(text) and _wordish(text[j])):
            n += 1
            i = text.find(surface, j)
        else:
            i = text.find(surface, i + 1)
    return n


def _wordish(c: str) -> bool:
    return c.isalnum() or c in "_-"


_RUN = re.compile(r"[\w\-]+")


class _Tokens:
    """The article's word tokens, counted once, and the names already counted in it: whether
    a name stands in the article twice is asked for every span (a megabyte article with
    thousands of names scanned the whole text per span: quadratic)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.runs = run_counts(text)  # (the same runs as _RUN finds: one scan per article)
        self.memo: dict[str, bool] = {}

    def twice(self, surface: str) -> bool:
        """Whether *surface* stands in the text twice or more as whole words.  Every such
        occurrence holds each of the surface's word runs as a whole token, so the rarest
        run's count bounds it: the text is scanned only when that bound allows two."""
        got = self.memo.get(surface)
        if got is None:
            own = _RUN.findall(surface)
            got = not (own and min(self.runs.get(r, 0) for r in own) < 2) and _count(self.text, surface) >= 2
            self.memo[surface] = got
        return got


_ACRONYM = re.compile(r"[A-ZÄÖÜ]{2,5}")
_TITLE_WORD = re.compile(r"[A-ZÄÖÜ][^\W\d_]*[a-zäöüßéèáàíóúçğñ][^\W\d_]*")
_MORE_HEADS = ("institut", "museum", "universität", "fakultät", "stiftung", "kasse")


def _supported(text: str, surface: str, label: str, tokens: _Tokens | None = None) -> bool:
    from lagebild.enrich.names_lexicon import _gazetteer_word
    from lagebild.enrich.names_spans import _INSTITUTION_HEADS
    from lagebild.enrich.names_types import _CLUB_PREFIX, _ORG_DESIGNATOR

    words = surface.split()
    tokens = tokens if tokens is not None else _Tokens(text)
    if not words or tokens.twice(surface):
        return True
    if label == "PER" and len(words) >= 2 and tokens.twice(words[-1]):
        return True
    # a person's first name and surname ("Karl Schnell", "Colette M. Schmidt")
    if label == "PER" and len(words) >= 2 and all(
        _TITLE_WORD.fullmatch(w) for w in (words[0], words[-1])
    ):
        return True
    if len(words) == 1 and _ACRONYM.fullmatch(surface):
        return True  # "MSF", "AMS", "UMP": an acronym
    if words[-1] in _ORG_DESIGNATOR or words[0] in _CLUB_PREFIX:
        return True
    heads = (*_INSTITUTION_HEADS, *_MORE_HEADS)
    if label in ("ORG", "LOC") and any(w.lower().rstrip("s").endswith(heads) for w in words):
        return True  # "Oberlandesgericht Düsseldorf", "Institut für Wärme und Öltechnik"
    return _gazetteer_word(surface)


def low_confidence(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """*spans* less the names the BiLSTM doubts at each of their mentions (below
    :data:`THRESHOLD`) that the article does not support otherwise."""
    if not _rules.on("low_confidence") or not spans or not _article(text):
        return spans  # (a sentence alone shows no support: the rule reads whole articles)
    from lagebild.enrich import ner

    try:
        if ner.selected_mode() != "lstm":
            return spans
    except Exception:  # an unknown $LAGEBILD_NER: the NER stage reports it
        return spans
    tokens = _Tokens(text)
    todo = [
        n for n, (a, b, lab) in enumerate(spans) if not _supported(text, text[a:b], lab, tokens)
    ]
    # a one-word person with a sign of a person ("Kowarik (54)", "sagte Brenneis")
    surface = {n: text[spans[n][0] : spans[n][1]] for n in todo}
    lone = {surface[n] for n in todo if spans[n][2] == "PER" and " " not in surface[n]}
    if lone:
        cued = lone - lone_persons_without_cue(text, lone, spans)
        todo = [n for n in todo if not (spans[n][2] == "PER" and surface[n] in cued)]
    if not todo:
        return spans
    from lagebild.enrich.ner_lstm import span_confidence
    from lagebild.errors import ModelError

    try:
        conf = span_confidence(text, [spans[n][:2] for n in todo])
    except (ModelError, OSError):
        return spans
    best: dict[str, float] = {}
    for n, c in zip(todo, conf, strict=True):
        s = text[spans[n][0] : spans[n][1]]
        best[s] = max(best.get(s, 0.0), c)
    low = {s for s, c in best.items() if c < THRESHOLD}
    return [sp for sp in spans if text[sp[0] : sp[1]] not in low]
