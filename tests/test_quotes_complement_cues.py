"""training/quotes/complement_cues.py: shown complement quotes per cue, judged by gold."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training" / "quotes"))
import complement_cues as cc  # noqa: E402

_TOKS = [
    "Der Minister sagte , dass die Lage ernst sei .".split(),
    "Die Regierung hat entschieden , dass die Schulen offen bleiben .".split(),
]


def _doc(tmp_path: Path, annotations: list[dict]) -> Path:
    f = tmp_path / "doc.json"
    f.write_text(json.dumps({
        "DocumentName": "doc",
        "Sentences": [{"SentenceId": i, "Tokens": t} for i, t in enumerate(_TOKS)],
        "Annotations": annotations,
    }), encoding="utf-8")
    return f


def _gold(sent: int, cue: int, src: range, msg: range) -> dict:
    return {"Cue": [f"{sent}:{cue}"], "Source": [f"{sent}:{i}" for i in src],
            "Message": [f"{sent}:{i}" for i in msg], "IsNested": False}


def test_cue_counts_follow_gold(tmp_path: Path) -> None:
    # gold: the first sentence is a quote of "Der Minister", the second none
    f = _doc(tmp_path, [_gold(0, 2, range(0, 2), range(4, 9))])
    rows = cc.spkatt_rows([f], "p")
    verdicts = {r["cue"]: r["verdict"] for r in rows}
    assert verdicts == {"sagen": "right", "entscheiden": "noquote"}
    t = cc.table(rows)
    assert t["sagen"]["p"]["right"] == 1 and t["entscheiden"]["p"]["noquote"] == 1


def test_wrong_speaker_counts_as_wrong(tmp_path: Path) -> None:
    # gold names another source ("die Lage") for the first quote
    f = _doc(tmp_path, [_gold(0, 2, range(5, 7), range(4, 9))])
    rows = cc.spkatt_rows([f], "p")
    assert [r["verdict"] for r in rows if r["cue"] == "sagen"] == ["wrong"]
