"""German NER: the spaCy cnn model (``--ner cnn``, models/ner-de) and the outer-chunk evaluation.

The default mode is ``lstm`` since 2026-12-07; its own model tests (news sentence, MT damage,
dev floor) are in tests/test_ner_lstm.py, its pipeline on MT damage in
tests/test_enrich_compass.py.  Here every test runs the cnn, which stays selectable.
"""

from __future__ import annotations

import pytest
import spacy

from lagebild.enrich import ner
from lagebild.evaluate import ner as ner_eval


@pytest.fixture(autouse=True)
def _cnn_mode(monkeypatch):
    monkeypatch.setenv(ner.MODE_ENV_VAR, "cnn")


def test_shipped_model_is_present():
    # the model is part of the repository; its absence is a failure, not a skip
    assert (ner.default_model_path() / "config.cfg").is_file()
    assert (ner.default_model_path() / "MODEL_CARD.md").is_file()


def _found(text: str, spans) -> set[tuple[str, str]]:
    return {(text[s:e], lab) for s, e, lab in spans}


# --------------------------------------------------------------------------
# the shipped model


def test_people_places_and_organisations_in_a_news_sentence():
    text = (
        "Der nationale Sicherheitsberater Jake Sullivan reiste am Montag nach Seoul, "
        "wo er mit Vertretern der Vereinten Nationen sprach."
    )
    found = _found(text, ner.recognize(text))
    assert ("Jake Sullivan", "PER") in found
    assert ("Seoul", "LOC") in found
    assert any(lab == "ORG" and "Vereinten Nationen" in t for t, lab in found), found
    # nothing outside the names is tagged
    assert not any(t in {"Sicherheitsberater", "Montag", "Vertretern"} for t, _ in found)


def test_vereinte_nationen_and_a_company():
    text = "Die Vereinte Nationen und der Konzern Siemens kritisierten die Regierung in Berlin."
    found = _found(text, ner.recognize(text))
    assert any(lab == "ORG" and "Vereinte Nationen" in t for t, lab in found), found
    assert ("Siemens", "ORG") in found
    assert ("Berlin", "LOC") in found


def test_machine_translation_damage():
    # capitalised function words and split compounds, as MT output has them
    text = "Die Spannungen zwischen Südkorea Und Japan wachsen, sagte ein Sprecher in Tokio."
    found = _found(text, ner.recognize(text))
    assert ("Südkorea", "LOC") in found
    assert ("Japan", "LOC") in found
    assert not any("Und" in t.split() for t, _ in found), found

    text = "Nord Korea hat erneut eine Rakete getestet, teilte das Militär in Seoul mit."
    found = _found(text, ner.recognize(text))
    assert any(t == "Nord Korea" for t, _ in found), found
    assert not any(t in {"Rakete", "Militär"} for t, _ in found), found
    text = "In Nord Korea wurde eine Rakete getestet."
    assert ("Nord Korea", "LOC") in _found(text, ner.recognize(text))


@pytest.mark.xfail(
    strict=True,
    reason="model 1.2.0 labels the split compound 'Nord Korea' as sentence subject ORG "
    "('Nordkorea hat ...' and 'In Nord Korea ...' stay LOC); 1.1.0 had LOC. Known regression, "
    "see models/ner-de/MODEL_CARD.md; strict, so a fix shows up here",
)
def test_machine_translation_damage_split_country_as_subject_is_loc():
    text = "Nord Korea hat erneut eine Rakete getestet, teilte das Militär in Seoul mit."
    assert ("Nord Korea", "LOC") in _found(text, ner.recognize(text))


def test_offsets_labels_and_batch_agree():
    texts = [
        "Bundeskanzler Olaf Scholz traf in Paris den französischen Präsidenten.",
        "",
        "Die NATO verlegt Truppen nach Litauen.",
    ]
    many = ner.recognize_many(texts)
    assert len(many) == len(texts)
    assert many[1] == []
    for text, spans in zip(texts, many, strict=True):
        assert spans == ner.recognize(text)
        for s, e, lab in spans:
            assert 0 <= s < e <= len(text)
            assert text[s:e] == text[s:e].strip()
            assert lab in ner.LABELS
    assert ("Olaf Scholz", "PER") in _found(texts[0], many[0])
    assert ("NATO", "ORG") in _found(texts[2], many[2])


def test_derived_adjectives_are_flagged_not_returned_as_names():
    text = "Die deutsche Regierung und die europäischen Partner berieten in Brüssel."
    detailed = ner.recognize_detailed(text)
    assert any(d.label == "LOC" and d.subtype == "deriv" and d.text == "europäischen"
               for d in detailed), detailed
    plain = _found(text, ner.recognize(text))
    assert not any(t in {"deutsche", "europäischen"} for t, _ in plain), plain
    assert ("Brüssel", "LOC") in plain
    # every detailed span without a subtype is exactly what recognize() returns
    assert sorted((d.start, d.end, d.label) for d in detailed if d.subtype is None) == sorted(
        ner.recognize(text))


def test_model_path_override(monkeypatch, tmp_path):
    monkeypatch.setenv(ner.ENV_VAR, str(tmp_path / "nope"))
    with pytest.raises(FileNotFoundError):
        ner.get_nlp()


def test_split_label():
    assert ner.split_label("LOCderiv") == ("LOC", "deriv")
    assert ner.split_label("ORGpart") == ("ORG", "part")
    assert ner.split_label("OTH") == ("MISC", None)
    assert ner.split_label("PER") == ("PER", None)


# --------------------------------------------------------------------------
# evaluation


GERMEVAL = """\
# http://example.org [2014-01-01]
1\tAngela\tB-PER\tO
2\tMerkel\tI-PER\tO
3\tbesucht\tO\tO
4\tParis\tB-LOC\tO
5\tund\tO\tO
6\tdie\tO\tO
7\tdeutsche\tB-LOCderiv\tO
8\tBotschaft\tO\tO
9\t.\tO\tO

1\tDie\tO\tO
2\tUNO\tB-ORG\tO
3\ttagt\tO\tO
4\t.\tO\tO
"""

EUROPARL = """\
Herr herr NN I-NC I-PER
Barroso Barroso NE I-NC I-PER
sprach sprechen VVFIN I-VC O
in in APPR I-PC O
Straßburg Straßburg NE I-PC I-LOC
. . $. O O
"""


def _ruler_nlp(patterns):
    nlp = spacy.blank("de")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(patterns)
    return nlp


def test_reader_handles_germeval_and_iob1(tmp_path):
    g = tmp_path / "g.tsv"
    g.write_text(GERMEVAL, encoding="utf-8")
    sents = ner_eval.read_conll(g)
    assert [len(s.tokens) for s in sents] == [9, 4]
    assert ner_eval.chunks(sents[0].tags) == [(0, 2, "PER"), (3, 4, "LOC"), (6, 7, "LOCderiv")]
    e = tmp_path / "e.tsv"
    e.write_text(EUROPARL, encoding="utf-8")
    (s,) = ner_eval.read_conll(e)
    assert s.tokens[1] == "Barroso"
    assert ner_eval.chunks(s.tags) == [(0, 2, "PER"), (4, 5, "LOC")]
    # IOB1: an I- of another type starts a new chunk, B- splits two of the same
    assert ner_eval.chunks(["I-PER", "I-LOC", "B-LOC", "O"]) == [
        (0, 1, "PER"), (1, 2, "LOC"), (2, 3, "LOC")]


def test_evaluate_scores_exact_outer_chunks(tmp_path):
    g = tmp_path / "g.tsv"
    g.write_text(GERMEVAL, encoding="utf-8")
    # "Merkel" alone is a wrong boundary (1 FP + 1 FN), Paris right, UNO missed,
    # the derived adjective is ignored in the main scheme whatever is predicted
    nlp = _ruler_nlp([
        {"label": "PER", "pattern": "Merkel"},
        {"label": "LOC", "pattern": "Paris"},
        {"label": "LOCderiv", "pattern": "deutsche"},
    ])
    res = ner_eval.evaluate(g, nlp=nlp)
    assert res["scheme"] == "main"
    assert (res["tp"], res["fp"], res["fn"]) == (1, 1, 2)
    assert res["precision"] == pytest.approx(0.5)
    assert res["recall"] == pytest.approx(1 / 3)
    assert res["f1"] == pytest.approx(0.4)
    assert res["per_type"]["LOC"]["f1"] == pytest.approx(1.0)
    assert res["per_type"]["ORG"]["recall"] == 0.0
    assert res["tokens"] == 13 and res["tokens_per_s"] > 0
    # the official fine-grained scheme counts the LOCderiv chunk
    fine = ner_eval.evaluate(g, nlp=nlp, scheme="fine")
    assert (fine["tp"], fine["fp"], fine["fn"]) == (2, 1, 2)


def test_evaluate_conll_scheme_maps_deriv_to_misc(tmp_path):
    e = tmp_path / "e.tsv"
    e.write_text(EUROPARL + "\ndie d ART I-NC O\neuropäische europäisch ADJA I-NC I-MISC\n",
                 encoding="utf-8")
    nlp = _ruler_nlp([
        {"label": "PER", "pattern": [{"TEXT": "Herr"}, {"TEXT": "Barroso"}]},
        {"label": "LOCderiv", "pattern": "europäische"},
    ])
    res = ner_eval.evaluate(e, nlp=nlp)
    assert res["scheme"] == "conll"
    assert (res["tp"], res["fp"], res["fn"]) == (2, 0, 1)
    assert res["per_type"]["MISC"]["f1"] == pytest.approx(1.0)


def test_shipped_model_on_a_small_gold_file(tmp_path):
    g = tmp_path / "g.tsv"
    g.write_text(GERMEVAL, encoding="utf-8")
    res = ner_eval.evaluate(g)
    assert res["f1"] >= 0.5
    assert set(res["per_type"]) <= {"PER", "ORG", "LOC", "MISC"}


# Evaluation gate: the shipped model on two public development sets; floors are pinned a
# little below the scores in models/ner-de/MODEL_CARD.md and only ever go up.
NER_FLOORS = {"europarl-ner-de/dev.tsv": 0.89, "xglue-ner-de/dev.txt": 0.66}


@pytest.mark.parametrize("name", sorted(NER_FLOORS))
def test_shipped_model_stays_above_its_floor(name):
    from .conftest import SHARED

    res = ner_eval.evaluate(SHARED / "data" / name, scheme="conll")
    assert res["f1"] >= NER_FLOORS[name], (name, res["f1"])


def test_gazetteer_union_adds_names_the_model_left_out():
    toks = ["Die", "DVRK", "und", "Südkorea", "sprachen", "mit", "Anna", "Weber", "."]
    model_spans = [(6, 8, "PER"), (3, 4, "ORG")]  # a wrong label stays: the model wins where it spoke
    got = ner_eval.with_gazetteer(toks, model_spans)
    assert (1, 2, "LOC") in got  # DVRK from the gazetteer
    assert (3, 4, "ORG") in got and (3, 4, "LOC") not in got
    assert (6, 8, "PER") in got


def test_eval_cli_with_gazetteer(capsys):
    import json

    from lagebild.cli import main

    from .conftest import SHARED

    path = str(SHARED / "data" / "europarl-ner-de" / "dev.tsv")
    assert main(["eval", "ner", path, "--with-gazetteer", "--limit", "60"]) == 0
    res = json.loads(capsys.readouterr().out)[path]
    assert res["gazetteer"] is True and res["sentences"] == 60 and 0 < res["f1"] <= 1
