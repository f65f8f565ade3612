"""Metadata that file names carry: a publication date and a source.

Scrapers name their files ``nyt_2016-01-12_some-title.json`` or
``Merkel tritt zurück (2005-08-05).json``.  Such a date is used as the
publication date only when nothing else gave one (the record, a sidecar, the
title or the text): the lowest rank, ``published_from = "filename"``; a source
likewise.  The pattern is a regular expression with the named groups ``date``
(``YYYY-MM-DD``, ``YYYY_MM_DD``, ``YYYYMMDD``, or ``DD.MM.YYYY`` in a pattern of one's own) and ``source``; ``LAGEBILD_NAME_PATTERN``
(or ``lagebild ingest --name-pattern``) replaces :data:`DEFAULT_PATTERN`, and an
empty pattern turns the feature off.  Implausible dates (before 1600, after
tomorrow) are not used.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re

from ._meta import parse_date, plausible_date
from .model import Article

__all__ = [
    "DEFAULT_PATTERN", "ENV_PATTERN", "apply_name_meta", "compile_pattern", "meta_from_name", "source_from_name",
]  # fmt: skip

ENV_PATTERN = "LAGEBILD_NAME_PATTERN"
# a source is a leading word right before "_<date>" (nyt_2016-01-12_…); the date is the
# first ISO-like date anywhere in the name that no other digit touches
DEFAULT_PATTERN = (
    r"^(?:(?P<source>[A-Za-z][A-Za-z0-9.-]{0,30})_(?=\d{4}[-_]?\d{2}[-_]?\d{2}(?!\d)))?"
    r".*?(?<!\d)(?P<date>\d{4}-\d{2}-\d{2}|\d{4}_\d{2}_\d{2}|\d{8})(?!\d)"
)


@functools.lru_cache(maxsize=8)
def compile_pattern(pattern: str) -> re.Pattern[str] | None:
    """The compiled pattern (None for ""); ValueError names what is wrong with it."""
    if not pattern:
        return None
    try:
        rx = re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"not a regular expression ({exc})") from None
    if not {"date", "source"} & set(rx.groupindex):
        raise ValueError("needs a named group (?P<date>…) or (?P<source>…)")
    return rx


def _current_pattern() -> str:
    value = os.environ.get(ENV_PATTERN)
    return DEFAULT_PATTERN if value is None else value


def _base_name(origin: str) -> str:
    """``/in/nyt_2016-01-12_x.jsonl#L3`` -> ``nyt_2016-01-12_x`` (no folder, no extension)."""
    path = origin.split("#", 1)[0]
    name = os.path.basename(path)
    for ext in (".gz", ".meta.json"):
        if name.endswith(ext):
            name = name[: -len(ext)]
    return os.path.splitext(name)[0]


def _any_date(text: str) -> dt.date | None:
    """``2024-05-03``, ``2024_05_03``, ``20240503``, ``03.05.2024`` -> a date (plausible or not)."""
    text = text.strip()
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return parse_date(text.replace("_", "-"))


def _date(text: str) -> dt.date | None:
    """A plausible date written as :func:`_any_date` reads it, else None."""
    value = _any_date(text)
    return value if plausible_date(value) else None


def _fields(origin: str, pattern: str | None) -> tuple[str | None, str | None]:
    """The ``date`` text and the folded ``source`` that the file name of ``origin`` carries."""
    if not origin or origin.startswith("<"):  # <stdin>
        return None, None
    rx = compile_pattern(_current_pattern() if pattern is None else pattern)
    if rx is None:
        return None, None
    m = rx.search(_base_name(origin))
    if m is None:
        return None, None
    groups = m.groupdict()
    source = groups.get("source")
    source = source.strip().casefold() if source and source.strip() else None
    return groups.get("date") or None, source


def meta_from_name(origin: str, pattern: str | None = None) -> tuple[dt.date | None, str | None]:
    """(date, source) that the file name of ``origin`` carries; None for what it does not.

    Args:
        origin: a path or origin label (``file#L12`` for a JSONL line).
        pattern: the regular expression (default: ``$LAGEBILD_NAME_PATTERN`` or
            :data:`DEFAULT_PATTERN`).
    """
    text, source = _fields(origin, pattern)
    return (_date(text) if text else None), source


def source_from_name(origin: str, pattern: str | None = None) -> str | None:
    """The source the file name of ``origin`` carries (``nyt_2016-01-12_x.json`` -> ``nyt``).

    The cleaner ranks it after the article's own label and before a URL's host.
    """
    return _fields(origin, pattern)[1]


def apply_name_meta(article: Article, pattern: str | None = None) -> Article:
    """Fill a missing publication date and source from the article's file name.

    An implausible date in the name (``… (0001-01-01).json``) is not used; the article is
    flagged ``date-implausible:<date>`` as for an implausible date in the record.
    """
    # a source from a URL's host gives way to the one the file name carries
    from_url = article.hints.get("source_from") == "url"
    if article.published is not None and article.source and not from_url:
        return article
    if not article.origins:
        return article
    text, source = _fields(article.origins[0], pattern)
    if article.published is None and text:
        date = _any_date(text)
        if plausible_date(date):
            article.published, article.published_from = date, "filename"
            if "no-date" in article.flags:
                article.flags.remove("no-date")
        elif date is not None:
            flag = f"date-implausible:{date.isoformat()}"
            if flag not in article.flags:
                article.flags.append(flag)
    if source and (not article.source or from_url):
        article.source = source
        article.hints.pop("source_from", None)
    return article
