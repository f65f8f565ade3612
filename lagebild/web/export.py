"""Downloads: lists as CSV or JSON Lines, briefings as JSON, Markdown, HTML or PDF."""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from . import records
from .site import Site

__all__ = ["rows_response", "router"]

_BRIEF_MEDIA = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "pdf": "application/pdf"}


def rows_response(rows: list[dict[str, Any]], format: str, name: str, fields: list[str]) -> Response:
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
