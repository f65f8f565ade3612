"""Benchmark: briefings — collecting one from the store, and writing it as Markdown, HTML and PDF.

Usage:  .venv/bin/python bench/bench_brief.py                 # the seeds (examples/, tests/data/stories)
        .venv/bin/python bench/bench_brief.py --db STORE.db --top 20   # the largest storylines of a store

Without ``--db`` the seeds are ingested into a temporary store first (not timed).  With it the
store is opened read-only.  For the ``--top`` storylines with the most articles (and their largest
event each) it times :func:`build_briefing` and each writer (``md``, ``html``, ``pdf``) ``--repeat``
times and prints median and worst CPU milliseconds per briefing, with the briefing sizes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lagebild.group.storylines import list_storylines  # noqa: E402
from lagebild.present.brief import build_briefing, render_briefing  # noqa: E402
from lagebild.store import Store  # noqa: E402


def _cpu_ms(fn, repeat: int) -> tuple[list[float], object]:
    out: object = None
    times = []
    for _ in range(repeat):
        t = time.process_time()
        out = fn()
        times.append((time.process_time() - t) * 1000)
    return times, out


def run(store: Store, top: int, repeat: int) -> None:
    stories = list_storylines(store.conn, limit=0)
    stories.sort(key=lambda s: -sum(len(e["articles"]) for e in s["events"]))
    refs: list[tuple[str, str, int]] = []
    for s in stories[:top]:
        refs.append(("storyline", s["id"], sum(len(e["articles"]) for e in s["events"])))
        ev = max(s["events"], key=lambda e: len(e["articles"]))
        refs.append(("event", ev["id"], len(ev["articles"])))
    cols: dict[str, list[float]] = {"build": [], "md": [], "html": [], "pdf": []}
    sizes: dict[str, list[int]] = {"md": [], "html": [], "pdf": []}
    items, members = [], []
    for kind, gid, n in refs:
        t, b = _cpu_ms(lambda: build_briefing(store, kind, gid), repeat)
        cols["build"].append(statistics.median(t))
        items.append(sum(len(i) for _, i in b.sections))  # type: ignore[attr-defined]
        members.append(n)
        for fmt in ("md", "html", "pdf"):
            t, out = _cpu_ms(lambda: render_briefing(b, fmt), repeat)  # type: ignore[arg-type]
            cols[fmt].append(statistics.median(t))
            sizes[fmt].append(len(out.encode() if isinstance(out, str) else out))  # type: ignore[union-attr]
    print(f"{len(refs)} briefings ({len(refs) // 2} storylines + their largest event), members "
          f"{min(members)}–{max(members)} articles, {statistics.median(items):.0f} items (median)")  # fmt: skip
    print("| step | median CPU ms | worst CPU ms | median size |")
    print("| --- | ---: | ---: | ---: |")
    for name, ms in cols.items():
        size = f"{statistics.median(sizes[name]) / 1024:.1f} KiB" if name in sizes else ""
        print(f"| {name} | {statistics.median(ms):.1f} | {max(ms):.1f} | {size} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="an existing store (opened read-only); default: the seeds")
    ap.add_argument("--top", type=int, default=10, help="storylines with the most articles (default 10)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per briefing and format (median)")
    args = ap.parse_args()
    if args.db:
        store = Store.open_readonly(args.db)
        run(store, args.top, args.repeat)
        store.close()
        return
    from lagebild.pipeline import ingest

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "seeds.db") as store:
        report = ingest([str(ROOT / "examples"), str(ROOT / "tests" / "data" / "stories")], store, workers=1)
        if not report.ok:
            raise SystemExit(f"ingest of the seeds failed: {report}")
        run(store, args.top, args.repeat)


if __name__ == "__main__":
    main()
