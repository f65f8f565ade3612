"""The local web UI and HTTP API, on the same store and the same records.

``create_app(db_path)`` returns a FastAPI application:

* ``/api/...`` — JSON read endpoints (articles, entities, quotes, events,
  storylines, timelines, briefings, search); OpenAPI at ``/openapi.json``;
  every error is one JSON body ``{"ok": false, "error", "errors", "status"}``.
* HTML pages — overview, lists of storylines, events, articles (facets) and
  entities (name search), one storyline, event, entity, article, search; German
  interface text, English with ``?lang=en`` or ``Accept-Language: en``.

Scraped text is untrusted: templates autoescape everything, snippets are
escaped before ``<mark>`` is added, and every response carries a strict
Content-Security-Policy (no inline script, only this server's CSS).  Only
the ``Host`` names the server was started for are answered (``_guard``).
Queries live in ``lagebild.store.browse``; what costs a scan is cached per
store generation (``_cache``).
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import LagebildError, NotFound
from ..present.export import to_record
from ..search import MAX_QUERY_CHARS, Filters, SearchError, search
from ..store import Store
from ..store import browse
from ._cache import GenerationCache
from . import _openapi
from ._guard import Guard, allowed_hosts
from ._i18n import text_for

__all__ = ["create_app"]

_HERE = Path(__file__).resolve().parent
MAX_PAGE = 100
SEARCH_BUDGET_S = 2.0  # a search statement running longer is stopped (400): one query cannot stall the server
_SORTS = {  # ranking keys of storyline and event lists
    "recent": lambda r: (r["last_day"] is not None, r["last_day"] or 0, r["seq"]),
    "size": lambda r: (r["articles"], r["sources"], r["last_day"] or 0, r["seq"]),
    "sources": lambda r: (r["sources"], r["articles"], r["last_day"] or 0, r["seq"]),
}
_ID = r"^[0-9a-f]{4,64}$"
_GROUP_ID = r"^(ev|st)-[0-9a-f]{4,64}$"
_ENTITY_ID = r"^(Q\d{1,12}|lb:[a-z]{2,5}:[\w.\-]{1,120})$"


# Parameter types shared by the endpoints (module level: FastAPI resolves them by name).
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size, 1-{MAX_PAGE}")]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Cursor = Annotated[str | None, Query(max_length=40, pattern=r"^(\d{4}-\d{2}-\d{2}|-)\.\d{1,19}$",
                                     description="keyset cursor: the `next` of the previous page")]  # fmt: skip
Sort = Annotated[str, Query(pattern="^(recent|size|sources)$", description="recent, size or sources")]
ListFormat = Annotated[str, Query(pattern="^(json|csv|jsonl)$")]
Short = Annotated[str | None, Query(max_length=100)]


def _error(status: int, message: str, errors: list[Any] | None = None) -> JSONResponse:
    return JSONResponse(
        {"ok": False, "error": message, "errors": errors or [], "status": status}, status_code=status
    )


def create_app(
    db_path: str | os.PathLike[str], *, bound: str | None = None, allow_hosts: Iterable[str] = ()
) -> FastAPI:
    """The application for one database file.

    Args:
        db_path: the store.
        bound: the address the server listens on; its name is answered besides the loopback names.
        allow_hosts: further ``Host`` names to answer (``*``: any, which gives up the
            DNS-rebinding protection). Requests for other names get a 400.
    """
    db_path = os.fspath(db_path)
    Store(db_path).close()  # create/migrate once; requests then read only
    app = FastAPI(
        title="lagebild", version="1", description="Situation picture from news articles.",
        docs_url=None, redoc_url=None,  # their CDN scripts cannot run under the CSP
    )  # fmt: skip
    app.add_middleware(Guard, hosts=allowed_hosts(bound, allow_hosts))
    _openapi.install(app)
    templates = Jinja2Templates(directory=str(_HERE / "templates"))
    templates.env.autoescape = True
    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")

    cache = GenerationCache(db_path)

    @contextmanager
    def reader() -> Iterator[Store]:
        store = Store.open_readonly(db_path)
        try:
            yield store
        finally:
            store.close()

    # -- safety and errors -----------------------------------------------------------------
    # (Host check and security headers: the Guard middleware, outermost.)
    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api") or request.url.path == "/openapi.json"

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError):  # type: ignore[no-untyped-def]
        errors = [
            {"loc": [str(x) for x in e.get("loc", [])], "msg": str(e.get("msg", ""))} for e in exc.errors()
        ]
        msg = "; ".join(f"{'.'.join(e['loc'][1:]) or 'request'}: {e['msg']}" for e in errors)
        if wants_json(request):
            return _error(400, f"Invalid request: {msg}", errors)
        return PlainTextResponse(f"400 Invalid request: {msg}", status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException):  # type: ignore[no-untyped-def]
        # exc.headers carries e.g. the ``Allow`` of a 405
        if wants_json(request):
            response: Response = _error(exc.status_code, str(exc.detail))
        else:
            response = PlainTextResponse(f"{exc.status_code} {exc.detail}", status_code=exc.status_code)
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(LagebildError)
    async def on_lagebild(request: Request, exc: LagebildError):  # type: ignore[no-untyped-def]
        status = 404 if isinstance(exc, (NotFound, KeyError)) else 400
        if wants_json(request):
            return _error(status, str(exc))
        return PlainTextResponse(f"{status} {exc}", status_code=status)

    def not_found(what: str) -> HTTPException:
        return HTTPException(status_code=404, detail=f"{what} not found")

    # -- data helpers ----------------------------------------------------------------------
    def load_article(store: Store, article_id: str) -> Any:
        """The article, or 404 (ids are checked by pattern before they reach the database)."""
        if not re.match(_ID, article_id):
            raise not_found("article")
        try:
            return store.get(article_id)
        except NotFound:
            raise not_found("article") from None

    def group_api() -> Any:
        try:
            from ..group import storylines, timelines
        except ImportError:  # pragma: no cover - the grouping layer is part of the package
            return None
        return storylines, timelines

    def filters_from(
        source: str | None, section: str | None, language: str | None, entity: str | None,
        date_from: dt.date | None, date_to: dt.date | None, event: str | None, storyline: str | None,
    ) -> Filters:  # fmt: skip
        return Filters(source=source, section=section, language=language, entity=entity,
                       date_from=date_from, date_to=date_to, event=event, storyline=storyline)  # fmt: skip

    # -- API -------------------------------------------------------------------------------
    @app.get("/api/search", tags=["search"])
    def api_search(
        q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS, description="query")],
        mode: Annotated[str, Query(pattern="^(keyword|semantic|hybrid)$")] = "hybrid",
        limit: Limit = 20,
        offset: Offset = 0,
        source: Short = None,
        section: Short = None,
        language: Annotated[str | None, Query(pattern="^[a-z]{2}$")] = None,
        entity: Annotated[str | None, Query(pattern=_ENTITY_ID)] = None,
        date_from: Annotated[dt.date | None, Query(alias="from")] = None,
        date_to: Annotated[dt.date | None, Query(alias="to")] = None,
        event: Annotated[str | None, Query(pattern=_GROUP_ID)] = None,
        storyline: Annotated[str | None, Query(pattern=_GROUP_ID)] = None,
        format: ListFormat = "json",
    ) -> Any:
        """Keyword (umlaut-folding, stemming), semantic or hybrid search with filters.

        ``format=csv`` or ``jsonl`` exports the page's results. A query over its time budget
        (or with more than 12 terms, or a prefix under 3 letters) gets a 400."""
        f = filters_from(source, section, language, entity, date_from, date_to, event, storyline)
        with reader() as store, browse.time_budget(store.conn, SEARCH_BUDGET_S):
            try:
                hits, total = search(store.conn, q, mode=mode, filters=f, limit=limit, offset=offset)
            except SearchError as exc:
                raise HTTPException(status_code=400, detail=str(exc)) from None
        results = [
            {"id": h.id, "title": h.title, "origins": h.origins, "published": h.published,
             "snippet": h.snippet, "score": h.score, "source": h.source, "language": h.language}
            for h in hits
        ]  # fmt: skip
        if format != "json":
            return _rows_response(results, format, "search", ["id", "title", "published", "source", "language",
                                                              "score", "origins", "snippet"])  # fmt: skip
        nxt = offset + limit if offset + limit < total else None
        return {"ok": True, "query": q, "mode": mode, "total": total, "offset": offset, "limit": limit,
                "next_offset": nxt, "results": results}  # fmt: skip

    @app.get("/api/articles", tags=["articles"])
    def api_articles(
        limit: Limit = 20,
        after: Cursor = None,
        offset: Annotated[int, Query(ge=0, le=10_000, description="prefer `after` (keyset) for deep pages")] = 0,
        source: Short = None,
        language: Annotated[str | None, Query(pattern="^[a-z]{2}$")] = None,
        section: Short = None,
        event: Annotated[str | None, Query(pattern=_GROUP_ID)] = None,
        storyline: Annotated[str | None, Query(pattern=_GROUP_ID)] = None,
        entity: Annotated[str | None, Query(pattern=_ENTITY_ID)] = None,
        format: ListFormat = "json",
    ) -> Any:
        """Articles, newest first (metadata only), paged by keyset: pass `next` as `after`.

        ``format=csv`` or ``jsonl`` exports the page (e.g. a storyline's members with `limit=100`)."""
        f = browse.ArticleFilter(source=source, language=language, section=section, event=event,
                                 storyline=storyline, entity=entity)  # fmt: skip
        with reader() as store:
            if offset and not after:  # offset clients: the skipped rows are counted in the index only
                after = browse.cursor_at(store.conn, offset, f)
            rows, nxt, total = browse.list_articles(store.conn, limit=limit, after=after, filters=f,
                                                    with_total=format == "json")  # fmt: skip
        if format != "json":
            return _rows_response(rows, format, "articles", ["id", "title", "published", "source", "language",
                                                             "section", "section_predicted"])  # fmt: skip
        return {"ok": True, "total": total, "offset": offset, "limit": limit, "next": nxt, "results": rows}

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: Annotated[str, ...]) -> dict[str, Any]:
        """One article in the export format (raw text, edits, entities, quotes, times)."""
        from ..group import group_fields

        with reader() as store:
            article = load_article(store, article_id)
            return {"ok": True, "article": to_record(article, group_fields(store))}

    @app.get("/api/entities", tags=["entities"])
    def api_entities(
        limit: Limit = 50, offset: Offset = 0,
        type: Annotated[str | None, Query(pattern="^(PER|ORG|LOC|MISC)$")] = None,
        q: Annotated[str | None, Query(max_length=100, description="name or alias; umlauts folded")] = None,
    ) -> dict[str, Any]:  # fmt: skip
        """Entities by the number of articles that mention them; `q` finds them by name or alias."""
        found = find_entities(q, type)
        page = [{k: v for k, v in e.items() if k != "folded"} for e in found[offset : offset + limit]]
        return {"ok": True, "total": len(found), "offset": offset, "limit": limit, "results": page}

    def entity_index() -> list[dict[str, Any]]:
        def compute() -> list[dict[str, Any]]:
            with reader() as store:
                return browse.entity_index(store.conn)

        return cache.get("entities", compute)  # type: ignore[no-any-return]

    def find_entities(q: str | None, type: str | None) -> list[dict[str, Any]]:
        entities = entity_index()
        if type:
            entities = [e for e in entities if e["type"] == type]
        if q and q.strip():
            want = browse.fold(q)
            exact = [e for e in entities if want in e["folded"]]
            starts = [e for e in entities if e not in exact and any(n.startswith(want) for n in e["folded"])]
            inner = [e for e in entities if e not in exact and e not in starts
                     and any(want in n for n in e["folded"])]  # fmt: skip
            entities = exact + starts + inner
        return entities

    def entity_data(store: Store, entity_id: str) -> dict[str, Any]:
        data = browse.entity_detail(store.conn, entity_id)
        if data is None:
            raise not_found("entity")
        return data

    @app.get("/api/entities/{entity_id}", tags=["entities"])
    def api_entity(entity_id: str) -> dict[str, Any]:
        """An entity: aliases, roles, articles, mentions over time, what it said."""
        if not re.match(_ENTITY_ID, entity_id):
            raise not_found("entity")
        with reader() as store:
            return {"ok": True, "entity": entity_data(store, entity_id)}

    @app.get("/api/quotes", tags=["quotes"])
    def api_quotes(
        limit: Limit = 50, offset: Offset = 0,
        speaker: Annotated[str | None, Query(pattern=_ENTITY_ID)] = None,
        kind: Annotated[str | None, Query(pattern="^(direct|indirect)$")] = None,
    ) -> dict[str, Any]:  # fmt: skip
        """Quotes with their speakers, newest first."""
        with reader() as store:
            results = browse.list_quotes(store.conn, speaker=speaker, kind=kind, limit=limit, offset=offset)
        return {"ok": True, "offset": offset, "limit": limit, "results": results}

    @app.get("/api/storylines", tags=["stories"])
    def api_storylines(limit: Limit = 50, offset: Offset = 0, sort: Sort = "recent",
                       min_events: Annotated[int, Query(ge=1, le=1000)] = 1) -> dict[str, Any]:  # fmt: skip
        """Storylines with their events, ranked by `sort`: recent (last continued), size or sources."""
        ranked = ranking("storyline", sort, min_events)
        page = described_page("storyline", ranked, sort, offset, limit, min_events)
        return {"ok": True, "total": len(ranked), "offset": offset, "limit": limit, "sort": sort, "results": page}

    def ranking(kind: str, sort: str, min_events: int = 1) -> list[dict[str, Any]]:
        def compute() -> list[dict[str, Any]]:
            with reader() as store:
                return browse.group_ranking(store.conn, kind)

        rows = cache.get(("ranking", kind), compute)
        return sorted((r for r in rows if r["events"] >= min_events), key=_SORTS[sort], reverse=True)

    def described_page(
        kind: str, ranked: list[dict[str, Any]], sort: str, offset: int, limit: int, min_events: int = 1
    ) -> list[dict[str, Any]]:
        """One page of a ranking, described (titles and key actors cost ~15 ms a storyline): cached."""

        def compute() -> list[dict[str, Any]]:
            with reader() as store:
                return [describe_ranked(store, kind, r) for r in ranked[offset : offset + limit]]

        return cache.get(("page", kind, sort, offset, limit, min_events), compute)  # type: ignore[no-any-return]

    def describe_ranked(store: Store, kind: str, r: dict[str, Any]) -> dict[str, Any]:
        d = _describe(store, kind, r["id"])
        return d | {"size": r["articles"], "sources": r["sources"]}

    @app.get("/api/storylines/{storyline_id}", tags=["stories"])
    def api_storyline(storyline_id: str) -> dict[str, Any]:
        """One storyline: title, dates, actors, events."""
        with reader() as store:
            return {"ok": True, "storyline": _describe(store, "storyline", storyline_id)}

    @app.get("/api/events", tags=["stories"])
    def api_events(limit: Limit = 50, offset: Offset = 0, sort: Sort = "recent") -> dict[str, Any]:
        """Events ranked by `sort`: recent (last day), size (articles) or sources."""
        ranked = ranking("event", sort)
        page = described_page("event", ranked, sort, offset, limit)
        return {"ok": True, "total": len(ranked), "offset": offset, "limit": limit, "sort": sort, "results": page}

    @app.get("/api/events/{event_id}", tags=["stories"])
    def api_event(event_id: str) -> dict[str, Any]:
        """One event: title, date, articles."""
        with reader() as store:
            return {"ok": True, "event": _describe(store, "event", event_id)}

    @app.get("/api/timelines/{ref}", tags=["stories"])
    def api_timeline(ref: str) -> dict[str, Any]:
        """Dated entries of a storyline (st-…) or an entity (Q…, lb:…), each citing its source."""
        with reader() as store:
            return {"ok": True, "ref": ref, "entries": [e.as_dict() for e in _timeline(store, ref)]}

    @app.get("/api/briefings/{ref}", tags=["stories"])
    def api_briefing(ref: str, format: Annotated[str, Query(pattern="^(md|json)$")] = "json") -> Response:
        """An extractive briefing of an event (ev-…) or storyline (st-…), every item cited."""
        with reader() as store:
            b = _briefing(store, ref)
        if format == "md":
            from ..present.brief import to_markdown

            return PlainTextResponse(to_markdown(b), media_type="text/markdown; charset=utf-8")
        return JSONResponse({"ok": True, "briefing": _briefing_dict(b)})

    # -- grouping helpers (tables of lagebild.group) ----------------------------------------
    def _describe(store: Store, kind: str, gid: str) -> dict[str, Any]:
        api = group_api()
        if api is None or not re.match(_GROUP_ID, gid):
            raise not_found(kind)
        try:
            fn = api[0].describe_storyline if kind == "storyline" else api[0].describe_event
            return fn(store.conn, gid)
        except KeyError:
            raise not_found(kind) from None

    def _timeline(store: Store, ref: str) -> list[Any]:
        api = group_api()
        if api is None:
            raise not_found("timeline")
        if re.match(_GROUP_ID, ref) and ref.startswith("st-"):
            try:
                return api[1].storyline_timeline(store.conn, ref)
            except KeyError:
                raise not_found("storyline") from None
        if re.match(_ENTITY_ID, ref):
            if not browse.entity_exists(store.conn, ref):
                raise not_found("entity")
            return api[1].entity_timeline(store.conn, ref)
        raise not_found("timeline")

    def _briefing(store: Store, ref: str) -> Any:
        if not re.match(_GROUP_ID, ref):
            raise not_found("briefing")
        from ..present.brief import build_briefing

        try:
            return build_briefing(store.conn, "event" if ref.startswith("ev-") else "storyline", ref)
        except (KeyError, LagebildError):
            raise not_found("briefing") from None

    def _briefing_dict(b: Any) -> dict[str, Any]:
        return {
            "kind": b.kind, "id": b.id, "title": b.title, "subtitle": b.subtitle,
            "sections": [{"heading": h, "items": [{"lead": i.lead, "text": i.text, "cites": i.cites} for i in items]}
                         for h, items in b.sections],
            "sources": b.sources,
        }  # fmt: skip

    # -- pages -----------------------------------------------------------------------------
    def page(request: Request, name: str, **ctx: Any) -> HTMLResponse:
        lang = _ui_lang(request)
        return templates.TemplateResponse(
            request, name, {"t": text_for(lang), "lang": lang, "lang_q": "&lang=en" if lang == "en" else "",
                            "pending": cache.get("pending", grouping_pending), **ctx},
        )  # fmt: skip

    def grouping_pending() -> int:
        """Articles not grouped yet (a crash during regroup/enrich, ingest --no-enrich); 0 if unknown."""
        with reader() as store:
            method = getattr(store, "grouping_pending", None)  # a store method of newer lagebild versions
            return int(method()) if method is not None else 0

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request) -> HTMLResponse:
        def compute() -> dict[str, Any]:
            ranked = ranking("storyline", "recent")
            stories = described_page("storyline", ranked, "recent", 0, 20)
            with reader() as store:
                recent, _nxt, _total = browse.list_articles(store.conn, limit=30, with_total=False)
                return {"stories": stories, "recent": recent, "stats": store.stats(),
                        "n_stories": len(ranked)}  # fmt: skip

        return page(request, "overview.html", **cache.get("overview", compute))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request,
        q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "",
        mode: Annotated[str, Query(pattern="^(keyword|semantic|hybrid)$")] = "hybrid",
        source: Short = None, language: Short = None, section: Short = None,
        date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
        date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
        entity: Annotated[str | None, Query(pattern=_ENTITY_ID)] = None,
        event: Annotated[str | None, Query(pattern=_GROUP_ID)] = None,
        storyline: Annotated[str | None, Query(pattern=_GROUP_ID)] = None,
        offset: Offset = 0,
        actor: Annotated[str | None, Query(max_length=100, description="entity by name or alias")] = None,
    ) -> HTMLResponse:  # fmt: skip
        hits, total, error = [], 0, None
        entity_name = ""
        if actor and actor.strip() and not entity:
            found = find_entities(actor, None)
            if found:
                entity, entity_name = found[0]["id"], found[0]["name"]
            else:
                error = f"Kein Akteur „{actor}“ bekannt." if _ui_lang(request) == "de" else f"No actor {actor!r} known."
        elif entity:
            entity_name = next((e["name"] for e in entity_index() if e["id"] == entity), entity)
        if q.strip() and error is None:
            try:
                f = Filters(source=source or None, language=language or None, section=section or None,
                            date_from=_date(date_from), date_to=_date(date_to), entity=entity or None,
                            event=event or None, storyline=storyline or None)  # fmt: skip
                with reader() as store, browse.time_budget(store.conn, SEARCH_BUDGET_S):
                    hits, total = search(store.conn, q, mode=mode, filters=f, limit=20, offset=offset)
            except (SearchError, ValueError, LagebildError) as exc:
                error = str(exc)
        facet_counts = cache.get(("facets", "", "", "", "", ""), lambda: _facets(browse.ArticleFilter()))
        return page(request, "search.html", q=q, mode=mode, hits=hits, total=total, error=error,
                    source=source or "", language=language or "", section=section or "",
                    date_from=date_from or "", date_to=date_to or "", offset=offset,
                    entity=entity or "", entity_name=entity_name, event=event or "", storyline=storyline or "",
                    facets=facet_counts, actors=[e["name"] for e in entity_index()[:200]],
                    fq=urlencode({k: v for k, v in {
                        "q": q, "mode": mode, "source": source, "language": language, "section": section,
                        "from": date_from, "to": date_to, "entity": entity, "event": event, "storyline": storyline,
                    }.items() if v}))  # fmt: skip

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        if not re.match(_ID, article_id):
            raise not_found("article")

        def compute() -> dict[str, Any]:
            with reader() as store:
                article = load_article(store, article_id)
                groups = browse.article_groups(store.conn, article.id)
                if groups["storyline"]:
                    groups["storyline"]["title"] = storyline_title(store, groups["storyline"]["id"])
            return {"a": article, "body": highlight(article), "g": groups}

        return page(request, "article.html", **cache.get(("article", article_id), compute))

    def storyline_title(store: Store, sid: str) -> str:
        """The storyline's title (key actors and nouns: ~15 ms), cached: many articles share it."""
        from ..group.events import load_group
        from ..group.storylines import storyline_title as title_of

        def compute() -> str:
            g = load_group(store.conn, "storylines", sid)
            return title_of(store.conn, g) if g is not None else sid

        return cache.get(("storyline-title", sid), compute)  # type: ignore[no-any-return]

    # -- list pages ------------------------------------------------------------------------
    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(
        request: Request, after: Cursor = None, source: Short = None, section: Short = None,
        language: Annotated[str | None, Query(pattern="^([a-z]{2})?$")] = None,
        event: Annotated[str | None, Query(pattern=_GROUP_ID)] = None,
        storyline: Annotated[str | None, Query(pattern=_GROUP_ID)] = None,
        entity: Annotated[str | None, Query(pattern=_ENTITY_ID)] = None,
    ) -> HTMLResponse:  # fmt: skip
        filters = {"source": source or "", "language": language or "", "section": section or "",
                   "event": event or "", "storyline": storyline or "", "entity": entity or ""}  # fmt: skip
        f = browse.ArticleFilter(**{k: v or None for k, v in filters.items()})
        with reader() as store:
            rows, nxt, total = browse.list_articles(store.conn, limit=50, after=after, filters=f)
        facet_counts = cache.get(("facets", *filters.values()), lambda: _facets(f))
        return page(request, "articles.html", rows=rows, nxt=nxt, total=total, facets=facet_counts,
                    filters=filters, after=after)  # fmt: skip

    def _facets(f: browse.ArticleFilter) -> dict[str, Any]:
        with reader() as store:
            return browse.facets(store.conn, f)

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(
        request: Request, q: Annotated[str, Query(max_length=100)] = "", offset: Offset = 0,
        type: Annotated[str | None, Query(pattern="^(PER|ORG|LOC|MISC)?$")] = None,
    ) -> HTMLResponse:  # fmt: skip
        found = find_entities(q, type or None)
        return page(request, "entities.html", rows=found[offset : offset + 50], total=len(found), q=q,
                    type=type or "", offset=offset, step=50)  # fmt: skip

    @app.get("/storylines", response_class=HTMLResponse, include_in_schema=False)
    def storylines_page(request: Request, sort: Sort = "recent", offset: Offset = 0,
                        min_events: Annotated[int, Query(ge=1, le=1000)] = 1) -> HTMLResponse:  # fmt: skip
        ranked = ranking("storyline", sort, min_events)
        rows = described_page("storyline", ranked, sort, offset, 20, min_events)
        return page(request, "storylines.html", rows=rows, total=len(ranked), sort=sort, offset=offset,
                    step=20, min_events=min_events, kind="storyline")  # fmt: skip

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request, sort: Sort = "recent", offset: Offset = 0) -> HTMLResponse:
        ranked = ranking("event", sort)
        rows = described_page("event", ranked, sort, offset, 20)
        with reader() as store:
            titles = browse.article_rows(store.conn, [a for r in rows for a in r["articles"][:3]])
        return page(request, "events.html", rows=rows, total=len(ranked), sort=sort, offset=offset,
                    step=20, titles=titles)  # fmt: skip

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, entity_id: str) -> HTMLResponse:
        if not re.match(_ENTITY_ID, entity_id):
            raise not_found("entity")
        def compute() -> dict[str, Any]:
            with reader() as store:
                data = entity_data(store, entity_id)
                entries = _timeline(store, entity_id)[:60]
            return {"e": data, "entries": entries, "peak": max(data["mentions_by_month"].values(), default=1),
                    "chart": bool(entries)}  # fmt: skip

        return page(request, "entity.html", **cache.get(("entity", entity_id), compute))

    @app.get("/storylines/{storyline_id}", response_class=HTMLResponse, include_in_schema=False)
    def storyline_page(request: Request, storyline_id: str) -> HTMLResponse:
        def compute() -> dict[str, Any]:
            with reader() as store:
                story = _describe(store, "storyline", storyline_id)
                entries = _timeline(store, storyline_id)
                brief = _briefing(store, storyline_id)
                outlets = _outlets(store, story["events"])
            return {"s": story, "entries": entries, "brief": brief, "chart": chart_of(storyline_id, story, entries),
                    "outlets": outlets}  # fmt: skip

        return page(request, "storyline.html", **cache.get(("storyline", storyline_id), compute))

    def chart_of(storyline_id: str, story: dict[str, Any], entries: list[Any]) -> str | None:
        return cache.get(("chart", storyline_id),  # type: ignore[no-any-return]
                         lambda: _svg(None, "timeline", storyline_id, story["title"], entries))  # fmt: skip

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str) -> HTMLResponse:
        def compute() -> dict[str, Any]:
            with reader() as store:
                event = _describe(store, "event", event_id)
                brief = _briefing(store, event_id)
                titles = browse.article_rows(store.conn, [*event["articles"], *event["duplicates"]])
                story = storyline_title(store, event["storyline"]) if event["storyline"] else None
                outlets = _outlets(store, [event])
            return {"ev": event, "brief": brief, "titles": titles, "story": story, "outlets": outlets}

        return page(request, "event.html", **cache.get(("event", event_id), compute))

    def _svg(store: Store | None, kind: str, gid: str, title: str, entries: list[Any]) -> str | None:
        try:
            from ..present.plot import timeline_svg

            return timeline_svg(entries, title) if entries else None
        except Exception:  # a chart is an extra; the page works without it
            return None

    def _outlets(store: Store, events: list[dict[str, Any]]) -> dict[str, int]:
        """Independent outlets per event id and, under ``""``, for all of them together."""
        from ..present.sources import independent_outlets

        out = {str(e["id"]): independent_outlets(store.conn, list(e["articles"])) for e in events}
        out[""] = independent_outlets(store.conn, [a for e in events for a in e["articles"]])
        return out

    @app.get("/charts/{ref}/{name}", include_in_schema=False)
    def plot(ref: str, name: str) -> Response:
        """A timeline (storyline, event, entity) or actor network (storyline, event) as SVG or PNG."""
        m = re.fullmatch(r"(timeline|network)\.(svg|png)", name)
        group = bool(re.match(_GROUP_ID, ref))
        if m is None or not (group or re.match(_ENTITY_ID, ref)) or (m[1] == "network" and not group):
            raise not_found("chart")
        kind, fmt = m[1], m[2]

        def compute() -> bytes:
            from ..present.plot import network_figure, render, timeline_figure

            with reader() as store:
                if group:
                    title = _describe(store, "storyline" if ref.startswith("st-") else "event", ref)["title"]
                else:
                    title = entity_data(store, ref)["name"]
                if kind == "network":
                    fig = network_figure(store.conn, ref, str(title))
                else:
                    api = group_api()
                    if api is None:
                        raise not_found("chart")
                    entries = (api[1].entity_timeline(store.conn, ref) if not group
                               else api[1].storyline_timeline(store.conn, ref))  # fmt: skip
                    fig = timeline_figure(entries, str(title))
            return render(fig, fmt)

        try:
            body = cache.get(("plot", ref, kind, fmt), compute)
        except KeyError:
            raise not_found("chart") from None
        media = "image/svg+xml" if fmt == "svg" else "image/png"
        return Response(body, media_type=media,
                        headers={"Content-Disposition": f'inline; filename="lagebild-{ref}-{kind}.{fmt}"'})  # fmt: skip

    @app.get("/charts/{storyline_id}.svg", include_in_schema=False)
    def chart(storyline_id: str) -> Response:
        with reader() as store:
            story = _describe(store, "storyline", storyline_id)
            svg = chart_of(storyline_id, story, _timeline(store, storyline_id))
        if svg is None:
            raise not_found("chart")
        return Response(svg, media_type="image/svg+xml")

    return app


def _rows_response(rows: list[dict[str, Any]], format: str, name: str, fields: list[str]) -> Response:
    """A list as a CSV or JSON-lines download (lists inside a row as JSON text in CSV)."""
    if format == "jsonl":
        body = "".join(json.dumps({k: r.get(k) for k in fields}, ensure_ascii=False) + "\n" for r in rows)
        media, ext = "application/x-ndjson; charset=utf-8", "jsonl"
    else:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                             for k, v in r.items()})  # fmt: skip
        body, media, ext = out.getvalue(), "text/csv; charset=utf-8", "csv"
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="lagebild-{name}.{ext}"'})  # fmt: skip


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _ui_lang(request: Request) -> str:
    q = request.query_params.get("lang")
    if q in ("de", "en"):
        return q
    accept = request.headers.get("accept-language", "")
    return "en" if accept.lower().startswith("en") else "de"


def highlight(article: Any) -> list[str]:
    """The cleaned text as HTML paragraphs, entities, dates and quotes marked (all text escaped)."""
    text = article.text
    spans: list[tuple[int, int, str, str]] = []  # start, end, open tag, close tag
    for q in article.quotes:
        title = f"{q.kind}: {q.speaker_text or '?'}" + (f" ({q.cue})" if q.cue else "")
        spans.append((q.start, q.end, f'<span class="quote q-{q.kind}" title="{html.escape(title)}">', "</span>"))
    for e in article.entities:
        href = f"/entities/{html.escape(e.id)}"
        for m in e.mentions:
            spans.append((m.start, m.end, f'<a class="ent ent-{e.type}" href="{href}" title="{html.escape(e.name)}">', "</a>"))
    for t in article.times:
        spans.append((t.start, t.end, f'<time class="tx" title="{html.escape(t.value)}">', "</time>"))
    # a span over a paragraph break would break the markup: keep it unmarked
    spans = [sp for sp in spans if "\n" not in text[sp[0] : sp[1]]]
    spans.sort(key=lambda s: (s[0], -s[1]))
    # keep only properly nested spans; an inner span crossing an outer boundary is dropped
    kept: list[tuple[int, int, str, str]] = []
    stack: list[tuple[int, int, str, str]] = []
    for sp in spans:
        while stack and stack[-1][1] <= sp[0]:
            stack.pop()
        if stack and sp[1] > stack[-1][1]:
            continue
        if any(k[0] < sp[1] and sp[0] < k[1] and not (k[0] <= sp[0] and sp[1] <= k[1]) for k in stack):
            continue
        kept.append(sp)
        stack.append(sp)
    events: list[tuple[int, int, int, str]] = []
    for i, (s, e, o, c) in enumerate(kept):
        events.append((s, 1, i, o))  # opens in order
        events.append((e, 0, -i, c))  # closes before opens, innermost first
    events.sort(key=lambda x: (x[0], x[1], x[2]))
    out: list[str] = []
    pos = 0
    for at, _kind, _i, tag in events:
        out.append(html.escape(text[pos:at]))
        out.append(tag)
        pos = at
    out.append(html.escape(text[pos:]))
    return "".join(out).split("\n")
