"""The overview: the most recently continued storylines (those of several articles first) and the
newest articles."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ..store import browse
from . import records
from .site import Site
from .templating import ui_lang

__all__ = ["router"]

STORIES = 20
RECENT = 30


def router(site: Site) -> APIRouter:
    r = APIRouter()

    @r.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request) -> Response:
        def compute() -> dict[str, Any]:
            with site.reader() as store:
                grouped = store.supports("grouping")  # PostgreSQL: articles only, until grouping runs there
            stories, n_stories = site.overview_stories(STORIES) if grouped else ([], 0)
            with site.reader() as store:
                recent, _nxt, _total = browse.list_articles(store.db, limit=RECENT, with_total=False)
                stories = records.named_locally(store, stories, ui_lang(request))
                return {"stories": stories, "recent": recent, "stats": store.stats(), "n_stories": n_stories}

        return site.cached_page(request, "overview.html", (), compute)

    return r
