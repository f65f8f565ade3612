"""English speakers as whole noun phrases, and the subject of a gerund or infinitive cue
(issue 11 §2; classes read on the PolNeAR train pool ``training/quotes/polnear_read3_ids.txt``;
hand-written sentences, no phrase from the articles)."""

from __future__ import annotations

import pytest

from lagebild.enrich.quotes import find_quotes
from lagebild.enrich.sentences import split_sentences


def _speakers(text: str) -> list[str | None]:
    qs = find_quotes(text, split_sentences(text, lang="en"), lang="en", min_confidence=0.0)
    return [q.speaker_text for q in qs]


CASES = [
    # ages, places with a comma, abbreviations' periods and chained appositions join a name
    pytest.param(
        "“The plant will close in the spring,” said Dana Whitfield, 41, a welder at the "
        "Bridgeport Tool Works in Ohio.",
        "Dana Whitfield, 41, a welder at the Bridgeport Tool Works in Ohio",
        id="tail-age-apposition",
    ),
    pytest.param(
        "Oren Falk, a dentist from Trenton, New Jersey, said the new tax would hurt small "
        "practices.",
        "Oren Falk, a dentist from Trenton, New Jersey",
        id="apposition-with-place-comma",
    ),
    pytest.param(
        "Senator Paula Greer, a Kansas Republican who has met with Mr. Hale twice, said "
        "the vote would be close.",
        "Senator Paula Greer, a Kansas Republican who has met with Mr. Hale twice",
        id="apposition-over-title-period",
    ),
    pytest.param(
        "Lena Ortiz, head of the Ridge Institute, a research group in Denver, said the "
        "numbers were wrong.",
        "Lena Ortiz, head of the Ridge Institute, a research group in Denver",
        id="chained-appositions",
    ),
    pytest.param(
        "“Nobody reads the fine print,” said Hal Brenner, the author of “The Quiet "
        "Ledger,” a history of the bank.",
        "Hal Brenner, the author of “The Quiet Ledger,” a history of the bank",
        id="apposition-over-quoted-title",
    ),
    # a relative clause introduces a person after a first mention, not after a later one
    pytest.param(
        "Mr. Brenner, who counted the ballots twice last year, said the machines were fine.",
        "Mr. Brenner",
        id="later-mention-relative-clause-left-out",
    ),
    pytest.param(
        "Hal Brenner, who ran the county's elections office for a decade, said the machines "
        "were fine.",
        "Hal Brenner, who ran the county's elections office for a decade",
        id="first-mention-relative-clause-kept",
    ),
    # a description with its modifiers (tails and "according to")
    pytest.param(
        "“The count will take a week,” said a veteran county election clerk who asked not "
        "to be named.",
        "a veteran county election clerk who asked not to be named",
        id="tail-description-whole",
    ),
    pytest.param(
        "The plant will close in May, according to a senior company engineer familiar with "
        "the plans.",
        "a senior company engineer familiar with the plans",
        id="according-description-whole",
    ),
    pytest.param(
        "“It was his way of leaving home,” said her oldest friend from school, Nora Finch.",
        "her oldest friend from school, Nora Finch",
        id="tail-description-with-name",
    ),
    # a gerund or an infinitive cue takes the subject of the main clause
    pytest.param(
        "Several mayors warned against quick cuts on Monday, saying the budget gap would "
        "close by itself.",
        "Several mayors",
        id="gerund-main-subject",
    ),
    pytest.param(
        "Later that night, she turned to the crowd in the gym, saying the fight was not over.",
        "she",
        id="gerund-after-opening-adverbial",
    ),
    pytest.param(
        "Governor Ann Mills (R), the state's top official, spoke for an hour on Friday, "
        "saying that the roads would be fixed.",
        "Governor Ann Mills (R)",
        id="gerund-name-with-tag",
    ),
    pytest.param(
        "And needless to say, the council's plan does not change the basic problem.",
        None,
        id="infinitive-no-subject",
    ),
]


@pytest.mark.parametrize(("text", "speaker"), CASES)
def test_english_speaker_phrase(text: str, speaker: str | None) -> None:
    speakers = _speakers(text)
    if speaker is None:
        assert all(s is None for s in speakers), speakers
    else:
        assert speaker in speakers, speakers


def test_noun_reports_is_no_speaker_verb() -> None:
    text = "The mayor answered questions about reports that the plant would close in May."
    assert "questions about" not in " ".join(s or "" for s in _speakers(text))
    assert all(s is None for s in _speakers(text)), _speakers(text)


def test_whenever_clause_is_no_subject() -> None:
    text = "Whenever asked about the deficit, the governors changed the subject to jobs."
    assert "Whenever" not in [s for s in _speakers(text) if s]


def test_tail_name_with_apposition_before_verb() -> None:
    text = (
        "''We will keep the clinic open all winter,'' Mara Quill, the county's health "
        "director, said at a hearing on Monday."
    )
    assert _speakers(text) == ["Mara Quill, the county's health director"]


def test_quote_inside_a_narrative_sentence_carries_no_speaker() -> None:
    # the quote before names its speaker; the next sentence quotes another voice inside
    # the narrative, with no cue of its own: the last speaker is not carried over
    text = (
        "“We are not going to close the mill this year,” the manager said.\n\n"
        "On the radio, the town's old slogan promised a “future built on steel and "
        "hard work for everyone.”"
    )
    assert _speakers(text) == ["the manager", None]


def test_english_sentence_after_a_quote_carries_no_konjunktiv_speaker() -> None:
    # the German Konjunktiv continuation reads English forms ("would", "were") as
    # reported speech; in English the carried sentence keeps no speaker
    text = (
        "The mayor said the budget would pass in May. The council were not sure the "
        "vote would hold, and the deficit would grow."
    )
    qs = find_quotes(text, split_sentences(text, lang="en"), lang="en", min_confidence=0.0)
    assert [q.evidence.split("/")[0] for q in qs if q.speaker_text] == ["complement_en"]
