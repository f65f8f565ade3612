"""The in-process vector index (lagebild.search._vectors): int8 files beside the database,
inverted lists, growth and rebuilds."""

from __future__ import annotations

import numpy as np
import pytest

from lagebild.search import _semantic, _vectors
from lagebild.search._vectors import VectorIndex
from lagebild.store import Store
from lagebild.store import search_index as db


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype(np.float32)


def _clustered(n: int, seed: int = 1, clusters: int = 40) -> np.ndarray:
    """Unit vectors around ``clusters`` random centres (as news about the same thing)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(clusters, 512))
    return _unit(centres[rng.integers(0, clusters, n)] + rng.normal(0, 0.7, (n, 512)))


def _add(store: Store, vecs: np.ndarray, first: int = 0) -> None:
    with store.transaction() as conn:
        conn.execute("INSERT OR IGNORE INTO raws (sha256, bytes, size) VALUES ('t', x'00', 1)")
        for i, v in enumerate(vecs, first):
            conn.execute(
                "INSERT INTO articles (id, format, raw_sha256, encoding, text, title, title_raw, published_from,"
                " agencies, language, flags, added_at) VALUES (?, 'text', 't', 'utf-8', ?, ?, '', 'none', '[]',"
                " 'de', '[]', '')",
                (f"a{i:06d}", f"Text {i}", f"Titel {i}"),
            )
            conn.execute(
                "INSERT INTO embeddings (article_id, model, dim, vector) VALUES (?, 'm', 512, ?)",
                (f"a{i:06d}", v.astype(np.float32).tobytes()),
            )


def _index(store: Store) -> VectorIndex:
    index = VectorIndex(db.database_key(store.conn))
    index.sync(store.conn, db.embedding_key(store.conn))
    return index


def _exact_top(store: Store, q: np.ndarray, k: int = 10) -> set[int]:
    rows = db.embedding_rows(store.conn, 0)
    vecs = np.frombuffer(b"".join(r[2] for r in rows), dtype=np.float32).reshape(len(rows), -1)
    return {rows[i][1] for i in np.argsort(-(vecs @ q))[:k]}


def _top(index: VectorIndex, q: np.ndarray, k: int = 10) -> set[int]:
    idx, s = index.scores(q, k)
    return {int(index.seqs[i]) for i in idx[np.argsort(-s)][:k]}


def _clear_top(store: Store, q: np.ndarray, k: int = 10) -> set[int]:
    """The exact top ``k`` that beat the ``k``-th by more than int8 rounding can swap (0.005)."""
    rows = db.embedding_rows(store.conn, 0)
    vecs = np.frombuffer(b"".join(r[2] for r in rows), dtype=np.float32).reshape(len(rows), -1)
    s = vecs @ q
    kth = np.sort(s)[-k]
    return {rows[i][1] for i in np.flatnonzero(s > kth + 0.005)}


@pytest.fixture()
def small_lists(monkeypatch):
    """Inverted lists from 1 000 rows on, 4 of about 60 lists probed (the real sizes need 20 000)."""
    monkeypatch.setattr(_vectors, "IVF_FROM", 1000)
    monkeypatch.setattr(_vectors, "PROBE", 4)
    monkeypatch.setattr(_vectors, "TAIL", 200)


def test_search_vectors_small_store_is_scored_exactly(store):
    vecs = _clustered(300)
    _add(store, vecs)
    index = _index(store)
    assert index.centroids is None and index.n == 300
    for q in vecs[:20]:
        got = _top(index, q)
        assert _clear_top(store, q) <= got and len(got & _exact_top(store, q)) >= 9


def test_search_vectors_lists_find_the_exact_top_hits(store, small_lists):
    vecs = _clustered(4000)
    _add(store, vecs)
    index = _index(store)
    assert index.centroids is not None and len(index.centroids) == 64
    noise = np.random.default_rng(2).normal(0, 0.025, (30, 512))
    queries = _unit(vecs[::131][:30] + noise)  # near stored articles, none of them
    recall = np.mean([len(_top(index, q) & _exact_top(store, q)) / 10 for q in queries])
    assert recall >= 0.95
    # int8 scores are within a rounding step of the exact cosine
    idx, s = index.scores(queries[0], 10)
    rows = db.embedding_rows(store.conn, 0)
    exact = {r[1]: float(np.frombuffer(r[2], dtype=np.float32) @ queries[0]) for r in rows}
    assert max(abs(exact[int(index.seqs[i])] - x) for i, x in zip(idx, s, strict=True)) < 0.01


@pytest.mark.parametrize("added", [150, 300])
def test_search_vectors_new_articles_are_found_at_once(store, small_lists, added):
    _add(store, _clustered(2000))
    assert _semantic._matrix(store.conn).meta["lists"] == 1  # the lists are fitted
    new = _clustered(added, seed=9, clusters=3)  # about things the lists were not fitted on
    _add(store, new, first=2000)
    q = new[5]
    got = _semantic.semantic(store.conn, q, None, 10)
    assert _clear_top(store, q) <= {r for r, _ in got}
    m = _semantic._matrix(store.conn)
    assert m.n == 2000 + added
    if added < _vectors.TAIL:  # scored one by one, the lists as they were
        assert m.sorted_n == 2000 and m.meta["lists"] == 1
    else:  # the new rows fit the lists badly: fitted again, every row sorted
        assert m.sorted_n == 2300 and m.meta["lists"] == 2


def test_search_vectors_lists_grow_with_known_topics(store, small_lists):
    _add(store, _clustered(2000))
    _semantic._matrix(store.conn)
    new = _clustered(300, seed=1)[::-1].copy()  # more of the same topics (other rows)
    _add(store, new, first=2000)
    m = _semantic._matrix(store.conn)
    assert m.meta["lists"] == 1 and m.sorted_n == 2300  # assigned to their lists, no refit
    q = new[11]
    assert _clear_top(store, q) <= _top(m, q)


def test_search_vectors_files_are_shared_not_rebuilt(store, small_lists, monkeypatch):
    _add(store, _clustered(1500))
    first = _index(store)
    folder = first.files.folder
    assert folder is not None and (folder / "meta.json").exists()
    calls = []
    real = db.embedding_rows
    monkeypatch.setattr(
        db,
        "embedding_rows",
        lambda conn, after, limit=-1: calls.append(limit) or real(conn, after, limit),
    )
    second = _index(store)  # another process: maps the files, checks one row
    assert calls == [1] and second.n == 1500 and second.meta["gen"] == first.meta["gen"]
    assert isinstance(second.codes.base, np.memmap)  # mapped, not read


def test_search_vectors_deleted_rows_rebuild_the_index(store):
    vecs = _clustered(500)
    _add(store, vecs)
    index = _index(store)
    gen = index.meta["gen"]
    with store.transaction() as conn:
        conn.execute("DELETE FROM embeddings WHERE rowid > 400")
    index.sync(store.conn, db.embedding_key(store.conn))
    assert index.n == 400 and index.meta["gen"] == gen + 1
    assert max(int(r) for r in index.seqs) <= 400


def test_search_vectors_another_database_at_the_same_path_rebuilds(tmp_path):
    path = tmp_path / "x.db"
    with Store(path) as s:
        _add(s, _clustered(300, seed=1))
        _index(s)
    path.unlink()
    with Store(path) as s:
        new = _clustered(400, seed=5)
        _add(s, new)
        index = _index(s)  # the index files say 300 rows of the old database
        assert index.n == 400
        assert _clear_top(s, new[7]) <= _top(index, new[7])


def test_search_vectors_half_written_rows_are_cut(store):
    _add(store, _clustered(200))
    index = _index(store)
    g = index.meta["gen"]
    with open(index.files.folder / f"g{g}.vec", "ab") as fh:  # a writer that stopped halfway
        fh.write(b"\x01" * 700)
    _add(store, _clustered(50, seed=3), first=200)
    index.sync(store.conn, db.embedding_key(store.conn))
    assert (index.files.folder / f"g{g}.vec").stat().st_size == 250 * 512
    assert index.n == 250


def test_search_vectors_in_memory_without_a_file():
    index = VectorIndex("")
    with Store(":memory:") as s:
        vecs = _clustered(100)
        _add(s, vecs)
        index.sync(s.conn, db.embedding_key(s.conn))
        assert index.files.folder is None and index.n == 100
        assert _clear_top(s, vecs[3]) <= _top(index, vecs[3])


def _sync_in_process(path: str) -> tuple[int, int]:
    with Store(path) as s:
        index = VectorIndex(db.database_key(s.conn))
        index.sync(s.conn, db.embedding_key(s.conn))
        return int(index.meta["gen"]), index.n


def test_search_vectors_two_processes_build_one_index(tmp_path):
    import concurrent.futures
    import multiprocessing

    path = tmp_path / "p.db"
    with Store(path) as s:
        _add(s, _clustered(3000))
    ctx = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=ctx) as pool:
        got = list(pool.map(_sync_in_process, [str(path)] * 2))
    assert got == [(1, 3000), (1, 3000)]  # one built it, the other waited and mapped it
    assert sorted(p.name for p in (tmp_path / "p.db-vectors").iterdir()) == [
        "g1.rowid",
        "g1.vec",
        "lock",
        "meta.json",
    ]


def test_search_vectors_a_damaged_row_does_not_spoil_the_others(store):
    """A stored embedding with NaN/huge values (damaged bytes) first: the int8 scale still
    comes from real vectors, the damaged row scores zero, the others exactly as before."""
    bad = np.frombuffer(bytes(range(256)) * 8, dtype=np.float32)[:512].copy()
    assert not np.isfinite(bad).all() or np.abs(bad).max() > 1
    vecs = _clustered(200)
    _add(store, np.vstack([bad, vecs]))
    index = _index(store)
    assert 0 < index.scale < 0.02  # |component| <= 1 -> scale <= 1.25 / 127
    for q in vecs[:10]:
        got = _top(index, q)
        idx, s = index.scores(q, 10)
        assert np.isfinite(s).all()
        assert 2 + int(np.flatnonzero((vecs == q).all(axis=1))[0]) in got


def test_search_vectors_ingest_builds_the_index_not_the_first_query(tmp_path, monkeypatch):
    """After `ingest` the index files hold every embedding: a new process maps them and
    builds nothing on its first semantic query."""
    from pathlib import Path

    from lagebild.pipeline import ingest

    examples = Path(__file__).resolve().parent.parent / "examples"
    db_path = tmp_path / "lb.db"
    with Store(db_path) as s:
        report = ingest([str(examples)], s, workers=1)
        assert report.added
    _semantic._cache.clear()  # as a new process
    written = []
    for name in ("append", "put"):
        monkeypatch.setattr(_vectors._Files, name, lambda self, *a, _n=name: written.append(_n))
    with Store(db_path) as s:
        index = VectorIndex(db.database_key(s.conn))
        index.sync(s.conn, db.embedding_key(s.conn))
        assert index.n == len(db.embedding_rows(s.conn, 0)) > 0
    assert written == []  # mapped, nothing built
    assert (tmp_path / "lb.db-vectors").is_dir() and any((tmp_path / "lb.db-vectors").iterdir())


def _kept_by_hand(index: VectorIndex, q: np.ndarray, k: int, keep, floor: float) -> list[tuple[int, float]]:
    """The scored rows from ``floor`` on that ``keep`` keeps, best first, the best ``k``."""
    rows, s = index.scored(q, k)
    mask = (s >= floor) & keep(index.seqs[rows])
    order = np.argsort(-s[mask], kind="stable")[:k]
    return [(int(index.seqs[r]), float(x)) for r, x in zip(rows[mask][order], s[mask][order], strict=True)]


@pytest.mark.parametrize("k", [1, 5, 40])
@pytest.mark.parametrize("every", [2, 7, 97, 10_000])
def test_search_vectors_filtered_scores_are_the_scored_rows_filtered(store, small_lists, k, every):
    """With a filter (``keep``) the index answers the best ``k`` of the rows it scores that the
    filter keeps (what the unfiltered scoring gives, filtered afterwards), and asks the filter
    about the best rows first: about 4 k of them when it keeps most, not every scored row."""
    vecs = _clustered(4000)
    _add(store, vecs)
    index = _index(store)
    assert index.centroids is not None
    asked: list[int] = []

    def keep(rowids: np.ndarray) -> np.ndarray:
        asked.append(len(rowids))
        return rowids % every == 0

    for q in _unit(vecs[::397][:10] + np.random.default_rng(3).normal(0, 0.025, (10, 512))):
        asked.clear()
        idx, s = index.scores(q, k, keep=keep, floor=-1.0)
        got = [(int(index.seqs[i]), float(x)) for i, x in zip(idx, s, strict=True)]
        assert got == _kept_by_hand(index, q, k, lambda r: r % every == 0, -1.0)
        assert list(s) == sorted(s, reverse=True)
        scored = int(((index.scored(q, k)[1]) >= -1.0).sum())
        if every == 2 and k == 1:
            assert sum(asked) <= 20 * k < scored  # (one or two blocks, not every scored row)
        assert sum(asked) <= scored  # no row asked twice


def test_search_vectors_hybrid_scores_in_the_embedding_thread(store, small_lists, monkeypatch):
    """Hybrid search scores the query's vectors in the embedding thread (beside the keyword
    walk) and answers as the semantic search does on its own thread, with and without a filter."""
    import threading

    from lagebild.search import Filters, rank, search

    vecs = _clustered(3000)
    _add(store, vecs)
    q = _unit(vecs[7] + np.random.default_rng(5).normal(0, 0.02, 512))
    monkeypatch.setattr(_semantic, "query_vector", lambda _text: q)
    threads: list[str] = []
    real = VectorIndex.scored

    def spy(self, *a):
        threads.append(threading.current_thread().name)
        return real(self, *a)

    monkeypatch.setattr(VectorIndex, "scored", spy)
    for f in (None, Filters(language="de"), Filters(language="en")):
        threads.clear()
        hits, total = search(store.conn, "irgendwas", mode="hybrid", filters=f, limit=10)
        assert threads and all(t.startswith("lagebild-embed") for t in threads), threads
        alone = [r for r, s in _semantic.semantic(store.conn, q, f, 100) if s >= _semantic.MATCH_SIMILARITY]
        ids = {r: i for r, i in store.conn.execute("SELECT rowid, id FROM articles")}
        # no article has the words: nothing matches, the neighbours are listed as related
        found = rank(store.conn, "irgendwas", mode="hybrid", filters=f, limit=10)
        assert [h.id for h in hits] == [ids[r] for r in alone[:10]] and total == 0, f
        assert found.related == len(alone) and found.listed == len(alone), f
        assert (f is not None and f.language == "en") == (found.related == 0)
