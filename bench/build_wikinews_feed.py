"""Rebuild wikinews/ (the bundled feed of real, freely licensed news) from its public source.

Usage:  .venv/bin/python bench/build_wikinews_feed.py [--repo GIT_DIR | --csv-dir DIR]

Source: the GitHub repository vanatteveldt/wikinews (English Wikinews articles of 2019 and 2020
scraped with its `scrape_wikinews.R`: url, date, title, text), whose LICENSE.md and README say
the articles are CC BY 2.5 like Wikinews itself (https://en.wikinews.org/wiki/Wikinews:Copyright:
text published after 25 September 2005 is CC BY 2.5).  Read from a git directory (``--repo``,
e.g. the mirror of that repository, at the pinned commit below) or from a folder holding its two
CSV files (``--csv-dir``).

Writes ``wikinews/wikinews_en_2019-2020.jsonl``, and ``wikinews/README.md`` (the licence and the
attribution of every article: title, date, URL): the articles named in ``PICKED`` (a few threads
of several reports each, chosen by title so that `make demo` shows events and storylines forming,
plus a few single reports), one JSON record a line with the fields lagebild reads (title,
date_publish, url, source, language, maintext) and the attribution the licence asks for
(authors, license, license_url, changes).  The only change to the text: trailing blanks removed
and runs of blank lines shortened to one (the scraper's layout), said in ``changes``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPO = Path("/work/.mirror/vanatteveldt+wikinews/repo")
# the newest commit of the source (2021-03-19); its LICENSE.md: CC BY 2.5
COMMIT = "347254178bf343f3801aac1d03c41cc09c35decb"
FILES = ("data/wikinews_2019.csv", "data/wikinews_2020.csv")
OUT = ROOT / "wikinews" / "wikinews_en_2019-2020.jsonl"
LICENSE = "CC BY 2.5"
LICENSE_URL = "https://creativecommons.org/licenses/by/2.5/"
CHANGES = "whitespace only: trailing blanks removed, runs of blank lines shortened to one"

# (date, start of the title): the threads of the feed.  A title names one article of the source.
PICKED = [
    # US border wall and government shutdown
    ("2019-01-04", "Nancy Pelosi again elected Speaker"),
    ("2019-01-07", "President Trump says he 'can' and 'may'"),
    ("2019-02-21", "Sixteen states sue U.S. President Trump"),
    # Hong Kong protests
    ("2019-06-23", "Hong Kong protesters surround downtown police complex"),
    ("2019-08-19", "Hong Kong protests continue"),
    ("2019-09-06", "Hong Kong leader announces withdrawal of extradition bill"),
    ("2019-10-02", "Police shoot teenage protester as Hong Kong"),
    ("2019-10-16", "Hong Kong's Carrie Lam delivers speech"),
    ("2019-11-27", "Hundreds of Hong Kong district council seats"),
    # Puerto Rico's governor
    ("2019-07-28", "Puerto Rico governor announces resignation"),
    ("2019-08-04", "Puerto Rico's governor Rosselló resigns"),
    ("2019-08-08", "Puerto Rico Supreme Court removes Governor"),
    # Boris Johnson, the suspension of Parliament and Brexit
    ("2019-07-24", "Boris Johnson elected Conservative leader"),
    ("2019-08-29", "Queen Elizabeth agrees to suspend UK Parliament"),
    ("2019-09-11", "UK Prime Minister Johnson suspends parliament"),
    ("2019-09-13", "Scottish court finds suspension of UK parliament unlawful"),
    ("2019-09-24", "UK Supreme Court rules prorogation"),
    ("2019-12-16", "Conservative Party wins majority"),
    # Atlantic hurricanes of September 2019
    ("2019-09-01", "Hurricane Dorian strengthens to Category 5"),
    ("2019-09-05", "Hurricane Dorian leaves trail of destruction"),
    ("2019-09-16", "Tropical Storm Humberto upgraded"),
    ("2019-09-19", "Hurricane Humberto strengthens to Category 3"),
    # the impeachment of President Trump
    ("2019-09-25", "US Speaker Pelosi announces Trump impeachment investigation"),
    ("2019-09-30", "U.S. House issues subpoena to secretary of state"),
    ("2019-11-01", "U.S. House formalizes rules for Trump impeachment"),
    ("2019-12-21", "US House of Representatives impeaches President Trump"),
    ("2020-01-15", "U.S. House to decide on submitting articles of impeachment"),
    # Qasem Soleimani and its aftermath
    ("2020-01-05", "United States military kills Qasem Soleimani"),
    ("2020-01-06", "Iraqi Parliament votes for expulsion"),
    ("2020-01-09", "Stampede during funeral procession of Qasem Soleimani"),
    ("2020-01-13", "Iran admits downing Ukrainian jet"),
    # the new coronavirus
    ("2020-01-20", "Study: people infected by new coronavirus"),
    ("2020-01-28", "German authorities confirm first case of novel coronavirus"),
    ("2020-02-10", "First foreigners die from coronavirus in Wuhan"),
    ("2020-02-14", "World Health Organization names new coronavirus"),
    ("2020-03-14", "World Health Organization declares COVID-19 pandemic"),
    ("2020-03-16", "US President Trump declares COVID-19 national emergency"),
    # Alexei Navalny
    ("2020-08-22", "Russia's Navalny airlifted to Germany"),
    ("2020-09-05", "Germany says Alexei Navalny poisoned"),
    # single reports
    ("2019-04-16", "Notre Dame in Paris catches fire"),
]


def read_csvs(repo: Path | None, csv_dir: Path | None) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for name in FILES:
        if csv_dir is not None:
            text = (csv_dir / Path(name).name).read_text(encoding="utf-8")
        else:
            text = subprocess.run(
                ["git", "--git-dir", str(repo), "show", f"{COMMIT}:{name}"],
                check=True, capture_output=True, text=True, encoding="utf-8",
            ).stdout  # fmt: skip
        rows += csv.DictReader(io.StringIO(text, newline=""))
    return rows


def tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def record(row: dict[str, str]) -> dict[str, object]:
    url = row["url"].replace(".org//wiki/", ".org/wiki/")
    return {
        "title": row["title"],
        "date_publish": row["date"],
        "url": url,
        "source": "Wikinews",
        "language": "en",
        "maintext": tidy(row["text"]),
        "authors": ["Wikinews contributors"],
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "attribution": f"Wikinews contributors, \u201c{row['title']}\u201d, {url}, {LICENSE}",
        "changes": CHANGES,
    }


README = """\
# Wikinews: a small feed of real news (CC BY 2.5)

{n} English news reports from [Wikinews](https://en.wikinews.org/), January 2019 to September
2020, in one JSON Lines file (`wikinews_en_2019-2020.jsonl`, one news-please-style record a line:
`title`, `date_publish`, `url`, `source`, `language`, `maintext`, plus `authors`, `license`,
`license_url`, `attribution`, `changes`). `make demo` ingests them beside `../examples/` and
`../demo/`, so that the first run shows events and storylines forming from real reporting over
days and months: the Hong Kong protests, Puerto Rico's governor, the suspension of the UK
Parliament, the impeachment of President Trump, the killing of Qasem Soleimani, the new
coronavirus, the Atlantic hurricanes of September 2019, Alexei Navalny.

**Licence.** Wikinews articles are licensed under the
[Creative Commons Attribution 2.5 licence](https://creativecommons.org/licenses/by/2.5/)
(CC BY 2.5; [Wikinews:Copyright](https://en.wikinews.org/wiki/Wikinews:Copyright)). The texts
come from the public GitHub repository
[vanatteveldt/wikinews](https://github.com/vanatteveldt/wikinews) (commit `{commit_short}`,
`data/wikinews_2019.csv` and `data/wikinews_2020.csv`, scraped from en.wikinews.org), whose
`LICENSE.md` distributes them under the same licence. **Attribution:** Wikinews contributors; each
article's authors are listed in its page history at the URL below. **Changes:** {n} of the
repository's {total} rows chosen by title (`PICKED` in the script); the text changed in
whitespace only (trailing blanks removed, runs of blank lines shortened to one); the records'
field names. The text is otherwise as scraped (no images, captions or source lists). This folder
is not under lagebild's own licence.

Why English: no copy of German Wikinews (also CC BY 2.5) with a usable licence was found among
the public repositories this project can reach; the shared WikiNews copy in
`../shared/data/spkatt2023-news/` is CC BY-NC-SA and for evaluation only, never bundled.

Rebuild: `.venv/bin/python bench/build_wikinews_feed.py --repo GIT_DIR_OF_vanatteveldt/wikinews`
(or `--csv-dir` with the two CSV files).

| date | title (Wikinews contributors, CC BY 2.5) |
|---|---|
{rows}
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repo", type=Path, default=REPO, help="git dir of vanatteveldt/wikinews")
    ap.add_argument("--csv-dir", type=Path, help="instead: a folder with the two CSV files")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    rows = read_csvs(None if args.csv_dir else args.repo, args.csv_dir)
    out = []
    for date, start in PICKED:
        found = [r for r in rows if r["date"] == date and r["title"].startswith(start)]
        if len(found) != 1:
            sys.exit(f"{date} {start!r}: {len(found)} articles in the source, expected 1")
        out.append(record(found[0]))
    out.sort(key=lambda r: (r["date_publish"], r["title"]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as fh:
        for r in out:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    cells = [(r["date_publish"], str(r["title"]).replace("|", "&#124;"), r["url"]) for r in out]
    table = "\n".join(f"| {date} | [{title}]({url}) |" for date, title, url in cells)
    readme = README.format(n=len(out), total=len(rows), commit_short=COMMIT[:12], rows=table)
    (args.out.parent / "README.md").write_text(readme, encoding="utf-8")
    words = sum(len(str(r["maintext"]).split()) for r in out)
    print(f"{len(out)} articles, {words} words -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
