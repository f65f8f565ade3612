"""Precision of the entities lagebild lists, on a hand-checked sample of real articles.

Sample: 15 articles drawn with ``random.Random(15)`` from the 1 028 DER STANDARD
articles of 10kGNAD (``../shared/data/10kGNAD/articles.csv``).  Each article is
enriched as lagebild does (German NER + ``resolve``), once with the names guard
(``lagebild.enrich.names``) and once without.  Every listed entity (name and type)
was judged by hand against the article: correct when it is a proper name of a
person, organisation, place or other named thing, whole (not cut at an initial,
no glued word), with a type that fits; a capitalised common noun, a fragment or a
wrong type is wrong.  The judgements are in ``bench/data/entity_precision.tsv``
(article number, entity name, type, 1/0); entities not judged yet are printed.

    .venv/bin/python bench/entity_precision.py            # precision before/after
    .venv/bin/python bench/entity_precision.py --list     # the entity lists, for judging
    .venv/bin/python bench/entity_precision.py --seed 16  # a fresh sample nobody wrote rules on

Judged samples in the tsv: seed 15 (the first rules were written on it), seeds 21 and 22 (the
development sample of the second round of rules), seed 23 (judged only after those rules were
frozen: the fresh figure of round 2), seeds 25 and 26 (added to 21/22 as the development sample
of the third round), seed 27 (judged once after the third round's rules were frozen: its fresh
figure), and 7 of the 15 articles of seed 16.  Fourth round: seeds 21, 22, 23, 25, 26 and 27 are
the development pool; seeds 31 and 32 were drawn before its rules were written and judged once,
after they were frozen at commit 98f7f36 (every entity listed with no guard, the round-3 guard or
the new one; docs/benchmarks.md "Fourth round").  An article row can belong to more than one seed
(rows 28 and 34 are in seeds 21/15 and 23, row 375 in 21 and 27); its judgements are shared.

    .venv/bin/python bench/entity_precision.py --seed 31   # fresh figure of round 4 (also 32)

Fifth round: seeds 31 and 32 joined the development pool; seeds 41 and 42 were drawn and listed
only after its rules were frozen at commit 77f007d and judged once (row 285 is also in 31/32).

    .venv/bin/python bench/entity_precision.py --seed 41   # fresh figure of round 5 (also 42)

Sixth round: seeds 41 and 42 joined the development pool (capitals as countries only as
actors, rule ``role_lead``); seeds 43 and 44 were drawn only after its rules were frozen and
judged once (docs/benchmarks.md "Sixth round").

Seventh round: seeds 43 and 44 joined the development pool; seeds 45 and 46 were drawn and
listed only after its rules were frozen at commit c8ef851 and judged once (rows 65, 141, 620
are also in earlier seeds; docs/benchmarks.md "seventh round of the guard").

    .venv/bin/python bench/entity_precision.py --seed 45   # fresh figure of round 7 (also 46)

Eighth round: the rules were written on the same dev pool (seeds 21-27, 31, 32, 41-44); seeds 47
and 48 were drawn and listed only after its rules were frozen at commit c3cca87 and judged once
(rows 1, 48, 209, 317, 527 are also in dev seeds, rows 57 and 646 in seed 24; docs/benchmarks.md
"eighth round of the guard").  bench/entity_guard_germeval.py measures what the guard costs in
recall on GermEval dev.

    .venv/bin/python bench/entity_precision.py --seed 47   # fresh figure of round 8 (also 48)

Ninth round: seeds 49 and 50 were drawn, listed with the round-8 guard and judged before its
rules were written (dev, with the old pool); seeds 51 and 52 were drawn and listed only after
its rules were frozen at commit 6c7f53c, with the round-8 and the round-9 guard, and the
entities either listed judged once, shuffled with no mark of the guard (docs/benchmarks.md
"ninth round of the guard").  bench/entity_guard_germeval.py is the recall check.

    .venv/bin/python bench/entity_precision.py --seed 51   # fresh figure of round 9 (also 52)

Each rule of the guard has a name in ``lagebild.enrich.names_rules.RULES``; setting that set to a
smaller one (as the round-4 measurement did) gives the precision without those rules
(``--off``: the guard of the commit before a round's rules, with the same NER spans).

Tenth round: seeds 51-54 joined the development pool (with 21-27, 31, 32, 41-44, 49, 50);
seeds 61 and 62 were drawn and listed before any round-10 rule was written, and their
entities were read and judged only after the rules were frozen: those either guard lists
that no one had judged, shuffled together with no mark of the guard (``--blind``)
(docs/benchmarks.md "tenth round of the guard"; rows 15, 61, 133, 351, 487, 675, 728 are
also in earlier seeds, 15 and 675 in the dev pool, 133 in both 61 and 62).

    .venv/bin/python bench/entity_precision.py --seed 61 --off ROUND10   # before (also 62)
    .venv/bin/python bench/entity_precision.py --seed 61                 # after
    .venv/bin/python bench/entity_precision.py --seed 61 --seed 62 --off ROUND10 --blind 6161

Eleventh round (``--ner``: the NER model whose spans the guard sees; several models are each
measured, and ``--blind`` shuffles the unjudged entities of all of them together): the dev pool
was listed and judged with ``--ner lstm`` too; seeds 63 and 64 were listed with both models
before any round-11 rule was written and judged once, blind to model and guard, after the rules
were frozen at 9c01dcb (docs/benchmarks.md "eleventh round"; 11 of their rows are in the dev
pool).

    .venv/bin/python bench/entity_precision.py --seed 63 --seed 64 --ner cnn --ner lstm --off ROUND11

Twelfth round (the lstm's confidence, ``names_confidence``; ``brand_product``): dev pool seeds
21-27, 31, 32, 41-44, 49-54, 63, 64 with ``--ner lstm``; seeds 65 and 66 were drawn and listed
before any round-12 rule was written and judged once, blind to listing and guard, after the rules
were frozen at b361ad8 (docs/benchmarks.md "twelfth round"; 6 of their rows are in the dev pool).

    .venv/bin/python bench/entity_precision.py --seed 65 --seed 66 --ner lstm --off ROUND12

Round 12b (``names_layout``: interview labels, capitals articles, dash pairs): written after 65 and
66 were read; seeds 67 and 68 were drawn before and judged once after the freeze at 5ae0099.

    .venv/bin/python bench/entity_precision.py --seed 67 --seed 68 --ner lstm --off ROUND12,ROUND12B

Thirteenth round (``names_sports``, ``names_genitive``, ships behind their noun, English place names
in German text; ``--off ROUND13``): dev pool seeds 21-27, 31, 32, 41-44, 49-54, 63-68 with
``--ner lstm``; seeds 69 and 70 were listed at f031e26 before any round-13 rule was written and
judged once, blind to the guard, after the freeze at 7e73905 (docs/benchmarks.md "thirteenth
round"; 9 of their rows are in the dev pool).

    .venv/bin/python bench/entity_precision.py --seed 69 --seed 70 --ner lstm --off ROUND13

Fourteenth round (``names_companies``: companies typed PER, one-word genitives, ``Dublin-Abkommen``,
team names, counted nouns; ``--off ROUND14``): dev pool seeds 21-23, 25-27, 31, 32, 41-44, 49-54,
63-70 with ``--ner lstm``; seeds 71 and 72 were listed at f7f0985 before any round-14 rule was
written and judged once, blind to the guard (``--blind 7172``), after the freeze at 0be745c
(docs/benchmarks.md "fourteenth round"; 9 of their rows are in the dev pool).

    .venv/bin/python bench/entity_precision.py --seed 71 --seed 72 --ner lstm --off ROUND14

Fifteenth round (English and all-caps actors; ``--off ROUND15``): German seeds 81 and 82 (dev) and
83 and 84 (held out, listed before any round-15 rule was written and judged once after the
freeze), and an English sample (``--lang en``): 5 articles of PolNeAR train
(``../shared/data/polnear/train/text``, read and cleaned as ``lagebild ingest`` does) drawn with
``random.Random(seed)``, NER by ``lagebild.enrich.ner_en``; row number = the article's index in
the sorted file list, judgements in ``bench/data/entity_precision_en.tsv``.  English seeds 1 and
2 are the dev sample, 3 and 4 held out (docs/benchmarks.md "Fifteenth round"); both held-out
samples were listed (``--blind``) and judged once after the rules were frozen at b0d4620.

    .venv/bin/python bench/entity_precision.py --lang en --seed 3 --seed 4 --off ROUND15

Sixteenth round (English types, ``lagebild.enrich.names_english_types``; ``--off ROUND16``): English
dev seeds 5 and 6 (drawn and judged before any rule; 1-4 joined the dev pool), held out 7 and 8
(listed with ``--blind 78`` and judged once after the freeze at eb4f2e0; docs/benchmarks.md
"Sixteenth round").

    .venv/bin/python bench/entity_precision.py --lang en --seed 7 --seed 8 --off ROUND16

Seventeenth round (English headlines, phrases and groups typed as persons, person cues, head
nouns, ``African Americans``; ``names_english_headlines``, ``_persons``, ``_heads``, ``_titles``,
``_places``; ``--off ROUND17``): English dev seeds 9-12 drawn, listed at 370cd50 and judged by
hand before any rule (a4efcb9; 1-8 joined the dev pool), held out 13 and 14 (drawn then, listed
with ``--blind 1314`` and judged once after the freeze at 0ee1525: 0.907 before and after, the
rules met none of its pairs; dev 9-12 0.865 -> 0.908; docs/benchmarks.md "Seventeenth round").
A name across a line break is listed with a backslash-n (one tsv row a judgement).

    .venv/bin/python bench/entity_precision.py --lang en --seed 13 --seed 14 --off ROUND17

Eighteenth round (English rooms, venues, speeches, committees, places inside persons' names,
``DES MOINES``, an initial's name across a line break; ``names_english_venues``, ``_places``;
``--off ROUND18``): dev seeds 1-14 (13 and 14, judged in round 17, joined the pool); held out
15 and 16 (rows 11 37 213 533 753 / 291 370 426 480 492, none in an earlier seed), drawn
before any round-18 rule was written and listed with ``--blind 1516`` only after the freeze
at e6b8f61, judged once: 0.908 (187/206) before, 0.917 (189/206) after; dev 1-14 0.918 -> 0.932
(docs/benchmarks.md "stop 34, task A2").

    .venv/bin/python bench/entity_precision.py --lang en --seed 15 --seed 16 --off ROUND18

Fresh samples, no rule written on them (stop 34, task A3): German seeds 85 and 86 and English
17 and 18, listed with the current code (default NER, full guard) and judged once: German
0.952 (354/372), English 0.895 (170/190) (docs/benchmarks.md "stop 34, task A3").

    .venv/bin/python bench/entity_precision.py --seed 85 --seed 86

Nineteenth round (English companies by suffix, products, ``Related:`` headlines, glued dates
and surnames; ``names_english_products``, ``--off ROUND19``): dev seeds 1-18 (17 and 18, judged
by task A3, joined the pool); held out 19 and 20 (rows 44 123 532 693 803 / 154 702 740 784
805), drawn before any round-19 rule was written and listed with ``--blind 1920`` only after the
freeze at 3404607, judged once: 0.822 (185/225) before, 0.829 (184/222) after; dev 1-18 0.927
-> 0.932 (docs/benchmarks.md "stop 34, task A4").

    .venv/bin/python bench/entity_precision.py --lang en --seed 19 --seed 20 --off ROUND19
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import load_gnad  # noqa: E402

JUDGED = Path(__file__).resolve().parent / "data" / "entity_precision.tsv"
JUDGED_EN = Path(__file__).resolve().parent / "data" / "entity_precision_en.tsv"
POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "train" / "text"
N_EN = 5  # English articles per seed (they are 3-4 times as long as 10kGNAD's)
_LANG = "de"  # set by --lang
# The rules of round 10 (``--off ROUND10``).
ROUND10 = ("country_code", "club_context", "lone_person_cue", "role_lead_more", "person_place_join")
# ... and of round 11 (``--off ROUND11``)
ROUND11 = (
    "url_cut", "glued_lead", "split_person_join", "person_cue_type", "club_suffix",
    "hyphen_role_head", "club_pairing", "model_code",
)
ROUND12 = ("low_confidence", "brand_product")
ROUND12B = ("interview_label", "caps_determiner", "dash_pair")
# ... and of round 13 (``--off ROUND13``)
ROUND13 = (
    "sports_town", "sports_opponent", "vessel_apposition",
    "genitive_name", "referee_lead", "venue_glue",
    "english_alias",
)
# ... and of round 14 (``--off ROUND14``)
ROUND14 = (
    "company_cue", "genitive_join", "place_compound", "genitive_y", "team_suffix", "counted_noun",
)
# ... and of round 15 (``--off ROUND15``)
ROUND15 = (
    "en_thing_person", "unit_after_number", "caps_outlet", "caps_dateline", "caps_fold",
    "caps_role_label", "lone_first_name",
)
# ... and after its freeze (``--off ROUND15B``): the gazetteer's person is not his kin
ROUND15B = ("gazetteer_kin",)
# ... and of round 16 (``--off ROUND16``): English types
ROUND16 = (
    "en_hashtag", "en_acronym_org", "en_company_cue", "en_mention_type", "en_common_word",
    "en_glued_split",
)
# ... and after its freeze (``--off ROUND16B``): laws typed MISC, "Rhode Island" no Iceland
ROUND16B = ("en_law", "en_place_inside")
# ... and of round 17 (``--off ROUND17``): English headlines, phrases as persons, groups
ROUND17 = (
    "en_american_group", "en_title_line", "en_caps_run", "en_dash_cut", "en_phrase_person",
    "en_lead_word", "en_group_noun", "en_name_head", "en_person_cue", "en_quoted_title",
    "en_bracket_source",
)
# ... and of round 18 (``--off ROUND18``): venues, committees, events, places in persons
ROUND18 = (
    "en_venue", "en_by_event", "en_committee", "en_word_person", "en_place_surname",
    "en_german_article", "initial_line",
)
# ... and of round 19 (``--off ROUND19``): companies, products, "Related:" lines, glued tails
ROUND19 = ("en_company_suffix", "en_product", "en_related_line", "en_glued_tail")


def sample(seed: int = 15) -> list[tuple[int, str]]:
    if _LANG == "en":
        return _sample_en(seed)
    rows = load_gnad()
    idx = sorted(random.Random(seed).sample(range(len(rows)), 15))
    return [(i, rows[i][1]) for i in idx]


def _sample_en(seed: int) -> list[tuple[int, str]]:
    """N_EN PolNeAR train articles, as ``lagebild ingest`` reads and cleans them."""
    from lagebild.clean import clean
    from lagebild.ingest import read

    if not POLNEAR.is_dir():
        raise SystemExit(f"benchmark data not found: {POLNEAR} (see ../shared/data/README.md)")
    files = sorted(POLNEAR.glob("*.txt"))
    out = []
    for i in sorted(random.Random(seed).sample(range(len(files)), N_EN)):
        art = clean(next(iter(read([str(files[i])]))))
        out.append((i, art.text))
    return out


_SPANS: dict[tuple[int, str], list] = {}


def listed(
    guard: bool, seed: int = 15, ner_mode: str | None = None
) -> dict[int, list[tuple[str, str]]]:
    """The (name, type) pairs lagebild lists for each article of *seed*'s sample, with the
    NER model *ner_mode* (None: ``$LAGEBILD_NER``, else the default), with or without the guard."""
    from lagebild.enrich import ner
    from lagebild.enrich.resolve import resolve

    arts = sample(seed)
    mode = "en" if _LANG == "en" else ner.selected_mode(ner_mode)
    todo = [t for i, t in arts if (i, mode) not in _SPANS]
    if _LANG == "en":
        from lagebild.enrich import ner_en

        found = iter(ner_en.recognize_many_detailed(todo))
    else:
        found = iter(ner.recognize_many_detailed(todo, mode=mode))
    for i, t in arts:
        if (i, mode) not in _SPANS:
            _SPANS[(i, mode)] = next(found)
    spans = [_SPANS[(i, mode)] for i, _ in arts]
    return {
        # a name across a line break is written with a backslash-n (one tsv row a judgement)
        i: sorted(
            {(e.name.replace("\n", "\\n"), e.type) for e in resolve(t, sp, names_guard=guard)}
        )
        for (i, t), sp in zip(arts, spans, strict=True)
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--list", action="store_true")
    ap.add_argument(
        "--seed",
        type=int,
        action="append",
        help="15, 21-23, 25-27, 31, 32, 41-44, 49-54: samples rules were written on; 45-48, "
        "51, 52 (round 9), 53, 54 (arbiter), 61, 62 (round 10), 63, 64 (round 11), 65-68 "
        "(round 12), 69, 70 (round 13), 71, 72 (round 14), 83, 84 (round 15; 81, 82 its dev): "
        "judged after (default 15); --lang en: 1, 2 dev, 3, 4 held out (round 15); 1-6 dev, "
        "7, 8 held out (round 16); 1-12 dev, 13, 14 held out (round 17); 1-14 dev, 15, 16 held "
        "out (round 18); 1-18 dev, 19, 20 held out (round 19)",
    )
    ap.add_argument(
        "--off",
        default="",
        help="rules of the guard to switch off, comma-separated (ROUND10, ROUND11, ROUND12, "
        "ROUND12B, ROUND13, ROUND14, ROUND15, ROUND15B, ROUND16, ROUND16B, ROUND17, ROUND18, "
        "ROUND19: the rules of round 10, 11, 12, 12b, 13, 14, 15, 15b, 16, 16b, 17, 18, 19)",
    )
    ap.add_argument(
        "--blind",
        type=int,
        help="print the unjudged entities of the guard with and without --off, shuffled "
        "with this seed and unmarked (for judging)",
    )
    ap.add_argument(
        "--ner",
        action="append",
        help="NER model(s) whose spans the guard sees: cnn, lstm, fast, ... (default: "
        "$LAGEBILD_NER, else lagebild's default); with several, --blind shuffles the "
        "entities of all of them together",
    )
    ap.add_argument(
        "--lang",
        choices=("de", "en"),
        default="de",
        help="de: 10kGNAD (15 articles a seed); en: PolNeAR train (5 a seed, "
        "judgements in entity_precision_en.tsv)",
    )
    args = ap.parse_args(argv)
    global _LANG
    _LANG = args.lang
    seeds = args.seed or [15]
    modes: list[str | None] = [m for arg in args.ner or [] for m in arg.split(",") if m] or [None]
    rounds = {
        "ROUND10": ROUND10, "ROUND11": ROUND11, "ROUND12": ROUND12, "ROUND12B": ROUND12B,
        "ROUND13": ROUND13, "ROUND14": ROUND14, "ROUND15": ROUND15, "ROUND15B": ROUND15B,
        "ROUND16": ROUND16, "ROUND16B": ROUND16B, "ROUND17": ROUND17, "ROUND18": ROUND18,
        "ROUND19": ROUND19,
    }  # fmt: skip
    off = {r for r in args.off.split(",") if r and r not in rounds}
    for name, rules in rounds.items():
        if name in args.off.split(","):
            off |= set(rules)
    if len(seeds) > 1 or len(modes) > 1 or args.blind is not None:
        return _blind(seeds, off, args.blind, modes)
    args.seed = seeds[0]
    if off:
        from lagebild.enrich import names_rules

        names_rules.RULES = names_rules.RULES - off
    judged = _judged()
    result = {}
    for guard in (False, True):
        ents = listed(guard, args.seed, modes[0])
        if args.list:
            for i, es in ents.items():
                for name, typ in es:
                    mark = judged.get((i, name, typ), "?")
                    print(f"{i}\t{name}\t{typ}\t{mark}\t{'after' if guard else 'before'}")
            continue
        n = sum(len(es) for es in ents.values())
        unjudged = [
            (i, nm, t) for i, es in ents.items() for nm, t in es if (i, nm, t) not in judged
        ]
        ok = sum(judged.get((i, nm, t), 0) for i, es in ents.items() for nm, t in es)
        done = {i: es for i, es in ents.items() if all((i, nm, t) in judged for nm, t in es)}
        n_done = sum(len(es) for es in done.values())
        ok_done = sum(judged[(i, nm, t)] for i, es in done.items() for nm, t in es)
        result["after" if guard else "before"] = {
            "entities": n,
            "correct": ok,
            "unjudged": len(unjudged),
            "precision": round(ok / n, 3) if n else None,
            # the articles whose every entity is judged (a partly judged sample)
            "judged_articles": len(done),
            "judged_precision": round(ok_done / n_done, 3) if n_done else None,
        }
    if not args.list:
        from lagebild.enrich import ner

        tag = "en" if _LANG == "en" else ner.selected_mode(modes[0])
        print(json.dumps({"ner": tag, **result}))
    return 0


def _judged() -> dict[tuple[int, str, str], int]:
    judged: dict[tuple[int, str, str], int] = {}
    path = JUDGED_EN if _LANG == "en" else JUDGED
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                i, name, typ, ok = line.split("\t")
                judged[(int(i), name, typ)] = int(ok)
    return judged


def _blind(
    seeds: list[int], off: set[str], shuffle: int | None, modes: list[str | None] | None = None
) -> int:
    """Several seeds at once: precision with and without the rules *off* (guard on), per NER
    model of *modes*, or, with *shuffle*, the entities any of those lists give that no one has
    judged, shuffled together, unmarked (no sign of the model or the rules that listed them)."""
    from lagebild.enrich import names_rules, ner

    judged = _judged()
    full = names_rules.RULES
    rows: dict[str, dict[int, list[tuple[str, str]]]] = {}
    for mode in modes or [None]:
        tag = "en" if _LANG == "en" else ner.selected_mode(mode)
        for variant, rules in (("without", full - off), ("with", full)):
            names_rules.RULES = rules
            merged: dict[int, list[tuple[str, str]]] = {}
            for seed in seeds:
                merged.update(listed(True, seed, mode))
            rows[f"{tag} {variant}" if len(modes or [None]) > 1 else variant] = merged
    names_rules.RULES = full
    if shuffle is not None:
        todo = sorted(
            {(i, nm, t) for es in rows.values() for i, ents in es.items() for nm, t in ents}
            - set(judged)
        )
        random.Random(shuffle).shuffle(todo)
        for i, nm, t in todo:
            print(f"{i}\t{nm}\t{t}")
        return 0
    result = {}
    for variant, es in rows.items():
        n = sum(len(v) for v in es.values())
        ok = sum(judged.get((i, nm, t), 0) for i, v in es.items() for nm, t in v)
        unj = sum((i, nm, t) not in judged for i, v in es.items() for nm, t in v)
        result[variant] = {
            "articles": len(es),
            "entities": n,
            "correct": ok,
            "unjudged": unj,
            "precision": round(ok / n, 3) if n else None,
        }
    tags = ["en"] if _LANG == "en" else [ner.selected_mode(m) for m in modes or [None]]
    print(json.dumps({"lang": _LANG, "seeds": seeds, "ner": tags, "off": sorted(off), **result}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
