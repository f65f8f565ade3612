"""The in-process vector index of a SQLite store: int8 vectors in files beside the database.

The store's ``embeddings`` table (float32) stays the truth; this index is a copy made for
speed and memory, rebuilt from it whenever it does not match:

* **int8 vectors, memory-mapped.**  Each embedding is kept as 512 signed bytes (one scale for
  all dimensions): 512 MB at 1 000 000 articles instead of 2 GB of float32.  The files lie
  in ``<database>-vectors/``; every process maps them, so the serve workers share the pages
  instead of holding a copy each, and a new process starts without reading the table.
* **Inverted lists (IVF).**  From ``IVF_FROM`` rows on, the vectors are grouped around
  about sqrt(n) centroids (spherical k-means on a sample, numpy); a query scores the
  centroids, then the rows of the ``PROBE`` nearest lists (about 1.6 % of the rows at 1 M; up
  to 4 times as many lists when they are all about as near as the best).
  Rows added after the lists were last sorted are always scored, so new articles are found
  at once.  The centroids are fitted again once the store has grown ``REFIT_GROWTH`` times,
  or sooner when the rows added since fit them worse (new topics: their mean similarity to
  the nearest centroid is ``DRIFT`` below that of the rows the centroids were fitted on).
* **Growth and change.**  A process that sees a higher embeddings rowid than the index holds
  appends the new rows (under a file lock: one writer at a time, readers never wait).  When
  the newest rows are gone, the last row the index holds differs from the store's row of
  that rowid (another database at the same path), or a new row replaces an article's
  embedding (``lagebild enrich``: the store gives it a new highest rowid), the index is
  built anew.

A database without a file (``:memory:``) or a folder that cannot be written keeps the same
index in the process's memory.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from ..store import search_index as db

__all__ = ["VectorIndex"]

log = logging.getLogger(__name__)

DIM = 512
VERSION = 1
# Below this many rows every row is scored (a few milliseconds); from here on the inverted lists.
IVF_FROM = 20_000
# Lists scored per query.  With about sqrt(n) lists of about sqrt(n) rows each this scores
# PROBE * sqrt(n) rows: about 16 000 of 1 000 000 (20-30 ms on a busy 2-core laptop; 48 lists
# took 55-70 ms; recall@10 in docs/benchmarks.md).
PROBE = 16
# ... and up to WIDE times as many when they are within MARGIN (cosine) of the best list.
WIDE = 4
MARGIN = 0.08
# The centroids are fitted again once the index holds this many times the rows they were fitted on.
REFIT_GROWTH = 4
# ... or once TAIL rows added since then sit this much farther (mean cosine) from their centroid.
DRIFT = 0.05
# Rows added since the lists were last sorted are scored one by one; past this many the lists are sorted again.
TAIL = 20_000
CHUNK = 50_000
# A query scores rows in blocks of this many: small enough to stay in the CPU's cache and below
# the size from which OpenBLAS spreads a matrix-vector product over threads, whose waiting
# spins cost more CPU than the product on a busy machine (200 000 articles, 32 000 rows per
# query: 7.4 ms CPU in blocks of 256, 17 ms in blocks of 8 192 with one BLAS thread, 37-160 ms
# with its threads at load 11; docs/benchmarks.md).
BLOCK = 256


def quantise(vecs: np.ndarray, scale: float) -> np.ndarray:
    """int8 codes of float vectors (``code * scale`` is the value; clipped at +-127)."""
    return np.clip(np.rint(sane(vecs) / scale), -127, 127).astype(np.int8)


def sane(vecs: np.ndarray) -> np.ndarray:
    """Embeddings as the model gives them (L2-normalised: every component in [-1, 1]); a
    damaged stored row (NaN, infinities, other bytes) becomes zeros there, never the scale."""
    if np.isfinite(vecs).all() and np.abs(vecs).max(initial=0.0) <= 1.0:
        return vecs
    return np.clip(np.nan_to_num(vecs, nan=0.0, posinf=0.0, neginf=0.0), -1.0, 1.0)


class _Files:
    """The index's arrays: append-only files in a folder (memory-mapped when read), or arrays
    in memory when ``folder`` is None."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.mem: dict[str, np.ndarray] = {}

    def meta(self) -> dict[str, object] | None:
        if self.folder is None:
            return self.mem.get("meta")  # type: ignore[return-value]
        try:
            return json.loads((self.folder / "meta.json").read_text())
        except (OSError, ValueError):
            return None

    def write_meta(self, meta: dict[str, object]) -> None:
        if self.folder is None:
            self.mem["meta"] = meta  # type: ignore[assignment]
            return
        tmp = self.folder / f"meta.json.{os.getpid()}"
        tmp.write_text(json.dumps(meta))
        os.replace(tmp, self.folder / "meta.json")  # readers see the old or the new, never half

    def append(self, name: str, arr: np.ndarray) -> None:
        if self.folder is None:
            old = self.mem.get(name)
            self.mem[name] = arr.copy() if old is None else np.concatenate([old, arr])
            return
        with open(self.folder / name, "ab") as fh:
            fh.write(np.ascontiguousarray(arr).tobytes())

    def truncate(self, name: str, nbytes: int) -> None:
        """Cut what a process that stopped while appending left past ``nbytes``."""
        if (
            self.folder is not None
            and (self.folder / name).exists()
            and (self.folder / name).stat().st_size > nbytes
        ):
            os.truncate(self.folder / name, nbytes)

    def put(self, name: str, arr: np.ndarray) -> None:
        if self.folder is None:
            self.mem[name] = arr.copy()
            return
        tmp = self.folder / f"{name}.{os.getpid()}"
        tmp.write_bytes(np.ascontiguousarray(arr).tobytes())
        os.replace(tmp, self.folder / name)

    def view(self, name: str, dtype: type, rows: int, width: int = 0) -> np.ndarray:
        """The first ``rows`` rows of an array (read-only)."""
        shape = (rows, width) if width else (rows,)
        if self.folder is None:
            return self.mem[name][:rows]
        if rows == 0:
            return np.zeros(shape, dtype=dtype)
        # (a plain array over the mapping: numpy's memmap subclass slows every fancy index)
        return np.asarray(np.memmap(self.folder / name, dtype=dtype, mode="r", shape=shape))

    def drop_except(self, keep: set[str]) -> None:
        if self.folder is None:
            for name in [n for n in self.mem if n != "meta" and n not in keep]:
                del self.mem[name]
            return
        for p in self.folder.iterdir():
            if p.name.startswith("g") and p.name not in keep:
                with contextlib.suppress(OSError):
                    p.unlink()  # (a process that maps it keeps its pages until it remaps)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        if self.folder is None:
            yield
            return
        with open(self.folder / "lock", "a+b") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)


def _folder(database: str) -> Path | None:
    """``<database>-vectors/``, or None (keep the index in memory) where no file or no write access."""
    if not database or database == ":memory:" or not os.path.isfile(database):
        return None
    folder = Path(database + "-vectors")
    try:
        folder.mkdir(exist_ok=True)
        (folder / "lock").touch()
    except OSError as exc:
        log.warning("vector index kept in memory: cannot write %s (%s)", folder, exc)
        return None
    return folder


class VectorIndex:
    """The embeddings of one database for semantic search (see the module's docstring).

    ``seqs[i]`` is the article seq of row ``i``; :meth:`scores` gives row indices.  (The file
    that holds them is still named ``g<gen>.rowid``: the index's file format, unchanged, so
    the index files of a store written before stay valid.)
    """

    def __init__(self, database: str = "") -> None:
        self.files = _Files(_folder(database))
        self.lock = threading.Lock()
        self.key = -1  # the store's embedding key at the last sync
        self._clear()

    def _clear(self) -> None:
        self.meta: dict[str, object] = {}
        self.n = 0
        self.seqs = np.zeros(0, dtype=np.int64)
        self.codes = np.zeros((0, DIM), dtype=np.int8)
        self.scale = 1.0
        self.centroids: np.ndarray | None = None
        self.order = np.zeros(0, dtype=np.int64)  # row indices sorted by list
        self.starts = np.zeros(1, dtype=np.int64)  # list l holds order[starts[l]:starts[l + 1]]
        self.sorted_n = 0  # rows covered by order

    # -- keeping up with the store ----------------------------------------------------------

    def sync(self, conn: db.Connection, key: int) -> None:
        """Bring the index up to the store's embedding key (append, or rebuild when it differs)."""
        meta = self.files.meta()
        if not self._matches(conn, meta, key):
            with self.files.locked():
                meta = self.files.meta()  # (another process may have done it meanwhile)
                if not self._matches(conn, meta, key):
                    meta = self._update(conn, meta, key)
        assert meta is not None
        self._map(meta)
        self.key = key

    def _matches(self, conn: db.Connection, meta: dict[str, object] | None, key: int) -> bool:
        """Whether the index files hold exactly the store's rows up to ``key``."""
        if not meta or meta.get("version") != VERSION or meta["last"] != key:
            return False
        if meta is self.meta or meta == self.meta:
            return True
        return self._same_tail(conn, meta)

    def _same_tail(self, conn: db.Connection, meta: dict[str, object]) -> bool:
        """Whether the store's row of the index's last embeddings rowid is the index's last row."""
        n, last = int(meta["n"]), int(meta["last"])  # type: ignore[arg-type]
        if n == 0:
            return last == 0 or not db.embedding_rows(conn, 0, 1)
        rows = db.embedding_rows(conn, last - 1, 1)
        if not rows or rows[0][0] != last:
            return False
        g = meta["gen"]
        try:
            seq = int(self.files.view(f"g{g}.rowid", np.int64, n)[n - 1])
            code = np.array(self.files.view(f"g{g}.vec", np.int8, n, DIM)[n - 1])
        except (OSError, ValueError, KeyError):
            return False
        vec = np.frombuffer(rows[0][2], dtype=np.float32)
        return rows[0][1] == seq and np.array_equal(code, quantise(vec, float(meta["scale"])))  # type: ignore[arg-type]

    def _update(
        self, conn: db.Connection, meta: dict[str, object] | None, key: int
    ) -> dict[str, object]:
        """Append the store's new rows, or build anew; fit or extend the lists.  Under the lock."""
        if (
            not meta
            or meta.get("version") != VERSION
            or key < int(meta["last"])
            or not self._same_tail(conn, meta)
            or self._replaced(conn, meta)
        ):  # type: ignore[arg-type]
            gen = int(meta["gen"]) + 1 if meta and "gen" in meta else 1  # type: ignore[arg-type]
            meta = {"version": VERSION, "gen": gen, "n": 0, "last": 0, "scale": 0.0, "lists": 0, "fitted": 0,
                    "fit_sim": 0.0, "new_n": 0, "new_sim": 0.0}  # fmt: skip
            self.files.drop_except(set())
            log.info("building the vector index anew")
        g, n0, lists = meta["gen"], int(meta["n"]), f"g{meta['gen']}.l{meta['lists']}."  # type: ignore[arg-type]
        for name, width in ((f"g{g}.vec", DIM), (f"g{g}.rowid", 8), (lists + "list", 4)):
            self.files.truncate(name, n0 * width)
        while True:
            rows = db.embedding_rows(conn, int(meta["last"]), CHUNK)  # type: ignore[arg-type]
            if not rows:
                break
            vecs = np.frombuffer(b"".join(r[2] for r in rows), dtype=np.float32).reshape(
                len(rows), DIM
            )
            if not meta["scale"]:
                # one scale for all dimensions, from the first rows (with room: later rows are clipped)
                meta["scale"] = float(max(np.abs(sane(vecs)).max() * 1.25, 0.2)) / 127
            codes = quantise(vecs, float(meta["scale"]))  # type: ignore[arg-type]
            self.files.append(f"g{g}.vec", codes)
            self.files.append(f"g{g}.rowid", np.array([r[1] for r in rows], dtype=np.int64))
            if meta["lists"]:
                centroids = self.files.view(
                    f"g{g}.l{meta['lists']}.centroids", np.float32, int(meta["nlist"]), DIM
                )  # type: ignore[arg-type]
                lists_of, near = _assign(codes, centroids, float(meta["scale"]))  # type: ignore[arg-type]
                self.files.append(f"g{g}.l{meta['lists']}.list", lists_of)
                meta["new_n"] = int(meta["new_n"]) + len(rows)  # type: ignore[arg-type]
                meta["new_sim"] = float(meta["new_sim"]) + float(near.sum())  # type: ignore[arg-type]
            meta["n"] = int(meta["n"]) + len(rows)  # type: ignore[arg-type]
            meta["last"] = int(rows[-1][0])
        n = int(meta["n"])  # type: ignore[arg-type]
        new_n = int(meta.get("new_n", 0))  # type: ignore[arg-type]
        drifted = new_n >= TAIL and float(meta["new_sim"]) / new_n < float(meta["fit_sim"]) - DRIFT  # type: ignore[arg-type]
        if n >= IVF_FROM and (n >= REFIT_GROWTH * int(meta["fitted"]) or drifted):  # type: ignore[arg-type]
            self._fit(meta, n)
        self.files.write_meta(meta)
        lists = f"g{g}.l{meta['lists']}."
        self.files.drop_except({f"g{g}.vec", f"g{g}.rowid", lists + "centroids", lists + "list"})
        return meta

    def _replaced(self, conn: db.Connection, meta: dict[str, object]) -> bool:
        """Whether a new row is the new embedding of an article the index holds already
        (``lagebild enrich``): its old row must go, so the index is built anew."""
        n = int(meta["n"])  # type: ignore[arg-type]
        new = db.embedding_articles(conn, int(meta["last"]))  # type: ignore[arg-type]
        if not n or not new:
            return False
        held = self.files.view(f"g{meta['gen']}.rowid", np.int64, n)
        new_rows = np.asarray(new, dtype=np.int64)
        if new_rows.min() > held.max():  # new articles (the usual case): one pass, no sort
            return False
        return bool(np.isin(new_rows, held).any())

    def _fit(self, meta: dict[str, object], n: int) -> None:
        """Fit the centroids on a sample and write every row's list (a new lists generation)."""
        g = meta["gen"]
        codes = self.files.view(f"g{g}.vec", np.int8, n, DIM)
        nlist = int(min(4096, max(64, np.sqrt(n))))
        rng = np.random.default_rng(0)
        sample = np.sort(rng.choice(n, size=min(n, 40 * nlist), replace=False))
        centroids = _kmeans(np.asarray(codes[sample], dtype=np.float32), nlist, rng)
        scale = float(meta["scale"])  # type: ignore[arg-type]
        parts = [_assign(codes[i : i + CHUNK], centroids, scale) for i in range(0, n, CHUNK)]
        lists = np.concatenate([p[0] for p in parts])
        fit_sim = float(sum(p[1].sum() for p in parts)) / n
        version = int(meta["lists"]) + 1  # type: ignore[arg-type]
        self.files.put(f"g{g}.l{version}.centroids", centroids)
        self.files.put(f"g{g}.l{version}.list", lists)
        meta.update(lists=version, nlist=nlist, fitted=n, fit_sim=fit_sim, new_n=0, new_sim=0.0)
        log.info("vector index: %d lists fitted on %d rows", nlist, n)

    def _map(self, meta: dict[str, object]) -> None:
        """Map the files ``meta`` names (when they changed) and sort the rows by list."""
        if meta == self.meta:
            return
        g, n = meta["gen"], int(meta["n"])  # type: ignore[arg-type]
        same_gen = self.meta.get("gen") == g and self.meta.get("lists") == meta["lists"]
        if not same_gen:
            self._clear()
        self.codes = self.files.view(f"g{g}.vec", np.int8, n, DIM)
        self.seqs = self.files.view(f"g{g}.rowid", np.int64, n)
        self.scale = float(meta["scale"]) or 1.0  # type: ignore[arg-type]
        if meta["lists"] and (not same_gen or n - self.sorted_n > TAIL):
            nlist = int(meta["nlist"])  # type: ignore[arg-type]
            name = f"g{g}.l{meta['lists']}."
            self.centroids = np.array(self.files.view(name + "centroids", np.float32, nlist, DIM))
            lists = self.files.view(name + "list", np.int32, n)
            self.order = np.argsort(lists, kind="stable")
            self.starts = np.concatenate([[0], np.cumsum(np.bincount(lists, minlength=nlist))])
            self.sorted_n = n
        self.n = n
        self.meta = meta

    # -- searching --------------------------------------------------------------------------

    def scores(
        self, q: np.ndarray, k: int, keep: Callable[[np.ndarray], np.ndarray] | None = None,
        floor: float = -1.0, scored: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """(row indices, cosine) of about the ``k`` best rows (unordered; int8 precision).

        ``keep``: a filter, given article seqs, says which to keep (a boolean array); the
        answer is then the ``k`` best of the scored rows from ``floor`` on that it keeps,
        best first: the rows are asked in order of their score, in growing blocks, until
        ``k`` are kept (a filter that keeps one article in 100 is asked about 100 k rows,
        not every scored one).  ``scored``: what :meth:`scored` answered for ``q`` and ``k``.
        """
        rows, s = scored if scored is not None else self.scored(q, k)
        if keep is not None:
            return self._kept(rows, s, k, keep, floor)
        if len(s) > k:
            best = np.argpartition(-s, k - 1)[:k]
            return rows[best], s[best]
        return rows, s

    def _kept(
        self, rows: np.ndarray, s: np.ndarray, k: int, keep: Callable[[np.ndarray], np.ndarray], floor: float
    ) -> tuple[np.ndarray, np.ndarray]:
        cand = np.flatnonzero(s >= floor)
        cs = -s[cand]
        kept: list[np.ndarray] = []
        found, done, size, last = 0, 0, 4 * k, -np.inf
        while found < k and done < len(cand):
            top = min(len(cand), done + size)
            # the next block: every row up to the top-th score (ties included, so that no row
            # is asked twice or skipped), best first, equal scores in row order
            cut = np.partition(cs, top - 1)[top - 1] if top < len(cand) else np.inf
            part = np.flatnonzero((cs > last) & (cs <= cut))
            part = part[np.argsort(cs[part], kind="stable")]
            kept.append(part[keep(self.seqs[rows[cand[part]]])])
            found += len(kept[-1])
            done, size, last = done + len(part), size * 4, cut
        best = cand[np.concatenate(kept)[:k]] if kept else np.zeros(0, dtype=np.int64)
        return rows[best], s[best]

    def scored(self, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(row indices, cosine) of the rows the query scores: every row (a small index, or
        ``k`` near its size), or those of its nearest lists."""
        qs = np.asarray(q, dtype=np.float32) * self.scale
        if self.centroids is None or self.n <= 4 * k:
            rows = None
        else:
            q32 = np.asarray(q, dtype=np.float32)
            c = self.centroids
            near = np.concatenate([c[i : i + BLOCK] @ q32 for i in range(0, len(c), BLOCK)])
            most = min(WIDE * PROBE, len(near))
            probe = np.argpartition(-near, most - 1)[:most]
            probe = probe[np.argsort(-near[probe])]
            # a query near no list in particular (its best lists all alike) takes more of them
            probe = probe[: max(PROBE, int((near[probe] >= near[probe[0]] - MARGIN).sum()))]
            parts = [self.order[self.starts[x] : self.starts[x + 1]] for x in probe]
            parts.append(np.arange(self.sorted_n, self.n))  # rows added since the sort
            rows = np.sort(np.concatenate(parts))  # (in file order: fewer page jumps)
        if rows is None:
            rows = np.arange(self.n)
            s = np.empty(self.n, dtype=np.float32)
            for i in range(0, self.n, BLOCK):
                s[i : i + BLOCK] = self.codes[i : i + BLOCK].astype(np.float32) @ qs
        else:
            s = np.empty(len(rows), dtype=np.float32)
            for i in range(0, len(rows), BLOCK):
                s[i : i + BLOCK] = self.codes[rows[i : i + BLOCK]].astype(np.float32) @ qs
        return rows, s


def _assign(
    codes: np.ndarray, centroids: np.ndarray, scale: float
) -> tuple[np.ndarray, np.ndarray]:
    """The nearest centroid of every row, and its cosine with the row."""
    sims = np.asarray(codes, dtype=np.float32) @ (centroids.T * scale)
    best = np.argmax(sims, axis=1)
    return best.astype(np.int32), sims[np.arange(len(best)), best]


def _kmeans(x: np.ndarray, k: int, rng: np.random.Generator, rounds: int = 8) -> np.ndarray:
    """Spherical k-means: ``k`` unit centroids of the rows of ``x`` (Lloyd's rounds)."""
    x = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)
    c = x[rng.choice(len(x), size=k, replace=False)].copy()
    for _ in range(rounds):
        a = np.concatenate(
            [np.argmax(x[i : i + 8192] @ c.T, axis=1) for i in range(0, len(x), 8192)]
        )
        order = np.argsort(a, kind="stable")
        counts = np.bincount(a, minlength=k)
        filled = counts > 0
        sums = np.add.reduceat(
            x[order], np.concatenate([[0], np.cumsum(counts)[:-1]])[filled], axis=0
        )
        c[filled] = sums
        c[~filled] = x[
            rng.choice(len(x), size=int((~filled).sum()), replace=False)
        ]  # re-seed empty lists
        c /= np.maximum(np.linalg.norm(c, axis=1, keepdims=True), 1e-9)
    return c.astype(np.float32)
