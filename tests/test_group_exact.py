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


def _minhash_reference(words: list[str], scheme: str | None) -> object:
    from datasketch import MinHash

    from lagebild.group import _features as f

    extra = {} if scheme is None else {"scheme": scheme}
    ref = MinHash(num_perm=f.NUM_PERM, seed=1, **extra)
    shingles = {" ".join(words[i : i + f.SHINGLE]) for i in range(max(1, len(words) - f.SHINGLE + 1))} - {""}
    if not shingles:
        return None
    ref.update_batch(sorted(s.encode("utf-8") for s in shingles))
    return ref.hashvalues


def test_minhash_is_datasketchs_without_its_per_value_hashing(monkeypatch) -> None:  # noqa: ANN001
    """The sketch from one numpy buffer of SHA-1 values (stop 34, task S) is datasketch's
    ``update_batch``, for the default scheme and the legacy one of datasketch 1.x."""
    import inspect

    import numpy as np
    from datasketch import MinHash

    from lagebild.group import _features as f

    rng = random.Random(3)
    vocab = "der die das haus wien österreich regierung sagte am montag ein gesetz ß é 😀 x".split()
    texts = [[rng.choice(vocab) for _ in range(rng.randint(0, 300))] for _ in range(120)]
    texts += [[], [""], ["a"], ["a", "b", "c", "d"], [str(i) for i in range(2000)]]
    schemes = [None] + (["legacy"] if "scheme" in inspect.signature(MinHash).parameters else [])
    for scheme in schemes:
        refs = [_minhash_reference(t, scheme) for t in texts]
        monkeypatch.setattr(f, "_PROTO", [] if scheme is None else [MinHash(num_perm=f.NUM_PERM, seed=1, scheme=scheme)])

        def no_batch(*_a: object, **_k: object) -> None:
            raise AssertionError("update_batch called")

        with monkeypatch.context() as m:
            m.setattr(MinHash, "update_batch", no_batch)
            for t, ref in zip(texts, refs, strict=True):
                got = f._minhash(t)
                if ref is None:
                    assert got is None
                else:
                    assert got.dtype == np.uint64 and (got == ref).all()
