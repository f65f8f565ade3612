"""The PostgreSQL tables of grouping (duplicates, events, storylines, redirects, counters).

Defined on the one ``MetaData`` of ``tables.py``; ``migrate.py`` runs ``PG_STEPS``
(named, append-only, numbers 0030-0039) after the article and enrichment steps.
SQLite keeps its scripts in ``_schema_group.py`` (0101-0103); these tables are the
state after all of them, column for column (``tests/test_group_backends.py`` checks).

* ``group_articles``  — where each article was placed (duplicate canonical, event, day,
  MinHash signature); ``seq`` is the grouping order.
* ``dup_bands``       — LSH band hashes of canonical articles (signed 64-bit).
* ``events`` / ``event_entities``, ``storylines`` / ``storyline_entities`` — centroids and
  their entity index.  ``terms`` / ``entities`` stay JSON *text* (one object each, read and
  written whole by ``grouping.py``; no SQL looks inside them), embeddings ``bytea``.
* ``storyline_redirects`` — absorbed storyline id -> the storyline that absorbed it.
* ``term_df`` / ``entity_df`` / ``group_meta`` — document frequencies and counters.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    Table,
    Text,
)

from .tables import Key, metadata

__all__ = [
    "GROUP_TABLES",
    "PG_STEPS",
    "dup_bands",
    "entity_df",
    "event_entities",
    "events",
    "group_articles",
    "group_meta",
    "storyline_entities",
    "storyline_redirects",
    "storylines",
    "term_df",
]

group_articles = Table(
    "group_articles",
    metadata,
    Column("article_id", Key, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", BigInteger, nullable=False),  # order in which articles were grouped
    Column("duplicate_of", Key),  # canonical article id, NULL for a canonical one
    Column("event_id", Key, nullable=False),
    Column("day", Integer),  # event day (proleptic ordinal), NULL = undated
    Column("day_from", Text, nullable=False),  # text | published | none
    Column("minhash", LargeBinary),  # uint64 MinHash signature; NULL when no text
    Index("group_articles_event", "event_id"),
    Index("group_articles_dup", "duplicate_of"),
)

dup_bands = Table(
    "dup_bands",
    metadata,
    Column("band", Integer, nullable=False),
    Column("hash", BigInteger, nullable=False),
    Column("article_id", Key, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    PrimaryKeyConstraint("band", "hash", "article_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", Key, primary_key=True),  # ev-<first article id>
    Column("storyline_id", Key, nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("title", Text, nullable=False),  # title of the first canonical article
    Column("first_day", Integer),  # NULL = only undated articles
    Column("last_day", Integer),
    Column("size", Integer, nullable=False),  # canonical articles (duplicates not counted)
    Column("emb_sum", LargeBinary),  # float32 sum of member embeddings
    Column("n_emb", Integer, nullable=False),
    Column("terms", Text, nullable=False),  # JSON {term: weight}
    Column("entities", Text, nullable=False),  # JSON {entity id: articles}
    Column("sources", Integer),  # independent sources; NULL: not counted since the last change
    Index("events_last", "last_day"),
    Index("events_seq", "seq"),
    Index("events_storyline", "storyline_id"),
    Index("events_undated", "first_day", "seq"),
    Index("events_last_seq", "last_day", "seq"),
    Index("events_storyline_seq", "storyline_id", "seq"),
    Index("events_sources", "sources"),
)

event_entities = Table(
    "event_entities",
    metadata,
    Column("entity_id", Key, nullable=False),
    Column("event_id", Key, nullable=False),
    Column("day", Integer),
    Column("seq", BigInteger, nullable=False),
    PrimaryKeyConstraint("entity_id", "event_id"),
    Index("event_entities_day", "entity_id", "day"),
    Index("event_entities_seq", "entity_id", "seq"),
)

storylines = Table(
    "storylines",
    metadata,
    Column("id", Key, primary_key=True),  # st-<first event's article id>
    Column("seq", BigInteger, nullable=False),
    Column("first_day", Integer),
    Column("last_day", Integer),
    Column("events", Integer, nullable=False),
    Column("emb_sum", LargeBinary),
    Column("n_emb", Integer, nullable=False),
    Column("terms", Text, nullable=False),  # JSON {term: weight}
    Column("entities", Text, nullable=False),  # JSON {entity id: events}
    Column("sources", Integer),  # independent sources; NULL: not counted since the last change
    Index("storylines_sources", "sources"),
)

storyline_entities = Table(
    "storyline_entities",
    metadata,
    Column("entity_id", Key, nullable=False),
    Column("storyline_id", Key, nullable=False),
    Column("seq", BigInteger, nullable=False),  # last change of the storyline
    PrimaryKeyConstraint("entity_id", "storyline_id"),
    Index("storyline_entities_seq", "entity_id", "seq"),
)

term_df = Table(
    "term_df",
    metadata,
    Column("term", Key, primary_key=True),
    Column("df", Integer, nullable=False),
)

entity_df = Table(
    "entity_df",
    metadata,
    Column("entity_id", Key, primary_key=True),
    Column("df", Integer, nullable=False),
)

group_meta = Table(
    "group_meta",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", BigInteger, nullable=False),
)

storyline_redirects = Table(
    "storyline_redirects",
    metadata,
    Column("old_id", Key, primary_key=True),
    Column("new_id", Key, nullable=False),
    Column("seq", BigInteger, nullable=False),  # grouping step (group_meta 'articles')
    Column("kind", Text, nullable=False),  # merge | split
    Index("storyline_redirects_new", "new_id"),
)

# The grouping tables, in creation order.
GROUP_TABLES = [
    group_articles, dup_bands, events, event_entities, storylines, storyline_entities,
    term_df, entity_df, group_meta, storyline_redirects,
]  # fmt: skip

PG_STEPS: list[tuple[str, Callable[[sa.Connection], None]]] = [
    # SQLite: 0101_group, 0102_group_indexes, 0103_storyline_redirects
    ("0030_pg_group", lambda conn: metadata.create_all(conn, tables=GROUP_TABLES)),
    # SQLite: 0104_group_sources (a database made by 0030 now already has the columns)
    ("0031_pg_group_sources", lambda conn: _add_sources(conn)),
]


def _add_sources(conn: sa.Connection) -> None:
    for table in ("events", "storylines"):
        conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS sources integer")
        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {table}_sources ON {table} (sources)")
