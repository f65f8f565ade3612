"""Reading storylines and events: lists, members, headlines, what their articles name.

What ``lagebild.group.storylines`` (``list_storylines``, ``describe_*``, ``key_actors``) and
``lagebild.group.titles`` need to describe a grouping; nothing here writes.  A group id
``st-…`` names a storyline, any other (``ev-…``) an event.

Plain SQL with named parameters on both dialects (``_sql.py``); the one dialect-specific
piece is the speakers of a quote (:func:`_speakers`: ``json_each`` over JSON text on SQLite,
``jsonb_array_elements_text`` on PostgreSQL).  ``x IS NULL`` as a sort key puts NULLs last
on both.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from ._params import chunks
from ._sql import first, in_list, is_sqlite, rows
from .enrichment import SPEAKERS_OF
from .grouping import Connection

__all__ = [
    "EventRecord", "EntityStat", "StorylineRow", "canonical_headlines", "canonical_members",
    "count_events", "count_storylines", "entity_counts", "entity_stats", "event_members",
    "event_record", "events_of_storyline", "first_event_title", "mention_counts", "quoted_counts",
    "quoted_entities", "storyline_rows",
]  # fmt: skip


class StorylineRow(NamedTuple):
    id: str
    first_day: int | None
    seq: int


class EventRecord(NamedTuple):
    id: str
    storyline_id: str
    title: str
    first_day: int | None
    last_day: int | None


class EntityStat(NamedTuple):
    name: str
    type: str
    df: int  # canonical articles naming it (0 when never counted)


def _member_col(gid: str) -> str:
    return "e.storyline_id" if gid.startswith("st-") else "e.id"


# Every speaker entity id of quote ``q``, as a table ``j`` with one column ``value``.
_SPEAKERS_PG = (
    "jsonb_array_elements_text(coalesce(q.speaker_entities, jsonb_build_array(q.speaker_entity)))"
    " AS j(value)"
)


def _speakers(conn: Connection) -> str:
    return f"{SPEAKERS_OF} j" if is_sqlite(conn) else _SPEAKERS_PG


def storyline_rows(conn: Connection, *, min_events: int = 1, limit: int = 0) -> list[StorylineRow]:
    """Storylines with at least ``min_events`` events; with ``limit``, only the most recently
    continued ones (undated last).  Unordered otherwise."""
    sql = "SELECT id, first_day, seq FROM storylines WHERE events >= :min"
    params: dict[str, Any] = {"min": min_events}
    if limit:
        sql += " ORDER BY last_day IS NULL, last_day DESC, seq DESC LIMIT :n"
        params["n"] = limit
    return [StorylineRow(*r) for r in rows(conn, sql, params)]


def count_storylines(conn: Connection) -> int:
    return int(first(conn, "SELECT count(*) FROM storylines")[0])


def count_events(conn: Connection) -> int:
    return int(first(conn, "SELECT count(*) FROM events")[0])


def events_of_storyline(conn: Connection, storyline_id: str) -> list[str]:
    """Event ids of a storyline, dated ones first by first day, then in grouping order."""
    return [
        r[0]
        for r in rows(
            conn,
            "SELECT id FROM events WHERE storyline_id = :sid"
            " ORDER BY first_day IS NULL, first_day, seq",
            {"sid": storyline_id},
        )
    ]


def event_record(conn: Connection, event_id: str) -> EventRecord | None:
    r = first(
        conn, "SELECT id, storyline_id, title, first_day, last_day FROM events WHERE id = :eid",
        {"eid": event_id},
    )  # fmt: skip
    return EventRecord(*r) if r else None


def event_members(conn: Connection, event_id: str) -> list[tuple[str, str | None]]:
    """``(article id, canonical id or None)`` of an event's articles, in grouping order."""
    return [
        (r[0], r[1])
        for r in rows(
            conn,
            "SELECT article_id, duplicate_of FROM group_articles WHERE event_id = :eid ORDER BY seq",
            {"eid": event_id},
        )
    ]


def canonical_headlines(conn: Connection, gid: str, limit: int) -> list[tuple[str, str | None]]:
    """``(title, language)`` of the first ``limit`` canonical articles of a storyline or event."""
    return [
        (r[0], r[1])
        for r in rows(
            conn,
            "SELECT a.title, a.language FROM group_articles g JOIN events e ON e.id = g.event_id"
            f" JOIN articles a ON a.id = g.article_id WHERE {_member_col(gid)} = :gid"
            " AND g.duplicate_of IS NULL ORDER BY g.seq LIMIT :n",
            {"gid": gid, "n": limit},
        )
    ]


def first_event_title(conn: Connection, gid: str) -> str | None:
    """The stored title of a storyline's first event (or of the event)."""
    row = first(
        conn, f"SELECT title FROM events e WHERE {_member_col(gid)} = :gid ORDER BY seq LIMIT 1",
        {"gid": gid},
    )  # fmt: skip
    return row[0] if row else None


def canonical_members(conn: Connection, gid: str, limit: int) -> list[str]:
    """Ids of the newest ``limit`` canonical articles of a storyline or event."""
    return [
        r[0]
        for r in rows(
            conn,
            "SELECT g.article_id FROM group_articles g JOIN events e ON e.id = g.event_id"
            f" WHERE {_member_col(gid)} = :gid AND g.duplicate_of IS NULL"
            " ORDER BY g.seq DESC LIMIT :n",
            {"gid": gid, "n": limit},
        )
    ]


def mention_counts(conn: Connection, article_id: str) -> list[tuple[str, int]]:
    """``(entity id, mentions)`` of one article."""
    return [
        (r[0], r[1])
        for r in rows(
            conn,
            "SELECT entity_id, count(*) FROM mentions WHERE article_id = :aid GROUP BY entity_id",
            {"aid": article_id},
        )
    ]


def quoted_entities(conn: Connection, article_id: str) -> list[str]:
    """Entity ids quoted in one article (each once; a group speaker's members each)."""
    return [
        r[0]
        for r in rows(
            conn,
            f"SELECT DISTINCT j.value FROM quotes q, {_speakers(conn)}"
            " WHERE q.article_id = :aid AND q.speaker_entity IS NOT NULL",
            {"aid": article_id},
        )
    ]


def entity_counts(conn: Connection, article_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
    """``entity id -> (articles naming it, mentions)`` over these articles."""
    out: dict[str, tuple[int, int]] = {}
    for chunk in chunks(list(article_ids)):
        marks, params = in_list(conn, chunk)
        for eid, n_art, n_men in rows(
            conn,
            "SELECT entity_id, count(DISTINCT article_id), count(*) FROM mentions"
            f" WHERE article_id IN ({marks}) GROUP BY entity_id",
            params,
        ):
            a, m = out.get(eid, (0, 0))
            out[eid] = (a + n_art, m + n_men)
    return out


def quoted_counts(conn: Connection, article_ids: Sequence[str]) -> dict[str, int]:
    """``entity id -> articles quoting it`` (alone or as a member of a group speaker)."""
    out: dict[str, int] = {}
    for chunk in chunks(list(article_ids)):
        marks, params = in_list(conn, chunk)
        for eid, n in rows(
            conn,
            f"SELECT j.value, count(DISTINCT q.article_id) FROM quotes q, {_speakers(conn)}"
            f" WHERE q.article_id IN ({marks})"
            " AND q.speaker_entity IS NOT NULL GROUP BY j.value",
            params,
        ):
            out[eid] = out.get(eid, 0) + n
    return out


def entity_stats(conn: Connection, entity_ids: Sequence[str]) -> dict[str, EntityStat]:
    """Name, type and document frequency of these entities (unknown ids left out)."""
    out: dict[str, EntityStat] = {}
    for chunk in chunks(list(entity_ids)):
        marks, params = in_list(conn, chunk)
        for r in rows(
            conn,
            "SELECT e.id, e.name, e.type, coalesce(d.df, 0) FROM entities e LEFT JOIN entity_df d"
            f" ON d.entity_id = e.id WHERE e.id IN ({marks})",
            params,
        ):
            out[r[0]] = EntityStat(r[1], r[2], r[3])
    return out
