"""Dates a new analyst found wrong on a mixed real feed (PolNeAR + 10kGNAD)."""

from __future__ import annotations

import datetime as dt

import pytest

from lagebild.enrich.timex import find_times


def _values(text: str, anchor: dt.date | None, lang: str) -> dict[str, str]:
    return {t.text: t.value for t in find_times(text, anchor=anchor, lang=lang)}


def test_the_day_noun_in_a_present_clause_is_the_nearest_day():
    # a PolNeAR article of 2016-03-01: the contest lies two weeks ahead, not a year back
    text = ("The Florida senator is telling reporters in Minnesota that he is looking ahead to the "
            "March 15 contest in his home state because he will have a lot of delegates.")
    assert _values(text, dt.date(2016, 3, 1), "en")["March 15"] == "2016-03-15"


def test_the_day_noun_in_a_past_clause_stays_past():
    text = "Police said the suspect was seen at the March 15 rally in Chicago."
    assert _values(text, dt.date(2016, 3, 1), "en")["March 15"] == "2015-03-15"


@pytest.mark.parametrize("anchor", [None, dt.date(2016, 4, 5)])
@pytest.mark.parametrize("month", ["Jänner", "Januar"])
def test_zwischen_und_dem_range_takes_the_year_of_its_end(anchor, month):
    # 10kGNAD, undated: the range's start was given the year 2015 named a sentence before
    text = (f"Mehr Ankünfte als im ersten Quartal 2015. Zwischen 1. {month} und dem 30. März 2016 "
            "trafen 18.234 Migranten in Süditalien ein.")
    values = _values(text, anchor, "de")
    assert values[f"1. {month}"] == "2016-01-01"
    assert values["30. März 2016"] == "2016-03-30"


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        # a modal right before the date's verb: the coming November (PolNeAR, spring 2016)
        ("She drew support from those who cared most about a candidate who can win in November.",
         dt.date(2016, 3, 1)),
        ("He said that sentiment will change if it looks like Trump can win in November.", dt.date(2016, 4, 9)),
        # `but` starts a clause of its own: its past `was` says nothing about the November
        ("The spokesman refused to say who Cameron would like to see win in November but said there "
         "was no meeting planned.", dt.date(2016, 5, 16)),
    ],
)
def test_win_in_november_points_ahead(text, anchor):
    assert _values(text, anchor, "en")["November"] == "2016-11"


def test_a_modal_far_from_the_date_does_not_point_ahead():
    text = "The presidential candidates must file their February campaign finance reports."
    assert _values(text, dt.date(2016, 3, 20), "en")["February"] == "2016-02"


@pytest.mark.parametrize("anchor", [None, dt.date(2016, 4, 5)])
@pytest.mark.parametrize(
    ("text", "lang", "start", "value"),
    [
        ("Between January 1 and March 30, 2016, 18,234 migrants arrived.", "en", "January 1", "2016-01-01"),
        ("From Dec. 20 to Jan. 5, 2016, the office was closed.", "en", "Dec. 20", "2015-12-20"),
        ("Vom 20. Dezember bis 5. Januar 2016 war das Amt geschlossen.", "de", "20. Dezember", "2015-12-20"),
    ],
)
def test_a_range_start_takes_the_year_written_at_its_end(text, lang, start, value, anchor):
    assert _values(text, anchor, lang)[start] == value


@pytest.mark.parametrize(
    ("text", "anchor", "want"),
    [
        # the month written on the start only: the end is the same month's later day
        ("The festival ran March 3-5, 2016 in Austin.", None,
         {"March 3": "2016-03-03", "5, 2016": "2016-03-05"}),
        ("The poll was conducted March 17-20 via landlines.", dt.date(2016, 2, 1),
         {"March 17": "2015-03-17", "20": "2015-03-20"}),
        ("The talks are set for July 11-14 in Vienna.", dt.date(2016, 2, 1),
         {"July 11": "2016-07-11", "14": "2016-07-14"}),
    ],
)
def test_an_english_day_range_keeps_its_end(text, anchor, want):
    assert _values(text, anchor, "en") == want


@pytest.mark.parametrize("text", ["Dates: March 31-4 were listed.", "It starts March 3-5:30 pm."])
def test_no_day_range_where_the_second_number_is_no_later_day(text):
    assert len(_values(text, dt.date(2016, 2, 1), "en")) == 1


@pytest.mark.parametrize(("text", "lang"), [
    # Wikinews, 2019-07-28: "(2100 UTC)" was the year 2100
    ("Rosselló said he is to leave office on August 2 at 5 p.m. local time (2100 UTC).", "en"),
    ("The ship sank at 0735 GMT on Friday.", "en"),
    ("Die Sitzung begann um 1830 Uhr MEZ.", "de"),
])  # fmt: skip
def test_a_four_digit_clock_time_before_a_time_zone_is_no_year(text, lang):
    values = [t.value for t in find_times(text, anchor=dt.date(2019, 7, 28), lang=lang)]
    assert not any(v in ("2100", "0735", "1830") for v in values), values


def test_a_year_before_a_time_zone_word_elsewhere_is_still_a_year():
    values = _values("Die Halle wurde 1990 gebaut, das Spiel begann um 20 Uhr.", dt.date(2019, 7, 28), "de")
    assert values["1990"] == "1990"
