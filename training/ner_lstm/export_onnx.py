"""Rebuild ``lstm.onnx`` (the BiLSTM + output layer of the shipped BiLSTM NER) from ``weights.npz``.

Usage:  .venv/bin/python training/ner_lstm/export_onnx.py [MODEL_DIR]   (default: the shipped
        lagebild/models/ner-de-lstm)
        .venv/bin/python training/ner_lstm/export_onnx.py --check N [MODEL_DIR]
        (no export: the graph against the numpy loop on the sentences of N 10kGNAD articles,
        split as the NER stage splits them: max |logit diff| and the share of equal tags)

The graph takes the padded batch of word vectors ``x`` (B, T, D) float32 -- what
``ner_lstm.Tagger`` builds from its word encoder and cache -- and the sentence lengths ``lens``
(B,) int32; it returns the raw tag scores ``logits`` (B, T, labels) float32 (rows past a
sentence's length are the output bias alone; they are never read).  One standard ONNX ``LSTM``
node (bidirectional, ``sequence_lens``: the backward direction reads each sentence reversed
within its own length, as the numpy path does) and a ``MatMul`` + ``Add`` for the output layer.
Weights are the float16 values of ``weights.npz`` widened to float32, so the graph computes
what the numpy path computes up to the order of float32 operations.

PyTorch orders an LSTM's gate rows i, f, g, o; ONNX orders them i, o, f, c (c = g): the rows
are permuted here.  ONNX keeps the input and recurrent biases apart (``B`` = [Wb, Rb]).

Only a one-layer, one-member model is exported (the shipped one); the tagger falls back to
numpy for any other, for weights other than those the graph records (``lstm_digest``), or
where ``LAGEBILD_NER_LSTM_RUNTIME=numpy``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from lagebild.enrich.ner_lstm import ONNX_FILE, lstm_digest


def _gates_onnx(w: np.ndarray, hidden: int) -> np.ndarray:
    """Torch gate rows (i, f, g, o) -> ONNX gate rows (i, o, f, c)."""
    i, f, g, o = (w[k * hidden : (k + 1) * hidden] for k in range(4))
    return np.concatenate([i, o, f, g], axis=0)


def build(model_dir: Path) -> onnx.ModelProto:
    """The ONNX graph of ``model_dir``'s BiLSTM and output layer."""
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    if int(config["layers"]) != 1 or (config.get("members") or ["weights.npz"]) != ["weights.npz"]:
        raise SystemExit("only a one-layer, one-member BiLSTM is exported")
    hidden, n_labels = int(config["hidden"]), len(config["labels"])
    with np.load(model_dir / "weights.npz") as z:
        w = {k: z[k].astype(np.float32) for k in z.files if k.startswith(("lstm.", "out."))}
    dirs = ("_l0", "_l0_reverse")
    wx = np.stack([_gates_onnx(w["lstm.weight_ih" + d], hidden) for d in dirs])  # (2, 4H, D)
    wh = np.stack([_gates_onnx(w["lstm.weight_hh" + d], hidden) for d in dirs])  # (2, 4H, H)
    b = np.stack([np.concatenate([_gates_onnx(w["lstm.bias_ih" + d], hidden),
                                  _gates_onnx(w["lstm.bias_hh" + d], hidden)]) for d in dirs])
    dim = wx.shape[2]
    inits = [
        numpy_helper.from_array(wx, "W"),
        numpy_helper.from_array(wh, "R"),
        numpy_helper.from_array(b, "B"),
        numpy_helper.from_array(w["out.w"], "out_w"),  # (2H, labels)
        numpy_helper.from_array(w["out.b"], "out_b"),
        numpy_helper.from_array(np.array([0, 0, 2 * hidden], dtype=np.int64), "bt_shape"),
    ]
    nodes = [
        helper.make_node("Transpose", ["x"], ["x_tb"], perm=[1, 0, 2]),  # (T, B, D)
        helper.make_node("LSTM", ["x_tb", "W", "R", "B", "lens"], ["y"], direction="bidirectional",
                         hidden_size=hidden),  # y: (T, 2, B, H)
        helper.make_node("Transpose", ["y"], ["y_bt"], perm=[2, 0, 1, 3]),  # (B, T, 2, H)
        helper.make_node("Reshape", ["y_bt", "bt_shape"], ["h"]),  # (B, T, 2H): forward | backward
        helper.make_node("MatMul", ["h", "out_w"], ["scores"]),
        helper.make_node("Add", ["scores", "out_b"], ["logits"]),
    ]
    graph = helper.make_graph(
        nodes, "ner_lstm",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", "time", dim]),
         helper.make_tensor_value_info("lens", TensorProto.INT32, ["batch"])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "time", n_labels])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)],
                              producer_name="lagebild training/ner_lstm/export_onnx.py")
    model.ir_version = 8
    # the tagger runs this graph only for the weights it was built from (else numpy)
    helper.set_model_props(model, {"lstm_digest": lstm_digest(w)})
    onnx.checker.check_model(model)
    return model


def check(model_dir: Path, n: int) -> None:
    """Print how far the graph's tag scores and tags are from the numpy loop's."""
    import os

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from _corpus import corpus_texts

    from lagebild.enrich import ner_lstm
    from lagebild.enrich.ner_accurate import _WINDOW_WORDS, _words
    from lagebild.enrich.sentences import split_sentences

    sents = []
    for text in corpus_texts(n):
        for s0, s1 in split_sentences(text):
            words = [text[s0 + a : s0 + b] for a, b in _words(text[s0:s1])]
            for i in range(0, len(words), _WINDOW_WORDS):
                sents.append(words[i : i + _WINDOW_WORDS])
    os.environ[ner_lstm.RUNTIME_ENV_VAR] = "onnx"
    graph = ner_lstm.Tagger(model_dir)
    os.environ[ner_lstm.RUNTIME_ENV_VAR] = "numpy"
    loop = ner_lstm.Tagger(model_dir, source=graph.src)
    assert graph.session is not None and loop.session is None
    diff, same, words = 0.0, 0, 0
    for k in range(0, len(sents), 64):
        batch = sents[k : k + 64]
        for a, b in zip(graph.logits(batch), loop.logits(batch), strict=True):
            diff = max(diff, float(np.abs(a - b).max())) if len(a) else diff
        for a, b in zip(graph.tag(batch), loop.tag(batch), strict=True):
            same += sum(x == y for x, y in zip(a, b, strict=True))
            words += len(a)
    print(f"{len(sents):,} sentences, {words:,} words: max |logit diff| {diff:.2e}, "
          f"tags equal {same:,}/{words:,} ({100 * same / words:.3f} %)")


SHIPPED = Path(__file__).resolve().parents[2] / "lagebild" / "models" / "ner-de-lstm"


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--check"]:
        check(Path(args[2]) if len(args) > 2 else SHIPPED, int(args[1]))
        return
    model_dir = Path(args[0]) if args else SHIPPED
    out = model_dir / ONNX_FILE
    onnx.save(build(model_dir), str(out))
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
