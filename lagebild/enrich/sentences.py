"""Sentence segmentation for cleaned German (and English) news text.

:func:`split_sentences` returns ``(start, end)`` character offsets into the
text.  It is rule-based and fast (one regex pass per paragraph):

1. A paragraph (text between ``"\\n"``) never continues into the next one, and
   a paragraph always ends a sentence, so a line without final punctuation
   (headline, dateline-only line, machine translation that lost its full stop)
   is a sentence of its own.
2. A candidate boundary is a run of ``. ! ? …`` plus any closing quote marks
   or brackets, followed by white space.  It is accepted only when the next
   character could open a sentence: an upper-case letter, a digit, an
   opening quote or bracket, a dash.
3. A stray quote mark that machine translation left after a closing one
   (``… zu sein.“ „ sagte Rapp-Hooper``, ``… geben.“ „, stellten sie fest``)
   is skipped when looking at what follows, so the attribution tail stays
   with the quote's last sentence.
4. A full stop after an abbreviation (``Dr.``, ``Nr.``, ``z. B.``, ``u.a.``,
   ``U.S.``, single-letter initials ``J. Biden``) or after an ordinal number
   that precedes a month or a typical counted noun (``24. Juni``,
   ``3. Oktober``, ``20. Jahrhundert``) does not end a sentence.
5. Colons never end a sentence, so a dateline (``SEOUL:``) stays with the
   first sentence of its paragraph.
"""

from __future__ import annotations

import functools
import re

__all__ = ["split_sentences"]

# Abbreviations (without the final dot, compared case-sensitively first and
# then lower-cased) after which a full stop does not end a sentence.
_ABBREV = frozenset(
    """
    abb abg abs abt adm allg anm art aufl bd bde bearb bes betr bspw bzgl bzw
    ca chr co corp dipl dr dt ebd eig engl erg evtl exkl fa fam ff frl gebr
    gegr gem ggf ggü gr hbf hl hr hrsg inc inkl insb jh jhd jr kath kl kap
    lt ltd max med mind mio mr mrs ms mrd nachf nr nrn od o.ä orig pkt pl
    prof rd rel sen sr st std str tel univ urspr usf vgl vs vors zb zzgl
    zit ziff zt
    gen gov rep capt col sgt maj lt no mt ft ave
    jan feb mär apr jun jul aug sep sept okt nov dez oct dec
    """.split()
)
# Abbreviations that may also end a sentence: only kept when the next word
# is lower case (which never splits anyway), listed for documentation.
_WEAK_ABBREV = frozenset({"usw", "etc", "u", "a", "ä"})
# Abbreviations that are also words a sentence ends with ("… dieser Art. Offiziell …",
# "… sagte Max. Er …", "… said no. The …"): abbreviations only before a number ("Art. 5
# GG", "max. 30 Tage", "No. 10"); before a lower-case word nothing splits anyway.
_WORD_ABBREV = frozenset({"art", "max", "mind", "eig", "bes", "rel", "kap", "fam", "erg", "no"})

_MONTHS = frozenset(
    """
    januar jänner februar märz april mai juni juli august september oktober
    november dezember jan feb mär apr jun jul aug sep sept okt nov dez
    januars februars märzes aprils mais junis julis augusts septembers oktobers
    novembers dezembers
    """.split()
)
# Words after which a number with a full stop is an ordinal, whatever follows:
# an article or a preposition fused with one ("zum 16. Deutschen Bundestag",
# "des 3. Bataillons", "beim 2. Versuch").  "auf 16." or "seit 1933." can end
# a sentence and are not listed.
_ORDINAL_BEFORE = frozenset(
    """
    der die das den dem des zum zur am im vom beim ins ans aufs
    ein eine einer eines einem einen sein seine seinem seinen seiner seines
    ihr ihre ihrem ihren ihrer ihres jeder jede jedes jedem jeden
    """.split()
)
_ROMAN = re.compile(r"[IVXLC]{2,6}")
# Nouns that typically follow an ordinal number ("20. Jahrhundert").
_ORDINAL_NOUNS = frozenset(
    """
    jahrhundert jahrhunderts jahrtausend jahrestag geburtstag todestag lebensjahr
    mal platz rang runde spieltag etappe klasse liga bundesliga stock etage
    kongress parteitag legislaturperiode wahlperiode amendment armee division
    symphonie sinfonie auflage ausgabe folge staffel minute kilometer
    """.split()
)

# Candidate boundary: terminal punctuation plus closing quotes / brackets.
_BOUNDARY = re.compile(r"[.!?…]+[\"“”»«’'\)\]]*(?=\s)")
_CLOSERS = "\"“”»«’')]"
_STRAY = '„“”"»«‚‘’'


def _word_before(para: str, pos: int) -> str:
    """The white-space delimited word ending at ``pos`` (looks back 40 chars)."""
    lo = max(0, pos - 40)
    i = pos
    while i > lo and not para[i - 1].isspace():
        i -= 1
    return para[i:pos]


def _is_abbreviation(para: str, dot: int) -> bool:
    """True if the single ``.`` at ``para[dot]`` belongs to an abbreviation/ordinal."""
    word = _word_before(para, dot).lstrip("(\"„“”»«‚'")
    if not word:
        return False
    low = word.lower()
    if low in _WORD_ABBREV:
        return _next_word(para, dot + 1)[:1].isdigit()
    if low in _ABBREV:
        return True
    if len(word) == 1 and word.isalpha():  # initials, z. B., u. a.
        return True
    if "." in word and all(part.isalpha() and len(part) <= 3 for part in word.split(".")):
        return True  # U.S, u.a, z.B, S.E
    return False


def _is_ordinal(para: str, dot: int, end: int) -> bool:
    """True if the ``.`` at ``para[dot]`` makes the word before it an ordinal number.

    ``24. Juni``, ``20. Jahrhundert``, ``des 11. Septembers``, ``zum 16. Deutschen
    Bundestag``, ``„2. Deutscher Klimakongress``, ``Benedikt XVI. Der``.
    """
    before = _word_before(para, dot)
    bare = before.lstrip("(\"„“”»«‚'")
    if _ROMAN.fullmatch(bare):
        # a regnal number after a name ("Benedikt XVI.", "Ludwig XIV.")
        prev = _word_before(para, dot - len(before) - 1)
        return bool(prev) and prev[0].isupper() and prev.isalpha()
    if not (bare.isdigit() and len(bare) <= 3):
        return False
    if bare != before:
        return True  # "„2. Deutscher Klimakongress": no sentence ends in an opening mark
    nxt = _next_word(para, end).lower()
    if nxt in _MONTHS or nxt in _ORDINAL_NOUNS:
        return True
    prev = _word_before(para, dot - len(before) - 1).lower()
    return prev in _ORDINAL_BEFORE


def _next_word(para: str, pos: int) -> str:
    m = re.match(r"\s*([\w\-]+)", para[pos:])
    return m.group(1) if m else ""


def _starts_sentence(para: str, pos: int) -> bool:
    """Can a sentence start at ``para[pos:]`` (after the white space)?"""
    n = len(para)
    i = pos
    while i < n and para[i].isspace():
        i += 1
    if i >= n:
        return False
    ch = para[i]
    if ch in _STRAY:
        # An opening quote: fine if real text follows right away; a stray
        # mark followed by a comma / lower-case word is an attribution tail.
        j = i + 1
        while j < n and (para[j].isspace() or para[j] in _STRAY):
            j += 1
        if j >= n:
            return False
        nxt = para[j]
        if nxt in ",;:" or nxt.islower():
            return False
        return j == i + 1 or nxt.isupper() or nxt.isdigit()
    if ch.isupper() or ch.isdigit():
        return True
    return ch in "(–—-[¿¡"


def _paragraph_sentences(para: str, offset: int, out: list[tuple[int, int]]) -> None:
    start = 0
    n = len(para)
    for m in _BOUNDARY.finditer(para):
        end = m.end()
        punct = m.group(0).rstrip(_CLOSERS)
        if not _starts_sentence(para, end):
            continue
        if punct == "." and not m.group(0)[len(punct) :]:
            if _is_abbreviation(para, m.start()):
                continue
            if _is_ordinal(para, m.start(), end):
                continue
        s, e = start, end
        while s < e and para[s].isspace():
            s += 1
        if s < e:
            out.append((offset + s, offset + e))
        start = end
    s, e = start, n
    while s < e and para[s].isspace():
        s += 1
    while e > s and para[e - 1].isspace():
        e -= 1
    if s < e:
        out.append((offset + s, offset + e))


def split_sentences(text: str, lang: str = "de") -> list[tuple[int, int]]:
    """Split ``text`` into sentences.

    Args:
        text: cleaned article text; paragraphs are separated by ``"\\n"``.
        lang: ``"de"`` or ``"en"``; the rules are shared (abbreviation lists
            cover both languages), the argument is kept for callers that know.

    Returns:
        ``(start, end)`` offsets into ``text``, in order, without leading or
        trailing white space, never crossing a ``"\\n"``.
    """
    del lang  # the same rules serve German and English
    return list(_split(text))


@functools.lru_cache(maxsize=64)
def _split(text: str) -> tuple[tuple[int, int], ...]:
    """:func:`split_sentences`, remembered for the last texts: enrichment splits each
    article three times (the sentences stage, the NER, the names guard's confidence)."""
    out: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        if para.strip():
            _paragraph_sentences(para, pos, out)
        pos += len(para) + 1
    return tuple(out)
