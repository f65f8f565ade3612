"""training/ner_accurate/export_onnx.py ``--float-tail K``: which matrix products stay float32.

The head and the weight products of the last K layers are left out of int8 quantisation;
the attention products (no weight initializer) and the lower layers are not named.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")
onnx = pytest.importorskip("onnx")
# loaded by path under its own name: training/ner_lstm has an export_onnx.py too, and a bare
# `import export_onnx` here would hand test_ner_lstm this module from sys.modules
_DIR = Path(__file__).resolve().parents[1] / "training" / "ner_accurate"
sys.path.insert(0, str(_DIR))  # for its own `from model import Tagger`
_PATH = _DIR / "export_onnx.py"
_spec = importlib.util.spec_from_file_location("ner_accurate_export_onnx", _PATH)
_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_mod)
float_tail_nodes = _mod.float_tail_nodes
from onnx import helper, numpy_helper  # noqa: E402


def _graph(n_layers: int):
    nodes, inits = [], []
    for i in range(n_layers):
        for mod in ("qkv", "ao", "fi", "fo"):
            w = f"w_{i}_{mod}"
            inits.append(numpy_helper.from_array(np.zeros((2, 2), np.float32), w))
            nodes.append(helper.make_node("MatMul", ["x", w], [f"y_{i}_{mod}"], name=f"/m/layers.{i}/{mod}/MatMul"))
        # the attention products multiply two activations: never quantised, never named
        nodes.append(helper.make_node("MatMul", ["q", "k"], [f"att_{i}"], name=f"/m/layers.{i}/MatMul"))
    inits.append(numpy_helper.from_array(np.zeros((2, 2), np.float32), "w_head"))
    nodes.append(helper.make_node("MatMul", ["x", "w_head"], ["logits"], name="/m/head/MatMul"))
    return helper.make_graph(nodes, "g", [], [], initializer=inits)


def test_no_float_tail_quantises_everything():
    assert float_tail_nodes(_graph(3), 3, 0) == []


def test_float_tail_names_the_head_and_the_last_layers_weight_products():
    g = _graph(12)
    assert sorted(float_tail_nodes(g, 12, 1)) == sorted(
        ["/m/head/MatMul"] + [f"/m/layers.11/{m}/MatMul" for m in ("qkv", "ao", "fi", "fo")])
    two = float_tail_nodes(g, 12, 2)
    assert len(two) == 9 and "/m/layers.10/fi/MatMul" in two and "/m/layers.1/fi/MatMul" not in two
    assert len(float_tail_nodes(g, 12, 12)) == 49  # all weight products: a float graph


def test_float_tail_beyond_the_layer_count_is_refused():
    with pytest.raises(ValueError, match="12 layers"):
        float_tail_nodes(_graph(12), 12, 13)
