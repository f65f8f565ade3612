"""Raw SQL in tests on either dialect: ``?`` placeholders on a SQLAlchemy connection.

The tests that write rows the way the grouping writes them (``store.begin()``) or read a
table back (``store.db``) use these instead of the ``sqlite3`` connection (``store.conn``),
so they run on SQLite and PostgreSQL alike (``pytest.mark.both_stores``, conftest.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa


def _named(sql: str, params: Sequence[Any]) -> tuple[sa.TextClause, dict[str, Any]]:
    marks = iter(range(len(params)))
    return sa.text(re.sub(r"\?", lambda _m: f":p{next(marks)}", sql)), {
        f"p{i}": v for i, v in enumerate(params)
    }


def run(conn: sa.Connection, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
    """Run one statement; its rows as tuples (none for a write)."""
    stmt, args = _named(sql, params)
    result = conn.execute(stmt, args)
    return [tuple(r) for r in result] if result.returns_rows else []


def run_many(conn: sa.Connection, sql: str, rows: Iterable[Sequence[Any]]) -> None:
    """Run one statement once per parameter row."""
    for params in rows:
        run(conn, sql, params)
