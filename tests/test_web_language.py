"""One interface language: every note the cleaner writes into the edit log reads in German on
the German pages (the article page's edit log), not as the cleaner's English."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from lagebild.present.phrases import phrases
from lagebild.web._i18n import edit_note

from .conftest import ROOT

_NOTE = re.compile(r"[a-z][a-z /():-]+")


def _cleaner_notes() -> set[str]:
    """The kinds and reasons the cleaner writes: string literals given to ``Change``,
    ``_minimal``, ``_drop`` and ``dict.fromkeys`` or stored into a mapping in lagebild/clean/."""
    found: set[str] = set()
    for path in (ROOT / "lagebild" / "clean").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            values: list[ast.expr] = []
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                if name in {"Change", "_minimal", "_drop", "fromkeys"}:
                    values = list(node.args)
            elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Subscript):
                values = [node.value]
            found |= {v.value for v in values
                      if isinstance(v, ast.Constant) and isinstance(v.value, str) and _NOTE.fullmatch(v.value)}  # fmt: skip
    return found


def test_web_language_every_cleaner_note_reads_in_german() -> None:
    notes = _cleaner_notes()
    assert {"advertisement label", "share prompt", "link to another article", "removed"} <= notes
    untranslated = sorted(n for n in notes if edit_note(n, "de") == n)
    assert untranslated == []


def test_web_language_merged_notes_translate_each_part() -> None:
    assert edit_note("advertisement label; blank line", "de") == "Werbehinweis; Leerzeile"
    assert edit_note("advertisement label", "en") == "advertisement label"


@pytest.mark.parametrize(("value", "de", "en"), [
    ("2024-FA", "Herbst 2024", "autumn 2024"), ("2025-SP", "Frühjahr 2025", "spring 2025"),
    ("2024-Q3", "3. Quartal 2024", "Q3 2024"), ("2024-H1", "1. Halbjahr 2024", "H1 2024"),
    ("2024-07-08", "2024-07-08", "2024-07-08"), ("2024-W29", "2024-W29", "2024-W29"), ("1954", "1954", "1954"),
])  # fmt: skip
def test_web_language_briefing_dates_say_seasons_in_words(value: str, de: str, en: str) -> None:
    assert phrases("de").date(value) == de
    assert phrases("en").date(value) == en


@pytest.fixture(scope="module")
def flood(tmp_path_factory):
    """A client on the demo feed's flood articles (one storyline) and that storyline's id."""
    from fastapi.testclient import TestClient

    from lagebild.cli import main
    from lagebild.web import create_app

    db = tmp_path_factory.mktemp("flood") / "flood.db"
    feed = ROOT / "demo" / "feed"
    files = sorted(str(p) for p in feed.rglob("*")
                   if p.is_file() and not p.name.endswith(".meta.json") and "Hochwasser" in p.read_text(errors="ignore"))  # fmt: skip
    assert main(["ingest", "-q", *files, "--db", str(db)]) == 0
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    rows = client.get("/api/storylines").json()["results"]
    story = next(s["id"] for s in rows if "im Herbst entscheiden" in client.get(f"/storylines/{s['id']}").text)
    return client, story, db


def test_web_language_announced_season_reads_in_words_on_the_storyline_page(flood) -> None:
    """`Über weitere Hilfen will das Kabinett im Herbst entscheiden` was led by `2024-FA`."""
    client, story, _db = flood
    page = client.get(f"/storylines/{story}").text
    assert "2024-FA" not in page and "Herbst 2024 (angekündigt)" in page
    assert "autumn 2024 (announced)" in client.get(f"/storylines/{story}?lang=en").text


def test_web_language_timeline_dates_say_seasons_in_words(flood, monkeypatch) -> None:
    """The storyline's timeline list writes a season as the briefing does."""
    from fastapi.testclient import TestClient

    import lagebild.web.records as records
    from lagebild.group.timelines import Citation, Entry
    from lagebild.web import create_app

    _client, story, db = flood
    client = TestClient(create_app(db), base_url="http://127.0.0.1")  # (a new app: nothing cached)
    # (an entry cites a sentence, as every timeline entry does: the page's briefing reads the
    # same timeline since 3f57df8)
    monkeypatch.setattr(records, "timeline", lambda store, ref: [
        Entry(date="2024-SU", date_from="text", text="Im Sommer beginnt der Wiederaufbau.", event=None,
              citations=[Citation("not-stored", 0, None, "", None)])])  # fmt: skip
    page = client.get(f"/storylines/{story}").text
    assert "<b>Sommer 2024</b> Im Sommer beginnt" in page
