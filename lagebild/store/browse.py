"""Read queries for browsing: article lists by keyset, facets, entity and group rankings.

The web pages and the HTTP API ask these functions instead of writing SQL; all
take the store's SQLAlchemy connection (``store.db``; the web layer borrows a
read-only store per request) and run on SQLite and PostgreSQL; on SQLite the
statements go to the ``sqlite3`` driver under it (``_sql.py``: SQLAlchemy's
set-up of each execution would double the cost of the web's cheap queries).  The dialect bits are small (the keyset's row
number is ``articles.seq`` on both: SQLite's rowid itself, which the index on ``published``
carries, and PostgreSQL's identity column): JSON lists (``json_each`` / ``jsonb``), byte order for
ties between names (``COLLATE "C"`` on PostgreSQL, SQLite's default) and how a
statement is stopped after its time budget.

* :func:`list_articles` pages by *keyset* (``published``, row number), so page
  5 000 costs what page 1 costs; a cursor is the opaque text of the last row.
* :func:`facets` counts articles per source, language, section and month.
* :func:`entity_index` and :func:`group_ranking` compute a whole ranking once;
  the web layer caches them per :func:`generation`.
* :func:`entity_detail` and :func:`list_quotes` serve the entity page and the quote list.
* :func:`time_budget` stops a statement that runs longer than its budget.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ..display_names import english_name
from ..errors import StoreError
from . import _sql
from ._params import chunks
from ._sql import Conn

__all__ = [
    "BUDGET_INFO", "ArticleFilter", "article_groups", "article_rows", "article_where", "count_articles",
    "cursor_at",
    "entity_detail", "entity_exists", "entity_index", "facets", "fold", "generation", "group_ranking",
    "list_articles", "list_quotes", "one_per_outlet", "time_budget",
]  # fmt: skip

_CURSOR = re.compile(r"^(\d{4}-\d{2}-\d{2}|-)\.(\d{1,19})$")
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e", "á": "a",
                       "à": "a", "ó": "o", "ò": "o", "í": "i", "ç": "c", "ñ": "n", "-": " "})  # fmt: skip
_BAD_CURSOR = "Bad cursor {!r}: pass the `next` value of the previous page."

# PostgreSQL's error code for a statement stopped by statement_timeout.
_QUERY_CANCELED = "57014"
# The connection's ``statement_timeout`` that :func:`time_budget` set (ms, as text; "0": none),
# kept in the connection's ``info``: what another connection that works for it takes over
# (``search_index.nearest_apart``) without asking the server.
BUDGET_INFO = "lagebild_statement_timeout"


def fold(text: str) -> str:
    """Case-folded, umlauts transliterated, hyphens as spaces: `Kim Jong-un` = `kim jong un`."""
    return " ".join(text.casefold().translate(_FOLD).split())


def one_per_outlet(counts: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    """Article counts per source with the spellings of one outlet together (``nzz`` from file
    names and ``NZZ`` from JSON records are one outlet, as the source filter and the independent
    sources count them), each under its most frequent stored spelling; largest first."""
    spellings: dict[str, Counter[str]] = {}
    for name, n in counts:
        spellings.setdefault(name.casefold().strip(), Counter())[name] += int(n)
    merged = [(min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0], sum(c.values())) for c in spellings.values()]
    return sorted(merged, key=lambda kv: (-kv[1], kv[0]))


def _pg(conn: Conn) -> bool:
    return not _sql.is_sqlite(conn)


def _rows(conn: Conn, sql: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """Every row of a query as a dict (column name -> value)."""
    out = _sql.rows(conn, sql, params)
    if out and isinstance(out[0], sqlite3.Row):
        keys = out[0].keys()
        return [dict(zip(keys, r, strict=True)) for r in out]
    return [dict(r._mapping) for r in out]


def _scalar(conn: Conn, sql: str, params: Mapping[str, Any] | None = None) -> Any:
    row = _sql.first(conn, sql, params)
    return row[0] if row is not None else None


# The keyset's tie-breaker: the article's seq (SQLite: the rowid, in every index: no sort).
_ROW_NUMBER = "a.seq"


def _bytewise(conn: Conn) -> str:
    """Order text byte by byte, as SQLite does, whatever the PostgreSQL server's collation."""
    return ' COLLATE "C"' if _pg(conn) else ""


def _json_list(value: Any) -> list[Any]:
    """A JSON list column: a list from PostgreSQL's jsonb, JSON text from SQLite."""
    if value is None:
        return []
    return json.loads(value) if isinstance(value, str) else list(value)


def _spoken_by(conn: Conn, param: str) -> str:
    """SQL: quote ``q`` was said by entity ``:param``, alone or as a member of a group speaker."""
    if _pg(conn):
        return (f"(q.speaker_entity = :{param} OR (q.speaker_entities IS NOT NULL"
                f" AND q.speaker_entities @> jsonb_build_array(CAST(:{param} AS text))))")  # fmt: skip
    # the group members through the partial index on quotes with speaker_entities (the
    # quotes table's own rowid: it has no other single-column key)
    return (
        f"q.rowid IN (SELECT rowid FROM quotes WHERE speaker_entity = :{param}"
        " UNION ALL SELECT rowid FROM quotes INDEXED BY quotes_groups WHERE speaker_entities IS NOT NULL"
        f" AND speaker_entity IS NOT :{param} AND EXISTS (SELECT 1 FROM json_each(speaker_entities)"
        f" WHERE value = :{param}))"
    )


def _speaker_list(conn: Conn) -> str:
    """SQL: the JSON list of every speaker entity id of quote ``q`` (``[]`` when it has none)."""
    if _pg(conn):
        return ("(SELECT coalesce(jsonb_agg(v), '[]') FROM jsonb_array_elements_text(coalesce("
                "q.speaker_entities, jsonb_build_array(q.speaker_entity))) v WHERE v IS NOT NULL)")  # fmt: skip
    return ("(SELECT json_group_array(value) FROM json_each(coalesce(q.speaker_entities,"
            " json_array(q.speaker_entity))) WHERE value IS NOT NULL)")  # fmt: skip


def generation(conn: Conn) -> int | str:
    """A value that changes whenever another connection commits.

    SQLite: ``PRAGMA data_version``, only comparable between calls on the same connection
    (keep one open for it).  PostgreSQL: the current snapshot (``pg_current_snapshot()``:
    the oldest running, the next and the running transaction ids); two equal snapshots see
    the same committed data.  It covers the whole server, so a write to another database
    of it also counts (a cache recomputes once too often, never too seldom); read-only
    transactions take no transaction id and leave it unchanged.
    """
    if _pg(conn):
        return str(_scalar(conn, "SELECT CAST(pg_current_snapshot() AS text)"))
    return int(_scalar(conn, "PRAGMA data_version"))


@contextmanager
def time_budget(conn: Conn | sqlite3.Connection, seconds: float) -> Iterator[None]:
    """Stop any statement on ``conn`` that is still running after ``seconds``.

    ``conn`` may still be the raw ``sqlite3`` connection (search, until it moves).

    Raises:
        StoreError: the budget ran out (the statement was stopped, nothing was changed).
    """
    message = (f"The query was stopped after {seconds:g} s, its time budget; make it more specific "
               "(longer or fewer words, a filter).")  # fmt: skip
    if isinstance(conn, Conn) and _pg(conn):
        ms = max(1, int(seconds * 1000))
        conn.exec_driver_sql(f"SET statement_timeout = {ms}")
        conn.info[BUDGET_INFO] = str(ms)
        try:
            yield
        except sa.exc.DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) != _QUERY_CANCELED:
                raise
            raise StoreError(message) from None
        finally:
            conn.info[BUDGET_INFO] = "0"
            conn.exec_driver_sql("SET statement_timeout = 0")
        return
    raw = conn if isinstance(conn, sqlite3.Connection) else conn.connection.dbapi_connection
    assert isinstance(raw, sqlite3.Connection)
    deadline = time.monotonic() + seconds
    raw.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
    try:
        yield
    except (sqlite3.OperationalError, sa.exc.OperationalError) as exc:
        if "interrupt" not in str(exc):
            raise
        raise StoreError(message) from None
    finally:
        raw.set_progress_handler(None, 0)


@dataclass(slots=True, kw_only=True)
class ArticleFilter:
    """Restrict an article list; all given fields must hold."""

    source: str | None = None
    language: str | None = None
    section: str | None = None
    event: str | None = None
    storyline: str | None = None
    entity: str | None = None
    month: str | None = None  # ``YYYY-MM``: published in that month

    def sql(self) -> tuple[str, dict[str, object]]:
        """The WHERE clause over ``articles a`` with named parameters (``f_…``)."""
        first = last = None
        if self.month:
            try:
                year, month = (int(x) for x in self.month.split("-"))
                first = dt.date(year, month, 1)
            except ValueError as exc:
                raise ValueError(f"month {self.month!r}: expected YYYY-MM with year 1..9999") from exc
            last = first.replace(day=calendar.monthrange(year, month)[1])
        return _where(
            entity=self.entity, source=self.source, language=self.language, section=self.section,
            event=self.event, storyline=self.storyline, date_from=first, date_to=last,
        )  # fmt: skip


# The stored spellings of a source in any case (``DW``, ``dw``): the distinct sources are walked
# in the index ``articles_source`` one seek each (a loose index scan: 0.2 ms for 40 sources of
# 100 000 articles, where ``lower(a.source) = …`` over the rows cannot seek and took 55 ms), then
# ``a.source IN (…)`` seeks as an exact filter does.  ``lower`` folds ASCII letters on SQLite,
# every letter on PostgreSQL (as entity names are looked up in ``timelines.entity_id``).
_SOURCES_NAMED = (
    "WITH RECURSIVE f_sources(v) AS (SELECT min(source) FROM articles UNION ALL"
    " SELECT (SELECT min(x.source) FROM articles x WHERE x.source > f_sources.v) FROM f_sources"
    " WHERE f_sources.v IS NOT NULL)"
    " SELECT v FROM f_sources WHERE v IS NOT NULL AND lower(v) = lower(:f_source)"
)


def _where(
    *, entity: str | None = None, source: str | None = None, language: str | None = None,
    section: str | None = None, date_from: dt.date | None = None, date_to: dt.date | None = None,
    event: str | None = None, storyline: str | None = None, by_seq: bool = False,
) -> tuple[str, dict[str, object]]:  # fmt: skip
    """``by_seq``: entity, event and storyline as a set of seqs (``a.seq IN``), so that the
    condition reads no column of ``articles`` but the seq and the filter columns (SQLite's
    full-text search checks it against the covering index ``articles_search_filters``)."""
    where: list[str] = []
    args: dict[str, object] = {}

    def member(ids: str) -> str:  # articles whose id is among ``ids`` (a subquery)
        if by_seq:
            return f"a.seq IN (SELECT x.seq FROM articles x WHERE x.id IN ({ids}))"
        return f"a.id IN ({ids})"

    if entity:
        where.append(member("SELECT article_id FROM article_entities WHERE entity_id = :f_entity"))
        args["f_entity"] = entity
    if source:  # in any case: `DW` finds `dw` (see _SOURCES_NAMED)
        where.append(f"a.source IN ({_SOURCES_NAMED})")
        args["f_source"] = source
    if language:
        where.append("a.language = :f_language")
        args["f_language"] = language
    if section:
        where.append("(a.section = :f_section OR a.section_predicted = :f_section)")
        args["f_section"] = section
    if date_from:
        where.append("a.published >= :f_from")
        args["f_from"] = date_from.isoformat()
    if date_to:
        where.append("a.published <= :f_to")
        args["f_to"] = date_to.isoformat()
    if event:  # tables of the grouping layer
        where.append(member("SELECT article_id FROM group_articles WHERE event_id = :f_event"))
        args["f_event"] = event
    if storyline:
        where.append(member(
            "SELECT g.article_id FROM group_articles g JOIN events e ON e.id = g.event_id"
            " WHERE e.storyline_id = :f_storyline"
        ))  # fmt: skip
        args["f_storyline"] = storyline
    return " AND ".join(where) or "1 = 1", args


def article_where(
    *, entity: str | None = None, source: str | None = None, language: str | None = None,
    section: str | None = None, date_from: dt.date | None = None, date_to: dt.date | None = None,
    event: str | None = None, storyline: str | None = None, by_seq: bool = False,
) -> tuple[str, list[object]]:  # fmt: skip
    """WHERE clause over ``articles a`` with ``?`` placeholders (and its arguments, in order) for
    the given filters, all of which must hold: the raw ``sqlite3`` form that search still uses
    (``by_seq``: see :func:`_where`)."""
    sql, named = _where(entity=entity, source=source, language=language, section=section,
                        date_from=date_from, date_to=date_to, event=event, storyline=storyline,
                        by_seq=by_seq)  # fmt: skip
    args: list[object] = []

    def mark(m: re.Match[str]) -> str:
        args.append(named[m.group(1)])
        return "?"

    return re.sub(r":(f_\w+)", mark, sql), args


_COLS = (f"{_ROW_NUMBER} AS seq, a.id, a.title, a.source, a.section, a.section_predicted, "
         "a.published, a.language")  # fmt: skip


def list_articles(
    conn: Conn, *, limit: int = 20, after: str | None = None, filters: ArticleFilter | None = None,
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
    day, seq = None, None
    if after:
        m = _CURSOR.match(after)
        if not m:
            raise StoreError(_BAD_CURSOR.format(after[:40]))
        day, seq = (None if m.group(1) == "-" else m.group(1)), int(m.group(2))
        if seq >= 2**63:  # beyond any 64-bit integer: no row can follow it
            raise StoreError(_BAD_CURSOR.format(after[:40]))
    cols, num = _COLS, _ROW_NUMBER
    rows: list[dict[str, Any]] = []
    if after is None or day is not None:
        # dated part: (published, row number) descending, served by the index on published
        # (a row value, not an OR: SQLite then walks one index range instead of sorting the rest)
        key = "" if after is None else f"AND (a.published, {num}) < (:k_day, :k_row)"
        rows = _rows(conn,
            f"SELECT {cols} FROM articles a WHERE a.published IS NOT NULL AND {where} {key} "
            f"ORDER BY a.published DESC, {num} DESC LIMIT :k_limit",
            {**args, "k_day": day, "k_row": seq, "k_limit": limit + 1},
        )  # fmt: skip
    if len(rows) <= limit:
        key = f"AND {num} < :k_row" if day is None and seq is not None else ""
        rows += _rows(conn,
            f"SELECT {cols} FROM articles a WHERE a.published IS NULL AND {where} {key} "
            f"ORDER BY {num} DESC LIMIT :k_limit",
            {**args, "k_row": seq, "k_limit": limit + 1 - len(rows)},
        )  # fmt: skip
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = f"{rows[-1]['published'] or '-'}.{rows[-1]['seq']}" if more and rows else None
    total = count_articles(conn, filters) if with_total else None
    return [{k: v for k, v in r.items() if k != "seq"} for r in rows], nxt, total


def count_articles(conn: Conn, filters: ArticleFilter | None = None) -> int:
    """How many articles ``filters`` lets through."""
    where, args = (filters or ArticleFilter()).sql()
    return int(_scalar(conn, f"SELECT count(*) FROM articles a WHERE {where}", args))


def cursor_at(conn: Conn, position: int, filters: ArticleFilter | None = None) -> str | None:
    """The cursor that continues after the first ``position`` articles of :func:`list_articles`.

    For clients that page by offset: the skipped rows are counted in the index (no table
    reads), which costs a few milliseconds per 100 000 rows instead of a full row read each.
    """
    if position <= 0:
        return None
    where, args = (filters or ArticleFilter()).sql()
    num = _ROW_NUMBER
    row = _sql.first(conn,
        f"SELECT a.published, {num} FROM articles a WHERE a.published IS NOT NULL AND {where} "
        f"ORDER BY a.published DESC, {num} DESC LIMIT 1 OFFSET :k_skip", {**args, "k_skip": position - 1},
    )  # fmt: skip
    if row is not None:
        return f"{row[0]}.{row[1]}"
    dated = _scalar(conn, f"SELECT count(*) FROM articles a WHERE a.published IS NOT NULL AND {where}", args)
    row = _sql.first(conn,
        f"SELECT {num} FROM articles a WHERE a.published IS NULL AND {where} "
        f"ORDER BY {num} DESC LIMIT 1 OFFSET :k_skip", {**args, "k_skip": position - 1 - dated},
    )  # fmt: skip
    return f"-.{row[0]}" if row is not None else "-.0"  # past the end: an empty page


def article_rows(conn: Conn, ids: list[str]) -> dict[str, dict[str, Any]]:
    """id -> {id, title, source, published, language} for the given ids (missing ids left out)."""
    out: dict[str, dict[str, Any]] = {}
    for chunk in chunks(ids):
        marks, params = _sql.bind_list("p", chunk)
        for r in _sql.rows(conn, f"SELECT id, title, source, published, language FROM articles WHERE id IN ({marks})",
                           params):  # fmt: skip
            out[r[0]] = {"id": r[0], "title": r[1], "source": r[2], "published": r[3], "language": r[4]}
    return out


def facets(
    conn: Conn, filters: ArticleFilter | None = None, top: int = 30, among: Sequence[int] | None = None
) -> dict[str, list[Any]]:
    """Article counts per source, language, section (given or predicted), entity and month.

    Largest first (months newest first); ``entity`` items are ``(id, name, count)``.
    ``among``: only these articles (their seqs: a search's matches).
    """
    if among is not None:
        return _facets_among(conn, filters or ArticleFilter(), top, among)
    where, args = (filters or ArticleFilter()).sql()
    args = {**args, "k_top": top}
    c = _bytewise(conn)
    out: dict[str, list[Any]] = {}
    for name, expr in (("source", "a.source"), ("language", "a.language"),
                       ("section", "coalesce(a.section, a.section_predicted)")):  # fmt: skip
        # sources: every stored spelling (few), folded below; the others the top ones
        limit = "" if name == "source" else " LIMIT :k_top"
        out[name] = [(r[0], r[1]) for r in _sql.rows(conn,
            f"SELECT {expr} AS v, count(*) AS n FROM articles a WHERE {where} AND {expr} IS NOT NULL "
            f"GROUP BY {expr} ORDER BY n DESC, {expr}{c}{limit}", args,
        )]  # fmt: skip
    out["source"] = one_per_outlet(out["source"])[:top]
    out["entity"] = [(r[0], r[1], r[2]) for r in _sql.rows(conn,
        "SELECT ae.entity_id, e.name, count(*) AS n FROM article_entities ae JOIN entities e ON e.id = ae.entity_id "
        f"WHERE ae.article_id IN (SELECT a.id FROM articles a WHERE {where}) "
        f"GROUP BY ae.entity_id, e.name ORDER BY n DESC, e.name{c} LIMIT :k_half", {**args, "k_half": top // 2},
    )]  # fmt: skip
    out["month"] = [(r[0], r[1]) for r in _sql.rows(conn,
        f"SELECT substr(a.published, 1, 7) AS v, count(*) AS n FROM articles a WHERE {where} "
        "AND a.published IS NOT NULL GROUP BY substr(a.published, 1, 7) ORDER BY v DESC LIMIT :k_top", args,
    )]  # fmt: skip
    return out


def _facets_among(conn: Conn, filters: ArticleFilter, top: int, among: Sequence[int]) -> dict[str, list[Any]]:
    """:func:`facets` among some articles (search rows: their seqs).

    The filter columns come from the covering index ``articles_search_filters`` (SQLite: never
    the article row, whose text pushes them onto overflow pages) and are counted here, where a
    ``GROUP BY`` walked the source index over every article (6 ms at 20 000 articles, linear in
    the store); the actors are counted in the index of ``article_entities`` and named for the
    top counts only."""
    if not among:
        return {"source": [], "language": [], "section": [], "entity": [], "month": []}
    where, args = filters.sql()
    if _pg(conn):
        marks, rows_args = _sql.bind_list("r", (int(r) for r in among))
        chosen, indexed = f"a.seq IN ({marks})", ""
    else:  # (a JSON array: one parameter however many rows)
        rows_args = {"r_json": "[" + ",".join(str(int(r)) for r in among) + "]"}
        chosen, indexed = "a.seq IN (SELECT value FROM json_each(:r_json))", " INDEXED BY articles_search_filters"
    args = {**args, **rows_args}
    rows = _sql.rows(conn,
        "SELECT a.source, a.language, coalesce(a.section, a.section_predicted), substr(a.published, 1, 7) "
        f"FROM articles a{indexed} WHERE {chosen} AND ({where})", args,
    )  # fmt: skip
    out: dict[str, list[Any]] = {}
    for i, name in enumerate(("source", "language", "section")):
        counts = Counter(r[i] for r in rows if r[i] is not None)
        items = one_per_outlet(counts.items()) if name == "source" else counts.items()
        out[name] = sorted(items, key=lambda kv: (-kv[1], kv[0]))[:top]
    months = Counter(r[3] for r in rows if r[3] is not None)
    out["month"] = sorted(months.items(), reverse=True)[:top]
    c = _bytewise(conn)
    out["entity"] = [(r[0], r[1], r[2]) for r in _sql.rows(conn,
        "SELECT x.entity_id, e.name, x.n FROM (SELECT ae.entity_id, count(*) AS n FROM article_entities ae "
        f"WHERE ae.article_id IN (SELECT a.id FROM articles a WHERE {chosen} AND ({where})) "
        f"GROUP BY ae.entity_id ORDER BY n DESC, ae.entity_id{c} LIMIT :k_half) x "
        f"JOIN entities e ON e.id = x.entity_id ORDER BY x.n DESC, e.name{c}", {**args, "k_half": top // 2},
    )] if rows else []  # fmt: skip
    return out


def entity_index(conn: Conn) -> list[dict[str, Any]]:
    """Every entity with its article count, most mentioned first, and its folded names for search
    (the stored name, the aliases and the gazetteer's English name: ``pope francis``)."""
    rows = _rows(conn,
        "SELECT e.id, e.name, e.type, e.wikidata, e.aliases, count(ae.article_id) AS articles "
        "FROM entities e JOIN article_entities ae ON ae.entity_id = e.id GROUP BY e.id "
        f"ORDER BY articles DESC, e.name{_bytewise(conn)}, e.id"
    )  # fmt: skip
    out = []
    for r in rows:
        aliases = _json_list(r["aliases"])
        out.append({
            "id": r["id"], "name": r["name"], "type": r["type"], "wikidata": r["wikidata"],
            "aliases": aliases, "articles": r["articles"],
            "folded": sorted({fold(n) for n in [r["name"], *aliases, english_name(r["id"])] if n}),
        })  # fmt: skip
    return out


def group_ranking(conn: Conn, kind: str) -> list[dict[str, Any]]:
    """Every storyline (``kind="storyline"``) or event with its size and last day.

    ``articles`` counts canonical articles (duplicates not counted); ``last_day`` is a
    proleptic ordinal or None.  ``sources``: the independent sources grouping stored (counted
    by ``present/sources.py``: copies of one original count once, which no
    ``count(DISTINCT source)`` can tell), None for a group changed since it was counted.
    """
    if kind == "storyline":
        sql = (
            "SELECT s.id, s.seq, s.last_day, s.events, count(g.article_id) AS articles, s.sources"
            " FROM storylines s "
            "LEFT JOIN events e ON e.storyline_id = s.id "
            "LEFT JOIN group_articles g ON g.event_id = e.id AND g.duplicate_of IS NULL GROUP BY s.id, s.sources"
        )
    else:
        sql = (
            "SELECT e.id, e.seq, e.last_day, 1 AS events, count(g.article_id) AS articles, e.sources"
            " FROM events e "
            "LEFT JOIN group_articles g ON g.event_id = e.id AND g.duplicate_of IS NULL GROUP BY e.id, e.sources"
        )
    return [dict(r) for r in _rows(conn, sql)]


def article_groups(conn: Conn, article_id: str, related: int = 10) -> dict[str, Any]:
    """The article's event and storyline (id and title) and other articles of its event.

    Returns ``{"event": {...} | None, "storyline": {...} | None, "duplicate_of": id | None,
    "related": [{id, title, source, published, language, duplicate}]}``.
    """
    r = _sql.first(conn,
        "SELECT g.event_id, g.duplicate_of, e.title, e.storyline_id FROM group_articles g "
        "LEFT JOIN events e ON e.id = g.event_id WHERE g.article_id = :aid", {"aid": article_id},
    )  # fmt: skip
    if r is None:
        return {"event": None, "storyline": None, "duplicate_of": None, "related": []}
    members = _sql.rows(conn,
        "SELECT article_id, duplicate_of FROM group_articles WHERE event_id = :ev AND article_id != :aid "
        "ORDER BY seq LIMIT :k_limit", {"ev": r[0], "aid": article_id, "k_limit": related},
    )  # fmt: skip
    rows = article_rows(conn, [m[0] for m in members])
    rel = [rows[m[0]] | {"duplicate": m[1] is not None} for m in members if m[0] in rows]
    return {
        "event": {"id": r[0], "title": r[2]} if r[2] is not None else None,
        "storyline": {"id": r[3]} if r[3] else None,
        "duplicate_of": r[1],
        "related": rel,
    }


def entity_detail(conn: Conn, entity_id: str) -> dict[str, Any] | None:
    """An entity with aliases, roles, its newest 200 articles, mentions per month and its newest
    100 quotes (alone or as a member of a group speaker); None when there is no such entity."""
    found = _rows(conn, "SELECT id, name, type, wikidata, aliases FROM entities WHERE id = :eid", {"eid": entity_id})
    if not found:
        return None
    row = found[0]
    arts = _rows(conn,
        "SELECT a.id, a.title, a.published, a.source, ae.role "
        "FROM article_entities ae JOIN articles a ON a.id = ae.article_id WHERE ae.entity_id = :eid "
        "ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT 200",
        {"eid": entity_id},
    )  # fmt: skip
    # the mentions of the 200 kept only, in one statement: a count per article of the entity's
    # (a subquery in the list above) read every mention of the entity for each of its articles
    marks, args = _sql.bind_list("a", [a["id"] for a in arts])
    counts = dict(_sql.rows(conn,
        f"SELECT article_id, count(*) FROM mentions WHERE entity_id = :eid AND article_id IN ({marks})"
        " GROUP BY article_id",
        {**args, "eid": entity_id},
    )) if arts else {}  # fmt: skip
    for a in arts:
        a["n"] = int(counts.get(a["id"], 0))
    said = _rows(conn,
        "SELECT q.article_id, q.kind, q.text, q.cue, q.speaker_text, a.published, a.title FROM quotes q "
        f"JOIN articles a ON a.id = q.article_id WHERE {_spoken_by(conn, 'eid')} "
        "ORDER BY a.published IS NULL, a.published DESC, q.article_id, q.seq LIMIT 100",
        {"eid": entity_id},
    )  # fmt: skip
    by_month: dict[str, int] = {}
    for a in arts:
        key = (a["published"] or "undated")[:7]  # an API key, shown in the interface language
        by_month[key] = by_month.get(key, 0) + a["n"]
    return {
        "id": row["id"], "name": row["name"], "type": row["type"], "wikidata": row["wikidata"],
        "aliases": _json_list(row["aliases"]),
        "roles": sorted({a["role"] for a in arts if a["role"]}),
        "articles": [dict(a) for a in arts],
        "mentions_by_month": dict(sorted(by_month.items())),  # "undated" after the months
        "quotes": [dict(q) for q in said],
    }  # fmt: skip


def list_quotes(
    conn: Conn, *, speaker: str | None = None, kind: str | None = None, limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:  # fmt: skip
    """Quotes newest first, each with ``speaker_entities`` (every entity that said it)."""
    where = [_spoken_by(conn, "speaker")] if speaker is not None else []
    if kind is not None:
        where.append("q.kind = :kind")
    rows = _rows(conn,
        "SELECT q.article_id, q.kind, q.text, q.cue, q.speaker_text, q.speaker_entity, a.published, "
        f"{_speaker_list(conn)} AS speaker_entities "
        "FROM quotes q JOIN articles a ON a.id = q.article_id "
        f"WHERE {' AND '.join(where) or '1 = 1'} "
        "ORDER BY a.published IS NULL, a.published DESC, q.article_id, q.seq LIMIT :k_limit OFFSET :k_skip",
        {"speaker": speaker, "kind": kind, "k_limit": limit, "k_skip": offset},
    )  # fmt: skip
    return [dict(r) | {"speaker_entities": _json_list(r["speaker_entities"])} for r in rows]


def entity_exists(conn: Conn, entity_id: str) -> bool:
    return _sql.first(conn, "SELECT 1 FROM entities WHERE id = :eid", {"eid": entity_id}) is not None
