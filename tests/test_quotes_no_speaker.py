"""Speakers that name no one who spoke (issue 11 §2, stop 34 task C2): ``gemäß`` a law or a
decision, a book's title, a speech-act noun, an agency after an indefinite article, the
subject of a conditional clause; and no chain on a source that a clause cites with
``wonach``.  Hand-written sentences (not corpus text) for the classes seen on the
development material of the 10kGNAD samples (``bench/quotes_news_sample.py``)."""

from __future__ import annotations

from lagebild.enrich import _quote_no_speaker
from lagebild.enrich.quotes import find_quotes
from lagebild.enrich.sentences import split_sentences


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
    text = (
        "Wenn die Türkei sagt, dass sie alleine die Grenzen schützt, wäre das noch keine "
        "Lösung, sagte Faymann."
    )
    assert "die Türkei" not in _speakers(text)
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
