"""Hand-judged time values on real German news (issue 11 §3): a random sample of SpkAtt-2023
WikiNews dev articles, each with the publication date in its file name.

The sample (60 articles, seed 2026) is split before any error was read: the first 30 are the
development part, the other 30 the held-out part.  A second development part (``dev2``, 30 of
the other 90 dev articles, seed 2027) was drawn after the first one's errors were fixed, and a
second held-out part (``test2``, 30 of the 60 left, seed 2028) after the first was scored.  The judgements are in
``tests/data/eval/timex_news_spkatt_{dev,test}.jsonl`` -- article id, character offsets into the
detokenised text (``lagebild.evaluate.quotes.detokenize``), the value a reader takes the
expression to have, and no text (the articles are CC BY-NC-SA; they stay in ../shared/data).
A value may be a list of the readings a reader could take (`vergangene Woche` on a Sunday).
A line with ``"value": null`` marks a span the tagger took for a time expression that is none;
lines that the tagger missed carry ``"missed": true`` when they were judged.

English: the same for 24 PolNeAR dev articles (``--polnear``; 12 dev, 12 held out), gold in
``tests/data/eval/timex_news_polnear_{dev,test}.jsonl`` (offsets into the article file).

Usage:
  .venv/bin/python bench/timex_news_sample.py show dev|dev2|test|test2 [--values] [--polnear]   # to judge
  .venv/bin/python bench/timex_news_sample.py score dev|dev2|test|test2 [--errors] [--polnear]
  .venv/bin/python bench/timex_news_sample.py unknown   # 10kGNAD without dates: invented years
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import random
import re
import sys
from pathlib import Path

from lagebild.enrich.timex import find_times
from lagebild.evaluate.quotes import _read_spkatt

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
DATA = SHARED / "spkatt2023-news" / "dev" / "task2"
GOLD = ROOT / "tests" / "data" / "eval"
# corpus: (folder, file pattern, language, sample size); seed 2026, first half dev.
CORPORA = {
    "spkatt": (DATA, "*.json", "de", 60),
    # English: PolNeAR dev articles (US election news, Nov 2016; research use only).
    "polnear": (SHARED / "polnear" / "dev" / "text", "*.txt", "en", 24),
}
SEED = 2026


def sample(part: str, corpus: str = "spkatt") -> list[Path]:
    folder, pattern, _lang, size = CORPORA[corpus]
    files = sorted(Path(p) for p in glob.glob(f"{folder}/{pattern}"))
    if not files:
        raise SystemExit(f"no {corpus} articles in {folder} (see ../shared/data/README.md)")
    chosen = random.Random(SEED).sample(files, size)
    half = size // 2
    rest = [f for f in files if f not in set(chosen)]
    if part == "dev2":  # a second development part, drawn later from the articles left
        return random.Random(SEED + 1).sample(rest, min(half, len(rest)))
    if part == "test2":  # a second held-out part, drawn after the first was scored
        dev2 = set(random.Random(SEED + 1).sample(rest, min(half, len(rest))))
        rest2 = [f for f in rest if f not in dev2]
        return random.Random(SEED + 2).sample(rest2, min(half, len(rest2)))
    return chosen[:half] if part == "dev" else chosen[half:]


def article(path: Path) -> tuple[str, dt.date, str]:
    if path.suffix == ".txt":  # PolNeAR: <publisher>_<date>_<slug>.txt
        m = re.match(r"(.+_(\d{4}-\d\d-\d\d)_.+)\.txt$", path.name)
        if not m:
            raise SystemExit(f"{path}: no '<publisher>_<date>_<slug>.txt' file name")
        return m[1], dt.date.fromisoformat(m[2]), path.read_text(encoding="utf-8")
    m = re.match(r"(\d+) - .*\((\d{4}-\d\d-\d\d)\)\.json$", path.name)
    if not m:
        raise SystemExit(f"{path}: no '<id> - <title> (<date>).json' file name")
    _doc, text, *_ = _read_spkatt(path)
    return m[1], dt.date.fromisoformat(m[2]), text


def show(part: str, values: bool, corpus: str = "spkatt") -> None:
    """Print each article with the tagger's spans, [n: ...] numbered (values only for dev)."""
    lang = CORPORA[corpus][2]
    for path in sample(part, corpus):
        aid, pub, text = article(path)
        times = find_times(text, anchor=pub, lang=lang)
        out, pos = [], 0
        for i, t in enumerate(times):
            out.append(text[pos : t.start])
            out.append(f"[{i}:{text[t.start : t.end]}]")
            pos = t.end
        out.append(text[pos:])
        sys.stdout.write(f"\n=== {aid} published {pub} ===\n{''.join(out)}\n")
        for i, t in enumerate(times):
            shown = f"{t.value} {t.type}" if values else ""
            sys.stdout.write(f"  {i} {t.start}-{t.end} {t.text!r} {shown}\n")


def load_gold(part: str, corpus: str = "spkatt") -> dict[str, list[dict]]:
    path = GOLD / f"timex_news_{corpus}_{part}.jsonl"
    gold: dict[str, list[dict]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{path}:{n}: not JSON ({exc})") from None
        gold.setdefault(str(row["article"]), []).append(row)
    return gold


def score(part: str, errors: bool, corpus: str = "spkatt") -> dict:
    """Value precision over the tagger's expressions, recall over the reader's, and F1.
    Spans match when they overlap (a fix that widens a span keeps its judgement)."""
    gold = load_gold(part, corpus)
    lang = CORPORA[corpus][2]
    tp = sys_n = gold_n = 0
    unjudged, errs = [], []
    for path in sample(part, corpus):
        aid, pub, text = article(path)
        rows = gold.get(aid, [])
        real = [r for r in rows if r["value"] is not None]
        gold_n += len(real)
        used: set[int] = set()
        for t in find_times(text, anchor=pub, lang=lang):
            sys_n += 1
            hit = next(
                (i for i, r in enumerate(rows) if i not in used and r["start"] < t.end and t.start < r["end"]),
                None,
            )
            if hit is None:
                unjudged.append(f"{aid} {t.start}-{t.end} {t.text!r} {t.value}")
                continue
            used.add(hit)
            want = rows[hit]["value"]
            if t.value in (want if isinstance(want, list) else [want]):
                tp += 1
            else:
                ctx = text[max(0, t.start - 80) : t.end + 40].replace("\n", " ")
                errs.append(f"{aid} ({pub}) {t.text!r}: {t.value} want {want} | …{ctx}…")
        for i, r in enumerate(rows):
            if i not in used and r["value"] is not None:
                errs.append(f"{aid} ({pub}) missed {text[r['start'] : r['end']]!r} {r['value']}")
    p = tp / sys_n if sys_n else 0.0
    r = tp / gold_n if gold_n else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    # Spans the judge never saw (new since the judgements) count as wrong above; without them:
    pj = tp / (sys_n - len(unjudged)) if sys_n > len(unjudged) else 0.0
    fj = 2 * pj * r / (pj + r) if pj + r else 0.0
    result = {"corpus": corpus, "part": part, "system": sys_n, "gold": gold_n, "correct": tp,
              "precision": round(p, 3), "recall": round(r, 3), "value_f1": round(f, 3),
              "unjudged": len(unjudged), "value_f1_judged_only": round(fj, 3)}
    if errors:
        result["errors"] = errs
        result["unjudged_spans"] = unjudged
    return result


_DERIVED = re.compile(r"\d|später|zuvor|danach|darauf|vorher|früher|Vorjahr|folgenden|selben", re.I)


def unknown() -> dict:
    """10kGNAD has no publication dates: count values with a year that neither the expression
    writes (`4.3.16`, `1871–88`) nor a year the text names gives (within one year, or counted
    from it: `fünf Jahre später`, `im Vorjahr`).  What is left was taken from nowhere, or from
    a year the text named far away (a month after a background year)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from _corpus import load_gnad

    counts = {"articles": 0, "expressions": 0, "with_year": 0, "invented": 0}
    examples = []
    for _label, text in load_gnad():
        counts["articles"] += 1
        named = {int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", text)}
        for t in find_times(text, anchor=None):
            counts["expressions"] += 1
            m = re.match(r"(\d{4})", t.value)
            if not m:
                continue
            counts["with_year"] += 1
            year = int(m[1])
            if not any(abs(year - y) <= 1 for y in named) and not _DERIVED.search(t.text):
                counts["invented"] += 1
                examples.append(f"{t.text!r} -> {t.value}")
    return {**counts, "examples": examples[:20]}


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or args[0] not in ("show", "score", "unknown"):
        raise SystemExit(__doc__)
    which = "polnear" if "--polnear" in args else "spkatt"
    if args[0] == "unknown":
        res = unknown()
    elif args[0] == "show":
        show(args[1], "--values" in args, which)
        raise SystemExit(0)
    else:
        res = score(args[1], "--errors" in args, which)
    sys.stdout.write(json.dumps(res, indent=1, ensure_ascii=False) + "\n")
