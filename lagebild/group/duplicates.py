"""Near-duplicates: MinHash signatures over word 4-shingles, LSH bands in SQLite.

Only canonical articles put their band hashes into ``dup_bands``; a duplicate
points at its canonical member.  So a thousand copies of one agency report
still find one candidate each, and the lookup costs the same at any corpus size.
"""

from __future__ import annotations

import sqlite3

import numpy as np

from ._features import BANDS, Features, jaccard

__all__ = ["DUPLICATE_JACCARD", "find_duplicate", "index_bands", "duplicates_of"]

# Estimated Jaccard of 4-shingle sets above which two texts are one article (agency copy,
# light edits, a changed byline).  Independent re-translations share far fewer shingles and
# are caught by the embedding rule in events.py instead.
DUPLICATE_JACCARD = 0.6
_MAX_CANDIDATES = 50


def find_duplicate(conn: sqlite3.Connection, feats: Features) -> tuple[str, float] | None:
    """The canonical article this one copies, with the estimated Jaccard, or None."""
    if feats.minhash is None:
        return None
    rows = conn.execute(
        "SELECT DISTINCT article_id FROM dup_bands WHERE "
        + " OR ".join("(band = ? AND hash = ?)" for _ in range(BANDS))
        + f" LIMIT {_MAX_CANDIDATES}",
        [x for b, h in enumerate(feats.bands) for x in (b, h)],
    ).fetchall()
    best: tuple[str, float] | None = None
    for (aid,) in rows:
        r = conn.execute(
            "SELECT minhash FROM group_articles WHERE article_id = ?", (aid,)
        ).fetchone()
        if r is None or r[0] is None:
            continue
        j = jaccard(feats.minhash, np.frombuffer(r[0], dtype=np.uint64))
        if j >= DUPLICATE_JACCARD and (best is None or (j, aid) > (best[1], best[0])):
            best = (aid, j)
    return best


def index_bands(conn: sqlite3.Connection, article_id: str, feats: Features) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO dup_bands (band, hash, article_id) VALUES (?,?,?)",
        [(b, h, article_id) for b, h in enumerate(feats.bands)],
    )


def duplicates_of(conn: sqlite3.Connection, article_id: str) -> list[str]:
    """Ids of the articles recorded as duplicates of a canonical one."""
    return [
        r[0]
        for r in conn.execute(
            "SELECT article_id FROM group_articles WHERE duplicate_of = ? ORDER BY seq",
            (article_id,),
        )
    ]
