"""Filtered keyword and semantic search on SQLite (issue 14 §3): the matches are looked up in the covering
index ``articles_search_filters`` (``Filters.index_sql``) instead of the article rows; so are the
nearest neighbours of a filtered semantic query.

A filtered query must return exactly what the unfiltered query returns with the filter applied
afterwards (same articles, same scores, same order), for every kind of filter.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from lagebild.pipeline import ingest
from lagebild.store import Store, search_fts
from lagebild.store.search_index import (
    Clause, Filters, allowed_seqs, count_matches, filtered_matches, holding_filters, keyword_ranking,
    nth_newest_match,
)  # fmt: skip

from .conftest import ARTICLES, EXAMPLES


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Store:
    s = Store(tmp_path_factory.mktemp("filtered") / "s.db")
    ingest([str(EXAMPLES), str(ARTICLES)], s)
    yield s
    s.close()


def _frequent_words(store: Store, n: int) -> list[str]:
    rows = store.conn.execute(
        "SELECT term FROM search_terms WHERE length(term) > 3 ORDER BY doc DESC, term LIMIT ?", (n,)
    )
    return [r[0] for r in rows]


def _filters(store: Store) -> list[Filters]:
    conn = store.conn
    source, section = conn.execute(
        "SELECT source, coalesce(section, section_predicted) FROM articles WHERE source IS NOT NULL"
        " AND coalesce(section, section_predicted) IS NOT NULL ORDER BY rowid LIMIT 1"
    ).fetchone()
    entity = conn.execute(
        "SELECT entity_id FROM article_entities GROUP BY entity_id ORDER BY count(*) DESC, entity_id LIMIT 1"
    ).fetchone()[0]
    days = sorted(r[0] for r in conn.execute("SELECT published FROM articles WHERE published IS NOT NULL"))
    mid = dt.date.fromisoformat(days[len(days) // 2])
    out = [
        Filters(source=source), Filters(language="de"), Filters(language="en"), Filters(section=section),
        Filters(date_from=mid), Filters(date_to=mid), Filters(date_from=mid, date_to=mid), Filters(entity=entity),
        Filters(source=source, language="de", date_from=dt.date(2000, 1, 1)), Filters(source="no such source"),
    ]  # fmt: skip
    event = conn.execute("SELECT event_id FROM group_articles GROUP BY event_id ORDER BY count(*) DESC LIMIT 1").fetchone()
    if event:
        story = conn.execute("SELECT storyline_id FROM events WHERE id = ?", (event[0],)).fetchone()
        out.append(Filters(event=event[0]))
        if story and story[0]:
            out.append(Filters(storyline=story[0]))
    return out


def test_filtered_equals_unfiltered_post_filtered(db) -> None:
    conn = db.conn
    filters = _filters(db)
    assert len(filters) >= 10
    nonempty = 0
    for word in _frequent_words(db, 6):
        clauses = (Clause(phrases=((word,),)),)
        every = keyword_ranking(conn, clauses, None, 10_000)
        assert every
        rowids = [r for r, _ in every]
        for f in filters:
            # the filter applied afterwards, through the articles table (Filters.sql, browse's condition)
            allowed = allowed_seqs(conn, f, rowids)
            expected = [(r, s) for r, s in every if r in allowed]
            nonempty += bool(expected)
            assert keyword_ranking(conn, clauses, f, 10_000) == expected, (word, f)
            assert keyword_ranking(conn, clauses, f, 2) == expected[:2], (word, f)
            assert count_matches(conn, clauses, f) == len(expected), (word, f)
            newest = sorted((r for r, _ in expected), reverse=True)
            for n in (1, 2, len(newest) + 1):
                want = newest[n - 1] if n <= len(newest) else None
                assert nth_newest_match(conn, clauses, f, n) == want, (word, f, n)
            if newest:
                low = newest[len(newest) // 2]
                got = keyword_ranking(conn, clauses, f, 10_000, min_seq=low)
                assert got == [(r, s) for r, s in expected if r >= low], (word, f)
    assert nonempty > len(filters)  # the filters keep some matches, not only none


@pytest.mark.parametrize("bitmap_from", [0, search_fts.BITMAP_FROM])
def test_one_walk_answers_as_the_three_statements(db, monkeypatch, bitmap_from) -> None:
    """filtered_matches (count, n-th newest and ranking in one walk) == the three statements,
    also through the bitmap of the filter (``BITMAP_FROM`` 0: every word)."""
    monkeypatch.setattr(search_fts, "BITMAP_FROM", bitmap_from)
    search_fts._BITMAPS.clear()
    conn = db.conn
    split = 0
    for word in _frequent_words(db, 6):
        clauses = (Clause(phrases=((word,),)),)
        assert filtered_matches(conn, clauses, None, 5) is None  # unfiltered: the posting lists alone
        for f in _filters(db):
            total = count_matches(conn, clauses, f)
            for n in (1, 2, 3, 10_000):
                low = nth_newest_match(conn, clauses, f, n) if total > n else None
                want = (total, low, keyword_ranking(conn, clauses, f, 10_000, min_seq=low))
                assert filtered_matches(conn, clauses, f, n) == want, (word, f, n)
                split += low is not None
    assert split > 10  # the count of the older rest was exercised


def test_filtered_query_reads_only_the_covering_index(db) -> None:
    for f in _filters(db):
        where, args = f.index_sql()
        plan = db.conn.execute(
            f"EXPLAIN QUERY PLAN SELECT count(*) {search_fts._from(where)}", ("x", *args)
        ).fetchall()
        lookups = [row[3] for row in plan if row[3].startswith(("SEARCH a ", "SCAN a "))]
        assert lookups and all("COVERING INDEX articles_search_filters" in s for s in lookups), (f, plan)


def test_no_filter_is_one_in_both_spellings() -> None:
    assert Filters().index_sql() == ("1", [])


@pytest.mark.parametrize("max_ranked", [2, 2000])
def test_search_front_filtered_one_walk_same_hits(db, monkeypatch, max_ranked) -> None:
    """search() with a filter gives the same hits and total through the one walk as through
    the three statements, and on SQLite asks the store once (no separate count)."""
    from lagebild.search import _keyword, search

    monkeypatch.setattr(_keyword, "MAX_RANKED", max_ranked)
    calls: list[str] = []
    real_count = _keyword.db.count_matches
    monkeypatch.setattr(_keyword.db, "count_matches", lambda *a: calls.append("count") or real_count(*a))
    found = 0
    for word in _frequent_words(db, 4):
        for f in _filters(db):
            _keyword.clear_cache()
            calls.clear()
            got = search(db.conn, word, mode="keyword", filters=f, limit=50)
            assert calls == []
            with monkeypatch.context() as m:
                m.setattr(_keyword.db, "filtered_matches", lambda *a, **k: None)
                _keyword.clear_cache()
                want = search(db.conn, word, mode="keyword", filters=f, limit=50)
            assert [(h.id, h.score) for h in got[0]] == [(h.id, h.score) for h in want[0]], (word, f)
            assert got[1] == want[1]
            found += got[1] > 2
    assert found  # some query has more matches than 2 (ranked: the newest 2, when max_ranked is 2)


def test_filtered_query_without_the_index_gives_the_same_answer(db, tmp_path) -> None:
    """A store opened read-only before migration 0203 (no covering index) still answers."""
    import shutil
    import sqlite3

    copy = tmp_path / "old.db"
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(db.path, copy)
    raw = sqlite3.connect(copy)
    raw.execute("DROP INDEX articles_search_filters")
    raw.commit()
    raw.close()
    old = Store.open_readonly(copy)
    try:
        assert "articles_search_filters" not in {
            r[0] for r in old.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        for word in _frequent_words(db, 3):
            clauses = (Clause(phrases=((word,),)),)
            for f in _filters(db):
                assert filtered_matches(old.conn, clauses, f, 2) == filtered_matches(db.conn, clauses, f, 2)
                assert keyword_ranking(old.conn, clauses, f, 50) == keyword_ranking(db.conn, clauses, f, 50)
    finally:
        old.close()


def test_holding_filters_equals_the_article_rows(db) -> None:
    """The semantic search's check of its candidates (covering index) == the article rows'."""
    rowids = np.array([r[0] for r in db.conn.execute("SELECT rowid FROM articles ORDER BY rowid DESC")])
    for f in [*_filters(db), Filters()]:
        allowed = allowed_seqs(db.conn, f, rowids.tolist())
        got = holding_filters(db.conn, f, rowids)
        assert got.dtype == bool and set(rowids[got].tolist()) == allowed, f
        assert not holding_filters(db.conn, f, rowids[:0]).size
    where, args = Filters(source="x", language="de").index_sql()
    plan = db.conn.execute(
        f"EXPLAIN QUERY PLAN SELECT a.seq FROM articles a INDEXED BY articles_search_filters"
        f" WHERE a.seq IN (SELECT value FROM json_each(?)) AND {where}", ("[1]", *args),
    ).fetchall()  # fmt: skip
    assert any("COVERING INDEX articles_search_filters" in row[3] for row in plan), plan


@pytest.mark.parametrize("k", [1, 3, 10, 1000])
def test_filtered_semantic_equals_unfiltered_post_filtered(db, k) -> None:
    """A filtered semantic query gives the unfiltered neighbours that hold the filter, in the
    same order with the same scores (the best ``k``), for every kind of filter."""
    from lagebild.search._semantic import semantic

    rows = db.conn.execute(
        "SELECT e.vector FROM embeddings e JOIN articles a ON a.id = e.article_id ORDER BY a.rowid LIMIT 4"
    ).fetchall()
    queries = [np.frombuffer(r[0], dtype=np.float32) for r in rows]
    assert queries
    nonempty = 0
    for q in queries:
        every = semantic(db.conn, q, None, 100_000)
        assert len(every) > 3
        for f in _filters(db):
            allowed = allowed_seqs(db.conn, f, [r for r, _ in every])
            want = [(r, s) for r, s in every if r in allowed][:k]
            got = semantic(db.conn, q, f, k)
            # the same scores in the same order; equal scores may come in either order
            assert [s for _, s in got] == [s for _, s in want], (f, k)
            above = got[-1][1] if got else 0.0
            assert sorted(got) == sorted(want) or (
                len(got) == k and {r for r, s in got if s > above} == {r for r, s in want if s > above}
            ), (f, k)
            nonempty += bool(got)
    assert nonempty > len(queries) * 3


def test_filtered_count_through_the_bitmap_equals_the_lookups(db, monkeypatch, tmp_path) -> None:
    """The older rest of a frequent word counted against a bitmap of the filter (search_fts
    BITMAP_FROM: from 0 here) gives the counts of the walk; a write by this connection or
    another one (no new words in the index: a changed filter column) makes a new bitmap."""
    import shutil
    import sqlite3

    monkeypatch.setattr(search_fts, "BITMAP_FROM", 0)
    search_fts._BITMAPS.clear()
    conn = db.conn
    split = 0
    for word in _frequent_words(db, 6):
        clauses = (Clause(phrases=((word,),)),)
        for f in _filters(db):
            total = count_matches(conn, clauses, f)
            for n in (1, 2, 3):
                got = filtered_matches(conn, clauses, f, n)
                assert got is not None and got[0] == total, (word, f, n)
                split += got[1] is not None
    assert split > 10 and search_fts._BITMAPS  # the bitmaps were used

    copy = tmp_path / "more.db"
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(db.path, copy)
    with Store(copy) as more:
        word = _frequent_words(more, 1)[0]
        clauses = (Clause(phrases=((word,),)),)
        f = Filters(language="de")
        total = count_matches(more.conn, clauses, f)
        oldest = more.conn.execute(
            "SELECT a.rowid FROM articles a JOIN search_fts f ON f.rowid = a.rowid"
            " WHERE a.language = 'de' AND search_fts MATCH ? ORDER BY a.rowid LIMIT 2", (word,)
        ).fetchall()  # fmt: skip
        assert total > 2 and filtered_matches(more.conn, clauses, f, 1)[0] == total  # type: ignore[index]
        other = sqlite3.connect(copy)
        other.execute("UPDATE articles SET language = 'en' WHERE rowid = ?", (oldest[0][0],))
        other.commit()
        other.close()
        assert filtered_matches(more.conn, clauses, f, 1)[0] == total - 1  # type: ignore[index]
        more.conn.execute("UPDATE articles SET language = 'en' WHERE rowid = ?", (oldest[1][0],))
        more.conn.commit()
        assert filtered_matches(more.conn, clauses, f, 1)[0] == total - 2  # type: ignore[index]
        assert count_matches(more.conn, clauses, f) == total - 2


def test_filtered_keyword_cache_sees_a_commit_without_a_full_text_write(tmp_path) -> None:
    """A filter's selection can change without a full-text write (enrich predicts a section,
    regroup moves articles between storylines): the cached count and ranking of a filtered query
    must not outlive it.  Another connection commits; the first one searches again."""
    from lagebild.search import search

    path = tmp_path / "s.db"
    with Store(path) as s:
        ingest([str(EXAMPLES), str(ARTICLES)], s)
    reader, writer = Store(path), Store(path)
    try:
        word = _frequent_words(reader, 1)[0]
        section = reader.conn.execute(
            "SELECT coalesce(a.section, a.section_predicted) FROM articles a"
            " WHERE coalesce(a.section, a.section_predicted) IS NOT NULL ORDER BY a.rowid LIMIT 1"
        ).fetchone()[0]
        f = Filters(section=section)
        hits, total = search(reader.conn, word, mode="keyword", filters=f)
        assert total, "the fixture's most frequent word occurs in the first article's section"
        with writer.transaction() as conn:
            conn.execute("UPDATE articles SET section = 'elsewhere', section_predicted = 'elsewhere'")
        assert search(reader.conn, word, mode="keyword", filters=f) == ([], 0)
        assert search(reader.conn, word, mode="keyword", filters=Filters(section="elsewhere"))[1] >= total
    finally:
        reader.close()
        writer.close()
