"""Quote speakers on unseen German news, judged by hand (issue 11 §2): a 10kGNAD sample.

Sample: 60 of the 1 028 DER STANDARD articles of 10kGNAD (``../shared/data/10kGNAD/
articles.csv``, CC BY-NC-SA; never committed), drawn with ``random.Random(3301)`` and split
before anything was read: the first 30 drawn are the development part (``dev``: read, judged,
rules written on it), the other 30 the held-out part (``test``: listed before any rule was
written, read and judged once at the end).  Each article goes through the shipped pipeline
(``lagebild.pipeline.process``: clean, enrich with the default NER, ``find_quotes`` at the
shipped ``SPEAKER_THRESHOLD``).  Every quote it keeps is listed: with the speaker it shows, or
none.

Judgements (``bench/data/quotes_10kgnad.tsv``; offsets into the cleaned text, no quote text):

    row  start  end  speaker  judgement

``speaker`` is the shown speaker text (empty when the quote has none).  ``judgement``:
``right`` / ``wrong`` (the shown speaker is not who said it), ``noquote`` (not a quote or
report at all), ``none`` (a quote kept without a speaker), ``missed`` (an obvious quote or
report lagebild did not find; ``speaker`` then names who said it).  A listed quote's key is
(row, start, end, speaker): when a change moves a span or a speaker, it is unjudged again.

Listings (``--save``) keep what a commit showed, so that the held-out part can be scored for an
older commit without checking it out: ``bench/data/quotes_10kgnad_test_<name>.tsv``.

    .venv/bin/python bench/quotes_news_sample.py list dev            # to judge (text + quotes)
    .venv/bin/python bench/quotes_news_sample.py score dev           # shown precision, share
    .venv/bin/python bench/quotes_news_sample.py list test --save before   # listing only, no text
    .venv/bin/python bench/quotes_news_sample.py blind test before after   # unjudged, shuffled
    .venv/bin/python bench/quotes_news_sample.py score test --listing before

Second round (``--round 2``, stop 33 task G): 40 more articles drawn with
``random.Random(3302)`` from the rows seed 3301 left, 20 dev / 20 held-out, split before
reading; judgements in ``bench/data/quotes_10kgnad_r2.tsv``, listings
``quotes_10kgnad_r2_{dev,test}_<name>.tsv``.

Third round (``--round 3``, stop 34 task C): 40 more articles drawn with
``random.Random(3303)`` from the rows neither earlier round drew, 20 dev / 20 held-out, split
before reading; judgements in ``bench/data/quotes_10kgnad_r3.tsv``, listings
``quotes_10kgnad_r3_{dev,test}_<name>.tsv``.

Fourth round (``--round 4``, stop 34 task C2): 40 more articles drawn with
``random.Random(3304)`` from the rows no earlier round drew, 20 dev / 20 held-out, split before
reading; judgements in ``bench/data/quotes_10kgnad_r4.tsv``, listings
``quotes_10kgnad_r4_{dev,test}_<name>.tsv``.

Fifth round (``--round 5``, stop 34 task C4): 40 more articles drawn with
``random.Random(3305)`` from the rows no earlier round drew, 20 dev / 20 held-out, split before
reading; judgements in ``bench/data/quotes_10kgnad_r5.tsv``, listings
``quotes_10kgnad_r5_{dev,test}_<name>.tsv``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import load_gnad  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
SEED = 3301
# the second round (stop 33, task G): 40 new articles drawn with seed 3302 from the rows the
# first sample left, 20 dev / 20 held-out, split before reading; files carry ``_r2``
SEED2 = 3302
# the third round (stop 34, task C): 40 more from the rows neither earlier round drew
SEED3 = 3303
# the fourth round (stop 34, task C2): 40 more from the rows no earlier round drew
SEED4 = 3304
# the fifth round (stop 34, task C4): 40 more from the rows no earlier round drew
SEED5 = 3305
ROUND = 1
JUDGEMENTS = ("right", "wrong", "noquote", "none", "missed")


def sample(part: str) -> list[int]:
    """Article rows of *part* (dev: the first 30 drawn, test: the other 30), sorted.  Round 2:
    40 rows none of round 1's 60, the first 20 drawn dev, the other 20 test."""
    drawn = random.Random(SEED).sample(range(len(load_gnad())), 60)
    if ROUND in (2, 3, 4, 5):
        left = sorted(set(range(len(load_gnad()))) - set(drawn))
        drawn2 = random.Random(SEED2).sample(left, 40)
        if ROUND >= 3:
            drawn3 = random.Random(SEED3).sample(sorted(set(left) - set(drawn2)), 40)
            if ROUND >= 4:
                left4 = sorted(set(left) - set(drawn2) - set(drawn3))
                drawn4 = random.Random(SEED4).sample(left4, 40)
                drawn3 = drawn4
                if ROUND == 5:
                    left5 = sorted(set(left4) - set(drawn4))
                    drawn3 = random.Random(SEED5).sample(left5, 40)
            drawn2 = drawn3
        return sorted(drawn2[:20] if part == "dev" else drawn2[20:])
    return sorted(drawn[:30] if part == "dev" else drawn[30:])


def _tag() -> str:
    return f"_r{ROUND}" if ROUND > 1 else ""


def enriched(rows: list[int]) -> dict[int, tuple[str, list[dict]]]:
    """Each row's cleaned text and its quotes as the shipped pipeline keeps them."""
    from lagebild.model import Article
    from lagebild.pipeline import process

    texts = load_gnad()
    out = {}
    for i in rows:
        t = texts[i][1]
        a = process(Article(id=f"gnad-{i}", raw=t, base=t, format="text"))
        names = {e.id: e.name for e in a.entities}
        out[i] = (a.text, [
            {
                "start": q.start, "end": q.end, "kind": q.kind, "speaker": q.speaker_text or "",
                "confidence": round(q.confidence, 2), "evidence": q.evidence,
                "entity": names.get(q.speaker_entity or "", ""),
            }
            for q in a.quotes
        ])
    return out


def _judged() -> dict[tuple[int, int, int, str], str]:
    out: dict[tuple[int, int, int, str], str] = {}
    judged = DATA / f"quotes_10kgnad{_tag()}.tsv"
    if judged.exists():
        for line in judged.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                row, start, end, speaker, mark = line.split("\t")[:5]
                out[(int(row), int(start), int(end), speaker)] = mark
    return out


def _listing_path(name: str) -> Path:
    return DATA / f"quotes_10kgnad{_tag()}_test_{name}.tsv"


def save(part: str, name: str, found: dict[int, tuple[str, list[dict]]]) -> Path:
    path = _listing_path(name) if part == "test" else DATA / f"quotes_10kgnad{_tag()}_{part}_{name}.tsv"
    lines = ["# row\tstart\tend\tspeaker\tconfidence\tevidence"]
    for i, (_t, qs) in found.items():
        lines += [
            f"{i}\t{q['start']}\t{q['end']}\t{q['speaker']}\t{q['confidence']}\t{q['evidence']}"
            for q in qs
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def load_listing(part: str, name: str) -> dict[int, list[dict]]:
    path = _listing_path(name) if part == "test" else DATA / f"quotes_10kgnad{_tag()}_{part}_{name}.tsv"
    out: dict[int, list[dict]] = {i: [] for i in sample(part)}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            row, start, end, speaker = line.split("\t")[:4]
            out[int(row)].append({"start": int(start), "end": int(end), "speaker": speaker})
    return out


def score(listed: dict[int, list[dict]]) -> dict:
    judged = _judged()
    counts = dict.fromkeys(("right", "wrong", "noquote_shown", "none", "noquote_none"), 0)
    unjudged = 0
    for i, qs in listed.items():
        for q in qs:
            mark = judged.get((i, q["start"], q["end"], q["speaker"]))
            if mark == "missed":  # noted as missed, found now: its speaker is who said it
                mark = "right" if q["speaker"] else "none"
            if mark is None:
                unjudged += 1
            elif q["speaker"]:
                counts["noquote_shown" if mark == "noquote" else mark] += 1
            else:
                counts["noquote_none" if mark == "noquote" else "none"] += 1
    shown = counts["right"] + counts["wrong"] + counts["noquote_shown"]
    quotes = shown + counts["none"] + counts["noquote_none"]
    real = counts["right"] + counts["wrong"] + counts["none"]
    real_shown = counts["right"] + counts["wrong"]
    found = {(i, q["start"], q["end"], q["speaker"]) for i, qs in listed.items() for q in qs}
    missed = sum(
        1 for k, m in judged.items() if m == "missed" and k[0] in listed and k not in found
    )
    return {
        "articles": len(listed),
        "quotes_listed": quotes,
        **counts,
        "unjudged": unjudged,
        # a shown speaker of a non-quote counts as wrong
        "shown_precision": round(counts["right"] / shown, 3) if shown else None,
        "shown_precision_real_quotes": (
            round(counts["right"] / real_shown, 3) if real_shown else None
        ),
        "share_with_speaker": round(shown / quotes, 3) if quotes else None,
        "real_quotes_with_speaker": round(real_shown / real, 3) if real else None,
        "missed_noted": missed,
    }


def show(found: dict[int, tuple[str, list[dict]]]) -> None:
    judged = _judged()
    for i, (text, qs) in found.items():
        print(f"=== row {i} ({len(text)} chars)")
        print(text)
        print("---")
        for q in qs:
            mark = judged.get((i, q["start"], q["end"], q["speaker"]), "?")
            print(
                f"{i}\t{q['start']}\t{q['end']}\t{q['speaker']}\t{mark}\t"
                f"{q['confidence']} {q['evidence']} [{q['entity']}]\t"
                f"«{text[q['start']:q['end']]}»"
            )


def blind(part: str, names: list[str], shuffle: int) -> None:
    """The quotes of the listings *names* that no one has judged, unmarked (no sign of the
    listing that holds them), with their articles' text, articles shuffled."""
    judged = _judged()
    texts = {i: t for i, (t, _q) in enriched(sample(part)).items()}
    todo = sorted({
        (i, q["start"], q["end"], q["speaker"])
        for name in names
        for i, qs in load_listing(part, name).items()
        for q in qs
        if (i, q["start"], q["end"], q["speaker"]) not in judged
    })
    rows = sorted({i for i, *_ in todo})
    random.Random(shuffle).shuffle(rows)  # articles in a random order, quotes unmarked
    for row in rows:
        print(f"=== row {row}\n{texts[row]}\n---")
        for i, s, e, sp in sorted(x for x in todo if x[0] == row):
            print(f"{i}\t{s}\t{e}\t{sp}\t«{texts[i][s:e]}»")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("command", choices=("list", "score", "blind"))
    ap.add_argument("part", choices=("dev", "test"))
    ap.add_argument("names", nargs="*", help="listings for blind")
    ap.add_argument("--save", help="list: write the listing under this name (no text printed)")
    ap.add_argument("--listing", help="score: a saved listing instead of running the pipeline")
    ap.add_argument("--shuffle", type=int, default=33)
    ap.add_argument("--round", type=int, choices=(1, 2, 3, 4, 5), default=1,
                    help="2: the second sample (seed 3302, 20 dev / 20 held-out); "
                    "3: the third (seed 3303, from the rows neither drew); "
                    "4: the fourth (seed 3304, from the rows no earlier round drew); "
                    "5: the fifth (seed 3305, likewise)")
    args = ap.parse_args(argv)
    global ROUND
    ROUND = args.round
    if args.command == "blind":
        blind(args.part, args.names, args.shuffle)
        return 0
    if args.command == "score" and args.listing:
        print(json.dumps(score(load_listing(args.part, args.listing))))
        return 0
    found = enriched(sample(args.part))
    if args.command == "list" and args.save:
        print(save(args.part, args.save, found))
    elif args.command == "list":
        if args.part == "test":
            raise SystemExit("the held-out part is read once, at the end: use --save or blind")
        show(found)
    else:
        print(json.dumps(score({i: qs for i, (_t, qs) in found.items()})))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
