"""One entity per actor across the corpus: which entity ids name the same actor.

``resolve`` gives every entity of one article an id (a gazetteer QID, else
``lb:<type>:<slug>`` of the longest name the article uses).  Across articles the
same actor can still carry several ids: the surname alone in one article
(``Stoiber``), the full name in another (``Edmund Stoiber``), a transliteration
variant (``Chamenei``/``Khamenei``, ``Selenskyj``/``Zelensky``/``Zelenskyy``), a
middle initial or nickname (``Jim Comey``/``James B. Comey``) or a title kept
in the name (``Papst Benedikt XVI.``).  :func:`corpus_merge` maps each such id
to one canonical id:

1. **Same key** -- :func:`merge_key` drops titles, honorifics and middle
   initials, folds transliteration spellings (``kh``/``ch``, ``j``/``y``,
   ``w``/``v``, ``z``/``s``, doubled letters, ``-yj``/``-yy``/``-i``) and maps
   common English nicknames to the full first name; ids of one type with the
   same key join.
2. **Surname to full name** -- a one-word person id joins the person whose
   last name it is when exactly one such full name exists in the corpus.
3. The canonical id is a gazetteer id when the group has one, else the id of
   the group's most frequent multi-word name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lagebild.enrich.gazetteer import fold, tokenize

if TYPE_CHECKING:
    import sqlalchemy as sa

    from lagebild.store import Store

__all__ = [
    "EntityRef",
    "apply_corrections",
    "corpus_merge",
    "merge_key",
    "family_of",
    "merge_store",
    "record_merge",
    "record_split",
    "translit_key",
]

# Raise when merge_key changes: keys a store kept from an older version are computed again.
KEY_VERSION = 1

# Titles and honorifics that are not part of a person's identity.
_TITLES = frozenset(
    """papst pope herr frau dr prof mr mrs ms sir lord lady dame präsident president
    kanzler kanzlerin chancellor minister ministerin senator senatorin gouverneur governor
    general könig king königin queen prinz prince prinzessin princess scheich sheikh
    ayatollah ajatollah kardinal cardinal bischof bishop rev reverend sen gov rep""".split()
)
_NICKNAMES = {
    "jim": "james",
    "jimmy": "james",
    "bill": "william",
    "billy": "william",
    "bob": "robert",
    "bobby": "robert",
    "mike": "michael",
    "joe": "joseph",
    "tom": "thomas",
    "dick": "richard",
    "rick": "richard",
    "ted": "edward",
    "ed": "edward",
    "chuck": "charles",
    "charlie": "charles",
    "dave": "david",
    "steve": "stephen",
    "tony": "anthony",
    "andy": "andrew",
    "chris": "christopher",
    "dan": "daniel",
    "nick": "nicholas",
    "pat": "patrick",
    "ben": "benjamin",
    "matt": "matthew",
    "sam": "samuel",
    "alex": "alexander",
    "liz": "elizabeth",
    "beth": "elizabeth",
    "kate": "katherine",
    "jeb": "john",
}
_ROMAN = re.compile(r"^[ivxlc]+$")
_TRANSLIT = (
    ("dsch", "j"),
    ("tsch", "ch"),
    ("sch", "sh"),
    ("zh", "sh"),
    ("kh", "h"),
    ("ch", "h"),
    ("ck", "k"),
    ("ph", "f"),
    ("ts", "s"),
    ("tz", "s"),
    ("j", "y"),
    ("w", "v"),
    ("z", "s"),
    ("c", "k"),
    ("q", "k"),
    ("ou", "u"),
    ("oe", "o"),
    ("ue", "u"),
    ("ae", "a"),
)


def translit_key(token: str) -> str:
    """A spelling-insensitive key of one name token.

    ``Chamenei``/``Khamenei`` -> ``hamenei``; ``Selenskyj``/``Zelensky``/
    ``Zelenskyy`` -> ``selensky``; ``Schröder``/``Schroeder`` -> ``shroder``.
    """
    s = fold(token)
    for a, b in _TRANSLIT:
        s = s.replace(a, b)
    s = re.sub(r"(.)\1+", r"\1", s)  # doubled letters
    s = re.sub(r"(?:iy|yi|ii|i)$", "y", s) if len(s) > 4 else s
    return s


def _tokens(name: str) -> list[str]:
    return [t for _, _, t in tokenize(name)]


def merge_key(name: str, type_: str) -> str:
    """The identity key of a name: titles, honorifics and middle initials dropped.

    ``Papst Benedikt XVI.`` and ``Benedikt XVI.`` -> ``PER:benedikt xvi``;
    ``James B. Comey`` and ``Jim Comey`` -> ``PER:james komey``.  Names of other
    types only lose spelling differences.
    """
    toks = _tokens(name)
    if type_ == "PER":
        low = [fold(t) for t in toks]
        while len(low) > 1 and low[0] in _TITLES:
            toks, low = toks[1:], low[1:]
        keep = [
            (t, lt)
            for i, (t, lt) in enumerate(zip(toks, low, strict=True))
            # a middle initial ("B." in "James B. Comey"), not a surname or a numeral
            if not (len(t) == 1 and t.isupper() and 0 < i < len(toks) - 1 and not _ROMAN.match(lt))
        ]
        if len(keep) >= 2 and keep[-1][1] in ("jr", "sr"):
            keep = keep[:-1]
        out = []
        for i, (_, lt) in enumerate(keep):
            if i == 0 and len(keep) >= 2:
                lt = _NICKNAMES.get(lt, lt)
            out.append(lt if _ROMAN.match(lt) else translit_key(lt))
        return "PER:" + " ".join(out)
    return type_ + ":" + " ".join(translit_key(t) for t in toks)


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity id as the corpus knows it: its name, type and how often it occurs."""

    id: str
    name: str
    type: str
    count: int = 1


def _is_gazetteer_id(eid: str) -> bool:
    return not eid.startswith("lb:")


def corpus_merge(
    entities: Iterable[EntityRef], keys: dict[tuple[str, str], str] | None = None
) -> dict[str, str]:
    """Map every entity id to the canonical id of its actor (itself if alone).

    Args:
        entities: one :class:`EntityRef` per distinct id in the corpus (an id that
            appears several times has its counts added).
        keys: :func:`merge_key` of ``(name, type)`` pairs computed before (a cache);
            missing ones are computed (and added to it).

    Returns:
        ``{id: canonical id}`` for every id given.
    """
    refs: dict[str, EntityRef] = {}
    for e in entities:
        old = refs.get(e.id)
        refs[e.id] = e if old is None else EntityRef(e.id, old.name, old.type, old.count + e.count)
    parent = {eid: eid for eid in refs}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            # two gazetteer entities are never merged by spelling alone
            if _is_gazetteer_id(ra) and _is_gazetteer_id(rb):
                return
            if _is_gazetteer_id(rb):
                ra, rb = rb, ra
            parent[rb] = ra

    # 1. same key
    by_key: dict[str, list[str]] = defaultdict(list)
    for e in refs.values():
        k = keys.get((e.name, e.type)) if keys is not None else None
        if k is None:
            k = merge_key(e.name, e.type)
            if keys is not None:
                keys[(e.name, e.type)] = k
        by_key[k].append(e.id)
    for ids in by_key.values():
        gz = [i for i in ids if _is_gazetteer_id(i)]
        if len(gz) > 1:
            continue  # the gazetteer says they differ
        for other in ids[1:]:
            union(ids[0], other)
    # 2a. a name with a middle name joins the one first-and-last name it has
    # ("Hillary Rodham Clinton" = "Hillary Clinton")
    for key, ids in by_key.items():
        parts = key.split(":", 1)[1].split()
        if key.startswith("PER:") and len(parts) >= 3 and not _ROMAN.match(parts[-1]):
            short = by_key.get(f"PER:{parts[0]} {parts[-1]}")
            if short:
                union(short[0], ids[0])
    # 2b. a surname joins the one full name it ends
    full_by_last: dict[str, set[str]] = defaultdict(set)
    for key, ids in by_key.items():
        parts = key.split(":", 1)[1].split()
        if key.startswith("PER:") and len(parts) >= 2:
            full_by_last[parts[-1]].add(find(ids[0]))
    for key, ids in by_key.items():
        parts = key.split(":", 1)[1].split()
        if not key.startswith("PER:") or len(parts) != 1 or len(parts[0]) < 3:
            continue
        owners = {find(r) for r in full_by_last.get(parts[0], ())}
        if len(owners) == 1:
            for i in ids:
                union(next(iter(owners)), i)
    # 3. canonical id of each group
    groups: dict[str, list[str]] = defaultdict(list)
    for eid in refs:
        groups[find(eid)].append(eid)
    out: dict[str, str] = {}
    for members in groups.values():
        canon = _canonical(members, refs)
        for m in members:
            out[m] = canon
    return out


def _canonical(members: Iterable[str], refs: dict[str, EntityRef]) -> str:
    """The id a group of ids goes by: a gazetteer id, else its most frequent multi-word name's."""
    members = sorted(members)
    if len(members) == 1:
        return members[0]
    gz = [m for m in members if _is_gazetteer_id(m)]
    if gz:
        return gz[0]
    return max(members, key=lambda m: (len(_tokens(refs[m].name)) >= 2, refs[m].count, -len(m), m))


def apply_corrections(
    mapping: dict[str, str],
    refs: Iterable[EntityRef],
    corrections: Iterable[tuple[str, str, str]],
    names: dict[str, set[str]] | None = None,
) -> dict[str, str]:
    """An analyst's corrections on top of :func:`corpus_merge`, applied in order.

    Args:
        mapping: ``{id: canonical id}`` from :func:`corpus_merge`.
        refs: the ids as given to :func:`corpus_merge`.
        corrections: ``("merge", A, B)``: B's entity joins A's (A's canonical id stays);
            ``("split", E, alias)``: the ids of E's entity named ``alias`` (or whose id it is)
            become an entity of their own.  A and E may be any member id of their entity.
        names: every name each id is known by (default: the ref's name).

    Returns:
        the corrected ``{id: canonical id}``.
    """
    by_id = {e.id: e for e in refs}
    known = {k: {fold(n) for n in v} for k, v in (names or {}).items()}
    for e in by_id.values():
        known.setdefault(e.id, set()).add(fold(e.name))
    out = dict(mapping)
    for eid in by_id:
        out.setdefault(eid, eid)
    for kind, a, b in corrections:
        ca, cb = out.get(a, a), out.get(b, b)
        if kind == "merge":
            if ca != cb:
                for k, v in out.items():
                    if v == cb:
                        out[k] = ca
        elif kind == "split":
            members = [k for k, v in out.items() if v == ca]
            alias = fold(b)
            part = [k for k in members if k == b or alias in known.get(k, ())]
            rest = [k for k in members if k not in part]
            if not part or not rest:
                continue
            known_refs = {k: by_id.get(k, EntityRef(k, k, "", 0)) for k in members}
            canon_part = ca if ca in part else _canonical(part, known_refs)
            canon_rest = ca if ca in rest else _canonical(rest, known_refs)
            for k in part:
                out[k] = canon_part
            for k in rest:
                out[k] = canon_rest
        else:
            raise ValueError(f"unknown correction {kind!r} (expected merge or split)")
    return out


def family_of(key: str) -> str:
    """The merge family of a :func:`merge_key`: every union :func:`corpus_merge` makes
    stays inside one family, so families can be merged one by one.

    A person key's family is its last word (``PER:edmund stoiber``, ``PER:stoiber`` and
    ``PER:karin stoiber`` are ``PER:stoiber``: steps 2a/2b only join names ending in
    the same word); any other key is a family of its own.
    """
    typ, _, rest = key.partition(":")
    parts = rest.split()
    if typ == "PER" and parts:
        return "PER:" + parts[-1]
    return key


# Raise when corpus_merge or family_of change: a store's index is then built again in full.
MERGE_VERSION = 1


def _version() -> str:
    return f"{MERGE_VERSION}.{KEY_VERSION}"


def _refs_from_rows(rows: Iterable[tuple[str, str, str, int]]) -> dict[str, EntityRef]:
    """One :class:`EntityRef` per id from ``(id, name, type, articles)`` rows, most frequent name first."""
    out: dict[str, EntityRef] = {}
    for eid, name, typ, n in rows:
        old = out.get(eid)
        out[eid] = EntityRef(eid, name, typ, n) if old is None else EntityRef(eid, old.name, old.type, old.count + n)
    return out


def _correction_ids(corrections: Iterable[tuple[str, str, str]]) -> set[str]:
    """The entity ids a list of corrections names (a split's second field is a name, not an id)."""
    out: set[str] = set()
    for kind, a, b in corrections:
        out.add(a)
        if kind == "merge":
            out.add(b)
    return out


def merge_store(store: Store, *, rebuild: bool = False) -> int:
    """Apply corpus-wide merging and the analyst's corrections to a store.

    Incremental: only the resolution ids whose articles changed since the last call
    (recorded by the store) are looked at, with the other ids of their merge
    families (:func:`family_of`) read from the store's index, so the cost follows
    what changed, not the size of the store.  The result equals a full pass of
    :func:`corpus_merge` over every id followed by :func:`apply_corrections`.
    ``rebuild=True`` (and any store whose index was built by another version of the
    merge, or never) runs that full pass and rebuilds the index.  Articles whose
    canonical ids change are rewritten, and so are the grouping's entity tables where
    an id is renamed.  Deterministic and idempotent: a second call changes nothing.

    Returns:
        the number of resolution ids whose canonical id changed.
    """
    from lagebild.store import entities as store_entities

    with store.begin() as conn:
        store_entities.lock_merge(conn)  # one merge at a time; writers of articles wait
        if rebuild or store_entities.merge_state(conn) != _version():
            return _merge_full(conn)
        return _merge_changed(conn)


def _keys_for(
    conn: sa.Connection, refs: Iterable[EntityRef], *, every: bool = False
) -> dict[tuple[str, str], str]:
    """Merge keys of the refs' names: kept ones read, missing ones computed and kept
    (``every``: read the whole table at once, for a full pass)."""
    from lagebild.store import entities as store_entities

    pairs = {(e.name, e.type) for e in refs}
    keys = store_entities.merge_keys(conn, KEY_VERSION, None if every else pairs)
    new = {p: merge_key(*p) for p in sorted(pairs) if p not in keys}
    if new:
        store_entities.add_merge_keys(conn, new, KEY_VERSION)
        keys.update(new)
    return keys


def _merge_full(conn: sa.Connection) -> int:
    from lagebild.store import entities as store_entities

    rows = store_entities.ref_counts(conn)
    names: dict[str, set[str]] = defaultdict(set)
    for eid, name, _, _ in rows:
        names[eid].add(name)
    by_id = _refs_from_rows(rows)
    refs = [by_id[k] for k in sorted(by_id)]
    keys = _keys_for(conn, refs, every=True)
    auto = corpus_merge(refs, keys)
    store_entities.replace_index(
        conn,
        [
            store_entities.IndexRow(e.id, e.name, e.type, e.count, family_of(keys[(e.name, e.type)]), auto[e.id])
            for e in refs
        ],
    )
    store_entities.set_merge_state(conn, _version())
    final = apply_corrections(auto, refs, store_entities.corrections(conn), names)
    return store_entities.apply_map(conn, final)


def _merge_changed(conn: sa.Connection) -> int:
    """The incremental pass of :func:`merge_store` (see there)."""
    from lagebild.store import entities as store_entities

    c = conn
    dirty = store_entities.take_dirty(c)
    fresh = _refs_from_rows(store_entities.refs_of(c, dirty))
    before = store_entities.index_rows(c, dirty)
    removed = set(dirty) - set(fresh)
    keys = _keys_for(c, fresh.values())
    families = {r.family for r in before.values()} | {family_of(keys[(e.name, e.type)]) for e in fresh.values()}
    others = store_entities.family_rows(c, families)
    refs_by_id = {k: EntityRef(k, r.name, r.type, r.count) for k, r in others.items() if k not in before}
    refs_by_id.update(fresh)
    refs = [refs_by_id[k] for k in sorted(refs_by_id)]
    keys.update(_keys_for(c, (e for e in refs if (e.name, e.type) not in keys)))
    auto = corpus_merge(refs, keys)  # the families' ids only: the same answer as over the corpus
    corr = store_entities.corrections(c)
    named = _correction_ids(corr)
    corrected_before = store_entities.auto_group(c, named) if corr else set()
    store_entities.update_index(
        c,
        [
            store_entities.IndexRow(e.id, e.name, e.type, e.count, family_of(keys[(e.name, e.type)]), auto[e.id])
            for e in refs
            if e.id not in others or others[e.id].auto != auto[e.id] or e.id in fresh
        ],
        removed,
    )
    # the analyst's corrections: apply_corrections only moves ids of the automatic groups
    # of the ids they name, so those groups (before and after) are all it needs
    delta = {k: auto[k] for k in refs_by_id} | {k: k for k in removed}
    if corr:
        group = store_entities.auto_group(c, named)
        rows = store_entities.index_rows(c, group)
        grefs = [EntityRef(k, r.name, r.type, r.count) for k, r in sorted(rows.items())]
        corrected = apply_corrections(
            {k: r.auto for k, r in rows.items()}, grefs, corr, store_entities.names_of(c, group)
        )
        for k in corrected_before - group:
            row = store_entities.index_rows(c, [k]).get(k)
            delta[k] = row.auto if row else k
        delta.update(corrected)
    return store_entities.apply_map_delta(c, delta)


def count_refs(pairs: Iterable[tuple[str, str, str]]) -> list[EntityRef]:
    """:class:`EntityRef` records from ``(id, name, type)`` occurrences, counted."""
    c: Counter[tuple[str, str, str]] = Counter(pairs)
    return [EntityRef(eid, name, typ, n) for (eid, name, typ), n in c.items()]


def record_merge(store: Store, keep: str, joins: str) -> int:
    """Record an analyst's merge (entity ``joins`` is entity ``keep``) and apply it.

    Both are entity ids as the store lists them (``lagebild entities``).  The
    correction is kept in the store and applied again after every ``enrich``,
    ``ingest`` and ``regroup``.  Returns the number of ids whose canonical id changed.

    Raises:
        NotFound: an id that no article uses.
        LagebildError: both ids are already one entity.
    """
    from lagebild.errors import LagebildError, NotFound
    from lagebild.store import entities as store_entities

    for eid in (keep, joins):
        if not store_entities.members(store.db, eid):
            raise NotFound(f"No entity {eid!r}: give an id that `lagebild entities` lists.")
    if keep == joins:
        raise LagebildError(f"{keep!r} and {joins!r} are one entity already: nothing to merge.")
    with store.begin() as conn:
        store_entities.add_correction(conn, "merge", keep, joins)
    return merge_store(store)


def record_split(store: Store, entity: str, alias: str) -> int:
    """Record an analyst's split (the mentions named ``alias`` are not entity ``entity``) and apply it.

    The per-article entities named ``alias`` leave the entity and become one of
    their own; kept in the store across ``enrich``, ``ingest`` and ``regroup``.
    Returns the number of ids whose canonical id changed.

    Raises:
        NotFound: no such entity, or no article names it ``alias``.
        LagebildError: ``alias`` is the only name the entity has (nothing would remain).
    """
    from lagebild.errors import LagebildError, NotFound
    from lagebild.store import entities as store_entities

    parts = store_entities.members(store.db, entity)
    if not parts:
        raise NotFound(f"No entity {entity!r}: give an id that `lagebild entities` lists.")
    key = fold(alias)
    hit = [k for k, names in parts.items() if k == alias or key in {fold(n) for n in names}]
    if not hit:
        known = sorted({n for names in parts.values() for n in names})
        raise NotFound(
            f"No article names {entity!r} {alias!r}; its names are: {', '.join(known)}."
        )
    if len(hit) == len(parts):
        raise LagebildError(
            f"Every article names {entity!r} {alias!r}: splitting it off would leave nothing."
            " Use `lagebild merge` to undo a merge with another entity."
        )
    with store.begin() as conn:
        store_entities.add_correction(conn, "split", entity, alias)
    return merge_store(store)
