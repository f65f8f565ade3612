"""The store: migrations, identity, idempotency, crash safety, readable by plain sqlite3
(identity, round trip and lookups also on PostgreSQL: ``any_store``)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.clean import clean, replay
from lagebild.errors import InputError, NotFound, StoreError
from lagebild.ingest import read
from lagebild.model import Article
from lagebild.pipeline import ingest
from lagebild.store import Store
from lagebild.store.migrate import PG_MIGRATIONS, SQLITE_MIGRATIONS

# every test that takes `store` runs on SQLite and on PostgreSQL (conftest.py)
pytestmark = pytest.mark.both_stores

from .conftest import ARTICLES, EXAMPLES

BODY = "Südkorea und Japan verurteilten das Abkommen.\nPjöngjang wies das zurück.\n"


@pytest.fixture
def any_store(store_url: str):
    """A store on SQLite and on PostgreSQL (issue 14 §1): the tests that need no SQLite file."""
    with Store(store_url) as s:
        yield s


def test_store_migrations_recorded(store: Store):
    steps = SQLITE_MIGRATIONS if store.dialect == "sqlite" else PG_MIGRATIONS
    assert store.migrations == [name for name, _ in steps]


@pytest.mark.sqlite_only("the journal mode is a SQLite pragma")
def test_store_sqlite_is_in_wal_mode(store: Store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_refuses_newer_database(tmp_path: Path):
    p = tmp_path / "new.db"
    Store(p).close()
    con = sqlite3.connect(p)
    con.execute("INSERT INTO migrations (name, applied_at) VALUES ('9999_future', 'x')")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer lagebild"):
        Store(p)


def test_store_refuses_non_database(tmp_path: Path):
    p = tmp_path / "x.db"
    p.write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError, match="x.db"):
        Store(p)


def test_store_reingest_is_idempotent(store: Store):
    r1 = ingest([str(EXAMPLES), str(ARTICLES)], store)
    snapshot = _dump(store)
    r2 = ingest([str(EXAMPLES), str(ARTICLES)], store)
    assert len(r1.added) == store.count() == 9
    assert not r2.added and len(r2.known) == 9
    assert _dump(store) == snapshot


def test_store_same_article_two_names_is_one_record(any_store: Store, tmp_path: Path):
    data = (EXAMPLES / "001_784126eb85bf30a5.txt").read_bytes()
    (tmp_path / "a.txt").write_bytes(data)
    (tmp_path / "b.txt").write_bytes(data.replace(b"\n", b"\r\n"))  # other bytes, same article
    (tmp_path / "c.json").write_text(
        '{"title": "x", "text": %s}' % __import__("json").dumps(clean(next(iter(read([str(tmp_path / "a.txt")])))).text)
    )
    report = ingest([str(tmp_path)], any_store)
    assert any_store.count() == 1
    assert len(report.added) == 1 and len(report.new_origin) == 2
    article = any_store.get(report.added[0][:6])
    assert sorted(Path(o).name for o in article.origins) == ["a.txt", "b.txt", "c.json"]


def test_store_roundtrip_keeps_raw_bytes_and_edits(any_store: Store):
    for item in read([str(EXAMPLES), str(ARTICLES)]):
        if isinstance(item, Article):
            a = clean(item)
            any_store.add(a)
            b = any_store.get(a.id)
            assert b.raw_bytes == a.raw_bytes and b.raw == a.raw and b.base == a.base
            assert b.edits == a.edits and b.text == a.text
            assert replay(b.base, b.edits) == b.text
            assert (b.title, b.source, b.published, b.agencies, b.origins) == (
                a.title, a.source, a.published, a.agencies, a.origins
            )  # fmt: skip


def test_store_get_unknown_and_ambiguous(any_store: Store):
    with pytest.raises(NotFound, match="lagebild list"):
        any_store.get("abcdef")
    with pytest.raises(NotFound, match="hex"):
        any_store.get("zz")


@pytest.mark.sqlite_only("opens the SQLite file by path with plain sqlite3")
def test_store_readable_with_plain_sqlite(store: Store):
    ingest([str(EXAMPLES)], store)
    con = sqlite3.connect(store.path)
    rows = con.execute(
        "SELECT a.source, count(o.origin), count(DISTINCT e.seq) FROM articles a "
        "JOIN origins o ON o.article_id = a.id JOIN edits e ON e.article_id = a.id GROUP BY a.id ORDER BY 1"
    ).fetchall()
    assert [r[0] for r in rows] == ["dw", "toi"] and all(r[2] > 3 for r in rows)


def test_store_kill9_mid_batch_loses_nothing_and_duplicates_nothing(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    n = 1500
    for i in range(n):
        (src / f"{i:05d}.txt").write_text(f"Meldung Nummer {i} aus Seoul\nSEOUL: Bericht {i}. {BODY}")
    db = tmp_path / "crash.db"
    cmd = [sys.executable, "-m", "lagebild.cli", "-q", "ingest", str(src), "--db", str(db), "--no-enrich"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    count = 0
    while time.monotonic() < deadline:
        time.sleep(0.05)
        if db.exists():
            try:
                con = sqlite3.connect(db, timeout=1)
                count = con.execute("SELECT count(*) FROM articles").fetchone()[0]
                con.close()
            except sqlite3.Error:
                continue
            if count >= 100:
                break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 100 <= count < n, "the kill must land mid-batch"
    with Store(db) as s:
        committed = s.count()
        assert committed >= count
        assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with Store(db) as s:
        assert s.count() == n
        assert s.conn.execute("SELECT count(*) FROM origins").fetchone()[0] == n
        assert s.conn.execute("SELECT count(*) FROM raws").fetchone()[0] == n
    assert f"added {n - committed}, already known {committed}," in done.stdout


def _dump(store: Store) -> list:
    """Every row of the article tables, through SQLAlchemy (either dialect)."""

    def plain(v):
        return bytes(v) if isinstance(v, memoryview) else v  # PostgreSQL bytea

    return [
        [tuple(plain(v) for v in r) for r in store.db.exec_driver_sql(f"SELECT * FROM {t} ORDER BY 1, 2")]
        for t in ("articles", "origins", "edits", "raws")
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    title=st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40),
    body=st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=300),
)
def test_store_property_roundtrip(store: Store, title: str, body: str):
    text = title.replace("\n", " ") + "\n" + body
    raw = text.encode("utf-8")
    a = Article(origins=[f"mem:{hash(text)}"], raw=text, raw_bytes=raw, base=text)
    try:
        clean(a)
    except Exception:
        return
    texts = (a.text, a.base, a.title, a.title_raw, a.url, a.source, a.section, a.dateline)
    if store.dialect == "postgresql" and any(isinstance(t, str) and "\x00" in t for t in texts):
        # PostgreSQL text cannot hold NUL: the store refuses the item by name, and keeps nothing
        n = store.count()
        with pytest.raises(InputError, match="NUL"):
            store.add(a)
        assert store.count() == n
        return
    if store.add(a) == "added":  # the same normalised body may come twice: one record
        b = store.get(a.id)
        assert b.raw_bytes == raw and b.text == a.text and b.edits == a.edits
