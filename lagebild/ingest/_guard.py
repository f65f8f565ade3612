"""Any failure while reading one item becomes a named InputError for that item.

Parsers have limits of their own (recursion depth, digits of an integer,
memory); a reader that hits one must cost only its item, never the batch.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import TypeVar

from ..errors import EncodingError, InputError, MalformedInput, TooLarge

__all__ = ["failure", "guarded"]

log = logging.getLogger(__name__)

T = TypeVar("T")


def failure(origin: str, exc: BaseException) -> InputError:
    """The InputError that names ``origin`` and says what ``exc`` means for it."""
    if isinstance(exc, InputError):
        return exc
    if isinstance(exc, RecursionError):
        return MalformedInput(origin, "nested too deeply (the parser's depth limit was reached)")
    if isinstance(exc, MemoryError):
        return TooLarge(origin, "too large: reading it ran out of memory (lower --max-mb or split it)")
    if isinstance(exc, UnicodeError):
        return EncodingError(origin, f"undecodable or unencodable text ({_short(exc)})")
    if isinstance(exc, ValueError) and "digits" in str(exc):
        return MalformedInput(origin, "a number with too many digits (more than 4300)")
    if isinstance(exc, OSError):
        return InputError(origin, f"cannot read: {exc.strerror or _short(exc)}")
    log.warning("internal error reading %s", origin, exc_info=True)
    return InputError(origin, f"internal error while reading ({type(exc).__name__}: {_short(exc)})")


def guarded(items: Iterator[T], origin: str) -> Iterator[T | InputError]:
    """``items``, but an exception ends them with one InputError for ``origin``."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 -- any reader failure is this item's, not the batch's
        yield failure(origin, exc)


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 200 else text[:199] + "…"
