"""Late merge of storylines and stable storyline ids (issue 12 §2: merges recorded, ids keep resolving)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
import sqlalchemy as sa

from lagebild.group import rebuild
from lagebild.group.storylines import StorylineOptions, describe_storyline, late_merge
from lagebild.group.timelines import resolve_ref
from lagebild.pipeline import ingest
from lagebild.store import Store
from lagebild.store.redirects import record_redirect, redirects_to, resolve_storyline

from .conftest import DATA, EXAMPLES

# the tests that take `store` run on SQLite and on PostgreSQL (conftest.py)
pytestmark = pytest.mark.both_stores

OPTS = StorylineOptions()
DAY = 739000


def _x(conn, sql: str, params: tuple = ()) -> list[tuple]:
    """Run ``sql`` (``?`` placeholders) on a SQLAlchemy connection (either dialect); its rows."""
    marks = iter(range(len(params)))
    named = re.sub(r"\?", lambda _m: f":p{next(marks)}", sql)
    result = conn.execute(sa.text(named), {f"p{i}": v for i, v in enumerate(params)})
    return [tuple(r) for r in result] if result.returns_rows else []


def _emb(*xs: float) -> bytes:
    v = np.zeros(512, dtype=np.float32)
    v[: len(xs)] = xs
    return (v / np.linalg.norm(v)).astype(np.float32).tobytes()


def _storyline(conn, sid: str, seq: int, day: int, emb: bytes, terms: dict, ents: dict) -> None:
    """One storyline of one event, written as the grouping writes them."""
    t, e = json.dumps(terms), json.dumps(ents)
    _x(conn,
        "INSERT INTO storylines (id, seq, first_day, last_day, events, emb_sum, n_emb, terms, entities)"
        " VALUES (?,?,?,?,1,?,1,?,?)",
        (sid, seq, day, day, emb, t, e),
    )
    _x(conn,
        "INSERT INTO events (id, storyline_id, seq, title, first_day, last_day, size, emb_sum, n_emb,"
        " terms, entities) VALUES (?,?,?,?,?,?,1,?,1,?,?)",
        ("ev-" + sid[3:], sid, seq, "t", day, day, emb, t, e),
    )
    for x in ents:
        _x(conn, "INSERT INTO storyline_entities (entity_id, storyline_id, seq) VALUES (?,?,?)", (x, sid, seq))


TERMS = {"email": 0.6, "server": 0.5, "fbi": 0.4, "classified": 0.4}


def test_late_merge_folds_the_younger_into_the_older_and_the_old_id_resolves(store: Store):
    with store.begin() as conn:
        _storyline(conn, "st-aaaaaaaaaaaa", 1, DAY, _emb(1, 0.1), TERMS, {"Q1": 1, "Q2": 1})
        _storyline(conn, "st-bbbbbbbbbbbb", 5, DAY + 10, _emb(1, 0.2), TERMS, {"Q1": 1, "Q3": 1})
        # called with the younger first (the one the new event joined): the older survives
        assert late_merge(conn, "st-bbbbbbbbbbbb", "st-aaaaaaaaaaaa", 9, OPTS) == "st-aaaaaaaaaaaa"
    c = store.db
    assert _x(c, "SELECT count(*) FROM storylines")[0][0] == 1
    row = _x(c, "SELECT events, first_day, last_day, entities FROM storylines")[0]
    assert tuple(row[:3]) == (2, DAY, DAY + 10)
    assert json.loads(row[3]) == {"Q1": 2, "Q2": 1, "Q3": 1}
    assert {r[0] for r in _x(c, "SELECT DISTINCT storyline_id FROM events")} == {"st-aaaaaaaaaaaa"}
    assert {r[0] for r in _x(c, "SELECT DISTINCT storyline_id FROM storyline_entities")} == {
        "st-aaaaaaaaaaaa"
    }
    # the bookmarked id keeps resolving: store, timeline reference, description
    assert store.resolve_storyline("st-bbbbbbbbbbbb") == "st-aaaaaaaaaaaa"
    assert resolve_ref(c, "st-bbbbbbbbbbbb") == ("storyline", "st-aaaaaaaaaaaa")
    assert redirects_to(c, "st-aaaaaaaaaaaa") == [{"id": "st-bbbbbbbbbbbb", "seq": 9, "kind": "merge"}]
    info = describe_storyline(c, "st-bbbbbbbbbbbb")
    assert info["id"] == "st-aaaaaaaaaaaa" and info["absorbed"] == ["st-bbbbbbbbbbbb"]


@pytest.mark.parametrize(
    "why, day_b, emb_b, terms_b, ents_b",
    [
        ("only a place shared", DAY + 1, _emb(1, 0.2), TERMS, {"lb:loc:koblenz": 1, "Q9": 1}),
        ("too far apart", DAY + 200, _emb(1, 0.2), TERMS, {"Q1": 1}),
        ("cores unlike (embedding)", DAY + 1, _emb(0, 1), TERMS, {"Q1": 1}),
        ("cores unlike (words)", DAY + 1, _emb(1, 0.2), {"tennis": 1.0}, {"Q1": 1}),
    ],
)
def test_late_merge_keeps_apart(store: Store, why, day_b, emb_b, terms_b, ents_b):
    with store.begin() as conn:
        _storyline(conn, "st-aaaaaaaaaaaa", 1, DAY, _emb(1, 0.1), TERMS, {"Q1": 1, "lb:loc:koblenz": 1})
        _storyline(conn, "st-bbbbbbbbbbbb", 5, day_b, emb_b, terms_b, ents_b)
        assert late_merge(conn, "st-bbbbbbbbbbbb", "st-aaaaaaaaaaaa", 9, OPTS) == "st-bbbbbbbbbbbb", why
    assert _x(store.db, "SELECT count(*) FROM storylines")[0][0] == 2
    assert _x(store.db, "SELECT count(*) FROM storyline_redirects")[0][0] == 0


def test_redirect_chains_stay_flat(store: Store):
    with store.begin() as conn:
        for sid in ("st-a", "st-b", "st-c"):
            _x(conn,
                "INSERT INTO storylines (id, seq, events, n_emb, terms, entities)"
                " VALUES (?, 1, 1, 0, '{}', '{}')",
                (sid,),
            )
        record_redirect(conn, "st-a", "st-b", 1)
        _x(conn, "DELETE FROM storylines WHERE id = 'st-a'")
        record_redirect(conn, "st-b", "st-c", 2)
        _x(conn, "DELETE FROM storylines WHERE id = 'st-b'")
    rows = dict(_x(store.db, "SELECT old_id, new_id FROM storyline_redirects"))
    assert rows == {"st-a": "st-c", "st-b": "st-c"}
    assert resolve_storyline(store.db, "st-a") == "st-c"
    assert resolve_storyline(store.db, "st-zzzz") is None


def test_storyline_id_resolves_through_its_article_after_a_regrouping(tmp_path: Path):
    """An id never recorded as a redirect (a rebuild with other options) names its first
    article: it resolves to the storyline holding that article now; rebuild == online,
    redirects included."""
    path = tmp_path / "s.db"
    with Store(path) as store:
        assert ingest([str(EXAMPLES), str(DATA / "stories")], store, workers=1).ok
        before = store.conn.execute(
            "SELECT old_id, new_id FROM storyline_redirects ORDER BY 1"
        ).fetchall()
        rebuild(store)
        after = store.conn.execute("SELECT old_id, new_id FROM storyline_redirects ORDER BY 1").fetchall()
        assert [tuple(r) for r in before] == [tuple(r) for r in after]
        aid, sid = store.conn.execute(
            "SELECT g.article_id, e.storyline_id FROM group_articles g JOIN events e"
            " ON e.id = g.event_id ORDER BY g.seq DESC LIMIT 1"
        ).fetchone()
        assert store.resolve_storyline(f"st-{aid[:12]}") == sid
        assert describe_storyline(store.conn, f"st-{aid[:12]}")["id"] == sid


def test_a_later_report_that_fits_an_older_thread_merges_its_storyline_into_it(store: Store):
    """An event's storyline is chosen by its first article; a later article of the event that
    continues an older alike storyline (shared principal actor, within the window) merges the two."""
    from collections import Counter

    from lagebild.group._features import Features
    from lagebild.group.storylines import bridge_storylines

    emb = np.frombuffer(_emb(1, 0.15), dtype=np.float32)
    feats = Features(None, [], Counter(), {"Q1": 1}, emb, DAY + 12, "published")
    with store.begin() as conn:
        _storyline(conn, "st-aaaaaaaaaaaa", 1, DAY, _emb(1, 0.1), TERMS, {"Q1": 1, "Q2": 1})
        _storyline(conn, "st-bbbbbbbbbbbb", 5, DAY + 10, _emb(1, 0.2), TERMS, {"Q1": 1, "Q3": 1})
        off = StorylineOptions(merge_on_join=False)
        args = (feats, TERMS, {"Q1": 1.0}, ["Q1"], 9)
        assert bridge_storylines(conn, "st-bbbbbbbbbbbb", *args, off) == "st-bbbbbbbbbbbb"
        assert bridge_storylines(conn, "st-bbbbbbbbbbbb", *args, OPTS) == "st-aaaaaaaaaaaa"
    assert resolve_storyline(store.db, "st-bbbbbbbbbbbb") == "st-aaaaaaaaaaaa"
