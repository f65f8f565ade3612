"""simplemma's dictionaries, decoded once per machine instead of once per process.

simplemma (2.x) ships each language's word list lzma-compressed and front-coded; every
process that looks up a word decodes the whole list in a Python loop: German (1.1 million
forms) ~2.4 CPU s, English ~0.4 -- the largest part of what a ``lagebild`` command spends
loading before its first article (``clean`` asks the German list, the names guard the
English one).  :func:`install` gives simplemma's shared dictionary factory (the one its
``lemmatize``/``is_known`` and ``DictionaryLookupStrategy()`` use) a loader that keeps the
decoded list in a cache file (``$XDG_CACHE_HOME/lagebild``, else ``~/.cache/lagebild``;
``LAGEBILD_CACHE_DIR`` overrides; one file per language, named after simplemma's version and
the shipped file's size and time) and builds the same ``dict`` from it in ~0.9 CPU s.  The
first process decodes as before and writes the file (~0.2 s more); a cache that cannot be
read or written is ignored.  The dictionary is the same, key for key and value for value,
so every lemma is the same.  Another simplemma (1.x, or a layout this module does not know)
is left alone.
"""

from __future__ import annotations

import functools
import logging
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["install", "cache_dir"]

log = logging.getLogger(__name__)

_SEP = b"\n"
_FORMAT = 1  # bump when the file layout changes
_MARK = "_lagebild_lexicons"  # set on the loader install() puts in place


def cache_dir() -> Path:
    """Where the decoded dictionaries are kept."""
    env = os.environ.get("LAGEBILD_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lagebild"


def install() -> bool:
    """Route simplemma's default dictionary loading through the cache (once per process;
    dictionaries loaded before stay as they are).  Returns whether the loader is in place."""
    try:
        from simplemma import __version__ as version
        from simplemma.strategies.dictionaries import dictionary_factory as df
        from simplemma.strategies.dictionaries import frontcode

        factory = df.DEFAULT_DICTIONARY_FACTORY
        current = factory._get_dictionary
        parts = (df.SUPPORTED_LANGUAGES, df.DATA_FOLDER, df._read_decompressed, df.MappingStrToByteString)
        decode = frontcode._decode_stream
    except (ImportError, AttributeError):
        return False
    if getattr(current, _MARK, False):
        return True
    if current.cache_info().currsize:  # something was loaded already: keep it
        return False
    supported, folder, read, wrap = parts

    def load(lang: str) -> Any:
        if lang not in supported:
            raise ValueError(f"Unsupported language: {lang}")
        return wrap(_load(lang, folder / f"{lang}.plzma", str(version), read, decode))

    cached = functools.lru_cache(maxsize=8)(load)
    setattr(cached, _MARK, True)
    try:
        factory._get_dictionary = cached
    except AttributeError:  # a factory without that slot
        return False
    return True


def _load(lang: str, source: Path, version: str, read: Any, decode: Any) -> dict[bytes, bytes]:
    """The decoded dictionary of ``lang``: from the cache file, else decoded (and cached)."""
    try:
        st = source.stat()
        path = cache_dir() / f"simplemma-{version}-{lang}-{st.st_size}-{st.st_mtime_ns}-v{_FORMAT}.bin"
    except OSError:
        return decode(read(lang))
    found = _read(path)
    if found is not None:
        return found
    data = decode(read(lang))
    _write(path, data)
    return data


def _read(path: Path) -> dict[bytes, bytes] | None:
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    try:
        count, keys, values = marshal.loads(blob)
        k, v = keys.split(_SEP), values.split(_SEP)
        if count and len(k) == len(v) == count:
            out = dict(zip(k, v))
            if len(out) == count:
                return out
    except (EOFError, ValueError, TypeError, AttributeError):
        pass
    log.debug("ignoring an unreadable dictionary cache %s", path)
    return None


def _write(path: Path, data: dict[bytes, bytes]) -> None:
    """Keep ``data`` for the next process (atomically; skipped when it cannot be written or a
    key or value holds the separator)."""
    if not data:
        return
    keys, values = _SEP.join(data), _SEP.join(data.values())
    if keys.count(_SEP) != len(data) - 1 or values.count(_SEP) != len(data) - 1:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                marshal.dump((len(data), keys, values), fh)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        log.debug("could not write the dictionary cache %s", path, exc_info=True)
