"""English display names of the shipped gazetteer's entities (``name_en``).

The German interface shows an entity as it is stored; the English one shows the gazetteer's
English name where it has one (``Vereinte Nationen`` -> ``United Nations``, ``Spanien`` ->
``Spain``).  The names are read from ``lagebild/data/gazetteer.jsonl`` once, without building the
gazetteer's ruler, so that the store, the web pages and the briefings ask for them without
importing the enrichment (``lagebild.enrich.gazetteer`` re-exports both functions).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

__all__ = ["display_name", "english_name"]


@lru_cache(maxsize=1)
def _english_names() -> dict[str, str]:
    path = resources.files("lagebild") / "data" / "gazetteer.jsonl"
    out: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and (r := json.loads(line)).get("name_en"):
                out[r["id"]] = r["name_en"]
    return out


def english_name(entity_id: str) -> str | None:
    """The shipped gazetteer's English display name of an entity whose German name English news
    does not write (``name_en``: ``Spain`` for ``Spanien`` from Unicode CLDR, ``United Nations``
    for ``Vereinte Nationen``, ``Pope Francis``, ``Moscow``, a politician's Wikidata English
    label), None for any other."""
    return _english_names().get(entity_id)


def display_name(entity_id: str, name: str, lang: str) -> str:
    """The name an interface in ``lang`` shows for the entity stored as ``name``: in English its
    gazetteer English name where it has one (``European Union``), else ``name`` as stored."""
    return (english_name(entity_id) or name) if lang == "en" else name
