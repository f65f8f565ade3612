"""Grouping's writes on PostgreSQL go in pipelines: queued by run(), sent before the next statement
(store/_sql.py defer_writes), dropped on ROLLBACK; nothing changes on SQLite."""

from __future__ import annotations

import pytest

from lagebild.store import Store, _sql
from lagebild.store.grouping import counter, lock_grouping


def _value(store: Store) -> int:
    row = _sql.first(store.db, "SELECT value FROM group_meta WHERE key = 'x'")
    return int(row[0]) if row else 0


def test_deferred_writes_are_seen_by_the_next_read_and_committed(store_url: str):
    with Store(store_url) as store:
        with store.begin() as conn:
            lock_grouping(conn)
            for _ in range(3):
                _sql.run(conn, "INSERT INTO group_meta (key, value) VALUES ('x', 1)"
                               " ON CONFLICT(key) DO UPDATE SET value = group_meta.value + 1")  # fmt: skip
            pending = conn.info.get(_sql._DEFERRED)
            if store.dialect == "postgresql":
                assert pending is not None and len(pending) == 3  # queued, not yet sent
            else:
                assert pending is None  # SQLite runs each at once
            assert counter(conn, "x") == 3  # a read sends the queue first
            _sql.run(conn, "UPDATE group_meta SET value = value + 10 WHERE key = 'x'")
        # the last write was still queued at COMMIT: sent before it
        assert _value(store) == 13
        assert _sql._DEFERRED not in store.db.info  # deferring ends with the transaction


def test_deferred_writes_are_dropped_on_rollback(store_url: str):
    with Store(store_url) as store:
        with pytest.raises(RuntimeError), store.begin() as conn:
            lock_grouping(conn)
            _sql.run(conn, "INSERT INTO group_meta (key, value) VALUES ('x', 5)")
            raise RuntimeError("stop")
        assert _value(store) == 0
        with store.begin() as conn:  # the next transaction does not defer unless asked
            _sql.run(conn, "INSERT INTO group_meta (key, value) VALUES ('x', 7)")
            assert _sql._DEFERRED not in conn.info
        assert _value(store) == 7


def test_a_failing_deferred_write_at_commit_rolls_back(store_url: str):
    with Store(store_url) as store:
        with pytest.raises(Exception), store.begin() as conn:  # noqa: B017 - either driver's error
            lock_grouping(conn)
            _sql.run(conn, "INSERT INTO group_meta (key, value) VALUES ('x', 1)")
            _sql.run(conn, "INSERT INTO group_meta (key, value) VALUES ('x', 2)")  # the same key twice
        assert _value(store) == 0  # nothing of the transaction stays
        with store.begin() as conn:  # and the connection takes the next one
            lock_grouping(conn)
            _sql.run(conn, "INSERT INTO group_meta (key, value) VALUES ('x', 3)")
        assert _value(store) == 3
