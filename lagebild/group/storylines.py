"""Storylines: events over weeks and months that continue one thread.

A new event is compared with storylines that share one of its telling entities
(looked up through ``storyline_entities``, most recently active first, a bounded
number) and that were active within ``horizon`` days.  Shared actors weigh more
here than for events, and there is no short time window: a storyline may span
years.  Titles and key actors are computed when a storyline is read.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from collections.abc import Callable

import numpy as np

from ..store import grouping as _db
from ..store.grouping import Connection
from ..store.redirects import record_redirect
from ._features import (
    STOP, Features, add_terms, cosine_terms, entity_overlap, entity_weight, stem, too_early,
    words,
)  # fmt: skip
from .describe import (  # the reading side, importable from here as before
    describe_event, describe_storyline, join_names, key_actors, list_storylines, storyline_title,
)  # fmt: skip
from .events import MAX_ENTITIES, Group, join_group, load_group, score, shortlist

log = logging.getLogger(__name__)

__all__ = [
    "StorylineOptions",
    "describe_event",
    "describe_storyline",
    "join_names",
    "assign_storyline",
    "key_actors",
    "storyline_title",
    "list_storylines",
]


@dataclass(slots=True, kw_only=True, frozen=True)
class StorylineOptions:
    """Thresholds of storyline linking.

    Attributes:
        threshold: least score for an event to continue a storyline (after the decay).
        horizon: days after a storyline's last event within which it can be continued.
        weights: embedding, TF-IDF and entity weights of the score.
        place_only: factor on the entity overlap when the only shared entities are places.
        decay: score taken off per 365 days between the event and the storyline's last day.
        merge: late merge: when a new event could continue two storylines, they are merged if
            they turn out to be one thread (see :func:`late_merge`): the event's score with the
            second is >= ``merge_score``, their centroid embeddings have cosine >=
            ``merge_emb`` and their terms >= ``merge_terms``, one of their ``merge_actors``
            principal actors (no places) is shared and they lie within ``merge_window`` days.
        core_terms: least TF-IDF cosine of the event with the storyline's core (the terms of
            all its events): a storyline stays about one thread; a new member that resembles
            its latest event but not the whole does not join (no catch-all chains). Words, not
            the embedding: in a dense feed every report is "election", the embedding and the
            big names match anything, the thread's own words do not.
        growth: the threshold rises by this much per doubling of the storyline's events, so a
            large storyline needs a clearer match to grow further.
        core_growth: ``core_terms`` (and ``actor_core``) rise by this much per doubling of the
            storyline's events: a large storyline's core holds the feed's generic words
            ("delegates", "primary", "voters"), which every report of a campaign matches.
        actor_core, actor_idf, actors: entities as identities.  An event whose core cosine is
            short of ``core_terms`` but >= ``actor_core`` still fits the core when the entities
            among its ``actors`` heaviest that are also among the storyline's ``actors``
            principal actors (places left out) add up to an IDF (``log(N / df)``) of at least
            ``actor_idf`` (see :func:`shared_actors`); 0 switches this off.
        thread_floor, thread_terms, thread_core, thread_headlines, thread_repeat: the thread's
            name.  An event whose score is >= ``thread_floor`` (+ the growth) continues a
            storyline whatever its core cosine when a word of its headline that is among its
            ``thread_terms`` heaviest terms (no person's name) is among the storyline's
            ``thread_core`` heaviest core terms and in at least ``thread_repeat`` of its latest
            ``thread_headlines`` event headlines (see :func:`names_thread`): ``Benghazi`` in
            two reports of the Benghazi thread.  ``thread_floor`` 0 (the default) switches
            this off: on the English dev feed it gained recall at the same cost in precision
            (docs/grouping.md, "Thread words and the happening's own words").
        link, link_threshold: a learned link instead of the hand thresholds above (score
            threshold, growth, core check, actors, thread words): the coefficients of a
            logistic model over :data:`LINK_FEATURES` (:func:`link_features`; fitted on dev gold
            pairs by ``bench/fit_storyline_links.py``, e.g. :data:`LINK_COEF`); an event
            continues the candidate storyline of highest probability when it is
            >= ``link_threshold``.  ``()`` (the default) keeps the hand thresholds.  With
            ``link_core`` the candidate must also pass the core check (``core_terms`` with its
            growth, or the shared actors): the guard against catch-all chains stays.
        merge_identity, identity_events, identity_terms: a late merge also needs the two
            storylines' identities to agree (:func:`identity_overlap` >= ``merge_identity``;
            0 switches this off): the words that the events of each carry (each of its
            latest ``identity_events`` events counts its ``identity_terms`` heaviest terms),
            not only summed terms.  On the English dev feed a catch-all campaign chain grew
            by merges whose summed terms met ``merge_terms`` on generic words ("delegates",
            "superdelegates"), while the fragments of the email thread share what most of
            their events carry ("classified", "emails", "department").  0.2, not 0.15: in one
            arrival order of five, merges at 0.151-0.169 grew a 64-article primary-season chain.
        carried_floor, carried_share, carried_idf, carried_sum, carried_terms,
        carried_background, background_events, background_days: the words a thread's events
            carry.  A dated event whose score with a storyline of >= ``carried_events`` (2)
            events is >=
            ``carried_floor`` (+ the growth) continues it whatever its core cosine when it
            carries what the storyline's events keep carrying (see :func:`carries_thread`):
            among its ``carried_terms`` heaviest terms, those with an IDF >= ``carried_idf``
            that at least ``carried_share`` of the storyline's latest events carry
            (:func:`identity`) add up (IDF x share) to >= ``carried_sum``, counting only
            words that at most ``carried_background`` of the feed's ``background_events``
            latest events of the last ``background_days`` days carry (its own included):
            ``Benghazi`` in the Benghazi reports, not ``delegates`` in a primary spring.
            ``carried_floor`` 0 switches this off.
        join_sum, join_idf, join_share, join_carriers, join_days, join_neighbours: once per
            grouping run (not per article), storylines changed in the run are joined with
            storylines that have one of the ``join_neighbours`` latest events within
            ``join_days`` days of their own days (read through the events' day index) whose events
            carry the same rare words: words with an IDF >= ``join_idf`` that at least
            ``join_share`` of the latest events of each carry, and at least ``join_carriers``
            events of one of them, summing (IDF x the smaller share) to >= ``join_sum``
            (``lagebild.group.joins``); 0 switches this off.
        recent_events: the storyline's latest events compared with.
        recent_storylines: besides the storylines sharing a telling entity, those of the
            latest ``recent_storylines`` events of the last ``recent_days`` days are
            candidates (a follow-up that names other people, or whose names were resolved
            differently: the two eBay reports of the "Papst-Golf" three days apart).
    """

    threshold: float = 0.24
    horizon: int = 400
    per_entity: int = 20
    lookup_entities: int = 10
    shortlist: int = 25
    recent_events: int = 5
    weights: tuple[float, float, float] = (0.3, 0.5, 0.2)
    place_only: float = 0.5
    decay: float = 0.1
    core_terms: float = 0.2
    growth: float = 0.03
    recent_storylines: int = 25
    recent_days: int = 30
    merge: bool = True
    merge_on_join: bool = True
    merge_score: float = 0.24
    merge_emb: float = 0.75
    merge_terms: float = 0.2
    merge_window: int = 90
    merge_direct: float = 0.9
    merge_actors: int = 5
    core_growth: float = 0.02
    actor_core: float = 0.1
    actor_idf: float = 2.5
    actors: int = 8
    thread_floor: float = 0.0
    thread_terms: int = 10
    thread_core: int = 20
    thread_headlines: int = 30
    thread_repeat: int = 2
    link: tuple[float, ...] = ()
    link_threshold: float = 0.5
    link_core: bool = True
    merge_identity: float = 0.2
    identity_events: int = 30
    identity_terms: int = 20
    carried_floor: float = 0.22
    carried_share: float = 0.67
    carried_idf: float = 2.5
    carried_sum: float = 1.5
    carried_terms: int = 20
    carried_events: int = 2
    carried_background: int = 1
    background_events: int = 60
    background_days: int = 30
    join_sum: float = 3.0
    join_idf: float = 3.0
    join_share: float = 0.67
    join_carriers: int = 3
    join_days: int = 14
    join_neighbours: int = 500


def assign_storyline(
    conn: Connection,
    feats: Features,
    terms: dict[str, float],
    ents: dict[str, float],
    top_entities: list[str],
    seq: int,
    sid_new: str,
    opts: StorylineOptions,
) -> str:
    """The storyline a new event (first article ``feats``) continues; creates one if none fits."""
    best, passing, cand = _scored(conn, feats, terms, ents, top_entities, opts)
    if best is None:
        _db.insert_storyline(conn, sid_new, seq, feats.day)
        sid = sid_new
    else:
        sid = best[1]
    update_storyline(conn, sid, feats, terms, seq, count=True)
    if opts.merge and best is not None:
        sid = _merge_candidates(conn, sid, passing, cand, seq, opts)
    return sid


def bridge_storylines(
    conn: Connection,
    sid: str,
    feats: Features,
    terms: dict[str, float],
    ents: dict[str, float],
    top_entities: list[str],
    seq: int,
    opts: StorylineOptions,
) -> str:
    """After an article joined an event of storyline ``sid``: the storylines it could continue
    as well are late-merge candidates (an event's storyline is chosen by its first article;
    a later report of the same happening may show that it belongs to an older thread).
    Returns the surviving storyline id."""
    if not opts.merge or not opts.merge_on_join:
        return sid
    _, passing, cand = _scored(conn, feats, terms, ents, top_entities, opts)
    return _merge_candidates(conn, sid, passing, cand, seq, opts)


def _merge_candidates(
    conn: Connection,
    sid: str,
    passing: dict[str, float],
    cand: list[_db.Head],
    seq: int,
    opts: StorylineOptions,
) -> str:
    others = sorted(
        ((v, k) for k, v in passing.items() if k != sid and v >= opts.merge_score),
        key=lambda kv: (-kv[0], kv[1]),
    )
    if opts.merge_direct:
        # storylines whose whole centroid is close to the grown one (no bridging event
        # needed); the candidates are those already fetched: bounded
        g = load_group(conn, "storylines", sid)
        ge = g.emb if g is not None else None
        if ge is not None:
            seen = {k for _, k in others} | {sid}
            for h in cand:
                if h.id in seen or h.emb_sum is None:
                    continue
                v = np.frombuffer(h.emb_sum, dtype=np.float32)
                n = float(np.linalg.norm(v))
                if n and float(np.dot(ge, v)) / n >= opts.merge_direct:
                    others.append((0.0, h.id))
    for _, other in others:
        sid = late_merge(conn, sid, other, seq, opts)
    return sid


def _scored(
    conn: Connection,
    feats: Features,
    terms: dict[str, float],
    ents: dict[str, float],
    top_entities: list[str],
    opts: StorylineOptions,
) -> tuple[tuple[float, str] | None, dict[str, float], list[_db.Head]]:
    """The best storyline for an event like ``feats``, every one that passes, the candidates."""
    cand, last_day, groups = _candidates(conn, feats, top_entities, opts)
    if opts.link:
        best, passing = _linked(conn, feats, terms, ents, groups, last_day, opts)
        return best, passing, cand
    d = feats.day
    w, po = opts.weights, opts.place_only
    core_ok: dict[str, bool] = {}
    named: dict[str, bool] = {}
    sizes: dict[str, int] = {}
    cores: dict[str, Group | None] = {}
    best: tuple[float, str] | None = None
    passing: dict[str, float] = {}  # every storyline the event could continue: late-merge candidates
    mine = thread_words(feats, terms, opts.thread_terms) if opts.thread_floor else frozenset()
    floor = min(opts.threshold, opts.thread_floor) if mine else opts.threshold
    carried: dict[str, bool] = {}
    idf: dict[str, float] | None = None
    around: list[dict[str, int]] = []

    def near() -> dict[str, int]:  # the feed around the event, read once when first needed
        if not around:
            around.append(local_carriers(conn, idf or {}, feats.day, opts))
        return around[0]

    if opts.carried_floor:
        floor = min(floor, opts.carried_floor)
    for g in groups:
        eid = g.id
        sid = g.storyline_id or ""
        if too_early(feats, last_day.get(sid, g.first_day)):
            continue
        s = score(feats.emb, terms, ents, g, w, feats.places, po)
        gap = 0 if d is None or last_day.get(sid) is None else abs(d - last_day[sid])
        s -= opts.decay * gap / 365
        log.debug("storyline %s (event %s) for %s: %.3f", sid, eid, feats.title[:40], s)
        if s < floor or (best is not None and s <= best[0] and not opts.merge):
            continue
        if sid not in cores:
            core = cores[sid] = load_group(conn, "storylines", sid)
            sizes[sid] = core.size if core is not None else 1
        core = cores[sid]
        grow = opts.growth * math.log2(max(1, sizes[sid]))
        fits = False
        if s >= opts.threshold + grow:
            if sid not in core_ok:
                core_ok[sid] = core is not None and (
                    core.size <= 1 or _core_fits(conn, feats, ents, core, terms, opts)
                )
            fits = core_ok[sid]
            if not fits:
                log.debug("storyline %s: core unlike", sid)
        elif s < opts.threshold:
            log.debug("storyline %s: %d events need more", sid, sizes[sid])
        if not fits and mine and core is not None and s >= opts.thread_floor + grow:
            # the thread's own name: a headline word of the event that also heads the
            # storyline's reports and weighs in both (``Benghazi``, ``Indiana``, ``DNC``)
            if sid not in named:
                named[sid] = bool(names_thread(conn, core, mine, feats.german, opts))
            fits = named[sid]
        if (
            not fits and opts.carried_floor and core is not None
            and core.size >= opts.carried_events and feats.day is not None
            and s >= opts.carried_floor + grow
        ):
            # the thread's own words: what most of its events carry, rare in the feed
            if sid not in carried:
                if idf is None:
                    idf = term_idf(conn, terms, opts.carried_terms)
                carried[sid] = carries_thread(conn, core, idf, opts, near) >= opts.carried_sum
            fits = carried[sid]
        if not fits:
            continue
        passing[sid] = max(s, passing.get(sid, s))
        if best is not None and s <= best[0]:
            continue
        best = (s, sid)
    return best, passing, cand


def _candidates(
    conn: Connection, feats: Features, top_entities: list[str], opts: StorylineOptions
) -> tuple[list[_db.Head], dict[str, int | None], list[Group]]:
    """The candidate storylines of an event like ``feats`` (heads), their last days, and the
    centroids of their latest events nearest to it (the shortlist that is scored)."""
    d = feats.day
    heads = _db.storyline_candidates(
        conn, top_entities[: opts.lookup_entities], per_entity=opts.per_entity,
        # the storylines of the latest events of the last ``recent_days`` days, whatever
        # their entities: a follow-up that names other people (or whose names were not
        # resolved alike) is still found when it comes soon after
        recent_days=(d - opts.recent_days, d) if opts.recent_storylines and d is not None else None,
        recent=opts.recent_storylines,
    )  # fmt: skip
    cand: list[_db.Head] = []
    for h in heads:
        if d is not None and h.first_day is not None:
            last = h.last_day if h.last_day is not None else h.first_day
            if d > last + opts.horizon or d < h.first_day - opts.horizon:
                continue
        cand.append(h)
    # Compare with the storylines' latest events, not with their centroids alone: a
    # centroid broadens as a storyline grows and would attract anything on the same broad topic.
    # The centroid (the core) is a second check: a member must resemble the whole thread too.
    last_day = {h.id: h.last_day for h in cand}
    events = _db.event_heads_of_storylines(conn, [h.id for h in cand], opts.recent_events)
    groups = _db.load_centroids(conn, "events", shortlist(events, feats.emb, opts.shortlist))
    return cand, last_day, groups


# The learned link (issue 12 §2): what is known about an event and one candidate storyline.
LINK_FEATURES = (
    "bias",  # 1
    "emb",  # highest embedding cosine with the storyline's latest events (shortlisted)
    "terms",  # highest TF-IDF cosine with them
    "entities",  # highest entity overlap with them (a shared place alone counts half)
    "core_terms",  # TF-IDF cosine with the storyline's core (the terms of all its events)
    "core_emb",  # embedding cosine with the storyline's centroid
    "actors",  # IDF of the event's telling non-place entities x share of the storyline naming them
    "headline",  # words of the event's headline among the core's 20 heaviest terms (at most 3)
    "log_size",  # log2 of the storyline's events
    "gap_years",  # years between the event and the storyline's last day
)
# Coefficients fitted by ``bench/fit_storyline_links.py`` (docs/grouping.md, "A learned link").
LINK_COEF: tuple[float, ...] = ()


def link_features(
    conn: Connection,
    feats: Features,
    terms: dict[str, float],
    ents: dict[str, float],
    groups: list[Group],
    last_day: dict[str, int | None],
    opts: StorylineOptions,
) -> dict[str, tuple[float, list[float]]]:
    """Per candidate storyline (those of the shortlisted events ``groups``): the hand score of
    its best event (decayed, as the threshold path computes it) and the :data:`LINK_FEATURES`.

    One statement (the storylines' centroids); no statement per candidate.
    """
    d = feats.day
    best: dict[str, list[float]] = {}  # sid -> [score, emb, terms, entities]
    w, po = opts.weights, opts.place_only
    for g in groups:
        sid = g.storyline_id or ""
        ge = g.emb
        c_emb = float(np.dot(feats.emb, ge)) if feats.emb is not None and ge is not None else 0.0
        c_tf = cosine_terms(terms, g.terms, g.terms_norm)
        c_ent = entity_overlap(ents, g.entities, feats.places, po)
        s = score(feats.emb, terms, ents, g, w, feats.places, po)
        ld = last_day.get(sid)
        gap = 0 if d is None or ld is None else abs(d - ld)
        s -= opts.decay * gap / 365
        cur = best.get(sid)
        if cur is None:
            best[sid] = [s, c_emb, c_tf, c_ent]
        else:
            cur[0], cur[1], cur[2], cur[3] = (
                max(cur[0], s), max(cur[1], c_emb), max(cur[2], c_tf), max(cur[3], c_ent)
            )
    if not best:
        return {}
    # the event's telling actors: its heaviest non-place entities with their IDF
    actors = sorted((e for e in ents if e not in feats.places), key=lambda e: (-ents[e], e))
    idf = {
        e: max(0.0, ents[e] / math.sqrt(max(1, feats.entities.get(e, 1))) - 1.0)
        for e in actors[: opts.actors]
    }
    head = _headline_words(feats.title, feats.german) if feats.title else set()
    out: dict[str, tuple[float, list[float]]] = {}
    for core in _db.load_centroids(conn, "storylines", sorted(best)):
        s, c_emb, c_tf, c_ent = best[core.id]
        ce = core.emb
        core_emb = float(np.dot(feats.emb, ce)) if feats.emb is not None and ce is not None else 0.0
        n_art = max(1, core.n_emb, max(core.entities.values(), default=1))
        act = sum(v * min(1.0, core.entities.get(e, 0) / n_art) for e, v in idf.items())
        top = {_thread_norm(t, feats.german) for t in heaviest(core.terms, 20)}
        ld = last_day.get(core.id)
        gap = 0 if d is None or ld is None else abs(d - ld)
        x = [
            1.0, c_emb, c_tf, c_ent, cosine_terms(terms, core.terms, core.terms_norm), core_emb,
            act, float(min(3, len(head & top))), math.log2(max(1, core.size)), gap / 365,
        ]  # fmt: skip
        out[core.id] = (s, x)
    return out


def link_probability(coef: tuple[float, ...], x: list[float]) -> float:
    """The learned link's probability that an event continues a storyline (features ``x``)."""
    z = sum(c * v for c, v in zip(coef, x, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _linked(
    conn: Connection,
    feats: Features,
    terms: dict[str, float],
    ents: dict[str, float],
    groups: list[Group],
    last_day: dict[str, int | None],
    opts: StorylineOptions,
) -> tuple[tuple[float, str] | None, dict[str, float]]:
    """The learned link: the candidate of highest probability >= ``link_threshold`` (ties by
    id); every candidate above it is a late-merge candidate (with its hand score)."""
    best: tuple[float, str] | None = None
    passing: dict[str, float] = {}
    rows = link_features(conn, feats, terms, ents, groups, last_day, opts)
    for sid, (s, x) in sorted(rows.items()):
        p = link_probability(opts.link, x)
        log.debug("storyline %s for %s: link %.3f", sid, feats.title[:40], p)
        if p < opts.link_threshold or (best is not None and p <= best[0] and not opts.merge):
            continue
        if opts.link_core:
            core = load_group(conn, "storylines", sid)
            if core is None or (
                core.size > 1 and not _core_fits(conn, feats, ents, core, terms, opts)
            ):
                continue
        passing[sid] = s
        if best is None or p > best[0]:
            best = (p, sid)
    return best, passing


def _core_fits(
    conn: Connection,
    feats: Features,
    ents: dict[str, float],
    core: Group,
    terms: dict[str, float],
    opts: StorylineOptions,
) -> bool:
    """Does the event resemble the storyline's core: its words, or its words a little and its
    telling principal actors (a report on Pagliano's immunity shares `Comey` and `FBI` with the
    email thread, few of its words)."""
    c = cosine_terms(terms, core.terms, core.terms_norm)
    grow = opts.core_growth * math.log2(max(1, core.size))
    if c >= opts.core_terms + grow:
        return True
    if not opts.actor_idf or c < opts.actor_core + grow:
        return False
    return shared_actors(conn, feats, ents, core, opts.actors) >= opts.actor_idf


def _thread_norm(word: str, german: bool) -> str:
    """A term as thread words are matched: German terms are stems already, English plurals
    lose their ``s`` (``emails`` / ``email``) — here only, not in TF-IDF (there it merged
    different happenings)."""
    if german or len(word) < 5 or not word.endswith("s") or word.endswith("ss"):
        return word
    return word[:-1]


def _headline_words(title: str, german: bool) -> set[str]:
    return {
        _thread_norm(stem(w) if german else w, german) for w in words(title) if w not in STOP
    }


def thread_words(feats: Features, terms: dict[str, float], k: int) -> frozenset[str]:
    """The words a new event may name its thread by: words of its headline that are among its
    ``k`` heaviest TF-IDF terms, the names of persons it mentions left out (a person is a
    thread's actor, not its name: ``Kasich`` heads every report on Kasich)."""
    if not k or not feats.title:
        return frozenset()
    g = feats.german
    top = {_thread_norm(t, g) for t in heaviest(terms, k)}
    people = {
        _thread_norm(stem(w) if g else w, g)
        for e in feats.persons
        for w in words(feats.names.get(e, ""))
    }
    return frozenset((_headline_words(feats.title, g) & top) - people)


def names_thread(
    conn: Connection, core: Group, mine: frozenset[str], german: bool, opts: StorylineOptions
) -> set[str]:
    """The thread words (:func:`thread_words` of a new event) that name storyline ``core`` as
    well: among the ``thread_core`` heaviest terms of its core and in at least
    ``thread_repeat`` of its latest ``thread_headlines`` event headlines (a word that headed
    one report names a happening; one that heads two names a thread).  One bounded query."""
    top = {
        _thread_norm(t, german)
        for t in heaviest(core.terms, opts.thread_core)
    }
    shared = mine & top
    if not shared:
        return set()
    seen: dict[str, int] = {}
    for title in _db.storyline_headlines(conn, core.id, opts.thread_headlines):
        for w in _headline_words(title, german) & shared:
            seen[w] = seen.get(w, 0) + 1
    return {w for w, n in seen.items() if n >= opts.thread_repeat}


def shared_actors(
    conn: Connection, feats: Features, ents: dict[str, float], g: Group, k: int
) -> float:
    """How telling the principal actors are that an event and a storyline share: the IDF
    (``log(N / df)``, 0 for an entity in every article) summed over the entities that are among
    the event's ``k`` heaviest and among the storyline's ``k`` principal actors, places left out.

    Entities as identities: ``James Comey`` and ``FBI`` in an email report and an email thread
    add up, ``Hillary Clinton`` (in most articles of an election feed) adds almost nothing, and a
    shared place adds nothing.
    """
    mine = sorted((e for e in ents if e not in feats.places), key=lambda e: (-ents[e], e))[:k]
    if not mine or not g.entities:
        return 0.0
    theirs = principal_actors(conn, g, k)
    shared = [e for e in mine if e in theirs]
    if not shared:
        return 0.0
    n_docs = _db.counter(conn, "docs")
    df = _db.entity_df(conn, shared)
    return sum(math.log((n_docs + 1) / (df.get(e, 0) + 1)) for e in shared)


def principal_actors(conn: Connection, g: Group, k: int) -> set[str]:
    """A storyline's ``k`` principal actors: entities by articles naming them x IDF, no places.

    Places are left out: two threads in Koblenz share a place, not a thread.
    """
    ids = sorted(g.entities)
    if not ids:
        return set()
    n_docs = _db.counter(conn, "docs")
    df = _db.entity_df(conn, ids)
    places = _db.places_among(conn, ids)
    places.update(e for e in ids if e.startswith("lb:loc:"))
    w = {
        e: c * entity_weight(df.get(e, 0), n_docs)
        for e, c in g.entities.items()
        if e not in places
    }
    return set(heaviest(w, k))


def late_merge(
    conn: Connection, a: str, b: str, seq: int, opts: StorylineOptions
) -> str:
    """Merge storylines ``a`` and ``b`` when they turn out to be one thread; the surviving id.

    Called when a new event could continue both (its score passes both thresholds and core
    checks).  They merge when, besides, their cores are alike (centroid embedding cosine
    >= ``merge_emb``, TF-IDF cosine of their terms >= ``merge_terms``), they share one of
    their principal actors (places do not count), their identities agree (the words their
    events carry, :func:`identity_overlap` >= ``merge_identity``) and they lie within
    ``merge_window`` days of each other.  The older storyline (created first) survives and keeps its id; the other
    one's id is recorded as a redirect to it (``store/redirects.py``), so a bookmark keeps
    resolving.  Cost: the absorbed storyline's event rows are moved (indexed), nothing scans
    other storylines.
    """
    ga, gb = load_group(conn, "storylines", a), load_group(conn, "storylines", b)
    if ga is None or gb is None:
        return a
    if None not in (ga.first_day, gb.first_day):
        gap = max(ga.first_day, gb.first_day) - min(ga.last_day, gb.last_day)  # type: ignore[type-var,operator]
        if gap > opts.merge_window:
            return a
    ea, eb = ga.emb, gb.emb
    if ea is not None and eb is not None and float(np.dot(ea, eb)) < opts.merge_emb:
        return a
    if cosine_terms(ga.terms, gb.terms, gb.terms_norm) < opts.merge_terms:
        return a
    if not principal_actors(conn, ga, opts.merge_actors) & principal_actors(conn, gb, opts.merge_actors):
        return a
    if opts.merge_identity and identity_overlap(conn, ga, gb, opts) < opts.merge_identity:
        # the cores share generic words ("delegates", "primary"), not what their events carry
        return a
    seq_a, seq_b = _db.storyline_seq(conn, a), _db.storyline_seq(conn, b)
    keep, gone = (ga, gb) if (seq_a, a) <= (seq_b, b) else (gb, ga)
    merge_storylines(conn, keep, gone, seq)
    log.debug("late merge: %s absorbed %s", keep.id, gone.id)
    return keep.id


def identity(conn: Connection, g: Group, opts: StorylineOptions) -> dict[str, float]:
    """A storyline's identity: each term that one of its latest ``identity_events`` events
    carries among its ``identity_terms`` heaviest, weighted by the share of those events that
    carry it.  A thread's identity is the few words most of its events share ("emails",
    "server", "FBI"); a catch-all chain has none that many of its events share, only a flat
    spread of each event's own words.  One bounded statement (the events' centroids)."""
    heads = _db.event_heads_of_storylines(conn, [g.id], opts.identity_events)
    events = _db.load_centroids(conn, "events", [h.id for h in heads])
    if not events:
        return {}
    carried: dict[str, int] = {}
    for e in events:
        for t in heaviest(e.terms, opts.identity_terms):
            carried[t] = carried.get(t, 0) + 1
    n = len(events)
    return {t: c / n for t, c in carried.items()}


def heaviest(terms: dict[str, float], k: int) -> list[str]:
    """The ``k`` heaviest of weighted ``terms``, equal weights by name."""
    return [t for t, _ in sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


def term_idf(conn: Connection, terms: dict[str, float], k: int) -> dict[str, float]:
    """The IDF (``log(N / df)`` over the feed so far) of an event's ``k`` heaviest terms."""
    top = heaviest(terms, k)
    n_docs = _db.counter(conn, "docs")
    df = _db.term_df(conn, top)
    return {t: math.log((n_docs + 1) / (df.get(t, 0) + 1)) for t in top}


def local_carriers(
    conn: Connection, idf: dict[str, float], day: int | None, opts: StorylineOptions
) -> dict[str, int]:
    """For each term of ``idf``: how many of the feed's ``background_events`` latest events of
    the last ``background_days`` days (any storyline) carry it among their ``identity_terms``
    heaviest.  One bounded statement plus the events' centroids."""
    if day is None:  # not called for an undated event
        return {}
    ids = _db.recent_event_ids(conn, day - opts.background_days, day, opts.background_events)
    out: dict[str, int] = {}
    for e in _db.load_centroids(conn, "events", ids):
        for t in heaviest(e.terms, opts.identity_terms):
            if t in idf:
                out[t] = out.get(t, 0) + 1
    return out


def carries_thread(
    conn: Connection,
    core: Group,
    idf: dict[str, float],
    opts: StorylineOptions,
    around: Callable[[], dict[str, int]] | None = None,
) -> float:
    """How strongly a new event carries what storyline ``core``'s events keep carrying: over
    the event's heaviest terms (``idf``: their IDF) that are rare in the feed (IDF >=
    ``carried_idf``) and that at least ``carried_share`` of the storyline's latest events carry
    (:func:`identity`), the sum of IDF x share.  ``Benghazi`` in every report of the Benghazi
    thread, ``classified`` in the email thread's; a catch-all chain has no word most of its
    events carry, so it attracts nothing this way.  ``around`` (called only when a word
    qualifies): how many of the feed's latest events carry each term (:func:`local_carriers`);
    a word more of them carry than ``carried_background`` does not count."""
    # a word most of the storyline's events carry is among its summed terms: no statement
    # for a storyline that has none of the event's rare words
    rare = {t: v for t, v in idf.items() if v >= opts.carried_idf and t in core.terms}
    if not rare:
        return 0.0
    ident = identity(conn, core, opts)
    rare = {t: v for t, v in rare.items() if ident.get(t, 0.0) >= opts.carried_share}
    if rare and around is not None:
        # rare around it too: a thread's name, not the season's vocabulary (``delegates`` in
        # every report of a primary spring); the storyline's own events count as well, or a
        # catch-all chain that has absorbed the season's reports would hide its vocabulary
        near = around()
        rare = {t: v for t, v in rare.items() if near.get(t, 0) <= opts.carried_background}
    return sum(v * ident[t] for t, v in rare.items())


def identity_events_terms(conn: Connection, g: Group, opts: StorylineOptions) -> list[list[str]]:
    """The ``identity_terms`` heaviest terms of each of the storyline's latest events."""
    heads = _db.event_heads_of_storylines(conn, [g.id], opts.identity_events)
    return [
        heaviest(e.terms, opts.identity_terms)
        for e in _db.load_centroids(conn, "events", [h.id for h in heads])
    ]


def identity_overlap(conn: Connection, a: Group, b: Group, opts: StorylineOptions) -> float:
    """How much two storylines share their identities (:func:`identity`): the cosine of the
    share vectors.  Two fragments of one thread share the words most of their events carry;
    a catch-all chain and a thread it would swallow share a generic word or two."""
    ia, ib = identity(conn, a, opts), identity(conn, b, opts)
    return cosine_terms(ia, ib)


def merge_storylines(conn: Connection, keep: Group, gone: Group, seq: int) -> None:
    """Fold storyline ``gone`` into ``keep`` (events, centroid, entity index) and record the redirect."""
    emb = keep.emb_sum if gone.emb_sum is None else (
        gone.emb_sum if keep.emb_sum is None else keep.emb_sum + gone.emb_sum
    )
    ents = dict(keep.entities)
    for e, c in gone.entities.items():
        ents[e] = ents.get(e, 0) + c
    if len(ents) > MAX_ENTITIES:
        ents = dict(sorted(ents.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_ENTITIES])
    days = [x for x in (keep.first_day, keep.last_day, gone.first_day, gone.last_day) if x is not None]
    _db.fold_storyline(
        conn, keep.id, gone.id, first_day=min(days) if days else None,
        last_day=max(days) if days else None, grow=gone.size, emb_sum=emb,
        n_emb=keep.n_emb + gone.n_emb, terms=add_terms(keep.terms, gone.terms), entities=ents,
    )  # fmt: skip
    record_redirect(conn, gone.id, keep.id, seq)


def update_storyline(
    conn: Connection,
    sid: str,
    feats: Features,
    terms: dict[str, float],
    seq: int,
    *,
    count: bool,
) -> None:
    g = load_group(conn, "storylines", sid)
    assert g is not None
    join_group(conn, "storylines", g, feats, terms, count=count)
    _db.touch_storyline_entities(conn, sid, feats.entities, seq)
