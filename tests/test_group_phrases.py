"""The phrase diagnosis of bench/thread_phrases.py (thread_gaps --phrases) on hand-made input."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

_BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(_BENCH))  # thread_phrases imports thread_gaps as the bench scripts do
_spec = importlib.util.spec_from_file_location("thread_phrases", _BENCH / "thread_phrases.py")
assert _spec is not None and _spec.loader is not None
tp = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tp)


def test_phrases_are_not_bounded_by_function_words():
    got = tp.phrases("Clinton spoke at the Democratic National Convention in Philadelphia.")
    assert "democratic national convention" in got
    assert "democratic national" in got and "national convention" in got
    assert "convention in philadelphia" in got  # a function word inside is kept
    assert not any(p.startswith(("the ", "at ", "in ")) for p in got)
    assert not any(p.endswith((" the", " at", " in")) for p in got)
    assert "spoke at the" not in got and "clinton" not in got  # no single words


def test_nested_phrases_count_once():
    assert tp._outermost(["senator ted", "senator ted cruz", "ted cruz", "gun control"]) == [
        "senator ted cruz", "gun control",
    ]  # fmt: skip


def test_diagnosis_counts_good_and_bad_pairs():
    from lagebild.model import Article

    day = dt.date(2016, 7, 25)
    texts = {
        "a1": "Delegates at the Democratic National Convention cheered the Orlando nightclub victims.",
        "a2": "The Democratic National Convention heard about the Orlando nightclub attack.",
        "a3": "Farmers in Iowa expect a good harvest this autumn, the state said.",
    }
    arts = [Article(id=k, text=v, title="", published=day) for k, v in texts.items()]
    lines: list[str] = []
    tp.diagnose(arts, {"a1": "s1", "a2": "s2", "a3": "s3"},
                {"a1": "dnc", "a2": "dnc", "a3": "solo:a3"}, [0.0], say=lines.append)  # fmt: skip
    assert lines[0].startswith("3 articles, 3 storylines, 3 pairs within 14 days: 1 hold one")
    assert "2 only other labels" in lines[0]
    assert "ceiling, every good pair joined: F1 1.000" in lines[1]
