"""PostgreSQL keyword search reads its matches from the GIN index, never by scanning every row.

The planner does not count the cost of reading each ``tsvector`` (kilobytes, out of line)
and, for a word most articles hold, prefers a sequential scan that reads every one of them:
at 10 000 articles 168 ms instead of 3 ms for a count.  ``search_matches`` (migration 0042,
``tables_search``) runs the match with sequential and plain index scans off; the count, the
n-th newest match, the ranking and the vocabulary counts of did-you-mean go through it.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from lagebild.clean import clean
from lagebild.model import Article
from lagebild.search._query import parse
from lagebild.store import Store, search_pg

N = 120


def _scans(conn: sa.Connection) -> int:
    """Sequential scans of ``search_docs`` in this transaction so far."""
    return int(
        conn.execute(
            sa.text("SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = 'search_docs'")
        ).scalar()
        or 0
    )


@pytest.fixture
def pg_store(pg_server):
    url = pg_server.new_database()
    with Store(url) as store:
        for i in range(1, N + 1):
            raw = f"Meldung {i}\n\nDie Regierung meldet Nummer {i}.\n"
            a = clean(Article(origins=[f"mem:{i}"], raw=raw, raw_bytes=raw.encode(), base=raw))
            a.source, a.language = ("dw" if i % 3 == 0 else "afp"), "de"
            assert store.add(a) == "added"
        with store.begin() as conn:
            seqs = [r[0] for r in conn.execute(sa.text("SELECT seq FROM articles ORDER BY seq"))]
            for k, seq in enumerate(seqs):
                # every article holds "regier"; every fourth also "wien"
                words = " ".join(f"wort{j}" for j in range(200))
                search_pg.write(conn, seq, "regier" + (" wien" if k % 4 == 0 else ""), words, "")
        store.db.exec_driver_sql("ANALYZE")
        yield store, seqs
    pg_server.drop_database(url)


def test_pg_keyword_statements_never_scan_every_row(pg_store):
    store, seqs = pg_store
    clauses = parse("Regierung").clauses
    q = search_pg.tsquery(clauses)
    with store.begin() as conn:
        # the planner alone scans the table for a word every row holds (what the test guards)
        conn.execute(sa.text("SELECT count(*) FROM search_docs WHERE tsv @@ to_tsquery('simple', :q)"), {"q": q})
        before = _scans(conn)
        assert before >= 1
        assert search_pg.count(conn, clauses, "1", []) == N
        assert search_pg.nth_newest(conn, clauses, "1", [], 10) == seqs[-10]
        ranked = search_pg.ranking(conn, clauses, "1", [], 5, min_seq=seqs[-20])
        assert len(ranked) == 5 and all(s >= seqs[-20] for s, _ in ranked)
        assert search_pg.term_docs(conn, ["regier", "wien"]) == {"regier": N, "wien": N // 4}
        # filtered (the articles' own filter joins the matches)
        where, args = "a.source = ?", ["dw"]
        assert search_pg.count(conn, clauses, where, args) == N // 3
        assert _scans(conn) == before


def test_pg_keyword_results_equal_a_plain_query(pg_store):
    store, seqs = pg_store
    clauses = parse("Regierung Wien").clauses
    q = search_pg.tsquery(clauses)
    with store.begin() as conn:
        plain = [
            r[0]
            for r in conn.execute(
                sa.text("SELECT seq FROM search_docs WHERE tsv @@ to_tsquery('simple', :q) ORDER BY seq"), {"q": q}
            )
        ]
        assert len(plain) == N // 4
        assert search_pg.count(conn, clauses, "1", []) == len(plain)
        assert search_pg.nth_newest(conn, clauses, "1", [], 3) == plain[-3]
        assert search_pg.nth_newest(conn, clauses, "1", [], len(plain) + 1) is None
        ranked = search_pg.ranking(conn, clauses, "1", [], 100)
        assert sorted(s for s, _ in ranked) == plain
        low = plain[-5]
        assert sorted(s for s, _ in search_pg.ranking(conn, clauses, "1", [], 100, min_seq=low)) == plain[-5:]


def test_pg_search_docs_keep_tsvectors_in_the_row(pg_store):
    store, _ = pg_store
    storage = store.db.execute(
        sa.text(
            "SELECT attstorage FROM pg_attribute WHERE attrelid = 'search_docs'::regclass AND attname = 'tsv'"
        )
    ).scalar()
    assert storage == "m"


@pytest.mark.parametrize(
    ("query", "where", "args"),
    [("Regierung", "1", []), ("Regierung Wien", "1", []), ("Regierung", "a.source = ?", ["dw"])],
)
def test_pg_frequent_word_walks_back_from_the_newest(pg_store, monkeypatch, query, where, args):
    """A word many articles hold: the n-th newest match is found by reading the articles from the
    newest back (search_newest, migration 0043) instead of every match; the count found the
    NTH_HINT-th newest on its way.  The same answers as the plain query and the GIN path."""
    store, _ = pg_store
    monkeypatch.setattr(search_pg, "_WALK_EXTRA", 0)  # (120 articles: the margin alone would be all)
    monkeypatch.setattr(search_pg, "_WALKED", {})
    clauses = parse(query).clauses
    q = search_pg.tsquery(clauses)
    join = " JOIN articles a ON a.seq = d.seq AND a.source = 'dw'" if args else ""
    with store.begin() as conn:
        plain = [
            r[0]
            for r in conn.execute(
                sa.text(f"SELECT d.seq FROM search_docs d{join} WHERE d.tsv @@ to_tsquery('simple', :q) ORDER BY d.seq"),
                {"q": q},
            )
        ]
        assert search_pg.count(conn, clauses, where, args) == len(plain) >= 30
        assert search_pg.nth_newest(conn, clauses, where, args, 5) == plain[-5]
        assert list(search_pg._WALKED.values()) == [plain[-5]]  # walked, not read from the GIN index
        ranked = search_pg.ranking(conn, clauses, where, args, 100, min_seq=plain[-5])
        assert sorted(s for s, _ in ranked) == plain[-5:]
        search_pg._WALKED.clear()
        assert search_pg.nth_newest(conn, clauses, where, args, len(plain)) == plain[0]  # too far back: GIN
        assert not search_pg._WALKED
        # the count reads the NTH_HINT-th newest on its way, for the nth_newest call after it
        monkeypatch.setattr(search_pg, "NTH_HINT", 7)
        assert search_pg.count(conn, clauses, where, args) == len(plain)
        monkeypatch.setattr(search_pg, "_run", None)  # (no statement runs for it)
        assert search_pg.nth_newest(conn, clauses, where, args, 7) == plain[-7]
        assert not search_pg._WALKED
