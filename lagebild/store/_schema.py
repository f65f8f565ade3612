"""Named, ordered schema migrations.  Append only: never edit a released one."""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_articles",
        """
        CREATE TABLE raws (
            sha256   TEXT PRIMARY KEY,          -- hash of the original bytes
            bytes    BLOB NOT NULL,             -- the input item, byte for byte
            size     INTEGER NOT NULL
        );
        CREATE TABLE articles (
            id              TEXT PRIMARY KEY,   -- hash of the normalised cleaned body
            format          TEXT NOT NULL,      -- text | json | html | feed
            raw_sha256      TEXT NOT NULL REFERENCES raws(sha256),
            encoding        TEXT NOT NULL,      -- how raw bytes were decoded
            base            TEXT,               -- text the cleaner started from; NULL = the raw text
            text            TEXT NOT NULL,      -- cleaned text, paragraphs separated by \\n
            title           TEXT NOT NULL,
            title_raw       TEXT NOT NULL,
            url             TEXT,
            source          TEXT,
            section         TEXT,
            published       TEXT,               -- ISO date or NULL
            published_from  TEXT NOT NULL,      -- sidecar | record | html | feed | title | body | none
            dateline        TEXT,
            agencies        TEXT NOT NULL,      -- JSON list
            language        TEXT,
            flags           TEXT NOT NULL,      -- JSON list
            added_at        TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_source ON articles(source);
        CREATE TABLE origins (
            article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            origin      TEXT NOT NULL,          -- path, path#L12 (JSONL line), path#3 (item), URL
            raw_sha256  TEXT NOT NULL REFERENCES raws(sha256),
            added_at    TEXT NOT NULL,
            PRIMARY KEY (origin, raw_sha256)
        );
        CREATE INDEX origins_article ON origins(article_id);
        CREATE TABLE edits (
            article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq         INTEGER NOT NULL,       -- order of the edit in the base text
            kind        TEXT NOT NULL,          -- removed | repaired
            reason      TEXT NOT NULL,
            before      TEXT NOT NULL,
            after       TEXT NOT NULL,
            start       INTEGER NOT NULL,       -- offset in the base text
            PRIMARY KEY (article_id, seq)
        );
        """,
    ),
    (
        "0002_enrichment",
        """
        CREATE TABLE entities (
            id          TEXT PRIMARY KEY,       -- Wikidata QID, or lb:<type>:<slug>
            name        TEXT NOT NULL,          -- canonical name
            type        TEXT NOT NULL,          -- PER | ORG | LOC | MISC
            wikidata    TEXT,
            aliases     TEXT NOT NULL           -- JSON list of every surface form seen
        );
        CREATE TABLE article_entities (
            article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            entity_id   TEXT NOT NULL REFERENCES entities(id),
            name        TEXT NOT NULL,          -- the name in this article
            role        TEXT,                   -- e.g. nationaler Sicherheitsberater der USA
            aliases     TEXT NOT NULL,          -- JSON list: forms used in this article
            PRIMARY KEY (article_id, entity_id)
        );
        CREATE INDEX article_entities_entity ON article_entities(entity_id);
        CREATE TABLE mentions (
            article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            entity_id   TEXT NOT NULL,
            text        TEXT NOT NULL,
            start       INTEGER NOT NULL,       -- offsets into articles.text
            "end"       INTEGER NOT NULL
        );
        CREATE INDEX mentions_article ON mentions(article_id);
        CREATE INDEX mentions_entity ON mentions(entity_id);
        CREATE TABLE sentences (
            article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq         INTEGER NOT NULL,
            start       INTEGER NOT NULL,
            "end"       INTEGER NOT NULL,
            date        TEXT,                   -- TIMEX3 value of the sentence's event date
            date_from   TEXT NOT NULL,          -- text | published | none
            PRIMARY KEY (article_id, seq)
        );
        CREATE TABLE quotes (
            article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq            INTEGER NOT NULL,
            kind           TEXT NOT NULL,       -- direct | indirect
            text           TEXT NOT NULL,
            start          INTEGER NOT NULL,
            "end"          INTEGER NOT NULL,
            cue            TEXT,
            speaker_text   TEXT,
            speaker_start  INTEGER,
            speaker_end    INTEGER,
            speaker_entity TEXT,
            PRIMARY KEY (article_id, seq)
        );
        CREATE INDEX quotes_speaker ON quotes(speaker_entity);
        CREATE TABLE times (
            article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq         INTEGER NOT NULL,
            text        TEXT NOT NULL,
            value       TEXT NOT NULL,          -- TIMEX3 value: 2024-06-24, 2024-W25, XXXX-11, PAST_REF
            type        TEXT NOT NULL,          -- DATE | TIME | DURATION | SET
            start       INTEGER NOT NULL,
            "end"       INTEGER NOT NULL,
            PRIMARY KEY (article_id, seq)
        );
        """,
    ),
    (
        "0003_embeddings",
        """
        CREATE TABLE embeddings (
            article_id  TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            model       TEXT NOT NULL,          -- e.g. use-multilingual-v3
            dim         INTEGER NOT NULL,
            vector      BLOB NOT NULL           -- float32, little-endian, L2-normalised
        );
        """,
    ),
]

MIGRATIONS.append(
    (
        "0004_section_predicted",
        """
        ALTER TABLE articles ADD COLUMN section_predicted TEXT;  -- topic classifier's section
        """,
    )
)

MIGRATIONS.append(
    (
        "0005_quote_speaker_entities",
        """
        ALTER TABLE quotes ADD COLUMN speaker_entities TEXT;  -- JSON list of ids (group speakers); NULL = [speaker_entity]
        """,
    )
)

MIGRATIONS.append(
    (
        "0006_quote_group_index",
        """
        -- group quotes are few: finding one member's group quotes reads only these rows
        CREATE INDEX IF NOT EXISTS quotes_groups ON quotes(article_id) WHERE speaker_entities IS NOT NULL;
        """,
    )
)

MIGRATIONS.append(
    (
        "0007_content_key",
        """
        -- Identity v2 (issue 15 item 7): sha256 of the body normalised without erasing
        -- signs (+/-, currency symbols, digits' punctuation).  An article keeps the id it
        -- was stored under (v1 ids: articles stored before this migration; their key is
        -- filled in when the store is opened); a new article's id is content_key[:16].
        ALTER TABLE articles ADD COLUMN content_key TEXT;
        CREATE INDEX articles_content_key ON articles(content_key);
        """,
    )
)

MIGRATIONS.append(
    (
        "0008_origin_metadata",
        """
        -- What each origin said about the article, where origins disagree (same body,
        -- other title, URL, source or date): NULL for origins stored before.
        ALTER TABLE origins ADD COLUMN title TEXT;
        ALTER TABLE origins ADD COLUMN url TEXT;
        ALTER TABLE origins ADD COLUMN source TEXT;
        ALTER TABLE origins ADD COLUMN published TEXT;
        """,
    )
)

MIGRATIONS.append(
    (
        "0010_article_seq",
        """
        -- Storage order as an explicit column (PostgreSQL has no rowid; lagebild/store/tables.py).
        -- On SQLite it equals the rowid, which the search index (search_fts.rowid) refers to.
        ALTER TABLE articles ADD COLUMN seq INTEGER;
        UPDATE articles SET seq = rowid;
        CREATE UNIQUE INDEX articles_seq ON articles(seq);
        -- every insert, whoever writes it, gets seq = its rowid
        CREATE TRIGGER articles_seq AFTER INSERT ON articles WHEN NEW.seq IS NULL BEGIN
            UPDATE articles SET seq = NEW.rowid WHERE rowid = NEW.rowid;
        END;
        """,
    )
)

# Later capabilities keep their migrations beside their code; all are applied in name order.
from ._schema_entities import MIGRATIONS as _ENTITIES  # noqa: E402
from ._schema_group import MIGRATIONS as _GROUP  # noqa: E402
from ._schema_search import MIGRATIONS as _SEARCH  # noqa: E402

MIGRATIONS = sorted(MIGRATIONS + _GROUP + _SEARCH + _ENTITIES, key=lambda m: m[0])
