"""The cross-article entity merge on both backends: SQLite and PostgreSQL (tests/pgserver.py).

The same articles give the same merged entities (canonical ids, names, aliases, members,
article rows, mentions, quote speakers) on both; on each, the incremental merge equals
``merge --rebuild``.
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

import pytest
import sqlalchemy as sa

from lagebild.cli import main
from lagebild.enrich.merge import merge_store, record_merge, record_split
from lagebild.errors import LagebildError
from lagebild.ingest import read
from lagebild.model import Article
from lagebild.pipeline import process
from lagebild.store import Store
from lagebild.store.entities import list_entities, members

from .conftest import ARTICLES, EXAMPLES
from .test_entity_store import _article, _random_article

# Articles written for the merge: one actor under several names across articles.
_WRITTEN = [
    (901, "Stoiber sagte am Montag in München, er bleibe.", [("lb:PER:stoiber", "Stoiber", "PER")]),
    (902, "Edmund Stoiber besuchte Berlin und Kiew.",
     [("lb:PER:edmund-stoiber", "Edmund Stoiber", "PER"), ("lb:LOC:kiew", "Kiew", "LOC")]),
    (903, "Chamenei drohte, Khamenei schwieg nicht.",
     [("lb:PER:chamenei", "Chamenei", "PER"), ("lb:PER:khamenei", "Khamenei", "PER")]),
    (904, "Jim Comey und James B. Comey sind einer; Comey schwieg.",
     [("lb:PER:jim-comey", "Jim Comey", "PER"), ("lb:PER:james-b-comey", "James B. Comey", "PER")]),
    (905, "Die Nato und die NATO tagten in Brüssel.",
     [("lb:ORG:nato", "Nato", "ORG"), ("Q7184", "NATO", "ORG")]),
]  # fmt: skip


def _written() -> list[Article]:
    return [
        _article(n, text, ents, speaker=ents[0][0] if n % 2 else None) for n, text, ents in _WRITTEN
    ]


def _json(v: object) -> object:
    return json.loads(v) if isinstance(v, str) else v


def _state(store: Store) -> tuple:
    """What the merge wrote, read the same way on both dialects."""

    def q(sql: str) -> list[tuple]:
        rows = [
            tuple(_json(x) if isinstance(x, str) and x.startswith(("[", "{")) else x for x in r)
            for r in store.db.execute(sa.text(sql))
        ]
        return sorted(rows, key=repr)

    return (
        q("SELECT resolved_id, canonical FROM entity_map"),
        q("SELECT article_id, entity_id, name, role, aliases FROM article_entities"),
        q("SELECT article_id, start, entity_id, resolved_id FROM mentions"),
        q("SELECT article_id, seq, speaker_entity, speaker_entities FROM quotes"),
        q("SELECT id, name, type, wikidata, aliases FROM entities"),
    )


def _entities(store: Store) -> list:
    """The entities as ``lagebild entities`` lists them, each with its members and their names."""
    return [(r, members(store.db, r.id)) for r in list_entities(store.db, limit=0)]


@pytest.fixture(scope="module")
def enriched() -> list[Article]:
    """The examples and test articles, enriched once for every store of this module."""
    items = [process(x) for x in read([str(EXAMPLES), str(ARTICLES)]) if isinstance(x, Article)]
    assert sum(len(a.entities) for a in items) > 10
    return items


def test_entities_backends_same_merge_on_sqlite_and_postgresql(pg_server, tmp_path: Path, enriched):
    got = {}
    for url in (f"sqlite:///{tmp_path / 'e.db'}", pg_server.new_database()):
        with Store(url) as store:
            for a in [*enriched, *_written()]:
                store.add(copy.deepcopy(a))
            assert merge_store(store) > 0
            got[store.dialect] = (_entities(store), _state(store), [store.get(a.id).entities for a in enriched])
    sqlite, pg = got["sqlite"], got["postgresql"]
    assert sqlite[0] == pg[0]
    assert sqlite[1] == pg[1]
    assert sqlite[2] == pg[2]  # each article's entities, in their order
    canon = dict(pg[1][0])
    assert canon["lb:PER:stoiber"] == "lb:PER:edmund-stoiber"
    assert canon["lb:PER:chamenei"] == "lb:PER:khamenei" not in canon
    assert canon["lb:ORG:nato"] == "Q7184"
    stoiber = next(m for r, m in pg[0] if r.id == "lb:PER:edmund-stoiber")
    assert stoiber == {"lb:PER:edmund-stoiber": {"Edmund Stoiber"}, "lb:PER:stoiber": {"Stoiber"}}


def test_entities_backends_cli_on_postgresql(pg_server, tmp_path: Path, capsys):
    """ingest merges on PostgreSQL; entities/merge/split run there and agree with SQLite."""
    texts = tmp_path / "in"
    texts.mkdir()
    for n, text, _ in _WRITTEN:
        (texts / f"{n}.txt").write_text(f"Artikel {n}\n\n{text}\n", encoding="utf-8")

    def listed(url: str) -> list[dict]:
        assert main(["entities", "--db", url, "--json", "--limit", "0"]) == 0
        return json.loads(capsys.readouterr().out)

    out = {}
    for name, url in (("sqlite", f"sqlite:///{tmp_path / 'c.db'}"), ("postgresql", pg_server.new_database())):
        assert main(["-q", "ingest", str(EXAMPLES), str(texts), "--db", url]) == 0
        assert "entity merging" not in capsys.readouterr().err  # merged, not skipped
        first = listed(url)
        a, b = first[0], first[1]
        assert main(["merge", a["id"], b["id"], "--db", url]) == 0
        capsys.readouterr()
        merged = listed(url)
        assert main(["split", a["id"], b["name"], "--db", url]) == 0
        capsys.readouterr()
        out[name] = (first, merged, listed(url))
    assert out["sqlite"] == out["postgresql"]
    first, merged, split = out["postgresql"]
    assert len(merged) == len(first) - 1 and len(split) == len(first)


@pytest.mark.parametrize("seed", range(2))
def test_entities_backends_incremental_equals_rebuild(store_url: str, seed: int):
    """Batches of articles (some enriched again) and corrections: after every incremental
    merge a full rebuild changes nothing."""
    rng = random.Random(seed)
    seen: set[int] = set()
    with Store(store_url) as store:
        for step in range(5):
            for _ in range(rng.randint(2, 4)):
                n = rng.randint(1, 12)
                art = _random_article(rng, n)
                (store.update_enrichment if n in seen else store.add)(art)
                seen.add(n)
            merge_store(store)
            if step in (2, 3):
                ids = sorted({r.id for r in list_entities(store.db, limit=0)})
                try:
                    if step == 2 and len(ids) > 1:
                        record_merge(store, *rng.sample(ids, 2))
                    else:
                        e = rng.choice(ids)
                        record_split(store, e, rng.choice(sorted({n for v in members(store.db, e).values() for n in v})))
                except LagebildError:
                    pass
            got = _state(store)
            assert merge_store(store, rebuild=True) == 0, f"step {step}: the full pass disagrees"
            assert _state(store) == got


def test_entities_backends_postgresql_store_from_before_the_merge(pg_server):
    """A PostgreSQL store filled before migration 0020 gets its refs from its rows, and its
    first merge equals that of a store that had the merge from the start."""
    arts = _written()
    old, new = pg_server.new_database(), pg_server.new_database()
    with Store(old) as store:
        for a in arts:
            store.add(copy.deepcopy(a))
        with store.begin() as conn:  # back to before 0020: no refs, no merge tables
            for stmt in (
                "DROP TABLE entity_refs, entity_map, entity_corrections, entity_keys, entity_index,"
                " entity_dirty, entity_merge_state",
                "DROP FUNCTION entity_refs_dirty()",
                "DELETE FROM migrations WHERE name = '0020_pg_entity_merge'",
            ):
                conn.exec_driver_sql(stmt)
    with Store(old) as one, Store(new) as two:
        for a in arts:
            two.add(copy.deepcopy(a))
        assert merge_store(one) == merge_store(two) > 0
        assert _state(one) == _state(two)
        assert _entities(one) == _entities(two)


def test_entities_backends_postgresql_merge_while_articles_arrive(pg_server):
    """One connection stores articles while another merges again and again: no change is
    lost (a last merge then equals a full rebuild) and nothing fails."""
    import threading

    url = pg_server.new_database()
    rng = random.Random(3)
    arts = [_random_article(rng, n) for n in range(1, 41)]
    errors: list[BaseException] = []
    done = threading.Event()

    def merger() -> None:
        try:
            with Store(url) as store:
                while not done.is_set():
                    merge_store(store)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    with Store(url) as store:
        thread = threading.Thread(target=merger)
        thread.start()
        try:
            for a in arts:
                store.add(a)
        finally:
            done.set()
            thread.join()
        assert not errors
        merge_store(store)
        got = _state(store)
        assert merge_store(store, rebuild=True) == 0
        assert _state(store) == got
        assert len(got[0]) > 3  # merges happened
