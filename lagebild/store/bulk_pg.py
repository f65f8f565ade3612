"""Many new articles at once into PostgreSQL with ``COPY``: the bulk path of ``lagebild load``.

:func:`add_new` writes what :meth:`Store.add <lagebild.store.Store.add>` writes for an
article it adds -- raw bytes, the article row, edits, origins, the entity merge's record
(``entity_refs``), entities, the enrichment rows, the embedding, the search index's words,
vocabulary, spellings and vector -- for a whole batch in one transaction, streamed with
psycopg's ``COPY ... FROM STDIN`` (text format) instead of one round trip per row: the
raw driver on the store's own connection, the one place it is used for writing.

Only articles whose body (content key), id and raw bytes are new to the store and to the
batch are written here; the others (a second origin of a known body, a hash collision)
are handed back for the per-row path, which decides between ``new-origin`` and ``known``.
A ``COPY`` that meets a row another writer stored since the check fails the caller's
transaction (a unique violation): the caller rolls back and stores the batch row by row.

The rows are those of the per-row path, in the same order (``articles.seq`` follows the
batch), with the same canonical entity ids, alias lists and spellings
(``tests/test_spark.py`` compares the two stores table by table).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ..model import Article, Entity
from .articles import now
from .entities import MERGE_LOCK, canonical_entities, canonical_quote, targets
from .search_pg import _TSV, _usable, _vector_text

__all__ = ["Prepared", "add_new", "new_among"]


@dataclass(slots=True)
class Prepared:
    """An article ready for the bulk path: its content key, and its words as the search
    index takes them (``lagebild.search._index.index_text``, ``spelling_pairs``)."""

    article: Article
    key: str
    words: tuple[str, str, str]
    spellings: list[tuple[str, str]]
    sha: str = ""

    def __post_init__(self) -> None:
        self.sha = hashlib.sha256(self.article.raw_bytes).hexdigest()


def _all(conn: sa.Connection, sql: str, params: dict[str, Any]) -> list[Any]:
    return list(conn.execute(sa.text(sql), params).all())


def new_among(conn: sa.Connection, items: Sequence[Prepared]) -> tuple[list[Prepared], list[Prepared]]:
    """Split ``items`` into (new, other): new are those whose content key and id the store
    and the batch before them do not hold (their first occurrence)."""
    keys = [p.key for p in items]
    ids = [p.article.id for p in items]
    sql = "SELECT content_key FROM articles WHERE content_key = ANY(:k)"
    taken_keys = {r[0] for r in _all(conn, sql, {"k": keys})}
    taken_ids = {r[0] for r in _all(conn, "SELECT id FROM articles WHERE id = ANY(:i)", {"i": ids})}
    new: list[Prepared] = []
    other: list[Prepared] = []
    for p in items:
        if p.key in taken_keys or p.article.id in taken_ids:
            other.append(p)
            continue
        taken_keys.add(p.key)
        taken_ids.add(p.article.id)
        new.append(p)
    return new, other


def _copy(cur: Any, table: str, columns: str, rows: Iterable[Sequence[Any]]) -> None:
    with cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def add_new(conn: sa.Connection, items: Sequence[Prepared]) -> None:
    """Write the articles of ``items`` (all new: see :func:`new_among`), in their order, in the
    caller's transaction.  Mutates each article as ``Store.add`` does: its entities and quote
    speakers carry the canonical ids of the entity merge afterwards.

    Raises:
        sqlalchemy.exc.DBAPIError / psycopg.Error: a row was stored by another writer meanwhile
            (unique violation): roll back and store row by row.
    """
    if not items:
        return
    dbapi: Any = conn.connection.dbapi_connection
    stamp = now()
    cur = dbapi.cursor()
    # the merge's lock, shared, as save_refs takes it per article: no map changes under us
    cur.execute("SELECT pg_advisory_xact_lock_shared(%s)", (MERGE_LOCK,))
    known_raws = {
        r[0] for r in _all(conn, "SELECT sha256 FROM raws WHERE sha256 = ANY(:s)", {"s": [p.sha for p in items]})
    }
    raws = {}
    for p in items:
        if p.sha not in known_raws:
            raws.setdefault(p.sha, p.article.raw_bytes)
    _copy(cur, "raws", "sha256, bytes, size", ((s, b, len(b)) for s, b in raws.items()))
    _copy(
        cur,
        "articles",
        "id, format, raw_sha256, encoding, base, text, title, title_raw, url, source, section, published,"
        " published_from, dateline, agencies, language, flags, added_at, section_predicted, content_key",
        (_article_row(p, stamp) for p in items),
    )
    seq_of = dict(
        _all(conn, "SELECT id, seq FROM articles WHERE id = ANY(:i)", {"i": [p.article.id for p in items]})
    )
    _copy(
        cur,
        "edits",
        'article_id, seq, kind, reason, before, after, start',
        ((p.article.id, i, e.kind, e.reason, e.before, e.after, e.start)
         for p in items for i, e in enumerate(p.article.edits)),
    )  # fmt: skip
    _copy(
        cur,
        "origins",
        "article_id, origin, raw_sha256, added_at, title, url, source, published",
        ((p.article.id, o, p.sha, stamp, p.article.title, p.article.url, p.article.source, _published(p.article))
         for p in items for o in dict.fromkeys(p.article.origins)),
    )  # fmt: skip
    _enrichment(conn, cur, [p.article for p in items])
    _index(cur, items, seq_of)


def _published(article: Article) -> str | None:
    return article.published.isoformat() if article.published else None


def _article_row(p: Prepared, stamp: str) -> tuple[Any, ...]:
    a = p.article
    return (
        a.id, a.format, p.sha, a.encoding, None if a.base == a.raw else a.base, a.text, a.title,
        a.title_raw, a.url, a.source, a.section, _published(a), a.published_from, a.dateline,
        json.dumps(a.agencies), a.language, json.dumps(a.flags), stamp, a.section_predicted, p.key,
    )  # fmt: skip


def _last(ents: Iterable[Entity]) -> list[Entity]:
    """One entity per id, where its last occurrence puts it (as save_refs and the rows keep it)."""
    last: dict[str, Entity] = {}
    for e in ents:
        last.pop(e.id, None)
        last[e.id] = e
    return list(last.values())


def _forms(e: Entity) -> list[str]:
    return list(dict.fromkeys([e.name, *e.aliases, *(m.text for m in e.mentions)]))


def _enrichment(conn: sa.Connection, cur: Any, articles: Sequence[Article]) -> None:
    """``save_enrichment`` for many new articles (``enrichment.py``: the same rows)."""
    j = json.dumps
    _copy(
        cur,
        "entity_refs",
        "article_id, resolved_id, name, type, wikidata, role, aliases, forms, seq",
        ((a.id, e.id, e.name, e.type, e.wikidata, e.role, j(e.aliases), j(_forms(e)), i)
         for a in articles for i, e in enumerate(_last(a.entities))),
    )  # fmt: skip
    raw_entities = {a.id: a.entities for a in articles}
    speaker_raw = {
        a.id: [q.speaker_entities or ([q.speaker_entity] if q.speaker_entity else []) for q in a.quotes]
        for a in articles
    }
    ids = {e.id for a in articles for e in a.entities}
    ids |= {x for a in articles for ids_ in speaker_raw[a.id] for x in ids_}
    mapped = targets(conn, ids)
    t = lambda x: mapped.get(x, x)  # noqa: E731
    if mapped:
        for a in articles:
            a.entities = canonical_entities(a.entities, t)
            for q in a.quotes:
                canonical_quote(q, t)
    _entities(cur, articles)
    _copy(
        cur,
        "article_entities",
        "article_id, entity_id, name, role, aliases, seq",
        ((a.id, e.id, e.name, e.role, j(e.aliases), i) for a in articles for i, e in enumerate(_last(a.entities))),
    )
    _copy(
        cur,
        "mentions",
        'article_id, entity_id, text, start, "end", resolved_id, actor',
        ((a.id, t(e.id), m.text, m.start, m.end, e.id, int(m.actor))
         for a in articles for e in raw_entities[a.id] for m in e.mentions),
    )  # fmt: skip
    _copy(
        cur,
        "sentences",
        'article_id, seq, start, "end", date, date_from',
        ((a.id, i, x.start, x.end, x.date, x.date_from) for a in articles for i, x in enumerate(a.sentences)),
    )
    _copy(
        cur,
        "quotes",
        'article_id, seq, kind, text, start, "end", cue, speaker_text, speaker_start, speaker_end,'
        " speaker_entity, speaker_entities, speaker_raw",
        ((a.id, i, q.kind, q.text, q.start, q.end, q.cue, q.speaker_text, q.speaker_start, q.speaker_end,
          q.speaker_entity, j(list(q.speaker_entities)) if len(q.speaker_entities) > 1 else None,
          j(speaker_raw[a.id][i]) if speaker_raw[a.id][i] else None)
         for a in articles for i, q in enumerate(a.quotes)),
    )  # fmt: skip
    _copy(
        cur,
        "times",
        'article_id, seq, text, value, type, start, "end"',
        ((a.id, i, x.text, x.value, x.type, x.start, x.end) for a in articles for i, x in enumerate(a.times)),
    )
    from ..enrich.embed import DIM, MODEL

    _copy(
        cur,
        "embeddings",
        "article_id, model, dim, vector",
        ((a.id, MODEL, DIM, a.embedding) for a in articles if a.embedding is not None),
    )


def _entities(cur: Any, articles: Sequence[Article]) -> None:
    """``_save_entities`` for many articles: each entity new to the store gets the row of its
    first occurrence (inserted ``ON CONFLICT DO NOTHING`` in id order), then the rows are read
    under lock and their alias lists extended by the forms of each article, in order."""
    first: dict[str, tuple[Any, ...]] = {}
    per_article = []
    for a in articles:
        forms = [_forms(e) for e in a.entities]
        per_article.append(forms)
        for e, f in zip(a.entities, forms, strict=True):
            if e.id not in first:
                first[e.id] = (e.id, e.name, e.type, e.wikidata, json.dumps(f))
    if not first:
        return
    rows = [first[i] for i in sorted(first)]
    cur.execute(
        "INSERT INTO entities (id, name, type, wikidata, aliases)"
        " SELECT i, n, t, w, a::jsonb FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[], %s::text[])"
        " AS v(i, n, t, w, a) ORDER BY i ON CONFLICT DO NOTHING",
        [list(col) for col in zip(*rows, strict=True)],
    )
    cur.execute(
        "SELECT id, aliases FROM entities WHERE id = ANY(%s) ORDER BY id FOR UPDATE", (sorted(first),)
    )
    known: dict[str, list[str]] = dict(cur.fetchall())
    changed: dict[str, list[str]] = {}
    for a, forms in zip(articles, per_article, strict=True):
        for e, f in zip(a.entities, forms, strict=True):
            merged = list(dict.fromkeys([*known[e.id], *f]))
            if len(merged) != len(known[e.id]):
                known[e.id] = changed[e.id] = merged
    if changed:
        keys = sorted(changed)
        cur.execute(
            "UPDATE entities e SET aliases = v.a::jsonb FROM unnest(%s::text[], %s::text[]) AS v(i, a)"
            " WHERE e.id = v.i",
            (keys, [json.dumps(changed[k]) for k in keys]),
        )


def _index(cur: Any, items: Sequence[Prepared], seq_of: dict[str, int]) -> None:
    """``index_article`` for many new articles: words (and vocabulary), vectors, spellings,
    one generation bump per article."""
    cur.execute(
        "CREATE TEMP TABLE IF NOT EXISTS load_docs (seq bigint, title text, body text, parts text)"
        " ON COMMIT DELETE ROWS"
    )
    _copy(cur, "load_docs", "seq, title, body, parts", ((seq_of[p.article.id], *p.words) for p in items))
    tsv = _TSV.replace(":title", "d.title").replace(":body", "d.body").replace(":parts", "d.parts")
    cur.execute(
        f"WITH doc AS (INSERT INTO search_docs (seq, tsv) SELECT d.seq, {tsv} FROM load_docs d ORDER BY d.seq"
        " RETURNING tsv)"
        " INSERT INTO search_terms (term) SELECT DISTINCT unnest(tsvector_to_array(tsv)) FROM doc ORDER BY 1"
        " ON CONFLICT DO NOTHING"
    )
    cur.execute("TRUNCATE load_docs")
    cur.execute("SELECT setval('search_generation', nextval('search_generation') + %s - 1)", (len(items),))
    _copy(
        cur,
        "search_vectors",
        "seq, embedding",
        ((seq_of[p.article.id], _vector_text(p.article.embedding))
         for p in items if p.article.embedding is not None and _usable(p.article.embedding)),
    )  # fmt: skip
    pairs = [pair for p in items for pair in p.spellings]
    if pairs:
        pairs = sorted(dict(reversed(pairs)).items())  # the first one of each key, as write_spellings
        cur.execute(
            "INSERT INTO search_spellings (key, word) SELECT * FROM unnest(%s::text[], %s::text[])"
            " ON CONFLICT DO NOTHING",
            ([k for k, _ in pairs], [w for _, w in pairs]),
        )
