"""CLI commands for entities: list them, and an analyst's merge/split corrections.

``add_commands(command)`` gets the CLI's sub-command factory (see ``_cli_group``)
and returns ``{name: handler}``.  Documented in ``docs/cli-entities.md``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections.abc import Callable

from ._cli_util import non_negative
from .errors import NotFound

Handler = Callable[[argparse.Namespace], int]


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> dict[str, Handler]:
    p = command(
        "entities",
        "List entities (one per actor across the corpus) with their aliases and how many articles name them.",
        "lagebild entities --type PER --limit 20",
    )
    p.add_argument("--type", choices=("PER", "ORG", "LOC", "MISC"), help="only entities of this type")
    p.add_argument("--limit", type=non_negative, default=50, metavar="N", help="only the N most named (default 50; 0: all)")
    p.add_argument("--json", action="store_true", help="print a JSON list")

    p = command(
        "merge",
        "Record that two entities are one actor (B joins A, A's id stays); kept across enrich and regroup.",
        "lagebild merge 'Benedikt XVI.' Ratzinger",
    )
    p.add_argument("entity", metavar="A", nargs="?", help="the entity that stays: id, name or alias")
    p.add_argument("other", metavar="B", nargs="?", help="the entity that joins it: id, name or alias")
    p.add_argument(
        "--rebuild", action="store_true",
        help="instead: merge the whole store again from scratch (after an upgrade; normally each run merges what changed)",
    )  # fmt: skip

    p = command(
        "split",
        "Record that the articles naming an entity ALIAS mean someone else; kept across enrich and regroup.",
        "lagebild split 'Edmund Stoiber' Stoiber",
    )
    p.add_argument("entity", metavar="ENTITY", help="id, name or alias of the entity")
    p.add_argument("alias", metavar="ALIAS", help="the name that leaves it (as `lagebild entities` lists it)")
    return {"entities": _entities, "merge": _merge, "split": _split}


def _open(args: argparse.Namespace):
    from .store import Store, default_db_path

    return Store(args.db or default_db_path())


def _entity_id(store, ref: str) -> str:
    """An entity id from an id, name, alias or folded spelling; an ambiguous name is an error."""
    from .store.names import find_entities

    cands = find_entities(store.db, ref)
    if len(cands) == 1:
        return cands[0].id
    if cands:
        lines = "\n".join(f"  {c.id:<24} {c.name} ({c.type}, {c.articles} art.)" for c in cands)
        raise NotFound(f"{ref!r} names {len(cands)} entities; give one of their ids:\n{lines}")
    raise NotFound(f"No entity {ref!r}: give an id, name or alias that `lagebild entities` lists.")


def _entities(args: argparse.Namespace) -> int:
    from .store.entities import list_entities

    with _open(args) as store:
        rows = list_entities(store.db, type_=args.type, limit=max(0, args.limit))
    if args.json:
        print(json.dumps([dataclasses.asdict(r) for r in rows], ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        others = [a for a in r.aliases if a != r.name]
        print(f"{r.id:<28} {r.type:<4} {r.articles:>5} art. {r.mentions:>6} ment.  {r.name}")
        if others:
            print(f"{'':<28} aliases: {', '.join(others[:12])}" + (" …" if len(others) > 12 else ""))
    return 0


def _merge(args: argparse.Namespace) -> int:
    from .enrich.merge import merge_store, record_merge
    from .errors import LagebildError

    if args.rebuild:
        if args.entity or args.other:
            raise LagebildError("`merge --rebuild` takes no entities: give A and B, or --rebuild alone.")
        with _open(args) as store:
            n = merge_store(store, rebuild=True)
        print(f"merged the whole store again ({n} ids changed)")
        return 0
    if not (args.entity and args.other):
        raise LagebildError("`merge` needs two entities A and B (or --rebuild).")
    with _open(args) as store:
        a, b = _entity_id(store, args.entity), _entity_id(store, args.other)
        n = record_merge(store, a, b)
    print(f"merged {b} into {a} ({n} ids changed); kept across enrich and regroup")
    return 0


def _split(args: argparse.Namespace) -> int:
    from .enrich.merge import record_split

    with _open(args) as store:
        eid = _entity_id(store, args.entity)
        n = record_split(store, eid, args.alias)
    print(f"split {args.alias!r} off {eid} ({n} ids changed); kept across enrich and regroup")
    return 0
