"""Quote classes from the third error-class round, 2026-12-06 night, task A (issue 11 §2).

Hand-written sentences (not corpus text) for classes counted by
``training/quotes/news_dev_errors.py`` on the 120 development articles of
SpkAtt news dev outside the held-out fifth: passages of reported speech carried
over several Konjunktiv sentences (one quote, not one per sentence).
"""

from __future__ import annotations

from lagebild.enrich.quotes import find_quotes
from lagebild.enrich.sentences import split_sentences


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
    assert qs[1].evidence.startswith("konjunktiv_continuation")
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
        "Die Ministerin sagte: „Wir handeln jetzt und ohne Zögern.“ Die Mittel seien bereits freigegeben. "
        "Weitere Hilfen würden geprüft."
    )
    qs = _quotes(text)
    assert [q.kind for q in qs] == ["direct", "indirect"]
    assert qs[1].text == "Die Mittel seien bereits freigegeben. Weitere Hilfen würden geprüft"
    assert qs[1].speaker_text == "Die Ministerin"
