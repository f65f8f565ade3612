"""CLI commands of the grouping layer (stories, timeline, brief, plot, regroup).

``add_commands(command)`` gets the CLI's sub-command factory
``command(name, help, example) -> argparse.ArgumentParser`` (it adds ``--db``
and an ``Example:`` epilog) and returns ``{name: handler}``; a handler takes
the parsed ``argparse.Namespace`` and returns the exit code.  Documented in
``docs/cli-group.md``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from ._cli_util import non_negative
from .errors import NotFound

Handler = Callable[[argparse.Namespace], int]


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> dict[str, Handler]:
    p = command(
        "stories",
        "List storylines (threads of events over weeks and months), newest first, with their events and articles.",
        "lagebild stories --json",
    )
    p.add_argument("--json", action="store_true", help="print a JSON list of storylines")
    p.add_argument(
        "--min-events", type=int, default=1, metavar="N", help="only storylines with >= N events"
    )
    p.add_argument(
        "--limit",
        type=non_negative,
        default=20,
        metavar="N",
        help="only the N most recently continued storylines (default 20; 0: all)",
    )
    _lang_option(p, "name the actors in this language (en: the gazetteer's English names, Pope Francis;"
                 " default: the language most of a storyline's articles are in)")

    p = command(
        "timeline",
        "Print the dated timeline of a storyline, an event or an entity, each entry citing its articles.",
        "lagebild timeline Nordkorea",
    )
    p.add_argument(
        "ref",
        metavar="STORYLINE|EVENT|ENTITY",
        help="st-…, ev-…, an entity id (Q423), an entity's name or alias (Merkel, Schroeder), "
        "or words of a storyline's title",
    )
    p.add_argument("--json", action="store_true", help="print the entries as a JSON list")
    _lang_option(p, "name an entity in this language (en: the gazetteer's English name, Federal Constitutional"
                 " Court; default: as stored)")

    p = command(
        "brief",
        "Write an extractive briefing of an event or storyline as Markdown, HTML or PDF, every sentence citing"
        " its article.",
        "lagebild brief st-e86e74917e7d --format pdf --lang en -o brief.pdf",
    )
    p.add_argument(
        "ref", metavar="EVENT|STORYLINE", help="ev-… or st-… (a unique prefix will do), or words of a storyline's title"
    )
    p.add_argument(
        "--format", choices=("md", "html", "pdf"), default="md",
        help="md (default), html (one standalone page) or pdf",
    )  # fmt: skip
    p.add_argument(
        "--lang", choices=("de", "en"), default=None,
        help="language of headings and fixed phrases (default: the language most member articles are in;"
        " German unless English outnumbers it)",
    )  # fmt: skip
    p.add_argument("-o", "--output", "--out", dest="output", metavar="FILE",
                   help="write to FILE instead of standard output")

    p = command(
        "plot",
        "Draw a timeline chart or an actor network of a storyline, event (or, for timeline, entity) as SVG or PNG.",
        "lagebild plot network st-e86e74917e7d --out network.svg",
    )
    p.add_argument("kind", choices=("timeline", "network"))
    p.add_argument("ref", metavar="ID", help="st-…, ev-…; for timeline also an entity id or name")
    p.add_argument("-o", "--out", "--output", dest="out", required=True, metavar="FILE",
                   help="where the chart goes: FILE.svg or FILE.png")

    command(
        "regroup",
        "Forget duplicates, events and storylines and group every stored article again.",
        "lagebild regroup --db lagebild.db",
    )
    return {
        "stories": _stories,
        "timeline": _timeline,
        "brief": _brief,
        "plot": _plot,
        "regroup": _regroup,
    }


def _lang_option(p: argparse.ArgumentParser, help: str) -> None:
    p.add_argument("--lang", choices=("de", "en"), default=None, help=help)


def _open(args: argparse.Namespace):
    from .store import Store, default_db_path

    return Store(args.db or default_db_path())


def _stories(args: argparse.Namespace) -> int:
    from .group import catch_up
    from .group.describe import list_storylines
    from .group.titles import clean_headline

    if args.min_events < 1:
        print("lagebild: error: --min-events must be at least 1", file=sys.stderr)
        return 2
    with _open(args) as store:
        catch_up(store)
        stories = list_storylines(store.db, min_events=args.min_events, limit=max(args.limit, 0))
        from .present.sources import independent_outlets

        for st in stories:  # independent outlets: wire copies and near-identical texts once
            for ev in st["events"]:
                ev["outlets"] = independent_outlets(store.db, list(ev["articles"]))
            st["outlets"] = independent_outlets(store.db, [a for ev in st["events"] for a in ev["articles"]])
        if not args.json:  # named as the storyline's language names them (JSON keeps the stored names)
            from .present.brief import local_actor_names

            for st in stories:
                members = [a for ev in st["events"] for a in ev["articles"]]
                st["actors"] = local_actor_names(store, st["id"], members, args.lang)
    # newest first: the storyline continued last leads, undated ones close the list
    stories.sort(key=lambda st: (st["end"] is not None, st["end"] or "", st["start"] or ""), reverse=True)
    if args.json:
        print(json.dumps(stories, ensure_ascii=False, indent=1))
        return 0
    if not stories:
        print("No storylines. Add articles with: lagebild ingest PATH", file=sys.stderr)
    for st in stories:
        span = f"{st['start'] or '—'} … {st['end'] or '—'}" if st["start"] or st["end"] else "undated"
        print(f"{st['id']}  {span:<23}  {st['outlets']} source{'s' if st['outlets'] != 1 else ''}  {st['title']}")
        print(f"    actors: {', '.join(st['actors'])}")  # type: ignore[arg-type]
        for ev in st["events"]:  # type: ignore[attr-defined]
            n = len(ev["articles"])
            dups = f" +{len(ev['duplicates'])} dup" if ev["duplicates"] else ""
            print(
                f"    {ev['id']}  {ev['date'] or 'undated':<10}  {n} art.{dups}  {ev['outlets']} src.  "
                f"{_short(clean_headline(ev['title'] or '') or ev['title'] or '', 80)}"
            )
    return 0


def _short(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


# Storyline titles are searched only below this many storylines (each title is computed).
_MAX_TITLE_SCAN = 5000


def _resolve(store, ref: str) -> tuple[str, str]:
    """``(kind, id)`` for st-…/ev-… ids, an entity id, name, alias or folded spelling
    (``Schroeder``), or words of a storyline's title; an ambiguous name is an error
    that lists the candidates."""
    from .group.timelines import resolve_ref
    from .store.names import find_entities

    ref = ref.strip()
    if ref.startswith(("st-", "ev-")):
        return resolve_ref(store.db, ref)
    cands = find_entities(store.db, ref)
    if len(cands) == 1:
        return "entity", cands[0].id
    if cands:
        width = max(24, *(len(c.id) for c in cands))
        lines = "\n".join(
            f"  {c.id:<{width}} {c.name} ({c.type}, {c.articles} art.)" for c in cands
        )
        raise NotFound(f"{ref!r} names {len(cands)} entities; give one of their ids:\n{lines}")
    titled = storyline_by_title(store, ref)
    if titled is not None:
        return "storyline", titled
    return resolve_ref(store.db, ref)  # its message says what may be given


def storyline_by_title(store, ref: str) -> str | None:
    """The id of the one storyline whose title holds ``ref`` (folded: ``hochwasser``), None
    when none does (or the store has too many storylines to scan); several: an error that
    lists them, newest first."""
    from .group.describe import list_storylines
    from .store.names import fold_name
    from .store.stories import count_storylines

    if count_storylines(store.db) > _MAX_TITLE_SCAN:
        return None
    q = fold_name(ref)
    hits = [st for st in list_storylines(store.db) if q and q in fold_name(str(st["title"]))]
    if len(hits) == 1:
        return str(hits[0]["id"])
    if hits:
        hits.sort(key=lambda st: str(st["end"] or ""), reverse=True)
        lines = "\n".join(f"  {st['id']}  {_short(str(st['title']), 80)}" for st in hits[:10])
        raise NotFound(f"{ref!r} is in the titles of {len(hits)} storylines; give one id:\n{lines}")
    return None


def _timeline_entries(store, ref: str):
    from .group.timelines import entity_timeline, storyline_timeline

    kind, gid = _resolve(store, ref)
    if kind == "entity":
        from .store.timelines import entity_name

        return kind, gid, entity_name(store.db, gid) or gid, entity_timeline(store.db, gid)
    table = "storylines" if kind == "storyline" else "events"
    from .group.describe import describe_event, describe_storyline

    title = (describe_storyline if table == "storylines" else describe_event)(store.db, gid)[
        "title"
    ]
    return kind, gid, str(title), storyline_timeline(store.db, gid)


def _timeline(args: argparse.Namespace) -> int:
    from .display_names import display_name
    from .group import catch_up

    with _open(args) as store:
        catch_up(store)
        kind, gid, title, entries = _timeline_entries(store, args.ref)
    if args.json:
        print(json.dumps([e.as_dict() for e in entries], ensure_ascii=False, indent=1))
        return 0
    # an entity named in --lang (en: the gazetteer's English name, as `brief --lang en` names it)
    print(f"{kind} {gid}: {display_name(gid, title, args.lang) if kind == 'entity' and args.lang else title}")
    if not entries and kind == "entity":
        # its mentions sit in undated articles, off their leads: say so, and where to read them
        name = title if " " not in title else f'"{title}"'
        print(f"  no dated sentence names it; its articles: lagebild search {name} --entity {gid}")
    for e in entries:
        label = e.date or "undated"
        if e.date_from == "cross-reference":
            label += "*"
        cites = ", ".join(f"{c.source or 'unknown source'} {c.article[:8]}#{c.sentence}" for c in e.citations)
        print(f"  {label:<12} {_short(' '.join(e.text.split()), 100)}  [{cites}]")
    if any(e.date_from == "cross-reference" for e in entries):
        print("  * date taken from a dated sentence of another article that refers to it")
    return 0


def _brief(args: argparse.Namespace) -> int:
    from .group import catch_up
    from .present.brief import export_briefing

    if args.format == "pdf" and not args.output and sys.stdout.isatty():
        print("lagebild: error: a PDF is binary: give -o FILE or redirect the output", file=sys.stderr)
        return 2
    with _open(args) as store:
        catch_up(store)
        kind, gid = _resolve(store, args.ref)
        if kind == "entity":
            raise NotFound(
                f"{args.ref!r} is an entity; a briefing needs an event (ev-…) or storyline (st-…)."
            )
        out = export_briefing(store, kind, gid, fmt=args.format, lang=args.lang)
    if args.output:
        with open(args.output, "wb") as fh:
            fh.write(out.data)
        print(f"wrote {args.output}")
    elif args.format == "pdf":
        sys.stdout.flush()
        sys.stdout.buffer.write(out.data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(out.data.decode("utf-8"))
    return 0


def _plot(args: argparse.Namespace) -> int:
    from .group import catch_up
    from .present.plot import network_figure, render, timeline_figure

    fmt = args.out.lower().rsplit(".", 1)[-1]
    if fmt not in ("svg", "png"):
        print("lagebild: error: --out must name an .svg or .png file", file=sys.stderr)
        return 2
    with _open(args) as store:
        catch_up(store)
        if args.kind == "timeline":
            _, gid, title, entries = _timeline_entries(store, args.ref)
            fig = timeline_figure(entries, title)
        else:
            kind, gid = _resolve(store, args.ref)
            if kind == "entity":
                raise NotFound(
                    f"{args.ref!r} is an entity; a network needs an event (ev-…) or storyline (st-…)."
                )
            from .group.describe import describe_event, describe_storyline

            title = str(
                (describe_storyline if kind == "storyline" else describe_event)(store.db, gid)[
                    "title"
                ]
            )
            fig = network_figure(store, gid, title)
    with open(args.out, "wb") as fh:
        fh.write(render(fig, fmt))
    print(f"wrote {args.out}")
    return 0


def _regroup(args: argparse.Namespace) -> int:
    from .enrich.merge import merge_store
    from .group import rebuild
    from .store.stories import count_events, count_storylines

    with _open(args) as store:
        if store.supports("merge"):
            merge_store(store)  # one id per actor (and the analyst's merge/split) before grouping
        n = rebuild(store)
        events, stories = count_events(store.db), count_storylines(store.db)
    print(f"grouped {n} articles: {events} events in {stories} storylines")
    return 0
