"""English NER: the pinned spaCy small English pipeline, mapped to lagebild's labels."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lagebild.enrich import ner_en
from lagebild.errors import ModelError

TEXT = (
    "The Philippines summoned China's deputy ambassador on Monday after Chinese coast guard "
    "vessels fired water cannon, the foreign ministry said. President Ferdinand Marcos Jr. said "
    "the United States and Japan backed Manila, and NATO Secretary General Mark Rutte agreed."
)


def _found(spans):
    return {(s.text, s.label, s.subtype) for s in spans}


def test_ner_en_finds_and_maps_labels():
    got = _found(ner_en.recognize_detailed(TEXT))
    assert ("Philippines", "LOC", None) in got
    assert ("Chinese", "LOC", "deriv") in got  # NORP -> a derived adjective
    assert ("United States", "LOC", None) in got  # "the" is not part of the name
    assert any(t.startswith("Ferdinand Marcos") and lab == "PER" for t, lab, _ in got)
    assert ("NATO", "ORG", None) in got
    assert not any(lab not in ("PER", "ORG", "LOC", "MISC") for _, lab, _ in got)
    assert not any(t == "Monday" for t, _, _ in got)  # dates are times, not entities


def test_ner_en_offsets_point_into_the_text():
    for s in ner_en.recognize_detailed(TEXT):
        assert TEXT[s.start : s.end] == s.text


def test_ner_en_refuses_weights_that_are_not_the_pinned_ones(tmp_path: Path):
    src = ner_en.model_path()
    ner_en.verify(src)  # the installed package is the pinned one
    copy = tmp_path / "model"
    shutil.copytree(src, copy)
    f = copy / "ner" / "model"
    data = bytearray(f.read_bytes())
    data[len(data) // 2] ^= 0xFF
    f.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="not the pinned"):
        ner_en.verify(copy)
    shutil.copy(src / "ner" / "model", f)
    (copy / "tok2vec" / "model").unlink()
    with pytest.raises(ModelError, match="missing"):
        ner_en.verify(copy)


def test_ner_en_empty_text():
    assert ner_en.recognize_detailed("  \n") == []


CONLL03 = """-DOCSTART- -X- -X- O

U.N. NNP I-NP I-ORG
official NN I-NP O
Ekeus NNP I-NP I-PER
heads VBZ I-VP O
for IN I-PP O
Baghdad NNP I-NP I-LOC
. . O O

The DT I-NP O
2 CD I-NP O
German JJ I-NP I-MISC
envoys NNS I-NP O
met VBD I-VP O
Angela NNP I-NP I-PER
Merkel NNP I-NP I-PER
in IN I-PP O
Paris NNP I-NP I-LOC
. . O O
"""


def test_english_ner_evaluation_on_conll03_layout(tmp_path, capsys):
    import json

    from lagebild.cli import main
    from lagebild.evaluate import ner as ner_eval

    path = tmp_path / "eng.testb"
    path.write_text(CONLL03, encoding="utf-8")
    sents = ner_eval.read_conll(path)
    assert sents[1].tokens[1] == "2" and sents[1].tags[1] == "O"  # a number, not a GermEval index
    res = ner_eval.evaluate(path, scheme="conll", lang="en")
    assert set(res["per_type"]) == {"PER", "ORG", "LOC", "MISC"} and res["lang"] == "en"
    assert res["per_type"]["PER"]["recall"] > 0 and res["f1"] > 0.5
    assert main(["eval", "ner", str(path), "--lang", "en"]) == 0
    assert json.loads(capsys.readouterr().out)[str(path)]["f1"] == res["f1"]


@pytest.mark.parametrize("text", [
    "Yesterday, the World Health Organization (WHO) raised the global risk.",  # Wikinews, 2020
    "The National Hurricane Center (NHC) said the storm would weaken.",
])  # fmt: skip
def test_a_name_ends_before_its_bracketed_short_form(text):
    names = [s.text for s in ner_en.recognize_detailed(text)]
    assert not any("(" in n for n in names), names
    assert any(n in ("World Health Organization", "National Hurricane Center") for n in names), names
