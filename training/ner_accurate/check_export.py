"""Check that lagebild's numpy tagger reproduces the torch model's logits after export (fp16)."""
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch

from lagebild.enrich.ner_accurate import E5Source, Tagger as NpTagger
from model import Tagger
from train import LABELS, save

torch.set_num_threads(1)
torch.manual_seed(0)
src = E5Source()
m = Tagger(len(LABELS), n_layers=int(sys.argv[1]) if len(sys.argv) > 1 else 12).eval()
with tempfile.TemporaryDirectory() as d:
    save(m, Path(d), {})
    np_t = NpTagger(d, source=src)
    sents = [["Angela", "Merkel", "besuchte", "Paris", "."], ["Die", "UNO", "tagt", "in", "New", "York", "."]]
    enc = [np_t.encode_words(s) for s in sents]
    T = max(len(e[0]) for e in enc)
    ids = np.full((2, T), src.pad); mask = np.zeros((2, T), np.float32)
    for r, (i, _) in enumerate(enc):
        ids[r, : len(i)] = i; mask[r, : len(i)] = 1
    hn = np_t.hidden(ids, mask) @ np_t.w["head.w"] + np_t.w["head.b"]
    with torch.no_grad():
        ht, _ = m(torch.from_numpy(src.embed(ids)), torch.from_numpy(mask > 0))
    ht = ht.numpy()
    for r, (i, _) in enumerate(enc):
        n = len(i)
        print("max abs diff", float(np.abs(hn[r, :n] - ht[r, :n]).max()), "scale", float(np.abs(ht[r, :n]).max()))
