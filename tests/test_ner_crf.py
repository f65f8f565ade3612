"""training/ner_crf: the feature CRF's features, e5 word clusters and data readers.

The CRF was not shipped (a negative result, docs/benchmarks.md); these tests keep its
recipe honest: training and tagging share one feature function, a word never seen in
training gets clusters computed the same way as a training word, and the held-out split
is the one the default model's 0.711 is measured on.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training" / "ner_crf"))

import crf  # noqa: E402
import train  # noqa: E402

from lagebild.evaluate.ner import Sentence, chunks  # noqa: E402


def test_ner_crf_shape():
    assert crf.shape("Müller") == "Xx"
    assert crf.shape("G8") == "Xd"
    assert crf.shape("U.S.") == "X.X."
    assert crf.shape("iPhone") == "xXx"
    assert crf.shape("1989") == "d"


def test_ner_crf_features_of_a_sentence_cover_context_and_gazetteer():
    feats = crf.Features({"Scholz": ("1", "2", "3")})
    words = ["Olaf", "Scholz", "reiste", "nach", "Frankreich", "."]
    xs = feats.sentence(words)
    assert len(xs) == len(words)
    assert "BOS" in xs[0] and "EOS" in xs[-1]
    assert {"w=Scholz", "l=scholz", "sh=Xx", "cap", "c0=1", "c2=3", "s3=olz"} <= set(xs[1])
    assert "-1:l=olaf" in xs[1] and "1:l=reiste" in xs[1] and "bg-1=olaf|scholz" in xs[1]
    assert "nocl" in xs[2]  # no cluster given for 'reiste' here
    # Frankreich is a country of the shipped gazetteer
    assert any(f.startswith("gaz=") and "LOC" in f for f in xs[4])
    assert any(f.startswith("-1:gaz=") for f in xs[-1])
    assert any(f.startswith("1:gaz=") for f in xs[3])
    assert not any(f.startswith(("-1:", "-2:")) for f in xs[0])  # nothing before the first word


def test_ner_crf_read_bioes_gives_iob2_germeval_labels(tmp_path):
    src = tmp_path / "t.bioes"
    src.write_text("Wolf B-PER\nPeter I-PER\nBree E-PER\nin O\nBerlin S-LOC\n\n"
                   "deutsche S-LOCDERIV\nFirma\u00ad O\nTroia-Ausstellung S-LOCPART\n"
                   "UN S-OTH\n", encoding="utf-8")
    got = train.read_bioes(str(src))
    assert [s.tokens for s in got][1][1] == "Firma"  # soft hyphen removed
    assert chunks(got[0].tags) == [(0, 3, "PER"), (4, 5, "LOC")]
    assert chunks(got[1].tags) == [(0, 1, "LOCderiv"), (2, 3, "LOCpart"), (3, 4, "OTH")]
    spans = train.norm_spans(got[1], conll=False)
    assert (3, 4, "MISC") in spans
    assert train.iob2(5, [(0, 3, "PER"), (4, 5, "LOC")]) == got[0].tags


def test_ner_crf_conll_lowercase_misc_is_a_derived_adjective():
    s = Sentence(["die", "europäische", "Union"], ["O", "I-MISC", "I-ORG"])
    assert train.norm_spans(s, conll=True) == [(1, 2, "LOCderiv"), (2, 3, "ORG")]


def test_ner_crf_heldout_split_is_prepare_pys():
    # training/ner/prepare.py: rng = Random(seed); shuffle(range(n)); first 300 held out
    rng = random.Random(13)
    idx = list(range(2200))
    rng.shuffle(idx)
    assert train.heldout_split(2200) == set(idx[:300])
    assert len(train.heldout_split(2200)) == 300


@pytest.fixture(scope="module")
def clusterer(tmp_path_factory):
    words = ("Berlin Paris London Rom Madrid Wien Müller Schmidt Meier Schulz Fischer Weber "
             "sagte erklärte meinte betonte Regierung Partei Ministerium Bank Firma Konzern "
             "und oder aber denn nicht auch noch schon").split()
    sents = [Sentence(words, ["O"] * len(words))]
    out = tmp_path_factory.mktemp("crf")
    info = train.build_clusters(sents, [4, 8], out, dims=8)
    assert info["words"] == len(set(words))
    return crf.Clusterer(out / "clusters.npz")


def test_ner_crf_clusters_for_words_never_seen_in_training(clusterer):
    assert [c.shape for c in clusterer.centroids] == [(4, 8), (8, 8)]
    new = ["Zwirbelhausen", "Quxlingen", "Hamburg"]
    ids = clusterer.assign(new)
    assert set(ids) == set(new)
    for w in new:
        assert len(ids[w]) == 2
        assert 0 <= int(ids[w][0]) < 4 and 0 <= int(ids[w][1]) < 8
    # deterministic, and a word's ids do not depend on the batch it came in
    assert clusterer.assign(["Hamburg"])["Hamburg"] == ids["Hamburg"]
    vec = clusterer.vectors(new)
    assert vec.shape == (3, 8)
    assert np.allclose(np.linalg.norm(vec, axis=1), 1.0, atol=1e-4)


def test_ner_crf_prefill_gives_training_and_new_words_the_same_route(clusterer):
    feats = crf.Features({}, clusterer=clusterer)
    feats.prefill([["Berlin", "liegt", ",", "2024", "Zwirbelhausen"]])
    # punctuation and numbers get no cluster at all, in training and at tagging alike
    assert "," not in feats.clusters and "2024" not in feats.clusters
    assert feats.clusters["Zwirbelhausen"] == clusterer.assign(["Zwirbelhausen"])["Zwirbelhausen"]
    assert any(f.startswith("c1=") for f in feats.word("Zwirbelhausen")[0])
    assert "nocl" in feats.word(",")[0]


def test_ner_crf_trains_and_tags_a_tiny_model(tmp_path):
    import pycrfsuite  # the test extra installs it
    feats = crf.Features({})
    data = [
        (["Angela", "Merkel", "besucht", "Paris", "."], ["B-PER", "I-PER", "O", "B-LOC", "O"]),
        (["Olaf", "Scholz", "besucht", "Rom", "."], ["B-PER", "I-PER", "O", "B-LOC", "O"]),
        (["Die", "Regierung", "tagt", "in", "Berlin", "."], ["O", "O", "O", "O", "B-LOC", "O"]),
    ] * 5
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags in data:
        trainer.append(feats.sentence(words), tags)
    trainer.set_params({"c1": 0.0, "c2": 0.01, "max_iterations": 50})
    trainer.train(str(tmp_path / "model.crfsuite"))
    (tmp_path / "config.json").write_text('{"labels": ["PER", "LOC"]}', encoding="utf-8")
    tagger = crf.Tagger(tmp_path)
    assert tagger.tag([["Olaf", "Scholz", "besucht", "Paris", "."]]) == [
        ["B-PER", "I-PER", "O", "B-LOC", "O"]]
    spans = crf.recognize_many_detailed(tagger, ["Olaf Scholz besucht Paris.", ""])
    assert [(s.text, s.label) for s in spans[0]] == [("Olaf Scholz", "PER"), ("Paris", "LOC")]
    assert spans[1] == []


def test_ner_crf_missing_model_is_a_clear_error(tmp_path):
    from lagebild.errors import ModelError

    with pytest.raises(ModelError, match="nope"):
        crf.Tagger(tmp_path / "nope")
