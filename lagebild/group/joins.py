"""Joining finished storylines whose events carry the same rare words, once per grouping run.

The online step places one event at a time and links it to a storyline by its score, the core
check and the words or actors it shares; fragments of one thread that no single report bridges
stay apart (the reports after the Orlando shooting, the email thread's "classified" reports).
Merging such fragments *during* placement changes every later decision (a larger storyline
asks more of a new member, its core and identity broaden) and cost recall on the English dev
feed; joining them once the run's articles are placed does not.  So this pass runs where the
independent sources are counted (``group.count_sources``: after a rebuild, a catch-up, an
ingest), for the storylines the run changed:

1. each changed storyline's neighbours: the storylines of the latest ``join_neighbours``
   events whose last day comes within ``join_days`` of its days (one indexed statement each,
   bounded whatever the store's size);
2. the identities of all of them (:func:`lagebild.group.storylines.identity`: the share of a
   storyline's latest events that carry each term among their heaviest) and the IDF of the
   words most of their events carry (one statement);
3. a changed storyline and a neighbour are one thread when the rare words (IDF >= ``join_idf``)
   that at least ``join_share`` of the events of each carry, and at least ``join_carriers``
   events of one of them, add up (IDF x the smaller share) to ``join_sum``: a thread's own
   name (``Orlando``, ``Mateen``; ``classified`` in the email reports), not one word two
   single reports happen to share;
4. the pairs are merged in a fixed order (by id), each into the older storyline, as a late
   merge does (``storylines.merge_storylines``: the absorbed id redirects to the survivor).

Decisions use the identities as they were before the pass, so the result does not depend on
the order the pairs are visited in.
"""

from __future__ import annotations

import logging
import math

from ..store import Store
from ..store import grouping as _db
from ..store.grouping import Connection
from .events import Group
from .storylines import StorylineOptions, heaviest, merge_storylines

log = logging.getLogger(__name__)

__all__ = ["join_storylines", "thread_pairs"]


def join_storylines(store: Store, options: StorylineOptions | None = None) -> int:
    """Join the storylines changed since sources were last counted with their neighbours that
    carry the same rare words (see the module docstring).  Returns how many were merged away."""
    opts = options or StorylineOptions()
    if not opts.join_sum:
        return 0
    with store.begin() as conn:
        _db.lock_grouping(conn)
        pairs = thread_pairs(conn, _db.unsourced(conn, "storyline"), opts)
        return _merge_pairs(conn, pairs)


def thread_pairs(
    conn: Connection, changed: list[str], opts: StorylineOptions
) -> list[tuple[str, str]]:
    """The (storyline, neighbour) pairs, ids sorted, that :func:`join_storylines` merges."""
    groups = {g.id: g for g in _db.load_centroids(conn, "storylines", changed)}
    near: dict[str, list[str]] = {}
    for sid in sorted(groups):
        g = groups[sid]
        if g.first_day is None or g.last_day is None:
            continue
        lo, hi = g.first_day - opts.join_days, g.last_day + opts.join_days
        near[sid] = _db.storylines_between(conn, lo, hi, opts.join_neighbours)
    todo = sorted({x for ids in near.values() for x in ids} - set(groups))
    groups.update((g.id, g) for g in _db.load_centroids(conn, "storylines", todo))
    idents = _identities(conn, sorted(groups), opts)
    carried = sorted(
        {t for ident in idents.values() for t, v in ident.items() if v >= opts.join_share}
    )
    n_docs = _db.counter(conn, "docs")
    df = _db.term_df(conn, carried)
    idf = {t: math.log((n_docs + 1) / (df.get(t, 0) + 1)) for t in carried}
    out: set[tuple[str, str]] = set()
    for sid, ids in near.items():
        for other in ids:
            if other == sid or other not in groups:
                continue
            pair = (min(sid, other), max(sid, other))
            if pair in out:
                continue
            if _thread_words(groups[sid], groups[other], idents, idf, opts) >= opts.join_sum:
                out.add(pair)
    return sorted(out)


def _thread_words(
    a: Group,
    b: Group,
    idents: dict[str, dict[str, float]],
    idf: dict[str, float],
    opts: StorylineOptions,
) -> float:
    """IDF x the smaller share, summed over the rare words most events of both carry."""
    ia, ib = idents.get(a.id, {}), idents.get(b.id, {})
    na, nb = min(a.size, opts.identity_events), min(b.size, opts.identity_events)
    total = 0.0
    for t in ia.keys() & ib.keys():
        sa, sb = ia[t], ib[t]
        if min(sa, sb) < opts.join_share or idf.get(t, 0.0) < opts.join_idf:
            continue
        if max(sa * na, sb * nb) < opts.join_carriers - 1e-9:
            continue  # carried by a thread's events, not by two single reports
        total += idf[t] * min(sa, sb)
    return total


def _identities(
    conn: Connection, ids: list[str], opts: StorylineOptions
) -> dict[str, dict[str, float]]:
    """:func:`lagebild.group.storylines.identity` of many storylines in a few statements."""
    heads = _db.event_heads_of_storylines(conn, ids, opts.identity_events)
    carried: dict[str, dict[str, int]] = {}
    count: dict[str, int] = {}
    for e in _db.load_centroids(conn, "events", [h.id for h in heads]):
        sid = e.storyline_id or ""
        count[sid] = count.get(sid, 0) + 1
        mine = carried.setdefault(sid, {})
        for t in heaviest(e.terms, opts.identity_terms):
            mine[t] = mine.get(t, 0) + 1
    return {sid: {t: c / count[sid] for t, c in terms.items()} for sid, terms in carried.items()}


def _merge_pairs(conn: Connection, pairs: list[tuple[str, str]]) -> int:
    """Merge each pair's current storylines (a merged-away id followed to its survivor), each
    into the older one.  Returns how many storylines were merged away."""
    into: dict[str, str] = {}

    def alive(sid: str) -> str:
        while sid in into:
            sid = into[sid]
        return sid

    seq = _db.counter(conn, "articles")
    merged = 0
    for a, b in pairs:
        a, b = alive(a), alive(b)
        if a == b:
            continue
        ga, gb = _db.load_centroids(conn, "storylines", [a, b])
        keep, gone = (
            (ga, gb)
            if (_db.storyline_seq(conn, a), a) <= (_db.storyline_seq(conn, b), b)
            else (gb, ga)
        )
        merge_storylines(conn, keep, gone, seq)
        into[gone.id] = keep.id
        merged += 1
        log.debug("thread words: %s absorbed %s", keep.id, gone.id)
    return merged
