"""Quote classes from the error-class round of 2026-12-06 evening, task A (issue 11 §2).

Hand-written sentences (not corpus text) for two classes counted by
``training/quotes/news_dev_errors.py`` and ``news_dev_split.py`` on the 120
development articles of SpkAtt news dev: names set in quote marks (parties,
events, works, types) taken as quotes without a speaker, and reports with
``sprechen von`` / ``berichten von|über`` whose subject describes the speaker
instead of naming them (``Augenzeugen``, ``Ein ehemaliger Mitarbeiter``), and a
describing subject whose apposition names the speaker (``Der Verkehrsminister, X,``).
"""

from __future__ import annotations

import pytest

from lagebild.enrich.quotes import SPEAKER_THRESHOLD, find_quotes
from lagebild.enrich.sentences import split_sentences


def _quotes(text: str, min_confidence: float | None = 0.0):
    return find_quotes(text, split_sentences(text), lang="de", min_confidence=min_confidence)


@pytest.mark.parametrize(
    "text",
    [
        "Die Partei „Forum für Demokratie und Wandel“ gewann im Norden die meisten Sitze.",
        "Beim „Internationalen Festival der Blasmusik“ traten am Wochenende 40 Kapellen auf.",
        "Am Abend landete eine Maschine vom Typ „Cessna Citation Mustang Jet“ auf dem Acker.",
        "Im „Championnat Européen de Football Féminin“ spielte die Mannschaft um den Titel.",
        "Zum Abschluss sang der Chor das „Lied von der Glocke“ vor dem Rathaus.",
    ],
)
def test_quoted_names_are_no_quotes(text):
    assert _quotes(text) == []


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        # a quoted fragment inside reported speech opens with a lower-case word
        (
            "Die „völlig überzogenen Forderungen der Gewerkschaft“ seien nicht bezahlbar.",
            "völlig überzogenen Forderungen der Gewerkschaft",
        ),
        # a sentence of its own ends in a sentence mark
        ("Er stand auf. „Die Sitzung ist beendet.“ Danach ging er.", "Die Sitzung ist beendet."),
        # a quote with a cue is speech even when it looks like a name
        (
            "„Freiheit für alle Gefangenen“, riefen die Demonstranten vor dem Gericht.",
            "Freiheit für alle Gefangenen",
        ),
    ],
)
def test_quotes_that_look_like_names_stay(text, quoted):
    assert quoted in [q.text for q in _quotes(text)]


@pytest.mark.parametrize(
    ("text", "speaker", "message"),
    [
        (
            "Augenzeugen berichteten von Schüssen in der Nähe des Bahnhofs.",
            "Augenzeugen",
            "von Schüssen in der Nähe des Bahnhofs",
        ),
        (
            "Ein ehemaliger Mitarbeiter sprach von einem Klima der Angst im Betrieb.",
            "Ein ehemaliger Mitarbeiter",
            "von einem Klima der Angst im Betrieb",
        ),
        (
            "Der Landesrundfunk berichtete über neue Überschwemmungen im Süden.",
            "Der Landesrundfunk",
            "über neue Überschwemmungen im Süden",
        ),
    ],
)
def test_describing_subject_of_speaking_verbs_speaks(text, speaker, message):
    (q,) = _quotes(text, None)
    assert q.speaker_text == speaker
    assert q.text == message
    assert q.confidence >= SPEAKER_THRESHOLD


@pytest.mark.parametrize(
    "text",
    [
        # an abstract noun reports nothing as a speaker
        "Die Untersuchung berichtet von deutlich steigenden Zahlen im Winter.",
        # demands keep needing a named subject
        "Kritiker forderten am Montag den sofortigen Rücktritt des Landrats.",
    ],
)
def test_no_describing_speaker_here(text):
    assert all(q.speaker_text is None for q in _quotes(text))


def test_description_subject_named_by_its_apposition():
    text = "Die frühere Bürgermeisterin, Karin Albers, bezeichnete den Neubau als überflüssig."
    (q,) = _quotes(text, None)
    assert q.speaker_text == "Die frühere Bürgermeisterin, Karin Albers"
    assert q.text == "den Neubau als überflüssig"


def test_description_with_describing_apposition_names_nobody():
    text = "Der frühere Bürgermeister, ein erfahrener Verwalter, forderte mehr Geld für Schulen."
    assert all(q.speaker_text is None for q in _quotes(text))


@pytest.mark.parametrize(
    ("text", "speaker", "message"),
    [
        # an adverb first: the subject after the verb reaches the "von"
        (
            "Insgesamt spricht die Polizei von einer ruhigen Nacht.",
            "die Polizei",
            "von einer ruhigen Nacht",
        ),
        # the subject noun phrase runs up to the verb over attributes
        (
            "Eine Sprecherin von RTL berichtete von langen Staus am Grenzübergang.",
            "Eine Sprecherin von RTL",
            "von langen Staus am Grenzübergang",
        ),
        (
            "Hamburgs neuer Innensenator Jan Peters sprach von einem Durchbruch.",
            "Hamburgs neuer Innensenator Jan Peters",
            "von einem Durchbruch",
        ),
    ],
)
def test_speaking_verb_subject_spans(text, speaker, message):
    (q,) = _quotes(text, None)
    assert (q.speaker_text, q.text) == (speaker, message)
