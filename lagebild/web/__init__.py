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

Modules: ``app`` (the factory, error handling), ``site`` (what requests share:
pooled read-only connections, the per-generation cache, rankings),
``records`` (records or 404), ``templating`` (templates, language, article
markup), ``params`` (parameter types), and one module of routes per area:
``overview``, ``search``, ``articles``, ``entities``, ``storylines``,
``events``, ``export`` (downloads, briefings) and ``charts``.  Queries live in
``lagebild.store`` (``browse``); nothing here writes SQL.
"""

from __future__ import annotations

from .app import create_app, error_body
from .templating import highlight

__all__ = ["create_app", "error_body", "highlight"]
