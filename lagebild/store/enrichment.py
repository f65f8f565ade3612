"""Enrichment rows of an article: entities, mentions, sentences, quotes, times, embeddings.

SQLite only for now (the raw ``sqlite3`` connection, :attr:`lagebild.store.Store.conn`);
on PostgreSQL the store keeps articles without their enrichment (docs/scale.md).
"""

from __future__ import annotations

import json
import sqlite3

from ..model import Article, Entity, Mention, Quote, Sentence, TimeExpr
from .entities import canonical_entities, canonical_quote, save_refs, targets

__all__ = ["ENRICHMENT_TABLES", "SPEAKERS_OF", "SPOKEN_BY", "load_enrichment", "save_enrichment"]

# SQL: quote ``q`` was said by entity ``?`` (alone or as a member of a group speaker).
# Two parameters, both the entity id; both halves are index lookups (quotes_speaker and
# the partial index over the few group quotes).
SPOKEN_BY = (
    "q.rowid IN (SELECT rowid FROM quotes WHERE speaker_entity = ?"
    " UNION ALL SELECT rowid FROM quotes INDEXED BY quotes_groups WHERE speaker_entities IS NOT NULL"
    " AND speaker_entity IS NOT ? AND EXISTS (SELECT 1 FROM json_each(speaker_entities) WHERE value = ?))"
)
# SQL table-valued expression: every speaker entity id of quote ``q``.
SPEAKERS_OF = "json_each(coalesce(q.speaker_entities, json_array(q.speaker_entity)))"

# Tables holding one article's enrichment (replaced as a whole by Store.update_enrichment).
ENRICHMENT_TABLES = (
    "article_entities",
    "entity_refs",
    "mentions",
    "sentences",
    "quotes",
    "times",
    "embeddings",
)


def save_enrichment(conn: sqlite3.Connection, article: Article) -> None:
    """Write an article's entities, mentions, sentences, quotes, times and embedding
    (in the caller's transaction; the ids are mapped to their canonical entities)."""
    aid = article.id
    if article.section_predicted is not None:
        conn.execute(
            "UPDATE articles SET section_predicted = ? WHERE id = ?",
            (article.section_predicted, aid),
        )
    # entity ids as resolution gave them are kept; rows carry the canonical id
    # (lagebild.store.entities), and so does the article grouping gets next
    raw_entities = article.entities
    save_refs(conn, aid, raw_entities)
    speaker_raw = [
        q.speaker_entities or ([q.speaker_entity] if q.speaker_entity else [])
        for q in article.quotes
    ]
    mapped = targets(conn, [e.id for e in raw_entities] + [x for ids in speaker_raw for x in ids])
    t = lambda x: mapped.get(x, x)  # noqa: E731
    if mapped:
        article.entities = canonical_entities(raw_entities, t)
        for q in article.quotes:
            canonical_quote(q, t)
    for ent in article.entities:
        row = conn.execute("SELECT aliases FROM entities WHERE id = ?", (ent.id,)).fetchone()
        forms = list(dict.fromkeys([ent.name, *ent.aliases, *(m.text for m in ent.mentions)]))
        if row is None:
            conn.execute(
                "INSERT INTO entities (id, name, type, wikidata, aliases) VALUES (?,?,?,?,?)",
                (ent.id, ent.name, ent.type, ent.wikidata, json.dumps(forms, ensure_ascii=False)),
            )
        else:
            known = json.loads(row[0])
            merged = list(dict.fromkeys([*known, *forms]))
            if len(merged) != len(known):
                conn.execute(
                    "UPDATE entities SET aliases = ? WHERE id = ?",
                    (json.dumps(merged, ensure_ascii=False), ent.id),
                )
        conn.execute(
            "INSERT OR REPLACE INTO article_entities (article_id, entity_id, name, role, aliases)"
            " VALUES (?,?,?,?,?)",
            (aid, ent.id, ent.name, ent.role, json.dumps(ent.aliases, ensure_ascii=False)),
        )
    conn.executemany(
        'INSERT INTO mentions (article_id, entity_id, text, start, "end", resolved_id, actor)'
        " VALUES (?,?,?,?,?,?,?)",
        [
            (aid, t(ent.id), m.text, m.start, m.end, ent.id, int(m.actor))
            for ent in raw_entities
            for m in ent.mentions
        ],
    )
    conn.executemany(
        'INSERT INTO sentences (article_id, seq, start, "end", date, date_from) VALUES (?,?,?,?,?,?)',
        [(aid, i, x.start, x.end, x.date, x.date_from) for i, x in enumerate(article.sentences)],
    )
    conn.executemany(
        'INSERT INTO quotes (article_id, seq, kind, text, start, "end", cue, speaker_text,'
        " speaker_start, speaker_end, speaker_entity, speaker_entities, speaker_raw)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                aid,
                i,
                q.kind,
                q.text,
                q.start,
                q.end,
                q.cue,
                q.speaker_text,
                q.speaker_start,
                q.speaker_end,
                q.speaker_entity,
                json.dumps(q.speaker_entities) if len(q.speaker_entities) > 1 else None,
                json.dumps(speaker_raw[i]) if speaker_raw[i] else None,
            )
            for i, q in enumerate(article.quotes)
        ],  # fmt: skip
    )
    conn.executemany(
        'INSERT INTO times (article_id, seq, text, value, type, start, "end") VALUES (?,?,?,?,?,?,?)',
        [(aid, i, t.text, t.value, t.type, t.start, t.end) for i, t in enumerate(article.times)],
    )
    if article.embedding is not None:
        from ..enrich.embed import DIM, MODEL

        conn.execute(
            "INSERT INTO embeddings (article_id, model, dim, vector) VALUES (?,?,?,?)",
            (aid, MODEL, DIM, article.embedding),
        )


def load_enrichment(c: sqlite3.Connection, article: Article) -> None:
    """Read an article's enrichment into it."""
    aid = article.id
    mentions: dict[str, list[Mention]] = {}
    for r in c.execute(
        'SELECT entity_id, text, start, "end", actor FROM mentions WHERE article_id = ? ORDER BY start',
        (aid,),
    ):
        mentions.setdefault(r[0], []).append(
            Mention(text=r[1], start=r[2], end=r[3], actor=bool(r[4]))
        )
    article.entities = [
        Entity(
            id=r["entity_id"],
            name=r["name"],
            type=r["type"],
            wikidata=r["wikidata"],
            role=r["role"],
            aliases=json.loads(r["aliases"]),
            mentions=mentions.get(r["entity_id"], []),
        )  # fmt: skip
        for r in c.execute(
            "SELECT ae.*, e.type, e.wikidata FROM article_entities ae JOIN entities e ON e.id = ae.entity_id"
            " WHERE ae.article_id = ? ORDER BY ae.rowid",
            (aid,),
        )
    ]
    article.sentences = [
        Sentence(start=r[0], end=r[1], date=r[2], date_from=r[3])
        for r in c.execute(
            'SELECT start, "end", date, date_from FROM sentences WHERE article_id = ? ORDER BY seq',
            (aid,),
        )
    ]
    article.quotes = [
        Quote(
            kind=r["kind"],
            text=r["text"],
            start=r["start"],
            end=r["end"],
            cue=r["cue"],
            speaker_text=r["speaker_text"],
            speaker_start=r["speaker_start"],
            speaker_end=r["speaker_end"],
            speaker_entity=r["speaker_entity"],
            speaker_entities=json.loads(r["speaker_entities"])
            if r["speaker_entities"]
            else ([r["speaker_entity"]] if r["speaker_entity"] else []),
        )  # fmt: skip
        for r in c.execute("SELECT * FROM quotes WHERE article_id = ? ORDER BY seq", (aid,))
    ]
    row = c.execute("SELECT vector FROM embeddings WHERE article_id = ?", (aid,)).fetchone()
    article.embedding = bytes(row[0]) if row else None
    article.times = [
        TimeExpr(text=r["text"], value=r["value"], type=r["type"], start=r["start"], end=r["end"])
        for r in c.execute("SELECT * FROM times WHERE article_id = ? ORDER BY seq", (aid,))
    ]
