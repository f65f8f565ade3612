"""CLI commands of the search and web layer: ``search`` and ``serve``.

``add_commands(command)`` gets the CLI's sub-command factory
``command(name, help, example) -> argparse.ArgumentParser`` (it adds ``--db``
and an ``Example:`` epilog) and returns ``{name: handler}``; a handler takes
the parsed ``argparse.Namespace`` and returns the exit code.  Documented in
``docs/cli-web.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import logging
import re
import sys
import threading
from collections.abc import Callable
from typing import Any

from .errors import NotFound

Handler = Callable[[argparse.Namespace], int]


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> dict[str, Handler]:
    p = command(
        "search",
        "Search articles by keyword (umlauts folded, German/English stemming) and by meaning.",
        'lagebild search "Atomprogramm Nordkorea" --mode hybrid --from 2024-01-01',
    )
    p.add_argument("query", help='words; "a phrase", prefix*, -excluded')
    p.add_argument("--mode", choices=("keyword", "semantic", "hybrid"), default="hybrid")
    p.add_argument("--limit", type=int, default=10, help="results per page (1-100, default 10)")
    p.add_argument("--offset", type=int, default=0, help="skip this many results")
    p.add_argument("--source", help="only this source (e.g. dw)")
    p.add_argument("--section", help="only this section (given or predicted)")
    p.add_argument("--language", help="only this language (de, en)")
    p.add_argument("--entity", help="only articles mentioning this entity: its id (Q423), name, a name form or "
                   "a folded spelling (Suedkorea)")
    p.add_argument("--event", help="only articles of this event (ev-…)")
    p.add_argument("--storyline", help="only articles of this storyline: its id (st-…) or words of its title")
    p.add_argument("--from", dest="date_from", help="published on or after (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", help="published on or before (YYYY-MM-DD)")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument("--format", choices=("jsonl", "csv", "parquet"),
                   help="export every hit (best first, up to 10 000; --limit and --offset do not apply) "
                        "with id, title, published, source, language, score, origins, snippet")
    p.add_argument("-o", "--out", "--output", dest="out", metavar="FILE",
                   help="with --format: write to FILE instead of standard output")
    p = command(
        "serve",
        "Serve the web UI and the HTTP API (OpenAPI at /openapi.json) on this machine.",
        "lagebild serve --db lagebild.db --port 8000",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--allow-host", action="append", default=[], metavar="NAME",
        help="also answer requests for this Host name (repeatable; loopback names and --host are "
        "answered by default, any other Host gets 400 against DNS rebinding; '*' answers any)",
    )  # fmt: skip
    return {"search": _cmd_search, "serve": _cmd_serve}


def warm_up_search() -> None:
    """Load the query embedder while the server starts, not when the first search asks for it:
    the analyst's first search of the morning took 4-10 s (the model loads in about 3 CPU s),
    the next ones 0.1-0.2 s.  A failure here is the first search's to report."""
    try:
        from .enrich.embed import embed

        embed(["lagebild"])
    except Exception:  # noqa: BLE001 - the first search loads it again and says what is wrong
        logging.getLogger(__name__).debug("search warm-up failed", exc_info=True)


def _cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .store import default_db_path
    from .web import create_app

    if not 0 < args.port < 65536:
        print("lagebild: error: --port must be 1-65535", file=sys.stderr)
        return 2
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"lagebild: serving on {args.host}: reachable from other machines", file=sys.stderr)
    busy = _port_taken(args.host, args.port)
    if busy:
        print(f"lagebild: cannot serve on {args.host}:{args.port}: {busy} (another `lagebild serve`? "
              "choose another --port)", file=sys.stderr)  # fmt: skip
        return 1
    app = create_app(args.db or default_db_path(), bound=args.host, allow_hosts=args.allow_host)
    if args.host in ("0.0.0.0", "::") and not args.allow_host:
        print(
            f"lagebild: only requests for localhost reach the pages; add --allow-host with this "
            f"machine's name to be reachable as {args.host} promises",
            file=sys.stderr,
        )
    print(f"lagebild: http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    threading.Thread(target=warm_up_search, name="lagebild-warm-up", daemon=True).start()
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def _port_taken(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be served (``address already in use``), or None: checked before
    the address is announced, so that a busy port is one clear error, not a URL and then a
    server log line."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        return str(exc.strerror or exc)
    family, kind, proto, _name, addr = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
        try:
            sock.bind(addr)
        except OSError as exc:
            return str(exc.strerror or exc).casefold()
    return None


def _date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise SystemExit(f"lagebild: error: {name} must be a date like 2024-06-24, not {value!r}") from None


def _narrowed_to(store: Any, args: argparse.Namespace) -> tuple[str | None, str | None, str | None]:
    """The ids of ``--entity`` (an id, a name, an alias or a folded spelling: ``Schroeder``),
    ``--event`` (an id or its prefix) and ``--storyline`` (an id, its prefix or words of its
    title), as ``timeline`` and ``brief`` take them.

    Raises:
        NotFound: nothing has that name or id, or several do (they are listed with their ids).
    """
    from ._cli_group import storyline_by_title
    from .group.timelines import resolve_ref
    from .store.names import find_entities

    entity = event = storyline = None
    if args.entity:
        ref = args.entity.strip()
        cands = find_entities(store.db, ref)
        exact = [c for c in cands if c.id == ref]
        if exact or len(cands) == 1:
            entity = (exact or cands)[0].id
        elif cands:
            width = max(24, *(len(c.id) for c in cands))
            lines = "\n".join(f"  {c.id:<{width}} {c.name} ({c.type}, {c.articles} art.)" for c in cands)
            raise NotFound(f"--entity {ref!r} names {len(cands)} entities; give one of their ids:\n{lines}")
        else:
            raise NotFound(f"No entity {ref!r}: give an id (Q423), a name or a name form "
                           "(`lagebild entities` lists them).")  # fmt: skip
    if args.event:
        ref = args.event.strip()
        if not ref.startswith("ev-"):
            raise NotFound(f"No event {ref!r}: give its id, ev-… (`lagebild stories` lists events).")
        event = resolve_ref(store.db, ref)[1]
    if args.storyline:
        ref = args.storyline.strip()
        storyline = resolve_ref(store.db, ref)[1] if ref.startswith("st-") else storyline_by_title(store, ref)
        if storyline is None:
            raise NotFound(f"No storyline {ref!r}: give its id, st-…, or words of its title "
                           "(`lagebild stories` lists them).")  # fmt: skip
    return entity, event, storyline


SEARCH_EXPORT = 10_000  # hits in an export, as the web's
_EXPORT_FIELDS = ("id", "title", "published", "source", "language", "score", "origins", "snippet")


def _export_hits(store: Any, args: argparse.Namespace, filters: Any) -> int:
    """Every hit of the query (up to ``SEARCH_EXPORT``, best first) as JSON Lines, CSV or Parquet:
    the columns and order of the web's export (``/api/search?format=csv``)."""
    from .present.rows import write_rows, write_rows_parquet
    from .search import SearchError, hits_for, rank

    if args.format == "parquet" and args.out is None and sys.stdout.isatty():
        print("lagebild: error: Parquet is binary: give -o FILE.parquet or redirect", file=sys.stderr)
        return 2
    try:
        found = rank(store.db, args.query, mode=args.mode, filters=filters, limit=SEARCH_EXPORT, complete=True)
    except SearchError as exc:
        print(f"lagebild: {exc}", file=sys.stderr)
        return 2
    rows = []
    for at in range(0, len(found.ranked), 500):
        rows += [{k: getattr(h, k) for k in _EXPORT_FIELDS}
                 for h in hits_for(store.db, found.ranked[at : at + 500], found.terms)]  # fmt: skip
    if args.format == "parquet":  # a date column, as `lagebild export` writes it
        for r in rows:
            r["published"] = _iso_date(r["published"])
        write_rows_parquet(rows, _EXPORT_FIELDS, args.out or sys.stdout.buffer)
    elif args.out is None:
        write_rows(rows, _EXPORT_FIELDS, args.format, sys.stdout)
    else:
        with open(args.out, "w", encoding="utf-8", newline="") as fh:  # (an error names the file)
            write_rows(rows, _EXPORT_FIELDS, args.format, fh)
    if args.out is not None:
        print(f"{len(rows)} hits written to {args.out}", file=sys.stderr)
    return 0


def _iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _cmd_search(args: argparse.Namespace) -> int:
    from .search import SUGGEST_BELOW, Filters, SearchError, hits_for, rank, suggest
    from .store import Store, default_db_path

    if not 1 <= args.limit <= 100 or args.offset < 0:
        print("lagebild: error: --limit must be 1-100 and --offset >= 0", file=sys.stderr)
        return 2
    try:
        date_from, date_to = _date(args.date_from, "--from"), _date(args.date_to, "--to")
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        return 2
    with Store(args.db or default_db_path()) as store:
        entity, event, storyline = _narrowed_to(store, args)
        filters = Filters(
            source=args.source, section=args.section, language=args.language, entity=entity,
            event=event, storyline=storyline, date_from=date_from, date_to=date_to,
        )  # fmt: skip
        if args.format:
            return _export_hits(store, args, filters)
        try:
            found = rank(store.db, args.query, mode=args.mode, filters=filters,
                         limit=args.limit, offset=args.offset)  # fmt: skip
        except SearchError as exc:
            print(f"lagebild: {exc}", file=sys.stderr)
            return 2
        hits, total, related = hits_for(store.db, found.ranked, found.terms), found.total, found.related
        more = found.total_is_lower_bound  # (counted up to 1 000: "more than 1,000 matches")
        # the web's rule: a correction is offered only when the query finds few articles
        better = suggest(store.db, args.query) if total < SUGGEST_BELOW else None
        # a source filter matches in any case (`--source DW` finds `dw`, as /api/search does);
        # one that names no stored source finds nothing: say so, with the sources there are
        unknown_source = None
        if args.source and not hits:
            stored = [s for s in store.stats()["by_source"] if s != "?"]
            if args.source.casefold() not in {s.casefold() for s in stored}:
                unknown_source = f"No article has the source {args.source!r} (sources: {', '.join(stored[:10])})."
    if args.json:
        print(json.dumps({
            "query": args.query, "mode": args.mode, "total": total, "total_is_lower_bound": more,
            "related": related,
            "offset": args.offset, "suggestion": better,
            "results": [
                {"id": h.id, "title": h.title, "origins": h.origins, "published": h.published,
                 "snippet": h.snippet, "score": h.score}
                for h in hits
            ],
        }, ensure_ascii=False))  # fmt: skip
        return 0
    # matches are the articles with the query's words; hybrid also lists some only close in meaning
    noun = ("similar article", "similar articles") if args.mode == "semantic" else ("match", "matches")
    what = noun[total != 1]
    line = (f"more than {total:,} {noun[1]}" if more else f"{total} {what}") + (
        f", {related} more close in meaning" if related else ""
    )
    print(line + (f"; showing {args.offset + 1}-{args.offset + len(hits)}" if hits else ""))
    if better:
        print(f"Did you mean: {better}")
    if unknown_source:
        print(unknown_source)
    for h in hits:
        plain = re.sub(r"</?mark>", "*", h.snippet)
        print(f"\n{h.id[:12]}  {h.published or '—':10}  {h.source or '—'}  {h.title}")
        print(f"    {html.unescape(plain)}")
    return 0
