"""Tests for the fixes prompted by the second blind German narrative set (task F, issue 11 §3):
bare history years after a verb, season compounds and seasons anchored to the text's year,
"des Vorjahres" from the year in the text, "Ende des Jahres" back in the reader's year."""

from __future__ import annotations

import datetime as dt

import pytest

from lagebild.enrich.timex import find_times

WIKI = dt.date(2013, 2, 18)  # a download date far from the story


def _times(text: str, anchor: dt.date | None = WIKI) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in find_times(text, anchor=anchor, lang="de")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "trat 1356": "at" inside "trat" no longer blocks the year (whole words only).
        pytest.param("Im Frühjahr 1241 schlossen sie einen Vertrag. Der erste Hansetag trat 1356 "
                     "in Lübeck zusammen; im Juni berieten dort Gesandte. 1370 kam der Frieden.",
                     [("Frühjahr 1241", "1241-SP"), ("1356", "1356"), ("Juni", "1356-06"),
                      ("1370", "1370")],
                     id="year-after-trat"),
        # A history text naming several old years, none within 60 years of this one.
        pytest.param("Der Bau begann 1163 unter Bischof Maurice. Die Kirche wurde 1793 zum Tempel "
                     "erklärt, Napoleon ließ sich 1804 krönen.",
                     [("1163", "1163"), ("1793", "1793"), ("1804", "1804")],
                     id="history-year-far-from-others"),
    ],
)
def test_bare_history_years(text, expected):
    assert _times(text) == expected


def test_bare_number_after_verb_in_news_stays_a_number():
    # One number before 1900 in a news text is a count, not a year.
    assert _times("Bei dem Unglück starben 1200 in den Fluten.", dt.date(2024, 3, 12)) == []
    assert _times("Das Werk beschäftigt 1500 Menschen.", dt.date(2024, 3, 12)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Im Spätsommer 490 v. Chr. landeten die Perser.",
                     [("Spätsommer 490 v. Chr.", "BC0490-SU")], id="bc-late-summer"),
        pytest.param("Im Frühsommer 1924 zog er nach Berlin.",
                     [("Frühsommer 1924", "1924-SU")], id="early-summer-year"),
        pytest.param("Im Spätherbst 1812 erreichte das Heer die Beresina.",
                     [("Spätherbst 1812", "1812-FA")], id="late-autumn-year"),
        pytest.param("Am 24. Mai 1370 wurde der Frieden unterzeichnet. Die Verhandlungen hatten "
                     "bereits im Herbst des Vorjahres begonnen.",
                     [("24. Mai 1370", "1370-05-24"), ("Herbst des Vorjahres", "1369-FA")],
                     id="season-of-the-year-before"),
        pytest.param("Am 24. Mai 1370 wurde der Frieden unterzeichnet. Die Gespräche hatten im "
                     "Mai des Vorjahres begonnen.",
                     [("24. Mai 1370", "1370-05-24"), ("Mai des Vorjahres", "1369-05")],
                     id="month-of-the-year-before"),
        pytest.param("Im Jahr 1921 kam er nach Berlin. Im Sommer des folgenden Jahres heiratete "
                     "er; im selben Sommer starb sein Vater.",
                     [("Jahr 1921", "1921"), ("Sommer des folgenden Jahres", "1922-SU"),
                      ("selben Sommer", "1922-SU")], id="season-following-and-same"),
        pytest.param("Xerxes zog 480 v. Chr. nach Griechenland und noch im selben Herbst zurück.",
                     [("480 v. Chr.", "BC0480"), ("selben Herbst", "BC0480-FA")],
                     id="same-autumn-bc"),
    ],
)
def test_seasons(text, expected):
    assert _times(text) == expected


def test_news_seasons_and_months_of_last_year_stay_with_publication():
    pub = dt.date(2013, 2, 18)
    assert _times("Die Exporte stiegen im Mai des Vorjahres stark, im Herbst des vergangenen "
                  "Jahres fielen sie.", pub) == [("Mai des Vorjahres", "2012-05"),
                                                 ("Herbst des vergangenen Jahres", "2012-FA")]
    assert _times("Im Sommer dieses Jahres soll gebaut werden.", pub) == [
        ("Sommer dieses Jahres", "2013-SU")]


def test_end_of_year_in_a_present_tense_paragraph_after_the_story_is_the_readers():
    text = ("Der Bau begann 1163 und dauerte lange. Die Kirche wurde 1793 zum Tempel erklärt; "
            "der Turm wurde 1859 vollendet.\n\n"
            "Die Kathedrale bleibt nach Angaben der Stadt mindestens bis Ende des Jahres "
            "geschlossen.")
    assert _times(text, dt.date(2019, 4, 16))[-1] == ("Ende des Jahres", "2019")


def test_end_of_year_in_the_story_is_the_storys():
    text = "Im März 1918 begann die Offensive. Ende des Jahres war der Krieg verloren."
    assert _times(text)[-1] == ("Ende des Jahres", "1918")


def test_heute_in_a_history_paragraph_is_nowadays():
    text = ("Bach starb am 28. Juli 1750 in Leipzig. Im März 1829 setzte die "
            "Bach-Renaissance ein. Heute gilt er als einer der bedeutendsten Komponisten.")
    assert _times(text, dt.date(2016, 3, 21))[-1] == ("Heute", "PRESENT_REF")


def test_heute_with_a_past_event_in_a_history_text_is_the_day():
    # SpkAtt WikiNews 2005-08-05 (no paragraph breaks): an event told in the past tense.
    text = ("Heute wurde der am 5. August 1930 in Wapakoneta geborene ehemalige Astronaut "
            "75 Jahre alt. Er war seit 1962 Astronaut in der NASA.")
    assert _times(text, dt.date(2005, 8, 5))[0] == ("Heute", "2005-08-05")


def test_heute_in_a_news_paragraph_of_a_history_text_is_the_day():
    text = ("Suttner wurde am 9. Juni 1843 in Prag geboren und starb am 21. Juni 1914 in Wien.\n\n"
            "Ihr Todestag jährt sich heute zum hundertsten Mal; am Dienstag gab es eine Feier.")
    times = dict(_times(text, dt.date(2014, 6, 21)))
    assert times["heute"] == "2014-06-21"


def test_heute_in_news_is_the_day():
    assert _times("Der Bundestag stimmt heute über das Gesetz ab.", dt.date(2024, 3, 12)) == [
        ("heute", "2024-03-12")]


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        pytest.param("In der Silvesternacht bildeten sich lange Schlangen.", dt.date(2002, 1, 2),
                     [("Silvesternacht", "2001-12-31TNI", "TIME")], id="silvesternacht-past"),
        pytest.param("Am Silvesterabend wird gefeiert.", dt.date(2024, 12, 20),
                     [("Silvesterabend", "2024-12-31TEV", "TIME")], id="silvesterabend-future"),
        pytest.param("In der Neujahrsnacht 1999 war es kalt.", None,
                     [("Neujahrsnacht 1999", "1999-12-31TNI", "TIME")], id="neujahrsnacht-year"),
    ],
)
def test_new_years_eve_night_is_a_time(text, anchor, expected):
    got = [(t.text, t.value, t.type) for t in find_times(text, anchor=anchor, lang="de")]
    assert got == expected


def test_a_capitalised_number_after_an_article_is_a_name_not_a_duration():
    assert _times("Napoleons Herrschaft der Hundert Tage endete bei Waterloo.") == []
    assert _times("Die zwei Tage waren hart, zwei Tage lang wurde verhandelt.") == [
        ("zwei Tage", "P2D"), ("zwei Tage", "P2D")]


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        pytest.param("Am Morgen des 6. Juni 1944 landeten die Alliierten. Am Abend des 7. Juni "
                     "zogen sie weiter.", WIKI,
                     [("Morgen des 6. Juni 1944", "1944-06-06TMO", "TIME"),
                      ("Abend des 7. Juni", "1944-06-07TEV", "TIME")], id="story"),
        # SpkAtt WikiNews 2009-12-02: was read as the coming November (2010-11-28, "planned").
        pytest.param("Am Morgen des 28. November drangen sie in ein Haus ein.",
                     dt.date(2009, 12, 2),
                     [("Morgen des 28. November", "2009-11-28TMO", "TIME")], id="news-past"),
        pytest.param("Am Nachmittag des 3. März sagte er nichts.", None,
                     [("Nachmittag des 3. März", "XXXX-03-03TAF", "TIME")], id="no-anchor"),
    ],
)
def test_part_of_a_named_day_is_a_time_of_that_day(text, anchor, expected):
    got = [(t.text, t.value, t.type) for t in find_times(text, anchor=anchor, lang="de")]
    assert got == expected
