"""The article layer: raws, articles, origins and edits, on SQLite and PostgreSQL alike.

Every function takes an open SQLAlchemy ``Connection`` (SQLAlchemy Core, no ORM);
writers run inside the caller's transaction (:meth:`lagebild.store.Store.add`
holds one per article).  The one dialect-specific step is the upsert
(``INSERT … ON CONFLICT DO NOTHING``), built by :func:`_insert_ignore_by`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from ..errors import InputError, NotFound, StoreError
from ..model import Article, Edit
from .browse import one_per_outlet
from .tables import articles, edits, origins, raws

__all__ = [
    "add_article",
    "check_text",
    "count",
    "decode_stored",
    "iter_articles",
    "known_origin",
    "load_article",
    "load_articles",
    "origin_records",
    "resolve_id",
    "stats",
]


def now() -> str:
    """The time stamp stored with new rows (UTC, seconds)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def decode_stored(data: bytes, encoding: str) -> str:
    """Decode stored raw bytes the way the reader did (BOM removed)."""
    return data.decode(encoding, errors="replace").lstrip("\ufeff")


def _origin_text(origin: str) -> str:
    # a file name that is not UTF-8 arrives with surrogate escapes: its bytes as \xNN
    return origin.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


# -- the per-item hot path: statements built once, compiled once per dialect ---------
#
# ``Store.add`` and ``known_origin`` run once per input item.  Through SQLAlchemy's
# execute() each statement costs ~5-7x a plain driver call (cache-key walk, result
# wrapping: measured in docs/benchmarks.md), so these few statements are compiled by
# SQLAlchemy once per dialect and run on the driver's cursor of the same connection.

_COMPILED: dict[tuple[str, str], tuple[str, list[str] | None]] = {}


def _fast(
    conn: sa.Connection, name: str, build: Any, params: dict[str, Any] | list[dict[str, Any]]
) -> Any:
    """Run statement ``name`` (made by ``build(dialect)`` the first time) on the driver's
    cursor; returns the cursor.  A list of params runs as executemany."""
    key = (name, conn.dialect.name)
    hit = _COMPILED.get(key)
    if hit is None:
        first = params[0] if isinstance(params, list) else params
        compiled = build(conn.dialect.name).compile(dialect=conn.dialect, column_keys=list(first))
        order = list(compiled.positiontup) if compiled.positional else None  # type: ignore[arg-type]
        hit = _COMPILED[key] = (str(compiled), order)
    sql, order = hit
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]

    def arrange(p: dict[str, Any]) -> Any:
        return [p[k] for k in order] if order is not None else p

    if isinstance(params, list):
        cursor.executemany(sql, [arrange(p) for p in params])
    else:
        cursor.execute(sql, arrange(params))
    return cursor


def _insert_ignore_by(dialect: str, table: sa.Table) -> Any:
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(table).on_conflict_do_nothing()


def _inserted(conn: sa.Connection, table: sa.Table, values: dict[str, Any]) -> bool:
    """Insert a row unless its key is taken (``ON CONFLICT DO NOTHING``); whether it was
    inserted, told by ``RETURNING`` (the row count of psycopg is not reliable for it)."""
    cursor = _fast(
        conn,
        f"insert-ignore-{table.name}",
        lambda d: _insert_ignore_by(d, table).returning(*table.primary_key.columns),
        values,
    )
    return cursor.fetchone() is not None


_BY_KEY = sa.select(
    articles.c.id, articles.c.title, articles.c.url, articles.c.source, articles.c.published
).where(articles.c.content_key == sa.bindparam("key"))
_ID_TAKEN = sa.select(sa.literal_column("1")).where(articles.c.id == sa.bindparam("aid"))
_KNOWN = sa.select(origins.c.article_id).where(
    origins.c.origin == sa.bindparam("origin"), origins.c.raw_sha256 == sa.bindparam("sha")
)


# -- writing ------------------------------------------------------------------


def known_origin(conn: sa.Connection, origin: str, raw_bytes: bytes) -> str | None:
    """The article id already stored for these exact bytes from this origin."""
    sha = hashlib.sha256(raw_bytes).hexdigest()
    row = _fast(
        conn, "known-origin", lambda d: _KNOWN, {"origin": _origin_text(origin), "sha": sha}
    ).fetchone()
    return row[0] if row else None


def _check_text(conn: sa.Connection, article: Article) -> None:
    check_text(conn.dialect.name, article)


def check_text(dialect: str, article: Article) -> None:
    """PostgreSQL text cannot hold NUL characters: refuse the item by name (its raw bytes
    would be kept, its text could not).

    Raises:
        InputError: on PostgreSQL (``dialect``), a text of the article holds a NUL.
    """
    if dialect != "postgresql":
        return
    for name in ("text", "base", "title", "title_raw", "url", "source", "section", "dateline"):
        value = getattr(article, name)
        if isinstance(value, str) and "\x00" in value:
            origin = article.origins[0] if article.origins else article.id
            raise InputError(
                origin, f"its {name} contains a NUL character, which PostgreSQL cannot store"
            )


def add_article(
    conn: sa.Connection, article: Article, key: str
) -> tuple[str, tuple[Any, ...] | None]:
    """Write one cleaned article (raw bytes, row, edits, origins) in the caller's transaction.

    The same body (``key``, its content key) is one article: a known body gets the
    new origin only, and ``article.id`` is set to the stored id.

    Returns:
        ``(outcome, stored)``: outcome ``"added"`` (a new article), ``"new-origin"``,
        ``"new-origin-metadata"`` (the new origin gave other metadata) or ``"known"``;
        ``stored`` is ``(title, url, source, published)`` of the known article, else None.

    Raises:
        StoreError: the id belongs to another text (a hash collision).
        InputError: PostgreSQL cannot store the text (a NUL character).
    """
    _check_text(conn, article)
    sha = hashlib.sha256(article.raw_bytes).hexdigest()
    stamp = now()
    published = article.published.isoformat() if article.published else None
    row = _fast(conn, "by-key", lambda d: _BY_KEY, {"key": key}).fetchone()
    _fast(
        conn,
        "insert-ignore-raws",
        lambda d: _insert_ignore_by(d, raws),
        {"sha256": sha, "bytes": article.raw_bytes, "size": len(article.raw_bytes)},
    )
    added = False
    if row is None:
        added = _insert_article(conn, article, sha, key, published, stamp)
        if not added:  # another writer stored the same body since our read (PostgreSQL)
            row = _fast(conn, "by-key", lambda d: _BY_KEY, {"key": key}).fetchone()
            if row is None:
                raise StoreError(
                    f"Article id {article.id} is taken by another text (a hash collision)."
                )
    if row is not None:
        article.id = row[0]
    if added and article.edits:
        _fast(
            conn,
            "insert-edits",
            lambda d: edits.insert(),
            [
                {"article_id": article.id, "seq": i, "kind": e.kind, "reason": e.reason, "before": e.before,
                 "after": e.after, "start": e.start}
                for i, e in enumerate(article.edits)
            ],
        )  # fmt: skip
    new_origins = 0
    for origin in article.origins:
        new_origins += _inserted(
            conn,
            origins,
            {"article_id": article.id, "origin": origin, "raw_sha256": sha, "added_at": stamp,
             "title": article.title, "url": article.url, "source": article.source, "published": published},
        )  # fmt: skip
    if added:
        return "added", None
    stored = tuple(row)[1:]  # type: ignore[arg-type]
    if not new_origins:
        return "known", stored
    mine = (article.title, article.url, article.source, published)
    return ("new-origin" if mine == stored else "new-origin-metadata"), stored


def _insert_article(
    conn: sa.Connection, article: Article, sha: str, key: str, published: str | None, stamp: str
) -> bool:
    """Insert the article row; False when its id is stored already (then nothing was written)."""
    values: dict[str, Any] = {
        "id": article.id, "format": article.format, "raw_sha256": sha, "encoding": article.encoding,
        "base": None if article.base == article.raw else article.base, "text": article.text,
        "title": article.title, "title_raw": article.title_raw, "url": article.url, "source": article.source,
        "section": article.section, "published": published, "published_from": article.published_from,
        "dateline": article.dateline, "agencies": json.dumps(article.agencies), "language": article.language,
        "flags": json.dumps(article.flags), "added_at": stamp, "content_key": key,
    }  # fmt: skip
    if conn.dialect.name == "sqlite":
        # writers are serialised (BEGIN IMMEDIATE): a plain insert after the check; seq is
        # the rowid (INTEGER PRIMARY KEY, migration 0012_articles_by_seq): the next number
        if _fast(conn, "id-taken", lambda d: _ID_TAKEN, {"aid": article.id}).fetchone() is not None:
            return False
        _fast(conn, "insert-article", lambda d: articles.insert(), values)
        return True
    return _inserted(conn, articles, values)


# -- reading ------------------------------------------------------------------


def count(conn: sa.Connection) -> int:
    """How many articles are stored."""
    return int(conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one())


def resolve_id(conn: sa.Connection, ref: str, where: str) -> str:
    """A full article id from an id or a unique prefix of at least 4 characters.

    Raises:
        NotFound: not hex, too short, unknown or ambiguous (``where`` names the store).
    """
    ref = ref.strip()
    if len(ref) < 4 or not all(c in "0123456789abcdef" for c in ref):
        raise NotFound(f"No article {ref!r}: ids are hex strings (give at least 4 characters).")
    rows = conn.execute(
        sa.select(articles.c.id).where(articles.c.id >= ref, articles.c.id < ref + "g").limit(2)
    ).all()
    if not rows:
        raise NotFound(f"No article {ref!r} in {where}. `lagebild list` shows the ids.")
    if len(rows) > 1:
        raise NotFound(f"Article id {ref!r} is ambiguous; give more characters.")
    return str(rows[0][0])


def _origins_of(conn: sa.Connection, aid: str) -> list[str]:
    return _origins_of_many(conn, [aid])[aid]


def _origins_of_many(conn: sa.Connection, ids: Sequence[str]) -> dict[str, list[str]]:
    """Each article's origins in the order they were added (at most ``_IN_CHUNK`` ids)."""
    o = origins.c
    names: dict[str, list[str]] = {aid: [] for aid in ids}
    for aid, origin in conn.execute(
        sa.select(o.article_id, o.origin)
        .where(o.article_id.in_(list(names)))
        .order_by(o.article_id, o.added_at, o.origin)
    ):
        names[aid].append(origin)
    return names


def origin_records(conn: sa.Connection, aid: str) -> list[dict[str, str | None]]:
    """Every origin of an article with the metadata it gave (None: stored before origins kept it)."""
    o = origins.c
    rows = conn.execute(
        sa.select(o.origin, o.raw_sha256, o.added_at, o.title, o.url, o.source, o.published)
        .where(o.article_id == aid)
        .order_by(o.added_at, o.origin)
    ).mappings()
    return [dict(r) for r in rows]


def _article(
    conn: sa.Connection, row: Any, *, full: bool, origins_: list[str] | None = None
) -> Article:
    article = Article(
        id=row["id"],
        origins=_origins_of(conn, row["id"]) if origins_ is None else origins_,
        format=row["format"],
        encoding=row["encoding"],
        text=row["text"],
        title=row["title"],
        title_raw=row["title_raw"],
        url=row["url"],
        source=row["source"],
        section=row["section"],
        published=dt.date.fromisoformat(row["published"]) if row["published"] else None,
        published_from=row["published_from"],
        dateline=row["dateline"],
        agencies=json.loads(row["agencies"]),
        language=row["language"],
        flags=json.loads(row["flags"]),
        section_predicted=row["section_predicted"],
    )
    if full:
        article.raw_bytes = bytes(row["bytes"])
        article.raw = decode_stored(article.raw_bytes, article.encoding)
        article.base = row["base"] if row["base"] is not None else article.raw
        e = edits.c
        article.edits = [
            Edit(kind=r[0], reason=r[1], before=r[2], after=r[3], start=r[4])
            for r in conn.execute(
                sa.select(e.kind, e.reason, e.before, e.after, e.start)
                .where(e.article_id == article.id)
                .order_by(e.seq)
            )
        ]
    return article


def _query(full: bool) -> sa.Select[Any]:
    if full:
        return sa.select(articles, raws.c.bytes).join(raws, raws.c.sha256 == articles.c.raw_sha256)
    return sa.select(articles)


def load_article(conn: sa.Connection, aid: str, *, full: bool = True) -> Article:
    """One article by its full id, with raw bytes and edits if ``full`` (no enrichment)."""
    row = conn.execute(_query(full).where(articles.c.id == aid)).mappings().first()
    if row is None:
        raise NotFound(f"No article {aid!r}.")
    return _article(conn, row, full=full)


def load_articles(conn: sa.Connection, ids: Sequence[str]) -> list[Article]:
    """``load_article(conn, aid, full=False)`` for each of ``ids`` (full ids), in their order, in
    two statements (the rows, their origins) instead of two per article; unknown ids raise
    NotFound."""
    found: dict[str, Any] = {}
    names: dict[str, list[str]] = {}
    uniq = list(dict.fromkeys(ids))
    for k in range(0, len(uniq), _IN_CHUNK):
        chunk = uniq[k : k + _IN_CHUNK]
        for row in conn.execute(_query(False).where(articles.c.id.in_(chunk))).mappings():
            found[row["id"]] = row
        names.update(_origins_of_many(conn, chunk))
    out = []
    for aid in ids:
        row = found.get(aid)
        if row is None:
            raise NotFound(f"No article {aid!r}.")
        out.append(_article(conn, row, full=False, origins_=names[aid]))
    return out


# Ids per ``IN (...)`` list of load_articles (below SQLite's oldest parameter limit).
_IN_CHUNK = 500


def iter_articles(conn: sa.Connection, *, full: bool = True) -> Iterator[Article]:
    """All articles, newest publication date first (undated last), then by id."""
    a = articles.c
    query = _query(full).order_by(a.published.is_(None), a.published.desc(), a.id)
    for row in conn.execute(query).mappings():
        yield _article(conn, row, full=full)


def stats(conn: sa.Connection) -> dict[str, object]:
    """Counts for an overview: articles, origins, edits, by source and language, date range."""
    a = articles.c

    def by(col: sa.ColumnElement[Any]) -> dict[str, int]:
        key = sa.func.coalesce(col, "?").label("k")
        n = sa.func.count().label("n")
        rows = conn.execute(sa.select(key, n).group_by(key).order_by(n.desc(), key))
        return {r[0]: int(r[1]) for r in rows}

    by_source = dict(one_per_outlet(by(a.source).items()))  # `nzz` and `NZZ`: one outlet

    first, last = conn.execute(sa.select(sa.func.min(a.published), sa.func.max(a.published))).one()
    return {
        "articles": count(conn),
        "origins": int(conn.execute(sa.select(sa.func.count()).select_from(origins)).scalar_one()),
        "edits": int(conn.execute(sa.select(sa.func.count()).select_from(edits)).scalar_one()),
        "by_source": by_source,
        "by_language": by(a.language),
        "first": first,
        "last": last,
    }
