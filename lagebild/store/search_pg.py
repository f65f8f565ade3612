"""Search on PostgreSQL: the ``tsvector`` twin of FTS5 and pgvector's HNSW: the one module with their SQL.

Tables (``tables_search.py``): ``search_docs(seq, tsv)`` holds each article's *normalised*
words (folded, transliterated, stemmed, compound heads -- the same text the FTS5 index gets)
as a ``tsvector`` of the ``simple`` configuration (no stemming, no stop words: the words are
lagebild's already); title weighted ``A``, body ``B``, compound heads ``C``.  Queries arrive
as :class:`~lagebild.store.search_index.Clause` records and are spelled as a ``tsquery``
through the same ``simple`` parser, so a word splits the same way on both sides.

Ranking: ``ts_rank_cd`` (cover density) with the weights of SQLite's BM25 columns (title 3,
body 1, compound heads 0.5) and normalisation 1 (divided by ln(1 + the document's length); the
length is stored with the row, ``search_docs.len``, migration 0049, so that ``ts_rank_cd`` does
not count it on every call), over the newest matches only (``search_rank``).  It is not BM25 (no inverse
document frequency), so the order of hits can differ slightly from SQLite's; which articles
match does not.

Matches are read from the GIN index alone (``search_matches``, see ``tables_search``): the
planner would otherwise scan every row's ``tsvector`` for a frequent word.  The index is on
the narrow ``search_keys`` (migration 0044), which also holds the filter columns: a count and
a filter read small heap pages and no ``articles`` row per match; :func:`count` keeps the
newest ``NTH_HINT`` matches it read, and the :func:`ranking` that follows ranks them.

The search front asks :func:`newest_ranked` with a cap (``search_top_upto``, migration 0048):
a word that more articles hold than the search counts (1 000) is read from the newest
articles back, slice by slice of the seqs, until the newest ``MAX_RANKED`` (1 000) are found --
not every match.

Vectors: ``search_vectors(seq, embedding vector(512))`` with an HNSW index
(``vector_cosine_ops``); :func:`nearest` asks it, filters in the same statement (pgvector's
iterative index scan keeps a filtered query from running out of candidates).

Rows are named by ``articles.seq``, as on SQLite (where seq is the rowid itself).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import sqlalchemy as sa

from ..errors import StoreError

if TYPE_CHECKING:
    from .search_index import Clause

__all__ = [
    "count", "generation", "has_term", "hit_rows", "matching_among", "nearest", "newest_ranked", "nth_newest",
    "ranking",
    "spelling", "term_docs", "terms_between", "tsquery", "unindexed", "unindexed_vectors", "write",
    "write_spellings", "write_vector", "write_vectors",
]  # fmt: skip

log = logging.getLogger(__name__)

# (ts_rank_cd's weights of D, C, B, A -- compound heads (C) half of the body (B), the title (A)
# three times -- are in the function search_rank of tables_search.py, migration 0042.)
_TSV = (
    "setweight(to_tsvector('simple', :title), 'A') || setweight(to_tsvector('simple', :body), 'B')"
    " || setweight(to_tsvector('simple', :parts), 'C')"
)
# HNSW candidates per query (pgvector's default is 40; a query asks for up to a few hundred);
# 1000 with the graph of migration 0047 (m 32, ef_construction 200): recall@10 0.960 at 100 000
# near-duplicate articles (400: 0.897, 800: 0.955; the old graph at 1000: 0.902), docs/benchmarks.md.
_EF_MIN = 1000


def _quote(word: str) -> str:
    """A word as a quoted ``tsquery`` operand (no operator inside it is read as one)."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery(clauses: Iterable[Clause]) -> str:
    """The ``to_tsquery('simple', ...)`` text of the clauses: positive ones AND-ed, negated ones
    AND NOT-ed; a phrase's words follow each other (``<->``), a prefix is ``:*``.

    Raises:
        StoreError: no positive clause (as on SQLite, where FTS5 has no unary NOT).
    """
    pos: list[str] = []
    neg: list[str] = []
    for clause in clauses:
        alts: list[str] = []
        for phrase in clause.phrases:
            if not phrase:
                continue
            words = [_quote(w) for w in phrase]
            if clause.prefix:
                words[-1] += ":*"
            alts.append(" <-> ".join(words))
        if not alts:
            continue
        expr = "(" + " | ".join(f"({a})" for a in alts) + ")" if len(alts) > 1 else f"({alts[0]})"
        (neg if clause.negated else pos).append(expr)
    if not pos:
        raise StoreError(
            "A full-text query needs at least one word to look for (not only excluded ones)."
        )
    return " & ".join(pos + [f"!{n}" for n in neg])


_MARK = re.compile(r"\?")


def _where(where: str, args: Sequence[object]) -> tuple[str, dict[str, object]]:
    """A filter of ``store.browse.article_where`` (``?`` marks, ``"1"`` for none) with named
    parameters ``:f0, :f1, ...`` (none of its conditions holds a literal ``?``)."""
    if where == "1":
        return "", {}
    marks = iter(range(len(args)))
    sql = _MARK.sub(lambda _m: f":f{next(marks)}", where)
    return sql, {f"f{i}": v for i, v in enumerate(args)}


def _from(where: str, args: Sequence[object], params: dict[str, object], low: bool = False) -> str:
    """FROM of a full-text query over the matches ``m(seq)`` that hold the articles' filter
    (``search_matches``/``search_matches_where``: read from the GIN index and the narrow table
    ``search_keys`` alone, see ``tables_search``; with ``low``, only seqs of at least the
    parameter ``:low``); ``q`` is the tsquery."""
    bound = ", :low" if low else ""
    if where == "1":
        return f"FROM search_matches(to_tsquery('simple', :q){bound}) m(seq)"
    # the filter's values as elements of one text[] argument ($2 inside the function)
    marks = iter(range(1, len(args) + 1))
    params["cond"] = _MARK.sub(lambda _m: f"$2[{next(marks)}]", where)
    params["fargs"] = [str(v) for v in args]
    return (
        "FROM search_matches_where(to_tsquery('simple', :q), :cond, CAST(:fargs AS text[])"
        f"{bound}) m(seq)"
    )


def _run(conn: sa.Connection, sql: str, params: dict[str, object]) -> list[Any]:
    try:
        return list(conn.execute(sa.text(sql), params).all())
    except sa.exc.DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == "57014":  # a caller's statement_timeout ran out
            raise
        raise StoreError(
            f"The full-text index cannot run the query: {' '.join(str(exc.orig).split())[:300]}"
        ) from None


# -- writing -------------------------------------------------------------------------------

_WRITE = (
    f"WITH doc AS (INSERT INTO search_docs (seq, tsv) VALUES (:seq, {_TSV})"
    " ON CONFLICT (seq) DO UPDATE SET tsv = excluded.tsv RETURNING tsv)"
    " INSERT INTO search_terms (term) SELECT unnest(tsvector_to_array(tsv)) FROM doc ON CONFLICT DO NOTHING"
)


def write(conn: sa.Connection, seq: int, title: str, body: str, parts: str) -> None:
    """(Re)place the indexed words of the article ``seq``, add its words to the vocabulary
    and bump the index generation."""
    conn.execute(sa.text(_WRITE), {"seq": seq, "title": title, "body": body, "parts": parts})
    conn.execute(sa.text("SELECT nextval('search_generation')"))


def unindexed(conn: sa.Connection) -> list[tuple[int, str, str, str | None]]:
    """(seq, title, text, language) of the articles that are not in the index."""
    rows = conn.execute(
        sa.text(
            "SELECT a.seq, a.title, a.text, a.language FROM articles a"
            " WHERE NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.seq = a.seq) ORDER BY a.seq"
        )
    )
    return [tuple(r) for r in rows]  # type: ignore[misc]


def write_spellings(conn: sa.Connection, pairs: list[tuple[str, str]]) -> None:
    """Remember (normalised form, word with umlauts) pairs; the first one stays."""
    if pairs:
        # one per key (the first), sorted: concurrent writers lock the keys in one order
        pairs = sorted(dict(reversed(pairs)).items())
        conn.execute(
            sa.text(
                "INSERT INTO search_spellings (key, word)"
                " SELECT * FROM unnest(CAST(:k AS text[]), CAST(:w AS text[])) ON CONFLICT DO NOTHING"
            ),
            {"k": [k for k, _ in pairs], "w": [w for _, w in pairs]},
        )


def spelling(conn: sa.Connection, key: str) -> str | None:
    return conn.execute(
        sa.text("SELECT word FROM search_spellings WHERE key = :k"), {"k": key}
    ).scalar()


def _vector_text(vector: bytes | np.ndarray) -> str:
    vec = (
        np.frombuffer(vector, dtype="<f4")
        if isinstance(vector, bytes | bytearray | memoryview)
        else vector
    )
    return "[" + ",".join(map(repr, vec.astype(float).tolist())) + "]"


def _usable(vector: bytes | np.ndarray) -> bool:
    """Whether an embedding can go into pgvector (which refuses NaN and infinities): a damaged
    stored row stays out of semantic search instead of failing the article's transaction."""
    vec = np.frombuffer(vector, dtype="<f4") if isinstance(vector, bytes | bytearray | memoryview) else vector
    ok = bool(vec.size) and bool(np.isfinite(vec).all())
    if not ok:
        log.warning("an embedding with non-finite values is left out of semantic search")
    return ok


def write_vector(conn: sa.Connection, seq: int, vector: bytes | None) -> None:
    """(Re)place the embedding of the article ``seq`` (float32 bytes, as ``embeddings`` holds them;
    None or an unusable one: the article leaves the vector index)."""
    if vector is None or not _usable(vector):
        conn.execute(sa.text("DELETE FROM search_vectors WHERE seq = :seq"), {"seq": seq})
        return
    conn.execute(
        sa.text(
            "INSERT INTO search_vectors (seq, embedding) VALUES (:seq, CAST(:v AS vector))"
            " ON CONFLICT (seq) DO UPDATE SET embedding = excluded.embedding"
        ),
        {"seq": seq, "v": _vector_text(vector)},
    )


def write_vectors(conn: sa.Connection, rows: Iterable[tuple[int, bytes]]) -> int:
    """Write many new embeddings at once with ``COPY`` (a bulk load; the rows must not exist yet).
    Returns how many were written."""
    n = 0
    dbapi: Any = conn.connection.dbapi_connection
    with dbapi.cursor() as cur, cur.copy("COPY search_vectors (seq, embedding) FROM STDIN") as copy:
        for seq, vector in rows:
            if not _usable(vector):
                continue
            copy.write_row((seq, _vector_text(vector)))
            n += 1
    return n


def unindexed_vectors(conn: sa.Connection, dim: int) -> list[tuple[int, bytes]]:
    """(seq, float32 bytes) of the stored embeddings of dimension ``dim`` not in ``search_vectors``."""
    rows = conn.execute(
        sa.text(
            "SELECT a.seq, e.vector FROM embeddings e JOIN articles a ON a.id = e.article_id"
            " WHERE e.dim = :dim AND NOT EXISTS (SELECT 1 FROM search_vectors v WHERE v.seq = a.seq)"
            " ORDER BY a.seq"
        ),
        {"dim": dim},
    )
    return [(int(r[0]), bytes(r[1])) for r in rows]


# -- keyword queries -----------------------------------------------------------------------


def generation(conn: sa.Connection) -> tuple[int, int]:
    """A value that changes whenever the index is written: the generation sequence (bumped by
    every write) and the newest indexed article (which changes when a write is committed).

    (Two writers that commit out of order can leave a cache one write behind until the next
    write: the web's caches are per store generation as well.)
    """
    row = conn.execute(
        sa.text(
            "SELECT (SELECT last_value FROM search_generation), (SELECT max(seq) FROM search_docs)"
        )
    ).one()
    return int(row[0]), int(row[1] or 0)


def ranking(
    conn: sa.Connection, clauses: Iterable[Clause], where: str, args: Sequence[object], limit: int,
    min_seq: int | None = None,
) -> list[tuple[int, float]]:  # fmt: skip
    """(seq, score; higher is better) of the best ``limit`` matches that hold the filter
    (``where``/``args`` of ``article_where``) and, when given, have a seq of at least ``min_seq``.

    Right after :func:`count` of the same query (the search front's order), with the index
    unchanged since and ``min_seq`` what the count found (or none, when it found every match):
    the matches the count read on its way are ranked, not read again."""
    params: dict[str, object] = {"q": tsquery(clauses), "limit": limit}
    key = _key(conn, params["q"], where, args)
    seen = _SEEN.pop(key, None)
    if seen is not None:
        gen, total, seqs = seen
        if (min_seq is None and len(seqs) == total) or (
            min_seq is not None and len(seqs) == NTH_HINT and seqs[-1] == min_seq
        ):
            if gen == conn.execute(sa.text("SELECT last_value FROM search_generation")).scalar():
                params["seqs"] = seqs
                sql = (
                    "SELECT s.seq, s.r FROM search_rank(to_tsquery('simple', :q), CAST(:seqs AS bigint[])) s"
                    " ORDER BY s.r DESC, s.seq DESC LIMIT :limit"
                )
                return [(int(r[0]), float(r[1])) for r in _run(conn, sql, params)]
    if min_seq is not None:
        params["low"] = min_seq
    frm = _from(where, args, params, low=min_seq is not None)
    # the tsvectors of the matches only, read by seq, ranked (search_rank: tables_search)
    sql = (
        f"SELECT s.seq, s.r FROM search_rank(to_tsquery('simple', :q), ARRAY(SELECT m.seq {frm})) s"
        " ORDER BY s.r DESC, s.seq DESC LIMIT :limit"
    )
    return [(int(r[0]), float(r[1])) for r in _run(conn, sql, params)]


# The last counts (database, query, filter) -> (matches, highest indexed seq): how
# nth_newest chooses its plan (a stale entry costs time, never a wrong answer: each plan gives the same rows).
_COUNTS: dict[tuple[object, ...], tuple[int, int]] = {}
# The n-th newest match that count() found on its way, for the nth_newest() call that follows it
# (database, query, filter) -> (n, seq or None): the search front asks for the NTH_HINT-th
# (its window).
_NTH: dict[tuple[object, ...], tuple[int, int | None]] = {}
NTH_HINT = 2000
# The newest NTH_HINT matches that count() read, for the ranking() call that follows it:
# (database, query, filter) -> (index generation, matches, their seqs newest first).
_SEEN: dict[tuple[object, ...], tuple[int, int, list[int]]] = {}
_WALKED: dict[tuple[object, ...], int] = {}  # (database, query, filter) -> last n-th newest walked to
# Walk back over the newest articles when that reads at most a quarter of the index; rows read:
# the expected number for n matches, a quarter more, and 200.
_WALK_SHARE = 4
_WALK_EXTRA = 200


def _key(conn: sa.Connection, q: object, where: str, args: Sequence[object]) -> tuple[object, ...]:
    return (conn.engine.url.render_as_string(hide_password=True), q, where, repr(args))


def _remember(memo: dict[tuple[object, ...], Any], key: tuple[object, ...], value: object) -> None:
    if len(memo) > 256:
        memo.clear()
    memo[key] = value


def count(
    conn: sa.Connection, clauses: Iterable[Clause], where: str, args: Sequence[object]
) -> int:
    """How many articles that hold the filter match.

    The same reading of the matches gives the ``NTH_HINT``-th newest of them, kept for the
    :func:`nth_newest` call that follows (one bitmap scan of the GIN index and its heap pages
    instead of two: most of a frequent word's cost).
    """
    params: dict[str, object] = {"q": tsquery(clauses), "hint": NTH_HINT}
    # (one aggregate over the matches: a materialized CTE sorted for its newest ones took a
    # quarter longer at 100 000 articles, 29 against 23 ms for a word 17 000 of them hold)
    sql = (
        "SELECT count(*), (SELECT max(seq) FROM search_docs),"
        " (array_agg(m.seq ORDER BY m.seq DESC))[1:CAST(:hint AS int)],"
        f" (SELECT last_value FROM search_generation) {_from(where, args, params)}"
    )
    total, top, newest, gen = _run(conn, sql, params)[0]
    newest = newest or []
    key = _key(conn, params["q"], where, args)
    _remember(_COUNTS, key, (int(total), int(top or 0)))
    nth = int(newest[-1]) if len(newest) == NTH_HINT else None
    _remember(_NTH, key, (NTH_HINT, nth))
    _remember(_SEEN, key, (int(gen), int(total), [int(x) for x in newest]))
    return int(total)


def newest_ranked(
    conn: sa.Connection, clauses: Iterable[Clause], where: str, args: Sequence[object], n: int, limit: int,
    cap: int | None = None,
) -> tuple[int, int | None, list[tuple[int, float]]]:  # fmt: skip
    """What :func:`count`, :func:`nth_newest` (``n``) and :func:`ranking` (``limit``, from the
    ``n``-th newest on) answer, in one statement (``search_top``, migration 0046): (number of
    matches that hold the filter; seq of the ``n``-th newest, ``None`` when there are at most
    ``n``; (seq, score) of the best ``limit`` of the newest ``n``, best first).  The matches
    are read once, and neither they nor the newest ``n`` travel to the client: for a word
    that tens of thousands of articles hold, one round trip instead of three.

    ``cap``: the number is wanted exactly only up to ``cap``: the matches are read from the
    newest back only until more than ``max(n, cap)`` are found (``search_top_upto``, migration
    0048), and the number is then a lower bound above that -- a frequent word reads the
    newest few thousand of its matches, not all of them."""
    params: dict[str, object] = {"q": tsquery(clauses), "n": n, "lim": limit, "cond": None, "fargs": None}
    if where != "1":
        marks = iter(range(1, len(args) + 1))
        params["cond"] = _MARK.sub(lambda _m: f"$2[{next(marks)}]", where)
        params["fargs"] = [str(v) for v in args]
    call, upto = "search_top", ""
    if cap is not None:
        call, upto, params["upto"] = "search_top_upto", ", :upto", max(n, cap)
    sql = (
        f"SELECT t.total, t.nth, t.seqs, t.ranks FROM {call}(to_tsquery('simple', :q),"
        f" CAST(:cond AS text), CAST(:fargs AS text[]), :n, :lim, (SELECT max(seq) FROM search_docs){upto}) t"
    )
    total, nth, seqs, ranks = _run(conn, sql, params)[0]
    ranked = [(int(x), float(r)) for x, r in zip(seqs or [], ranks or [], strict=True)]
    return int(total), (None if nth is None else int(nth)), ranked


def nth_newest(
    conn: sa.Connection, clauses: Iterable[Clause], where: str, args: Sequence[object], n: int
) -> int | None:
    """The seq of the ``n``-th newest (highest seq) match, ``None`` when there are fewer.

    Right after :func:`count` of the same query (the search front's order) for ``n =
    NTH_HINT``: what the count found.  Otherwise a word that many articles hold (known from a
    count) is found by walking back from the newest article (``search_newest``, about ``n`` ×
    articles / matches rows read) instead of reading every match from the GIN index and its
    heap page.
    """
    q = tsquery(clauses)
    key = _key(conn, q, where, args)
    known = _NTH.pop(key, None)
    if known is not None and known[0] == n:  # found by count() just before
        return known[1]
    total, top = _COUNTS.get(key, (0, 0))
    if total >= n:
        budget = n * top // total * 5 // 4 + _WALK_EXTRA
        if budget * _WALK_SHARE <= top:
            low = top - budget
            cond, fargs = _where(where, args)
            params: dict[str, object] = {"q": q, "low": low, "skip": n - 1, **fargs}
            join = f" JOIN search_keys a ON a.seq = m.seq WHERE {cond}" if cond else ""
            rows = _run(
                conn,
                f"SELECT m.seq FROM search_newest(to_tsquery('simple', :q), :low) m(seq){join}"
                " ORDER BY m.seq DESC OFFSET :skip LIMIT 1",
                params,
            )
            if rows:
                _remember(_WALKED, key, int(rows[0][0]))
                return int(rows[0][0])
    params = {"q": q, "skip": n - 1}
    rows = _run(
        conn,
        f"SELECT m.seq {_from(where, args, params)} ORDER BY m.seq DESC OFFSET :skip LIMIT 1",
        params,
    )
    return int(rows[0][0]) if rows else None


def matching_among(conn: sa.Connection, clauses: Iterable[Clause], seqs: Sequence[int]) -> set[int]:
    """The seqs among ``seqs`` that match."""
    if not seqs:
        return set()
    params: dict[str, object] = {"q": tsquery(clauses), "seqs": [int(s) for s in seqs]}
    sql = "SELECT d.seq FROM search_docs d, to_tsquery('simple', :q) q WHERE d.seq = ANY(:seqs) AND d.tsv @@ q"
    return {int(r[0]) for r in _run(conn, sql, params)}


# -- did you mean --------------------------------------------------------------------------


def has_term(conn: sa.Connection, term: str) -> bool:
    """Whether the index's vocabulary holds the normalised word ``term``."""
    return (
        conn.execute(sa.text("SELECT 1 FROM search_terms WHERE term = :t"), {"t": term}).first()
        is not None
    )


def terms_between(
    conn: sa.Connection, low: str, high: str, min_len: int, max_len: int
) -> list[str]:
    """The vocabulary's words ``low <= term < high`` of ``min_len`` to ``max_len`` letters."""
    rows = conn.execute(
        sa.text(
            "SELECT term FROM search_terms WHERE term >= :low AND term < :high AND length(term) BETWEEN :a AND :b"
        ),
        {"low": low, "high": high, "a": min_len, "b": max_len},
    )
    return [r[0] for r in rows]


def term_docs(conn: sa.Connection, terms: Sequence[str]) -> dict[str, int]:
    """How many articles hold each word (one GIN lookup per word, no tsvector read; for a few
    candidates)."""
    out: dict[str, int] = {}
    for term in terms:
        sql = "SELECT count(*) FROM search_matches(to_tsquery('simple', :q))"
        out[term] = int(conn.execute(sa.text(sql), {"q": _quote(term)}).scalar() or 0)
    return out


def term_docs_newest(conn: sa.Connection, terms: Sequence[str], n: int) -> dict[str, tuple[int, list[int]]]:
    """:func:`term_docs` and the seqs of each word's newest ``n`` articles, newest first, in one
    statement: the count reads every match anyway, so the newest few cost nothing more ("did you
    mean" reads a candidate's spellings from them; asked apart, ``search_top_upto`` per word cost
    more than the count)."""
    if not terms:
        return {}
    sql = (
        "SELECT t.i, c.n, c.newest FROM unnest(CAST(:qs AS text[])) WITH ORDINALITY AS t(q, i),"
        " LATERAL (SELECT count(*) AS n, (array_agg(m.seq ORDER BY m.seq DESC))[1:CAST(:n AS int)] AS newest"
        " FROM search_matches(to_tsquery('simple', t.q)) m(seq)) c"
    )
    rows = _run(conn, sql, {"qs": [_quote(t) for t in terms], "n": n})
    out = {t: (0, []) for t in terms}
    for i, total, newest in rows:
        out[terms[int(i) - 1]] = (int(total or 0), [int(x) for x in newest or []])
    return out


# -- semantic search -----------------------------------------------------------------------


def nearest(
    conn: sa.Connection, q: np.ndarray, where: str, args: Sequence[object], k: int, ef: int | None = None,
    timeout: str | None = None,
) -> list[tuple[int, float]]:  # fmt: skip
    """(seq, cosine similarity) of about the ``k`` nearest embeddings (HNSW) among the articles
    that hold the filter, best first; ``ef``: the index's candidate list (``hnsw.ef_search``,
    default ``max(_EF_MIN, 2 k)``, at most 1 000); ``timeout``: the connection's
    ``statement_timeout`` is set to it first (in the same statement as those settings)."""
    ef = max(_EF_MIN, 2 * k) if ef is None else ef
    cond, params = _where(where, args)
    # Session settings (the store's connection is in autocommit mode): the candidate list, and
    # with a filter the iterative scan, which goes on past ef_search until k rows pass it.
    also = ", set_config('statement_timeout', :t, false)" if timeout is not None else ""
    conn.execute(
        sa.text(
            "SELECT set_config('hnsw.ef_search', :ef, false), set_config('hnsw.iterative_scan', 'relaxed_order', false)"
            + also
        ),
        {"ef": str(min(ef, 1000)), **({"t": timeout} if timeout is not None else {})},
    )
    params.update({"v": _vector_text(np.asarray(q, dtype=np.float32)), "k": k})
    join = f" JOIN articles a ON a.seq = v.seq WHERE {cond}" if cond else ""
    sql = (
        f"SELECT v.seq, v.embedding <=> CAST(:v AS vector) AS dist FROM search_vectors v{join}"
        " ORDER BY dist LIMIT :k"
    )
    try:
        rows = conn.execute(sa.text(sql), params).all()
    except sa.exc.DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == "57014":
            raise
        raise StoreError(
            f"The vector index cannot run the query: {' '.join(str(exc.orig).split())[:300]}"
        ) from None
    out = [(int(r[0]), 1.0 - float(r[1])) for r in rows]
    out.sort(key=lambda x: -x[1])  # (the relaxed order of a filtered scan)
    return out


# -- results ---------------------------------------------------------------------------------


def hit_rows(
    conn: sa.Connection, seqs: Sequence[int], text_chars: int, origins: bool = True
) -> dict[int, dict[str, Any]]:
    """The articles with these seqs (see ``search_index.hit_rows``)."""
    out: dict[int, dict[str, Any]] = {}
    rows = conn.execute(
        sa.text(
            "SELECT seq, id, title, substr(text, 1, :n), published, source, language FROM articles"
            " WHERE seq = ANY(:seqs)"
        ),
        {"n": text_chars, "seqs": [int(s) for s in seqs]},
    )
    for r in rows:
        out[int(r[0])] = {"id": r[1], "title": r[2], "text": r[3], "published": r[4], "source": r[5],
                          "language": r[6], "origins": []}  # fmt: skip
    by_id = {row["id"]: row for row in out.values()} if origins else {}
    if by_id:
        for aid, origin in conn.execute(
            sa.text(
                "SELECT article_id, origin FROM origins WHERE article_id = ANY(:ids) ORDER BY origin"
            ),
            {"ids": list(by_id)},
        ):
            by_id[aid]["origins"].append(origin)
    return out
