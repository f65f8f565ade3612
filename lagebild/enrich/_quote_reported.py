"""Reported speech without a complement clause (a rule of ``find_quotes``).

"Merkel forderte einen Neuanfang.", "X warnte vor …": a reporting verb whose object or the
rest of its clause is what was said, with a named or described subject as the speaker
(switch: ``lagebild.enrich.quotes.REPORTED``).  Nothing here is public.
"""

from __future__ import annotations

from collections.abc import Sequence

from lagebild.enrich import _quote_lex as lex
from lagebild.enrich._quote_rules import _OBJECT_ONLY, _content_trim, _make, _tokspan
from lagebild.enrich._quote_phrases import _adj_like, _not_subject, _np_forward
from lagebild.enrich._quote_syntax import (
    _END_PUNCT,
    _PUNCT,
    _QUOTE_CHARS,
    _Cue,
    _Sent,
    _Tok,
    _lemma,
)
from lagebild.model import Quote


# Reporting verbs whose report needs no complement clause: "X forderte den
# Rücktritt", "X warnte vor …" (the object or the rest of the clause is what was
# said); "sprechen" only with "von", "bezeichnen" only with "als" (_REPORTED_EXTRA).
_REPORTED_LEMMAS = frozenset(
    """fordern verlangen warnen appellieren mahnen vorschlagen
    aufrufen zusagen befürchten vermuten voraussagen vorhersagen vorwerfen
    auffordern""".split()
)
# reports whose message is the whole clause up to the particle, the accused with
# the accusation ("X warf der SPD eine Fehlentwicklung vor"), as news annotation marks it
_WHOLE_CLAUSE = frozenset(("vorwerfen",))
# Tried and left out (training/quotes/README.md): announcements with a plain object
# ("gab die Entscheidung bekannt", "kündigte Widerstand an") and stances
# ("kritisierte", "bestritt", "wies … zurück"): right speakers, but reports that
# news annotation mostly leaves out, so shown precision fell on news dev.
_REPORTED_EXTRA = {
    "sprechen": ("von",),
    "bezeichnen": ("als",),
    "berichten": ("von", "über"),
    # naming something: "nannte es den schwärzesten Tag", "nannte sie „reine Spekulation“",
    # "charakterisierte das Opfer als „…“", "wies die Vorwürfe als „haltlos“ zurück"
    "nennen": (),
    "charakterisieren": ("als",),
    "zurückweisen": ("als",),
    "begründen": ("mit",),  # "begründete die Verschiebung mit dem Ausmaß der Beschwerden"
    "werten": ("als",),  # "Die IG Metall wertet die Einigung als Erfolg"
    "raten": ("zu", "zur", "zum"),  # "Hoff riet dem Minister zu mehr Zurückhaltung"
}
# the active perfect: "Die SPD hat einen Neuanfang gefordert"
_HAVE = frozenset("hat haben hatte hatten".split())
# words between "sprach" and its "von" that keep the report ("sprachen in diesem
# Zusammenhang von …"); a preposition of its own ("sprach mit X von") ends it
_NOT_BEFORE_VON = frozenset("mit über zu für gegen vor auf an gegenüber bei".split())
# bare plural or group nouns: a common noun, no named speaker
_GROUP_NOUNS = frozenset(
    """kritiker experten anwohner beobachter ermittler demonstranten gegner befürworter
    politiker ärzte forscher wissenschaftler analysten umweltschützer gewerkschaften
    verbände behörden medien augenzeugen zeugen abgeordnete vertreter sprecher
    bürger eltern lehrer schüler studenten anwälte ökonomen mitglieder teilnehmer
    angehörige aktivisten opfer bewohner landwirte bauern händler unternehmen
    tausende hunderte dutzende zehntausende hunderttausende""".split()
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
# adverbs by their ending ("Gegenwärtig", "Kürzlich", "Normalerweise", "Damals")
_ADVERB_ENDINGS = ("tig", "ufig", "ndig", "mig", "lich", "weise", "mals")
_PLACE_BEFORE_VON = frozenset("nähe nördlich südlich östlich westlich unweit".split())
_PASSIVE = frozenset("wurde wurden wird werden worden".split())
# the pluperfect/perfect passive: "war … befürchtet worden", "ist … kritisiert worden"
_PERFECT_PASSIVE = frozenset("war waren ist sind sei seien wäre wären".split())
# stance verbs reported only in the passive with a judgement: "Von der Opposition
# wurde der Besuch als unangemessen kritisiert", "… wird von Beobachtern als Erfolg
# gewertet" (active "kritisierte" stays out: see _REPORTED_LEMMAS)
_PASSIVE_ALS = {
    "kritisiert": "kritisieren",
    "gewertet": "werten",
    "bewertet": "bewerten",
    "bezeichnet": "bezeichnen",
}


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


# verbs of speaking proper: whoever "spricht von" or "berichtet über" something
# speaks, a description ("Augenzeugen", "Ein Ex-Mitarbeiter", "Der Sender") too
_SPEAKING = frozenset(("sprechen", "berichten"))


def _describes(toks: list[_Tok], np: tuple[int, int]) -> bool:
    """A noun phrase that describes a speaker (``Augenzeugen``, ``Ein Ex-Mitarbeiter``,
    ``Der Verfassungsschutz``, ``Eine Reporterin von n24``): its head (first
    capitalised word after the articles) is a noun, no pronoun, no abstract noun
    (``Die Untersuchung``); it does not open with a number."""
    a, b = np
    # the head: the first capitalised word after articles ("Eine Reporterin von n24")
    last = next((t for t in toks[a:b] if t.cap and t.low not in lex.DETERMINERS), None)
    if last is None or last.low in lex.PRONOUNS_DE:
        return False
    if toks[a].text[0].isdigit():
        return False
    return not last.low.endswith(
        ("ung", "ungen", "heit", "keit", "tion", "ionen", "nis", "nisse", "ergebnis")
    )


# words inside a subject noun phrase after its head: a prepositional attribute
# ("Eine Reporterin von n24", "Sascha Kempf vom Max-Planck-Institut"), a genitive
_SUBJECT_LINKS = frozenset("von vom aus der des".split())


def _whole_subject(toks: list[_Tok], np: tuple[int, int], v: int) -> tuple[int, int]:
    """Extend a subject ``np`` that opens the sentence up to the verb at ``v`` when
    the words in between continue the noun phrase (``Mannheims oberster
    Bürgermeister Peter Kurz``, ``Eine Reporterin von n24``): capitalised words,
    articles, adjectives, ``von``/``aus``/genitive articles, words with digits;
    at most eight words in all.  Otherwise ``np`` unchanged."""
    if v > 8:
        return np
    for t in toks[np[1] : v]:
        if not (
            t.cap
            or t.low in lex.DETERMINERS
            or t.low in _SUBJECT_LINKS
            or _adj_like(t)
            or any(ch.isdigit() for ch in t.text)
        ) or t.text in _PUNCT:
            return np
    return (0, v)


def _subject_apposition(toks: list[_Tok], v: int) -> tuple[int, int] | None:
    """``Kemal Bedri, Vorsitzender der Wahlkommission, begründete``: a named subject
    (or a description named by its apposition: ``Der Verkehrsminister, Binali Yildirim,``)
    at the sentence start and one apposition (no verb in it) set off by two commas
    right before the verb at ``v``; the span of both."""
    if v < 4 or toks[v - 1].text != ",":
        return None
    commas = [k for k in range(v) if toks[k].text in ",;:()" or toks[k].text in _QUOTE_CHARS]
    if len(commas) != 2 or toks[commas[0]].text != ",":
        return None
    p1 = commas[0]
    np = _np_forward(toks, 0, p1)
    if np is None or np != (0, p1) or toks[0].low in lex.PRONOUNS_DE:
        return None
    if not _named(toks, np) and not (v - 1 > p1 + 1 and _named(toks, (p1 + 1, v - 1))):
        return None  # "Der Verkehrsminister, Binali Yildirim, …": the apposition names him
    seg = toks[p1 + 1 : v - 1]
    if not seg or not seg[-1].cap:
        return None
    for t in seg:
        if not (
            t.cap
            or t.low in lex.DETERMINERS
            or t.low in lex.PREPOSITIONS
            or t.low in ("und", "sowie")
            or _adj_like(t)
        ):
            return None  # a word that may be a verb: a clause, not an apposition
    return (0, v - 1)


def _said_after(
    text: str, toks: list[_Tok], verb: int, particle: int | None, end: int, need: Sequence[str] | None
) -> tuple[int, int] | None:
    """What a reporting verb at ``verb`` reports: the words after it up to its particle or the
    sentence's end (``end``), trimmed; with ``need`` containing ``von``, only when ``von`` follows
    (``sprach von …``).  None when that is too short to be a message."""
    after, stop = verb + 1, end
    if particle is not None and particle < stop:
        stop = particle
    if need and "von" in need and not _von_follows(toks, after, stop, need):
        return None
    if stop <= after:
        return None
    a, b = _content_trim(text, toks[after].start, toks[stop - 1].end)
    return None if b - a < 8 else (a, b)


def _von_follows(toks: list[_Tok], after: int, end: int, need: Sequence[str] = ("von",)) -> bool:
    """``von`` (or another of ``need``) right at ``after`` or after a short adverbial
    (``sprachen in diesem Zusammenhang von``), not after a preposition of its own
    (``sprach mit X von``)."""
    want = {*need, "vom"} if "von" in need else set(need)
    if after < end and toks[after].low not in want:
        if toks[after].low in lex.DETERMINERS or toks[after].cap:
            return False  # "Insgesamt spricht die Polizei von": a noun phrase, not an adverbial
    for k in range(after, min(end, after + 5)):
        if toks[k].low in want:
            return True
        if toks[k].low in _NOT_BEFORE_VON or toks[k].text in _PUNCT:
            return False
    return False


def _reported_quote(text: str, s: _Sent, cues, inside_direct) -> Quote | None:
    """Reported speech without a complement clause: ``Merkel forderte einen
    Neuanfang``, ``Scharf kritisierte die SPD den Plan``, ``Die Linke sprach von
    Wahlbetrug``, ``Der Plan wurde von Greenpeace kritisiert``.

    The speaker is the subject of the reporting verb (or the passive agent after
    ``von``) and only when it names someone (:func:`_named`), or when the verb is
    one of speaking proper (``sprechen von``, ``berichten von/über``) and the
    subject describes someone (:func:`_describes`: ``Augenzeugen``, ``Der
    Minister``); an object, any other common noun (``Kritiker forderten``), an
    abstract noun, a pronoun or a clause gives no speaker.  The
    message is the rest of the clause after verb and subject; for ``vorwerfen``
    (``X warf der SPD Versagen vor``) the clause up to the particle, and for a
    passive whose agent opens the sentence (``Von X wurde … als … kritisiert``:
    stance verbs only with ``als``) the whole sentence.
    """
    toks, n = s.toks, len(s.toks)
    if n < 4 or toks[-1].text == "?" or inside_direct(toks[0].start):
        return None
    extra = [
        _Cue(i, _lemma(t.text))
        for i, t in enumerate(toks)
        if not t.cap
        and t.low.startswith(("spr", "bezeichn", "bericht", "nann", "nenn", "wert"))
        and _lemma(t.text) in _REPORTED_EXTRA
    ]
    extra += [
        _Cue(i, _PASSIVE_ALS[t.low])
        for i, t in enumerate(toks)
        if t.low in _PASSIVE_ALS and t.low != "bezeichnet"
    ]
    seen: set[int] = set()
    for c in sorted([*cues, *extra], key=lambda c: c.i):
        if c.en or inside_direct(toks[c.i].start) or c.i in seen:
            continue
        seen.add(c.i)
        lem = c.lemma
        q = _reported_for_cue(text, s, c, inside_direct, lem)
        if q is not None and lem in _WHOLE_CLAUSE:
            if c.particle is None or any(t.text in ",;:" for t in toks[c.i : c.particle]):
                continue  # "warf ihm vor, …": the complement rule's
            # "Stoiber warf der SPD eine Fehlentwicklung vor": the accusation with
            # whom it is aimed at is the report, the clause up to its particle
            a, b = _content_trim(text, s.start, toks[c.particle].end)
            return _make(text, a, b, "indirect", lem, _speaker_span(q), "reported")
        if q is not None:
            return q
    return None


def _perfect_report(text: str, toks: list[_Tok], c: _Cue, end: int, lem: str) -> Quote | None:
    """``Die SPD hat einen Neuanfang gefordert``: a named subject, ``hat``/``hatte``,
    the object, the participle closing the clause; the object is the report."""
    if c.i != end - 1 or lem in _REPORTED_EXTRA or not toks[c.i].low.startswith(
        ("ge", "auf", "vor", "an", "zu")
    ):
        return None
    aux = next((k for k in range(1, c.i) if toks[k].low in _HAVE), None)
    if aux is None or aux + 2 > c.i:
        return None
    np = _np_forward(toks, 0, aux)
    if (
        np is None
        or np != (0, aux)
        or toks[0].low in _OBJECT_ONLY
        or _not_subject(toks, np)
        or not _named(toks, np)
        or any(t.text in ",;:()" for t in toks[aux:c.i])
    ):
        return None
    a, b = _content_trim(text, toks[aux + 1].start, toks[c.i - 1].end)
    if b - a < 8:
        return None
    return _make(text, a, b, "indirect", lem, _tokspan(toks, np), "reported")


def _speaker_span(q: Quote) -> tuple[int, int] | None:
    if q.speaker_start is None or q.speaker_end is None:
        return None
    return (q.speaker_start, q.speaker_end)


def _reported_for_cue(text: str, s: _Sent, c: _Cue, inside_direct, lem: str) -> Quote | None:
    """One reporting verb's report (see :func:`_reported_quote`), or None."""
    toks, n = s.toks, len(s.toks)
    need = _REPORTED_EXTRA.get(lem)
    als_passive = toks[c.i].low in _PASSIVE_ALS
    if lem not in _REPORTED_LEMMAS and need is None and not als_passive:
        return None
    # only a main-clause verb: no comma before it in the sentence (a quoted
    # name in the subject is no clause: "Der Sender „Silverbird“ berichtete"),
    # except around an apposition of a named subject ("Kemal Bedri, Vorsitzender
    # der Wahlkommission, begründete …")
    appo = _subject_apposition(toks, c.i)
    if appo is None and any(
        t.text in ",;:()" or (t.text in _QUOTE_CHARS and inside_direct(t.start))
        for t in toks[: c.i]
    ):
        return None
    end = n - 1 if toks[-1].text in _END_PUNCT else n
    into_direct = False
    for k in range(c.i + 1, end):
        # a direct quote ends the clause; a quoted word or phrase is part of it
        # ("sprach von einer „überwältigenden Resonanz“")
        if toks[k].text in ",;:" or (
            toks[k].text in _QUOTE_CHARS and inside_direct(toks[k].start)
        ):
            end = k
            into_direct = toks[k].text in _QUOTE_CHARS
            break
    if into_direct:
        return None  # "X nennt den Vorgang „ein Musterbeispiel …“": the direct quote says it
    nxt = toks[c.i + 1].low if c.i + 1 < n else ""
    passive = (
        any(t.low in _PASSIVE for t in toks[: c.i]) and (c.i == end - 1 or nxt == "worden")
    ) or (nxt == "worden" and any(t.low in _PERFECT_PASSIVE for t in toks[: c.i]))
    if als_passive and lem not in _REPORTED_LEMMAS and need is None:
        # a stance verb: only "von X … als Y kritisiert"
        if not passive or not any(t.low == "als" for t in toks[: c.i]):
            return None
    elif need and not any(
        t.low in need for t in (toks[:end] if passive and need == ("als",) else toks[c.i + 1 : end])
    ):
        return None
    if lem == "fordern" and any(t.low in _CASUALTIES for t in toks[:end]):
        return None  # "Zwölf Todesopfer forderte ein Taifun": claimed lives, no speech
    if need is not None and "von" in need and toks[end - 1].low in lex.PARTICLES_DE:
        return None  # "sprach sich für … aus": aussprechen, not "sprechen von"
    low = toks[c.i].low
    if c.i and toks[c.i - 1].low in lex.DETERMINERS:
        return None  # "dem geforderten Strafmaß"
    if low.startswith("ge") and low.endswith(("ten", "tem", "ter", "tes", "te")):
        return None  # an attributive participle
    if c.i and toks[c.i - 1].low == "und":
        # "Die CCE bestätigte … nicht und nannte sie „reine Spekulation“": the
        # subject that opens the sentence, when it names someone
        np = _np_forward(toks, 0, c.i)
        if (
            np is None
            or np[0] != 0
            or np[1] + 1 >= c.i
            or toks[np[1]].cap
            or toks[np[1]].low in lex.PARTICLES_DE
            or toks[0].low in _OBJECT_ONLY
            or not _named(toks, np)
            or _not_subject(toks, np)
            or any(t.low in ("und", "oder") for t in toks[np[1] + 1 : c.i - 1])
            or any(
                not toks[k].cap
                and toks[k].low not in lex.DETERMINERS
                and toks[k + 1].low in lex.DETERMINERS
                for k in range(np[0] + 1, np[1] - 1)
            )  # "Das teilte die ARD … mit und sprach von …": a clause, no noun phrase
        ):
            return None
        span = _said_after(text, toks, c.i, c.particle, end, need)
        if span is None:
            return None
        return _make(text, *span, "indirect", lem, _tokspan(toks, np), "reported")
    if passive:
        # "Der Plan wurde von Greenpeace scharf kritisiert."
        v = next((k for k in range(c.i) if toks[k].low in ("von", "vom")), None)
        if v is None or (v > 1 and toks[v - 1].cap and toks[v - 1].low not in lex.DETERMINERS):
            return None  # "wird der Ausbruch von Cholera befürchtet": "von" after a noun
        np = _np_forward(toks, v + 1, c.i)
        if v == 0 and np is not None:
            # "Von der Opposition wurde … kritisiert": the agent opens the sentence,
            # the finite auxiliary follows it; the whole sentence is the report
            if np[1] >= n or toks[np[1]].low not in _PASSIVE | _PERFECT_PASSIVE:
                return None
            a, b = _content_trim(text, s.start, toks[end - 1].end)
        else:
            if np is None or np[1] < c.i - 3 or (v and toks[v - 1].low in _PLACE_BEFORE_VON):
                return None  # "in der Nähe von Bergen … gewarnt": a place, not the agent
            aux = next((k for k in range(v) if toks[k].low in _PASSIVE), v)
            a, b = _content_trim(text, s.start, toks[min(aux, v)].start)  # the subject
        if b - a < 2:
            return None
        ok = _named(toks, np) or (als_passive and _describes(toks, np))
        spk = np if ok else None
        return _make(text, a, b, "indirect", lem, _tokspan(toks, spk), "reported")
    if c.i == 0:
        return None
    perfect = _perfect_report(text, toks, c, end, lem)
    if perfect is not None:
        return perfect
    if appo is not None:
        span = _said_after(text, toks, c.i, c.particle, end, need)
        if span is None:
            return None
        return _make(text, *span, "indirect", lem, _tokspan(toks, appo), "reported")
    np = _np_forward(toks, 0, c.i)
    if np is not None and np[0] == 0 and np[1] < c.i and lem in _SPEAKING:
        np = _whole_subject(toks, np, c.i)  # "Eine Reporterin von n24 sprach von …"
    pron_after = c.i + 1 < n and toks[c.i + 1].low in ("man", "er", "sie", "wir", "ich")
    if lem == "nennen" and pron_after and toks[c.i + 1].low == "man":
        return None  # "Dies nennt man einen Aktiensplit": a definition, not a report
    if (
        np is not None
        and np[1] == c.i
        and toks[0].low not in _OBJECT_ONLY
        and toks[0].low not in ("als", "wie")  # "Als Beispiel nannte X …": no subject
        and not pron_after  # "Rosinenbomber nannte man …": a fronted object
        and not (np[1] - np[0] == 1 and (toks[0].low in lex.ADVERBS or toks[0].low in _MANNER))
        and not (
            # "Gegenwärtig wirft Minister X …": an adverb first, the subject after the verb
            np == (0, 1)
            and toks[0].low.endswith(_ADVERB_ENDINGS)
            and c.i + 1 < n
            and (toks[c.i + 1].cap or toks[c.i + 1].low in lex.DETERMINERS)
        )
        and not _not_subject(toks, np)
        and not (
            # "Insgesamt spricht die Polizei von …": an adverb first, the subject
            # after the verb, when only that reading reaches the "von"
            need is not None
            and "von" in need
            and np[1] - np[0] == 1
            and not _von_follows(toks, c.i + 1, end, need)
        )
    ):
        after = c.i + 1  # "Merkel forderte …"
    else:
        np = _np_forward(toks, c.i + 1, end)  # "Scharf kritisierte die SPD …"
        if np is None or np[0] != c.i + 1 or toks[np[0]].text[0].isdigit():
            return None
        cut = next((k for k in range(np[0] + 1, np[1]) if toks[k].low in ("von", "vom")), None)
        if need is not None and "von" in need and cut is not None:
            np = (np[0], cut)  # "sprach Merkel von der Möglichkeit …"
        after = np[1]
    if need is not None and "von" in need and (
        after >= end or not _von_follows(toks, after, end, need)
    ):
        return None
    spk = (
        np
        if toks[np[0]].low not in _OBJECT_ONLY
        and (_named(toks, np) or (lem in _SPEAKING and _describes(toks, np)))
        else None
    )
    stop = end
    if c.particle is not None and c.particle < stop:
        stop = c.particle
    if toks[0].low in _OBJECT_ONLY and after <= stop and np[0] == c.i + 1:
        stop, after = c.i, 0  # "Den Rücktritt forderte die CDU": the fronted object
    if stop <= after:
        return None
    a, b = _content_trim(text, toks[after].start, toks[stop - 1].end)
    if b - a < 8:
        return None
    # a common noun as subject ("Kritiker warnten vor …"): the report, no speaker
    return _make(text, a, b, "indirect", lem, _tokspan(toks, spk), "reported")
    return None


#: rules whose speaker is carried over from an earlier quote without a cue
