"""Storyline recall (issue 12 §2): follow-ups found without a shared entity, German word forms."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter

import numpy as np

from lagebild.group._features import Features, stem
from lagebild.group.storylines import StorylineOptions, assign_storyline
from lagebild.store import Store

DAY = 739000
TERMS = {"papst": 0.6, "golf": 0.6, "ebay": 0.5}


def _emb() -> np.ndarray:
    v = np.zeros(512, dtype=np.float32)
    v[0] = 1.0
    return v


def _old_storyline(conn) -> None:
    emb, t = _emb().tobytes(), json.dumps(TERMS)
    conn.execute(
        "INSERT INTO storylines (id, seq, first_day, last_day, events, emb_sum, n_emb, terms, entities)"
        " VALUES ('st-old', 1, ?, ?, 1, ?, 1, ?, '{\"lb:loc:olpe\": 1}')",
        (DAY, DAY, emb, t),
    )
    conn.execute(
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
    with store.transaction() as conn:
        _old_storyline(conn)
        args = (feats, TERMS, {"lb:per:benedikt-xvi": 1.0}, ["lb:per:benedikt-xvi"], 2)
        off = dataclasses.replace(opts, recent_storylines=0)
        assert assign_storyline(conn, *args, "st-new", off) == "st-new"  # as before: not found
        assert assign_storyline(conn, *args, "st-new2", opts) == "st-old"


def test_follow_up_outside_the_recent_window_is_not_a_recency_candidate(store: Store):
    feats = Features(None, [], Counter(), {"lb:per:x": 1}, _emb(), DAY + 45, "published")
    with store.transaction() as conn:
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
