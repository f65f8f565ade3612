"""German speakers that name no one who spoke, fourth 10kGNAD round (issue 11 §2).  Private.

Read on the development material of the hand-judged samples of unseen German news
(``bench/quotes_news_sample.py``, rounds 1-3 all parts, round 4 dev), where a wrong speaker
was shown:

* what is done ``gemäß`` a law or a decision is done in keeping with it, nobody reports it
  (``gemäß Kriegsmaterialgesetz``, ``gemäß Nationalratsbeschluss``): no speaker is shown
  (``laut Gesetz`` stays a source with no entity, :func:`document_source`: SpkAtt marks it);
* a book, a film or an article is what its author wrote in (``hatte 2006 im Buch At Day's
  Close: Night in Times Past argumentiert, dass …``): the title is no speaker;
* a speech-act or activity noun is what was said or done, not who said it (``wies Kritik
  … zurück``, ``Die neue Einlassung belegt nun, dass``, ``Die Expertise des …
  erklärt``, ``Die Erforschung der Quarkonia verspricht …:``);
* an agency after an indefinite article is an attribute of a document (``wie eine
  Reuters am Donnerstag vorliegende Studie … ergab``): the article's noun is the source,
  and the name no speaker;
* a subject of a conditional clause says nothing yet (``Wenn die Türkei sagt, dass …, wäre
  das noch keine Lösung``): a hypothetical, no speaker.

Prefer abstaining: the quote stays, without a speaker.
"""

from __future__ import annotations

import re

from lagebild.enrich._quote_checks import document_source
from lagebild.model import Quote

#: the checks on (names as in the tests)
CHECKS = frozenset("document book act_noun agency conditional".split())

# the words of a law, a rule or a decision that :func:`document_source` does not know
_DECISION_HEAD = re.compile(r"(?:beschluss|beschlusses|beschlüssen|beschlüsse)$", re.IGNORECASE)
# "gemäß" before a law: in keeping with it, no report ("laut Gesetz" is one: SpkAtt marks it)
_CONFORMING = re.compile(r"\b[Gg]emäß\s+(?:de[mnrs]\s+)?$")
# "im Buch …", "in seinem Roman …" right before the speaker, or before a title's first part
# ("im Buch At Day's Close: Night in Times Past")
_WORK_BEFORE = re.compile(
    r"\b(?:im|in\s+(?:dem|seinem|ihrem|einem|diesem|deren|dessen))\s+"
    r"(?:neuen\s+|jüngsten\s+|letzten\s+|aktuellen\s+)?"
    r"(?:Buch|Roman|Film|Artikel|Aufsatz|Essay|Beitrag|Werk|Band|Sachbuch|Bestseller|Gedicht|"
    r"Theaterstück|Stück|Song|Lied)\s+(?:[^.!?,]{0,60}?:\s+)?$"
)
# nouns of what is said or done (the object or the content of a cue, not its subject)
_ACT_NOUNS = frozenset(
    (
        "kritik", "klage", "klagen", "vorwurf", "vorwürfe", "einlassung", "expertise",
        "erforschung", "forschung", "forderung", "forderungen", "debatte", "diskussion",
        "behauptung", "behauptungen", "beschwerde", "anschuldigung", "anschuldigungen",
        "vermutung", "gerüchte", "gerücht", "spekulationen", "frage", "fragen",
    )
)
_ARTICLES = frozenset("der die das den dem des neue neuen neuer jüngste jüngsten".split())
_INDEFINITE = frozenset("ein eine einer eines einem einen".split())
# news agencies (an indefinite article before one is an attribute's: "eine Reuters
# vorliegende Studie")
_AGENCIES = frozenset(
    "reuters apa dpa afp ap ansa kna epd ddp sda bloomberg tass itar-tass xinhua".split()
)
# a conditional clause before its subject: "Wenn die Türkei sagt, dass …"
_CONDITIONAL_BEFORE = re.compile(r"(?:^|[\s,;:(–-])(?:[Ww]enn|[Ff]alls|[Ss]ofern)\s+$")


def _drop(q: Quote) -> None:
    q.speaker_text = q.speaker_start = q.speaker_end = q.speaker_entity = None
    q.speaker_entities = []


def names_no_speaker(text: str, q: Quote) -> str | None:
    """Why the speaker of ``q`` names no one who spoke (the check's name), or None."""
    spk = q.speaker_text or ""
    words = [w.strip("„“\"»«,.:;()") for w in spk.split()]
    words = [w for w in words if w]
    if not words or q.speaker_start is None:
        return None
    low = [w.lower() for w in words]
    heads = [w for w in words if w[:1].isupper() and w.lower() not in _ARTICLES]
    before = text[max(0, q.speaker_start - 60) : q.speaker_start]
    if (
        "document" in CHECKS
        and _CONFORMING.search(before)
        and (document_source(q) or heads and _DECISION_HEAD.search(heads[0]))
    ):
        return "document"  # "gemäß Kriegsmaterialgesetz", "gemäß Nationalratsbeschluss"
    if "book" in CHECKS and _WORK_BEFORE.search(before):
        return "book"  # "im Buch At Day's Close: Night in Times Past argumentiert"
    if (
        "act_noun" in CHECKS
        and heads
        and heads[0].lower() in _ACT_NOUNS
        and (low[0] in _ARTICLES or words[0] == heads[0])
        and not q.evidence.startswith(("source_laut", "source_nach"))  # "laut Klage": a document
    ):
        return "act_noun"  # "wies Kritik … zurück", "Die neue Einlassung belegt nun"
    if "agency" in CHECKS and len(low) >= 2 and low[0] in _INDEFINITE and low[1] in _AGENCIES:
        return "agency"  # "wie eine Reuters am Donnerstag vorliegende Studie … ergab"
    if "conditional" in CHECKS and _CONDITIONAL_BEFORE.search(before):
        return "conditional"  # "Wenn die Türkei sagt, dass …": nobody has said it
    return None


def drop_non_speakers(text: str, quotes: list[Quote]) -> None:
    """Drop, in place, each speaker that :func:`names_no_speaker` finds naming no one; the
    quote stays, without a speaker."""
    for q in quotes:
        if q.speaker_start is not None and names_no_speaker(text, q):
            _drop(q)
