"""Near-duplicates: MinHash signatures over word 4-shingles, LSH bands in the store.

Only canonical articles put their band hashes into ``dup_bands``; a duplicate
points at its canonical member.  So a thousand copies of one agency report
still find one candidate each, and the lookup costs the same at any corpus size.
"""

from __future__ import annotations

from ..store import grouping as _db
from ..store.grouping import Connection
from ._features import Features, jaccard

__all__ = ["DUPLICATE_JACCARD", "find_duplicate", "index_bands", "duplicates_of"]

# Estimated Jaccard of 4-shingle sets above which two texts are one article (agency copy,
# light edits, a changed byline).  Independent re-translations share far fewer shingles and
# are caught by the embedding rule in events.py instead.
DUPLICATE_JACCARD = 0.6
_MAX_CANDIDATES = 50


def find_duplicate(conn: Connection, feats: Features) -> tuple[str, float] | None:
    """The canonical article this one copies, with the estimated Jaccard, or None."""
    if feats.minhash is None:
        return None
    ids = _db.band_candidates(conn, feats.bands, _MAX_CANDIDATES)
    best: tuple[str, float] | None = None
    for aid, mh in _db.minhashes(conn, ids).items():
        j = jaccard(feats.minhash, mh)
        if j >= DUPLICATE_JACCARD and (best is None or (j, aid) > (best[1], best[0])):
            best = (aid, j)
    return best


def index_bands(conn: Connection, article_id: str, feats: Features) -> None:
    """Make a canonical article findable by its LSH bands."""
    _db.index_bands(conn, article_id, feats.bands)


def duplicates_of(conn: Connection, article_id: str) -> list[str]:
    """Ids of the articles recorded as duplicates of a canonical one."""
    return _db.duplicate_ids(conn, article_id)
