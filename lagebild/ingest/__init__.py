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

import glob
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..errors import InputError, MalformedInput, TooLarge
from ..model import Article
from ._decode import decode
from ._records import apply_given, read_json_bytes, read_jsonl

__all__ = ["ReadOptions", "read", "read_bytes", "raw_sha256"]

SIDECAR_SUFFIX = ".meta.json"
_GLOB_CHARS = set("*?[")
_MB = 1024 * 1024


@dataclass(slots=True, kw_only=True)
class ReadOptions:
    """Options of the readers.

    Attributes:
        max_bytes: largest single article file (or JSONL line) accepted.
    """

    max_bytes: int = 10 * 1024 * 1024


def raw_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read(
    paths: Iterable[str], *, options: ReadOptions | None = None
) -> Iterator[Article | InputError]:
    """Yield an Article or an InputError for every item in ``paths``."""
    options = options or ReadOptions()
    for path in _expand(paths):
        if isinstance(path, InputError):
            yield path
        elif path == "-":
            yield from _read_stdin(options)
        else:
            yield from _read_file(path, options)


def _expand(paths: Iterable[str]) -> Iterator[str | InputError]:
    for p in paths:
        if p == "-":
            yield p
        elif os.path.isdir(p):
            yield from _walk(p)
        elif os.path.exists(p):
            yield p
        elif _GLOB_CHARS & set(p):
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                yield InputError(p, "no file matches this pattern")
            for m in matches:
                if os.path.isdir(m):
                    yield from _walk(m)
                elif not m.endswith(SIDECAR_SUFFIX):
                    yield m
        else:
            yield InputError(p, "no such file or directory")


def _walk(top: str) -> Iterator[str]:
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name.endswith(SIDECAR_SUFFIX) or _is_doc(name):
                continue
            yield os.path.join(dirpath, name)


def _is_doc(name: str) -> bool:
    """README/LICENSE and the like beside articles in a folder are not articles."""
    return name.split(".", 1)[0].upper() in {"README", "LICENSE", "LICENCE", "NOTICE", "CHANGELOG", "SOURCE"}


def _format_by_name(path: str) -> str | None:
    ext = os.path.splitext(path)[1].casefold()
    return {
        ".json": "json",
        ".jsonl": "jsonl",
        ".ndjson": "jsonl",
        ".html": "html",
        ".htm": "html",
        ".xhtml": "html",
        ".rss": "feed",
        ".atom": "feed",
        ".xml": "feed",
    }.get(ext)


def _sidecar(path: str) -> tuple[dict[str, object] | None, InputError | None]:
    stem = os.path.splitext(path)[0]
    for cand in (path + SIDECAR_SUFFIX, stem + SIDECAR_SUFFIX):
        if os.path.isfile(cand):
            try:
                with open(cand, "rb") as fh:
                    data = json.loads(fh.read(1024 * 1024).decode("utf-8-sig"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                return None, MalformedInput(cand, f"sidecar is not valid JSON ({exc}); ignored")
            if not isinstance(data, dict):
                return None, MalformedInput(cand, "sidecar must hold a JSON object; ignored")
            return data, None
    return None, None


def _read_file(path: str, options: ReadOptions) -> Iterator[Article | InputError]:
    origin = os.path.abspath(path)
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        yield InputError(origin, f"cannot open: {exc.strerror}")
        return
    sidecar, sidecar_error = _sidecar(path)
    if sidecar_error:
        yield sidecar_error
    fmt = _format_by_name(path)
    try:
        if fmt == "jsonl":
            with open(path, "rb") as fh:
                for item in read_jsonl(fh, origin, max_bytes=options.max_bytes):
                    yield _with_sidecar(item, sidecar)
            return
        if size > options.max_bytes:
            yield TooLarge(
                origin,
                f"file too large: {size / _MB:.1f} MB (limit {options.max_bytes / _MB:.1f} MB "
                "for one article; split it, or use JSONL for many records)",
            )
            return
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        yield InputError(origin, f"cannot read: {exc.strerror or exc}")
        return
    for item in read_bytes(data, origin, fmt=fmt, max_bytes=options.max_bytes):
        yield _with_sidecar(item, sidecar)


def _with_sidecar(item: Article | InputError, sidecar: dict[str, object] | None):
    if sidecar and isinstance(item, Article):
        apply_given(item, sidecar, label="sidecar")
    return item


def _read_stdin(options: ReadOptions) -> Iterator[Article | InputError]:
    data = sys.stdin.buffer.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        yield TooLarge("<stdin>", f"input too large (limit {options.max_bytes / _MB:.1f} MB)")
        return
    yield from read_bytes(data, "<stdin>", fmt=None, max_bytes=options.max_bytes)


def read_bytes(
    data: bytes, origin: str, *, fmt: str | None = None, max_bytes: int = 10 * 1024 * 1024
) -> Iterator[Article | InputError]:
    """Read one input's bytes; ``fmt`` forces a format, else it is sniffed."""
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

            yield from read_feed(text, encoding, origin)
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


def _sniff(text: str) -> str:
    head = text[:2048].lstrip().casefold()
    if head.startswith("<"):
        if "<rss" in head or "<feed" in head or "<rdf:rdf" in head:
            return "feed"
        return "html"
    if head.startswith("{") or head.startswith("["):
        first = text.lstrip().split("\n", 1)[0].strip()
        if head.startswith("{") and first.endswith("}") and "\n{" in text.strip():
            return "jsonl"
        return "json"
    return "text"
