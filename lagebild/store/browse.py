"""Read queries for browsing: article lists by keyset, facets, entity and group rankings.

The web pages and the HTTP API ask these functions instead of writing SQL; all
take a connection (the web layer opens one read-only connection per request).

* :func:`list_articles` pages by *keyset* (``published``, ``rowid``), so page
  5 000 costs what page 1 costs; a cursor is the opaque text of the last row.
* :func:`facets` counts articles per source, language, section and month.
* :func:`entity_index` and :func:`group_ranking` compute a whole ranking once;
  the web layer caches them per :func:`generation`.
* :func:`entity_detail` and :func:`list_quotes` serve the entity page and the quote list.
* :func:`time_budget` stops a statement that runs longer than its budget.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ..errors import StoreError
from . import SPEAKERS_OF, SPOKEN_BY
from ._params import chunks
from ._params import marks as _marks

__all__ = [
    "ArticleFilter", "article_groups", "article_rows", "count_articles", "cursor_at", "entity_detail", "entity_exists",
    "entity_index", "facets", "fold", "generation", "group_ranking", "list_articles", "list_quotes",
    "time_budget",
]  # fmt: skip

_CURSOR = re.compile(r"^(\d{4}-\d{2}-\d{2}|-)\.(\d{1,19})$")
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e", "á": "a",
                       "à": "a", "ó": "o", "ò": "o", "í": "i", "ç": "c", "ñ": "n", "-": " "})  # fmt: skip


def fold(text: str) -> str:
    """Case-folded, umlauts transliterated, hyphens as spaces: `Kim Jong-un` = `kim jong un`."""
    return " ".join(text.casefold().translate(_FOLD).split())


def generation(conn: sqlite3.Connection) -> int:
    """A number that changes whenever another connection commits (``PRAGMA data_version``).

    Only comparable between calls on the same connection; keep one open for it.
    """
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


@contextmanager
def time_budget(conn: sqlite3.Connection, seconds: float) -> Iterator[None]:
    """Interrupt any statement on ``conn`` that is still running after ``seconds``.

    Raises:
        StoreError: the budget ran out (the statement was interrupted, nothing was changed).
    """
    deadline = time.monotonic() + seconds
    conn.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "interrupt" not in str(exc):
            raise
        raise StoreError(
            f"The query was stopped after {seconds:g} s, its time budget; make it more specific "
            "(longer or fewer words, a filter)."
        ) from None
    finally:
        conn.set_progress_handler(None, 0)


@dataclass(slots=True, kw_only=True)
class ArticleFilter:
    """Restrict an article list; all given fields must hold."""

    source: str | None = None
    language: str | None = None
    section: str | None = None
    event: str | None = None
    storyline: str | None = None
    entity: str | None = None

    def sql(self) -> tuple[str, list[object]]:
        return article_where(
            entity=self.entity, source=self.source, language=self.language, section=self.section,
            event=self.event, storyline=self.storyline,
        )  # fmt: skip


def article_where(
    *, entity: str | None = None, source: str | None = None, language: str | None = None,
    section: str | None = None, date_from: dt.date | None = None, date_to: dt.date | None = None,
    event: str | None = None, storyline: str | None = None,
) -> tuple[str, list[object]]:  # fmt: skip
    """WHERE clause over ``articles a`` (and its arguments) for the given filters, all of
    which must hold; shared by the article lists here and by search."""
    where: list[str] = []
    args: list[object] = []
    if entity:
        where.append("a.id IN (SELECT article_id FROM article_entities WHERE entity_id = ?)")
        args.append(entity)
    if source:
        where.append("a.source = ?")
        args.append(source)
    if language:
        where.append("a.language = ?")
        args.append(language)
    if section:
        where.append("(a.section = ? OR a.section_predicted = ?)")
        args += [section, section]
    if date_from:
        where.append("a.published >= ?")
        args.append(date_from.isoformat())
    if date_to:
        where.append("a.published <= ?")
        args.append(date_to.isoformat())
    if event:  # tables of the grouping layer
        where.append("a.id IN (SELECT article_id FROM group_articles WHERE event_id = ?)")
        args.append(event)
    if storyline:
        where.append(
            "a.id IN (SELECT g.article_id FROM group_articles g JOIN events e ON e.id = g.event_id"
            " WHERE e.storyline_id = ?)"
        )
        args.append(storyline)
    return " AND ".join(where) or "1", args


_COLS = "a.rowid AS rowid, a.id, a.title, a.source, a.section, a.section_predicted, a.published, a.language"


def list_articles(
    conn: sqlite3.Connection, *, limit: int = 20, after: str | None = None, filters: ArticleFilter | None = None,
    with_total: bool = True,
) -> tuple[list[dict[str, Any]], str | None, int | None]:  # fmt: skip
    """Articles newest first (undated last), one page by keyset.

    Args:
        limit: page size.
        after: the cursor of the previous page's last row (``next`` of that page), None for page 1.
        filters: restrictions.
        with_total: also count all matching articles.

    Returns:
        (rows, cursor of the next page or None, total or None).

    Raises:
        StoreError: a malformed cursor.
    """
    where, args = (filters or ArticleFilter()).sql()
    day, rowid = None, None
    if after:
        m = _CURSOR.match(after)
        if not m:
            raise StoreError(f"Bad cursor {after[:40]!r}: pass the `next` value of the previous page.")
        day, rowid = (None if m.group(1) == "-" else m.group(1)), int(m.group(2))
        if rowid >= 2**63:  # beyond any SQLite integer: no row can follow it
            raise StoreError(f"Bad cursor {after[:40]!r}: pass the `next` value of the previous page.")
    rows: list[sqlite3.Row] = []
    if after is None or day is not None:
        # dated part: (published, rowid) descending, served by the index on published
        # (a row value, not an OR: SQLite then walks one index range instead of sorting the rest)
        key, kargs = ("", []) if after is None else ("AND (a.published, a.rowid) < (?, ?)", [day, rowid])
        rows = conn.execute(
            f"SELECT {_COLS} FROM articles a WHERE a.published IS NOT NULL AND {where} {key} "
            "ORDER BY a.published DESC, a.rowid DESC LIMIT ?",
            (*args, *kargs, limit + 1),
        ).fetchall()
    if len(rows) <= limit:
        key, kargs = ("AND a.rowid < ?", [rowid]) if day is None and rowid is not None else ("", [])
        rows += conn.execute(
            f"SELECT {_COLS} FROM articles a WHERE a.published IS NULL AND {where} {key} "
            "ORDER BY a.rowid DESC LIMIT ?",
            (*args, *kargs, limit + 1 - len(rows)),
        ).fetchall()
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = f"{rows[-1]['published'] or '-'}.{rows[-1]['rowid']}" if more and rows else None
    total = count_articles(conn, filters) if with_total else None
    return [{k: r[k] for k in r.keys() if k != "rowid"} for r in rows], nxt, total


def count_articles(conn: sqlite3.Connection, filters: ArticleFilter | None = None) -> int:
    """How many articles ``filters`` lets through."""
    where, args = (filters or ArticleFilter()).sql()
    return int(conn.execute(f"SELECT count(*) FROM articles a WHERE {where}", args).fetchone()[0])


def cursor_at(conn: sqlite3.Connection, position: int, filters: ArticleFilter | None = None) -> str | None:
    """The cursor that continues after the first ``position`` articles of :func:`list_articles`.

    For clients that page by offset: the skipped rows are counted in the index (no table
    reads), which costs a few milliseconds per 100 000 rows instead of a full row read each.
    """
    if position <= 0:
        return None
    where, args = (filters or ArticleFilter()).sql()
    row = conn.execute(
        f"SELECT a.published, a.rowid FROM articles a WHERE a.published IS NOT NULL AND {where} "
        "ORDER BY a.published DESC, a.rowid DESC LIMIT 1 OFFSET ?", (*args, position - 1),
    ).fetchone()  # fmt: skip
    if row is not None:
        return f"{row[0]}.{row[1]}"
    dated = conn.execute(
        f"SELECT count(*) FROM articles a WHERE a.published IS NOT NULL AND {where}", args
    ).fetchone()[0]
    row = conn.execute(
        f"SELECT a.rowid FROM articles a WHERE a.published IS NULL AND {where} "
        "ORDER BY a.rowid DESC LIMIT 1 OFFSET ?", (*args, position - 1 - dated),
    ).fetchone()  # fmt: skip
    return f"-.{row[0]}" if row is not None else "-.0"  # past the end: an empty page


def article_rows(conn: sqlite3.Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """id -> {id, title, source, published, language} for the given ids (missing ids left out)."""
    out: dict[str, dict[str, Any]] = {}
    for chunk in chunks(ids):
        marks = _marks(len(chunk))
        for r in conn.execute(
            f"SELECT id, title, source, published, language FROM articles WHERE id IN ({marks})", chunk
        ):
            out[r[0]] = {"id": r[0], "title": r[1], "source": r[2], "published": r[3], "language": r[4]}
    return out


def facets(conn: sqlite3.Connection, filters: ArticleFilter | None = None, top: int = 30) -> dict[str, list[Any]]:
    """Article counts per source, language, section (given or predicted), entity and month.

    Largest first (months newest first); ``entity`` items are ``(id, name, count)``.
    """
    where, args = (filters or ArticleFilter()).sql()
    out: dict[str, list[Any]] = {}
    for name, expr in (("source", "a.source"), ("language", "a.language"),
                       ("section", "coalesce(a.section, a.section_predicted)")):  # fmt: skip
        out[name] = [(r[0], r[1]) for r in conn.execute(
            f"SELECT {expr} AS v, count(*) AS n FROM articles a WHERE {where} AND {expr} IS NOT NULL "
            "GROUP BY v ORDER BY n DESC, v LIMIT ?", (*args, top),
        )]  # fmt: skip
    out["entity"] = [(r[0], r[1], r[2]) for r in conn.execute(
        "SELECT ae.entity_id, e.name, count(*) AS n FROM article_entities ae JOIN entities e ON e.id = ae.entity_id "
        f"WHERE ae.article_id IN (SELECT a.id FROM articles a WHERE {where}) "
        "GROUP BY ae.entity_id ORDER BY n DESC, e.name LIMIT ?", (*args, top // 2),
    )]  # type: ignore[misc]  # fmt: skip
    out["month"] = [(r[0], r[1]) for r in conn.execute(
        f"SELECT substr(a.published, 1, 7) AS v, count(*) AS n FROM articles a WHERE {where} "
        "AND a.published IS NOT NULL GROUP BY v ORDER BY v DESC LIMIT ?", (*args, top),
    )]  # fmt: skip
    return out


def entity_index(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every entity with its article count, most mentioned first, and its folded names for search."""
    rows = conn.execute(
        "SELECT e.id, e.name, e.type, e.wikidata, e.aliases, count(ae.article_id) AS articles "
        "FROM entities e JOIN article_entities ae ON ae.entity_id = e.id GROUP BY e.id "
        "ORDER BY articles DESC, e.name"
    ).fetchall()
    out = []
    for r in rows:
        aliases = json.loads(r["aliases"] or "[]")
        out.append({
            "id": r["id"], "name": r["name"], "type": r["type"], "wikidata": r["wikidata"],
            "aliases": aliases, "articles": r["articles"],
            "folded": sorted({fold(n) for n in [r["name"], *aliases] if n}),
        })  # fmt: skip
    return out


def group_ranking(conn: sqlite3.Connection, kind: str) -> list[dict[str, Any]]:
    """Every storyline (``kind="storyline"``) or event with size, independent sources and last day.

    ``articles`` counts canonical articles (duplicates not counted), ``sources`` their distinct
    sources; ``last_day`` is a proleptic ordinal or None.
    """
    if kind == "storyline":
        sql = (
            "SELECT s.id, s.seq, s.last_day, s.events, count(g.article_id) AS articles, "
            "count(DISTINCT a.source) AS sources FROM storylines s "
            "LEFT JOIN events e ON e.storyline_id = s.id "
            "LEFT JOIN group_articles g ON g.event_id = e.id AND g.duplicate_of IS NULL "
            "LEFT JOIN articles a ON a.id = g.article_id GROUP BY s.id"
        )
    else:
        sql = (
            "SELECT e.id, e.seq, e.last_day, 1 AS events, count(g.article_id) AS articles, "
            "count(DISTINCT a.source) AS sources FROM events e "
            "LEFT JOIN group_articles g ON g.event_id = e.id AND g.duplicate_of IS NULL "
            "LEFT JOIN articles a ON a.id = g.article_id GROUP BY e.id"
        )
    return [dict(r) for r in conn.execute(sql)]


def article_groups(conn: sqlite3.Connection, article_id: str, related: int = 10) -> dict[str, Any]:
    """The article's event and storyline (id and title) and other articles of its event.

    Returns ``{"event": {...} | None, "storyline": {...} | None, "duplicate_of": id | None,
    "related": [{id, title, source, published, language, duplicate}]}``.
    """
    r = conn.execute(
        "SELECT g.event_id, g.duplicate_of, e.title, e.storyline_id FROM group_articles g "
        "LEFT JOIN events e ON e.id = g.event_id WHERE g.article_id = ?",
        (article_id,),
    ).fetchone()
    if r is None:
        return {"event": None, "storyline": None, "duplicate_of": None, "related": []}
    members = conn.execute(
        "SELECT article_id, duplicate_of FROM group_articles WHERE event_id = ? AND article_id != ? "
        "ORDER BY seq LIMIT ?",
        (r[0], article_id, related),
    ).fetchall()
    rows = article_rows(conn, [m[0] for m in members])
    rel = [rows[m[0]] | {"duplicate": m[1] is not None} for m in members if m[0] in rows]
    return {
        "event": {"id": r[0], "title": r[2]} if r[2] is not None else None,
        "storyline": {"id": r[3]} if r[3] else None,
        "duplicate_of": r[1],
        "related": rel,
    }



def entity_detail(conn: sqlite3.Connection, entity_id: str) -> dict[str, Any] | None:
    """An entity with aliases, roles, its newest 200 articles, mentions per month and its newest
    100 quotes (alone or as a member of a group speaker); None when there is no such entity."""
    row = conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        return None
    arts = conn.execute(
        "SELECT a.id, a.title, a.published, a.source, ae.role, "
        "(SELECT count(*) FROM mentions m WHERE m.article_id = a.id AND m.entity_id = ae.entity_id) AS n "
        "FROM article_entities ae JOIN articles a ON a.id = ae.article_id WHERE ae.entity_id = ? "
        "ORDER BY a.published IS NULL, a.published DESC LIMIT 200",
        (entity_id,),
    ).fetchall()
    said = conn.execute(
        "SELECT q.article_id, q.kind, q.text, q.cue, q.speaker_text, a.published, a.title FROM quotes q "
        f"JOIN articles a ON a.id = q.article_id WHERE {SPOKEN_BY} "
        "ORDER BY a.published IS NULL, a.published DESC LIMIT 100",
        (entity_id, entity_id, entity_id),
    ).fetchall()
    by_month: dict[str, int] = {}
    for a in arts:
        key = (a["published"] or "undated")[:7]  # an API key, shown in the interface language
        by_month[key] = by_month.get(key, 0) + a["n"]
    return {
        "id": row["id"], "name": row["name"], "type": row["type"], "wikidata": row["wikidata"],
        "aliases": json.loads(row["aliases"]),
        "roles": sorted({a["role"] for a in arts if a["role"]}),
        "articles": [dict(a) for a in arts],
        "mentions_by_month": dict(sorted(by_month.items())),  # "undated" after the months
        "quotes": [dict(q) for q in said],
    }  # fmt: skip


def list_quotes(
    conn: sqlite3.Connection, *, speaker: str | None = None, kind: str | None = None, limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:  # fmt: skip
    """Quotes newest first, each with ``speaker_entities`` (every entity that said it)."""
    rows = conn.execute(
        "SELECT q.article_id, q.kind, q.text, q.cue, q.speaker_text, q.speaker_entity, a.published, "
        f"(SELECT json_group_array(value) FROM {SPEAKERS_OF} WHERE value IS NOT NULL) AS speaker_entities "
        "FROM quotes q JOIN articles a ON a.id = q.article_id "
        f"WHERE (? IS NULL OR {SPOKEN_BY}) AND (? IS NULL OR q.kind = ?) "
        "ORDER BY a.published IS NULL, a.published DESC, q.article_id, q.seq LIMIT ? OFFSET ?",
        (speaker, speaker, speaker, speaker, kind, kind, limit, offset),
    ).fetchall()
    return [dict(r) | {"speaker_entities": json.loads(r["speaker_entities"])} for r in rows]


def entity_exists(conn: sqlite3.Connection, entity_id: str) -> bool:
    return conn.execute("SELECT 1 FROM entities WHERE id = ?", (entity_id,)).fetchone() is not None
