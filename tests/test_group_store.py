"""The grouping layer asks the store (issue 14 §1): no SQL above lagebild/store, and the store's
grouping functions (many rows per statement, batched lookups) keep every row."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

import lagebild.group
from lagebild.store import Store
from lagebild.store import grouping as db

# the tests that take `store` run on SQLite and on PostgreSQL (conftest.py)
pytestmark = pytest.mark.both_stores

ROOT = Path(lagebild.group.__file__).resolve().parent.parent
_SQL = re.compile(r"\bexecute(many)?\(|\bsqlite3\b|\b(SELECT|INSERT|UPDATE|DELETE)\s")


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "group").glob("*.py")) + [ROOT / "_cli_group.py"],
    ids=lambda p: p.name,
)
def test_group_store_no_sql_above_the_store(path: Path):
    hits = [
        f"{path.name}:{n}: {line.strip()}"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _SQL.search(line)
    ]
    assert not hits, "SQL belongs in lagebild/store/:\n" + "\n".join(hits)


def test_group_store_face_pins_all():
    assert sorted(lagebild.group.__all__) == [
        "GroupOptions", "Placement", "assign", "assign_many", "catch_up", "count_sources", "forget",
        "group_fields", "rebuild",
    ]  # fmt: skip
    for name in lagebild.group.__all__:
        assert getattr(lagebild.group, name).__module__.startswith("lagebild.group.")


def test_group_store_counts_every_term_across_statement_chunks(store: Store):
    """More terms than one multi-row statement takes: every one is counted, twice is 2."""
    terms = [f"wort{i:04d}" for i in range(1_300)]
    ents = [f"Q{i}" for i in range(700)]
    with store.begin() as conn:
        db.count_document(conn, terms, ents)
        db.count_document(conn, terms[:10], ents[:3])
        assert db.counter(conn, "docs") == 2
        df = db.term_df(conn, terms)
        assert len(df) == 1_300 and df["wort0000"] == 2 and df["wort1299"] == 1
        edf = db.entity_df(conn, ents + ["Q-none"])
        assert len(edf) == 700 and edf["Q2"] == 2 and edf["Q699"] == 1


def test_group_store_latest_events_of_many_storylines(store: Store):
    """The latest events of each candidate storyline, in statements of at most 100 storylines."""
    emb = np.ones(4, dtype=np.float32)
    with store.begin() as conn:
        seq = 0
        for s in range(150):
            for e in range(s % 4 + 1):  # storylines of 1..4 events
                seq += 1
                db.insert_event(
                    conn, f"ev-{s:03d}-{e}", storyline_id=f"st-{s:03d}", seq=seq, title="t",
                    day=730_000 + e, emb=emb, terms={"a": 1.0}, entities={"Q1": 1},
                )  # fmt: skip
        heads = db.event_heads_of_storylines(conn, [f"st-{s:03d}" for s in range(150)], 2)
    got = sorted(h.id for h in heads)
    want = sorted(f"ev-{s:03d}-{e}" for s in range(150) for e in range(s % 4 + 1) if e >= s % 4 - 1)
    assert got == want
    assert all(np.frombuffer(h.emb_sum, dtype=np.float32).tolist() == [1.0] * 4 for h in heads)


def test_group_store_event_candidates_union_of_lookups(store: Store):
    """Entity lookups, the window's latest events and undated ones, deduplicated, by id."""
    day = 739_000
    with store.begin() as conn:
        for i, (d, ents) in enumerate([
            (day, {"Q1": 1}), (day - 30, {"Q1": 1}), (day + 1, {"Q2": 1}), (None, {"Q3": 1}),
        ]):  # fmt: skip
            eid = f"ev-{i}"
            db.insert_event(
                conn, eid, storyline_id="st-x", seq=i + 1, title="t", day=d, emb=None,
                terms={}, entities=ents,
            )  # fmt: skip
            db.add_event_entities(conn, eid, ents, d, i + 1)
            db.add_event_entities(conn, eid, ents, d, i + 1)  # again: ignored, no error
        heads = db.event_candidates(
            conn, ["Q1"], day, span=10, window=3, per_entity=5, recent=5, undated=5
        )
    # ev-1 is 30 days before: neither its entity row nor its last day is in the window
    assert [h.id for h in heads] == ["ev-0", "ev-2", "ev-3"]
    assert heads[2].first_day is None and heads[0].emb_sum is None
