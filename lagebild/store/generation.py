"""A store's generation: a value that changes whenever some connection commits.

Caches above the store (the web layer's) keep a value while the generation is
unchanged.  SQLite answers with ``PRAGMA data_version`` on one long-lived
read-only connection (its value is only comparable on the same connection);
the connection holds no transaction between calls, so it never pins the WAL.
PostgreSQL answers with the current snapshot (see :func:`.browse.generation`),
read on one connection of its own that is opened again if the server dropped it.
"""

from __future__ import annotations

import os
import sqlite3
import threading

import sqlalchemy as sa

from .browse import generation
from .engine import create_engine, parse_target

__all__ = ["GenerationWatch"]


class GenerationWatch:
    """The generation of one store, read on a connection of its own.

    Args:
        db_path: the store's file or URL; opened read-only on first use.
    """

    def __init__(self, db_path: str | os.PathLike[str]) -> None:
        self.db_path = os.fspath(db_path)
        self._target = parse_target(self.db_path)
        self._conn: sqlite3.Connection | None = None
        self._engine: sa.Engine | None = None
        self._db: sa.Connection | None = None
        self._lock = threading.Lock()

    def current(self) -> int | str:
        """The generation now (thread-safe)."""
        with self._lock:
            if self._target.dialect == "sqlite":
                # every cached request asks: the driver directly, without SQLAlchemy's layer
                if self._conn is None:
                    path = self._target.path or self.db_path
                    self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
                return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
            try:
                return generation(self._connection())
            except sa.exc.DBAPIError:  # the server closed it (restart, idle timeout): once more
                self._close()
                return generation(self._connection())

    def _connection(self) -> sa.Connection:
        if self._db is None:
            self._engine = create_engine(self._target, readonly=True, same_thread=False)
            self._db = self._engine.connect()
        return self._db

    def _close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._db is not None:
            try:
                self._db.close()
            except sa.exc.DBAPIError:
                pass
            self._db = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def close(self) -> None:
        with self._lock:
            self._close()
