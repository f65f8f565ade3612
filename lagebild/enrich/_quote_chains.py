"""Quote chains: reported speech carried on in the main clause of the next sentence.

``Der Staatsanwalt sagte, der Sohn habe sich stranguliert. Dies sei eindeutig nachzuweisen
gewesen.``: a sentence right after a quote, in the same paragraph, whose *main clause* is in
the Konjunktiv I (or carries hearsay ``soll … haben``) goes on with the report of the quote
before it (evidence ``konjunktiv_chain``).  A Konjunktiv only inside a subordinate clause
(``Er griff den Tenor der Medien auf, in denen es heißt, dass … sei``, ``Sprecher X ist der
Meinung, dass … werde``) belongs to a new report with a source of its own and stays an
ordinary continuation.  A chain is as sure as the quote it hangs on
(:func:`cap_chain_confidence`).  Private to :mod:`lagebild.enrich.quotes`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from lagebild.enrich import _quote_lex as lex
from lagebild.enrich._quote_syntax import _KONJ2, _is_konj, _Sent, _Tok
from lagebild.model import Quote

#: the chain rule is on (training/quotes/calibrate_speakers.py switches it off: the
#: debates table scores the continuations as they are without it)
ENABLED = True
#: the evidence of a chained continuation
CHAIN = "konjunktiv_chain"
#: its confidence when the quote it hangs on is at least as sure.  Not from the debates
#: (they leave cue-less Konjunktiv sentences unannotated, so training/quotes/
#: calibrate_speakers.py puts every carried rule below the threshold): on the 120
#: development articles of SpkAtt-2023 news dev (training/quotes/news_dev_split.py, measure
#: only) 19 of 20 chained speakers were right (the wrong one a bare "er"), against 13 of 32
#: for the other carried rules (train300: 36 of 40); set just above the threshold, below
#: the rules with a cue of their own.
CHAIN_CONFIDENCE = 0.91
#: a chain whose speaker is a pronoun (``Sie sagte, … . Sie seien …``) carries a speaker that
#: was itself only resolved, twice removed from its name: it gets the loose value (below the
#: threshold: kept, shown as uncertain).  Stop 34 task C4 (bench/quotes_news_evidence.py):
#: right 3 of 4 on the judged 10kGNAD news, 0 of 1 on SpkAtt news dev120, 2 of 3 on train300.
_UNSURE_FORMS = frozenset(("pronoun",))
#: evidence of quotes whose speaker was carried over without a cue of their own; a chain
#: hangs only on a quote with a cue (or on a chain)
_LOOSE = frozenset(
    (
        "continuation",
        "konjunktiv_continuation",
        "konjunktiv2_continuation",
        "konjunktiv_distant",
        "konjunktiv_after_direct",
    )
)
# punctuation that closes a clause
_CLAUSE_END = frozenset(",;:–-—")
# words that open a subordinate clause at the start of a sentence ("Was die Einwohner
# wollten, sei …", "Ob … , sei offen")
_SUBORD_OPENERS = lex.SUBORD_COMPLEMENT | frozenset("obwohl weil da nachdem während um".split())


def main_clause_konjunktiv(
    toks: Sequence[_Tok], before: int | None = None, *, only_i: bool = False
) -> bool:
    """Is the first Konjunktiv (or hearsay ``soll``/``sollen``) the main clause's verb?

    True when it comes before the first comma or dash, or right after a subordinate
    clause that opens the sentence (``Was … wollten, sei …``); with ``before``, only a
    Konjunktiv that starts before that offset counts (the words outside a quotation);
    with ``only_i``, only a Konjunktiv I (``sei``, not ``würden``).
    """
    prev = None
    first = None
    for k, t in enumerate(toks):
        if before is not None and t.start >= before:
            break
        if only_i and t.low in _KONJ2:
            prev = t
            continue
        if _is_konj(t, prev) or t.low in ("soll", "sollen"):
            first = k
            break
        prev = t
    if first is None:
        return False
    stop = next((k for k, t in enumerate(toks) if t.text in _CLAUSE_END), len(toks))
    if first < stop:
        return True
    return bool(toks) and toks[0].low in _SUBORD_OPENERS and first == stop + 1


# a source phrase cited inside another speaker's clause: "Lölkes zitierte Schätzungen von
# Marktforschern, wonach …" (what follows in the Konjunktiv is the citing speaker's again)
_CITED = re.compile(r",\s*wonach\s*$")


def chains_on(prev: Quote, text: str = "") -> bool:
    """Can a chain hang on ``prev`` (a quote with a speaker found by a cue, or a chain)?

    Not on a source that a clause cites with ``wonach`` (given ``text``): the next sentence
    in the Konjunktiv goes on with the citing speaker's report, not with the source's
    (``Lölkes zitierte Schätzungen von Marktforschern, wonach … . Wegen der … Preise nehme
    die Nutzung zu``)."""
    if not ENABLED or prev.speaker_start is None or prev.evidence in _LOOSE:
        return False
    return not (
        text
        and prev.evidence.startswith("source_zufolge")
        and prev.speaker_end is not None
        and prev.speaker_end <= prev.start
        and _CITED.search(text, prev.speaker_end, prev.start)
    )


def chain_confidence(quotes: Sequence[Quote], loose: float) -> None:
    """Set the confidence of each chain, in place: :data:`CHAIN_CONFIDENCE`, but no more
    than the quote it hangs on.

    ``quotes`` are scored and sorted by start; the anchor of a chain is the nearest quote
    before it with the same speaker span and a cue of its own.  Without one, or when its
    speaker is a pronoun, the chain gets ``loose`` (the value of an ordinary continuation).
    """
    anchors: dict[tuple[int | None, int | None], float] = {}
    for q in quotes:
        span = (q.speaker_start, q.speaker_end)
        rule, _, form = q.evidence.partition("/")
        if rule == CHAIN:
            sure = loose if form in _UNSURE_FORMS else CHAIN_CONFIDENCE
            q.confidence = min(sure, anchors.get(span, loose))
        elif q.speaker_start is not None and rule not in _LOOSE:
            anchors[span] = q.confidence


def chain_quotations(
    text: str, sents: Sequence[_Sent], quotes: Sequence[Quote], sent_at: Callable[[int], int]
) -> None:
    """Give a quotation without a speaker inside a chained sentence its chain's speaker.

    ``Von der Leyen betonte, … . Sie seien „so gut wie jeder andere geeignet“.``: the
    sentence's main clause is in the Konjunktiv I before the quotation opens and the sentence
    before holds a quote a chain can hang on (same paragraph), so the quotation goes on
    with that report.  In place; German only (the caller's concern).
    """
    last: dict[int, Quote] = {}
    for q in sorted(quotes, key=lambda q: q.end):
        last[sent_at(q.end - 1 if q.end > q.start else q.start)] = q
    for q in quotes:
        if q.kind != "direct" or q.speaker_start is not None:
            continue
        i = sent_at(q.start)
        prev = last.get(i - 1)
        s = sents[i]
        if (
            prev is None
            or not chains_on(prev, text)
            or text.count("\n", prev.end, s.start)
            or not main_clause_konjunktiv(s.toks, before=q.start - 1, only_i=True)
        ):
            continue
        q.speaker_text, q.speaker_start, q.speaker_end = (
            prev.speaker_text,
            prev.speaker_start,
            prev.speaker_end,
        )
        q.evidence = CHAIN
