"""Stable storyline ids: merges (and splits) recorded as redirects.

A storyline id is what an analyst bookmarks (``st-`` + the first article's id).  When a late
merge folds storyline B into A, B's id must keep resolving: ``storyline_redirects`` maps B to
A, chains are kept flat (when A is later absorbed by C, B points to C directly), so one lookup
resolves any recorded id.  An id that was never recorded (a grouping rebuilt with other
options) still resolves through its article: ``st-<article id prefix>`` names the storyline
that now holds that article.
"""

from __future__ import annotations

import sqlite3

__all__ = ["record_redirect", "resolve_storyline", "redirects_to"]


def record_redirect(
    conn: sqlite3.Connection, old_id: str, new_id: str, seq: int, kind: str = "merge"
) -> None:
    """Record that storyline ``old_id`` now lives on as ``new_id`` (inside the caller's transaction)."""
    if old_id == new_id:
        return
    conn.execute(
        "UPDATE storyline_redirects SET new_id = ? WHERE new_id = ?", (new_id, old_id)
    )
    conn.execute(
        "INSERT OR REPLACE INTO storyline_redirects (old_id, new_id, seq, kind) VALUES (?,?,?,?)",
        (old_id, new_id, seq, kind),
    )
    conn.execute("DELETE FROM storyline_redirects WHERE old_id = new_id")


def resolve_storyline(conn: sqlite3.Connection, sid: str) -> str | None:
    """The current id of storyline ``sid``: itself, where it was merged into, or the storyline
    holding the article its id was made from; ``None`` when nothing matches."""
    if conn.execute("SELECT 1 FROM storylines WHERE id = ?", (sid,)).fetchone():
        return sid
    row = conn.execute(
        "SELECT new_id FROM storyline_redirects WHERE old_id = ?", (sid,)
    ).fetchone()
    if row and conn.execute("SELECT 1 FROM storylines WHERE id = ?", (row[0],)).fetchone():
        return row[0]
    prefix = sid[3:] if sid.startswith("st-") else ""
    if len(prefix) >= 8 and all(c in "0123456789abcdef" for c in prefix):
        row = conn.execute(
            "SELECT e.storyline_id FROM group_articles g JOIN events e ON e.id = g.event_id"
            " WHERE g.article_id >= ? AND g.article_id < ? ORDER BY g.article_id LIMIT 1",
            (prefix, prefix + "g"),
        ).fetchone()
        if row:
            return row[0]
    return None


def redirects_to(conn: sqlite3.Connection, sid: str) -> list[dict[str, object]]:
    """The recorded ids that now resolve to ``sid`` (what it absorbed), oldest change first."""
    return [
        {"id": r[0], "seq": r[1], "kind": r[2]}
        for r in conn.execute(
            "SELECT old_id, seq, kind FROM storyline_redirects WHERE new_id = ? ORDER BY seq, old_id",
            (sid,),
        )
    ]
