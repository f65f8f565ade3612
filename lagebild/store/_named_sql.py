"""Hand-written SQL with named parameters (``:name``) on either dialect, behind one handle.

For store modules whose queries are many and small (the entity merge): the same
SQL text runs through SQLAlchemy on PostgreSQL and straight on the ``sqlite3``
connection under the SQLAlchemy one on SQLite, where each statement takes a few
microseconds -- less than SQLAlchemy takes to set up an execution (the merge
runs thousands of them; ``bench/bench_merge.py``).  Where the dialects differ
(JSON lists, ordering by storage order, locks) the caller asks :attr:`Db.pg`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import sqlalchemy as sa

__all__ = ["Db", "in_list"]

Params = Mapping[str, Any]


def _cursor(raw: sqlite3.Connection) -> sqlite3.Cursor:
    """A cursor giving plain tuples, as on PostgreSQL (the store's connection gives ``sqlite3.Row``)."""
    cur = raw.cursor()
    cur.row_factory = None
    return cur


@lru_cache(maxsize=512)
def _text(sql: str) -> sa.TextClause:
    return sa.text(sql)


class Db:
    """One connection, either dialect (an ``sa.Connection``, or a raw ``sqlite3`` one).

    Transactions are the caller's (``Store.begin()``); this only runs statements.
    """

    __slots__ = ("pg", "raw", "sa")

    def __init__(self, conn: sa.Connection | sqlite3.Connection) -> None:
        if isinstance(conn, sqlite3.Connection):
            self.raw: sqlite3.Connection | None = conn
            self.sa: sa.Connection | None = None
        else:
            dbapi = conn.connection.dbapi_connection
            self.raw = dbapi if isinstance(dbapi, sqlite3.Connection) else None
            self.sa = conn
        self.pg = self.raw is None

    def all(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]:
        """Every row of a query, as tuples."""
        if self.raw is not None:
            return _cursor(self.raw).execute(sql, params or {}).fetchall()
        assert self.sa is not None
        return [tuple(r) for r in self.sa.execute(_text(sql), dict(params or {})).all()]

    def one(self, sql: str, params: Params | None = None) -> tuple[Any, ...] | None:
        """The first row of a query, or None."""
        if self.raw is not None:
            return _cursor(self.raw).execute(sql, params or {}).fetchone()  # type: ignore[no-any-return]
        assert self.sa is not None
        row = self.sa.execute(_text(sql), dict(params or {})).first()
        return None if row is None else tuple(row)

    def run(self, sql: str, params: Params | None = None) -> None:
        """Execute one statement."""
        if self.raw is not None:
            self.raw.execute(sql, params or {})
            return
        assert self.sa is not None
        self.sa.execute(_text(sql), dict(params or {}))

    def many(self, sql: str, rows: Sequence[Params]) -> None:
        """Execute one statement for each of ``rows`` (nothing when there are none)."""
        if not rows:
            return
        if self.raw is not None:
            self.raw.executemany(sql, rows)
            return
        assert self.sa is not None
        self.sa.execute(_text(sql), [dict(r) for r in rows])

    def json(self, value: Any) -> Any:
        """A JSON list (or dict) as a parameter: JSON text on SQLite, ``jsonb`` on PostgreSQL."""
        if self.pg:
            from psycopg.types.json import Jsonb

            return Jsonb(value)
        return json.dumps(value, ensure_ascii=False)

    @staticmethod
    def load(value: Any) -> Any:
        """A JSON column's value as Python (SQLite gives text, PostgreSQL's ``jsonb`` a list)."""
        return json.loads(value) if isinstance(value, str | bytes) else value


def in_list(values: Iterable[Any], prefix: str = "k") -> tuple[str, dict[str, Any]]:
    """``:k0,:k1,…`` and its parameters, for one ``IN (...)`` list."""
    params = {f"{prefix}{i}": v for i, v in enumerate(values)}
    return ",".join(f":{k}" for k in params), params
