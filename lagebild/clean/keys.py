"""An article's identity: a hash of its body normalised for what copies of one
article differ in (case, spacing, quote-mark and dash style)."""

from __future__ import annotations

import functools
import hashlib
import unicodedata


def article_id(text: str) -> str:
    """Identity of an article: the first 16 hex digits of :func:`content_key`."""
    return content_key(text)[:16]


def content_key(text: str) -> str:
    """A hash of the article body normalised for what copies of one article differ in.

    Case, spacing, quote-mark style and dash style are ignored; every other sign is
    kept, because it can change what the text says (``+0,5`` vs ``-0,5 Prozent``,
    ``5 €`` vs ``5 $``).  Version 2 of the identity: version 1 ignored all
    punctuation and symbols; articles stored under it keep their ids (the store
    matches them by this key, see ``store._schema`` migration 0007).
    """
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    norm = " ".join(text.casefold().translate(_sign_table()).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


# Quote marks of every style (the cleaner balances, doubles and drops them).
_QUOTES = "\"'`\u00b4\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2039\u203a\u00ab\u00bb\u2032\u2033"
_MINUS = "\u2212\ufe63\uff0d"


# One table for str.translate (runs in C: much faster than a regex over the whole
# text): spaces and controls -> space; quote marks -> space; dashes and minus signs
# -> " - "; every other sign -> itself between spaces (so spacing around it, which
# the cleaner repairs, does not matter).
@functools.cache
def _sign_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for i in range(0x10000):
        if 0xD800 <= i <= 0xDFFF:
            continue
        ch = chr(i)
        cat = unicodedata.category(ch)
        if ch in _QUOTES or cat in ("Pi", "Pf") or cat[0] in "CZ":
            table[i] = " "
        elif cat == "Pd" or ch in _MINUS:
            table[i] = " - "
        elif cat[0] in "PS":
            table[i] = f" {ch} "
    return table
