"""Read input files into :class:`~lagebild.model.Article` records.

``read(paths)`` walks files, directories (recursively), globs and ``-``
(standard input) and yields, item by item, either an Article or an
:class:`~lagebild.errors.InputError`.  One bad item never stops the batch,
and nothing is read whole that could be large: JSONL is streamed line by
line and every other file is checked against the size limit before reading.

Formats: raw-article text (as scraped/translated), JSON and JSONL records
(news-please and similar field names), HTML pages (trafilatura) and RSS/Atom
feeds.  A sidecar ``NAME.meta.json`` beside an input gives metadata that
wins over anything inferred.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from ..errors import InputError
from ..model import Article
from ._guard import guarded
from .files import _read_file, _read_stdin
from .formats import read_bytes
from .options import ReadOptions
from .paths import _expand, _file_keys, origin_of

__all__ = ["ReadOptions", "origin_of", "read", "read_bytes", "raw_sha256"]


def raw_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read(
    paths: Iterable[str], *, options: ReadOptions | None = None
) -> Iterator[Article | InputError]:
    """Yield an Article or an InputError for every item in ``paths``.

    Whatever goes wrong with one item -- a parser's internal limit, a file that
    vanishes, memory -- comes back as an InputError naming it; the next goes on.
    """
    options = options or ReadOptions()
    skip = _file_keys(options.exclude)
    for entry in _expand(paths, options):
        if isinstance(entry, InputError):
            yield entry
        elif entry == "-":
            yield from guarded(_read_stdin(options), "<stdin>")
        else:
            path, tree, walked = entry
            yield from guarded(_read_file(path, tree, walked, options, skip), origin_of(path))
