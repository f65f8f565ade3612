"""The core article tables as one SQLAlchemy ``MetaData``, for SQLite and PostgreSQL.

``raws`` (original bytes by hash), ``articles`` (cleaned text and metadata),
``origins`` (every path or URL an article was read from, with what it said),
``edits`` (the cleaner's log) and ``migrations``.

On PostgreSQL these definitions are the DDL (``metadata.create_all`` in
migration ``0010_pg_articles``).  On SQLite the same tables come from the named
SQL migrations in ``_schema.py`` (so that a database written by an older
lagebild opens and migrates); ``tests/test_store_backends.py`` checks that
both give the same columns.  Later capabilities (enrichment, grouping,
search) add their tables here as they move to SQLAlchemy Core.

The enrichment tables (``entities``, ``article_entities``, ``mentions``,
``sentences``, ``quotes``, ``times``, ``embeddings``) follow: on PostgreSQL
migration ``0011_pg_enrichment`` creates them; on SQLite they come from
``0002_enrichment`` and the columns later migrations added.  JSON lists are
:class:`~lagebild.store.json_lists.JSONList` (``jsonb`` / JSON text);
embeddings are bytes (BYTEA / BLOB; pgvector is a later step).  The entity
merge tables (``entity_refs``, ``entity_map``, ...) stay SQLite-only for now.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    SmallInteger,
    Table,
    Text,
    text,
)

from .json_lists import JSONList

__all__ = [
    "ARTICLE_TABLES",
    "ENRICHMENT_TABLES",
    "article_entities",
    "articles",
    "edits",
    "embeddings",
    "entities",
    "mentions",
    "metadata",
    "migrations",
    "origins",
    "quotes",
    "raws",
    "sentences",
    "times",
]

metadata = MetaData()

# Ids, hashes and origins compare byte by byte on both databases (a PostgreSQL server's
# default collation would order and range-match them by the server's locale).
Key = Text().with_variant(Text(collation="C"), "postgresql")

migrations = Table(
    "migrations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, unique=True, nullable=False),
    Column("applied_at", Text, nullable=False),
)

raws = Table(
    "raws",
    metadata,
    Column("sha256", Key, primary_key=True),  # hash of the original bytes
    Column("bytes", LargeBinary, nullable=False),  # the input item, byte for byte (BLOB / BYTEA)
    Column("size", Integer, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Key, primary_key=True),  # content_key[:16] (identity v2) or a v1 id
    Column("format", Text, nullable=False),  # text | json | html | feed
    Column("raw_sha256", Key, ForeignKey("raws.sha256"), nullable=False),
    Column("encoding", Text, nullable=False),  # how raw bytes were decoded
    Column("base", Text),  # text the cleaner started from; NULL = the raw text
    Column("text", Text, nullable=False),  # cleaned text, paragraphs separated by \n
    Column("title", Text, nullable=False),
    Column("title_raw", Text, nullable=False),
    Column("url", Text),
    Column("source", Text),
    Column("section", Text),
    Column("published", Text),  # ISO date or NULL
    Column(
        "published_from", Text, nullable=False
    ),  # sidecar | record | html | feed | title | body | none
    Column("dateline", Text),
    Column("agencies", Text, nullable=False),  # JSON list
    Column("language", Text),
    Column("flags", Text, nullable=False),  # JSON list
    Column("added_at", Text, nullable=False),
    Column("section_predicted", Text),  # topic classifier's section
    Column("content_key", Key),  # sha256 of the normalised body (identity v2)
    # Storage order, explicit. PostgreSQL: an identity column (id stays the primary key);
    # SQLite: ``seq INTEGER PRIMARY KEY``, the rowid itself, with id UNIQUE NOT NULL
    # (migration 0012_articles_by_seq); the full-text index's rowid is the seq.
    Column("seq", BigInteger, Identity(), nullable=False),
    Index("articles_published", "published"),
    Index("articles_source", "source"),
    Index("articles_content_key", "content_key"),
    Index("articles_seq", "seq", unique=True),
)

origins = Table(
    "origins",
    metadata,
    Column("article_id", Key, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("origin", Key, nullable=False),  # path, path#L12 (JSONL line), path#3 (item), URL
    Column("raw_sha256", Key, ForeignKey("raws.sha256"), nullable=False),
    Column("added_at", Text, nullable=False),
    # what this origin said, where origins of one body disagree (NULL: stored before 0008)
    Column("title", Text),
    Column("url", Text),
    Column("source", Text),
    Column("published", Text),
    PrimaryKeyConstraint("origin", "raw_sha256"),
    Index("origins_article", "article_id"),
)

edits = Table(
    "edits",
    metadata,
    Column("article_id", Key, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),  # order of the edit in the base text
    Column("kind", Text, nullable=False),  # removed | repaired
    Column("reason", Text, nullable=False),
    Column("before", Text, nullable=False),
    Column("after", Text, nullable=False),
    Column("start", Integer, nullable=False),  # offset in the base text
    PrimaryKeyConstraint("article_id", "seq"),
)

# The tables of the article layer, in creation order.
ARTICLE_TABLES = [raws, articles, origins, edits]

# -- enrichment (SQLite: migrations 0002, 0003, 0005, 0006, 0011, 0301, 0302) --------------
entities = Table(
    "entities",
    metadata,
    Column("id", Key, primary_key=True),  # Wikidata QID, or lb:<type>:<slug>
    Column("name", Text, nullable=False),  # canonical name
    Column("type", Text, nullable=False),  # PER | ORG | LOC | MISC
    Column("wikidata", Text),
    Column("aliases", JSONList(), nullable=False),  # every surface form seen
)

article_entities = Table(
    "article_entities",
    metadata,
    Column("article_id", Key, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("entity_id", Key, ForeignKey("entities.id"), nullable=False),
    Column("name", Text, nullable=False),  # the name in this article
    Column("role", Text),  # e.g. nationaler Sicherheitsberater der USA
    Column("aliases", JSONList(), nullable=False),  # forms used in this article
    # order in the article. PostgreSQL has no rowid to keep it; SQLite orders by rowid
    # (rows before 0011, and rows the entity merge rewrites, have NULL here)
    Column("seq", Integer),
    PrimaryKeyConstraint("article_id", "entity_id"),
    Index("article_entities_entity", "entity_id"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("article_id", Key, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("entity_id", Key, nullable=False),  # canonical id
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),  # offsets into articles.text
    Column("end", Integer, nullable=False),
    Column("resolved_id", Key),  # the id resolution gave; NULL: entity_id
    Column("actor", SmallInteger, nullable=False, server_default=text("0")),  # a place acting
    Index("mentions_article", "article_id"),
    Index("mentions_entity", "entity_id"),
)

sentences = Table(
    "sentences",
    metadata,
    Column("article_id", Key, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("date", Text),  # TIMEX3 value of the sentence's event date
    Column("date_from", Text, nullable=False),  # text | published | none
    PrimaryKeyConstraint("article_id", "seq"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("article_id", Key, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("kind", Text, nullable=False),  # direct | indirect
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("cue", Text),
    Column("speaker_text", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("speaker_entity", Key),
    # ids of a group speaker; NULL = [speaker_entity] (ASCII-escaped JSON text on SQLite, as always)
    Column("speaker_entities", JSONList(ascii=True)),
    Column("speaker_raw", JSONList(ascii=True)),  # resolution ids; NULL: none
    PrimaryKeyConstraint("article_id", "seq"),
    Index("quotes_speaker", "speaker_entity"),
    # group quotes are few: finding one member's group quotes reads only these rows
    Index(
        "quotes_groups",
        "article_id",
        sqlite_where=text("speaker_entities IS NOT NULL"),
        postgresql_where=text("speaker_entities IS NOT NULL"),
    ),
)

times = Table(
    "times",
    metadata,
    Column("article_id", Key, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", Text, nullable=False),  # TIMEX3 value: 2024-06-24, 2024-W25, XXXX-11, PAST_REF
    Column("type", Text, nullable=False),  # DATE | TIME | DURATION | SET
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    PrimaryKeyConstraint("article_id", "seq"),
)

embeddings = Table(
    "embeddings",
    metadata,
    Column("article_id", Key, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("model", Text, nullable=False),  # e.g. use-multilingual-v3
    Column("dim", Integer, nullable=False),
    Column("vector", LargeBinary, nullable=False),  # float32, little-endian, L2-normalised
)

# The enrichment tables, in creation order.
ENRICHMENT_TABLES = [entities, article_entities, mentions, sentences, quotes, times, embeddings]
