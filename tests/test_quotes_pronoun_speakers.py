"""No pronoun is shown as a speaker unless it is resolved (issue 11; analyst audit of 2026-12-06:
a quote of a 10kGNAD article was attributed to the speaker ``es``)."""

from __future__ import annotations

import pytest

from lagebild.enrich.quotes import find_quotes
from lagebild.enrich.sentences import split_sentences
from lagebild.model import Entity, Mention


def _entity(eid: str, name: str, typ: str, text: str) -> Entity:
    i = text.index(name)
    return Entity(id=eid, name=name, type=typ, mentions=[Mention(text=name, start=i, end=i + len(name))])


def _shown(text: str, lang: str, *ents: tuple[str, str]) -> list[tuple[str | None, str | None]]:
    entities = [_entity(f"e{k}", n, t, text) for k, (n, t) in enumerate(ents)]
    qs = find_quotes(text, split_sentences(text, lang=lang), lang=lang, entities=entities)
    return [(q.speaker_text, q.speaker_entity) for q in qs]


ITALY = (
    "Rom – Zwischen Jänner und März trafen 18.234 Migranten in Süditalien ein. Diese Zahlen sind "
    "ein Signal. Wir könnten wirklich in Schwierigkeiten geraten, sollten weiterhin tausende "
    "Migranten eintreffen, verlautete es aus dem Innenministerium."
)


def test_verlautete_es_aus_names_the_source_not_es():
    got = find_quotes(ITALY, split_sentences(ITALY), min_confidence=0.0)
    assert [q.speaker_text for q in got] == ["aus dem Innenministerium"]


@pytest.mark.parametrize(
    ("text", "lang", "ents"),
    [
        pytest.param(
            "Die Stadtwerke Graz meldeten am Montag Verluste. Ohne die Zahlungen wäre man nicht "
            "zum Zug gekommen, sagte er am Dienstag.",
            "de",
            (("Stadtwerke Graz", "ORG"),),
            id="er-no-person",
        ),
        pytest.param(
            "Die Firma Tesla in Kalifornien reagierte. Der Kunde habe sämtliche "
            "Sicherheitsvorschriften ignoriert, sagte man.",
            "de",
            (("Tesla", "ORG"), ("Kalifornien", "LOC")),
            id="man",
        ),
        pytest.param(
            "The tax was introduced in London last year. “That doesn’t sound like Wall Street "
            "speculation,” they said.",
            "en",
            (("London", "LOC"),),
            id="they-no-group",
        ),
        pytest.param(
            "Voters in Ohio went to the polls. “This is a big political win for me,” I said.",
            "en",
            (("Ohio", "LOC"),),
            id="I-op-ed",
        ),
    ],
)
def test_unresolved_pronoun_is_no_speaker(text, lang, ents):
    got = _shown(text, lang, *ents)
    assert got, "the quote itself stays"
    assert all(spk is None for spk, _ in got), got


def test_resolved_pronoun_stays():
    text = (
        "Bundesinnenminister Wolfgang Schäuble kam am Montag nach Wien. Die Lage sei ernst, "
        "sagte er am Dienstag."
    )
    assert _shown(text, "de", ("Wolfgang Schäuble", "PER"), ("Wien", "LOC")) == [("er", "e0")]
