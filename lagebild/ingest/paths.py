"""From the paths a user names to the files to read: folders walked (hidden files,
sidecars, READMEs and a database's own files skipped), globs expanded, symbolic
links out of an input folder refused, origin labels that are always valid UTF-8."""

from __future__ import annotations

import glob
import itertools
import os
from collections.abc import Iterable, Iterator

from ..errors import InputError, RefusedInput
from .options import ReadOptions

SIDECAR_SUFFIX = ".meta.json"
_GLOB_CHARS = set("*?[")


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


def _outside(path: str) -> RefusedInput:
    return RefusedInput(
        origin_of(path),
        f"symbolic link to {origin_of(os.path.realpath(path))!r}, outside the input folder: not followed "
        "(use --follow-symlinks to read it)",
    )
