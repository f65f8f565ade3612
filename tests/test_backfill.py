"""Backfill grouping in time partitions (``lagebild.group.backfill``, ``lagebild load --backfill``).

Synthetic articles (no models: text, entities and an embedding made up per happening) so that
the tests run in seconds: happenings of a few reports over a few days, grouped into threads
whose happenings share actors and words over weeks.  On SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from pathlib import Path

import numpy as np
import pytest

from lagebild.clean import content_key
from lagebild.group import assign, count_sources, group_fields
from lagebild.group.backfill import BackfillOptions, backfill, partitions
from lagebild.group.storylines import list_storylines
from lagebild.load import _group, load
from lagebild.model import Article, Entity, Mention

pytestmark = pytest.mark.both_stores

DAY0 = dt.date(2024, 1, 1)
_WORDS = (
    "hafen brücke streik flughafen wahl gericht klinik schule brand flut zug bahn "
    "polizei rathaus museum stadion theater markt messe kanal tunnel damm werft mine "
    "fabrik kaserne hotel kirche bibliothek zoo"
).split()


def _unit(rng: np.random.Generator) -> np.ndarray:
    v = rng.standard_normal(512).astype(np.float32)
    return v / np.linalg.norm(v)


def _article(text: str, title: str, day: dt.date, emb: np.ndarray, ents: list[tuple[str, str]]) -> Article:
    entities = [
        Entity(id=eid, name=name, type="PER", mentions=[Mention(start=0, end=len(name), text=name)])
        for eid, name in ents
    ]  # fmt: skip
    a = Article(
        origins=[f"synthetic/{content_key(text)[:8]}.txt"], raw=text, base=text, raw_bytes=text.encode(),
        title=title, title_raw=title, text=text, published=day, published_from="record",
        language="de", entities=entities, embedding=emb.astype(np.float32).tobytes(),
    )  # fmt: skip
    a.id = content_key(text)[:16]
    return a


def corpus(days: int = 40, seed: int = 7) -> list[Article]:
    """Threads of happenings: each happening 2-4 reports over 2 days; a thread's happenings
    a week apart share an actor, a place word and part of the embedding."""
    rng = np.random.default_rng(seed)
    pick = random.Random(seed)
    out: list[Article] = []
    for t in range(4):
        thread_emb, thread_word = _unit(rng), _WORDS[t]
        actor = (f"Q{100 + t}", f"Person{t}")
        for h, start in enumerate(range(pick.randrange(0, 5), days, 9)):
            words = pick.sample(_WORDS[4:], 5)
            emb = thread_emb + 0.8 * _unit(rng)
            for r in range(pick.randrange(2, 5)):
                day = DAY0 + dt.timedelta(days=start + r % 2)
                text = (
                    f"Bericht {r} zu {thread_word} {' '.join(words)}. Person{t} sprach über "
                    f"{thread_word} und {words[0]} {words[1]}. Fall {t}-{h} {r}: {words[2]} {words[3]}."
                )  # fmt: skip
                v = emb + 0.15 * _unit(rng)
                out.append(_article(text, f"{thread_word} {words[0]} {h} {r}", day, v / np.linalg.norm(v), [actor]))
    return out


def _store_all(store, articles: list[Article]) -> list[tuple[dt.date | None, str]]:
    assert all(o == "added" for o in store.add_many(articles))
    return [(a.published, a.id) for a in articles]


def _placements(store) -> dict[str, dict[str, str | None]]:
    fields = group_fields(store)
    return {a.id: fields(a.id) for a in store.iter_articles(full=False)}


def _write_rows(articles: list[Article], folder: Path, files: int) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from lagebild.batch import _row, row_schema

    folder.mkdir(parents=True)
    rows = [_row(a) for a in articles]
    for i in range(files):
        pq.write_table(pa.Table.from_pylist(rows[i::files], schema=row_schema()), folder / f"part-{i}.parquet")


# the first day of a partition of 10 days (the grid is one of day ordinals)
EDGE = dt.date.fromordinal((DAY0.toordinal() // 10 + 1) * 10)


def test_partitions_cut_by_day_with_warmup():
    pairs = [(EDGE + dt.timedelta(days=d), f"a{d + 10}") for d in (-10, -9, -1, 0, 1, 15)]
    got = partitions(pairs[::-1], 10, 2)
    assert [(p.first_day, p.own, p.warmup) for p in got] == [
        (EDGE - dt.timedelta(days=10), ["a0", "a1", "a9"], []),
        (EDGE, ["a10", "a11"], ["a9"]),
        (EDGE + dt.timedelta(days=10), ["a25"], []),
    ]  # fmt: skip


def test_backfill_does_not_depend_on_arrival_order(store, tmp_path: Path):
    """(1) Rows in another order and other files: the same events and storylines, ids included."""
    arts = corpus()
    _write_rows(arts, tmp_path / "a", 1)
    shuffled = arts[:]
    random.Random(3).shuffle(shuffled)
    _write_rows(shuffled, tmp_path / "b", 3)
    opts = BackfillOptions(partition_days=10, warmup_days=3, workers=1)
    load(os.fspath(tmp_path / "a"), store, backfill=opts)
    first = _placements(store)
    from lagebild.store import Store

    with Store(tmp_path / "other.db") as other:
        load(os.fspath(tmp_path / "b"), other, backfill=opts)
        assert _placements(other) == first
    assert len({p["event"] for p in first.values()}) > 4
    assert len({p["storyline"] for p in first.values()}) < len({p["event"] for p in first.values()})


def test_event_across_a_partition_boundary_is_one_event(store):
    """(2) Reports of one happening on the last day of a partition and the first of the next
    (partitions of 10 days): one event after the warm-up and stitch; without it, two."""
    rng = np.random.default_rng(1)
    emb = _unit(rng)
    texts = [
        (9, "Brand im Hafen von Kiel: die Feuerwehr löschte das Lagerhaus an der Werft die ganze Nacht."),
        (9, "In Kiel brannte ein Lagerhaus am Hafen; die Feuerwehr war an der Werft die Nacht über im Einsatz."),
        (10, "Nach dem Brand im Kieler Hafen: das Lagerhaus an der Werft ist zerstört, sagt die Feuerwehr."),
        (10, "Kiel: Feuerwehr nennt Ursache für den Brand im Lagerhaus am Hafen nahe der Werft."),
    ]
    arts = []
    for d, text in texts:
        v = emb + 0.1 * _unit(rng)
        arts.append(_article(text, text[:30], EDGE + dt.timedelta(days=d), v / np.linalg.norm(v),
                             [("Q1", "Kiel")]))  # fmt: skip
    order = _store_all(store, arts)
    report = backfill(store, order, BackfillOptions(partition_days=10, warmup_days=3, workers=1))
    assert report.partitions == 2 and report.stitched == 1 and report.grouped == 4
    events = {p["event"] for p in _placements(store).values()}
    assert len(events) == 1

    from lagebild.group import forget

    forget(store)
    backfill(store, order, BackfillOptions(partition_days=10, warmup_days=0, workers=1))
    assert len({p["event"] for p in _placements(store).values()}) == 2  # the test can fail


def test_one_partition_equals_sequential_load(store, tmp_path: Path):
    """(3) With one partition the backfill is the sequential grouping of ``load``."""
    arts = corpus(days=30)
    order = _store_all(store, arts)
    _group(store, [a for _, a in sorted(order)])
    count_sources(store)
    want = _placements(store)
    from lagebild.group import forget

    forget(store)
    backfill(store, order, BackfillOptions(partition_days=1000, workers=1))
    count_sources(store)
    assert _placements(store) == want


def test_backfilled_store_takes_later_online_ingests(store):
    """(4) After a backfill the online step, storylines listing and catch-up work as before."""
    arts = corpus(days=30)
    late = arts.pop()  # the last report of a happening comes later, online
    order = _store_all(store, arts)
    backfill(store, order, BackfillOptions(partition_days=7, warmup_days=3, workers=1))
    count_sources(store)
    before = _placements(store)
    same_happening = [a for a in arts if a.title.split()[:3] == late.title.split()[:3]]
    assert store.add(late) == "added"
    placed = assign(store, store.get(late.id))
    assert not placed.new_event and placed.event_id == before[same_happening[0].id]["event"]
    assert _placements(store)[late.id]["storyline"] == before[same_happening[0].id]["storyline"]
    listed = list_storylines(store.db)
    assert sum(len(s["events"]) for s in listed) == len({p["event"] for p in _placements(store).values()})


def test_workers_give_the_result_of_one_process(store, tmp_path: Path):
    arts = corpus(days=30, seed=11)
    order = _store_all(store, arts)
    backfill(store, order, BackfillOptions(partition_days=7, workers=1))
    want = _placements(store)
    from lagebild.group import forget

    forget(store)
    backfill(store, order, BackfillOptions(partition_days=7, workers=2))
    assert _placements(store) == want


def test_cli_load_backfill(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    import json

    from lagebild.cli import main

    arts = corpus(days=20, seed=5)
    _write_rows(arts, tmp_path / "rows", 2)
    db = os.fspath(tmp_path / "cli.db")
    args = ["load", os.fspath(tmp_path / "rows"), "--db", db, "--backfill", "--partition-days", "7"]
    assert main([*args, "--workers", "1", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["added"] == out["grouped"] == len(arts)
    assert main([*args, "--no-group"]) == 2
    assert main(["stories", "--db", db]) == 0
    assert "ev-" in capsys.readouterr().out
