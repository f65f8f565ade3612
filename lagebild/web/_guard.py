"""The web layer's outer shell: Host check and security headers, as one ASGI middleware.

A DNS-rebinding page (``http://evil.example/`` re-pointed at 127.0.0.1) reaches
the local server with its own name in the ``Host`` header; answering it would
hand the whole store, raw text included, to that page.  So only the names the
server was started for are answered: the loopback names, the bound address and
what ``lagebild serve --allow-host`` adds; every other ``Host`` gets a 400.

Pure ASGI (no ``BaseHTTPMiddleware``): it adds nothing but a header loop to a
request, which matters for the p95 of cheap pages.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]
_HEADER_NAMES = frozenset(k for k, _ in _HEADERS)


def host_name(value: str) -> str:
    """The name part of a ``Host`` header value: port removed, IPv6 brackets removed, lower case."""
    value = value.strip().lower().rstrip(".")
    if value.startswith("["):  # [::1]:8000
        return value[1 : value.find("]")] if "]" in value else value
    if value.count(":") == 1:  # name:port (a bare IPv6 address has several colons)
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def allowed_hosts(bound: str | None = None, extra: Iterable[str] = ()) -> frozenset[str]:
    """The loopback names, the bound address (unless a wildcard address) and ``extra``."""
    names = set(LOOPBACK)
    if bound and bound not in ("0.0.0.0", "::", ""):
        names.add(host_name(bound) if not bound.count(":") > 1 else bound.lower())
    names.update(host_name(h) if h != "*" else "*" for h in extra if h)
    return frozenset(names)


class Guard:
    """ASGI middleware: refuse unknown ``Host`` names (400), add the security headers."""

    def __init__(self, app: Any, hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = frozenset(hosts)
        self.any_host = "*" in self.hosts

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not self.any_host:
            host = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), None)
            if host is None or host_name(host) not in self.hosts:
                await self._refuse(scope, send, host)
                return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].lower() not in _HEADER_NAMES]
                message["headers"] = headers + _HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _refuse(self, scope: dict[str, Any], send: Any, host: str | None) -> None:
        shown = "no Host header" if host is None else f"Host {host[:100]!r}"
        message = (
            f"Unknown host: {shown}. This server answers only the names it was started for; "
            "start it with `lagebild serve --allow-host NAME` to add one."
        )
        path = scope.get("path", "")
        if path.startswith("/api") or path == "/openapi.json":
            body = json.dumps({"ok": False, "error": message, "errors": [], "status": 400}).encode()
            ctype = b"application/json"
        else:
            body = f"400 {message}".encode()
            ctype = b"text/plain; charset=utf-8"
        headers = [(b"content-type", ctype), (b"content-length", str(len(body)).encode()), *_HEADERS]
        await send({"type": "http.response.start", "status": 400, "headers": headers})
        await send({"type": "http.response.body", "body": body})
