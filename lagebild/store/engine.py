"""Where a store lives: a file path or URL -> a SQLAlchemy engine with lagebild's settings.

A store is named by

* a file path (``lagebild.db``) or ``sqlite:///path/to/file.db``: SQLite, the default;
* ``postgresql://user:password@host:port/database`` (also ``postgres://`` and
  ``postgresql+psycopg://``): a PostgreSQL server, through the psycopg 3 driver
  (``pip install 'lagebild[postgres]'``);
* nothing: ``$LAGEBILD_DB``, else ``./lagebild.db``.

SQLite connections get the settings the store has always used (WAL, synchronous
NORMAL, foreign keys, a bounded journal); both dialects run in the driver's
autocommit mode, and the store begins and ends its own transactions.
"""

from __future__ import annotations

import os
import sqlite3
import weakref
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.pool import NullPool, QueuePool

from ..errors import StoreError

__all__ = [
    "ENV_DB",
    "WAL_LIMIT_BYTES",
    "Target",
    "connect_sqlite",
    "create_engine",
    "default_db_path",
    "parse_target",
]

ENV_DB = "LAGEBILD_DB"
# SQLite truncates a reset WAL back to this size.
WAL_LIMIT_BYTES = 16 * 1024 * 1024

_PG_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")

# The PostgreSQL engines that keep connections open between uses (``create_engine(spare=True)``):
# a forked child must not use its parent's server connections, so it forgets them.
_POOLED: weakref.WeakSet[sa.Engine] = weakref.WeakSet()


def _forget_pooled_after_fork() -> None:
    for engine in list(_POOLED):
        engine.dispose(close=False)  # (close=False: the sockets are the parent's)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_pooled_after_fork)


def default_db_path() -> str:
    """``$LAGEBILD_DB`` if set, else ``./lagebild.db``."""
    return os.environ.get(ENV_DB) or "lagebild.db"


@dataclass(frozen=True, slots=True)
class Target:
    """A parsed store location."""

    dialect: str  # "sqlite" | "postgresql"
    url: sa.URL
    path: str | None  # the SQLite file; None for a server

    @property
    def shown(self) -> str:
        """How to name it in messages: the file, or the URL without its password."""
        if self.path is not None:
            return self.path
        return self.url.set(drivername="postgresql").render_as_string(hide_password=True)


def is_url(target: str) -> bool:
    """Whether ``target`` is a database URL rather than a file path."""
    scheme, sep, _ = target.partition("://")
    return bool(sep) and scheme.replace("+", "").replace("-", "").isalnum() and len(scheme) <= 30


def parse_target(target: str | os.PathLike[str] | None = None) -> Target:
    """Read a path or URL (default: ``$LAGEBILD_DB`` or ``./lagebild.db``).

    Raises:
        StoreError: for a URL of another database or driver.
    """
    text = os.fspath(target) if target is not None else default_db_path()
    if not is_url(text):
        return Target("sqlite", sa.make_url("sqlite://").set(database=text), text)
    scheme = text.partition("://")[0].lower()
    if scheme in _PG_SCHEMES:
        try:
            url = sa.make_url("postgresql+psycopg://" + text.partition("://")[2])
        except sa.exc.ArgumentError as exc:
            raise StoreError(f"Cannot read the database URL {text!r}: {exc}") from None
        return Target("postgresql", url, None)
    if scheme == "sqlite":
        path = text.partition("://")[2]
        if not path.startswith("/") or path == "/":
            raise StoreError(
                f"Cannot read the database URL {text!r}: give sqlite:///FILE (three slashes)."
            )
        return Target("sqlite", sa.make_url("sqlite://").set(database=path[1:]), path[1:])
    raise StoreError(
        f"Unsupported database URL {text.partition('://')[0] + '://…'!r}: give a file path, "
        "sqlite:///FILE or postgresql://user@host/database."
    )


# Prepared statements the sqlite3 driver keeps per connection (its default: 128).  Grouping and
# the enrichment writer send ~500 distinct statement texts (``IN`` lists and multi-row ``VALUES``
# of several sizes, ``UNION ALL`` of one arm per entity); with 128 the least recently used were
# parsed and planned again and again (``lagebild enrich``: ~2 CPU ms more per article).
STATEMENT_CACHE = 1024


def connect_sqlite(
    path: str, *, readonly: bool = False, same_thread: bool = True
) -> sqlite3.Connection:
    """A SQLite connection with the store's settings (autocommit: the store issues BEGIN)."""
    if readonly:
        conn = sqlite3.connect(
            f"file:{path}?mode=ro",
            uri=True,
            timeout=30,
            isolation_level=None,
            check_same_thread=same_thread,
            cached_statements=STATEMENT_CACHE,
        )
    else:
        conn = sqlite3.connect(
            path, timeout=30, isolation_level=None, check_same_thread=same_thread,
            cached_statements=STATEMENT_CACHE,
        )  # fmt: skip
    conn.row_factory = sqlite3.Row
    if not readonly:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            # A WAL that was reset is truncated back to this size (else it stays at its peak).
            conn.execute(f"PRAGMA journal_size_limit={WAL_LIMIT_BYTES}")
        except sqlite3.Error:
            conn.close()
            raise
    return conn


def create_engine(
    target: Target, *, readonly: bool = False, same_thread: bool = True, spare: bool = False
) -> sa.Engine:
    """An engine for ``target``; each store holds one connection of it for its lifetime.

    ``spare`` (PostgreSQL): the engine keeps one more connection open once it has been used
    (a pool of two, checked with a ping when taken): hybrid search asks the vector index on it
    while the store's connection runs the keyword part
    (:func:`lagebild.store.search_index.nearest_apart`); without it every connection is opened
    for its use and closed after it.  A read-only engine's connections are all read-only.

    Raises:
        StoreError: the PostgreSQL driver is not installed.
    """
    if target.dialect == "sqlite":
        path = target.path or ""
        return sa.create_engine(
            "sqlite://",
            creator=lambda: connect_sqlite(path, readonly=readonly, same_thread=same_thread),
            poolclass=NullPool,
            isolation_level="AUTOCOMMIT",
        )
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise StoreError(
            f"A PostgreSQL store ({target.shown}) needs the psycopg driver: pip install 'lagebild[postgres]'."
        ) from None
    if not spare:
        return sa.create_engine(target.url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    engine = sa.create_engine(
        target.url, poolclass=QueuePool, pool_size=2, max_overflow=4, pool_pre_ping=True,
        isolation_level="AUTOCOMMIT",
    )  # fmt: skip
    if readonly:

        @sa.event.listens_for(engine, "connect")
        def _read_only(dbapi_connection: object, _record: object) -> None:
            with dbapi_connection.cursor() as cur:  # type: ignore[attr-defined]
                cur.execute("SET default_transaction_read_only = on")

    _POOLED.add(engine)
    return engine
