"""The learned German speech-cue scorer (lagebild/enrich/_quote_learned.py, issue 11 §2).

Sentences written for these tests (not from any corpus).  The model was fitted on
SpkAtt-2023 debates; its cues only open a complement clause (``dass`` or reported
speech) in a sentence where no rule finds a quote.
"""

from __future__ import annotations

import json

import pytest

from lagebild.enrich import _quote_learned as ql
from lagebild.enrich.quotes import find_quotes
from lagebild.enrich.sentences import split_sentences


def _quotes(text: str) -> list:
    return find_quotes(text, split_sentences(text), lang="de")


@pytest.fixture
def learned_off():
    ql.ENABLED = False
    yield
    ql.ENABLED = True


# a verb of no rule's list, a that-clause or a Konjunktiv complement after it
FOUND = [
    (
        "Ein Augenzeuge erzählte dem Radiosender, die Polizei habe mehrere Schüsse abgegeben.",
        "Ein Augenzeuge",
        "die Polizei habe mehrere Schüsse abgegeben",
    ),
    (
        "Die Gewerkschaft beruft sich darauf, dass der Tarifvertrag noch bis zum Sommer gelte.",
        "Die Gewerkschaft",
        "der Tarifvertrag noch bis zum Sommer gelte",
    ),
    (
        "Die Ärztekammer erinnerte daran, dass der Kompromiss noch nicht gelte.",
        "Die Ärztekammer",
        "der Kompromiss noch nicht gelte",
    ),
    (
        "Der Bürgermeister war sich sicher, dass die Brücke rechtzeitig fertig werde.",
        "Der Bürgermeister",
        "die Brücke rechtzeitig fertig werde",
    ),
    (
        "Die Behörde hält es für unwahrscheinlich, dass das Wasser belastet ist.",
        "Die Behörde",
        "das Wasser belastet ist",
    ),
]


@pytest.mark.parametrize("text,speaker,message", FOUND)
def test_learned_cue_opens_a_complement(text: str, speaker: str, message: str) -> None:
    qs = _quotes(text)
    assert len(qs) == 1
    assert qs[0].speaker_text == speaker
    assert message in qs[0].text
    assert qs[0].evidence.startswith("complement")


@pytest.mark.parametrize("text,speaker,message", FOUND)
def test_without_the_model_the_rules_miss_them(learned_off, text, speaker, message) -> None:
    assert _quotes(text) == []


NOT_FOUND = [
    # a zu-infinitive after a learned cue is a plan, not a report
    "Die Stadt hat darüber beraten, die Gebühren im nächsten Jahr zu erhöhen.",
    # evidence, not speech: "zeigen" belongs to the rules ("zeigte sich überzeugt")
    "Messungen zeigen, dass der Meeresspiegel schneller steigt.",
    # no complement at all
    "Die Minister diskutierten am Abend über den Haushalt.",
    # knowing and finding out report nothing
    "Die Ermittler wissen, dass der Täter die Stadt verlassen hat.",
    "Die Forscher fanden heraus, dass die Pflanze aus vier Arten besteht.",
]

# gates read on 10kGNAD (unannotated) for false quotes: a means, a relative clause, a
# subordinate clause, an adverb taken for the speaker
GATED = [
    "Frieden finden die Dörfer dadurch, dass sie einander helfen.",
    "Im Original sind die Lieder im Dialekt gehalten, den würde heute niemand verstehen.",
    "Das Heft wurde verboten, weil die Schüler nicht erkennen konnten, dass es Werbung sei.",
    "Zwar präsentiert die Firma eine Lösung, diese dürfte aber zu spät kommen.",
]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_learned_cue_no_quote(text: str) -> None:
    assert _quotes(text) == []


def test_listed_cue_inside_the_complement_does_not_block() -> None:
    # "informiert" is a listed cue, but it stands inside the reported clause
    text = (
        "Die Ärztin hält es jedoch für möglich, dass der Minister nicht informiert worden war."
    )
    qs = _quotes(text)
    assert len(qs) == 1 and qs[0].cue == "halten"
    assert qs[0].speaker_text == "Die Ärztin"


@pytest.mark.parametrize("text", GATED)
def test_learned_cue_gates(text: str) -> None:
    qs = find_quotes(text, split_sentences(text), lang="de", min_confidence=0.0)
    assert all(q.speaker_start is None for q in qs), [(q.text, q.speaker_text) for q in qs]


def test_a_rule_quote_wins_over_a_learned_cue() -> None:
    # "laut X" is a source phrase of the rules; the learned cue does not replace it
    text = "Die Experten halten es laut dem Institut für möglich, dass die Preise sinken."
    qs = _quotes(text)
    assert qs and all(q.cue != "halten" for q in qs)


def test_learned_cue_es_is_no_speaker() -> None:
    # the object "es" after the verb is never the speaker of a learned cue (the quote stays)
    text = (
        "Die Gesundheitsbehörde (WHO) in Genf hält es auch für unwahrscheinlich, "
        "dass man sich ansteckt."
    )
    qs = find_quotes(text, split_sentences(text), lang="de", min_confidence=0.0)
    assert len(qs) == 1 and qs[0].cue == "halten"
    assert qs[0].speaker_text != "es"


def test_model_file_is_shipped_and_small() -> None:
    assert ql.MODEL_PATH.exists()
    m = json.loads(ql.MODEL_PATH.read_text(encoding="utf-8"))
    assert 0.0 < m["threshold"] < 1.0
    assert "bias" in m["weights"] and len(m["weights"]) < 20000
    assert (ql.MODEL_PATH.parent / "MODEL_CARD.md").exists()


def test_english_is_untouched() -> None:
    text = "The researchers put forward the idea that the volcano could erupt soon."
    assert find_quotes(text, split_sentences(text), lang="en") == []
