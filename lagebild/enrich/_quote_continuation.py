"""Free indirect continuation (end of step 5 of :func:`lagebild.enrich.quotes.find_quotes`).

"X sagte, … . Die Lage sei ernst.": a Konjunktiv sentence right after a quote, or a clear
Konjunktiv I up to three sentences after a quote or speech cue, is reported speech of the same
speaker; a sentence with a source of its own or a conditional ("wenn … würde") is not.  A
Konjunktiv main clause right after a quote with a cue is a chain (:mod:`._quote_chains`).  Private.
"""

from __future__ import annotations

from collections.abc import Callable

from lagebild.enrich._quote_chains import (
    CHAIN,
    chain_quotations,
    chains_on,
    main_clause_konjunktiv,
)
from lagebild.enrich._quote_phrases import _speaker_for_cue
from lagebild.enrich._quote_rules import _content_trim, _tokspan
from lagebild.enrich._quote_syntax import _Cue, _Sent, _has_konj, _has_konj1, _reportive_sollen
from lagebild.model import Quote


def _free_indirect(
    text: str,
    sents: list[_Sent],
    quotes: list[Quote],
    cue_map: dict[int, list[_Cue]],
    sent_at: Callable[[int], int],
    inside_direct: Callable[[int], bool],
    lang: str = "de",
) -> list[Quote]:
    """Free indirect continuation: a Konjunktiv sentence after a quote (or a speech
    cue up to three sentences back) is reported speech of the same speaker.

    Returns the new quotes; of ``quotes`` (direct and indirect so far) only a German
    quotation without a speaker inside a chained sentence changes (it gets the chain's
    speaker, :func:`chain_quotations`).
    """
    by_sent: dict[int, Quote] = {}
    for q in quotes:
        by_sent[sent_at(q.end - 1 if q.end > q.start else q.start)] = q
    taken = {sent_at(q.start) for q in quotes} | set(by_sent)
    extra = []
    for s in sents:
        if s.idx in taken or s.idx == 0:
            continue
        if not s.toks or any(inside_direct(t.start) for t in s.toks[:1]):
            continue
        if any(
            _speaker_for_cue(s.toks, c, 0) is not None and s.toks[c.i - 1].low != "zu"
            for c in cue_map[s.idx]
            if c.i > 0
        ) or any(t.low in ("laut", "zufolge", "according") for t in s.toks):
            continue  # a source of its own ("…, sagte O'Keefe"), even when no quote was found
        prev_q = by_sent.get(s.idx - 1)
        if prev_q is not None and prev_q.kind == "direct" and prev_q.speaker_start is None:
            continue
        cont = "konjunktiv_continuation"
        # hearsay "soll … haben" marks reported speech as a Konjunktiv I does
        reportive = _reportive_sollen(s.toks)
        if prev_q is not None:
            if not reportive and not _has_konj(s.toks):
                continue
            if not reportive and not _has_konj1(s.toks):
                cont = "konjunktiv2_continuation"
            elif prev_q.kind == "direct":
                cont = "konjunktiv_after_direct"
            if (
                cont != "konjunktiv2_continuation"
                and chains_on(prev_q, text)
                and main_clause_konjunktiv(s.toks)
                and not text.count("\n", prev_q.end, s.start)
            ):
                cont = CHAIN  # "… sagte, … . Dies sei nachzuweisen.": the report goes on
        else:
            cont = "konjunktiv_distant"
            # two or three sentences back: only a clear Konjunktiv I carries over,
            # from the nearest quote or speech cue (that found no complement)
            if not (_has_konj1(s.toks) or reportive):
                continue  # hearsay "soll … haben" too: a plan has no perfect infinitive
            for back in (1, 2, 3):
                b = s.idx - back
                if b < 0 or text.count("\n", sents[b].end, s.start):
                    break
                if b in by_sent:
                    prev_q = by_sent[b]
                    break
                cs_ = [c for c in cue_map[b] if not c.en]
                if cs_:
                    spk_ = _tokspan(sents[b].toks, _speaker_for_cue(sents[b].toks, cs_[0], 0))
                    if spk_ is not None:
                        prev_q = Quote(
                            text="",
                            start=0,
                            end=0,
                            kind="indirect",
                            speaker_start=spk_[0],
                            speaker_end=spk_[1],
                            speaker_text=text[spk_[0] : spk_[1]],
                        )
                    break
            if prev_q is None or prev_q.speaker_start is None:
                continue
        # a Konjunktiv II conditional ("wenn … würde") is no report
        if s.toks[0].low in ("wenn", "falls", "sollte"):
            continue
        a, b = _content_trim(text, s.start, s.end)
        q = Quote(
            text=text[a:b],
            start=a,
            end=b,
            kind="indirect",
            cue=None,
            speaker_text=prev_q.speaker_text,
            speaker_start=prev_q.speaker_start,
            speaker_end=prev_q.speaker_end,
            evidence=cont if prev_q.speaker_start is not None else "",
        )
        extra.append(q)
        by_sent[s.idx] = q
    if lang == "de":
        chain_quotations(text, sents, [*quotes, *extra], sent_at)
    return extra
