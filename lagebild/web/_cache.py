"""Results that cost a scan of the store (overview, rankings, facets), kept until the store changes.

The store's generation (``lagebild.store.generation.GenerationWatch``) tells
when another connection committed.  During an ingest that
commits many times a second, recomputing on every commit would cost as much as
no cache, so a value is kept for at least ``min_age`` seconds: the overview may
lag an ingest by that much.  One computation per key runs at a time: while it
runs, other requests get the outdated value (or, when there is none yet, wait
for it) instead of repeating the work.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from ..store.generation import GenerationWatch


class GenerationCache:
    """Values by key, valid while the store's generation is unchanged (or younger than min_age)."""

    def __init__(self, db_path: str, *, min_age: float = 2.0, max_entries: int = 1024) -> None:
        self.db_path = db_path
        self.min_age = min_age
        self.max_entries = max_entries
        self._watch = GenerationWatch(db_path)
        self._lock = threading.Lock()
        self._key_locks: dict[Any, threading.Lock] = {}
        self._values: dict[Any, tuple[int, float, Any]] = {}  # key -> (generation, made at, value)

    def generation(self) -> int:
        return self._watch.current()

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        """The cached value of ``key``, computed by ``compute()`` when missing or outdated."""
        gen = self.generation()
        hit = self._values.get(key)
        if hit is not None and (hit[0] == gen or time.monotonic() - hit[1] < self.min_age):
            with self._lock:  # least recently used goes first
                if self._values.pop(key, None) is not None:
                    self._values[key] = hit
            return hit[2]
        with self._lock:
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        if hit is not None and not key_lock.acquire(blocking=False):
            return hit[2]  # another request is recomputing it: the outdated value meanwhile
        if hit is None:
            key_lock.acquire()
        try:
            hit = self._values.get(key)  # another request may have computed it meanwhile
            if hit is not None and (hit[0] == gen or time.monotonic() - hit[1] < self.min_age):
                return hit[2]
            value = compute()
            with self._lock:
                while len(self._values) >= self.max_entries:
                    old = next(iter(self._values))
                    self._values.pop(old)
                    self._key_locks.pop(old, None)
                self._values[key] = (gen, time.monotonic(), value)
            return value
        finally:
            key_lock.release()

    def close(self) -> None:
        self._watch.close()


class FingerprintCache:
    """Values by key, each kept while the fingerprint it was made under is unchanged.

    For the rows of a ranked page (a storyline described: title, dates, actors, events):
    after an ingest commit, the page's rows are looked up again by id with a fingerprint from
    the ranking row (events, articles, sources, last day); only rows whose fingerprint
    changed are described again, instead of every row of the page in every worker on every
    store generation.  What the fingerprint does not show (an entity merge renaming an actor,
    a duplicate joining an event) is picked up when the value is ``max_age`` seconds old.
    """

    def __init__(self, *, max_age: float = 30.0, max_entries: int = 4096) -> None:
        self.max_age = max_age
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._values: dict[Any, tuple[Any, float, Any]] = {}  # key -> (fingerprint, made at, value)

    def get(self, key: Any, fingerprint: Any, compute: Callable[[], Any]) -> Any:
        """The value of ``key``, computed by ``compute()`` when missing, of another fingerprint, or too old."""
        hit = self._values.get(key)
        if hit is not None and hit[0] == fingerprint and time.monotonic() - hit[1] < self.max_age:
            return hit[2]
        value = compute()
        with self._lock:
            self._values.pop(key, None)
            while len(self._values) >= self.max_entries:
                self._values.pop(next(iter(self._values)))
            self._values[key] = (fingerprint, time.monotonic(), value)
        return value
