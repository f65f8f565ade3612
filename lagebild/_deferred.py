"""Modules a dependency imports at its own import time but lagebild never calls, deferred.

``datasketch`` imports ``scipy.integrate`` for one function it only calls to tune LSH
parameters; ``spacy`` imports its whole command line for ``spacy.info``.  While such a
dependency is imported, :func:`stand_ins` puts small modules in their place whose listed
functions import the real module when first called; afterwards the names import as usual.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

__all__ = ["stand_ins"]


def _forward(module: str, name: str) -> Any:
    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = name
    return call


@contextmanager
def stand_ins(spec: Mapping[str, Sequence[str]]) -> Iterator[dict[str, types.ModuleType]]:
    """For each ``module -> function names`` of ``spec`` not imported yet: a stand-in module
    in ``sys.modules`` for the duration of the block (a package when another module of
    ``spec`` lies below it).  Yields the stand-ins made; they are taken out again after the
    block unless something replaced them."""
    made: dict[str, types.ModuleType] = {}
    for module, names in spec.items():
        if module in sys.modules:
            continue
        stand_in = types.ModuleType(module)
        if any(other.startswith(module + ".") for other in spec):
            stand_in.__path__ = []  # a package: its submodule is looked up below it
        for name in names:
            setattr(stand_in, name, _forward(module, name))
        made[module] = stand_in
    sys.modules.update(made)
    try:
        yield made
    finally:
        for module, stand_in in made.items():
            if sys.modules.get(module) is stand_in:
                del sys.modules[module]
