"""German words that point back or open a remark name no speaker (issue 11 §2; classes read
on the wrong shown speakers of SpkAtt-2023 news dev; hand-written sentences)."""

from __future__ import annotations

import pytest

from lagebild.enrich.quotes import find_quotes
from lagebild.enrich.sentences import split_sentences


def _speakers(text: str) -> list[str | None]:
    qs = find_quotes(text, split_sentences(text), lang="de", min_confidence=0.0)
    return [q.speaker_text for q in qs]


@pytest.mark.parametrize(
    "text",
    [
        # a pronominal adverb points back to a document named before
        "Der Verband legte am Montag ein Gutachten vor. Darin heißt es unter anderem: „Die "
        "Brücke muss innerhalb von zwei Jahren ersetzt werden.“",
        "Die Behörde veröffentlichte eine Mitteilung. Hierin steht: „Wir prüfen alle "
        "Hinweise mit großer Sorgfalt und informieren die Öffentlichkeit.“",
        # "Wobei zu bemerken ist, dass …": the writer's own remark
        "Die Sitzung begann spät. Wobei zu bemerken ist, dass der Vorsitzende selbst erst "
        "nach einer Stunde erschienen war.",
    ],
)
def test_pointer_word_is_no_speaker(text: str) -> None:
    speakers = [s for s in _speakers(text) if s]
    assert not any(s.split()[0] in ("Darin", "Hierin", "Wobei") for s in speakers), speakers


def test_named_speaker_after_pointer_sentence_stays() -> None:
    text = (
        "Darin sieht die Opposition ein Problem. Die Fraktionschefin Anna Berg sagte, die "
        "Regierung müsse den Plan zurückziehen."
    )
    assert "Die Fraktionschefin Anna Berg" in _speakers(text)
