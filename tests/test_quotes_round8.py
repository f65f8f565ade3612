"""Quote classes from the eighth round, 2026-12-07 stop 31, task E (issue 11 §2).

Hand-written sentences (not corpus text) for classes read off the gold quotes that the
finder found without a speaker or missed on SpkAtt-2023 news *train* (the first 300
articles, ``training/quotes/news_dev_errors.py --part train300``): a quoted name inside
the noun phrase after a cue (``sagte X, der Sprecher der so genannten „EVAC-Ambulanz“``)
is no direct quote and leaves the cue to its reporting tail; an attribute between an
article and a quoted name (``der so genannten „…“``) is no verb of a relative clause;
a fronted ``wie X mitteilte`` after a conjunction (``Denn wie …``), with a title's
period in the speaker (``Wie Dr. X erklärte``) or an adverb before it (``Wie schon
die WHO sagte``); a quoted fragment of one to three words after a cue in the same clause
(``nannte den Plan „fahrlässig“``, ``warnte vor einem „teuren Irrweg“``) is a direct quote
of the cue's subject, and the clause around it is no second quote; not a quoted name
(``stellte das Modell „X5“ vor``) nor ``nennt sich „…“``; verbs of naming and judging
that are no cues elsewhere (``bezeichnen``, ``würdigen``, ``loben``, ``attackieren``,
``konstatieren``, …) introduce such a fragment and a longer quoted phrase in their clause
(``würdigte X als „großen Österreicher in der Welt der Musik“``); not ``sprechen von``,
which the reported-speech rule keeps as a whole clause.  A colon after a subject with
its apposition (``Der Leiter der Studie, X, sieht … : „…“``); ``…, so X (weiter): „…“``
names the speaker of both the clause before and the direct quote; an indirect quote with
a speaker is kept when the direct quote inside it has none (``Der Iran müsse „…“ beenden,
so Rice.``); a pointer with a modal (``„…“ Das musste der Minister einräumen.``) names
the speaker of the direct quote before it that has none; a quoted fragment right before
the participle of an active perfect at the clause's end (``hatte den Bericht als „falsch“
zurückgewiesen``).
"""

from __future__ import annotations

import pytest

from lagebild.enrich.quotes import find_quotes
from lagebild.enrich.sentences import split_sentences


def _pairs(text: str) -> list[tuple[str, str | None]]:
    qs = find_quotes(text, split_sentences(text), lang="de", min_confidence=0.0)
    return [(q.text, q.speaker_text) for q in qs]


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a quoted name in the tail speaker's apposition
        (
            "Die Verletzten seien stabil, sagte Ina Vogt, die Sprecherin der so genannten "
            "„Bergwacht Süd“.",
            "Die Verletzten seien stabil",
            "Ina Vogt, die Sprecherin der so genannten „Bergwacht Süd“",
        ),
        (
            "Der Damm halte noch, sagte Olaf Brenner, der Leiter des „Deichverbands Nord“.",
            "Der Damm halte noch",
            "Olaf Brenner, der Leiter des „Deichverbands Nord“",
        ),
        # a fronted "wie" clause after a conjunction, a title, an adverb
        (
            "Denn wie die Lokalzeitung berichtete, leidet der Schauspieler an einer "
            "Nervenkrankheit.",
            "leidet der Schauspieler an einer Nervenkrankheit",
            "die Lokalzeitung",
        ),
        (
            "Wie Dr. Hanna Kis aus dem Forscherteam erklärte, wächst das Gewebe nach.",
            "wächst das Gewebe nach",
            "Dr. Hanna Kis",
        ),
        (
            "Wie schon die Bahn mitteilte, fallen alle Züge nach Kiel aus.",
            "fallen alle Züge nach Kiel aus",
            "die Bahn",
        ),
        # a quoted fragment after a cue in the same clause
        (
            "Die Verbraucherschützerin Eva Kant nannte den Plan „fahrlässig“ und verwies "
            "auf eine Studie.",
            "fahrlässig",
            "Die Verbraucherschützerin Eva Kant",
        ),
        (
            "Der Landrat warnte die Gemeinden vor einem „teuren Irrweg“.",
            "teuren Irrweg",
            "Der Landrat",
        ),
        (
            "Die Ministerin nannte die Einigung einen „Durchbruch“.",
            "Durchbruch",
            "Die Ministerin",
        ),
        # naming and judging verbs before a quoted phrase in their clause
        (
            "Die Bürgermeisterin würdigte den Verein als „Herz des Viertels“.",
            "Herz des Viertels",
            "Die Bürgermeisterin",
        ),
        (
            "Der Kanzler Olaf Stein würdigte die Forscherin als „große Stimme der Wissenschaft "
            "in Europa“.",
            "große Stimme der Wissenschaft in Europa",
            "Der Kanzler Olaf Stein",
        ),
        (
            "Die Regierung bezeichnete das Treffen als das „wichtigste Ereignis“.",
            "wichtigste Ereignis",
            "Die Regierung",
        ),
        # a colon after a subject with its apposition
        (
            "Die Leiterin der Studie, Carla Mendes, sieht die Schuld bei den Behörden: "
            "„Es fehlt an Personal und an Willen.“",
            "Es fehlt an Personal und an Willen.",
            "Die Leiterin der Studie, Carla Mendes",
        ),
        # "so X weiter:" before a direct quote, and the clause before it
        (
            "Die Firma habe Fehler gemacht, so Jonas Roth weiter: „Das sieht man an den "
            "Zahlen.“",
            "Das sieht man an den Zahlen.",
            "Jonas Roth",
        ),
        (
            "Die Firma habe Fehler gemacht, so Jonas Roth weiter: „Das sieht man an den "
            "Zahlen.“",
            "Die Firma habe Fehler gemacht",
            "Jonas Roth",
        ),
        # a quoted phrase without a speaker inside an indirect quote with one
        (
            "Die Stadt müsse „schnell und gründlich die Brücke“ sanieren, so Ute Kern.",
            "Die Stadt müsse „schnell und gründlich die Brücke“ sanieren",
            "Ute Kern",
        ),
        # a pointer with a modal names the speaker of the direct quote before it
        (
            "„Ja, wir haben zu spät reagiert.“ Das musste Landrätin Eva Stock am Montag "
            "einräumen.",
            "Ja, wir haben zu spät reagiert.",
            "Landrätin Eva Stock",
        ),
        # a fragment before the participle of an active perfect
        (
            "Die Stadtwerke hatten den Bericht am Montag als „unseriös“ zurückgewiesen.",
            "unseriös",
            "Die Stadtwerke",
        ),
    ],
)
def test_found_with_speaker(text: str, quote: str, speaker: str) -> None:
    assert (quote, speaker) in _pairs(text)


@pytest.mark.parametrize(
    "text",
    [
        # a quoted name after the cue is no speech of its own
        "Die Verletzten seien stabil, sagte Ina Vogt, die Sprecherin der so genannten "
        "„Bergwacht Süd“.",
    ],
)
def test_quoted_name_is_no_quote(text: str) -> None:
    assert all(q != "Bergwacht Süd" for q, _s in _pairs(text))


def test_fragment_leaves_no_clause_quote() -> None:
    text = (
        "Die Verbraucherschützerin Eva Kant nannte den Plan „fahrlässig“ und verwies auf "
        "eine Studie."
    )
    assert [q for q, _s in _pairs(text)] == ["fahrlässig"]


@pytest.mark.parametrize(
    "text",
    [
        "Die Firma stellte am Montag ihr neues Modell „X5“ vor.",
        "Seit Mai nennt sie sich „kunst 12“ und zieht viele Gäste an.",
    ],
)
def test_no_fragment_quote(text: str) -> None:
    assert all(q not in ("X5", "kunst 12") for q, _s in _pairs(text))


def test_sprechen_von_stays_a_report() -> None:
    # "sprechen von" keeps its whole clause (SpkAtt marks it so as often as the fragment)
    text = "Der Bürgermeister Peter Lang spricht von einer „überwältigenden Resonanz“."
    assert [spk for q, spk in _pairs(text) if q == "überwältigenden Resonanz"] == []


def test_modal_pointer_makes_no_quote_of_plain_text() -> None:
    assert _pairs("Die Lage ist ernst. Das musste der Minister einräumen.") == []
