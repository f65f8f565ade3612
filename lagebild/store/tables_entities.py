"""The PostgreSQL tables of the cross-article entity merge, and the change log's trigger.

The same tables as SQLite's migrations 0301-0304 (``_schema_entities.py``, which
says what each holds), defined on the one ``MetaData`` of ``tables.py``;
``migrate.py`` runs ``PG_STEPS`` (named, append-only, numbers 0020-0029) after
the article and enrichment steps.  Differences from SQLite, each for a reason:

* ``entity_refs.seq`` -- an entity's place in its article (SQLite orders by rowid);
* ``entity_corrections.seq`` -- an identity column (SQLite: ``INTEGER PRIMARY KEY``);
* ids, names and types compare byte by byte (collation ``C``), so that the merge
  picks the same name for an id as on SQLite whatever the server's locale;
* ``entity_dirty`` (resolution ids changed since the last merge) is kept by one
  PL/pgSQL row trigger on ``entity_refs`` -- as on SQLite by triggers, so that no
  writer can forget it and a deleted article's refs (gone by cascade) count too.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    Identity,
    Index,
    Integer,
    PrimaryKeyConstraint,
    Table,
    Text,
)

from .json_lists import JSONList
from .tables import Key, metadata

__all__ = [
    "ENTITY_TABLES",
    "PG_STEPS",
    "entity_corrections",
    "entity_dirty",
    "entity_index",
    "entity_keys",
    "entity_map",
    "entity_merge_state",
    "entity_refs",
]

entity_refs = Table(
    "entity_refs",
    metadata,
    Column("article_id", Key, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("resolved_id", Key, nullable=False),  # the id resolution gave in this article
    Column("name", Key, nullable=False),
    Column("type", Key, nullable=False),
    Column("wikidata", Text),
    Column("role", Text),
    Column("aliases", JSONList(), nullable=False),  # the entity's aliases in this article
    Column("forms", JSONList(), nullable=False),  # name, aliases and mention texts
    Column("seq", Integer),  # place in the article (PostgreSQL; SQLite: rowid)
    PrimaryKeyConstraint("article_id", "resolved_id"),
    Index("entity_refs_id", "resolved_id"),
)

entity_map = Table(
    "entity_map",
    metadata,
    Column("resolved_id", Key, primary_key=True),
    Column("canonical", Key, nullable=False),
    Index("entity_map_canonical", "canonical"),
)

entity_corrections = Table(
    "entity_corrections",
    metadata,
    Column("seq", BigInteger, Identity(), primary_key=True),
    Column("kind", Text, nullable=False),  # merge | split
    Column("entity", Key, nullable=False),
    Column("other", Key, nullable=False),
    Column("added_at", Text, nullable=False),
)

entity_keys = Table(
    "entity_keys",
    metadata,
    Column("name", Key, nullable=False),
    Column("type", Key, nullable=False),
    Column("version", Integer, nullable=False),
    Column("key", Key, nullable=False),
    PrimaryKeyConstraint("name", "type"),
)

entity_index = Table(
    "entity_index",
    metadata,
    Column("resolved_id", Key, primary_key=True),
    Column("name", Key, nullable=False),
    Column("type", Key, nullable=False),
    Column("count", Integer, nullable=False),
    Column("family", Key, nullable=False),
    Column("auto", Key, nullable=False),
    Index("entity_index_family", "family"),
    Index("entity_index_auto", "auto"),
)

entity_dirty = Table("entity_dirty", metadata, Column("resolved_id", Key, primary_key=True))

entity_merge_state = Table(
    "entity_merge_state",
    metadata,
    Column("name", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

# The merge's tables, in creation order.
ENTITY_TABLES = [
    entity_refs,
    entity_map,
    entity_corrections,
    entity_keys,
    entity_index,
    entity_dirty,
    entity_merge_state,
]

# What resolution said about each article stored before this step: its article_entities
# rows (no merge rewrote them on PostgreSQL), forms = name, aliases, mention texts.
_BACKFILL = """
INSERT INTO entity_refs (article_id, resolved_id, name, type, wikidata, role, aliases, forms, seq)
SELECT ae.article_id, ae.entity_id, ae.name, e.type, e.wikidata, ae.role, ae.aliases,
    (SELECT jsonb_agg(f.form ORDER BY f.at) FROM (
        SELECT form, min(at) AS at FROM (
            SELECT ae.name AS form, 0::bigint AS at
            UNION ALL
            SELECT a.value, a.ordinality FROM jsonb_array_elements_text(ae.aliases)
                WITH ORDINALITY AS a(value, ordinality)
            UNION ALL
            SELECT m.text, 1000000000 + m.start FROM mentions m
                WHERE m.article_id = ae.article_id AND m.entity_id = ae.entity_id
        ) AS forms GROUP BY form
    ) AS f),
    ae.seq
FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
"""

_DIRTY_TRIGGER = """
CREATE FUNCTION entity_refs_dirty() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO entity_dirty (resolved_id) VALUES (OLD.resolved_id) ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO entity_dirty (resolved_id) VALUES (NEW.resolved_id) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$body$;
CREATE TRIGGER entity_refs_dirty AFTER INSERT OR UPDATE OR DELETE ON entity_refs
    FOR EACH ROW EXECUTE FUNCTION entity_refs_dirty();
"""


def _entity_merge(conn: sa.Connection) -> None:
    metadata.create_all(conn, tables=ENTITY_TABLES)
    conn.exec_driver_sql(_BACKFILL)  # before the trigger: the first merge is a full one anyway
    conn.exec_driver_sql(_DIRTY_TRIGGER)


PG_STEPS: list[tuple[str, Callable[[sa.Connection], None]]] = [
    # SQLite: 0301_entity_merge, 0303_entity_keys, 0304_entity_merge_index
    ("0020_pg_entity_merge", _entity_merge),
]
