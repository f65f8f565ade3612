"""The transformer NER modes: a sentence's tags do not depend on what shares its batch.

The int8 graphs of ``export_onnx.py`` quantise their activations with one scale per batch
(padding included), so the same article gave other entities next to other sentences (7 of 15
10kGNAD articles differed).  ``training/ner_accurate/requantize.py`` rewrites a graph to
quantise per row (per token); the loader runs a per-batch graph one sentence at a time.
The tag-level tests hold for either kind of graph; the graph-level ones for the rewritten
accurate graph.
"""

from __future__ import annotations

import numpy as np
import pytest

from lagebild.enrich import ner_accurate
from lagebild.evaluate import ner as ner_eval

GERMEVAL_DEV = "/work/shared/data/germeval2014/dev.tsv"
# an odd partner: long, with extreme pieces, so a per-batch scale would move
ODD = ["AAAAAAAAAAAAAAAAAAAAAAAA"] * 3 + ["€€€€€€€€€€€", "||||||||||||||||||||"] + ["X"] * 80
SENTENCES = [
    "Bundeskanzler Olaf Scholz traf am Montag in Paris den französischen Präsidenten Emmanuel Macron .".split(),
    "Die Bosnier und die Staaten des Nahen Ostens kritisierten den Beschluss von Microsoft Excel .".split(),
]


@pytest.fixture(scope="module", params=["fast", "accurate"])
def tagger(request):
    return ner_accurate.Tagger(ner_accurate.default_model_path(request.param))


@pytest.fixture(scope="module")
def accurate():
    return ner_accurate.Tagger(ner_accurate.default_model_path("accurate"))


def test_shipped_accurate_graph_quantises_activations_per_row(accurate):
    assert accurate.batch_independent, "rewrite it with training/ner_accurate/requantize.py"


def test_logits_of_a_sentence_are_the_same_alone_padded_and_next_to_another(accurate):
    tagger = accurate
    ids0, _ = tagger.encode_words(SENTENCES[0])
    ids1, _ = tagger.encode_words(ODD)
    alone = tagger.logits(*ner_accurate.pad_batch([ids0], tagger.src.pad))[0]
    mixed = tagger.logits(*ner_accurate.pad_batch([ids0, ids1], tagger.src.pad))[0][: len(ids0)]
    assert np.array_equal(alone, mixed)


def test_tags_do_not_depend_on_the_batch(tagger):
    alone = [tagger.tag([s])[0] for s in SENTENCES]
    assert tagger.tag([SENTENCES[0], ODD, SENTENCES[1]])[::2] == alone
    assert tagger.tag(SENTENCES + [ODD] * 40, batch_size=8)[:2] == alone


def test_germeval_dev_tags_are_the_same_alone_and_in_batches_of_32(tagger):
    import os

    if not os.path.exists(GERMEVAL_DEV):
        pytest.skip("GermEval dev not present")
    sents = [s.tokens for s in ner_eval.read_conll(GERMEVAL_DEV)[:150]]
    assert tagger.tag(sents, batch_size=32) == [tagger.tag([s])[0] for s in sents]


def test_a_per_batch_graph_is_detected_and_run_one_sentence_at_a_time(tagger, monkeypatch):
    # a graph without the per-row mark (as export_onnx.py writes it) must not be batched
    calls = []
    real = tagger.logits
    monkeypatch.setattr(tagger, "batch_independent", False)
    monkeypatch.setattr(tagger, "logits", lambda ids, mask: calls.append(ids.shape[0]) or real(ids, mask))
    tagger.tag(SENTENCES + [ODD])
    assert calls == [1, 1, 1]


def test_requantize_refuses_a_graph_without_dynamic_quantisation():
    import sys
    from pathlib import Path

    import onnx

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training" / "ner_accurate"))
    from requantize import requantize

    model = onnx.load(str(ner_accurate.default_model_path("accurate") / "model.int8.onnx"))
    with pytest.raises(ValueError, match="no DynamicQuantizeLinear"):
        requantize(model)  # the shipped accurate graph is already per row
