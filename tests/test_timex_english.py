"""Tests for lagebild.enrich.timex on English news (issue 11 §3, task G): direction cues,
clock times with their day, earnings periods, sets, anchored relatives, number words.

The sentences are written for these tests (in the style of wire and business news)."""

from __future__ import annotations

import datetime as dt

import pytest

from lagebild.enrich.timex import find_times

SAT = dt.date(1998, 8, 8)  # a Saturday
FRI = dt.date(2000, 1, 7)  # a Friday
MON = dt.date(1989, 10, 30)  # a Monday
WED = dt.date(2000, 3, 29)  # a Wednesday
APR = dt.date(1999, 4, 19)  # a Monday
OCT = dt.date(1989, 10, 26)  # a Thursday, early in the fourth quarter


def _values(text: str, anchor: dt.date) -> dict[str, str]:
    return {t.text: t.value for t in find_times(text, anchor=anchor, lang="en")}


def _typed(text: str, anchor: dt.date) -> dict[str, tuple[str, str]]:
    return {t.text: (t.value, t.type) for t in find_times(text, anchor=anchor, lang="en")}


# (text, publication date, expression, value)
CASES = [
    # "next to" is a place, not the coming week.
    pytest.param("Dozens were killed in the blast next to the embassy on Friday.", SAT, "Friday",
                 "1998-08-07", id="next-to-is-no-future-cue"),
    pytest.param("The city will reopen the road on Friday.", SAT, "Friday", "1998-08-14",
                 id="future-still-points-ahead"),
    # A title's or "vs." full stop ends no sentence: the past tense after it still counts.
    pytest.param("In January, a week after the anniversary of Roe vs. Wade, a bomb killed a "
                 "guard.", dt.date(1998, 10, 25), "January", "1998-01", id="vs-ends-no-sentence"),
    # "from X to Y": the start of a range says nothing about the direction.
    pytest.param("The fund bought 250,000 shares from Sept. 14 to Thursday.", MON, "Sept. 14",
                 "1989-09-14", id="from-to-range"),
    pytest.param("Fares will be higher from Sept. 14.", MON, "Sept. 14", "1990-09-14",
                 id="from-alone-points-ahead"),
    # The tense of a subordinate clause, not of the main clause around it.
    pytest.param("The uncle still had not signed the paper that would bind him when the case is "
                 "heard in May.", WED, "May", "2000-05", id="subordinate-clause-tense"),
    # A possessive weekday names a thing already made.
    pytest.param("The relatives would look for ways to get around Wednesday's ruling.", FRI,
                 "Wednesday", "2000-01-05", id="possessive-weekday-past"),
    pytest.param("Both parties are campaigning hard ahead of Sunday's election.", FRI, "Sunday",
                 "2000-01-09", id="possessive-weekday-ahead-of"),
    pytest.param("The board will vote on the plan at Tuesday's meeting.", FRI, "Tuesday",
                 "2000-01-11", id="possessive-weekday-scheduled-keeps-tense"),
    # "last Oct. 23" is the day (TimeML leaves "last" outside the span).
    pytest.param("The doctor was shot at his home last Oct. 23.", APR, "Oct. 23", "1998-10-23",
                 id="last-month-day"),
    # "the October slaying": a month before a noun names a thing that happened ...
    pytest.param("Police have gathered evidence in the October slaying of a doctor.", APR,
                 "October", "1998-10", id="the-month-noun-past"),
    # ... unless the noun is a scheduled event.
    pytest.param("Polls show a close race in the November election.", dt.date(2016, 1, 10),
                 "November", "2016-11", id="the-month-election-ahead"),
    # The present tense of a schedule points ahead.
    pytest.param("Parliament returns from its summer recess on Tuesday.", dt.date(2024, 9, 26),
                 "Tuesday", "2024-10-01", id="present-schedule-weekday"),
    pytest.param("Voters go to the polls in November.", dt.date(2024, 1, 10), "November",
                 "2024-11", id="present-schedule-month"),
    pytest.param("He filed his tax returns in November.", dt.date(2024, 1, 10), "November",
                 "2023-11", id="tax-returns-is-no-schedule"),
    # "the week of March 6"
    pytest.param("Hearings are planned for the week of March 6.", dt.date(2000, 2, 24),
                 "the week of March 6", "2000-W10", id="week-of"),
    # Anchored relatives.
    pytest.param("The plant closed on Feb. 10. Earlier that day, workers had been warned.",
                 dt.date(2000, 2, 24), "Earlier that day", "2000-02-10", id="earlier-that-day"),
    pytest.param("The plant closed on Feb. 10. The next morning, workers came back.",
                 dt.date(2000, 2, 24), "The next morning", "2000-02-11", id="next-morning"),
    pytest.param("The plant closed on Oct. 12. Three days later, it reopened.", MON,
                 "Three days later", "1989-10-15", id="days-later-from-last-date"),
    pytest.param("Trading was halted in mid-afternoon yesterday.", MON, "mid-afternoon yesterday",
                 "1989-10-29TAF", id="part-of-day-before-yesterday"),
    pytest.param("The last victim was killed last October. His name was crossed out that same "
                 "day.", dt.date(1999, 2, 6), "same day", "1998-10-XX", id="same-day-of-a-month"),
    # "March" and "May" alone need context: "the March agreement" has it, "the March for
    # Life" is a name.
    pytest.param("The chancellor said the March agreement still held.", dt.date(2024, 7, 11),
                 "March", "2024-03", id="the-march-noun"),
    pytest.param("Talks will continue until the end of the year.", dt.date(2024, 7, 11),
                 "the end of the year", "2024", id="end-of-the-year"),
    pytest.param("Rents are due by the end of the month.", dt.date(2024, 7, 11),
                 "the end of the month", "2024-07", id="end-of-the-month"),
    # Decades in words.
    pytest.param("Prices fell through the nineties.", dt.date(1998, 3, 3), "the nineties", "199",
                 id="decade-word"),
]


@pytest.mark.parametrize(("text", "anchor", "span", "value"), CASES)
def test_timex_english_value(text, anchor, span, value):
    assert _values(text, anchor)[span] == value


def test_timex_english_march_as_a_name_is_no_date():
    assert "March" not in _values("The March for Life drew large crowds.", dt.date(2024, 1, 5))


@pytest.mark.parametrize(("text", "anchor", "span", "value"), [
    # A clock time takes the weekday after it, also across a bracketed GMT time ...
    pytest.param("The blast occurred at about 10:35 a.m. (0735 GMT) Friday, officials said.",
                 SAT, "10:35 a.m.", "1998-08-07T10:35", id="clock-gmt-weekday"),
    # ... and "5 p.m. EST, Nov. 6" is one expression.
    pytest.param("The company extended its offer until 5 p.m. EST, Nov. 6.", MON,
                 "5 p.m. EST, Nov. 6", "1989-11-06T17:00", id="clock-comma-date"),
])
def test_timex_english_clock_day(text, anchor, span, value):
    assert _values(text, anchor)[span] == value


@pytest.mark.parametrize(("text", "anchor", "span", "value", "type_"), [
    pytest.param("Parades are held each July.", SAT, "each July", "XXXX-07", "SET",
                 id="each-month-name"),
    pytest.param("The committee meets every Monday.", SAT, "every Monday", "XXXX-WXX-1", "SET",
                 id="every-weekday"),
    pytest.param("Inspectors come every two weeks.", SAT, "every two weeks", "P2W", "SET",
                 id="every-n-units"),
    pytest.param("Every July 4 they hold a parade.", SAT, "Every July 4", "XXXX-07-04", "SET",
                 id="every-day-of-year"),
    pytest.param("It took a couple of years to rebuild.", SAT, "a couple of years", "P2Y",
                 "DURATION", id="couple-of"),
    pytest.param("Appeals must be filed within sixty days.", SAT, "sixty days", "P60D",
                 "DURATION", id="sixty"),
    pytest.param("Stocks fell for eight trading days.", SAT, "eight trading days", "P8D",
                 "DURATION", id="trading-days"),
    pytest.param("It was the worst storm in the last twenty-four hours.", SAT,
                 "the last twenty-four hours", "PT24H", "DURATION", id="twenty-four"),
])
def test_timex_english_sets_and_durations(text, anchor, span, value, type_):
    assert _typed(text, anchor)[span] == (value, type_)


@pytest.mark.parametrize(("text", "span", "value"), [
    # The fiscal year a report covers is a year's span; a fiscal quarter is the quarter.
    pytest.param("In the fiscal year ended Jan. 31, the chain reported sales of $59.5 million.",
                 "the fiscal year", "P1Y", id="fiscal-year-ended"),
    pytest.param("The company earned $4 million for the fiscal-first quarter ended Sept. 30.",
                 "the fiscal-first quarter", "1989-Q1", id="fiscal-first-quarter"),
    # "the quarter a year ago" is one expression: the report's quarter a year before.
    pytest.param("The thrift lost $226 million in the third quarter. For the quarter a year ago, "
                 "it reported earnings of $16 million.", "the quarter a year ago", "1988-Q3",
                 id="quarter-a-year-ago"),
    # A sentence about nine months compares years, not quarters.
    pytest.param("Net income fell in the third quarter. For the nine months, losses totaled "
                 "$212 million, compared with net income of $48 million a year earlier.",
                 "a year earlier", "1988", id="nine-months-year-earlier"),
    pytest.param("Profit rose in the third quarter. The year-earlier results have been "
                 "restated.", "year-earlier", "1988", id="year-earlier-without-quarter-talk"),
    pytest.param("The company posted a third-quarter net loss of $5 million, compared with a "
                 "year-earlier net loss of $6 million.", "year-earlier", "1988-Q3",
                 id="year-earlier-in-a-quarter-sentence"),
    # "This quarter's loss" is the quarter the report is about, not the running one.
    pytest.param("Sales for this year's third quarter were $14 million. This quarter's loss "
                 "includes charges.", "This quarter", "1989-Q3", id="this-quarters-results"),
    # A quarter still running by the calendar but reported in the past tense is a fiscal
    # quarter already over: the report's periods count from it ...
    pytest.param("The company reported a 47% decline in fourth-quarter earnings. Sales in the "
                 "latest period were $1.8 billion.", "the latest period", "1989-Q4",
                 id="reported-running-quarter"),
    # ... but a forecast for it is no report.
    pytest.param("The company expects fourth-quarter earnings to fall. Sales in the latest "
                 "period were $1.8 billion.", "the latest period", "1989-Q3",
                 id="forecast-running-quarter"),
    pytest.param("Analysts expect weak demand through the first two quarters of 1990.",
                 "the first two quarters of 1990", "1990-H1", id="first-two-quarters"),
])
def test_timex_english_earnings_periods(text, span, value):
    assert _values(text, OCT)[span] == value
