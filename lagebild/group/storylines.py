"""Storylines: events over weeks and months that continue one thread.

A new event is compared with storylines that share one of its telling entities
(looked up through ``storyline_entities``, most recently active first, a bounded
number) and that were active within ``horizon`` days.  Shared actors weigh more
here than for events, and there is no short time window: a storyline may span
years.  Titles and key actors are computed when a storyline is read.
"""

from __future__ import annotations

import json
import logging
import math
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..store import SPEAKERS_OF
import numpy as np

from ._features import Features, add_terms, cosine_terms, day_str, entity_weight
from .events import Group, fetch_many, join_group, load_group, score, shortlist

log = logging.getLogger(__name__)

__all__ = [
    "StorylineOptions",
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


def assign_storyline(
    conn: sqlite3.Connection,
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
        conn.execute(
            "INSERT INTO storylines (id, seq, first_day, last_day, events, emb_sum, n_emb, terms, entities)"
            " VALUES (?,?,?,?,0,NULL,0,'{}','{}')",
            (sid_new, seq, feats.day, feats.day),
        )
        sid = sid_new
    else:
        sid = best[1]
    update_storyline(conn, sid, feats, terms, seq, count=True)
    if opts.merge and best is not None:
        sid = _merge_candidates(conn, sid, passing, cand, seq, opts)
    return sid


def bridge_storylines(
    conn: sqlite3.Connection,
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
    conn: sqlite3.Connection,
    sid: str,
    passing: dict[str, float],
    cand: list[tuple],
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
            for r in cand:
                if r[0] in seen or r[3] is None:
                    continue
                v = np.frombuffer(r[3], dtype=np.float32)
                n = float(np.linalg.norm(v))
                if n and float(np.dot(ge, v)) / n >= opts.merge_direct:
                    others.append((0.0, r[0]))
    for _, other in others:
        sid = late_merge(conn, sid, other, seq, opts)
    return sid


def _scored(
    conn: sqlite3.Connection,
    feats: Features,
    terms: dict[str, float],
    ents: dict[str, float],
    top_entities: list[str],
    opts: StorylineOptions,
) -> tuple[tuple[float, str] | None, dict[str, float], list[tuple]]:
    """The best storyline for an event like ``feats``, every one that passes, the candidates."""
    ids: dict[str, None] = {}
    for ent in top_entities[: opts.lookup_entities]:
        rows = conn.execute(
            "SELECT storyline_id FROM storyline_entities WHERE entity_id = ? ORDER BY seq DESC LIMIT ?",
            (ent, opts.per_entity),
        )
        ids.update((r[0], None) for r in rows)
    if opts.recent_storylines and feats.day is not None:
        # the storylines of the latest events of the last ``recent_days`` days, whatever
        # their entities: a follow-up that names other people (or whose names were not
        # resolved alike) is still found when it comes soon after
        rows = conn.execute(
            "SELECT storyline_id FROM events WHERE last_day BETWEEN ? AND ?"
            " ORDER BY last_day DESC, seq DESC LIMIT ?",
            (feats.day - opts.recent_days, feats.day, opts.recent_storylines),
        )
        ids.update((r[0], None) for r in rows)
    best: tuple[float, str] | None = None
    passing: dict[str, float] = {}  # every storyline the event could continue: late-merge candidates
    cand: list[tuple] = []
    d = feats.day
    for r in fetch_many(conn, "SELECT id, first_day, last_day, emb_sum FROM storylines", list(ids)):
        if (
            d is not None
            and r[1] is not None
            and (d > r[2] + opts.horizon or d < r[1] - opts.horizon)
        ):
            continue
        cand.append(r)
    # Compare with the storylines' latest events, not with their centroids alone: a
    # centroid broadens as a storyline grows and would attract anything on the same broad topic.
    # The centroid (the core) is a second check: a member must resemble the whole thread too.
    events: list[tuple] = []
    last_day = {r[0]: r[2] for r in cand}
    for sid in sorted(r[0] for r in cand):
        events += conn.execute(
            "SELECT id, first_day, last_day, emb_sum FROM events WHERE storyline_id = ?"
            " ORDER BY seq DESC LIMIT ?",
            (sid, opts.recent_events),
        ).fetchall()
    w, po = opts.weights, opts.place_only
    core_ok: dict[str, bool] = {}
    sizes: dict[str, int] = {}
    for eid in shortlist(events, feats.emb, opts.shortlist):
        g = load_group(conn, "events", eid)
        if g is None:
            continue
        sid = g.storyline_id or ""
        s = score(feats.emb, terms, ents, g, w, feats.places, po)
        gap = 0 if d is None or last_day.get(sid) is None else abs(d - last_day[sid])
        s -= opts.decay * gap / 365
        log.debug("storyline %s (event %s) for %s: %.3f", sid, eid, feats.title[:40], s)
        if s < opts.threshold or (best is not None and s <= best[0] and not opts.merge):
            continue
        if sid not in core_ok:
            core = load_group(conn, "storylines", sid)
            sizes[sid] = core.size if core is not None else 1
            core_ok[sid] = core is not None and (
                core.size <= 1
                or cosine_terms(terms, core.terms, core.terms_norm) >= opts.core_terms
            )
        if not core_ok[sid]:
            log.debug("storyline %s: core unlike", sid)
            continue
        if s < opts.threshold + opts.growth * math.log2(max(1, sizes[sid])):
            log.debug("storyline %s: %d events need more", sid, sizes[sid])
            continue
        passing[sid] = max(s, passing.get(sid, s))
        if best is not None and s <= best[0]:
            continue
        best = (s, sid)
    return best, passing, cand


def principal_actors(conn: sqlite3.Connection, g: Group, k: int) -> set[str]:
    """A storyline's ``k`` principal actors: entities by articles naming them x IDF, no places.

    Places are left out: two threads in Koblenz share a place, not a thread.
    """
    ids = sorted(g.entities)
    if not ids:
        return set()
    n_docs = _n_docs(conn)
    df: dict[str, int] = {}
    places: set[str] = set()
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        df.update(conn.execute(f"SELECT entity_id, df FROM entity_df WHERE entity_id IN ({marks})", chunk))
        places.update(r[0] for r in conn.execute(
            f"SELECT id FROM entities WHERE type = 'LOC' AND id IN ({marks})", chunk
        ))  # fmt: skip
    places.update(e for e in ids if e.startswith("lb:loc:"))
    w = {
        e: c * entity_weight(df.get(e, 0), n_docs)
        for e, c in g.entities.items()
        if e not in places
    }
    return {e for e, _ in sorted(w.items(), key=lambda kv: (-kv[1], kv[0]))[:k]}


def late_merge(
    conn: sqlite3.Connection, a: str, b: str, seq: int, opts: StorylineOptions
) -> str:
    """Merge storylines ``a`` and ``b`` when they turn out to be one thread; the surviving id.

    Called when a new event could continue both (its score passes both thresholds and core
    checks).  They merge when, besides, their cores are alike (centroid embedding cosine
    >= ``merge_emb``, TF-IDF cosine of their terms >= ``merge_terms``), they share one of
    their principal actors (places do not count) and they lie within ``merge_window`` days
    of each other.  The older storyline (created first) survives and keeps its id; the other
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
    seq_a = conn.execute("SELECT seq FROM storylines WHERE id = ?", (a,)).fetchone()[0]
    seq_b = conn.execute("SELECT seq FROM storylines WHERE id = ?", (b,)).fetchone()[0]
    keep, gone = (ga, gb) if (seq_a, a) <= (seq_b, b) else (gb, ga)
    merge_storylines(conn, keep, gone, seq)
    log.debug("late merge: %s absorbed %s", keep.id, gone.id)
    return keep.id


def merge_storylines(conn: sqlite3.Connection, keep: Group, gone: Group, seq: int) -> None:
    """Fold storyline ``gone`` into ``keep`` (events, centroid, entity index) and record the redirect."""
    from ..store.redirects import record_redirect
    from .events import MAX_ENTITIES, _json

    emb = keep.emb_sum if gone.emb_sum is None else (
        gone.emb_sum if keep.emb_sum is None else keep.emb_sum + gone.emb_sum
    )
    ents = dict(keep.entities)
    for e, c in gone.entities.items():
        ents[e] = ents.get(e, 0) + c
    if len(ents) > MAX_ENTITIES:
        ents = dict(sorted(ents.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_ENTITIES])
    days = [x for x in (keep.first_day, keep.last_day, gone.first_day, gone.last_day) if x is not None]
    conn.execute(
        "UPDATE storylines SET first_day = ?, last_day = ?, events = events + ?, emb_sum = ?,"
        " n_emb = ?, terms = ?, entities = ? WHERE id = ?",
        (
            min(days) if days else None, max(days) if days else None, gone.size,
            emb.astype(np.float32).tobytes() if emb is not None else None,
            keep.n_emb + gone.n_emb, _json(add_terms(keep.terms, gone.terms)), _json(ents), keep.id,
        ),
    )  # fmt: skip
    conn.execute("UPDATE events SET storyline_id = ? WHERE storyline_id = ?", (keep.id, gone.id))
    conn.execute(
        "INSERT INTO storyline_entities (entity_id, storyline_id, seq)"
        " SELECT entity_id, ?, seq FROM storyline_entities WHERE storyline_id = ?"
        " ON CONFLICT(entity_id, storyline_id) DO UPDATE SET seq = max(seq, excluded.seq)",
        (keep.id, gone.id),
    )
    conn.execute("DELETE FROM storyline_entities WHERE storyline_id = ?", (gone.id,))
    conn.execute("DELETE FROM storylines WHERE id = ?", (gone.id,))
    record_redirect(conn, gone.id, keep.id, seq)


def update_storyline(
    conn: sqlite3.Connection,
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
    conn.executemany(
        "INSERT OR REPLACE INTO storyline_entities (entity_id, storyline_id, seq) VALUES (?,?,?)",
        [(e, sid, seq) for e in feats.entities],
    )


# -- reading -------------------------------------------------------------


def key_actors(conn: sqlite3.Connection, group: Group, n: int = 6) -> list[dict[str, object]]:
    """The entities that matter most for an event or storyline.

    Weighed by how many of its (canonical, newest 200) articles name them, how often,
    whether they are quoted, and how rare they are in the corpus (``USA`` says little).
    """
    import math

    col = "e.storyline_id" if group.id.startswith("st-") else "e.id"
    arts = [r[0] for r in conn.execute(
        f"SELECT g.article_id FROM group_articles g JOIN events e ON e.id = g.event_id WHERE {col} = ?"
        " AND g.duplicate_of IS NULL ORDER BY g.seq DESC LIMIT 200", (group.id,)
    )]  # fmt: skip
    n_docs = _n_docs(conn)
    stats: dict[str, list[float]] = {}
    for aid in arts:
        for eid, cnt in conn.execute(
            "SELECT entity_id, count(*) FROM mentions WHERE article_id = ? GROUP BY entity_id",
            (aid,),
        ):
            st = stats.setdefault(eid, [0, 0, 0])
            st[0] += 1
            st[1] += cnt
        for (eid,) in conn.execute(
            f"SELECT DISTINCT j.value FROM quotes q, {SPEAKERS_OF} j"
            " WHERE q.article_id = ? AND q.speaker_entity IS NOT NULL",
            (aid,),
        ):
            stats.setdefault(eid, [0, 0, 0])[2] += 1
    scored = []
    for eid, (n_art, n_men, n_quoted) in stats.items():
        row = conn.execute(
            "SELECT e.name, e.type, coalesce(d.df, 0) FROM entities e LEFT JOIN entity_df d"
            " ON d.entity_id = e.id WHERE e.id = ?",
            (eid,),
        ).fetchone()
        if row is None:
            continue
        name, typ, df = row
        w = n_art * (1 + math.log(n_men)) * (1 + 0.5 * n_quoted) * entity_weight(df, n_docs) ** 0.5
        scored.append((w, eid, name, typ, n_art))
    scored.sort(key=lambda x: (-x[0], x[1]))
    return [{"id": e, "name": nm, "type": t, "articles": c} for _, e, nm, t, c in scored[:n]]


def _n_docs(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM group_meta WHERE key = 'docs'").fetchone()
    return row[0] if row else 0


def join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " und " + names[-1]


def storyline_title(conn: sqlite3.Connection, group: Group) -> str:
    """The storyline's (or event's) most representative headline, cleaned (see ``titles``).

    ``Seoul, Tokio und Washington verurteilen den Pjöngjang-Moskau-Pakt``
    """
    from .titles import headline_title

    return headline_title(conn, group)


def list_storylines(
    conn: sqlite3.Connection, *, min_events: int = 1, limit: int = 0
) -> list[dict[str, Any]]:
    """Storylines with their events and canonical articles, oldest first.

    Args:
        min_events: only storylines with at least this many events.
        limit: only the ``limit`` most recently continued storylines (0 = all).
    """
    sql = "SELECT id, first_day, seq FROM storylines WHERE events >= ?"
    args: list[object] = [min_events]
    if limit:
        sql += " ORDER BY last_day IS NULL, last_day DESC, seq DESC LIMIT ?"
        args.append(limit)
    rows = conn.execute(sql, args).fetchall()
    rows.sort(key=lambda r: (r[1] is None, r[1] or 0, r[2]))
    return [describe_storyline(conn, r[0]) for r in rows]


def describe_storyline(conn: sqlite3.Connection, sid: str) -> dict[str, Any]:
    """A storyline with its events; an id merged away (or from an older grouping) resolves to
    the storyline that holds it now (``store/redirects.py``); the answer carries the current id."""
    from ..store.redirects import redirects_to, resolve_storyline

    g = load_group(conn, "storylines", sid)
    if g is None:
        cur = resolve_storyline(conn, sid)
        g = load_group(conn, "storylines", cur) if cur else None
    if g is None:
        raise KeyError(sid)
    sid = g.id
    events = [describe_event(conn, r[0]) for r in conn.execute(
        "SELECT id FROM events WHERE storyline_id = ? ORDER BY first_day IS NULL, first_day, seq", (sid,)
    ).fetchall()]  # fmt: skip
    if any(e["undated"] for e in events):
        from .timelines import storyline_timeline

        for entry in storyline_timeline(conn, sid):
            if entry.date_from == "cross-reference":
                for e in events:
                    if e["id"] == entry.event and e["date"] is None:
                        e["date"] = e["end"] = entry.date
                        e["date_from"] = "cross-reference"
        events.sort(key=lambda e: (e["date"] is None, e["date"] or ""))
    dates = sorted(d for e in events for d in (e["date"], e["end"]) if d)
    return {
        "id": sid,
        "title": storyline_title(conn, g),
        "start": dates[0] if dates else None,
        "end": dates[-1] if dates else None,
        "actors": [a["name"] for a in key_actors(conn, g)],
        "events": events,
        "absorbed": [r["id"] for r in redirects_to(conn, sid)],
    }


def describe_event(conn: sqlite3.Connection, eid: str) -> dict[str, Any]:
    r = conn.execute("SELECT * FROM events WHERE id = ?", (eid,)).fetchone()
    if r is None:
        raise KeyError(eid)
    arts = conn.execute(
        "SELECT article_id, duplicate_of FROM group_articles WHERE event_id = ? ORDER BY seq",
        (eid,),
    ).fetchall()
    return {
        "id": eid,
        "title": r["title"],
        "date": day_str(r["first_day"]),
        "end": day_str(r["last_day"]),
        "storyline": r["storyline_id"],
        "articles": [a[0] for a in arts if a[1] is None],
        "duplicates": {a[0]: a[1] for a in arts if a[1] is not None},
        "undated": r["first_day"] is None,
    }


def entities_json(text: str) -> dict[str, int]:
    return json.loads(text)
