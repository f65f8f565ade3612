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
   own.  A quoted name (``die „Partij voor de Vrijheid“``, ``beim „2.
   Deutschen Klimakongress“``: governed by the word before the mark, capitals
   on at least half its words, no sentence mark) that gets neither a cue nor
   a speaker is no quote either (German only).  The quote's text is what is
   inside the marks.
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
   hinzu``; ``“, hatte X … erklärt``; ``“, so beschrieb ihn X``), at a cue
   before the opening mark in the same sentence (``X sagte: „…“``), at a
   sentence ending in ``:`` just before, and finally takes over the speaker
   of a quote in the sentence just before.
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
   speaker only when it names someone, or, for ``sprechen von`` and
   ``berichten von/über``, describes someone (``Augenzeugen berichteten von
   …``) (:func:`_reported_quote`).  A sentence
   right after a quote that has a Konjunktiv verb and no cue of its own
   continues that speaker's indirect speech; a run of such sentences with one
   speaker is one quote (a passage, as a reader takes it), not one per sentence.
6. **Confidence**: each speaker gets the estimated share of right speakers
   of the rule that found it (``evidence`` names the rule and the speaker's
   form, e.g. ``tail_cue/pronoun``; the table, calibrated only on data that
   may train a shipped model, is in :mod:`lagebild.enrich._speakers`).
7. **Speaker entities** (only when ``entities`` are given), see
   :func:`resolve_speakers`; the evidence names how the entity was found.
8. **Abstention**: below ``min_confidence`` (default
   :data:`SPEAKER_THRESHOLD`) the speaker is dropped, the quote stays.

Offsets always point into ``text``.  The rules never look past a sentence
except in steps 1, 4 and 5 (previous sentence / following sentence).  The
sequence is here; the sentence rules it calls and their helpers are in
:mod:`lagebild.enrich._quote_rules` and :mod:`lagebild.enrich._quote_reported`,
tokens and cues in :mod:`lagebild.enrich._quote_syntax`, speaker noun phrases in
:mod:`lagebild.enrich._quote_phrases`, word lists in :mod:`lagebild.enrich._quote_lex`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from lagebild.enrich import _quote_lex as lex
from lagebild.enrich._quote_reported import _reported_quote
from lagebild.enrich._quote_rules import (
    _COPULA,
    _DATIVE_DET,
    _OBJECT_ONLY,
    _PERFECT_AUX,
    _SO_OBJECT,
    _apposition_tail,
    _bare_cue,
    _clause_like,
    _colon_subject,
    _content_trim,
    _en_tail,
    _heisst_es_front,
    _make,
    _merge_passages,
    _perfect_tail,
    _pointer_quote,
    _quoted_name,
    _sentences_of,
    _skip_to_dass,
    _source_phrase,
    _tail_comma,
    _tokspan,
    _v2_clause,
    _wie_over_apposition,
    _wie_speaker,
)
from lagebild.enrich._quote_phrases import (
    _OPENING_SUBORD,
    _en_clause,
    _first_verbish,
    _not_subject,
    _np_backward,
    _np_forward,
    _speaker_for_cue,
)
from lagebild.enrich._quote_syntax import (
    _AUX,
    _END_PUNCT,
    _PASSIVE_AUX,
    _PUNCT,
    _QUOTE_CHARS,
    _Cue,
    _Sent,
    _direct_spans,
    _find_cues,
    _has_konj,
    _has_konj1,
    _has_zu_infinitive,
    _reportive_sollen,
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
from lagebild.model import Entity, Quote

__all__ = ["SPEAKER_THRESHOLD", "find_quotes", "resolve_speakers"]


# --------------------------------------------------------------------------
# Main


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
            while k < len(s.toks) and (
                s.toks[k].text in _QUOTE_CHARS or s.toks[k].text in ",-–'"
            ):
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
                        and all(
                            t.text not in _PUNCT or _abbrev_period(s.toks, j)
                            for j, t in enumerate(s.toks[k : c.i], start=k)
                        )
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
        # (b4) "Das Buch ist laut einem Jury-Mitglied eine „kluge … Geschichte“": a
        # source phrase outside the marks in the quote's sentence names the speaker
        words = text[d.start : d.end].split()
        if (
            cue is None
            and spk is None
            and lang == "de"
            and sum(w[:1].isupper() for w in words) * 2 < len(words)  # not a quoted name
        ):
            sq = _source_phrase(text, sents[si], sents[si].toks, inside_direct)
            if sq is not None and sq.speaker_start is not None and sq.speaker_end is not None:
                spk, cue, how = (sq.speaker_start, sq.speaker_end), sq.cue, sq.evidence
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
        # a quoted name ("die „Partij voor de Vrijheid“", "beim „2. Deutschen
        # Klimakongress“") with neither cue nor speaker is a noun phrase, not speech
        if (
            cue is None
            and spk is None
            and lang == "de"
            and _quoted_name(text, sents[si], d.open_at, d.start, d.end)
        ):
            continue
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
            if c.lemma in ("drohen", "nennen"):
                # "…, droht eine Rezession": a threat, not a reporting tail; "…, nennt
                # Gewalt ein Verbrechen": a naming clause of its own
                continue
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
                if c.lemma == "nennen":
                    continue  # "Die Predator-Reihe, wie Acer sie nennt": a name, not a report
                k = c.i - 1
                while k >= 0 and toks[k].low != "wie" and (
                    toks[k].text not in _PUNCT or _ordinal_dot(toks, k)
                ):
                    k -= 1  # "wie X in einem Bericht vom 22. August berichtet"
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
                not c.en
                and toks[c.i + 1].low in _PASSIVE_AUX
                and first not in lex.SUBORD_COMPLEMENT
            ):
                continue  # "…, dessen Rücktritt gefordert wird, griff zu …": the main clause
            if (
                not c.en
                and toks[0].low in _OPENING_SUBORD
                and not any(t.text == "," for t in toks[: c.i])
            ):
                if first not in lex.SUBORD_COMPLEMENT:
                    continue  # "Nachdem er sie festgehalten hat, habe er …": the main clause
                # "Nachdem Ermittlungen ergeben hatten, dass …, ermittelte die Polizei":
                # the complement ends where the main clause's verb follows a comma
                m = next(
                    (
                        m
                        for m in range(comp_end - 2, comp_start + 1, -1)
                        if toks[m].text == ","
                        and toks[m + 1].text[:1].islower()
                        and toks[m + 1].low not in _NOT_MAIN_VERB
                    ),
                    None,
                )
                if m is not None:
                    comp = toks[comp_start:m]
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
        # hearsay "soll … haben" marks reported speech as a Konjunktiv I does
        reportive = _reportive_sollen(s.toks)
        if prev_q is not None:
            if not reportive and not _has_konj(s.toks):
                continue
            if not reportive and not _has_konj1(s.toks):
                cont = "konjunktiv2_continuation"
            elif prev_q.kind == "direct":
                cont = "konjunktiv_after_direct"
        else:
            cont = "konjunktiv_distant"
            # two or three sentences back: only a clear Konjunktiv I carries over,
            # from the nearest quote or speech cue (that found no complement)
            if not _has_konj1(s.toks):
                continue  # (hearsay "soll" only right after a quote: alone it is often a plan)
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
    # "X sagte, … . Die Lage sei ernst. Hilfe komme zu spät.": one carried passage
    quotes = _merge_passages(text, quotes)
    if lang == "en":
        for q in quotes:
            if q.kind == "direct":
                m = _EN_DASH_SOURCE.match(text, q.end)
                if m is not None:
                    # "“…” ― Christina Luis": a signed quote (readers' voices, epigraphs)
                    q.speaker_start, q.speaker_end = m.start(1), m.end(1)
                    q.speaker_text, q.evidence = m.group(1), "dash_source"
        # a quote carried on from a tail ("…,” said X, the Y. “…”) shares its speaker span
        # and gets the same noun phrase (apposition included)
        fixed: dict[tuple[int | None, int | None], Quote] = {}
        for q in quotes:
            key = (q.speaker_start, q.speaker_end)
            if q.speaker_start is not None and key in fixed:
                first_q = fixed[key]
                q.speaker_start, q.speaker_end = first_q.speaker_start, first_q.speaker_end
                q.speaker_text = first_q.speaker_text
                if first_q.speaker_start is None:
                    q.evidence = ""
                continue
            _en_fix_speaker(text, q)
            if key[0] is not None:
                fixed[key] = q

    _score_speakers(quotes, lang)
    if entities:
        resolve_speakers(text, quotes, entities)
    _abstain(quotes, SPEAKER_THRESHOLD if min_confidence is None else min_confidence)
    return quotes


# "“…” ― Jorge Falcon": a name of two to four capitalised words after a dash, then the
# end of the line or sentence or the next quote
_EN_DASH_SOURCE = re.compile(
    r"[”\"’]?\s*[―—]\s*((?:[A-Z][\w’'-]+|[A-Z]\.)(?:\s+(?:[A-Z][\w’'-]+|[A-Z]\.)){1,3})"
    r"(?=\s*(?:[.\n]|$|[“\"]))"
)


# title abbreviations whose period is no sentence end ("”, Ms. Moore said.")
_TITLE_ABBREV = frozenset(
    "mr mrs ms dr sen gov rep lt gen col sgt rev prof st jr del amb sec".split()
)


def _ordinal_dot(toks: list, j: int) -> bool:
    """Is ``toks[j]`` the period of an ordinal number (``22. August``, ``2. Liga``)?"""
    return (
        toks[j].text == "."
        and j > 0
        and toks[j - 1].text.isdigit()
        and toks[j - 1].end == toks[j].start
        and j + 1 < len(toks)
        and not toks[j + 1].text[:1] in _QUOTE_CHARS
    )


def _abbrev_period(toks: list, j: int) -> bool:
    """Is ``toks[j]`` the period of a title abbreviation or an initial (``Ms.``, ``J.``)?"""
    if toks[j].text != "." or j == 0:
        return False
    prev = toks[j - 1]
    if prev.end != toks[j].start:
        return False
    return prev.low in _TITLE_ABBREV or (len(prev.text) == 1 and prev.text.isupper())


# English verbs whose bare complement is taken without a clause test
# ("said Tuesday the deal …", "says Trump leads"); others need "that" or a clause.
_EN_BARE = frozenset("say tell add write".split())
_EN_SUBJECT = frozenset("he she they it we i you".split())



#: the reported-speech rule (:func:`_reported_quote`) is on
REPORTED = True

# words after a comma that go on a subordinate clause rather than open the main one
_NOT_MAIN_VERB = (
    lex.SUBORD_COMPLEMENT
    | lex.DETERMINERS
    | lex.PREPOSITIONS
    | frozenset("und oder aber sondern sowie wenn weil da als wie".split())
    | frozenset("die der das denen deren dessen".split())
)


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
# a party tag or a short bracket between the name and its apposition:
# "Rep. G.K. Butterfield (D-N.C.), head of …"
_EN_TAG = r"(?:\s*\([^()\n]{1,30}\))?"
_EN_NOT_APPOSITION = (
    r"(?!(?:in|at|on|by|from|with|after|before|during|for|meanwhile|also|who|which|"
    r"that|then|however|too|though|according)\b)(?![a-z]+(?:ing|ly)\b)"
)
_EN_SAY_VERB = (
    r"(?:said|says|told|tells|wrote|writes|added|adds|explained|noted|argued|stated|tweeted"
    r"|warned|insisted|claimed|stressed|suggested|suggests|announced|acknowledged|predicted"
    r"|contended|asserted|cautioned|countered|recalled|conceded|testified|emphasized)\b"
)
_EN_APPOSITION = re.compile(
    _EN_TAG + r",\s+(" + _EN_NOT_APPOSITION
    + r"(?:a|an|the|its|his|her|their|[a-z][a-z-]+)\b[^.;:,“”\"\n]{1,150}?)"
    # "…, president of the union, which represents …, said": the relative clause of a
    # thing is left out; "…, who has served …, said" (a person's) is kept
    r"(?:,\s+which\b[^.;:“”\"\n]{1,150}?|(,\s+who\b[^.;:“”\"\n]{1,150}?))?,?\s+"
    + _EN_SAY_VERB
)
# "Derek Mitchell, who served as ambassador to Burma until this year, said"
_EN_RELATIVE_FRONT = re.compile(
    _EN_TAG + r"(,\s+who\b[^.;:“”\"\n]{1,150}?),\s+" + _EN_SAY_VERB
)
_EN_TITLE_BEFORE = re.compile(
    r"(?<![\w.])(?:Sen|Gov|Lt|Rep|Dr|Rev|Gen|Col|Sgt|Mr|Mrs|Ms|Prof|Sec|Amb)\. $"
)
_EN_TAIL_HEAD = (
    _EN_TAG + r",\s+((?!(?:in|at|on|by|from|with|after|before|during|for|meanwhile|also|which|"
    r"that|then|however|too|though|according|adding|and|but|as|when|while|if)\b)"
    r"(?![a-z]+(?:ing|ly|ed)\b)"
    r"(?:who|a|an|the|its|his|her|their|[a-z][a-z-]+)\b[^;:“”\"\n]{1,150}?)"
)
# to the sentence end, over the periods of titles and initials ("… met Mr. Clarke.")
_EN_TAIL_APPOSITION = re.compile(
    _EN_TAIL_HEAD + r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\b[A-Z])"
    r"\.(?=\s|$)"
)
# too long for that: up to the first period ("…, an E.U. institution whose …")
_EN_TAIL_APPOSITION_SHORT = re.compile(_EN_TAIL_HEAD + r"\.(?=\s|$)")
_EN_WORD = re.compile(r"[\w’'.-]+")
# "Secretary of State John F. Kerry", "Loretta E. Lynch": the words before a surname
# that follows an initial (the sentence splitter may have cut at the initial)
_EN_INITIAL_BEFORE = re.compile(
    r"(?:(?:[A-Z][\w’'-]*\.?|of)\s+){0,4}?[A-Z][\w’'-]+\s+(?:[A-Z]\.\s+){1,2}$"
)
_EN_TITLE_END = frozenset("rev del sen gov rep dr lt gen col sgt mr mrs ms prof sec amb".split())
_EN_NAME_AFTER = re.compile(r"\.((?:\s+[A-Z][\w’'-]+){1,3})")
# words that open no speaker: adverbs and clause openers taken for a subject
_EN_NO_SPEAKER = frozenset(
    """meanwhile now once however also then still instead later today yesterday here
    there adding going aside saying""".split()
)
_EN_NO_SPEAKER_CLAUSE = frozenset("adding going aside saying".split())
_EN_OPENER = frozenset("but and so even yet then".split())
_EN_SUBJ_PRON = frozenset("he she they i we".split())
_EN_MODAL_END = frozenset("to could would should can will may might must".split())


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

    while text[a:b][:1] in "'\"“”" and a < b:
        a += 1  # "''Secretary Clinton": a quote mark is no part of the speaker
    if a >= b or not text[a:b].strip(" '\""):
        return set_span(0, None)
    if a != q.speaker_start:
        set_span(a, b)
        words = [(m.start() + a, m.end() + a, m.group(0)) for m in _EN_WORD.finditer(text[a:b])]
    low0 = [w[2].lower() for w in words]
    if low0[0] in _EN_NO_SPEAKER:
        if len(words) == 1 or low0[0] in _EN_NO_SPEAKER_CLAUSE:
            # "Meanwhile, it attacked …", "aside from saying he …": no speaker
            return set_span(0, None)
        # "Then someone asked": the adverb is no part of the speaker
        a = words[1][0]
        set_span(a, b)
        words = words[1:]
        low0 = low0[1:]
    if (
        len(words) > 1
        and low0[-1] in _EN_SUBJ_PRON
        and low0[0] not in _EN_SUBJ_PRON
        and (words[0][2].islower() or low0[0] in _EN_OPENER)
        and low0[0] not in _EN_RELATIVE
        and low0[0] != "that"
    ):
        # "even now at 86 she", "but he": the pronoun is the subject
        return set_span(words[-1][0], words[-1][1])
    if (
        len(words) > 2
        and low0[0] in _EN_SUBJ_PRON
        and words[1][2].islower()
        and low0[-1] not in _EN_RELATIVE
    ):
        # "He then defended the remark", "I hope in 2017 America": the pronoun
        return set_span(words[0][0], words[0][1])
    if len(words) <= 2 and all(w[2][:1].isupper() for w in words):
        m = _EN_INITIAL_BEFORE.search(text, max(0, a - 80), a)
        if m is not None:
            a = m.start()
            set_span(a, b)
        elif low0[-1].rstrip(".") in _EN_TITLE_END:
            m = _EN_NAME_AFTER.match(text, b)
            if m is not None:
                return set_span(a, m.end(1))
    if (
        len(words) >= 2
        and low0[-1] in _EN_MODAL_END
        and not any(w in _EN_JOIN or w in _EN_SUBJ_PRON for w in low0)
    ):
        # "Ham went on to", "Donald Trump needs to": the name before its verb
        k = 0
        while k < len(words) and words[k][2][:1].isupper():
            k += 1
        if 0 < k < len(words) - 1:
            return set_span(words[0][0], words[k - 1][1])
    comma = text.find(",", a, b)
    if comma > a and q.end <= a and text[b : b + 1] == ".":
        # "said Ben Hall, a developer who met Mr. Clarke.": the apposition found by the
        # token rules stopped at a title's period; the tail runs to the sentence end
        m = _EN_TAIL_APPOSITION.match(text, comma)
        if m is not None and m.end(1) > b:
            return set_span(a, m.end(1))
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
    m = _EN_TAIL_APPOSITION.match(text, b) or _EN_TAIL_APPOSITION_SHORT.match(text, b)
    if m is not None and q.end <= a and len(words) <= 4 and words[0][2][:1].isupper():
        # "…,” said Erin Brockovich, the environmental activist.": an apposition that
        # runs to the end of the sentence belongs to the speaker of the tail
        return set_span(a, m.end(1))
    m = _EN_APPOSITION.match(text, b)
    if m is not None and len(words) <= 4 and words[0][2][:1].isupper():
        # "Kevin Brady, chairman of the House Ways and Means Committee, said": the
        # apposition belongs to the speaker (with a person's relative clause after it)
        return set_span(a, m.end(2) if m.group(2) else m.end(1))
    m = _EN_RELATIVE_FRONT.match(text, b)
    if m is not None and len(words) <= 4 and all(w[2][:1].isupper() for w in words):
        # "Derek Mitchell, who served as ambassador …, said": the name with its clause
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
                if tail[0][2].lower() in _EN_PRON:
                    tail = tail[:1]  # "That’s when she pointed to": the pronoun
                return set_span(tail[0][0], tail[-1][1])
            break
    if first[:1].isupper() or low[0] in _EN_PRON:
        for k in range(1, min(len(words), 5)):
            w = low[k]
            if w in _EN_FINITE or (w.endswith("ed") and len(w) > 4 and words[k][2].islower()):
                if all(x[2][:1].isupper() for x in words[:k]) or (k == 1 and low[0] in _EN_PRON):
                    return set_span(words[0][0], words[k - 1][1])
                break
