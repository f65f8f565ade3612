"""Quote chains (issue 11 §2, stop 34 task C): a Konjunktiv main clause right after a quote
with a cue goes on with its report and shows its speaker; a Konjunktiv only in a
subordinate clause does not.  Hand-written sentences (not corpus text) for the classes
counted by ``training/quotes/news_dev_errors.py`` on the 120 development articles."""

from __future__ import annotations

from lagebild.enrich import _quote_chains
from lagebild.enrich._quote_chains import CHAIN_CONFIDENCE, chain_confidence
from lagebild.enrich._quote_chains import main_clause_konjunktiv as main_konj
from lagebild.enrich._quote_syntax import _tokens
from lagebild.enrich.quotes import SPEAKER_THRESHOLD, find_quotes
from lagebild.enrich.sentences import split_sentences
from lagebild.model import Quote


def _shown(text: str) -> list[tuple[str, str | None]]:
    qs = find_quotes(text, split_sentences(text), lang="de")
    return [(q.text, q.speaker_text) for q in qs]


def _toks(s: str):
    return _tokens(s, 0, len(s))


def test_main_clause_konjunktiv() -> None:
    assert main_konj(_toks("Die Versorgungslage sei katastrophal, viele lägen im Sterben."))
    assert main_konj(_toks("Dabei soll es 12 Euro für jede Seite gegeben haben."))
    # a subordinate clause opening the sentence, the Konjunktiv right after it
    assert main_konj(_toks("Was die Einwohner wollten, sei das freie Wahlrecht."))
    # the Konjunktiv only in a subordinate clause: a new report with its own source
    assert not main_konj(_toks("Sprecher Paul Ott ist der Meinung, dass es nicht komme."))
    assert not main_konj(_toks("Er griff den Tenor der Medien auf, in denen es heiße, …"))
    assert not main_konj(_toks("Egal, ob ein Verdacht vorliege oder nicht – die USA könnten."))
    assert not main_konj(_toks("Der Verkehr wird über die Umgehungsstraße geleitet."))


def test_chain_after_a_quote_with_a_cue_is_shown() -> None:
    text = (
        "Der Staatsanwalt sagte, der Angeklagte habe die Tat gestanden. "
        "Dies sei eindeutig nachzuweisen gewesen."
    )
    assert _shown(text) == [
        ("der Angeklagte habe die Tat gestanden", "Der Staatsanwalt"),
        ("Dies sei eindeutig nachzuweisen gewesen", "Der Staatsanwalt"),
    ]


def test_konjunktiv_in_a_subordinate_clause_is_no_chain() -> None:
    text = (
        "Konzernchef Michael Ober sagte, die Gebühr werde kommen. "
        "Pressesprecher Paul Ott spielte die Idee herunter und ist der Meinung, "
        "dass sie in naher Zukunft nicht umgesetzt werde."
    )
    qs = find_quotes(text, split_sentences(text), lang="de", min_confidence=0.0)
    later = [q for q in qs if q.start > text.index("Pressesprecher")]
    # not carried as a chain of Ober's report; held back as a loose continuation at most
    assert all(not q.evidence.startswith("konjunktiv_chain") for q in later)
    assert all(q.speaker_text != "Konzernchef Michael Ober" for q in _shown_quotes(text)[1:])


def _shown_quotes(text: str) -> list[Quote]:
    return find_quotes(text, split_sentences(text), lang="de")


def test_no_chain_across_a_paragraph_or_on_a_loose_continuation() -> None:
    text = "Der Minister sagte, die Lage sei ernst.\n\nHilfe komme zu spät."
    assert _shown(text)[1:] in ([], [("Hilfe komme zu spät", None)])
    # the third sentence follows a loose continuation (its Konjunktiv in a subordinate
    # clause), not a quote with a cue: no chain
    text = (
        "Der Minister sagte, die Lage sei ernst. "
        "Am Abend zog er den Antrag mit der Begründung zurück, die Frist sei abgelaufen. "
        "Eine Einigung sei nicht mehr zu erwarten."
    )
    qs = find_quotes(text, split_sentences(text), lang="de", min_confidence=0.0)
    assert not any(q.evidence.startswith("konjunktiv_chain") for q in qs)


def test_chain_switched_off() -> None:
    text = "Der Minister sagte, die Lage sei ernst. Hilfe komme zu spät."
    was = _quote_chains.ENABLED
    _quote_chains.ENABLED = False
    try:
        qs = find_quotes(text, split_sentences(text), lang="de", min_confidence=0.0)
    finally:
        _quote_chains.ENABLED = was
    assert qs[1].evidence.startswith("konjunktiv_continuation")
    assert qs[1].confidence < SPEAKER_THRESHOLD


def _q(start: int, evidence: str, confidence: float, speaker: tuple[int, int]) -> Quote:
    return Quote(
        text="x",
        start=start,
        end=start + 1,
        kind="indirect",
        speaker_text="X",
        speaker_start=speaker[0],
        speaker_end=speaker[1],
        evidence=evidence,
        confidence=confidence,
    )


def test_chain_is_no_surer_than_its_anchor() -> None:
    sure = _q(10, "complement/name", 0.96, (0, 5))
    weak = _q(20, "tail_cue/name", 0.5, (6, 8))
    chains = [_q(30, "konjunktiv_chain/name", 0.9, (0, 5))]
    chains.append(_q(40, "konjunktiv_chain/name", 0.9, (6, 8)))
    chains.append(_q(50, "konjunktiv_chain/name", 0.9, (9, 12)))  # no anchor
    chain_confidence([sure, weak, *chains], loose=0.74)
    assert [q.confidence for q in chains] == [CHAIN_CONFIDENCE, 0.5, 0.74]


def test_chain_on_a_pronoun_speaker_is_shown_as_uncertain() -> None:
    anchor = _q(10, "complement/pronoun", 0.96, (0, 3))
    chain = _q(30, "konjunktiv_chain/pronoun", 0.9, (0, 3))
    named = _q(40, "konjunktiv_chain/name", 0.9, (0, 3))
    chain_confidence([anchor, chain, named], loose=0.74)
    assert chain.confidence == 0.74 < SPEAKER_THRESHOLD
    assert named.confidence == CHAIN_CONFIDENCE


def test_quotation_inside_a_chained_sentence_gets_the_speaker() -> None:
    text = (
        "Die Ministerin betonte, unter den Bewerberinnen seien viele erfahrene Frauen. "
        "Sie seien „selbstverständlich so gut wie jeder andere geeignet“. "
        "Die Ämter würden ihnen „beherzt ein neues Angebot machen, wo immer es geht“."
    )
    qs = find_quotes(text, split_sentences(text), lang="de")
    by_text = {q.text: q for q in qs}
    q = by_text["selbstverständlich so gut wie jeder andere geeignet"]
    assert (q.speaker_text, q.evidence) == ("Die Ministerin", "konjunktiv_chain/description")
    # a Konjunktiv II main clause ("würden") does not carry the speaker into a quotation
    assert by_text["beherzt ein neues Angebot machen, wo immer es geht"].speaker_text is None


def test_quotation_after_a_new_paragraph_gets_no_chain() -> None:
    text = (
        "Die Ministerin betonte, unter den Bewerberinnen seien viele erfahrene Frauen.\n\n"
        "Sie seien „selbstverständlich so gut wie jeder andere geeignet“."
    )
    qs = find_quotes(text, split_sentences(text), lang="de", min_confidence=0.0)
    assert not any(q.evidence.startswith("konjunktiv_chain") for q in qs)
