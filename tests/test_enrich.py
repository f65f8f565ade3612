"""Enrichment end to end: entities with aliases, quotes with speakers, dates; stored and exported."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from lagebild.clean import clean
from lagebild.cli import main
from lagebild.enrich import enrich
from lagebild.ingest import read
from lagebild.model import Article
from lagebild.pipeline import ingest

from ._db import run
from .conftest import ARTICLES, EXAMPLES

# the tests that take `store` run on SQLite and on PostgreSQL (conftest.py)
pytestmark = pytest.mark.both_stores


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    out = {}
    for item in read([str(EXAMPLES)]):
        a = enrich(clean(item))
        out[a.source] = a
    return out


def _entity(article: Article, eid: str):
    return next((e for e in article.entities if e.id == eid), None)


def test_enrich_aliases_resolve_to_one_entity(seeds):
    toi, dw = seeds["toi"], seeds["dw"]
    nk = _entity(toi, "Q423")
    assert nk is not None and nk.type == "LOC"
    forms = {m.text for m in nk.mentions}
    assert {"DVRK", "Pjöngjang", "Nordkoreas"} <= forms
    assert any(m.text.startswith("Demokratische") for m in _entity(dw, "Q423").mentions)
    kim = [e for e in toi.entities if e.name.startswith("Kim Jong")]
    assert len(kim) == 1 and "Kim" in {m.text for m in kim[0].mentions}
    assert _entity(dw, kim[0].id) is not None  # `Kim Jong-un` in the DW piece: the same id


def test_enrich_roles_and_short_names(seeds):
    toi = seeds["toi"]
    sullivan = next(e for e in toi.entities if e.name == "Jake Sullivan")
    assert sullivan.role == "nationaler Sicherheitsberater der USA"
    assert "Sullivan" in {m.text for m in sullivan.mentions}
    cho = next(e for e in toi.entities if e.name == "Cho Tae-yong")
    assert {m.text for m in cho.mentions} >= {"Cho", "Cho Tae-yong"}


def test_enrich_quotes_with_speakers(seeds):
    toi = seeds["toi"]
    cho = next(e for e in toi.entities if e.name == "Cho Tae-yong")
    direct = [q for q in toi.quotes if q.kind == "direct" and q.text.startswith("Wir haben vereinbart")]
    assert direct and direct[0].speaker_entity == cho.id and direct[0].cue == "sagen"
    indirect = [q for q in toi.quotes if q.kind == "indirect" and q.speaker_entity == cho.id]
    assert any("Sicherheitsberater hätten" in q.text for q in indirect)
    sullivan = next(e for e in toi.entities if e.name == "Jake Sullivan")
    assert any(q.speaker_entity == sullivan.id and q.text.startswith("Washington werde") for q in toi.quotes)
    for q in toi.quotes:
        assert toi.text[q.start : q.end] == q.text


def test_enrich_times_resolved_against_publication_date(seeds):
    dw = seeds["dw"]
    values = {t.text: t.value for t in dw.times}
    assert values["Montag"] == "2024-06-24" and values["letzte Woche"] == "2024-W25"
    assert dw.sentences[0].date == "2024-06-24" and dw.sentences[0].date_from == "text"
    # no publication date: nothing is invented
    toi = seeds["toi"]
    assert toi.published is None
    assert {t.value for t in toi.times if t.text == "Samstag"} == {"XXXX-WXX-6"}
    assert all(s.date is None or s.date.startswith("XXXX") or s.date_from == "text" for s in toi.sentences)


def test_enrich_removed_text_yields_nothing():
    [a] = [x for x in read([str(ARTICLES / "tokio_peking.txt")]) if isinstance(x, Article)]
    a = enrich(clean(a))
    assert "Bundesliga" not in a.text
    assert all("Bundesliga" not in m.text for e in a.entities for m in e.mentions)
    assert all(e.name != "nhk" for e in a.entities)


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Titel\n" + "sehr lange Zeile ohne jeden Punkt und Komma " * 400, "de"),
        ("TITEL\nDIE REGIERUNG IN BERLIN HAT AM MONTAG NEUE SANKTIONEN GEGEN RUSSLAND BESCHLOSSEN.", "de"),
        ("Tabelle\n" + "\n".join(f"{i} | {i * 3.5} | {i * 7} Prozent" for i in range(300)), None),
        ("Title\nThe president said on Friday that the talks would continue, officials said.", "en"),
        ("Titre\nLe président a déclaré vendredi que les discussions continueraient avec la Russie.", "fr"),
        ("Titel\nDer Minister sagte, man werde reden. The minister said talks would go on.", None),
    ],
)
def test_enrich_bad_input_never_crashes(text: str, lang: str | None):
    a = clean(Article(origins=["<t>"], raw=text, raw_bytes=text.encode(), base=text))
    if lang is not None:
        assert a.language == lang
    enrich(a)
    if a.language not in ("de", "en"):
        assert "unenriched" in a.flags and not a.entities and not a.sentences
    else:
        assert a.sentences and all(0 <= s.start < s.end <= len(a.text) for s in a.sentences)


def test_enrich_stored_exported_and_rerun(store, capsys, tmp_path):
    report = ingest([str(EXAMPLES)], store)
    assert len(report.added) == 2
    a = store.get(next(aid for aid in report.added))
    assert a.entities and a.sentences and a.times is not None
    again = enrich(store.get(a.id))
    assert [e.id for e in again.entities] == [e.id for e in a.entities]
    assert [(q.start, q.end, q.speaker_entity) for q in again.quotes] == [
        (q.start, q.end, q.speaker_entity) for q in a.quotes
    ]
    [(aliases,)] = run(store.db, "SELECT aliases FROM entities WHERE id = 'Q423'")
    if isinstance(aliases, str):  # JSON text on SQLite; jsonb comes decoded on PostgreSQL
        aliases = json.loads(aliases)
    assert {"DVRK", "Pjöngjang", "Nordkorea"} <= set(aliases)
    db = store.path  # the SQLite file or the PostgreSQL URL: both are a --db
    store.close()
    assert main(["enrich", "--db", db]) == 0
    assert main(["export", "--db", db]) == 0
    out = capsys.readouterr().out.splitlines()[-2:]
    for line in out:
        rec = json.loads(line)
        assert {"sentences", "entities", "quotes", "times"} <= rec.keys()
        for e in rec["entities"]:
            assert {"id", "name", "type", "aliases", "wikidata", "mentions"} <= e.keys()
            for m in e["mentions"]:
                assert rec["text"][m["start"] : m["end"]] == m["text"]
        for q in rec["quotes"]:
            assert {"speaker", "text", "kind", "cue", "start", "end"} <= q.keys()
            assert {"text", "entity"} <= q["speaker"].keys()
        for t in rec["times"]:
            assert rec["text"][t["start"] : t["end"]] == t["text"]


def test_enrich_english_article():
    [a] = [x for x in read([str(ARTICLES / "new_delhi_en.txt")]) if isinstance(x, Article)]
    a = enrich(clean(a))
    assert a.language == "en"
    names = {e.name for e in a.entities}
    assert {"Indien", "Australien"} <= names or {"India", "Australia"} <= names
    assert any(q.speaker_text and "Mehta" in q.speaker_text for q in a.quotes)
    assert any(t.text == "Thursday" and t.value == "XXXX-WXX-4" for t in a.times)
    assert a.published is None and dt.date.today()  # undated: nothing resolved to a real date


def test_enrich_rerun_in_workers_equals_sequential(tmp_path):
    """`lagebild enrich` enriches in worker processes; the stored result is the same."""
    from lagebild.store import Store

    from lagebild.pipeline import reenrich
    from lagebild.present.export import to_record

    src = tmp_path / "in"
    src.mkdir()
    texts = sorted(ARTICLES.glob("*.txt")) + sorted(EXAMPLES.glob("*.txt"))
    n = 0
    while n < 70:  # enough to start the worker pool
        for f in texts:
            (src / f"{n:03d}.txt").write_text(f.read_text(encoding="utf-8") + f"\n\nNachtrag {n}.", encoding="utf-8")
            n += 1
    results = {}
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.db") as s:
            ingest([str(src)], s, enriched=False)
            assert reenrich(s, workers=workers) == s.count() >= 70
            results[workers] = {
                aid: {k: to_record(s.get(aid))[k] for k in ("entities", "quotes", "times", "sentences")}
                for (aid,) in s.conn.execute("SELECT id FROM articles")
            }
    assert json.dumps(results[1], sort_keys=True) == json.dumps(results[2], sort_keys=True)
    assert any(r["entities"] for r in results[2].values())


def test_worker_chunk_collects_its_cycles_and_freezes_the_rest(monkeypatch):
    """A pool worker runs the cyclic garbage collector once per chunk: the chunk's cycles are
    gone after it, what it keeps (caches, results) is frozen; one process is left alone."""
    import gc
    import weakref

    from lagebild import pipeline

    class Node:
        pass

    def work() -> tuple[weakref.ref, Node]:
        cycle = Node()
        cycle.me = cycle  # garbage once this returns, reachable only from itself
        return weakref.ref(cycle), Node()

    def chunk() -> tuple[weakref.ref, Node]:
        with pipeline._chunk_heap():
            return work()

    frozen_before = gc.get_freeze_count()
    was_enabled = gc.isenabled()
    gc.disable()  # (as _worker_start leaves a worker)
    try:
        dead, kept = chunk()  # one process: nothing collected, nothing frozen
        assert dead() is not None and gc.get_freeze_count() == frozen_before
        monkeypatch.setattr(pipeline, "_in_worker", True)
        dead, kept = chunk()
        assert dead() is None
        assert gc.get_freeze_count() > frozen_before
    finally:
        if not frozen_before:
            gc.unfreeze()
        if was_enabled:
            gc.enable()
