"""German named-entity recognition with the shipped statistical model.

The model is a spaCy pipeline in ``models/ner-de`` (repository root), trained
by ``training/ner/``; see ``models/ner-de/MODEL_CARD.md`` for data, scores
and weaknesses.  ``LAGEBILD_NER_MODEL`` overrides the path.  The model is
loaded lazily, once per process.

Labels: the model predicts the GermEval 2014 outer labels (OTH renamed MISC):
``PER``, ``ORG``, ``LOC``, ``MISC`` and their ``deriv`` (``nordkoreanisch``
-> ``LOCderiv``) and ``part`` (``Troia-Ausstellung`` -> ``LOCpart``)
variants.  :func:`recognize` returns the names proper (the four main types);
:func:`recognize_detailed` returns every span with its base type and subtype.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "ENV_VAR",
    "EntitySpan",
    "LABELS",
    "default_model_path",
    "get_nlp",
    "recognize",
    "recognize_detailed",
    "recognize_many",
    "recognize_many_detailed",
    "split_label",
]

ENV_VAR = "LAGEBILD_NER_MODEL"
LABELS = ("PER", "ORG", "LOC", "MISC")

_lock = threading.Lock()
_nlp: Any = None
_nlp_path: str | None = None


@dataclass(frozen=True, slots=True)
class EntitySpan:
    start: int  # character offsets into the input text
    end: int
    label: str  # PER | ORG | LOC | MISC
    subtype: str | None = None  # None (a name), "deriv" or "part"
    text: str = ""


def default_model_path() -> Path:
    """``models/ner-de`` at the repository root (next to the package)."""
    return Path(__file__).resolve().parents[2] / "models" / "ner-de"


def _model_path() -> Path:
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else default_model_path()


def get_nlp():
    """The loaded spaCy pipeline (loaded on first use, then cached)."""
    global _nlp, _nlp_path
    path = _model_path()
    if _nlp is not None and _nlp_path == str(path):
        return _nlp
    with _lock:
        if _nlp is not None and _nlp_path == str(path):
            return _nlp
        if not (path / "config.cfg").is_file():
            raise FileNotFoundError(
                f"no NER model at {path} (set {ENV_VAR} to a spaCy pipeline directory)"
            )
        import spacy

        _nlp = spacy.load(path)
        _nlp_path = str(path)
        return _nlp


def split_label(label: str) -> tuple[str, str | None]:
    """``'LOCderiv'`` -> ``('LOC', 'deriv')``; ``'OTH'`` -> ``('MISC', None)``."""
    sub = None
    for suffix in ("deriv", "part"):
        if label.endswith(suffix) and len(label) > len(suffix):
            label, sub = label[: -len(suffix)], suffix
            break
    if label == "OTH":
        label = "MISC"
    return label, sub


def _spans(doc) -> list[EntitySpan]:
    out = []
    for ent in doc.ents:
        base, sub = split_label(ent.label_)
        if base not in LABELS:
            continue
        start, end = ent.start_char, ent.end_char
        out.append(EntitySpan(start, end, base, sub, ent.text))
    return out


def recognize_detailed(text: str) -> list[EntitySpan]:
    """Every entity span, derived adjectives and name parts included."""
    if not text.strip():
        return []
    return _spans(get_nlp()(text))


def recognize_many_detailed(
    texts: Iterable[str], *, batch_size: int = 64
) -> list[list[EntitySpan]]:
    texts = list(texts)
    nlp = get_nlp()
    return [_spans(doc) for doc in nlp.pipe(texts, batch_size=batch_size)]


def _names(spans: list[EntitySpan]) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.label) for s in spans if s.subtype is None]


def recognize(text: str) -> list[tuple[int, int, str]]:
    """Named entities in ``text`` as ``(start_char, end_char, label)``.

    Labels are PER, ORG, LOC, MISC.  Derived words (``nordkoreanische``) and
    compounds containing a name (``Troia-Ausstellung``) are left out; use
    :func:`recognize_detailed` for them.
    """
    return _names(recognize_detailed(text))


def recognize_many(
    texts: Iterable[str], *, batch_size: int = 64
) -> list[list[tuple[int, int, str]]]:
    """:func:`recognize` for many texts at once (batched through ``nlp.pipe``)."""
    return [_names(s) for s in recognize_many_detailed(texts, batch_size=batch_size)]
