"""Described rows of ranked pages are kept by id while their ranking fingerprint is unchanged (web/_cache.py)."""

from __future__ import annotations

from lagebild.web import _cache
from lagebild.web._cache import FingerprintCache


def test_fingerprint_cache_recomputes_only_changed_rows(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(_cache.time, "monotonic", lambda: now[0])
    cache = FingerprintCache(max_age=30.0)
    calls: list[str] = []

    def describe(gid: str, version: int):
        def compute():
            calls.append(gid)
            return {"id": gid, "v": version}

        return compute

    assert cache.get("st-a", (1, 3), describe("st-a", 1)) == {"id": "st-a", "v": 1}
    assert cache.get("st-b", (2, 5), describe("st-b", 1)) == {"id": "st-b", "v": 1}
    # a new store generation: st-a unchanged (same fingerprint), st-b grew
    now[0] += 5
    assert cache.get("st-a", (1, 3), describe("st-a", 2)) == {"id": "st-a", "v": 1}
    assert cache.get("st-b", (2, 6), describe("st-b", 2)) == {"id": "st-b", "v": 2}
    assert calls == ["st-a", "st-b", "st-b"]
    # what the fingerprint does not show is picked up once the value is max_age old
    now[0] += 30
    assert cache.get("st-a", (1, 3), describe("st-a", 3)) == {"id": "st-a", "v": 3}
    assert calls[-1] == "st-a"


def test_fingerprint_cache_is_bounded():
    cache = FingerprintCache(max_entries=3)
    for i in range(5):
        cache.get(i, 0, lambda i=i: i)
    assert len(cache._values) == 3 and set(cache._values) == {2, 3, 4}
