"""Benchmark: CPU ms of uncached pages (the first request after the store changed) on a store.

Usage:  .venv/bin/python bench/bench_web_uncached.py DB [--runs 3] URL [URL ...]

A ``TestClient`` on the store; each URL is asked once (the shared lookups warm), then ``--runs``
times, every time after dropping the web cache's entries except the shared lookups (entity
index and names, the grouping-pending flag): the page's own work, its rankings, titles and
describes are paid again, as after a change of the store.  Prints JSON: URL -> CPU ms per run
(``time.process_time`` of this process: robust against other load, though a loaded machine
still inflates it).  Another version of the code: ``git archive REV lagebild | tar -x -C /tmp/old``
then ``PYTHONPATH=/tmp/old .venv/bin/python -P bench/bench_web_uncached.py ...``; alternate the
two on the same store.
"""

from __future__ import annotations

import argparse
import json
import time

from fastapi.testclient import TestClient

import lagebild
from lagebild.web import create_app

KEEP = {"pending", "entities", "actor-names", "entity-names"}  # shared lookups stay warm


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("urls", nargs="+")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    app = create_app(args.db)
    client = TestClient(app, base_url="http://127.0.0.1:8000")
    cache = app.state.site.cache
    for url in args.urls:
        assert client.get(url).status_code == 200, url
    out: dict[str, list[float]] = {u: [] for u in args.urls}
    for _ in range(args.runs):
        for url in args.urls:
            for key in list(cache._values):  # every cached page, ranking, title, ...
                if key not in KEEP:
                    cache._values.pop(key, None)
            t = time.process_time()
            status = client.get(url).status_code
            out[url].append(round((time.process_time() - t) * 1000, 1))
            assert status == 200, (url, status)
    app.state.site.close()
    print(json.dumps({"lagebild": lagebild.__file__, "ms": out}))


if __name__ == "__main__":
    main()
