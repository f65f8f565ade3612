"""Tests for issue 11 (time): plural weekdays, narrative anchoring, anchored relatives,
BC years, seasons, H:MM durations, planned dates, unknown stays unknown."""

from __future__ import annotations

import datetime as dt

import pytest

from lagebild.enrich.timex import find_times, sentence_dates


def _times(text: str, anchor: dt.date | None, lang: str = "de") -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in find_times(text, anchor=anchor, lang=lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        pytest.param("The shop is closed on Fridays and on Saturdays.", "en",
                     [("Fridays", "XXXX-WXX-5"), ("Saturdays", "XXXX-WXX-6")], id="en-plural"),
        pytest.param("Der Markt ist freitags geöffnet.", "de", [("freitags", "XXXX-WXX-5")],
                     id="de-freitags"),
    ],
)
def test_timex_narrative_plural_weekdays_are_sets_not_a_crash(text, lang, expected):
    times = find_times(text, anchor=dt.date(2024, 6, 20), lang=lang)
    assert [(t.text, t.value) for t in times] == expected
    assert {t.type for t in times} == {"SET"}
