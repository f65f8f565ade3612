"""Canonical entity ids in the store: resolution ids, the merge map, analyst corrections.

The SQL of cross-article merging (tables in ``_schema_entities.py``).  What the
enrichment resolved stays in ``entity_refs`` / ``mentions.resolved_id`` /
``quotes.speaker_raw``; ``article_entities``, ``mentions.entity_id``, the quote
speakers, the ``entities`` rows and the grouping's entity tables carry the
canonical id, re-derived here whenever the map changes
(:func:`apply_map`).  Which ids join is decided by
:func:`lagebild.enrich.merge.merge_store`, not here.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..model import Entity, Quote
from ._params import chunks
from ._params import marks as _marks

__all__ = [
    "EntityRow",
    "IndexRow",
    "add_correction",
    "apply_map",
    "apply_map_delta",
    "auto_group",
    "family_rows",
    "index_rows",
    "merge_state",
    "names_of",
    "refs_of",
    "replace_index",
    "set_merge_state",
    "take_dirty",
    "update_index",
    "canonical_entities",
    "corrections",
    "current_map",
    "list_entities",
    "members",
    "merge_keys",
    "add_merge_keys",
    "ref_counts",
    "save_refs",
    "targets",
]

Target = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class EntityRow:
    """An entity as ``lagebild entities`` lists it."""

    id: str
    name: str
    type: str
    aliases: list[str]
    articles: int
    mentions: int
    merged: list[str]  # resolution ids that were merged into this one


def _dumps(x: object) -> str:
    return json.dumps(x, ensure_ascii=False)


# -- reading -----------------------------------------------------------------
def ref_counts(conn: sqlite3.Connection) -> list[tuple[str, str, str, int]]:
    """``(resolution id, name, type, articles)`` for every name a resolution id has, sorted."""
    return [
        (r[0], r[1], r[2], int(r[3]))
        for r in conn.execute(
            "SELECT resolved_id, name, type, count(*) FROM entity_refs GROUP BY 1, 2, 3 ORDER BY 1, 4 DESC, 2"
        )
    ]


def current_map(conn: sqlite3.Connection) -> dict[str, str]:
    """Resolution id -> canonical id, where they differ."""
    return dict(conn.execute("SELECT resolved_id, canonical FROM entity_map").fetchall())


def targets(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, str]:
    """The canonical id of each of ``ids`` that the map sends elsewhere."""
    out: dict[str, str] = {}
    for eid in set(ids):
        row = conn.execute("SELECT canonical FROM entity_map WHERE resolved_id = ?", (eid,)).fetchone()
        if row is not None:
            out[eid] = row[0]
    return out


def corrections(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """The analyst's corrections in the order they were made: ``(kind, entity, other)``."""
    return [tuple(r) for r in conn.execute("SELECT kind, entity, other FROM entity_corrections ORDER BY seq")]


def members(conn: sqlite3.Connection, canonical: str) -> dict[str, set[str]]:
    """The resolution ids an entity is made of, each with the names articles gave it."""
    ids = {canonical, *(r[0] for r in conn.execute("SELECT resolved_id FROM entity_map WHERE canonical = ?", (canonical,)))}
    if canonical in current_map(conn):  # not canonical itself: not an entity of its own
        ids.discard(canonical)
    out: dict[str, set[str]] = {}
    for k in sorted(ids):
        names = {r[0] for r in conn.execute("SELECT DISTINCT name FROM entity_refs WHERE resolved_id = ?", (k,))}
        if names:
            out[k] = names
    return out


def merge_keys(
    conn: sqlite3.Connection, version: int, pairs: Iterable[tuple[str, str]] | None = None
) -> dict[tuple[str, str], str]:
    """The merge keys computed before by this ``version`` of the key function, by ``(name, type)``
    (of ``pairs`` only, when given)."""
    if pairs is None:
        return {
            (r[0], r[1]): r[2]
            for r in conn.execute("SELECT name, type, key FROM entity_keys WHERE version = ?", (version,))
        }
    out: dict[tuple[str, str], str] = {}
    for name, typ in sorted(set(pairs)):
        row = conn.execute(
            "SELECT key FROM entity_keys WHERE name = ? AND type = ? AND version = ?", (name, typ, version)
        ).fetchone()
        if row is not None:
            out[(name, typ)] = row[0]
    return out


def add_merge_keys(conn: sqlite3.Connection, keys: dict[tuple[str, str], str], version: int) -> None:
    """Keep newly computed merge keys (they depend on the name and the key function only)."""
    conn.executemany(
        "INSERT OR REPLACE INTO entity_keys (name, type, version, key) VALUES (?,?,?,?)",
        [(n, t, version, k) for (n, t), k in sorted(keys.items())],
    )


def add_correction(conn: sqlite3.Connection, kind: str, entity: str, other: str) -> None:
    """Record ``merge`` (``other`` joins ``entity``) or ``split`` (alias ``other`` leaves ``entity``)."""
    conn.execute(
        "INSERT INTO entity_corrections (kind, entity, other, added_at) VALUES (?,?,?,?)",
        (kind, entity, other, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
    )


def list_entities(
    conn: sqlite3.Connection, *, type_: str | None = None, limit: int = 50
) -> list[EntityRow]:
    """Entities that occur in some article, most articles first (``limit`` 0: all)."""
    sql = (
        "SELECT e.id, e.name, e.type, e.aliases, count(*) AS n,"
        " (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS nm"
        " FROM entities e JOIN article_entities ae ON ae.entity_id = e.id"
        + (" WHERE e.type = ?" if type_ else "")
        + " GROUP BY e.id ORDER BY n DESC, e.name, e.id"
        + (" LIMIT ?" if limit else "")
    )
    params: list[object] = [p for p in (type_,) if p]
    if limit:
        params.append(limit)
    rows = conn.execute(sql, params).fetchall()
    merged: dict[str, list[str]] = {}
    for raw, canon in conn.execute("SELECT resolved_id, canonical FROM entity_map ORDER BY resolved_id"):
        merged.setdefault(canon, []).append(raw)
    return [
        EntityRow(r[0], r[1], r[2], json.loads(r[3]), int(r[4]), int(r[5]), merged.get(r[0], []))
        for r in rows
    ]


# -- the incremental merge's index ---------------------------------------------------
@dataclass(frozen=True, slots=True)
class IndexRow:
    """A resolution id as the last merge saw it (table ``entity_index``)."""

    id: str
    name: str
    type: str
    count: int
    family: str
    auto: str  # canonical id by the automatic merge, before the analyst's corrections


def merge_state(conn: sqlite3.Connection) -> str | None:
    """The version of the merge that built ``entity_index`` (``None``: never built)."""
    row = conn.execute("SELECT value FROM entity_merge_state WHERE name = 'version'").fetchone()
    return row[0] if row else None


def set_merge_state(conn: sqlite3.Connection, version: str) -> None:
    """Record that ``entity_index`` is now built by merge version ``version``."""
    conn.execute("INSERT OR REPLACE INTO entity_merge_state (name, value) VALUES ('version', ?)", (version,))


def take_dirty(conn: sqlite3.Connection) -> list[str]:
    """The resolution ids whose articles changed since the last merge; the list is emptied."""
    ids = [r[0] for r in conn.execute("SELECT resolved_id FROM entity_dirty ORDER BY 1")]
    conn.execute("DELETE FROM entity_dirty")
    return ids


def refs_of(conn: sqlite3.Connection, ids: Iterable[str]) -> list[tuple[str, str, str, int]]:
    """:func:`ref_counts` for ``ids`` only (same order)."""
    out: list[tuple[str, str, str, int]] = []
    for part in chunks(sorted(set(ids))):
        marks = _marks(len(part))
        out.extend(
            (r[0], r[1], r[2], int(r[3]))
            for r in conn.execute(
                f"SELECT resolved_id, name, type, count(*) FROM entity_refs WHERE resolved_id IN ({marks})"
                " GROUP BY 1, 2, 3 ORDER BY 1, 4 DESC, 2",
                part,
            )
        )
    out.sort(key=lambda r: (r[0], -r[3], r[1]))
    return out


def _index(conn: sqlite3.Connection, where: str, values: Iterable[str]) -> dict[str, IndexRow]:
    out: dict[str, IndexRow] = {}
    for part in chunks(sorted(set(values))):
        marks = _marks(len(part))
        for r in conn.execute(
            f"SELECT resolved_id, name, type, count, family, auto FROM entity_index WHERE {where} IN ({marks})", part
        ):
            out[r[0]] = IndexRow(r[0], r[1], r[2], int(r[3]), r[4], r[5])
    return out


def index_rows(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, IndexRow]:
    """The index rows of ``ids`` (those it has)."""
    return _index(conn, "resolved_id", ids)


def family_rows(conn: sqlite3.Connection, families: Iterable[str]) -> dict[str, IndexRow]:
    """Every index row of the given families."""
    return _index(conn, "family", families)


def auto_group(conn: sqlite3.Connection, ids: Iterable[str]) -> set[str]:
    """Every id the automatic merge put with one of ``ids`` (their groups, whole)."""
    autos = {r.auto for r in index_rows(conn, ids).values()}
    return set(_index(conn, "auto", autos))


def names_of(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, set[str]]:
    """Every name the articles give each of ``ids``."""
    out: dict[str, set[str]] = {}
    for part in chunks(sorted(set(ids))):
        marks = _marks(len(part))
        for eid, name in conn.execute(
            f"SELECT DISTINCT resolved_id, name FROM entity_refs WHERE resolved_id IN ({marks})", part
        ):
            out.setdefault(eid, set()).add(name)
    return out


def replace_index(conn: sqlite3.Connection, rows: Iterable[IndexRow]) -> None:
    """Make ``rows`` the whole index (a full merge); the change log is emptied."""
    conn.execute("DELETE FROM entity_index")
    conn.execute("DELETE FROM entity_dirty")
    update_index(conn, rows, ())


def update_index(conn: sqlite3.Connection, rows: Iterable[IndexRow], removed: Iterable[str]) -> None:
    """Write ``rows`` into the index and drop the ids ``removed`` (no article uses them any more)."""
    conn.executemany("DELETE FROM entity_index WHERE resolved_id = ?", [(k,) for k in sorted(set(removed))])
    conn.executemany(
        "INSERT OR REPLACE INTO entity_index (resolved_id, name, type, count, family, auto) VALUES (?,?,?,?,?,?)",
        [(r.id, r.name, r.type, r.count, r.family, r.auto) for r in rows],
    )


# -- writing one article -------------------------------------------------------
def save_refs(conn: sqlite3.Connection, article_id: str, entities: Iterable[Entity]) -> None:
    """Record the entities of an article as resolution gave them (before any merge)."""
    conn.execute("DELETE FROM entity_refs WHERE article_id = ?", (article_id,))
    conn.executemany(
        "INSERT OR REPLACE INTO entity_refs (article_id, resolved_id, name, type, wikidata, role, aliases, forms)"
        " VALUES (?,?,?,?,?,?,?,?)",
        [
            (article_id, e.id, e.name, e.type, e.wikidata, e.role, _dumps(e.aliases),
             _dumps(list(dict.fromkeys([e.name, *e.aliases, *(m.text for m in e.mentions)]))))
            for e in entities
        ],  # fmt: skip
    )


def canonical_entities(entities: list[Entity], t: Target) -> list[Entity]:
    """The entities of one article under their canonical ids; entities that map to one
    id become one (the one already carrying the id gives name and role)."""
    out: dict[str, Entity] = {}
    for e in sorted(entities, key=lambda e: t(e.id) != e.id):  # the canonical one first
        c = t(e.id)
        have = out.get(c)
        if have is None:
            out[c] = Entity(
                id=c, name=e.name, type=e.type, aliases=list(e.aliases), wikidata=e.wikidata,
                role=e.role, mentions=list(e.mentions),
            )  # fmt: skip
            continue
        have.aliases = list(dict.fromkeys([*have.aliases, *([e.name] if e.name != have.name else []), *e.aliases]))
        have.mentions = sorted([*have.mentions, *e.mentions], key=lambda m: (m.start, m.end))
        have.role = have.role or e.role
        have.wikidata = have.wikidata or e.wikidata
    order = {t(e.id): i for i, e in reversed(list(enumerate(entities)))}
    return sorted(out.values(), key=lambda e: order[e.id])


def canonical_quote(q: Quote, t: Target) -> None:
    """Point a quote's speaker ids at canonical ids (in place)."""
    ids = list(dict.fromkeys(t(x) for x in (q.speaker_entities or ([q.speaker_entity] if q.speaker_entity else []))))
    if q.speaker_entity:
        q.speaker_entity = t(q.speaker_entity)
    q.speaker_entities = ids


def _target_of(mapping: dict[str, str]) -> Target:
    return lambda x: mapping.get(x, x)


# -- re-deriving after the map changed ----------------------------------------------
def apply_map(conn: sqlite3.Connection, new: dict[str, str]) -> int:
    """Make ``new`` (resolution id -> canonical id, identity pairs omitted) the whole map.

    See :func:`apply_map_delta`; ids in neither the old nor the new map keep their own id.
    Call inside a transaction.  Returns the number of resolution ids whose canonical id changed.
    """
    new = {k: v for k, v in new.items() if k != v}
    old = current_map(conn)
    return apply_map_delta(conn, {k: new.get(k, k) for k in set(old) | set(new)})


def apply_map_delta(conn: sqlite3.Connection, delta: dict[str, str]) -> int:
    """Give each resolution id in ``delta`` its canonical id (itself: unmapped); others stay.

    Every article with an entity whose canonical id changes is re-derived from its
    ``entity_refs``; the grouping's entity tables follow a pure rename (``Stoiber``
    joins ``Edmund Stoiber``); a split leaves them as they were until ``lagebild
    regroup``.  The cost follows the ids that change, not the size of the store.
    Call inside a transaction.  Returns the number of resolution ids whose canonical
    id changed.
    """
    old = targets(conn, delta)
    changed = sorted(k for k, v in delta.items() if old.get(k, k) != v)
    if not changed:
        return 0
    # grouping: what each old canonical id held before the change
    before_members = {o: _map_members(conn, o) for o in {old.get(k, k) for k in changed}}
    conn.executemany("DELETE FROM entity_map WHERE resolved_id = ?", [(k,) for k in changed])
    conn.executemany(
        "INSERT INTO entity_map (resolved_id, canonical) VALUES (?,?)",
        [(k, delta[k]) for k in changed if delta[k] != k],
    )
    cache: dict[str, str] = {}

    def t(x: str) -> str:
        if x not in cache:
            row = conn.execute("SELECT canonical FROM entity_map WHERE resolved_id = ?", (x,)).fetchone()
            cache[x] = row[0] if row else x
        return cache[x]

    articles = sorted(
        {r[0] for k in changed for r in conn.execute("SELECT article_id FROM entity_refs WHERE resolved_id = ?", (k,))}
    )
    for aid in articles:
        _derive_article(conn, aid, t)
    # entity rows: every canonical id in use has one, with every form its members use
    canon = {c for c in {t(k) for k in changed} | {old.get(k, k) for k in changed} if t(c) == c}
    for c in sorted(canon):
        _refresh_entity_row(conn, c, sorted(_map_members(conn, c)))
    for k in changed:
        if t(k) != k and not conn.execute("SELECT 1 FROM article_entities WHERE entity_id = ? LIMIT 1", (k,)).fetchone():
            conn.execute("DELETE FROM entities WHERE id = ?", (k,))
    # grouping: an old id all of whose members now share one other id is renamed
    before: dict[str, set[str]] = {}
    for k in changed:
        before.setdefault(old.get(k, k), set()).add(t(k))
    changed_set = set(changed)
    for o, ns in sorted(before.items()):
        if len(ns) == 1 and o not in ns and before_members[o] <= changed_set:
            _rename_in_groups(conn, o, next(iter(ns)))
    return len(changed)


def _map_members(conn: sqlite3.Connection, c: str) -> set[str]:
    """The ids the map sends to ``c``, and ``c`` itself unless the map sends it elsewhere."""
    out = {r[0] for r in conn.execute("SELECT resolved_id FROM entity_map WHERE canonical = ?", (c,))}
    if not conn.execute("SELECT 1 FROM entity_map WHERE resolved_id = ?", (c,)).fetchone():
        out.add(c)
    return out


def _refresh_entity_row(conn: sqlite3.Connection, c: str, members: list[str]) -> None:
    """Give canonical id ``c`` an entity row carrying every form its members use."""
    forms: list[str] = []
    head: tuple[str, str, str | None] | None = None
    for m in sorted(members, key=lambda m: m != c):  # c's own name first
        for r in conn.execute(
            "SELECT name, type, wikidata, aliases, forms FROM entity_refs WHERE resolved_id = ?"
            " GROUP BY name, type, wikidata, aliases, forms ORDER BY count(*) DESC, name",
            (m,),
        ):
            forms.extend([r[0], *json.loads(r[3]), *json.loads(r[4])])
            head = head or (r[0], r[1], r[2])
    row = conn.execute("SELECT aliases FROM entities WHERE id = ?", (c,)).fetchone()
    if row is not None:  # the forms of its members now (a split takes its names along)
        conn.execute("UPDATE entities SET aliases = ? WHERE id = ?", (_dumps(list(dict.fromkeys(forms))), c))
    elif head is not None:
        conn.execute(
            "INSERT INTO entities (id, name, type, wikidata, aliases) VALUES (?,?,?,?,?)",
            (c, *head, _dumps(list(dict.fromkeys(forms)))),
        )


def _derive_article(conn: sqlite3.Connection, aid: str, t: Target) -> None:
    """Rewrite one article's entity rows, mentions and quote speakers from its resolution ids."""
    refs = conn.execute(
        "SELECT resolved_id, name, type, wikidata, role, aliases FROM entity_refs WHERE article_id = ? ORDER BY rowid",
        (aid,),
    ).fetchall()
    ents = [
        Entity(id=r[0], name=r[1], type=r[2], wikidata=r[3], role=r[4], aliases=json.loads(r[5])) for r in refs
    ]
    conn.execute("DELETE FROM article_entities WHERE article_id = ?", (aid,))
    for e in canonical_entities(ents, t):
        if not conn.execute("SELECT 1 FROM entities WHERE id = ?", (e.id,)).fetchone():
            conn.execute(
                "INSERT INTO entities (id, name, type, wikidata, aliases) VALUES (?,?,?,?,?)",
                (e.id, e.name, e.type, e.wikidata, _dumps([e.name, *e.aliases])),
            )
        conn.execute(
            "INSERT INTO article_entities (article_id, entity_id, name, role, aliases) VALUES (?,?,?,?,?)",
            (aid, e.id, e.name, e.role, _dumps(e.aliases)),
        )
    for (raw,) in conn.execute(
        "SELECT DISTINCT coalesce(resolved_id, entity_id) FROM mentions WHERE article_id = ?", (aid,)
    ).fetchall():
        conn.execute(
            "UPDATE mentions SET entity_id = ?, resolved_id = ? WHERE article_id = ?"
            " AND coalesce(resolved_id, entity_id) = ?",
            (t(raw), raw, aid, raw),
        )
    for seq, raw in conn.execute(
        "SELECT seq, speaker_raw FROM quotes WHERE article_id = ? AND speaker_raw IS NOT NULL", (aid,)
    ).fetchall():
        ids = list(dict.fromkeys(t(x) for x in json.loads(raw)))
        conn.execute(
            "UPDATE quotes SET speaker_entity = ?, speaker_entities = ? WHERE article_id = ? AND seq = ?",
            (ids[0] if ids else None, _dumps(ids) if len(ids) > 1 else None, aid, seq),
        )


def _rename_in_groups(conn: sqlite3.Connection, old: str, new: str) -> None:
    """Entity ``old`` is now ``new`` in events, storylines and the document frequencies."""
    for table, owner, key in (("event_entities", "events", "event_id"), ("storyline_entities", "storylines", "storyline_id")):
        for (gid,) in conn.execute(f"SELECT {key} FROM {table} WHERE entity_id = ?", (old,)).fetchall():
            row = conn.execute(f"SELECT entities FROM {owner} WHERE id = ?", (gid,)).fetchone()
            if row is None:
                continue
            ents: dict[str, int] = json.loads(row[0])
            if old in ents:
                ents[new] = ents.get(new, 0) + ents.pop(old)
                conn.execute(f"UPDATE {owner} SET entities = ? WHERE id = ?", (json.dumps(ents), gid))
        conn.execute(f"UPDATE OR IGNORE {table} SET entity_id = ? WHERE entity_id = ?", (new, old))
        conn.execute(f"DELETE FROM {table} WHERE entity_id = ?", (old,))
    row = conn.execute("SELECT df FROM entity_df WHERE entity_id = ?", (old,)).fetchone()
    if row is not None:
        conn.execute(
            "INSERT INTO entity_df (entity_id, df) VALUES (?, ?) ON CONFLICT(entity_id) DO UPDATE SET df = df + excluded.df",
            (new, row[0]),
        )
        conn.execute("DELETE FROM entity_df WHERE entity_id = ?", (old,))
