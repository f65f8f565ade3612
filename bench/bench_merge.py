"""Cost of the cross-article entity merge per ingest, on a growing store (issue 10 §3).

Fills a store with synthetic articles (3 entities each, drawn with a long tail from a pool of
person names in several forms -- full name, surname alone, with a middle initial -- and
organisations), then adds a batch of new articles and times

* ``merge_store(store)``: the incremental merge (the families of the changed ids only), and
* ``merge_store(store, rebuild=True)``: the full pass over every id (what every ingest cost
  before the incremental merge).

It also times ``store.add`` of the batch (which records each article's resolution ids for
the merge).  CPU is this process's (on PostgreSQL the server's work is not in it: compare
wall times there).

Usage::

    .venv/bin/python bench/bench_merge.py --sizes 1000,5000,20000 --batch 50
    .venv/bin/python bench/bench_merge.py --sizes 1000,5000 --db postgresql://user@host/empty_db
"""

from __future__ import annotations

import argparse
import hashlib
import random
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from lagebild.enrich.merge import merge_store
from lagebild.model import Article, Entity, Mention
from lagebild.store import Store

_FIRST = [
    "Anna",
    "Bernd",
    "Clara",
    "Dieter",
    "Eva",
    "Frank",
    "Gerda",
    "Hans",
    "Ines",
    "Jens",
    "Karl",
    "Lena",
]
_LAST = [f"Nachname{i}" for i in range(4000)]


def _pool(rng: random.Random) -> list[tuple[str, str, str]]:
    out = []
    for last in _LAST:
        first = rng.choice(_FIRST)
        out.append((f"lb:PER:{first}-{last}".lower(), f"{first} {last}", "PER"))
        out.append((f"lb:PER:{last}".lower(), last, "PER"))
        out.append((f"lb:PER:{first}-x-{last}".lower(), f"{first} X. {last}", "PER"))
    out += [(f"lb:ORG:firma{i}", f"Firma{i} AG", "ORG") for i in range(2000)]
    return out


def _article(n: int, rng: random.Random, pool: list) -> Article:
    ents = {pool[min(int(rng.paretovariate(0.6)) - 1, len(pool) - 1) if rng.random() < 0.3 else rng.randrange(len(pool))]
            for _ in range(3)}  # fmt: skip
    text = " und ".join(name for _, name, _ in ents) + f" sprachen am Tag {n}."
    entities = []
    for eid, name, typ in ents:
        at = text.index(name)
        entities.append(
            Entity(
                id=eid,
                name=name,
                type=typ,
                mentions=[Mention(text=name, start=at, end=at + len(name))],
            )
        )
    aid = hashlib.sha256(str(n).encode()).hexdigest()[:16]
    return Article(id=aid, origins=[f"mem:{n}"], raw=text, raw_bytes=text.encode(), base=text, text=text,
                   title=f"Artikel {n}", entities=entities)  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,5000,20000")
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--db", help="an empty store to fill (default: a temporary SQLite file)")
    args = ap.parse_args()
    rng = random.Random(7)
    pool = _pool(rng)
    print(
        f"{'stored':>8} {'ids':>7} {'add ms/art':>11} {'incremental ms':>15} {'full pass ms':>13}"
        f"  CPU (wall)  (batch of {args.batch} new articles)"
    )
    with tempfile.TemporaryDirectory() as tmp, Store(args.db or str(Path(tmp) / "m.db")) as store:
        if store.count():
            raise SystemExit(f"{store.path} is not empty: give an empty store")
        n = 0
        for size in (int(s) for s in args.sizes.split(",")):
            while n < size:
                n += 1
                store.add(_article(n, rng, pool))
            merge_store(store)
            cpu: dict[str, float] = {}
            wall: dict[str, float] = {}
            for mode in ("incremental", "full"):
                batch = []
                for _ in range(args.batch):
                    n += 1
                    batch.append(_article(n, rng, pool))
                c0, w0 = time.process_time(), time.perf_counter()
                for art in batch:
                    store.add(art)
                c1, w1 = time.process_time(), time.perf_counter()
                merge_store(store, rebuild=mode == "full")
                cpu[mode] = (time.process_time() - c1) * 1000
                wall[mode] = (time.perf_counter() - w1) * 1000
                cpu[f"add {mode}"] = (c1 - c0) * 1000 / args.batch
                wall[f"add {mode}"] = (w1 - w0) * 1000 / args.batch
            ids = store.db.execute(sa.text("SELECT count(*) FROM entity_index")).scalar_one()
            add_cpu = (cpu["add incremental"] + cpu["add full"]) / 2
            add_wall = (wall["add incremental"] + wall["add full"]) / 2
            print(
                f"{n:>8} {ids:>7} {add_cpu:>5.2f} ({add_wall:.2f}) {cpu['incremental']:>7.0f} ({wall['incremental']:.0f})"
                f" {cpu['full']:>6.0f} ({wall['full']:.0f})"
            )


if __name__ == "__main__":
    main()
