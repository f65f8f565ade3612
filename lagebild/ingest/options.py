"""Options of the readers."""

from __future__ import annotations

from dataclasses import dataclass

_MB = 1024 * 1024


@dataclass(slots=True, kw_only=True)
class ReadOptions:
    """Options of the readers.

    Attributes:
        max_bytes: largest single article file (or JSONL line) accepted; no read
            goes further, whatever the file system says about a file's size.
        follow_symlinks: read files that a symbolic link in an input folder leads to
            outside that folder (by default they are refused with an error).
        exclude: files never read (the store's own database, WAL and journal).
    """

    max_bytes: int = 10 * 1024 * 1024
    follow_symlinks: bool = False
    exclude: tuple[str, ...] = ()
