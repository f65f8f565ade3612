"""A learned speech-cue scorer for German (issue 11 §2).  Private.

The rules in :func:`lagebild.enrich._quote_syntax._find_cues` know a fixed list of
verbs of saying (:data:`~lagebild.enrich._quote_lex.SPEECH_LEMMAS_DE`).  This module
scores the other words of a sentence as speech cues with a logistic regression over
sparse, hand-named features (the word's lemma, its neighbours, whether a comma and a
``dass``/``ob`` clause, a Konjunktiv or a zu-infinitive follow, a reflexive, a
pronominal adverb, a separated particle, and the lemma crossed with those).  It is
fitted on the cue annotation of SpkAtt-2023 **debates** (GePaDe-SpkAtt, CC BY-SA 4.0)
by ``training/quotes/train_cue_model.py``; the weights are in
``lagebild/models/quotes-de/cue_model.json`` with a model card beside them.

A word whose score reaches the model's threshold becomes a cue that only opens a
complement clause (``dass`` or Konjunktiv, :func:`learned_complement_ok`), and only where
no rule finds a quote in the sentence; the rules' speaker finder says who said it (the
model does not find speakers).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from pathlib import Path

from lagebild.enrich import _quote_lex as lex
from lagebild.enrich._quote_syntax import (
    _AUX,
    _PUNCT,
    _QUOTE_CHARS,
    _clause_end,
    _has_konj,
    _has_zu_infinitive,
    _Tok,
)

# switched off by evaluation scripts to measure the rules alone
ENABLED = True

MODEL_PATH = Path(
    str(resources.files("lagebild").joinpath("models", "quotes-de", "cue_model.json"))
)

# words that are never a cue of their own (function words, auxiliaries)
_NEVER = (
    lex.DETERMINERS
    | lex.PREPOSITIONS
    | lex.PRONOUNS_DE
    | _AUX
    | lex.SUBORD_COMPLEMENT
    | frozenset(
        "und oder aber sowie sich auch nicht noch nur schon sehr dass denn weil wenn als wie "
        "sein seine seiner seinen seinem ihre ihrer ihren ihrem ihr sind wurden worden "
        "können kann könnte müssen muss sollen wollen will möchte dürfen darf hier dort "
        "heute gestern morgen jetzt dann damit dabei dazu daher deshalb zudem jedoch bereits "
        "mehr viele vielen einer eines einem einen eine ein keine kein alle allen diese "
        "dieser diesen diesem dieses wird werden hatte haben hat ist war waren".split()
    )
)
# lemmas that other rules read ("…, heißt es in X", "gab … bekannt", "zeigte sich überzeugt",
# "Aus X war zu hören, …"), and knowing, which reports nothing ("Wir wissen, dass …": the
# debates annotate it, in 10kGNAD it was the most frequent new cue, mostly in interviews)
_OWN_RULES = frozenset("heißen bekannt zeigen hören wissen".split())
_PRON_ADV = frozenset(
    "darauf darüber davon daran dafür dagegen damit dazu darum darin dabei hierzu "
    "hierüber hierauf".split()
)
_COMPLEMENT_OPENERS = frozenset("dass ob wie wonach warum weshalb wer was wo".split())


def candidate(toks: list[_Tok], i: int, lem: str) -> bool:
    """Is the word at ``i`` (lemma ``lem``) scored at all?"""
    t = toks[i]
    if not t.text[0].isalpha() or len(t.low) < 3 or (t.cap and i > 0):
        return False
    return t.low not in _NEVER and lem not in lex.SPEECH_LEMMAS_DE and lem not in _OWN_RULES


def _nb(t: _Tok | None) -> str:
    if t is None:
        return "<s>"
    if t.text in _PUNCT or t.text in _QUOTE_CHARS:
        return t.text
    if t.low in _NEVER or t.low in _PRON_ADV:
        return t.low
    return "Cap" if t.cap else "w"


def features(toks: list[_Tok], i: int, lem: str) -> list[str]:
    """The named features of the word at ``i`` (lemma ``lem``)."""
    n = len(toks)
    t = toks[i]
    f = ["bias", "l=" + lem, "suf=" + t.low[-3:]]
    prev = toks[i - 1] if i else None
    f.append("p1=" + _nb(prev))
    f.append("n1=" + _nb(toks[i + 1] if i + 1 < n else None))
    if i == 0:
        f.append("first")
    if t.low.startswith("ge") or t.low.endswith("iert"):
        f.append("ptcp")
    ce = _clause_end(toks, i + 1)
    ctx: list[str] = []
    if ce - 1 > i and toks[ce - 1].low in lex.PARTICLES_DE:
        f.append("pl=" + toks[ce - 1].low + lem)
        ctx.append("part")
    if any(toks[k].low == "sich" for k in range(max(0, i - 4), min(n, i + 4))):
        ctx.append("refl")
    pa = next((toks[k].low for k in range(i + 1, min(n, i + 5)) if toks[k].low in _PRON_ADV), None)
    if pa is not None:
        ctx.append("pa")
        f.append("pa=" + pa)
    if i + 1 < n and toks[i + 1].low == "es":
        ctx.append("es")
    if prev is not None and prev.text == ",":
        ctx.append("after_comma")
        if _has_konj(toks[max(0, i - 12) : i]):
            ctx.append("konj_before")
    if ce < n and toks[ce].text in ",:":
        ctx.append("comma")
        rest = toks[ce + 1 : min(n, ce + 14)]
        if rest and rest[0].low in _COMPLEMENT_OPENERS:
            ctx.append("comp=" + rest[0].low)
        elif rest and _has_konj(rest):
            ctx.append("comp_konj")
        elif rest and _has_zu_infinitive(rest):
            ctx.append("comp_zu")
        if toks[ce].text == ":":
            ctx.append("colon")
    for c in ctx:
        f.append(c)
        f.append("l=" + lem + "|" + c)
    return f


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], float] | None:
    if not MODEL_PATH.exists():
        return None
    m = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    thr = float(m["threshold"])
    # compare the linear score with the threshold's logit: no exp per word
    return {str(k): float(v) for k, v in m["weights"].items()}, math.log(thr / (1.0 - thr))


def learned_cues(toks: list[_Tok], maybe: list) -> list:
    """The cues among ``maybe`` (``(_Cue, the word's own lemma)`` pairs: the words of a
    sentence that are not listed cues) that the model scores at or above its threshold.
    A particle verb's cue carries the full lemma (``annehmen``), its features the word's
    own (``nehmen``) and the particle."""
    m = _model()
    if m is None:
        return []
    # a learned cue only opens a "dass" clause or a Konjunktiv clause after a comma
    # (quotes.py): without both in the sentence no word needs scoring
    commas = [k for k, t in enumerate(toks) if t.text in ",:"]
    if not commas:
        return []
    after = toks[commas[0] : commas[-1] + 14]  # the clause a complement can start in
    if not (any(t.low == "dass" for t in after) or _has_konj(after)):
        return []
    last = commas[-1]
    w, logit = m
    out = []
    for c, lem in maybe:
        if c.i >= last or not candidate(toks, c.i, lem) or c.lemma in lex.SPEECH_LEMMAS_DE:
            continue
        if c.lemma.startswith("heraus") or toks[_clause_end(toks, c.i + 1) - 1].low == "heraus":
            continue  # "fanden heraus, dass …": a finding, not a statement
        if sum(w.get(x, 0.0) for x in features(toks, c.i, lem)) >= logit:
            out.append(c)
    return out


# a clause that opens with one of these is subordinate: its verb reports nothing itself
_SUBORDINATE_OPENERS = frozenset(
    "der die das dem den deren dessen denen welche welcher welches weil da wenn falls ob "
    "dass als nachdem obwohl während bevor sobald seit seitdem indem wie wo womit wodurch "
    "damit um".split()
)
# words that do not open a speaker noun phrase, or show that a clause was taken for one
_NOT_IN_SPEAKER = frozenset(
    "zwar spätestens frühestens man wird wurde wollen will wollte wollten scheinen scheint "
    "schienen kann können konnte konnten muss müssen soll sollen zu".split()
)


_PASSIVE = frozenset("werden wird wurde wurden worden".split())
_NOT_REPORT_CORRELATES = frozenset(
    "dadurch damit darin dabei deshalb deswegen daher so dermaßen derart sodass".split()
)
_RELATIVE = frozenset("der die das den dem denen dessen deren welche welcher welches".split())


def learned_complement_ok(toks: list[_Tok], cue_i: int, comma: int, spk) -> bool:
    """May a learned cue at ``cue_i`` report the clause after the comma at ``comma``
    with the speaker span ``spk`` (token indices or None)?

    The cue's clause must be a main clause (not opened by a relative pronoun or a
    subordinating word), the comma must close it within six words (``hält es für
    unwahrscheinlich, dass``; not ``erzählen so unterschiedliche Versionen, dass``), and
    the speaker must be a noun phrase (not an adverb, not a stretch holding a modal or
    ``man``: ``Zwar``, ``Zwei Beobachter wollen``).
    """
    k = cue_i - 1
    while k >= 0 and toks[k].text not in _PUNCT and toks[k].text not in "–-":
        k -= 1
    if k >= 0 and k + 1 < cue_i and toks[k + 1].low in _SUBORDINATE_OPENERS:
        return False
    if comma - cue_i > 6:
        return False
    if cue_i + 1 < len(toks) and toks[cue_i + 1].low in _PASSIVE:
        return False  # "kann X nicht gerade bezeichnet werden": the subject said nothing
    if toks[comma - 1].low in _NOT_REPORT_CORRELATES:
        return False  # "dadurch, dass …", "so unterschiedlich, dass …": a means or a result
    if (
        comma + 2 < len(toks)
        and toks[comma + 1].low in _RELATIVE
        and not toks[comma + 2].cap
    ):
        # a pronoun, not an article before its noun: "…, die die Angeklagte hätten
        # entlasten können", "…, den würde heute niemand verstehen"
        return False
    if spk is not None:
        words = toks[spk[0] : spk[1]]
        if not words or words[0].low in lex.ADVERBS or any(
            t.low in _NOT_IN_SPEAKER or t.text in "–-" for t in words
        ):
            return False
    return True
