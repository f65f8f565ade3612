"""One input's bytes to Articles: the format forced or sniffed (raw-article text,
JSON, JSONL, HTML, RSS/Atom feeds)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import InputError
from ..model import Article
from ._decode import decode
from ._guard import guarded
from ._records import read_json_bytes, read_jsonl


def read_bytes(
    data: bytes, origin: str, *, fmt: str | None = None, max_bytes: int = 10 * 1024 * 1024
) -> Iterator[Article | InputError]:
    """Read one input's bytes; ``fmt`` forces a format, else it is sniffed.

    Never raises for bad input: every failure is yielded as an InputError.
    """
    yield from guarded(_read_bytes(data, origin, fmt, max_bytes), origin)


def _read_bytes(data: bytes, origin: str, fmt: str | None, max_bytes: int) -> Iterator[Article | InputError]:
    if fmt == "jsonl":
        import io

        yield from read_jsonl(io.BytesIO(data), origin, max_bytes=max_bytes)
        return
    try:
        text, encoding = decode(data, origin)
    except InputError as exc:
        yield exc
        return
    fmt = fmt or _sniff(text)
    try:
        if fmt == "json":
            yield from read_json_bytes(text, data, encoding, origin)
        elif fmt == "jsonl":  # sniffed: several JSON objects, one per line
            import io

            yield from read_jsonl(io.BytesIO(data), origin, max_bytes=max_bytes)
        elif fmt == "html":
            from ._markup import read_html

            yield read_html(text, data, encoding, origin)
        elif fmt == "feed":
            from ._markup import read_feed

            yield from read_feed(data, text, encoding, origin)
        else:
            yield Article(
                origins=[origin],
                format="text",
                raw=text,
                raw_bytes=data,
                encoding=encoding,
                base=text,
            )
    except InputError as exc:
        yield exc


def _is_object(line: str) -> bool:
    import json

    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


# A JSON array opens with a value: an object, array, string, number, true/false/null, or is empty.
_JSON_ARRAY_START = re.compile(r"\[\s*(?:[{\[\]\"\d-]|true|false|null)")


def _sniff(text: str) -> str:
    head = text[:2048].lstrip().casefold()
    if head.startswith("<"):
        if "<rss" in head or "<feed" in head or "<rdf:rdf" in head:
            return "feed"
        return "html"
    if head.startswith("[") and not _JSON_ARRAY_START.match(head):
        return "text"  # ``[Belgische Unruhen …]``: a bracketed heading of a plain text, not a JSON array
    if head.startswith("{") or head.startswith("["):
        first, _, rest = text.strip().partition("\n")
        first = first.strip()
        # several lines, the first a whole JSON object: JSON lines (a bad later line is then
        # that line's error, and the good ones are kept)
        if head.startswith("{") and first.endswith("}") and rest.strip() and _is_object(first):
            return "jsonl"
        return "json"
    return "text"
