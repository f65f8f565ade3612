"""Downloads: lists as CSV or JSON Lines, briefings as JSON, Markdown, HTML or PDF."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response, StreamingResponse

from ..present.rows import csv_cell
from . import records
from .site import Site

__all__ = ["rows_response", "rows_stream", "router"]

_BRIEF_MEDIA = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "pdf": "application/pdf"}


_cell = csv_cell  # (lagebild/present/rows.py: the rule the CLI's CSV follows too)


def _lines(batches: Iterable[list[dict[str, Any]]], format: str, fields: list[str]) -> Iterator[str]:
    """The download's text, a batch of rows at a time."""
    if format == "jsonl":
        for rows in batches:
            yield "".join(json.dumps({k: r.get(k) for k in fields}, ensure_ascii=False) + "\n" for r in rows)
        return
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    for rows in batches:
        for r in rows:
            writer.writerow({k: _cell(v) for k, v in r.items()})
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()


def _download(format: str, name: str) -> tuple[str, dict[str, str]]:
    if format == "jsonl":
        media, ext = "application/x-ndjson; charset=utf-8", "jsonl"
    else:
        media, ext = "text/csv; charset=utf-8", "csv"
    return media, {"Content-Disposition": f'attachment; filename="lagebild-{name}.{ext}"'}


def rows_response(rows: list[dict[str, Any]], format: str, name: str, fields: list[str]) -> Response:
    """A list as a CSV or JSON-lines download (lists inside a row as JSON text in CSV)."""
    media, headers = _download(format, name)
    return Response("".join(_lines([rows], format, fields)), media_type=media, headers=headers)


def rows_stream(batches: Iterable[list[dict[str, Any]]], format: str, name: str, fields: list[str]) -> Response:
    """:func:`rows_response` for a long list: sent while its batches are read."""
    media, headers = _download(format, name)
    return StreamingResponse(_lines(batches, format, fields), media_type=media, headers=headers)


def router(site: Site) -> APIRouter:
    r = APIRouter()

    @r.get("/api/briefings/{ref}", tags=["stories"])
    def api_briefing(
        ref: str, format: Annotated[str, Query(pattern="^(md|html|pdf|json)$")] = "json",
        lang: Annotated[str | None, Query(pattern="^(de|en)$", description="headings; default: "
                                                "the language most member articles are written in")] = None,
    ) -> Response:  # fmt: skip
        """An extractive briefing of an event (ev-…) or storyline (st-…), every item cited.

        ``format=md``, ``html`` or ``pdf`` downloads it."""
        with site.reader() as store:
            b = records.briefing(store, ref, lang)
        if format == "json":
            return JSONResponse({"ok": True, "briefing": records.briefing_dict(b)})
        from ..present.brief import render_briefing

        body = render_briefing(b, format)
        disposition = "inline" if format != "pdf" else "attachment"
        return Response(body, media_type=_BRIEF_MEDIA[format],
                        headers={"Content-Disposition": f'{disposition}; filename="lagebild-{ref}.{format}"'})  # fmt: skip

    return r
