"""Storylines joined by the words their events carry (issue 12 §2): a new event whose words
differ from a thread's core still continues it when it carries a word that most of the thread's
events carry, that is rare in the feed and rare around it (not the season's vocabulary)."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter

import numpy as np
import pytest

from lagebild.group._features import Features
from lagebild.group.storylines import StorylineOptions, assign_storyline
from lagebild.store import Store

from ._db import run, run_many

# the tests that take `store` run on SQLite and on PostgreSQL (conftest.py)
pytestmark = pytest.mark.both_stores

DAY = 739000
# the thread: two Benghazi reports three weeks apart; every one carries "benghazi"
CORE = {"benghazi": 0.9, "attack": 0.5, "consulate": 0.5, "stevens": 0.4, "committee": 0.3}
# the 800-page report: its own words differ from the core (TF-IDF cosine ~0.14, the core check
# refuses it); the word it shares is the one every event of the thread carries
REPORT = {"benghazi": 0.2, "pages": 0.7, "findings": 0.6, "light": 0.3}
ON = StorylineOptions()
OFF = dataclasses.replace(ON, carried_floor=0.0)


def _emb() -> np.ndarray:
    v = np.zeros(512, dtype=np.float32)
    v[0] = 1.0
    return v


def _thread(conn, carried: tuple[dict, dict] = (CORE, CORE)) -> None:
    emb = _emb().tobytes()
    run(conn,
        "INSERT INTO storylines (id, seq, first_day, last_day, events, emb_sum, n_emb, terms,"
        " entities) VALUES ('st-old', 1, ?, ?, 2, ?, 2, ?, '{}')",
        (DAY, DAY + 20, (_emb() * 2).tobytes(), json.dumps(CORE)),
    )
    for i, terms in enumerate(carried, 1):
        run(conn,
            "INSERT INTO events (id, storyline_id, seq, title, first_day, last_day, size, emb_sum,"
            " n_emb, terms, entities) VALUES (?, 'st-old', ?, ?, ?, ?, 1, ?, 1, ?, '{}')",
            (f"ev-old{i}", i, f"report {i}", DAY + 20 * (i - 1), DAY + 20 * (i - 1), emb,
             json.dumps(terms)),
        )  # fmt: skip
    # a feed of 400 documents in which "benghazi" is rare (IDF log(401/21) ~ 2.95)
    run(conn, "INSERT INTO group_meta (key, value) VALUES ('docs', 400)")
    run_many(conn,
        "INSERT INTO term_df (term, df) VALUES (?, ?)",
        [("benghazi", 20), ("pages", 30), ("findings", 40), ("light", 200)],
    )


def _fresh(conn) -> None:
    """The thread alone again (a join above changed the storyline's centroid)."""
    for table in ("events", "storylines", "storyline_entities", "group_meta", "term_df"):
        run(conn, f"DELETE FROM {table}")
    _thread(conn)


def _other_events(conn, n: int, term: str) -> None:
    """``n`` events of other storylines in the days before the new event that carry ``term``."""
    for i in range(n):
        run(conn,
            "INSERT INTO events (id, storyline_id, seq, title, first_day, last_day, size, emb_sum,"
            " n_emb, terms, entities) VALUES (?, ?, ?, 'other', ?, ?, 1, NULL, 0, ?, '{}')",
            (f"ev-x{i}", f"st-x{i}", 10 + i, DAY + 35, DAY + 35,
             json.dumps({term: 0.5, f"own{i}": 0.8})),
        )  # fmt: skip


def _report() -> Features:
    return Features(None, [], Counter(), {}, _emb(), DAY + 40, "published",
                    title="800-page report sheds little light")  # fmt: skip


def test_a_word_every_event_of_the_thread_carries_lets_in_what_the_core_check_refuses(
    store: Store,
):
    with store.begin() as conn:
        _thread(conn)
        args = (_report(), REPORT, {}, [], 3)
        assert assign_storyline(conn, *args, "st-a", OFF) == "st-a"  # as before: refused
        assert assign_storyline(conn, *args, "st-b", ON) == "st-old"


def test_a_word_only_one_of_the_threads_events_carries_is_not_its_identity(store: Store):
    with store.begin() as conn:
        _thread(conn, carried=(CORE, {"attack": 0.9, "consulate": 0.5, "stevens": 0.4}))
        assert assign_storyline(conn, _report(), REPORT, {}, [], 3, "st-a", ON) == "st-a"


def test_the_seasons_vocabulary_is_no_thread_word(store: Store):
    """When more of the feed's latest events carry the word than ``carried_background`` (the
    thread's own count too: its report of 20 days ago carries it), it names no thread but the
    season (``delegates`` in a primary spring): the event starts its own storyline."""
    allowed = ON.carried_background - 1  # besides the thread's own latest report
    with store.begin() as conn:
        _thread(conn)
        _other_events(conn, allowed, "benghazi")
        assert assign_storyline(conn, _report(), REPORT, {}, [], 3, "st-a", ON) == "st-old"
        _fresh(conn)
        _other_events(conn, allowed + 1, "benghazi")  # one more event of another storyline
        assert assign_storyline(conn, _report(), REPORT, {}, [], 4, "st-b", ON) == "st-b"
        # carried by as many events long before the new one: rare around it, a thread word
        _fresh(conn)
        _other_events(conn, allowed + 1, "benghazi")
        run(conn, "UPDATE events SET first_day = ?, last_day = ? WHERE id LIKE 'ev-x%'",
                     (DAY - 100, DAY - 100))  # fmt: skip
        assert assign_storyline(conn, _report(), REPORT, {}, [], 5, "st-c", ON) == "st-old"


def test_a_word_common_in_the_feed_is_no_thread_word(store: Store):
    with store.begin() as conn:
        _thread(conn)
        run(conn, "UPDATE term_df SET df = 150 WHERE term = 'benghazi'")  # IDF ~0.98
        assert assign_storyline(conn, _report(), REPORT, {}, [], 3, "st-a", ON) == "st-a"


def test_an_undated_event_does_not_join_on_a_carried_word(store: Store):
    with store.begin() as conn:
        _thread(conn)
        undated = dataclasses.replace(_report(), day=None)
        assert assign_storyline(conn, undated, REPORT, {}, [], 3, "st-a", ON) == "st-a"


def test_the_feeds_latest_events_on_both_backends(store_url: str):
    """``recent_event_ids``: the latest events whose last day lies in the window, newest first,
    at most as many as asked, on SQLite and PostgreSQL alike."""
    from lagebild.store import grouping as _db

    with Store(store_url) as store, store.begin() as conn:
        for i, day in enumerate((DAY - 40, DAY - 5, DAY - 5, DAY, DAY + 3)):
            _db.insert_event(conn, f"ev-{i}", storyline_id=f"st-{i}", seq=i + 1, title="t",
                             day=day, emb=None, terms={"benghazi": 0.5}, entities={})  # fmt: skip
        assert _db.recent_event_ids(conn, DAY - 30, DAY, 10) == ["ev-3", "ev-2", "ev-1"]
        assert _db.recent_event_ids(conn, DAY - 30, DAY, 2) == ["ev-3", "ev-2"]
