"""Quote classes from the third error-class round, 2026-12-06 night, task A (issue 11 §2).

Hand-written sentences (not corpus text) for classes counted by
``training/quotes/news_dev_errors.py`` on the 120 development articles of
SpkAtt news dev outside the held-out fifth: passages of reported speech carried
over several Konjunktiv sentences (one quote, not one per sentence); active
``zitieren`` (the quoted person speaks); ``nach``/``gemäß`` phrases that date or
rule rather than attribute; an apposition whose closing comma is lost; cues in
subordinate clauses (``indem er …``, ``wobei``) and zu-infinitives (``beeilte
sich, … zu erklären``).
"""

from __future__ import annotations

import pytest

from lagebild.enrich.quotes import find_quotes
from lagebild.enrich.sentences import split_sentences


def _quotes(text: str, min_confidence: float | None = 0.0):
    return find_quotes(text, split_sentences(text), lang="de", min_confidence=min_confidence)


def test_carried_konjunktiv_sentences_are_one_passage() -> None:
    text = (
        "Die Bürgermeisterin sagte, die Brücke müsse gesperrt werden. "
        "Die Pfeiler seien stark beschädigt. Ein Gutachten liege seit Mai vor. "
        "Der Verkehr wird nun über die Umgehungsstraße geleitet."
    )
    qs = _quotes(text)
    assert [(q.text, q.speaker_text) for q in qs] == [
        ("die Brücke müsse gesperrt werden", "Die Bürgermeisterin"),
        (
            "Die Pfeiler seien stark beschädigt. Ein Gutachten liege seit Mai vor",
            "Die Bürgermeisterin",
        ),
    ]
    assert qs[1].evidence.startswith("konjunktiv_continuation")
    assert text[qs[1].start : qs[1].end] == qs[1].text


def test_passage_stops_at_a_paragraph_and_at_a_new_speaker() -> None:
    text = (
        "Der Trainer sagte, die Mannschaft sei müde. Sie brauche eine Pause.\n"
        "Die Spieler hätten alles gegeben.\n"
        "Der Kapitän erklärte dagegen, man sei gut vorbereitet. Die Form stimme."
    )
    qs = _quotes(text)
    texts = [q.text for q in qs]
    assert "Sie brauche eine Pause" in texts
    assert not any("Pause" in t and "Spieler" in t for t in texts)
    assert qs[-1].text == "Die Form stimme" and qs[-1].speaker_text == "Der Kapitän"


def test_a_continuation_after_a_direct_quote_is_not_joined_to_it() -> None:
    text = (
        "Die Ministerin sagte: „Wir handeln jetzt und ohne Zögern.“ "
        "Die Mittel seien bereits freigegeben. Weitere Hilfen würden geprüft."
    )
    qs = _quotes(text)
    assert [q.kind for q in qs] == ["direct", "indirect"]
    assert qs[1].text == "Die Mittel seien bereits freigegeben. Weitere Hilfen würden geprüft"
    assert qs[1].speaker_text == "Die Ministerin"


def test_who_is_quoted_speaks_not_who_quotes() -> None:
    # active "zitieren": the quoted person speaks; an object with an accusative
    # article is no speaker form we show, so the quote is left without one
    text = "Die Agentur zitierte dazu Petra Lang mit folgenden Worten: „Diese Banken haben "
    q = _quotes(text + "ihre Aufgabe verloren.“")[0]
    assert q.speaker_text == "Petra Lang"
    text = "Die Zeitung zitiert einen Augenzeugen mit den Worten: „Der Mann ist einfach "
    q = _quotes(text + "weitergegangen.“")[0]
    assert q.speaker_text != "Die Zeitung"
    # passive: the subject is the one quoted
    text = "Der Vorsitzende Klaus Meier wird in einer Mitteilung mit den Worten zitiert: "
    q = _quotes(text + "„Was wir brauchen, ist mehr Personal.“")[0]
    assert q.speaker_text == "Der Vorsitzende Klaus Meier"


@pytest.mark.parametrize(
    "text",
    [
        "Die Helfer sollen nach der Unabhängigkeitserklärung beim Aufbau der Verwaltung helfen.",
        "Nach dem Bericht tagte der Ausschuss noch bis in die Nacht.",
        "Das Recht wurde allmählich gemäß dem Islam verändert, vor allem im Strafrecht.",
        "Die Gebühr wird gemäß Artikel 5 der Satzung jedes Jahr neu festgelegt.",
    ],
)
def test_after_an_event_or_by_a_rule_is_no_source(text) -> None:
    assert all(q.speaker_text is None for q in _quotes(text))


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Nach dem Bericht der Kommission fehlen im Land 300 Lehrer.", "der Kommission"),
        ("Die Trümmer verteilten sich gemäß einem Augenzeugen im Umkreis.", "Augenzeugen"),
        ("Gemäß einem Bericht der Zeitung trat der Minister zurück.", "Bericht der Zeitung"),
        ("Gemäß der Netzzeitung ist der Minister zurückgetreten.", "der Netzzeitung"),
    ],
)
def test_sources_with_an_owner_stay(text, speaker) -> None:
    assert [q.speaker_text for q in _quotes(text)] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Die Chefjuristin der Regierung, Anabella Morfin verwies darauf, dass man die "
            "Jugendlichen verlegen wollte.",
            "Die Chefjuristin der Regierung, Anabella Morfin",
        ),
        (
            "Die Polizeisprecherin, Anna Berg, sagte, die Lage sei ruhig.",
            "Die Polizeisprecherin, Anna Berg",
        ),
        ("Am Montag, dem Feiertag, sagte der Minister, die Lage sei ruhig.", "der Minister"),
        (
            "Der Sprecher der Stadt, die seit Jahren verschuldet ist, sagte, es fehle Geld.",
            "Der Sprecher der Stadt",
        ),
    ],
)
def test_apposition_whose_closing_comma_is_lost(text, speaker) -> None:
    assert [q.speaker_text for q in _quotes(text)] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a cue in a subordinate clause: its own subject speaks
        (
            "Der Verband schlug in die gleiche Kerbe, indem er den Vorstand zum Handeln "
            "aufforderte: „Einen solchen Chef kann sich die Bank nicht leisten.“",
            "er",
        ),
        ("Der Minister verteidigte das Gesetz, wobei er betonte, dass es befristet sei.", "er"),
        # the auxiliary of a perfect far before its participle, over an ordinal's period
        (
            "Die beiden Präsidenten haben sich nach tagelangen Gesprächen und nach einer Meldung "
            "des Staatsfernsehens vom 11. Februar inzwischen darauf verständigt, die Erklärung "
            "für nichtig zu erklären.",
            "Die beiden Präsidenten",
        ),
        # a zu-infinitive of saying: the sentence's subject speaks
        (
            "Der Sprecher des Weißen Hauses beeilte sich, gegenüber Journalisten zu erklären, "
            "die Äußerungen stellten keinen Politikwechsel dar.",
            "Der Sprecher des Weißen Hauses",
        ),
        (
            "Die Ministerin nutzte die Gelegenheit, um zu betonen, dass die Reform komme.",
            "Die Ministerin",
        ),
    ],
)
def test_speaker_of_a_cue_in_a_dependent_clause(text, speaker) -> None:
    assert [q.speaker_text for q in _quotes(text)] == [speaker]


def test_a_fronted_subordinate_clause_is_no_complement() -> None:
    # "Nachdem X <cue>, <main clause>": what follows the comma is the main clause ...
    text = "Nachdem er seine Opfer verfolgt und festgehalten hat, habe er versucht, sie zu küssen."
    assert _quotes(text) == []
    # ... unless the cue takes a dass-clause, which ends where the main clause begins
    text = (
        "Nachdem erste Ermittlungen ergeben hatten, dass der Motor als Ursache "
        "auszuschließen war, ermittelte die Polizei wegen Brandstiftung."
    )
    assert [(q.text, q.speaker_text) for q in _quotes(text)] == [
        ("dass der Motor als Ursache auszuschließen war", "erste Ermittlungen")
    ]
    # a verb-final passive cue ends a relative clause; the main clause goes on after it
    text = (
        "Der Regierungschef, dessen Rücktritt von den Demonstranten gefordert wird, griff "
        "gestern zu einer drastischen Maßnahme, um den Protesten zu begegnen."
    )
    assert _quotes(text) == []


def test_passive_report_in_a_document_and_relative_pronoun_speakers() -> None:
    q = _quotes("Im Bericht wird betont, dass die Lage ernst sei.")[0]
    assert q.speaker_text == "Bericht"
    q = _quotes("In Berlin wurde gefordert, dass die Steuern steigen.")[0]
    assert q.speaker_text is None  # a place, not a document
    # a relative pronoun speaks as SpkAtt marks it, unless a verb hides its antecedent
    q = _quotes("Der Vorschlag kam von Ägypten, das vorschlug, eine Zone einzurichten.")[0]
    assert q.speaker_text == "das"
    q = _quotes("Die Polizei hatte Ermittlungen eingeleitet, die ergaben, dass Benzin brannte.")[0]
    assert q.speaker_text is None
