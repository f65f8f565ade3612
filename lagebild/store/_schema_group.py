"""Migrations of the grouping layer (duplicates, events, storylines): names 01xx_*.

All grouping state lives in these tables, so that assigning a new article after
a restart needs no rebuild and touches only a bounded number of rows:

* ``group_articles``  — one row per grouped article: its duplicate canonical,
  event, event day and MinHash signature (written in the same transaction as
  the article's events/storylines rows, so an article is grouped wholly or not).
* ``dup_bands``       — the LSH band hashes of canonical articles (indexed).
* ``events`` / ``event_entities`` — event centroids (embedding sum, TF-IDF term
  weights, entity counts) and an entity → event index for candidate lookup.
* ``storylines`` / ``storyline_entities`` — the same one level up.
* ``storyline_redirects`` — absorbed storyline id -> the storyline that absorbed it.
* ``term_df`` / ``entity_df`` / ``group_meta`` — document frequencies for
  TF-IDF and entity weights, and counters.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0101_group",
        """
        CREATE TABLE group_articles (
            article_id    TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            seq           INTEGER NOT NULL,       -- order in which articles were grouped
            duplicate_of  TEXT,                   -- canonical article id, NULL for a canonical one
            event_id      TEXT NOT NULL,
            day           INTEGER,                -- event day (proleptic ordinal), NULL = undated
            day_from      TEXT NOT NULL,          -- text | published | none
            minhash       BLOB                    -- uint64 MinHash signature; NULL when no text
        );
        CREATE INDEX group_articles_event ON group_articles(event_id);
        CREATE INDEX group_articles_dup ON group_articles(duplicate_of);
        CREATE TABLE dup_bands (
            band        INTEGER NOT NULL,
            hash        INTEGER NOT NULL,
            article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (band, hash, article_id)
        ) WITHOUT ROWID;
        CREATE TABLE events (
            id            TEXT PRIMARY KEY,       -- ev-<first article id>
            storyline_id  TEXT NOT NULL,
            seq           INTEGER NOT NULL,
            title         TEXT NOT NULL,          -- title of the first canonical article
            first_day     INTEGER,                -- NULL = only undated articles
            last_day      INTEGER,
            size          INTEGER NOT NULL,       -- canonical articles (duplicates not counted)
            emb_sum       BLOB,                   -- float32 sum of member embeddings
            n_emb         INTEGER NOT NULL,
            terms         TEXT NOT NULL,          -- JSON {term: weight}, top terms of the TF-IDF sum
            entities      TEXT NOT NULL           -- JSON {entity id: articles}
        );
        CREATE INDEX events_last ON events(last_day);
        CREATE INDEX events_seq ON events(seq);
        CREATE INDEX events_storyline ON events(storyline_id);
        CREATE TABLE event_entities (
            entity_id  TEXT NOT NULL,
            event_id   TEXT NOT NULL,
            day        INTEGER,
            seq        INTEGER NOT NULL,
            PRIMARY KEY (entity_id, event_id)
        ) WITHOUT ROWID;
        CREATE INDEX event_entities_day ON event_entities(entity_id, day);
        CREATE INDEX event_entities_seq ON event_entities(entity_id, seq);
        CREATE TABLE storylines (
            id         TEXT PRIMARY KEY,          -- st-<first event's article id>
            seq        INTEGER NOT NULL,
            first_day  INTEGER,
            last_day   INTEGER,
            events     INTEGER NOT NULL,
            emb_sum    BLOB,
            n_emb      INTEGER NOT NULL,
            terms      TEXT NOT NULL,             -- JSON {term: weight}
            entities   TEXT NOT NULL              -- JSON {entity id: events}
        );
        CREATE TABLE storyline_entities (
            entity_id     TEXT NOT NULL,
            storyline_id  TEXT NOT NULL,
            seq           INTEGER NOT NULL,       -- last change of the storyline
            PRIMARY KEY (entity_id, storyline_id)
        ) WITHOUT ROWID;
        CREATE INDEX storyline_entities_seq ON storyline_entities(entity_id, seq);
        CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE entity_df (entity_id TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE group_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
        """,
    ),
    (
        "0102_group_indexes",
        """
        -- the latest undated events and the latest events of a window, without scanning
        CREATE INDEX events_undated ON events(first_day, seq);
        CREATE INDEX events_last_seq ON events(last_day, seq);
        CREATE INDEX events_storyline_seq ON events(storyline_id, seq);
        """,
    ),
    (
        "0103_storyline_redirects",
        """
        -- stable storyline ids: a storyline absorbed by a late merge keeps resolving to the
        -- one that absorbed it (lagebild/store/redirects.py)
        CREATE TABLE storyline_redirects (
            old_id  TEXT PRIMARY KEY,
            new_id  TEXT NOT NULL,
            seq     INTEGER NOT NULL,        -- grouping step (group_meta 'articles') of the change
            kind    TEXT NOT NULL            -- merge | split
        ) WITHOUT ROWID;
        CREATE INDEX storyline_redirects_new ON storyline_redirects(new_id);
        """,
    ),
    (
        "0104_group_sources",
        """
        -- each event's and storyline's independent sources (present/sources.py), as its detail
        -- page counts them; NULL: not counted since its last change (grouping sets NULL when it
        -- places an article or moves events; lagebild.group.count_sources fills them in)
        ALTER TABLE events ADD COLUMN sources INTEGER;
        ALTER TABLE storylines ADD COLUMN sources INTEGER;
        CREATE INDEX events_sources ON events(sources);
        CREATE INDEX storylines_sources ON storylines(sources);
        """,
    ),
]
