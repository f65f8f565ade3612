"""simplemma, remembered: one cache of ``is_known`` and ``lemmatize`` per process for every
enrichment stage that asks it (the names guard ~360 times per article, the quote rules per
token), mostly about words asked before.  ``SIMPLEMMA`` is ``None`` without simplemma."""

from __future__ import annotations

import functools
from typing import Any

__all__ = ["SIMPLEMMA"]


class _Remembered:
    """simplemma's ``is_known`` and ``lemmatize``, remembered per (word, language)."""

    def __init__(self, lib: Any) -> None:
        self.is_known = functools.lru_cache(maxsize=1 << 18)(lib.is_known)
        self.lemmatize = functools.lru_cache(maxsize=1 << 18)(lib.lemmatize)


try:  # small, MIT, offline
    import simplemma

    SIMPLEMMA: _Remembered | None = _Remembered(simplemma)
except ImportError:  # pragma: no cover - simplemma is a dependency
    SIMPLEMMA = None
