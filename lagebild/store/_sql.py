"""Hand-written SQL with named parameters (``:name``) on either dialect: the one runner.

The grouping store modules (``grouping.py``, ``stories.py``, ``timelines.py``,
``redirects.py``, ``outlets.py``), the web's (``browse.py``, ``briefing.py``) and the
entity merge (``entities.py``, ``names.py``, through :class:`Db`) write plain SQL that SQLite and PostgreSQL both
accept and run it through these few functions, which take the store's SQLAlchemy
connection (``Store.db``):

* SQLite: the statement goes straight to the ``sqlite3`` driver under it (which reads
  ``:name`` parameters itself and keeps the prepared statement in its cache).  Grouping
  runs ~30 statements per placed article; SQLAlchemy's set-up of each execution would
  cost more than most of those statements do (``bench/bench_regroup.py``).
* PostgreSQL: ``sa.text`` compiled once per statement text (:func:`_driver_sql`), executed by
  SQLAlchemy's ``exec_driver_sql`` on psycopg.

Long generated lists (``IN (...)`` of hundreds of ids, multi-row ``VALUES``) are bound by
position on SQLite (:func:`in_list`, :func:`values_list`): sqlite3 binds ``?`` markedly faster
than hundreds of ``:name`` look-ups, and grouping sends ~1 000 such values per article.

Rows come back as tuples (``sqlite3.Row`` / SQLAlchemy ``Row``): index or unpack them;
:class:`Db` gives plain tuples on both and converts JSON lists (text on SQLite, ``jsonb``
on PostgreSQL).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import sqlalchemy as sa

__all__ = [
    "Conn", "Db", "bind_list", "defer_writes", "first", "flush_writes", "in_list", "is_sqlite", "rows", "run",
    "values_list",
]  # fmt: skip

# The store's SQLAlchemy connection; a raw sqlite3 one (``store.conn``) is still accepted
# while callers above the store move to ``store.db``.
Conn = sa.Connection | sqlite3.Connection
# Named parameters; a list only with the ``?`` marks in_list/values_list give on SQLite.
Params = Mapping[str, Any] | list[Any]

_text = lru_cache(maxsize=1024)(sa.text)


def is_sqlite(conn: Conn) -> bool:
    """Whether ``conn`` talks to SQLite (else PostgreSQL)."""
    return isinstance(conn, sqlite3.Connection) or conn.dialect.name == "sqlite"


@lru_cache(maxsize=1024)
def _driver_sql(sql: str, dialect: sa.Dialect) -> str:
    """``sql`` with the driver's parameter marks (``%(name)s``, ``%`` doubled), compiled once.

    ``conn.execute(sa.text(sql))`` compiles the text again on every execution (a regular
    expression over it, work per bind parameter: grouping binds hundreds of values per
    article); the compiled string goes to ``exec_driver_sql``, which returns the same rows.
    """
    return str(_text(sql).compile(dialect=dialect))


def _pg_execute(conn: sa.Connection, sql: str, params: Any) -> Any:
    if not params:  # no parameters: the driver would not undouble a ``%``
        return conn.execute(_text(sql))
    return conn.exec_driver_sql(_driver_sql(sql, conn.dialect), params)


def _execute(conn: Conn, sql: str, params: Params | None) -> Any:
    if isinstance(conn, sqlite3.Connection):
        return conn.execute(sql, params or {})
    if conn.dialect.name == "sqlite":
        return conn.connection.dbapi_connection.execute(sql, params or {})  # type: ignore[union-attr]
    return _pg_execute(conn, sql, dict(params or {}))


def run(conn: Conn, sql: str, params: Params | None = None) -> None:
    """Execute one statement (writes: inside the caller's ``Store.begin()``).

    After :func:`defer_writes` (PostgreSQL), the statement is queued instead and sent with
    the others in one pipeline before the connection's next statement of any kind.
    """
    if not isinstance(conn, sqlite3.Connection):
        queue = conn.info.get(_DEFERRED)
        if queue is not None:
            queue.append((_driver_sql(sql, conn.dialect), dict(params or {})))
            return
    _execute(conn, sql, params)


# -- deferred writes (PostgreSQL) ----------------------------------------------------------
_DEFERRED = "lagebild_deferred_writes"


def defer_writes(conn: Conn) -> None:
    """Until this transaction ends, let :func:`run` queue its statements (PostgreSQL only).

    Statements whose results nobody reads (grouping's inserts and updates: several per placed
    article) then cost one round trip together: the queue goes to the server in one psycopg
    pipeline right before the connection's next statement (any statement: SQLAlchemy's
    ``before_cursor_execute``), ``COMMIT`` included, so every read sees every write before
    it.  ``ROLLBACK`` drops the queue.  An error of a queued statement is raised at that
    next statement, inside the same transaction (which then rolls back as before).
    Nothing to do on SQLite (no round trips).
    """
    if is_sqlite(conn):
        return
    assert isinstance(conn, sa.Connection)
    if not sa.event.contains(conn, "before_cursor_execute", _flush_before):
        sa.event.listen(conn, "before_cursor_execute", _flush_before)
    conn.info.setdefault(_DEFERRED, [])


def _flush_before(
    conn: sa.Connection, _cursor: Any, statement: str, _params: Any, _context: Any, _many: bool
) -> None:
    queue = conn.info.get(_DEFERRED)
    if queue is None:
        return
    end = statement.strip().upper()
    if end in ("COMMIT", "ROLLBACK"):
        conn.info.pop(_DEFERRED, None)  # the transaction ends: so does deferring
        if end == "ROLLBACK":
            return
    if not queue:
        return
    try:
        flush_writes(conn, queue)
    except Exception:
        if end == "COMMIT":  # the caller's COMMIT fails here, after its ROLLBACK path: end it ourselves
            raw = conn.connection.dbapi_connection
            assert raw is not None
            raw.execute("ROLLBACK")  # type: ignore[attr-defined]
        raise


def flush_writes(conn: sa.Connection, queue: list[tuple[str, dict[str, Any]]] | None = None) -> None:
    """Send the queued statements now, in one pipeline (one round trip)."""
    queue = conn.info.get(_DEFERRED) if queue is None else queue
    if not queue:
        return
    items = list(queue)
    queue.clear()
    raw = conn.connection.dbapi_connection
    assert raw is not None
    with raw.pipeline(), raw.cursor() as cur:  # type: ignore[attr-defined]
        for sql, params in items:
            cur.execute(sql, params)


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


# -- one handle for modules with many small statements (the entity merge) ----------------

def _cursor(raw: sqlite3.Connection) -> sqlite3.Cursor:
    """A cursor giving plain tuples, as on PostgreSQL (the store's connection gives ``sqlite3.Row``)."""
    cur = raw.cursor()
    cur.row_factory = None
    return cur


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
        return [tuple(r) for r in _pg_execute(self.sa, sql, dict(params or {})).all()]

    def one(self, sql: str, params: Params | None = None) -> tuple[Any, ...] | None:
        """The first row of a query, or None."""
        if self.raw is not None:
            return _cursor(self.raw).execute(sql, params or {}).fetchone()  # type: ignore[no-any-return]
        assert self.sa is not None
        row = _pg_execute(self.sa, sql, dict(params or {})).first()
        return None if row is None else tuple(row)

    def run(self, sql: str, params: Params | None = None) -> None:
        """Execute one statement."""
        if self.raw is not None:
            self.raw.execute(sql, params or {})
            return
        assert self.sa is not None
        _pg_execute(self.sa, sql, dict(params or {}))

    def many(self, sql: str, rows: Sequence[Params]) -> None:
        """Execute one statement for each of ``rows`` (nothing when there are none)."""
        if not rows:
            return
        if self.raw is not None:
            self.raw.executemany(sql, rows)
            return
        assert self.sa is not None
        self.sa.exec_driver_sql(_driver_sql(sql, self.sa.dialect), [dict(r) for r in rows])

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
