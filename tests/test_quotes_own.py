"""``nach eigenen Angaben``: SpkAtt marks ``eigenen Angaben`` as the Source; the speaker
entity is the clause's own subject (the stop-32 audit listed "eigenen Angaben" as a speaker
in briefings of 10kGNAD articles)."""

from __future__ import annotations

import pytest

from lagebild.enrich import enrich
from lagebild.model import Article


def _own_quote(text: str):
    art = Article(title="Test", text=text, language="de")
    enrich(art)
    names = {e.id: e.name for e in art.entities}
    own = [q for q in art.quotes if (q.speaker_text or "").startswith("eigen")]
    assert len(own) == 1, [(q.speaker_text, q.text) for q in art.quotes]
    return own[0], names


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Nordkorea hat nach eigenen Angaben eine Rakete mit mehreren Sprengköpfen getestet.",
         "Nordkorea"),
        ("Die Existenz des Servers wurde von dem rumänischen Hacker Marcel Lazar enthüllt, der "
         "nach eigenen Angaben leicht in das System eindringen konnte.", "Marcel Lazar"),
        ("Der rheinland-pfälzische Ministerpräsident Kurt Beck (SPD) hat eigenen Angaben zufolge "
         "Briefe von SWR-Mitarbeitern erhalten, die sich schwer damit täten.", "Kurt Beck"),
        ("Nach eigenen Angaben erhielt das Bundesamt für Verfassungsschutz aus dem "
         "Bundeshaushalt im Jahre 2005 Bundesmittel in Höhe von 137 Millionen Euro.",
         "Bundesamt für Verfassungsschutz"),
    ],
)  # fmt: skip
def test_own_statement_is_the_subjects(text, speaker):
    q, names = _own_quote(text)
    assert q.speaker_text == "eigenen Angaben"  # the span as SpkAtt marks it
    assert names.get(q.speaker_entity) == speaker
    assert "own statement" in q.evidence


def test_own_statement_without_a_named_subject_has_no_entity():
    q, _ = _own_quote("Die Truppen konnten jedoch nach eigenen Angaben 500 Zivilisten retten.")
    assert q.speaker_entity is None and not q.speaker_entities
