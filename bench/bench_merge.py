"""Cost of the cross-article entity merge per ingest, on a growing store (issue 10 §3).

Fills a store with synthetic articles (3 entities each, drawn with a long tail from a pool of
person names in several forms -- full name, surname alone, with a middle initial -- and
organisations), then adds a batch of new articles and times

* ``merge_store(store)``: the incremental merge (the families of the changed ids only), and
* ``merge_store(store, rebuild=True)``: the full pass over every id (what every ingest cost
  before the incremental merge).

Usage::

    .venv/bin/python bench/bench_merge.py --sizes 1000,5000,20000 --batch 50
"""

from __future__ import annotations

import argparse
import hashlib
import random
import tempfile
import time
from pathlib import Path

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
    args = ap.parse_args()
    rng = random.Random(7)
    pool = _pool(rng)
    print(
        f"{'stored':>8} {'ids':>7} {'incremental ms':>15} {'full pass ms':>13}  (batch of {args.batch} new articles)"
    )
    with tempfile.TemporaryDirectory() as tmp, Store(str(Path(tmp) / "m.db")) as store:
        n = 0
        for size in (int(s) for s in args.sizes.split(",")):
            while n < size:
                n += 1
                store.add(_article(n, rng, pool))
            merge_store(store)
            times = {}
            for mode in ("incremental", "full"):
                for _ in range(args.batch):
                    n += 1
                    store.add(_article(n, rng, pool))
                t0 = time.process_time()
                merge_store(store, rebuild=mode == "full")
                times[mode] = (time.process_time() - t0) * 1000
            ids = store.conn.execute("SELECT count(*) FROM entity_index").fetchone()[0]
            print(f"{n:>8} {ids:>7} {times['incremental']:>15.0f} {times['full']:>13.0f}")


if __name__ == "__main__":
    main()
