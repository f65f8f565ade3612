"""Topic section of an article (Inland, International, Wirtschaft, Sport, …).

A multinomial logistic regression on multilingual Universal Sentence Encoder
vectors (:mod:`lagebild.enrich.embed`): the article is read as title + lead, the next
400 characters and the 200 after them, the three vectors are averaged, and the
classifier scores that.  The weights are plain arrays in
``lagebild/models/topic-de/weights.npz`` (loaded without pickle) with the label list in
``config.json``; see ``lagebild/models/topic-de/MODEL_CARD.md`` for the training data, its
licences and the accuracy.

The encoder maps German and English into one space, so the model answers for both;
other languages get ``None``.  A prediction whose probability is below the model's
``min_confidence`` is ``None`` too: the caller should then leave the section empty
rather than guess.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from lagebild.enrich import embed as _embed

__all__ = [
    "DEFAULT_MIN_CONFIDENCE",
    "LANGUAGES",
    "MODEL_DIR",
    "SECTIONS",
    "passages",
    "predict_proba",
    "predict_section",
    "predict_sections",
]

# shipped inside the package (lagebild/models/topic-de), so an installed wheel finds it too
MODEL_DIR = Path(str(resources.files("lagebild").joinpath("models", "topic-de")))
# Every section the model may answer, in display order.
SECTIONS = (
    "Inland",
    "International",
    "Wirtschaft",
    "Sport",
    "Kultur",
    "Wissenschaft",
    "Web/Technik",
    "Panorama",
    "Etat/Medien",
)
LANGUAGES = frozenset({"de", "en"})
# Below this probability the answer is None.  The model's config.json carries the
# floor it was tuned with (0.35: about 83 % of 10kGNAD articles get a section, and
# three in four of those are right); this is the fallback.
DEFAULT_MIN_CONFIDENCE = 0.35

_lock = threading.Lock()
_model: dict[str, Any] | None = None


def _get() -> dict[str, Any]:
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                config = json.loads((MODEL_DIR / "config.json").read_text(encoding="utf-8"))
                with np.load(MODEL_DIR / "weights.npz", allow_pickle=False) as npz:
                    w = np.asarray(npz["W"], dtype=np.float32)
                    b = np.asarray(npz["b"], dtype=np.float32)
                labels = list(config["labels"])
                if w.shape != (_embed.DIM, len(labels)) or b.shape != (len(labels),):
                    raise ValueError(
                        f"{MODEL_DIR}: weights {w.shape} do not fit {len(labels)} labels "
                        f"on {_embed.DIM}-d vectors; retrain with training/topic/train.py"
                    )
                _model = {
                    "W": w,
                    "b": b,
                    "labels": labels,
                    "min_confidence": float(config.get("min_confidence", DEFAULT_MIN_CONFIDENCE)),
                }
    return _model


def reset() -> None:
    """Forget the loaded model (the next call reads lagebild/models/topic-de/ again)."""
    global _model
    with _lock:
        _model = None


def _supported(lang: str | None) -> bool:
    return bool(lang) and str(lang).lower().split("-")[0].split("_")[0] in LANGUAGES


# How much of an article is read: title + lead, then text[400:800] and text[800:1000].
# The last stretch was text[800:1200] up to stop 31 (and still is where the numpy runtime is
# asked for, LAGEBILD_EMBED_RUNTIME=numpy, so that its output stays the old one): half of it
# costs a sixth of the embedding time, and on the 10kGNAD dev half (even rows) accuracy went
# 0.685 -> 0.691, macro-F1 0.676 -> 0.685 (numpy vectors; docs/benchmarks.md, stop 31 B).
_CHUNK = 400
_EXTRA_CHUNKS = 2
_LAST_CHUNK = 200
_LAST_CHUNK_NUMPY = 400


def passages(title: str, text: str) -> list[str]:
    """The stretches of one article that are embedded (empty list: nothing to read)."""
    title, text = title.strip(), text.strip()
    first = _embed.article_passage(title, text)
    if not first.strip():
        return []
    out = [first]
    last = _LAST_CHUNK_NUMPY if _embed.runtime() == "numpy" else _LAST_CHUNK
    for k in range(1, _EXTRA_CHUNKS + 1):
        end = (k + 1) * _CHUNK if k < _EXTRA_CHUNKS else k * _CHUNK + last
        part = text[k * _CHUNK : end].strip()
        if part:
            out.append(part)
    return out


def _probabilities(groups: Sequence[Sequence[str]]) -> np.ndarray:
    """Section probabilities for articles given as lists of passages (non-empty)."""
    flat = [p for g in groups for p in g]
    vecs = _embed.embed(flat)
    rows = []
    at = 0
    for g in groups:
        rows.append(_pool(vecs[at : at + len(g)]))
        at += len(g)
    return _softmax(np.stack(rows))


def _pool(vecs: np.ndarray) -> np.ndarray:
    v = vecs.mean(axis=0)
    return v / (np.linalg.norm(v) or 1.0)


def section_from_vectors(vecs: np.ndarray, min_confidence: float | None = None) -> tuple[str | None, float]:
    """The section for an article whose :func:`passages` are already embedded.

    Lets the enrichment stage embed the passages once and use the first vector
    as the article's embedding too.
    """
    if len(vecs) == 0:
        return None, 0.0
    model = _get()
    floor = model["min_confidence"] if min_confidence is None else min_confidence
    p = _softmax(_pool(vecs)[None, :])[0]
    k = int(p.argmax())
    conf = float(p[k])
    return (model["labels"][k] if conf >= floor else None), conf


def _softmax(rows: np.ndarray) -> np.ndarray:
    model = _get()
    logits = rows @ model["W"] + model["b"]
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(axis=1, keepdims=True)


def predict_proba(title: str, text: str) -> dict[str, float]:
    """Probability of every section for one article ({} when it has no text)."""
    group = passages(title, text)
    if not group:
        return {}
    p = _probabilities([group])[0]
    return {label: float(v) for label, v in zip(_get()["labels"], p, strict=True)}


def predict_sections(
    items: Sequence[tuple[str, str]],
    lang: str = "de",
    min_confidence: float | None = None,
) -> list[tuple[str | None, float]]:
    """:func:`predict_section` for many ``(title, text)`` pairs at once (faster)."""
    if not items:
        return []
    if not _supported(lang):
        return [(None, 0.0)] * len(items)
    model = _get()
    floor = model["min_confidence"] if min_confidence is None else min_confidence
    groups = [passages(t, x) for t, x in items]
    todo = [i for i, g in enumerate(groups) if g]
    out: list[tuple[str | None, float]] = [(None, 0.0)] * len(items)
    for start in range(0, len(todo), 64):
        chunk = todo[start : start + 64]
        probs = _probabilities([groups[i] for i in chunk])
        for i, p in zip(chunk, probs, strict=True):
            k = int(p.argmax())
            conf = float(p[k])
            out[i] = (model["labels"][k] if conf >= floor else None, conf)
    return out


def predict_section(
    title: str,
    text: str,
    lang: str = "de",
    min_confidence: float | None = None,
) -> tuple[str | None, float]:
    """The topic section of one article and the model's probability for it.

    Args:
        title: the article's title (may be empty).
        text: the cleaned body; its first 1 200 characters are read.
        lang: ISO 639-1 code; German and English are supported.
        min_confidence: answers below this probability become ``None``
            (default: the model's own, 0.35).

    Returns:
        ``(section, probability)``; ``(None, probability)`` when the model is not
        confident, ``(None, 0.0)`` for an unsupported language or an empty article.
    """
    return predict_sections([(title, text)], lang=lang, min_confidence=min_confidence)[0]
