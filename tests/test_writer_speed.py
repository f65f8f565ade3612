"""The writer's speed changes of stop 31 (task C) give what the code before them gave."""

from __future__ import annotations

import gc

import numpy as np
import pytest

from lagebild import pipeline
from lagebild.errors import NotFound
from lagebild.group import events
from lagebild.group._features import stem
from lagebild.model import Article
from lagebild.store import Store


def test_stem_remembered_is_stem() -> None:
    for w in ("blockaden", "taxifahrern", "hongkongs", "haus", "kinder", "kindes", "ab"):
        assert stem(w) == stem.__wrapped__(w)  # type: ignore[attr-defined]


def test_shortlist_order_as_before() -> None:
    rng = np.random.default_rng(5)
    emb = rng.standard_normal(16).astype(np.float32)
    rows = [(f"e{i:02d}", None, None, rng.standard_normal(16).astype(np.float32).tobytes()) for i in range(40)]
    rows += [("e99", None, None, None)]
    mat = np.stack([np.frombuffer(r[-1], dtype=np.float32) for r in rows[:40]])
    cos = mat @ emb / np.maximum(np.linalg.norm(mat, axis=1), 1e-12)
    order = sorted(range(40), key=lambda i: (-round(float(cos[i]), 6), rows[i][0]))
    assert events.shortlist(rows, emb, 7) == sorted(["e99"] + [rows[i][0] for i in order[:7]])


@pytest.mark.both_stores
def test_get_many_equals_get(store: Store) -> None:
    from lagebild.clean import clean
    from lagebild.ingest import read

    from .conftest import ARTICLES, EXAMPLES

    for item in read([str(EXAMPLES), str(ARTICLES)]):
        if isinstance(item, Article):
            store.add(clean(item))
    ids = store.article_ids()
    assert len(ids) >= 3
    some = ids[::-2]  # not in storage order
    assert store.get_many(some) == [store.get(a, full=False) for a in some]
    assert [a.origins for a in store.get_many(ids)] == [store.get(a).origins for a in ids]
    assert store.get_many([]) == []
    with pytest.raises(NotFound):
        store.get_many([ids[0], "0" * 16])


def test_frozen_heap_is_undone() -> None:
    before = gc.get_freeze_count()
    with pipeline._frozen_heap():
        assert gc.get_freeze_count() > before
    assert gc.get_freeze_count() == before
    with pytest.raises(RuntimeError), pipeline._frozen_heap():
        raise RuntimeError
    assert gc.get_freeze_count() == before
    gc.freeze()  # the caller's own frozen heap is left as it was
    try:
        n = gc.get_freeze_count()
        with pipeline._frozen_heap():
            pass
        assert gc.get_freeze_count() >= n > 0
    finally:
        gc.unfreeze()
