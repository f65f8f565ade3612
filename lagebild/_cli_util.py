"""Helpers the CLI modules share: the database check, "did you mean", progress.

Terminal concerns only; the library never prints.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from .errors import StoreError

__all__ = [
    "NO_DB_COMMANDS",
    "check_db",
    "did_you_mean",
    "non_negative",
    "progress_bar",
    "suggest_in_message",
    "unknown_options",
    "want_progress",
]

# Commands that may run without an existing database: ingest and load create one, eval and spark need none.
NO_DB_COMMANDS = frozenset({"ingest", "eval", "spark", "load"})


def check_db(path: str, command: str) -> None:
    """Raise StoreError when ``command`` would read a database that does not exist.

    Only ``lagebild ingest`` creates a database; anything else on a missing file
    (a typo in ``--db``) would otherwise leave a new empty file behind.
    """
    if command in NO_DB_COMMANDS or os.path.exists(path):
        return
    db = "" if path == "lagebild.db" else f" --db {path}"
    raise StoreError(
        f"No database at {os.path.abspath(path)!r}. Create it with: lagebild ingest PATH{db}"
        " (or point --db / $LAGEBILD_DB at an existing one)."
    )


def non_negative(text: str) -> int:
    """An argparse type for counts such as ``--limit N``: a whole number, 0 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative: give 0 or more")
    return value


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The closest of ``choices`` to a mistyped ``word``, or None."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


_INVALID_CHOICE = re.compile(r"invalid choice: '([^']*)' \(choose from (.*)\)$")


def suggest_in_message(message: str) -> str:
    """argparse's "invalid choice" message with a "did you mean …?" added when one is close."""
    m = _INVALID_CHOICE.search(message)
    if not m:
        return message
    choices = re.findall(r"'([^']*)'", m.group(2))
    best = did_you_mean(m.group(1), choices)
    return f"{message} — did you mean {best!r}?" if best else message


def unknown_options(extra: Sequence[str], parser: argparse.ArgumentParser) -> str:
    """The "unrecognized arguments" message for ``extra``, each option with a suggestion."""
    known = [s for action in parser._actions for s in action.option_strings]  # noqa: SLF001
    parts = []
    for arg in extra:
        hint = None
        if arg.startswith("-"):
            hint = did_you_mean(arg.split("=", 1)[0], known)
        parts.append(f"{arg} (did you mean {hint}?)" if hint else arg)
    return "unrecognized arguments: " + " ".join(parts)


def want_progress(args: argparse.Namespace) -> bool:
    """Progress on standard error: on a terminal, or when asked with --progress; never with -q."""
    if getattr(args, "quiet", False):
        return False
    return bool(getattr(args, "progress", False)) or sys.stderr.isatty()


def progress_bar(args: argparse.Namespace, *, desc: str, unit: str, total: int | None = None) -> Any:
    """A tqdm bar on standard error, or None when no progress is wanted."""
    if not want_progress(args):
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, desc=desc, file=sys.stderr, leave=False, dynamic_ncols=True)


def count_inputs(paths: Sequence[str]) -> int | None:
    """How many files ``paths`` name (directories walked); None when it cannot be known.

    Used as the progress total: exact for one-article files, a lower bound for
    JSONL files and feeds (then the bar just runs past it). Standard input and
    more than 100 000 files give None (no total).
    """
    import glob

    n = 0
    for path in paths:
        if path == "-":
            return None
        if os.path.isdir(path):
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                n += sum(1 for f in filenames if _is_input(f))
                if n > 100_000:
                    return None
        elif any(ch in path for ch in "*?["):
            n += sum(1 for f in glob.glob(path, recursive=True) if os.path.isfile(f))
        else:
            n += 1
    return n


def _is_input(name: str) -> bool:
    """Roughly what ``lagebild ingest`` reads from a folder (no hidden files, sidecars, READMEs)."""
    stem = name.split(".", 1)[0].upper()
    return not name.startswith(".") and not name.endswith(".meta.json") and stem not in {
        "README", "LICENSE", "LICENCE", "COPYING", "NOTICE"
    }
