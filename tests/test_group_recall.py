"""Storyline recall (issue 12 §2): follow-ups found without a shared entity, German word forms."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter

import numpy as np
import pytest

from lagebild.group._features import Features, stem
from lagebild.group.storylines import StorylineOptions, assign_storyline
from lagebild.store import Store

from ._db import run

# the tests that take `store` run on SQLite and on PostgreSQL (conftest.py)
pytestmark = pytest.mark.both_stores

DAY = 739000
TERMS = {"papst": 0.6, "golf": 0.6, "ebay": 0.5}


def _emb() -> np.ndarray:
    v = np.zeros(512, dtype=np.float32)
    v[0] = 1.0
    return v


def _old_storyline(conn) -> None:
    emb, t = _emb().tobytes(), json.dumps(TERMS)
    run(conn,
        "INSERT INTO storylines (id, seq, first_day, last_day, events, emb_sum, n_emb, terms, entities)"
        " VALUES ('st-old', 1, ?, ?, 1, ?, 1, ?, '{\"lb:loc:olpe\": 1}')",
        (DAY, DAY, emb, t),
    )
    run(conn,
        "INSERT INTO events (id, storyline_id, seq, title, first_day, last_day, size, emb_sum, n_emb,"
        " terms, entities) VALUES ('ev-old', 'st-old', 1, 'Papst-Golf bei eBay', ?, ?, 1, ?, 1, ?,"
        " '{\"lb:loc:olpe\": 1}')",
        (DAY, DAY, emb, t),
    )


def test_follow_up_without_a_shared_entity_continues_a_recent_storyline(store: Store):
    """Papst-Golf bei eBay, three days later: the follow-up names other people than the first
    report (whose only entity is a place); the recent storylines are candidates anyway."""
    feats = Features(None, [], Counter(), {"lb:per:benedikt-xvi": 1}, _emb(), DAY + 3, "published")
    opts = StorylineOptions()
    with store.begin() as conn:
        _old_storyline(conn)
        args = (feats, TERMS, {"lb:per:benedikt-xvi": 1.0}, ["lb:per:benedikt-xvi"], 2)
        off = dataclasses.replace(opts, recent_storylines=0)
        assert assign_storyline(conn, *args, "st-new", off) == "st-new"  # as before: not found
        assert assign_storyline(conn, *args, "st-new2", opts) == "st-old"


def test_follow_up_outside_the_recent_window_is_not_a_recency_candidate(store: Store):
    feats = Features(None, [], Counter(), {"lb:per:x": 1}, _emb(), DAY + 45, "published")
    with store.begin() as conn:
        _old_storyline(conn)
        sid = assign_storyline(
            conn, feats, TERMS, {"lb:per:x": 1.0}, ["lb:per:x"], 2, "st-new", StorylineOptions()
        )
    assert sid == "st-new"


def test_german_word_forms_share_a_stem():
    assert stem("blockaden") == stem("blockade")
    assert stem("taxifahrern") == stem("taxifahrer")
    assert stem("hongkongs") == stem("hongkong")
    assert stem("proteste") == stem("protest")
    assert stem("bär") == "bär"  # short words stay


# -- entities as identities (core check) -----------------------------------------------------

THREAD = {"lb:per:comey": 3, "lb:org:fbi": 3, "lb:per:clinton": 5, "lb:loc:washington": 4}


def _feed_counts(conn) -> None:
    """100 articles: Comey in 5, the FBI in 10, Clinton in 95, Washington in 60."""
    run(conn, "INSERT INTO group_meta (key, value) VALUES ('docs', 100)")
    for e, df in (("lb:per:comey", 5), ("lb:org:fbi", 10), ("lb:per:clinton", 95),
                  ("lb:loc:washington", 60)):  # fmt: skip
        run(conn, "INSERT INTO entity_df (entity_id, df) VALUES (?, ?)", (e, df))


def _thread(terms: dict[str, float]):
    from lagebild.store.grouping import Centroid

    return Centroid("st-mail", DAY, DAY + 20, None, 0, terms, dict(THREAD), 4)


def _event(ents: dict[str, float]) -> Features:
    places = frozenset(e for e in ents if e.startswith("lb:loc:"))
    return Features(None, [], Counter(), {e: 1 for e in ents}, None, DAY + 30, "published",
                    places=places)  # fmt: skip


def test_shared_actors_count_rare_principal_actors_not_places_or_the_feeds_big_names(store: Store):
    from lagebild.group.storylines import shared_actors

    with store.begin() as conn:
        _feed_counts(conn)
        g = _thread({"server": 1.0})
        both = {"lb:per:comey": 3.0, "lb:org:fbi": 2.0, "lb:per:clinton": 1.0}
        common = {"lb:per:clinton": 3.0, "lb:loc:washington": 2.0}
        got = shared_actors(conn, _event(both), both, g, 8)
        assert abs(got - (np.log(101 / 6) + np.log(101 / 11) + np.log(101 / 96))) < 1e-9
        assert shared_actors(conn, _event(common), common, g, 8) < 0.1  # Clinton + a place
        # the event's heaviest actor only (k=1): Comey
        assert abs(shared_actors(conn, _event(both), both, g, 1) - np.log(101 / 6)) < 1e-9


def test_core_check_lets_in_a_member_with_few_shared_words_and_telling_actors(store: Store):
    """The Pagliano report shares `server` a little with the email thread and Comey and the FBI;
    a campaign report shares as many words and only Clinton and Washington: it stays out."""
    from lagebild.group.storylines import _core_fits

    core = {"server": 0.6, "emails": 0.6, "classified": 0.5}
    terms = {"server": 0.2, "immunity": 0.7, "pagliano": 0.7}  # cosine with the core ~0.12
    opts = StorylineOptions(core_growth=0.0)
    with store.begin() as conn:
        _feed_counts(conn)
        g = _thread(core)
        rare = {"lb:per:comey": 2.0, "lb:org:fbi": 2.0}
        common = {"lb:per:clinton": 2.0, "lb:loc:washington": 2.0}
        assert _core_fits(conn, _event(rare), rare, g, terms, opts)
        assert not _core_fits(conn, _event(common), common, g, terms, opts)
        off = dataclasses.replace(opts, actor_idf=0.0)
        assert not _core_fits(conn, _event(rare), rare, g, terms, off)
        few = {"immunity": 0.7, "pagliano": 0.7}  # no shared word at all: actors alone never do
        assert not _core_fits(conn, _event(rare), rare, g, few, opts)


def test_core_check_asks_more_words_of_a_large_storyline():
    from lagebild.group.storylines import _core_fits

    g = _thread({"delegates": 1.0})
    g.size = 32  # 5 doublings: core_terms 0.2 + 5 x 0.02
    terms = {"delegates": 0.25, "rally": 0.97}  # cosine ~0.25
    assert _core_fits(None, _event({}), {}, g, terms, StorylineOptions(core_growth=0.0))
    assert not _core_fits(None, _event({}), {}, g, terms, StorylineOptions())
