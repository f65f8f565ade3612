"""Enrichment rows of an article: entities, mentions, sentences, quotes, times, embeddings.

On SQLite and PostgreSQL through the SQLAlchemy Core tables of ``tables.py``.
What resolution gave is recorded for the cross-article entity merge
(``entities.py``: ``entity_refs``), and the rows carry the canonical ids of the
merge's map, on both dialects.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as _pg
from sqlalchemy.dialects import sqlite as _sqlite

from ..model import Article, Entity, Mention, Quote, Sentence, TimeExpr
from .entities import canonical_entities, canonical_quote, save_refs, targets
from .json_lists import JSONList
from .tables import (
    article_entities,
    articles,
    embeddings,
    entities,
    mentions,
    quotes,
    sentences,
    times,
)

__all__ = [
    "SPEAKERS_OF",
    "SPOKEN_BY",
    "replace_enrichment",
    "load_enrichment",
    "save_enrichment",
]

# SQL (SQLite): quote ``q`` was said by entity ``?`` (alone or as a member of a group speaker).
# Two parameters, both the entity id; both halves are index lookups (quotes_speaker and
# the partial index over the few group quotes; ``rowid`` is the quotes table's own).
SPOKEN_BY = (
    "q.rowid IN (SELECT rowid FROM quotes WHERE speaker_entity = ?"
    " UNION ALL SELECT rowid FROM quotes INDEXED BY quotes_groups WHERE speaker_entities IS NOT NULL"
    " AND speaker_entity IS NOT ? AND EXISTS (SELECT 1 FROM json_each(speaker_entities) WHERE value = ?))"
)
# SQL (SQLite) table-valued expression: every speaker entity id of quote ``q``.
SPEAKERS_OF = "json_each(coalesce(q.speaker_entities, json_array(q.speaker_entity)))"

# Tables holding one article's enrichment (replaced as a whole by Store.update_enrichment),
# in deletion order (entity_refs, the entity merge's record of the article, is save_refs').
_PER_ARTICLE = (article_entities, mentions, sentences, quotes, times, embeddings)


_AID = sa.bindparam("aid")
_DELETE = [t.delete().where(t.c.article_id == _AID) for t in _PER_ARTICLE]
_SET_SECTION = (
    articles.update()
    .where(articles.c.id == _AID)
    .values(section_predicted=sa.bindparam("b_section"))
)
_INSERT = {t.name: t.insert() for t in (entities, *_PER_ARTICLE)}
_ENTITY_ROW = sa.select(entities.c.id, entities.c.aliases).where(
    entities.c.id == sa.bindparam("eid")
)
_ENTITY_ROWS_LOCKED = (
    sa.select(entities.c.id, entities.c.aliases)
    .where(entities.c.id.in_(sa.bindparam("ids", expanding=True)))
    .order_by(entities.c.id)
    .with_for_update()
)
_SET_ALIASES = (
    entities.update()
    .where(entities.c.id == sa.bindparam("eid"))
    .values(aliases=sa.bindparam("forms"))
)
_m, _ae, _e, _s, _q, _x = (
    mentions.c,
    article_entities.c,
    entities.c,
    sentences.c,
    quotes.c,
    times.c,
)
_MENTIONS = (
    sa.select(_m.entity_id, _m.text, _m.start, _m.end, _m.actor)
    .where(_m.article_id == _AID)
    .order_by(_m.start)
)
_ENTITIES = (
    sa.select(_ae.entity_id, _ae.name, _ae.role, _ae.aliases, _e.type, _e.wikidata)
    .select_from(article_entities.join(entities, _e.id == _ae.entity_id))
    .where(_ae.article_id == _AID)
)
# SQLite: storage order (the entity merge rewrites rows without seq); PostgreSQL: seq
_ENTITIES_ORDER = {
    "sqlite": _ENTITIES.order_by(sa.literal_column("article_entities.rowid")),
    "postgresql": _ENTITIES.order_by(_ae.seq),
}
_SENTENCES = (
    sa.select(_s.start, _s.end, _s.date, _s.date_from).where(_s.article_id == _AID).order_by(_s.seq)
)
_QUOTES = (
    sa.select(_q.kind, _q.text, _q.start, _q.end, _q.cue, _q.speaker_text, _q.speaker_start,
              _q.speaker_end, _q.speaker_entity, _q.speaker_entities)
    .where(_q.article_id == _AID)
    .order_by(_q.seq)
)  # fmt: skip
_EMBEDDING = sa.select(embeddings.c.vector).where(embeddings.c.article_id == _AID)
_TIMES = (
    sa.select(_x.text, _x.value, _x.type, _x.start, _x.end)
    .where(_x.article_id == _AID)
    .order_by(_x.seq)
)


def _raw_sqlite(conn: sa.Connection) -> sqlite3.Connection | None:
    """The ``sqlite3`` connection under ``conn``, or None on PostgreSQL (entity merge: SQLite)."""
    dbapi = conn.connection.dbapi_connection
    return dbapi if isinstance(dbapi, sqlite3.Connection) else None


def _insert(conn: sa.Connection, table: sa.Table) -> _pg.Insert | _sqlite.Insert:
    """The dialect's INSERT (for ON CONFLICT)."""
    return (_pg.insert if conn.dialect.name == "postgresql" else _sqlite.insert)(table)


# -- SQLite's fast path ---------------------------------------------------------------
# SQLite answers these small per-article statements in microseconds, less than SQLAlchemy
# takes to set up each execution; there the same Core statements, compiled once, go
# straight to the sqlite3 connection (with JSONList's own conversions).  PostgreSQL
# (a round trip each) goes through SQLAlchemy.
_SQLITE_NAMED = _sqlite.dialect(paramstyle="named")


class _Plan:
    """A Core statement compiled once for sqlite3: its SQL and where JSON goes in and out."""

    __slots__ = ("json_in", "json_out", "sql")

    def __init__(self, stmt: sa.Executable) -> None:
        compiled = stmt.compile(dialect=_SQLITE_NAMED)
        self.sql = compiled.string
        self.json_in = {
            name: b.type for name, b in compiled.binds.items() if isinstance(b.type, JSONList)
        }
        selected = getattr(stmt, "selected_columns", ())
        self.json_out = [
            (i, c.type) for i, c in enumerate(selected) if isinstance(c.type, JSONList)
        ]


_PLANS: dict[int, tuple[sa.Executable, _Plan]] = {}


def _plan(stmt: sa.Executable) -> _Plan:
    got = _PLANS.get(id(stmt))
    if got is None or got[0] is not stmt:
        got = _PLANS[id(stmt)] = (stmt, _Plan(stmt))
    return got[1]


def _bind(plan: _Plan, params: dict[str, Any]) -> dict[str, Any]:
    if not plan.json_in:
        return params
    out = dict(params)
    for name, kind in plan.json_in.items():
        out[name] = kind.process_bind_param(out[name], _SQLITE_NAMED)
    return out


def _rows(conn: sa.Connection, stmt: sa.Executable, rows: list[dict[str, Any]]) -> None:
    """Execute ``stmt`` for each of ``rows`` (nothing when there are none)."""
    if not rows:
        return
    raw = _raw_sqlite(conn)
    if raw is None:
        conn.execute(stmt, rows)
        return
    plan = _plan(stmt)
    raw.executemany(plan.sql, [_bind(plan, r) for r in rows])


def _exec(conn: sa.Connection, stmt: sa.Executable, params: dict[str, Any]) -> None:
    """Execute ``stmt`` once."""
    raw = _raw_sqlite(conn)
    if raw is None:
        conn.execute(stmt, params)
        return
    plan = _plan(stmt)
    raw.execute(plan.sql, _bind(plan, params))


def _fetch(conn: sa.Connection, stmt: sa.Executable, params: dict[str, Any]) -> list[Any]:
    """The rows of a SELECT, as tuples (JSON lists read as lists on both dialects)."""
    raw = _raw_sqlite(conn)
    if raw is None:
        return list(conn.execute(stmt, params).all())
    plan = _plan(stmt)
    rows = raw.execute(plan.sql, _bind(plan, params)).fetchall()
    if not plan.json_out:
        return rows
    out = []
    for r in rows:
        r = list(r)
        for i, kind in plan.json_out:
            r[i] = kind.process_result_value(r[i], _SQLITE_NAMED)
        out.append(r)
    return out


_SET_FLAGS = (
    articles.update()
    .where(articles.c.id == _AID)
    .values(flags=sa.bindparam("b_flags"), section_predicted=sa.bindparam("b_section"))
)


def replace_enrichment(conn: sa.Connection, article: Article) -> None:
    """Replace an article's flags, predicted section and enrichment rows (after a model
    update; in the caller's transaction)."""
    aid = article.id
    _exec(
        conn,
        _SET_FLAGS,
        {"aid": aid, "b_flags": json.dumps(article.flags), "b_section": article.section_predicted},
    )
    # (entity_refs, the merge's record of the article, is replaced by save_refs on both
    # dialects: its change-log triggers see the old refs go and the new ones come)
    raw = _raw_sqlite(conn)
    last_embedding = raw.execute("SELECT max(rowid) FROM embeddings").fetchone()[0] if raw else None
    for stmt in _DELETE:
        _exec(conn, stmt, {"aid": aid})
    save_enrichment(conn, article, embedding_after=last_embedding)
    # the search's vector index: PostgreSQL holds it in search_vectors (the keyword index
    # needs nothing, the text is unchanged); SQLite's in-process index follows embeddings
    if raw is None:
        from .search_index import article_seq, write_vector

        seq = article_seq(conn, aid)
        if seq is not None:
            write_vector(conn, seq, article.embedding)


def save_enrichment(conn: sa.Connection, article: Article, *, embedding_after: int | None = None) -> None:
    """Write an article's entities, mentions, sentences, quotes, times and embedding
    (in the caller's transaction; the ids are mapped to their canonical entities).

    ``embedding_after`` (SQLite): the highest embeddings rowid before a replaced embedding
    was deleted; the new row gets a higher one, so that the vector index (which follows the
    highest rowid, :mod:`lagebild.search._vectors`) sees the change even when the replaced
    row was the last one.
    """
    aid = article.id
    if article.section_predicted is not None:
        _exec(conn, _SET_SECTION, {"aid": aid, "b_section": article.section_predicted})
    # entity ids as resolution gave them are kept; rows carry the canonical id
    # (lagebild.store.entities), and so does the article grouping gets next
    raw_entities = article.entities
    speaker_raw = [
        q.speaker_entities or ([q.speaker_entity] if q.speaker_entity else [])
        for q in article.quotes
    ]
    save_refs(conn, aid, raw_entities)
    mapped = targets(conn, [e.id for e in raw_entities] + [x for ids in speaker_raw for x in ids])
    t = lambda x: mapped.get(x, x)  # noqa: E731
    if mapped:
        article.entities = canonical_entities(raw_entities, t)
        for q in article.quotes:
            canonical_quote(q, t)
    _save_entities(conn, article.entities)
    # one row per entity id, where its last occurrence puts it (as INSERT OR REPLACE did)
    last: dict[str, Entity] = {}
    for ent in article.entities:
        last.pop(ent.id, None)
        last[ent.id] = ent
    _rows(conn, _INSERT["article_entities"], [
        {"article_id": aid, "entity_id": e.id, "name": e.name, "role": e.role,
         "aliases": e.aliases, "seq": i}
        for i, e in enumerate(last.values())
    ])  # fmt: skip
    _rows(conn, _INSERT["mentions"], [
        {"article_id": aid, "entity_id": t(ent.id), "text": m.text, "start": m.start, "end": m.end,
         "resolved_id": ent.id, "actor": int(m.actor)}
        for ent in raw_entities
        for m in ent.mentions
    ])  # fmt: skip
    _rows(conn, _INSERT["sentences"], [
        {"article_id": aid, "seq": i, "start": x.start, "end": x.end, "date": x.date,
         "date_from": x.date_from}
        for i, x in enumerate(article.sentences)
    ])  # fmt: skip
    _rows(conn, _INSERT["quotes"], [
        {"article_id": aid, "seq": i, "kind": q.kind, "text": q.text, "start": q.start, "end": q.end,
         "cue": q.cue, "speaker_text": q.speaker_text, "speaker_start": q.speaker_start,
         "speaker_end": q.speaker_end, "speaker_entity": q.speaker_entity,
         "speaker_entities": list(q.speaker_entities) if len(q.speaker_entities) > 1 else None,
         "speaker_raw": speaker_raw[i] or None}
        for i, q in enumerate(article.quotes)
    ])  # fmt: skip
    _rows(conn, _INSERT["times"], [
        {"article_id": aid, "seq": i, "text": x.text, "value": x.value, "type": x.type,
         "start": x.start, "end": x.end}
        for i, x in enumerate(article.times)
    ])  # fmt: skip
    if article.embedding is not None:
        from ..enrich.embed import DIM, MODEL

        row = {"article_id": aid, "model": MODEL, "dim": DIM, "vector": article.embedding}
        raw = _raw_sqlite(conn)
        if raw is not None and embedding_after is not None:
            raw.execute(
                "INSERT INTO embeddings (rowid, article_id, model, dim, vector)"
                " VALUES (:rowid, :article_id, :model, :dim, :vector)",
                {**row, "rowid": embedding_after + 1},
            )
        else:
            _exec(conn, _INSERT["embeddings"], row)


def _save_entities(conn: sa.Connection, ents: list[Entity]) -> None:
    """Give every entity a row; a known one gains the forms it is new under.

    New rows are inserted first (ON CONFLICT DO NOTHING, in id order, so two writers on
    PostgreSQL neither fail nor deadlock), then the rows are read (locked on PostgreSQL)
    and their alias lists extended where this article adds forms.
    """
    if not ents:
        return
    forms = [list(dict.fromkeys([e.name, *e.aliases, *(m.text for m in e.mentions)])) for e in ents]
    first: dict[str, dict[str, object]] = {}
    for e, f in zip(ents, forms, strict=True):
        first.setdefault(
            e.id, {"id": e.id, "name": e.name, "type": e.type, "wikidata": e.wikidata, "aliases": f}
        )
    ids = sorted(first)
    if conn.dialect.name == "postgresql":
        conn.execute(_insert(conn, entities).on_conflict_do_nothing(), [first[i] for i in ids])
        known = dict(conn.execute(_ENTITY_ROWS_LOCKED, {"ids": ids}).all())
    else:  # one writer at a time (BEGIN IMMEDIATE): only the new ones are inserted
        known = {}
        for i in ids:
            known.update((r[0], r[1]) for r in _fetch(conn, _ENTITY_ROW, {"eid": i}))
        new = [i for i in first if i not in known]  # in the article's order, as always
        _rows(conn, _INSERT["entities"], [first[i] for i in new])
        known.update({i: first[i]["aliases"] for i in new})
    changed: dict[str, list[str]] = {}
    for e, f in zip(ents, forms, strict=True):
        merged = list(dict.fromkeys([*known[e.id], *f]))
        if len(merged) != len(known[e.id]):
            known[e.id] = changed[e.id] = merged
    _rows(
        conn,
        _SET_ALIASES,
        [{"eid": k, "forms": v} for k, v in changed.items()],
    )


def load_enrichment(conn: sa.Connection, article: Article) -> None:
    """Read an article's enrichment into it."""
    key = {"aid": article.id}
    found: dict[str, list[Mention]] = {}
    for r in _fetch(conn, _MENTIONS, key):
        found.setdefault(r[0], []).append(
            Mention(text=r[1], start=r[2], end=r[3], actor=bool(r[4]))
        )
    article.entities = [
        Entity(id=r[0], name=r[1], role=r[2], aliases=r[3], type=r[4], wikidata=r[5],
               mentions=found.get(r[0], []))
        for r in _fetch(conn, _ENTITIES_ORDER[conn.dialect.name], key)
    ]  # fmt: skip
    article.sentences = [
        Sentence(start=r[0], end=r[1], date=r[2], date_from=r[3])
        for r in _fetch(conn, _SENTENCES, key)
    ]
    article.quotes = [
        Quote(kind=r[0], text=r[1], start=r[2], end=r[3], cue=r[4], speaker_text=r[5],
              speaker_start=r[6], speaker_end=r[7], speaker_entity=r[8],
              speaker_entities=r[9] or ([r[8]] if r[8] else []))
        for r in _fetch(conn, _QUOTES, key)
    ]  # fmt: skip
    vec = _fetch(conn, _EMBEDDING, key)
    article.embedding = bytes(vec[0][0]) if vec else None
    article.times = [
        TimeExpr(text=r[0], value=r[1], type=r[2], start=r[3], end=r[4])
        for r in _fetch(conn, _TIMES, key)
    ]
