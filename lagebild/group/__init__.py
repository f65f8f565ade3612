"""What belongs together: duplicates, events, storylines (and timelines built from them).

The face of the grouping layer; the code lives in modules named for what they hold:

* ``placement`` — :func:`assign` / :func:`assign_many`, the online step for stored
  articles (features, duplicates, events, storylines, bookkeeping; its docstring lists
  the steps), :class:`GroupOptions`, :class:`Placement`, :func:`group_fields`
* ``batch`` — :func:`catch_up`, :func:`rebuild`, :func:`forget`, :func:`pending`
* ``duplicates``, ``events``, ``storylines``, ``timelines``, ``titles`` — each level
* ``describe`` — the reading side: storylines and events described (titles, key actors,
  members) for the CLI, briefings and the web
* ``_features`` — what grouping compares

All reads and writes go through ``lagebild.store.grouping`` (and ``store.stories``,
``store.timelines`` for reading); nothing here writes SQL.
"""

from __future__ import annotations

from ..store.grouping import GROUP_TABLES as _TABLES  # noqa: F401 - for the tests
from .batch import catch_up, count_sources, forget, pending, rebuild  # noqa: F401 - pending: for the tests
from .placement import _assign  # noqa: F401 - for bench/bench_group.py
from .placement import GroupOptions, Placement, assign, assign_many, group_fields

__all__ = ["GroupOptions", "Placement", "assign", "assign_many", "catch_up", "count_sources", "forget",
           "group_fields", "rebuild"]  # fmt: skip
