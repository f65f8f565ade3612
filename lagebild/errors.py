"""The exception tree of lagebild.

::

    LagebildError                 base of everything lagebild raises on purpose
    ├── InputError                one input item cannot be read (batch goes on)
    │   ├── EmptyInput            nothing but whitespace
    │   ├── BinaryInput           an image, PDF, archive or random bytes
    │   ├── EncodingError         undecodable or irreparably garbled text
    │   ├── TooLarge              over the size limit
    │   ├── MalformedInput        broken JSON, truncated data, feed that won't parse
    │   ├── NoArticle             readable, but holds no article text
    │   └── RefusedInput          not read on purpose: a FIFO, a device, a link
    │                             leading outside the input folder
    ├── StoreError                the database cannot be opened or is too new
    └── NotFound                  an id that is not in the store

Messages say what was wrong, what is allowed and how to fix it.
"""

from __future__ import annotations

__all__ = [
    "BinaryInput",
    "EmptyInput",
    "EncodingError",
    "InputError",
    "LagebildError",
    "ModelError",
    "MalformedInput",
    "NoArticle",
    "NotFound",
    "RefusedInput",
    "StoreError",
    "TooLarge",
]


class LagebildError(Exception):
    """Base class of all errors lagebild raises on purpose."""


class InputError(LagebildError):
    """One input item cannot be read; the rest of a batch continues."""

    def __init__(self, origin: str, reason: str) -> None:
        self.origin = origin
        self.reason = reason
        super().__init__(f"Cannot read {origin!r}: {reason}")

    def __reduce__(self):  # picklable across worker processes
        return (self.__class__, (self.origin, self.reason))


class EmptyInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class EncodingError(InputError):
    pass


class TooLarge(InputError):
    pass


class MalformedInput(InputError):
    pass


class NoArticle(InputError):
    pass


class RefusedInput(InputError):
    """Not read on purpose: not a regular file, or a link leading outside the input."""


class StoreError(LagebildError):
    pass


class NotFound(LagebildError):
    pass


class ModelError(LagebildError):
    """A shipped model is missing or its files are not the pinned ones."""
