"""Third step of the gazetteer build: an English display name (``name_en``) per country and
territory, so that an English storyline names Spain ``Spain`` where none of the store's English
articles writes the country's name (only ``Spanish``), instead of the gazetteer's German ``Spanien``.

Usage (from the repository root; babel comes with lagebild's dependencies through trafilatura's
``courlan``, and is only used here, at build time)::

    .venv/bin/python training/gazetteer/english_names.py lagebild/data/gazetteer.jsonl

The names are Unicode CLDR's English territory names (through ``babel``; Unicode License v3),
with ``&`` written ``and`` and CLDR's disambiguating forms (``Congo - Kinshasa``, ``Hong Kong SAR
China``, ``Myanmar (Burma)``) replaced by the names English news writes (:data:`OVERRIDES`).
Rewrites the file in place, every other field and the line order unchanged; running it twice
gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from babel import Locale

# CLDR's names that English news does not write as they are (by ISO 3166-1 alpha-2 code)
OVERRIDES = {
    "CD": "DR Congo",
    "CG": "Republic of the Congo",
    "HK": "Hong Kong",
    "MO": "Macau",
    "MM": "Myanmar",
    "PS": "Palestine",
    "KN": "Saint Kitts and Nevis",
    "VC": "Saint Vincent and the Grenadines",
    "LC": "Saint Lucia",
}
KINDS = ("country", "territory")


def english_name(iso2: str, territories: dict[str, str]) -> str | None:
    """The English display name of the territory ``iso2`` (None: CLDR has none)."""
    if iso2 in OVERRIDES:
        return OVERRIDES[iso2]
    name = territories.get(iso2)
    return name.replace(" & ", " and ") if name else None


def add_names(lines: list[str]) -> list[str]:
    territories = dict(Locale("en").territories)
    out = []
    for line in lines:
        if not line.strip():
            out.append(line)
            continue
        rec = json.loads(line)
        iso2 = rec.get("iso2")
        if rec.get("kind") in KINDS and iso2:
            name = english_name(iso2, territories)
            if name and name != rec["name"]:
                rec["name_en"] = name
            else:
                rec.pop("name_en", None)
        out.append(json.dumps(rec, ensure_ascii=False))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gazetteer", type=Path)
    args = ap.parse_args()
    lines = args.gazetteer.read_text(encoding="utf-8").splitlines()
    new = add_names(lines)
    args.gazetteer.write_text("\n".join(new) + "\n", encoding="utf-8")
    print(f"{sum('name_en' in x for x in new)} English names in {len(new)} records")


if __name__ == "__main__":
    main()
