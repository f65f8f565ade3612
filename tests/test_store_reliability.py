"""Store reliability (issue 15 items 5 and 7, low items): a bounded WAL under readers,
identity that does not erase content, metadata kept per origin, old ids kept,
grouping completeness, agencies through export and import."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from lagebild.clean import article_id
from lagebild.model import Article
from lagebild.pipeline import ingest
from lagebild.store import Store

# the tests that take `store` run on SQLite and on PostgreSQL (conftest.py)
pytestmark = pytest.mark.both_stores

BODY = (
    "Die Europäische Zentralbank hat am Donnerstag in Frankfurt den Leitzins um {sign}0,5 Prozent "
    "verändert. Das Brot kostet nun 5 {cur} mehr, sagte ein Sprecher der Bank.\n\n"
    "Ökonomen hatten mit diesem Schritt gerechnet; die Märkte reagierten gelassen.\n"
)


def _write(path: Path, rec: dict) -> str:
    path.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_store_wal_stays_bounded_while_a_reader_reads(tmp_path: Path):
    path = str(tmp_path / "x.db")
    store = Store(path)
    store.wal_checkpoint_bytes = 1_000_000
    stop = threading.Event()

    def reader() -> None:  # the web UI: short read transactions, back to back, overlapping
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        while not stop.is_set():
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM articles").fetchone()
            time.sleep(0.005)
            conn.execute("COMMIT")
        conn.close()

    readers = [threading.Thread(target=reader) for _ in range(2)]
    for t in readers:
        t.start()
    peak = 0
    try:
        filler = "Wort " * 4000  # about 60 KB of WAL per article with its search index
        for i in range(200):
            text = f"Artikel {i}. {filler}"
            store.add(
                Article(
                    id=article_id(text), origins=[f"o{i}.txt"], text=text, base=text, raw=text,
                    raw_bytes=text.encode(), title=f"T{i}", title_raw=f"T{i}",
                )  # fmt: skip
            )
            peak = max(peak, store.wal_size())
    finally:
        stop.set()
        for t in readers:
            t.join()
    assert store.count() == 200
    assert peak < 4_000_000, peak  # without the writer's checkpoints: > 10 MB
    store.close()


def test_store_different_signs_are_different_articles(tmp_path: Path, store: Store):
    a = _write(tmp_path / "a.json", {"title": "Zins", "text": BODY.format(sign="+", cur="€"), "language": "de"})
    b = _write(tmp_path / "b.json", {"title": "Zins", "text": BODY.format(sign="-", cur="€"), "language": "de"})
    c = _write(tmp_path / "c.json", {"title": "Zins", "text": BODY.format(sign="+", cur="$"), "language": "de"})
    report = ingest([a, b, c], store, enriched=False)
    assert len(report.added) == 3 and store.count() == 3
    assert {"+0,5", "-0,5"} <= {w for aid in report.added for w in store.get(aid).text.split()}


def test_store_same_body_other_metadata_is_kept_per_origin(tmp_path: Path, store: Store):
    text = BODY.format(sign="+", cur="€")
    a = _write(tmp_path / "a.json", {"title": "Zins steigt", "text": text, "url": "https://dw.com/a",
                                      "published": "2024-06-11", "language": "de"})  # fmt: skip
    b = _write(tmp_path / "b.json", {"title": "EZB erhöht", "text": text, "url": "https://zeit.de/b",
                                      "published": "2024-06-12", "language": "de"})  # fmt: skip
    first = ingest([a], store, enriched=False)
    report = ingest([b], store, enriched=False)
    assert store.count() == 1 and not report.added
    assert report.new_origin == first.added and report.other_metadata == [b]
    records = {Path(r["origin"]).name: r for r in store.origin_records(first.added[0])}
    assert records["a.json"]["title"] == "Zins steigt" and records["a.json"]["published"] == "2024-06-11"
    assert records["b.json"]["title"] == "EZB erhöht" and records["b.json"]["source"] == "zeit"
    assert records["b.json"]["published"] == "2024-06-12"
    again = ingest([a, b], store, enriched=False)  # idempotent: nothing new
    assert not again.added and not again.new_origin and len(again.known) == 2
    assert len(store.origin_records(first.added[0])) == 2


def test_store_keeps_ids_of_identity_version_1(tmp_path: Path):
    """A store written before identity v2: its ids stay, and the same body read again
    under another name joins the old record."""
    db = str(tmp_path / "old.db")
    text = BODY.format(sign="+", cur="€")
    a = _write(tmp_path / "a.json", {"title": "Zins", "text": text, "language": "de"})
    with Store(db) as store:
        new_id = ingest([a], store, enriched=False).added[0]
        old_id = "0123456789abcdef"  # what identity v1 gave it; content key not computed yet
        conn = store.conn
        conn.execute("PRAGMA foreign_keys=OFF")
        for table, col in (("articles", "id"), ("origins", "article_id"), ("edits", "article_id")):
            conn.execute(f"UPDATE {table} SET {col} = ? WHERE {col} = ?", (old_id, new_id))
        conn.execute("UPDATE articles SET content_key = NULL")
    b = _write(tmp_path / "b.json", {"title": "Zins", "text": text, "language": "de"})
    with Store(db) as store:
        report = ingest([a, b], store, enriched=False)
        assert store.count() == 1 and report.new_origin == [old_id] and len(report.known) == 1
        assert len(store.get(old_id).origins) == 2


def test_store_grouping_pending(tmp_path: Path, store: Store):
    from lagebild.group import catch_up

    path = _write(tmp_path / "a.json", {"title": "Zins", "text": BODY.format(sign="+", cur="€"), "language": "de"})
    ingest([path], store, enriched=False)  # stored, not grouped (as after a crash mid-regroup)
    assert store.grouping_pending() == 1
    catch_up(store)
    assert store.grouping_pending() == 0


def test_store_export_reimport_keeps_agencies(tmp_path: Path, store: Store):
    from lagebild.present.export import write_jsonl

    raw = (
        "Nordkorea testet Rakete\n\nSeoul. Nordkorea hat am Montag erneut eine ballistische Rakete "
        "abgefeuert, teilte der Generalstab in Seoul mit.\n\nDie Rakete flog rund 600 Kilometer weit.\n\n"
        "gs (afp, dpa)\n"
    )
    (tmp_path / "a.txt").write_text(raw, encoding="utf-8")
    first = ingest([str(tmp_path / "a.txt")], store, enriched=False)
    article = store.get(first.added[0])
    assert article.agencies == ["afp", "dpa"]
    out = tmp_path / "export.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        write_jsonl([article], fh)
    with Store(tmp_path / "other.db") as other:
        report = ingest([str(out)], other, enriched=False)
        again = other.get(report.added[0])
        assert again.agencies == ["afp", "dpa"] and again.text == article.text
