"""Tests for lagebild.enrich.timex: dates in news anchored the way a reader anchors them
(issue 11 §3: direction by tense and cues, scope of a narrative year, weeks just named)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from lagebild.enrich.timex import find_times
from lagebild.evaluate.timex import evaluate

EVAL = Path(__file__).parent / "data" / "eval"
FLOORS = json.loads((EVAL / "timex_floors.json").read_text(encoding="utf-8"))

THU = dt.date(2024, 8, 1)  # a Thursday
TUE = dt.date(2024, 8, 6)  # a Tuesday
MARCH = dt.date(2024, 3, 10)  # a Sunday


def _values(text: str, anchor: dt.date, lang: str = "de") -> dict[str, str]:
    return {t.text: t.value for t in find_times(text, anchor=anchor, lang=lang)}


# (text, publication date, expression, value)
GERMAN = [
    # An infinitive in "-ten" after a modal is no Präteritum ("will ... beraten").
    pytest.param("Über einen Wiederaufbaufonds will das Kabinett im September beraten.", TUE,
                 "September", "2024-09", id="modal-infinitive-month"),
    pytest.param("Das Kabinett soll am Freitag im Parlament darüber beraten.", THU, "Freitag",
                 "2024-08-02", id="modal-infinitive-weekday"),
    pytest.param("Am Samstag starten die Spiele in Paris.", THU, "Samstag", "2024-08-03",
                 id="ten-verb-present"),
    pytest.param("Am Samstag starteten die Spiele in Paris.", THU, "Samstag", "2024-07-27",
                 id="ten-verb-past-stays-past"),
    # Present tense without a cue: a month or day more than two months back is the coming one.
    pytest.param("Im Oktober beginnt in Hohenried der Bau der neuen Brücke.", MARCH, "Oktober",
                 "2024-10", id="present-schedule-month"),
    pytest.param("Die Präsidentschaftswahl in den USA im November gilt als offen.", MARCH,
                 "November", "2024-11", id="present-election-month"),
    pytest.param("Am 3. November wählen die USA einen neuen Präsidenten.", MARCH, "3. November",
                 "2024-11-03", id="present-schedule-day"),
    pytest.param("Die Inflationsrate liegt im Juli bei 2,3 Prozent.", dt.date(2024, 8, 20),
                 "Juli", "2024-07", id="present-latest-figure"),
    # "für Freitag": the day something is called or set for.
    pytest.param("Die Gewerkschaft hat für Freitag zu einem Warnstreik aufgerufen.",
                 dt.date(2024, 2, 27), "Freitag", "2024-03-01", id="fuer-weekday"),
    pytest.param("Der Parteitag findet am kommenden Wochenende in Essen statt.",
                 dt.date(2024, 11, 28), "kommenden Wochenende", "2024-W48-WE",
                 id="coming-weekend"),
    pytest.param("In der Nacht zum heutigen Samstag gelang es der Polizei, die Geisel zu "
                 "befreien.", dt.date(2024, 3, 2), "Samstag", "2024-03-02", id="heutigen-weekday"),
    pytest.param("Die Polizei wertet die Videos von der Demonstration vom Sonntag aus, um die "
                 "Täter zu finden.", dt.date(2024, 8, 3), "Sonntag", "2024-07-28",
                 id="vom-weekday"),
    pytest.param("Die Erklärung vom 12. Juli sieht vor, dass verdächtige Schiffe schneller "
                 "kontrolliert werden.", dt.date(2024, 7, 30), "12. Juli", "2024-07-12",
                 id="vom-date"),
    # A reporting verb in another clause does not give the reported clause its tense.
    pytest.param("Die Bahn sperrt die Strecke vom 16. August bis zum 6. September vollständig, "
                 "teilte das Unternehmen am Donnerstag mit.", dt.date(2024, 7, 25), "16. August",
                 "2024-08-16", id="reporting-verb-elsewhere"),
    pytest.param("Das Gericht hat zwölf Verhandlungstage angesetzt, ein Urteil könnte Anfang "
                 "August fallen.", dt.date(2024, 7, 16), "Anfang August", "2024-08",
                 id="koennte-infinitive"),
    # Präteritum of strong verbs ("empfing") and "seit ... des 13. Februar" look back.
    pytest.param("Zum Auftakt des Spieltages empfing Dortmund am Freitag den HSV.",
                 dt.date(2010, 11, 18), "Freitag", "2010-11-12", id="strong-verb-past"),
    pytest.param("Die Truppen stehen seit den frühen Morgenstunden des 13. Februar im Gefecht, "
                 "um die Stellungen zu halten.", dt.date(2010, 2, 16), "Morgenstunden des 13. Februar",
                 "2010-02-13TMO", id="seit-words-before"),  # the hours of that day (stop 34 E)
    pytest.param("Der Täter könnte am Montag über die Grenze geflohen sein, sagte die Polizei.",
                 dt.date(2024, 7, 18), "Montag", "2024-07-15", id="koennte-perfect-stays-past"),
]


@pytest.mark.parametrize(("text", "anchor", "span", "value"), GERMAN)
def test_timex_news_direction_german(text, anchor, span, value):
    assert _values(text, anchor)[span] == value


ENGLISH = [
    pytest.param("A ruling is expected on Tuesday.", dt.date(2024, 10, 2), "Tuesday",
                 "2024-10-08", id="is-expected-weekday"),
    pytest.param("The verdict is expected Friday, lawyers said.", dt.date(2024, 10, 2),
                 "Friday", "2024-10-04", id="is-expected-said"),
    pytest.param("A decision on the merger is due on Monday.", dt.date(2024, 6, 12), "Monday",
                 "2024-06-17", id="is-due"),
    pytest.param("Lawmakers hope to pass the bill before Easter.", dt.date(2025, 2, 20),
                 "Easter", "2025-04-20", id="hope-to"),
    pytest.param("The strike could last until December.", dt.date(2024, 9, 26), "December",
                 "2024-12", id="last-as-verb"),
    pytest.param("The company reported its results on Monday.", dt.date(2024, 6, 12), "Monday",
                 "2024-06-10", id="past-stays-past"),
    pytest.param("Towns downstream were preparing for the flood crest, expected on Tuesday "
                 "afternoon.", dt.date(2024, 7, 8), "Tuesday afternoon", "2024-07-09TAF",
                 id="participle-expected-on"),
    pytest.param("Trump said he would win in November.", dt.date(2016, 1, 20), "November",
                 "2016-11", id="would-future-in-past"),
    pytest.param("The election in November is wide open.", dt.date(2016, 1, 20), "November",
                 "2016-11", id="election-in-month"),
    pytest.param("The election in November was a landslide.", dt.date(2016, 1, 20), "November",
                 "2015-11", id="election-in-month-past"),
]


@pytest.mark.parametrize(("text", "anchor", "span", "value"), ENGLISH)
def test_timex_news_direction_english(text, anchor, span, value):
    assert _values(text, anchor, "en")[span] == value


FLOOD = (
    "Beim Hochwasser im Juli haben Maria und Georg Huber ihr Erdgeschoss verloren. „Das letzte "
    "große Wasser war 1954“, sagte Georg Huber.\n\nNach dem Hochwasser vom 8. Juli zählt die "
    "Stadt rund 450 beschädigte Gebäude.\n\nÜber einen Wiederaufbaufonds will das Kabinett im "
    "September beraten."
)


def test_timex_news_one_old_year_does_not_make_a_story():
    # A single background year (in a quote, another paragraph) does not govern the news dates.
    values = _values(FLOOD, TUE)
    assert values["8. Juli"] == "2024-07-08"
    assert values["September"] == "2024-09"
    assert values["1954"] == "1954"


def test_timex_news_year_in_a_quotation_governs_only_inside_it():
    text = ("„Das letzte große Wasser war 1954, damals stand die Altstadt zwei Wochen unter "
            "Wasser“, sagte Georg Huber. Nach dem Hochwasser vom 8. Juli zählt die Stadt rund "
            "450 beschädigte Gebäude.")
    assert _values(text, TUE)["8. Juli"] == "2024-07-08"


def test_timex_news_background_year_still_governs_its_paragraph():
    text = ("Der Inn war zuletzt im Juni 2013 über die Ufer getreten. Im August hatte der "
            "Landtag damals ein Hilfspaket beschlossen.")
    assert _values(text, TUE)["August"] == "2013-08"


def test_timex_news_end_of_a_range_sets_no_story_year():
    text = ("Die Preise waren zwischen 2018 und 2021 um 40 Prozent gestiegen. Im Juli hatte der "
            "Rat die Prüfung beschlossen.")
    assert _values(text, dt.date(2024, 8, 2))["Juli"] == "2024-07"


def test_timex_news_deictic_dates_make_a_report_not_a_story():
    # Three old years, but the article reports this week: the paragraph's old year does not
    # reach into the next paragraph.
    text = ("Der Aufsichtsrat hatte ihn im Oktober 2021 entlassen. Die Preise waren von 2018 an "
            "gestiegen. Der Anwalt sprach am Dienstag von Vorverurteilung, die Anklage kam am "
            "Montag.\n\nIm Juli hatte der Rat eine Prüfung beschlossen.")
    assert _values(text, dt.date(2024, 8, 6))["Juli"] == "2024-07"


def test_timex_news_background_year_reaches_the_next_sentence_only():
    # Without a paragraph break (feeds that lose them), a news report's old year governs the
    # sentence after it and clauses that still look back, not the rest of the report.
    text = ("Der Inn war zuletzt im Juni 2013 über die Ufer getreten. Im August beschloss der "
            "Landtag ein Hilfspaket. Die Stadt zählt derzeit 450 Schäden. Die Zahl der Anträge "
            "stieg im Juli auf 600.")
    values = _values(text, dt.date(2024, 8, 6))
    assert values["August"] == "2013-08"
    assert values["Juli"] == "2024-07"


def test_timex_news_background_paragraph_keeps_its_year():
    # With paragraph breaks the paragraph bounds the background, however many sentences.
    text = ("Die Polizei hat am Mittwoch einen Mann festgenommen.\n\nDer Mann war bereits 2021 "
            "verurteilt worden. Er kam in ein Gefängnis bei Augsburg. Im Dezember kam er frei.")
    assert _values(text, dt.date(2024, 7, 11))["Dezember"] == "2021-12"


def test_timex_news_attributive_and_parenthesised_years_set_no_story_time():
    text = ("Der am 24.04.1922 geborene Schauspieler hat in vielen Filmen mitgespielt. Seinen "
            "Ausstieg aus der Serie hatte er im Oktober angekündigt.")
    assert _values(text, dt.date(2005, 12, 18))["Oktober"] == "2005-10"
    text = ("Der letzte vergleichbare Wert liegt 15 Jahre zurück (1992). Im Oktober stieg die "
            "Zahl der Erwerbstätigen auf einen Rekord.")
    assert _values(text, dt.date(2007, 11, 29))["Oktober"] == "2007-10"


def test_timex_news_holiday_brings_the_text_back_to_the_present():
    text = ("Der Schauspieler wurde am 24.04.1922 in Hildesheim geboren. Er soll noch vor "
            "Weihnachten in eine Klinik verlegt werden. Seinen Ausstieg hatte er im Oktober "
            "angekündigt.")
    assert _values(text, dt.date(2005, 12, 18))["Oktober"] == "2005-10"


def test_timex_news_holiday_in_a_story_keeps_the_story_year():
    text = ("Der Krieg begann im August 1914. Die Armeen marschierten 1914 nach Westen. Bis "
            "Weihnachten sollte der Krieg vorbei sein. Im September scheiterte der Vormarsch "
            "an der Marne.")
    assert _values(text, dt.date(2014, 8, 1))["September"] == "1914-09"


def test_timex_news_weekday_after_a_coming_week_is_in_that_week():
    text = ("Die Ministerin reist nächste Woche nach Kiew. Am Montag trifft sie dort den "
            "Präsidenten.")
    assert _values(text, dt.date(2024, 4, 18))["Montag"] == "2024-04-22"


def test_timex_news_weekday_after_a_past_week_keeps_the_report_day():
    # TempEval-3 (SJMN91-06338157): "met ... last week ... the source said Monday".
    text = ("Another source said the son met with Sununu last week. \"He was told,\" the source "
            "said Monday.")
    assert _values(text, dt.date(1991, 12, 3), "en")["Monday"] == "1991-12-02"


@pytest.mark.parametrize(("name", "lang"), [("timex_news_de", "de"), ("timex_news_en", "en")])
def test_timex_news_eval_floors(name, lang):
    result = evaluate([EVAL / f"{name}.tml"], lang)
    floors = FLOORS[name]
    assert result["gold"] >= floors["min_gold"]
    assert result["strict"]["f1"] >= floors["strict"]
    assert result["relaxed"]["f1"] >= floors["relaxed"]
    assert result["value"]["f1"] >= floors["value"]
