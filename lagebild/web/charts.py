"""Charts: timelines and actor networks (storyline, event, entity) as SVG or PNG downloads, and
the data the interactive versions on the pages draw.

The pages embed that data as JSON in a ``<script type="application/json">`` block (never run);
``static/charts.js`` draws it with the vendored d3 (``static/vendor/``) under the strict CSP.
The server-rendered SVG stays in the page inside ``<noscript>`` for browsers without script.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from ..display_names import display_name
from . import records
from .params import ENTITY_ID, GROUP_ID, not_found
from .site import Site

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["event_timeline_data", "entry_timeline_data", "network_data", "router"]

_LABEL_CHARS = 90


def _span(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day of a TIMEX3 date (``2024``, ``2024-06``, ``2024-W26``, ``2024-06-24``)."""
    from ..group.timelines import date_key

    key = date_key(value)
    if key is None or value is None:
        return None
    start = dt.date.fromisoformat(key)
    if re.fullmatch(r"\d{4}", value):
        return start, dt.date(start.year, 12, 31)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return start, dt.date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
    if "-W" in value:
        return start, start + dt.timedelta(days=6)
    return start, start


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1] + "…"


def _timeline(items: list[dict[str, Any]], undated: int) -> dict[str, Any]:
    """Items sorted by date, the initial view (the dense period, as the static plot's axis) and
    the number of undated entries left out."""
    from ..present.plot import dense_range

    items.sort(key=lambda i: (i["start"], i["end"]))
    view = None
    if items:
        lo, hi = dense_range([dt.date.fromisoformat(i["start"]) for i in items])
        pad = dt.timedelta(days=max(2, (hi - lo).days // 20))
        view = [(lo - pad).isoformat(), (hi + pad).isoformat()]
    return {"items": items, "view": view, "undated": undated}


def event_timeline_data(events: list[dict[str, Any]]) -> dict[str, Any]:
    """A storyline's events on a time axis: label = event title, link = the event page.

    Args:
        events: the storyline's events as ``describe_storyline`` gives them (id, title, date, end).
    """
    items, undated = [], 0
    for e in events:
        first, last = _span(e.get("date")), _span(e.get("end"))
        if first is None:
            undated += 1
            continue
        end = max(first[1], last[1]) if last else first[1]
        items.append({"start": first[0].isoformat(), "end": end.isoformat(), "date": e["date"],
                      "label": _short(str(e["title"])), "text": str(e["title"]), "href": f"/events/{e['id']}",
                      "kind": "event", "n": len(e.get("articles", ()))})  # fmt: skip
    return _timeline(items, undated)


def entry_timeline_data(entries: list[Any]) -> dict[str, Any]:
    """Timeline entries (an entity's) on a time axis: label = the sentence (shortened), link =
    its event page, or the cited article when the entry has no event."""
    items, undated = [], 0
    for en in entries:
        span = _span(en.date)
        if span is None:
            undated += 1
            continue
        if en.event:
            href = f"/events/{en.event}"
        elif en.citations:
            href = f"/articles/{en.citations[0].article}"
        else:
            href = None
        items.append({"start": span[0].isoformat(), "end": span[1].isoformat(), "date": en.date,
                      "label": _short(en.text), "text": en.text, "href": href, "kind": en.date_from,
                      "n": len(en.citations)})  # fmt: skip
    return _timeline(items, undated)


def network_data(
    store: Store, gid: str, lang: str = "de", entity: dict[str, Any] | None = None
) -> dict[str, Any] | None:
    """The actor network's nodes (linked to their entity pages) and ties, as the static plot
    chooses them, with its key in ``lang``; None when it cannot be drawn (a chart is an extra:
    the page works without it).  ``entity``: the entity's record (``records.entity``) where the
    page has read it: its articles are the network's (not read again)."""
    from ..present.phrases import phrases
    from ..present.plot import network_data as ties

    try:
        newest = (str(entity["name"]), [str(a["id"]) for a in entity["articles"]]) if entity else None
        data = ties(store, gid, newest)
    except KeyError:
        return None
    for node in data["nodes"]:
        node["href"] = f"/entities/{node['id']}"
        node["name"] = display_name(str(node["id"]), str(node["name"]), lang)
    data["key"] = phrases(lang).network_key.format(n=data["min_tie"], max=data["max_nodes"])
    return data


ChartLang = Annotated[str, Query(pattern="^(de|en)$", description="language of the labels")]


def router(site: Site) -> APIRouter:
    r = APIRouter()

    @r.get("/charts/{ref}/{name}", include_in_schema=False)
    def plot(ref: str, name: str, lang: ChartLang = "de") -> Response:
        """A timeline or actor network (storyline, event, entity) as SVG or PNG."""
        m = re.fullmatch(r"(timeline|network)\.(svg|png)", name)
        group = bool(re.match(GROUP_ID, ref))
        if m is None or not (group or re.match(ENTITY_ID, ref)):
            raise not_found("chart")
        kind, fmt = m[1], m[2]

        def compute() -> bytes:
            from ..group import timelines
            from ..present.plot import event_timeline_figure, network_figure, render, timeline_figure

            with site.reader() as store:
                story = None
                if group:
                    story = records.describe(store, "storyline" if ref.startswith("st-") else "event", ref)
                    title = story["title"]
                else:
                    title = display_name(ref, records.entity(store, ref)["name"], lang)
                if kind == "network":
                    fig = network_figure(store, ref, str(title), lang=lang)
                elif story is not None and ref.startswith("st-"):  # its dated events, as the page draws them
                    fig = event_timeline_figure(story["events"], str(title), lang=lang)
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
            from ..present.plot import event_timeline_figure, render

            with site.reader() as store:
                story = records.describe(store, "storyline", storyline_id)
            if not event_timeline_data(story["events"])["items"]:
                return None
            return render(event_timeline_figure(story["events"], str(story["title"]), lang=lang)).decode("utf-8")

        svg = site.cached(("chart", storyline_id, lang), compute)
        if svg is None:
            raise not_found("chart")
        return Response(svg, media_type="image/svg+xml")

    return r
