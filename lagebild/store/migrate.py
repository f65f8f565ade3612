"""Named, append-only schema migrations, recorded in the ``migrations`` table.

SQLite: the SQL scripts of ``_schema.py`` (and the capabilities' ``_schema_*.py``),
all applied in name order, each in its own transaction.

PostgreSQL: named steps whose DDL comes from the SQLAlchemy ``MetaData`` in
``tables.py``; all pending steps run in one transaction under an advisory lock,
so two processes opening a new database at once do not race.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable

import sqlalchemy as sa

from ..errors import StoreError
from ._schema import MIGRATIONS as _SQLITE_SCRIPTS
from .articles import now
from .tables import ARTICLE_TABLES, ENRICHMENT_TABLES, metadata, migrations
from .tables_entities import PG_STEPS as _PG_ENTITIES
from .tables_group import PG_STEPS as _PG_GROUP
from .tables_search import PG_STEPS as _PG_SEARCH

__all__ = ["PG_MIGRATIONS", "SQLITE_MIGRATIONS", "migrate_postgresql", "migrate_sqlite"]

log = logging.getLogger(__name__)

# Any constant; the key of the advisory lock migrations take (pg_advisory_xact_lock).
_PG_MIGRATION_LOCK = 0x6C6167656269
PG_MIGRATIONS: list[tuple[str, Callable[[sa.Connection], None]]] = [
    # the article layer as tables.py defines it (the SQLite state after 0001–0010 of those tables)
    ("0010_pg_articles", lambda conn: metadata.create_all(conn, tables=ARTICLE_TABLES)),
    # the enrichment rows (SQLite: 0002, 0003, 0005, 0006, 0011, 0301, 0302 of those tables)
    ("0011_pg_enrichment", lambda conn: metadata.create_all(conn, tables=ENRICHMENT_TABLES)),
    # each capability's own tables (tables_entities.py, tables_group.py, tables_search.py)
    *_PG_ENTITIES,
    *_PG_GROUP,
    *_PG_SEARCH,
]

# SQLite scripts of the store layer itself (numbers 0011–0029), beside those of _schema*.py.
_SQLITE_STORE: list[tuple[str, str]] = [
    (
        "0011_article_entities_seq",
        """
        -- an article's entities in their order (PostgreSQL has no rowid); on SQLite rows
        -- written before, or rewritten by the entity merge, keep NULL and the rowid orders them
        ALTER TABLE article_entities ADD COLUMN seq INTEGER;
        """,
    ),
]
SQLITE_MIGRATIONS: list[tuple[str, str]] = sorted(
    _SQLITE_SCRIPTS + _SQLITE_STORE, key=lambda m: m[0]
)


def _newer(done: set[str], known: set[str], where: str) -> None:
    if done - known:
        raise StoreError(
            f"Database {where!r} was written by a newer lagebild (migrations "
            f"{sorted(done - known)}); upgrade lagebild to open it."
        )


def statements(sql: str) -> list[str]:
    """Split a script into statements (semicolons inside comments or strings are fine)."""
    out: list[str] = []
    buf = ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf)
            buf = ""
    if buf.strip():
        out.append(buf)
    return out


def migrate_sqlite(conn: sqlite3.Connection, where: str, begin: Callable[[], object]) -> None:
    """Apply the pending SQLite migrations; ``begin()`` is the store's write transaction."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL,"
        " applied_at TEXT NOT NULL)"
    )
    done = {r[0] for r in conn.execute("SELECT name FROM migrations")}
    _newer(done, {name for name, _ in SQLITE_MIGRATIONS}, where)
    for name, sql in SQLITE_MIGRATIONS:
        if name in done:
            continue
        with begin():  # type: ignore[attr-defined]
            for stmt in statements(sql):
                conn.execute(stmt)
            conn.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, now()))
        log.info("applied migration %s", name)


def migrate_postgresql(conn: sa.Connection, where: str) -> None:
    """Apply the pending PostgreSQL migrations, all in one transaction (DDL is transactional)."""
    conn.exec_driver_sql("BEGIN")
    try:
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_MIGRATION_LOCK)))
        migrations.create(conn, checkfirst=True)
        done = set(conn.execute(sa.select(migrations.c.name)).scalars())
        _newer(done, {name for name, _ in PG_MIGRATIONS}, where)
        for name, step in PG_MIGRATIONS:
            if name in done:
                continue
            step(conn)
            conn.execute(migrations.insert(), {"name": name, "applied_at": now()})
            log.info("applied migration %s", name)
    except BaseException:
        conn.exec_driver_sql("ROLLBACK")
        raise
    conn.exec_driver_sql("COMMIT")
