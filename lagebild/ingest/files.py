"""Reading one file: regular files only, bounded reads whatever the file system says
about sizes, a ``NAME.meta.json`` sidecar applied, standard input."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import InputError, MalformedInput, RefusedInput, TooLarge
from ..model import Article
from ._records import _loads, apply_given, read_jsonl
from .formats import read_bytes
from .options import _MB, ReadOptions
from .paths import SIDECAR_SUFFIX, _format_by_name, _inside, _outside, origin_of


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
