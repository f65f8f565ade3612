"""SQLite's article sequence as an explicit column (issue 14 §1): ``articles.seq`` is
``INTEGER PRIMARY KEY`` (the rowid itself) since migration 0012; a store written before it
upgrades in place and answers the same searches, pages and exports."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from lagebild.cli import main
from lagebild.pipeline import ingest
from lagebild.search import Filters, search
from lagebild.store import Store
from lagebild.store import migrate as migrate_module
from lagebild.store.browse import ArticleFilter, facets, list_articles

from .conftest import ARTICLES, EXAMPLES

_NEW = "0012_articles_by_seq"


def _old_store(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store as lagebild wrote it before migration 0012 (the migrations before it are
    append-only, so leaving it out is the old schema), with the examples and test articles."""
    with monkeypatch.context() as m:
        m.setattr(migrate_module, "SQLITE_MIGRATIONS",
                  [s for s in migrate_module.SQLITE_MIGRATIONS if s[0] != _NEW])  # fmt: skip
        with Store(path) as store:
            ingest([str(EXAMPLES), str(ARTICLES)], store, workers=1)
            assert _NEW not in store.migrations
            # the old schema: id the primary key, seq a plain column a trigger fills
            assert _key_columns(store.conn) == ["id"]


def _key_columns(conn: sqlite3.Connection) -> list[str]:
    return [r[1] for r in conn.execute("PRAGMA table_info(articles)") if r[5]]


def _all(conn: sqlite3.Connection, sql: str) -> list[tuple]:
    return [tuple(r) for r in conn.execute(sql)]


def _answers(store: Store, export: Path) -> dict[str, object]:
    out: dict[str, object] = {}
    for q in ("Südkorea", "Wasserst*", "Regierung", "refuelling", '"gemeinsame Erklärung"'):
        for mode in ("keyword", "semantic", "hybrid"):
            hits, total = search(store.conn, q, mode=mode, limit=5)
            out[f"{q}/{mode}"] = ([(h.id, h.score) for h in hits], total)
    hits, total = search(store.conn, "Nordkorea", mode="keyword", filters=Filters(language="de"))
    out["filtered"] = ([h.id for h in hits], total)
    pages, cursor = [], None
    while True:  # every page of two, by keyset
        rows, cursor, total = list_articles(store.db, limit=2, after=cursor)
        pages.append(([r["id"] for r in rows], total))
        if cursor is None:
            break
    out["pages"], out["last cursor"] = pages, cursor
    out["facets"] = facets(store.db, ArticleFilter(language="de"))
    assert main(["--db", store.path, "export", "--format", "jsonl", "--out", str(export)]) == 0
    out["export"] = export.read_bytes()
    out["stats"] = store.stats()
    return out


def test_store_article_seq_old_store_migrates_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    db = tmp_path / "old.db"
    _old_store(db, monkeypatch)
    con = sqlite3.connect(db)
    before_rows = con.execute("SELECT rowid, seq, id FROM articles ORDER BY rowid").fetchall()
    assert all(r == s for r, s, _ in before_rows)  # 0010's trigger kept seq = rowid
    before_fts = con.execute("SELECT rowid FROM search_fts ORDER BY rowid").fetchall()
    children = ("origins", "edits", "article_entities", "mentions", "sentences", "quotes", "times",
                "embeddings", "group_articles", "entity_refs")  # fmt: skip
    before_counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in children}
    con.close()
    with monkeypatch.context() as m:  # the old schema's answers, read through the same API
        m.setattr(migrate_module, "SQLITE_MIGRATIONS",
                  [s for s in migrate_module.SQLITE_MIGRATIONS if s[0] != _NEW])  # fmt: skip
        with Store(db) as store:
            before = _answers(store, tmp_path / "before.jsonl")

    with Store(db) as store:  # this lagebild: migration 0012 runs
        assert _NEW in store.migrations
        conn = store.conn
        assert _key_columns(conn) == ["seq"]
        # the same rows under the same numbers: seq is the old rowid, and the full-text
        # index's rowids still name them
        assert _all(conn, "SELECT rowid, seq, id FROM articles ORDER BY rowid") == [
            (r, r, aid) for r, _s, aid in before_rows
        ]
        assert _all(conn, "SELECT rowid FROM search_fts ORDER BY rowid") == before_fts
        # every row that refers to an article is still there, and the references hold
        assert {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in children} == before_counts
        assert min(before_counts.values()) > 0
        assert _all(conn, "PRAGMA foreign_key_check") == []
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        # the indexes made by other migrations are there again; 0010's index and trigger are gone
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'articles'")}
        assert {"articles_published", "articles_source", "articles_content_key",
                "articles_search_filters"} <= names  # fmt: skip
        assert "articles_seq" not in names
        unique = [r for r in conn.execute("PRAGMA index_list(articles)") if r[2]]
        assert [_all(conn, f"PRAGMA index_info({r[1]})")[0][2] for r in unique] == ["id"]
        after = _answers(store, tmp_path / "after.jsonl")
        assert after == before
        # a new article gets the next seq, and deleting one still cascades to its rows
        last = conn.execute("SELECT max(seq) FROM articles").fetchone()[0]
        (tmp_path / "new").mkdir()
        (tmp_path / "new" / "a.txt").write_text(
            "Ein neuer Bericht\n\nDer Stadtrat von Kassel hat am Montag den Haushalt beschlossen.\n",
            encoding="utf-8",
        )
        ingest([str(tmp_path / "new")], store, enriched=False, workers=1)
        assert conn.execute("SELECT max(seq) FROM articles").fetchone()[0] == last + 1
        aid = before_rows[0][2]
        with store.transaction() as w:
            w.execute("DELETE FROM articles WHERE id = ?", (aid,))
        assert conn.execute("SELECT count(*) FROM origins WHERE article_id = ?", (aid,)).fetchone()[0] == 0


def test_store_article_seq_new_store_has_the_same_schema_as_a_migrated_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """0012 runs before the search and entity migrations in a new store and after them in an
    old one: both end with the same table, indexes and no trigger on ``articles``."""
    _old_store(tmp_path / "old.db", monkeypatch)
    Store(tmp_path / "old.db").close()
    Store(tmp_path / "new.db").close()

    def schema(path: Path) -> list[tuple[str, str, str]]:
        con = sqlite3.connect(path)
        try:
            return sorted(con.execute("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'articles'"))
        finally:
            con.close()

    assert schema(tmp_path / "old.db") == schema(tmp_path / "new.db")


def test_store_article_seq_no_statement_names_an_article_by_its_rowid():
    """Articles are named by ``seq`` everywhere (issue 14 §1); ``rowid`` is left to FTS5's own
    (``search_fts``, written as the seq) and other tables' own rowids.  Migration 0012 alone
    reads the old rowid, to keep it as the seq."""
    import re

    import lagebild

    about_articles = re.compile(
        r"\b(?:a|x|articles)\.rowid\b|rowid\s+FROM\s+articles\b|FROM\s+articles\s+(?:a\s+)?WHERE\s+rowid\b"
    )
    found = []
    for path in Path(lagebild.__file__).parent.rglob("*.py"):
        if path.name == "migrate.py" or path.name.startswith("_schema"):
            continue  # 0012's copy of the old rowid; the released migrations (append-only)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if about_articles.search(line):
                found.append(f"{path.name}:{n}: {line.strip()}")
    assert found == []
