"""training/ner_accurate/from_onnx.py: a shipped int8 graph read back into float weights.

Distillation (``training/ner_accurate/distill.py``) starts its student from the shipped fast
model, whose float checkpoint was not kept; these tests hold that the weights read back from
the int8 graph are the model (same tags as the graph on GermEval dev) and that a graph of
another shape is refused with its name.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("onnx")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training" / "ner_accurate"))

import from_onnx  # noqa: E402

from lagebild.enrich import ner_accurate  # noqa: E402
from lagebild.evaluate import ner as ner_eval  # noqa: E402


@pytest.fixture(scope="module")
def float_dir(tmp_path_factory):
    src = ner_accurate.default_model_path("fast")
    return from_onnx.init_dir_from_onnx(src, tmp_path_factory.mktemp("fast_float"))


def test_from_onnx_weights_have_the_checkpoint_layout(float_dir):
    cfg_layers = ner_accurate.get_tagger("fast").n_layers
    with np.load(float_dir / "weights.npz") as z:
        names = set(z.files)
        assert z["l0.qkv.w"].shape == (384, 3 * 384)
        assert z["l0.fo.w"].shape == (1536, 384)
        assert z["head.w"].shape == (384, 25)
        assert z["emb.type"].shape == (384,)
    for i in range(cfg_layers):
        for part in ("qkv", "ao", "fi", "fo", "aln", "oln"):
            assert {f"l{i}.{part}.w", f"l{i}.{part}.b"} <= names
    assert f"l{cfg_layers}.qkv.w" not in names


def test_from_onnx_float_model_tags_as_the_int8_graph(float_dir):
    from .conftest import SHARED

    sents = ner_eval.read_conll(SHARED / "data" / "germeval2014" / "dev.tsv")[:60]
    words = [s.tokens for s in sents]
    graph = ner_accurate.get_tagger("fast")
    flt = ner_accurate.Tagger(float_dir, source=graph.src)
    assert flt._session is None  # the numpy path, not the graph again
    a, b = graph.tag(words), flt.tag(words)
    tags = [(x, y) for sa, sb in zip(a, b) for x, y in zip(sa, sb)]
    agree = sum(x == y for x, y in tags) / len(tags)
    assert agree >= 0.98, agree
    # and it finds names at all (not an all-O model agreeing with itself)
    assert sum(len(ner_eval.chunks(t)) for t in b) >= 40


def test_from_onnx_refuses_another_graph_with_its_name(tmp_path):
    import onnx
    from onnx import TensorProto, helper

    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 2])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 2])
    g = helper.make_graph([helper.make_node("Relu", ["x"], ["y"])], "g", [x], [y])
    path = tmp_path / "other.onnx"
    onnx.save(helper.make_model(g), str(path))
    with pytest.raises(ValueError, match="other.onnx.*no m.pos"):
        from_onnx.weights_from_onnx(path)
