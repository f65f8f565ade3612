"""Stable storyline ids: merges (and splits) recorded as redirects.

A storyline id is what an analyst bookmarks (``st-`` + the first article's id).  When a late
merge folds storyline B into A, B's id must keep resolving: ``storyline_redirects`` maps B to
A, chains are kept flat (when A is later absorbed by C, B points to C directly), so one lookup
resolves any recorded id.  An id that was never recorded (a grouping rebuilt with other
options) still resolves through its article: ``st-<article id prefix>`` names the storyline
that now holds that article.
"""

from __future__ import annotations

from ._sql import first, rows, run
from .grouping import Connection

__all__ = ["record_redirect", "resolve_storyline", "redirects_to"]


def record_redirect(
    conn: Connection, old_id: str, new_id: str, seq: int, kind: str = "merge"
) -> None:
    """Record that storyline ``old_id`` now lives on as ``new_id`` (inside the caller's transaction)."""
    if old_id == new_id:
        return
    run(conn, "UPDATE storyline_redirects SET new_id = :new WHERE new_id = :old",
        {"new": new_id, "old": old_id})  # fmt: skip
    run(
        conn,
        "INSERT INTO storyline_redirects (old_id, new_id, seq, kind) VALUES (:old, :new, :seq, :kind)"
        " ON CONFLICT(old_id) DO UPDATE SET new_id = excluded.new_id, seq = excluded.seq,"
        " kind = excluded.kind",
        {"old": old_id, "new": new_id, "seq": seq, "kind": kind},
    )
    run(conn, "DELETE FROM storyline_redirects WHERE old_id = new_id")


def _exists(conn: Connection, sid: str) -> bool:
    return first(conn, "SELECT 1 FROM storylines WHERE id = :sid", {"sid": sid}) is not None


def resolve_storyline(conn: Connection, sid: str) -> str | None:
    """The current id of storyline ``sid``: itself, where it was merged into, or the storyline
    holding the article its id was made from; ``None`` when nothing matches."""
    if _exists(conn, sid):
        return sid
    row = first(conn, "SELECT new_id FROM storyline_redirects WHERE old_id = :sid", {"sid": sid})
    if row and _exists(conn, row[0]):
        return row[0]
    prefix = sid[3:] if sid.startswith("st-") else ""
    if len(prefix) >= 8 and all(c in "0123456789abcdef" for c in prefix):
        row = first(
            conn,
            "SELECT e.storyline_id FROM group_articles g JOIN events e ON e.id = g.event_id"
            " WHERE g.article_id >= :lo AND g.article_id < :hi ORDER BY g.article_id LIMIT 1",
            {"lo": prefix, "hi": prefix + "g"},
        )
        if row:
            return row[0]
    return None


def redirects_to(conn: Connection, sid: str) -> list[dict[str, object]]:
    """The recorded ids that now resolve to ``sid`` (what it absorbed), oldest change first."""
    return [
        {"id": r[0], "seq": r[1], "kind": r[2]}
        for r in rows(
            conn,
            "SELECT old_id, seq, kind FROM storyline_redirects WHERE new_id = :sid"
            " ORDER BY seq, old_id",
            {"sid": sid},
        )
    ]
