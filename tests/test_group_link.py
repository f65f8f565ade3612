"""The learned storyline link (issue 12 §2): a logistic model over a handful of features of an
event and a candidate storyline decides instead of the hand thresholds, when switched on."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter

import numpy as np
import pytest

from lagebild.group._features import Features
from lagebild.group.storylines import (
    LINK_FEATURES,
    StorylineOptions,
    _candidates,
    assign_storyline,
    link_features,
    link_probability,
)
from lagebild.store import Store

from ._db import run

# the tests that take `store` run on SQLite and on PostgreSQL (conftest.py)
pytestmark = pytest.mark.both_stores

DAY = 739000
CORE = {"benghazi": 0.9, "attack": 0.5, "consulate": 0.5, "stevens": 0.4, "committee": 0.3}
OTHER = {"pipeline": 0.9, "keystone": 0.7, "oil": 0.5}


def _emb(i: int) -> np.ndarray:
    v = np.zeros(512, dtype=np.float32)
    v[i] = 1.0
    return v


def _storyline(conn, sid: str, terms: dict[str, float], axis: int, seq: int, entities=None) -> None:
    ents = json.dumps(entities or {})
    run(conn,
        "INSERT INTO storylines (id, seq, first_day, last_day, events, emb_sum, n_emb, terms,"
        " entities) VALUES (?, ?, ?, ?, 2, ?, 2, ?, ?)",
        (sid, seq, DAY, DAY + 20, (_emb(axis) * 2).tobytes(), json.dumps(terms), ents),
    )
    for i in (1, 2):
        run(conn,
            "INSERT INTO events (id, storyline_id, seq, title, first_day, last_day, size, emb_sum,"
            " n_emb, terms, entities) VALUES (?, ?, ?, ?, ?, ?, 1, ?, 1, ?, ?)",
            (f"ev-{sid}{i}", sid, seq * 10 + i, f"Benghazi report {i}", DAY + 10 * i, DAY + 10 * i,
             _emb(axis).tobytes(), json.dumps(terms), ents),
        )  # fmt: skip
        run(conn,
            "INSERT INTO event_entities (entity_id, event_id, day, seq)"
            " VALUES ('lb:per:g', ?, ?, ?)",
            (f"ev-{sid}{i}", DAY + 10 * i, seq * 10 + i),
        )
    run(conn,
        "INSERT INTO storyline_entities (entity_id, storyline_id, seq) VALUES ('lb:per:g', ?, ?)",
        (sid, seq),
    )


def _event(title: str, axis: int = 0, entities: dict[str, int] | None = None) -> Features:
    ents = entities or {}
    return Features(None, [], Counter(), ents, _emb(axis), DAY + 30, "published",
                    title=title, persons=frozenset(ents))  # fmt: skip


# a link that trusts the core's words and the headline and little else
COEF = (-3.0, 0.0, 2.0, 0.0, 6.0, 0.0, 0.5, 1.0, -0.2, -1.0)


def test_link_probability_is_a_logistic_of_the_features():
    assert len(COEF) == len(LINK_FEATURES)
    x = [1.0] + [0.0] * (len(LINK_FEATURES) - 1)
    assert link_probability(COEF, x) == pytest.approx(1 / (1 + np.exp(3.0)))
    x[4] = 1.0  # core terms
    assert link_probability(COEF, x) == pytest.approx(1 / (1 + np.exp(-3.0)))


def test_link_features_of_a_candidate_storyline(store: Store):
    feats = _event("New Benghazi report", entities={"lb:per:g": 2})
    terms = {"benghazi": 0.8, "report": 0.6}
    ents = {"lb:per:g": 2**0.5 * (np.log(11 / 2) + 1)}  # IDF log(11/2) of an entity in 1 of 10
    opts = StorylineOptions()
    with store.begin() as conn:
        _storyline(conn, "st-b", CORE, 0, 1, {"lb:per:g": 2})
        _cand, last_day, groups = _candidates(conn, feats, ["lb:per:g"], opts)
        rows = link_features(conn, feats, terms, ents, groups, last_day, opts)
    assert list(rows) == ["st-b"]
    s, x = rows["st-b"]
    f = dict(zip(LINK_FEATURES, x, strict=True))
    assert f["bias"] == 1.0 and f["emb"] == pytest.approx(1.0)
    assert f["core_emb"] == pytest.approx(1.0)
    assert f["core_terms"] == pytest.approx(0.8 * 0.9 / np.sqrt(sum(v * v for v in CORE.values())))
    assert f["headline"] == 1.0  # "benghazi" heads the event and weighs in the core
    assert f["actors"] == pytest.approx(np.log(11 / 2))  # named by every article of the storyline
    assert f["log_size"] == 1.0 and f["gap_years"] == pytest.approx(10 / 365)
    assert s > 0.3


def test_learned_link_decides_when_on_and_the_hand_thresholds_when_off(store: Store):
    # the event's words meet the thread's core a little; the embedding points elsewhere:
    # the hand score stays under its threshold, the learned link (trusting words) joins
    feats = _event("Benghazi panel hears Stevens' aide", axis=5)
    terms = {"benghazi": 0.5, "stevens": 0.5, "aide": 0.7}
    off = StorylineOptions()
    on = dataclasses.replace(off, link=COEF, link_threshold=0.5)
    with store.begin() as conn:
        _storyline(conn, "st-b", CORE, 0, 1)
        _storyline(conn, "st-k", OTHER, 1, 2)
        args = (feats, terms, {}, ["lb:per:g"], 5)
        assert assign_storyline(conn, *args, "st-new", off) == "st-new"
        # a threshold above the probability: a storyline of its own
        high = dataclasses.replace(on, link_threshold=0.99)
        assert assign_storyline(conn, *args, "st-new3", high) == "st-new3"
        assert assign_storyline(conn, *args, "st-new2", on) == "st-b"
