"""The PostgreSQL tables of grouping (duplicates, events, storylines, redirects, counters, timelines).

Defined on the one ``MetaData`` of ``tables.py``; ``migrate.py`` runs ``PG_STEPS``
(named, append-only, numbers 0030-0039) after the article and enrichment steps.
SQLite keeps its scripts in ``_schema_*.py``.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

__all__ = ["PG_STEPS"]

PG_STEPS: list[tuple[str, Callable[[sa.Connection], None]]] = []
