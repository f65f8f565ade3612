"""Every NER mode gives the same character spans whether chosen by argument or by
``$LAGEBILD_NER`` (one test for all modes instead of a copy per model's test file)."""

from __future__ import annotations

import pytest

from lagebild.enrich import ner


@pytest.mark.parametrize("mode", ["cnn", "fast", "lstm", "accurate"])
def test_ner_mode_via_env_and_argument_give_the_same_character_spans(mode, monkeypatch):
    text = "Die Vereinten Nationen warnen vor einer Hungersnot im Sudan. Antonio Guterres sprach in Genf."
    by_arg = ner.recognize_many_detailed([text], mode=mode)[0]
    monkeypatch.setenv(ner.MODE_ENV_VAR, mode)
    assert ner.selected_mode() == mode
    got = {(text[s:e], lab) for s, e, lab in ner.recognize(text)}
    assert ("Sudan", "LOC") in got
    assert ("Antonio Guterres", "PER") in got
    assert ("Genf", "LOC") in got
    assert ner.recognize_detailed(text) == by_arg
    assert ner.recognize_many(["", text])[0] == []
