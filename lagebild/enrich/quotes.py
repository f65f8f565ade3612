"""Direct and indirect quotes with their speakers, by rule.

:func:`find_quotes` works on a cleaned article text and its sentences (from
:func:`lagebild.enrich.sentences.split_sentences`) and returns
:class:`lagebild.model.Quote` records.  The steps, in order:

1. **Direct quotes.**  Quote marks are paired per paragraph: ``„…“``/``„…”``,
   ``»…«``, ``«…»``, English ``“…”`` and ``"…"``; ``‚…‘`` only when it holds
   at least four words.  A mark that machine translation left behind after a
   closing one (``…sein.“ „ sagte X``, ``…geben.“ „, stellten sie fest``) is
   ignored.  A paragraph that opens a quote without closing it continues in
   the next paragraph when that one opens with a quote mark.  Fragments of
   fewer than four words (scare quotes, ``„Eiserne“``) are no quotes of their
   own.  The quote's text is what is inside the marks.
2. **Cues.**  A token is a speech cue when its lemma (simplemma) is in
   :data:`~lagebild.enrich._quote_lex.SPEECH_LEMMAS_DE`; a separated particle
   at the end of its clause makes the particle verb (``teilte … mit`` →
   ``mitteilen``; ``sagte … ab`` → ``absagen``, no cue).  English uses a form
   table.  Further cues: ``laut X``, ``X zufolge``, ``nach Angaben von X``
   (and other "nach <source noun>" phrases), ``wie X mitteilte`` (also with an
   apposition: ``wie X, Direktor der Y, betont``), ``so X`` at the end of a
   sentence, ``heißt es`` (also ``In <Dokument> heißt es, …``), ``aus X
   verlautete``.
3. **Speakers.**  For a verb cue the speaker is the subject noun phrase
   before the verb when the sentence opens with one (``Cho sagte, …``;
   ``Mira Rapp-Hooper, die leitende Direktorin …, sagte …``), else the noun
   phrase after the verb (``Im Anschluss … sagte der nationale
   Sicherheitsberater der USA, Jake Sullivan, …``), including an apposition
   set off by commas.
4. **Direct quote attribution** looks, in order, at the tail after the
   closing mark (``“, sagte Cho.``; ``“ ” fügt die gemeinsame Erklärung
   hinzu``; ``“, hatte X … erklärt``; ``“, so beschrieb ihn X``), at a cue before the opening mark in the same sentence (``X
   sagte: „…“``), at a sentence ending in ``:`` just before, and finally
   takes over the speaker of a quote in the sentence just before.
5. **Indirect quotes**: a verb cue followed by a comma and a complement that
   is reported speech (``dass``/``ob`` clause, a clause with a Konjunktiv
   verb, a zu-infinitive after verbs like ``behaupten``, or after a plain verb
   of saying any main clause: ``sagte Rice, die USA hielten …``); a cue in
   tail position (``…, sagte das Büro.``, ``…, hatte X gesagt.``) reports
   what comes before it; the
   source phrases of step 2 report the rest of their sentence; a sentence
   opening with a demonstrative, a cue and its subject (``… . Das teilte das
   Institut mit.``) reports the sentence before it; a sentence with a
   demand or warning verb and no complement (``Merkel forderte einen
   Neuanfang``, ``Die Linke sprach von Wahlbetrug``, ``bezeichnete … als``,
   passive ``von``-agent) reports the rest of its clause, with the subject as
   speaker only when it names someone (:func:`_reported_quote`).  A sentence
   right after a quote that has a Konjunktiv verb and no cue of its own
   continues that speaker's indirect speech.
6. **Confidence**: each speaker gets the estimated share of right speakers
   of the rule that found it (``evidence`` names the rule and the speaker's
   form, e.g. ``tail_cue/pronoun``; the table, calibrated only on data that
   may train a shipped model, is in :mod:`lagebild.enrich._speakers`).
7. **Speaker entities** (only when ``entities`` are given), see
   :func:`resolve_speakers`; the evidence names how the entity was found.
8. **Abstention**: below ``min_confidence`` (default
   :data:`SPEAKER_THRESHOLD`) the speaker is dropped, the quote stays.

Offsets always point into ``text``.  The rules never look past a sentence
except in steps 1, 4 and 5 (previous sentence / following sentence).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from lagebild.clean.structure import dateline_end
from lagebild.enrich import _quote_lex as lex
from lagebild.enrich._quote_syntax import (
    _ADVERBIAL_PAIRS,
    _AUX,
    _END_PUNCT,
    _PUNCT,
    _QUOTE_CHARS,
    _adj_like,
    _Cue,
    _direct_spans,
    _en_clause,
    _find_cues,
    _first_verbish,
    _has_konj,
    _has_konj1,
    _has_zu_infinitive,
    _lemma,
    _not_subject,
    _np_backward,
    _np_forward,
    _Sent,
    _speaker_for_cue,
    _Tok,
    _tokens,
)
from lagebild.enrich._speakers import (
    SPEAKER_THRESHOLD,
    _abstain,
    _Intervals,
    _score_speakers,
    resolve_speakers,
)
from lagebild.enrich.resolve import find_whole_words  # noqa: F401  (re-exported for tests)
from lagebild.model import Entity, Quote, Sentence

__all__ = ["SPEAKER_THRESHOLD", "find_quotes", "resolve_speakers"]


# --------------------------------------------------------------------------
# Main


def _sentences_of(text: str, sentences: Iterable) -> list[tuple[int, int]]:
    out = []
    for s in sentences:
        if isinstance(s, Sentence):
            out.append((s.start, s.end))
        else:
            out.append((int(s[0]), int(s[1])))
    return out


def _content_trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip white space, a leading dateline, trailing sentence punctuation and commas."""
    while start < end and (text[start].isspace() or text[start] in ",:"):
        start += 1
    start = min(dateline_end(text, start), end)  # "SEOUL: …": the place is not what was said
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:" + _END_PUNCT):
        end -= 1
    # keep a closing mark only if its opener is inside
    if end > start and text[end - 1] in '“”"«»':
        inner = text[start : end - 1]
        if not any(c in inner for c in '„“"»«'):
            end -= 1
            while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:" + _END_PUNCT):
                end -= 1
    return start, end


def _make(
    text: str,
    start: int,
    end: int,
    kind: str,
    cue: str | None,
    spk: tuple[int, int] | None,
    evidence: str = "",
) -> Quote | None:
    if end <= start:
        return None
    q = Quote(text=text[start:end], start=start, end=end, kind=kind, cue=cue)
    if spk is not None and spk[1] > spk[0] and _plausible_speaker(text[spk[0] : spk[1]]):
        q.speaker_start, q.speaker_end = spk
        q.speaker_text = text[spk[0] : spk[1]]
        q.evidence = evidence
    return q


# Determiners and pronouns of an object or addressee: never a speaker's first word.
_OBJECT_ONLY = frozenset("den einen einem ihn ihm ihnen mich mir uns euch".split())
_PARTICIPLE_ADVERB = re.compile(r"[A-ZÄÖÜ][a-zäöüß]+(?:end|nd)")


# German finite auxiliaries and modals (lower case): never inside a speaker's phrase.
_FINITE_AUX_DE = frozenset(
    "hat hatte hatten haben ist war waren sind wird wurde wurden werden kann konnte "
    "konnten können muss musste mussten müssen soll sollte sollten will wollte "
    "wollten darf durfte".split()
)


# English words that open a subordinate clause or an exclamation, never a speaker.
_NEVER_FIRST = frozenset(
    "if when while because although though since unless until wait having".split()
)


def _plausible_speaker(speaker: str) -> bool:
    """Can ``speaker`` name who spoke?

    Not a clause (``Es komme vor``: the quote's own words), not a participle
    or adverb that opens a sentence (``Relativierend``, ``Abschließend``,
    ``Zudem``), not an object (``den Einsatz``).
    """
    words = speaker.split()
    if not words:
        return False
    first = words[0].lower()
    if first == "es" and len(words) > 1:
        return False
    if len(words) == 1 and first == "man":
        return False  # "so habe man …": the generic "one" names nobody
    if words[-1].lower() in ("und", "oder", "and", "or"):
        return False  # a coordination cut in half is a stray phrase, not a speaker
    for w, nxt in zip(words[:-1], words[1:], strict=False):
        if w.endswith(".") and w[:1].islower() and len(w) > 3:
            return False  # "… dieser erste. Offiziell": reaches over a sentence end
        if w == "zu" and nxt[:1].islower():
            return False  # "… zu verteilen": a zu-infinitive clause ("Graf zu Guttenberg" stays)
    if first in _NEVER_FIRST or first in lex.MONTHS_AND_DAYS:
        return False  # "That", "When Wallace", "Monday": a clause or a date, not a speaker
    if len(words) == 1 and first in ("that", "this", "these", "those", "which"):
        return False
    if first in ("anders", "denen", "wonach", "contrary"):
        return False  # "anders als X behauptet": X is contradicted, not quoted
    if first in _OBJECT_ONLY:
        return False
    if " ".join(words[:2]).lower() in _ADVERBIAL_PAIRS:
        return False  # "Des Weiteren verwies er darauf": an adverbial, not a speaker
    if len(words) == 1 and (
        _PARTICIPLE_ADVERB.fullmatch(words[0]) or first in lex.ADVERBS
    ):
        return False
    head = speaker.split(",")[0].split()
    if any(w in _FINITE_AUX_DE for w in head[1:]):
        # "Die Polizei konnte weder": the phrase runs into its clause (a relative
        # clause after a comma may hold one)
        return False
    return not any(w.lower() in lex.KONJ_FORMS for w in words[1:])


def _tokspan(toks: list[_Tok], span: tuple[int, int] | None) -> tuple[int, int] | None:
    if span is None:
        return None
    a, b = span
    return (toks[a].start, toks[b - 1].end)


# Verbs after which the subject speaks to the object: "Sanders asked Clinton: „…“".
_ADDRESS_VERBS = frozenset(
    """asked asks told tells pressed urged challenged criticized attacked warned wrote
    replied responded fragte fragt kritisierte warnte forderte antwortete schrieb""".split()
)


# Adverbs that may stand between a name and the colon of its quote ("Koppelin wörtlich:").
_COLON_ADVERBS = frozenset("wörtlich knapp lapidar trocken dazu später damals heute".split())


def _colon_subject(toks: list[_Tok], np: tuple[int, int]) -> tuple[int, int] | None:
    """The speaker in the phrase before a colon that introduces a quote.

    A name or title (``Bundesinnenminister Schäuble:``) is it.  A clause
    (``Sanders asked Clinton:``, ``Ryan criticized Trump on Tuesday:``): its
    subject when the verb addresses the object, else nobody — the name right
    before the colon is the one spoken to or about, not the speaker.
    """
    a, b = np
    verb = next(
        (k for k in range(a + 1, b) if toks[k].text[:1].islower() and toks[k].low not in
         lex.DETERMINERS and toks[k].low not in ("von", "vom", "der", "des", "of", "de")),
        None,
    )
    if verb is None:
        return np
    if all(t.low in _COLON_ADVERBS for t in toks[verb:b]) and all(t.cap for t in toks[a:verb]):
        return (a, verb)  # "Koppelin wörtlich:", "Merkel knapp:"
    if toks[verb].low in _ADDRESS_VERBS and all(t.cap for t in toks[a:verb]):
        return (a, verb)
    return None


_INDEFINITE = frozenset("ein eine einer eines einem a an".split())


def _apposition_tail(toks: list[_Tok], np: tuple[int, int] | None) -> tuple[int, int] | None:
    """``sagte Andrew Wetzler, ein Anwalt des NRDC.``: the apposition that ends the
    sentence belongs to the speaker."""
    if np is None or np[1] + 2 >= len(toks) or toks[np[1]].text != ",":
        return np
    if toks[np[1] + 1].low not in _INDEFINITE:
        return np
    end = np[1] + 2
    while end < len(toks) and toks[end].text not in _PUNCT and toks[end].text not in _QUOTE_CHARS:
        end += 1
    if end - np[1] > 15 or (end < len(toks) and toks[end].text not in _END_PUNCT):
        return np
    return (np[0], end)


_VERB_END = re.compile(r"(?:en|t|te|ten|st|et|tet)$")


def _clause_like(toks: list[_Tok]) -> bool:
    """Does the stretch hold a verb (a lower-case word that can be one)?

    A bare noun phrase before ``, sagte …`` is the subject with an
    apposition, not reported content.
    """
    return any(
        t.text[:1].islower()
        and t.low not in lex.DETERMINERS
        and t.low not in lex.PREPOSITIONS
        and (t.low in _AUX or t.low in lex.KONJ_FORMS or _VERB_END.search(t.low) is not None)
        for t in toks
    )


def _tail_comma(toks: list[_Tok], i: int) -> int:
    """Index of the comma that opens the tail ending with the cue at ``i``."""
    k = i - 1
    while k > 0 and toks[k].text != ",":
        k -= 1
    return k


# what may follow "…, officials said": an adverbial or the addressee, no clause
_COPULA = frozenset("ist war sind waren sei wäre bleibt blieb wird wurde".split())


def _skip_to_dass(toks: list[_Tok], k: int, stop: int) -> int:
    """The comma before the complement when an apposition or an adverbial stands
    between cue and ``dass``/``ob``: ``sagte der Koordinator, Deftalgne Tessema,
    gegenüber der BBC, dass …``.  Only short verbless segments are skipped, and
    only when a ``dass``/``ob`` clause follows them; else ``k`` itself."""
    if k + 1 < stop and toks[k + 1].low in lex.SUBORD_COMPLEMENT:
        return k
    m, segments = k, 0
    while segments < 3:
        e = m + 1
        while e < stop and toks[e].text not in ",;:" and toks[e].text not in _QUOTE_CHARS:
            e += 1
        seg = toks[m + 1 : e]
        if e >= stop or toks[e].text != "," or not seg or len(seg) > 8:
            return k
        if any(t.text[:1].islower() and _VERB_END.search(t.low) and t.low not in
               lex.PREPOSITIONS and t.low not in lex.DETERMINERS for t in seg[1:]):
            return k  # a verb: a clause of its own, not an apposition
        if e + 1 < stop and toks[e + 1].low in ("dass", "daß", "ob"):
            return e
        m, segments = e, segments + 1
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


def find_quotes(
    text: str,
    sentences: Iterable,
    *,
    lang: str = "de",
    entities: Sequence[Entity] | None = None,
    min_confidence: float | None = None,
) -> list[Quote]:
    """Find direct and indirect quotes and their speakers.

    Args:
        text: the cleaned article text.
        sentences: sentence spans of ``text`` as :class:`Sentence` records or
            ``(start, end)`` pairs (see :func:`split_sentences`).
        lang: ``"de"`` or ``"en"``.
        entities: resolved entities with mentions; when given, each quote's
            ``speaker_entity`` is filled in (see :func:`resolve_speakers`).
        min_confidence: speakers below this confidence are dropped (the
            quote stays, with its ``confidence`` and ``evidence``, and no
            speaker); default :data:`SPEAKER_THRESHOLD`, ``0`` keeps all.

    Returns:
        Quotes in text order.  ``text``/``start``/``end`` is the quoted
        content (direct: inside the marks; indirect: the reported clause),
        ``speaker_*`` the speaker's span, ``cue`` the lemma of the cue.
    """
    lang = "en" if lang.startswith("en") else "de"
    spans = _sentences_of(text, sentences)
    sents = [_Sent(k, s, e, _tokens(text, s, e)) for k, (s, e) in enumerate(spans)]
    starts = [s.start for s in sents]

    def sent_at(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    quotes: list[Quote] = []
    directs = _direct_spans(text)
    in_direct: list[tuple[int, int]] = [
        (d.open_at, (d.close_at if d.close_at is not None else d.end) + 1) for d in directs
    ]

    inside_direct = _Intervals(in_direct).covers

    # cues per sentence (outside direct quotes)
    cue_map: dict[int, list[_Cue]] = {}
    for s in sents:
        cue_map[s.idx] = [
            c for c in _find_cues(s.toks, lang) if not inside_direct(s.toks[c.i].start)
        ]

    # ---- direct quotes
    last_speaker: tuple[int, tuple[int, int] | None, str | None] | None = None
    used_cues: set[tuple[int, int]] = set()
    for d in directs:
        si = sent_at(d.open_at)
        ei = sent_at(d.end - 1) if d.end > d.start else si
        spk, cue, how = None, None, ""
        # (a) tail after the closing mark
        if d.close_at is not None:
            te = sent_at(d.close_at)
            s = sents[te]
            k = next((j for j, t in enumerate(s.toks) if t.start > d.close_at), len(s.toks))
            k0 = k
            while k < len(s.toks) and (s.toks[k].text in _QUOTE_CHARS or s.toks[k].text in ",-–"):
                k += 1
            if k < len(s.toks) and (k > k0 or s.toks[k].text[0].isalpha()):
                for c in cue_map[te]:
                    if c.i == k:
                        np = _apposition_tail(
                            s.toks, _np_forward(s.toks, k + 1, len(s.toks), en=c.en)
                        )
                        spk = _tokspan(s.toks, np)
                        cue, how = c.lemma, "tail_cue"
                        used_cues.add((te, c.i))
                        break
                    if (
                        c.i > k
                        and c.i - k <= 6
                        and all(t.text not in _PUNCT for t in s.toks[k : c.i])
                    ):
                        # "“, Cho sagte." / "“, so Cho" handled below
                        np = _np_forward(s.toks, k, c.i, en=c.en)
                        if np is not None and c.en and np[1] < c.i:
                            # "the joint statement said": lower-case nouns up to the verb
                            if all(
                                t.text[0].isalpha() and t.low not in lex.NP_STOP
                                for t in s.toks[np[1] : c.i]
                            ):
                                np = (np[0], c.i)
                        if np is not None:
                            spk = _tokspan(s.toks, np)
                            cue, how = c.lemma, "tail_subject"
                            used_cues.add((te, c.i))
                        break
                if cue is None and k < len(s.toks) and s.toks[k].low == "so":
                    j = k + 1
                    so_cue = next((c for c in cue_map[te] if c.i == j), None)
                    if so_cue is not None:
                        # "“, so charakterisierte ihn der Gewerkschafter X."
                        j += 1
                        while j < len(s.toks) and s.toks[j].low in _SO_OBJECT:
                            j += 1
                    np = _np_forward(s.toks, j, len(s.toks))
                    if np is not None and s.toks[np[0]].low not in _OBJECT_ONLY:
                        spk, cue, how = _tokspan(s.toks, np), "sagen", "tail_so"
                        if so_cue is not None:
                            cue = so_cue.lemma
                            used_cues.add((te, so_cue.i))
                if cue is None and k < len(s.toks) and s.toks[k].low in _PERFECT_AUX:
                    # "“, hatte VW-Chef Winterkorn in einem Interview erklärt."
                    last = [c for c in cue_map[te] if c.i > k]
                    if last and all(
                        t.text in _END_PUNCT or t.text in _QUOTE_CHARS
                        for t in s.toks[last[-1].i + 1 :]
                    ):
                        np = _np_forward(s.toks, k + 1, last[-1].i)
                        if np is not None and s.toks[np[0]].low not in _OBJECT_ONLY:
                            spk, cue, how = _tokspan(s.toks, np), last[-1].lemma, "tail_cue"
                            used_cues.add((te, last[-1].i))
        # (b) cue before the opening mark in the same sentence
        if cue is None:
            s = sents[si]
            before = [c for c in cue_map[si] if s.toks[c.i].start < d.open_at]
            if before:
                c = before[-1]
                np = _speaker_for_cue(s.toks, c, 0)
                # "Er sagte, es sei ihm „ein Anliegen …“": a quoted fragment
                # inside indirect speech belongs to the indirect quote
                k = max(c.i, np[1] if np else c.i)
                between = [t for t in s.toks[k:] if t.start < d.open_at]
                comma = next((m for m, t in enumerate(between) if t.text == ","), None)
                if comma is not None and sum(t.text[0].isalnum() for t in between[comma:]) >= 2:
                    continue
                if c.en and (
                    any(t.low == "that" for t in between)
                    or (
                        sum(t.text[0].isalnum() for t in between) > 4
                        and not (between and between[-1].text in ":,")
                    )
                ):
                    continue  # "told Fox that he credits … “blue-collar, white Democrats”"
                spk, cue, how = _tokspan(s.toks, np), c.lemma, "cue_before"
                used_cues.add((si, c.i))
            elif s.toks and s.toks[0].start < d.open_at:
                # "In einer gemeinsamen Erklärung stellten die Länder „…“"
                pre = [t for t in s.toks if t.start < d.open_at]
                if (
                    pre
                    and pre[0].low in ("in", "im")
                    and any(t.low in lex.STATEMENT_NOUNS for t in pre[:5])
                ):
                    j = next((j for j, t in enumerate(pre) if t.low in lex.STATEMENT_NOUNS), 0)
                    np = _np_forward(s.toks, j + 2, len(pre))
                    if np is not None:
                        spk, cue, how = _tokspan(s.toks, np), "erklären", "statement_intro"
        # (b2) "Bundesinnenminister Schäuble: „…“"
        if cue is None and spk is None:
            s = sents[si]
            pre = [k for k, t in enumerate(s.toks) if t.start < d.open_at]
            if len(pre) >= 2 and s.toks[pre[-1]].text == ":":
                np = _np_backward(s.toks, 0, pre[-1])
                if np is not None and np[1] - np[0] <= 8:
                    np = _colon_subject(s.toks, np)
                    if np is not None:
                        spk, how = _tokspan(s.toks, np), "colon_name"
                elif lang == "en":
                    # "… doesn’t surprise pollster Daron Shaw: “…”": a name right before the colon
                    j = pre[-1]
                    while (
                        j > 0
                        and pre[-1] - j < 4
                        and s.toks[j - 1].cap
                        and s.toks[j - 1].low not in lex.NP_STOP
                    ):
                        j -= 1
                    if j < pre[-1] and j > 0:
                        spk, how = _tokspan(s.toks, (j, pre[-1])), "colon_name"
        # (b3) "Der Bundespräsident lobte die Reform mit den Worten: „…“": a clause
        # without a known cue that ends in a colon right before the quote; its
        # subject speaks (as in (c) for a colon sentence before the quote)
        if cue is None and spk is None and lang == "de":
            s = sents[si]
            pre = [k for k, t in enumerate(s.toks) if t.start < d.open_at]
            if len(pre) >= 4 and s.toks[pre[-1]].text == ":":
                verb = _first_verbish(s.toks, 0, pre[-1])
                np = _np_backward(s.toks, 0, verb) if verb < pre[-1] else None
                if s.toks[verb].low in _COPULA or any(
                    t.text == "," for t in s.toks[verb : pre[-1]]
                ):
                    # "Das Buch … ist ihr Erstwerk: „…“" names a title; "X schlug …,
                    # indem sie … aufforderte:" has a later clause with its own subject
                    np = None
                if np is not None and s.toks[verb + 1].low in ("er", "sie", "wir", "ich"):
                    # "Die Arbeit der Koalition lobte er mit den Worten:": the
                    # phrase before the verb is its object, the pronoun after it speaks
                    np = (verb + 1, verb + 2)
                if (
                    np is not None
                    and not _not_subject(s.toks, np)
                    and s.toks[np[0]].low not in lex.ADVERBS
                    and s.toks[np[0]].low not in ("derzeit", "dazu", "damals", "heute")
                ):
                    spk, how = _tokspan(s.toks, np), "intro_colon"
        # (c) the sentence before introduces the quote: it ends with ":" or
        # has a cue, and the quote opens its own sentence
        starts_sentence = not [t for t in sents[si].toks if t.start < d.open_at]
        if cue is None and spk is None and si > 0 and starts_sentence:
            p = sents[si - 1]
            if (
                p.toks
                and cue_map[p.idx]
                and (
                    p.toks[-1].text == ":"
                    or not any(
                        q.start >= p.start and q.end <= p.end + 1
                        for q in reversed(quotes[-8:])
                        if q.kind == "direct"
                    )
                )
            ):
                c = cue_map[p.idx][-1]
                spk, cue = _tokspan(p.toks, _speaker_for_cue(p.toks, c, 0)), c.lemma
                how = "intro_colon" if p.toks[-1].text == ":" else "intro_sentence"
                if p.toks[-1].text == ":":
                    used_cues.add((p.idx, c.i))
            elif p.toks and p.toks[-1].text == ":":
                np = _np_backward(p.toks, 0, _first_verbish(p.toks, 0, len(p.toks)))
                if np is not None:
                    spk, how = _tokspan(p.toks, np), "intro_colon"
        # (d) continuation of the previous quote's speaker
        if cue is None and last_speaker is not None and si - last_speaker[0] <= 2:
            spk, how = last_speaker[1], "continuation"
        q = _make(text, d.start, d.end, "direct", cue, spk, how)
        if q is not None:
            quotes.append(q)
            last_speaker = (ei, spk, cue)

    # ---- indirect quotes
    for s in sents:
        toks = s.toks
        n = len(toks)
        if not n:
            continue
        found: list[Quote] = []
        cues = [c for c in cue_map[s.idx] if (s.idx, c.i) not in used_cues]
        # tails: ", sagte das Büro." / "…zu reagieren sagten Außenministerien."
        tail_start: int | None = None
        tail_quote: Quote | None = None
        for c in cues:
            if c.en:
                tail_quote = _en_tail(text, s, c, inside_direct)
                if tail_quote is not None:
                    tail_start = _tail_comma(toks, c.i)
                    used_cues.add((s.idx, c.i))
                    break
                continue
            if c.lemma == "drohen":
                continue  # "…, droht eine Rezession": a threat, not a reporting tail
            pq = _perfect_tail(text, s, c, inside_direct)
            if pq is not None:
                tail_start, tail_quote = _tail_comma(toks, c.i), pq
                used_cues.add((s.idx, c.i))
                break
            np = _np_forward(toks, c.i + 1, n)
            after = np[1] if np else c.i + 1
            while (
                after < n
                and (toks[after].low in lex.PARTICLES_DE or toks[after].low in ("weiter",))
                # a separated particle closes its clause; "schreibt X auf seiner
                # Website" opens a place adverbial with "auf"
                and (after + 1 >= n or toks[after + 1].text in _PUNCT)
            ):
                after += 1
            rest = [
                t for t in toks[after:] if t.text not in _END_PUNCT and t.text not in _QUOTE_CHARS
            ]
            prev = toks[c.i - 1] if c.i else toks[0]
            explicit = prev.text == "," or prev.text in _QUOTE_CHARS
            # after an explicit ", sagte X" a short adverbial may follow
            # ("gegenüber der Zeitung", "am Freitag"), but no further clause
            rest_ok = not rest or (
                explicit
                and len(rest) <= 12
                and not any(t.text in ",;:" or t.low in lex.SUBORD_COMPLEMENT for t in rest)
                and (
                    rest[0].low in lex.PREPOSITIONS
                    or rest[0].low in lex.ADVERBS
                    # the addressee: "…, sagte X dem Fernsehsender „Al Jazeera“."
                    or (rest[0].low in _DATIVE_DET and len(rest) >= 2 and rest[1].cap)
                )
            )
            if np is None or not rest_ok or c.i < 4 or toks[np[0]].low in _OBJECT_ONLY:
                continue  # "kritisierten den Einsatz": an object, not a speaker
            if prev.text == "," and not _clause_like(toks[: c.i - 1]):
                continue  # "Die Politikerin der Grünen, Anja Hajduk, kritisierte die Pläne"
            if (
                prev.text == ","
                or prev.text in _QUOTE_CHARS
                or (
                    c.i >= 6
                    and prev.text[:1].islower()
                    and prev.low not in lex.DETERMINERS
                    and prev.low not in ("und", "oder", "sowie", "aber")  # "…und erklärte seinen Rücktritt"
                )
            ):
                # without a comma only after a verb-final clause ("…zu reagieren
                # sagten Außenministerien"), not after a subject ("Die
                # Abgeordneten X und Y kritisierten den Einsatz": speaker and
                # message would be swapped)
                if inside_direct(toks[c.i - 1].start):
                    continue
                a, b = _content_trim(
                    text,
                    s.start,
                    toks[c.i - 1].end if prev.text not in ",”“" else toks[c.i - 1].start,
                )
                tail_start = c.i - (1 if prev.text == "," else 0)
                tail_quote = _make(
                    text, a, b, "indirect", c.lemma, _tokspan(toks, np), "tail_cue"
                )
                used_cues.add((s.idx, c.i))
                break
        # ", so Cho." tail
        if tail_quote is None:
            for k in range(3, n - 1):
                if toks[k].low == "so" and toks[k - 1].text == ",":
                    np = _np_forward(toks, k + 1, n)
                    rest = (
                        [
                            t
                            for t in toks[np[1] :]
                            if t.text not in _END_PUNCT and t.text not in _QUOTE_CHARS
                        ]
                        if np
                        else []
                    )
                    if np and (
                        not rest
                        or (
                            len(rest) <= 12
                            and rest[0].low in lex.PREPOSITIONS
                            and not any(t.text in ",;:" for t in rest)
                        )
                    ):
                        if inside_direct(toks[k].start):
                            break
                        a, b = _content_trim(text, s.start, toks[k - 1].start)
                        tail_start = k - 1
                        tail_quote = _make(
                            text, a, b, "indirect", "sagen", _tokspan(toks, np), "tail_so"
                        )
                        break
        # ", heißt es (in X)."
        for k in range(1, n - 1):
            if (
                toks[k].low in ("heißt", "hieß")
                and toks[k + 1].low == "es"
                and toks[k - 1].text == ","
                and tail_quote is None
            ):
                np = None
                if k + 2 < n and toks[k + 2].low in ("in", "im", "aus", "von"):
                    np = _np_forward(toks, k + 3, n)
                    # "aus Regierungskreisen in Seoul": the place says whose circles
                    if np and np[1] + 1 < n and toks[np[1]].low == "in" and toks[np[1] + 1].cap:
                        np = (np[0], np[1] + 2)
                a, b = _content_trim(text, s.start, toks[k - 1].start)
                tail_start = k - 1
                tail_quote = _make(
                    text, a, b, "indirect", "heißen", _tokspan(toks, np), "heisst_es"
                )
        hq = _heisst_es_front(text, s, inside_direct) if tail_quote is None else None
        if hq is not None:
            found.append(hq)
        # ", wie X mitteilte." tails
        if tail_quote is None:
            for c in cues:
                k = c.i - 1
                while k >= 0 and toks[k].text not in _PUNCT and toks[k].low != "wie":
                    k -= 1
                appo = None
                if k >= 0 and toks[k].text == ",":
                    k = _wie_over_apposition(toks, k, c.i)
                    if toks[k].low == "wie":
                        # the speaker with its apposition, up to the cue
                        appo = (k + 1, c.i - 1 if toks[c.i - 1].text == "," else c.i)
                if k >= 1 and toks[k].low == "wie" and toks[k - 1].text == ",":
                    end_ok = all(
                        t.text in _END_PUNCT or t.text in _QUOTE_CHARS for t in toks[c.i + 1 :]
                    ) or (c.i + 1 < n and toks[c.i + 1].text == ",")
                    if end_ok and not inside_direct(toks[k].start):
                        np = appo or _wie_speaker(toks, k + 1, c.i)
                        a, b = _content_trim(text, s.start, toks[k - 1].start)
                        if c.i + 1 < n and toks[c.i + 1].text == ",":
                            # "Wie X mitteilte, …" mid-sentence: report the rest
                            pass
                        tail_start = k - 1
                        tail_quote = _make(
                            text, a, b, "indirect", c.lemma, _tokspan(toks, np), "wie_tail"
                        )
                        used_cues.add((s.idx, c.i))
                        break
                m = c.i + 1
                while m < n and toks[m].low in _AUX:
                    m += 1
                if m < n and toks[m].text != ",":
                    m = c.i + 1  # the auxiliary is the main clause's verb
                if (
                    k == 0
                    and toks[0].low == "wie"
                    and m < n
                    and toks[m].text[0].isalnum()
                    or (k == 0 and toks[0].low == "wie" and m < n and toks[m].text == ",")
                ):
                    # "Wie die Polizei mitteilte(,) wurden …" (MT drops the comma)
                    np = appo or (
                        _speaker_for_cue(toks, c, 0)
                        if c.lemma == "verlauten"
                        else _wie_speaker(toks, 1, c.i)
                    )
                    a, b = _content_trim(
                        text, toks[m].end if toks[m].text == "," else toks[m].start, s.end
                    )
                    q = _make(text, a, b, "indirect", c.lemma, _tokspan(toks, np), "wie_front")
                    if q:
                        found.append(q)
                    used_cues.add((s.idx, c.i))
        limit_tok = tail_start if tail_start is not None else n

        # verb cues with a complement clause
        cue_positions = sorted(c.i for c in cues)
        for c in cues:
            if (s.idx, c.i) in used_cues or c.i >= limit_tok:
                continue
            # the complement starts after the first comma/colon after the cue
            # (the speaker NP may stand between: "sagte Cho, …")
            j = c.i + 1
            stop_j = min(limit_tok, n)
            via_that = False
            if c.en:
                k = j
                while (
                    k < stop_j and toks[k].text not in ",:" and toks[k].low != "that" and k - j < 8
                ):
                    k += 1
                if (
                    k < stop_j
                    and toks[k].text == ","
                    and toks[j].text[0].isalpha()
                    and (toks[j].low in _EN_SUBJECT or _en_clause(toks[j:k]))
                ):
                    comp_start = j  # "said she is an independent, although …"
                elif k < stop_j and (toks[k].low == "that" or toks[k].text in ",:"):
                    comp_start = k + 1
                    via_that = toks[k].low == "that"
                    if toks[k].text == ",":
                        # "said — on Twitter, as it happens — that Trump raised …"
                        m = next(
                            (m for m in range(k + 1, min(stop_j, k + 10)) if toks[m].low == "that"),
                            None,
                        )
                        if m is not None and toks[k + 1].low in lex.NOT_SPEECH_COMPLEMENT_EN:
                            comp_start, via_that = m + 1, True
                elif k == j or toks[j].low not in lex.PREPOSITIONS:
                    comp_start = j
                    if c.lemma == "tell":
                        # "told reporters he had no regrets": skip the addressee
                        obj = _np_forward(toks, j, stop_j, en=True)
                        if (
                            obj is not None
                            and obj[1] < stop_j
                            and _en_clause(toks[obj[1] : stop_j])
                        ):
                            comp_start = obj[1]
                else:
                    continue
            else:
                if any(q.start <= toks[c.i].start < q.end for q in found):
                    continue  # a cue inside reported speech: nested, not top level
                spk = _speaker_for_cue(toks, c, 0)
                k = j
                if spk is not None and spk[0] > c.i:
                    k = max(k, spk[1])  # "sagte der Berater der USA, Jake Sullivan, …"
                while k < stop_j and toks[k].text not in ",:" and toks[k].text not in _QUOTE_CHARS:
                    k += 1
                if k >= stop_j or toks[k].text not in ",:":
                    continue
                k2 = _skip_to_dass(toks, k, stop_j)
                if (
                    k2 > k
                    and spk is not None
                    and spk[0] > c.i
                    and spk[1] == k
                    and (toks[k + 1].cap or toks[k + 1].low in lex.DETERMINERS)
                    and toks[k + 1].low not in lex.PREPOSITIONS
                ):
                    # "sagte Li Fei, der stellvertretende Vorsitzende …, dass": the
                    # apposition belongs to the speaker
                    e = k + 1
                    while e < k2 and toks[e].text != ",":
                        e += 1
                    spk = (spk[0], e)
                k = k2
                comp_start = k + 1
            # end: before a following cue's clause (", und erklärt, …") or the tail
            comp_end = stop_j
            for p in cue_positions:
                if p > comp_start + 1:
                    m = p - 1
                    while m > comp_start and toks[m].text != ",":
                        m -= 1
                    if (
                        m > comp_start
                        and any(t.low in ("und", "sowie") for t in toks[m:p])
                        and p - m <= 3
                    ):
                        comp_end = min(comp_end, m)
            if comp_start >= comp_end:
                continue
            comp = toks[comp_start:comp_end]
            first = comp[0].low
            if first in lex.NOT_SPEECH_COMPLEMENT:
                continue
            if (
                c.en
                and not via_that
                and (
                    first in lex.NOT_SPEECH_COMPLEMENT_EN
                    or (c.lemma not in _EN_BARE and not _en_clause(comp))
                )
            ):
                continue  # "announced a new plan", "added, before leaving"
            ok = (
                first in lex.SUBORD_COMPLEMENT
                or _has_konj(comp[:12])
                or _has_zu_infinitive(comp)
                or c.en
                or (
                    c.lemma in lex.SAY_CORE_DE
                    and _v2_clause(comp)
                    and _bare_cue(toks, c.i, spk if not c.en else None, comp_start)
                )
            )
            if not ok:
                continue
            if comp[0].text in _QUOTE_CHARS and inside_direct(comp[0].start) and not via_that:
                continue  # "sagte: „…“" is handled as a direct quote
            a, b = _content_trim(text, comp[0].start, comp[-1].end)
            if c.en:
                spk = _speaker_for_cue(toks, c, 0)
            how = "complement_en" if c.en else "complement"
            q = _make(text, a, b, "indirect", c.lemma, _tokspan(toks, spk), how)
            if q is not None:
                found.append(q)
                used_cues.add((s.idx, c.i))
        if tail_quote is not None:
            found.append(tail_quote)

        # source phrases: laut X / X zufolge / nach Angaben von X / according to X
        if not any(True for _ in found):
            sq = _source_phrase(text, s, toks, inside_direct)
            if sq is not None:
                found.append(sq)
        # "… . Das teilte die Polizei mit.": the sentence before is what was said
        if not found and lang == "de" and s.idx > 0:
            pq = _pointer_quote(text, sents[s.idx - 1], s, cues, quotes, inside_direct)
            if pq is not None:
                found.append(pq)
        # "Merkel forderte einen Neuanfang.": reported speech without a complement
        if not found and lang == "de" and REPORTED:
            rq = _reported_quote(text, s, cues, inside_direct)
            if rq is not None:
                found.append(rq)
        quotes.extend(found)

    # ---- free indirect continuation (Konjunktiv sentence after a quote)
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
        if prev_q is not None:
            if not _has_konj(s.toks):
                continue
            if not _has_konj1(s.toks):
                cont = "konjunktiv2_continuation"
            elif prev_q.kind == "direct":
                cont = "konjunktiv_after_direct"
        else:
            cont = "konjunktiv_distant"
            # two or three sentences back: only a clear Konjunktiv I carries over,
            # from the nearest quote or speech cue (that found no complement)
            if not _has_konj1(s.toks):
                continue
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
    quotes.extend(extra)
    # an indirect quote that is mostly a direct one ("„…“, so X.") is dropped
    direct_iv = _Intervals([(q.start, q.end) for q in quotes if q.kind == "direct"])
    quotes = [
        q
        for q in quotes
        if q.kind == "direct" or direct_iv.max_overlap(q.start, q.end) <= 0.5 * (q.end - q.start)
    ]
    quotes.sort(key=lambda q: (q.start, q.end))
    if lang == "en":
        for q in quotes:
            _en_fix_speaker(text, q)

    _score_speakers(quotes, lang)
    if entities:
        resolve_speakers(text, quotes, entities)
    _abstain(quotes, SPEAKER_THRESHOLD if min_confidence is None else min_confidence)
    return quotes


# English verbs whose bare complement is taken without a clause test
# ("said Tuesday the deal …", "says Trump leads"); others need "that" or a clause.
_EN_BARE = frozenset("say tell add write".split())
_EN_SUBJECT = frozenset("he she they it we i you".split())

_NACH_FOLLOW = frozenset("von vom des der aus".split())  # "nach Angaben aus Seoul"


#: the reported-speech rule (:func:`_reported_quote`) is on
REPORTED = True


_RELATIVE_OPEN = frozenset("der die das dem den denen deren dessen welche welcher welches".split())


def _v2_clause(comp: Sequence[_Tok]) -> bool:
    """Is ``comp`` a main clause with its finite verb second (``die USA hielten sich
    an …``)?  After a plain speech verb such a clause is what was said, even in the
    indicative.  A relative clause (``Merkel, die seit 2005 regiert, …``) ends its
    first segment with the verb and is no main clause; a preposition
    (``ohne …``) opens an adverbial.
    """
    seg = []
    for t in comp:
        if t.text in _PUNCT or t.text in _QUOTE_CHARS:
            break
        seg.append(t)
    if len(seg) < 3 or seg[0].low in lex.PREPOSITIONS or seg[0].low in lex.NOT_SPEECH_COMPLEMENT:
        return False
    if not (seg[0].cap or seg[0].low in lex.DETERMINERS or seg[0].low in lex.PRONOUNS_DE):
        return False
    for v in range(1, min(len(seg) - 1, 5)):
        t = seg[v]
        if (
            t.text[:1].islower()
            and t.low not in lex.DETERMINERS
            and t.low not in lex.PREPOSITIONS
            and t.low not in lex.ADVERBS
            and (t.low in _AUX or t.low in lex.KONJ_FORMS or _VERB_END.search(t.low))
        ):
            # a finite verb with more of the clause after it
            return not (seg[0].low in _RELATIVE_OPEN and v == len(seg) - 1)
    return False


def _bare_cue(toks: list[_Tok], cue_i: int, spk: tuple[int, int] | None, comp_start: int) -> bool:
    """Does only the speaker or an adverbial stand between the cue and the comma?

    ``sagte Rice am Montag, …`` introduces what follows; ``erklärte die
    Ausschreibung für fehlerhaft, der Auftrag wurde …`` has an object and joins two
    main clauses.
    """
    a = spk[1] if spk is not None and spk[0] > cue_i else cue_i + 1
    gap = [t for t in toks[a : comp_start - 1] if t.low not in lex.PARTICLES_DE]
    return not gap or gap[0].low in lex.PREPOSITIONS or gap[0].low in lex.ADVERBS


_DATIVE_DET = frozenset("dem der einem einer".split())
_SO_OBJECT = frozenset("ihn sie es ihm ihr ihnen das dies".split())
_HEISST_FILL = frozenset("weiter zudem außerdem ferner auch dazu unter anderem etwa".split())


def _heisst_es_front(text: str, s: _Sent, inside_direct) -> Quote | None:
    """``In einer Erklärung des Präsidenten heißt es, der Cyberspace sei …``.

    A sentence that opens with ``in``/``im``/``aus`` + the document, then
    ``heißt es`` and a comma or colon: the rest is reported speech (it needs a
    ``dass``/``ob`` clause or a Konjunktiv verb); the document is the source.
    """
    toks = s.toks
    n = len(toks)
    if n < 6 or toks[0].low not in ("in", "im", "aus"):
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
    if any(t.text not in _END_PUNCT and t.text not in _QUOTE_CHARS for t in toks[c.i + 1 :]):
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
    if np is None:
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
        if b == cue_i and not seg:
            continue  # "…, Arminda Thomas, mitteilte": the closing comma
        if not seg or not (seg[0].cap or seg[0].low in lex.DETERMINERS) or not seg[-1].cap:
            return k
    return j

_POINTER = frozenset("das dies dieses".split())
_FIRST_SECOND = frozenset("ich wir ihr du man".split())


def _pointer_quote(text: str, p: _Sent, s: _Sent, cues, quotes, inside_direct) -> Quote | None:
    """``… . Das teilte das Institut mit.``: a demonstrative object, a cue and its
    subject point back at the sentence before, which is the quote (as a tail
    ``…, teilte das Institut mit``)."""
    toks = s.toks
    if len(toks) < 4 or toks[0].low not in _POINTER or not p.toks:
        return None
    c = next((c for c in cues if c.i == 1 and not c.en), None)
    if c is None or inside_direct(toks[0].start) or inside_direct(p.toks[-1].start):
        return None
    k = 2
    while k < len(toks) and toks[k].low in lex.ADVERBS:
        k += 1
    np = _np_forward(toks, k, len(toks))
    if np is None or toks[np[0]].low in _OBJECT_ONLY or toks[np[0]].low in _FIRST_SECOND:
        return None  # "Das sage ich Ihnen": the speaker's own words, no report
    if toks[np[0]].text == "Sie" or p.toks[-1].text == "?":
        return None  # formal "Sie", or a question before: a dialogue, not a report
    rest = [t for t in toks[np[1] :] if t.text not in _END_PUNCT and t.low not in lex.PARTICLES_DE]
    if len(rest) > 10 or any(t.text in ",;:" or t.low in lex.SUBORD_COMPLEMENT for t in rest):
        return None  # "Das sagte er, als …": a clause of its own
    if any(q.end > p.start and q.start < p.end for q in quotes):
        return None  # the sentence before is already a quote
    a, b = _content_trim(text, p.start, p.end)
    if b - a < 15:
        return None
    return _make(text, a, b, "indirect", c.lemma, _tokspan(toks, np), "tail_cue")


def _source_phrase(text: str, s: _Sent, toks: list[_Tok], inside_direct) -> Quote | None:
    n = len(toks)
    for k, t in enumerate(toks):
        if inside_direct(t.start):
            continue
        low = t.low
        span = None  # (phrase_start_tok, phrase_end_tok, speaker span)
        cue = None
        if low in ("laut", "gemäß") and k + 1 < n:
            np = _np_forward(toks, k + 1, n)
            if np and toks[np[0]].low in _OBJECT_ONLY and np[1] - np[0] > 1:
                np = (np[0] + 1, np[1])  # "laut einem Jury-Mitglied": the dative article
            if np:
                span, cue = (k, np[1], np), "laut"
        elif low == "zufolge" and k > 0:
            # NP before "zufolge": back to a comma / sentence start / preposition
            j = k - 1
            while (
                j >= 0
                and k - j <= 10
                and (
                    toks[j].cap
                    or toks[j].low in lex.DETERMINERS
                    or _adj_like(toks[j])
                    or toks[j].text[0].isdigit()
                    or (toks[j].low in ("von", "vom", "der", "des") and j > 0)
                    or (toks[j].low == "und" and j > 0 and toks[j - 1].cap and toks[j + 1].cap)
                    or toks[j].text in _QUOTE_CHARS
                )
            ):
                if toks[j].cap and j == 0:
                    j -= 1
                    break
                j -= 1
            np = (j + 1, k)
            if toks[np[0]].low in lex.PREPOSITIONS and np[1] - np[0] > 1:
                np = (np[0] + 1, k)
            if np[1] > np[0]:
                span, cue = (j + 1, k + 1, np), "zufolge"
        elif low == "demnach" and k == 0 and n > 4:
            # "Demnach sollen …": reports the source of the sentence before
            a, b = _content_trim(text, toks[1].start, s.end)
            return _make(text, a, b, "indirect", "demnach", None)
        elif low in ("nach", "according") and k + 1 < n:
            j = k + 1
            if low == "according":
                if toks[j].low != "to":
                    continue
                np = _np_forward(toks, j + 1, n, en=True)
                if np:
                    span, cue = (k, np[1], np), "according to"
            else:
                while j < n and (toks[j].low in lex.DETERMINERS or _adj_like(toks[j])):
                    j += 1
                if j < n and toks[j].cap and toks[j].low.endswith(lex.SOURCE_NOUN_SUFFIXES):
                    head = j
                    if j + 1 < n and toks[j + 1].low in _NACH_FOLLOW:
                        # "nach Angaben der Polizei" / "nach Angaben von X" / "… aus Seoul"
                        np = _np_forward(
                            toks, j + (1 if toks[j + 1].low in ("des", "der") else 2), n
                        )
                        if np:
                            span, cue = (k, np[1], np), "nach Angaben"
                    elif (
                        j + 2 < n
                        and _adj_like(toks[j + 1])
                        and not toks[j + 1].cap
                        and toks[j + 2].cap
                    ):
                        # "nach Einschätzung westlicher Geheimdienste": a genitive without article
                        np = _np_forward(toks, j + 1, n)
                        if np:
                            span, cue = (k, np[1], np), "nach Angaben"
                    if span is None:
                        np = _np_forward(toks, k + 1, n)
                        if np:
                            span, cue = (k, max(np[1], head + 1), np), "nach Angaben"
        if span is None:
            continue
        ps, pe, np = span
        who: tuple[int, int] | None = np
        if np[1] - np[0] == 1 and toks[np[0]].low in lex.DETERMINERS:
            who = None  # "…, der zufolge …": a relative pronoun names nobody
        # content: the rest of the sentence without the phrase
        if ps <= 1:
            a, b = _content_trim(text, toks[pe].start if pe < n else s.end, s.end)
        elif pe >= n - 1 or (pe < n and toks[pe].text in _END_PUNCT):
            a, b = _content_trim(text, s.start, toks[ps].start)
        elif cue != "according to" and toks[ps - 1].text in (",", ";", ":") and n - pe >= 3:
            # "…, Orbán zufolge gefährden sie den Frieden": the clause it opens
            a, b = _content_trim(text, toks[pe].start, s.end)
        else:
            a, b = _content_trim(text, s.start, s.end)
        if b - a < 10:
            return None
        return _make(text, a, b, "indirect", cue, _tokspan(toks, who), f"source_{cue}")
    return None


# Reporting verbs whose report needs no complement clause: "X forderte den
# Rücktritt", "X warnte vor …" (the object or the rest of the clause is what was
# said); "sprechen" only with "von", "bezeichnen" only with "als" (_REPORTED_EXTRA).
_REPORTED_LEMMAS = frozenset(
    """fordern verlangen warnen appellieren mahnen vorschlagen
    aufrufen zusagen befürchten vermuten""".split()
)
# Tried and left out (training/quotes/README.md): announcements with a plain object
# ("gab die Entscheidung bekannt", "kündigte Widerstand an") and stances
# ("kritisierte", "bestritt", "wies … zurück"): right speakers, but reports that
# news annotation mostly leaves out, so shown precision fell on news dev.
_REPORTED_EXTRA = {"sprechen": ("von",), "bezeichnen": ("als",), "berichten": ("von", "über")}
# bare plural or group nouns: a common noun, no named speaker
_GROUP_NOUNS = frozenset(
    """kritiker experten anwohner beobachter ermittler demonstranten gegner befürworter
    politiker ärzte forscher wissenschaftler analysten umweltschützer gewerkschaften
    verbände behörden medien augenzeugen zeugen abgeordnete vertreter sprecher
    bürger eltern lehrer schüler studenten anwälte ökonomen mitglieder teilnehmer
    angehörige aktivisten opfer bewohner landwirte bauern händler unternehmen""".split()
)
_PARTY_NAMES = frozenset("grünen linke linken union".split())
# adverbs of manner that open a sentence before an inverted subject ("Scharf kritisierte X")
_MANNER = frozenset(
    """scharf heftig deutlich vehement energisch massiv lautstark entschieden
    nachdrücklich eindringlich dringend ausdrücklich öffentlich zugleich da dort""".split()
)
# "forderte zwölf Todesopfer": the verb's other sense
_CASUALTIES = frozenset(
    "opfer todesopfer tote toten menschenleben leben verletzte verletzten".split()
)
_PLACE_BEFORE_VON = frozenset("nähe nördlich südlich östlich westlich unweit".split())
_PASSIVE = frozenset("wurde wurden wird werden worden".split())


def _named(toks: list[_Tok], np: tuple[int, int]) -> bool:
    """Does the noun phrase name someone (a name, an acronym, a party, ``er``/``sie``
    standing for a name), rather than a bare common noun (``Der Minister``,
    ``Kritiker``)?"""
    a, b = np
    ws = toks[a:b]
    if b - a == 1 and ws[0].low in ("er", "sie"):
        return True  # a pronoun: resolved to the entity before it (resolve_speakers)
    if any(t.text.isalpha() and t.text.isupper() and len(t.text) >= 2 for t in ws):
        return True  # "Die SPD", "die UN"
    if any(t.low in _PARTY_NAMES and t.cap for t in ws) and ws[0].low in ("die", "der"):
        return True  # "Die Grünen", "die Linke"
    caps = [k for k in range(a, b) if toks[k].cap and toks[k].low not in lex.DETERMINERS]
    if any(k + 1 in caps and toks[k + 1].low not in _GROUP_NOUNS for k in caps):
        return True  # "Innenminister Schäuble", "Angela Merkel", "Amnesty International"
    if b - a == 1 and ws[0].cap and ws[0].low not in lex.DETERMINERS:
        w = ws[0]
        return (
            w.low not in _GROUP_NOUNS
            and w.low not in lex.PRONOUNS_DE
            and not w.low.endswith(
                ("ung", "ungen", "heit", "keit", "schaft", "tion", "ionen", "ium", "innen")
            )
        )  # "Merkel", "Greenpeace"
    return False


def _reported_quote(text: str, s: _Sent, cues, inside_direct) -> Quote | None:
    """Reported speech without a complement clause: ``Merkel forderte einen
    Neuanfang``, ``Scharf kritisierte die SPD den Plan``, ``Die Linke sprach von
    Wahlbetrug``, ``Der Plan wurde von Greenpeace kritisiert``.

    The speaker is the subject of the reporting verb (or the passive agent after
    ``von``) and only when it names someone (:func:`_named`); an object, a
    common noun (``Der Minister``), a pronoun or a clause gives no quote.  The
    message is the rest of the clause after verb and subject.
    """
    toks, n = s.toks, len(s.toks)
    if n < 4 or toks[-1].text == "?" or inside_direct(toks[0].start):
        return None
    extra = [
        _Cue(i, _lemma(t.text))
        for i, t in enumerate(toks)
        if not t.cap
        and t.low.startswith(("spr", "bezeichn", "bericht"))
        and _lemma(t.text) in _REPORTED_EXTRA
    ]
    for c in sorted([*cues, *extra], key=lambda c: c.i):
        if c.en or inside_direct(toks[c.i].start):
            continue
        lem = c.lemma
        need = _REPORTED_EXTRA.get(lem)
        if lem not in _REPORTED_LEMMAS and need is None:
            continue
        # only a main-clause verb: no comma before it in the sentence
        if any(t.text in ",;:()" or t.text in _QUOTE_CHARS for t in toks[: c.i]):
            continue
        end = n - 1 if toks[-1].text in _END_PUNCT else n
        for k in range(c.i + 1, end):
            if toks[k].text in ",;:" or toks[k].text in _QUOTE_CHARS:
                end = k
                break
        if need is not None and not any(t.low in need for t in toks[c.i + 1 : end]):
            continue
        if lem == "fordern" and any(t.low in _CASUALTIES for t in toks[:end]):
            continue  # "Zwölf Todesopfer forderte ein Taifun": claimed lives, no speech
        if need is not None and "von" in need and toks[end - 1].low in lex.PARTICLES_DE:
            continue  # "sprach sich für … aus": aussprechen, not "sprechen von"
        low = toks[c.i].low
        if c.i and (toks[c.i - 1].low in lex.DETERMINERS or toks[c.i - 1].low == "und"):
            continue  # "dem geforderten Strafmaß"; "… und forderten": the subject is earlier
        if low.startswith("ge") and low.endswith(("ten", "tem", "ter", "tes", "te")):
            continue  # an attributive participle
        passive = any(t.low in _PASSIVE for t in toks[: c.i]) and (
            c.i == end - 1 or toks[c.i + 1].low == "worden"
        )
        if passive:
            # "Der Plan wurde von Greenpeace scharf kritisiert."
            v = next((k for k in range(c.i) if toks[k].low in ("von", "vom")), None)
            if v is None:
                continue
            np = _np_forward(toks, v + 1, c.i)
            if np is None or np[1] < c.i - 3 or (v and toks[v - 1].low in _PLACE_BEFORE_VON):
                continue  # "in der Nähe von Bergen … gewarnt": a place, not the agent
            aux = next((k for k in range(v) if toks[k].low in _PASSIVE), v)
            a, b = _content_trim(text, s.start, toks[min(aux, v)].start)  # the subject
            if b - a < 2:
                continue
            spk = np if _named(toks, np) else None
            return _make(text, a, b, "indirect", lem, _tokspan(toks, spk), "reported")
        if c.i == 0:
            continue
        np = _np_forward(toks, 0, c.i)
        if (
            np is not None
            and np[1] == c.i
            and toks[0].low not in _OBJECT_ONLY
            and not (np[1] - np[0] == 1 and (toks[0].low in lex.ADVERBS or toks[0].low in _MANNER))
            and not _not_subject(toks, np)
        ):
            after = c.i + 1  # "Merkel forderte …"
        else:
            np = _np_forward(toks, c.i + 1, end)  # "Scharf kritisierte die SPD …"
            if np is None or np[0] != c.i + 1 or toks[np[0]].text[0].isdigit():
                continue
            cut = next((k for k in range(np[0] + 1, np[1]) if toks[k].low in ("von", "vom")), None)
            if need is not None and "von" in need and cut is not None:
                np = (np[0], cut)  # "sprach Merkel von der Möglichkeit …"
            after = np[1]
        if need is not None and "von" in need and (
            after >= end or toks[after].low not in ("von", "vom", *need)
        ):
            continue
        spk = np if toks[np[0]].low not in _OBJECT_ONLY and _named(toks, np) else None
        stop = end
        if c.particle is not None and c.particle < stop:
            stop = c.particle
        if toks[0].low in _OBJECT_ONLY and after <= stop and np[0] == c.i + 1:
            stop, after = c.i, 0  # "Den Rücktritt forderte die CDU": the fronted object
        if stop <= after:
            continue
        a, b = _content_trim(text, toks[after].start, toks[stop - 1].end)
        if b - a < 8:
            continue
        # a common noun as subject ("Kritiker warnten vor …"): the report, no speaker
        return _make(text, a, b, "indirect", lem, _tokspan(toks, spk), "reported")
    return None


_EN_DAYS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december""".split()
)
_EN_FINITE = frozenset(
    """is are was were has have had will would could can should may might did does
    says said tells told asks asked assures""".split()
)
_EN_JOIN = frozenset("as while and after when because but".split())
_EN_RELATIVE = frozenset("who which".split())
_EN_PRON = frozenset("he she they it we i you".split())
_EN_APPOSITION = re.compile(
    r",\s+((?!(?:in|at|on|by|from|with|after|before|during|for|meanwhile|also|who|which|"
    r"that|then|however|too|though|according)\b)(?![a-z]+(?:ing|ly)\b)"
    r"(?:a|an|the|its|his|her|their|[a-z][a-z-]+)\b[^.;:,“”\"\n]{1,150}?),?\s+"
    r"(?:said|says|told|tells|wrote|writes|added|adds|explained|noted|argued|stated|tweeted"
    r"|warned|insisted|claimed)\b"
)
_EN_TITLE_BEFORE = re.compile(
    r"(?<![\w.])(?:Sen|Gov|Lt|Rep|Dr|Rev|Gen|Col|Sgt|Mr|Mrs|Ms|Prof|Sec|Amb)\. $"
)
_EN_WORD = re.compile(r"[\w’'.-]+")


def _en_fix_speaker(text: str, q: Quote) -> None:
    """English speaker spans that are not a noun phrase (PolNeAR train, read by hand):

    * a dateline (``WASHINGTON —``) or a date (``Monday``, ``Tuesday at …``): none;
    * a clause ending in a relative pronoun (``business leaders who``): the pronoun;
    * a clause with a second subject after a conjunction (``Clinton beamed as she``,
      ``a woman asked for a photo and Clinton``): that subject;
    * a name followed by its verb (``He criticized Clinton’s track record``,
      ``Graham assures his audience he will``): the name;
    * ``according to early results of exit polls …``: the whole phrase up to the comma;
    * a noun apposition between name and verb (``Kevin Brady, chairman of …, said``)
      joins the speaker (not an adverbial: ``Trump, in Kentucky, said``);
    * title abbreviations right before a name (``Lt. Gov. Dan Patrick``) join it.
    """
    if q.speaker_start is None:
        return
    a, b = q.speaker_start, q.speaker_end
    words = [(m.start() + a, m.end() + a, m.group(0)) for m in _EN_WORD.finditer(text[a:b])]
    if not words:
        return

    def set_span(x: int, y: int | None) -> None:
        if y is None:
            q.speaker_start = q.speaker_end = q.speaker_text = None
            q.evidence = ""
        else:
            q.speaker_start, q.speaker_end, q.speaker_text = x, y, text[x:y]

    first = words[0][2]
    nxt = text[b : b + 3].lstrip()
    line_start = a == 0 or text[a - 1] == "\n"
    if (
        len(words) == 1
        and first.isupper()
        and len(first) >= 5
        and (nxt[:1] in "—–-(" or (line_start and nxt[:1] == ","))
    ):
        return set_span(0, None)  # "WASHINGTON — …": the dateline
    if first.lower() in _EN_DAYS:
        return set_span(0, None)
    if q.evidence.startswith("source_according") and len(words) <= 2:
        # "according to early results of the exit polls conducted by …,": to the comma
        end = text.find(",", b, b + 200)
        stop = text.find(".", b, b + 200)
        if end > b and (stop < 0 or end < stop):
            return set_span(a, end)
    if len(words) <= 3 and all(w[2][:1].isupper() for w in words):
        # "Texas Lt. Gov. Dan Patrick", "Vatican spokesman the Rev. Federico Lombardi":
        # titles and capitalised words right before the name belong to it
        x = a
        while True:
            m0 = _EN_TITLE_BEFORE.search(text, max(0, x - 40), x)
            if m0 is None or m0.end() != x:
                break
            x = m0.start()
        if x < a and text[x:a].split()[0].lower() not in _EN_DAYS:
            a = x
            set_span(a, b)
    m = _EN_APPOSITION.match(text, b)
    if m is not None and len(words) <= 4 and words[0][2][:1].isupper():
        # "Kevin Brady, chairman of the House Ways and Means Committee, said": the
        # apposition belongs to the speaker
        return set_span(a, m.end(1))
    if len(words) < 3:
        return
    low = [w[2].lower() for w in words]
    if low[-1] in _EN_RELATIVE:
        return set_span(words[-1][0], words[-1][1])
    for k in range(len(words) - 2, 0, -1):
        if low[k] in _EN_JOIN:
            tail = words[k + 1 :]
            if 1 <= len(tail) <= 4 and (
                tail[0][2].lower() in _EN_PRON or all(w[2][:1].isupper() for w in tail)
            ):
                return set_span(tail[0][0], tail[-1][1])
            break
    if first[:1].isupper() or low[0] in _EN_PRON:
        for k in range(1, min(len(words), 5)):
            w = low[k]
            if w in _EN_FINITE or (w.endswith("ed") and len(w) > 4 and words[k][2].islower()):
                if all(x[2][:1].isupper() for x in words[:k]) or (k == 1 and low[0] in _EN_PRON):
                    return set_span(words[0][0], words[k - 1][1])
                break
