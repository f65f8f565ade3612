"""Build ``lagebild/data/gazetteer.jsonl`` from public sources plus curated tables.

Usage (from the repository root, in an environment with ``babel`` and ``pycountry``)::

    python training/gazetteer/build.py \
        --countries /path/to/someimportantcompany-data-sets/packages/countries/data.json \
        --out lagebild/data/gazetteer.jsonl

Sources (see README.md in this folder for licences and commits):
    * country list with Wikidata QIDs, ISO codes and capital names:
      someimportantcompany/data-sets ``packages/countries/data.json`` (MIT; itself a
      Wikidata SPARQL export, CC0)
    * German and English country names: Unicode CLDR via ``babel`` (Unicode licence)
    * German/English official names: Debian iso-codes via ``pycountry`` (LGPL-2.1)
    * everything else: ``curated.py`` (hand-written for lagebild)

The output is deterministic: same inputs, same bytes.
"""

from __future__ import annotations

import argparse
import gettext
import json
import re
import sys
import unicodedata
from pathlib import Path

import pycountry
from babel import Locale

sys.path.insert(0, str(Path(__file__).resolve().parent))
import curated  # noqa: E402

DE = Locale("de")
EN = Locale("en")
_DE_ISO = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])

_PREFIX_RE = re.compile(r"^(Nord|Süd|Ost|West|Zentral|Mittel)([a-zäöü]{3,})$")


def slug(name: str) -> str:
    """Transliteration-normalised slug: 'Kim Jong-un' and 'Kim Jong Un' -> 'kim-jong-un'."""
    s = name.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        s = s.replace(a, b)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


def lb_id(type_: str, name: str) -> str:
    return f"lb:{type_.lower()}:{slug(name)}"


def uninvert(name: str) -> str | None:
    """'Korea, Republik' -> 'Republik Korea'; None when not of that form."""
    if name.count(",") != 1:
        return None
    a, b = (p.strip() for p in name.split(","))
    if not a or not b or "(" in b:
        return None
    return f"{b} {a}"


def clean_aliases(name: str, aliases: list[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for a in [name, *aliases]:
        if not a:
            continue
        a = a.replace("’", "'").strip()
        variants = [a]
        m = _PREFIX_RE.match(a)
        if m:  # MT damage: "Nord Korea" for "Nordkorea"
            variants.append(f"{m.group(1)} {m.group(2).capitalize()}")
        for v in variants:
            if v in curated.STOP_ALIASES or v in seen:
                continue
            if "," in v or "(" in v:
                continue
            seen.add(v)
            out.append(v)
    return [a for a in out if a != name]


def demonym_forms(words: list[str]) -> list[str]:
    """'Russe' -> Russe, Russen, Russin, Russinnen; 'Japaner' -> ..., Japanern, Japanerin."""
    out: list[str] = []
    for w in words:
        forms = [w]
        if w.endswith("er"):
            forms += [w + "n", w + "in", w + "innen"]
        elif w.endswith("e"):
            forms += [w + "n", w[:-1] + "in", w[:-1] + "innen"]
        elif w.endswith("i"):
            forms += [w + "s"]
        elif not w.endswith("n"):
            forms += [w + "en", w + "in", w + "innen"]
        for f in forms:
            if f not in out:
                out.append(f)
    return out


def country_names(iso2: str) -> tuple[str, list[str]]:
    """German canonical name and aliases (German + English) for an ISO 3166 code."""
    de_name = DE.territories.get(iso2)
    names: list[str] = []
    if iso2 in curated.TERRITORIES:
        de_t, en_t = curated.TERRITORIES[iso2]
        de_name = de_name if de_name and "Sonderverwaltungsregion" not in de_name else de_t
        names += [de_t, en_t]
    c = pycountry.countries.get(alpha_2=iso2)
    if c is not None:
        for attr in ("name", "official_name", "common_name"):
            v = getattr(c, attr, None)
            if not v:
                continue
            names.append(v)
            names.append(_DE_ISO.gettext(v))
            for x in (v, _DE_ISO.gettext(v)):
                u = uninvert(x)
                if u:
                    names.append(u)
    en = EN.territories.get(iso2)
    if en:
        names.append(en)
    names += curated.COUNTRY_EXTRA.get(iso2, [])
    if not de_name:
        de_name = names[0]
    # drop "Taiwan, Chinesische Provinz"-like politically loaded ISO forms
    names = [n for n in names if "Provinz" not in n and "Province" not in n]
    return de_name, names


def english_of(name: str, english: str | None = None) -> str | None:
    """The English display name (``name_en``) of an entity with the German name ``name``:
    ``english`` (a capital's English name from the country source), else the hand-typed
    :data:`curated.ENGLISH`; None where it is the German name or an ambiguous form."""
    en = english or curated.ENGLISH.get(name)
    return en if en and en != name and en not in curated.STOP_ALIASES else None


def build(countries_path: Path) -> list[dict]:
    src = json.loads(countries_path.read_text(encoding="utf-8"))
    by_iso: dict[str, dict] = {row["iso2"]: row for row in src}
    for iso2, qid in curated.COUNTRY_QID_EXTRA.items():
        if iso2 not in by_iso:
            c = pycountry.countries.get(alpha_2=iso2)
            by_iso[iso2] = {
                "id": qid,
                "iso2": iso2,
                "iso3": c.alpha_3 if c else None,
                "capitalCity": "",
            }
    records: list[dict] = []
    country_id: dict[str, str] = {}
    for iso2 in sorted(by_iso):
        row = by_iso[iso2]
        name, aliases = country_names(iso2)
        qid = row["id"]
        country_id[iso2] = qid
        rec = {
            "id": qid,
            "wikidata": qid,
            "name": name,
            "type": "LOC",
            "kind": "country" if iso2 not in curated.TERRITORIES else "territory",
            "iso2": iso2,
            "iso3": row.get("iso3"),
            "aliases": clean_aliases(name, aliases),
            "adjectives": list(curated.ADJ_DE.get(iso2, [])) + list(curated.ADJ_EN.get(iso2, [])),
            "demonyms": demonym_forms(curated.DEMONYMS_DE.get(iso2, [])),
        }
        records.append(rec)
    # capitals
    for iso2 in sorted(by_iso):
        row = by_iso[iso2]
        if iso2 in curated.CAPITALS:
            de_name, extra, qid = curated.CAPITALS[iso2]
            en_name = row.get("capitalCity") or ""
            aliases = [en_name, *extra]
        else:
            de_name = row.get("capitalCity") or ""
            qid, aliases = None, []
        if (
            not de_name
            or de_name in curated.STOP_ALIASES
            or de_name in curated.CAPITAL_SKIP
            or (row.get("capitalCity") or "") in curated.CAPITAL_SKIP
        ):
            continue
        rec = {
            "id": qid or lb_id("LOC", de_name),
            "wikidata": qid,
            "name": de_name,
            "type": "LOC",
            "kind": "capital",
            "capital_of": country_id[iso2],
            "aliases": clean_aliases(de_name, aliases),
            "adjectives": list(curated.CAPITAL_ADJ.get(iso2, [])),
            "name_en": english_of(de_name, row.get("capitalCity")),
        }
        records.append(rec)
    for qid, name, aliases, adjectives in curated.REGIONS:
        records.append(
            {
                "id": qid or lb_id("LOC", name),
                "wikidata": qid,
                "name": name,
                "type": "LOC",
                "kind": "region",
                "aliases": clean_aliases(name, aliases),
                "adjectives": list(adjectives),
                "name_en": english_of(name),
            }
        )
    for qid, name, aliases, iso2, adjectives in curated.CITIES:
        records.append(
            {
                "id": qid or lb_id("LOC", name),
                "wikidata": qid,
                "name": name,
                "type": "LOC",
                "kind": "city",
                "country": country_id.get(iso2),
                "aliases": clean_aliases(name, aliases),
                "adjectives": list(adjectives),
                "name_en": english_of(name),
            }
        )
    for qid, name, aliases in curated.ORGS:
        records.append(
            {
                "id": qid or lb_id("ORG", name),
                "wikidata": qid,
                "name": name,
                "type": "ORG",
                "kind": "org",
                "aliases": clean_aliases(name, aliases),
                "name_en": english_of(name),
            }
        )
    for qid, name, aliases, role, iso2 in curated.PERSONS:
        records.append(
            {
                "id": qid or lb_id("PER", name),
                "wikidata": qid,
                "name": name,
                "type": "PER",
                "kind": "person",
                "role": role,
                "country": country_id.get(iso2),
                "aliases": clean_aliases(name, aliases),
                "name_en": english_of(name),
            }
        )
    ids = [r["id"] for r in records]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise SystemExit(f"duplicate ids: {sorted(dup)}")
    unknown = set(curated.ENGLISH) - {r["name"] for r in records}
    if unknown:
        raise SystemExit(f"English names of no entity: {sorted(unknown)}")
    return records


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--countries",
        type=Path,
        required=True,
        help="packages/countries/data.json of someimportantcompany/data-sets",
    )
    ap.add_argument("--out", type=Path, default=Path("lagebild/data/gazetteer.jsonl"))
    args = ap.parse_args(argv)
    records = build(args.countries)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="\n") as fh:
        for r in records:
            r = {k: v for k, v in r.items() if v not in (None, [], "")} | {
                "id": r["id"],
                "wikidata": r.get("wikidata"),
            }
            fh.write(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n")
    kinds: dict[str, int] = {}
    for r in records:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    n_alias = sum(len(r.get("aliases", [])) + 1 for r in records)
    n_qid = sum(1 for r in records if r.get("wikidata"))
    print(
        f"wrote {len(records)} entities ({kinds}), {n_alias} names, {n_qid} with QID -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
