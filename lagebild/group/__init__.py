"""What belongs together: duplicates, events, storylines (and timelines built from them).

:func:`assign` is the online step for one stored article.  Its steps, in order:

1. features — shingles + MinHash, TF-IDF terms, entities, embedding, event day
   (``_features.features``)
2. duplicates — LSH band lookup in ``dup_bands``; an article whose estimated
   Jaccard with a canonical article is >= 0.6 becomes its duplicate and joins
   its event without counting anywhere (``duplicates.find_duplicate``)
3. events — a bounded set of candidate events from the time window and shared
   entities, scored by embedding, TF-IDF and entity overlap; join the best or
   open a new event (``events``); a re-translation (embedding cosine >= 0.95 with
   a member) is recorded as that member's duplicate
4. storylines — a new event continues the best-matching storyline or opens one
   (``storylines.assign_storyline``); a joined event updates its storyline
5. bookkeeping — band hashes, document frequencies, counters

The whole step is one transaction: a crash leaves an article either grouped or
not grouped at all, and :func:`catch_up` (run at the start of every ingest)
groups articles that are stored but not grouped.  :func:`rebuild` clears the
grouping tables and assigns every article again in storage order, which gives
the same grouping as the online steps did.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..model import Article
from ..store import Store
from ._features import Features, entity_weight, features, tfidf
from .duplicates import find_duplicate, index_bands
from .events import EventOptions, candidate_events, join_group, load_group, new_event, score
from .storylines import StorylineOptions, assign_storyline, bridge_storylines, update_storyline

__all__ = ["GroupOptions", "Placement", "assign", "assign_many", "catch_up", "forget",
           "group_fields", "rebuild"]

log = logging.getLogger(__name__)

_TABLES = (
    "group_articles", "dup_bands", "events", "event_entities", "storylines", "storyline_entities",
    "term_df", "entity_df", "group_meta", "storyline_redirects",
)  # fmt: skip


@dataclass(slots=True, kw_only=True, frozen=True)
class GroupOptions:
    events: EventOptions = field(default_factory=EventOptions)
    storylines: StorylineOptions = field(default_factory=StorylineOptions)


@dataclass(slots=True, frozen=True)
class Placement:
    """Where :func:`assign` put an article."""

    article_id: str
    event_id: str
    storyline_id: str
    duplicate_of: str | None
    new_event: bool


_DEFAULT = GroupOptions()


def _meta(conn: sqlite3.Connection, key: str) -> int:
    r = conn.execute("SELECT value FROM group_meta WHERE key = ?", (key,)).fetchone()
    return r[0] if r else 0


def _bump(conn: sqlite3.Connection, key: str) -> int:
    conn.execute(
        "INSERT INTO group_meta (key, value) VALUES (?, 1) ON CONFLICT(key) DO UPDATE SET value = value + 1",
        (key,),
    )
    return _meta(conn, key)


def _df(conn: sqlite3.Connection, table: str, col: str, keys: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        q = f"SELECT {col}, df FROM {table} WHERE {col} IN ({','.join('?' * len(chunk))})"
        out.update(conn.execute(q, chunk).fetchall())
    return out


def _entity_weights(conn: sqlite3.Connection, feats: Features, n_docs: int) -> dict[str, float]:
    df = _df(conn, "entity_df", "entity_id", sorted(feats.entities))
    return {e: c**0.5 * entity_weight(df.get(e, 0), n_docs) for e, c in feats.entities.items()}


def assign(store: Store, article: Article, options: GroupOptions | None = None) -> Placement:
    """Group one stored article (idempotent: an article already grouped keeps its place).

    Args:
        store: the store holding the article.
        article: the article as stored (cleaned, enriched or not).
        options: thresholds; the defaults are documented in docs/grouping.md.
    Returns:
        The article's event, storyline and canonical article (if it is a duplicate).
    """
    opts = options or _DEFAULT
    feats = features(article)
    with store.transaction() as conn:
        return _assign(conn, article.id, feats, opts)


def assign_many(
    store: Store, articles: Iterable[Article], options: GroupOptions | None = None
) -> list[Placement]:
    """:func:`assign` for several articles, in order, in one transaction.

    The same placements as one :func:`assign` call each (every article is placed
    against everything placed before it, including earlier ones of the batch),
    without a commit per article.  If any placement fails, the whole batch is
    rolled back and the exception propagates: nothing of it is half-grouped.
    """
    opts = options or _DEFAULT
    todo = [(a.id, features(a)) for a in articles]
    if not todo:
        return []
    with store.transaction() as conn:
        return [_assign(conn, aid, feats, opts) for aid, feats in todo]


# Articles per transaction when grouping many (rebuild, catch-up): one commit per
# article cost ~4 ms of the ~12 ms an article takes to group.
_BATCH = 64


def _assign_ids(
    store: Store,
    ids: Sequence[str],
    options: GroupOptions | None,
    progress: Callable[[str], None] | None = None,
) -> None:
    for k in range(0, len(ids), _BATCH):
        chunk = ids[k : k + _BATCH]
        try:
            assign_many(store, [store.get(aid) for aid in chunk], options)
        except Exception:
            # one by one: those before a failing article are kept, as with assign()
            for aid in chunk:
                assign(store, store.get(aid), options)
        if progress is not None:
            for aid in chunk:
                progress(aid)


def _assign(conn: sqlite3.Connection, aid: str, feats: Features, opts: GroupOptions) -> Placement:
    row = conn.execute(
        "SELECT g.event_id, e.storyline_id, g.duplicate_of FROM group_articles g JOIN events e"
        " ON e.id = g.event_id WHERE g.article_id = ?",
        (aid,),
    ).fetchone()
    if row:
        return Placement(aid, row[0], row[1], row[2], False)
    seq = _bump(conn, "articles")
    mh = feats.minhash.tobytes() if feats.minhash is not None else None

    dup = find_duplicate(conn, feats)
    if dup is not None:
        canon = dup[0]
        eid, sid = conn.execute(
            "SELECT g.event_id, e.storyline_id FROM group_articles g JOIN events e ON e.id = g.event_id"
            " WHERE g.article_id = ?",
            (canon,),
        ).fetchone()
        conn.execute(
            "INSERT INTO group_articles (article_id, seq, duplicate_of, event_id, day, day_from, minhash)"
            " VALUES (?,?,?,?,?,?,?)",
            (aid, seq, canon, eid, feats.day, feats.day_from, mh),
        )
        return Placement(aid, eid, sid, canon, False)

    n_docs = _meta(conn, "docs")
    df = _df(conn, "term_df", "term", sorted(feats.tf))
    terms = tfidf(feats.tf, df, n_docs)
    ents = _entity_weights(conn, feats, n_docs)
    top = [e for e, _ in sorted(ents.items(), key=lambda kv: (-kv[1], kv[0]))]

    eo = opts.events
    base_need = eo.threshold_for(sum(feats.tf.values()))
    best: tuple[float, str] | None = None
    for g in candidate_events(conn, feats, top, eo):
        s = score(feats.emb, terms, ents, g, eo.weights, feats.places, eo.place_only)
        need = base_need + (
            eo.undated_extra if feats.day is None or g.first_day is None else 0.0
        )
        if s >= need and (best is None or s > best[0]):
            best = (s, g.id)

    duplicate_of = None
    if best is not None:
        chosen = load_group(conn, "events", best[1])
        assert chosen is not None
        g = chosen
        eid, sid, created = g.id, g.storyline_id or "", False
        duplicate_of = _retranslation(conn, eid, feats, eo.retranslation)
        if duplicate_of is None:
            join_group(conn, "events", g, feats, terms, count=True)
            update_storyline(conn, sid, feats, terms, seq, count=False)
            sid = bridge_storylines(conn, sid, feats, terms, ents, top, seq, opts.storylines)
            conn.executemany(
                "INSERT OR IGNORE INTO event_entities (entity_id, event_id, day, seq) VALUES (?,?,?,?)",
                [
                    (e, eid, g.first_day if g.first_day is not None else feats.day, seq)
                    for e in feats.entities
                ],
            )
    else:
        eid, created = f"ev-{aid[:12]}", True
        sid = assign_storyline(
            conn, feats, terms, ents, top, seq, f"st-{aid[:12]}", opts.storylines
        )
        new_event(conn, eid, sid, seq, feats, terms)

    conn.execute(
        "INSERT INTO group_articles (article_id, seq, duplicate_of, event_id, day, day_from, minhash)"
        " VALUES (?,?,?,?,?,?,?)",
        (aid, seq, duplicate_of, eid, feats.day, feats.day_from, mh),
    )
    if duplicate_of is None:
        index_bands(conn, aid, feats)
        _bump(conn, "docs")
        conn.executemany(
            "INSERT INTO term_df (term, df) VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET df = df + 1",
            [(t,) for t in sorted(feats.tf)],
        )
        conn.executemany(
            "INSERT INTO entity_df (entity_id, df) VALUES (?, 1)"
            " ON CONFLICT(entity_id) DO UPDATE SET df = df + 1",
            [(e,) for e in sorted(feats.entities)],
        )
    return Placement(aid, eid, sid, duplicate_of, created)


def _retranslation(
    conn: sqlite3.Connection, eid: str, feats: Features, threshold: float
) -> str | None:
    """A member of the event that this article re-translates (near-identical embedding)."""
    if feats.emb is None:
        return None
    rows = conn.execute(
        "SELECT g.article_id, m.vector FROM group_articles g JOIN embeddings m ON m.article_id = g.article_id"
        " WHERE g.event_id = ? AND g.duplicate_of IS NULL ORDER BY g.seq LIMIT 20",
        (eid,),
    ).fetchall()
    best = None
    for aid, vec in rows:
        c = float(np.dot(feats.emb, np.frombuffer(vec, dtype=np.float32)))
        if c >= threshold and (best is None or c > best[0]):
            best = (c, aid)
    return best[1] if best else None


def pending(store: Store) -> list[str]:
    """Ids of stored articles not grouped yet, in storage order."""
    return [
        r[0]
        for r in store.conn.execute(
            "SELECT a.id FROM articles a LEFT JOIN group_articles g ON g.article_id = a.id"
            " WHERE g.article_id IS NULL ORDER BY a.rowid"
        )
    ]


def catch_up(store: Store, options: GroupOptions | None = None) -> int:
    """Group every stored article that is not grouped yet (after a crash or ``--no-group``)."""
    ids = pending(store)
    _assign_ids(store, ids, options)
    return len(ids)


def rebuild(
    store: Store,
    options: GroupOptions | None = None,
    *,
    progress: Callable[[str], None] | None = None,
) -> int:
    """Forget all grouping and assign every article again, in storage order.

    Returns the number of articles grouped.
    """
    forget(store)
    ids = pending(store)
    _assign_ids(store, ids, options, progress)
    return len(ids)


def forget(store: Store) -> None:
    """Drop all grouping (duplicates, events, storylines, statistics) in one transaction."""
    with store.transaction() as conn:
        for table in _TABLES:
            conn.execute(f"DELETE FROM {table}")


def group_fields(store: Store) -> Callable[[str], dict[str, str | None]]:
    """A lookup ``article id -> {event, storyline, duplicate_of}`` for the export."""

    def lookup(aid: str) -> dict[str, str | None]:
        r = store.conn.execute(
            "SELECT g.event_id, e.storyline_id, g.duplicate_of FROM group_articles g"
            " LEFT JOIN events e ON e.id = g.event_id WHERE g.article_id = ?",
            (aid,),
        ).fetchone()
        if r is None:
            return {"event": None, "storyline": None, "duplicate_of": None}
        return {"event": r[0], "storyline": r[1], "duplicate_of": r[2]}

    return lookup
