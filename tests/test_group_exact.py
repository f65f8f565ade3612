"""Speed rewrites of grouping's arithmetic give the same floats as the plain formulas."""

from __future__ import annotations

import math
import random

from lagebild.group._features import cosine_terms


def _reference(a: dict[str, float], b: dict[str, float], b_norm: float | None = None) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(t, 0.0) for t, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values())) or 1.0
    nb = b_norm if b_norm else (math.sqrt(sum(v * v for v in b.values())) or 1.0)
    return dot / (na * nb)


def test_cosine_terms_bit_identical_with_the_plain_sums() -> None:
    rng = random.Random(7)
    words = [f"w{i}" for i in range(300)]
    for _ in range(300):
        a = {w: rng.random() for w in rng.sample(words, rng.randint(0, 60))}
        for _ in range(5):  # one article against several groups, as placement does
            b = {w: round(rng.random() * 3, 5) for w in rng.sample(words, rng.randint(0, 120))}
            norm = math.sqrt(sum(v * v for v in b.values()))
            assert cosine_terms(a, b) == _reference(a, b)
            assert cosine_terms(a, b, norm) == _reference(a, b, norm)
    # a different dict with equal contents, then the first again: no stale norm
    a = {"x": 1.0, "y": 2.0}
    b = {"x": 1.0}
    assert cosine_terms(a, b) == _reference(a, b)
    c = {"x": 3.0, "y": 0.5}
    assert cosine_terms(c, b) == _reference(c, b)
    assert cosine_terms(a, b) == _reference(a, b)
