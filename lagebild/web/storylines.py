"""Storylines: the ranked list, one storyline (events, timeline, briefing), timelines."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from . import charts, records
from .params import Limit, MinEvents, Offset, Sort
from .site import Site
from .templating import ui_lang

__all__ = ["router"]

PAGE = 20


def router(site: Site) -> APIRouter:
    r = APIRouter()

    @r.get("/api/storylines", tags=["stories"])
    def api_storylines(limit: Limit = 50, offset: Offset = 0, sort: Sort = "recent",
                       min_events: MinEvents = 1) -> dict[str, Any]:  # fmt: skip
        """Storylines with their events, ranked by `sort`: recent (last continued), size or sources."""
        page, total = site.described_page("storyline", sort, offset, limit, min_events)
        return {"ok": True, "total": total, "offset": offset, "limit": limit, "sort": sort, "results": page}

    @r.get("/api/storylines/{storyline_id}", tags=["stories"])
    def api_storyline(storyline_id: str) -> dict[str, Any]:
        """One storyline: title, dates, actors, events."""
        with site.reader() as store:
            return {"ok": True, "storyline": records.describe(store, "storyline", storyline_id)}

    @r.get("/api/timelines/{ref}", tags=["stories"])
    def api_timeline(ref: str) -> dict[str, Any]:
        """Dated entries of a storyline (st-…) or an entity (Q…, lb:…), each citing its source."""
        with site.reader() as store:
            return {"ok": True, "ref": ref, "entries": [e.as_dict() for e in records.timeline(store, ref)]}

    @r.get("/storylines", response_class=HTMLResponse, include_in_schema=False)
    def storylines_page(request: Request, sort: Sort = "recent", offset: Offset = 0,
                        min_events: MinEvents = 1) -> Response:  # fmt: skip
        def context() -> dict[str, Any]:
            rows, total = site.described_page("storyline", sort, offset, PAGE, min_events)
            with site.reader() as store:
                rows = records.named_locally(store, rows, ui_lang(request))
            return {"rows": rows, "total": total, "sort": sort, "offset": offset, "step": PAGE,
                    "min_events": min_events, "kind": "storyline"}  # fmt: skip

        return site.cached_page(request, "storylines.html", (sort, offset, min_events), context)

    @r.get("/storylines/{storyline_id}", response_class=HTMLResponse, include_in_schema=False)
    def storyline_page(request: Request, storyline_id: str) -> Response:
        lang = ui_lang(request)

        def compute() -> dict[str, Any]:
            with site.reader() as store:
                story = records.describe(store, "storyline", storyline_id)
                story = records.named_locally(store, [story], lang)[0]
                entries = records.timeline(store, storyline_id)  # the dated sentences, listed as text
                brief = records.briefing(store, storyline_id, lang, entries)
                outlets = records.outlets(store, story["events"])
                network = charts.network_data(store, storyline_id, lang)
            # the figures are drawn when asked for (/charts/…): with script the page draws its own.
            # Both timelines show the storyline's dated events (not its sentence-level entries):
            # a storyline with dated events has a timeline even when no sentence carries a date.
            tl_data = charts.event_timeline_data(story["events"])
            chart = bool(tl_data["items"])
            return {"s": story, "entries": entries, "brief": brief, "chart": chart, "outlets": outlets,
                    "tl_data": tl_data, "net_data": network}  # fmt: skip

        return site.page(request, "storyline.html", **site.cached(("storyline", storyline_id, lang), compute))

    return r
