"""German named-entity recognition: one entry point over the shipped models.

Four models, chosen by :func:`selected_mode` (argument, else ``LAGEBILD_NER``, else
``DEFAULT_MODE``): ``lstm`` (the default), the BiLSTM of :mod:`lagebild.enrich.ner_lstm`
distilled from the accurate model; ``cnn``, the spaCy pipeline below (the default until
2026-12-07); ``fast`` and ``accurate``, the fine-tuned e5-small transformers of
:mod:`lagebild.enrich.ner_accurate` (3 and 12 layers; scores and speed in their model cards
and ``docs/benchmarks.md``, "lstm as the default" for the switch).

The cnn model is a spaCy pipeline in ``lagebild/models/ner-de`` (inside the package), trained
by ``training/ner/``; see ``lagebild/models/ner-de/MODEL_CARD.md`` for data, scores
and weaknesses.  ``LAGEBILD_NER_MODEL`` overrides the path.  The model is
loaded lazily, once per process.

Speed: many texts go through :func:`recognize_many_detailed` (``nlp.pipe`` in
batches), about a quarter cheaper per text than one call each.  When
``threadpoolctl`` is installed, the pipeline's matrix products run on numpy's
BLAS held to one thread (parallelism comes from worker processes) instead of
thinc's bundled BLIS: about a quarter faster again here, with the same
entities on 1 028 real articles and the same GermEval scores (see
docs/benchmarks.md).  Only the pipeline API is used (``Model.walk``,
``Model.ops``), not the model's layout.

Labels: the model predicts the GermEval 2014 outer labels (OTH renamed MISC):
``PER``, ``ORG``, ``LOC``, ``MISC`` and their ``deriv`` (``nordkoreanisch``
-> ``LOCderiv``) and ``part`` (``Troia-Ausstellung`` -> ``LOCpart``)
variants.  :func:`recognize` returns the names proper (the four main types);
:func:`recognize_detailed` returns every span with its base type and subtype.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "DEFAULT_MODE",
    "ENV_VAR",
    "EntitySpan",
    "LABELS",
    "MODE_ENV_VAR",
    "MODES",
    "default_model_path",
    "get_nlp",
    "recognize",
    "selected_mode",
    "recognize_detailed",
    "recognize_many",
    "recognize_many_detailed",
    "split_label",
    "use_numpy_blas",
]

ENV_VAR = "LAGEBILD_NER_MODEL"
# LAGEBILD_NER picks the model: cnn (this spaCy model), fast (e5-small, first 3 layers,
# fine-tuned), accurate (all 12 layers: best F1, slowest) -- the transformers run in
# lagebild.enrich.ner_accurate -- or lstm (a BiLSTM distilled from accurate,
# lagebild.enrich.ner_lstm); "default" (or unset) means DEFAULT_MODE
MODE_ENV_VAR = "LAGEBILD_NER"
MODES = ("default", "cnn", "fast", "accurate", "lstm")
# lstm: GermEval 2014 test 0.721 (cnn 0.665) for less CPU per article; quotes, storylines and
# entity merge measured the same on dev (docs/benchmarks.md, "lstm as the default")
DEFAULT_MODE = "lstm"
_TRANSFORMER_MODES = ("fast", "accurate")
LABELS = ("PER", "ORG", "LOC", "MISC")

_lock = threading.Lock()
_nlp: Any = None
_nlp_path: str | None = None
# threadpoolctl's controller (found once: scanning the loaded libraries is slow),
# or False when threadpoolctl is missing and the matrix products stay on BLIS
_blas: Any = None


@dataclass(frozen=True, slots=True)
class EntitySpan:
    start: int  # character offsets into the input text
    end: int
    label: str  # PER | ORG | LOC | MISC
    subtype: str | None = None  # None (a name), "deriv" or "part"
    text: str = ""


def default_model_path() -> Path:
    """``lagebild/models/ner-de``, shipped inside the package (found through importlib.resources)."""
    return Path(str(resources.files("lagebild").joinpath("models", "ner-de")))


def _model_path() -> Path:
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else default_model_path()


def import_spacy() -> Any:
    """``import spacy`` without thinc importing torch along.

    Where torch is installed (a training environment: ``.[train]``), thinc imports it at
    ``import spacy`` -- 1.7-2.8 CPU s per command and its memory -- though neither the word
    splitter (spaCy's tokenizer) nor the CNN pipeline runs on it.  torch already imported is
    left alone, and ``import torch`` works as usual afterwards (only thinc's torch wrappers,
    which lagebild never uses, stay off in this process).
    """
    import sys

    if "spacy" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    from .._deferred import stand_ins

    sys.modules["torch"] = None  # type: ignore[assignment]  (thinc: "no torch here")
    try:
        # ``import spacy`` also imports its command line (``spacy.cli``: typer, weasel,
        # requests, httpx, ...; ~0.5 CPU s of each command that loads the NER) for one name,
        # ``spacy.info``: deferred until called
        with stand_ins({"spacy.cli": (), "spacy.cli.info": ("info",)}) as made:
            import spacy
    finally:
        if "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]
    if made and getattr(spacy, "cli", None) is made.get("spacy.cli"):
        del spacy.cli  # ``spacy.cli`` imports the real one from now on
    return spacy


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
        spacy = import_spacy()
        nlp = spacy.load(path)
        use_numpy_blas(nlp)
        _nlp, _nlp_path = nlp, str(path)
        return _nlp


def _controller() -> Any:
    global _blas
    if _blas is None:
        try:
            from threadpoolctl import ThreadpoolController

            _blas = ThreadpoolController()
        except Exception:  # not installed (or no BLAS found): keep thinc's BLIS
            _blas = False
    return _blas


def use_numpy_blas(nlp: Any) -> bool:
    """Run the matrix products of ``nlp``'s trainable components on numpy's BLAS.

    thinc's default CPU ops multiply with its bundled BLIS, which is two to
    three times slower than numpy's OpenBLAS on this machine's CPUs.  Only done
    when ``threadpoolctl`` can hold numpy's BLAS to one thread for each product
    (several threads cost more CPU than they save, and worker processes use
    the cores already); returns whether it was done.
    """
    if not _controller():
        return False
    from thinc.api import NumpyOps, Ops

    class OneThreadBlasOps(NumpyOps):  # type: ignore[misc, valid-type]
        """thinc's CPU ops, the products on numpy's BLAS held to one thread."""

        def gemm(self, x, y, *, out=None, trans1=False, trans2=False):  # type: ignore[no-untyped-def]
            with _one_blas_thread():
                return Ops.gemm(self, x, y, out=out, trans1=trans1, trans2=trans2)

    ops = OneThreadBlasOps(use_blis=False)
    for _name, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:  # never a GPU or other special ops
                node.ops = ops
    return True


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    """Hold numpy's BLAS to one thread (no-op without ``threadpoolctl``)."""
    ctl = _controller()
    with ctl.limit(limits=1, user_api="blas") if ctl else nullcontext():
        yield


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


def selected_mode(mode: str | None = None) -> str:
    """The model to run: ``mode`` if given, else ``$LAGEBILD_NER``, else the default.

    Checked against MODES; ``"default"`` resolves to DEFAULT_MODE, so the answer is
    always a model's name (``"lstm"``, ``"cnn"``, ``"fast"`` or ``"accurate"``).
    """
    mode = mode or os.environ.get(MODE_ENV_VAR) or "default"
    if mode not in MODES:
        from ..errors import ModelError

        raise ModelError(
            f"unknown NER mode {mode!r} (expected one of {', '.join(MODES)}; set {MODE_ENV_VAR})"
        )
    return DEFAULT_MODE if mode == "default" else mode


def recognize_detailed(text: str, *, mode: str | None = None) -> list[EntitySpan]:
    """Every entity span, derived adjectives and name parts included.

    ``mode`` is one of MODES (``"cnn"``: this spaCy model; ``"lstm"``: the BiLSTM;
    ``"fast"``, ``"accurate"``: the transformers); None reads ``LAGEBILD_NER`` (unset:
    DEFAULT_MODE).
    """
    if not text.strip():
        return []
    chosen = selected_mode(mode)
    if chosen == "lstm":
        from . import ner_lstm

        return ner_lstm.recognize_many_detailed([text])[0]
    if chosen in _TRANSFORMER_MODES:
        from . import ner_accurate

        return ner_accurate.recognize_many_detailed([text], chosen)[0]
    return _spans(get_nlp()(text))


def recognize_many_detailed(
    texts: Iterable[str], *, batch_size: int = 16, mode: str | None = None
) -> list[list[EntitySpan]]:
    """:func:`recognize_detailed` for many texts, batched through ``nlp.pipe``.

    The spans are those of one call per text (the batch only shares the
    matrix products; each text is still tagged on its own).
    """
    texts = list(texts)
    out: list[list[EntitySpan]] = [[] for _ in texts]
    todo = [i for i, t in enumerate(texts) if t.strip()]
    if not todo:
        return out
    chosen = selected_mode(mode)
    if chosen in _TRANSFORMER_MODES or chosen == "lstm":
        from . import ner_accurate, ner_lstm

        found = (ner_lstm.recognize_many_detailed([texts[i] for i in todo]) if chosen == "lstm"
                 else ner_accurate.recognize_many_detailed([texts[i] for i in todo], chosen))
        for i, spans in zip(todo, found, strict=True):
            out[i] = spans
        return out
    docs = get_nlp().pipe((texts[i] for i in todo), batch_size=batch_size)
    for i, doc in zip(todo, docs, strict=True):
        out[i] = _spans(doc)
    return out


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
    texts: Iterable[str], *, batch_size: int = 16
) -> list[list[tuple[int, int, str]]]:
    """:func:`recognize` for many texts at once (batched through ``nlp.pipe``)."""
    return [_names(s) for s in recognize_many_detailed(texts, batch_size=batch_size)]
