"""The whole noun phrase of a German source phrase (issue 11 §2).  Private.

``Nach Meinung von Mike Brown, Professor am California Institute of Technology, könnte
…``, ``Nach Angaben des Multilateralen Investitionsfonds (MIF) der Interamerikanischen
Entwicklungsbank (IADB) sandten …``: the source named after ``nach Angaben/Meinung/…``
goes on past a bracketed short form, a genitive and an apposition set off by commas;
SpkAtt-2023 marks all of it as the Source, and a reader wants all of it as the speaker.
"""

from __future__ import annotations

from collections.abc import Callable

from lagebild.enrich import _quote_lex as lex
from lagebild.enrich._quote_phrases import _adj_like, _np_forward
from lagebild.enrich._quote_syntax import _Tok

# words an apposition after a source's name can open with ("einem ehemaligen Minister")
_APPOSITION_FIRST = frozenset("ein eine einer eines einem der die des dem".split())


def source_np_extend(
    toks: list[_Tok], np: tuple[int, int], clause_like: Callable[[list[_Tok]], bool]
) -> tuple[tuple[int, int], int]:
    """``np`` (token span of the source's noun phrase) with a bracketed short form, a
    genitive after it and one apposition in commas that a lower-case word (the clause's
    verb or a relative pronoun) follows; ``clause_like`` says whether a stretch holds a
    verb (then it is a clause, not an apposition).  Also where the reported content can
    start: after the phrase, its comma and a relative clause on the source (``Nach
    Angaben der Polizei, die am Montag eintraf, wurden …``)."""
    np = _extend(toks, np, clause_like)
    n = len(toks)
    e = np[1]
    if e < n and toks[e].text == ",":
        e += 1
        if e < n and toks[e].low in _RELATIVE:
            c2 = next((k for k in range(e + 1, min(e + 16, n)) if toks[k].text in ",;:"), None)
            if c2 is not None and toks[c2].text == "," and c2 + 2 < n:
                e = c2 + 1
    return np, e


_RELATIVE = frozenset("der die das dem den denen deren dessen welche welcher welches".split())


def _extend(
    toks: list[_Tok], np: tuple[int, int], clause_like: Callable[[list[_Tok]], bool]
) -> tuple[int, int]:
    n = len(toks)
    e = np[1]
    for _ in range(4):
        if e < n and toks[e].text == "(":
            close = next((k for k in range(e + 1, min(e + 6, n)) if toks[k].text == ")"), None)
            if close is not None and all(t.text not in ",;:(" for t in toks[e + 1 : close]):
                e = close + 1
                continue
        if e + 1 < n and toks[e].low in ("der", "des") and (
            toks[e + 1].cap or _adj_like(toks[e + 1])
        ):
            g = _np_forward(toks, e, n)
            if g is not None and g[1] > e + 1:
                e = g[1]
                continue
        break
    if e + 2 < n and toks[e].text == ",":
        first = toks[e + 1]
        c2 = next((k for k in range(e + 1, min(e + 16, n)) if toks[k].text in ",;:()"), None)
        if (
            c2 is not None
            and c2 > e + 1
            and toks[c2].text == ","
            and c2 + 1 < n
            and toks[c2 + 1].text[:1].islower()
            and (
                (first.cap and first.low not in lex.NP_STOP)
                # "einem ehemaligen Minister", "der frühere Leiter": not a relative
                # pronoun ("der Polizei, die am Montag …")
                or first.low in _APPOSITION_FIRST
                and _adj_like(toks[e + 2])
                and e + 3 < c2
                and toks[e + 3].cap
            )
            and not clause_like([t for t in toks[e + 1 : c2] if not _adj_like(t)])
        ):
            e = c2
    return (np[0], e)
