"""Reporting tails and inserted source phrases for :mod:`lagebild.enrich.quotes`.

What follows or interrupts the reported clause and names its speaker: ``…, sagte X.``
with an apposition after the speaker (``_apposition_tail``), English ``…, officials
said.`` (``_en_tail``), the perfect ``…, hatte X gesagt.`` (``_perfect_tail``), ``so X``
set off inside the sentence (``_so_parenthesis``), ``In X heißt es, …``
(``_heisst_es_front``) and ``wie X mitteilte`` (``_wie_speaker``,
``_wie_over_apposition``).  Private: the public entry point is
:func:`lagebild.enrich.quotes.find_quotes`.
"""

from __future__ import annotations

from lagebild.enrich import _quote_lex as lex
from lagebild.enrich._quote_phrases import _adj_like, _np_forward
from lagebild.enrich._quote_rules import (
    _INDEFINITE,
    _OBJECT_ONLY,
    _RELATIVE_PRON,
    _clause_like,
    _content_trim,
    _make,
    _odd_name,
    _tokspan,
)
from lagebild.enrich._quote_syntax import (
    _AUX,
    _END_PUNCT,
    _PUNCT,
    _QUOTE_CHARS,
    _Cue,
    _Sent,
    _Tok,
    _has_konj,
)
from lagebild.model import Quote


# lower-case words inside a quoted name ("Correio da Manhã", "Public Library of Science")
_NAME_PARTICLES = frozenset("da de del la le of the for".split())


def _quoted_name_end(toks: list, k: int, stop: int) -> int | None:
    """Index of the mark closing a short quoted name that opens at ``k`` (at most five
    words, capitalised or numbers, no sentence mark), or None."""
    e = next((m for m in range(k + 1, min(stop, k + 7)) if toks[m].text in _QUOTE_CHARS), None)
    if e is None or e == k + 1:
        return None
    if all(t.cap or t.text[0].isdigit() or t.low in _NAME_PARTICLES for t in toks[k + 1 : e]):
        return e
    return None


# words that may open a sentence before a fronted "wie X mitteilte" ("Denn wie …")
_BEFORE_WIE = frozenset("denn doch aber und jedoch".split())

# title abbreviations whose period stays inside a name ("Wie Dr. Dittrich erklärte")
_TITLES_DE = frozenset("dr prof".split())


def _title_dot(toks: list, k: int) -> bool:
    """Is ``toks[k]`` the period of a title (``Dr.``, ``Prof.``) before a name?"""
    return (
        toks[k].text == "."
        and 0 < k < len(toks) - 1
        and toks[k - 1].low in _TITLES_DE
        and toks[k + 1].cap
    )


def _attributive(toks: list[_Tok], j: int) -> bool:
    """Is ``toks[j]`` an attribute between an article (or ``so``) and a capitalised
    noun or a quoted name (``der so genannten „EVAC-Ambulanz“``), not a verb?"""
    return (
        0 < j < len(toks) - 1
        and (toks[j - 1].low in lex.DETERMINERS or toks[j - 1].low == "so")
        and (toks[j + 1].cap or toks[j + 1].text in _QUOTE_CHARS)
    )


def _pp_to_end(toks: list[_Tok], end: int) -> bool:
    """``, in einer Pressemitteilung.`` at ``end``: a comma, then a short prepositional
    phrase without a verb or another comma that closes the sentence."""
    n = len(toks)
    if not (end + 2 < n and toks[end].text == "," and toks[end + 1].low in lex.PREPOSITIONS):
        return False
    k = end + 1
    while k < n and toks[k].text not in _PUNCT and toks[k].text not in _QUOTE_CHARS:
        k += 1
    # one noun phrase after the preposition: a second article opens an object
    # ("…, für hochwertige Schuhe eine Preissteigerung.")
    seen_noun = False
    for t in toks[end + 2 : k]:
        if seen_noun and t.low in _OBJECT_ARTICLES:
            return False
        seen_noun = seen_noun or t.cap
    return (
        k - end <= 8
        and (k == n or toks[k].text in _END_PUNCT)
        and not _clause_like(toks[end + 1 : k])
    )


_OBJECT_ARTICLES = frozenset("ein eine einen einem den die das dem".split())


def _apposition_tail(toks: list[_Tok], np: tuple[int, int] | None) -> tuple[int, int] | None:
    """``sagte Andrew Wetzler, ein Anwalt des NRDC.``, ``so Frank Karl, Leiter der
    Abteilung bei der FES.``: the apposition that ends the sentence belongs to the
    speaker; so does one that a relative clause follows (``sagte Hugo Salcedo, Kopf
    einer Gruppe von Inspektoren, die …``), without the relative clause."""
    if np is not None and np[1] + 2 < len(toks) and toks[np[1]].text == "(":
        # "so Innenminister Peter Müller (CDU).": a party or role in brackets
        close = next(
            (k for k in range(np[1] + 1, min(np[1] + 6, len(toks))) if toks[k].text == ")"), None
        )
        inner = toks[np[1] + 1 : close] if close is not None else []
        if inner and not _clause_like(inner) and all(t.text not in ",;:(" for t in inner):
            np = (np[0], close + 1)
    if np is None or np[1] + 2 >= len(toks) or toks[np[1]].text != ",":
        return np
    first, second = toks[np[1] + 1], toks[np[1] + 2]
    # "…, kanadischer General und Kommandeur …", "…, der Präsident des Staates.":
    # an adjective or a definite article before a noun, checked below for a verb
    adj_or_def = (
        (_adj_like(first) or first.low in ("der", "die"))
        and second.cap
        and second.low not in lex.NP_STOP
    ) or (
        # "…, der geschäftsführende Direktor …"
        first.low in ("der", "die")
        and _adj_like(second)
        and np[1] + 3 < len(toks)
        and toks[np[1] + 3].cap
        and toks[np[1] + 3].low not in lex.NP_STOP
    )
    # "…, Ex-Verkehrsminister und Mitglied der Partei NCD.": two nouns of one apposition
    two_nouns = (
        first.cap
        and first.low not in lex.NP_STOP
        and second.low == "und"
        and np[1] + 3 < len(toks)
        and toks[np[1] + 3].cap
        and toks[np[1] + 3].low not in lex.NP_STOP
    )
    if not (
        first.low in _INDEFINITE
        or (first.cap and first.low not in lex.NP_STOP and second.low in _APPOSITION_LINK)
        or adj_or_def
        or two_nouns
    ):
        return np
    end = np[1] + 2
    while end < len(toks) and toks[end].text not in _PUNCT:
        if toks[end].text in _QUOTE_CHARS:
            # "…, der Sprecher der so genannten „EVAC-Ambulanz“.": a quoted name inside
            e = _quoted_name_end(toks, end, len(toks))
            if e is None:
                break
            end = e
        end += 1
    if end - np[1] > 15:
        return np
    # "…, der Direktor der Reederei, in einer Pressemitteilung.": a closing adverbial
    pp_end = _pp_to_end(toks, end)
    if (adj_or_def or two_nouns) and (
        end < len(toks) and toks[end].text not in _END_PUNCT and not pp_end
        or _clause_like(
            [t for j, t in enumerate(toks[: end]) if j >= np[1] + 2 and not _attributive(toks, j)]
        )
    ):
        return np  # "…, der die Gruppe führt": a relative clause, not an apposition
    if end < len(toks) and toks[end].text not in _END_PUNCT and not pp_end:
        if not (
            toks[end].text == ","
            and end + 1 < len(toks)
            and toks[end + 1].low in _RELATIVE_PRON
            and end + 1 < len(toks) - 1
        ):
            return np
    return (np[0], end)


# words after the head noun of an apposition without article ("Leiter der Abteilung")
_APPOSITION_LINK = frozenset("der des einer eines von vom bei beim im für".split())


def _tail_comma(toks: list[_Tok], i: int) -> int:
    """Index of the comma that opens the tail ending with the cue at ``i``."""
    k = i - 1
    while k > 0 and toks[k].text != ",":
        k -= 1
    return k


_EN_TAIL_REST = frozenset(
    """in on at to during after before late earlier later reporters journalists via through
    from by yesterday today tonight this last""".split()
)


def _en_tail(text: str, s: _Sent, c, inside_direct) -> Quote | None:
    """English reporting tails: ``…, officials said.``, ``…, the ministry said in a
    statement.``, ``…, said Blinken.``, ``…, he told reporters.`` -- the clause
    before the comma is the reported content."""
    toks, n = s.toks, len(s.toks)
    k = c.i - 1
    while k > 0 and toks[k].text != "," and c.i - k <= 7:
        k -= 1
    if k < 3 or toks[k].text != "," or inside_direct(toks[k].start):
        return None
    if toks[k - 1].text in _QUOTE_CHARS:
        return None  # the direct-quote rules own '"…," he said'
    if k == c.i - 1:  # inverted: ", said Blinken."
        np = _np_forward(toks, c.i + 1, n, en=True)
        after = np[1] if np else None
    else:
        np = _np_forward(toks, k + 1, c.i, en=True)
        after = c.i + 1 if np and np[1] == c.i else None
    if np is None or after is None:
        return None
    rest = [t for t in toks[after:] if t.text not in _END_PUNCT and t.text not in _QUOTE_CHARS]
    if len(rest) > 8 or any(t.text in ",;:" or t.low == "that" for t in rest):
        return None
    if rest and not (rest[0].low in _EN_TAIL_REST or rest[0].low in lex.MONTHS_AND_DAYS):
        return None  # "…, speaking in Iowa, said he would …": a clause follows
    a, b = _content_trim(text, s.start, toks[k].start)
    if b - a < 15:
        return None
    return _make(text, a, b, "indirect", c.lemma, _tokspan(toks, np), "en_tail")


_EXAMPLE_HEADS = frozenset(
    "mehrere einige viele manche andere zahlreiche etliche beide alle verschiedene weitere".split()
)


def _so_speaker_indicative(toks: list[_Tok], k: int, np: tuple[int, int]) -> bool:
    """``Die Lage, so der Minister, ist ernst.``: in the indicative only a single speaker
    after a definite article or a title before a name, and no plural head before ``so``
    (``Mehrere Länder, so Frankreich, lehnen ab`` gives examples)."""
    words = toks[np[0] : np[1]]
    if any(t.low in ("und", "oder", "sowie") for t in words) or len(words) < 2:
        return False
    if any(t.low in _EXAMPLE_HEADS for t in toks[: k - 1]):
        return False
    return words[0].low in ("der", "die") or all(t.cap for t in words)


def _so_parenthesis(
    text: str, s: _Sent, k: int, np: tuple[int, int] | None, inside_direct
) -> Quote | None:
    """``Der Präsident sei, so Meier, schuld daran, …``, ``Sein Rivale, so Obama weiter,
    würde …``: ``so`` and a speaker set off by commas inside the sentence report the
    whole sentence.  Only when the sentence is in the Konjunktiv or ``weiter`` follows
    the speaker: ``Mehrere Länder, so Frankreich, lehnen ab`` gives examples."""
    toks = s.toks
    n = len(toks)
    if np is None or k < 3 or toks[np[0]].low in _OBJECT_ONLY or inside_direct(toks[k].start):
        return None
    e = np[1]
    further = e < n and toks[e].low == "weiter"
    if further:
        e += 1
    if not (e + 2 < n and toks[e].text == ",") or not toks[e + 1].text[:1].islower():
        return None  # "…, so der Minister X, der Leiter der Y, …": a list of examples
    if toks[e + 1].low in lex.DETERMINERS:
        return None  # "so die Ergebnisse eines Richters, der … ermittelt, seien …"
    if (
        not further
        and not (_has_konj(toks[: k - 1]) or _has_konj(toks[e + 1 : e + 9]))
        and not _so_speaker_indicative(toks, k, np)
    ):
        return None
    if any(t.text in _QUOTE_CHARS for t in toks[: k - 1]):
        return None
    a, b = _content_trim(text, s.start, s.end)
    if b > a and text[b - 1] in ".!?":
        b -= 1
    return _make(text, a, b, "indirect", "sagen", _tokspan(toks, np), "tail_so")


_HEISST_FILL = frozenset("weiter zudem außerdem ferner auch dazu unter anderem etwa".split())


def _heisst_es_front(text: str, s: _Sent, inside_direct) -> Quote | None:
    """``In einer Erklärung des Präsidenten heißt es, der Cyberspace sei …``.

    A sentence that opens with ``in``/``im``/``aus`` + the document, then
    ``heißt es`` and a comma or colon: the rest is reported speech (it needs a
    ``dass``/``ob`` clause or a Konjunktiv verb); the document is the source.
    """
    toks = s.toks
    n = len(toks)
    # "Bei der Agentur RIA hieß es, …", "Von der Polizei hieß es, …": who said it
    if n < 6 or toks[0].low not in ("in", "im", "aus", "bei", "beim", "von", "vom"):
        return None
    k = next((k for k in range(2, min(n - 2, 25)) if toks[k].low in ("heißt", "hieß")), None)
    if k is None or toks[k + 1].low != "es" or any(t.text in _PUNCT for t in toks[1:k]):
        return None
    m = k + 2
    while m < n and toks[m].low in _HEISST_FILL:
        m += 1
    if m + 1 >= n or toks[m].text not in ",:" or inside_direct(toks[m].start):
        return None
    comp = toks[m + 1 :]
    if not (comp[0].low in lex.SUBORD_COMPLEMENT or _has_konj(comp[:12])):
        return None
    a, b = _content_trim(text, comp[0].start, comp[-1].end)
    # the document without a dative article ("einem Positionspapier …"), which
    # never opens a speaker
    src = (2 if toks[1].low in _OBJECT_ONLY else 1, k)
    return _make(text, a, b, "indirect", "heißen", _tokspan(toks, src), "heisst_es")


_PERFECT_AUX = frozenset("hat hatte habe hätte haben hatten".split())


def _perfect_tail(text: str, s: _Sent, c: _Cue, inside_direct) -> Quote | None:
    """``…, hatte Obama bei seinem Treffen gesagt.``: a tail in the perfect tense.

    The participle cue ends the sentence, the auxiliary opens the tail right
    after the comma and the subject follows it; the clause before the comma is
    what was said.
    """
    toks = s.toks
    rest = toks[c.i + 1 :]
    if rest and rest[0].low == "und":
        rest = []  # "…, hatte X damals gesagt und auf Y verwiesen, …": a second verb follows
    if any(t.text not in _END_PUNCT and t.text not in _QUOTE_CHARS for t in rest):
        return None
    k = _tail_comma(toks, c.i)
    if k < 3 or k + 2 >= c.i or toks[k + 1].low not in _PERFECT_AUX:
        return None
    if inside_direct(toks[k].start) or not (_clause_like(toks[:k]) or _has_konj(toks[:k])):
        return None
    np = _np_forward(toks, k + 2, c.i)
    if np is None or toks[np[0]].low in _OBJECT_ONLY:
        return None
    a, b = _content_trim(text, s.start, toks[k].start)
    return _make(text, a, b, "indirect", c.lemma, _tokspan(toks, np), "tail_cue")


_PLACE_PREP = frozenset("in im aus".split())


def _wie_speaker(toks: list[_Tok], a: int, cue_i: int) -> tuple[int, int] | None:
    """Speaker of ``wie X mitteilte``: the noun phrase after ``wie`` with what
    belongs to it before the cue, a place (``die UN-Mission im Südsudan``) and a
    bracketed short form (``(UNMISS)``); not adverbials of time or manner."""
    np = _np_forward(toks, a, cue_i)
    if a + 2 < cue_i and toks[a].low in lex.DETERMINERS and toks[a + 1].text in _QUOTE_CHARS:
        # "wie die „Aktion Deutschland hilft“ heute mitteilte": a quoted name
        close = next(
            (m for m in range(a + 2, min(cue_i, a + 10)) if toks[m].text in _QUOTE_CHARS), None
        )
        if close is not None and toks[a + 2].cap:
            np = (a, close + 1)
    if np is None:
        # "Wie „heise online“ berichtet": a quoted or lower-case name alone
        np = _odd_name(toks, a) if a < cue_i else None
        if np is None or np[1] > cue_i:
            return None
    b = np[1]
    while b < cue_i:
        if toks[b].text == "(":
            e = next((k for k in range(b + 1, min(cue_i, b + 6)) if toks[k].text == ")"), None)
            if e is None:
                break
            b = e + 1
        elif (
            toks[b].low in _PLACE_PREP
            and np[1] - np[0] > 1
            and b + 1 < cue_i
            and toks[b + 1].cap
            and toks[b + 1].low not in lex.DETERMINERS
            and toks[b + 1].low not in lex.MONTHS_AND_DAYS
        ):
            # "im Südsudan", "in Berlin"; not "in einem Schreiben", nor after a pronoun
            e = b + 1
            while e < cue_i and toks[e].cap:
                e += 1
            b = e
        else:
            break
    return (np[0], b)


def _wie_over_apposition(toks: list[_Tok], k: int, cue_i: int) -> int:
    """``wie`` before an apposition (``wie Alan Stern, Direktor der NASA, betont``).

    ``k`` is the comma nearest before the cue.  Returns the index of the ``wie``
    when the stretch from it to the cue is a noun phrase with at most two
    appositions set off by commas, each opening with a name or a determiner and
    ending with a noun (a relative clause ends with its verb); else ``k``.
    """
    commas = [k]
    j = k - 1
    while j >= 0 and cue_i - j <= 30:
        t = toks[j]
        if t.low == "wie":
            break
        if t.text == ",":
            commas.append(j)
            if len(commas) > 2:
                return k
        elif t.text in _PUNCT or t.text in _QUOTE_CHARS or t.low in _AUX:
            return k
        j -= 1
    if j < 0 or toks[j].low != "wie" or j + 1 >= k:
        return k
    bounds = sorted([j, *commas, cue_i])
    for a, b in zip(bounds[:-1], bounds[1:], strict=False):
        seg = toks[a + 1 : b]
        if b == cue_i:
            # the last stretch before the cue may end with an adverb ("EADS heute
            # mitteilte") or be a place ("…, in Bangkok mitteilte")
            while seg and seg[-1].low in lex.ADVERBS:
                seg = seg[:-1]
            if len(seg) >= 2 and seg[0].low in _PLACE_PREP and all(t.cap for t in seg[1:]):
                continue
        if b == cue_i and not seg:
            continue  # "…, Arminda Thomas, mitteilte": the closing comma
        if not seg or not (seg[0].cap or seg[0].low in lex.DETERMINERS) or not seg[-1].cap:
            return k
    return j


def _heisst_es_source(toks: list[_Tok], k: int, end: int) -> tuple[int, int] | None:
    """The document of ``heißt es (dazu) in einer Pressemitteilung des CCC`` with
    ``heißt`` at ``k``, up to ``end``: the phrase after ``in``/``im``/``aus`` (as in
    :func:`_heisst_es_front`, without the preposition), or None."""
    if k + 3 >= end or toks[k].low not in ("heißt", "hieß") or toks[k + 1].low != "es":
        return None
    m = k + 2
    while m < end and toks[m].low in _HEISST_FILL:
        m += 1
    if m + 1 >= end or toks[m].low not in ("in", "im", "aus"):
        return None
    np = _np_forward(toks, m + 1, end)
    if np is None or toks[np[0]].low in ("einem", "einer", "dem", "den") and np[1] - np[0] == 1:
        return None
    # "in der Meldung auf der Homepage von „con energy“ wörtlich:": the place of the
    # document up to the colon or the sentence end belongs to it
    e = end
    while e > np[1] and (
        toks[e - 1].text in _END_PUNCT or toks[e - 1].text == ":" or toks[e - 1].low in _VERBATIM
    ):
        e -= 1
    if (
        e > np[1]
        and e - np[0] <= 14
        and toks[np[1]].low in lex.PREPOSITIONS
        and not any(t.text in ",;" for t in toks[np[1] : e])
    ):
        return (np[0], e)
    return np


_VERBATIM = frozenset("wörtlich dazu weiter ausdrücklich unter anderem".split())
