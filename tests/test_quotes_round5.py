"""Quote classes from the fifth round, 2026-12-07, task G (issue 11 §2: quotes not found).

Hand-written sentences (not corpus text) for classes read off 80 randomly drawn SpkAtt-2023
news *train* articles (``training/quotes/train80b_ids.txt``, seed 20261207): ``wie X, Y, in
<Ort> mitteilte`` and ``wie X, Y heute mitteilte`` before the report, ``nach Berechnungen``
as a source, passive judgements with the agent (``Von X wurde … als … kritisiert``,
``… war von X befürchtet worden``), and ``vorwerfen`` with a plain object (``X warf der
Partei Versagen vor``: the clause is the report), strong preterites before a tail
(``Der Vulkan brach aus, teilte X mit``), attributes with an adjective between article
and noun (``die zur städtischen Holding gehörende Stiftung``), quoted names after a
media noun (``im Fachmagazin „Journal of Botany“, …``); the active perfect of reported
speech (``X hat eine Obergrenze gefordert``), ``auffordern``, ``werten … als``, ``raten …
zu``; a name apposition in a pointer sentence (``Dies teilte der Sprecher, Ole Jansen,
mit``); a quoted name as the speaker of ``wie … mitteilte``.
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
        # "wie" + apposition + a place before the cue
        (
            "Wie Jana Beck, Sprecherin des Roten Kreuzes in Ghana, in Accra mitteilte, sind "
            "dort bisher drei Lastwagen mit Zelten eingetroffen.",
            "sind dort bisher drei Lastwagen mit Zelten eingetroffen",
            "Jana Beck, Sprecherin des Roten Kreuzes in Ghana, in Accra",
        ),
        # an apposition without its closing comma, an adverb before the cue
        (
            "Wie ein Sprecher des Herstellers, Nordwerk heute mitteilte, wird die Fabrik in "
            "Kiel geschlossen.",
            "wird die Fabrik in Kiel geschlossen",
            "ein Sprecher des Herstellers, Nordwerk",
        ),
        # "nach Berechnungen" names a source
        (
            "Nach Berechnungen des Statistikamts Weststadt sind im Sommer 400 Menschen "
            "zugezogen.",
            "sind im Sommer 400 Menschen zugezogen",
            "des Statistikamts Weststadt",
        ),
        # a passive judgement with its agent first: the whole sentence is the report
        (
            "Von Grünenpolitikern wurden die Pläne des Bürgermeisters als überstürzt "
            "bezeichnet.",
            "Von Grünenpolitikern wurden die Pläne des Bürgermeisters als überstürzt "
            "bezeichnet",
            "Grünenpolitikern",
        ),
        (
            "Von Umweltverbänden wurde der neue Hafen als Gefahr für das Watt kritisiert.",
            "Von Umweltverbänden wurde der neue Hafen als Gefahr für das Watt kritisiert",
            "Umweltverbänden",
        ),
        # a pluperfect passive: "war … befürchtet worden"
        (
            "Von Betriebsratsseite war zuvor der Verlust von 800 Stellen in Bremen "
            "befürchtet worden.",
            "Von Betriebsratsseite war zuvor der Verlust von 800 Stellen in Bremen "
            "befürchtet worden",
            "Betriebsratsseite",
        ),
        # the agent inside: the subject is what was judged
        (
            "Die Reform wurde vom Deutschen Mieterbund als unsozial kritisiert.",
            "Die Reform",
            "Deutschen Mieterbund",
        ),
        # "vorwerfen" with a plain object: the clause up to the particle
        (
            "Die Landesvorsitzende Petra Lind warf der Regierung schweres Versagen vor.",
            "Die Landesvorsitzende Petra Lind warf der Regierung schweres Versagen vor",
            "Die Landesvorsitzende Petra Lind",
        ),
        # a strong preterite makes the stretch before the tail a clause
        (
            "Der Vulkan brach am Morgen aus, teilte das Observatorium mit.",
            "Der Vulkan brach am Morgen aus",
            "das Observatorium",
        ),
        # a quoted name after a media noun is no quote; its cue keeps the complement
        (
            "Der Forscher Tim Holt berichtete im Fachmagazin „Journal of Botany“, die "
            "Pflanze sei ausgestorben.",
            "die Pflanze sei ausgestorben",
            "Der Forscher Tim Holt",
        ),
        # the active perfect, "auffordern", "werten … als", "raten … zu"
        (
            "Der Deutsche Mieterbund hat eine Obergrenze für Mieten gefordert.",
            "eine Obergrenze für Mieten",
            "Der Deutsche Mieterbund",
        ),
        (
            "Die DFL forderte die Vereine zu mehr Sparsamkeit auf.",
            "die Vereine zu mehr Sparsamkeit",
            "Die DFL",
        ),
        (
            "Die Gewerkschaft Verdi wertet den Abschluss als großen Erfolg.",
            "den Abschluss als großen Erfolg",
            "Die Gewerkschaft Verdi",
        ),
        (
            "Die Ärztin Eva Roth riet den Eltern zu mehr Geduld.",
            "den Eltern zu mehr Geduld",
            "Die Ärztin Eva Roth",
        ),
        # a pointer sentence whose speaker has a name apposition before the particle
        (
            "Die Brücke an der Elbe bleibt bis Mai gesperrt. Dies teilte der Sprecher der "
            "Stadtwerke, Ole Jansen, mit.",
            "Die Brücke an der Elbe bleibt bis Mai gesperrt",
            "der Sprecher der Stadtwerke, Ole Jansen",
        ),
        # a quoted name as the speaker of "wie … mitteilte"
        (
            "Wie das „Bündnis Bahn für alle“ heute mitteilte, wurden 900 Unterschriften "
            "gesammelt.",
            "wurden 900 Unterschriften gesammelt",
            "das „Bündnis Bahn für alle“",
        ),
        # an adverb in -ig first, the subject after the verb
        (
            "Gegenwärtig wirft Verkehrsminister Jonas Brandt dem Konzern Untätigkeit vor.",
            "Gegenwärtig wirft Verkehrsminister Jonas Brandt dem Konzern Untätigkeit vor",
            "Verkehrsminister Jonas Brandt",
        ),
    ],
)
def test_found_with_speaker(text: str, quote: str, speaker: str) -> None:
    assert (quote, speaker) in _pairs(text)


@pytest.mark.parametrize(
    "text",
    [
        # no judgement ("als"), no report: an active stance verb stays out
        "Der Plan wurde von der Stadt kritisiert.",
        "Die Opposition kritisierte den Plan scharf.",
        # a classification is no report
        "Die Mannschaft wurde vom Verband als Favorit eingestuft.",
        # "von" after a noun is no agent; casualties are no demand
        "Nach dem Hochwasser wird der Ausbruch von Typhus befürchtet.",
        "Der Sturm hat zwölf Todesopfer gefordert.",
        "Der Trainer wertet jedes Spiel neu.",
        # "warf" without "vor": throwing
        "Sie warf den Speer 60 Meter weit und siegte.",
    ],
)
def test_no_report(text: str) -> None:
    assert _pairs(text) == []


def test_vorwerfen_with_complement_keeps_the_complement() -> None:
    assert ("die Zahlen geschönt zu haben", "Merkel") in _pairs(
        "Merkel warf ihm vor, die Zahlen geschönt zu haben."
    )


def test_a_name_in_ig_stays_the_speaker() -> None:
    assert ("einen Neuanfang", "König") in _pairs("König forderte einen Neuanfang.")


def test_participle_attribute_with_an_adjective_finds_the_tail() -> None:
    text = (
        "Das Museum bleibt bis Mai geschlossen, teilte die zur städtischen Kulturholding "
        "gehörende Stiftung mit."
    )
    assert "Das Museum bleibt bis Mai geschlossen" in [q for q, _ in _pairs(text)]


def test_quoted_name_after_media_noun_is_no_quote() -> None:
    text = "Die Ärztin Eva Roth schrieb im Fachblatt „Annals of Surgery“, der Test sei sicher."
    quotes = [q for q, _ in _pairs(text)]
    assert "Annals of Surgery" not in quotes
    assert "der Test sei sicher" in quotes
