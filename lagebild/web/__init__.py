"""The local web UI and HTTP API, on the same store and the same records.

``create_app(db_path)`` returns a FastAPI application:

* ``/api/...`` — JSON read endpoints (articles, entities, quotes, events,
  storylines, timelines, briefings, search); OpenAPI at ``/openapi.json``;
  every error is one JSON body ``{"ok": false, "error", "errors", "status"}``.
* HTML pages — overview, storyline, event, entity, article, search; German
  interface text, English with ``?lang=en`` or ``Accept-Language: en``.

Scraped text is untrusted: templates autoescape everything, snippets are
escaped before ``<mark>`` is added, and every response carries a strict
Content-Security-Policy (no inline script, only this server's CSS).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import LagebildError, NotFound
from ..present.export import to_record
from ..search import MAX_QUERY_CHARS, Filters, SearchError, search
from ..store import SPEAKERS_OF, SPOKEN_BY, Store
from . import _openapi
from ._guard import Guard, allowed_hosts
from ._i18n import text_for

__all__ = ["create_app"]

_HERE = Path(__file__).resolve().parent
MAX_PAGE = 100
_ID = r"^[0-9a-f]{4,64}$"
_GROUP_ID = r"^(ev|st)-[0-9a-f]{4,64}$"
_ENTITY_ID = r"^(Q\d{1,12}|lb:[a-z]{2,5}:[\w.\-]{1,120})$"


# Parameter types shared by the endpoints (module level: FastAPI resolves them by name).
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size, 1-{MAX_PAGE}")]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
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
    ) -> dict[str, Any]:
        """Keyword (umlaut-folding, stemming), semantic or hybrid search with filters."""
        f = filters_from(source, section, language, entity, date_from, date_to, event, storyline)
        with reader() as store:
            try:
                hits, total = search(store.conn, q, mode=mode, filters=f, limit=limit, offset=offset)
            except SearchError as exc:
                raise HTTPException(status_code=400, detail=str(exc)) from None
        results = [
            {"id": h.id, "title": h.title, "origins": h.origins, "published": h.published,
             "snippet": h.snippet, "score": h.score, "source": h.source, "language": h.language}
            for h in hits
        ]  # fmt: skip
        nxt = offset + limit if offset + limit < total else None
        return {"ok": True, "query": q, "mode": mode, "total": total, "offset": offset, "limit": limit,
                "next_offset": nxt, "results": results}  # fmt: skip

    @app.get("/api/articles", tags=["articles"])
    def api_articles(
        limit: Limit = 20, offset: Offset = 0, source: Short = None,
        language: Annotated[str | None, Query(pattern="^[a-z]{2}$")] = None,
    ) -> dict[str, Any]:  # fmt: skip
        """Articles, newest first (metadata only)."""
        where, args = ["1"], []
        if source:
            where.append("source = ?")
            args.append(source)
        if language:
            where.append("language = ?")
            args.append(language)
        sql_where = " AND ".join(where)
        with reader() as store:
            total = store.conn.execute(f"SELECT count(*) FROM articles WHERE {sql_where}", args).fetchone()[0]
            rows = store.conn.execute(
                "SELECT id, title, source, section, section_predicted, published, language FROM articles "
                f"WHERE {sql_where} ORDER BY published IS NULL, published DESC, id LIMIT ? OFFSET ?",
                (*args, limit, offset),
            ).fetchall()
        return {"ok": True, "total": total, "offset": offset, "limit": limit,
                "results": [dict(r) for r in rows]}  # fmt: skip

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
    ) -> dict[str, Any]:  # fmt: skip
        """Entities by the number of articles that mention them."""
        with reader() as store:
            rows = store.conn.execute(
                "SELECT e.id, e.name, e.type, e.wikidata, count(ae.article_id) AS articles FROM entities e "
                "JOIN article_entities ae ON ae.entity_id = e.id WHERE (? IS NULL OR e.type = ?) "
                "GROUP BY e.id ORDER BY articles DESC, e.name LIMIT ? OFFSET ?",
                (type, type, limit, offset),
            ).fetchall()
        return {"ok": True, "offset": offset, "limit": limit, "results": [dict(r) for r in rows]}

    def entity_data(store: Store, entity_id: str) -> dict[str, Any]:
        row = store.conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise not_found("entity")
        arts = store.conn.execute(
            "SELECT a.id, a.title, a.published, a.source, ae.role, "
            "(SELECT count(*) FROM mentions m WHERE m.article_id = a.id AND m.entity_id = ae.entity_id) AS n "
            "FROM article_entities ae JOIN articles a ON a.id = ae.article_id WHERE ae.entity_id = ? "
            "ORDER BY a.published IS NULL, a.published DESC LIMIT 200",
            (entity_id,),
        ).fetchall()
        said = store.conn.execute(
            "SELECT q.article_id, q.kind, q.text, q.cue, q.speaker_text, a.published, a.title FROM quotes q "
            f"JOIN articles a ON a.id = q.article_id WHERE {SPOKEN_BY} "
            "ORDER BY a.published IS NULL, a.published DESC LIMIT 100",
            (entity_id, entity_id, entity_id),
        ).fetchall()
        by_month: dict[str, int] = {}
        for a in arts:
            key = (a["published"] or "ohne Datum")[:7]
            by_month[key] = by_month.get(key, 0) + a["n"]
        return {
            "id": row["id"], "name": row["name"], "type": row["type"], "wikidata": row["wikidata"],
            "aliases": json.loads(row["aliases"]),
            "roles": sorted({a["role"] for a in arts if a["role"]}),
            "articles": [dict(a) for a in arts],
            "mentions_by_month": dict(sorted(by_month.items())),
            "quotes": [dict(q) for q in said],
        }  # fmt: skip

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
            rows = store.conn.execute(
                "SELECT q.article_id, q.kind, q.text, q.cue, q.speaker_text, q.speaker_entity, a.published, "
                f"(SELECT json_group_array(value) FROM {SPEAKERS_OF} WHERE value IS NOT NULL) AS speaker_entities "
                "FROM quotes q JOIN articles a ON a.id = q.article_id "
                f"WHERE (? IS NULL OR {SPOKEN_BY}) AND (? IS NULL OR q.kind = ?) "
                "ORDER BY a.published IS NULL, a.published DESC, q.article_id, q.seq LIMIT ? OFFSET ?",
                (speaker, speaker, speaker, speaker, kind, kind, limit, offset),
            ).fetchall()
        results = [dict(r) | {"speaker_entities": json.loads(r["speaker_entities"])} for r in rows]
        return {"ok": True, "offset": offset, "limit": limit, "results": results}

    @app.get("/api/storylines", tags=["stories"])
    def api_storylines(limit: Limit = 50) -> dict[str, Any]:
        """Storylines with their events, most recently continued first."""
        with reader() as store:
            return {"ok": True, "results": _storylines(store, limit)}

    @app.get("/api/storylines/{storyline_id}", tags=["stories"])
    def api_storyline(storyline_id: str) -> dict[str, Any]:
        """One storyline: title, dates, actors, events."""
        with reader() as store:
            return {"ok": True, "storyline": _describe(store, "storyline", storyline_id)}

    @app.get("/api/events", tags=["stories"])
    def api_events(limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Events, most recent first."""
        with reader() as store:
            if not _has_table(store, "events"):
                return {"ok": True, "results": []}
            rows = store.conn.execute(
                "SELECT id FROM events ORDER BY last_day IS NULL, last_day DESC, seq DESC LIMIT ? OFFSET ?",
                (limit, offset),
            ).fetchall()
            return {"ok": True, "results": [_describe(store, "event", r[0]) for r in rows]}

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
    def _has_table(store: Store, name: str) -> bool:
        return bool(store.conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone())

    def _storylines(store: Store, limit: int) -> list[dict[str, Any]]:
        api = group_api()
        if api is None or not _has_table(store, "storylines"):
            return []
        return api[0].list_storylines(store.conn, limit=limit)

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
            if not store.conn.execute("SELECT 1 FROM entities WHERE id = ?", (ref,)).fetchone():
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
            request, name, {"t": text_for(lang), "lang": lang, "lang_q": "&lang=en" if lang == "en" else "", **ctx}
        )

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request) -> HTMLResponse:
        with reader() as store:
            stories = _storylines(store, 20)
            recent = store.conn.execute(
                "SELECT id, title, published, source, language FROM articles "
                "ORDER BY published IS NULL, published DESC, id LIMIT 30"
            ).fetchall()
            stats = store.stats()
        return page(request, "overview.html", stories=stories, recent=recent, stats=stats)

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
    ) -> HTMLResponse:  # fmt: skip
        hits, total, error = [], 0, None
        if q.strip():
            try:
                f = Filters(source=source or None, language=language or None, section=section or None,
                            date_from=_date(date_from), date_to=_date(date_to), entity=entity or None,
                            event=event or None, storyline=storyline or None)  # fmt: skip
                with reader() as store:
                    hits, total = search(store.conn, q, mode=mode, filters=f, limit=20, offset=offset)
            except (SearchError, ValueError) as exc:
                error = str(exc)
        return page(request, "search.html", q=q, mode=mode, hits=hits, total=total, error=error,
                    source=source or "", language=language or "", section=section or "",
                    date_from=date_from or "", date_to=date_to or "", offset=offset,
                    entity=entity or "", event=event or "", storyline=storyline or "")  # fmt: skip

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        with reader() as store:
            article = load_article(store, article_id)
        return page(request, "article.html", a=article, body=highlight(article))

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, entity_id: str) -> HTMLResponse:
        if not re.match(_ENTITY_ID, entity_id):
            raise not_found("entity")
        with reader() as store:
            data = entity_data(store, entity_id)
            entries = _timeline(store, entity_id)[:60]
        peak = max(data["mentions_by_month"].values(), default=1)
        return page(request, "entity.html", e=data, entries=entries, peak=peak)

    @app.get("/storylines/{storyline_id}", response_class=HTMLResponse, include_in_schema=False)
    def storyline_page(request: Request, storyline_id: str) -> HTMLResponse:
        with reader() as store:
            story = _describe(store, "storyline", storyline_id)
            entries = _timeline(store, storyline_id)
            brief = _briefing(store, storyline_id)
            chart = _svg(store, "timeline", storyline_id, story["title"], entries)
        return page(request, "storyline.html", s=story, entries=entries, brief=brief, chart=chart)

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str) -> HTMLResponse:
        with reader() as store:
            event = _describe(store, "event", event_id)
            brief = _briefing(store, event_id)
        return page(request, "event.html", ev=event, brief=brief)

    def _svg(store: Store, kind: str, gid: str, title: str, entries: list[Any]) -> str | None:
        try:
            from ..present.plot import timeline_svg

            return timeline_svg(entries, title) if entries else None
        except Exception:  # a chart is an extra; the page works without it
            return None

    @app.get("/charts/{storyline_id}.svg", include_in_schema=False)
    def chart(storyline_id: str) -> Response:
        with reader() as store:
            story = _describe(store, "storyline", storyline_id)
            svg = _svg(store, "timeline", storyline_id, story["title"], _timeline(store, storyline_id))
        if svg is None:
            raise not_found("chart")
        return Response(svg, media_type="image/svg+xml")

    return app


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
