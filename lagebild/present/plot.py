"""Charts as standalone SVG (no plotting library): a timeline and an actor network.

``timeline_svg`` puts the dated timeline entries of a storyline, event or entity on
a time axis (undated material in a box at the right).  ``network_svg`` draws the
key actors of a storyline or event as a circle: an edge joins two actors named in
the same article (grey, width = articles) or a speaker and an actor named in the
speaker's quote (red).  All text is escaped.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import sqlite3
from html import escape

from ..group.events import load_group
from ..store import SPEAKERS_OF
from ..group.storylines import key_actors
from ..group.timelines import Entry, date_key

__all__ = ["timeline_svg", "network_svg"]


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def timeline_svg(entries: list[Entry], title: str) -> str:
    """An SVG timeline of dated entries; undated ones are listed apart."""
    dated = [
        (dt.date.fromisoformat(date_key(e.date) or ""), e) for e in entries if date_key(e.date)
    ]
    undated = [e for e in entries if not date_key(e.date)]
    width, row = 960, 22
    height = 90 + row * max(len(dated), 1) + 20 + row * len(undated)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
        f'<text x="10" y="20" font-size="16">{escape(_short(title, 110))}</text>',
    ]  # fmt: skip
    if dated:
        lo = min(d for d, _ in dated).toordinal()
        hi = max(d for d, _ in dated).toordinal()
        span = max(hi - lo, 1)
        x0, x1 = 40, 340
        out.append(f'<line x1="{x0}" y1="50" x2="{x1}" y2="50" stroke="#333"/>')
        out.append(f'<text x="{x0}" y="42">{escape(dt.date.fromordinal(lo).isoformat())}</text>')
        out.append(
            f'<text x="{x1}" y="42" text-anchor="end">{escape(dt.date.fromordinal(hi).isoformat())}</text>'
        )
        for i, (d, e) in enumerate(sorted(dated, key=lambda x: x[0])):
            x = x0 + (x1 - x0) * (d.toordinal() - lo) / span
            y = 75 + i * row
            colour = "#c33" if e.date_from == "cross-reference" else "#246"
            out.append(f'<circle cx="{x:.1f}" cy="50" r="4" fill="{colour}"/>')
            out.append(f'<line x1="{x:.1f}" y1="54" x2="{x:.1f}" y2="{y - 4}" stroke="#bbb"/>')
            out.append(
                f'<text x="{x1 + 15}" y="{y}"><tspan font-weight="bold">{escape(e.date or "")}</tspan> '
                f"{escape(_short(e.text, 85))} [{len(e.citations)}]</text>"
            )
            out.append(
                f'<line x1="{x:.1f}" y1="{y - 4}" x2="{x1 + 10}" y2="{y - 4}" stroke="#ddd"/>'
            )
    y = 90 + row * max(len(dated), 1)
    if undated:
        out.append(f'<text x="10" y="{y}" font-weight="bold">undatiert</text>')
        for i, e in enumerate(undated):
            out.append(f'<text x="30" y="{y + row * (i + 1)}">{escape(_short(e.text, 130))}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def network_svg(conn: sqlite3.Connection, gid: str, title: str, n: int = 12) -> str:
    """An SVG actor network of an event or storyline."""
    group = load_group(conn, "events" if gid.startswith("ev-") else "storylines", gid)
    if group is None:
        raise KeyError(gid)
    actors = key_actors(conn, group, n)
    ids = [str(a["id"]) for a in actors]
    col = "e.storyline_id" if gid.startswith("st-") else "e.id"
    arts = [r[0] for r in conn.execute(
        f"SELECT g.article_id FROM group_articles g JOIN events e ON e.id = g.event_id WHERE {col} = ?"
        " AND g.duplicate_of IS NULL ORDER BY g.seq DESC LIMIT 200", (gid,))]  # fmt: skip
    co: dict[tuple[str, str], int] = {}
    quoted: dict[tuple[str, str], int] = {}
    for aid in arts:
        present = {
            r[0]
            for r in conn.execute(
                "SELECT entity_id FROM article_entities WHERE article_id = ?", (aid,)
            )
        }
        for a, b in itertools.combinations(sorted(present & set(ids)), 2):
            co[(a, b)] = co.get((a, b), 0) + 1
        for speaker, start, end in conn.execute(
            f'SELECT j.value, q.start, q."end" FROM quotes q, {SPEAKERS_OF} j'
            " WHERE q.article_id = ? AND q.speaker_entity IS NOT NULL",
            (aid,),
        ):
            if speaker not in ids:
                continue
            for (other,) in conn.execute(
                "SELECT DISTINCT entity_id FROM mentions WHERE article_id = ? AND start >= ? AND start < ?",
                (aid, start, end),
            ):
                if other in ids and other != speaker:
                    key = (speaker, other)
                    quoted[key] = quoted.get(key, 0) + 1
    size, r = 640, 220
    cx = cy = size / 2 + 10
    pos = {
        e: (
            cx + r * math.cos(2 * math.pi * i / max(len(ids), 1)),
            cy + r * math.sin(2 * math.pi * i / max(len(ids), 1)),
        )
        for i, e in enumerate(ids)
    }
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size + 30}" font-family="sans-serif" font-size="12">',
        f'<text x="10" y="20" font-size="16">{escape(_short(title, 80))}</text>',
    ]  # fmt: skip
    for (a, b), w in sorted(co.items()):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#999" '
                   f'stroke-opacity="0.6" stroke-width="{min(1 + w, 8)}"/>')  # fmt: skip
    for (a, b), w in sorted(quoted.items()):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#c33" '
                   f'stroke-width="{min(1 + w, 6)}" stroke-dasharray="6 3"/>')  # fmt: skip
    for a in actors:
        x, y = pos[str(a["id"])]
        rad = 6 + 3 * math.sqrt(int(a["articles"]))  # type: ignore[call-overload]
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{rad:.1f}" fill="#246"/>')
        out.append(
            f'<text x="{x:.1f}" y="{y - rad - 4:.1f}" text-anchor="middle">{escape(str(a["name"]))}</text>'
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"
