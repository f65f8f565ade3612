"""What the independent-sources count reads: each article's outlet, credited agencies, text head.

The only SQL of :mod:`lagebild.present.sources`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import sqlalchemy as sa

from ._params import chunks
from ._sql import in_list, rows

__all__ = ["OutletRow", "group_members", "outlet_heads", "outlet_rows"]

_HEAD = 1500  # characters of text compared for near-identical copies


@dataclass(slots=True, frozen=True)
class OutletRow:
    article: str
    source: str | None
    agencies: tuple[str, ...]
    duplicate_of: str | None  # the canonical article of a near-duplicate (grouping), or None
    head: str  # the first characters of the cleaned text
    url: str | None = None  # where it was published: its host names the outlet a source does not


def outlet_rows(conn: sa.Connection, ids: list[str], *, heads: bool = True) -> list[OutletRow]:
    """One row per stored article of ``ids`` (unknown ids are left out), in the order given.

    ``heads=False`` leaves ``head`` empty (no text read): what the outlets alone decide
    needs no text; :func:`outlet_heads` fetches it for the articles that need it.
    """
    out: dict[str, OutletRow] = {}
    head_sql = f"substr(a.text, 1, {_HEAD})" if heads else "NULL"
    for chunk in chunks(ids):
        marks, params = in_list(conn, chunk)
        for aid, source, agencies, dup, head, url in rows(
            conn,
            "SELECT a.id, a.source, a.agencies, (SELECT g.duplicate_of FROM group_articles g"
            f" WHERE g.article_id = a.id), {head_sql}, a.url FROM articles a"
            f" WHERE a.id IN ({marks})",
            params,
        ):
            out[aid] = OutletRow(aid, source, _credited(agencies), dup, head or "", url)
    return [out[a] for a in dict.fromkeys(ids) if a in out]


def _credited(agencies: str | None) -> tuple[str, ...]:
    if not agencies or agencies == "[]":  # most articles: no JSON to read
        return ()
    try:
        return tuple(str(x) for x in json.loads(agencies))
    except ValueError:
        return ()


def outlet_heads(conn: sa.Connection, ids: list[str]) -> dict[str, str]:
    """article id -> the first characters of its cleaned text (the ``head`` of :class:`OutletRow`)."""
    out: dict[str, str] = {}
    for chunk in chunks(ids):
        marks, params = in_list(conn, chunk)
        for aid, head in rows(conn, f"SELECT a.id, substr(a.text, 1, {_HEAD}) FROM articles a WHERE a.id IN ({marks})",
                              params):  # fmt: skip
            out[aid] = head or ""
    return out


def group_members(
    conn: sa.Connection, kind: str, ids: list[str] | None = None
) -> tuple[dict[str, list[str]], dict[str, OutletRow]]:
    """Every event (``kind="event"``) or storyline id (or those of ``ids``) -> its canonical
    articles (duplicates left out), in placement order: the articles whose independent outlets
    the rankings count; and each of these articles' :class:`OutletRow` without ``head`` (one
    statement per chunk of ``ids``, no text read)."""
    group = "e.storyline_id" if kind == "storyline" else "g.event_id"
    members: dict[str, list[str]] = {}
    out: dict[str, OutletRow] = {}
    sql = (f"SELECT {group}, g.article_id, a.source, a.agencies, a.url, g.seq FROM group_articles g"
           " JOIN events e ON e.id = g.event_id JOIN articles a ON a.id = g.article_id"
           f" WHERE g.duplicate_of IS NULL AND {group} IS NOT NULL")  # fmt: skip
    if ids is None:
        found = rows(conn, sql + " ORDER BY g.seq")
    else:
        found = []
        for chunk in chunks(ids):
            marks, params = in_list(conn, chunk)
            found += rows(conn, f"{sql} AND {group} IN ({marks})", params)
        found.sort(key=lambda r: r[5])
    for gid, aid, source, agencies, url, _seq in found:
        members.setdefault(gid, []).append(aid)
        out[aid] = OutletRow(aid, source, _credited(agencies), None, "", url)
    return members, out
