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

from lagebild.search._query import parse
from lagebild.store import Store, search_pg

from ._meldungen import add_meldung, stored_seqs

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
            add_meldung(store, i)
        with store.begin() as conn:
            seqs = stored_seqs(conn)
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
        # (the fixture's writes may have scanned search_keys in this transaction already:
        # the trigger's lookups on a table not yet analysed)
        keys_before = conn.execute(
            sa.text("SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = 'search_keys'")
        ).scalar()
        assert search_pg.count(conn, clauses, "1", []) == N
        assert search_pg.nth_newest(conn, clauses, "1", [], 10) == seqs[-10]
        ranked = search_pg.ranking(conn, clauses, "1", [], 5, min_seq=seqs[-20])
        assert len(ranked) == 5 and all(s >= seqs[-20] for s, _ in ranked)
        assert search_pg.term_docs(conn, ["regier", "wien"]) == {"regier": N, "wien": N // 4}
        # filtered (the articles' own filter joins the matches)
        where, args = "a.source = ?", ["dw"]
        assert search_pg.count(conn, clauses, where, args) == N // 3
        assert _scans(conn) == before
        # nor of search_keys, where the GIN index is since migration 0044
        keys = conn.execute(
            sa.text("SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = 'search_keys'")
        ).scalar()
        assert keys == keys_before


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


def _reads(conn: sa.Connection, table: str) -> int:
    """Scans (sequential and by index) of ``table`` in this transaction so far."""
    row = conn.execute(
        sa.text("SELECT seq_scan, idx_scan FROM pg_stat_xact_user_tables WHERE relname = :t"), {"t": table}
    ).one()
    return int(row[0] or 0) + int(row[1] or 0)


@pytest.mark.parametrize(("where", "args"), [("1", []), ("a.source = ?", ["dw"])])
def test_pg_count_and_filter_read_the_narrow_table_only(pg_store, where, args):
    """Migration 0044: the GIN index lives on the narrow ``search_keys`` (seq, filter columns,
    the tsvector out of line), so a count reads small heap pages and a filter is checked there,
    with no lookup into ``articles`` or ``search_docs`` per match (the old layout did both)."""
    store, seqs = pg_store
    clauses = parse("Regierung").clauses
    dw = {s for s in seqs if store.db.execute(sa.text("SELECT source FROM articles WHERE seq = :s"), {"s": s}).scalar() == "dw"}
    with store.begin() as conn:
        before = {t: _reads(conn, t) for t in ("articles", "search_docs")}
        assert search_pg.count(conn, clauses, where, args) == (len(dw) if args else N)
        after = {t: _reads(conn, t) for t in ("articles", "search_docs")}
        assert after["articles"] == before["articles"]
        assert after["search_docs"] - before["search_docs"] == 1  # its highest seq, one index probe
        storage = conn.execute(
            sa.text("SELECT attstorage FROM pg_attribute WHERE attrelid = 'search_keys'::regclass AND attname = 'tsv'")
        ).scalar()
        assert storage == "e"


def test_pg_search_keys_follow_their_articles(pg_store):
    """The triggers keep ``search_keys`` equal to ``search_docs`` and the articles' filter
    columns: a rewritten text, a changed source and a deleted article."""
    store, seqs = pg_store
    clauses = parse("Wien").clauses
    with store.begin() as conn:
        seq = seqs[1]  # (k = 1: no "wien" in its title)
        assert seq not in search_pg.matching_among(conn, clauses, [seq])
        search_pg.write(conn, seq, "wien", "", "")
        assert seq in {r[0] for r in conn.execute(sa.text("SELECT m FROM search_matches(to_tsquery('simple', 'wien')) m"))}
        conn.execute(sa.text("UPDATE articles SET source = 'orf' WHERE seq = :s"), {"s": seq})
        assert search_pg.count(conn, clauses, "a.source = ?", ["orf"]) == 1
        conn.execute(sa.text("DELETE FROM search_docs WHERE seq = :s"), {"s": seqs[2]})
        conn.execute(sa.text("DELETE FROM articles WHERE seq = :s"), {"s": seqs[3]})
        docs = [r[0] for r in conn.execute(sa.text("SELECT seq FROM search_docs ORDER BY seq"))]
        keys = [r[0] for r in conn.execute(sa.text("SELECT seq FROM search_keys ORDER BY seq"))]
        assert keys == docs and seqs[2] not in keys and seqs[3] not in keys and seqs[4] in keys
        differ = conn.execute(
            sa.text(
                "SELECT count(*) FROM search_keys k JOIN search_docs d USING (seq) JOIN articles a USING (seq)"
                " WHERE k.tsv <> d.tsv || search_slice(d.seq) OR (k.id, k.source, k.language, k.section, k.section_predicted, k.published)"
                " IS DISTINCT FROM (a.id, a.source, a.language, a.section, a.section_predicted, a.published)"
            )
        ).scalar()
        assert differ == 0


def test_pg_ranking_after_a_count_ranks_what_the_count_read(pg_store, monkeypatch):
    """count() keeps the newest NTH_HINT matches it read; the ranking() right after it ranks
    them instead of reading the matches again (the same rows as the plain ranking), and not
    once the index was written in between (a new match is ranked)."""
    store, seqs = pg_store
    monkeypatch.setattr(search_pg, "NTH_HINT", 10)
    clauses = parse("Regierung").clauses
    with store.begin() as conn:
        plain = search_pg.ranking(conn, clauses, "1", [], 100, min_seq=seqs[-10])
        assert len(plain) == 10
        reads = _reads(conn, "search_keys")
        assert search_pg.count(conn, clauses, "1", []) == N
        after_count = _reads(conn, "search_keys")
        assert after_count > reads
        nth = search_pg.nth_newest(conn, clauses, "1", [], 10)
        assert nth == seqs[-10]
        assert search_pg.ranking(conn, clauses, "1", [], 100, min_seq=nth) == plain
        assert _reads(conn, "search_keys") == after_count  # no second reading of the matches
        # filtered, fewer matches than NTH_HINT: all of them, from the count
        wien = parse("Wien").clauses
        total = search_pg.count(conn, wien, "a.source = ?", ["dw"])
        assert 0 < total <= 10
        before = _reads(conn, "search_keys")
        ranked = search_pg.ranking(conn, wien, "a.source = ?", ["dw"], 100)
        assert _reads(conn, "search_keys") == before and len(ranked) == total
        # a write between count and ranking: the matches are read again
        assert search_pg.count(conn, clauses, "1", []) == N
        search_pg.write(conn, seqs[-1], "regier regier regier", "", "")
        again = search_pg.ranking(conn, clauses, "1", [], 100, min_seq=nth)
        assert _reads(conn, "search_keys") > before
        assert again[0][0] == seqs[-1] and sorted(s for s, _ in again) == sorted(s for s, _ in plain)


def test_pg_search_keys_hold_no_tsvector_in_the_row(pg_store):
    """Migration 0045: a tsvector of about 1 kB (under PostgreSQL's 2 kB toast threshold) is
    still moved out of ``search_keys``' row, so the heap that a count reads stays narrow."""
    store, seqs = pg_store
    with store.begin() as conn:
        # (a new row: an update of a row with a toasted value is toasted anyway)
        conn.execute(sa.text("DELETE FROM search_docs WHERE seq = :s"), {"s": seqs[0]})
        search_pg.write(conn, seqs[0], "regier", " ".join(f"w{j}" for j in range(120)), "")
        size, chunk = conn.execute(
            sa.text("SELECT pg_column_size(tsv), pg_column_toast_chunk_id(tsv) FROM search_keys WHERE seq = :s"),
            {"s": seqs[0]},
        ).one()
        assert 200 < size < 2000 and chunk is not None  # (without the pad: in the row, chunk NULL)


@pytest.mark.parametrize(("where", "args"), [("1", []), ("a.source = ?", ["dw"]), ("a.source = ? OR a.source = ?", ["dw", "x"])])
def test_pg_newest_ranked_answers_as_the_three_statements(pg_store, where, args):
    """search_top (migration 0046): count, n-th newest and the ranking of the newest n in one
    statement == count(), nth_newest() and ranking() asked one after the other, for n that put
    the newest n in each of its seq windows (n, 4n, 16n wide, the rest) and beyond every match;
    only the best ``limit`` come back."""
    store, seqs = pg_store
    with store.begin() as conn:
        # scores that differ (the title repeated) and ties (equal rows), so the order is tested
        for k, seq in enumerate(seqs[::7]):
            search_pg.write(conn, seq, "regier " * (1 + k % 3) + ("wien" if k % 2 else ""), "", "")
        for query in ("Regierung", "Wien", "Regierung Wien", "Regier*", '"Regierung Wien"', "Regierung -Wien"):
            clauses = parse(query).clauses
            for n in (1, 3, 7, 25, 60, 1000):
                total = search_pg.count(conn, clauses, where, args)
                low = search_pg.nth_newest(conn, clauses, where, args, n) if total > n else None
                want = search_pg.ranking(conn, clauses, where, args, 10_000, min_seq=low)
                assert len(want) == min(total, n)
                for limit in (1, 5, 10_000):
                    got = search_pg.newest_ranked(conn, clauses, where, args, n, limit)
                    assert got == (total, low, want[:limit]), (query, n, limit)
        assert search_pg.newest_ranked(conn, parse("nirgendwo").clauses, where, args, 5, 5) == (0, None, [])


def test_pg_search_front_asks_one_statement(pg_store, monkeypatch):
    """search() on PostgreSQL counts, finds the newest MAX_RANKED and ranks them in one
    statement, with the same hits and total as the three statements."""
    from sqlalchemy import event

    from lagebild.search import Filters, _keyword, search

    store, _ = pg_store
    monkeypatch.setattr(_keyword, "MAX_RANKED", 10)
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_a) -> None:
        seen.append(statement)

    more = 0
    for query, filters in (("Regierung", None), ("Wien", Filters(source="dw")), ("Regierung", Filters(source="dw"))):
        _keyword.clear_cache()
        seen.clear()
        event.listen(store.db.engine, "before_cursor_execute", record)
        try:
            got = search(store.db, query, mode="keyword", filters=filters, limit=20)
        finally:
            event.remove(store.db.engine, "before_cursor_execute", record)
        assert sum("search_top" in s for s in seen) == 1
        assert not any("search_rank" in s or "search_matches" in s for s in seen)
        with monkeypatch.context() as m:
            m.setattr(_keyword.db, "filtered_matches", lambda *a, **k: None)
            _keyword.clear_cache()
            want = search(store.db, query, mode="keyword", filters=filters, limit=20)
        assert [(h.id, h.score) for h in got[0]] == [(h.id, h.score) for h in want[0]], query
        assert got[1] == want[1]
        more += got[1] > 10
    assert more == 2  # (more matches than the ranked window: the newest 10 ranked)
