"""Charts: timelines (storyline, event, entity) and actor networks as SVG or PNG downloads."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from . import records
from .params import ENTITY_ID, GROUP_ID, not_found
from .site import Site

__all__ = ["router"]

ChartLang = Annotated[str, Query(pattern="^(de|en)$", description="language of the labels")]


def router(site: Site) -> APIRouter:
    r = APIRouter()

    @r.get("/charts/{ref}/{name}", include_in_schema=False)
    def plot(ref: str, name: str, lang: ChartLang = "de") -> Response:
        """A timeline (storyline, event, entity) or actor network (storyline, event) as SVG or PNG."""
        m = re.fullmatch(r"(timeline|network)\.(svg|png)", name)
        group = bool(re.match(GROUP_ID, ref))
        if m is None or not (group or re.match(ENTITY_ID, ref)) or (m[1] == "network" and not group):
            raise not_found("chart")
        kind, fmt = m[1], m[2]

        def compute() -> bytes:
            from ..group import timelines
            from ..present.plot import network_figure, render, timeline_figure

            with site.reader() as store:
                if group:
                    title = records.describe(store, "storyline" if ref.startswith("st-") else "event", ref)["title"]
                else:
                    title = records.entity(store, ref)["name"]
                if kind == "network":
                    fig = network_figure(store, ref, str(title), lang=lang)
                else:
                    entries = (timelines.entity_timeline(store.db, ref) if not group
                               else timelines.storyline_timeline(store.db, ref))  # fmt: skip
                    fig = timeline_figure(entries, str(title), lang=lang)
            return render(fig, fmt)

        try:
            body = site.cached(("plot", ref, kind, fmt, lang), compute)
        except KeyError:
            raise not_found("chart") from None
        media = "image/svg+xml" if fmt == "svg" else "image/png"
        return Response(body, media_type=media,
                        headers={"Content-Disposition": f'inline; filename="lagebild-{ref}-{kind}.{fmt}"'})  # fmt: skip

    @r.get("/charts/{storyline_id}.svg", include_in_schema=False)
    def chart(storyline_id: str, lang: ChartLang = "de") -> Response:
        def compute() -> str | None:
            with site.reader() as store:
                story = records.describe(store, "storyline", storyline_id)
                return records.timeline_svg(records.timeline(store, storyline_id), story["title"], lang)

        svg = site.cached(("chart", storyline_id, lang), compute)
        if svg is None:
            raise not_found("chart")
        return Response(svg, media_type="image/svg+xml")

    return r
