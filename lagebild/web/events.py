"""Events: the ranked list and one event (members, duplicates, briefing)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ..store import browse
from . import records
from .params import Limit, Offset, Sort
from .site import Site
from .templating import ui_lang

__all__ = ["router"]

PAGE = 20
_MEMBERS_SHOWN = 3  # article titles under each event of the list


def router(site: Site) -> APIRouter:
    r = APIRouter()

    @r.get("/api/events", tags=["stories"])
    def api_events(limit: Limit = 50, offset: Offset = 0, sort: Sort = "recent") -> dict[str, Any]:
        """Events ranked by `sort`: recent (last day), size (articles) or sources."""
        page, total = site.described_page("event", sort, offset, limit)
        return {"ok": True, "total": total, "offset": offset, "limit": limit, "sort": sort, "results": page}

    @r.get("/api/events/{event_id}", tags=["stories"])
    def api_event(event_id: str) -> dict[str, Any]:
        """One event: title, date, articles."""
        with site.reader() as store:
            return {"ok": True, "event": records.describe(store, "event", event_id)}

    @r.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request, sort: Sort = "recent", offset: Offset = 0) -> Response:
        def context() -> dict[str, Any]:
            rows, total = site.described_page("event", sort, offset, PAGE)
            with site.reader() as store:
                titles = browse.article_rows(store.db, [a for e in rows for a in e["articles"][:_MEMBERS_SHOWN]])
            return {"rows": rows, "total": total, "sort": sort, "offset": offset, "step": PAGE, "titles": titles}

        return site.cached_page(request, "events.html", (sort, offset), context)

    @r.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str) -> Response:
        lang = ui_lang(request)

        def compute() -> dict[str, Any]:
            with site.reader() as store:
                event = records.describe(store, "event", event_id)
                brief = records.briefing(store, event_id, lang)
                titles = browse.article_rows(store.db, [*event["articles"], *event["duplicates"]])
                story = site.storyline_title(store, event["storyline"]) if event["storyline"] else None
                outlets = records.outlets(store, [event])
            return {"ev": event, "brief": brief, "titles": titles, "story": story, "outlets": outlets}

        return site.page(request, "event.html", **site.cached(("event", event_id, lang), compute))

    return r
