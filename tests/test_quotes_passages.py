"""Quote classes from the third error-class round, 2026-12-06 night, task A (issue 11 §2).

Hand-written sentences (not corpus text) for classes counted by
``training/quotes/news_dev_errors.py`` on the 120 development articles of
SpkAtt news dev outside the held-out fifth: passages of reported speech carried
over several Konjunktiv sentences (one quote, not one per sentence); active
``zitieren`` (the quoted person speaks); ``nach``/``gemäß`` phrases that date or
rule rather than attribute; an apposition whose closing comma is lost; cues in
subordinate clauses (``indem er …``, ``wobei``) and zu-infinitives (``beeilte
sich, … zu erklären``); a role description (``sagte der Minister``) linked to the
person last named with that role.
"""

from __future__ import annotations

import pytest

from lagebild.enrich.quotes import find_quotes
from lagebild.enrich.sentences import split_sentences
from lagebild.model import Entity, Mention


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
    assert qs[1].evidence.startswith("konjunktiv_chain")
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
        ("Nach jetzigem Ermittlungsstand wurde der Junge gemobbt.", "jetzigem Ermittlungsstand"),
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


def _person(eid: str, name: str, text: str) -> Entity:
    mentions = []
    start = 0
    while (i := text.find(name, start)) >= 0:
        mentions.append(Mention(text=name, start=i, end=i + len(name)))
        start = i + len(name)
    return Entity(id=eid, name=name, type="PER", mentions=mentions)


def _entity_of(text: str, names: list[str]) -> list[str | None]:
    ents = [_person(f"p{k}", n, text) for k, n in enumerate(names)]
    qs = find_quotes(text, split_sentences(text), lang="de", entities=ents)
    by_id = {e.id: e.name for e in ents}
    return [by_id.get(q.speaker_entity or "") for q in qs]


def test_a_role_description_speaks_for_the_person_named_with_that_role() -> None:
    text = (
        "Bundesinnenminister Wolfgang Schäuble hat den Einsatz verteidigt. Die Opposition um "
        "Claudia Roth lehnt das ab. „Wir brauchen die Soldaten für den Objektschutz“, sagte "
        "der Minister am Montag."
    )
    assert _entity_of(text, ["Wolfgang Schäuble", "Claudia Roth"]) == ["Wolfgang Schäuble"]
    # an apposition names the role; a later person without it is passed over
    text = (
        "Karl Meier, der Vorsitzende des Vereins, eröffnete die Sitzung. Später sprach Anna "
        "Berg. „Das Geld reicht bei weitem nicht“, sagte der Vorsitzende."
    )
    assert _entity_of(text, ["Karl Meier", "Anna Berg"]) == ["Karl Meier"]
    # "die Kanzlerin" is a woman: not the man last named with another title
    text = (
        "Kanzlerin Angela Merkel traf Präsident Emmanuel Macron. „Europa muss "
        "zusammenstehen“, sagte die Kanzlerin danach."
    )
    assert _entity_of(text, ["Angela Merkel", "Emmanuel Macron"]) == ["Angela Merkel"]


def test_a_role_nobody_was_named_with_stays_unresolved() -> None:
    text = (
        "Außenministerin Annalena Baerbock traf ihren Kollegen Sergej Lawrow. „Wir bleiben "
        "weiter im Gespräch“, sagte der Minister."
    )
    assert _entity_of(text, ["Annalena Baerbock", "Sergej Lawrow"]) == [None]


def test_a_role_two_persons_share_or_a_title_of_another_name_give_no_entity() -> None:
    text = (
        "Außenminister Sergej Lawrow traf US-Außenminister John Kerry in Wien. „Die Gespräche "
        "gehen weiter, auch am Telefon“, sagte der Minister."
    )
    assert _entity_of(text, ["Sergej Lawrow", "John Kerry"]) == [None]
    text = (
        "Dann habe Landeshauptmann Erwin Pröll Reinhold Mitterlehner angeschrien. „Das war "
        "eine klare Abmachung“, sagte der Landeshauptmann."
    )
    assert _entity_of(text, ["Erwin Pröll", "Reinhold Mitterlehner"]) == ["Erwin Pröll"]


def test_far_auxiliary_only_for_a_participle_and_relative_clause_no_apposition() -> None:
    # a finite verb at the end of a clause does not reach back 20 tokens to an
    # auxiliary of another clause (over a dash)
    text = (
        "Für Premier Matteo Renzi ist nun das Ergebnis des ersten Durchgangs der Wahl "
        "diesbezüglich ein Alarmsignal – auch wenn er weiterhin davon ausgehe, dass "
        "Österreich die Beschlüsse respektieren wird."
    )
    wrong = "das Ergebnis des ersten Durchgangs der Wahl"
    assert all(q.speaker_text != wrong for q in _quotes(text))
    # a relative clause after the name is no apposition whose comma was lost
    text = (
        "Die Anwältin Lorenz, die für ihre Mandantin 11.200 Euro fordert, ist ebenso "
        "überzeugt, dass sich alles in Sekunden abgespielt habe."
    )
    assert all("Mandantin" not in (q.speaker_text or "") for q in _quotes(text))


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # glued words repaired ("Nordkorea KoreaDie staatliche …"): the lost sentence end
        (
            "Seoul verurteilte den Start.\nNordkorea Die staatliche Nachrichtenagentur KCNA meldete am "
            "Dienstag, es habe sich um den Test einer neuen Rakete gehandelt.",
            "Die staatliche Nachrichtenagentur KCNA",
        ),
        # a dateline before the sentence
        (
            "Sirte – Die international anerkannte Regierung in Libyen erklärte am Montag, sie habe "
            "die Stadt eingenommen.",
            "Die international anerkannte Regierung in Libyen",
        ),
    ],
)
def test_a_capitalised_article_inside_a_speaker_starts_it(text, speaker) -> None:
    assert [q.speaker_text for q in _quotes(text)] == [speaker]


def test_a_title_with_a_capitalised_article_stays_in_the_speaker() -> None:
    text = "Der Chefredakteur der Zeitung Die Welt sagte am Montag, man werde nicht nachgeben."
    speakers = [q.speaker_text for q in _quotes(text)]
    assert speakers and all(s and s.endswith("Die Welt") for s in speakers), speakers
