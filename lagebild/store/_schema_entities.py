"""Migrations of cross-article entity merging: names 03xx_*.

Enrichment gives each article's entities a resolution id (a gazetteer QID or
``lb:<type>:<slug>``); across articles several ids can name one actor
(``Stoiber`` / ``Edmund Stoiber``).  The store keeps what resolution said in
``entity_refs`` (and ``mentions.resolved_id``, ``quotes.speaker_raw``) and
writes the *canonical* id into ``article_entities``, ``mentions`` and ``quotes``,
which every reader (grouping, web, briefs, export) uses:

* ``entity_refs`` -- one row per entity of an article as resolution gave it;
* ``entity_map`` -- resolution id -> canonical id, only where they differ
  (computed by :func:`lagebild.enrich.merge.merge_store`);
* ``entity_corrections`` -- an analyst's ``lagebild merge``/``split``, in order;
  applied after the automatic merge every time it is computed.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0301_entity_merge",
        """
        CREATE TABLE entity_refs (
            article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            resolved_id TEXT NOT NULL,          -- the id resolution gave in this article
            name        TEXT NOT NULL,
            type        TEXT NOT NULL,
            wikidata    TEXT,
            role        TEXT,
            aliases     TEXT NOT NULL,          -- JSON list: the entity's aliases in this article
            forms       TEXT NOT NULL,          -- JSON list: name, aliases and mention texts
            PRIMARY KEY (article_id, resolved_id)
        );
        CREATE INDEX entity_refs_id ON entity_refs(resolved_id);
        INSERT INTO entity_refs (article_id, resolved_id, name, type, wikidata, role, aliases, forms)
            SELECT ae.article_id, ae.entity_id, ae.name, e.type, e.wikidata, ae.role, ae.aliases,
                (SELECT json_group_array(DISTINCT m.text) FROM mentions m
                 WHERE m.article_id = ae.article_id AND m.entity_id = ae.entity_id)
            FROM article_entities ae JOIN entities e ON e.id = ae.entity_id;
        CREATE TABLE entity_map (
            resolved_id TEXT PRIMARY KEY,
            canonical   TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE entity_corrections (
            seq       INTEGER PRIMARY KEY,
            kind      TEXT NOT NULL,            -- merge | split
            entity    TEXT NOT NULL,            -- merge: the id that stays; split: the entity
            other     TEXT NOT NULL,            -- merge: the id that joins it; split: the alias
            added_at  TEXT NOT NULL
        );
        ALTER TABLE mentions ADD COLUMN resolved_id TEXT;  -- NULL: entity_id
        ALTER TABLE quotes ADD COLUMN speaker_raw TEXT;    -- JSON list of resolution ids; NULL: none
        UPDATE quotes SET speaker_raw = coalesce(speaker_entities, json_array(speaker_entity))
            WHERE speaker_entity IS NOT NULL;
        """,
    ),
    (
        "0302_mention_actor",
        """
        -- 1: a place acting as its government ("Pjöngjang warnte", "Frankreich fordert")
        ALTER TABLE mentions ADD COLUMN actor INTEGER NOT NULL DEFAULT 0;
        """,
    ),
    (
        "0303_entity_keys",
        """
        -- lagebild.enrich.merge.merge_key of each (name, type), computed once: merging a large
        -- corpus then costs a GROUP BY, not a key per name.  Keys of another version of the
        -- key function (merge.KEY_VERSION) are not used (and replaced).
        CREATE TABLE entity_keys (
            name     TEXT NOT NULL,
            type     TEXT NOT NULL,
            version  INTEGER NOT NULL,
            key      TEXT NOT NULL,
            PRIMARY KEY (name, type)
        ) WITHOUT ROWID;
        """,
    ),
]

MIGRATIONS.append(
    (
        "0304_entity_merge_index",
        """
        -- Incremental cross-article merging (lagebild.enrich.merge.merge_store): the merge is a
        -- union of independent "families" (all person keys ending in one surname; any other
        -- key alone), so a merge run only recomputes the families of the resolution ids that
        -- changed since the last one.
        -- entity_index: each resolution id as the last merge saw it (its most frequent name and
        -- type, in how many articles, its family, and its canonical id by the automatic merge
        -- before the analyst's corrections).
        CREATE TABLE entity_index (
            resolved_id TEXT PRIMARY KEY,
            name        TEXT NOT NULL,
            type        TEXT NOT NULL,
            count       INTEGER NOT NULL,
            family      TEXT NOT NULL,
            auto        TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX entity_index_family ON entity_index(family);
        CREATE INDEX entity_index_auto ON entity_index(auto);
        CREATE INDEX entity_map_canonical ON entity_map(canonical);
        -- resolution ids whose articles changed since the last merge (kept by triggers, so no
        -- writer of entity_refs can forget it; a deleted article's refs go by cascade)
        CREATE TABLE entity_dirty (resolved_id TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TRIGGER entity_refs_dirty_insert AFTER INSERT ON entity_refs BEGIN
            INSERT OR IGNORE INTO entity_dirty (resolved_id) VALUES (new.resolved_id);
        END;
        CREATE TRIGGER entity_refs_dirty_delete AFTER DELETE ON entity_refs BEGIN
            INSERT OR IGNORE INTO entity_dirty (resolved_id) VALUES (old.resolved_id);
        END;
        CREATE TRIGGER entity_refs_dirty_update AFTER UPDATE ON entity_refs BEGIN
            INSERT OR IGNORE INTO entity_dirty (resolved_id) VALUES (old.resolved_id);
            INSERT OR IGNORE INTO entity_dirty (resolved_id) VALUES (new.resolved_id);
        END;
        -- which version of the merge built entity_index; another one (or none: a store from
        -- before this migration) makes the next merge a full rebuild
        CREATE TABLE entity_merge_state (
            name  TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
    )
)
