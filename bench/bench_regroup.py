"""Benchmark: placing every article of an enriched store again — CPU and statements per article.

Usage:  .venv/bin/python bench/bench_regroup.py STORE.db [--rounds 3]

``STORE.db`` is an enriched store (e.g. the one ``bench/eval_clustering.py --gold spkatt --db
/tmp/spk.db`` keeps); it is copied, never changed.  The grouping features of every article are
computed once; then, per round, the grouping is forgotten and every article is placed again
in storage order, 64 per transaction as ``rebuild`` does.  Reported: CPU seconds of the
placements alone (best round), statements the database executed per placed article (every
row of an ``executemany`` counts), the grouping's size, and a digest of all placements
(event, storyline, canonical of every article): equal digests = the same grouping, so two
commits can be compared on the same store.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import tempfile
import time
from pathlib import Path

from lagebild.group import GroupOptions, _assign, forget, group_fields, pending
from lagebild.group._features import features
from lagebild.store import Store


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "regroup.db"
        shutil.copy(args.db, path)
        with Store(path) as store:
            forget(store)
            ids = pending(store)
            t0 = time.process_time()
            todo = [(aid, features(store.get(aid))) for aid in ids]
            t_feat = time.process_time() - t0
            opts = GroupOptions()
            cpu: list[float] = []
            statements = 0
            for _ in range(args.rounds):
                forget(store)
                count = [0]
                store.conn.set_trace_callback(lambda _s: count.__setitem__(0, count[0] + 1))
                t0 = time.process_time()
                for k in range(0, len(todo), 64):
                    with store.transaction() as conn:
                        for aid, feats in todo[k : k + 64]:
                            _assign(conn, aid, feats, opts)
                cpu.append(time.process_time() - t0)
                store.conn.set_trace_callback(None)
                statements = count[0] - 2 * ((len(todo) + 63) // 64)  # without BEGIN/COMMIT
            lookup = group_fields(store)
            places = [lookup(aid) for aid in ids]
    digest = hashlib.sha256(
        "\n".join(f"{aid} {p['event']} {p['storyline']} {p['duplicate_of']}"
                  for aid, p in sorted(zip(ids, places, strict=True))).encode()
    ).hexdigest()[:16]  # fmt: skip
    n = max(len(ids), 1)
    print(f"articles: {len(ids)}  events: {len({p['event'] for p in places})}"
          f"  storylines: {len({p['storyline'] for p in places})}")  # fmt: skip
    print(f"features: {t_feat:.2f} s CPU ({1000 * t_feat / n:.2f} ms/article)")
    print(f"placement: best {min(cpu):.2f} s CPU ({1000 * min(cpu) / n:.2f} ms/article),"
          f" rounds {', '.join(f'{c:.2f}' for c in cpu)}")  # fmt: skip
    print(f"statements per placed article: {statements / n:.1f}")
    print(f"placements digest: {digest}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
