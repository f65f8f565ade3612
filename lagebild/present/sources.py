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
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from ..store.outlets import OutletRow, outlet_rows

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["outlet_groups", "independent_outlets", "WIRES", "UNKNOWN"]

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


def _shingles(text: str) -> set[str]:
    w = re.findall(r"\w+", text.casefold())
    return {" ".join(w[i : i + _SHINGLE]) for i in range(max(1, len(w) - _SHINGLE + 1))} - {""}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


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
    shingles = {r.article: _shingles(r.head) for r in rows}
    for i, a in enumerate(rows):
        for b in rows[i + 1 :]:
            if find(a.article) == find(b.article):
                continue
            sim = _jaccard(shingles[a.article], shingles[b.article])
            wire = (
                len(a.agencies) == 1
                and len(b.agencies) == 1
                and a.agencies[0].casefold() == b.agencies[0].casefold()
            )
            if sim >= _SAME_TEXT or (wire and sim >= _SAME_WIRE):
                union(a.article, b.article)
    groups: dict[str, set[str]] = {}
    for r in rows:
        groups.setdefault(find(r.article), set()).add(keys[r.article])
    # the reports of unknown outlets only, that copy no known one: together one outlet at most
    known = [g for g in groups.values() if g != {UNKNOWN}]
    if len(known) < len(groups):
        known.append({UNKNOWN})
    return sorted(sorted(g) for g in known)


def independent_outlets(store: Store, article_ids: list[str]) -> int:
    """How many independent outlets report these articles (wire copies counted once)."""
    return len(outlet_groups(store, article_ids))


def store_connection(store: Store) -> Any:
    """The connection the store modules read through: ``store.db`` (either dialect).

    A connection (SQLAlchemy's, or the raw SQLite driver's) is still accepted as it is.
    """
    return getattr(store, "db", store)


def store_db(store: Store | sa.Connection) -> sa.Connection:
    """The SQLAlchemy connection ``store/briefing.py`` reads through (``store.db``, either dialect)."""
    return store if isinstance(store, sa.Connection) else store.db
