"""Independent sources stored by grouping (``events.sources``, ``storylines.sources``, migration
0104 / 0031) equal what the detail pages count, on both backends: after an ingest, after new
articles join groups, after a storyline merge and after a regroup; a store whose counts are
missing (written before the migration) is backfilled by the next grouping run, and the web's
ranking by sources is right meanwhile.
"""

from __future__ import annotations

import sqlalchemy as sa

from lagebild.group import catch_up, count_sources, rebuild
from lagebild.group.events import load_group
from lagebild.group.storylines import describe_event, describe_storyline, merge_storylines
from lagebild.store import Store
from lagebild.store import grouping as _db
from lagebild.web import records

from .test_group_backends import _copy, source  # noqa: F401 - source: the fixture of enriched articles


def _stored(store: Store, kind: str) -> dict[str, int | None]:
    table = "storylines" if kind == "storyline" else "events"
    return dict(store.db.execute(sa.text(f"SELECT id, sources FROM {table}")).fetchall())  # noqa: S608


def _shown(store: Store, kind: str, gid: str) -> int:
    """The independent sources the detail page shows (web/records.py, as the page counts them)."""
    if kind == "storyline":
        return records.outlets(store, describe_storyline(store.db, gid)["events"])[""]
    return records.outlets(store, [describe_event(store.db, gid)])[""]


def _check(store: Store) -> None:
    for kind in ("event", "storyline"):
        stored = _stored(store, kind)
        assert stored, kind
        assert None not in stored.values(), kind
        assert stored == {gid: _shown(store, kind, gid) for gid in stored}, kind


def test_stored_sources_equal_the_detail_pages(store_url, source):  # noqa: F811
    with Store.open_readonly(source) as src:
        ids = src.article_ids()
    with Store(store_url) as store:
        # online: every article grouped as it comes; the counts are stored once per run
        _copy(source, store_url, ids[:5], online=True)
        assert set(_stored(store, "event").values()) == {None}  # not counted yet: dirty
        assert count_sources(store) > 0
        _check(store)
        assert max(_stored(store, "storyline").values()) >= 2  # copies of agencies and outlets exist
        # the rest (4 originals, then copies of all: near-duplicates change no count): only the
        # groups changed are counted again
        _copy(source, store_url, ids[5:], online=True)
        dirty = _db.unsourced(store.db, "storyline")
        assert dirty and len(dirty) < len(_stored(store, "storyline"))
        catch_up(store)  # what the next ingest does first
        _check(store)
        # a storyline merge: the absorbing storyline is counted again
        sids = sorted(_stored(store, "storyline"), key=lambda s: _db.storyline_seq(store.db, s))
        with store.begin() as conn:
            keep, gone = load_group(conn, "storylines", sids[0]), load_group(conn, "storylines", sids[-1])
            merge_storylines(conn, keep, gone, 10_000)
        assert _db.unsourced(store.db, "storyline") == [sids[0]]
        count_sources(store)
        _check(store)
        # a regroup stores them all again
        rebuild(store)
        _check(store)


def test_missing_counts_are_ranked_right_and_backfilled(tmp_path, source):  # noqa: F811
    from lagebild.web.site import Site

    db = tmp_path / "old.db"
    _copy(source, f"sqlite:///{db}", online=True)
    with Store(db) as store:
        count_sources(store)
        want = {k: _stored(store, k) for k in ("event", "storyline")}
        with store.begin() as conn:  # as a store written before migration 0104
            conn.exec_driver_sql("UPDATE events SET sources = NULL")
            conn.exec_driver_sql("UPDATE storylines SET sources = NULL")
    site = Site(db)
    for kind in ("event", "storyline"):
        ranked = site.ranking(kind, "sources")
        head = [r for r in ranked if "sources" in r and r["sources"] is not None]
        assert {r["id"]: r["sources"] for r in head} == {gid: want[kind][gid] for gid in (r["id"] for r in head)}
        assert [r["sources"] for r in head] == sorted(want[kind].values(), reverse=True)[: len(head)]
    with Store(db) as store:
        catch_up(store)  # the next ingest's first step
        assert {k: _stored(store, k) for k in ("event", "storyline")} == want
    site = Site(db)
    ranked = site.ranking("storyline", "sources")
    assert [r["sources"] for r in ranked] == sorted(want["storyline"].values(), reverse=True)
