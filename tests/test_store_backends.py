"""The article and enrichment layers on both backends: SQLite and PostgreSQL
(a throwaway server, tests/pgserver.py).

Every test here runs twice through the ``store_url`` fixture (``conftest.py``).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.clean import clean, replay
from lagebild.cli import main
from lagebild.errors import StoreError
from lagebild.ingest import read
from lagebild.model import Article, Entity, Mention, Quote, Sentence, TimeExpr
from lagebild.pipeline import ingest, process
from lagebild.store import Store, parse_target
from lagebild.store.tables import ARTICLE_TABLES, ENRICHMENT_TABLES
from lagebild.store.tables_entities import entity_refs

from .conftest import ARTICLES, EXAMPLES, ROOT


def _dump(store: Store) -> list:
    """Everything the article layer holds, read through the store's own API."""
    out = []
    for a in store.iter_articles():
        out.append((a.id, a.title, a.text, a.raw_bytes, a.base, a.edits, a.origins, a.published, a.flags,
                    store.origin_records(a.id)))  # fmt: skip
    return [out, store.stats()]


def test_store_backends_reingest_changes_nothing(store_url: str):
    with Store(store_url) as store:
        first = ingest([str(EXAMPLES), str(ARTICLES)], store, enriched=False, workers=1)
        snapshot = _dump(store)
        again = ingest([str(EXAMPLES), str(ARTICLES)], store, enriched=False, workers=1)
        assert len(first.added) == store.count() == 9 and not first.new_origin
        assert not again.added and len(again.known) == 9 and not again.new_origin
        assert _dump(store) == snapshot
    with Store(store_url) as store:  # and after opening it again (migrations already applied)
        assert _dump(store) == snapshot
        assert store.stats()["edits"] > 0


def test_store_backends_raw_bytes_byte_exact_and_edits_reversible(store_url: str, tmp_path: Path):
    odd = {
        "latin1.txt": "Über die Straße ging ein Mann.\r\nZweiter Absatz mit Größe.".encode(
            "latin-1"
        ),
        "bom.txt": "\ufeffTitel\n\nDer Bundestag tagte am Montag in Berlin.".encode("utf-8"),
        "ctrl.txt": b"Titel\n\nEin Text\x0b mit Steuerzeichen\x1b und Tabs\t.\n",
    }
    for name, data in odd.items():
        (tmp_path / name).write_bytes(data)
    with Store(store_url) as store:
        n = 0
        for item in read([str(EXAMPLES), str(ARTICLES), str(tmp_path)]):
            if not isinstance(item, Article):
                continue
            a = clean(item)
            store.add(a)
            b = store.get(a.id)
            assert b.raw_bytes == a.raw_bytes and b.raw == a.raw and b.base == a.base
            assert b.edits == a.edits and replay(b.base, b.edits) == b.text == a.text
            n += 1
        stored = {Path(o).name: a.raw_bytes for a in store.iter_articles() for o in a.origins}
    assert n >= 11
    for name, data in odd.items():
        assert stored[name] == data


def test_store_backends_same_body_two_names_one_article(store_url: str, tmp_path: Path):
    data = (EXAMPLES / "001_784126eb85bf30a5.txt").read_bytes()
    (tmp_path / "a.txt").write_bytes(data)
    (tmp_path / "b.txt").write_bytes(data.replace(b"\n", b"\r\n"))  # other bytes, same article
    with Store(store_url) as store:
        report = ingest([str(tmp_path)], store, enriched=False, workers=1)
        assert store.count() == 1 and len(report.added) == 1 and len(report.new_origin) == 1
        article = store.get(report.added[0][:6])
        assert sorted(Path(o).name for o in article.origins) == ["a.txt", "b.txt"]
        assert store.stats()["origins"] == 2


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    title=st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30),
    # PostgreSQL text holds no NUL (such an item is refused by name, see below)
    body=st.text(st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00"), min_size=1,
                 max_size=200),
)  # fmt: skip
def test_store_backends_property_roundtrip(store_url: str, title: str, body: str):
    text = title.replace("\n", " ") + "\n" + body
    raw = text.encode("utf-8")
    a = Article(origins=[f"mem:{hash(text)}"], raw=text, raw_bytes=raw, base=text)
    try:
        clean(a)
    except Exception:  # no article in it: not the store's concern
        return
    with Store(store_url) as store:
        if store.add(a) != "added":  # the same normalised body may come twice: one record
            return
        b = store.get(a.id)
    assert b.raw_bytes == raw and b.text == a.text and b.edits == a.edits
    assert replay(b.base, b.edits) == b.text


def test_store_backends_concurrent_ingest_loses_nothing(store_url: str, tmp_path: Path):
    """Two processes ingest overlapping folders into one store at once: every article and
    every origin arrives once, and neither process fails."""
    both, only_a, only_b = tmp_path / "both", tmp_path / "a", tmp_path / "b"
    for d in (both, only_a, only_b):
        d.mkdir()
    for i in range(60):
        (both / f"{i:03d}.txt").write_text(
            f"Meldung {i}\n\nSEOUL: Bericht Nummer {i} über das Treffen in Seoul.\n"
        )
    for i in range(20):
        (only_a / f"a{i:03d}.txt").write_text(
            f"Nachricht A{i}\n\nBERLIN: Eigene Meldung A{i} aus Berlin.\n"
        )
        (only_b / f"b{i:03d}.txt").write_text(
            f"Nachricht B{i}\n\nPARIS: Eigene Meldung B{i} aus Paris.\n"
        )
    Store(store_url).close()  # created (and migrated) before the race

    def run(*dirs: Path) -> subprocess.Popen[str]:
        cmd = [sys.executable, "-m", "lagebild.cli", "-q", "ingest", *map(str, dirs), "--db", store_url,
               "--no-enrich", "--json"]  # fmt: skip
        return subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT
        )

    procs = [run(both, only_a), run(only_b, both)]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert json.loads(out)["failed"] == []
    reports = [json.loads(out) for out, _ in outs]
    # each of the shared 60 was added by exactly one of them; the other found it known
    assert sum(r["added"] for r in reports) == 100
    assert sum(r["added"] + r["known"] for r in reports) == 160
    with Store(store_url) as store:
        assert store.count() == 100
        assert store.stats()["origins"] == 100
        origins = [o for a in store.iter_articles(full=False) for o in a.origins]
        assert len(origins) == len(set(origins)) == 100


def test_store_backends_metadata_matches_sqlite_migrations(tmp_path: Path):
    """tables.py (PostgreSQL's DDL) and the SQLite migrations give the same columns."""
    with Store(tmp_path / "m.db") as store:
        for table in [*ARTICLE_TABLES, *ENRICHMENT_TABLES]:
            info = {
                r[1]: (r[3], r[5]) for r in store.conn.execute(f"PRAGMA table_info({table.name})")
            }
            assert set(info) == {c.name for c in table.columns}, table.name
            for c in table.columns:
                # SQLite's articles are keyed by seq, the rowid itself (migration 0012), with id
                # UNIQUE NOT NULL; PostgreSQL keeps id as the key and seq as an identity column
                key = c.primary_key if table.name != "articles" else c.name == "seq"
                if (table.name, c.name) != ("articles", "seq"):
                    assert (
                        bool(info[c.name][0]) == (not c.nullable and not key)
                        or key
                    ), c.name
                assert bool(info[c.name][1]) == key, (table.name, c.name)


def test_store_backends_old_sqlite_store_migrates_to_seq(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A store written before migration 0010 opens, gets seq = rowid, and new rows follow."""
    from lagebild.store import migrate

    db = tmp_path / "old.db"
    with monkeypatch.context() as m:  # (before 0012 too: that one makes seq the rowid itself)
        m.setattr(migrate, "SQLITE_MIGRATIONS",
                  [s for s in migrate.SQLITE_MIGRATIONS if s[0] != "0012_articles_by_seq"])  # fmt: skip
        with Store(db) as store:
            ingest([str(EXAMPLES)], store, enriched=False, workers=1)
    con = sqlite3.connect(db)
    con.executescript(
        "DROP TRIGGER articles_seq; DROP INDEX articles_seq; DROP INDEX articles_search_filters;"
        " ALTER TABLE articles DROP COLUMN seq;"
        " DELETE FROM migrations WHERE name IN ('0010_article_seq', '0203_search_filter_index');"
    )
    con.close()
    with Store(db) as store:
        assert "0010_article_seq" in store.migrations
        ingest([str(ARTICLES)], store, enriched=False, workers=1)
        rows = store.conn.execute("SELECT rowid, seq FROM articles").fetchall()
        assert len(rows) == 9 and all(r[0] == r[1] for r in rows)
        assert (
            store.article_ids()[:2]
            == [r[0] for r in store.conn.execute("SELECT id FROM articles ORDER BY rowid")][:2]
        )


def test_store_backends_not_yet_on_postgresql_is_a_clear_error(pg_server):
    store_url = pg_server.new_database()
    with Store(store_url) as store:
        assert store.grouping_pending() == 0  # grouping runs there (tests/test_group_backends.py)
        with pytest.raises(StoreError, match="not yet available on PostgreSQL"):
            store.conn  # noqa: B018


def test_store_backends_storeless_commands_ignore_a_postgresql_db(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    """`spark` and `eval` open no store: a PostgreSQL $LAGEBILD_DB or --db must not refuse them
    (before, `lagebild spark enrich` failed with "not yet available on PostgreSQL")."""
    url = "postgresql://nobody@127.0.0.1:9/x"  # nothing listens there: no command may connect
    out = tmp_path / "rows"
    out.mkdir()  # the command stops at its own check ("exists already") before enriching anything
    monkeypatch.setenv("LAGEBILD_DB", url)
    for argv in (["spark", "enrich", str(EXAMPLES), "--out", str(out), "--local"],
                 ["--db", url, "spark", "enrich", str(EXAMPLES), "--out", str(out), "--local"]):  # fmt: skip
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert "exists already" in err and "PostgreSQL" not in err, err
    assert main(["eval", "ner", str(tmp_path / "missing.tsv")]) == 2
    err = capsys.readouterr().err
    assert "no such file" in err and "PostgreSQL" not in err, err
    assert main(["stats"]) == 2  # a command that opens the store still goes to the URL
    assert "Cannot open database 'postgresql://nobody@127.0.0.1:9/x'" in capsys.readouterr().err


def _records(store: Store) -> dict[str, tuple]:
    """Per article: its enrichment and where the grouping placed it."""
    from lagebild.group import group_fields

    place = group_fields(store)
    out = {aid: (_enrichment(store.get(aid)), place(aid)) for aid in store.article_ids()}
    r = entity_refs.c  # the entity merge's record of each article (columns of both dialects)
    refs = store.db.execute(sa.select(r.article_id, r.resolved_id, r.name, r.type, r.forms)).all()
    out["refs"] = sorted(map(tuple, refs))
    return out


def test_store_backends_enrich_equals_a_fresh_ingest(store_url: str, tmp_path: Path, monkeypatch):
    """`lagebild enrich` after a model change gives the records a fresh ingest with the new
    model gives (entities, quotes, times, embeddings, grouping), and semantic search finds
    the articles by their new vectors, no longer by the old ones."""
    import numpy as np

    import lagebild.enrich.embed as embed_mod
    import lagebild.enrich.resolve as resolve_mod
    from lagebild.search._semantic import semantic
    from lagebild.store import search_index

    def nearest(store: Store, vector: bytes) -> list[tuple[str, float]]:
        q = np.frombuffer(vector, dtype=np.float32)
        by_seq = {search_index.article_seq(store.db, aid): aid for aid in store.article_ids()}
        return [(by_seq[r], s) for r, s in semantic(store.db, q, None, 3)]

    with Store(store_url) as store:
        ingest([str(EXAMPLES), str(ARTICLES)], store, workers=1)
        old = {aid: store.get(aid) for aid in store.article_ids()}
        some = next(a for a in old.values() if a.embedding and len(a.entities) > 1)
        assert nearest(store, some.embedding)[0][0] == some.id  # (the index is built now)
    # the new "models": other vectors (the dimensions permuted: unit length, unrelated to the
    # old ones) and a resolver that loses each article's first entity
    perm = np.random.default_rng(0).permutation(embed_mod.DIM)
    real_embed, real_resolve = embed_mod.embed, resolve_mod.resolve
    monkeypatch.setattr(embed_mod, "embed", lambda texts: real_embed(texts)[:, perm])
    monkeypatch.setattr(resolve_mod, "resolve", lambda text, spans: real_resolve(text, spans)[1:])
    assert main(["-q", "enrich", "--db", store_url]) == 0
    with Store(tmp_path / "fresh.db") as fresh:
        ingest([str(EXAMPLES), str(ARTICLES)], fresh, workers=1)
        want = _records(fresh)
    with Store(store_url) as store:
        got = _records(store)
        assert got == want and len(got) == 10 and got["refs"]
        new = store.get(some.id)
        assert new.embedding != some.embedding and new.entities != some.entities
        top = nearest(store, new.embedding)
        assert top[0][0] == some.id and top[0][1] > 0.99
        assert all(s < 0.9 for aid, s in nearest(store, some.embedding) if aid == some.id)
        assert store.grouping_pending() == 0


def test_store_backends_cli_ingest_stats_list_show(
    store_url: str, capsys: pytest.CaptureFixture[str]
):
    assert main(["-q", "ingest", str(EXAMPLES), "--db", store_url]) == 0
    captured = capsys.readouterr()
    assert "added 2" in captured.out
    if parse_target(store_url).dialect == "postgresql":  # the search index is stored there too
        assert "the search index" not in captured.err
    assert main(["stats", "--db", store_url, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == 2
    assert main(["list", "--db", store_url, "--json"]) == 0
    ids = [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()]
    assert len(ids) == 2
    assert main(["show", ids[0][:8], "--db", store_url]) == 0
    shown = capsys.readouterr().out
    assert "edits:" in shown
    with Store(store_url) as store:  # the enrichment was stored, and show shows it
        enriched = [store.get(i) for i in ids]
    assert any(a.entities for a in enriched) and any(a.sentences for a in enriched)
    article = next(a for a in enriched if a.id == ids[0])
    for ent in article.entities[:3]:
        assert ent.name in shown


def test_store_backends_bad_urls_are_clear_errors(tmp_path: Path):
    with pytest.raises(StoreError, match="Unsupported database URL 'mysql://…'"):
        Store("mysql://x@localhost/db")
    with pytest.raises(StoreError, match="sqlite:///FILE"):
        Store("sqlite://relative.db")
    with pytest.raises(
        StoreError, match=r"Cannot open database 'postgresql://nobody:\*\*\*@127.0.0.1:9/x'"
    ) as e:
        Store("postgresql://nobody:secret@127.0.0.1:9/x")  # nothing listens there
    assert "secret" not in str(e.value)
    s = Store(f"sqlite:///{tmp_path / 'u.db'}")
    assert s.path == str(tmp_path / "u.db") and s.dialect == "sqlite"
    s.close()


def _enrichment(a: Article) -> tuple:
    return (a.id, a.entities, a.sentences, a.quotes, a.times, a.embedding, a.section_predicted)


def _odd_enriched() -> Article:
    """An enriched article with what a real one rarely has at once: a group speaker, an entity id
    twice, non-ASCII ids and forms, an embedding, a place acting, None roles."""
    text = "Titel\n\nDie Außenminister von Österreich und Japan sagten: „Wir reden.“ Später mehr."
    a = clean(Article(origins=["mem:odd"], raw=text, raw_bytes=text.encode(), base=text))
    a.entities = [
        Entity(id="lb:LOC:österreich", name="Österreich", type="LOC", aliases=["Wien"],
               mentions=[Mention(text="Österreich", start=29, end=39, actor=True)]),
        Entity(id="Q17", name="Japan", type="LOC", wikidata="Q17", role="Gastgeber",
               mentions=[Mention(text="Japan", start=44, end=49)]),
        Entity(id="lb:LOC:österreich", name="Österreich", type="LOC", aliases=["Alpenrepublik"]),
    ]  # fmt: skip
    a.quotes = [
        Quote(text="Wir reden.", start=58, end=68, kind="direct", cue="sagten",
              speaker_text="Die Außenminister", speaker_start=7, speaker_end=24, speaker_entity="lb:LOC:österreich",
              speaker_entities=["lb:LOC:österreich", "Q17"]),
        Quote(text="mehr", start=78, end=82, kind="indirect"),
    ]  # fmt: skip
    a.sentences = [Sentence(start=7, end=69, date="2024-06-24", date_from="text")]
    a.times = [TimeExpr(text="Später", value="FUTURE_REF", type="DATE", start=70, end=76)]
    a.embedding = bytes(range(256)) * 2
    a.section_predicted = "Politik"
    return a


def test_store_backends_same_enrichment_on_sqlite_and_postgresql(pg_server, tmp_path: Path):
    """The same enriched articles give equal records on both backends, and replacing the
    enrichment (lagebild enrich) replaces it on both."""
    import copy

    items = [process(x) for x in read([str(EXAMPLES), str(ARTICLES)]) if isinstance(x, Article)]
    items.append(_odd_enriched())
    assert sum(len(a.entities) for a in items) > 10 and any(a.quotes for a in items)
    assert any(a.embedding for a in items)
    pg_url = pg_server.new_database()
    got = {}
    for url in (f"sqlite:///{tmp_path / 'e.db'}", pg_url):
        with Store(url) as store:
            for a in items:
                assert store.add(copy.deepcopy(a)) == "added"
            got[url] = [_enrichment(store.get(a.id)) for a in items]
            odd = store.get(items[-1].id)
            odd.quotes = odd.quotes[1:]
            odd.entities = odd.entities[1:]
            odd.embedding = None
            store.update_enrichment(odd)
            got[url + "#updated"] = _enrichment(store.get(odd.id))
            with store.begin() as conn:  # the entity row gathered every form
                from lagebild.store.tables import entities

                got[url + "#entity"] = conn.execute(
                    entities.select().where(entities.c.id == "lb:LOC:österreich")
                ).one()
    sqlite_url = f"sqlite:///{tmp_path / 'e.db'}"
    assert got[sqlite_url] == got[pg_url]
    first, sent = got[sqlite_url][0], _enrichment(items[0])  # what went in comes out
    assert first[:3] == sent[:3] and first[4:] == sent[4:]
    # (a quote's confidence and evidence are not stored)
    assert [(q.text, q.start, q.speaker_entities) for q in first[3]] == [
        (q.text, q.start, q.speaker_entities) for q in sent[3]
    ]
    odd = got[sqlite_url][-1]
    assert [e.id for e in odd[1]] == ["Q17", "lb:LOC:österreich"]  # one row, at its last place
    assert odd[3][0].speaker_entities == ["lb:LOC:österreich", "Q17"]
    assert odd[5] == bytes(range(256)) * 2
    assert got[sqlite_url + "#updated"] == got[pg_url + "#updated"]
    assert got[sqlite_url + "#updated"][5] is None and len(got[pg_url + "#updated"][3]) == 1
    assert tuple(got[sqlite_url + "#entity"]) == tuple(got[pg_url + "#entity"])
    assert got[pg_url + "#entity"].aliases == ["Österreich", "Wien", "Alpenrepublik"]


def test_store_backends_replaced_embedding_reaches_the_sqlite_vector_index(tmp_path: Path):
    """SQLite's in-process vector index (search/_vectors.py) drops a replaced embedding and
    takes the new one: for an article in the middle and for the last (same process, cached)."""
    import numpy as np

    from lagebild.search._semantic import semantic

    rng = np.random.default_rng(1)

    def unit() -> bytes:
        v = rng.standard_normal(512).astype(np.float32)
        return (v / np.linalg.norm(v)).tobytes()

    def found(store: Store, vector: bytes) -> dict[int, float]:
        return dict(semantic(store.db, np.frombuffer(vector, dtype=np.float32), None, 5))

    with Store(tmp_path / "v.db") as store:
        ids = []
        for i in range(4):
            text = f"Titel {i}\n\nEin kurzer Text Nummer {i} über etwas anderes."
            a = clean(Article(origins=[f"mem:{i}"], raw=text, raw_bytes=text.encode(), base=text))
            a.embedding = unit()
            store.add(a)
            ids.append(a.id)
        rowid = {aid: store.conn.execute("SELECT rowid FROM articles WHERE id = ?", (aid,)).fetchone()[0] for aid in ids}
        for aid in (ids[1], ids[3]):  # the middle, then the last
            article = store.get(aid)
            before = article.embedding
            assert found(store, before)[rowid[aid]] > 0.99  # (indexed before the change)
            article.embedding = unit()
            store.update_enrichment(article)
            assert found(store, article.embedding).get(rowid[aid], 0) > 0.99
            assert rowid[aid] not in found(store, before)  # the old vector is gone
            assert found(store, store.get(ids[0]).embedding).get(rowid[ids[0]], 0) > 0.99
