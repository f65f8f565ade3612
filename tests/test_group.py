"""Grouping: duplicates, events, storylines, timelines; online == rebuild; bad input; CLI."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import sqlalchemy as sa

from lagebild.clean import clean
from lagebild.cli import main
from lagebild.group import assign, catch_up, group_fields, rebuild
from lagebild.group.duplicates import duplicates_of
from lagebild.group.storylines import list_storylines
from lagebild.group.timelines import date_key, entity_timeline, resolve_ref, storyline_timeline
from lagebild.model import Article
from lagebild.pipeline import ingest
from lagebild.present.export import to_record
from lagebild.store import Store

from .conftest import DATA, EXAMPLES

STORIES = DATA / "stories"
SEED_TOI, SEED_DW = "e86e74917e7dc5e1", "def9a1d13fc930b1"  # ids of identity v2 (store migration 0007)

# the tests that take `store` run on SQLite and on PostgreSQL (conftest.py)
pytestmark = pytest.mark.both_stores


def _count(store: Store, sql: str) -> int:
    """A count through the store's SQLAlchemy connection (either dialect)."""
    return store.db.execute(sa.text(sql)).scalar_one()


def _integrity_error(store: Store) -> type[Exception]:
    """What a broken foreign key raises: sqlite3's own error, SQLAlchemy's on PostgreSQL."""
    return sqlite3.IntegrityError if store.dialect == "sqlite" else sa.exc.IntegrityError


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """examples/ + tests/data/stories/ ingested (enriched, grouped online) once for the module."""
    path = tmp_path_factory.mktemp("group") / "corpus.db"
    with Store(path) as store:
        report = ingest([str(EXAMPLES), str(STORIES)], store, workers=1)
        assert len(report.added) == 9 and report.ok
    return path


@pytest.fixture
def grouped(corpus: Path, tmp_path: Path):
    """A private copy of the module corpus."""
    path = tmp_path / "copy.db"
    shutil.copy(corpus, path)
    with Store(path) as store:
        yield store


def _ids(store: Store) -> dict[str, str]:
    """source-file stem -> article id."""
    out = {}
    for aid, origin in store.conn.execute("SELECT article_id, origin FROM origins"):
        out[Path(origin).stem] = aid
    return out


def _placement(store: Store) -> dict[str, tuple[str, str, str | None]]:
    return {
        r[0]: (r[1], r[2], r[3])
        for r in store.conn.execute(
            "SELECT g.article_id, g.event_id, e.storyline_id, g.duplicate_of FROM group_articles g"
            " JOIN events e ON e.id = g.event_id"
        )
    }


def _partition(store: Store, col: int) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for aid, p in _placement(store).items():
        groups.setdefault(p[col], set()).add(aid)
    return {frozenset(g) for g in groups.values()}


def test_group_seed_storyline_spans_dec_2023_to_feb_2025(grouped: Store):
    ids = _ids(grouped)
    stories = list_storylines(grouped.conn)
    korea = next(s for s in stories if any(SEED_TOI in e["articles"] for e in s["events"]))
    arts = {a for e in korea["events"] for a in e["articles"]}
    assert {SEED_TOI, SEED_DW, ids["munich_en"]} <= arts
    assert len(korea["events"]) == 3  # Seoul Dec 2023, joint statement Jun 2024, Munich Feb 2025
    assert korea["start"].startswith("2023-12") and korea["end"].startswith("2025-02")
    assert "Nordkorea" in korea["actors"] and "Südkorea" in korea["actors"]
    assert korea["title"] and korea["title"][0].isupper()


def test_group_unrelated_articles_stay_apart(grouped: Store):
    ids = _ids(grouped)
    p = _placement(grouped)
    budget = {p[ids["haushalt_berlin"]], p[ids["haushalt_berlin_2"]]}
    assert len({x[0] for x in budget}) == 1  # one event: the same debate in two outlets
    korea_story = p[SEED_TOI][1]
    for stem in ("haushalt_berlin", "stromausfall_spanien", "marche_fr"):
        assert p[ids[stem]][1] != korea_story
    assert p[ids["stromausfall_spanien"]][0] != p[ids["haushalt_berlin"]][0]
    assert p[SEED_TOI][0] != p[SEED_DW][0]  # same thread, different events


def test_group_duplicates_have_canonical_and_do_not_count(grouped: Store):
    ids = _ids(grouped)
    p = _placement(grouped)
    a, b = ids["muenchen_agentur"], ids["muenchen_tagesschau"]
    canon, dup = (a, b) if p[b][2] == a else (b, a)
    assert p[dup][2] == canon and p[canon][2] is None
    assert duplicates_of(grouped.conn, canon) == [dup]
    event = next(
        e for s in list_storylines(grouped.conn) for e in s["events"] if e["id"] == p[canon][0]
    )
    assert dup not in event["articles"] and event["duplicates"] == {dup: canon}
    size = grouped.conn.execute("SELECT size FROM events WHERE id = ?", (p[canon][0],)).fetchone()[
        0
    ]
    assert size == len(event["articles"])
    assert ids["munich_en"] in event["articles"]  # the English report is the same event


def test_group_rebuild_gives_the_same_grouping(grouped: Store):
    before = (
        _partition(grouped, 0),
        _partition(grouped, 1),
        {k: v[2] for k, v in _placement(grouped).items()},
    )
    assert rebuild(grouped) == 9
    after = (
        _partition(grouped, 0),
        _partition(grouped, 1),
        {k: v[2] for k, v in _placement(grouped).items()},
    )
    assert before == after


def test_group_online_assignment_survives_restart(grouped: Store, tmp_path: Path):
    path = grouped.path
    grouped.close()
    src = (STORIES / "haushalt_berlin_2.txt").read_text(encoding="utf-8")
    variant = src.replace(
        "Kukies wirbt im Bundestag", "Finanzminister Kukies wirbt im Bundestag"
    ).replace(
        "Über den Nachtragshaushalt soll im März abgestimmt werden.",
        "Die Abstimmung folgt im März.",
    )
    f = tmp_path / "variant.txt"
    f.write_text(variant, encoding="utf-8")
    (tmp_path / "variant.meta.json").write_text('{"source": "taz", "published": "2025-02-14"}')
    with Store(path) as store:
        ev_before = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
        report = ingest([str(f)], store, workers=1)
        aid = report.added[0]
        p = _placement(store)
        ids = _ids(store)
        assert p[aid][0] == p[ids["haushalt_berlin"]][0]
        assert store.conn.execute("SELECT count(*) FROM events").fetchone()[0] == ev_before


def test_group_crash_leaves_article_ungrouped_then_catch_up(store: Store):
    article = clean(
        Article(
            origins=["x.txt"],
            raw="Titel\n\nEin Text über nichts.\n",
            base="Titel\n\nEin Text über nichts.\n",
            raw_bytes=b"x",
        )
    )
    ghost = Article(id="ffffffffffffffff", text="nicht gespeichert", title="x")
    with pytest.raises(_integrity_error(store)):
        assign(store, ghost)  # not stored: the foreign key fails, the transaction rolls back
    assert _count(store, "SELECT count(*) FROM group_articles") == 0
    assert _count(store, "SELECT count(*) FROM events") == 0
    store.add(article)  # stored, then "crashed" before grouping
    assert catch_up(store) == 1 and catch_up(store) == 0


def _bare(text: str, title: str = "", lang: str | None = None, published=None) -> Article:
    a = Article(
        origins=[f"mem:{hashlib.sha1(text.encode()).hexdigest()}"],
        raw=text,
        base=text,
        raw_bytes=text.encode(),
    )
    a = clean(a)
    if lang is not None:
        a.language = lang
    a.published = published
    return a


@pytest.mark.parametrize(
    "text, lang",
    [
        (
            "Ohne Datum\n\nEin kurzer Text ohne Namen und ohne Datum, nur Worte über das Wetter.\n",
            "de",
        ),
        ("Sans date\n\nUn texte court en français sur le marché et la pluie.\n", "fr"),
        ("Tabelle\n\n1 2 3 4 5 6 7 8 9 10 11 12 -- 13 14 15\n", None),
    ],
)
def test_group_bad_input_single_article_corpus(store: Store, text: str, lang: str | None):
    from lagebild.enrich import enrich

    article = enrich(_bare(text, lang=lang))
    if article.language not in ("de", "en"):
        assert "unenriched" in article.flags and article.embedding is None
    store.add(article)
    placement = assign(store, article)
    assert placement.new_event and placement.duplicate_of is None
    stories = list_storylines(store.db)
    assert len(stories) == 1 and stories[0]["events"][0]["undated"] is True
    assert storyline_timeline(store.db, placement.storyline_id)[0].undated


def test_group_thousands_of_near_identical_articles(store: Store):
    base = (STORIES / "stromausfall_spanien.txt").read_text(encoding="utf-8")
    n = 1200
    for i in range(n):
        a = _bare(base.replace("(Reuters)", f"(Reuters) Meldung {i}"), published=None)
        a.id = hashlib.sha256(f"{i}".encode()).hexdigest()[:16]
        store.add(a)
        assign(store, a)
    assert _count(store, "SELECT count(*) FROM events") == 1
    assert _count(store, "SELECT count(*) FROM group_articles WHERE duplicate_of IS NULL") == 1
    assert _count(store, "SELECT count(*) FROM dup_bands") <= 16  # only the canonical is indexed
    assert _count(store, "SELECT size FROM events") == 1


def test_group_timeline_ordered_cited_and_deduplicated(grouped: Store):
    kind, sid = resolve_ref(grouped.conn, "st-e86e")
    assert kind == "storyline"
    entries = storyline_timeline(grouped.conn, sid)
    keys = [date_key(e.date) for e in entries if not e.undated]
    assert keys == sorted(keys)
    texts = [" ".join(e.text.split()) for e in entries]
    assert len(texts) == len(set(texts))  # the duplicate's sentences are not repeated
    dec = next(e for e in entries if e.date_from == "cross-reference")
    assert dec.date == "2023-12" and dec.citations[0].article == SEED_TOI
    for e in entries:
        for c in e.citations:
            row = grouped.conn.execute(
                "SELECT 1 FROM sentences WHERE article_id = ? AND seq = ?", (c.article, c.sentence)
            ).fetchone()
            assert row is not None


def test_group_entity_timeline_by_name(grouped: Store):
    kind, eid = resolve_ref(grouped.conn, "nordkorea")
    assert (kind, eid) == ("entity", "Q423")
    entries = entity_timeline(grouped.conn, eid)
    assert any(e.date == "2024-06-24" for e in entries) and any(
        e.date == "2023-12" for e in entries
    )


def test_group_export_has_event_storyline_duplicate_of(grouped: Store):
    lookup = group_fields(grouped)
    recs = [to_record(a, lookup) for a in grouped.iter_articles()]
    assert all(r["event"] and r["storyline"] for r in recs)
    assert sum(1 for r in recs if r["duplicate_of"]) == 1
    assert to_record(next(grouped.iter_articles()))["event"] is None  # without a lookup: null


def test_group_cli_stories_timeline_brief_plot(grouped: Store, capsys, tmp_path: Path):
    db = grouped.path
    assert main(["stories", "--json", "--db", db]) == 0
    stories = json.loads(capsys.readouterr().out)
    for s in stories:
        assert set(s) >= {"id", "title", "start", "end", "actors", "events"}
        for e in s["events"]:
            assert set(e) >= {"id", "title", "date", "articles"}
    sid = next(s["id"] for s in stories if len(s["events"]) == 3)
    assert main(["timeline", sid, "--json", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out)[0]["citations"]
    assert main(["timeline", "Q423", "--db", db]) == 0 and "Nordkorea" in capsys.readouterr().out
    for kind in ("timeline", "network"):
        out = tmp_path / f"{kind}.svg"
        assert main(["plot", kind, sid, "--out", str(out), "--db", db]) == 0
        assert ET.parse(out).getroot().tag.endswith("svg")
    assert main(["plot", "network", sid, "--out", str(tmp_path / "x.png"), "--db", db]) == 0
    assert (tmp_path / "x.png").read_bytes().startswith(b"\x89PNG")
    assert main(["plot", "network", sid, "--out", str(tmp_path / "x.pdf"), "--db", db]) == 2
    assert main(["timeline", "st-nope", "--db", db]) == 1
    assert "No storyline" in capsys.readouterr().err
    assert main(["brief", "Q423", "--db", db]) == 1
    assert main(["regroup", "--db", db]) == 0 and "grouped 9 articles" in capsys.readouterr().out


def test_group_reenrich_rebuilds_grouping(tmp_path: Path):
    from lagebild.pipeline import reenrich

    with Store(tmp_path / "r.db") as store:
        files = [str(STORIES / "haushalt_berlin.txt"), str(STORIES / "haushalt_berlin_2.txt")]
        ingest(files, store, workers=1, enriched=False)  # no entities, no embedding yet
        assert _placement(store) == {}  # grouping waits for enrichment
        assert reenrich(store) == 2
        after = _placement(store)
        assert len(after) == 2
        assert len({p[0] for p in after.values()}) == 1  # with entities and embeddings: one event
        ev = next(iter(after.values()))[0]
        ents = json.loads(store.conn.execute("SELECT entities FROM events WHERE id = ?", (ev,)).fetchone()[0])
        assert "lb:per:jorg-kukies" in ents or any("kukies" in e for e in ents)


def test_group_undated_seed_stays_undated_without_a_recollection(tmp_path: Path):
    """The DW lead (24.06.2024) describes its own event: it must not date the undated TOI report."""
    from lagebild.group.storylines import list_storylines

    with Store(tmp_path / "u.db") as store:
        ingest([str(EXAMPLES)], store)
        [story] = list_storylines(store.conn)
        dates = {e["title"][:7]: e["date"] for e in story["events"]}
        assert dates["Die USA"] is None and dates["Seoul, "] == "2024-06-24"


def test_group_join_threshold_is_lower_for_short_texts():
    from lagebild.group.events import EventOptions

    eo = EventOptions()
    assert eo.threshold_for(8) == eo.short_threshold < eo.threshold
    assert eo.threshold_for(eo.long_words) == eo.threshold == eo.threshold_for(2_000)
    mid = eo.threshold_for((eo.short_words + eo.long_words) // 2)
    assert eo.short_threshold < mid < eo.threshold


def test_group_in_batches_equals_one_by_one(grouped: Store):
    """Ingest groups a few articles per transaction; placing them one by one gives the same."""
    from lagebild.group import _TABLES, pending

    batched = (_partition(grouped, 0), _partition(grouped, 1), {k: v[2] for k, v in _placement(grouped).items()})
    with grouped.transaction() as conn:
        for table in _TABLES:
            conn.execute(f"DELETE FROM {table}")
    for aid in pending(grouped):
        assign(grouped, grouped.get(aid))
    single = (_partition(grouped, 0), _partition(grouped, 1), {k: v[2] for k, v in _placement(grouped).items()})
    assert batched == single
    assert len(batched[0]) >= 2  # the corpus has more than one event: the check is not trivial


def test_assign_many_rolls_back_the_whole_batch(grouped: Store):
    from lagebild.group import _TABLES, assign_many, pending

    with grouped.transaction() as conn:
        for table in _TABLES:
            conn.execute(f"DELETE FROM {table}")
    ids = pending(grouped)
    ghost = Article(id="ffffffffffffffff", text="nicht gespeichert", title="x")
    with pytest.raises(sqlite3.IntegrityError):
        assign_many(grouped, [grouped.get(ids[0]), ghost])
    assert pending(grouped) == ids  # nothing of the batch was kept


def test_group_reenrich_groups_like_a_rebuild_after_it(grouped: Store):
    """`lagebild enrich` groups each batch as it is written; a full rebuild afterwards agrees."""
    from lagebild.pipeline import reenrich

    assert reenrich(grouped, workers=1) == 9
    during = (_partition(grouped, 0), _partition(grouped, 1), {k: v[2] for k, v in _placement(grouped).items()})
    assert rebuild(grouped) == 9
    after = (_partition(grouped, 0), _partition(grouped, 1), {k: v[2] for k, v in _placement(grouped).items()})
    assert during == after and len(during[2]) == 9


@pytest.mark.parametrize(
    ("sentence", "dateline", "statement"),
    [
        ("Hohenried am Inn.", "Hohenried am Inn", False),  # the dateline split off as a sentence
        ("Hohenried am Inn.", None, False),  # (a store without the dateline recorded)
        ("STATE COLLEGE, Pa.", None, False),  # real datelines and labels of PolNeAR, WikiNews
        ("Window on Wall Street.", None, False),
        ("Gesamtwertung (Stand 08. Juli)", None, False),
        ("6:05 p.m. ET", None, False),
        ("Der Inn hat in der Nacht zum Montag die Altstadt überflutet.", "Hohenried am Inn", True),
        ("Merkel tritt zurück.", None, True),
        ("Obama won Iowa.", None, True),
        ("Trump, Sanders lead; primary unlikely to settle race.", None, True),
    ],
)
def test_group_timeline_entry_states_an_event(sentence, dateline, statement):
    from lagebild.group.timelines import _informative

    assert _informative(sentence, dateline) is statement


def test_group_timeline_leaves_out_the_dateline_sentence(tmp_path: Path):
    """`Hohenried am Inn. Der Inn hat …`: the dateline stays in the text and becomes a sentence
    of its own; it was the dated lead of the timeline and of the brief's "When"."""
    src = Path(__file__).resolve().parents[1] / "demo" / "feed" / "2024-07-08" / "abendpost_2024-07-08_inn-flut.txt"
    with Store(tmp_path / "d.db") as store:
        assert ingest([str(src)], store, workers=1).ok
        (sid,) = [s["id"] for s in list_storylines(store.conn)]
        assert store.conn.execute("SELECT dateline FROM articles").fetchone()[0] == "Hohenried am Inn"
        entries = storyline_timeline(store.conn, sid)
        texts = [e.text for e in entries]
        assert "Hohenried am Inn." not in texts
        # the lead is the first sentence that states something (dated by its own words here)
        assert any(e.text.startswith("Der Inn hat in der Nacht zum Montag") and e.date for e in entries)
        # (before: "Hohenried am Inn." was the lead, dated by the event day)
        assert all(e.citations[0].sentence != 0 for e in entries)


def test_group_features_title_of_an_untitled_record():
    """A store from before untitled articles got a title holds empty titles; grouping names the
    event by the first sentence as a fresh ingest would (clean's ``lead_title``), never by the
    first 100 characters cut mid-word."""
    from lagebild.clean.steps import lead_title
    from lagebild.group._features import features

    text = ("Kabinett Renzi wegen Bankenskandal unter Druck. Rom – Hunderte Kleinanleger haben ihr "
            "Erspartes verloren, die Opposition verlangt den Rücktritt der Ministerin.")  # fmt: skip
    a = Article(id="x", text=text, title="", language="de")
    assert features(a).title == "Kabinett Renzi wegen Bankenskandal unter Druck"
    long = " ".join(["Hochwasserschutzmaßnahmen entlang des Inns"] * 8)  # no sentence end, 350 letters
    t = features(Article(id="y", text=long, title="", language="de")).title
    assert t.endswith(" …") and len(t) <= 102 and long.startswith(t[:-2]) and long[len(t) - 2] == " "
    dated = Article(id="z", text="Hohenried am Inn. Der Inn hat die Altstadt überflutet.", title="",
                    dateline="Hohenried am Inn", language="de")  # fmt: skip
    assert features(dated).title == "Der Inn hat die Altstadt überflutet" == lead_title(dated.text, dated.dateline)
    assert features(Article(id="w", text=text, title="Eigener Titel", language="de")).title == "Eigener Titel"
