"""The analyst's day on a real feed (issue 13 §5, issue 12 §3): build the feed, audit its briefings.

Usage:
    .venv/bin/python bench/analyst_audit.py build /tmp/H/in      # write the feed's input files
    .venv/bin/lagebild ingest /tmp/H/in/de /tmp/H/in/en --db /tmp/H/feed.db
    .venv/bin/python bench/analyst_audit.py audit /tmp/H/feed.db  # briefings checked, counts printed

``build`` writes, from ``../shared/data`` (never copied into the repository), the German WikiNews
articles of SpkAtt-2023 (train + dev) published before 2006-07-01 as text files named as the data
set names them (``<id> - <title> (<date>).txt``: date from the file name, no source), and the
PolNeAR articles published from 2016-07-18 on as they are (``<publisher>_<date>_<slug>.txt``: date
and source from the file name).  Both corpora are measure-only (CC BY-NC-SA / research).

``audit`` builds the briefing of every storyline with at least two events (``--events``: of every
event with at least two articles) and counts what issue 12 §3 rules out: two items of different
sections that share a run of 6 words (a sentence or quote shown twice), *When* entries out of
date order, dated only by a year, or holding a clock time, citations of non-members or without a
source label, German quotation marks in an English briefing, titles ending in ``.`` or ``;``.

``pages URL`` (a running ``lagebild serve``) reads the web pages an analyst opens in a morning (the
overview, every storyline page and its events, every article page) and counts what the UI audit of
2026-12-06 found: a citation shown twice in one briefing item or timeline entry, an event title
ending in ``.`` or ``;``, a storyline card with more events than it lists and no "+N" link, an
internal code (``(filename)``, ``no-date``) on a German page, a briefing heading over an empty
section, a page slower than 1 s, an answer other than 200.  ``build-mixed`` writes the feed that
audit used: 150 random 10kGNAD articles (no date, no source) and 150 random PolNeAR train articles
(seed 13); ingest them with ``examples/ demo/``.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
_SPK_NAME = re.compile(r"^(\d+) - (.*) \((\d{4}-\d{2}-\d{2})\)\.json$")


def build(out: Path, data: Path = DATA) -> tuple[int, int]:
    from lagebild.evaluate.quotes import detokenize

    shutil.rmtree(out, ignore_errors=True)
    (out / "de").mkdir(parents=True)
    (out / "en").mkdir(parents=True)
    n_de = n_en = 0
    for split in ("train", "dev"):
        for path in sorted((data / "spkatt2023-news" / split / "task2").glob("*.json")):
            m = _SPK_NAME.match(path.name)
            if not m or m.group(3) >= "2006-07-01":
                continue
            doc = json.loads(path.read_text(encoding="utf-8"))
            text, _ = detokenize([s["Tokens"] for s in doc.get("Sentences", [])])
            title = m.group(2)
            body = text[len(title) :].lstrip(" .") if text.startswith(title) else text  # the title line once
            (out / "de" / (path.name[:-5] + ".txt")).write_text(f"{title}\n\n{body}\n", encoding="utf-8")
            n_de += 1
        for path in sorted((data / "polnear" / split / "text").glob("*.txt")):
            if path.name.split("_")[1] >= "2016-07-18":
                shutil.copy(path, out / "en" / path.name)
                n_en += 1
    return n_de, n_en


def build_mixed(out: Path, data: Path = DATA, n: int = 150, seed: int = 13) -> tuple[int, int]:
    import csv
    import random

    shutil.rmtree(out, ignore_errors=True)
    (out / "gnad").mkdir(parents=True)
    (out / "pol").mkdir(parents=True)
    rng = random.Random(seed)
    with open(data / "10kGNAD" / "articles.csv", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.reader(fh, delimiter=";", quotechar="'") if len(r) >= 2]
    for i, (_label, text) in enumerate(rng.sample(rows, n)):
        (out / "gnad" / f"gnad_{i:03d}.txt").write_text(text + "\n", encoding="utf-8")
    for path in rng.sample(sorted((data / "polnear" / "train" / "text").glob("*.txt")), n):
        shutil.copy(path, out / "pol" / path.name)
    return n, n


_CODES = re.compile(r"\((?:filename|none|sidecar|record|html|title|body)\)|\bno-(?:title|date)\b|language-un")
_HEADLINE_END = re.compile(r"(?<!\bU\.S)(?<!\b[A-Z])[.;]$")


def _links(html_text: str, prefix: str) -> list[str]:
    return list(dict.fromkeys(re.findall(rf'href="({prefix}[^"?#]+)', html_text)))


def audit_pages(base: str) -> dict[str, object]:
    import html as html_lib
    import time

    import httpx

    counts: collections.Counter[str] = collections.Counter()
    slowest: list = [0.0, ""]
    with httpx.Client(base_url=base, timeout=120) as client:

        def get(url: str) -> str:
            t = time.perf_counter()
            r = client.get(url)
            counts["pages"] += 1
            took = time.perf_counter() - t
            counts["slower-than-1s"] += took > 1.0
            slowest[:] = max(slowest, [took, url])
            counts["not-200"] += r.status_code != 200
            return r.text

        def cards(page: str) -> None:
            for card in re.findall(r'(?s)<li><a href="/storylines/.*?</ol>\s*</li>', page):
                shown = card.count('href="/events/')
                m = re.search(r"· (\d+) Ereignisse? ·", card)
                counts["cards"] += 1
                counts["card-hides-events-without-more"] += bool(m and int(m.group(1)) > shown and "+" not in card.split("<ol")[1])

        def event_titles(page: str) -> None:
            for title in re.findall(r'<a href="/events/[^"]*">(?:[^<·]*· )?([^<]*)</a>', page):
                counts["event-titles"] += 1
                counts["event-title-ends-in-point"] += bool(_HEADLINE_END.search(html_lib.unescape(title).strip()))

        def brief_and_timeline(page: str) -> None:
            for item in re.findall(r"(?s)<li>(.*?)</li>", page.split('id="briefing"')[-1]):
                cites = re.findall(r'href="#src-(\d+)"', item)
                counts["brief-item-cites-twice"] += len(cites) != len(set(cites))
            counts["brief-empty-section"] += len(re.findall(r"</h3>\s*<ul>(?:<li>—</li>)?</ul>", page))
            for entry in re.findall(r'(?s)<ol class="timeline"[^>]*>(.*?)</ol>', page):
                for li in re.findall(r"(?s)<li>(.*?)</li>", entry):
                    arts = re.findall(r'class="cite" href="(/articles/[^"?]+)', li)
                    counts["timeline-entries"] += 1
                    counts["timeline-entry-cites-article-twice"] += len(arts) != len(set(arts))

        overview = get("/")
        cards(overview)
        event_titles(overview)
        offset, stories = 0, []
        while True:
            page = get(f"/storylines?offset={offset}")
            cards(page)
            found = _links(page, "/storylines/st-")
            stories += found
            if not found or 'rel="next"' not in page and f"offset={offset + 20}" not in page:
                break
            offset += 20
        events = []
        for sid in dict.fromkeys(stories):
            page = get(sid)
            event_titles(page)
            brief_and_timeline(page)
            events += _links(page, "/events/ev-")
        articles = []
        for eid in dict.fromkeys(events):
            page = get(eid)
            counts["event-h1-ends-in-point"] += bool(_HEADLINE_END.search(html_lib.unescape(
                re.search(r"<h1>(.*?)</h1>", page).group(1)).strip()))  # fmt: skip
            brief_and_timeline(page)
            articles += _links(page, "/articles/")
        for aid in dict.fromkeys(articles):
            page = get(aid)
            facts = page.split('<dl class="facts">')[-1].split("</dl>")[0]
            counts["article-pages"] += 1
            counts["article-shows-internal-code"] += bool(_CODES.search(facts))
    return dict(counts) | {"slowest": f"{slowest[1]} {slowest[0]:.2f} s"}


def _fold(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _shares_run(a: str, b: str, n: int = 6) -> bool:
    wa, wb = _fold(a), _fold(b)
    runs = {tuple(wb[i : i + n]) for i in range(len(wb) - n + 1)}
    return any(tuple(wa[i : i + n]) in runs for i in range(len(wa) - n + 1))


def audit(db: str, events: bool = False) -> dict[str, int]:
    from lagebild.group.storylines import list_storylines
    from lagebild.group.timelines import date_key
    from lagebild.present.brief import build_briefing
    from lagebild.store import Store

    counts: collections.Counter[str] = collections.Counter()
    with Store(db) as store:
        groups = []
        for st in list_storylines(store.db):
            if events:
                groups += [("event", e["id"], set(e["articles"])) for e in st["events"] if len(e["articles"]) >= 2]
            elif len(st["events"]) >= 2:
                groups.append(("storyline", st["id"], {a for e in st["events"] for a in e["articles"]}))
        for kind, gid, members in groups:
            b = build_briefing(store, kind, gid)
            counts["briefings"] += 1
            counts[f"briefings-{b.lang}"] += 1
            when = b.sections[1][1]
            keys = [date_key(i.lead.split(" ")[0]) or "" for i in when]
            counts["when-out-of-order"] += keys != sorted(keys)
            counts["when-year-only"] += sum(bool(re.fullmatch(r"\d{4}", i.lead)) for i in when)
            counts["when-clock-time"] += sum(bool(re.search(r"(?<![\d.,])\d{1,2}:\d{2}(?!\d)", i.text)) for i in when)
            items = [(h, it.text) for k, (h, its) in enumerate(b.sections) if k != 2 for it in its]  # not "who"
            counts["repeated-between-sections"] += sum(
                h1 != h2 and _shares_run(t1, t2) for i, (h1, t1) in enumerate(items) for h2, t2 in items[i + 1 :]
            )
            counts["cites-non-member"] += sum(s["article"] not in members for s in b.sources)
            counts["cites-without-label"] += sum(not s["label"] or s["label"] == "?" for s in b.sources)
            counts["german-quote-marks-in-english"] += b.lang == "en" and any("„" in t for _, t in items)
            counts["title-ends-in-point"] += b.title.endswith((".", ";")) and not b.title.endswith("U.S.")
    return dict(counts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("out", type=Path)
    a = sub.add_parser("audit")
    a.add_argument("db")
    a.add_argument("--events", action="store_true", help="events with >= 2 articles instead of storylines")
    m = sub.add_parser("build-mixed")
    m.add_argument("out", type=Path)
    w = sub.add_parser("pages")
    w.add_argument("url", help="a running `lagebild serve`, e.g. http://127.0.0.1:8000")
    args = ap.parse_args(argv)
    if args.cmd == "build":
        n_de, n_en = build(args.out)
        print(f"wrote {n_de} German and {n_en} English articles under {args.out}")
    elif args.cmd == "build-mixed":
        n_de, n_en = build_mixed(args.out)
        print(f"wrote {n_de} 10kGNAD and {n_en} PolNeAR articles under {args.out}")
    elif args.cmd == "pages":
        print(json.dumps(audit_pages(args.url), indent=1))
    else:
        print(json.dumps(audit(args.db, args.events), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
