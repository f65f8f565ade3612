"""How many independent outlets report an event or a storyline.

Wire copies count once: articles that grouping found to be near-duplicates, an
agency's own copies (source ``dpa``, ``Reuters``, ``AP``, ``AFP`` …), articles
that credit one and the same agency and share most of their wording, and any two
articles whose openings are near-identical are one report.  Every other outlet
(a source name, folded) counts once however many articles it has.

Articles without a known source (no source name, no URL host, no agency credit; a host
stands for the outlet as in the briefing's citations) are compared like any
other: one that copies a known outlet's text is that outlet's report.  Those left over count
as at most one outlet together, named ``UNKNOWN`` (``?``): a feed that names no outlet (six
WikiNews files) is not six voices, and the analyst cannot tell two unnamed outlets apart.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from ..store import grouping as _grouping
from ..store.outlets import OutletRow, group_members, outlet_heads, outlet_rows

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["outlet_groups", "independent_counts", "independent_outlets", "most_independent", "store_sources",
           "WIRES", "UNKNOWN"]

# Agencies whose copies are reprinted verbatim; a source of this name is the agency itself.
WIRES = {
    "dpa": "dpa", "deutsche presse-agentur": "dpa", "afp": "AFP", "agence france-presse": "AFP",
    "reuters": "Reuters", "ap": "AP", "associated press": "AP", "the associated press": "AP",
    "apa": "APA", "epd": "epd", "kna": "KNA", "dts": "dts", "efe": "EFE", "ansa": "ANSA",
    "sid": "SID", "xinhua": "Xinhua", "yonhap": "Yonhap", "tass": "TASS", "upi": "UPI",
}  # fmt: skip
UNKNOWN = "?"  # the outlet name of the articles without a known source, all of them together
_SAME_TEXT = 0.5  # shingle Jaccard of two openings: the same text, whoever printed it
_SAME_WIRE = 0.25  # ... of two articles crediting one and the same single agency: its copy
_SHINGLE = 4


def _outlet(row: OutletRow) -> str:
    name = (row.source or "").casefold().strip() or _host(row.url)
    name = re.sub(r"^(?:www\.)|\.(?:de|com|net|org|co\.uk|at|ch|fr)$", "", name)
    if name in WIRES:
        return "wire:" + WIRES[name]
    if not name and row.agencies:  # no outlet of its own: the agency's copy
        return "wire:" + WIRES.get(row.agencies[0].casefold(), row.agencies[0])
    return name or UNKNOWN


def _host(url: str | None) -> str:
    """The host of a URL without ``www.`` (as a citation names an article without a source)."""
    host = urlsplit(url or "").hostname or ""
    return host[4:] if host.startswith("www.") else host


def _shingles(text: str) -> frozenset[int]:
    """The text's word 4-grams, each as its hash (a text of fewer words: its words as one).

    Hashes, not the tuples: a tuple's hash is computed again at every set operation, which
    made the comparisons of a ranking cost five times as much.
    """
    w = re.findall(r"\w+", text.casefold())
    if len(w) < _SHINGLE:
        return frozenset([hash(tuple(w))] if w else [])
    return frozenset(map(hash, zip(*(w[i:] for i in range(_SHINGLE)), strict=False)))


def _jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


_PAIRWISE = 200  # up to this many articles every pair is compared; beyond, shared shingles find the pairs


def _same_report(a: OutletRow, b: OutletRow, sim: float) -> bool:
    wire = len(a.agencies) == 1 and len(b.agencies) == 1 and a.agencies[0].casefold() == b.agencies[0].casefold()
    return sim >= _SAME_TEXT or (wire and sim >= _SAME_WIRE)


def _similar_pairs(
    rows: list[OutletRow], shingles: dict[str, frozenset[int]], apart: Callable[[int, int], bool]
) -> Iterator[tuple[int, int, float]]:
    """(i, j, Jaccard) for the pairs of ``rows`` still ``apart(i, j)`` that share a shingle.

    Up to :data:`_PAIRWISE` rows every pair still apart is compared; beyond, an inverted
    index counts the shared shingles of each pair, so a storyline of 1 000 articles costs
    its shingles, not its half million pairs (pairs that share nothing could join nothing).
    """
    sets = [shingles.get(r.article, frozenset()) for r in rows]
    if len(rows) <= _PAIRWISE:
        for i in range(len(rows)):
            for j in range(i + 1, len(rows)):
                if apart(i, j):
                    yield i, j, _jaccard(sets[i], sets[j])
        return
    postings: dict[int, list[int]] = {}
    for i, sh in enumerate(sets):
        for x in sh:
            postings.setdefault(x, []).append(i)
    for i, sh in enumerate(sets):
        shared: dict[int, int] = {}
        for x in sh:
            for j in postings[x]:
                if j > i:
                    shared[j] = shared.get(j, 0) + 1
        for j, n in shared.items():
            if apart(i, j):
                yield i, j, n / (len(sh) + len(sets[j]) - n)


def _partition(rows: list[OutletRow], shingles: dict[str, frozenset[int]] | None) -> list[list[str]]:
    """:func:`outlet_groups` of rows already read; ``shingles`` None: without the copy checks."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    keys = {r.article: _outlet(r) for r in rows}
    for r in rows:
        if keys[r.article] != UNKNOWN:  # unknown ones are joined below, after the copy checks
            union(r.article, "outlet:" + keys[r.article])  # one outlet, one voice
        if r.duplicate_of:
            union(r.article, r.duplicate_of)
            union(r.duplicate_of, r.duplicate_of)
    if shingles is not None:
        def apart(i: int, j: int) -> bool:
            return find(rows[i].article) != find(rows[j].article)

        for i, j, sim in _similar_pairs(rows, shingles, apart):
            if _same_report(rows[i], rows[j], sim):
                union(rows[i].article, rows[j].article)
    groups: dict[str, set[str]] = {}
    for r in rows:
        groups.setdefault(find(r.article), set()).add(keys[r.article])
    # the reports of unknown outlets only, that copy no known one: together one outlet at most
    known = [g for g in groups.values() if g != {UNKNOWN}]
    if len(known) < len(groups):
        known.append({UNKNOWN})
    return sorted(sorted(g) for g in known)


def outlet_groups(store: Store, article_ids: list[str]) -> list[list[str]]:
    """The articles grouped into independent reports, each group a list of outlet names.

    Args:
        store: the store to read (a raw connection is still accepted).
        article_ids: the articles of an event or storyline (duplicates may be included).

    Returns:
        One list per independent report: the outlets (source names, ``wire:dpa``, or
        ``UNKNOWN`` for articles without a known source) whose articles are copies of each other
        or come from the same outlet, sorted; the articles of no known outlet that copy no known
        one are one report ``[UNKNOWN]``.
    """
    rows = outlet_rows(store_connection(store), article_ids)
    return _partition(rows, {r.article: _shingles(r.head) for r in rows})


def independent_outlets(store: Store, article_ids: list[str]) -> int:
    """How many independent outlets report these articles (wire copies counted once)."""
    return independent_counts(store, {"": article_ids})[""]


def independent_counts(
    store: Store, groups: Mapping[str, list[str]], memo: MutableMapping[str, tuple[Any, int]] | None = None,
    rows: Mapping[str, OutletRow] | None = None,
) -> dict[str, int]:
    """:func:`independent_outlets` of many groups at once (every event or storyline of a ranking).

    Each article's outlet is read once (no text); a group whose articles all belong to one
    outlet (or to none known) needs no text and counts 1.  Only the other groups' articles
    have their opening read and shingled, once each however many groups hold them.

    Args:
        store: the store to read.
        groups: group id -> its articles.
        memo: kept between calls (e.g. per web process): group id -> (a hash of its articles'
            outlet rows, its count); a group whose articles and outlets are unchanged is not counted again.
        rows: the articles' outlet rows without text when already read
            (:func:`lagebild.store.outlets.group_members`).

    Returns:
        group id -> independent outlets (0 for a group of no stored article).
    """
    conn = store_connection(store)
    out, pending = _by_outlets(conn, groups, memo, rows)
    out.update(_by_texts(conn, {gid: rows for gid, (rows, _most) in pending.items()}, memo))
    return out


def store_sources(store: Store) -> int:
    """Count and store the independent sources of every event and storyline that has none stored.

    Grouping forgets a group's stored count when it places an article in it or folds a
    storyline into it (``store.grouping.mark_unsourced``, ``update_centroid``); a store written
    before migration 0104 has none.  This counts those groups (each group's articles read once,
    texts only where the outlets alone cannot decide) and writes the counts, so the lists rank
    by a column instead of counting after each store change.  Grouping runs it once per run
    (``group.catch_up``/``rebuild``, ingest, ``load``, ``reenrich``), not per article.

    Returns:
        How many events and storylines were counted.
    """
    done = 0
    for kind in ("event", "storyline"):
        with store.begin() as conn:
            _grouping.lock_grouping(conn)
            ids = _grouping.unsourced(conn, kind)
            if not ids:
                continue
            members, by_id = group_members(conn, kind, ids)
            counts = independent_counts(conn, {gid: members.get(gid, []) for gid in ids}, rows=by_id)
            _grouping.write_sources(conn, kind, counts)
            done += len(counts)
    return done


def most_independent(
    store: Store, groups: Mapping[str, list[str]], tiebreak: Mapping[str, tuple[Any, ...]], need: int,
    memo: MutableMapping[str, tuple[Any, int]] | None = None, rows: Mapping[str, OutletRow] | None = None,
) -> list[tuple[str, int]]:
    """The ``need`` groups with the most independent outlets, most first (equal counts: larger
    ``tiebreak`` first), each with its count: the head of a ranking by independent sources.

    Exact, without counting every group: the outlets alone give each group an upper bound
    (copies can only join outlets); groups are counted in the order of their bounds until the
    ``need``-th best count beats every bound left.  A store of 4 500 events ranked for its
    first page counts a few hundred of them instead of reading and comparing 20 000 texts.
    ``rows``: the articles' outlet rows without text when already read
    (:func:`lagebild.store.outlets.group_members`).
    """
    conn = store_connection(store)
    exact, pending = _by_outlets(conn, groups, memo, rows)
    done = [((n, *tiebreak[gid]), gid, n) for gid, n in exact.items()]
    waiting = sorted(((most, *tiebreak[gid]), gid) for gid, (_rows, most) in pending.items())
    batch = max(need, 16)  # when the outlets alone are right, one batch settles the head
    while waiting:
        done.sort(reverse=True)
        if len(done) >= need and done[need - 1][0] > waiting[-1][0]:
            break  # nothing left can reach the first ``need``
        take, waiting = waiting[-batch:], waiting[:-batch]
        counted = _by_texts(conn, {gid: pending[gid][0] for _key, gid in take}, memo)
        done += [((n, *tiebreak[gid]), gid, n) for gid, n in counted.items()]
        batch *= 2
    done.sort(reverse=True)
    return [(gid, n) for _key, gid, n in done[:need]]


def _by_outlets(
    conn: Any, groups: Mapping[str, list[str]], memo: MutableMapping[str, tuple[Any, int]] | None,
    by_id: Mapping[str, OutletRow] | None = None,
) -> tuple[dict[str, int], dict[str, tuple[list[OutletRow], int]]]:
    """The counts the outlets alone decide (or the memo knows), and for the other groups their
    rows and the outlets-only count, an upper bound of theirs."""
    if by_id is None:
        every = list(dict.fromkeys(a for ids in groups.values() for a in ids))
        by_id = {r.article: r for r in outlet_rows(conn, every, heads=False)}
    out: dict[str, int] = {}
    pending: dict[str, tuple[list[OutletRow], int]] = {}
    for gid, ids in groups.items():
        rows = [by_id[a] for a in dict.fromkeys(ids) if a in by_id]
        key = hash(tuple(rows))  # the hash, not the rows: a memo of every group of a store stays small
        hit = memo.get(gid) if memo is not None else None
        if hit is not None and hit[0] == key:
            out[gid] = hit[1]
            continue
        # the outlets alone: copies can only join these further
        apart = len(rows) if len(rows) <= 1 else len(_partition(rows, None))
        if apart <= 1:
            out[gid] = apart
            if memo is not None:
                memo[gid] = (key, apart)
        else:
            pending[gid] = (rows, apart)
    return out, pending


def _by_texts(
    conn: Any, groups: Mapping[str, list[OutletRow]], memo: MutableMapping[str, tuple[Any, int]] | None
) -> dict[str, int]:
    """The counts with the copy checks: each article's opening read and shingled once."""
    need = list(dict.fromkeys(r.article for rows in groups.values() for r in rows))
    heads = outlet_heads(conn, need) if need else {}
    shingles = {a: _shingles(h) for a, h in heads.items()}
    out = {}
    for gid, rows in groups.items():
        out[gid] = len(_partition(rows, shingles))
        if memo is not None:
            memo[gid] = (hash(tuple(rows)), out[gid])
    return out


def store_connection(store: Store) -> Any:
    """The connection the store modules read through: ``store.db`` (either dialect).

    A connection (SQLAlchemy's, or the raw SQLite driver's) is still accepted as it is.
    """
    return getattr(store, "db", store)


def store_db(store: Store | sa.Connection) -> sa.Connection:
    """The SQLAlchemy connection ``store/briefing.py`` reads through (``store.db``, either dialect)."""
    return store if isinstance(store, sa.Connection) else store.db
