"""Read a shipped int8 graph of ``export_onnx.py`` back into float weights (needs ``onnx``, not torch).

    PYTHONPATH=/work/main python from_onnx.py ../../lagebild/models/ner-de-fast /work/data/fast_float

Used to start a new training run (``distill.py --init-onnx``) from a shipped model whose float
checkpoint was not kept.  Each quantised MatMul's output is named after its module
(``/m/layers.0/qkv/MatMul…``, ``/m/head/MatMul…``); its int8 weight is dequantised per output
channel, ``(q - zero_point) * scale``; biases, LayerNorms and embeddings are float in the graph.
The result (``weights.npz`` + ``config.json``) runs in ``lagebild.enrich.ner_accurate.Tagger``
(numpy) and loads with ``export_onnx.from_npz``.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import numpy as np


def weights_from_onnx(path: Path) -> dict[str, np.ndarray]:
    """Float weights in lagebild's npz layout (``x @ W``) of an int8 graph."""
    import onnx
    from onnx import numpy_helper

    m = onnx.load(str(path))
    init = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    missing = [k for k in ("m.pos", "m.eln.weight", "m.eln.bias", "m.head.bias") if k not in init]
    if missing:
        raise ValueError(f"{path}: not a tagger graph of export_onnx.py (no {', '.join(missing)})")
    w: dict[str, np.ndarray] = {
        "emb.pos": init["m.pos"],
        "emb.ln.w": init["m.eln.weight"],
        "emb.ln.b": init["m.eln.bias"],
        "head.b": init["m.head.bias"],
    }
    for name, arr in init.items():
        if name.startswith("m.layers.") and name.count(".") == 4:
            _, _, i, mod, kind = name.split(".")
            w[f"l{i}.{mod}.{'w' if kind == 'weight' else 'b'}"] = arr
    hidden = w["emb.pos"].shape[1]
    typ = [arr for name, arr in init.items() if arr.shape == (1, 1, hidden) and name.startswith("onnx::Add")]
    if len(typ) != 1:
        raise ValueError(f"{path}: cannot find the token-type embedding (found {len(typ)} candidates)")
    w["emb.type"] = typ[0].reshape(-1)
    n_mm = 0
    for node in m.graph.node:
        if node.op_type != "MatMulInteger":
            continue
        qname, zname = node.input[1], node.input[3]
        scale = init[qname[: -len("_quantized")] + "_scale"]
        q = init[qname].astype(np.float32) - init[zname].astype(np.float32)
        mod = node.output[0].split("/")
        key = "head.w" if mod[2] == "head" else f"l{mod[2].split('.')[1]}.{mod[3]}.w"
        w[key] = (q * scale).astype(np.float32)
        n_mm += 1
    if "head.w" not in w or n_mm % 4 != 1:
        raise ValueError(f"{path}: not an int8 tagger graph of export_onnx.py ({n_mm} quantised MatMuls)")
    return w


def init_dir_from_onnx(src: Path, dst: Path) -> Path:
    """Write ``src``'s int8 graph back as a float checkpoint folder (weights.npz + config.json)."""
    dst.mkdir(parents=True, exist_ok=True)
    w = weights_from_onnx(src / "model.int8.onnx")
    np.savez(dst / "weights.npz", **w)
    shutil.copy(src / "config.json", dst / "config.json")
    return dst


if __name__ == "__main__":
    init_dir_from_onnx(Path(sys.argv[1]), Path(sys.argv[2]))
