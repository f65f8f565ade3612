"""The rules behind :func:`lagebild.enrich.quotes.find_quotes`: shared helpers,
speaker plausibility and the German sentence rules (source phrases, pointers such as
``Das teilte X mit``, carried passages); reporting tails, ``so X``, ``heißt es`` and
``wie X mitteilte`` are in :mod:`lagebild.enrich._quote_tails`, reported speech
without a complement in :mod:`lagebild.enrich._quote_reported`.

Kept apart from the main sequence in :mod:`lagebild.enrich.quotes` so that each
module stays readable; nothing here is public.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from lagebild.clean.structure import dateline_end
from lagebild.enrich import _quote_lex as lex
from lagebild.enrich._quote_phrases import _ADVERBIAL_PAIRS, _adj_like, _np_forward
from lagebild.enrich._quote_sources import source_np_extend
from lagebild.enrich._quote_syntax import (
    _AUX,
    _END_PUNCT,
    _PUNCT,
    _QUOTE_CHARS,
    _Sent,
    _Tok,
    _has_konj,
    _lemma,
)
from lagebild.model import Quote, Sentence


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
# ("Relativierend", "Zögernd"; not a name ending in -nd: "Wieland", "Roland", "Bernd")
_PARTICIPLE_ADVERB = re.compile(r"[A-ZÄÖÜ][a-zäöüß]{3,}(?:end|[elr]nd)")


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


_RELATIVE_PRON = frozenset("der die das dem den denen deren dessen".split())
_SUBORDINATORS = frozenset(
    "da weil wenn obwohl nachdem bevor sobald falls sodass damit indem zumal wobei womit".split()
)
# pronominal adverbs ("Darin steht: „…“", "Hierzu"): they point back to a document or a
# statement named before; alone they name no speaker
_PRONOMINAL_ADVERB = re.compile(
    r"(?:da|hier|wo)r?(?:an|auf|aus|bei|durch|für|gegen|in|mit|nach|neben|über|um|unter|von"
    r"|vor|zu|zwischen)"
)
_CLAUSE_WORDS = frozenset("sich nicht darüber dazu damit davon daran dafür dagegen".split())


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
    if first in _SUBORDINATORS and len(words) > 1:
        return False  # "Da es … gibt, hat der VfGH entschieden": a subordinate clause
    if first in _RELATIVE_PRON and len(words) >= 2 and not _attributed_noun(words):
        # "…, die innerhalb von 30 Tagen darüber (entscheidet)", "…, der 1994 zwischen …
        # (beschlossen wurde)": a relative clause, not a noun phrase
        w2 = words[1].lower()
        if words[1][:1].islower() and (
            w2 in lex.PREPOSITIONS or w2 in lex.ADVERBS or w2 in _CLAUSE_WORDS
        ):
            return False
        if w2[:1].isdigit() and len(words) > 2 and words[2].lower() in lex.PREPOSITIONS:
            return False
    if " ".join(words[:2]).lower() in _ADVERBIAL_PAIRS:
        return False  # "Des Weiteren verwies er darauf": an adverbial, not a speaker
    if len(words) == 1 and (
        _PARTICIPLE_ADVERB.fullmatch(words[0])
        or first in lex.ADVERBS
        or _PRONOMINAL_ADVERB.fullmatch(first)
    ):
        return False
    head = speaker.split(",")[0].split()
    if any(w in _FINITE_AUX_DE for w in head[1:]):
        # "Die Polizei konnte weder": the phrase runs into its clause (a relative
        # clause after a comma may hold one)
        return False
    return not any(w.lower() in lex.KONJ_FORMS for w in words[1:])


def _attributed_noun(words: list[str]) -> bool:
    """``die in Rom geborene Sängerin``, ``dem am Mittwoch vorgestellten Bericht des Amtes``: an
    article, a preposition with capitalised words, an inflected participle or adjective and a
    capitalised noun -- a noun phrase, no relative clause."""
    if not 4 <= len(words) <= 10 or words[1].lower() not in lex.PREPOSITIONS:
        return False
    for h in range(3, len(words) - 1):
        w = words[h]
        if w[:1].islower() and w.endswith(("e", "en", "er", "es", "em")) and len(w) > 3:
            return words[h + 1][:1].isupper() and words[h - 1][:1].isupper() and all(
                x[:1].isupper() or x[:1].isdigit() or x.lower() in lex.DETERMINERS
                for x in words[2:h]
            )
    return False


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


_VERB_END = re.compile(r"(?:en|t|te|ten|st|et|tet)$")
# singular preterites of strong verbs, which _VERB_END misses ("Er starb am Samstag,
# teilte X mit"; the plural ends in -en)
_STRONG_PAST = frozenset(
    """starb sank kam ging fand gab nahm lag stand fiel hielt ließ blieb schlug traf
    fuhr flog lief rief schrieb stieg wuchs sprach brach zog bot verlor gewann begann
    erschien entschied verließ schoss trat warf trug sah half floh stahl wies schien
    hieß bat saß tat geschah verschwand ertrank erlag empfing betrug sprang sang
    griff litt stieß fing""".split()
)


def _clause_like(toks: list[_Tok]) -> bool:
    """Does the stretch hold a verb (a lower-case word that can be one)?

    A bare noun phrase before ``, sagte …`` is the subject with an
    apposition, not reported content.
    """
    return any(
        t.text[:1].islower()
        and t.low not in lex.DETERMINERS
        and t.low not in lex.PREPOSITIONS
        and (
            t.low in _AUX
            or t.low in lex.KONJ_FORMS
            or t.low in _STRONG_PAST
            or _VERB_END.search(t.low) is not None
        )
        for t in toks
    )


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
        while e < stop and toks[e].text not in ",;:":
            if toks[e].text in _QUOTE_CHARS:
                # "…, kurz „DFB“, dann offiziell, dass": a short quoted name
                close = next(
                    (x for x in range(e + 1, min(stop, e + 6)) if toks[x].text in _QUOTE_CHARS),
                    None,
                )
                if close is None or not all(t.cap for t in toks[e + 1 : close]):
                    break
                e = close
            e += 1
        seg = toks[m + 1 : e]
        if e >= stop or toks[e].text != "," or not seg or len(seg) > 8:
            return k
        if any(t.text[:1].islower() and _VERB_END.search(t.low) and t.low not in
               lex.PREPOSITIONS and t.low not in lex.DETERMINERS for t in seg[1:]):
            return k  # a verb: a clause of its own, not an apposition
        if e + 1 < stop and toks[e + 1].low in ("dass", "daß", "ob"):
            return e
        if (
            segments == 0
            and seg[0].low in _INDEFINITE
            and len(seg) <= 5
            and _has_konj(toks[e + 1 : min(stop, e + 12)])
        ):
            # "schrieb X in der „Correio da Manhã“, einem Boulevardblatt, die
            # Gesellschaft sei …": an apposition before a Konjunktiv complement
            return e
        m, segments = e, segments + 1
    return k


_NACH_FOLLOW = frozenset("von vom des der aus".split())  # "nach Angaben aus Seoul"
# what "gemäß" follows when it means "by a rule" ("gemäß Artikel 5", "gemäß dem Islam")
_RULES = frozenset(
    "artikel paragraf paragraph § gesetz gesetzen verfassung vertrag abkommen satzung "
    "vorschrift vorschriften regel regeln richtlinie richtlinien recht islam scharia koran "
    "plan vereinbarung".split()
)
# source nouns that also name an event: "nach der Erklärung" without an owner is a time
_EVENT_SOURCE_NOUNS = ("erklärung", "mitteilung", "bericht", "aussage", "umfrage", "studie")

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
_POINTER = frozenset("das dies dieses".split())
_FIRST_SECOND = frozenset("ich wir ihr du man".split())


# modals before a pointer's subject ("Das musste der Minister einräumen.")
_POINTER_MODALS = frozenset("musste mussten muss wollte wollten will konnte konnten".split())


def _pointer_quote(text: str, p: _Sent, s: _Sent, cues, quotes, inside_direct) -> Quote | None:
    """``… . Das teilte das Institut mit.``: a demonstrative object, a cue and its
    subject point back at the sentence before, which is the quote (as a tail
    ``…, teilte das Institut mit``)."""
    toks = s.toks
    if len(toks) < 4 or toks[0].low not in _POINTER or not p.toks:
        return None
    c = next((c for c in cues if c.i == 1 and not c.en), None)
    modal_cue = None
    if c is None and toks[1].low in _POINTER_MODALS and toks[-1].text in _END_PUNCT:
        # "„…“. Das musste der Minister einräumen.": a modal, the cue at the end
        modal_cue = next((c for c in cues if c.i == len(toks) - 2 and not c.en), None)
        c = modal_cue
    if c is None or inside_direct(toks[0].start):
        return None
    if inside_direct(p.toks[-1].start) and modal_cue is None:
        return None
    k = 2
    while k < len(toks) and toks[k].low in lex.ADVERBS:
        k += 1
    np = _np_forward(toks, k, len(toks))
    if np is None or toks[np[0]].low in _OBJECT_ONLY or toks[np[0]].low in _FIRST_SECOND:
        return None  # "Das sage ich Ihnen": the speaker's own words, no report
    if toks[np[0]].text == "Sie" or p.toks[-1].text == "?":
        return None  # formal "Sie", or a question before: a dialogue, not a report
    n = len(toks)
    rest_from = np[1]
    if np[1] + 2 < n and toks[np[1]].text == ",":
        # "Dies teilte der Geschäftsführer der Fraktion, Jens Nacke, mit.": a name
        # apposition set off by commas before the particle joins the speaker
        e = next((m for m in range(np[1] + 2, min(n, np[1] + 6)) if toks[m].text == ","), None)
        if (
            e is not None
            and all(t.cap for t in toks[np[1] + 1 : e])
            and all(t.text in _END_PUNCT or t.low in lex.PARTICLES_DE for t in toks[e + 1 :])
        ):
            np, rest_from = (np[0], e), e + 1
    if rest_from < n and toks[rest_from].text == "," and all(
        t.text in _END_PUNCT or t.low in lex.PARTICLES_DE for t in toks[rest_from + 1 :]
    ):
        rest_from += 1  # the apposition's closing comma before the particle
    rest = [
        t
        for t in toks[rest_from : n - 2 if modal_cue is not None else n]
        if t.text not in _END_PUNCT and t.low not in lex.PARTICLES_DE
    ]
    if len(rest) > 10 or any(t.text in ",;:" or t.low in lex.SUBORD_COMPLEMENT for t in rest):
        return None  # "Das sagte er, als …": a clause of its own
    before = [q for q in quotes if q.end > p.start and q.start < p.end]
    if modal_cue is not None:
        # only a direct quote without a speaker that fills the sentence before
        # gets the speaker; the pointer makes no quote of its own
        if (
            len(before) == 1
            and before[0].kind == "direct"
            and before[0].speaker_text is None
            and before[0].start - p.start <= 2
            and p.end - before[0].end <= 3
        ):
            q = before[0]
            q.speaker_start, q.speaker_end = _tokspan(toks, np)
            q.speaker_text = text[q.speaker_start : q.speaker_end]
            q.cue, q.evidence = c.lemma, "tail_cue"
        return None
    if before:
        return None  # the sentence before is already a quote
    a, b = _content_trim(text, p.start, p.end)
    if b - a < 15:
        return None
    return _make(text, a, b, "indirect", c.lemma, _tokspan(toks, np), "tail_cue")


def _pointer_inside(text: str, s: _Sent, cues, quotes, inside_direct) -> Quote | None:
    """``Die Fähre bleibt länger im All, das entschied die NASA.``: the pointer of
    :func:`_pointer_quote` after a comma or dash inside one sentence; the clause
    before it is the quote."""
    toks = s.toks
    for c in cues:
        k = c.i - 2
        if c.en or k < 4 or toks[k].text not in (",", "–", "-") or toks[k + 1].low not in _POINTER:
            continue
        head = toks[:k]
        if not (_clause_like(head) or _has_konj(head)):
            return None
        p = _Sent(s.idx, s.start, toks[k].start, head)
        rest = _Sent(s.idx, toks[k + 1].start, s.end, toks[k + 1 :])
        moved = replace(
            c, i=1, particle=None if c.particle is None else c.particle - (k + 1)
        )
        return _pointer_quote(text, p, rest, [moved], quotes, inside_direct)
    return None


# Words right before a quoted name ("die „Partij voor de Vrijheid“", "beim „2.
# Deutschen Klimakongress …“", "vom Typ „Piper PA-34 Seneca“"): an article, a
# preposition, an adjective or a noun governs it as a noun phrase.
_NAME_SENTENCE_END = frozenset(".!?…")


# nouns of media and works whose name follows in quote marks ("im Fachmagazin „PLoS
# Biology“", "der Zeitung „Le Monde“")
_MEDIA_NOUN_ENDS = (
    "magazin", "zeitung", "zeitschrift", "blatt", "journal", "sender", "agentur",
    "portal", "sendung", "programm",
)


def _after_media_noun(s: _Sent, open_at: int) -> bool:
    """Does a media noun (``Fachmagazin``, ``Zeitung``) stand right before the mark?"""
    pre = [t for t in s.toks if t.start < open_at]
    return bool(pre) and pre[-1].cap and pre[-1].low.endswith(_MEDIA_NOUN_ENDS)


def _quoted_name(text: str, s: _Sent, open_at: int, start: int, end: int) -> bool:
    """Is the direct quote ``text[start:end]`` (mark at ``open_at``) a quoted name?

    German news sets names of parties, organisations, works, events and types
    in quote marks.  Such a span is a noun phrase of the sentence around it, not
    speech: it opens with a capital or a digit, ends without a sentence mark,
    has at most ten words of which at least half open with a capital or a digit
    (ordinals, Roman numerals), and the word before the opening mark governs
    it (article, preposition, adjective, or a noun such as ``Bewegung``).  Only
    asked for a quote that has neither a cue nor a speaker.
    """
    words = text[start:end].split()
    if not words or len(words) > 10 or text[start:end].rstrip()[-1:] in _NAME_SENTENCE_END:
        return False
    if not (words[0][:1].isupper() or words[0][:1].isdigit()):
        return False
    capped = sum(w[:1].isupper() or w[:1].isdigit() for w in words)
    if capped * 2 < len(words):
        return False
    pre = [t for t in s.toks if t.start < open_at]
    if not pre or pre[-1].text in _PUNCT or pre[-1].text in _QUOTE_CHARS:
        return False
    w = pre[-1]
    if len(pre) == 1 and w.cap and w.low not in lex.DETERMINERS and w.low not in lex.PREPOSITIONS:
        return False  # "Merkel „…“": a sentence-initial name may introduce speech
    return (
        w.low in lex.DETERMINERS
        or w.low in lex.PREPOSITIONS
        or _adj_like(w)
        or (w.cap and w.low not in lex.NP_STOP)
    )


# "erst nach", "kurz nach": "nach" of time, never of a source
_TIME_BEFORE_NACH = frozenset("erst kurz bald gleich unmittelbar direkt lange".split())

_SOURCE_ADVERBS = frozenset("bisher bislang noch zuvor offiziell inoffiziell".split())


def _odd_name(toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """A name the noun-phrase reader skips, right after ``laut``: a quoted one
    (``laut „tagesschau.de“``) or one that opens in lower case with a dot or a
    hyphen inside (``laut ndr.de``, ``laut el-Baradei``, ``laut ai-Bericht``)."""
    n = len(toks)
    t = toks[i]
    if t.text in "„“»\"" and not t.text.isalnum():
        close = next(
            (m for m in range(i + 1, min(n, i + 8)) if toks[m].text in _QUOTE_CHARS), None
        )
        if close is not None and close > i + 1:
            return (i, close + 1)
        return None
    if (
        t.text[:1].islower()
        and len(t.text) > 3
        and ("." in t.text[1:-1] or "-" in t.text[1:-1])
        and t.low not in lex.DETERMINERS
        and t.low not in lex.PREPOSITIONS
    ):
        return (i, i + 1)
    return None


# the words that open a source phrase in _source_phrase (each has its branch there): other
# words are passed over before asking whether they stand inside a direct quote
_SOURCE_WORDS = frozenset(("laut", "gemäß", "zufolge", "wonach", "demnach", "nach", "according"))
# a title's marks inside a source's noun phrase ("der Zeitung „Hoy Bolivia“, wonach")
_DET_OR_MARK = lex.DETERMINERS | frozenset(_QUOTE_CHARS)


def _source_phrase(text: str, s: _Sent, toks: list[_Tok], inside_direct) -> Quote | None:
    n = len(toks)
    for k, t in enumerate(toks):
        low = t.low
        if low not in _SOURCE_WORDS or inside_direct(t.start):
            continue
        span = None  # (phrase_start_tok, phrase_end_tok, speaker span)
        cue = None
        if low in ("laut", "gemäß") and k + 1 < n:
            # "laut ndr.de blieben …": a lower-case web address is the whole name
            np = _odd_name(toks, k + 1) if toks[k + 1].text[:1].islower() else None
            np = np or _np_forward(toks, k + 1, n) or _odd_name(toks, k + 1)
            if np and toks[np[0]].low in _OBJECT_ONLY and np[1] - np[0] > 1:
                np = (np[0] + 1, np[1])  # "laut einem Jury-Mitglied": the dative article
            if (
                np
                and np[1] + 2 < n
                and toks[np[1]].low == "aus"
                and toks[np[1] - 1].cap
                and toks[np[1] + 1].low in lex.DETERMINERS
            ):
                more = _np_forward(toks, np[1] + 1, n)  # "laut Dokumenten aus der Behörde"
                if more is not None and more[0] == np[1] + 1:
                    np = (np[0], more[1])
            if np and low == "gemäß" and {t.low for t in toks[np[0] : np[0] + 2]} & _RULES:
                np = None  # "gemäß dem Islam", "gemäß Artikel 5": a rule, not a source
            if np:
                span, cue = (k, np[1], np), "laut"
        elif low == "zufolge" and k > 0:
            # NP before "zufolge": back to a comma / sentence start / preposition
            j = k - 1
            while (
                j >= 0
                and k - j <= 13
                and (
                    toks[j].cap
                    or toks[j].low in lex.DETERMINERS
                    # an adjective, not a verb in -en ("Gruppen gewinnen Medienberichten
                    # zufolge"): an inflected adjective has a shorter lemma
                    or (
                        _adj_like(toks[j])
                        and not (toks[j].low.endswith("en") and _lemma(toks[j].text) == toks[j].low)
                    )
                    or toks[j].text[0].isdigit()
                    or (toks[j].low in ("von", "vom", "der", "des") and j > 0)
                    # "Den Polizeibehörden in Mombasa zufolge": a place inside the phrase
                    or (
                        toks[j].low in ("in", "im", "aus", "bei")
                        and j > 0
                        and toks[j - 1].cap
                        and toks[j + 1].cap
                    )
                    or (toks[j].low == "und" and j > 0 and toks[j - 1].cap and toks[j + 1].cap)
                    or toks[j].text in _QUOTE_CHARS
                    # "Der Website worldreferee.com zufolge": a lower-case name with a dot
                    or (toks[j].text[:1].islower() and _odd_name(toks, j) is not None)
                    # a bracketed short form: "des Verbandes Deutscher Realschullehrer (VDR)"
                    or (toks[j].text == ")" and j >= 2 and toks[j - 2].text == "(")
                    or (toks[j].text == "(" and j + 2 < k and toks[j + 2].text == ")")
                )
            ):
                if toks[j].cap and j == 0:
                    j -= 1
                    break
                j -= 1
            np = (j + 1, k)
            if toks[np[0]].low in lex.PREPOSITIONS and np[1] - np[0] > 1:
                np = (np[0] + 1, k)
            if toks[np[0]].low in _OBJECT_ONLY and np[1] - np[0] > 1:
                np = (np[0] + 1, k)  # "Einem Bericht der Post zufolge": the dative article
            if np[1] > np[0]:
                span, cue = (j + 1, k + 1, np), "zufolge"
        elif low == "wonach" and k > 1 and toks[k - 1].text == "," and n - k > 4:
            # "Berichte des Senders, wonach …": the noun phrase before the comma
            j = k - 2
            while (
                j >= 0
                and k - j <= 10
                and (
                    toks[j].cap
                    or toks[j].low in lex.DETERMINERS
                    or _adj_like(toks[j])
                    or toks[j].text[0].isdigit()
                    or (toks[j].low in ("von", "vom", "der", "des") and j > 0)
                    or toks[j].text in _QUOTE_CHARS  # a title, not what was said ("„Nein“,")
                )
                and toks[j].text not in _PUNCT
            ):
                if toks[j].low in lex.PREPOSITIONS and toks[j].low not in ("von", "vom"):
                    break  # "hielt sich … an ein strenges Regelwerk, wonach"
                if not toks[j].cap and toks[j].low not in _DET_OR_MARK and (
                    (j > 0 and toks[j - 1].cap)
                    or not (toks[j + 1].cap or _adj_like(toks[j + 1]))
                ):
                    break  # "Der Minister dementierte Berichte, wonach": a verb after a noun
                if (
                    toks[j].cap
                    and j > 0
                    and toks[j - 1].cap
                    and any(toks[j - 1].low.startswith(d) for d in lex.MONTHS_AND_DAYS)
                ):
                    j -= 1
                    break  # "am Freitagnachmittag Berichte": a time, not part of the phrase
                j -= 1
            np = (j + 1, k - 1)
            while np[0] < np[1] and toks[np[0]].low in lex.PREPOSITIONS:
                np = (np[0] + 1, np[1])
            last = np[1] - 1 - (np[1] - np[0] > 1 and toks[np[1] - 1].text in _QUOTE_CHARS)
            if np[1] > np[0] and toks[last].cap and toks[np[0]].text not in _QUOTE_CHARS:
                e = s.end
                if np[0] == 0:
                    # "Die Regel, wonach alle zahlen, gilt weiter": the clause ends at its comma
                    c2 = next((m for m in range(k + 1, n) if toks[m].text == ","), None)
                    if c2 is not None:
                        e = toks[c2].start
                a, b = _content_trim(text, toks[k + 1].start, e)
                if b - a >= 10:
                    return _make(
                        text, a, b, "indirect", "zufolge", _tokspan(toks, np), "source_zufolge"
                    )
            continue
        elif low == "demnach" and k == 0 and n > 4:
            # "Demnach sollen …": reports the source of the sentence before
            a, b = _content_trim(text, toks[1].start, s.end)
            return _make(text, a, b, "indirect", "demnach", None)
        elif low in ("nach", "according") and k + 1 < n:
            if k > 0 and toks[k - 1].low in _TIME_BEFORE_NACH:
                continue  # "Erst nach umfangreichen Ermittlungen …": after, not according to
            j = k + 1
            if low == "according":
                if toks[j].low != "to":
                    continue
                np = _np_forward(toks, j + 1, n, en=True)
                if np:
                    span, cue = (k, np[1], np), "according to"
            else:
                while j < n and (
                    toks[j].low in lex.DETERMINERS
                    or _adj_like(toks[j])
                    or toks[j].low in _SOURCE_ADVERBS  # "nach bisher unbestätigten Berichten"
                ):
                    j += 1
                if (
                    j < n
                    and toks[j].cap
                    and toks[j].low.endswith(_EVENT_SOURCE_NOUNS)
                    and toks[k + 1].low in ("der", "dem")
                    and (j + 1 >= n or toks[j + 1].low not in _NACH_FOLLOW)
                    and not (j + 1 < n and toks[j + 1].cap)
                ):
                    # "nach der Unabhängigkeitserklärung helfen", "nach dem Bericht
                    # tagte der Ausschuss": after an event, not a source (no owner)
                    continue
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
                        and toks[j + 1].low.endswith("er")  # not "historische Bedeutung"
                        and toks[j + 2].cap
                    ):
                        # "nach Einschätzung westlicher Geheimdienste": a genitive without article
                        np = _np_forward(toks, j + 1, n)
                        if np:
                            span, cue = (k, np[1], np), "nach Angaben"
                    if span is None:
                        k1 = k + 1
                        while k1 < head and toks[k1].low in _SOURCE_ADVERBS:
                            k1 += 1
                        np = _np_forward(toks, k1, n)
                        if np:
                            span, cue = (k, max(np[1], head + 1), np), "nach Angaben"
        if span is None:
            continue
        ps, pe, np = span
        if cue == "nach Angaben":  # "Nach Meinung von X, Professor am Y, könnte …"
            np, content_at = source_np_extend(toks, np, _clause_like)
            pe = max(pe, content_at)
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


_CARRIED = frozenset(
    (
        "konjunktiv_continuation",
        "konjunktiv2_continuation",
        "konjunktiv_distant",
        "konjunktiv_after_direct",
        "konjunktiv_chain",
    )
)


def _merge_passages(text: str, quotes: list[Quote]) -> list[Quote]:
    """Join neighbouring carried Konjunktiv sentences with one speaker into one quote.

    ``Der Minister sagte, … . Die Lage sei ernst. Hilfe komme zu spät.``: the two
    continuation sentences are one passage of reported speech (SpkAtt annotates
    them as one FreeIndirect message); the quote that introduces them stays on its
    own.  Only sentences next to each other in one paragraph are joined.
    ``quotes`` is sorted by start; the first quote of a run keeps its evidence.
    """
    out: list[Quote] = []
    for q in quotes:
        p = out[-1] if out else None
        if (
            p is not None
            and q.evidence in _CARRIED
            and p.evidence in _CARRIED
            and p.kind == q.kind == "indirect"
            and (p.speaker_start, p.speaker_end) == (q.speaker_start, q.speaker_end)
            and p.end <= q.start
            and not text[p.end : q.start].strip(" .!?…\t")
        ):
            p.end = q.end
            p.text = text[p.start : p.end]
            continue
        out.append(q)
    return out
