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
    Table,
    Text,
)

__all__ = ["ARTICLE_TABLES", "articles", "edits", "metadata", "migrations", "origins", "raws"]

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
    # Storage order, explicit. PostgreSQL: an identity column; SQLite: a column added by
    # migration 0010 (nullable there) that a trigger sets to the rowid, which the search
    # index (search_fts.rowid) still uses.
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
