"""Grouping state: what the online grouping step reads and writes.

The tables (``_schema_group.py``): ``group_articles`` (where each article was placed),
``dup_bands`` (LSH band hashes of canonical articles), ``events`` / ``event_entities`` and
``storylines`` / ``storyline_entities`` (centroids and their entity index),
``term_df`` / ``entity_df`` / ``group_meta`` (document frequencies and counters).

``lagebild.group`` asks these functions for typed records (:class:`Centroid`,
:class:`Head`, :class:`Placed`) and hands back what to write; it writes no SQL itself.
Every function works inside the caller's transaction (``Store.begin()``).

The statements are plain SQL with named parameters that SQLite (>= 3.24) and PostgreSQL
both accept: upserts are ``INSERT ... ON CONFLICT``, many rows go in one multi-row ``VALUES``,
candidate lookups are one ``UNION ALL`` of ``LIMIT``-ed sub-selects, storage and grouping
order are explicit ``seq`` columns; the float32/uint64 signatures are ``BLOB`` / ``bytea``.
They run through ``_sql.py`` (on SQLite straight on the sqlite3 driver: the hot path).
Tables: ``_schema_group.py`` (SQLite), ``tables_group.py`` (PostgreSQL).

One writer at a time: every grouping transaction starts with :func:`lock_grouping`
(PostgreSQL: a transaction-level advisory lock; SQLite's ``BEGIN IMMEDIATE`` already
serialises writers), so two ingesting processes never interleave placements; readers
take no lock and never wait for it.  On PostgreSQL the lock also starts deferring writes
(``_sql.defer_writes``): inserts and updates are queued and sent in one pipeline before the
next read or ``COMMIT``, so a placed article's writes cost one round trip together.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

import numpy as np
import sqlalchemy as sa

from ._params import CHUNK, chunks
from ._sql import defer_writes, first, in_list, is_sqlite, rows, run, values_list

__all__ = [
    "GROUP_TABLES", "Centroid", "Connection", "Head", "Kind", "Placed", "add_event_entities",
    "band_candidates", "bump", "count_document", "count_pending", "counter", "delete_all", "duplicate_ids",
    "entity_df", "event_candidates", "event_heads_of_storylines", "fold_storyline", "index_bands",
    "insert_event", "insert_storyline", "load_centroid", "load_centroids", "lock_grouping",
    "event_language", "member_vectors", "recent_event_ids", "storyline_headlines",
    "minhashes", "pending_ids", "place_article", "placement", "places_among",
    "storyline_candidates", "storyline_seq", "storylines_between", "term_df",
    "touch_storyline_entities",
    "update_centroid",
]  # fmt: skip

# The connection handle grouping passes around: the store's SQLAlchemy connection
# (``Store.db``, inside ``Store.begin()`` for writes); only the store modules use it.
Connection = sa.Connection

# Any constant; the key of the advisory lock grouping takes on PostgreSQL ("lbgroup").
GROUP_LOCK = 0x6C6267726F7570

Kind = Literal["events", "storylines"]

GROUP_TABLES = (
    "group_articles", "dup_bands", "events", "event_entities", "storylines", "storyline_entities",
    "term_df", "entity_df", "group_meta", "storyline_redirects",
)  # fmt: skip

# Keys per ``IN (...)`` list: below SQLite's oldest parameter limit (999).
_CHUNK = CHUNK
# Sub-selects per UNION ALL statement (SQLite allows 500 by default).
_ARMS = 64


@dataclass(slots=True)
class Centroid:
    """An event or storyline centroid as stored.

    ``size`` is an event's canonical articles or a storyline's events; ``storyline_id`` is
    set for events only.
    """

    id: str
    first_day: int | None
    last_day: int | None
    emb_sum: np.ndarray | None
    n_emb: int
    terms: dict[str, float]
    entities: dict[str, int]
    size: int
    storyline_id: str | None = None
    terms_norm: float = 0.0  # computed from ``terms`` unless given
    unit: np.ndarray | None = field(default=None, repr=False, compare=False)  # ``emb``, if known

    def __post_init__(self) -> None:
        if not self.terms_norm:
            self.terms_norm = _norm(self.terms)

    @property
    def emb(self) -> np.ndarray | None:
        """The centroid's embedding, L2-normalised (None without one)."""
        if self.unit is not None:
            return self.unit
        return _unit(self.emb_sum)


def _norm(terms: dict[str, float]) -> float:
    return math.sqrt(sum(v * v for v in terms.values()))


def _unit(emb_sum: np.ndarray | None) -> np.ndarray | None:
    if emb_sum is None:
        return None
    n = float(np.linalg.norm(emb_sum))
    return emb_sum / n if n > 0 else None


class Head(NamedTuple):
    """The cheap part of a centroid: enough to filter by time and shortlist by embedding."""

    id: str
    first_day: int | None
    last_day: int | None
    emb_sum: bytes | None  # float32 sum of member embeddings


class Placed(NamedTuple):
    """Where an article was placed."""

    event_id: str
    storyline_id: str
    duplicate_of: str | None


def _json(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _blob(vec: np.ndarray | None) -> bytes | None:
    return vec.astype(np.float32).tobytes() if vec is not None else None


def _insert_rows(conn: Connection, head: str, values: Sequence[tuple], tail: str = "") -> None:
    """``head VALUES (...), (...) tail`` for many rows in one statement per ``_CHUNK`` values.

    One statement instead of one per row (``executemany``): a round trip per article, not per
    term, once the store talks to a server.  The rows' keys must be distinct (PostgreSQL
    refuses to update one row twice in one ``ON CONFLICT`` statement).
    """
    if not values:
        return
    width = len(values[0])
    i = 0
    for n in _sizes(len(values), max(1, _CHUNK // width)):
        chunk = values[i : i + n]
        i += n
        marks, params = values_list(conn, list(chunk))
        run(conn, f"{head} VALUES {marks} {tail}", params)


def _sizes(total: int, most: int) -> list[int]:
    """``total`` split into powers of two of at most ``most``, largest first (100 -> 64, 32, 4).

    Statements of a few fixed shapes stay in the driver's statement cache; one shape per
    row count would be parsed again each time and push the others out.
    """
    top = 1 << (most.bit_length() - 1)
    out = []
    while total:
        while top > total:
            top >>= 1
        out.append(top)
        total -= top
    return out


# Every ``ORDER BY ... LIMIT`` below is a total order (ties broken by id, the order SQLite's
# index gives them anyway): which rows a limit keeps must not depend on the database engine,
# or SQLite and PostgreSQL would group the same articles differently.


def _union(selects: Iterable[str]) -> str:
    """``SELECT ... LIMIT`` statements as one UNION ALL (each keeps its own ORDER BY/LIMIT)."""
    return " UNION ALL ".join(f"SELECT * FROM ({s}) AS u{i}" for i, s in enumerate(selects))


def _table(kind: Kind) -> str:
    if kind not in ("events", "storylines"):
        raise ValueError(f"Unknown group kind {kind!r} (expected 'events' or 'storylines').")
    return kind


# -- the writer's lock ---------------------------------------------------------


def lock_grouping(conn: Connection) -> None:
    """Make this transaction the only grouping writer until it ends (call it first).

    PostgreSQL: ``pg_advisory_xact_lock`` — a second grouping transaction waits here and
    then sees everything the first committed (read committed: each statement reads the
    latest committed state).  Readers take no lock.  SQLite: nothing to do, ``BEGIN
    IMMEDIATE`` already admits one writer at a time.
    """
    if conn.dialect.name == "postgresql":
        run(conn, "SELECT pg_advisory_xact_lock(:key)", {"key": GROUP_LOCK})
        defer_writes(conn)  # grouping's writes go together, before its next read (_sql.py)


# -- placements ----------------------------------------------------------------


def placement(conn: Connection, article_id: str) -> Placed | None:
    """Where an article was placed, or None if it is not grouped yet."""
    r = first(
        conn,
        "SELECT g.event_id, e.storyline_id, g.duplicate_of FROM group_articles g LEFT JOIN events e"
        " ON e.id = g.event_id WHERE g.article_id = :aid",
        {"aid": article_id},
    )
    return Placed(r[0], r[1], r[2]) if r else None


def place_article(
    conn: Connection,
    article_id: str,
    *,
    seq: int,
    duplicate_of: str | None,
    event_id: str,
    day: int | None,
    day_from: str,
    minhash: np.ndarray | None,
) -> None:
    """Record an article's place (raises the driver's IntegrityError for an unknown article)."""
    run(
        conn,
        "INSERT INTO group_articles (article_id, seq, duplicate_of, event_id, day, day_from,"
        " minhash) VALUES (:aid, :seq, :dup, :eid, :day, :day_from, :minhash)",
        {"aid": article_id, "seq": seq, "dup": duplicate_of, "eid": event_id, "day": day,
         "day_from": day_from, "minhash": minhash.tobytes() if minhash is not None else None},
    )  # fmt: skip
    if duplicate_of is None:  # a new member: its event's and storyline's sources are counted again
        mark_unsourced(conn, event_id)


def mark_unsourced(conn: Connection, event_id: str) -> None:
    """Forget the stored independent sources of an event and its storyline (``sources`` NULL:
    :func:`unsourced` lists them until :func:`write_sources` stores their new counts)."""
    ids = {"eid": event_id}
    run(conn, "UPDATE events SET sources = NULL WHERE id = :eid AND sources IS NOT NULL", ids)
    run(conn, "UPDATE storylines SET sources = NULL WHERE sources IS NOT NULL AND id ="
              " (SELECT storyline_id FROM events WHERE id = :eid)", ids)  # fmt: skip


def unsourced(conn: Connection, kind: str) -> list[str]:
    """The events (``kind="event"``) or storylines whose independent sources are not stored
    (new, changed since they were counted, or written before migration 0104)."""
    table = "storylines" if kind == "storyline" else "events"
    return [r[0] for r in rows(conn, f"SELECT id FROM {table} WHERE sources IS NULL ORDER BY id")]  # noqa: S608


def write_sources(conn: Connection, kind: str, counts: dict[str, int]) -> None:
    """Store the independent sources of events or storylines (inside the caller's transaction)."""
    table = "storylines" if kind == "storyline" else "events"
    for gid, n in counts.items():
        run(conn, f"UPDATE {table} SET sources = :n WHERE id = :gid", {"n": n, "gid": gid})  # noqa: S608


def pending_ids(conn: Connection) -> list[str]:
    """Ids of stored articles not grouped yet, in storage order."""
    return [
        r[0]
        for r in rows(
            conn,
            "SELECT a.id FROM articles a LEFT JOIN group_articles g ON g.article_id = a.id"
            " WHERE g.article_id IS NULL ORDER BY a.seq",
        )
    ]


def count_pending(conn: Connection) -> int:
    """How many stored articles are not grouped yet."""
    r = first(
        conn,
        "SELECT count(*) FROM articles a WHERE NOT EXISTS"
        " (SELECT 1 FROM group_articles g WHERE g.article_id = a.id)",
    )
    return int(r[0]) if r else 0


def delete_all(conn: Connection) -> None:
    """Empty every grouping table (inside the caller's transaction)."""
    for table in GROUP_TABLES:
        run(conn, f"DELETE FROM {table}")  # noqa: S608 - fixed table names


def duplicate_ids(conn: Connection, article_id: str) -> list[str]:
    """Ids of the articles recorded as duplicates of a canonical one, in grouping order."""
    return [
        r[0]
        for r in rows(
            conn,
            "SELECT article_id FROM group_articles WHERE duplicate_of = :aid ORDER BY seq",
            {"aid": article_id},
        )
    ]


def member_vectors(conn: Connection, event_id: str, limit: int) -> list[tuple[str, bytes]]:
    """``(article id, float32 embedding)`` of an event's first canonical members that have one."""
    return [
        (r[0], r[1])
        for r in rows(
            conn,
            "SELECT g.article_id, m.vector FROM group_articles g JOIN embeddings m"
            " ON m.article_id = g.article_id WHERE g.event_id = :eid AND g.duplicate_of IS NULL"
            " ORDER BY g.seq LIMIT :n",
            {"eid": event_id, "n": limit},
        )
    ]


# -- near-duplicates -----------------------------------------------------------


def band_candidates(conn: Connection, bands: Sequence[int], limit: int) -> list[str]:
    """Canonical articles sharing one LSH band hash (``bands[i]`` is band ``i``'s hash)."""
    if not bands:
        return []
    params: dict[str, Any] = {f"h{b}": h for b, h in enumerate(bands)}
    params["n"] = limit
    return [
        r[0]
        for r in rows(
            conn,
            "SELECT DISTINCT article_id FROM dup_bands WHERE "
            + " OR ".join(f"(band = {b} AND hash = :h{b})" for b in range(len(bands)))
            + " ORDER BY article_id LIMIT :n",
            params,
        )
    ]


def minhashes(conn: Connection, article_ids: Sequence[str]) -> dict[str, np.ndarray]:
    """The stored MinHash signatures of these articles (those without one are left out)."""
    out: dict[str, np.ndarray] = {}
    for chunk in chunks(list(article_ids)):
        marks, params = in_list(conn, chunk)
        for aid, mh in rows(
            conn, f"SELECT article_id, minhash FROM group_articles WHERE article_id IN ({marks})",
            params,
        ):  # fmt: skip
            if mh is not None:
                out[aid] = np.frombuffer(mh, dtype=np.uint64)
    return out


def index_bands(conn: Connection, article_id: str, bands: Sequence[int]) -> None:
    """Make a canonical article findable by its band hashes."""
    _insert_rows(
        conn, "INSERT INTO dup_bands (band, hash, article_id)",
        [(b, h, article_id) for b, h in enumerate(bands)], "ON CONFLICT DO NOTHING",
    )  # fmt: skip


# -- counters and document frequencies ------------------------------------------


def counter(conn: Connection, key: str) -> int:
    """A grouping counter (``articles``: placements made, ``docs``: canonical articles)."""
    r = first(conn, "SELECT value FROM group_meta WHERE key = :key", {"key": key})
    return int(r[0]) if r else 0


def _increment(conn: Connection, key: str) -> None:
    run(
        conn,
        "INSERT INTO group_meta (key, value) VALUES (:key, 1)"
        " ON CONFLICT(key) DO UPDATE SET value = group_meta.value + 1",
        {"key": key},
    )


def bump(conn: Connection, key: str) -> int:
    """Add one to a counter; its new value (PostgreSQL: one statement, one round trip)."""
    if is_sqlite(conn):  # RETURNING needs SQLite >= 3.35; two statements cost nothing in-process
        _increment(conn, key)
        return counter(conn, key)
    r = first(
        conn,
        "INSERT INTO group_meta (key, value) VALUES (:key, 1)"
        " ON CONFLICT(key) DO UPDATE SET value = group_meta.value + 1 RETURNING value",
        {"key": key},
    )
    assert r is not None
    return int(r[0])


def _df(conn: Connection, sql: str, keys: Sequence[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for chunk in chunks(list(keys)):
        marks, params = in_list(conn, chunk)
        out.update((r[0], r[1]) for r in rows(conn, sql.format(marks=marks), params))
    return out


def term_df(conn: Connection, terms: Sequence[str]) -> dict[str, int]:
    """Document frequencies of terms (canonical articles containing them); absent = 0."""
    return _df(conn, "SELECT term, df FROM term_df WHERE term IN ({marks})", terms)


def entity_df(conn: Connection, entity_ids: Sequence[str]) -> dict[str, int]:
    """Document frequencies of entities; absent = 0."""
    return _df(conn, "SELECT entity_id, df FROM entity_df WHERE entity_id IN ({marks})", entity_ids)


def count_document(conn: Connection, terms: Iterable[str], entity_ids: Iterable[str]) -> None:
    """Count one more canonical article with these terms and entities."""
    _increment(conn, "docs")
    _insert_rows(
        conn, "INSERT INTO term_df (term, df)", [(t, 1) for t in sorted(terms)],
        "ON CONFLICT(term) DO UPDATE SET df = term_df.df + 1",
    )  # fmt: skip
    _insert_rows(
        conn, "INSERT INTO entity_df (entity_id, df)", [(e, 1) for e in sorted(entity_ids)],
        "ON CONFLICT(entity_id) DO UPDATE SET df = entity_df.df + 1",
    )  # fmt: skip


def places_among(conn: Connection, entity_ids: Sequence[str]) -> set[str]:
    """Those of the entities that are places (type LOC)."""
    out: set[str] = set()
    for chunk in chunks(list(entity_ids)):
        marks, params = in_list(conn, chunk)
        out.update(r[0] for r in rows(
            conn, f"SELECT id FROM entities WHERE type = 'LOC' AND id IN ({marks})", params
        ))  # fmt: skip
    return out


# -- centroids -----------------------------------------------------------------


def _centroid(r: Sequence[Any], kind: Kind) -> Centroid:
    # columns: id, storyline_id|NULL, first_day, last_day, size, emb_sum, n_emb, terms, entities
    terms, entities, norm = _decoded(r[7], r[8])
    emb_sum, unit = _vector(r[5])
    return Centroid(
        id=r[0], first_day=r[2], last_day=r[3], emb_sum=emb_sum,
        n_emb=r[6], terms=terms, entities=entities, size=r[4],
        storyline_id=r[1] if kind == "events" else None, terms_norm=norm, unit=unit,
    )  # fmt: skip


# the JSON of centroids' terms and entities decoded lately, with the terms' norm (a candidate
# centroid is read again for many articles before it changes: ~90 CPU µs to decode, ~2 to copy)
_DECODED: dict[tuple[str, str], tuple[dict[str, float], dict[str, int], float]] = {}
_DECODED_MAX = 2048


def _decoded(terms: str, entities: str) -> tuple[dict[str, float], dict[str, int], float]:
    """``json.loads`` of both, as fresh dicts (callers may change them), and the terms' norm."""
    key = (terms, entities)
    got = _DECODED.get(key)
    if got is None:
        if len(_DECODED) >= _DECODED_MAX:
            _DECODED.clear()
        t = json.loads(terms)
        got = _DECODED[key] = (t, json.loads(entities), _norm(t))
    return dict(got[0]), dict(got[1]), got[2]


# likewise the unit vectors of embedding sums lately read (shared, read-only)
_UNITS: dict[bytes, np.ndarray | None] = {}


def _vector(blob: bytes | None) -> tuple[np.ndarray | None, np.ndarray | None]:
    """A stored embedding sum (a fresh array) and its unit vector (shared, read-only)."""
    if blob is None:
        return None, None
    blob = bytes(blob)  # a driver's memoryview: hashable
    emb_sum = np.frombuffer(blob, dtype=np.float32).copy()
    if blob in _UNITS:
        return emb_sum, _UNITS[blob]
    if len(_UNITS) >= _DECODED_MAX:
        _UNITS.clear()
    unit = _unit(emb_sum)
    if unit is not None:
        unit.setflags(write=False)
    _UNITS[blob] = unit
    return emb_sum, unit


_COLUMNS = {
    "events": "id, storyline_id, first_day, last_day, size, emb_sum, n_emb, terms, entities",
    "storylines": "id, NULL, first_day, last_day, events, emb_sum, n_emb, terms, entities",
}


def load_centroid(conn: Connection, kind: Kind, gid: str) -> Centroid | None:
    """An event's (``kind="events"``) or storyline's centroid, or None."""
    r = first(conn, f"SELECT {_COLUMNS[_table(kind)]} FROM {kind} WHERE id = :gid", {"gid": gid})
    return _centroid(r, kind) if r else None


def load_centroids(conn: Connection, kind: Kind, ids: Sequence[str]) -> list[Centroid]:
    """The centroids of these ids, in the order given (unknown ids left out)."""
    found: dict[str, Centroid] = {}
    for chunk in chunks(list(ids)):
        marks, params = in_list(conn, chunk)
        for r in rows(
            conn, f"SELECT {_COLUMNS[_table(kind)]} FROM {kind} WHERE id IN ({marks})", params
        ):
            found[r[0]] = _centroid(r, kind)
    return [found[i] for i in ids if i in found]


def update_centroid(
    conn: Connection,
    kind: Kind,
    gid: str,
    *,
    first_day: int | None,
    last_day: int | None,
    grow: int,
    emb_sum: np.ndarray | None,
    n_emb: int,
    terms: dict[str, float],
    entities: dict[str, int],
) -> None:
    """Write a grown centroid; ``grow`` is added to its size (articles or events)."""
    size = "size" if _table(kind) == "events" else "events"
    run(
        conn,
        f"UPDATE {kind} SET first_day = :first, last_day = :last, {size} = {size} + :grow,"
        " emb_sum = :emb, n_emb = :n_emb, terms = :terms, entities = :ents, sources = NULL"
        " WHERE id = :gid",
        {"first": first_day, "last": last_day, "grow": grow, "emb": _blob(emb_sum),
         "n_emb": n_emb, "terms": _json(terms), "ents": _json(entities), "gid": gid},
    )  # fmt: skip


def _heads(conn: Connection, table: str, ids_sql: str, params: dict[str, Any]) -> list[Head]:
    found = rows(
        conn, f"SELECT id, first_day, last_day, emb_sum FROM {table} WHERE id IN ({ids_sql})",
        params,
    )  # fmt: skip
    return sorted((Head(*r) for r in found), key=lambda h: h.id)


# -- events --------------------------------------------------------------------


def event_candidates(
    conn: Connection,
    entity_ids: Sequence[str],
    day: int | None,
    *,
    span: int,
    window: int,
    per_entity: int,
    recent: int,
    undated: int,
) -> list[Head]:
    """Heads of the events an article of ``day`` may belong to, ordered by id, in one statement.

    The union of: for each entity, its ``per_entity`` events of ``day ± span`` (latest
    first; undated article: latest by grouping order); the ``recent`` events whose last day
    lies in ``day - window … day + span`` (undated: the latest events); for a dated article
    also the ``undated`` latest undated events.
    """
    arms: list[str] = []
    params: dict[str, Any] = {"per": per_entity, "recent": recent}
    for i, ent in enumerate(entity_ids):
        params[f"e{i}"] = ent
        if day is None:
            arms.append(
                f"SELECT event_id FROM event_entities WHERE entity_id = :e{i}"
                " ORDER BY seq DESC, event_id DESC LIMIT :per"
            )
        else:
            arms.append(
                f"SELECT event_id FROM event_entities WHERE entity_id = :e{i}"
                " AND day BETWEEN :lo AND :hi ORDER BY day DESC, event_id DESC LIMIT :per"
            )
    if day is None:
        arms.append("SELECT id FROM events ORDER BY seq DESC LIMIT :recent")
    else:
        params.update(lo=day - span, hi=day + span, wlo=day - window, undated=undated)
        arms.append(
            "SELECT id FROM events WHERE last_day BETWEEN :wlo AND :hi"
            " ORDER BY last_day DESC, seq DESC LIMIT :recent"
        )
        arms.append("SELECT id FROM events WHERE first_day IS NULL ORDER BY seq DESC LIMIT :undated")
    return _heads(conn, "events", _union(arms), params)


def insert_event(
    conn: Connection,
    event_id: str,
    *,
    storyline_id: str,
    seq: int,
    title: str,
    day: int | None,
    emb: np.ndarray | None,
    terms: dict[str, float],
    entities: dict[str, int],
) -> None:
    """A new event of one article (its first and last day ``day``)."""
    run(
        conn,
        "INSERT INTO events (id, storyline_id, seq, title, first_day, last_day, size, emb_sum,"
        " n_emb, terms, entities) VALUES (:eid, :sid, :seq, :title, :day, :day, 1, :emb, :n_emb,"
        " :terms, :ents)",
        {"eid": event_id, "sid": storyline_id, "seq": seq, "title": title, "day": day,
         "emb": _blob(emb), "n_emb": 1 if emb is not None else 0, "terms": _json(terms),
         "ents": _json(entities)},
    )  # fmt: skip


def add_event_entities(
    conn: Connection, event_id: str, entity_ids: Iterable[str], day: int | None, seq: int
) -> None:
    """Index an event under these entities (an entity already indexed keeps its row)."""
    _insert_rows(
        conn, "INSERT INTO event_entities (entity_id, event_id, day, seq)",
        [(e, event_id, day, seq) for e in entity_ids], "ON CONFLICT DO NOTHING",
    )  # fmt: skip


# -- storylines ----------------------------------------------------------------


def storyline_candidates(
    conn: Connection,
    entity_ids: Sequence[str],
    *,
    per_entity: int,
    recent_days: tuple[int, int] | None,
    recent: int,
) -> list[Head]:
    """Heads of the storylines an event may continue, ordered by id, in one statement.

    The union of: for each entity, its ``per_entity`` most recently changed storylines; when
    ``recent_days`` is given, the storylines of the ``recent`` latest events whose last day
    lies in that range.
    """
    arms: list[str] = []
    params: dict[str, Any] = {"per": per_entity}
    for i, ent in enumerate(entity_ids):
        params[f"e{i}"] = ent
        arms.append(
            f"SELECT storyline_id FROM storyline_entities WHERE entity_id = :e{i}"
            " ORDER BY seq DESC, storyline_id DESC LIMIT :per"
        )
    if recent_days is not None and recent:
        params.update(lo=recent_days[0], hi=recent_days[1], recent=recent)
        arms.append(
            "SELECT storyline_id FROM events WHERE last_day BETWEEN :lo AND :hi"
            " ORDER BY last_day DESC, seq DESC LIMIT :recent"
        )
    if not arms:
        return []
    return _heads(conn, "storylines", _union(arms), params)


def event_heads_of_storylines(
    conn: Connection, storyline_ids: Sequence[str], latest: int
) -> list[Head]:
    """The ``latest`` events (by grouping order) of each storyline, in a few statements."""
    out: list[Head] = []
    ids = list(storyline_ids)
    i = 0
    for n in _sizes(len(ids), _ARMS):
        chunk = ids[i : i + n]
        i += n
        union = _union(
            "SELECT id, first_day, last_day, emb_sum FROM events WHERE storyline_id = "
            f":s{k} ORDER BY seq DESC LIMIT :n"
            for k in range(n)
        )
        params: dict[str, Any] = {f"s{k}": s for k, s in enumerate(chunk)}
        params["n"] = latest
        out += (Head(*r) for r in rows(conn, union, params))
    return out


def recent_event_ids(conn: Connection, lo: int, hi: int, latest: int) -> list[str]:
    """The ``latest`` events of the whole feed whose last day lies in ``lo``..``hi``, newest first."""
    return [
        r[0]
        for r in rows(
            conn,
            "SELECT id FROM events WHERE last_day BETWEEN :lo AND :hi"
            " ORDER BY last_day DESC, seq DESC LIMIT :n",
            {"lo": lo, "hi": hi, "n": latest},
        )
    ]


def storylines_between(conn: Connection, lo: int, hi: int, latest: int) -> list[str]:
    """The storylines of the ``latest`` events whose last day lies in ``lo``..``hi`` (newest
    first), each once: bounded by the index on the events' last day, not by the store's size."""
    return list(
        dict.fromkeys(
            r[0]
            for r in rows(
                conn,
                "SELECT storyline_id FROM events WHERE last_day BETWEEN :lo AND :hi"
                " ORDER BY last_day DESC, seq DESC LIMIT :n",
                {"lo": lo, "hi": hi, "n": latest},
            )
        )
    )


def event_language(conn: Connection, event_id: str) -> str | None:
    """The language of an event's first article (None when unknown)."""
    r = first(
        conn,
        "SELECT a.language FROM group_articles g JOIN articles a ON a.id = g.article_id"
        " WHERE g.event_id = :e ORDER BY g.seq LIMIT 1",
        {"e": event_id},
    )
    return r[0] if r is not None else None


def storyline_headlines(conn: Connection, storyline_id: str, latest: int) -> list[str]:
    """The titles of a storyline's ``latest`` events (by grouping order), newest first."""
    return [
        r[0]
        for r in rows(
            conn,
            "SELECT title FROM events WHERE storyline_id = :s ORDER BY seq DESC LIMIT :n",
            {"s": storyline_id, "n": latest},
        )
    ]


def insert_storyline(conn: Connection, storyline_id: str, seq: int, day: int | None) -> None:
    """An empty storyline (its first event is added with :func:`update_centroid`)."""
    run(
        conn,
        "INSERT INTO storylines (id, seq, first_day, last_day, events, emb_sum, n_emb, terms,"
        " entities) VALUES (:sid, :seq, :day, :day, 0, NULL, 0, '{}', '{}')",
        {"sid": storyline_id, "seq": seq, "day": day},
    )


def touch_storyline_entities(
    conn: Connection, storyline_id: str, entity_ids: Iterable[str], seq: int
) -> None:
    """Index a storyline under these entities, as changed at ``seq``."""
    _insert_rows(
        conn, "INSERT INTO storyline_entities (entity_id, storyline_id, seq)",
        [(e, storyline_id, seq) for e in entity_ids],
        "ON CONFLICT(entity_id, storyline_id) DO UPDATE SET seq = excluded.seq",
    )  # fmt: skip


def storyline_seq(conn: Connection, storyline_id: str) -> int:
    """When a storyline was created (its grouping step)."""
    r = first(conn, "SELECT seq FROM storylines WHERE id = :sid", {"sid": storyline_id})
    assert r is not None, storyline_id
    return int(r[0])


def fold_storyline(
    conn: Connection,
    keep: str,
    gone: str,
    *,
    first_day: int | None,
    last_day: int | None,
    grow: int,
    emb_sum: np.ndarray | None,
    n_emb: int,
    terms: dict[str, float],
    entities: dict[str, int],
) -> None:
    """Storyline ``gone`` becomes part of ``keep``: centroid, events, entity index; ``gone`` is
    deleted (the caller records the redirect)."""
    update_centroid(
        conn, "storylines", keep, first_day=first_day, last_day=last_day, grow=grow,
        emb_sum=emb_sum, n_emb=n_emb, terms=terms, entities=entities,
    )  # fmt: skip
    ids = {"keep": keep, "gone": gone}
    run(conn, "UPDATE events SET storyline_id = :keep WHERE storyline_id = :gone", ids)
    run(
        conn,
        "INSERT INTO storyline_entities (entity_id, storyline_id, seq)"
        " SELECT entity_id, :keep, seq FROM storyline_entities WHERE storyline_id = :gone"
        " ON CONFLICT(entity_id, storyline_id) DO UPDATE SET seq = CASE"
        " WHEN excluded.seq > storyline_entities.seq THEN excluded.seq"
        " ELSE storyline_entities.seq END",
        ids,
    )
    run(conn, "DELETE FROM storyline_entities WHERE storyline_id = :gone", {"gone": gone})
    run(conn, "DELETE FROM storylines WHERE id = :gone", {"gone": gone})
