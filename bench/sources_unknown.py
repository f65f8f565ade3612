"""Independent sources before and after "articles without a known source count as one at most".

Usage:
    git show 488db03^:lagebild/present/sources.py > /tmp/N/sources_old.py
    .venv/bin/python bench/sources_unknown.py /tmp/H/feed.db /tmp/N/sources_old.py

Reads every storyline and event of the store (``/tmp/H/feed.db``: the feed that
``bench/analyst_audit.py`` builds) and counts its independent outlets with the rule of
``lagebild/present/sources.py`` (new) and of the file given (old: each article without a known
source counted on its own), then prints how many groups change and the counts' distribution.
"""

from __future__ import annotations

import collections
import importlib.util
import sys

from lagebild.group.storylines import describe_storyline
from lagebild.present import sources as new
from lagebild.store import Store


def _old(path: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("lagebild.present._sources_old", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _both(old, store: Store, ids: list[str]) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    return old.independent_outlets(store, ids), new.independent_outlets(store, ids)


def main(db: str, old_path: str) -> None:
    old = _old(old_path)
    with Store(db) as store:
        sids = [r[0] for r in store.conn.execute("SELECT id FROM storylines")]
        rows: dict[str, list[tuple[int, int, int]]] = {"storyline": [], "event": []}
        for sid in sids:
            st = describe_storyline(store.db, sid)
            members = [a for e in st["events"] for a in e["articles"]]
            rows["storyline"].append((*_both(old, store, members), len(st["events"])))
            for e in st["events"]:
                arts = list(e["articles"])
                rows["event"].append((*_both(old, store, arts), len(arts)))
    for kind, got in rows.items():
        multi = [(o, n) for o, n, size in got if size >= 2]
        changed = [(o, n) for o, n in multi if o != n]
        unit = "events" if kind == "storyline" else "articles"
        olds, news = [o for o, _ in multi], [n for _, n in multi]
        print(f"{kind}s: {len(got)}, with >= 2 {unit}: {len(multi)}; count changed: {len(changed)};"
              f" sum old {sum(olds)} -> new {sum(news)};"
              f" largest old {max(olds, default=0)} -> new {max(news, default=0)}")
        top = sorted(collections.Counter(changed).items(), key=lambda x: -x[1])[:8]
        print("  old -> new (count):", top)


if __name__ == "__main__":
    main(*sys.argv[1:3])
