"""PostgreSQL hybrid search: the vector half runs in a thread on the store's spare connection
(``create_engine(spare=True)``: a pool of two), kept open between queries, while the keyword
half runs on the store's own; the ranking is the one asked one after the other."""

from __future__ import annotations

import os

import numpy as np
import pytest
import sqlalchemy as sa

from lagebild.clean import clean
from lagebild.model import Article
from lagebild.search import Filters, rank
from lagebild.store import Store, browse, search_pg

from .test_search_backends import TEXTS, _vector


@pytest.fixture
def pg_store(pg_server):
    url = pg_server.new_database()
    with Store(url) as store:
        for i, (key, (title, body, source)) in enumerate(TEXTS.items()):
            raw = f"{title}\n\n{body}\n"
            a = clean(Article(origins=[f"mem:{key}"], raw=raw, raw_bytes=raw.encode(), base=raw))
            a.source, a.language, a.embedding = source, "de", _vector(i)
            assert store.add(a) == "added"
        yield store, url
    pg_server.drop_database(url)


@pytest.fixture
def query_near_axis_0(monkeypatch):
    q = np.zeros(512, dtype=np.float32)
    q[0] = 1.0
    monkeypatch.setattr("lagebild.search._semantic.query_vector", lambda _q: q)
    return q


@pytest.fixture
def asked(monkeypatch):
    """(backend pid, statement_timeout) of each connection the vector index was asked on."""
    seen: list[tuple[int, str]] = []
    real = search_pg.nearest

    def spy(conn, *a, **kw):
        out = real(conn, *a, **kw)  # (sets the timeout it is given first)
        seen.append((conn.exec_driver_sql("SELECT pg_backend_pid()").scalar(),
                     conn.exec_driver_sql("SHOW statement_timeout").scalar()))  # fmt: skip
        return out

    monkeypatch.setattr(search_pg, "nearest", spy)
    return seen


def _pid(conn: sa.Connection) -> int:
    return conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()


def test_search_pg_hybrid_apart_ranks_as_one_after_the_other(pg_store, query_near_axis_0, monkeypatch):
    """Pages of hybrid rankings (with and without a filter) asked apart equal those asked on
    the store's connection one after the other (``PARALLEL_PG = False``)."""
    from lagebild.search import _semantic

    store, _url = pg_store
    cases = [("Japan", None), ("Japan", Filters(source="dpa")), ("Kabul", None), ("Müntefering", Filters(source="afp"))]
    pages = [(0, 20), (0, 2), (2, 3)]
    apart = [rank(store.db, q, mode="hybrid", filters=f, limit=n, offset=o) for q, f in cases for o, n in pages]
    monkeypatch.setattr(_semantic, "PARALLEL_PG", False)
    together = [rank(store.db, q, mode="hybrid", filters=f, limit=n, offset=o) for q, f in cases for o, n in pages]
    assert apart == together
    assert apart[0].ranked and apart[3].total == 1  # k7: dpa, says Japan


def test_search_pg_hybrid_spare_connection_stays_open(pg_store, query_near_axis_0, asked):
    """The vector half runs on one other backend, the same for every query (before: a new
    connection per query), and the store keeps no more than its two connections."""
    store, _url = pg_store
    for q in ("Japan", "Kabul", "Seoul"):
        assert rank(store.db, q, mode="hybrid").ranked
    pids = {pid for pid, _t in asked}
    assert len(asked) == 3 and len(pids) == 1
    assert pids != {_pid(store.db)}
    assert store.db.engine.pool.checkedout() == 1  # the store's own; the spare one is back


def test_search_pg_hybrid_spare_connection_keeps_the_time_budget(pg_store, query_near_axis_0, asked):
    """The vector half runs under the caller's ``statement_timeout`` (browse.time_budget), and
    a later query without a budget does not inherit it on the kept connection."""
    store, _url = pg_store
    with browse.time_budget(store.db, 1.234):
        rank(store.db, "Japan", mode="hybrid")
    rank(store.db, "Japan", mode="hybrid")
    assert [t for _pid, t in asked] == ["1234ms", "0"]


def test_search_pg_hybrid_budget_stops_the_vector_half(pg_store, query_near_axis_0, monkeypatch):
    """A vector half that runs past the caller's budget is stopped on the spare connection, and
    the search raises the budget's StoreError, as one after the other."""
    from lagebild.errors import StoreError

    store, _url = pg_store
    real = search_pg.nearest

    def slow(conn, *a, **kw):
        out = real(conn, *a, **kw)
        conn.exec_driver_sql("SELECT pg_sleep(2)")
        return out

    monkeypatch.setattr(search_pg, "nearest", slow)
    with pytest.raises(StoreError, match="time budget"), browse.time_budget(store.db, 0.2):
        rank(store.db, "Japan", mode="hybrid")
    monkeypatch.setattr(search_pg, "nearest", real)
    assert rank(store.db, "Japan", mode="hybrid").ranked  # both connections usable after it


def test_search_pg_read_only_store_spare_connection_is_read_only(pg_store):
    """A read-only store's spare connection is read-only as well."""
    _store, url = pg_store
    ro = Store.open_readonly(url)
    try:
        with ro.db.engine.connect() as spare:
            assert spare.exec_driver_sql("SHOW default_transaction_read_only").scalar() == "on"
            with pytest.raises(sa.exc.DBAPIError, match="read-only"):
                spare.exec_driver_sql("CREATE TABLE t_not_allowed (x int)")
    finally:
        ro.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
def test_search_pg_forked_child_opens_its_own_spare_connection(pg_store):
    """A child forked after the spare connection was used does not take its parent's backend
    (serve workers): the engine forgets its pooled connections in the child."""
    store, _url = pg_store
    engine = store.db.engine
    with engine.connect() as spare:
        parent_spare = _pid(spare)
    pid = os.fork()
    if pid == 0:  # the child: exit status 0 if it got a backend of its own
        code = 1
        try:
            with engine.connect() as spare:
                code = 0 if _pid(spare) != parent_spare else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 0
    with engine.connect() as spare:  # the parent's is still open, and still its own
        assert _pid(spare) == parent_spare
