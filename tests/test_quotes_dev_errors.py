"""Quote classes from the error analysis of 2026-12-06 stop 22, task A (issue 11 §2).

Hand-written sentences (not corpus text) for the classes counted by
``training/quotes/news_dev_errors.py`` on SpkAtt news dev: names ending in -nd as
speakers, a source phrase in a direct quote's sentence, naming verbs with a quoted
fragment, a coordinated reporting verb whose subject opens the sentence, hearsay
``soll … haben`` after a quote.
"""

from __future__ import annotations

import pytest

from lagebild.enrich.quotes import SPEAKER_THRESHOLD, find_quotes
from lagebild.enrich.sentences import split_sentences


def _quotes(text: str, min_confidence: float | None = 0.0):
    return find_quotes(text, split_sentences(text), lang="de", min_confidence=min_confidence)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("„Wir werden die Pläne sorgfältig prüfen“, so Wieland.", "Wieland"),
        ("„Das Projekt kommt viel zu spät für die Region“, sagte Roland.", "Roland"),
        ("Bernd sagte, die Strecke sei ab Montag wieder frei.", "Bernd"),
    ],
)
def test_names_ending_in_nd_are_speakers(text, speaker):
    (q,) = _quotes(text, None)
    assert q.speaker_text == speaker


@pytest.mark.parametrize(
    "text",
    [
        "Relativierend sagte der Minister, die Lage sei nicht so schlimm.",
        "Zögernd fügte die Sprecherin hinzu, man prüfe den Fall noch.",
    ],
)
def test_participle_adverbs_stay_no_speakers(text):
    (q,) = _quotes(text)
    assert q.speaker_text is not None
    assert q.speaker_text.split()[0] not in ("Relativierend", "Zögernd")


def test_source_phrase_in_direct_quote_sentence():
    text = (
        "Der Film ist laut einem Kritiker der Zeitung eine „mutige und sehr persönliche "
        "Auseinandersetzung mit dem Krieg“."
    )
    (q,) = _quotes(text)
    assert q.kind == "direct"
    assert q.speaker_text is not None and "Kritiker" in q.speaker_text
    assert q.evidence.startswith("source_laut")
    assert q.confidence >= SPEAKER_THRESHOLD


def test_quoted_name_gets_no_source_speaker():
    # a quoted name is no statement: the source phrase does not make it one
    text = (
        "Die „Vereinigte Demokratische Front Des Landes“ hat dem Ergebnis zufolge "
        "die Mehrheit der Sitze gewonnen."
    )
    assert not [q for q in _quotes(text) if q.kind == "direct" and q.speaker_text]


@pytest.mark.parametrize(
    ("text", "speaker", "in_message"),
    [
        # naming verbs: the quoted fragment is the quote (since stop 31 a direct quote of
        # the subject, as SpkAtt marks it: tests/test_quotes_round8.py)
        ("Die Gewerkschaft IG Metall nannte den Plan „blanken Unsinn“.", "IG Metall", "Unsinn"),
        ("Schröder nannte die Entscheidung bei der Sitzung falsch.", "Schröder", "falsch"),
        (
            "Die Ministerin wies den Vorwurf am Dienstag als „völlig haltlos“ zurück.",
            "Die Ministerin",
            "haltlos",
        ),
        # a coordinated verb takes the subject that opens the sentence
        (
            "Die OECD lobte den Haushalt nicht und nannte ihn „eine verpasste Chance“.",
            "Die OECD",
            "verpasste Chance",
        ),
        (
            "Merkel traf am Montag in Paris ein und forderte einen Neuanfang der Gespräche.",
            "Merkel",
            "Neuanfang",
        ),
        # "sprechen … von" over a short adverbial; a describing subject of a verb
        # of speaking speaks (tests/test_quotes_names_speaking.py)
        (
            "Händler sprachen in diesem Zusammenhang von „Angstkäufen“.",
            "Händler",
            "Angstkäufen",
        ),
        # a quoted name in the subject is no clause before the verb
        (
            "Der Sender „Radio Nord“ berichtete von drei Verletzten.",
            "Radio Nord",
            "drei Verletzten",
        ),
    ],
)
def test_reported_naming_and_coordination(text, speaker, in_message):
    qs = [
        q
        for q in _quotes(text)
        if q.evidence.startswith("reported") or q.kind == "indirect" or q.speaker_text
    ]
    assert len(qs) == 1, [(q.text, q.speaker_text, q.evidence) for q in _quotes(text)]
    q = qs[0]
    assert in_message in q.text
    if speaker is None:
        assert q.speaker_text is None
    else:
        assert q.speaker_text is not None and speaker in q.speaker_text


@pytest.mark.parametrize(
    "text",
    [
        # "sprach mit X von …": "von" belongs to another phrase
        "Schröder sprach mit Vertretern von Greenpeace über die Pläne.",
        # ("Insgesamt spricht die Polizei von …": the subject after the verb speaks
        # since 2026-12-06 evening, tests/test_quotes_names_speaking.py)
        # a coordinated verb after a bare number: no named speaker
        "Tausende haben demonstriert und forderten 263 Millionen Euro als Ausgleich.",
        # a coordinated verb whose first clause has an object first
        "Den Plan lehnte er ab und nannte stattdessen eigene Zahlen.",
    ],
)
def test_no_reported_speaker_here(text):
    qs = _quotes(text)
    assert not [q for q in qs if q.evidence.startswith("reported") and q.speaker_text], [
        (q.text, q.speaker_text) for q in qs
    ]


def test_hearsay_sollen_continues_the_report():
    text = (
        "Wie die Zeitung berichtet, wurden die Akten ohne Zustimmung der Familie verkauft. "
        "Dabei soll es 12,50 Euro für jede Seite gegeben haben."
    )
    qs = _quotes(text)
    assert len(qs) == 2, [(q.text, q.speaker_text, q.evidence) for q in qs]
    assert qs[1].text.startswith("Dabei soll es")
    assert qs[1].speaker_text == qs[0].speaker_text == "die Zeitung"
    # a hearsay main clause right after a quote with a cue chains on it (shown)
    assert qs[1].evidence.startswith("konjunktiv_chain")
    assert qs[1].confidence >= SPEAKER_THRESHOLD


@pytest.mark.parametrize(
    "second",
    [
        "Der Bär soll jetzt eingefangen werden.",  # a plan, not hearsay
        "Sollte der Bär zurückkommen, werde man handeln.",  # a condition
    ],
)
def test_sollen_plans_are_no_hearsay(second):
    text = "Die Polizei teilte mit, der Bär sei gefährlich. " + second
    qs = _quotes(text)
    assert len(qs) == 1 and qs[0].text == "der Bär sei gefährlich", [q.text for q in qs]


@pytest.mark.parametrize(
    ("text", "speaker", "message"),
    [
        # decisions, plans and offers with a zu-infinitive report what was said
        (
            "Der Stadtrat hat entschieden, das alte Hallenbad zu schließen.",
            "Der Stadtrat",
            "das alte Hallenbad zu schließen",
        ),
        (
            "Die Landesregierung plant, die Gebühren für Kitas abzuschaffen.",
            "Die Landesregierung",
            "die Gebühren für Kitas abzuschaffen",
        ),
        (
            "Der Verkäufer bot an, die Ware am Bahnhof gegen Bargeld zu übergeben.",
            "Der Verkäufer",
            "die Ware am Bahnhof gegen Bargeld zu übergeben",
        ),
    ],
)
def test_decision_verbs_with_zu_infinitive(text, speaker, message):
    (q,) = _quotes(text, None)
    assert (q.speaker_text, q.text) == (speaker, message)


@pytest.mark.parametrize(
    "text",
    [
        # a relative clause before the verb is no speaker
        "Der Fall geht an das Gericht, das innerhalb von 30 Tagen darüber entscheiden muss, "
        "ob die Partei verboten werde.",
        "Der Bau der Brücke, der 1994 zwischen Stadt und Land beschlossen wurde, sollte "
        "zehn Jahre dauern.",
    ],
)
def test_relative_clause_is_no_speaker(text):
    assert not [q for q in _quotes(text) if q.speaker_text], [
        (q.text, q.speaker_text) for q in _quotes(text)
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Nach bisher unbestätigten Berichten wurde das Lager am Morgen geräumt.", "Berichten"),
        ("Nach dem Willen des Landes soll die Schule im Herbst öffnen.", "Landes"),
        ("Nach den Vorstellungen des Vereins soll der Beitrag sinken.", "Vereins"),
    ],
)
def test_more_source_phrases(text, speaker):
    (q,) = _quotes(text, None)
    assert q.speaker_text is not None and q.speaker_text.endswith(speaker)
    assert q.evidence.startswith("source_nach Angaben")


def test_findings_and_records_are_cues():
    text = "Die Obduktion ergab, dass der Mann erstickt sei."
    (q,) = _quotes(text, None)
    assert (q.speaker_text, q.text) == ("Die Obduktion", "dass der Mann erstickt sei")
    text = "In dem Vertrag wird festgehalten, dass keine Daten gelöscht werden."
    (q,) = _quotes(text)
    assert q.text == "dass keine Daten gelöscht werden"


@pytest.mark.parametrize(
    "text",
    [
        "Seine Macht ergibt sich vielmehr dadurch, dass er das Parlament auflösen kann.",
        "Die Partei hält an ihrem Kurs fest.",
        "Die Wahl ergab eine klare Mehrheit für die Regierung.",
    ],
)
def test_no_report_without_a_reporter(text):
    assert _quotes(text) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a fronted "Als …" phrase or object is no subject
        ("Als Beispiel nannte die Stadt Hamburg den Neubau am Hafen.", "die Stadt Hamburg"),
        ("Als Grund nannte Müller die hohen Kosten.", "Müller"),
    ],
)
def test_fronted_phrase_before_nennen(text, speaker):
    (q,) = _quotes(text)
    assert q.speaker_text == speaker


@pytest.mark.parametrize(
    "text",
    [
        "Dies nennt man einen Aktiensplit.",  # a definition
        "Rosinenbomber nannte man die Flugzeuge der Luftbrücke.",
        "Zwar dauerte der Flug wie geplant 13 Minuten, doch die Höhe wurde nicht erreicht.",
        "Am Donnerstag ist ein Treffen in Wien geplant, wo die Position abgestimmt werden soll.",
    ],
)
def test_no_quote_for_definitions_and_plans(text):
    assert _quotes(text) == [], [(q.text, q.speaker_text) for q in _quotes(text)]


def test_subordinate_clause_is_no_speaker():
    text = "Da es keine Verordnung gibt, hat das Gericht entschieden, die Anlagen zu schließen."
    assert [q.speaker_text for q in _quotes(text) if q.speaker_text] in ([], ["das Gericht"])


def test_reflexive_decision_is_no_quote():
    # the seed article's "hat sich Pjöngjang entschieden, … zu": a course of action
    text = (
        "Nach dem Scheitern der Gespräche hat sich die Regierung entschieden, den neuen "
        "Vorschlägen den Rücken zu kehren."
    )
    assert _quotes(text) == []


def test_wie_front_over_an_ordinal_date():
    text = (
        "Wie das Magazin Der Spiegel in einem Bericht vom 22. August 2009 berichtet, soll "
        "die Firma Akten verkauft haben."
    )
    (q,) = _quotes(text)
    assert q.speaker_text == "das Magazin Der Spiegel"
    assert q.text == "soll die Firma Akten verkauft haben"


def test_liess_verbreiten():
    text = "Dazu ließ der Minister im Rundfunk verbreiten, das Land werde nicht nachgeben."
    (q,) = _quotes(text)
    assert (q.speaker_text, q.text) == ("der Minister", "das Land werde nicht nachgeben")
    # the attributive participle is no cue
    text = "Sie wandte sich gegen die verbreiteten Illusionen: „Das ist ein Irrglaube.“"
    assert [q.speaker_text for q in _quotes(text)] == ["Sie"]


@pytest.mark.parametrize(
    ("text", "speaker", "message"),
    [
        # a named subject with an apposition before a reporting verb
        (
            "Anna Berg, Sprecherin der Stadtwerke, sprach von einem technischen Defekt.",
            "Anna Berg, Sprecherin der Stadtwerke",
            "von einem technischen Defekt",
        ),
        # "begründen … mit", "sagte … voraus"
        (
            "Müller begründete den Rücktritt mit gesundheitlichen Problemen.",
            "Müller",
            "den Rücktritt mit gesundheitlichen Problemen",
        ),
        (
            "Für Mittwoch sagte sie einen Anstieg der Preise voraus.",
            "sie",
            "einen Anstieg der Preise",
        ),
    ],
)
def test_reported_apposition_and_more_verbs(text, speaker, message):
    (q,) = _quotes(text)
    assert (q.speaker_text, q.text) == (speaker, message)


@pytest.mark.parametrize(
    "text",
    [
        # a relative clause, not an apposition
        "Müller, der gestern ankam, forderte mehr Geld für die Schulen.",
        "Müller, die Partei und der Verband forderten mehr Geld für die Schulen.",
    ],
)
def test_no_apposition_speaker_for_clauses(text):
    assert not [q for q in _quotes(text) if q.evidence.startswith("reported")]


def test_article_ein_before_a_quote_is_no_particle():
    text = "Der Bürgermeister nennt es ein „Beispiel für echte Solidarität der Städte“."
    (q,) = _quotes(text)
    assert q.kind == "direct" and q.speaker_text == "Der Bürgermeister"


@pytest.mark.parametrize(
    "text",
    [
        # read on 10kGNAD (unannotated): decisions that report nothing
        "Die Forderung stößt bei der Opposition auf entschiedene Ablehnung.",
        "Dabei ist entscheidend, wie die persönlichen Beziehungen sind.",
        "Bei Punktgleichheit würde die Tordifferenz über die Platzierung entscheiden: Dynamo "
        "wäre dann Erster.",
        "Wir unterstützen unsere Kunden im Rahmen des vertraglich vereinbarten Schutzes.",
    ],
)
def test_decision_words_that_report_nothing(text):
    assert not [q for q in _quotes(text) if q.speaker_text], [
        (q.text, q.speaker_text) for q in _quotes(text)
    ]


def test_nennen_is_no_reporting_tail():
    text = "Das neue Gesetz, sagte Guo, nennt Gewalt in der Familie ein Verbrechen."
    assert "Gewalt" not in [q.speaker_text for q in _quotes(text)]


def test_finite_entschied_with_complement():
    text = "Der Vorstand entschied, dass der Kandidat den sicheren Listenplatz erhält."
    (q,) = _quotes(text)
    assert q.speaker_text == "Der Vorstand"
    assert q.text == "dass der Kandidat den sicheren Listenplatz erhält"


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # read on 10kGNAD (unannotated)
        ("Stand heute gehe ich nicht davon aus, dass es eine Täuschung war.", ["ich"]),
        ("Die Predator-Reihe, wie Acer seine Geräte für Spieler nennt, wächst stark.", []),
        (
            "Das teilte der Sender am Montag mit und sprach von einem neuen Angebot für alle.",
            [],
        ),
    ],
)
def test_gnad_speakers(text, speakers):
    assert [q.speaker_text for q in _quotes(text) if q.speaker_text] == speakers


@pytest.mark.parametrize(
    ("text", "speaker", "message"),
    [
        (
            "Der Minister dementierte Berichte des Senders, wonach er zurücktreten wolle.",
            "Berichte des Senders",
            "er zurücktreten wolle",
        ),
        (
            "Es gibt eine neue Studie der Universität Wien, wonach die Preise steigen.",
            "eine neue Studie der Universität Wien",
            "die Preise steigen",
        ),
        (
            "Die Polizei bestätigte am Freitagnachmittag Berichte, wonach Unbekannte eine "
            "Granate warfen.",
            "Berichte",
            "Unbekannte eine Granate warfen",
        ),
        ("Die Regel, wonach alle zahlen müssen, gilt weiter.", "Die Regel", "alle zahlen müssen"),
        # a title in quotation marks inside the phrase (stop 34, task C3)
        (
            "Der Sender zitiert aus der Wochenzeitung „Nordkurier“, wonach der Hafen "
            "geschlossen werde.",
            "der Wochenzeitung „Nordkurier“",
            "der Hafen geschlossen werde",
        ),
        (
            "Eine Meldung des Magazins „Neue Welt“, wonach der Bürgermeister zurücktrete, "
            "wurde dementiert.",
            "Eine Meldung des Magazins „Neue Welt“",
            "der Bürgermeister zurücktrete",
        ),
    ],
)
def test_wonach_names_the_source_before_it(text, speaker, message):
    (q,) = _quotes(text)
    assert (q.speaker_text, q.text) == (speaker, message)
    assert q.evidence.startswith("source_zufolge")


def test_wonach_after_a_quoted_word_alone_names_no_source():
    # what was said in marks is no source ("„Nein“, wonach" is no phrase)
    text = "Er antwortete knapp „Nein“, wonach die Sitzung rasch beendet war."
    assert not [q for q in _quotes(text) if q.speaker_text and "Nein" in q.speaker_text]
