"""Charts drawn with matplotlib (Agg, no display): a timeline and an actor network.

``timeline_figure`` puts the dated timeline entries of an event or entity on a
time axis, one labelled row per entry; ``event_timeline_figure`` does the same
for a storyline's dated events (as its interactive timeline does).  One far-off date (a 1982
reference in a 2024 storyline) does not stretch the axis: the axis shows the
dense period and says on the plot which entries lie outside, drawn as arrows at
its edge.  ``network_figure`` draws the strongest ties between the key actors of
a storyline or event: a speaker quoting or naming another actor (red), or two
actors named in the same articles (grey) often enough, at most ``MAX_NODES``
actors, labels pushed apart until none overlaps.

``render`` writes a figure as SVG (text kept as text, escaped by matplotlib) or
PNG; ``timeline_svg``/``network_svg`` and the ``_png`` variants do both steps.
Every figure carries what the tests and the pages check in ``fig.lagebild``
(axis limits, clipped entries, nodes and edges).
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import math
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..display_names import display_name
from ..group.events import load_group
from ..group.describe import key_actors
from ..group.timelines import Entry, date_key
from ..store import briefing as queries
from ..store.stories import canonical_members
from .phrases import phrases
from .sources import store_db

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..store import Store

__all__ = [
    "timeline_figure", "event_timeline_figure", "network_figure", "render",
    "timeline_svg", "timeline_png", "network_svg", "network_png", "network_data", "dense_range",
]  # fmt: skip

MAX_ROWS = 30  # timeline entries shown (the most cited; the rest counted on the plot)
FENCE = 1.5  # a date beyond the quartiles by this many interquartile ranges is an outlier
MAX_NODES = 15
TIES_PER_NODE = 2  # each actor keeps its strongest ties only
MIN_TIE = 2  # articles naming both actors for a grey tie (1 in a one-article group)
_LABEL_CHARS = 70
_BLUE, _RED, _GREY = "#246", "#c33", "#999"


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _figure(width: float, height: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)  # Agg: no display, no pyplot state
    return fig


def render(fig: Figure, fmt: str = "svg") -> bytes:
    """The figure as ``svg`` or ``png`` bytes (deterministic: no date, fixed ids).

    Raises:
        ValueError: another format.
    """
    if fmt not in ("svg", "png"):
        raise ValueError(f"Cannot draw {fmt!r}: expected svg or png.")
    import matplotlib

    buf = io.BytesIO()
    meta: dict[str, Any] = {"Date": None} if fmt == "svg" else {"Software": None}
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "lagebild"}), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a glyph missing from the font (Korean) is no error
        fig.savefig(buf, format=fmt, metadata=meta)
    return buf.getvalue()


# -- timeline ------------------------------------------------------------------------------


def _inliers(days: list[int]) -> tuple[int, int]:
    """First and last day inside Tukey's fences (quartiles -+ ``FENCE`` x IQR, IQR >= 30 days)."""
    n = len(days)
    q1, q3 = days[(n - 1) // 4], days[(3 * (n - 1) + 3) // 4]
    reach = FENCE * max(q3 - q1, 30)
    inside = [d for d in days if q1 - reach <= d <= q3 + reach]
    return (inside[0], inside[-1]) if inside else (days[0], days[-1])


def dense_range(days: list[dt.date]) -> tuple[dt.date, dt.date]:
    """The first and last of ``days`` the timeline axis shows (Tukey's fences from four dates on).

    Raises:
        ValueError: no days.
    """
    if not days:
        raise ValueError("Cannot find the dense period of no dates: expected at least one.")
    ords = sorted(d.toordinal() for d in days)
    lo, hi = _inliers(ords) if len(ords) >= 4 else (ords[0], ords[-1])
    return dt.date.fromordinal(lo), dt.date.fromordinal(hi)


@dataclass(frozen=True, slots=True)
class _Row:
    """One row of a timeline: its first and last day, the date as written, label, count, colour."""

    day: dt.date
    last: dt.date
    date: str
    text: str
    n: int
    inferred: bool = False  # a date from another article (drawn red)


def timeline_figure(entries: list[Entry], title: str, *, lang: str = "de") -> Figure:
    """A timeline of dated entries: one labelled row each, the axis zoomed to the dense period.

    The notes on the plot are in ``lang`` (``de`` or ``en``); entries are shown as written.

    ``fig.lagebild`` holds ``xlim`` (first and last day shown, ISO), ``clipped`` (the dates
    drawn as arrows at the axis edge), ``rows`` (entries shown), ``labels`` and ``undated``.
    """
    rows = []
    for e in entries:
        if k := date_key(e.date):
            day = dt.date.fromisoformat(k)
            rows.append(_Row(day, day, str(e.date), e.text, len(e.citations), e.date_from == "cross-reference"))
    return _rows_figure(rows, len(entries) - len(rows), title, lang, phrases(lang).timeline_key)


def event_timeline_figure(events: list[dict[str, Any]], title: str, *, lang: str = "de") -> Figure:
    """A storyline's dated events on a time axis (what its interactive timeline shows): one row
    per event, labelled with its title and article count, a bar from its first to its last day.

    Args:
        events: the storyline's events as ``describe_storyline`` gives them (title, date, end,
            articles); undated ones are counted under the plot.

    ``fig.lagebild`` as for ``timeline_figure``.
    """
    rows = []
    for e in events:
        if k := date_key(e.get("date")):
            day = dt.date.fromisoformat(k)
            end = date_key(e.get("end"))
            last = max(day, dt.date.fromisoformat(end)) if end else day
            rows.append(_Row(day, last, str(e["date"]), str(e.get("title") or ""), len(e.get("articles") or ())))
    return _rows_figure(rows, len(events) - len(rows), title, lang, _EVENT_KEY[phrases(lang).lang])


_EVENT_KEY = {"de": "Ereignisse der Geschichte · [n] Artikel", "en": "the storyline's events · [n] articles"}


def _rows_figure(dated: list[_Row], undated: int, title: str, lang: str, key: str) -> Figure:
    import matplotlib.dates as mdates

    p = phrases(lang)
    hidden = 0
    if len(dated) > MAX_ROWS:
        order = sorted(range(len(dated)), key=lambda i: (-dated[i].n, i))[:MAX_ROWS]
        hidden = len(dated) - MAX_ROWS
        dated = [dated[i] for i in sorted(order)]
    dated.sort(key=lambda r: (r.day, r.last))
    fig = _figure(11, 1.6 + 0.32 * max(len(dated), 1))
    ax = fig.add_subplot()
    fig.suptitle(_short(title, 120), x=0.01, ha="left", fontsize=12)  # over the labels too
    info: dict[str, Any] = {"xlim": None, "clipped": [], "rows": len(dated), "undated": undated, "labels": []}
    fig.lagebild = info  # type: ignore[attr-defined]
    if not dated:
        ax.set_axis_off()
        ax.text(0.0, 0.5, p.no_dated, transform=ax.transAxes)
        return fig
    days = sorted(r.day.toordinal() for r in dated)
    lo, hi = days[0], days[-1]
    if len(days) >= 4:  # too few dates to call one an outlier below four
        lo, hi = _inliers(days)
    pad = max(2, (hi - lo) // 20)
    x0, x1 = lo - pad, hi + pad
    notes = []
    for row, r in enumerate(dated):
        x = r.day.toordinal()
        colour = _RED if r.inferred else _BLUE
        if x < x0 or x > x1:
            info["clipped"].append(r.date)
            edge = x0 if x < x0 else x1
            ax.annotate("", xy=(mdates.date2num(dt.date.fromordinal(edge)), row), xytext=(
                mdates.date2num(dt.date.fromordinal(edge + (pad if x < x0 else -pad))), row),
                arrowprops={"arrowstyle": "->", "color": colour})  # fmt: skip
        else:
            if r.last > r.day:  # an event of several days: a bar to its last day (cut at the edge)
                end = min(r.last.toordinal() + 1, x1)
                ax.hlines(row, mdates.date2num(r.day), mdates.date2num(dt.date.fromordinal(end)),
                          color=colour, linewidth=4, alpha=0.5)  # fmt: skip
            ax.plot([mdates.date2num(r.day)], [row], "o", color=colour, markersize=6)
    info["labels"] = [f"{r.date}  {_short(r.text, _LABEL_CHARS)} [{r.n}]" for r in dated]
    ax.set_yticks(range(len(dated)), info["labels"], fontsize=8)
    ax.set_ylim(len(dated) - 0.5, -0.5)  # earliest on top
    ax.set_xlim(mdates.date2num(dt.date.fromordinal(x0)), mdates.date2num(dt.date.fromordinal(x1)))
    locator = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(axis="x", color="#ddd")
    ax.grid(axis="y", color="#f0f0f0")
    info["xlim"] = (dt.date.fromordinal(x0).isoformat(), dt.date.fromordinal(x1).isoformat())
    if info["clipped"]:
        notes.append(p.axis_limited.format(
            lo=dt.date.fromordinal(lo).isoformat(), hi=dt.date.fromordinal(hi).isoformat(),
            out=", ".join(str(c) for c in info["clipped"])))  # fmt: skip
    if hidden:
        notes.append(p.hidden.format(n=hidden))
    if undated:
        notes.append(p.undated_hidden.format(n=undated))
    notes.append(key)
    ax.set_xlabel("\n".join(_short(note, 160) for note in notes), fontsize=8, loc="left")
    return fig


def timeline_svg(entries: list[Entry], title: str, *, lang: str = "de") -> str:
    """The timeline as SVG text."""
    return render(timeline_figure(entries, title, lang=lang), "svg").decode("utf-8")


def timeline_png(entries: list[Entry], title: str, *, lang: str = "de") -> bytes:
    """The timeline as PNG."""
    return render(timeline_figure(entries, title, lang=lang), "png")


# -- actor network -------------------------------------------------------------------------


def network_ties(
    store: Store, gid: str, n: int = 30, newest: tuple[str, list[str]] | None = None
) -> tuple[list[dict[str, object]], dict[tuple[str, str], int], dict[tuple[str, str], int], int]:
    """Key actors, co-occurrence counts, quote ties (speaker, named) and the articles read.

    ``gid``: an event or storyline (its key actors), or an entity (it and the actors named
    most with it in its newest 200 articles; ``newest``: its name and those articles, where the
    caller has read them already, as ``entity_detail`` lists them).

    Raises:
        KeyError: no such event, storyline or entity.
    """
    conn = store_db(store)
    if not gid.startswith(("ev-", "st-")):
        actors, arts = _entity_actors(conn, gid, n, newest)
    else:
        group = load_group(conn, "events" if gid.startswith("ev-") else "storylines", gid)
        if group is None:
            raise KeyError(gid)
        actors = key_actors(conn, group, n)
        arts = canonical_members(conn, gid, 200)
    ids = {str(a["id"]) for a in actors}
    co: dict[tuple[str, str], int] = {}
    quoted: dict[tuple[str, str], int] = {}
    named = queries.article_entity_sets(conn, arts, ids)  # a constant number of statements, not
    ties = queries.quote_ties_of(conn, arts, ids)  # some per article read
    for aid in arts:
        for a, b in itertools.combinations(sorted(named.get(aid, ())), 2):
            co[(a, b)] = co.get((a, b), 0) + 1
        for speaker, other in ties.get(aid, ()):
            quoted[(speaker, other)] = quoted.get((speaker, other), 0) + 1
    return actors, co, quoted, len(arts)


def _centre(gid: str) -> str | None:
    """The node an entity's network must show: the entity (a group's network has none)."""
    return None if gid.startswith(("ev-", "st-")) else gid


def _entity_actors(
    conn: Any, eid: str, n: int, newest: tuple[str, list[str]] | None = None
) -> tuple[list[dict[str, object]], list[str]]:
    """The entity and the ``n - 1`` actors that matter most beside it in its newest 200 articles
    (weighed as ``key_actors`` weighs a storyline's: articles, mentions, quoted, rarity)."""
    from ..group._features import entity_weight
    from ..store import stories
    from ..store.grouping import counter

    if newest is None:
        newest = queries.entity_newest(conn, eid, 200)  # the entity page's articles (without their counts)
    if newest is None:
        raise KeyError(eid)
    ego_name, arts = newest
    counts = stories.entity_counts(conn, arts)
    quoted = stories.quoted_counts(conn, arts)
    known = stories.entity_stats(conn, [e for e in counts if e != eid])
    n_docs = counter(conn, "docs")
    scored = []
    for other, (n_art, n_men) in counts.items():
        if other not in known:
            continue
        name, _typ, df = known[other]
        w = n_art * (1 + math.log(n_men)) * (1 + 0.5 * quoted.get(other, 0)) * entity_weight(df, n_docs) ** 0.5
        scored.append((w, other, name, n_art))
    scored.sort(key=lambda x: (-x[0], x[1]))
    ego: dict[str, object] = {"id": eid, "name": ego_name, "articles": len(arts)}
    return [ego] + [{"id": e, "name": nm, "articles": c} for _, e, nm, c in scored[: n - 1]], arts


def _strongest(
    actors: list[dict[str, object]], co: dict[tuple[str, str], int], quoted: dict[tuple[str, str], int],
    n_articles: int, centre: str | None = None,
) -> tuple[list[str], list[tuple[str, str, int, bool]]]:
    """The nodes and edges kept: quote ties, co-occurrence at or above ``MIN_TIE``, ``MAX_NODES``."""
    min_co = 1 if n_articles <= 1 else MIN_TIE
    edges: dict[tuple[str, str], tuple[int, bool]] = {}
    for (a, b), w in co.items():
        if w >= min_co:
            edges[(a, b)] = (w, False)
    for (s, o), w in quoted.items():
        key = (min(s, o), max(s, o))
        edges[key] = (edges.get(key, (0, False))[0] + 2 * w, True)  # being quoted on weighs more
    # A backbone: an edge stays when it is among the ``TIES_PER_NODE`` strongest of one of its ends.
    best: dict[str, list[tuple[int, tuple[str, str]]]] = {}
    for key, (w, _) in edges.items():
        for end in key:
            best.setdefault(end, []).append((w, key))
    backbone = {k for lst in best.values() for _, k in sorted(lst, key=lambda x: (-x[0], x[1]))[:TIES_PER_NODE]}
    edges = {k: v for k, v in edges.items() if k in backbone}
    degree: dict[str, int] = {}
    for (a, b), (w, _) in edges.items():
        degree[a] = degree.get(a, 0) + w
        degree[b] = degree.get(b, 0) + w
    rank = {str(a["id"]): i for i, a in enumerate(actors)}
    nodes = sorted(degree, key=lambda x: (-degree[x], rank.get(x, 99)))[:MAX_NODES]
    if centre is not None and centre in degree and centre not in nodes:  # an entity's own network
        nodes[-1] = centre
    keep = set(nodes)
    kept = [(a, b, w, q) for (a, b), (w, q) in sorted(edges.items()) if a in keep and b in keep]
    return nodes, kept


def network_data(store: Store, gid: str, newest: tuple[str, list[str]] | None = None) -> dict[str, Any]:
    """The nodes and ties the actor network draws, as plain data (for the interactive network).

    Returns ``{"nodes": [{"id", "name", "articles"}], "edges": [{"source", "target", "weight",
    "quote"}], "min_tie", "max_nodes", "centre"}``: the same choice as ``network_figure``;
    ``centre`` is the entity of an entity's network (None for a group's). ``newest``: as
    :func:`network_ties` takes it.

    Raises:
        KeyError: no such event, storyline or entity.
    """
    actors, co, quoted, n_arts = network_ties(store, gid, newest=newest)
    nodes, edges = _strongest(actors, co, quoted, n_arts, centre=_centre(gid))
    names = {str(a["id"]): str(a["name"]) for a in actors}
    arts = {str(a["id"]): int(a["articles"]) for a in actors}  # type: ignore[call-overload]
    return {
        "nodes": [{"id": n, "name": names[n], "articles": arts[n]} for n in nodes],
        "edges": [{"source": a, "target": b, "weight": w, "quote": q} for a, b, w, q in edges],
        "min_tie": 1 if n_arts <= 1 else MIN_TIE, "max_nodes": MAX_NODES,
        "centre": _centre(gid) if _centre(gid) in nodes else None,
    }  # fmt: skip


def _spread_labels(
    pos: dict[str, tuple[float, float]], sizes: dict[str, tuple[float, float]], rounds: int = 400
) -> dict[str, tuple[float, float]]:
    """Push nodes apart until their label boxes (width, height in axis units) do not overlap."""
    p = {k: list(v) for k, v in pos.items()}
    keys = sorted(p)
    for _ in range(rounds):
        moved = False
        for a, b in itertools.combinations(keys, 2):
            (xa, ya), (xb, yb) = p[a], p[b]
            wa, ha = sizes[a]
            wb, hb = sizes[b]
            ox = (wa + wb) / 2 - abs(xa - xb)
            oy = (ha + hb) / 2 - abs(ya - yb)
            if ox > 0 and oy > 0:  # overlapping boxes: move apart along the cheaper axis
                moved = True
                if ox < oy:
                    s = 1 if xa >= xb else -1
                    p[a][0] += s * ox / 2 + s * 1e-3
                    p[b][0] -= s * ox / 2 + s * 1e-3
                else:
                    s = 1 if ya >= yb else -1
                    p[a][1] += s * oy / 2 + s * 1e-3
                    p[b][1] -= s * oy / 2 + s * 1e-3
        if not moved:
            break
    return {k: (v[0], v[1]) for k, v in p.items()}


def _place(ax: Any, spread: dict, sizes: dict, lines: list, dots: dict, texts: dict) -> None:
    for line, a, b in lines:
        line.set_data([spread[a][0], spread[b][0]], [spread[a][1], spread[b][1]])
    for k, (x, y) in spread.items():
        dots[k].set_offsets([[x, y]])
        texts[k].set_position((x, y + 0.02))
    xs = [x for x, _ in spread.values()]
    ys = [y for _, y in spread.values()]
    mx = max(w for w, _ in sizes.values()) / 2 + 0.05
    my = max(h for _, h in sizes.values()) + 0.05
    ax.set_xlim(min(xs) - mx, max(xs) + mx)
    ax.set_ylim(min(ys) - 0.1, max(ys) + my)


def _label_boxes(fig: Any, ax: Any, texts: dict) -> dict[str, tuple[float, float, float, float]]:
    """The labels' drawn boxes (with their background) in data units."""
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    inv = ax.transData.inverted()
    out = {}
    for k, t in texts.items():
        bb = t.get_bbox_patch().get_window_extent(renderer) if t.get_bbox_patch() else t.get_window_extent(renderer)
        (x0, y0), (x1, y1) = inv.transform([(bb.x0, bb.y0), (bb.x1, bb.y1)])
        out[k] = (float(x0), float(y0), float(x1), float(y1))
    return out


def _label_sizes(fig: Any, ax: Any, texts: dict) -> dict[str, tuple[float, float]]:
    return {k: (x1 - x0, y1 - y0) for k, (x0, y0, x1, y1) in _label_boxes(fig, ax, texts).items()}


def _any_overlap(boxes: list[tuple[float, float, float, float]]) -> bool:
    return any(
        a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
        for a, b in itertools.combinations(boxes, 2)
    )


def network_figure(store: Store, gid: str, title: str, *, lang: str = "de") -> Figure:
    """The strongest ties between the key actors of an event or storyline, or around an entity.

    The key under the plot is in ``lang`` (``de`` or ``en``); in English the actors are named by
    their gazetteer English names (``United Nations``).

    ``fig.lagebild`` holds ``nodes`` (names), ``edges`` (name, name, weight, quote tie) and
    ``label_boxes`` (the labels' boxes in axis units, none overlapping).

    Raises:
        KeyError: no such event, storyline or entity.
    """
    import networkx as nx

    p = phrases(lang)
    actors, co, quoted, n_arts = network_ties(store, gid)
    nodes, edges = _strongest(actors, co, quoted, n_arts, centre=_centre(gid))
    names = {str(a["id"]): display_name(str(a["id"]), str(a["name"]), lang) for a in actors}
    arts = {str(a["id"]): int(a["articles"]) for a in actors}  # type: ignore[call-overload]
    fig = _figure(9, 7)
    ax = fig.add_subplot()
    ax.set_title(_short(title, 90), loc="left", fontsize=12)
    ax.set_axis_off()
    info: dict[str, Any] = {"nodes": [names[n] for n in nodes], "edges": [], "label_boxes": []}
    fig.lagebild = info  # type: ignore[attr-defined]
    if not nodes:
        ax.text(0.0, 0.5, p.no_ties, transform=ax.transAxes)
        return fig
    g = nx.Graph()
    g.add_nodes_from(nodes)
    for a, b, w, _ in edges:
        g.add_edge(a, b, weight=w)
    pos = nx.kamada_kawai_layout(g) if len(nodes) > 2 else nx.circular_layout(g)
    # label boxes in layout units: the layout spans about 2 units across 9 inches
    char_w, line_h = 0.028, 0.075
    sizes = {k: (char_w * len(_short(names[k], 28)) + 0.04, line_h + 0.05) for k in nodes}
    spread = _spread_labels({k: (float(v[0]), float(v[1])) for k, v in pos.items()}, sizes)
    lines, dots, texts = [], {}, {}
    top = max((w for *_, w, _ in edges), default=1)
    for a, b, w, q in edges:
        (line,) = ax.plot([0, 0], [0, 0], color=_RED if q else _GREY, linewidth=0.8 + 3.2 * w / top, alpha=0.6,
                          linestyle="--" if q else "-", zorder=1)  # fmt: skip
        lines.append((line, a, b))
        info["edges"].append((names[a], names[b], w, q))
    for k in nodes:
        dots[k] = ax.scatter([0], [0], s=60 + 40 * math.sqrt(arts.get(k, 1)), color=_BLUE, zorder=2)
        texts[k] = ax.text(0, 0, _short(names[k], 28), ha="center", va="bottom", fontsize=9, zorder=3,
                           bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})  # fmt: skip
    # Place, measure the drawn labels, push apart with the measured sizes; repeat until none overlaps.
    for _ in range(4):
        _place(ax, spread, sizes, lines, dots, texts)
        measured = _label_sizes(fig, ax, texts)
        boxes = _label_boxes(fig, ax, texts)
        if not _any_overlap(list(boxes.values())):
            break
        sizes = {k: (w * 1.1, h * 1.1) for k, (w, h) in measured.items()}
        spread = _spread_labels(spread, sizes)
    info["label_boxes"] = list(_label_boxes(fig, ax, texts).values())
    ax.text(0.0, -0.02, p.network_key.format(n=1 if n_arts <= 1 else MIN_TIE, max=MAX_NODES),
            transform=ax.transAxes, fontsize=8, va="top")  # fmt: skip
    return fig


def network_svg(store: Store, gid: str, title: str, *, lang: str = "de") -> str:
    """The actor network as SVG text.

    Raises:
        KeyError: no such event, storyline or entity.
    """
    return render(network_figure(store, gid, title, lang=lang), "svg").decode("utf-8")


def network_png(store: Store, gid: str, title: str, *, lang: str = "de") -> bytes:
    """The actor network as PNG."""
    return render(network_figure(store, gid, title, lang=lang), "png")
