"""Benchmark: ranking storylines and events by independent sources, against count(DISTINCT source).

Usage:  .venv/bin/python bench/bench_sources_ranking.py STORE.db [--need 100] [--rounds 3]

For events and storylines of the store, CPU seconds of (a) the former list ranking, one
``count(DISTINCT a.source)`` aggregate, sorted; (b) the web's ranking now: the ranking rows
(``store.browse.group_ranking``), members and outlets (``store.outlets.group_members``) and the
exact head of ``--need`` rows by independent sources (``present.sources.most_independent``),
cold and with the memo of the previous round (what a web process pays per store generation);
(c) every group counted (``present.sources.independent_counts``, what ranking the whole list
would cost); (d) what a web process pays for its first ranking by sources: a fresh
``web.site.Site``'s ``ranking(kind, "sources")`` (since issue 13 §3 task I: the counts grouping
stored in ``events.sources``/``storylines.sources``, only unstored groups counted).  Then how many
groups the two counts disagree on, how many of the first 20 differ, and how many stored counts
differ from (c) (``-``: a store without them).  A synthetic store: ``bench/bench_web.py --db
FILE`` builds one; ``--store-sources`` first counts and stores what is missing (opens it writable:
give a copy).
"""

from __future__ import annotations

import argparse
import time

from lagebild.present.sources import independent_counts, most_independent
from lagebild.store import Store, browse
from lagebild.store.outlets import group_members
from lagebild.web.site import Site

_DISTINCT = {
    "event": "SELECT e.id, e.seq, e.last_day, count(g.article_id), count(DISTINCT a.source) FROM events e "
             "LEFT JOIN group_articles g ON g.event_id = e.id AND g.duplicate_of IS NULL "
             "LEFT JOIN articles a ON a.id = g.article_id GROUP BY e.id",
    "storyline": "SELECT s.id, s.seq, s.last_day, count(g.article_id), count(DISTINCT a.source) FROM storylines s "
                 "LEFT JOIN events e ON e.storyline_id = s.id "
                 "LEFT JOIN group_articles g ON g.event_id = e.id AND g.duplicate_of IS NULL "
                 "LEFT JOIN articles a ON a.id = g.article_id GROUP BY s.id",
}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--need", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--store-sources", action="store_true", help="count and store the missing counts first")
    args = ap.parse_args()
    if args.store_sources:
        from lagebild.group import count_sources

        with Store(args.db) as rw:
            t = time.process_time()
            n = count_sources(rw)
            print(f"stored the independent sources of {n} events and storylines in {time.process_time() - t:.2f} s CPU")
    store = Store.open_readonly(args.db)
    print("| kind | groups | count(DISTINCT) ranking s | new: rows + members + head, cold s | same, memo s "
          "| every group counted s | web: first ranking by sources, fresh Site s | counts differ "
          "| first 20 differ | stored differ |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for kind in ("event", "storyline"):
        old_t, cold_t, warm_t, full_t, site_t = [], [], [], [], []
        for _ in range(args.rounds):
            t = time.process_time()
            old = store.db.exec_driver_sql(_DISTINCT[kind]).fetchall()
            old_rank = sorted(old, key=lambda r: (r[4], r[3], r[2] or 0, r[1]), reverse=True)
            old_t.append(time.process_time() - t)
            memo: dict = {}
            for timing in (cold_t, warm_t):
                t = time.process_time()
                rows = browse.group_ranking(store.db, kind)
                members, outlet_rows = group_members(store.db, kind)
                tiebreak = {r["id"]: (r["articles"], r["last_day"] or 0, r["seq"]) for r in rows}
                head = most_independent(store, {r["id"]: members.get(r["id"], []) for r in rows}, tiebreak,
                                        args.need, memo, outlet_rows)  # fmt: skip
                timing.append(time.process_time() - t)
            t = time.process_time()
            every = independent_counts(store, {r["id"]: members.get(r["id"], []) for r in rows})
            full_t.append(time.process_time() - t)
            t = time.process_time()
            Site(args.db).ranking(kind, "sources")
            site_t.append(time.process_time() - t)
        distinct = {r[0]: r[4] for r in old}
        differ = sum(distinct[g] != n for g, n in every.items())
        top_old = {r[0] for r in old_rank[:20]}
        top_new = {g for g, _n in head[:20]}
        stored = {r["id"]: r["sources"] for r in rows if r.get("sources") is not None}
        wrong = sum(every[g] != n for g, n in stored.items()) if stored else "-"
        print(f"| {kind} | {len(rows)} | {min(old_t):.2f} | {min(cold_t):.2f} | {min(warm_t):.2f} | "
              f"{min(full_t):.2f} | {min(site_t):.2f} | {differ} | {len(top_new - top_old)} | {wrong} |")


if __name__ == "__main__":
    main()
