"""Speaker confidence: the shipped table comes from data that may train a shipped model."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from lagebild.enrich import _speakers
from lagebild.enrich.quotes import SPEAKER_THRESHOLD
from lagebild.evaluate.quotes import speaker_curve, speaker_decisions_jsonl

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "tests" / "data" / "eval"
DEBATES = ROOT.parent / "shared" / "data" / "spkatt2023-debates"
SCRIPT = ROOT / "training" / "quotes" / "calibrate_speakers.py"


def _script():
    spec = importlib.util.spec_from_file_location("calibrate_speakers", SCRIPT)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_quotes_calibration_reads_no_news_data() -> None:
    # SpkAtt-2023 news is CC BY-NC-SA: measure only, never calibrate on it
    mod = _script()
    paths = [str(mod.DEBATES), str(mod.SCALE_SET), *map(str, mod.THRESHOLD_SETS)]
    assert not any("spkatt2023-news" in p for p in paths)
    assert "spkatt2023-debates" in str(mod.DEBATES)


@pytest.mark.skipif(not DEBATES.is_dir(), reason="SpkAtt-2023 debates not present")
def test_quotes_calibration_reproduces_shipped_table(tmp_path: Path) -> None:
    out = tmp_path / "calib.json"
    assert _script().main(["--out", str(out)]) == 0
    res = json.loads(out.read_text(encoding="utf-8"))
    assert res["table"] == _speakers._CONFIDENCE
    assert res["threshold"] == SPEAKER_THRESHOLD


def test_quotes_calibration_table_keeps_rule_classes_apart() -> None:
    # a speaker carried over from an earlier quote without a cue is never
    # trusted more than one the sentence itself names with a cue
    mod = _script()
    table = _speakers._CONFIDENCE
    carried = [v for r, v in table.items() if r in mod.CARRIED]
    anchored = [v for r, v in table.items() if r not in mod.CARRIED]
    assert carried and anchored and max(carried) < min(anchored)
    assert _speakers._DEFAULT_CONFIDENCE >= SPEAKER_THRESHOLD  # English is shown


def test_quotes_speaker_threshold_pays_on_own_sets() -> None:
    decided = speaker_decisions_jsonl(
        [EVAL / "quotes_speakers_de.jsonl", EVAL / "quotes_de.jsonl"]
    )
    everything, shown = speaker_curve(decided, (0.0, SPEAKER_THRESHOLD))
    assert shown["precision"] > everything["precision"]
    assert shown["precision"] >= _script().TARGET_PRECISION
    assert shown["abstention"] < 0.25
