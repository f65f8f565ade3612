"""Speakers that name no one who spoke (issue 11 §2, stop 34 task C2): ``gemäß`` a law or a
decision, a book's title, a speech-act noun, an agency after an indefinite article, the
subject of a conditional clause; and no chain on a source that a clause cites with
``wonach``.  Hand-written sentences (not corpus text) for the classes seen on the
development material of the 10kGNAD samples (``bench/quotes_news_sample.py``)."""

from __future__ import annotations

from lagebild.enrich import _quote_no_speaker
from lagebild.enrich.quotes import find_quotes
from lagebild.enrich.sentences import split_sentences
from lagebild.model import Quote


def _found(text: str, **kw) -> list[tuple[str, str | None, str]]:
    qs = find_quotes(text, split_sentences(text), lang="de", **kw)
    return [(q.text, q.speaker_text, q.evidence) for q in qs]


def _speakers(text: str) -> list[str | None]:
    return [s for _t, s, _e in _found(text)]


def test_gemaess_a_law_or_a_decision_names_no_speaker() -> None:
    law = "Gemäß Kriegsmaterialgesetz stellt das Ressort Genehmigungen erst nach Prüfung aus."
    decision = (
        "Die Regierung solle dafür sorgen, dass die Republik gemäß Nationalratsbeschluss "
        "endlich die Mittel für die Hilfe erhöht."
    )
    for text in (law, decision):
        assert all(s is None for s in _speakers(text)), text
    # "laut Gesetz" is a source SpkAtt marks: it stays
    said = "Laut Innenminister Peter Huber stellt das Ressort Genehmigungen erst nach Prüfung aus."
    assert _speakers(said) == ["Innenminister Peter Huber"]


def test_a_book_title_is_no_speaker() -> None:
    text = (
        "Ekirch hatte bereits 2006 im Buch At Day's Close: Night in Times Past argumentiert, "
        "dass Menschen früher zweimal vier Stunden schliefen."
    )
    assert "Night in Times Past" not in _speakers(text)
    assert "Times Past" not in " ".join(s or "" for s in _speakers(text))


def test_a_speech_act_noun_is_no_speaker() -> None:
    text = (
        "Der Parteichef hat dem Nachbarland Defizite vorgeworfen. Die neue Einlassung belegt "
        "nun, dass offensichtlich auch zwei Jahre später noch Mängel bestanden."
    )
    assert "Die neue Einlassung" not in _speakers(text)
    # "laut Klage" names a document as the source: it stays
    sued = "Laut Klage habe die Firma den Auftrag ohne Ausschreibung erhalten."
    assert _speakers(sued) == ["Klage"]


def test_an_agency_after_an_indefinite_article_is_no_speaker() -> None:
    text = (
        "Nur die Hälfte der Führungskräfte geht davon aus, dass die Entwicklung für ihre "
        "Firmen relevant ist, wie eine Reuters am Donnerstag vorliegende Studie ergab."
    )
    assert "eine Reuters" not in _speakers(text)


def test_the_subject_of_a_conditional_clause_says_nothing() -> None:
    text = "Wenn die Regierung sagt, dass sie alleine die Grenzen schützt, wäre das keine Lösung."
    assert all(s is None for s in _speakers(text))
    # "wenn" as "when": what follows is said
    said = "Wenn die Regierung sagt, dass sie alleine die Grenzen schützt, dann irrt sie."
    assert _speakers(said) == ["die Regierung"]
    plain = "Die Regierung in Ankara sagt, dass sie alleine die Grenzen schützt."
    assert _speakers(plain) == ["Die Regierung in Ankara"]


def test_checks_off_restore_the_old_speakers(monkeypatch) -> None:
    monkeypatch.setattr(_quote_no_speaker, "CHECKS", frozenset())
    text = "Gemäß Kriegsmaterialgesetz stellt das Ressort Genehmigungen erst nach Prüfung aus."
    assert _speakers(text) == ["Kriegsmaterialgesetz"]


def test_no_chain_on_a_source_cited_with_wonach() -> None:
    text = (
        "Der Experte Christian Lölkes zitierte Schätzungen von Marktforschern, wonach die Zahl "
        "der verkauften Drucker im nächsten Jahr auf 500.000 steigen wird. Wegen der geringen "
        "Preise nehme die private Nutzung der Technik deutlich zu."
    )
    found = _found(text, min_confidence=0.0)
    later = [e for t, _s, e in found if t.startswith("Wegen")]
    # held back as a loose continuation at most, not shown as the source's chain
    assert all(not e.startswith("konjunktiv_chain") for e in later)
    assert all(s is None for t, s, _e in _found(text) if t.startswith("Wegen"))


def test_a_clause_is_no_speaker() -> None:
    text = (
        "Vergleicht man die heutige Lage mit jener der Neunzigerjahre, lässt sich sagen, dass "
        "nichts dafür spricht, dass sich das Modell kopieren ließe."
    )
    assert all(s is None or " man " not in f" {s} " for s in _speakers(text))
    hope = "Bleibt zu hoffen, dass der Hersteller die Defizite bald ausräumen kann."
    assert all(s is None for s in _speakers(hope))


def test_after_an_activity_is_no_source() -> None:
    text = (
        "Nach monatelangen Ermittlungen gegen eine international agierende Bande waren "
        "Kriminalisten in Innsbruck auf Blüten gestoßen."
    )
    assert all(s is None for s in _speakers(text))
    # "nach Ermittlungen der Polizei" has a source of its own
    police = (
        "Nach Ermittlungen der Polizei waren Kriminalisten in Innsbruck auf Blüten gestoßen."
    )
    assert _speakers(police) in ([], [None]) or "Polizei" in (_speakers(police)[0] or "")


def test_an_english_cue_in_a_german_article_is_a_name() -> None:
    text = (
        "Das sei ein Akt der Grausamkeit, sagte der UN-Hochkommissar für Menschenrechte, "
        "Said Raad Al-Hussein, am Montag in Genf zu Beginn der Sitzung des Rates."
    )
    start = text.index("am Montag")
    a = text.index("Raad")
    q = Quote(
        text=text[start:-1], start=start, end=len(text) - 1, kind="indirect",
        speaker_text="Raad Al-Hussein", speaker_start=a, speaker_end=a + 15,
        evidence="complement_en/name",
    )
    assert _quote_no_speaker.names_no_speaker(text, q) == "english"
    q.evidence = "complement/name"
    assert _quote_no_speaker.names_no_speaker(text, q) is None


def test_agreeing_and_a_relative_clause_are_no_speech() -> None:
    agreed = (
        "Drei von 15 angefragten Kindergärten sagten schließlich zu, an dem Projekt "
        "mitzuwirken."
    )
    assert all(s is None for s in _speakers(agreed))
    relative = (
        "Ihr Trainer Patrick Mouratoglou habe ihr ein paar Dinge gesagt, die ihm aufgefallen "
        "seien, und so trainierte sie gleich einmal ihren Aufschlag."
    )
    assert "Ihr Trainer Patrick Mouratoglou" not in _speakers(relative)
    said = "Der Trainer sagte, die Spielerin habe ihren Aufschlag verbessert."
    assert _speakers(said) == ["Der Trainer"]


def test_spans_repaired() -> None:
    own = (
        "Das Unternehmen hat das Mittel verkauft, das seiner Darstellung zufolge jede Art "
        "von Krebs heilen soll."
    )
    assert _speakers(own) == ["seiner Darstellung"]  # a possessive: named only if resolved
    court = (
        "Im Verfahren gibt es eine Wende: Das Oberlandesgericht (OLG) Wien hat entschieden, "
        "dass alle Dateien ausgewertet werden dürfen."
    )
    assert _speakers(court) == ["Das Oberlandesgericht (OLG) Wien"]


def test_indefinite_pronouns_and_imperatives_name_no_one() -> None:
    someone = (
        "Ali klagt. Dabei dauere der Krieg in Syrien lediglich vier Jahre. Irgendwer habe "
        "entschieden, dass es in Afghanistan keinen Krieg gebe."
    )
    assert "Irgendwer" not in _speakers(someone)
    call = (
        "Wir wollen das nicht ändern. Lasst uns ehrlich gegenüber uns selbst sein und sagen, "
        "dass das so nicht in der Slowakei passieren darf."
    )
    assert "Lasst" not in _speakers(call)


def test_a_pronoun_run_into_its_clause_and_a_quoted_name() -> None:
    clause = (
        "Die UETD hat den Besuch organisiert. Sie gilt als AKP-nahe, dementiert allerdings, "
        "Gelder aus der Türkei zu erhalten."
    )
    assert _speakers(clause) == ["Sie"]
    quoted = (
        "Premier Robert Fico hat für Aufsehen gesorgt. Auch wenn das komisch klinge, der Islam "
        "hat keinen Platz in der Slowakei, zitierte die Nachrichtenagentur TASR Fico am "
        "Mittwochabend."
    )
    assert _speakers(quoted) == ["Fico"]
