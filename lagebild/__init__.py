"""lagebild: turn a pile of raw news articles into a situation picture an analyst can trust.

Public API::

    from lagebild import Store, ingest, read, clean, Article
"""

from __future__ import annotations

__version__ = "0.1.0"

from . import _lexicons

_lexicons.install()  # simplemma's dictionaries from a decoded cache (before anything looks a word up)

from .clean import CleanOptions, clean
from .errors import InputError, LagebildError
from .ingest import ReadOptions, read
from .model import Article, Edit
from .pipeline import IngestReport, ingest
from .store import Store

__all__ = [
    "Article",
    "CleanOptions",
    "Edit",
    "IngestReport",
    "InputError",
    "LagebildError",
    "ReadOptions",
    "Store",
    "clean",
    "ingest",
    "read",
]
