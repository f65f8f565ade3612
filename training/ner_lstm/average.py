"""Average the weights of several checkpoints of one run (same tables) into a model folder.

    python training/ner_lstm/average.py OUT_DIR CONFIG_DIR ep10.npz ep11.npz ...

Every float array is the mean over the checkpoints (stored float16 like the runs); the
word lists and the static ctx table must be the same in all of them (one run, or a run
continued with ``train.py --init``).  ``config.json`` is copied from CONFIG_DIR.
"""
import shutil
import sys
from pathlib import Path

import numpy as np

out, cfg_dir, files = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]
zs = [np.load(f) for f in files]
w = {}
for k in zs[0].files:
    if zs[0][k].dtype.kind == "U" or k == "enc.ctx":
        assert all(np.array_equal(z[k], zs[0][k]) for z in zs), k
        w[k] = zs[0][k]
    else:
        w[k] = np.mean([z[k].astype(np.float32) for z in zs], axis=0).astype(zs[0][k].dtype)
out.mkdir(parents=True, exist_ok=True)
np.savez_compressed(out / "weights.npz", **w)
shutil.copy(cfg_dir / "config.json", out / "config.json")
print(f"{out}: mean of {len(files)} checkpoints")
