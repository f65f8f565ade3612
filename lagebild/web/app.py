"""The application factory: one FastAPI app on one store (a SQLite file or a PostgreSQL database),
with its safety and error handling."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import LagebildError, NotFound
from ..store import Store
from . import _openapi, articles, charts, entities, events, export, overview, search, storylines
from ._guard import Guard, allowed_hosts
from ._i18n import text_for
from .site import Site
from .templating import html_response, ui_lang

__all__ = ["create_app", "error_body"]

_HERE = Path(__file__).resolve().parent


def error_body(status: int, message: str, errors: list[Any] | None = None) -> JSONResponse:
    """The one JSON error body of the API: ``{"ok": false, "error", "errors", "status"}``."""
    return JSONResponse(
        {"ok": False, "error": message, "errors": errors or [], "status": status}, status_code=status
    )


def create_app(
    db_path: str | os.PathLike[str], *, bound: str | None = None, allow_hosts: Iterable[str] = ()
) -> FastAPI:
    """The application for one store.

    Args:
        db_path: the store: a SQLite file or a ``postgresql://`` URL (several ``lagebild serve``
            processes may serve one PostgreSQL database, each with its own connection pool).
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
    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")
    _install_error_handlers(app)
    site = Site(db_path)
    app.state.site = site
    for area in (search, articles, entities, storylines, events, export, overview, charts):
        app.include_router(area.router(site))
    return app


def _install_error_handlers(app: FastAPI) -> None:
    """API errors as the JSON error body, page errors as short text; bad parameters are 400."""

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api") or request.url.path == "/openapi.json"

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError):  # type: ignore[no-untyped-def]
        errors = [
            {"loc": [str(x) for x in e.get("loc", [])], "msg": str(e.get("msg", ""))} for e in exc.errors()
        ]
        msg = "; ".join(f"{'.'.join(e['loc'][1:]) or 'request'}: {e['msg']}" for e in errors)
        if wants_json(request):
            return error_body(400, f"Invalid request: {msg}", errors)
        return _error_page(request, 400, f"400 Invalid request: {msg}", detail=msg)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException):  # type: ignore[no-untyped-def]
        # exc.headers carries e.g. the ``Allow`` of a 405
        if wants_json(request):
            response: Response = error_body(exc.status_code, str(exc.detail))
        else:
            response = _error_page(request, exc.status_code, f"{exc.status_code} {exc.detail}")
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(LagebildError)
    async def on_lagebild(request: Request, exc: LagebildError):  # type: ignore[no-untyped-def]
        status = 404 if isinstance(exc, (NotFound, KeyError)) else 400
        if wants_json(request):
            return error_body(status, str(exc))
        # the store's own words say what is missing ("… not yet available on PostgreSQL")
        return _error_page(request, status, f"{status} {exc}", detail=str(exc))


def _error_page(request: Request, status: int, plain: str, detail: str = "") -> Response:
    """A page error as a page in the interface language, with the site's navigation (a stale
    link lands on something to go on from); short text where the page cannot be rendered."""
    site = getattr(request.app.state, "site", None)
    kind = {404: "404", 400: "400"}.get(status, "other")
    try:
        lang = ui_lang(request)
        t = text_for(lang)
        html = site.renderer.render(
            "error.html", lang, pending=None, heading=t[f"err_{kind}"], text=t[f"err_{kind}_text"], detail=detail
        )
    except Exception:  # the error page must never fail: the plain text says it all
        return PlainTextResponse(plain, status_code=status)
    response = html_response(request, html)
    response.status_code = status
    return response
