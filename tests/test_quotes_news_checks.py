"""Speaker checks read on unseen German news (10kGNAD dev sample, stop 33; issue 11 §2):
``lagebild.enrich._quote_checks``.  The sentences are written for the tests, shaped like the
dev cases (``bench/quotes_news_sample.py``); each failed on the code before the checks."""

from __future__ import annotations

import pytest

from lagebild.enrich import _quote_checks

from ._quotes import entity as _entity
from ._quotes import quotes as _quotes


def test_a_law_is_a_source_but_no_actor():
    text = (
        "Das Bundesamt für Verfassungsschutz ist eine Behörde. "
        "Die Behörde darf laut Staatsschutzgesetz Daten fünf Jahre lang speichern."
    )
    law = _entity(text, "Staatsschutzgesetz", "MISC", "lb:misc:ssg")
    office = _entity(text, "Bundesamt für Verfassungsschutz", "ORG", "lb:org:bfv")
    [q] = _quotes(text, [law, office])
    assert q.speaker_text and q.speaker_text.startswith("Staatsschutzgesetz")  # SpkAtt's Source
    assert q.speaker_entity is None and q.speaker_entities == []
    assert "document" in q.evidence


def test_a_plan_is_no_actor():
    text = "Die Stadt Wien baut weiter. Laut Masterplan soll der Bahnhof im Jahr 2030 fertig sein."
    plan = _entity(text, "Masterplan", "MISC", "lb:misc:mp")
    [q] = _quotes(text, [plan, _entity(text, "Wien", "LOC", "lb:loc:wien")])
    assert q.speaker_entity is None


def test_a_person_named_kaplan_still_speaks():
    text = "Laut Kaplan soll der Bahnhof im Jahr 2030 fertig sein."
    [q] = _quotes(text, [_entity(text, "Kaplan", "PER", "lb:per:kaplan")])
    assert q.speaker_entity == "lb:per:kaplan"


@pytest.mark.parametrize(
    "text",
    [
        # unmarked direct speech: the husband speaks inside Aysha's words
        "Mein Mann hat mir gesagt, dass wir uns zu Hause sehen, weil das Zuhause dort ist, "
        "sagt Aysha und kann kaum die Tränen zurückhalten.",
        # the paper itself
        "Wir wollen unseren Lesern sagen, dass die Zeitung auch im nächsten Jahr erscheint.",
    ],
)
def test_first_person_outside_quotation_marks_is_no_speaker(text):
    qs = [q for q in _quotes(text) if q.text.startswith("dass")]
    assert qs and all(q.speaker_text is None for q in qs)


def test_complement_ends_before_the_tail_that_reports_it():
    text = (
        "Mein Mann hat mir gesagt, dass wir uns zu Hause sehen, weil das Zuhause dort ist, "
        "sagt Aysha und kann kaum die Tränen zurückhalten."
    )
    q = next(q for q in _quotes(text) if q.text.startswith("dass"))
    assert "sagt Aysha" not in q.text and q.text.endswith("dort ist")


def test_possessive_source_without_entity_is_dropped_with_entities():
    text = (
        "Seit der Ära Mao Zedongs kämpft die Partei gegen alte Rituale, die nach ihrer "
        "Auffassung gegen die marxistische Lehre verstoßen."
    )
    [q] = _quotes(text)
    assert q.speaker_text == "ihrer Auffassung"  # as SpkAtt marks it (evaluation)
    [q] = _quotes(text, [_entity(text, "Mao Zedongs", "PER", "lb:per:mao")])
    assert q.speaker_text is None  # on the page: names nobody


def test_own_statement_phrase_stops_at_its_noun():
    text = (
        "Richter, der nach eigenen Angaben Pärts Musik hypnotisch findet, widmete dem "
        "Komponisten ein Werk."
    )
    [q] = _quotes(text)
    assert q.speaker_text == "eigenen Angaben"


def test_zufolge_source_does_not_reach_back_over_a_verb():
    text = "Viele schwenkten Bildern zufolge gelb-blaue Staatsfahnen und rote Banner."
    [q] = _quotes(text)
    assert q.speaker_text == "Bildern"


@pytest.mark.parametrize(
    "text",
    [
        "Sechzig von ihnen konnte man überzeugen, nach Mazedonien zu gehen, die anderen "
        "drohten mit Hungerstreik, aus Angst, dass die Rückkehr das Ende ihres Traums bedeutet.",
        "Die Familien warten im Lager, in der Hoffnung, dass die Grenze bald wieder öffnet.",
    ],
)
def test_a_feeling_is_no_speech(text):
    assert not [q for q in _quotes(text) if q.text.startswith("dass")]


def test_after_controversial_remarks_is_a_time_not_a_source():
    text = (
        "Netanjahu zitierte seinen Verteidigungsminister Jaalon nach umstrittenen Aussagen "
        "von Generalmajor Golan zu sich."
    )
    assert _quotes(text) == []
    text = "Nach Aussagen von Generalmajor Golan ist die Lage an der Grenze ruhig."
    assert [q.speaker_text for q in _quotes(text)] == ["Generalmajor Golan"]


def test_tail_quote_starts_after_a_lead_in_with_its_own_source():
    text = (
        "Der russische Botschafter habe laut Zaorálek versucht, die Bedeutung des Films "
        "herunterzuspielen: Nach wie vor gelte die Erklärung des früheren Präsidenten, "
        "so Kiselev."
    )
    q = next(q for q in _quotes(text) if q.speaker_text == "Kiselev")
    assert q.text == "Nach wie vor gelte die Erklärung des früheren Präsidenten"


def test_tail_quote_starts_after_a_lead_in_naming_the_speaker():
    text = (
        "Während die Verbände warnen, gehört Regulator Walter Boltz zu den Befürwortern: "
        "Entweder wir kehren zurück zur Planwirtschaft oder wir ändern die Regeln, sagte Boltz."
    )
    qs = _quotes(text)
    q = next(q for q in qs if q.speaker_text == "Boltz")
    assert q.text.startswith("Entweder wir kehren")
    # and no copy of it without a speaker is left
    assert [q.speaker_text for q in qs] == ["Boltz"]


def test_switches_restore_the_old_behaviour(monkeypatch):
    text = "Viele schwenkten Bildern zufolge gelb-blaue Staatsfahnen und rote Banner."
    monkeypatch.setattr(_quote_checks, "CHECKS", frozenset())
    [q] = _quotes(text)
    assert q.speaker_text == "Viele schwenkten Bildern"


# ---- coverage: what the 10kGNAD dev sample missed


@pytest.mark.parametrize(
    ("text", "message", "speaker"),
    [
        ("Die Ärztin mahnte: Die Gewässer sind nicht sicher für Wasseraktivitäten.",
         "Die Gewässer sind nicht sicher für Wasseraktivitäten", "Die Ärztin"),
        ("Dem Magazin sagte Kristina Mena, Professorin an der Universität Texas: Wir sprechen "
         "über ein extremes Umfeld.", "Wir sprechen über ein extremes Umfeld", "Kristina Mena"),
        ("Die Funde sind alt – ein Rekord, wie die Forscherin meint: Soweit wir wissen, ist dies "
         "der früheste Nachweis.", "Soweit wir wissen, ist dies der früheste Nachweis",
         "die Forscherin"),
    ],
)  # fmt: skip
def test_speech_after_a_colon_without_quotation_marks(text, message, speaker):
    q = next(q for q in _quotes(text) if q.text == message)
    assert q.speaker_text == speaker and q.evidence.startswith("intro_colon")


@pytest.mark.parametrize(
    "text",
    [
        "Der Grund: Der Hersteller bietet nur eine Quote von 20 Prozent an.",
        # an announcement of a list: SpkAtt marks no speech
        "Der Präsident kündigt vier neue Professoren an: Sylvia Cremer und Peter Jonas werden "
        "Professoren.",
        # the clause after the colon reports on its own
        "Der Kommissar hat sich zu den Plänen der Regierung geäußert: Figeľ bekräftigte das "
        "Engagement der Kommission.",
        "Aufgrund des Störfalls haben sich Proteste angekündigt: Am Sonntag soll demonstriert "
        "werden.",
    ],
)
def test_no_speech_after_these_colons(text):
    assert not [q for q in _quotes(text) if q.evidence.startswith("intro_colon")]


def test_tail_speaker_with_two_nouns_in_the_apposition():
    text = (
        "Die Schließung hätte riesige Schäden bewirkt, kommentierte Maurizio Lupi, "
        "Ex-Verkehrsminister und Mitglied der Partei NCD."
    )
    [q] = _quotes(text)
    assert q.speaker_text.startswith("Maurizio Lupi, Ex-Verkehrsminister und Mitglied")
    text = "Die Lage ist ernst, sagte Müller, Merkel und Scholz seien sich einig."
    wrong = "Müller, Merkel und Scholz seien sich einig"
    assert all(q.speaker_text != wrong for q in _quotes(text))


def test_heisst_es_on_request_from_an_office():
    text = (
        "Die Terminkollision sei reiner Zufall, heißt es auf STANDARD-Anfrage aus dem Büro "
        "von Strache."
    )
    [q] = _quotes(text)
    assert q.speaker_text == "dem Büro von Strache"


def test_so_tail_with_a_closing_adverb():
    [q] = _quotes("Das sind alles wichtige Fragen, so Kjellberg abschließend.")
    assert q.speaker_text == "Kjellberg"


_INTERVIEW = (
    "Vom Ablösekandidat zum Aufsteiger: Der Minister will Furore machen. STANDARD: Haben Sie "
    "damals daran geglaubt? Stöger: Ich habe nie nach anderen Ämtern geschielt. Aber ich war "
    "überzeugt, dass meine Art der Politik zu Ergebnissen führt. STANDARD: Haben Sie ein Rezept? "
    "Stöger: Wenn es so einfach wäre, dann wäre die Arbeitslosigkeit längst beseitigt."
)


def test_interview_answers_are_the_interviewees_quotes():
    qs = _quotes(_INTERVIEW)
    answers = [q for q in qs if q.speaker_text == "Stöger"]
    assert [q.text[:22] for q in answers] == ["Ich habe nie nach ande", "Wenn es so einfach wär"]
    assert all(q.kind == "direct" and q.evidence.startswith("colon_name") for q in answers)
    # the questions are nobody's quotes, and nothing inside an answer is left without a speaker
    assert not [q for q in qs if q.speaker_text in ("STANDARD", None)]


def test_one_label_or_a_heading_is_no_interview():
    text = (
        "Thema: Begegnungszone Innere Stadt. Der Grund: Schirnhofer bietet nur eine Quote an. "
        "Der Grund: Die Banken wollen nicht mehr."
    )
    assert not [q for q in _quotes(text) if q.evidence.startswith("colon_name")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Die Überschuldung beläuft sich auf 18,1 Millionen, geht aus dem Insolvenzantrag "
         "hervor, der dem STANDARD vorliegt.", "dem Insolvenzantrag"),
        ("Die Überschuldung beläuft sich auf 18,1 Millionen, wie aus einem Bericht der Behörde "
         "hervorgeht.", "einem Bericht der Behörde"),
    ],
)  # fmt: skip
def test_the_document_a_clause_comes_out_of(text, speaker):
    [q] = _quotes(text)
    assert q.speaker_text == speaker
    assert q.text == "Die Überschuldung beläuft sich auf 18,1 Millionen"


def test_ampersand_inside_a_name():
    text = "Die Lage ist ernst, schreiben die Anwälte von Graf & Pitkowitz in ihrem Antrag."
    [q] = _quotes(text)
    assert q.speaker_text == "die Anwälte von Graf & Pitkowitz"


def test_singular_sie_after_a_sentence_with_a_plural_verb():
    # "würden" ends the sentence before: "Sie warnte" is Mena, not a group
    text = (
        "Kristina Mena betonte, die Behörden würden die Strände sofort schließen, wenn sie es "
        "wüssten, sagte sie, die Lage sei so ernst, dass sie handeln würden. Sie warnte, dass "
        "Athleten sich mit einem Virus infizieren könnten."
    )
    ents = [_entity(text, "Kristina Mena", "PER", "lb:per:mena")]
    q = next(q for q in _quotes(text, ents) if q.text.startswith("dass Athleten"))
    assert q.speaker_text == "Sie" and q.speaker_entity == "lb:per:mena"


def test_formal_sie_in_a_question_is_asked_not_speaking():
    text = (
        "Alois Stöger ist Sozialminister. Haben Sie damals selbst daran geglaubt, noch in eines "
        "der wichtigsten Regierungsämter aufzusteigen? Sie fragt, warum gerade jetzt und wohin?"
    )
    ents = [_entity(text, "Alois Stöger", "PER", "lb:per:stoeger")]
    qs = _quotes(text, ents)
    assert [q.speaker_text for q in qs if q.text.startswith("noch in")] == [None]
    assert [q.speaker_text for q in qs if q.text.startswith("warum")] == ["Sie"]
