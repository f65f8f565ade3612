"""A store's generation: a number that changes whenever some connection commits.

Caches above the store (the web layer's) keep a value while the generation is
unchanged.  SQLite answers with ``PRAGMA data_version`` on one long-lived
read-only connection (its value is only comparable on the same connection);
the connection holds no transaction between calls, so it never pins the WAL.
"""

from __future__ import annotations

import os
import sqlite3
import threading

from .browse import generation

__all__ = ["GenerationWatch"]


class GenerationWatch:
    """The generation of one database file, read on a connection of its own.

    Args:
        db_path: the store's file; opened read-only on first use.
    """

    def __init__(self, db_path: str | os.PathLike[str]) -> None:
        self.db_path = os.fspath(db_path)
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def current(self) -> int:
        """The generation now (thread-safe)."""
        with self._lock:
            if self._conn is None:
                self._conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, check_same_thread=False)
            return generation(self._conn)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
