"""CLI commands of the grouping layer (stories, timeline, brief, plot).

``add_commands(command)`` gets the CLI's sub-command factory
``command(name, help, example) -> argparse.ArgumentParser`` (it adds ``--db``
and an ``Example:`` epilog) and returns ``{name: handler}``; a handler takes
the parsed ``argparse.Namespace`` and returns the exit code.  Documented in
``docs/cli-*.md``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

Handler = Callable[[argparse.Namespace], int]


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> dict[str, Handler]:
    return {}
