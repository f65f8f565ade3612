"""Events: one happening reported by one or more articles, clustered online.

A new (canonical) article is compared with a bounded set of candidate events:
those sharing one of its most telling entities within the time window, plus the
latest events of the window.  The score mixes the multilingual embedding, TF-IDF
terms and shared entities; the best event above the threshold takes the article,
else the article opens a new event.  The candidate set never grows with the
corpus, so assignment time stays flat.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..store.grouping import (
    Centroid,
    Connection,
    Head,
    Kind,
    add_event_entities,
    event_candidates,
    insert_event,
    load_centroid,
    load_centroids,
    update_centroid,
)  # fmt: skip
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
        terms_floor: least TF-IDF cosine of an article with an event *of its own language*
            to join it (0 = none): in a dense feed the embedding finds every report of the
            week alike, the happening's own words do not.  Across languages the embedding
            decides (words cannot match).  Off by default: 0.03 gained on the English dev
            gold and lost on its held-out part (docs/grouping.md, "Thread words and the
            happening's own words").
        undated_recent: an undated article that names no year joins no dated event and
            continues no dated storyline whose day lies more than this many days before the
            latest dated event of the store (the feed's present); a dated article that lies
            that far before it joins no undated event or storyline: a report without any date
            is taken for a recent one, not for one of 1888 (0 = off).
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
    terms_floor: float = 0.0
    undated_recent: int = 400

    def threshold_for(self, n_words: int) -> float:
        """The join threshold for an article of ``n_words`` content words."""
        if n_words >= self.long_words:
            return self.threshold
        share = max(0, n_words - self.short_words) / (self.long_words - self.short_words)
        return self.short_threshold + share * (self.threshold - self.short_threshold)


# An event or storyline centroid as stored (the store's record).
Group = Centroid


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


def load_group(conn: Connection, table: Kind, gid: str) -> Group | None:
    """The centroid of event (``table="events"``) or storyline (``"storylines"``) ``gid``."""
    return load_centroid(conn, table, gid)


def candidate_events(
    conn: Connection, feats: Features, top_entities: list[str], opts: EventOptions
) -> list[Group]:
    """A bounded set of events the article may belong to."""
    d = feats.day
    heads = event_candidates(
        conn, top_entities[: opts.lookup_entities], d,
        span=opts.window + 7,  # event_entities.day is the event's first day; events last a few days
        window=opts.window, per_entity=opts.per_entity, recent=opts.recent,
        # undated events stay candidates for a while (the latest ones)
        undated=opts.recent // 4,
    )  # fmt: skip
    cand: list[Head] = []
    for h in heads:
        if d is not None and h.first_day is not None:
            last = h.last_day if h.last_day is not None else h.first_day
            if not (h.first_day - opts.window <= d <= last + opts.window):
                continue
            if opts.span and d > h.first_day + opts.span:
                continue
        cand.append(h)
    return load_centroids(conn, "events", shortlist(cand, feats.emb, opts.shortlist))


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
        cos = (mat @ emb / np.maximum(np.linalg.norm(mat, axis=1), 1e-12)).tolist()
        order = sorted(range(len(with_emb)), key=lambda i: (-round(cos[i], 6), with_emb[i][0]))
        keep += [with_emb[i][0] for i in order[:k]]
    return sorted(keep)


def new_event(
    conn: Connection,
    eid: str,
    storyline_id: str,
    seq: int,
    feats: Features,
    terms: dict[str, float],
) -> None:
    """Open event ``eid`` with its first article."""
    insert_event(
        conn, eid, storyline_id=storyline_id, seq=seq, title=feats.title, day=feats.day,
        emb=feats.emb, terms=add_terms({}, terms), entities={e: 1 for e in feats.entities},
    )  # fmt: skip
    add_event_entities(conn, eid, feats.entities, feats.day, seq)


def join_group(
    conn: Connection,
    table: Kind,
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
    update_centroid(
        conn, table, g.id, first_day=min(days) if days else None,
        last_day=max(days) if days else None, grow=1 if count else 0, emb_sum=emb_sum,
        n_emb=n_emb, terms=add_terms(g.terms, terms), entities=ents,
    )  # fmt: skip
