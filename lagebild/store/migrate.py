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

# The article columns after migration 0012, in the order of the table: ``seq`` is SQLite's
# rowid itself (INTEGER PRIMARY KEY), ``id`` is UNIQUE NOT NULL (what the other tables'
# foreign keys refer to).  The full-text index (search_fts) writes its own rowid = seq.
_ARTICLES_BY_SEQ = """
CREATE TABLE articles_by_seq (
    seq             INTEGER PRIMARY KEY,  -- storage order: the rowid (search_fts.rowid = seq)
    id              TEXT NOT NULL UNIQUE, -- hash of the normalised cleaned body
    format          TEXT NOT NULL,        -- text | json | html | feed
    raw_sha256      TEXT NOT NULL REFERENCES raws(sha256),
    encoding        TEXT NOT NULL,        -- how raw bytes were decoded
    base            TEXT,                 -- text the cleaner started from; NULL = the raw text
    text            TEXT NOT NULL,        -- cleaned text, paragraphs separated by \\n
    title           TEXT NOT NULL,
    title_raw       TEXT NOT NULL,
    url             TEXT,
    source          TEXT,
    section         TEXT,
    published       TEXT,                 -- ISO date or NULL
    published_from  TEXT NOT NULL,        -- sidecar | record | html | feed | title | body | none
    dateline        TEXT,
    agencies        TEXT NOT NULL,        -- JSON list
    language        TEXT,
    flags           TEXT NOT NULL,        -- JSON list
    added_at        TEXT NOT NULL,
    section_predicted TEXT,               -- topic classifier's section
    content_key     TEXT                  -- sha256 of the normalised body (identity v2)
)"""
_ARTICLE_COLUMNS = (
    "id, format, raw_sha256, encoding, base, text, title, title_raw, url, source, section, published,"
    " published_from, dateline, agencies, language, flags, added_at, section_predicted, content_key"
)


def _articles_by_seq(conn: sqlite3.Connection) -> None:
    """Migration 0012: rebuild ``articles`` with ``seq INTEGER PRIMARY KEY`` (SQLite's way of
    naming the rowid: the same numbers and B-tree, no index between seq and the row).

    Each row keeps its rowid as seq, so the full-text index's rowids (and the vector index's
    files) still name the same articles.  The indexes on ``articles`` that other migrations
    made (whichever ran before this one) are made again on the new table; the unique index and
    the trigger of 0010 go (the primary key is both).  Runs with foreign keys off (dropping
    the old table would otherwise cascade to every article's rows) and checks them after.
    """
    have = {r[1] for r in conn.execute("PRAGMA table_info(articles)")} - {"seq"}
    if have != set(_ARTICLE_COLUMNS.replace(" ", "").split(",")):
        raise StoreError(f"Migration 0012 does not know the article columns {sorted(have)}")
    kept = [
        sql
        for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'articles' AND type IN ('index', 'trigger')"
            " AND sql IS NOT NULL AND name != 'articles_seq' ORDER BY rowid"
        )
    ]
    conn.execute(_ARTICLES_BY_SEQ)
    conn.execute(
        f"INSERT INTO articles_by_seq (seq, {_ARTICLE_COLUMNS}) SELECT rowid, {_ARTICLE_COLUMNS}"
        " FROM articles ORDER BY rowid"
    )
    conn.execute("DROP TABLE articles")
    conn.execute("ALTER TABLE articles_by_seq RENAME TO articles")
    for sql in kept:
        conn.execute(sql)
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise StoreError(f"Migration 0012 would break {len(broken)} foreign-key references: {broken[:3]}")


# SQLite scripts of the store layer itself (numbers 0011–0029), beside those of _schema*.py;
# a step that SQL alone cannot say (it reads the schema) is a function of the connection.
_SQLITE_STORE: list[tuple[str, str | Callable[[sqlite3.Connection], None]]] = [
    (
        "0011_article_entities_seq",
        """
        -- an article's entities in their order (PostgreSQL has no rowid); on SQLite rows
        -- written before, or rewritten by the entity merge, keep NULL and the rowid orders them
        ALTER TABLE article_entities ADD COLUMN seq INTEGER;
        """,
    ),
    ("0012_articles_by_seq", _articles_by_seq),
]
# Steps that rebuild a table others refer to: run with foreign keys off (checked after).
_WITHOUT_FOREIGN_KEYS = {"0012_articles_by_seq"}
SQLITE_MIGRATIONS: list[tuple[str, str | Callable[[sqlite3.Connection], None]]] = sorted(
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
    for name, step in SQLITE_MIGRATIONS:
        if name in done:
            continue
        # the pragma is a no-op inside a transaction: set it before BEGIN, restore it after
        fks = name in _WITHOUT_FOREIGN_KEYS and conn.execute("PRAGMA foreign_keys").fetchone()[0]
        if fks:
            conn.execute("PRAGMA foreign_keys=OFF")
        try:
            with begin():  # type: ignore[attr-defined]
                if callable(step):
                    step(conn)
                else:
                    for stmt in statements(step):
                        conn.execute(stmt)
                conn.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, now()))
        finally:
            if fks:
                conn.execute("PRAGMA foreign_keys=ON")
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
