"""English clause tests and subject phrases for :mod:`lagebild.enrich._quote_phrases`.

``_en_clause`` (is a complement a clause, ``the deal was bad``, or an object, ``a new
plan``?), the subject before an English verb (``_np_backward_en``) and a subject set off
from its verb by an inserted phrase (``_np_before_comma_en``).  Private.
"""

from __future__ import annotations

from collections.abc import Sequence

from lagebild.enrich import _quote_lex as lex
from lagebild.enrich._quote_syntax import _PUNCT, _QUOTE_CHARS, _Tok


_EN_FINITE = frozenset(
    "is are was were will would can could should may might must has have had does did do "
    "won't can't isn't wasn't aren't weren't doesn't didn't don't wouldn't couldn't "
    "shouldn't".split()
)
_EN_SUBJECT = frozenset("he she they it we i you there this these those".split())
_EN_PARTICIPLE_AUX = frozenset("has have had was were is are be been being".split())


def _en_clause(comp: Sequence[_Tok]) -> bool:
    """Does an English complement look like a clause ("the deal was bad",
    "he would go") rather than an object ("a new plan")?"""
    if not comp:
        return False
    if comp[0].low in _EN_SUBJECT or comp[0].low in lex.SUBORD_COMPLEMENT_EN:
        return True
    for k in range(1, min(len(comp), 9)):
        t = comp[k]
        if t.text in _PUNCT or t.text in _QUOTE_CHARS:
            break
        if t.low in _EN_FINITE:
            return True
        if (
            t.low.endswith("ed")
            and not t.cap
            and comp[k - 1].low not in lex.DETERMINERS
            and comp[k - 1].low not in _EN_PARTICIPLE_AUX
        ):
            return True
    return False


_EN_NP_TRAIL = frozenset(
    "also later previously recently then again repeatedly publicly privately reportedly "
    "once often has have had has had never always still just already further".split()
)


_EN_SUBORD = frozenset(
    "if when while as because although though since unless until once whenever wherever".split()
)


def _np_backward_en(toks: list[_Tok], s: int, verb: int) -> tuple[int, int] | None:
    i = s
    while i < verb and (toks[i].text in _QUOTE_CHARS or toks[i].text in ",-–"):
        i += 1
    if i >= verb:
        return None
    # take the last noun phrase before the verb, after any comma
    j = verb - 1
    while j >= i and toks[j].text not in _PUNCT and toks[j].text not in _QUOTE_CHARS:
        j -= 1
    seg_start = j + 1
    if seg_start >= verb:
        return None
    end = verb
    while end > seg_start and toks[end - 1].low in _EN_NP_TRAIL:
        end -= 1  # "The senator later told"
    while seg_start < end and toks[seg_start].low in ("and", "but", "so", "that", "which", "who"):
        seg_start += 1
    if seg_start >= end:
        return None
    if (
        toks[seg_start].low in lex.PREPOSITIONS
        or toks[seg_start].low in lex.NOT_SPEECH_COMPLEMENT_EN
        or toks[seg_start].low in _EN_SUBORD
    ):
        return None  # "When an NBC reporter asked": a subordinate clause, not the subject
    if end - seg_start > 8:
        return None
    return (seg_start, end)


def _np_before_comma_en(toks: list[_Tok], s0: int, verb: int) -> tuple[int, int] | None:
    """Subject set off from its verb by an inserted phrase: "Sanders,
    speaking in Iowa, said" → "Sanders"; "One hopeful, Carly Fiorina, says"
    → the phrase with its name apposition."""
    segs: list[tuple[int, int]] = []
    a = s0
    while a < verb and toks[a].text in _QUOTE_CHARS:
        a += 1
    for k in range(a, verb):
        if toks[k].text == ",":
            segs.append((a, k))
            a = k + 1
    segs.append((a, verb))
    for n_, (x, y) in enumerate(segs):
        if y <= x or y - x > 8:
            continue
        first = toks[x].low
        if (
            first in lex.PREPOSITIONS
            or first in lex.NOT_SPEECH_COMPLEMENT_EN
            or first in _EN_SUBJECT - {"he", "she", "they", "we", "i"}
        ):
            continue
        if not (toks[x].cap or first in lex.DETERMINERS or first in lex.PRONOUNS_EN):
            return None
        if any(t.low in _EN_FINITE or t.low in lex.SPEECH_VERBS_EN for t in toks[x:y]):
            return None
        end = y
        if n_ + 1 < len(segs):
            x2, y2 = segs[n_ + 1]
            if 0 < y2 - x2 <= 4 and all(t.cap for t in toks[x2:y2]):
                end = y2  # name apposition
        return (x, end)
    return None


# an opening adverbial set off by a comma: "Later in the day, she …", "Recently, Tom …"
_EN_OPENERS = frozenset(
    """later earlier recently still yet meanwhile then now instead also again moreover
    however afterward afterwards today yesterday but and so""".split()
)
_EN_NOUN_CUES = frozenset("reports claims notes".split())
_EN_NOUN_BEFORE = frozenset(
    """the a an his her its their our these those such recent news media press earlier
    new unconfirmed""".split()
)


def _en_noun_cue(toks: Sequence[_Tok], i: int) -> bool:
    """``reports``/``claims``/``notes`` after an article or preposition are nouns
    (``referring to reports that …``, ``his claims that …``), not a speaker's verb."""
    return (
        toks[i].low in _EN_NOUN_CUES
        and i > 0
        and (toks[i - 1].low in _EN_NOUN_BEFORE or toks[i - 1].low in lex.NOT_SPEECH_COMPLEMENT_EN)
    )


def _en_nonfinite_cue(toks: Sequence[_Tok], i: int) -> bool:
    """A cue that has no subject of its own: a gerund (``…, saying the heist is key``)
    or an infinitive (``stood at a Bush event here to say …``)."""
    return toks[i].low.endswith("ing") or (i > 0 and toks[i - 1].low == "to")


def _en_main_subject(
    toks: Sequence[_Tok], i: int, found: tuple[int, int] | None
) -> tuple[int, int] | None:
    """The subject of the sentence's main clause, for a cue without one of its own
    (:func:`_en_nonfinite_cue`): a pronoun or a noun phrase at the start, after an
    opening adverbial set off by a comma (``Later in the day, she escalated …,
    criticizing …``), followed by a comma (an apposition), a bracket or a lower-case
    verb.  ``found`` (the phrase the verb rules found) is kept when it starts there.
    None when the sentence opens otherwise (``And suffice it to say, …``)."""
    k = 0
    while k < i and (toks[k].text in _QUOTE_CHARS or toks[k].low in ("and", "but", "so")):
        k += 1
    if k < i and (toks[k].low in _EN_OPENERS or toks[k].low in lex.PREPOSITIONS):
        c = next((m for m in range(k + 1, min(i, k + 9)) if toks[m].text == ","), None)
        if c is None:
            return None
        k = c + 1
    if k >= i:
        return None
    if found is not None and found[0] == k and found[1] < i:
        return found
    if toks[k].low in lex.PRONOUNS_EN:
        return (k, k + 1)
    if toks[k].cap and toks[k].low not in lex.DETERMINERS:
        # a name: capitalised words, with "of"/"and" before another capitalised word
        e = k + 1
        while e < i and (
            toks[e].cap
            or (toks[e].text == "." and toks[e - 1].cap and len(toks[e - 1].text) <= 4)
            or (toks[e].low in ("of", "and", "-") and e + 1 < i and toks[e + 1].cap)
        ):
            e += 1
    elif toks[k].low in lex.DETERMINERS:
        # "The French minister of environment and energy, …": up to a comma or a verb
        e = k + 1
        while e < i and e - k < 9 and toks[e].text not in _PUNCT and toks[e].low not in _EN_FINITE:
            if toks[e].low.endswith("ed") and not toks[e].cap and e > k + 1:
                break
            e += 1
    else:
        return None
    if e >= i:
        return None
    nxt = toks[e]
    if nxt.text in ",(" or (nxt.text[:1].islower() and nxt.low not in lex.PREPOSITIONS):
        return (k, e)
    return None
