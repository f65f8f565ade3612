"""Canonical entity ids in the store: resolution ids, the merge map, analyst corrections.

The SQL of cross-article merging, on SQLite and PostgreSQL (tables: SQLite
``_schema_entities.py``, PostgreSQL ``tables_entities.py``).  What the
enrichment resolved stays in ``entity_refs`` / ``mentions.resolved_id`` /
``quotes.speaker_raw``; ``article_entities``, ``mentions.entity_id``, the quote
speakers, the ``entities`` rows and the grouping's entity tables carry the
canonical id, re-derived here whenever the map changes
(:func:`apply_map`).  Which ids join is decided by
:func:`lagebild.enrich.merge.merge_store`, not here.

Every function takes the store's SQLAlchemy connection (``Store.db``; writes inside
``Store.begin()``); the statements are named-parameter SQL that both dialects accept
(``_sql.py``: on SQLite straight on the sqlite3 driver, the merge's hot path).
What differs: JSON lists (text / ``jsonb``), an article's entity order (SQLite's
rowid / ``entity_refs.seq``) and, on PostgreSQL, an advisory lock: the merge holds
it exclusively (:func:`lock_merge`), each writer of an article's refs shares it
(:func:`save_refs`), so no article is stored against a map that a merge is changing.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from ..model import Entity, Quote
from ._params import chunks
from ._sql import Db, bind_list

__all__ = [
    "MERGE_LOCK",
    "EntityRow",
    "IndexRow",
    "add_correction",
    "apply_map",
    "apply_map_delta",
    "auto_group",
    "family_rows",
    "index_rows",
    "lock_merge",
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
# What the functions take: the store's SQLAlchemy connection (a raw sqlite3 one still works).
Conn = sa.Connection | sqlite3.Connection | Db

# Any constant; the key of the PostgreSQL advisory lock of the merge ("lbmerge").
MERGE_LOCK = 0x6C626D65726765


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


def _db(conn: Conn) -> Db:
    return conn if isinstance(conn, Db) else Db(conn)


def _in_lists(db: Db, values: Iterable[str], prefix: str) -> Iterable[tuple[str, dict[str, object]]]:
    """``(condition, parameters)`` for ``column <condition>`` over ``values`` (sorted, once each):
    ``IN (:k0,:k1,…)`` per chunk of ids on SQLite, one ``= ANY(:k)`` over an array on
    PostgreSQL (one statement, one parameter: SQLAlchemy compiles a text statement for every
    execution, at a cost that grows with its bind parameters)."""
    vals = sorted(set(values))
    if not vals:
        return
    if db.pg:
        yield "= ANY(:" + prefix + ")", {prefix: vals}
        return
    for part in chunks(vals):
        marks, params = bind_list(prefix, part)
        yield f"IN ({marks})", params


def lock_merge(conn: Conn) -> None:
    """Make this transaction the only merge, and wait for articles being stored to commit
    (PostgreSQL: an exclusive transaction-level advisory lock; SQLite's ``BEGIN
    IMMEDIATE`` already admits one writer at a time)."""
    db = _db(conn)
    if db.pg:
        db.run("SELECT pg_advisory_xact_lock(:k)", {"k": MERGE_LOCK})


# -- reading -----------------------------------------------------------------
def _sorted_refs(rows: Iterable[tuple]) -> list[tuple[str, str, str, int]]:
    """``(id, name, type, articles)`` by id, most articles first, then name (code points on
    both dialects: the merge takes an id's first name)."""
    out = [(r[0], r[1], r[2], int(r[3])) for r in rows]
    out.sort(key=lambda r: (r[0], -r[3], r[1]))
    return out


def ref_counts(conn: Conn) -> list[tuple[str, str, str, int]]:
    """``(resolution id, name, type, articles)`` for every name a resolution id has, sorted."""
    return _sorted_refs(
        _db(conn).all(
            "SELECT resolved_id, name, type, count(*) FROM entity_refs GROUP BY 1, 2, 3 ORDER BY 1, 4 DESC, 2"
        )
    )


def current_map(conn: Conn) -> dict[str, str]:
    """Resolution id -> canonical id, where they differ."""
    return dict(_db(conn).all("SELECT resolved_id, canonical FROM entity_map"))  # type: ignore[arg-type]


def targets(conn: Conn, ids: Iterable[str]) -> dict[str, str]:
    """The canonical id of each of ``ids`` that the map sends elsewhere."""
    db = _db(conn)
    out: dict[str, str] = {}
    for marks, params in _in_lists(db, sorted(set(ids)), "k"):
        out.update(db.all(f"SELECT resolved_id, canonical FROM entity_map WHERE resolved_id {marks}", params))  # type: ignore[arg-type]
    return out


def corrections(conn: Conn) -> list[tuple[str, str, str]]:
    """The analyst's corrections in the order they were made: ``(kind, entity, other)``."""
    return [(r[0], r[1], r[2]) for r in _db(conn).all("SELECT kind, entity, other FROM entity_corrections ORDER BY seq")]


def members(conn: Conn, canonical: str) -> dict[str, set[str]]:
    """The resolution ids an entity is made of, each with the names articles gave it."""
    db = _db(conn)
    ids = {canonical, *(r[0] for r in db.all("SELECT resolved_id FROM entity_map WHERE canonical = :c", {"c": canonical}))}
    if db.one("SELECT 1 FROM entity_map WHERE resolved_id = :c", {"c": canonical}):
        ids.discard(canonical)  # not canonical itself: not an entity of its own
    return {k: v for k, v in sorted(names_of(db, ids).items()) if v}


def merge_keys(
    conn: Conn, version: int, pairs: Iterable[tuple[str, str]] | None = None
) -> dict[tuple[str, str], str]:
    """The merge keys computed before by this ``version`` of the key function, by ``(name, type)``
    (of ``pairs`` only, when given)."""
    db = _db(conn)
    if pairs is None:
        return {
            (r[0], r[1]): r[2]
            for r in db.all("SELECT name, type, key FROM entity_keys WHERE version = :v", {"v": version})
        }
    wanted = set(pairs)
    out: dict[tuple[str, str], str] = {}
    for marks, params in _in_lists(db, {n for n, _ in wanted}, "k"):  # by name (the key's first column)
        for name, typ, key in db.all(
            f"SELECT name, type, key FROM entity_keys WHERE version = :v AND name {marks}",
            {**params, "v": version},
        ):
            if (name, typ) in wanted:
                out[(name, typ)] = key
    return out


def add_merge_keys(conn: Conn, keys: dict[tuple[str, str], str], version: int) -> None:
    """Keep newly computed merge keys (they depend on the name and the key function only)."""
    _db(conn).many(
        "INSERT INTO entity_keys (name, type, version, key) VALUES (:n, :t, :v, :k)"
        " ON CONFLICT (name, type) DO UPDATE SET version = excluded.version, key = excluded.key",
        [{"n": n, "t": t, "v": version, "k": k} for (n, t), k in sorted(keys.items())],
    )


def add_correction(conn: Conn, kind: str, entity: str, other: str) -> None:
    """Record ``merge`` (``other`` joins ``entity``) or ``split`` (alias ``other`` leaves ``entity``)."""
    _db(conn).run(
        "INSERT INTO entity_corrections (kind, entity, other, added_at) VALUES (:kind, :e, :o, :at)",
        {"kind": kind, "e": entity, "o": other, "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")},
    )


def list_entities(conn: Conn, *, type_: str | None = None, limit: int = 50) -> list[EntityRow]:
    """Entities that occur in some article, most articles first (``limit`` 0: all)."""
    db = _db(conn)
    name = 'e.name COLLATE "C"' if db.pg else "e.name"  # code point order on both
    sql = (
        "SELECT e.id, e.name, e.type, e.aliases, count(*) AS n,"
        " (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS nm"
        " FROM entities e JOIN article_entities ae ON ae.entity_id = e.id"
        + (" WHERE e.type = :type" if type_ else "")
        + f" GROUP BY e.id ORDER BY n DESC, {name}, e.id"
        + (" LIMIT :limit" if limit else "")
    )
    rows = db.all(sql, {"type": type_, "limit": limit} if type_ or limit else {})
    merged: dict[str, list[str]] = {}
    for raw, canon in sorted(db.all("SELECT resolved_id, canonical FROM entity_map")):
        merged.setdefault(canon, []).append(raw)
    return [
        EntityRow(r[0], r[1], r[2], Db.load(r[3]), int(r[4]), int(r[5]), merged.get(r[0], []))
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


def merge_state(conn: Conn) -> str | None:
    """The version of the merge that built ``entity_index`` (``None``: never built)."""
    row = _db(conn).one("SELECT value FROM entity_merge_state WHERE name = 'version'")
    return row[0] if row else None


def set_merge_state(conn: Conn, version: str) -> None:
    """Record that ``entity_index`` is now built by merge version ``version``."""
    _db(conn).run(
        "INSERT INTO entity_merge_state (name, value) VALUES ('version', :v)"
        " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        {"v": version},
    )


def take_dirty(conn: Conn) -> list[str]:
    """The resolution ids whose articles changed since the last merge; the list is emptied
    (exactly of those: an id a writer marks meanwhile stays for the next merge)."""
    return sorted(r[0] for r in _db(conn).all("DELETE FROM entity_dirty RETURNING resolved_id"))


def refs_of(conn: Conn, ids: Iterable[str]) -> list[tuple[str, str, str, int]]:
    """:func:`ref_counts` for ``ids`` only (same order)."""
    db = _db(conn)
    out: list[tuple] = []
    for marks, params in _in_lists(db, sorted(set(ids)), "k"):
        out.extend(
            db.all(
                f"SELECT resolved_id, name, type, count(*) FROM entity_refs WHERE resolved_id {marks}"
                " GROUP BY 1, 2, 3",
                params,
            )
        )
    return _sorted_refs(out)


def _index(conn: Conn, where: str, values: Iterable[str]) -> dict[str, IndexRow]:
    db = _db(conn)
    out: dict[str, IndexRow] = {}
    for marks, params in _in_lists(db, sorted(set(values)), "k"):
        for r in db.all(
            f"SELECT resolved_id, name, type, count, family, auto FROM entity_index WHERE {where} {marks}",
            params,
        ):
            out[r[0]] = IndexRow(r[0], r[1], r[2], int(r[3]), r[4], r[5])
    return out


def index_rows(conn: Conn, ids: Iterable[str]) -> dict[str, IndexRow]:
    """The index rows of ``ids`` (those it has)."""
    return _index(conn, "resolved_id", ids)


def family_rows(conn: Conn, families: Iterable[str]) -> dict[str, IndexRow]:
    """Every index row of the given families."""
    return _index(conn, "family", families)


def auto_group(conn: Conn, ids: Iterable[str]) -> set[str]:
    """Every id the automatic merge put with one of ``ids`` (their groups, whole)."""
    autos = {r.auto for r in index_rows(conn, ids).values()}
    return set(_index(conn, "auto", autos))


def names_of(conn: Conn, ids: Iterable[str]) -> dict[str, set[str]]:
    """Every name the articles give each of ``ids``."""
    db = _db(conn)
    out: dict[str, set[str]] = {}
    for marks, params in _in_lists(db, sorted(set(ids)), "k"):
        for eid, name in db.all(
            f"SELECT DISTINCT resolved_id, name FROM entity_refs WHERE resolved_id {marks}", params
        ):
            out.setdefault(eid, set()).add(name)
    return out


def replace_index(conn: Conn, rows: Iterable[IndexRow]) -> None:
    """Make ``rows`` the whole index (a full merge); the change log is emptied."""
    db = _db(conn)
    db.run("DELETE FROM entity_index")
    db.run("DELETE FROM entity_dirty")
    update_index(db, rows, ())


def update_index(conn: Conn, rows: Iterable[IndexRow], removed: Iterable[str]) -> None:
    """Write ``rows`` into the index and drop the ids ``removed`` (no article uses them any more)."""
    db = _db(conn)
    db.many("DELETE FROM entity_index WHERE resolved_id = :k", [{"k": k} for k in sorted(set(removed))])
    db.many(
        "INSERT INTO entity_index (resolved_id, name, type, count, family, auto)"
        " VALUES (:id, :name, :type, :count, :family, :auto)"
        " ON CONFLICT (resolved_id) DO UPDATE SET name = excluded.name, type = excluded.type,"
        " count = excluded.count, family = excluded.family, auto = excluded.auto",
        [{"id": r.id, "name": r.name, "type": r.type, "count": r.count, "family": r.family, "auto": r.auto}
         for r in rows],
    )  # fmt: skip


# -- writing one article -------------------------------------------------------
def save_refs(conn: Conn, article_id: str, entities: Iterable[Entity]) -> None:
    """Record the entities of an article as resolution gave them (before any merge).

    An id the article has twice keeps its last occurrence, in that place.  On PostgreSQL
    this shares the merge's lock until the caller commits (see the module docstring).
    """
    db = _db(conn)
    if db.pg:
        db.run("SELECT pg_advisory_xact_lock_shared(:k)", {"k": MERGE_LOCK})
    db.run("DELETE FROM entity_refs WHERE article_id = :aid", {"aid": article_id})
    last: dict[str, Entity] = {}
    for e in entities:
        last.pop(e.id, None)
        last[e.id] = e
    rows = [
        {"aid": article_id, "id": e.id, "name": e.name, "type": e.type, "wikidata": e.wikidata, "role": e.role,
         "aliases": db.json(e.aliases),
         "forms": db.json(list(dict.fromkeys([e.name, *e.aliases, *(m.text for m in e.mentions)]))), "seq": i}
        for i, e in enumerate(last.values())
    ]  # fmt: skip
    if db.pg:
        # Rows keep their place in ``seq``; they are inserted in id order, so that two articles
        # written at once take the locks of their shared ids (the entity_dirty rows the insert
        # trigger adds) in one order: in the article's order they could deadlock.
        rows.sort(key=lambda r: r["id"])
    db.many(
        "INSERT INTO entity_refs (article_id, resolved_id, name, type, wikidata, role, aliases, forms"
        + (", seq) VALUES (:aid, :id, :name, :type, :wikidata, :role, :aliases, :forms, :seq)" if db.pg else
           ") VALUES (:aid, :id, :name, :type, :wikidata, :role, :aliases, :forms)"),
        rows,
    )  # fmt: skip


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
def apply_map(conn: Conn, new: dict[str, str]) -> int:
    """Make ``new`` (resolution id -> canonical id, identity pairs omitted) the whole map.

    See :func:`apply_map_delta`; ids in neither the old nor the new map keep their own id.
    Call inside a transaction.  Returns the number of resolution ids whose canonical id changed.
    """
    new = {k: v for k, v in new.items() if k != v}
    old = current_map(conn)
    return apply_map_delta(conn, {k: new.get(k, k) for k in set(old) | set(new)})


def apply_map_delta(conn: Conn, delta: dict[str, str]) -> int:
    """Give each resolution id in ``delta`` its canonical id (itself: unmapped); others stay.

    Every article with an entity whose canonical id changes is re-derived from its
    ``entity_refs``; the grouping's entity tables follow a pure rename (``Stoiber``
    joins ``Edmund Stoiber``); a split leaves them as they were until ``lagebild
    regroup``.  The cost follows the ids that change, not the size of the store; the
    statements are set-wise (a few reads of ``IN (...)`` lists, writes as ``executemany``),
    not one per article or id: on PostgreSQL each statement is a round trip.
    Call inside a transaction.  Returns the number of resolution ids whose canonical
    id changed.
    """
    db = _db(conn)
    old = targets(db, delta)
    changed = sorted(k for k, v in delta.items() if old.get(k, k) != v)
    if not changed:
        return 0
    # grouping: what each old canonical id held before the change
    before_members = _map_members_many(db, {old.get(k, k) for k in changed})
    db.many("DELETE FROM entity_map WHERE resolved_id = :k", [{"k": k} for k in changed])
    db.many(
        "INSERT INTO entity_map (resolved_id, canonical) VALUES (:k, :c)",
        [{"k": k, "c": delta[k]} for k in changed if delta[k] != k],
    )
    t = _Targets(db)
    articles: set[str] = set()
    for marks, params in _in_lists(db, changed, "k"):
        sql = f"SELECT DISTINCT article_id FROM entity_refs WHERE resolved_id {marks}"
        articles.update(r[0] for r in db.all(sql, params))
    t.fetch([*changed, *old.values()])
    _derive_articles(db, sorted(articles), t)
    t.fetch({t(k) for k in changed})
    # entity rows: every canonical id in use has one, with every form its members use
    canon = sorted({c for c in {t(k) for k in changed} | {old.get(k, k) for k in changed} if t(c) == c})
    _refresh_entity_rows(db, _map_members_many(db, canon))
    gone = [k for k in changed if t(k) != k]
    used: set[str] = set()
    for marks, params in _in_lists(db, gone, "k"):
        sql = f"SELECT DISTINCT entity_id FROM article_entities WHERE entity_id {marks}"
        used.update(r[0] for r in db.all(sql, params))
    db.many("DELETE FROM entities WHERE id = :k", [{"k": k} for k in gone if k not in used])
    # grouping: an old id all of whose members now share one other id is renamed
    before: dict[str, set[str]] = {}
    for k in changed:
        before.setdefault(old.get(k, k), set()).add(t(k))
    changed_set = set(changed)
    renames = [
        (o, next(iter(ns)))
        for o, ns in sorted(before.items())
        if len(ns) == 1 and o not in ns and before_members[o] <= changed_set
    ]
    if renames and _has_groups(db):
        held = _in_groups(db, [o for o, _ in renames])
        for o, n in renames:
            if o in held:  # else renaming changes nothing
                _rename_in_groups(db, o, n)
    return len(changed)


class _Targets:
    """The canonical id of a resolution id under the map as it is now, read in batches."""

    __slots__ = ("cache", "db")

    def __init__(self, db: Db) -> None:
        self.db = db
        self.cache: dict[str, str] = {}

    def fetch(self, ids: Iterable[str | None]) -> None:
        """Read the targets of those of ``ids`` not read before (one statement per chunk)."""
        want = sorted({x for x in ids if x is not None and x not in self.cache})
        if want:
            found = targets(self.db, want)
            self.cache.update({x: found.get(x, x) for x in want})

    def __call__(self, x: str) -> str:
        if x not in self.cache:
            self.fetch([x])
        return self.cache[x]


def _map_members_many(db: Db, cs: Iterable[str]) -> dict[str, set[str]]:
    """For each of ``cs``: the ids the map sends to it, and itself unless the map sends it elsewhere."""
    keys = sorted(set(cs))
    out: dict[str, set[str]] = {c: set() for c in keys}
    for marks, params in _in_lists(db, keys, "k"):
        for rid, c in db.all(f"SELECT resolved_id, canonical FROM entity_map WHERE canonical {marks}", params):
            out[c].add(rid)
    mapped = targets(db, keys)
    for c in keys:
        if c not in mapped:
            out[c].add(c)
    return out


def _refresh_entity_rows(db: Db, members_of: dict[str, set[str]]) -> None:
    """Give each canonical id an entity row carrying every form its members use."""
    refs: dict[str, list[tuple]] = {}
    for marks, params in _in_lists(db, sorted(set().union(*members_of.values())) if members_of else [], "k"):
        for r in db.all(
            "SELECT resolved_id, name, type, wikidata, aliases, forms, count(*) FROM entity_refs"
            f" WHERE resolved_id {marks} GROUP BY resolved_id, name, type, wikidata, aliases, forms",
            params,
        ):
            refs.setdefault(r[0], []).append((r[1], r[2], r[3], Db.load(r[4]), Db.load(r[5]), int(r[6])))
    existing = _existing_entities(db, members_of)
    updates, inserts = [], []
    for c in sorted(members_of):
        forms: list[str] = []
        head: tuple[str, str, str | None] | None = None
        for m in sorted(members_of[c], key=lambda m: m != c):  # c's own name first
            rows = sorted(
                refs.get(m, []),  # most frequent first; ties in one order on both dialects
                key=lambda r: (-r[5], r[0], r[1], r[2] or "", _dumps(r[3]), _dumps(r[4])),
            )
            for r in rows:
                forms.extend([r[0], *r[3], *r[4]])
                head = head or (r[0], r[1], r[2])
        if c in existing:  # the forms of its members now (a split takes its names along)
            updates.append({"a": db.json(list(dict.fromkeys(forms))), "c": c})
        elif head is not None:
            inserts.append({"c": c, "n": head[0], "t": head[1], "w": head[2], "a": db.json(list(dict.fromkeys(forms)))})
    db.many("UPDATE entities SET aliases = :a WHERE id = :c", updates)
    db.many("INSERT INTO entities (id, name, type, wikidata, aliases) VALUES (:c, :n, :t, :w, :a)", inserts)


def _existing_entities(db: Db, ids: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for marks, params in _in_lists(db, sorted(set(ids)), "k"):
        out.update(r[0] for r in db.all(f"SELECT id FROM entities WHERE id {marks}", params))
    return out


def _derive_articles(db: Db, aids: list[str], t: _Targets) -> None:
    """Rewrite the articles' entity rows, mentions and quote speakers from their resolution ids."""
    refs: dict[str, list[Entity]] = {a: [] for a in aids}
    raws: dict[str, list[str]] = {a: [] for a in aids}
    quotes: list[tuple[str, int, list[str]]] = []
    order = "article_id, seq" if db.pg else "article_id, rowid"
    for marks, params in _in_lists(db, aids, "a"):
        for r in db.all(
            "SELECT article_id, resolved_id, name, type, wikidata, role, aliases FROM entity_refs"
            f" WHERE article_id {marks} ORDER BY {order}",
            params,
        ):
            refs[r[0]].append(Entity(id=r[1], name=r[2], type=r[3], wikidata=r[4], role=r[5], aliases=Db.load(r[6])))
        for aid, raw in db.all(
            f"SELECT DISTINCT article_id, coalesce(resolved_id, entity_id) FROM mentions WHERE article_id {marks}",
            params,
        ):
            if raw is not None:  # matches no row: nothing to update
                raws[aid].append(raw)
        quotes.extend(
            (r[0], r[1], Db.load(r[2]))
            for r in db.all(
                f"SELECT article_id, seq, speaker_raw FROM quotes WHERE article_id {marks}"
                " AND speaker_raw IS NOT NULL",
                params,
            )
        )
    t.fetch([*(e.id for es in refs.values() for e in es), *(x for rs in raws.values() for x in rs),
             *(x for q in quotes for x in q[2])])  # fmt: skip
    derived = {aid: canonical_entities(refs[aid], t) for aid in aids}
    have = _existing_entities(db, (e.id for es in derived.values() for e in es))
    new_entities, rows = [], []
    for aid in aids:
        for i, e in enumerate(derived[aid]):
            if e.id not in have:
                have.add(e.id)
                new_entities.append(
                    {"id": e.id, "n": e.name, "t": e.type, "w": e.wikidata, "a": db.json([e.name, *e.aliases])}
                )
            rows.append({"aid": aid, "id": e.id, "n": e.name, "r": e.role, "a": db.json(e.aliases), "seq": i})
    db.many("DELETE FROM article_entities WHERE article_id = :aid", [{"aid": a} for a in aids])
    db.many("INSERT INTO entities (id, name, type, wikidata, aliases) VALUES (:id, :n, :t, :w, :a)", new_entities)
    db.many(
        "INSERT INTO article_entities (article_id, entity_id, name, role, aliases, seq)"
        " VALUES (:aid, :id, :n, :r, :a, :seq)",
        rows,
    )
    db.many(
        "UPDATE mentions SET entity_id = :c, resolved_id = :raw WHERE article_id = :aid"
        " AND coalesce(resolved_id, entity_id) = :raw",
        [{"c": t(raw), "raw": raw, "aid": aid} for aid in aids for raw in raws[aid]],
    )
    qrows = []
    for aid, seq, raw in quotes:
        ids = list(dict.fromkeys(t(x) for x in raw))
        qrows.append(
            {"s": ids[0] if ids else None, "ss": db.json(ids) if len(ids) > 1 else None, "aid": aid, "seq": seq}
        )
    db.many(
        "UPDATE quotes SET speaker_entity = :s, speaker_entities = :ss WHERE article_id = :aid AND seq = :seq", qrows
    )


def _in_groups(db: Db, ids: list[str]) -> set[str]:
    """Those of ``ids`` that the grouping's entity tables or document frequencies hold."""
    out: set[str] = set()
    for marks, params in _in_lists(db, sorted(set(ids)), "k"):
        out.update(
            r[0]
            for r in db.all(
                f"SELECT entity_id FROM event_entities WHERE entity_id {marks}"
                f" UNION SELECT entity_id FROM storyline_entities WHERE entity_id {marks}"
                f" UNION SELECT entity_id FROM entity_df WHERE entity_id {marks}",
                params,
            )
        )
    return out


def _has_groups(db: Db) -> bool:
    """Whether the grouping's tables exist (always on SQLite; on PostgreSQL once grouping runs there)."""
    if not db.pg:
        return True
    row = db.one("SELECT to_regclass('event_entities') IS NOT NULL AND to_regclass('entity_df') IS NOT NULL")
    return bool(row and row[0])


def _rename_in_groups(db: Db, old: str, new: str) -> None:
    """Entity ``old`` is now ``new`` in events, storylines and the document frequencies."""
    for table, owner, key in (("event_entities", "events", "event_id"), ("storyline_entities", "storylines", "storyline_id")):
        for (gid,) in db.all(f"SELECT {key} FROM {table} WHERE entity_id = :old", {"old": old}):
            row = db.one(f"SELECT entities FROM {owner} WHERE id = :g", {"g": gid})
            if row is None:
                continue
            ents: dict[str, int] = Db.load(row[0])
            if old in ents:
                ents[new] = ents.get(new, 0) + ents.pop(old)
                value = json.dumps(ents) if isinstance(row[0], str) else db.json(ents)  # text or jsonb
                db.run(f"UPDATE {owner} SET entities = :e WHERE id = :g", {"e": value, "g": gid})
        # rows of groups that have ``new`` already keep that row (SQLite's UPDATE OR IGNORE)
        db.run(
            f"UPDATE {table} SET entity_id = :new WHERE entity_id = :old AND NOT EXISTS"
            f" (SELECT 1 FROM {table} AS o WHERE o.entity_id = :new AND o.{key} = {table}.{key})",
            {"new": new, "old": old},
        )
        db.run(f"DELETE FROM {table} WHERE entity_id = :old", {"old": old})
    row = db.one("SELECT df FROM entity_df WHERE entity_id = :old", {"old": old})
    if row is not None:
        db.run(
            "INSERT INTO entity_df (entity_id, df) VALUES (:new, :df)"
            " ON CONFLICT (entity_id) DO UPDATE SET df = entity_df.df + excluded.df",
            {"new": new, "df": row[0]},
        )
        db.run("DELETE FROM entity_df WHERE entity_id = :old", {"old": old})
