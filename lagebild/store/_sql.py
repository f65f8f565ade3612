"""Hand-written SQL with named parameters (``:name``) on either dialect, for the grouping layer.

The grouping store modules (``grouping.py``, ``stories.py``, ``timelines.py``,
``redirects.py``, ``outlets.py``) write plain SQL that SQLite and PostgreSQL both
accept and run it through these few functions, which take the store's SQLAlchemy
connection (``Store.db``):

* SQLite: the statement goes straight to the ``sqlite3`` driver under it (which reads
  ``:name`` parameters itself and keeps the prepared statement in its cache).  Grouping
  runs ~30 statements per placed article; SQLAlchemy's set-up of each execution would
  cost more than most of those statements do (``bench/bench_regroup.py``).
* PostgreSQL: ``sa.text`` (built once per statement text), executed by SQLAlchemy on psycopg.

Long generated lists (``IN (...)`` of hundreds of ids, multi-row ``VALUES``) are bound by
position on SQLite (:func:`in_list`, :func:`values_list`): sqlite3 binds ``?`` markedly faster
than hundreds of ``:name`` look-ups, and grouping sends ~1 000 such values per article.

Rows come back as tuples (``sqlite3.Row`` / SQLAlchemy ``Row``): index or unpack them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import sqlalchemy as sa

__all__ = ["Conn", "bind_list", "first", "in_list", "is_sqlite", "rows", "run", "values_list"]

# The store's SQLAlchemy connection; a raw sqlite3 one (``store.conn``) is still accepted
# while callers above the store move to ``store.db``.
Conn = sa.Connection | sqlite3.Connection
# Named parameters; a list only with the ``?`` marks in_list/values_list give on SQLite.
Params = Mapping[str, Any] | list[Any]

_text = lru_cache(maxsize=1024)(sa.text)


def is_sqlite(conn: Conn) -> bool:
    """Whether ``conn`` talks to SQLite (else PostgreSQL)."""
    return isinstance(conn, sqlite3.Connection) or conn.dialect.name == "sqlite"


def _execute(conn: Conn, sql: str, params: Params | None) -> Any:
    if isinstance(conn, sqlite3.Connection):
        return conn.execute(sql, params or {})
    if conn.dialect.name == "sqlite":
        return conn.connection.dbapi_connection.execute(sql, params or {})  # type: ignore[union-attr]
    return conn.execute(_text(sql), params or {})


def run(conn: Conn, sql: str, params: Params | None = None) -> None:
    """Execute one statement (writes: inside the caller's ``Store.begin()``)."""
    _execute(conn, sql, params)


def rows(conn: Conn, sql: str, params: Params | None = None) -> list[Any]:
    """Every row of a query."""
    return _execute(conn, sql, params).fetchall()  # type: ignore[no-any-return]


def first(conn: Conn, sql: str, params: Params | None = None) -> Any | None:
    """The first row of a query, or None."""
    return _execute(conn, sql, params).fetchone()


@lru_cache(maxsize=256)
def _marks(prefix: str, n: int) -> str:
    return ",".join(f":{prefix}{i}" for i in range(n))


@lru_cache(maxsize=256)
def _names(prefix: str, n: int) -> tuple[str, ...]:
    return tuple(f"{prefix}{i}" for i in range(n))


def bind_list(prefix: str, values: Iterable[Any]) -> tuple[str, dict[str, Any]]:
    """``(":p0,:p1,…", {"p0": …, "p1": …})`` for an ``IN (...)`` list (``prefix`` "p")."""
    vals = list(values)
    return _marks(prefix, len(vals)), dict(zip(_names(prefix, len(vals)), vals, strict=True))


def in_list(conn: Conn, values: Iterable[Any]) -> tuple[str, Params]:
    """Marks and parameters of an ``IN (...)`` list that is a statement's only parameters:
    ``?,?,…`` and a list on SQLite, ``:i0,:i1,…`` and a dict on PostgreSQL."""
    vals = list(values)
    if is_sqlite(conn):
        return _qmarks(len(vals), 1), vals
    return bind_list("i", vals)


def values_list(conn: Conn, rows: list[tuple[Any, ...]]) -> tuple[str, Params]:
    """``(…),(…)`` rows of a multi-row ``VALUES`` that holds a statement's only parameters."""
    n, width = len(rows), len(rows[0])
    flat = [x for r in rows for x in r]
    if is_sqlite(conn):
        return _qmarks(n, width), flat
    return _named_rows(n, width), dict(zip(_names("v", n * width), flat, strict=True))


@lru_cache(maxsize=256)
def _qmarks(n: int, width: int) -> str:
    if width == 1:
        return ",".join("?" * n)
    one = "(" + ",".join("?" * width) + ")"
    return ",".join([one] * n)


@lru_cache(maxsize=256)
def _named_rows(n: int, width: int) -> str:
    return ",".join(
        "(" + ",".join(f":v{r * width + c}" for c in range(width)) + ")" for r in range(n)
    )
