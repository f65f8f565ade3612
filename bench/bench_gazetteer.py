"""Cost of the gazetteer's size: load time and enrichment CPU per article, two files compared.

Usage::

    .venv/bin/python bench/bench_gazetteer.py --n 200 OLD.jsonl lagebild/data/gazetteer.jsonl

Each file is measured in a fresh process (the loaded gazetteer is cached per process):
first ``gazetteer.load`` (read + compile the ruler) in ms, then ``enrich_many`` on n 10kGNAD
articles (models loaded beforehand) in CPU ms per article, and the number of entities found.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _child(path: str, n: int) -> dict[str, float]:
    from _corpus import corpus_texts

    import lagebild.enrich.gazetteer as gz
    from lagebild.clean import clean
    from lagebild.enrich import enrich_many
    from lagebild.model import Article

    gz._default_path = lambda: Path(path)  # type: ignore[assignment]
    t0 = time.process_time()
    g = gz.load()
    gz.match("Angela Merkel traf Emmanuel Macron in Paris.")  # the ruler is compiled on first use
    load_ms = (time.process_time() - t0) * 1000
    arts = [
        clean(Article(origins=[f"b{i}"], raw=t, raw_bytes=t.encode(), base=t))
        for i, t in enumerate(corpus_texts(n + 2))
    ]
    enrich_many(arts[:2])
    arts = arts[2:]
    t0 = time.process_time()
    enrich_many(arts)
    cpu = (time.process_time() - t0) * 1000 / len(arts)
    ents = sum(len(a.entities) for a in arts)
    gaz_ids = sum(1 for a in arts for e in a.entities if not e.id.startswith("lb:"))
    return {"file": path, "entities_in_file": len(g.records), "surface_forms": g.n_forms, "load_ms": round(load_ms),
            "enrich_cpu_ms_per_article": round(cpu, 1), "entities_found": ents, "gazetteer_ids": gaz_ids}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(_child(args.files[0], args.n)))
        return
    for f in args.files:
        out = subprocess.run(
            [sys.executable, __file__, "--child", "--n", str(args.n), f],
            capture_output=True,
            text=True,
            check=True,
        )
        print(out.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
