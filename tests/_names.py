"""Helper of the names-guard tests: model spans written as (name, label) pairs."""

from __future__ import annotations

import re


def spans(text: str, *names: tuple[str, str]) -> list[tuple[int, int, str]]:
    """A span ``(start, end, label)`` at every place ``text`` writes one of ``names`` as a whole
    word (not inside a longer word or after a hyphen), in the order the names are given."""
    out = []
    for name, lab in names:
        for m in re.finditer(r"(?<![\w\-])" + re.escape(name) + r"(?![\w])", text):
            out.append((m.start(), m.end(), lab))
    return out
