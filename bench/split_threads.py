"""Where the grouping splits and mixes gold threads (issue 12): an error listing for a kept store.

Reads a store that ``bench/eval_clustering.py --gold CORPUS --db PATH`` built (and regrouped),
changes nothing, and prints for the chosen split:

* every gold thread whose members lie in more than one storyline, largest first, with each
  fragment's members (event day, event id, gold event, title) and the fragment's size in the feed;
* the storylines that lose most BCubed precision over all labelled articles (members of several
  gold threads or unthreaded ones), with their labelled members.

Usage:
    .venv/bin/python bench/split_threads.py --gold polnear --split dev --db /tmp/pol.db
    .venv/bin/python bench/split_threads.py --gold spkatt --split dev --db /tmp/spk.db --mixed 10

Only for dev: listing test errors makes the held-out part a second dev set.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


class Placed:
    """A labelled article as grouped: storyline, event, day, title, gold labels."""

    __slots__ = ("key", "storyline", "event", "day", "title", "gold", "gold_event")

    def __init__(self, key: str, row: tuple, gold: str, gold_event: str) -> None:
        self.key = key
        self.storyline, self.event, self.day, self.title = row
        self.gold, self.gold_event = gold, gold_event

    def line(self, label: str) -> str:
        day = dt.date.fromordinal(self.day).isoformat() if self.day else "undated   "
        return f"    {day} {self.event[:15]} {label[:22]:22s} {self.title[:80]}"


def placements(corpus: str, split: str, db: Path) -> tuple[list[Placed], Counter]:
    """The labelled articles of ``split`` as the store groups them; storyline sizes in the feed."""
    from gold_corpora import load_gold, load_records, split_of

    from lagebild.store import Store

    recs = load_records(corpus)
    labels = load_gold(corpus)
    with Store(db) as store:
        rows = store.conn.execute(
            "SELECT o.origin, e.storyline_id, g.event_id, g.day, a.title FROM origins o"
            " JOIN group_articles g ON g.article_id = o.article_id"
            " JOIN events e ON e.id = g.event_id JOIN articles a ON a.id = g.article_id"
        ).fetchall()
    by_line = {}
    for origin, sid, eid, day, title in rows:
        line = origin.rsplit("#L", 1)[-1]
        if line.isdigit():
            by_line[int(line)] = (sid, eid, day, title)
    sizes = Counter(v[0] for v in by_line.values())
    out = []
    for n, rec in enumerate(recs, 1):
        lab = labels.get(rec["key"])
        if lab is None or n not in by_line:
            continue
        if split != "all" and split_of(lab.storyline) != split:
            continue
        ev = lab.event.split("/", 1)[-1] if not lab.event.startswith("solo:") else "-"
        out.append(Placed(rec["key"], by_line[n], lab.storyline, ev))
    return out, sizes


def split_threads(placed: Iterable[Placed], sizes: Counter) -> list[str]:
    """Gold threads spread over several storylines, largest first."""
    threads: dict[str, list[Placed]] = defaultdict(list)
    for p in placed:
        if not p.gold.startswith("solo:"):
            threads[p.gold].append(p)
    lines = []
    for gold, members in sorted(threads.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        frags: dict[str, list[Placed]] = defaultdict(list)
        for p in members:
            frags[p.storyline].append(p)
        if len(frags) == 1:
            continue
        lines.append(f"== {gold}: {len(members)} in {len(frags)} storylines")
        for sid, ps in sorted(frags.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            lines.append(f"  {sid} ({sizes[sid]} articles in the feed)")
            lines += [p.line(p.gold_event) for p in sorted(ps, key=lambda p: (p.day or 0, p.key))]
    return lines


def mixed_storylines(placed: list[Placed], top: int) -> list[str]:
    """The ``top`` storylines losing most BCubed precision over all labelled articles."""
    by: dict[str, list[Placed]] = defaultdict(list)
    for p in placed:
        by[p.storyline].append(p)
    loss = {}
    for sid, ps in by.items():
        gold = Counter(p.gold for p in ps)
        loss[sid] = sum(1 - gold[p.gold] / len(ps) for p in ps)
    lost = sum(loss.values())
    lines = [f"BCubed precision over all labelled: {1 - lost / max(1, len(placed)):.3f}"
             f" ({lost:.1f} of {len(placed)} points lost)"]  # fmt: skip
    for sid, v in sorted(loss.items(), key=lambda kv: (-kv[1], kv[0]))[:top]:
        if v <= 0:
            break
        lines.append(f"== {sid}: {v:.1f} points lost, {len(by[sid])} labelled")
        for p in sorted(by[sid], key=lambda p: (p.day or 0, p.key)):
            lines.append(p.line(p.gold))
    return lines


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--gold", choices=("spkatt", "polnear"), required=True)
    ap.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--db", type=Path, required=True, help="a store kept by eval_clustering --db")
    ap.add_argument("--mixed", type=int, default=8, help="storylines listed by precision lost")
    args = ap.parse_args(argv)
    if not args.db.exists():
        raise SystemExit(f"no store at {args.db}: build it with bench/eval_clustering.py --db")
    placed, sizes = placements(args.gold, args.split, args.db)
    print("\n".join(split_threads(placed, sizes)))
    print()
    print("\n".join(mixed_storylines(placed, args.mixed)))


if __name__ == "__main__":
    main()
