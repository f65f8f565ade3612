"""Entities (actors): the ranked list with name search, one entity, and what they said."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..store import browse
from . import charts, records
from .params import ENTITY_ID, Limit, Offset
from .site import Site
from .templating import ui_lang

__all__ = ["router"]

PAGE = 50
_TIMELINE_SHOWN = 60


def newest_entries(entries: list[Any], n: int) -> list[Any]:
    """The ``n`` newest dated entries of a timeline in date order (an actor's recent news, not
    its 1981 background), then undated ones while there is room."""
    dated = [e for e in entries if e.date]
    return dated[-n:] + [e for e in entries if not e.date][: max(0, n - len(dated))]


def router(site: Site) -> APIRouter:
    r = APIRouter()

    @r.get("/api/entities", tags=["entities"])
    def api_entities(
        limit: Limit = 50, offset: Offset = 0,
        type: Annotated[str | None, Query(pattern="^(PER|ORG|LOC|MISC)$")] = None,
        q: Annotated[str | None, Query(max_length=100, description="name or alias; umlauts folded")] = None,
    ) -> dict[str, Any]:  # fmt: skip
        """Entities by the number of articles that mention them; `q` finds them by name or alias."""
        found = site.find_entities(q, type)
        page = [{k: v for k, v in e.items() if k != "folded"} for e in found[offset : offset + limit]]
        return {"ok": True, "total": len(found), "offset": offset, "limit": limit, "results": page}

    @r.get("/api/entities/{entity_id}", tags=["entities"])
    def api_entity(entity_id: str) -> dict[str, Any]:
        """An entity: aliases, roles, articles, mentions over time, what it said."""
        with site.reader() as store:
            return {"ok": True, "entity": records.entity(store, entity_id)}

    @r.get("/api/quotes", tags=["quotes"])
    def api_quotes(
        limit: Limit = 50, offset: Offset = 0,
        speaker: Annotated[str | None, Query(pattern=ENTITY_ID)] = None,
        kind: Annotated[str | None, Query(pattern="^(direct|indirect)$")] = None,
    ) -> dict[str, Any]:  # fmt: skip
        """Quotes with their speakers, newest first. ``next_offset``: the next page's offset,
        null on the last (no total: counting every quote of a large store costs more than a page)."""
        with site.reader() as store:
            results = browse.list_quotes(store.db, speaker=speaker, kind=kind, limit=limit + 1, offset=offset)
        nxt = offset + limit if len(results) > limit else None
        return {"ok": True, "offset": offset, "limit": limit, "next_offset": nxt, "results": results[:limit]}

    @r.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(
        request: Request, q: Annotated[str, Query(max_length=100)] = "", offset: Offset = 0,
        type: Annotated[str | None, Query(pattern="^(PER|ORG|LOC|MISC)?$")] = None,
    ) -> Response:  # fmt: skip
        found = site.find_entities(q, type or None)
        return site.page(request, "entities.html", rows=found[offset : offset + PAGE], total=len(found), q=q,
                         type=type or "", offset=offset, step=PAGE)  # fmt: skip

    @r.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, entity_id: str) -> Response:
        lang = ui_lang(request)

        def compute() -> dict[str, Any]:
            with site.reader() as store:
                data = records.entity(store, entity_id)
                # timelines are the grouping layer's: on PostgreSQL once grouping runs there
                grouped = store.supports("grouping")
                every = records.timeline(store, entity_id) if grouped else []
                network = charts.network_data(store, entity_id, lang, data) if grouped else None
            entries = newest_entries(every, _TIMELINE_SHOWN)
            return {"e": data, "entries": entries, "n_entries": len(every), "peak": max(data["mentions_by_month"].values(), default=1),
                    "chart": bool(entries), "tl_data": charts.entry_timeline_data(entries),
                    "net_data": network}  # fmt: skip

        return site.page(request, "entity.html", **site.cached(("entity", entity_id, lang), compute))

    return r
