"""Events: one happening reported by one or more articles, clustered online.

A new (canonical) article is compared with a bounded set of candidate events:
those sharing one of its most telling entities within the time window, plus the
latest events of the window.  The score mixes the multilingual embedding, TF-IDF
terms and shared entities; the best event above the threshold takes the article,
else the article opens a new event.  The candidate set never grows with the
corpus, so assignment time stays flat.
"""

from __future__ import annotations

import json
import math
import sqlite3
from dataclasses import dataclass

import numpy as np

from ._features import Features, add_terms, cosine_terms, entity_overlap

# Entities kept per event or storyline centroid: bounded state, bounded time per comparison.
MAX_ENTITIES = 60

__all__ = [
    "EventOptions", "Group", "score", "candidate_events", "load_group", "new_event", "join_group", "shortlist",
]  # fmt: skip


@dataclass(slots=True, kw_only=True, frozen=True)
class EventOptions:
    """Thresholds of event clustering (see docs/grouping.md for how they were chosen).

    Attributes:
        window: days an article may lie before the first or after the last day of an event.
        threshold: least score for an article to join an event.
        undated_extra: added to the threshold when the article or the event has no date.
        short_threshold: the threshold for a text of at most ``short_words`` content words
            (a headline, a feed item's teaser); it rises linearly to ``threshold`` at
            ``long_words``.  Short texts share few terms and entities even when they report
            the same happening, so their scores run lower (chosen on the dev split of the
            UCI News Aggregator stories, see docs/benchmarks.md).
        retranslation: embedding cosine above which two articles in one event count as
            the same report (a re-translation), i.e. a duplicate.
        weights: embedding, TF-IDF and entity weights of the score.
        place_only: factor on the entity overlap when the only shared entities are places.
        span: when > 0, the most days an article may lie after an event's *first* day (a
            happening has a date; without this an event that keeps growing day by day in a
            dense feed chains into a "week of the campaign").
    """

    window: int = 3
    threshold: float = 0.3
    undated_extra: float = 0.35
    short_threshold: float = 0.21
    short_words: int = 20
    long_words: int = 120
    retranslation: float = 0.95
    per_entity: int = 15
    recent: int = 25
    shortlist: int = 12
    lookup_entities: int = 6
    weights: tuple[float, float, float] = (0.4, 0.4, 0.2)
    place_only: float = 0.5
    span: int = 3

    def threshold_for(self, n_words: int) -> float:
        """The join threshold for an article of ``n_words`` content words."""
        if n_words >= self.long_words:
            return self.threshold
        share = max(0, n_words - self.short_words) / (self.long_words - self.short_words)
        return self.short_threshold + share * (self.threshold - self.short_threshold)


@dataclass(slots=True)
class Group:
    """An event or storyline centroid as stored."""

    id: str
    first_day: int | None
    last_day: int | None
    emb_sum: np.ndarray | None
    n_emb: int
    terms: dict[str, float]
    entities: dict[str, int]
    size: int
    storyline_id: str | None = None
    terms_norm: float = 0.0

    def __post_init__(self) -> None:
        self.terms_norm = math.sqrt(sum(v * v for v in self.terms.values()))

    @property
    def emb(self) -> np.ndarray | None:
        if self.emb_sum is None:
            return None
        n = float(np.linalg.norm(self.emb_sum))
        return self.emb_sum / n if n > 0 else None


def score(
    emb: np.ndarray | None,
    terms: dict[str, float],
    ents: dict[str, float],
    group: Group,
    weights: tuple[float, float, float],
    places: frozenset[str] = frozenset(),
    place_only: float = 1.0,
) -> float:
    """Similarity of an article (or event) to a group: embedding, TF-IDF, entities.

    ``places``/``place_only``: see :func:`entity_overlap` (a shared place alone says little).
    """
    w_emb, w_tf, w_ent = weights
    c_tf = cosine_terms(terms, group.terms, group.terms_norm)
    c_ent = entity_overlap(ents, group.entities, places, place_only)
    g = group.emb
    if emb is None or g is None:
        # Without an embedding the two other signals carry the whole weight.
        return (w_tf * c_tf + w_ent * c_ent) / (w_tf + w_ent)
    return w_emb * float(np.dot(emb, g)) + w_tf * c_tf + w_ent * c_ent


def _row_group(r: sqlite3.Row, table: str) -> Group:
    emb = np.frombuffer(r["emb_sum"], dtype=np.float32).copy() if r["emb_sum"] is not None else None
    size = r["size"] if table == "events" else r["events"]
    return Group(
        id=r["id"], first_day=r["first_day"], last_day=r["last_day"], emb_sum=emb, n_emb=r["n_emb"],
        terms=json.loads(r["terms"]), entities=json.loads(r["entities"]), size=size,
        storyline_id=r["storyline_id"] if table == "events" else None,
    )  # fmt: skip


def load_group(conn: sqlite3.Connection, table: str, gid: str) -> Group | None:
    r = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (gid,)).fetchone()
    return _row_group(r, table) if r else None


def candidate_events(
    conn: sqlite3.Connection, feats: Features, top_entities: list[str], opts: EventOptions
) -> list[Group]:
    """A bounded set of events the article may belong to."""
    ids: dict[str, None] = {}
    d = feats.day
    span = opts.window + 7  # event_entities.day is the event's first day; events last a few days
    for ent in top_entities[: opts.lookup_entities]:
        if d is None:
            rows = conn.execute(
                "SELECT event_id FROM event_entities WHERE entity_id = ? ORDER BY seq DESC LIMIT ?",
                (ent, opts.per_entity),
            )
        else:
            rows = conn.execute(
                "SELECT event_id FROM event_entities WHERE entity_id = ? AND day BETWEEN ? AND ?"
                " ORDER BY day DESC LIMIT ?",
                (ent, d - span, d + span, opts.per_entity),
            )
        ids.update((r[0], None) for r in rows)
    if d is None:
        rows = conn.execute("SELECT id FROM events ORDER BY seq DESC LIMIT ?", (opts.recent,))
    else:
        rows = conn.execute(
            "SELECT id FROM events WHERE last_day BETWEEN ? AND ? ORDER BY last_day DESC, seq DESC LIMIT ?",
            (d - opts.window, d + span, opts.recent),
        )
    ids.update((r[0], None) for r in rows)
    if d is not None:  # undated events stay candidates for a while (the latest ones)
        rows = conn.execute(
            "SELECT id FROM events WHERE first_day IS NULL ORDER BY seq DESC LIMIT ?",
            (opts.recent // 4,),
        )
        ids.update((r[0], None) for r in rows)
    cand: list[tuple] = []
    for r in fetch_many(conn, "SELECT id, first_day, last_day, emb_sum FROM events", list(ids)):
        if (
            d is not None
            and r[1] is not None
            and not (r[1] - opts.window <= d <= r[2] + opts.window)
        ):
            continue
        if opts.span and d is not None and r[1] is not None and d > r[1] + opts.span:
            continue
        cand.append(r)
    return [
        g
        for g in (
            load_group(conn, "events", gid) for gid in shortlist(cand, feats.emb, opts.shortlist)
        )
        if g
    ]


def fetch_many(conn: sqlite3.Connection, select: str, ids: list[str]) -> list[tuple]:
    """Rows of ``select ... WHERE id IN (ids)`` in one query per 500 ids, ordered by id."""
    out: list[tuple] = []
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        out += conn.execute(
            f"{select} WHERE id IN ({','.join('?' * len(chunk))})", chunk
        ).fetchall()
    return sorted(out, key=lambda r: r[0])


def shortlist(rows: list, emb: np.ndarray | None, k: int) -> list[str]:
    """The ``k`` candidates nearest by embedding (all without one stay); a cheap first cut.

    ``rows`` are ``(id, ..., emb_sum)`` tuples; the full score (terms, entities) is then
    computed for the shortlist only.
    """
    if emb is None or len(rows) <= k:
        return sorted(r[0] for r in rows)
    with_emb = [r for r in rows if r[-1] is not None]
    keep = [r[0] for r in rows if r[-1] is None]
    if with_emb:
        mat = np.stack([np.frombuffer(r[-1], dtype=np.float32) for r in with_emb])
        cos = mat @ emb / np.maximum(np.linalg.norm(mat, axis=1), 1e-12)
        order = sorted(
            range(len(with_emb)), key=lambda i: (-round(float(cos[i]), 6), with_emb[i][0])
        )
        keep += [with_emb[i][0] for i in order[:k]]
    return sorted(keep)


def _json(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def new_event(
    conn: sqlite3.Connection,
    eid: str,
    storyline_id: str,
    seq: int,
    feats: Features,
    terms: dict[str, float],
) -> None:
    conn.execute(
        "INSERT INTO events (id, storyline_id, seq, title, first_day, last_day, size, emb_sum, n_emb,"
        " terms, entities) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (
            eid,
            storyline_id,
            seq,
            feats.title,
            feats.day,
            feats.day,
            1,
            feats.emb.astype(np.float32).tobytes() if feats.emb is not None else None,
            1 if feats.emb is not None else 0,
            _json(add_terms({}, terms)),
            _json({e: 1 for e in feats.entities}),
        ),  # fmt: skip
    )
    conn.executemany(
        "INSERT OR IGNORE INTO event_entities (entity_id, event_id, day, seq) VALUES (?,?,?,?)",
        [(e, eid, feats.day, seq) for e in feats.entities],
    )


def join_group(
    conn: sqlite3.Connection,
    table: str,
    g: Group,
    feats: Features,
    terms: dict[str, float],
    *,
    count: bool,
) -> None:
    """Add an article's features to an event or storyline centroid."""
    emb_sum = g.emb_sum
    n_emb = g.n_emb
    if feats.emb is not None:
        emb_sum = feats.emb.copy() if emb_sum is None else emb_sum + feats.emb
        n_emb += 1
    ents = dict(g.entities)
    for e in feats.entities:
        ents[e] = ents.get(e, 0) + 1
    if len(ents) > MAX_ENTITIES:  # a centroid keeps its most frequent entities only
        ents = dict(sorted(ents.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_ENTITIES])
    days = [x for x in (g.first_day, g.last_day, feats.day) if x is not None]
    size_col = "size" if table == "events" else "events"
    conn.execute(
        f"UPDATE {table} SET first_day = ?, last_day = ?, {size_col} = {size_col} + ?, emb_sum = ?,"
        " n_emb = ?, terms = ?, entities = ? WHERE id = ?",
        (
            min(days) if days else None,
            max(days) if days else None,
            1 if count else 0,
            emb_sum.astype(np.float32).tobytes() if emb_sum is not None else None,
            n_emb,
            _json(add_terms(g.terms, terms)),
            _json(ents),
            g.id,
        ),  # fmt: skip
    )
