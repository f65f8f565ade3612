"""Direct speech after a colon without quotation marks (issue 11 §2).  Private.

``Mena mahnte: Die Gewässer sind nicht sicher.``, ``Jaalon verteidigte die Einsatzregeln:
Wir werden kein schießwütiges Verhalten zulassen.``: feeds that drop quotation marks (the
DER STANDARD articles of 10kGNAD do, ``bench/quotes_news_sample.py``) leave the speech after
the colon unmarked.  A cue verb before the colon with a speaker, and a main clause after it,
make the clause the quote (rule ``intro_colon``, as with quotation marks).
"""

from __future__ import annotations

from lagebild.enrich import _quote_lex as lex
from lagebild.enrich._quote_phrases import _speaker_for_cue
from lagebild.enrich._quote_rules import _clause_like, _content_trim, _make, _tokspan
from lagebild.enrich._quote_syntax import _QUOTE_CHARS, _Cue, _Sent
from lagebild.model import Quote

#: on (the switch measures the rule's effect)
COLON = True
# verbs of saying that introduce speech after a colon (not "kündigte … an:", whose list
# of what comes SpkAtt does not mark as speech)
_COLON_CUES = lex.SAY_CORE_DE | frozenset(
    "meinen mahnen warnen schreiben fordern appellieren antworten entgegnen zitieren "
    "resümieren bilanzieren".split()
)
# words that open a clause after the colon without being its subject's article
_NOT_CLAUSE_START = frozenset("und oder aber sowie etwa zum beispiel".split())


def colon_quote(text: str, s: _Sent, cues: list[_Cue], inside_direct) -> Quote | None:
    """The clause after the colon of ``s`` when a cue with a speaker stands before it and
    the sentence has no quotation marks; else None."""
    if not COLON:
        return None
    toks = s.toks
    n = len(toks)
    colon = next((k for k, t in enumerate(toks) if t.text == ":"), None)
    if colon is None or colon < 2 or n - colon < 5:
        return None
    if any(t.text in _QUOTE_CHARS for t in toks) or inside_direct(toks[colon].start):
        return None
    after = toks[colon + 1 :]
    if not after[0].cap or after[0].low in _NOT_CLAUSE_START or not _clause_like(after[1:]):
        return None
    before = [c for c in cues if c.i < colon and not c.en and not c.learned]
    if not before or any(c.i > colon for c in cues) or before[-1].lemma not in _COLON_CUES:
        return None  # "…, geäußert: Figeľ bekräftigte …": the clause is a report of its own
    c = before[-1]
    spk = _speaker_for_cue(toks, c, 0)
    if spk is None or spk[1] > colon:
        return None
    k = spk[0]
    if toks[k].low in lex.PREPOSITIONS or (k > 0 and toks[k - 1].low in lex.PREPOSITIONS) or (
        k > 1 and toks[k - 1].low in lex.DETERMINERS and toks[k - 2].low in lex.PREPOSITIONS
    ):
        return None  # "Aufgrund des Störfalls …", "zu den Plänen der Regierung geäußert:"
    a, b = _content_trim(text, toks[colon + 1].start, s.end)
    if b - a < 15:
        return None
    return _make(text, a, b, "indirect", c.lemma, _tokspan(toks, spk), "intro_colon")
