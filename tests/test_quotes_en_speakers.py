"""English speaker spans that are no noun phrase (classes read on PolNeAR train;
hand-written sentences)."""

from __future__ import annotations

import pytest

import lagebild.enrich.quotes as quotes_mod
from lagebild.enrich.quotes import find_quotes
from lagebild.enrich.sentences import split_sentences


def _speakers(text: str) -> list[str | None]:
    qs = find_quotes(text, split_sentences(text, lang="en"), lang="en", min_confidence=0.0)
    return [q.speaker_text for q in qs]


CASES = [
    pytest.param(
        "WASHINGTON, Dec. 8 (UPI) — The senator rallied supporters, saying: “We have to be "
        "ready to stop him now.”",
        None,
        id="dateline-comma",
    ),
    pytest.param(
        "According to early results of exit polls conducted by Edison Research, most voters "
        "decided in the last week.",
        "early results of exit polls conducted by Edison Research",
        id="according-to-whole-phrase",
    ),
    pytest.param(
        "Kevin Brady, chairman of the House Ways and Means Committee, said the bill would "
        "pass in the spring.",
        "Kevin Brady, chairman of the House Ways and Means Committee",
        id="apposition-before-verb",
    ),
    pytest.param(
        "Texas Lt. Gov. Dan Patrick said Cruz is standing tall despite the loss.",
        "Lt. Gov. Dan Patrick",
        id="title-abbreviations-before-the-name",
    ),
    pytest.param(
        "Trump, in Kentucky, said the senator was a total lightweight on foreign policy.",
        "Trump",
        id="adverbial-is-no-apposition",
    ),
]


@pytest.mark.parametrize(("text", "speaker"), CASES)
def test_en_speaker_span(text: str, speaker: str | None) -> None:
    spk = _speakers(text)
    assert spk and spk[0] == speaker, spk


@pytest.mark.parametrize(
    ("words", "want"),
    [
        ("Clinton beamed as she", "she"),
        ("a woman asked for a photo and Clinton", "Clinton"),
        ("entertainers and business leaders who", "who"),
        ("He criticized Clinton’s track record", "He"),
        ("Graham assures his audience he will", "Graham"),
        ("Monday", None),
        ("Tuesday at Baldwin Wallace University", None),
        ("Senator Lindsey Graham", "Senator Lindsey Graham"),  # a noun phrase stays
        ("the former governor of Ohio", "the former governor of Ohio"),
    ],
)
def test_en_fix_speaker(words: str, want: str | None) -> None:
    text = f"{words} said the plan was a mistake."
    q = quotes_mod.Quote(
        text="the plan was a mistake",
        start=len(words) + 6,
        end=len(words) + 28,
        kind="indirect",
        speaker_text=words,
        speaker_start=0,
        speaker_end=len(words),
        evidence="complement_en",
    )
    quotes_mod._en_fix_speaker(text, q)
    assert q.speaker_text == want
