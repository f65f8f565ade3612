"""Articles: the list (keyset pages, facets), one article (marked-up text, its event and storyline)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..present.export import to_record
from ..store import browse
from . import records
from .export import rows_response
from .params import (
    ENTITY_ID,
    GROUP_ID,
    Cursor,
    EntityRef,
    GroupRef,
    Language,
    Limit,
    ListFormat,
    Month,
    Short,
)
from .site import Site
from .templating import highlight

__all__ = ["router"]

_EXPORT_FIELDS = ["id", "title", "published", "source", "language", "section", "section_predicted"]
PAGE = 50
MEMBERS_EXPORT = 10_000  # an event's or storyline's members exported at once


def router(site: Site) -> APIRouter:
    r = APIRouter()

    @r.get("/api/articles", tags=["articles"])
    def api_articles(
        limit: Limit = 20,
        after: Cursor = None,
        offset: Annotated[int, Query(ge=0, le=10_000, description="prefer `after` (keyset) for deep pages")] = 0,
        source: Short = None,
        language: Language = None,
        section: Short = None,
        event: GroupRef = None,
        storyline: GroupRef = None,
        entity: EntityRef = None,
        month: Month = None,
        format: ListFormat = "json",
    ) -> Any:
        """Articles, newest first (metadata only), paged by keyset: pass `next` as `after`.

        ``format=csv`` or ``jsonl`` exports the page; with `event` or `storyline` (its members) every
        matching article, up to 10 000, whatever `limit` says."""
        f = browse.ArticleFilter(source=source, language=language, section=section, event=event,
                                 storyline=storyline, entity=entity, month=month)  # fmt: skip
        with site.reader() as store:
            if event or storyline:
                site.require_grouping(store)
            if offset and not after:  # offset clients: the skipped rows are counted in the index only
                after = browse.cursor_at(store.db, offset, f)
            members = format != "json" and bool(event or storyline)  # an export of all members
            rows, nxt, _total = browse.list_articles(store.db, limit=MEMBERS_EXPORT if members else limit,
                                                     after=after, filters=f, with_total=False)  # fmt: skip
        if format != "json":
            return rows_response(rows, format, "articles", _EXPORT_FIELDS)
        return {"ok": True, "total": total(f), "offset": offset, "limit": limit, "next": nxt, "results": rows}

    def total(f: browse.ArticleFilter) -> int:
        """Articles under ``f``: a count over the index, the same for every page, so cached."""

        def compute() -> int:
            with site.reader() as store:
                return browse.count_articles(store.db, f)

        key = ("count", f.source, f.language, f.section, f.event, f.storyline, f.entity, f.month)
        return site.cached(key, compute)  # type: ignore[no-any-return]

    @r.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: str) -> dict[str, Any]:
        """One article in the export format (raw text, edits, entities, quotes, times)."""
        from ..group import group_fields

        with site.reader() as store:
            article = records.article(store, article_id)
            groups = group_fields(store) if store.supports("grouping") else _ungrouped
            return {"ok": True, "article": to_record(article, groups)}

    @r.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(
        request: Request, after: Cursor = None, source: Short = None, section: Short = None,
        language: Annotated[str | None, Query(pattern="^([a-z]{2})?$")] = None,
        event: Annotated[str | None, Query(pattern=GROUP_ID)] = None,
        storyline: Annotated[str | None, Query(pattern=GROUP_ID)] = None,
        entity: Annotated[str | None, Query(pattern=ENTITY_ID)] = None, month: Month = None,
    ) -> Response:  # fmt: skip
        filters = {"source": source or "", "language": language or "", "section": section or "",
                   "event": event or "", "storyline": storyline or "", "entity": entity or "",
                   "month": month or ""}  # fmt: skip
        f = browse.ArticleFilter(**{k: v or None for k, v in filters.items()})
        names: dict[str, str] = {}  # a filter by id is shown by name
        with site.reader() as store:
            if event or storyline:
                site.require_grouping(store)
            rows, nxt, _total = browse.list_articles(store.db, limit=PAGE, after=after, filters=f,
                                                     with_total=False)  # fmt: skip
            if entity:
                names["entity"] = site.entity_name(entity)
            if storyline:
                names["storyline"] = site.storyline_title(store, storyline)
            if event:
                names["event"] = site.event_title(store, event)
        return site.page(request, "articles.html", rows=rows, nxt=nxt, total=total(f), facets=site.facets(f),
                         filters=filters, after=after, names=names)  # fmt: skip

    @r.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> Response:
        def compute() -> dict[str, Any]:
            with site.reader() as store:
                article = records.article(store, article_id)
                if not store.supports("grouping"):  # PostgreSQL, until grouping runs there
                    groups = _ungrouped(article.id) | {"related": []}
                else:
                    groups = browse.article_groups(store.db, article.id)
                if groups["storyline"]:
                    groups["storyline"]["title"] = site.storyline_title(store, groups["storyline"]["id"])
                if groups["duplicate_of"]:  # the original by its title, not its id
                    original = browse.article_rows(store.db, [groups["duplicate_of"]]).get(groups["duplicate_of"])
                    groups["duplicate_title"] = original["title"] if original else None
            return {"a": article, "body": highlight(article), "g": groups}

        return site.page(request, "article.html", **site.cached(("article", article_id), compute))

    return r


def _ungrouped(article_id: str) -> dict[str, Any]:
    """The group fields of an article where grouping does not run (PostgreSQL, for now)."""
    return {"event": None, "storyline": None, "duplicate_of": None}
