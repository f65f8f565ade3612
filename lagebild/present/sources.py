"""How many independent outlets report an event or a storyline.

Wire copies count once: articles that grouping found to be near-duplicates, an
agency's own copies (source ``dpa``, ``Reuters``, ``AP``, ``AFP`` …), articles
that credit one and the same agency and share most of their wording, and any two
articles whose openings are near-identical are one report.  Every other outlet
(a source name, folded) counts once however many articles it has.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from ..store.outlets import OutletRow, outlet_rows

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["outlet_groups", "independent_outlets", "WIRES"]

# Agencies whose copies are reprinted verbatim; a source of this name is the agency itself.
WIRES = {
    "dpa": "dpa", "deutsche presse-agentur": "dpa", "afp": "AFP", "agence france-presse": "AFP",
    "reuters": "Reuters", "ap": "AP", "associated press": "AP", "the associated press": "AP",
    "apa": "APA", "epd": "epd", "kna": "KNA", "dts": "dts", "efe": "EFE", "ansa": "ANSA",
    "sid": "SID", "xinhua": "Xinhua", "yonhap": "Yonhap", "tass": "TASS", "upi": "UPI",
}  # fmt: skip
_SAME_TEXT = 0.5  # shingle Jaccard of two openings: the same text, whoever printed it
_SAME_WIRE = 0.25  # ... of two articles crediting one and the same single agency: its copy
_SHINGLE = 4


def _outlet(row: OutletRow) -> str:
    name = (row.source or "").casefold().strip()
    name = re.sub(r"^(?:www\.)|\.(?:de|com|net|org|co\.uk|at|ch|fr)$", "", name)
    if name in WIRES:
        return "wire:" + WIRES[name]
    if not name and row.agencies:  # no outlet of its own: the agency's copy
        return "wire:" + WIRES.get(row.agencies[0].casefold(), row.agencies[0])
    return name or f"?{row.article}"  # an unknown source counts on its own


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
        One list per independent report: the outlets (source names, or ``wire:dpa``) whose
        articles are copies of each other or come from the same outlet, sorted.
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
    return sorted(sorted(g) for g in groups.values())


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
