"""What every page and endpoint shares: read-only store connections, the cache, the renderer,
and the cached rankings and lookups built from them.

A request borrows a read-only :class:`~lagebild.store.Store` from a small pool
(opening a connection and reading the schema cost more than most pages) and
gives it back when done; statements are finished by then, so an idle pooled
connection holds no snapshot and never keeps the WAL from being checkpointed
(SQLite) or a transaction open (PostgreSQL, where each pooled store is one
server connection in read-only mode).
What costs a scan (rankings, entity index, facets, described list pages) is
computed once per store generation (``_cache``).
"""

from __future__ import annotations

import os
import queue
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse

from ..present.sources import independent_counts, most_independent
from ..store import Store, browse, outlets
from . import records
from ._cache import FingerprintCache, GenerationCache
from .templating import Renderer, html_response, ui_lang

__all__ = ["Site"]

# ranking keys of storyline and event lists, largest first; by independent sources see ranking()
_SORTS: dict[str, Callable[[dict[str, Any]], tuple[Any, ...]]] = {
    "recent": lambda r: (r["last_day"] is not None, r["last_day"] or 0, r["seq"]),
    "size": lambda r: (r["articles"], r["last_day"] or 0, r["seq"]),
}
_SOURCES_STEP = 100  # a ranking by independent sources is made exact this many rows at a time


class Site:
    """The shared state of one application: one store, read only.

    Args:
        db_path: the store's file or ``postgresql://`` URL (created and migrated by the caller).
        pool_size: read-only connections kept open between requests (each serve worker
            process has its own pool).
    """

    def __init__(self, db_path: str | os.PathLike[str], *, pool_size: int = 8) -> None:
        self.db_path = os.fspath(db_path)
        self.cache = GenerationCache(self.db_path)
        self.described = FingerprintCache()  # described rows of ranked pages, by id
        # group id -> (fingerprint of its articles' outlets, independent sources): kept across store
        # generations, so after an ingest commit only the groups that changed are counted again
        self.outlet_memo: dict[str, tuple[Any, int]] = {}
        self.renderer = Renderer()
        self._pool: queue.LifoQueue[Store] = queue.LifoQueue(maxsize=pool_size)

    # -- store access ------------------------------------------------------------------------
    @contextmanager
    def reader(self) -> Iterator[Store]:
        """A read-only store for one request; back to the pool afterwards (closed after an error)."""
        try:
            store = self._pool.get_nowait()
        except queue.Empty:
            store = Store.open_readonly(self.db_path)
        try:
            yield store
        except BaseException:
            store.close()  # it may be mid-statement: not worth keeping
            raise
        try:
            self._pool.put_nowait(store)
        except queue.Full:
            store.close()

    def cached(self, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()``'s value, kept until the store changes (see ``_cache``)."""
        return self.cache.get(key, compute)

    def page(self, request: Request, name: str, **ctx: Any) -> HTMLResponse:
        """An HTML page; every page says when the grouping is incomplete."""
        return self.renderer.page(request, name, pending=self.cached("pending", self._grouping_pending), **ctx)

    def cached_page(self, request: Request, name: str, key: Any, context: Callable[[], dict[str, Any]]) -> HTMLResponse:
        """A page whose whole HTML is kept per store generation: ``key`` and the language must
        name everything ``context()`` depends on (list pages: rendering is most of their cost)."""
        lang = ui_lang(request)
        pending = self.cached("pending", self._grouping_pending)
        html = self.cached(("html", name, key, lang, pending),
                           lambda: self.renderer.render(name, lang, pending=pending, **context()))  # fmt: skip
        return html_response(request, html)

    def _grouping_pending(self) -> int:
        """Articles not grouped yet (a crash during regroup/enrich, ingest --no-enrich); 0 if unknown."""
        with self.reader() as store:
            if not store.supports("grouping"):  # PostgreSQL, until grouping runs there
                return 0
            method = getattr(store, "grouping_pending", None)  # a store method of newer lagebild versions
            return int(method()) if method is not None else 0

    @staticmethod
    def require_grouping(store: Store) -> None:
        """Raise the store's clear "not yet on PostgreSQL" error where grouping does not run."""
        if not store.supports("grouping"):
            raise store.not_on_postgresql("storylines and events")

    def facets(self, f: browse.ArticleFilter) -> dict[str, Any]:
        """Article counts per source, language, section, entity and month under ``f`` (cached)."""

        def compute() -> dict[str, Any]:
            with self.reader() as store:
                if f.event or f.storyline:
                    self.require_grouping(store)
                return browse.facets(store.db, f)

        key = ("facets", f.source, f.language, f.section, f.event, f.storyline, f.entity, f.month)
        return self.cached(key, compute)  # type: ignore[no-any-return]

    # -- entities ----------------------------------------------------------------------------
    def entity_index(self) -> list[dict[str, Any]]:
        """Every entity, most mentioned first, with its folded names (cached)."""

        def compute() -> list[dict[str, Any]]:
            with self.reader() as store:
                return browse.entity_index(store.db)

        return self.cached("entities", compute)  # type: ignore[no-any-return]

    def entity_name(self, entity_id: str) -> str:
        names = self.cached("entity-names", lambda: {e["id"]: e["name"] for e in self.entity_index()})
        return str(names.get(entity_id, entity_id))

    def find_entities(self, q: str | None, type: str | None) -> list[dict[str, Any]]:
        """Entities of ``type`` whose name, an alias or the gazetteer's English name (``Pope
        Francis``) contains ``q`` (folded): whole names first,
        then names starting with it, then the rest; each group most mentioned first."""
        # not cached: any text is a key, and a flood of them would push the rankings out
        return _find(self.entity_index(), browse.fold(q or ""), type)

    # -- rankings of storylines and events -----------------------------------------------------
    def ranking(self, kind: str, sort: str, min_events: int = 1, upto: int = 0) -> list[dict[str, Any]]:
        """Storylines or events ranked by ``sort`` (sorted once per store generation, not per request).

        ``sort="sources"``: the first ``upto`` rows (at least, in steps of 100) are ranked by their
        exact independent sources (``present/sources.most_independent``), the rest follow unranked
        (no ``sources``): a page needs the head of the ranking, not every group's texts compared.
        """

        def rows() -> list[dict[str, Any]]:
            with self.reader() as store:
                self.require_grouping(store)
                return browse.group_ranking(store.db, kind)

        def compute() -> list[dict[str, Any]]:
            every = [r for r in self.cached(("ranking", kind), rows) if r["events"] >= min_events]
            return sorted(every, key=_SORTS[sort], reverse=True)

        if sort != "sources":
            return self.cached(("ranked", kind, sort, min_events), compute)  # type: ignore[no-any-return]
        need = (upto // _SOURCES_STEP + 1) * _SOURCES_STEP

        def by_sources() -> list[dict[str, Any]]:
            every = {r["id"]: r for r in self.cached(("ranking", kind), rows) if r["events"] >= min_events}
            tiebreak = {gid: _SORTS["size"](r) for gid, r in every.items()}
            # grouping stores each group's count (present.sources.store_sources); only groups
            # changed since (an ingest under way, a store before migration 0104) are counted here
            known = [((r["sources"], *tiebreak[gid]), gid, r["sources"]) for gid, r in every.items()
                     if r.get("sources") is not None]  # fmt: skip
            missing = [gid for gid, r in every.items() if r.get("sources") is None]
            if missing:
                with self.reader() as store:
                    members, rows_of = outlets.group_members(store.db, kind, missing)
                    head = most_independent(store, {gid: members.get(gid, []) for gid in missing}, tiebreak, need,
                                            self.outlet_memo, rows_of)  # fmt: skip
                known += [((n, *tiebreak[gid]), gid, n) for gid, n in head]
            known.sort(reverse=True)
            prefix = "st-" if kind == "storyline" else "ev-"
            if len(self.outlet_memo) > 2 * len(every) + 10_000:  # groups merged away or regrouped
                for gid in [g for g in list(self.outlet_memo) if g.startswith(prefix) and g not in every]:
                    self.outlet_memo.pop(gid, None)
            ranked = [every[gid] | {"sources": n} for _key, gid, n in known[:need]]
            shown = {gid for _key, gid, _n in known[:need]}
            return ranked + [r for gid, r in every.items() if gid not in shown]

        return self.cached(("ranked", kind, sort, min_events, need), by_sources)  # type: ignore[no-any-return]

    def described_page(
        self, kind: str, sort: str, offset: int, limit: int, min_events: int = 1
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of a ranking, each row described (title, dates, actors, events), and the total."""
        ranked = self.ranking(kind, sort, min_events, upto=offset + limit)
        rows = self.cached(("page", kind, sort, offset, limit, min_events),
                           lambda: self._describe(kind, ranked[offset : offset + limit]))  # fmt: skip
        return rows, len(ranked)

    def overview_stories(self, limit: int) -> tuple[list[dict[str, Any]], int]:
        """The ``limit`` most recently continued storylines of more than one article (what is
        developing), filled up with single-article ones when there are fewer; and how many
        storylines there are."""
        ranked = self.ranking("storyline", "recent")

        def compute() -> list[dict[str, Any]]:
            several = [r for r in ranked if r["articles"] >= 2][:limit]
            single = [r for r in ranked if r["articles"] < 2][: limit - len(several)]
            return self._describe("storyline", several + single)

        return self.cached(("overview-stories", limit), compute), len(ranked)

    def _describe(self, kind: str, page: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Ranking rows described (title, dates, actors, events) with their size and sources."""
        with self.reader() as store:
            described = [
                self.described.get(
                    (kind, r["id"]), (r["events"], r["articles"], r["last_day"]),
                    lambda r=r: records.describe(store, kind, r["id"]),  # type: ignore[misc]
                )
                for r in page
            ]  # fmt: skip
            # the page's own independent sources (the same count as its detail page): stored by
            # grouping, counted here for a group changed since
            counts = self.independent_sources(store, {r["id"]: _members(d) for r, d in zip(page, described)
                                                      if r.get("sources") is None})  # fmt: skip
        return [d | {"size": r["articles"], "sources": r["sources"] if r.get("sources") is not None else counts[r["id"]]}
                for r, d in zip(page, described)]  # fmt: skip

    def independent_sources(self, store: Store, groups: dict[str, list[str]]) -> dict[str, int]:
        """Independent sources (``present/sources.py``) of each group id's articles, counted again
        only for groups whose articles or outlets changed since this process last counted them."""
        return independent_counts(store, groups, self.outlet_memo)

    def event_title(self, store: Store, event_id: str) -> str:
        """An event's title (its first headline), cached; the id when there is no such event."""

        def compute() -> str:
            try:
                return str(records.describe(store, "event", event_id)["title"] or event_id)
            except HTTPException:
                return event_id

        return self.cached(("event-title", event_id), compute)  # type: ignore[no-any-return]

    def storyline_title(self, store: Store, storyline_id: str) -> str:
        """A storyline's title (key actors and nouns: ~15 ms), cached: many pages show it."""
        return self.cached(  # type: ignore[no-any-return]
            ("storyline-title", storyline_id), lambda: records.storyline_title(store, storyline_id)
        )

    def close(self) -> None:
        self.cache.close()
        while True:
            try:
                self._pool.get_nowait().close()
            except queue.Empty:
                return


def _members(described: dict[str, Any]) -> list[str]:
    """The canonical articles of a described event or storyline."""
    if "events" in described:
        return [a for e in described["events"] for a in e["articles"]]
    return list(described["articles"])


def _find(entities: list[dict[str, Any]], want: str, type: str | None) -> list[dict[str, Any]]:
    if type:
        entities = [e for e in entities if e["type"] == type]
    if not want:
        return entities
    exact, starts, inner = [], [], []
    for e in entities:
        names = e["folded"]
        if want in names:
            exact.append(e)
        elif any(n.startswith(want) for n in names):
            starts.append(e)
        elif any(want in n for n in names):
            inner.append(e)
    return exact + starts + inner
