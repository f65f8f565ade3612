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
import itertools
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from ..errors import InputError, MalformedInput, RefusedInput, TooLarge
from ..model import Article
from ._decode import decode
from ._guard import guarded
from ._records import _loads, apply_given, read_json_bytes, read_jsonl

__all__ = ["ReadOptions", "origin_of", "read", "read_bytes", "raw_sha256"]

SIDECAR_SUFFIX = ".meta.json"
_GLOB_CHARS = set("*?[")
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


def origin_of(path: str) -> str:
    """The absolute path as an origin label that is always valid UTF-8.

    A file name that is not UTF-8 (``caf\\xe9.txt`` from a Windows archive) comes
    from the OS with surrogate escapes; its bytes are shown as ``\\xe9`` instead.
    """
    p = os.path.abspath(path)
    try:
        p.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(p).decode("utf-8", "backslashreplace")
    return p


def _file_keys(paths: Iterable[str]) -> set[tuple[int, int]]:
    keys = set()
    for p in paths:
        try:
            st = os.stat(p)
        except OSError:
            continue
        keys.add((st.st_dev, st.st_ino))
    return keys


_Entry = tuple[str, "str | None", bool]


def _expand(paths: Iterable[str], options: ReadOptions) -> Iterator[_Entry | str | InputError]:
    """``-``, or (path, tree, walked): ``tree`` is the real folder the file must stay
    in (None for a file named explicitly: what a user names is read); ``walked``
    says only the file's own name can be a link (``os.walk`` follows no links)."""
    for p in paths:
        if p == "-":
            yield p
        elif os.path.isdir(p):
            yield from _walk(p, os.path.realpath(p), options)
        elif os.path.lexists(p):
            yield p, None, False
        elif _GLOB_CHARS & set(p):
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                yield InputError(p, "no file matches this pattern")
            tree = os.path.realpath(_glob_base(p))
            for m in matches:
                if os.path.isdir(m):
                    if options.follow_symlinks or _inside(os.path.realpath(m), tree):
                        yield from _walk(m, tree, options)
                    else:
                        yield _outside(m)
                elif not m.endswith(SIDECAR_SUFFIX):
                    yield m, tree, False
        else:
            yield InputError(p, "no such file or directory")


def _glob_base(pattern: str) -> str:
    """The folder part of a pattern before its first wildcard."""
    parts = pattern.split(os.sep)
    fixed = list(itertools.takewhile(lambda s: not (_GLOB_CHARS & set(s)), parts))
    return os.sep.join(fixed) or ("/" if pattern.startswith(os.sep) else ".")


def _inside(real: str, tree: str) -> bool:
    return real == tree or real.startswith(tree.rstrip(os.sep) + os.sep)


def _walk(top: str, tree: str, options: ReadOptions) -> Iterator[_Entry | InputError]:
    failures: list[OSError] = []
    seen: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(top, onerror=failures.append, followlinks=options.follow_symlinks):
        yield from _folder_errors(failures)
        if options.follow_symlinks:  # a link back up must not loop forever
            real = os.path.realpath(dirpath)
            if real in seen:
                dirnames[:] = []
                continue
            seen.add(real)
        names = set(filenames)
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and not _is_sqlite_companion(d, names)
        )
        for name in sorted(filenames):
            if name.startswith(".") or name.endswith(SIDECAR_SUFFIX) or _is_doc(name) or _is_sqlite_companion(name, names):
                continue
            yield os.path.join(dirpath, name), tree, not options.follow_symlinks
    yield from _folder_errors(failures)


def _folder_errors(failures: list[OSError]) -> Iterator[InputError]:
    while failures:
        exc = failures.pop(0)
        where = origin_of(exc.filename) if isinstance(exc.filename, str) else "?"
        yield InputError(where, f"cannot read folder: {exc.strerror or exc}")


# (``-vectors``: the folder of lagebild's semantic search index beside its database)
_SQLITE_COMPANIONS = ("-wal", "-shm", "-journal", "-vectors")


def _is_sqlite_companion(name: str, names: set[str]) -> bool:
    """``x.db-wal``, ``x.db-shm``, ``x.db-journal``, ``x.db-vectors/`` beside ``x.db``:
    a database's own files."""
    return any(name.endswith(s) and name[: -len(s)] in names for s in _SQLITE_COMPANIONS)


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


_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


class _NotRegular(Exception):
    def __init__(self, mode: int) -> None:
        super().__init__(_KINDS.get(stat.S_IFMT(mode), "not a regular file"))


def _open_regular(path: str) -> tuple[BinaryIO, os.stat_result]:
    """Open a regular file for reading; anything else raises _NotRegular.

    ``O_NONBLOCK`` keeps a FIFO that replaced the file since ``stat`` from
    blocking the open; ``fstat`` on the open file decides.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _NotRegular(st.st_mode)
        return os.fdopen(fd, "rb"), st
    except BaseException:
        os.close(fd)
        raise


def _sidecar(path: str) -> tuple[dict[str, object] | None, InputError | None]:
    stem = os.path.splitext(path)[0]
    for cand in (path + SIDECAR_SUFFIX, stem + SIDECAR_SUFFIX):
        if os.path.isfile(cand):
            try:
                fh, _ = _open_regular(cand)
                with fh:
                    raw = fh.read(_SIDECAR_MAX + 1)
                if len(raw) > _SIDECAR_MAX:
                    return None, TooLarge(origin_of(cand), "sidecar larger than 1 MB; ignored")
                data = _loads(raw.decode("utf-8-sig"))
            except (OSError, _NotRegular, UnicodeDecodeError, ValueError, RecursionError) as exc:
                return None, MalformedInput(origin_of(cand), f"sidecar is not valid JSON ({_short(exc)}); ignored")
            if not isinstance(data, dict):
                return None, MalformedInput(origin_of(cand), "sidecar must hold a JSON object; ignored")
            return data, None
    return None, None


_SIDECAR_MAX = 1024 * 1024


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 200 else text[:199] + "…"


def _read_file(
    path: str, tree: str | None, walked: bool, options: ReadOptions, skip: set[tuple[int, int]]
) -> Iterator[Article | InputError]:
    origin = origin_of(path)
    if tree is not None and not options.follow_symlinks and (not walked or os.path.islink(path)):
        real = os.path.realpath(path)
        if not _inside(real, tree):
            yield _outside(path)
            return
    try:
        st = os.stat(path)
    except OSError as exc:
        yield InputError(origin, f"cannot open: {exc.strerror}")
        return
    if (st.st_dev, st.st_ino) in skip:
        return  # the store's own file
    if not stat.S_ISREG(st.st_mode):
        yield RefusedInput(origin, f"{_NotRegular(st.st_mode)}, not a regular file (only regular files are read)")
        return
    fmt = _format_by_name(path)
    if fmt != "jsonl" and st.st_size > options.max_bytes:
        yield _too_large(origin, st.st_size, options)
        return
    try:
        fh, st = _open_regular(path)
    except _NotRegular as exc:
        yield RefusedInput(origin, f"{exc}, not a regular file (only regular files are read)")
        return
    except OSError as exc:
        yield InputError(origin, f"cannot read: {exc.strerror or exc}")
        return
    sidecar, sidecar_error = _sidecar(path)
    if sidecar_error:
        yield sidecar_error
    with fh:
        if fmt == "jsonl":
            for item in read_jsonl(fh, origin, max_bytes=options.max_bytes):
                yield _with_sidecar(item, sidecar)
            return
        # bounded whatever stat said: /proc files and growing files lie about their size
        data = fh.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        yield _too_large(origin, None, options)
        return
    for item in read_bytes(data, origin, fmt=fmt, max_bytes=options.max_bytes):
        yield _with_sidecar(item, sidecar)


def _outside(path: str) -> RefusedInput:
    return RefusedInput(
        origin_of(path),
        f"symbolic link to {origin_of(os.path.realpath(path))!r}, outside the input folder: not followed "
        "(use --follow-symlinks to read it)",
    )


def _too_large(origin: str, size: int | None, options: ReadOptions) -> TooLarge:
    what = f"{size / _MB:.1f} MB" if size is not None else f"more than {options.max_bytes / _MB:.1f} MB"
    return TooLarge(
        origin,
        f"file too large: {what} (limit {options.max_bytes / _MB:.1f} MB "
        "for one article; split it, or use JSONL for many records)",
    )


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
