"""Grouping (duplicates, events, storylines, redirects, timelines) on both backends: SQLite and
PostgreSQL (a throwaway server, tests/pgserver.py), mostly through the ``store_url`` fixture.

The articles: examples/ and tests/data/stories/ enriched once on SQLite, plus three copies of
each (a line added; a paragraph added; a paragraph added and the date three days later), so
that near-duplicates, joined events and continued storylines all occur.  Every backend gets
the same enriched articles (copied through ``Store.get``/``Store.add``), so the same
placements are expected.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from lagebild.clean import content_key
from lagebild.cli import main
from lagebild.group import assign, group_fields, rebuild
from lagebild.group.storylines import list_storylines
from lagebild.group.timelines import entity_timeline, storyline_timeline
from lagebild.model import Article
from lagebild.pipeline import ingest
from lagebild.store import Store
from lagebild.store import grouping as _db
from lagebild.store.redirects import record_redirect, redirects_to, resolve_storyline
from lagebild.store.tables_group import GROUP_TABLES

from .conftest import DATA, EXAMPLES, ROOT

_TAILS = (
    "Die Angaben wurden am Abend bestätigt.",
    "Weitere Einzelheiten wurden zunächst nicht bekannt. Beobachter rechnen mit einer"
    " längeren Debatte, die sich über Wochen hinziehen dürfte.",
    "Am Wochenende gingen die Gespräche weiter, wie Beteiligte berichteten.",
)


def _variant(article: Article, k: int) -> Article:
    """A copy of an enriched article with a line appended (offsets stay valid); the third
    copy is dated three days later."""
    text = article.text + "\n" + _TAILS[k]
    out = dataclasses.replace(
        article, text=text, raw=text, base=text, raw_bytes=text.encode(), edits=[],
        origins=[f"copy{k}/{Path(article.origins[0]).name}"], hints={},
    )  # fmt: skip
    out.id = content_key(text)[:16]
    if k == 2 and article.published is not None:
        out.published = article.published + dt.timedelta(days=3)
    return out


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    """A SQLite store with the enriched articles (originals first, then the copies)."""
    path = tmp_path_factory.mktemp("group_backends") / "source.db"
    with Store(path) as store:
        report = ingest([str(EXAMPLES), str(DATA / "stories")], store, workers=1)
        assert len(report.added) == 9 and report.ok
        originals = [store.get(aid) for aid in store.article_ids()]
        for k in range(len(_TAILS)):
            for a in originals:
                assert store.add(_variant(a, k)) == "added"
    return path


def _copy(source: Path, target: str, ids: list[str] | None = None, *, online: bool) -> None:
    """Articles of ``source`` into ``target`` (storage order); ``online``: each grouped as added."""
    with Store.open_readonly(source) as src, Store(target) as dst:
        for aid in ids if ids is not None else src.article_ids():
            dst.add(src.get(aid))
            if online:
                assign(dst, dst.get(aid))


def _placements(store: Store) -> dict[str, tuple[str | None, ...]]:
    lookup = group_fields(store)
    return {aid: tuple(lookup(aid).values()) for aid in store.article_ids()}


def _summary(store: Store) -> dict[str, object]:
    """What readers see: placements, storylines as listed, their timelines, an entity's."""
    stories = list_storylines(store.db)
    timelines = {
        s["id"]: [e.as_dict() for e in storyline_timeline(store.db, s["id"])] for s in stories
    }
    entity = store.get(store.article_ids()[0]).entities[0].id
    return {
        "placements": _placements(store),
        "stories": stories,
        "timelines": timelines,
        "entity": [e.as_dict() for e in entity_timeline(store.db, entity)],
        "pending": store.grouping_pending(),
    }


@pytest.fixture(scope="module")
def reference(source: Path, tmp_path_factory) -> dict[str, object]:
    """The grouping of the articles on a fresh SQLite store, placed online in storage order."""
    path = tmp_path_factory.mktemp("group_reference") / "ref.db"
    _copy(source, str(path), online=True)
    with Store(path) as store:
        return _summary(store)


def test_group_backends_same_grouping_on_both(store_url: str, source: Path, reference: dict):
    """Online placements, storylines, timelines equal SQLite's; regroup gives them again."""
    _copy(source, store_url, online=True)
    with Store(store_url) as store:
        got = _summary(store)
        assert got == reference
        places = got["placements"]
        assert len(places) == 36 and got["pending"] == 0
        assert any(p[2] for p in places.values())  # near-duplicates occur
        assert len({p[0] for p in places.values()}) < 36 - sum(bool(p[2]) for p in places.values())
        rebuild(store)
        assert _summary(store) == reference


def test_group_backends_cli(store_url: str, source: Path, capsys):
    """regroup, stories and timeline run on either backend (PostgreSQL: POSTGRES_COMMANDS)."""
    _copy(source, store_url, online=False)
    assert main(["regroup", "--db", store_url]) == 0
    assert capsys.readouterr().out.startswith("grouped 36 articles:")
    assert main(["stories", "--json", "--limit", "0", "--db", store_url]) == 0
    stories = json.loads(capsys.readouterr().out)
    sid = max(stories, key=lambda s: len(s["events"]))["id"]
    assert main(["timeline", sid, "--json", "--db", store_url]) == 0
    assert json.loads(capsys.readouterr().out)


def test_group_backends_redirects_stay_flat(store_url: str):
    """A merged-away storyline id resolves to where it lives now, chains kept flat."""
    with Store(store_url) as store:
        with store.begin() as conn:
            for sid, seq in (("st-a", 1), ("st-b", 2), ("st-c", 3)):
                _db.insert_storyline(conn, sid, seq, None)
            fold = dict(first_day=None, last_day=None, grow=0, emb_sum=None, n_emb=0, terms={},
                        entities={})  # fmt: skip
            _db.fold_storyline(conn, "st-b", "st-a", **fold)  # type: ignore[arg-type]
            record_redirect(conn, "st-a", "st-b", 4)
            record_redirect(conn, "st-a", "st-b", 5)  # recorded again: replaced, not doubled
            _db.fold_storyline(conn, "st-c", "st-b", **fold)  # type: ignore[arg-type]
            record_redirect(conn, "st-b", "st-c", 6)
        assert redirects_to(store.db, "st-c") == [
            {"id": "st-a", "seq": 5, "kind": "merge"}, {"id": "st-b", "seq": 6, "kind": "merge"},
        ]  # fmt: skip
        assert [resolve_storyline(store.db, s) for s in ("st-a", "st-b", "st-c", "st-x")] == [
            "st-c", "st-c", "st-c", None,
        ]  # fmt: skip
        assert store.resolve_storyline("st-a") == "st-c"


# -- PostgreSQL: one grouping writer at a time ------------------------------------------------


def test_group_backends_pg_writers_wait_readers_do_not(source: Path, pg_server):
    """A grouping transaction holding the lock makes a second one wait; readers go on."""
    url = pg_server.new_database()
    with Store.open_readonly(source) as src:
        ids = src.article_ids()
    _copy(source, url, ids[:2], online=False)
    done: list[str] = []
    with Store(url) as holder, Store(url) as other, Store(url) as reader:
        with holder.begin() as conn:
            _db.lock_grouping(conn)
            worker = threading.Thread(
                target=lambda: done.append(assign(other, other.get(ids[0])).event_id)
            )
            worker.start()
            time.sleep(1.0)
            assert not done  # waiting for the lock
            assert reader.grouping_pending() == 2  # a reader is not held up
            assert _db.count_pending(conn) == 2
        worker.join(timeout=30)
        assert done and reader.grouping_pending() == 1
    pg_server.drop_database(url)


_WORKER = """
import sys
from lagebild.group import assign, catch_up
from lagebild.store import Store

source, url, ids = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
with Store.open_readonly(source) as src, Store(url) as dst:
    for aid in ids:  # as an ingest does: store the article, then group it (its own transactions)
        dst.add(src.get(aid))
        assign(dst, dst.get(aid))
    catch_up(dst)  # and groups what is stored but not grouped, as every ingest starts
"""


def _check_consistent(store: Store) -> None:
    """Counters and centroid sizes agree with the placements; every article is placed once."""
    def one(sql: str) -> int:
        return int(store.db.execute(sa.text(sql)).scalar_one())

    n = store.count()
    assert one("SELECT count(*) FROM group_articles") == n
    assert one("SELECT count(DISTINCT seq) FROM group_articles") == n
    assert one("SELECT value FROM group_meta WHERE key = 'articles'") == n
    canonical = one("SELECT count(*) FROM group_articles WHERE duplicate_of IS NULL")
    assert one("SELECT value FROM group_meta WHERE key = 'docs'") == canonical
    assert one(
        "SELECT count(*) FROM events e WHERE size <> (SELECT count(*) FROM group_articles g"
        " WHERE g.event_id = e.id AND g.duplicate_of IS NULL)"
    ) == 0
    assert one(
        "SELECT count(*) FROM storylines s WHERE events <> (SELECT count(*) FROM events e"
        " WHERE e.storyline_id = s.id)"
    ) == 0
    assert one(
        "SELECT count(*) FROM group_articles g WHERE NOT EXISTS"
        " (SELECT 1 FROM events e WHERE e.id = g.event_id)"
    ) == 0


def test_group_backends_pg_two_ingests_at_once(source: Path, pg_server, tmp_path: Path):
    """Two processes store and group into one database at once: no errors, every article
    grouped once, and the grouping equals a sequential run in the order the lock admitted
    the placements (``group_articles.seq``), on PostgreSQL and on SQLite."""
    url = pg_server.new_database()
    with Store.open_readonly(source) as src:
        ids = src.article_ids()
    halves = [ids[0::2], ids[1::2]]  # interleaved: each process gets originals and copies
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(source), url, ",".join(half)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        for half in halves
    ]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        assert "Traceback" not in err and "ERROR" not in err, err
    with Store(url) as store:
        assert store.grouping_pending() == 0
        _check_consistent(store)
        got = _placements(store)
        order = [
            r[0]
            for r in store.db.execute(
                sa.text("SELECT article_id FROM group_articles ORDER BY seq")
            )
        ]
    assert sorted(order) == sorted(ids)
    # the same articles, placed one by one in that order, on a fresh database of each kind
    for target in (pg_server.new_database(), str(tmp_path / "replay.db")):
        _copy(source, target, ids, online=False)
        with Store(target) as store:
            for aid in order:
                assign(store, store.get(aid))
            assert _placements(store) == got, target
            _check_consistent(store)
    pg_server.drop_database(url)


def test_group_backends_tables_match_the_sqlite_schema(store_url: str):
    """The PostgreSQL tables (tables_group.py) have the columns the SQLite scripts made."""
    with Store(store_url) as store:
        insp = sa.inspect(store.db)
        for table in GROUP_TABLES:
            cols = {c["name"]: c for c in insp.get_columns(table.name)}
            assert set(cols) == {c.name for c in table.columns}, table.name
            pk = set(insp.get_pk_constraint(table.name)["constrained_columns"])
            assert pk == {c.name for c in table.primary_key.columns}, table.name
            for c in table.columns:
                if not c.primary_key:
                    assert cols[c.name]["nullable"] == c.nullable, (table.name, c.name)
            indexes = {i["name"] for i in insp.get_indexes(table.name)}
            assert {i.name for i in table.indexes} <= indexes, table.name
