"""The reading side of the grouping: storylines and events described for the CLI, briefings
and the web (titles, key actors, events with their articles); nothing here places an article."""

from __future__ import annotations

import math
from typing import Any

from ..store import grouping as _db
from ..store import stories as _stories
from ..store.grouping import Connection
from ..store.redirects import redirects_to, resolve_storyline
from ._features import day_str, entity_weight
from .events import Group, load_group

__all__ = [
    "describe_event",
    "describe_storyline",
    "join_names",
    "key_actors",
    "list_storylines",
    "storyline_title",
]


def key_actors(conn: Connection, group: Group, n: int = 6) -> list[dict[str, object]]:
    """The entities that matter most for an event or storyline.

    Weighed by how many of its (canonical, newest 200) articles name them, how often,
    whether they are quoted, and how rare they are in the corpus (``USA`` says little).
    """
    n_docs = _db.counter(conn, "docs")
    arts = _stories.canonical_members(conn, group.id, 200)
    quoted = _stories.quoted_counts(conn, arts)
    # a quoted entity that none of these articles mentions has no weight (log of 0 mentions):
    # left out, as before only the mentioned ones count
    stats = {
        e: (n_art, n_men, quoted.get(e, 0))
        for e, (n_art, n_men) in _stories.entity_counts(conn, arts).items()
    }
    known = _stories.entity_stats(conn, list(stats))
    scored = []
    for eid, (n_art, n_men, n_quoted) in stats.items():
        if eid not in known:
            continue
        name, typ, df = known[eid]
        w = n_art * (1 + math.log(n_men)) * (1 + 0.5 * n_quoted) * entity_weight(df, n_docs) ** 0.5
        scored.append((w, eid, name, typ, n_art))
    scored.sort(key=lambda x: (-x[0], x[1]))
    return [{"id": e, "name": nm, "type": t, "articles": c} for _, e, nm, t, c in scored[:n]]


def join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " und " + names[-1]


def storyline_title(conn: Connection, group: Group) -> str:
    """The storyline's (or event's) most representative headline, cleaned (see ``titles``).

    ``Seoul, Tokio und Washington verurteilen den Pjöngjang-Moskau-Pakt``
    """
    from .titles import headline_title

    return headline_title(conn, group)


def list_storylines(
    conn: Connection, *, min_events: int = 1, limit: int = 0
) -> list[dict[str, Any]]:
    """Storylines with their events and canonical articles, oldest first.

    Args:
        min_events: only storylines with at least this many events.
        limit: only the ``limit`` most recently continued storylines (0 = all).
    """
    rows = _stories.storyline_rows(conn, min_events=min_events, limit=limit)
    rows.sort(key=lambda r: (r.first_day is None, r.first_day or 0, r.seq))
    return [describe_storyline(conn, r.id) for r in rows]


def describe_storyline(conn: Connection, sid: str) -> dict[str, Any]:
    """A storyline with its events; an id merged away (or from an older grouping) resolves to
    the storyline that holds it now (``store/redirects.py``); the answer carries the current id."""
    g = load_group(conn, "storylines", sid)
    if g is None:
        cur = resolve_storyline(conn, sid)
        g = load_group(conn, "storylines", cur) if cur else None
    if g is None:
        raise KeyError(sid)
    sid = g.id
    events = [describe_event(conn, eid) for eid in _stories.events_of_storyline(conn, sid)]
    if any(e["undated"] for e in events):
        from .timelines import storyline_timeline

        for entry in storyline_timeline(conn, sid):
            if entry.date_from == "cross-reference":
                for e in events:
                    if e["id"] == entry.event and e["date"] is None:
                        e["date"] = e["end"] = entry.date
                        e["date_from"] = "cross-reference"
        events.sort(key=lambda e: (e["date"] is None, e["date"] or ""))
    dates = sorted(d for e in events for d in (e["date"], e["end"]) if d)
    return {
        "id": sid,
        "title": storyline_title(conn, g),
        "start": dates[0] if dates else None,
        "end": dates[-1] if dates else None,
        "actors": [a["name"] for a in key_actors(conn, g)],
        "events": events,
        "absorbed": [r["id"] for r in redirects_to(conn, sid)],
    }


def describe_event(conn: Connection, eid: str) -> dict[str, Any]:
    """An event with its canonical articles and duplicates (KeyError if there is none)."""
    r = _stories.event_record(conn, eid)
    if r is None:
        raise KeyError(eid)
    arts = _stories.event_members(conn, eid)
    return {
        "id": eid,
        "title": r.title,
        "date": day_str(r.first_day),
        "end": day_str(r.last_day),
        "storyline": r.storyline_id,
        "articles": [a for a, dup in arts if dup is None],
        "duplicates": {a: dup for a, dup in arts if dup is not None},
        "undated": r.first_day is None,
    }
