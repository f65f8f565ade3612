"""Checks on German speakers and spans after the rules (issue 11 §2).  Private.

Read on a hand-judged sample of unseen German news (10kGNAD, ``bench/quotes_news_sample.py``,
dev part), where quotation marks are often missing and documents speak:

* a law, a plan or a rule is no actor (``laut Staatsschutzgesetz``, ``laut Masterplan``,
  ``gemäß der Satzung``): the quote and the phrase as its source stay (SpkAtt marks them),
  but no entity is credited (:func:`document_source`);
* a first-person speaker outside quotation marks speaks inside someone else's unmarked
  direct speech or is the paper itself (``Mein Mann hat mir gesagt, dass …, sagt Aysha``;
  ``Wir wollen unseren Lesern sagen, dass …``): no speaker, and a complement ends before the
  tail (``…, sagt Aysha``) that reports the whole sentence;
* ``nach ihrer Auffassung``: a possessive names nobody on its own
  (:func:`possessive_source`); ``nach eigenen Angaben`` keeps only the phrase
  (``eigenen Angaben Pärts Musik`` ran on into the object);
* ``X zufolge`` back over a finite verb (``Viele schwenkten Bildern zufolge``): the source is
  the noun phrase after the verb;
* a ``dass`` clause after ``aus Angst,`` / ``in der Hoffnung,`` is a feeling, not speech;
  ``nach umstrittenen Aussagen von X`` is a time (after), not a source;
* a tail quote (``…, so Kiselev``) starts after a colon whose lead-in names the speaker or
  another source (``Der Botschafter habe laut Zaorálek versucht, …: Nach wie vor …``);
* a pronoun in a question (``Haben Sie daran geglaubt, …?``) is asked, and says nothing;
* a quote kept twice, or kept without any rule inside a quote with a speaker, is one quote;
* ``…, wie aus X hervorgeht`` and ``…, geht aus X hervor``: X is the source;
* the answers of an interview laid out as ``STANDARD: …? Stöger: …`` are the interviewee's
  quotes (:mod:`lagebild.enrich._quote_interview`).
"""

from __future__ import annotations

import re

from lagebild.enrich._quote_interview import interview_quotes
from lagebild.enrich._quote_speaker_shape import check_shapes
from lagebild.model import Quote

# head nouns of a law, plan or rule (as word endings: "Staatsschutzgesetz", "Masterplan")
_RULE_NOUNS = (
    "gesetz", "gesetzes", "gesetzen", "plan", "plans", "planes", "vertrag", "vertrags",
    "verordnung", "richtlinie", "richtlinien", "satzung", "verfassung", "abkommen",
    "vorschrift", "vorschriften", "regelung", "regelungen", "paragraf", "paragraph",
    "paragrafen", "statut", "statuten", "geschäftsordnung", "ordnung", "verordnungen",
    "konvention", "charta", "lehrplan", "fahrplan", "grundgesetz", "bestimmungen",
)
_NOT_RULE = frozenset("kaplan chaplan".split())
_ARTICLES = frozenset(
    "der die das dem den des ein eine einer eines einem einen diesem dieser diesen".split()
)
_FIRST_PERSON = frozenset(
    "ich wir mein meine meinem meinen meiner meines unser unsere unserem unseren unserer "
    "unseres".split()
)
_POSSESSIVE = frozenset(
    "ihrer ihren ihrem ihre seiner seinen seinem seine deren dessen".split()
)
_OWN = frozenset("eigenen eigener eigene".split())
_SOURCE_HEAD = re.compile(
    r"(?:angaben|angabe|aussagen|aussage|auffassung|ansicht|meinung|einschätzung|"
    r"darstellung|informationen|worten|überzeugung|schätzung|berechnungen)$",
    re.IGNORECASE,
)
_FEELING_BEFORE = re.compile(
    r"(?:\b(?:aus|vor)\s+(?:Angst|Sorge|Furcht)|\bin\s+der\s+(?:Hoffnung|Erwartung|Sorge|Angst"
    r"|Annahme|Überzeugung))\s*,\s*$"
)
_AFTER_REMARKS = re.compile(
    r"\bnach\s+(?:den\s+)?(?:umstrittenen|kontroversen|heftig\s+kritisierten|heftigen|"
    r"scharfen|abfälligen|rassistischen|antisemitischen|sexistischen|skandalösen|"
    r"provokanten|provokativen|polemischen|beleidigenden|kritischen)\s+"
    r"(?:Aussagen|Äußerungen|Bemerkungen)\b"
)
_TAIL_SAY = re.compile(
    r",\s+(?:sagt|sagte|sagten|sagen|erzählt|erzählte|meint|meinte|betont|betonte|"
    r"erklärt|erklärte|so)\s+[A-ZÄÖÜ]\w+"
)
_SOURCE_INSIDE = re.compile(r"\blaut\s+[A-ZÄÖÜ]|\s[A-ZÄÖÜ]\w+\s+zufolge\b")


#: the checks on (names as in the tests); a smaller set measures one without the others
CHECKS = frozenset(
    "rule_noun first_person possessive own_span zufolge_verb feeling after_remarks "
    "complement_tail tail_colon duplicate nested interview hervor question".split()
)


def check_speakers(text: str, quotes: list[Quote]) -> list[Quote]:
    """The German quotes after the checks above (speakers dropped, spans cut, some quotes
    dropped); ``quotes`` is sorted by start and has no confidence yet."""
    out: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    # spans as the rules kept them, before any is cut
    spoken = [(q.start, q.end) for q in quotes if q.speaker_start is not None]
    for q in quotes:
        if q.kind == "indirect" and not _is_speech(text, q):
            continue
        if q.speaker_start is not None and q.speaker_text:
            _check_speaker(q)
            if (
                "question" in CHECKS
                and (q.speaker_text or "").lower() in ("sie", "du", "ihr")
                and _in_question(text, q)
            ):
                _drop(q)  # "Haben Sie daran geglaubt, … aufzusteigen?": asked, not said
        if q.kind == "indirect":
            _cut_span(text, q)
        if (q.start, q.end) in seen and q.speaker_start is None and "duplicate" in CHECKS:
            continue  # the same span kept twice
        seen.add((q.start, q.end))
        out.append(q)
    # a quote no rule gave a speaker, inside one with a speaker: part of that quote
    out = [
        q
        for q in out
        if q.speaker_start is not None
        or "nested" not in CHECKS
        or q.evidence
        or q.kind != "indirect"
        or not any(a <= q.start and q.end <= b and (a, b) != (q.start, q.end) for a, b in spoken)
    ]
    if "hervor" in CHECKS:
        out = _hervor(text, out)
    out = check_shapes(text, out)  # clauses, frame nouns, nested speakers (second round)
    answers = interview_quotes(text) if "interview" in CHECKS else []
    if answers:  # "STANDARD: …? Stöger: …": an answer holds what was found in it
        out = [
            q
            for q in out
            if q.speaker_start is not None
            and not q.evidence.startswith(("complement", "konjunktiv"))
            or not any(a.start <= q.start and q.end <= a.end for a in answers)
        ]
        out = sorted(out + answers, key=lambda q: (q.start, q.end))
    return out


def _is_speech(text: str, q: Quote) -> bool:
    before = text[max(0, q.start - 40) : q.start]
    if "feeling" in CHECKS and q.text.startswith("dass") and _FEELING_BEFORE.search(before):
        return False  # "drohten mit Hungerstreik, aus Angst, dass …"
    if (
        "after_remarks" in CHECKS
        and q.evidence.startswith("source_nach")
        and _AFTER_REMARKS.search(q.text)
    ):
        return False  # "zitierte ihn nach umstrittenen Aussagen von X zu sich"
    return True


def document_source(q: Quote) -> bool:
    """Is the speaker a law, a plan or a rule (``laut Staatsschutzgesetz``, ``laut dem
    Masterplan``, ``gemäß der Satzung``)?  SpkAtt marks such a phrase as the Source, so the
    speaker text stays; :func:`~lagebild.enrich._speakers.resolve_speakers` links it to no
    entity, so that no actor is credited with what a document lays down."""
    if (
        "rule_noun" not in CHECKS
        or not q.evidence.startswith("source_")
        or q.evidence.startswith("source_according")  # German phrases only
    ):
        return False
    heads = [
        w for w in (q.speaker_text or "").split() if w[:1].isupper() and w.lower() not in _ARTICLES
    ]
    head = heads[0].lower().strip(",.") if heads else ""
    return bool(head) and head.endswith(_RULE_NOUNS) and head not in _NOT_RULE


def possessive_source(q: Quote) -> bool:
    """``nach ihrer Auffassung``, ``laut dessen Angaben``: a possessive before a source noun.
    SpkAtt marks the phrase as the Source; with the article's entities it is dropped when
    it was linked to none (:func:`~lagebild.enrich._speakers._drop_unresolved_pronouns`),
    as a bare pronoun is: on its own it names nobody."""
    words = (q.speaker_text or "").split()
    return (
        "possessive" in CHECKS
        and len(words) == 2
        and words[0].lower() in _POSSESSIVE
        and bool(_SOURCE_HEAD.search(words[1]))
    )


_VERB_FIRST = re.compile(r"(?:^|[.!?…:]\s+)[A-ZÄÖÜ]\w+\s+$")


def _in_question(text: str, q: Quote) -> bool:
    """Is the speaker of ``q`` the subject of a question that opens with its verb (``Haben
    Sie … geglaubt, …?``; not ``Sie fragt, warum …?``)?"""
    m = re.search(r"[.!?…]", text[q.end : q.end + 300])
    s0 = q.speaker_start or 0
    return (
        m is not None
        and m.group() == "?"
        and _VERB_FIRST.search(text[max(0, s0 - 40) : s0]) is not None
    )


def _drop(q: Quote) -> None:
    q.speaker_text = q.speaker_start = q.speaker_end = q.speaker_entity = None
    q.speaker_entities = []


def _check_speaker(q: Quote) -> None:
    spk = q.speaker_text or ""
    words = spk.split()
    first = words[0].lower().strip("„“\"»«,") if words else ""
    if (
        "first_person" in CHECKS
        and first in _FIRST_PERSON
        and (len(words) > 1 or first not in ("ich", "wir"))
    ):
        _drop(q)  # "Mein Mann hat mir gesagt, dass", "Wir wollen unseren Lesern …"
        return
    if q.evidence.startswith("source_"):
        if "own_span" in CHECKS and first in _OWN and len(words) > 2 and _SOURCE_HEAD.search(
            words[1]
        ):
            _set_speaker(q, 0, 2)  # "eigenen Angaben Pärts Musik" -> "eigenen Angaben"
            return
    if "zufolge_verb" in CHECKS and q.evidence == "source_zufolge" and len(words) > 2:
        for i in range(len(words) - 2, 0, -1):
            w = words[i]
            if (
                w.islower()
                and w.endswith(("te", "ten"))
                and words[i - 1][:1].isupper()
                and words[i - 1].lower() not in _ARTICLES
            ):
                _set_speaker(q, i + 1, len(words))  # "Viele schwenkten Bildern" -> "Bildern"
                return


def _set_speaker(q: Quote, w0: int, w1: int) -> None:
    """Keep the words ``w0:w1`` of the speaker (offsets follow single spaces)."""
    spk = q.speaker_text or ""
    pos = [m.span() for m in re.finditer(r"\S+", spk)]
    a, b = pos[w0][0], pos[w1 - 1][1]
    base = q.speaker_start or 0
    q.speaker_start, q.speaker_end = base + a, base + b
    q.speaker_text = spk[a:b]


def _cut_span(text: str, q: Quote) -> None:
    if q.evidence == "complement" and "complement_tail" in CHECKS:
        m = _TAIL_SAY.search(q.text)
        if m and m.start() >= 10:
            q.end = q.start + m.start()  # "dass …, sagt Aysha und kann kaum …"
            q.text = text[q.start : q.end]
    elif q.evidence.startswith("tail") and q.speaker_text and "tail_colon" in CHECKS:
        colon = q.text.rfind(": ")
        if colon < 10 or len(q.text) - colon < 20:
            return
        lead = q.text[:colon]
        name = (q.speaker_text.split() or [""])[-1]
        names_it = len(name) > 2 and re.search(rf"\b{re.escape(name)}\b", lead)
        if _SOURCE_INSIDE.search(lead) or names_it:
            q.start += colon + 2  # "… laut Zaorálek versucht, …: Nach wie vor …, so Kiselev"
            q.text = text[q.start : q.end]


# "…, wie aus dem Antrag hervorgeht." / "…, geht aus dem Antrag hervor, der …": the document
_HERVOR = re.compile(
    r",\s+(?:wie\s+(?:auch\s+)?aus\s+(?P<a>(?:de[mnr]|einem|einer|den)\s+[^,.;:!?]{2,60}?)"
    r"\s+hervor(?:geht|ging)|(?:geht|ging)\s+(?:auch\s+)?aus\s+"
    r"(?P<b>(?:de[mnr]|einem|einer|den)\s+[^,.;:!?]{2,60}?)\s+hervor)(?=\s*[,.])"
)
_SENT_START = re.compile(r"[.!?]\s+(?=[„“\"»]?[A-ZÄÖÜ])")
_NEGATED = re.compile(r"\b(?:nicht|nie|keineswegs)\b")


def _hervor(text: str, quotes: list[Quote]) -> list[Quote]:
    """A clause before ``, wie aus X hervorgeht`` / ``, geht aus X hervor``: X's report
    (rule ``wie_tail``), a speaker for a quote found without one or a new quote."""
    by_end = {q.end: q for q in quotes if q.kind == "indirect"}
    new: list[Quote] = []
    for m in _HERVOR.finditer(text):
        g = "a" if m.group("a") else "b"
        sa, sb = m.start(g), m.end(g)
        if _NEGATED.search(text, sa, sb):  # "geht aus dem Bericht nicht hervor": it does not say
            continue
        q = by_end.get(m.start())
        if q is None:
            start = 0
            for e in _SENT_START.finditer(text, max(0, m.start() - 400), m.start()):
                start = e.end()
            if m.start() - start < 15 or any(
                p.start <= start < p.end or start <= p.start < m.start() for p in quotes
            ):
                continue
            q = Quote(text=text[start : m.start()], start=start, end=m.start(), kind="indirect")
            new.append(q)
        elif q.speaker_start is not None:
            continue
        q.cue, q.evidence = "hervorgehen", "wie_tail"
        q.speaker_text, q.speaker_start, q.speaker_end = text[sa:sb], sa, sb
    return sorted(quotes + new, key=lambda q: (q.start, q.end)) if new else quotes
