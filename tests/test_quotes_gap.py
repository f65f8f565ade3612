"""The coverage-gap classes of ``training/quotes/news_dev_errors.py`` (stop 34, task C)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training" / "quotes"))
from news_dev_errors import gap_class  # noqa: E402


def test_gap_class() -> None:
    assert gap_class(False, False, 0.0, False) == "not_found"
    assert gap_class(True, False, 0.0, False) == "no_speaker"
    assert gap_class(True, True, 1.0, True) == "shown_right"
    assert gap_class(True, True, 0.5, False) == "held_right"
    assert gap_class(True, True, 0.4, True) == "speaker_span"
    assert gap_class(True, True, 0.0, True) == "wrong_speaker"


def test_curve_thresholds_parse() -> None:
    from news_dev_split import parse_thresholds

    assert parse_thresholds("0.9,0,0.75,0.9") == (0.0, 0.75, 0.9)
