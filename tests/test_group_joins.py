"""Storylines joined once per grouping run by the rare words their events carry (issue 12 §2):
fragments of one thread that no single report bridges (the reports after the Orlando shooting)
become one storyline; two single reports sharing a word, a common word, or storylines weeks
apart stay apart."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from lagebild.group import count_sources
from lagebild.group.joins import join_storylines
from lagebild.group.placement import GroupOptions
from lagebild.group.storylines import StorylineOptions
from lagebild.store import Store

from ._db import run, run_many

# the tests that take `store` run on SQLite and on PostgreSQL (conftest.py)
pytestmark = pytest.mark.both_stores

DAY = 739000
ON = StorylineOptions()  # the defaults join
OFF = dataclasses.replace(ON, join_sum=0.0)
# each event's own words, and the thread's name that every one of them carries
OWN = ["gunman", "nightclub", "vigil", "senate", "mosque", "pride", "airport", "imam"]


def _emb(i: int) -> bytes:
    v = np.zeros(512, dtype=np.float32)
    v[i % 512] = 1.0
    return v.tobytes()


def _storyline(conn, sid: str, seq: int, day: int, events: list[dict[str, float]]) -> None:
    """A storyline of these events (one a day from ``day``), written as grouping writes them."""
    summed: dict[str, float] = {}
    for terms in events:
        for t, v in terms.items():
            summed[t] = summed.get(t, 0.0) + v
    run(conn,
        "INSERT INTO storylines (id, seq, first_day, last_day, events, emb_sum, n_emb, terms,"
        " entities) VALUES (?,?,?,?,?,?,?,?,'{}')",
        (sid, seq, day, day + len(events) - 1, len(events), _emb(seq), len(events),
         json.dumps(summed)),
    )  # fmt: skip
    for i, terms in enumerate(events):
        run(conn,
            "INSERT INTO events (id, storyline_id, seq, title, first_day, last_day, size, emb_sum,"
            " n_emb, terms, entities) VALUES (?,?,?,?,?,?,1,?,1,?,'{}')",
            (f"ev-{sid[3:]}{i}", sid, seq * 10 + i, "t", day + i, day + i, _emb(seq),
             json.dumps(terms)),
        )  # fmt: skip


def _feed(conn, df: dict[str, int]) -> None:
    """A feed of 400 documents with these document frequencies."""
    run(conn, "INSERT INTO group_meta (key, value) VALUES ('docs', 400)")
    run_many(conn, "INSERT INTO term_df (term, df) VALUES (?, ?)", sorted(df.items()))


def _events(name: str, n: int, start: int = 0) -> list[dict[str, float]]:
    return [{name: 0.5, OWN[(start + i) % len(OWN)]: 0.9} for i in range(n)]


def _storylines(store: Store) -> set[str]:
    return {r[0] for r in run(store.db, "SELECT id FROM storylines")}


@pytest.mark.parametrize("opts, merged", [(ON, True), (OFF, False)])
def test_group_joins_fragments_that_carry_a_rare_word(store: Store, opts, merged):
    with store.begin() as conn:
        _storyline(conn, "st-aaaaaaaaaaaa", 1, DAY, _events("orlando", 3))
        _storyline(conn, "st-bbbbbbbbbbbb", 2, DAY + 5, _events("orlando", 1, start=3))
        _feed(conn, {"orlando": 12, **{w: 20 for w in OWN}})  # IDF of "orlando" ~3.4
    assert join_storylines(store, opts) == (1 if merged else 0)
    if merged:
        assert _storylines(store) == {"st-aaaaaaaaaaaa"}  # the older one survives
        assert store.resolve_storyline("st-bbbbbbbbbbbb") == "st-aaaaaaaaaaaa"
        n = run(store.db, "SELECT events FROM storylines")[0][0]
        assert n == 4
    else:
        assert _storylines(store) == {"st-aaaaaaaaaaaa", "st-bbbbbbbbbbbb"}


@pytest.mark.parametrize(
    "why, sizes, gap, df",
    [
        ("a common word", (3, 1), 5, 150),  # IDF ~1.0: the season's vocabulary
        ("two single reports", (1, 1), 1, 12),  # no thread carries it, two reports share it
        ("weeks apart", (3, 1), 30, 12),
    ],
)
def test_group_joins_keeps_apart(store: Store, why, sizes, gap, df):
    with store.begin() as conn:
        _storyline(conn, "st-aaaaaaaaaaaa", 1, DAY, _events("orlando", sizes[0]))
        start = DAY + sizes[0] - 1 + gap
        _storyline(conn, "st-bbbbbbbbbbbb", 2, start, _events("orlando", sizes[1], 4))
        _feed(conn, {"orlando": df, **{w: 20 for w in OWN}})
    assert join_storylines(store, ON) == 0, why
    assert len(_storylines(store)) == 2


def test_group_joins_only_what_most_events_carry(store: Store):
    # the word is in one of the first storyline's three events: not what its events carry
    events = _events("orlando", 3)
    for e in events[1:]:
        del e["orlando"]
    with store.begin() as conn:
        _storyline(conn, "st-aaaaaaaaaaaa", 1, DAY, events)
        _storyline(conn, "st-bbbbbbbbbbbb", 2, DAY + 5, _events("orlando", 3, 3))
        _feed(conn, {"orlando": 12, **{w: 20 for w in OWN}})
    assert join_storylines(store, ON) == 0


def test_group_joins_run_with_the_sources_count(store: Store):
    """``count_sources`` (the end of every grouping run) joins first, then counts: the joined
    storyline has its sources stored, nothing is left uncounted."""
    with store.begin() as conn:
        _storyline(conn, "st-aaaaaaaaaaaa", 1, DAY, _events("orlando", 3))
        _storyline(conn, "st-bbbbbbbbbbbb", 2, DAY + 5, _events("orlando", 1, start=3))
        _feed(conn, {"orlando": 12, **{w: 20 for w in OWN}})
    count_sources(store, GroupOptions(storylines=ON))
    assert _storylines(store) == {"st-aaaaaaaaaaaa"}
    left = run(store.db, "SELECT count(*) FROM storylines WHERE sources IS NULL")
    assert left[0][0] == 0
    # a second run has nothing left to join (the storylines were counted)
    assert join_storylines(store, ON) == 0
