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
]
