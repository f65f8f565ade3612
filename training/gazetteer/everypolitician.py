"""Extend the gazetteer with notable politicians from EveryPolitician's Wikidata tables.

Second build step, after ``build.py``::

    python training/gazetteer/everypolitician.py --ep <everypolitician-data checkout> \
        --gazetteer lagebild/data/gazetteer.jsonl --out lagebild/data/gazetteer.jsonl

Reads every ``data/<Country>/<House>/sources/morph/wikidata.csv`` of the checkout (the
Wikidata items of that legislature's members, past and present: QID, labels per language,
Wikipedia sitelinks) and adds each person with at least ``--min-sitelinks`` Wikipedia
articles (a notability proxy: heads of state and government, ministers, party leaders
have dozens) as a ``person`` entity: id and ``wikidata`` = the QID, name = the German
label (else the English one), aliases = the English label and the legislature's spelling,
``name_en`` = the English label where it differs from the name (the English display name).
A curated person of the same name and country without a QID gets the QID instead of a
duplicate.  A surname alone becomes an alias only when the person is very notable, no other
gazetteer entity has that last name or uses it as a name, and neither German nor English
knows it as a word (``Major``, ``Brown``, ``Kohl`` are words).

Deterministic: same inputs, same bytes.  Needs ``simplemma`` (a lagebild dependency).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

import simplemma

_SKIP = ("wikiquote", "wikinews", "wikisource", "wikivoyage", "commons", "species")
csv.field_size_limit(10**7)


def sitelinks(row: dict[str, str]) -> int:
    """How many Wikipedias have an article on the item."""
    return sum(
        1
        for k, v in row.items()
        if k and k.startswith("wikipedia__") and v and not any(s in k for s in _SKIP)
    )


def read_people(ep: Path) -> dict[str, dict]:
    """QID -> best row (most sitelinks) with its country directory, over every legislature."""
    out: dict[str, dict] = {}
    for path in sorted(ep.glob("data/*/*/sources/morph/wikidata.csv")):
        country = path.parts[-5].replace("_", " ")
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                qid = (row.get("id") or "").strip()
                if not qid.startswith("Q") or not qid[1:].isdigit():
                    continue
                n = sitelinks(row)
                if qid not in out or out[qid]["sitelinks"] < n:
                    out[qid] = {
                        "sitelinks": n,
                        "de": (row.get("name__de") or "").strip(),
                        "en": (row.get("name__en") or "").strip(),
                        "name": (row.get("name") or "").strip(),
                        "country": country,
                    }
    return out


# family name first: the last word is not the surname
_NAME_ORDER_EAST = {
    "China",
    "Taiwan",
    "North Korea",
    "South Korea",
    "Japan",
    "Vietnam",
    "Singapore",
    "Hungary",
    "Cambodia",
}


def _latin(text: str) -> bool:
    return all(not ch.isalpha() or ord(ch) < 0x250 or 0x1E00 <= ord(ch) < 0x1F00 for ch in text)


def _is_word(token: str) -> bool:
    low = token.lower()
    return simplemma.is_known(low, lang="en") or simplemma.is_known(low, lang="de")


def english_label(label: str, name: str) -> str | None:
    """The English display name (``name_en``) of a person named ``name``: its Wikidata English
    label where it differs (``Vladimir Zhirinovsky`` for ``Wladimir Schirinowski``), None for
    the same name, a non-Latin label or a peer's title (``George Robertson, Baron Robertson of
    Port Ellen``)."""
    en = label.replace("’", "'").strip()
    return en if en and en != name and _latin(en) and "," not in en else None


def extend(
    records: list[dict], people: dict[str, dict], min_sitelinks: int, surname_sitelinks: int
) -> dict[str, int]:
    """Add ``people`` to ``records`` in place; returns counts of what was done."""
    country_of: dict[str, str] = {}
    for r in records:
        if r.get("kind") in ("country", "territory", "region"):
            for n in [r["name"], *r.get("aliases", [])]:
                country_of.setdefault(n, r["id"])
    country_of.update(
        {"UK": country_of.get("UK", ""), "United States of America": country_of.get("USA", "")}
    )
    by_name: dict[str, dict] = {r["name"]: r for r in records}
    known_ids = {r["id"] for r in records}
    all_names = Counter(n for r in records for n in {r["name"], *r.get("aliases", [])})
    stats = Counter()
    new: list[dict] = []
    for qid in sorted(people, key=lambda q: int(q[1:])):
        p = people[qid]
        if p["sitelinks"] < min_sitelinks or qid in known_ids:
            stats["known or below threshold"] += 1
            continue
        name = (p["de"] or p["en"] or p["name"]).replace("’", "'")
        if not name or len(name.split()) < 2 or not _latin(name):
            stats["skipped: one-word or non-Latin name"] += 1
            continue
        country = country_of.get(p["country"]) or None
        old = by_name.get(name)
        if old is not None:
            if (
                old.get("kind") == "person"
                and not old.get("wikidata")
                and old.get("country") in (None, country)
            ):
                old["wikidata"] = qid
                old["id"] = qid
                stats["curated person got its QID"] += 1
            else:
                stats["skipped: name taken"] += 1
            continue
        aliases = [a.replace("’", "'") for a in dict.fromkeys([p["en"], p["name"]])
                   if a and a.replace("’", "'") != name and _latin(a)]  # fmt: skip
        rec = {"id": qid, "wikidata": qid, "name": name, "type": "PER", "kind": "person", "country": country,
               "aliases": aliases, "name_en": english_label(p["en"], name),
               "_sitelinks": p["sitelinks"], "_from": p["country"]}  # fmt: skip
        new.append(rec)
        by_name[name] = rec
        stats["added"] += 1
    # surname-only aliases: unambiguous in the whole gazetteer, very notable, not a word
    persons = [r for r in records + new if r.get("kind") == "person"]
    last = Counter(r["name"].split()[-1] for r in persons)
    for r in new:
        s = r["name"].split()[-1]
        if (r["_sitelinks"] >= surname_sitelinks and last[s] == 1 and len(r["name"].split()) == 2
                and r["_from"] not in _NAME_ORDER_EAST and all_names[s] == 0 and len(s) >= 4
                and s[:1].isupper() and not _is_word(s)):  # fmt: skip
            r["aliases"].append(s)
            stats["surname aliases"] += 1
    for r in new:
        del r["_sitelinks"], r["_from"]
    records.extend(new)
    return dict(stats)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--ep", type=Path, required=True, help="a checkout of everypolitician/everypolitician-data"
    )
    ap.add_argument(
        "--gazetteer",
        type=Path,
        default=Path("lagebild/data/gazetteer.jsonl"),
        help="build.py's output",
    )
    ap.add_argument("--out", type=Path, default=Path("lagebild/data/gazetteer.jsonl"))
    ap.add_argument("--min-sitelinks", type=int, default=20)
    ap.add_argument("--surname-sitelinks", type=int, default=40)
    args = ap.parse_args(argv)
    records = [
        json.loads(line)
        for line in args.gazetteer.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    if any(r.get("source") == "everypolitician" for r in records):
        raise SystemExit(f"{args.gazetteer} is extended already: run build.py first")
    people = read_people(args.ep)
    if not people:
        raise SystemExit(f"no data/*/*/sources/morph/wikidata.csv under {args.ep}")
    n_before = len(records)
    stats = extend(records, people, args.min_sitelinks, args.surname_sitelinks)
    for r in records[n_before:]:
        r["source"] = "everypolitician"
    with args.out.open("w", encoding="utf-8", newline="\n") as fh:
        for r in records:
            r = {k: v for k, v in r.items() if v not in (None, [], "")} | {
                "id": r["id"],
                "wikidata": r.get("wikidata"),
            }
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(
        f"{len(people)} Wikidata people read; {stats}; {len(records)} entities -> {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
