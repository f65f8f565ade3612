"""Tests for the fixes prompted by the fourth blind German narrative set (stop 34 task E, issue 11
§3; tests/data/eval/timex_de_blind4_dev.tml, WikiWarsDE-like war articles): the night after a
day named, the next season after a date named, an approximate first year of a range of years,
"Anfang/Mitte/Ende" before a BC year."""

from __future__ import annotations

import datetime as dt

import pytest

from lagebild.enrich.timex import find_times

WIKI = dt.date(2016, 3, 30)  # a download date far from the story


def _times(text: str, anchor: dt.date | None = WIKI) -> dict[str, str]:
    return {t.text: t.value for t in find_times(text, anchor=anchor, lang="de")}


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        # The night after the 15th begins on the evening of the 15th.
        pytest.param("Die Panzerschlacht endete am 14. Oktober 1973. Einen Tag später begann die "
                     "Operation, und in der Nacht darauf setzten Fallschirmjäger über den Kanal.",
                     "Nacht darauf", "1973-10-15TNI", id="night-after-a-day"),
        pytest.param("Am 8. September 1855 stürmten die Franzosen das Fort; in der folgenden Nacht "
                     "räumten die Russen die Stadt.", "folgenden Nacht", "1855-09-08TNI",
                     id="following-night"),
        # After a night named, the next night is the one after it.
        pytest.param("In der Nacht zum 14. November 1854 tobte ein Sturm. In der Nacht darauf "
                     "legte er sich.", "Nacht darauf", "1854-11-14TNI", id="night-after-a-night"),
        pytest.param("In der Nacht zum 14. November 1854 tobte ein Sturm. In der folgenden Nacht "
                     "legte er sich.", "folgenden Nacht", "1854-11-14TNI", id="following-night-after-a-night"),
    ],
)
def test_night_after_the_day_named(text, span, value):
    assert _times(text)[span] == value


def test_night_before_the_day_named_unchanged():
    text = "Am 14. Oktober 1973 begann die Schlacht. In der Nacht zuvor hatten Truppen den Kanal erreicht."
    assert _times(text)["Nacht zuvor"] == "1973-10-13TNI"


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        pytest.param("Im Herbst 1854 landeten die Alliierten. Im folgenden Winter starben Tausende.",
                     "folgenden Winter", "1854-WI", id="winter-after-autumn"),
        pytest.param("Im Winter 1854/55 starben Tausende. Im folgenden Frühjahr kam Verstärkung.",
                     "folgenden Frühjahr", "1855-SP", id="spring-after-winter"),
        pytest.param("Im Juli 1853 besetzten Truppen die Fürstentümer. Im Sommer darauf zogen sie ab.",
                     "Sommer darauf", "1854-SU", id="summer-after-july"),
        pytest.param("Im Frühjahr 58 v. Chr. zogen die Helvetier los. Im folgenden Winter lagerte "
                     "Caesar bei den Sequanern.", "folgenden Winter", "BC0058-WI", id="bc"),
    ],
)
def test_next_season_after_the_date_named(text, span, value):
    assert _times(text)[span] == value


def test_approximate_first_year_of_a_range():
    got = _times("Der Vietnamkrieg wurde von etwa 1955 bis 1975 in Vietnam, Laos und Kambodscha geführt.")
    assert got == {"1955": "1955", "1975": "1975"}
    got = _times("Die Kirche wurde zwischen rund 1450 und 1520 erbaut, der Chor stammt von 1430.")
    assert got["1450"] == "1450"


@pytest.mark.parametrize("text", [
    "Die Preise stiegen von etwa 1500 bis 2000 Euro.",
    "Die Bevölkerung stieg von etwa 1950 auf 3000 Einwohner.",
])
def test_approximate_amounts_stay_amounts(text):
    assert _times(text, dt.date(2016, 5, 1)) == {}


@pytest.mark.parametrize(("text", "span"), [
    ("Der große Aufstand brach Anfang 52 v. Chr. aus.", "Anfang 52 v. Chr."),
    ("Die letzten Festungen fielen Ende 51 v. Chr. an Rom.", "Ende 51 v. Chr."),
])
def test_part_of_a_bc_year_keeps_its_word(text, span):
    got = _times(text)
    assert got[span] == "BC" + span.split()[1].zfill(4)


# Constructions of war narratives probed on sentences of our own (not dev errors).


def test_part_of_the_following_day():
    text = "Am 29. Oktober 1956 griff Israel an. Am Abend des folgenden Tages stellten London und Paris ein Ultimatum."
    assert _times(text)["Abend des folgenden Tages"] == "1956-10-30TEV"


def test_part_of_year_word_with_its_year():
    got = _times("Zu Jahresbeginn 1991 standen über 500.000 Soldaten am Golf bereit.")
    assert got == {"Jahresbeginn 1991": "1991"}
    assert _times("Zum Jahresende sinken die Preise.", dt.date(2014, 7, 28)) == {"Jahresende": "2014"}


def test_date_after_a_range_of_years_lies_inside_it():
    text = ("Der Spanische Bürgerkrieg dauerte von Juli 1936 bis April 1939. Am 17. Juli erhoben sich "
            "Truppen in Marokko. Im November begann die Schlacht um Madrid.")
    got = _times(text)
    assert got["17. Juli"] == "1936-07-17"
    assert got["November"] == "1936-11"
    # inside the range in the end's year: stays there
    text = "Der Krieg dauerte von Juli 1936 bis April 1939. Am 1. Februar fiel Barcelona."
    assert _times(text)["1. Februar"] == "1939-02-01"
    # a span within one year is unchanged
    text = "Der Krieg dauerte vom 2. April bis zum 14. Juni 1982. Am 20. Juni kehrten die Truppen heim."
    assert _times(text)["20. Juni"] == "1982-06-20"


def test_life_years_in_parentheses_set_no_story_year():
    text = ("Der Feldzug dauerte von 1812 bis 1815. Am 24. Juni 1812 überschritt die Armee die Memel. "
            "Feldmarschall Kutusow (1745–1813) übernahm am 29. August den Oberbefehl; Napoleon (* 1769) "
            "erreichte Moskau am 14. September.")
    got = _times(text)
    assert got["29. August"] == "1812-08-29"
    assert got["14. September"] == "1812-09-14"


def test_since_date_in_a_past_story_sets_its_time():
    text = ("Der Krieg dauerte von 1914 bis 1918. Seit dem 1. August 1914 befand sich Deutschland im "
            "Krieg mit Russland. Am 17. August drangen russische Armeen in Ostpreußen ein.")
    assert _times(text)["17. August"] == "1914-08-17"


def test_since_date_in_the_present_tense_sets_no_story_time():
    text = ("Die Wahlen 2023 und 2018 waren wichtig. Marino ist seit Juni 2013 Bürgermeister. Im Dezember "
            "wurde der Mafiaboss festgenommen.")
    assert _times(text)["Dezember"] != "2013-12"


def test_weekday_in_apposition_is_that_day():
    text = ("Der Krieg dauerte von 1939 bis 1945. Am 1. September 1939, einem Freitag, begann der Krieg. "
            "Am 17. September marschierte die Rote Armee ein.")
    got = _times(text)
    assert got["Freitag"] == "1939-09-01"
    assert got["17. September"] == "1939-09-17"


def test_story_named_with_von_year_sets_its_time():
    text = ("Der Deutsche Krieg von 1866 war die Auseinandersetzung zwischen Preußen und Österreich. "
            "Am 14. Juni beschloss der Bundestag die Mobilmachung. Die Entscheidung fiel am 3. Juli bei "
            "Königgrätz. Die Verfassung des Norddeutschen Bundes trat am 1. Juli 1867 in Kraft.")
    got = _times(text, dt.date(2015, 3, 1))
    assert got["14. Juni"] == "1866-06-14"
    assert got["3. Juli"] == "1866-07-03"


def test_look_back_to_the_year_before_keeps_the_story_year():
    text = ("Der Krieg wurde 1904 und 1905 geführt. Am 2. Januar 1905 kapitulierte Port Arthur. Die "
            "Ostseeflotte, die im Oktober des Vorjahres ausgelaufen war, wurde am 27. Mai bei Tsushima "
            "vernichtet.")
    got = _times(text, dt.date(2015, 3, 1))
    assert got["Oktober des Vorjahres"] == "1904-10"
    assert got["27. Mai"] == "1905-05-27"


def test_year_less_winter_is_the_one_beginning_in_the_story_year():
    text = ("Der Krieg dauerte von 1877 bis 1878. Russland erklärte am 24. April 1877 den Krieg. Die "
            "Festung Plewen hielt sich vom 20. Juli bis zum "
            "10. Dezember. Im Winter überquerten die Russen den Balkan und standen im Januar vor "
            "Konstantinopel. Am 3. März 1878 wurde der Vorfrieden unterzeichnet.")
    got = _times(text, dt.date(2015, 3, 1))
    assert got["Winter"] == "1877-WI"
    assert got["Januar"] == "1878-01"
    text = ("Der Krieg dauerte von 1853 bis 1856. Im Juli 1853 besetzten Truppen die Fürstentümer. Im "
            "Winter ruhten die Kämpfe.")
    assert _times(text)["Winter"] == "1853-WI"


def test_month_after_a_winter_named_is_in_the_next_year():
    text = ("Der Krieg dauerte von 1941 bis 1945. Im Winter 1941/42 erstarrte die Front. Im Januar "
            "begann eine Gegenoffensive, im Mai folgte die Schlacht bei Charkow.")
    got = _times(text)
    assert got["Januar"] == "1942-01"
    assert got["Mai"] == "1942-05"
    text = ("Der Krieg dauerte von 1941 bis 1945. Im Winter 1941/42 erstarrte die Front. Im Juli "
            "begann die Sommeroffensive.")
    assert _times(text)["Juli"] == "1942-07"


def test_part_of_day_in_a_story_is_of_the_story_day_in_the_paragraph():
    text = ("Der Krieg dauerte von 1939 bis 1945. In den frühen Morgenstunden des 22. Juni 1941 griff "
            "die Wehrmacht an. Panzer überschritten die Grenze, Brest wurde eingeschlossen. Am "
            "Nachmittag meldete Molotow den Angriff.")
    assert _times(text)["Nachmittag"] == "1941-06-22TAF"


def test_day_relative_in_a_story_with_only_years_is_unknown():
    text = ("Der Krieg dauerte von 1914 bis 1918. In den ersten Augusttagen 1914 marschierten deutsche "
            "Truppen in Belgien ein. Tags darauf fiel Lüttich.")
    assert _times(text)["Tags darauf"] == "XXXX-XX-XX"  # not the day after publication


def test_hours_of_a_named_day_and_gegen_mittag():
    text = ("Der Krieg dauerte von 1939 bis 1945. In den frühen Morgenstunden des 22. Juni 1941 griff die "
            "Wehrmacht an; gegen Mittag fiel Brest. In den Abendstunden des 23. Juni fiel Grodno.")
    got = _times(text)
    assert got["Morgenstunden des 22. Juni 1941"] == "1941-06-22TMO"
    assert got["Mittag"] == "1941-06-22TMI"
    assert got["Abendstunden des 23. Juni"] == "1941-06-23TEV"


def test_event_date_with_vom_sets_the_story_day_after_only_years():
    text = ("Der Koreakrieg dauerte von 1950 bis 1953. Nach dem Angriff vom 25. Juni 1950 fiel Seoul am "
            "28. Juni. Die UN-Truppen landeten am 15. September bei Incheon.")
    got = _times(text)
    assert got["28. Juni"] == "1950-06-28"
    assert got["15. September"] == "1950-09-15"


def test_holiday_in_apposition_is_that_day():
    text = ("Der Krieg dauerte von 1914 bis 1918. Am 24. April 1916, dem Ostermontag, begann in Dublin "
            "der Osteraufstand. Noch im selben Monat kapitulierten die Aufständischen.")
    got = _times(text)
    assert got["Ostermontag"] == "1916-04-24"
    assert got["selben Monat"] == "1916-04"


def test_opening_range_of_years_starts_the_story():
    text = "Der Koreakrieg dauerte von 1950 bis 1953. Am 25. Juni überschritten nordkoreanische Truppen die Grenze."
    assert _times(text)["25. Juni"] == "1950-06-25"
    # a range further on (a news report's background) keeps its end's year
    text = ("Die Zeitung berichtete. Verfahren wegen Prüfberichten von 2009 bis 2013 wurden eingeleitet. "
            "Der Gouverneur trat Ende Juni zurück.")
    assert _times(text, dt.date(2016, 6, 1))["Ende Juni"] == "2013-06"


def test_first_day_of_what_was_just_dated():
    text = ("Der Krieg dauerte von 1914 bis 1918. Die Schlacht an der Somme begann am 1. Juli 1916. "
            "Allein am ersten Tag verloren die Briten fast 60.000 Mann.")
    assert _times(text)["ersten Tag"] == "1916-07-01"
    assert _times("Am ersten Tag der Messe kamen 5000 Besucher.") == {}  # its own day, not dated
