"""The storyline-pair link diagnosis of bench/storyline_pairs.py on hand-made input."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np

_BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(_BENCH))  # storyline_pairs imports thread_gaps as the bench scripts do
_spec = importlib.util.spec_from_file_location("storyline_pairs", _BENCH / "storyline_pairs.py")
assert _spec is not None and _spec.loader is not None
sp = importlib.util.module_from_spec(_spec)
sys.modules["storyline_pairs"] = sp  # its dataclasses look their module up
_spec.loader.exec_module(sp)


def test_logistic_fit_finds_the_sign_and_auc_ranks():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 2))
    y = (x[:, 0] - 0.2 * x[:, 1] + 0.3 * rng.normal(size=400) > 0).astype(float)
    m = sp.Model(x, y, l2=1.0)
    assert m.w[1] > 1.0 and m.w[2] < 0  # bias, then the standardised features
    assert sp.auc(m.prob(x), y) > 0.95
    assert sp.auc(np.array([0.1, 0.2, 0.3, 0.4]), np.array([0, 0, 1, 1])) == 1.0
    assert sp.auc(np.array([0.5, 0.5]), np.array([0, 1])) == 0.5  # a tie is no evidence


def _art(i: str, day: int, words: set[str], emb: list[float]) -> object:
    v = np.array(emb, dtype=np.float32)
    return sp.Art(i, day, v / np.linalg.norm(v), words, set(), set(), set(), set(), "x")


class _Always:
    def prob(self, x: np.ndarray) -> np.ndarray:
        return np.array([0.99])


class _Never:
    def prob(self, x: np.ndarray) -> np.ndarray:
        return np.array([0.0])


def test_greedy_rescores_joined_storylines_so_no_chain_passes_on_an_old_link():
    feed = sp.Feed([
        _art("a", 1, {"orlando"}, [1, 0]), _art("b", 2, {"orlando"}, [1, 0.1]),
        _art("c", 3, {"delegates"}, [0, 1]),
    ])  # fmt: skip
    sides = {s: feed.side([s]) for s in "abc"}
    pairs = [("a", "b"), ("b", "c")]
    probs = np.array([0.95, 0.9])
    folds = [(0, frozenset({0})), (1, frozenset({1}))]
    # fold 1's model refuses every joined pair: b-c was scored on b alone, not on a+b
    joined, n = sp.greedy(feed, sides, pairs, probs, folds, [_Always(), _Never()], 0.5)
    assert n == 1 and joined == {"a": "a", "b": "a", "c": "c"}
    joined, n = sp.greedy(feed, sides, pairs, probs, folds, [_Always(), _Always()], 0.5)
    assert n == 2 and set(joined.values()) == {"a"}
    assert sp.greedy(feed, sides, pairs, probs, folds, [_Always(), _Always()], 0.96)[1] == 0


def test_features_of_a_pair_are_symmetric_and_see_shared_words():
    feed = sp.Feed([
        _art("a", 1, {"orlando", "mateen"}, [1, 0]), _art("b", 2, {"orlando", "mateen"}, [1, 0]),
        _art("c", 30, {"iowa"}, [0, 1]), _art("d", 31, {"caucus"}, [0, 1]),
        *(_art(f"f{i}", 90, {"filler"}, [1, 1]) for i in range(10)),  # the feed's other reports
    ])  # fmt: skip
    a, b, c = feed.side(["a"]), feed.side(["b"]), feed.side(["c", "d"])
    ab, ba = feed.features(a, b), feed.features(b, a)
    assert np.allclose(ab, ba)
    f = dict(zip(sp.FEATURES, ab, strict=True))
    g = dict(zip(sp.FEATURES, feed.features(a, c), strict=True))
    assert f["terms_cos"] > 0.9 and g["terms_cos"] == 0.0
    assert f["emb_max"] > 0.99 and g["emb_max"] < 0.01
    assert g["gap_days"] == 29 and g["overlap"] == 0.0 and f["overlap"] == 0.0
    assert g["size_max"] == np.log(2)
