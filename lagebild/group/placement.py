"""The online grouping step for one stored article: where it goes.

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
not grouped at all.  It holds the grouping writer's lock (``store.grouping.lock_grouping``:
on PostgreSQL an advisory lock), so two ingesting processes place one article at a time
and each sees the other's placements.  Every read and write goes through
``lagebild.store.grouping``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from ..model import Article
from ..store import Store
from ..store import grouping as _db
from ..store.grouping import Connection
from ..store.grouping_dates import latest_event_day
from ._features import Features, cosine_terms, entity_weight, features, tfidf, too_early
from .duplicates import find_duplicate, index_bands
from .events import EventOptions, Group, candidate_events, join_group, load_group, new_event, score
from .storylines import StorylineOptions, assign_storyline, bridge_storylines, update_storyline

__all__ = [
    "Decision", "GroupOptions", "Placement", "assign", "assign_many", "group_fields", "place_decided",
]  # fmt: skip

# Members of an event compared for a re-translation (its first canonical ones).
_RETRANSLATION_MEMBERS = 20


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


def _entity_weights(conn: Connection, feats: Features, n_docs: int) -> dict[str, float]:
    df = _db.entity_df(conn, sorted(feats.entities))
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
    with store.begin() as conn:
        _db.lock_grouping(conn)
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
    with store.begin() as conn:
        _db.lock_grouping(conn)
        return [_assign(conn, aid, feats, opts) for aid, feats in todo]


@dataclass(slots=True, frozen=True)
class Decision:
    """An event placement decided elsewhere (a backfill's time partition, ``group.backfill``).

    ``event_id``: the event to join (``None``: the article opens one); ``duplicate_of``: the
    canonical article it repeats (it then joins that article's event, as a duplicate found
    online does).
    """

    event_id: str | None
    duplicate_of: str | None = None


def place_decided(
    store: Store,
    items: Iterable[tuple[str, Features, Decision | None]],
    options: GroupOptions | None = None,
    *,
    storylines: bool = True,
) -> list[Placement]:
    """Place articles whose event was decided elsewhere, in order, in one transaction.

    Everything else is the online step's own: the event centroid, the storyline (a new
    event's storyline is chosen by :func:`assign_storyline`, a joined one is updated and
    bridged), band hashes and document frequencies.  A ``None`` decision is the online
    step itself (duplicates, candidate events and all).

    ``storylines=False`` places duplicates and events only (every event's storyline is
    ``""``): for the scratch store of a backfill's time partition, never for a store that
    is read.
    """
    opts = options or _DEFAULT
    with store.begin() as conn:
        _db.lock_grouping(conn)
        return [
            _assign(conn, aid, feats, opts, storylines=storylines, decided=d)
            for aid, feats, d in items
        ]


def _assign(
    conn: Connection,
    aid: str,
    feats: Features,
    opts: GroupOptions,
    *,
    storylines: bool = True,
    decided: Decision | None = None,
) -> Placement:
    placed = _db.placement(conn, aid)
    if placed is not None:
        return Placement(aid, placed.event_id, placed.storyline_id, placed.duplicate_of, False)
    seq = _db.bump(conn, "articles")

    if decided is None:
        dup = find_duplicate(conn, feats)
    else:
        dup = (decided.duplicate_of, 1.0) if decided.duplicate_of is not None else None
    of = _db.placement(conn, dup[0]) if dup is not None else None
    if dup is not None and (of is not None or decided is None):
        canon = dup[0]
        assert of is not None  # a canonical article in dup_bands is placed
        _db.place_article(
            conn, aid, seq=seq, duplicate_of=canon, event_id=of.event_id, day=feats.day,
            day_from=feats.day_from, minhash=feats.minhash,
        )  # fmt: skip
        return Placement(aid, of.event_id, of.storyline_id, canon, False)

    feats = _present(conn, feats, opts.events.undated_recent)
    n_docs = _db.counter(conn, "docs")
    terms = tfidf(feats.tf, _db.term_df(conn, sorted(feats.tf)), n_docs)
    ents = _entity_weights(conn, feats, n_docs)
    top = [e for e, _ in sorted(ents.items(), key=lambda kv: (-kv[1], kv[0]))]

    eo = opts.events
    best: tuple[float, Group] | None = None
    if decided is None:
        best = _best_event(conn, feats, terms, ents, top, eo)
    elif decided.event_id is not None:
        g_decided = load_group(conn, "events", decided.event_id)
        best = (1.0, g_decided) if g_decided is not None else None

    duplicate_of = None
    if best is not None:
        # the candidate as loaded: nothing was written since
        g = best[1]
        eid, sid, created = g.id, g.storyline_id or "", False
        if decided is None:
            duplicate_of = _retranslation(conn, eid, feats, eo.retranslation)
        if duplicate_of is None:
            join_group(conn, "events", g, feats, terms, count=True)
            if storylines:
                update_storyline(conn, sid, feats, terms, seq, count=False)
                sid = bridge_storylines(conn, sid, feats, terms, ents, top, seq, opts.storylines)
            day = g.first_day if g.first_day is not None else feats.day
            _db.add_event_entities(conn, eid, feats.entities, day, seq)
    else:
        eid, created, sid = f"ev-{aid[:12]}", True, ""
        if storylines:
            sid = assign_storyline(
                conn, feats, terms, ents, top, seq, f"st-{aid[:12]}", opts.storylines
            )
        new_event(conn, eid, sid, seq, feats, terms)

    _db.place_article(
        conn, aid, seq=seq, duplicate_of=duplicate_of, event_id=eid, day=feats.day,
        day_from=feats.day_from, minhash=feats.minhash,
    )  # fmt: skip
    if duplicate_of is None:
        index_bands(conn, aid, feats)
        _db.count_document(conn, feats.tf, feats.entities)
    return Placement(aid, eid, sid, duplicate_of, created)


def _present(conn: Connection, feats: Features, recent: int) -> Features:
    """``feats`` with what the feed's present (its latest dated event) says about it: an
    undated article naming no year is taken for a recent report (``day_floor``); a dated one
    long before the present matches no undated material (``long_before``)."""
    if not recent or (feats.day is None and feats.year_floor is not None):
        return feats
    latest = latest_event_day(conn)
    if latest is None:
        return feats
    if feats.day is None:
        return dataclasses.replace(feats, day_floor=latest - recent)
    if feats.day < latest - recent:
        return dataclasses.replace(feats, long_before=True)
    return feats


def _best_event(
    conn: Connection,
    feats: Features,
    terms: dict[str, float],
    ents: dict[str, float],
    top: list[str],
    eo: EventOptions,
) -> tuple[float, Group] | None:
    """The event an article joins online (the best candidate above its threshold), if any."""
    base_need = eo.threshold_for(sum(feats.tf.values()))
    best: tuple[float, Group] | None = None
    for g in candidate_events(conn, feats, top, eo):
        if too_early(feats, g.first_day):
            continue
        s = score(feats.emb, terms, ents, g, eo.weights, feats.places, eo.place_only)
        need = base_need + (
            eo.undated_extra if feats.day is None or g.first_day is None else 0.0
        )
        if s >= need and (best is None or s > best[0]):
            if eo.terms_floor and _few_shared_words(conn, feats, terms, g, eo.terms_floor):
                continue
            best = (s, g)
    return best


def _few_shared_words(
    conn: Connection, feats: Features, terms: dict[str, float], g: Group, floor: float
) -> bool:
    """Does the article share too few words with an event in its own language to report the
    same happening?  In a dense feed every report of the week is alike to the embedding ("the
    campaign"); the happening's own words are not.  Across languages words cannot match: the
    embedding decides there (the event's language is that of its first article)."""
    if cosine_terms(terms, g.terms, g.terms_norm) >= floor:
        return False
    return _db.event_language(conn, g.id) == feats.language


def _retranslation(conn: Connection, eid: str, feats: Features, threshold: float) -> str | None:
    """A member of the event that this article re-translates (near-identical embedding)."""
    if feats.emb is None:
        return None
    best = None
    for aid, vec in _db.member_vectors(conn, eid, _RETRANSLATION_MEMBERS):
        c = float(np.dot(feats.emb, np.frombuffer(vec, dtype=np.float32)))
        if c >= threshold and (best is None or c > best[0]):
            best = (c, aid)
    return best[1] if best else None


def group_fields(store: Store) -> Callable[[str], dict[str, str | None]]:
    """A lookup ``article id -> {event, storyline, duplicate_of}`` for the export."""

    def lookup(aid: str) -> dict[str, str | None]:
        placed = _db.placement(store.db, aid)
        if placed is None:
            return {"event": None, "storyline": None, "duplicate_of": None}
        return {"event": placed.event_id, "storyline": placed.storyline_id,
                "duplicate_of": placed.duplicate_of}  # fmt: skip

    return lookup
