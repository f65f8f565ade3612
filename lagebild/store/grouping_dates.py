"""The dates grouping reads off the whole store: the feed's latest dated day
(``group.placement``: undated articles that name no year are taken for reports of the present).
Beside ``store/grouping.py``, which holds the per-article grouping reads and writes."""

from __future__ import annotations

from ._sql import rows
from .grouping import Connection

__all__ = ["latest_event_day"]


def latest_event_day(conn: Connection) -> int | None:
    """The last day of the latest dated event (the feed's present), None if none is dated
    (one index lookup: ``events_last``)."""
    r = rows(conn, "SELECT MAX(last_day) FROM events")
    return int(r[0][0]) if r and r[0][0] is not None else None
