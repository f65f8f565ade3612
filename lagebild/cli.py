"""The ``lagebild`` command: a thin layer over the library.

Each command checks its arguments, calls one library function and turns
library errors into clean messages and exit codes: 0 success, 1 some inputs
failed or an item was not found, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import textwrap
from collections.abc import Sequence

from . import __version__
from ._cli_util import check_db, non_negative, progress_bar, suggest_in_message, unknown_options
from .errors import LagebildError, NotFound, StoreError
from .store import ENV_DB, Store, default_db_path, parse_target

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2, as argparse does
        self.print_usage(sys.stderr)
        self.exit(2, f"lagebild: error: {suggest_in_message(message)}\n")


def _db_arg(p: argparse.ArgumentParser, default: object = None) -> None:
    p.add_argument(
        "--db",
        metavar="FILE|URL",
        default=default,
        help=f"database file, or postgresql://user@host/db for a shared PostgreSQL store "
        f"(docs/scale.md) (default: ${ENV_DB} or ./lagebild.db)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="lagebild",
        description="Turn raw news articles into a situation picture an analyst can trust.",
        epilog="Example:\n  lagebild ingest examples/ && lagebild list",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"lagebild {__version__}")
    # --db before the command too (`lagebild --db x.db list`); the command's own --db wins
    _db_arg(parser)
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar, errors only")
    parser.add_argument(
        "--progress", action="store_true", help="progress on stderr even when it is not a terminal"
    )
    parser.add_argument(
        "--ner",
        choices=("default", "cnn", "fast", "accurate", "lstm"),
        default=None,
        help="German NER model for enrichment: cnn (spaCy CNN), fast (e5 transformer, 3 layers), "
        "accurate (e5, 12 layers, slowest) or lstm (BiLSTM distilled from accurate); "
        "default: lstm (scores in docs/benchmarks.md); same as $LAGEBILD_NER",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help: str, example: str) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=help,
            description=help,
            epilog=f"Example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        _db_arg(p, default=argparse.SUPPRESS)  # absent: the --db given before the command, if any
        # -v/-q work after the command too (`lagebild ingest -q x/`)
        p.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        p.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        p.add_argument("--progress", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        p.add_argument("--ner", choices=("default", "cnn", "fast", "accurate", "lstm"), default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        return p

    p = command(
        "ingest",
        "Read articles (text, JSON/JSONL, HTML, RSS/Atom; files, directories, globs, - for stdin), "
        "clean them and store them.",
        "lagebild ingest examples/ 'feeds/*.xml' --db lagebild.db",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--max-mb", type=float, default=10.0, help="largest single article file in MB (default 10)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--no-enrich", action="store_true", help="store cleaned articles only (run `lagebild enrich` later)")
    p.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="read files that symbolic links in an input folder lead to outside it (refused by default)",
    )
    p.add_argument(
        "--name-pattern",
        metavar="REGEX",
        help="regular expression with groups (?P<date>…) and (?P<source>…) read from file names "
        "when the article gives no date or source (default: see docs/cli.md; '' turns it off)",
    )

    p = command("list", "List stored articles, newest first.", "lagebild list --db lagebild.db")
    p.add_argument("--json", action="store_true", help="one JSON object per article (no text)")
    p.add_argument("--limit", type=non_negative, default=0, metavar="N", help="show at most N articles (default 0: all)")

    p = command("show", "Show one article: metadata, cleaned text, edit log.", "lagebild show e86e")
    p.add_argument("id", metavar="ID", help="article id or a unique prefix (>= 4 characters)")
    p.add_argument("--json", action="store_true", help="the full export record as JSON")
    p.add_argument("--raw", action="store_true", help="print the raw text as it was read")

    p = command(
        "export",
        "Write all articles to standard output or a file (the export contract, see docs/export.md).",
        "lagebild export --format parquet --out articles.parquet",
    )
    p.add_argument("--format", choices=("jsonl", "csv", "parquet"), default="jsonl")
    p.add_argument("-o", "--out", "--output", dest="out", metavar="FILE",
                   help="write to FILE instead of standard output")

    p = command("stats", "Print an overview of the store.", "lagebild stats")
    p.add_argument("--json", action="store_true")

    command(
        "enrich",
        "Run entity, quote and time enrichment again on every stored article (after a model update).",
        "lagebild enrich --db lagebild.db",
    )

    p = command(
        "eval",
        "Score a component on annotated data: ner (CoNLL/GermEval TSV), timex (TimeML .tml), "
        "quotes (SpkAtt-2023 task2 folder or a JSONL development set).",
        "lagebild eval ner ../shared/data/xglue-ner-de/dev.txt",
    )
    p.add_argument("component", choices=("ner", "timex", "quotes"))
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--lang", default="de", help="language for timex and ner (default de)")
    p.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    p.add_argument(
        "--with-gazetteer",
        action="store_true",
        help="ner: score the model plus the gazetteer's names, as enrichment uses them",
    )

    # Commands of later layers live beside their code (grouping; search and web).
    from . import _cli_entities, _cli_group, _cli_spark, _cli_web

    for module in (_cli_group, _cli_web, _cli_spark, _cli_entities):
        _COMMANDS.update(module.add_commands(command))
    _SUBPARSERS.update(sub.choices)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; ``argv`` without the program name. Returns the exit code."""
    parser = build_parser()
    args, extra = parser.parse_known_args(list(argv) if argv is not None else None)
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    if extra:  # with a "did you mean" for a mistyped option of this command
        subparser = _SUBPARSERS.get(args.command, parser)
        subparser.error(unknown_options(extra, subparser))
    level = logging.WARNING - 10 * args.verbose if not args.quiet else logging.ERROR
    logging.basicConfig(level=max(level, logging.DEBUG), format="%(levelname)s %(name)s: %(message)s")
    # options the worker processes inherit through the environment (--ner, --name-pattern) are
    # set for this command only: main() in a longer-lived process must not change later commands
    saved = {k: os.environ.get(k) for k in _WORKER_ENV}
    if args.ner:
        os.environ["LAGEBILD_NER"] = args.ner
    try:
        return _run(args)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


_WORKER_ENV = ("LAGEBILD_NER", "LAGEBILD_NAME_PATTERN")


def _run(args: argparse.Namespace) -> int:
    handler = _COMMANDS[args.command]
    try:
        if hasattr(args, "db") and args.command not in STORELESS_COMMANDS:  # only `ingest` creates one
            _check_target(args.db or default_db_path(), args.command)
        return handler(args)
    except NotFound as exc:
        print(f"lagebild: {exc}", file=sys.stderr)
        return 1
    except StoreError as exc:
        print(f"lagebild: {exc}", file=sys.stderr)
        return 2
    except LagebildError as exc:
        print(f"lagebild: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `lagebild export | head`
        return 0
    except OSError as exc:
        # the file a command was told to write (--out, -o): a missing folder, no permission
        out = getattr(args, "out", None) or getattr(args, "output", None)
        if out is None or exc.filename is None or os.fspath(exc.filename) != os.fspath(out):
            raise
        print(f"lagebild: cannot write {os.fspath(out)!r}: {exc.strerror or exc}", file=sys.stderr)
        return 1


# What runs on a PostgreSQL store so far (the rest needs SQLite: docs/scale.md).
POSTGRES_COMMANDS = frozenset(
    {
        "ingest",
        "list",
        "entities",
        "merge",
        "split",
        "serve",
        "export",
        "brief",
        "plot",
        "show",
        "stats",
        "regroup",
        "stories",
        "timeline",
        "search",
        "load",
        "enrich",
    }
)


# Commands that open no store: --db / $LAGEBILD_DB (a PostgreSQL URL too) means nothing to them.
STORELESS_COMMANDS = frozenset({"eval", "spark"})


def _check_target(db: str, command: str) -> None:
    """A SQLite file must exist (except for ``ingest``); PostgreSQL serves only some commands."""
    target = parse_target(db)
    if target.dialect == "sqlite":
        check_db(target.path or db, command)
    elif command not in POSTGRES_COMMANDS:
        raise StoreError(
            f"`lagebild {command}` is not yet available on PostgreSQL ({target.shown}): it runs on a "
            f"SQLite store (--db FILE). On PostgreSQL: {', '.join(sorted(POSTGRES_COMMANDS))}."
        )


def _open(args: argparse.Namespace) -> Store:
    return Store(args.db or default_db_path())


def _cmd_ingest(args: argparse.Namespace) -> int:
    from .ingest import ReadOptions
    from .pipeline import ingest

    if args.max_mb <= 0:
        print("lagebild: error: --max-mb must be positive", file=sys.stderr)
        return 2
    if args.name_pattern is not None:
        from ._names import ENV_PATTERN, compile_pattern

        try:
            compile_pattern(args.name_pattern)
        except ValueError as exc:
            print(f"lagebild: error: --name-pattern: {exc}", file=sys.stderr)
            return 2
        os.environ[ENV_PATTERN] = args.name_pattern  # the worker processes inherit it
    from ._cli_util import count_inputs

    # phases: the models load before the first item is done (a few seconds), then items
    first = "ingest: reading" if args.no_enrich else "ingest: loading models"
    bar = progress_bar(args, desc=first, unit=" items", total=count_inputs(args.paths))
    failures = 0

    def progress(origin: str, outcome: str) -> None:
        nonlocal failures
        if bar is not None:
            if bar.n == 0:
                # drawn at once: the phase changes once a run, and a run quicker than tqdm's
                # redraw interval (models already loaded) would otherwise never show it
                bar.set_description("ingest" if args.no_enrich else "ingest: enriching + grouping")
            bar.update(1)
            if outcome.startswith("failed"):
                failures += 1
                bar.set_postfix(failed=failures)  # drawn at once: failures are rare

    with _open(args) as store:
        report = ingest(
            args.paths,
            store,
            read_options=ReadOptions(
                max_bytes=int(args.max_mb * 1024 * 1024), follow_symlinks=args.follow_symlinks
            ),
            progress=progress,
            enriched=not args.no_enrich,
        )
        total = store.count()
    if bar is not None:
        bar.close()
    if args.json:
        print(json.dumps({**report.as_dict(), "stored": total, "db": store.path}, ensure_ascii=False))
    else:
        for what in report.skipped:
            print(f"lagebild: skipped {what}", file=sys.stderr)
        known = len(report.known) + len(report.new_origin)
        extra = f" ({len(report.new_origin)} under a new name)" if report.new_origin else ""
        if report.other_metadata:
            extra = extra[:-1] + f", {len(report.other_metadata)} with other metadata, kept per origin)"
        partial = f" ({len(report.partial)} stored, partly enriched)" if report.partial else ""
        print(f"added {len(report.added)}{partial}, already known {known}{extra}, failed {len(report.failed)}"
              f" — {total} article{'' if total == 1 else 's'} in {store.path}")  # fmt: skip
        for err in report.failed:
            print(f"  failed: {err.origin}: {err.reason}", file=sys.stderr)
        for origin, reason in report.partial:
            print(f"  partly enriched: {origin}: {reason}", file=sys.stderr)
        for origin in report.other_metadata:
            print(f"  same text, other metadata (kept with the origin): {origin}", file=sys.stderr)
    return 0 if report.ok else 1


def _short(s: str | None, n: int) -> str:
    s = (s or "").replace("\n", " ")
    return s if len(s) <= n else s[: n - 1] + "…"


def _cmd_list(args: argparse.Namespace) -> int:
    with _open(args) as store:
        n = 0
        for article in store.iter_articles(full=False):
            if args.limit and n >= args.limit:
                break
            n += 1
            if args.json:
                rec = {
                    "id": article.id, "title": article.title, "source": article.source,
                    "section": article.section, "published": article.published.isoformat() if article.published else None,
                    "language": article.language, "origins": article.origins, "flags": article.flags,
                }  # fmt: skip
                print(json.dumps(rec, ensure_ascii=False))
            else:
                date = article.published.isoformat() if article.published else "—".center(10)
                title = article.title or _short(article.text, 70)
                # the source as stored, never cut (`derstandard` stays `derstandard`)
                print(f"{article.id[:12]}  {date}  {(article.source or '—'):<15} {(article.language or '?'):<2}  {_short(title, 90)}")
        if not args.json and n == 0:
            print(f"No articles in {store.path}. Add some with: lagebild ingest PATH", file=sys.stderr)
    return 0


def _more(total: int, shown: int) -> str:
    """`` (+N more)`` when a list was cut, else ""."""
    return f" (+{total - shown} more)" if total > shown else ""


def _cmd_show(args: argparse.Namespace) -> int:
    from .group import group_fields
    from .present.export import to_record

    with _open(args) as store:
        article = store.get(args.id)
        record = to_record(article, group_fields(store)) if args.json else None
    if record is not None:
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return 0
    if args.raw:
        sys.stdout.write(article.raw)
        return 0
    meta = [
        ("id", article.id),
        ("title", article.title),
        ("source", article.source),
        ("section", article.section),
        ("published", f"{article.published} (from {article.published_from})" if article.published
         else "— (no date found)"),
        ("dateline", article.dateline),
        ("agencies", ", ".join(article.agencies)),
        ("language", article.language),
        ("flags", ", ".join(article.flags)),
        ("origins", "\n             ".join(article.origins)),
    ]
    for k, v in meta:
        if v:
            print(f"{k + ':':<12} {v}")
    print()
    for para in article.paragraphs:
        print(textwrap.fill(para, width=100))
        print()
    if article.entities:
        ents = sorted(article.entities, key=lambda e: -len(e.mentions))[:12]
        print("entities:   " + "; ".join(f"{e.name} ({e.type}{', ' + e.role if e.role else ''})" for e in ents)
              + _more(len(article.entities), len(ents)))  # fmt: skip
    for q in article.quotes[:8]:
        who = q.speaker_text or "(speaker unknown)"
        print(f"quote:      {who} [{q.kind}, {q.cue or '-'}]: {_short(q.text, 90)}")
    if len(article.quotes) > 8:
        print(f"            +{len(article.quotes) - 8} more quotes (lagebild show {article.id[:8]} --json)")
    if article.times:
        print("times:      " + "; ".join(f"{t.text} = {t.value}" for t in article.times[:10])
              + _more(len(article.times), 10))  # fmt: skip
    print()
    print(f"{len(article.edits)} edits:")
    for e in article.edits:
        print(f"  @{e.start:<6} {e.kind:<8} {e.reason}: {_short(repr(e.before), 50)} → {_short(repr(e.after), 30)}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from .group import group_fields
    from .present.export import write_csv, write_jsonl, write_parquet

    if args.format == "parquet":
        if args.out is None and sys.stdout.isatty():
            print("lagebild: error: Parquet is binary: give --out FILE.parquet or redirect", file=sys.stderr)
            return 2
        with _open(args) as store:
            if args.out is None:
                write_parquet(store.iter_articles(), sys.stdout.buffer, group_fields(store))
            else:
                with open(args.out, "wb") as fh:  # (an error names the file: _run)
                    write_parquet(store.iter_articles(), fh, group_fields(store))
        return 0
    writer = write_jsonl if args.format == "jsonl" else write_csv
    with _open(args) as store:
        if args.out is None:
            writer(store.iter_articles(), sys.stdout, group_fields(store))
        else:
            with open(args.out, "w", encoding="utf-8", newline="") as fh:
                writer(store.iter_articles(), fh, group_fields(store))
    return 0


def _cmd_stats(args: argparse.Namespace) -> int:
    with _open(args) as store:
        stats = store.stats()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False))
        return 0
    print(f"{stats['articles']} articles from {stats['origins']} origins, {stats['edits']} cleaning edits")
    print(f"published: {stats['first'] or '—'} … {stats['last'] or '—'}")
    # the store counts the articles without a source under "?"
    by_source = stats["by_source"].items()  # type: ignore[union-attr]
    print("sources:   " + ", ".join(f"{'no source' if k == '?' else k} {v}" for k, v in by_source))
    print("languages: " + ", ".join(f"{k} {v}" for k, v in stats["by_language"].items()))  # type: ignore[union-attr]
    return 0


def _cmd_enrich(args: argparse.Namespace) -> int:
    from .pipeline import reenrich

    with _open(args) as store:
        # phases as for ingest: the models load before the first article is done
        bar = progress_bar(args, desc="enrich: loading models", unit=" articles", total=store.count())
        failed: list[tuple[str, str]] = []

        def progress(aid: str, outcome: str) -> None:
            if outcome.startswith("failed: "):
                failed.append((aid, outcome[8:]))
            if bar is not None:
                if bar.n == 0:
                    # drawn at once, as for ingest
                    bar.set_description("enrich: enriching + grouping")
                bar.update(1)
                if outcome.startswith("failed: "):
                    bar.set_postfix(failed=len(failed))

        n = reenrich(store, progress=progress)
    if bar is not None:
        bar.close()
    for aid, reason in failed:
        print(f"  failed: {aid}: {reason} (its earlier enrichment is kept)", file=sys.stderr)
    print(f"enriched {n} articles in {store.path}" + (f", {len(failed)} failed" if failed else ""))
    return 1 if failed else 0


def _cmd_eval(args: argparse.Namespace) -> int:
    import os

    for f in args.files:
        if not os.path.exists(f):
            print(f"lagebild: error: no such file or directory: {f}", file=sys.stderr)
            return 2
    if args.component == "ner":
        from .evaluate.ner import evaluate as ner_eval

        result: object = {
            f: ner_eval(f, limit=args.limit, gazetteer=args.with_gazetteer, lang=args.lang)
            for f in args.files
        }
    elif args.component == "timex":
        from .evaluate.timex import evaluate as timex_eval

        result = timex_eval(args.files, args.lang)
    else:
        from .evaluate.quotes import evaluate as quotes_eval
        from .evaluate.quotes import evaluate_jsonl

        result = {
            f: evaluate_jsonl(f) if f.endswith(".jsonl") else quotes_eval(f, limit=args.limit) for f in args.files
        }
    print(json.dumps(result, ensure_ascii=False, indent=1, default=str))
    return 0


# command name -> its parser (for the "did you mean" of unknown options)
_SUBPARSERS: dict[str, argparse.ArgumentParser] = {}

_COMMANDS = {
    "enrich": _cmd_enrich,
    "eval": _cmd_eval,
    "ingest": _cmd_ingest,
    "list": _cmd_list,
    "show": _cmd_show,
    "export": _cmd_export,
    "stats": _cmd_stats,
}

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
