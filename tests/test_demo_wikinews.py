"""The bundled feed of real, freely licensed news (wikinews/, issue 13 §2): attributed as CC BY 2.5
asks, read by `make demo`, and forming storylines of several events."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from lagebild.cli import main

from .conftest import ROOT

FEED = ROOT / "wikinews"


def _records() -> list[dict]:
    (path,) = FEED.glob("*.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_wikinews_feed_is_real_attributed_news() -> None:
    records = _records()
    assert 30 <= len(records) <= 60
    readme = (FEED / "README.md").read_text(encoding="utf-8")
    assert "CC BY 2.5" in readme and "creativecommons.org/licenses/by/2.5" in readme
    assert "Wikinews contributors" in readme and "vanatteveldt/wikinews" in readme
    for r in records:
        assert r["url"].startswith("https://en.wikinews.org/wiki/"), r["url"]
        assert r["url"] in readme  # every article named in the attribution
        assert (r["license"], r["authors"], r["source"], r["language"]) == (
            "CC BY 2.5", ["Wikinews contributors"], "Wikinews", "en",
        )  # fmt: skip
        assert re.fullmatch(r"20(19|20)-\d\d-\d\d", r["date_publish"])
        assert len(r["maintext"].split()) >= 80
    # the builder names the articles it keeps; the bundle holds exactly those
    script = (ROOT / "bench" / "build_wikinews_feed.py").read_text(encoding="utf-8")
    picked = re.findall(r'^\s+\("(\d{4}-\d\d-\d\d)", "', script, flags=re.M)
    assert sorted(picked) == sorted(r["date_publish"] for r in records)


def test_make_demo_ingests_the_wikinews_feed() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    ingest = next(line for line in recipe.splitlines() if "lagebild ingest" in line).split()
    assert {"examples/", "demo/", "wikinews/"} <= set(ingest)


def test_wikinews_feed_forms_storylines(tmp_path: Path, capsys) -> None:
    db = os.fspath(tmp_path / "wn.db")
    assert main(["ingest", "-q", os.fspath(FEED), "--db", db]) == 0
    capsys.readouterr()
    assert main(["export", "--db", db]) == 0
    stored = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    given = {r["url"]: r for r in _records()}
    assert len(stored) == len(given)
    for a in stored:  # the record's metadata is used as given
        r = given[a["url"]]
        assert (a["source"], a["language"], a["published"], a["published_from"]) == (
            "Wikinews", "en", r["date_publish"], "record",
        )  # fmt: skip
    title_of = {a["id"]: given[a["url"]]["title"] for a in stored}
    assert main(["stories", "--json", "--limit", "0", "--db", db]) == 0
    stories = json.loads(capsys.readouterr().out)

    def titles(st: dict) -> list[str]:
        return [title_of[a] for ev in st["events"] for a in ev["articles"]]

    threads = [st for st in stories if len(st["events"]) >= 2 and len(titles(st)) >= 3]
    # Hong Kong, Puerto Rico, the UK Parliament, the impeachment, Soleimani, the coronavirus, ...
    assert len(threads) >= 5
    # the three reports on Puerto Rico's governor (28 July - 8 August 2019): one storyline
    puerto_rico = [st for st in stories if any("Puerto Rico" in t for t in titles(st))]
    assert len(puerto_rico) == 1
    assert len(titles(puerto_rico[0])) == 3 and len(puerto_rico[0]["events"]) >= 2
    # at least four of the six Hong Kong reports (June - November 2019) in one storyline
    assert max(sum("Hong Kong" in t for t in titles(st)) for st in stories) >= 4
    # the single report stays alone
    (notre_dame,) = [st for st in stories if any("Notre Dame" in t for t in titles(st))]
    assert len(titles(notre_dame)) == 1
