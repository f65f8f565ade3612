"""Direct quotes and their speakers (step 4 of :func:`lagebild.enrich.quotes.find_quotes`).

For every span inside quotation marks: a speech cue in the tail after the closing
mark ("“…”, sagte Cho.", "“…,” said X"), in the sentence before ("Cho sagte: „…“"), or
the speaker of the previous quote carried on; a quoted name with neither ("die „Partij
voor de Vrijheid“") is no speech.  Also the sentence-end tests for ordinals and title
abbreviations.  Private.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lagebild.enrich import _quote_lex as lex
from lagebild.enrich._quote_phrases import (
    _first_verbish,
    _not_subject,
    _np_backward,
    _np_forward,
    _speaker_for_cue,
)
from lagebild.enrich._quote_en_np import extend_name
from lagebild.enrich._quote_phrases_en import _en_main_subject
from lagebild.enrich._quote_rules import (
    _COPULA,
    _OBJECT_ONLY,
    _SO_OBJECT,
    _after_media_noun,
    _colon_subject,
    _make,
    _quoted_name,
    _source_phrase,
    _tokspan,
)
from lagebild.enrich._quote_tails import _PERFECT_AUX, _apposition_tail, _heisst_es_source
from lagebild.enrich._quote_syntax import (
    _END_PUNCT,
    _PUNCT,
    _QUOTE_CHARS,
    _Cue,
    _has_konj,
    _has_zu_infinitive,
    _lemma,
    _Sent,
    _Span,
)
from lagebild.model import Quote


# title abbreviations whose period is no sentence end ("”, Ms. Moore said.")
_TITLE_ABBREV = frozenset(
    "mr mrs ms dr sen gov rep lt gen col sgt rev prof st jr del amb sec".split()
)


def _name_after_cue(s: _Sent, c: _Cue, open_at: int) -> bool:
    """Does the mark stand in the noun phrase after a reporting tail (``…, sagte X, der
    Sprecher der „Y“``, ``…, das teilte das „Y“ mit``)?  Words other than a colon
    between cue and mark, and a comma or a pointer before the cue or a comma after it
    (not ``nennt es ein „Beispiel …“``, a naming of its own)."""
    between = [t for t in s.toks[c.i + 1 :] if t.start < open_at]
    if not between or any(t.text == ":" for t in between):
        return False
    prev = s.toks[c.i - 1].low if c.i else ""
    return prev in (",", "das", "dies") or any(t.text == "," for t in between)


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


_RELATIVE_WORDS = frozenset("der die das dem den denen deren dessen welche welcher".split())


def _own_complement(toks: list, c: _Cue, np: tuple[int, int] | None) -> bool:
    """Is a comma and a complement clause (``dass``/``ob``, a zu-infinitive or a
    Konjunktiv clause) after the cue and its speaker?"""
    e = np[1] if np is not None else c.i + 1
    if c.particle is not None and c.particle >= e:
        e = c.particle + 1
    if e + 1 >= len(toks) or toks[e].text != ",":
        return False
    rest = toks[e + 1 :]
    if len(rest) > 1 and rest[0].low in _RELATIVE_WORDS and not rest[1].cap:
        return False  # "…, schrieb Lopez, die den Auftritt kaum erwarten könne": a relative clause
    return (
        rest[0].low in lex.SUBORD_COMPLEMENT
        or _has_zu_infinitive(rest[:15])
        or _has_konj(rest[:12])
    )


# sentence openers that are no subject ("As the crowd began to chant, …", "Even …")
_NO_EMBEDDED_SUBJECT = frozenset(
    "as even beyond when while if after before since though although because once".split()
)


def _direct_quotes(
    text: str,
    sents: list[_Sent],
    directs: list[_Span],
    cue_map: dict[int, list[_Cue]],
    sent_at: Callable[[int], int],
    inside_direct: Callable[[int], bool],
    lang: str,
) -> tuple[list[Quote], set[tuple[int, int]]]:
    """Step 4 of ``find_quotes``: the direct quotes and their speakers.

    Returns the quotes in the order of ``directs`` and the cues they used up
    (``(sentence index, token index)``), which the indirect rules then skip.
    """
    quotes: list[Quote] = []
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
                        # "„…“, äußerte sich Schavan.": the reflexive before the subject
                        refl = int(
                            c.lemma in ("äußern", "sichzeigen")
                            and k + 1 < len(s.toks)
                            and s.toks[k + 1].low == "sich"
                        )
                        np = _apposition_tail(
                            s.toks, _np_forward(s.toks, k + 1 + refl, len(s.toks), en=c.en)
                        )
                        if not c.en and _own_complement(s.toks, c, np):
                            # "„…“, räumte X ein, davon geträumt zu haben": the cue
                            # introduces what follows it, not the quote before
                            break
                        if (
                            c.lemma == "zitieren"
                            and np is not None
                            and np[1] < len(s.toks)
                            and s.toks[np[1]].low in _OBJECT_ONLY
                        ):
                            # "“, zitiert die Zeitung den Minister.": who is quoted speaks
                            np = _np_forward(s.toks, np[1], len(s.toks)) or np
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
                    if c.en and k < c.i <= k + 60 and s.toks[k].cap:
                        # "''…,'' Lael Brainard, a Fed governor, said in a speech": the name
                        # with its appositions before the verb
                        np = _np_forward(s.toks, k, c.i, en=True)
                        if np is not None and s.toks[np[1]].text in ",(":
                            a0, b0 = s.toks[np[0]].start, s.toks[np[1] - 1].end
                            e = extend_name(
                                text, a0, b0, before_verb=True, verb=re.escape(s.toks[c.i].text)
                            )
                            if e is not None:
                                spk, cue, how = (a0, e), c.lemma, "tail_subject"
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
                if cue is None and k < len(s.toks):
                    # "“ heißt es dazu in einer Pressemitteilung des CCC."
                    np = _heisst_es_source(s.toks, k, len(s.toks))
                    if np is not None:
                        spk, cue, how = _tokspan(s.toks, np), "heißen", "heisst_es"
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
            naming = _naming_verb(s, d.open_at) if lang == "de" and not before else None
            if naming is not None:
                before = [naming]  # "würdigte Ligeti als „großen Österreicher …“"
            if before:
                c = before[-1]
                if (
                    s.toks[c.i].low == "genannt"
                    and c.i + 1 < len(s.toks)
                    and s.toks[c.i + 1].start == d.open_at
                    and len(text[d.start : d.end].split()) <= 5
                ):
                    continue  # "ein neuer Standard, genannt „Profil 1.1“": a name, no speech
                if (
                    lang == "de"
                    and _name_after_cue(s, c, d.open_at)
                    and _quoted_name(text, s, d.open_at, d.start, d.end)
                ):
                    # "…, sagte X, der Sprecher der so genannten „EVAC-Ambulanz“.",
                    # "…, das teilte das „Space Telescope Science Institute“ mit.": a
                    # quoted name in the cue's noun phrase leaves the cue to its report
                    continue
                np = _speaker_for_cue(s.toks, c, 0)
                if c.lemma == "skandieren" and not _chant_speaker_ok(s.toks, c.i, np):
                    np = None
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
                if not (
                    lang == "de"
                    and _after_media_noun(s, d.open_at)
                    and _quoted_name(text, s, d.open_at, d.start, d.end)
                ):
                    used_cues.add((si, c.i))  # a quoted name leaves the cue to its complement
            elif s.toks and s.toks[0].start < d.open_at:
                # "In einer gemeinsamen Erklärung stellten die Länder „…“"
                pre = [t for t in s.toks if t.start < d.open_at]
                # "So heißt es in der Meldung auf der Homepage wörtlich: „…“"
                h = next((j for j, t in enumerate(pre) if t.low in ("heißt", "hieß")), None)
                np = _heisst_es_source(s.toks, h, len(pre)) if h is not None else None
                if np is not None and pre[-1].text == ":":
                    spk, cue, how = _tokspan(s.toks, np), "heißen", "heisst_es"
                elif (
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
            np = _so_before_colon(s.toks, pre) if lang == "de" else None
            if np is not None:
                # "…, so Elshorst weiter: „…“"
                spk, cue, how = _tokspan(s.toks, np), "sagen", "tail_so"
            elif len(pre) >= 2 and s.toks[pre[-1]].text == ":":
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
                # "…, lehnt er jedoch ab: „…“": verb, pronoun subject, adverbs and a
                # particle right before the colon
                m = pre[-1] - 1
                while m > 1 and (
                    s.toks[m].low in lex.ADVERBS or s.toks[m].low in lex.PARTICLES_DE
                ):
                    m -= 1
                if (
                    m < pre[-1] - 1
                    and s.toks[m].low in ("er", "sie", "wir", "ich")
                    and s.toks[m - 1].text[:1].islower()
                    and s.toks[m - 1].low not in lex.NP_STOP
                    and s.toks[m - 1].low not in lex.DETERMINERS
                ):
                    spk, how = _tokspan(s.toks, (m, m + 1)), "intro_colon"
            if spk is None and len(pre) >= 4 and s.toks[pre[-1]].text == ":":
                verb = _first_verbish(s.toks, 0, pre[-1])
                np = _np_backward(s.toks, 0, verb) if verb < pre[-1] else None
                if np is None and s.toks[0].low in lex.PREPOSITIONS:
                    # "In einer Nachricht würdigte er den Lebensweg des Generals: „…“":
                    # a phrase first, then the verb and its subject
                    pp = _np_forward(s.toks, 1, pre[-1])
                    v = pp[1] if pp is not None else pre[-1]
                    if (
                        v + 2 < pre[-1]
                        and s.toks[v].text[:1].islower()
                        and s.toks[v].low not in lex.NP_STOP
                        and s.toks[v + 1].low in ("er", "sie", "wir", "ich")
                    ):
                        verb, np = v, None
                        spk, how = _tokspan(s.toks, (v + 1, v + 2)), "intro_colon"
                if (
                    np is not None
                    and s.toks[verb].text == ","
                    and any(t.text == "," for t in s.toks[np[0] : np[1]])
                    and verb + 1 < pre[-1]
                    and s.toks[verb + 1].text[:1].islower()
                    and s.toks[verb + 1].low not in lex.NP_STOP
                    and s.toks[verb + 1].low not in _RELATIVE_WORDS
                    and s.toks[verb + 1].low not in lex.DETERMINERS
                ):
                    # "Der Leiter der Studie, Paulo Pinheiro, sieht … im Staat: „…“": the
                    # subject with its apposition, then the verb
                    verb += 1
                if (
                    np is not None
                    and s.toks[verb].text == ","
                    and verb + 1 < pre[-1]
                    and s.toks[verb + 1].low in _RELATIVE_WORDS
                ):
                    # "Der Ermittler, der als Zeuge gilt, will … einstellen: „…“": the
                    # verb after the relative clause
                    c2 = next((m for m in range(verb + 2, pre[-1]) if s.toks[m].text == ","), None)
                    if (
                        c2 is not None
                        and c2 + 1 < pre[-1]
                        and s.toks[c2 + 1].text[:1].islower()
                        and s.toks[c2 + 1].low not in lex.NP_STOP
                    ):
                        verb = c2 + 1
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
            if spk is None and len(pre) >= 4 and s.toks[pre[-1]].text == ":":
                np = _inverted_colon_subject(s.toks, pre[-1])
                if np is not None:
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
            elif lang == "de" and p.toks:
                # "X, Abgeordneter, verurteilte die Haltung der Regierung. „…“": a
                # judging verb with its subject right before a quote that opens a sentence
                nv = _naming_intro(p, quotes)
                if nv is not None:
                    spk, cue, how = _tokspan(p.toks, nv[1]), nv[0].lemma, "intro_sentence"
        # a quoted name ("die „Partij voor de Vrijheid“", "beim „2. Deutschen
        # Klimakongress“") with neither cue nor speaker is a noun phrase, not speech
        if (
            lang == "de"
            and (
                (cue is None and spk is None)
                # "berichtete im Fachmagazin „PLoS Biology“, es sei …": a name even
                # with a cue in the sentence
                or _after_media_noun(sents[si], d.open_at)
            )
            and _quoted_name(text, sents[si], d.open_at, d.start, d.end)
        ):
            continue
        # (d) continuation of the previous quote's speaker
        embedded = (
            sum(t.text[:1].isalnum() for t in sents[si].toks if t.start < d.open_at) >= 3
        )
        if (
            cue is None
            and last_speaker is not None
            and si - last_speaker[0] <= 2
            and not (lang == "en" and embedded)
        ):
            # (not in English when the quote stands inside a sentence of the narrative:
            # "… Mrs. Clinton regularly pledges to ''…''" is another voice; PolNeAR
            # train/dev: the carried speaker right 4 of 38 times there)
            spk, how = last_speaker[1], "continuation"
        elif cue is None and spk is None and lang == "en" and embedded:
            # "Senator X, Republican of Y, called over her shoulder, ''…''": the subject
            # of the sentence the quote stands in
            i = next((k for k, t in enumerate(sents[si].toks) if t.start >= d.open_at), None)
            np = _en_main_subject(sents[si].toks, i, None) if i else None
            st = sents[si].toks
            if (
                np is not None
                and (
                    st[np[0]].low in ("he", "she")
                    or all(t.cap or t.text == "." for t in st[np[0] : np[1]])
                )
                and st[np[0]].low not in _NO_EMBEDDED_SUBJECT
                and st[np[0]].low not in lex.PREPOSITIONS
                and not any(t.text in ("’", "'") for t in st[np[0] : np[1]])
                and not any(t.low in ("what", "as", "he", "she") for t in st[np[1] : i])
                and i - np[1] <= 10
                and not any(t.cap and t.low not in ("i",) for t in st[np[1] + 1 : i])
            ):
                spk, how = _tokspan(st, np), "embedded_subject"
        q = _make(text, d.start, d.end, "direct", cue, spk, how)
        if q is not None:
            quotes.append(q)
            last_speaker = (ei, spk, cue)
    return quotes, used_cues


# verbs of naming and judging that SpkAtt marks with a quoted fragment as their message
# ("würdigte Ligeti als „großen Österreicher“", "konstatierte eine wachsende „Kluft“");
# no cues elsewhere (they take no complement clause); not "sprechen von", whose
# report SpkAtt often marks as the whole clause (the reported-speech rule)
_NAMING_LEMMAS = frozenset(
    "bezeichnen würdigen loben attackieren konstatieren beklagen werten "
    "verurteilen titulieren preisen beschimpfen geißeln skandieren".split()
)


def _naming_verb(s: _Sent, open_at: int) -> _Cue | None:
    """The last finite naming verb (``_NAMING_LEMMAS``) before the mark in its clause."""
    for i in range(len(s.toks) - 1, 0, -1):
        t = s.toks[i]
        if t.start >= open_at:
            continue
        if t.text in ",;:" or t.text in _QUOTE_CHARS:
            return None
        if t.text[:1].islower() and not t.low.startswith("ge") and _lemma(t.text) in _NAMING_LEMMAS:
            k = i - 1
            while k > i - 3 and k > 0 and s.toks[k].text[:1].islower() and (
                s.toks[k].low not in lex.DETERMINERS
            ):
                k -= 1
            if s.toks[k].low in lex.DETERMINERS:
                return None  # "mit einem refrainartig skandierten „…“": an attribute
            return _Cue(i, _lemma(t.text))
    return None


# adverbs after the speaker of "so X" ("…, so Elshorst weiter: „…“")
SO_ADVERBS = frozenset("weiter außerdem zudem ferner abschließend".split())


def _so_before_colon(toks: list, pre: list[int]) -> tuple[int, int] | None:
    """``…, so X (weiter):`` right before the opening mark: the speaker ``X``."""
    if len(pre) < 4 or toks[pre[-1]].text != ":":
        return None
    e = pre[-1]
    while e > 0 and toks[e - 1].low in SO_ADVERBS:
        e -= 1
    k = next((k for k in range(e - 1, max(0, e - 8), -1) if toks[k].low == "so"), None)
    if k is None or k < 2 or toks[k - 1].text != ",":
        return None
    np = _np_forward(toks, k + 1, e)
    if np is None or np[1] != e or toks[np[0]].low in _OBJECT_ONLY:
        return None
    return np


_PERFECT_FINITE = frozenset("hat hatte haben hatten".split())


def _participle_after(s: _Sent, d: _Span, cues: list[_Cue], used_cues) -> _Cue | None:
    """The cue of an active perfect right after the closing mark at the clause's end
    (``Die Regierung hatte den Bericht als „falsch“ zurückgewiesen.``), or None."""
    if d.close_at is None:
        return None
    nxt = [k for k, t in enumerate(s.toks) if t.start > d.close_at]
    if not nxt:
        return None
    k = nxt[0]
    c = next((c for c in cues if c.i == k and (s.idx, c.i) not in used_cues), None)
    if c is None or not (k + 1 >= len(s.toks) or s.toks[k + 1].text in _END_PUNCT):
        return None
    pre = [t for t in s.toks if t.start < d.open_at]
    if not any(t.low in _PERFECT_FINITE for t in pre[1:5]) or any(t.text in ",;:" for t in pre):
        return None
    return c


# articles and pronouns a subject right after the finite verb opens with (nominative)
_INVERTED_SUBJECT_FIRST = frozenset("er sie wir ich der die ein eine".split())
# fronted accusative articles: the phrase they open is an object, the subject follows
_ACCUSATIVE_FIRST = frozenset("den einen diesen seinen ihren".split())
# verbs and nouns of written text: "Dort steht der Satz:", "Darauf prangte die Parole:"
_TEXT_VERBS = frozenset(
    "steht stand stehen standen lautet lautete heißt hieß gibt gab prangte".split()
)
_TEXT_NOUNS = frozenset(
    "satz passus text parole motto titel zitat aufschrift überschrift losung slogan frage".split()
)


def _inverted_colon_subject(toks: list, colon: int) -> tuple[int, int] | None:
    """``Dabei griff sie den Präsidenten an: „…“``, ``Den Unmut der CDU über X brachte die
    Sprecherin, Y, zum Ausdruck: „…“``: a clause before the colon that opens with an
    adverb or a fronted accusative object, then the finite verb and its subject; the
    subject speaks.  Not a copula or a verb of standing written text (``Dort steht der
    Satz:``), not a subject that names a text."""
    c2 = next((k for k in range(2, min(colon, 12)) if toks[k].text == ","), None)
    if toks[0].low in lex.ADVERBS and toks[0].cap:
        v = 1
    elif len(toks) > 2 and toks[1].text == "," and c2 is not None and toks[2].text[:1].islower():
        v = c2 + 1  # "Höhnisch, wohl auf das Echo reagierend, veröffentlichte der Verfasser"
    elif toks[0].low in _ACCUSATIVE_FIRST:
        np = _np_forward(toks, 0, colon)
        for _ in range(2):  # "Den Unmut der CDU über Stoibers Äußerungen brachte"
            if np is not None and np[1] < colon and toks[np[1]].low in lex.PREPOSITIONS:
                np = _np_forward(toks, np[1] + 1, colon)
        if np is None:
            return None
        v = np[1]
    else:
        return None
    if (
        v + 2 >= colon
        or not toks[v].text[:1].islower()
        or toks[v].low in lex.NP_STOP
        or toks[v].low in _COPULA
        or toks[v].low in lex.DETERMINERS
        or toks[v].low in _TEXT_VERBS
        or toks[v + 1].low not in _INVERTED_SUBJECT_FIRST
    ):
        return None
    if toks[v + 1].low in ("er", "sie", "wir", "ich"):
        if any(t.text in ",;" for t in toks[v:colon]):
            return None  # another clause before the colon
        return (v + 1, v + 2)
    np = _np_forward(toks, v + 1, colon)
    if (
        np is None
        or _not_subject(toks, np)
        or any(t.low in lex.STATEMENT_NOUNS or t.low in _TEXT_NOUNS for t in toks[np[0] : np[1]])
    ):
        return None
    # "die Sprecherin der Unionsfraktion, Annette Widmann-Mauz, zum Ausdruck": the
    # name in commas joins
    e = np[1]
    if e < colon and toks[e].low in lex.PREPOSITIONS:
        pp = _np_forward(toks, e + 1, colon)  # "… der Unionsfraktion im Bundestag, X,"
        if pp is not None and pp[1] < colon and toks[pp[1]].text == ",":
            e = pp[1]
    if e + 2 < colon and toks[e].text == ",":
        c2 = next((k for k in range(e + 1, min(colon, e + 8)) if toks[k].text == ","), None)
        if c2 is not None and all(t.cap for t in toks[e + 1 : c2]):
            if any(t.text in ",;" for t in toks[c2 + 1 : colon]):
                return None
            return (np[0], c2)
    if toks[e].text == ",":
        e0 = e + 1  # the apposition was read with the phrase: "im Landtag, Jana Roth,"
    else:
        e0 = e
    if any(t.text in ",;" for t in toks[e0:colon]):
        return None
    return (np[0], e)


def _naming_intro(p: _Sent, quotes: list[Quote]) -> tuple[_Cue, tuple[int, int]] | None:
    """The judging verb (``_NAMING_LEMMAS``) of sentence ``p`` and its named subject before
    it, when ``p`` holds no quote and no comma after the verb (one main clause ending in
    a full stop): ``Khan verurteilte die Haltung der Regierung.`` before ``„…“``."""
    if p.toks[-1].text != "." or any(q.start < p.end and q.end > p.start for q in quotes[-8:]):
        return None
    end_mark = p.toks[-1].start + 1
    c = _naming_verb(p, end_mark)
    if c is None or c.i < 1 or any(t.text in ",;:" for t in p.toks[c.i :]):
        return None
    np = _speaker_for_cue(p.toks, c, 0)
    if np is None or np[1] > c.i or _not_subject(p.toks, np):
        return None
    if not any(t.cap for t in p.toks[np[0] : np[1]]):
        return None
    return c, np


def _chant_speaker_ok(toks: list, cue_i: int, np: tuple[int, int] | None) -> bool:
    """``zogen Demonstranten … und skandierten Sprüche wie „…“``: after ``und`` the
    subject stands before the verb; a phrase after it is what was chanted."""
    return np is not None and not (np[0] > cue_i and toks[cue_i - 1].low == "und")


def _utterance(text: str, d: _Span) -> bool:
    """Does the quoted fragment end in a sentence mark inside the marks (``„Lasst
    mich raus!“``, ``„Thaksin raus!“``): a short utterance, not a term or a name?"""
    return text[d.start : d.end].rstrip()[-1:] in "!?."


# words before a quoted common noun rather than a name
_BEFORE_COMMON_NOUN = frozenset("ein eine einen einem einer eines zu vor als von".split())


def _fragment_quotes(
    text: str,
    sents: list[_Sent],
    shorts: list[_Span],
    cue_map: dict[int, list[_Cue]],
    sent_at: Callable[[int], int],
    used_cues: set[tuple[int, int]],
) -> list[Quote]:
    """``Der Sprecher nannte den Plan „fahrlässig“``, ``riet zu „Gelassenheit“``: a
    quoted fragment of one to three words after a listed cue in the same clause (no
    comma, colon or other quote between them) is the speaker's direct quote, as
    SpkAtt marks it; the cue's subject speaks (German only).  Not a quoted name
    (``stellte das Modell „X5“ vor``), not without a subject."""
    out: list[Quote] = []
    for d in shorts:
        si = sent_at(d.open_at)
        s = sents[si]
        before = [
            c
            for c in cue_map[si]
            if s.toks[c.i].start < d.open_at and (si, c.i) not in used_cues
        ]
        naming = _naming_verb(s, d.open_at)
        if naming is not None and (not before or before[-1].i < naming.i):
            before.append(naming)
        if not before:
            after = _participle_after(s, d, cue_map[si], used_cues)
            if after is not None:
                before = [after]  # "hatte den Bericht als „falsch“ zurückgewiesen"
        if not before:
            continue
        c = before[-1]
        between = [t for t in s.toks[c.i + 1 :] if t.start < d.open_at]
        if between and between[-1].text == ":" and _utterance(text, d):
            between = between[:-1]  # "rief: „Lasst mich raus!“": a short utterance
        if len(between) > 8 or any(t.text in ",;:" or t.text in _QUOTE_CHARS for t in between):
            continue
        if s.toks[c.i].low.startswith("genannt"):
            continue  # "ein neuer Standard, genannt „Profil 1.1“": a name
        if c.lemma == "nennen" and any(t.low == "sich" for t in between):
            continue  # "nennt sie sich „documenta 12“": a name it takes
        if _quoted_name(text, s, d.open_at, d.start, d.end) and not (
            between and between[-1].low in _BEFORE_COMMON_NOUN
        ):
            continue  # "einen „Militärputsch“", "zu „Gelassenheit“": a noun, not a name
        np = _speaker_for_cue(s.toks, c, 0)
        if c.lemma == "skandieren" and not _chant_speaker_ok(s.toks, c.i, np):
            continue
        q = _make(text, d.start, d.end, "direct", c.lemma, _tokspan(s.toks, np), "cue_before")
        if q is not None and q.speaker_text is not None:
            out.append(q)
            used_cues.add((si, c.i))
    return out
