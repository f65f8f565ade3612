"""Benchmark: what the interactive charts cost a storyline page and an entity page.

Usage:  .venv/bin/python bench/bench_web_charts.py [--db lagebild.db] [--storyline st-…] [--entity Q423]
        [--repeat 5]

On a store built by ``make demo`` (examples/ and demo/): the CPU time of each step of the
storyline page's first (uncached) rendering — the records it shows, the server-rendered timeline
SVG (which the page no longer draws itself: with script the page draws its own, without script
the ``<img>`` asks /charts/… for it) and the data of the interactive network and timeline — as
the median over ``--repeat`` rounds; then one cold request of each page through a fresh app
(its bytes, the data blocks' bytes) and the bytes of the two scripts a browser loads once.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

from fastapi.testclient import TestClient

from lagebild.store import Store
from lagebild.web import charts, create_app, records

STATIC = Path(charts.__file__).resolve().parent / "static"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", default="lagebild.db")
    ap.add_argument("--storyline", default="st-e86e74917e7d")
    ap.add_argument("--entity", default="Q423")
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    sid = a.storyline
    steps: dict[str, list[float]] = {}

    def timed(name: str, fn, *args):  # type: ignore[no-untyped-def]
        t = time.process_time()
        out = fn(*args)
        steps.setdefault(name, []).append(time.process_time() - t)
        return out

    with Store(a.db) as store:
        for i in range(a.repeat + 1):  # the first round warms imports and matplotlib; not counted
            if i == 1:
                steps.clear()
            story = timed("describe", records.describe, store, "storyline", sid)
            entries = timed("timeline entries", records.timeline, store, sid)
            timed("briefing", records.briefing, store, sid, "de")
            timed("outlets", records.outlets, store, story["events"])
            timed("timeline SVG (matplotlib; no longer on the page)", records.timeline_svg, entries,
                  story["title"], "de")  # fmt: skip
            timed("network data (new)", charts.network_data, store, sid, "de")
            timed("event timeline data (new)", charts.event_timeline_data, story["events"])
            ents = records.timeline(store, a.entity)[:60]
            timed("entity timeline data, 60 entries (new)", charts.entry_timeline_data, ents)
            timed("entity network data (new)", charts.network_data, store, a.entity, "de")
    print("| step | median CPU ms |\n|---|---|")
    for name, v in steps.items():
        print(f"| {name} | {statistics.median(v) * 1000:.1f} |")
    for path in (f"/storylines/{sid}", f"/entities/{a.entity}"):
        client = TestClient(create_app(a.db), base_url="http://127.0.0.1:8000")
        t = time.process_time()
        page = client.get(path).text
        cpu = time.process_time() - t
        data = sum(len(m) for m in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S))
        print(f"{path}: cold request {cpu * 1000:.0f} ms CPU, {len(page.encode())} bytes, data blocks {data} bytes")
    for name in ("vendor/d3.min.js", "charts.js"):
        print(f"/static/{name}: {(STATIC / name).stat().st_size} bytes")


if __name__ == "__main__":
    main()
