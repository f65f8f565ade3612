"""Speaker shapes read on the second 10kGNAD sample (seed 3302, dev part) and the leftovers
of the first (stop 33, task G; issue 11 §2): ``lagebild.enrich._quote_speaker_shape``.
The sentences are written for the tests, shaped like the dev cases; each failed on the code
before the checks."""

from __future__ import annotations

import pytest

from lagebild.enrich import _quote_speaker_shape as shape
from lagebild.model import Mention

from ._quotes import entity as _entity
from ._quotes import quotes as _quotes


def test_a_fronted_clause_before_the_colon_is_no_speaker():
    text = (
        "Statt eine ihrer Sticheleien anzubringen, ergänzt Mikl-Leitner: Wir werden das "
        "Gesetz noch in diesem Jahr ändern."
    )
    [q] = _quotes(text)
    assert q.speaker_text == "Mikl-Leitner"


def test_a_conditional_clause_before_the_colon_is_no_speech():
    text = (
        "Istanbul – Wenn die Partie in Antalya irgendetwas über die Form der Elf sagt, dann "
        "das: Kaltstart gibt es nicht, aber es läuft nicht rund."
    )
    assert not [q for q in _quotes(text) if q.speaker_text]


def test_asked_in_the_passive_is_not_saying():
    text = (
        "Nadal sorgte in der Pressekonferenz für Gelächter als er gefragt wurde, ob er "
        "verstehe, dass sich seine Fans Sorgen machen."
    )
    assert not [q for q in _quotes(text) if q.speaker_text]


def test_asked_by_someone_in_the_passive_keeps_the_asker():
    text = (
        "Nachdem dieser von Moderator Matthias Keller gefragt wurde, was seine Partei von den "
        "anderen unterscheide, antwortete er knapp."
    )
    assert any("Keller" in (q.speaker_text or "") for q in _quotes(text))


@pytest.mark.parametrize(
    "text",
    [
        "Je unübersichtlicher das Geschehen, desto stärker die Nachfrage nach Meinung von "
        "außen, erklärt die Agentur die Auswertung.",
    ],
)
def test_a_frame_noun_with_no_source_is_no_speaker(text):
    assert not [q for q in _quotes(text) if q.speaker_text == "Meinung"]


def test_a_compound_frame_noun_stops_at_itself():
    text = "Die Opfer erlitten nach Polizeiangaben Schuss- beziehungsweise Stichverletzungen."
    [q] = _quotes(text)
    assert q.speaker_text == "Polizeiangaben"


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "Drei Dinge passieren, wenn sie im Labor sind: Du verliebst Dich in sie, sie "
            "verlieben sich in Dich und wenn Du sie kritisierst, fangen sie an zu heulen, so "
            "der Wissenschafter.",
            "der Wissenschafter",
        ),
        ("Pirlo hat nie gesagt, dass er Juve verlassen will, erklärte er.", "er"),
        (
            "Wir gehen davon aus, dass es zu einem sehr umfangreichen Verfahren kommt, sagte "
            "Staatsanwalt Jan Holzner.",
            "Staatsanwalt Jan Holzner",
        ),
    ],
)
def test_a_quote_inside_a_quote_is_part_of_it(text, speaker):
    [q] = _quotes(text)
    assert q.speaker_text == speaker


@pytest.mark.parametrize(
    "text, place, speaker",
    [
        (
            "Österreichs Außenminister Sebastian Kurz war in Belgrad. Nach den Worten des "
            "österreichischen Außenministers sei dies ein wichtiger Beitrag zur Stabilität.",
            "Österreich",
            "des österreichischen Außenministers",
        ),
        (
            "Laut italienischen Medienberichten kehrt der Stürmer nach Argentinien zurück. "
            "Italien ist Weltmeister.",
            "Italien",
            "italienischen Medienberichten",
        ),
    ],
)
def test_a_place_adjective_before_a_role_is_not_the_place(text, place, speaker):
    ent = _entity(text, place, "LOC", "lb:loc:x")
    # the adjective form as the NER marks it
    adj = speaker.split()[-2]
    s0 = text.find(adj)
    ent.mentions.append(Mention(start=s0, end=s0 + len(adj), text=adj))
    [q] = [q for q in _quotes(text, [ent]) if q.speaker_text == speaker]
    assert q.speaker_entity is None


def test_a_country_named_itself_still_speaks():
    text = "Laut Italien kehrt der Stürmer nach Argentinien zurück."
    [q] = _quotes(text, [_entity(text, "Italien", "LOC", "lb:loc:it")])
    assert q.speaker_entity == "lb:loc:it"


def test_switches_restore_the_old_behaviour(monkeypatch):
    monkeypatch.setattr(shape, "CHECKS", frozenset())
    text = "Die Opfer erlitten nach Polizeiangaben Schuss- beziehungsweise Stichverletzungen."
    [q] = _quotes(text)
    assert q.speaker_text != "Polizeiangaben"


def test_a_report_frame_over_another_speakers_words():
    text = (
        "Wie die Mitteldeutsche Zeitung berichtet, antwortete das Innenministerium: Wir prüfen "
        "den Fall sehr genau und melden uns."
    )
    [q] = _quotes(text)
    assert q.speaker_text == "das Innenministerium"
    assert q.text.startswith("Wir prüfen")


def test_a_tail_with_its_own_subject_before_the_complement():
    text = (
        "Der Bürgermeister forderte mehr Mittel für die Polizei, sekundierte die "
        "Innenministerin, dass die Lage ernst sei."
    )
    [q] = _quotes(text)
    assert q.speaker_text == "die Innenministerin"


def test_the_speaker_after_an_embedded_posts_link():
    text = (
        "Nobel scientist Tim Hunt says at Korean women lunch I am a chauvinist and keep girls "
        "single lab pic.twitter.com/Z9NhykaTPv Hunt entschuldigte sich später in einer "
        "Radiosendung der BBC und meinte, die Äußerungen seien großteils humoristisch gewesen."
    )
    [q] = [q for q in _quotes(text) if q.text.startswith("die Äußerungen")]
    assert q.speaker_text == "Hunt"


def test_a_report_that_does_not_say_it_is_no_source():
    """``geht aus dem Vorbericht nicht hervor`` (second 10kGNAD round, a held-out case read
    after its scoring): the report does not say it, so it is no speaker and the clause no quote;
    the positive form stays a source."""
    neg = "Es wurden Gespräche mit Eltern geführt. Wie viele Eltern befragt wurden, geht aus dem Vorbericht nicht hervor."
    assert all((q.speaker_text or "") != "dem Vorbericht nicht" for q in _quotes(neg))
    pos = "Es wurden Gespräche mit Eltern geführt. Zwölf Eltern wurden befragt, geht aus dem Vorbericht hervor."
    assert [q.speaker_text for q in _quotes(pos)] == ["dem Vorbericht"]
