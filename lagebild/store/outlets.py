"""What the independent-sources count reads: each article's outlet, credited agencies, text head.

The only SQL of :mod:`lagebild.present.sources`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import sqlalchemy as sa

from ._params import chunks
from ._sql import in_list, rows

__all__ = ["OutletRow", "outlet_rows"]

_HEAD = 1500  # characters of text compared for near-identical copies


@dataclass(slots=True, frozen=True)
class OutletRow:
    article: str
    source: str | None
    agencies: tuple[str, ...]
    duplicate_of: str | None  # the canonical article of a near-duplicate (grouping), or None
    head: str  # the first characters of the cleaned text
    url: str | None = None  # where it was published: its host names the outlet a source does not


def outlet_rows(conn: sa.Connection, ids: list[str]) -> list[OutletRow]:
    """One row per stored article of ``ids`` (unknown ids are left out), in the order given."""
    out: dict[str, OutletRow] = {}
    for chunk in chunks(ids):
        marks, params = in_list(conn, chunk)
        for aid, source, agencies, dup, head, url in rows(
            conn,
            "SELECT a.id, a.source, a.agencies, (SELECT g.duplicate_of FROM group_articles g"
            f" WHERE g.article_id = a.id), substr(a.text, 1, {_HEAD}), a.url FROM articles a"
            f" WHERE a.id IN ({marks})",
            params,
        ):
            try:
                credited = tuple(str(x) for x in json.loads(agencies or "[]"))
            except ValueError:
                credited = ()
            out[aid] = OutletRow(aid, source, credited, dup, head or "", url)
    return [out[a] for a in dict.fromkeys(ids) if a in out]
