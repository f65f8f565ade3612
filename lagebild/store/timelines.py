"""Reading what timelines are made of: canonical articles of a group or an entity, their
sentences with event dates, entity mention spans, and ids a user may refer to.

Asked by ``lagebild.group.timelines`` and the grouping CLI; nothing here writes.

Plain SQL with named parameters on both dialects (``_sql.py``).  The one difference: a
case-blind name lookup is ``COLLATE NOCASE`` on SQLite (ASCII letters only) and
``lower(name) = lower(…)`` on PostgreSQL (every letter).  ``"end"`` is quoted as a column
name, which both accept.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from collections.abc import Sequence

from ._params import chunks
from ._sql import bind_list, first, is_sqlite, rows
from .grouping import Connection

__all__ = [
    "ArticleMeta", "Member", "SentenceRow", "article_meta", "article_metas", "canonical_articles",
    "entity_articles", "entity_id", "entity_name", "group_ids_with_prefix", "mention_spans", "mention_spans_of",
    "sentence_rows", "sentence_rows_of",
]  # fmt: skip


class ArticleMeta(NamedTuple):
    text: str
    source: str | None
    title: str
    published: str | None
    dateline: str | None = None  # the place line the cleaner found (``Hohenried am Inn``)


class SentenceRow(NamedTuple):
    seq: int
    start: int
    end: int
    date: str | None
    date_from: str | None


class Member(NamedTuple):
    """A canonical article of a group, with its event and event day."""

    article_id: str
    event_id: str
    day: int | None


def group_ids_with_prefix(
    conn: Connection, kind: Literal["events", "storylines"], prefix: str, limit: int = 2
) -> list[str]:
    """Ids of events or storylines starting with ``prefix`` (at most ``limit``)."""
    table = {"events": "events", "storylines": "storylines"}[kind]
    return [
        r[0]
        for r in rows(
            conn,
            f"SELECT id FROM {table} WHERE id >= :lo AND id < :hi LIMIT :n",
            {"lo": prefix, "hi": prefix + "\uffff", "n": limit},
        )
    ]


def entity_id(conn: Connection, ref: str) -> str | None:
    """The entity whose id is ``ref``, else the first (by id) whose name is ``ref`` in any case."""
    row = first(conn, "SELECT id FROM entities WHERE id = :ref", {"ref": ref})
    if row is None:
        same = "name = :ref COLLATE NOCASE" if is_sqlite(conn) else "lower(name) = lower(:ref)"
        row = first(
            conn, f"SELECT id FROM entities WHERE {same} ORDER BY id LIMIT 1", {"ref": ref}
        )
    return row[0] if row else None


def entity_name(conn: Connection, eid: str) -> str | None:
    row = first(conn, "SELECT name FROM entities WHERE id = :eid", {"eid": eid})
    return row[0] if row else None


def article_meta(conn: Connection, article_id: str) -> ArticleMeta:
    """A stored article's text and what a timeline entry shows of it (KeyError if unknown)."""
    return article_metas(conn, [article_id])[article_id]


def article_metas(conn: Connection, ids: Sequence[str]) -> dict[str, ArticleMeta]:
    """:func:`article_meta` of each stored article of ``ids`` (one statement per 500)."""
    out: dict[str, ArticleMeta] = {}
    for chunk in chunks(list(dict.fromkeys(ids))):
        marks, params = bind_list("i", chunk)
        for r in rows(conn, f"SELECT id, text, source, title, published, dateline FROM articles WHERE id IN ({marks})",
                      params):  # fmt: skip
            out[r[0]] = ArticleMeta(r[1], r[2], r[3], r[4], r[5])
    return out


def sentence_rows_of(conn: Connection, ids: Sequence[str]) -> dict[str, list[SentenceRow]]:
    """:func:`sentence_rows` of each article of ``ids`` (one statement per 500; an article
    without sentences is left out)."""
    out: dict[str, list[SentenceRow]] = {}
    for chunk in chunks(list(dict.fromkeys(ids))):
        marks, params = bind_list("i", chunk)
        for r in rows(conn,
            f'SELECT article_id, seq, start, "end", date, date_from FROM sentences WHERE article_id IN ({marks})'
            " ORDER BY article_id, seq", params,
        ):  # fmt: skip
            out.setdefault(r[0], []).append(SentenceRow(r[1], r[2], r[3], r[4], r[5]))
    return out


def sentence_rows(conn: Connection, article_id: str) -> list[SentenceRow]:
    """An article's sentences (offsets into its text, event date and where it came from)."""
    return sentence_rows_of(conn, [article_id]).get(article_id, [])


def canonical_articles(conn: Connection, gid: str) -> list[Member]:
    """The canonical articles of an event (``ev-…``) or storyline, in grouping order."""
    col = "e.id" if gid.startswith("ev-") else "e.storyline_id"
    return [
        Member(*r)
        for r in rows(
            conn,
            "SELECT g.article_id, g.event_id, g.day FROM group_articles g"
            " JOIN events e ON e.id = g.event_id"
            f" WHERE {col} = :gid AND g.duplicate_of IS NULL ORDER BY g.seq",
            {"gid": gid},
        )
    ]


def entity_articles(conn: Connection, eid: str, limit: int) -> list[Member]:
    """The newest ``limit`` canonical grouped articles naming an entity."""
    return [
        Member(*r)
        for r in rows(
            conn,
            "SELECT g.article_id, g.event_id, g.day FROM article_entities ae JOIN group_articles g"
            " ON g.article_id = ae.article_id WHERE ae.entity_id = :eid AND g.duplicate_of IS NULL"
            " ORDER BY g.seq DESC LIMIT :n",
            {"eid": eid, "n": limit},
        )
    ]


def mention_spans(conn: Connection, article_id: str, eid: str) -> list[tuple[int, int]]:
    """``(start, end)`` of an entity's mentions in one article."""
    return mention_spans_of(conn, [article_id], eid).get(article_id, [])


def mention_spans_of(conn: Connection, ids: Sequence[str], eid: str) -> dict[str, list[tuple[int, int]]]:
    """:func:`mention_spans` of each article of ``ids`` (one statement per 500; an article
    without a mention of the entity is left out)."""
    out: dict[str, list[tuple[int, int]]] = {}
    for chunk in chunks(list(dict.fromkeys(ids))):
        marks, params = bind_list("i", chunk)
        for aid, start, end in rows(conn,
            f'SELECT article_id, start, "end" FROM mentions WHERE entity_id = :eid AND article_id IN ({marks})',
            {**params, "eid": eid},
        ):  # fmt: skip
            out.setdefault(aid, []).append((start, end))
    return out
