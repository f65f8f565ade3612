"""Read queries behind the web lists (lagebild.store.browse) and the web layer's cache."""

from __future__ import annotations

import sqlite3
import time

import pytest
import sqlalchemy as sa

from lagebild.errors import StoreError
from lagebild.store import browse
from lagebild.web._cache import GenerationCache

# the tests that take `store` run on SQLite and on PostgreSQL (conftest.py)
pytestmark = pytest.mark.both_stores
CACHE_SQLITE = "the web cache and site watch a SQLite file (its data_version) by path"


def _fill(store, n: int) -> None:
    """n articles straight into the table: many share a day, every 7th is undated."""
    with store.begin() as conn:  # SQLAlchemy, either dialect; `seq` is the storage order
        conn.execute(sa.text("INSERT INTO raws (sha256, bytes, size) VALUES ('t', :b, 1)"), {"b": b"\x00"})
        for i in range(n):
            day = None if i % 7 == 0 else f"2024-0{1 + i % 3}-{1 + i % 5:02d}"
            conn.execute(sa.text(
                "INSERT INTO articles (id, format, raw_sha256, encoding, text, title, title_raw, source, published,"
                " published_from, agencies, language, flags, added_at)"
                " VALUES (:id, 'text', 't', 'utf-8', 'x', :title, '', :source, :day, 'record', '[]', :lang, '[]', '')"),
                {"id": f"{i:016x}", "title": f"Titel {i}", "source": ("dw", "toi", "standard")[i % 3], "day": day,
                 "lang": ("de", "en")[i % 2]},
            )  # fmt: skip


def _ids(store, sql: str) -> list:
    return list(store.db.execute(sa.text(sql)).scalars())


def _walk(conn, limit, filters=None):
    out, after = [], None
    while True:
        rows, after, _total = browse.list_articles(conn, limit=limit, after=after, filters=filters, with_total=False)
        out += rows
        if after is None:
            return out


@pytest.mark.parametrize("limit", [1, 7, 50])
def test_web_browse_keyset_walk_equals_full_order(store, limit):
    _fill(store, 230)
    full = _ids(store, "SELECT id FROM articles ORDER BY published IS NULL, published DESC, seq DESC")
    walked = [r["id"] for r in _walk(store.db, limit)]
    assert len(full) == 230 and walked == full
    dw = _walk(store.db, limit, browse.ArticleFilter(source="dw", language="de"))
    assert dw and all(r["source"] == "dw" and r["language"] == "de" for r in dw)
    assert len(dw) == _ids(store, "SELECT count(*) FROM articles WHERE source = 'dw' AND language = 'de'")[0]


@pytest.mark.sqlite_only("reads SQLite's own statement trace and EXPLAIN QUERY PLAN")
def test_web_browse_keyset_page_uses_index_not_offset(store):
    """The statements list_articles runs for a later page: one index range each, no sort."""
    _fill(store, 50)
    _rows, after, _total = browse.list_articles(store.db, limit=5, with_total=False)
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)  # statements with their values filled in
    browse.list_articles(store.db, limit=5, after=after, with_total=False)
    store.conn.set_trace_callback(None)
    assert seen
    for sql in seen:
        plan = " ".join(r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert "articles_published" in plan and "TEMP B-TREE" not in plan, (sql, plan)


@pytest.mark.parametrize("cursor", ["x", "2024-01-01", "2024-01-01.", "-.-1", "2024-1-1.5"])
def test_web_browse_bad_cursor_is_a_named_error(store, cursor):
    with pytest.raises(StoreError, match="cursor"):
        browse.list_articles(store.db, after=cursor)


def test_web_browse_facets_count(store):
    _fill(store, 30)
    f = browse.facets(store.db)
    assert dict(f["source"]) == {"dw": 10, "toi": 10, "standard": 10}
    assert dict(f["language"]) == {"de": 15, "en": 15} and f["entity"] == []
    assert sum(n for _m, n in f["month"]) == 30 - 5  # 5 undated


def test_web_browse_facets_among_some_articles(store):
    """A search's matches (rowids): counted alone, with a filter, and none at all."""
    _fill(store, 30)
    ids = ", ".join(f"'{i:016x}'" for i in (0, 1, 3, 4))
    rows = _ids(store, f"SELECT seq FROM articles WHERE id IN ({ids})")  # seq = SQLite's rowid
    assert len(rows) == 4
    f = browse.facets(store.db, among=rows)
    assert dict(f["source"]) == {"dw": 2, "toi": 2} and dict(f["language"]) == {"de": 2, "en": 2}
    assert sum(n for _m, n in f["month"]) == 3  # article 0 is undated
    assert dict(browse.facets(store.db, browse.ArticleFilter(language="en"), among=rows)["source"]) == {"toi": 1, "dw": 1}
    assert browse.facets(store.db, among=[]) == {"source": [], "language": [], "section": [], "entity": [], "month": []}


_SLOW = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
         "SELECT count(*) FROM (SELECT x FROM c LIMIT 100000000) AS n")  # fmt: skip


@pytest.mark.sqlite_only("the raw sqlite3 connection (store.conn)")
def test_web_browse_time_budget_stops_a_long_statement_on_raw_sqlite(store):
    started = time.monotonic()
    with pytest.raises(StoreError, match="time budget"), browse.time_budget(store.conn, 0.05):
        store.conn.execute(_SLOW).fetchone()
    assert time.monotonic() - started < 2
    assert store.conn.execute("SELECT 1").fetchone()[0] == 1  # the connection is usable afterwards


def test_web_browse_time_budget_stops_a_long_statement(store):
    """Through the SQLAlchemy connection the store modules use (SQLite and PostgreSQL)."""
    started = time.monotonic()
    with pytest.raises(StoreError, match="time budget"), browse.time_budget(store.db, 0.05):
        store.db.exec_driver_sql(_SLOW).fetchone()
    assert time.monotonic() - started < 2
    assert store.db.exec_driver_sql("SELECT 1").scalar() == 1  # the connection is usable afterwards


def test_web_browse_fold_names():
    assert browse.fold("Kim Jong-un") == browse.fold("kim  jong un") == "kim jong un"
    assert browse.fold("Pjöngjang") == "pjoengjang"


@pytest.mark.sqlite_only(CACHE_SQLITE)
def test_web_cache_recomputes_only_after_a_commit(store):
    calls = []
    cache = GenerationCache(store.path, min_age=0)

    def compute():
        calls.append(1)
        return len(calls)

    assert cache.get("k", compute) == 1 and cache.get("k", compute) == 1
    with sqlite3.connect(store.path) as other:  # another connection commits
        other.execute("INSERT INTO raws (sha256, bytes, size) VALUES ('new', x'00', 1)")
    assert cache.get("k", compute) == 2 and cache.get("k", compute) == 2
    cache.close()


@pytest.mark.sqlite_only(CACHE_SQLITE)
def test_web_cache_keeps_a_young_value_during_an_ingest(store):
    cache = GenerationCache(store.path, min_age=60)
    assert cache.get("k", lambda: "old") == "old"
    with sqlite3.connect(store.path) as other:
        other.execute("INSERT INTO raws (sha256, bytes, size) VALUES ('new', x'00', 1)")
    assert cache.get("k", lambda: "new") == "old"  # at most min_age stale
    cache.close()


@pytest.mark.parametrize("position", [0, 1, 5, 100, 196, 197, 198, 229, 230, 400])
def test_web_browse_cursor_at_offset_continues_the_order(store, position):
    _fill(store, 230)
    full = [r["id"] for r in _walk(store.db, 50)]
    after = browse.cursor_at(store.db, position)
    rows, _nxt, _total = browse.list_articles(store.db, limit=3, after=after, with_total=False)
    assert [r["id"] for r in rows] == full[position : position + 3]


@pytest.mark.sqlite_only(CACHE_SQLITE)
def test_web_cache_serves_the_outdated_value_while_one_request_recomputes(store):
    import threading

    cache = GenerationCache(store.path, min_age=0)
    assert cache.get("k", lambda: "old") == "old"
    with sqlite3.connect(store.path) as other:
        other.execute("INSERT INTO raws (sha256, bytes, size) VALUES ('new', x'00', 1)")
    started, release = threading.Event(), threading.Event()

    def slow():
        started.set()
        release.wait(10)
        return "new"

    result = {}
    t = threading.Thread(target=lambda: result.setdefault("slow", cache.get("k", slow)))
    t.start()
    assert started.wait(10)
    assert cache.get("k", lambda: "other") == "old"  # no second computation, no waiting
    release.set()
    t.join(10)
    assert result["slow"] == "new" and cache.get("k", lambda: "other") == "new"
    cache.close()


def test_web_browse_no_sql_in_the_web_layer():
    """The store layer owns every query (STYLE 4): the web package asks store.browse."""
    import re
    from pathlib import Path

    import lagebild.web

    for path in Path(lagebild.web.__file__).parent.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\s+(\*|[a-z_]+[.,\s])", text), path.name


def test_web_init_is_a_face_and_no_module_imports_sqlite3():
    """``lagebild/web/__init__.py`` re-exports; no web module talks to the database driver."""
    import ast
    from pathlib import Path

    import lagebild.web

    assert lagebild.web.__all__ == ["create_app", "error_body", "highlight"]
    init = ast.parse(Path(lagebild.web.__file__).read_text(encoding="utf-8"))
    assert all(isinstance(n, (ast.Expr, ast.ImportFrom, ast.Import, ast.Assign)) for n in init.body)
    for path in Path(lagebild.web.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not {"sqlite3", "sqlalchemy"} & {m.split(".")[0] for m in imported}, path.name


@pytest.mark.sqlite_only(CACHE_SQLITE)
def test_web_site_pooled_reader_sees_later_commits(store):
    """A pooled read-only connection holds no snapshot between requests (nor pins the WAL)."""
    from lagebild.web.site import Site

    _fill(store, 3)
    site = Site(store.path, pool_size=1)
    with site.reader() as first:
        assert browse.count_articles(first.db) == 3
    with sqlite3.connect(store.path) as other:
        other.execute("UPDATE articles SET source = 'neu' WHERE id = ?", (f"{0:016x}",))
    with site.reader() as again:
        assert again is first and not again.conn.in_transaction
        assert browse.count_articles(again.db, browse.ArticleFilter(source="neu")) == 1
    with pytest.raises(RuntimeError), site.reader() as broken:
        raise RuntimeError("a failed request")
    with site.reader() as fresh:  # the connection of a failed request is not reused
        assert fresh is not broken
    site.close()
