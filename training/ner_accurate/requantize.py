"""Rewrite an int8 graph's per-tensor dynamic activation quantisation into per-row (per-token) quantisation.

    PYTHONPATH=. python training/ner_accurate/requantize.py IN.onnx OUT.onnx

``export_onnx.py`` quantises activations with ONNX Runtime's ``DynamicQuantizeLinear``: one
scale and zero point per input tensor, i.e. per **batch**.  A sentence's tags then depend on
which other sentences (and how much padding) share its batch.  This script replaces each
``DynamicQuantizeLinear`` with the same arithmetic per row (the last axis, one token):
``s = max|x| / 127`` per row, ``q = round(x / s) + 128`` (uint8, zero point 128, a scalar as
``MatMulInteger`` needs), and the row scales ``(B, T, 1)`` broadcast into the existing
``scale × weight scale`` multiplication.  Weights are not touched (the same int8 values and
per-channel scales), so it applies to whatever ``model.int8.onnx`` is current; no float
checkpoint and no calibration data are needed.  A graph without ``DynamicQuantizeLinear`` is
refused (already rewritten, or not a dynamic int8 graph).
"""

from __future__ import annotations

import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


METADATA_KEY = "lagebild.activation_quantisation"  # read by lagebild.enrich.ner_accurate (_ROWQ_KEY)


def requantize(model: onnx.ModelProto, half: int = 127) -> int:
    """Rewrite ``model`` in place; returns the number of ``DynamicQuantizeLinear`` nodes replaced."""
    g = model.graph
    opset = next(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))
    consts = {
        "rq_127": numpy_helper.from_array(np.array(float(half), np.float32), "rq_127"),
        "rq_one": numpy_helper.from_array(np.array(1.0, np.float32), "rq_one"),
        "rq_eps": numpy_helper.from_array(np.array(1e-8, np.float32), "rq_eps"),
    }
    if opset >= 18:
        consts["rq_axes"] = numpy_helper.from_array(np.array([-1], np.int64), "rq_axes")
    nodes: list[onnx.NodeProto] = []
    n_done = 0
    for node in g.node:
        if node.op_type != "DynamicQuantizeLinear":
            nodes.append(node)
            continue
        x = node.input[0]
        q, s, zp = node.output
        p = node.name + "_rowq"
        if opset >= 18:
            red = helper.make_node("ReduceMax", [p + "_abs", "rq_axes"], [p + "_max"], keepdims=1, name=p + "_red")
        else:
            red = helper.make_node("ReduceMax", [p + "_abs"], [p + "_max"], axes=[-1], keepdims=1, name=p + "_red")
        nodes += [
            helper.make_node("Abs", [x], [p + "_abs"], name=p + "_absn"),
            red,
            helper.make_node("Max", [p + "_max", "rq_eps"], [p + "_maxe"], name=p + "_maxen"),
            helper.make_node("Div", [p + "_maxe", "rq_127"], [s], name=p + "_scale"),
            helper.make_node("Div", ["rq_one", s], [p + "_inv"], name=p + "_invn"),
            helper.make_node("Mul", [x, p + "_inv"], [p + "_xs"], name=p + "_mul"),
            # round half to even, + zero point, saturate, cast: one QuantizeLinear with scale 1
            helper.make_node("QuantizeLinear", [p + "_xs", "rq_one", zp], [q], name=p + "_q"),
        ]
        consts[zp] = numpy_helper.from_array(np.array(half + 1, np.uint8), zp)
        n_done += 1
    if not n_done:
        raise ValueError("no DynamicQuantizeLinear node: already per-row, or not a dynamic int8 graph")
    del g.node[:]
    g.node.extend(nodes)
    g.initializer.extend(consts.values())
    # the old value_info of the scale tensors said "scalar"; drop shape facts about rewritten tensors
    keep = [vi for vi in g.value_info if not vi.name.endswith(("_scale", "_zero_point", "_quantized"))]
    del g.value_info[:]
    g.value_info.extend(keep)
    del model.metadata_props[:]  # stale facts of the old graph (none are read)
    entry = model.metadata_props.add()
    entry.key, entry.value = METADATA_KEY, "per_row"
    return n_done


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        sys.exit(__doc__)
    src, dst = args
    half = 63 if "--reduce-range" in sys.argv else 127
    model = onnx.load(src)
    n = requantize(model, half)
    onnx.checker.check_model(model)
    onnx.save(model, dst)
    print(f"{src} -> {dst}: {n} DynamicQuantizeLinear nodes now per row")


if __name__ == "__main__":
    main()
