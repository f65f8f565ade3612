"""Storyline titles: the most representative headline, cleaned; English storylines in English."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lagebild.group.events import load_group
from lagebild.group.storylines import list_storylines, storyline_title
from lagebild.group.titles import clean_headline, pick_headline
from lagebild.pipeline import ingest
from lagebild.store import Store

from .conftest import DATA, EXAMPLES


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("+++ Liveblog: Seoul verurteilt Pakt (dpa) – DW – 24.06.2024", "Seoul verurteilt Pakt"),
        ("Eilmeldung +++ Erdbeben in der Türkei +++", "Erdbeben in der Türkei"),
        ("24.06.2024: Merkel trifft Macron in Paris", "Merkel trifft Macron in Paris"),
        ("Trump wins Iowa caucuses - Reuters", "Trump wins Iowa caucuses"),
        ("Clinton emails: FBI reopens probe | Watch", "Clinton emails: FBI reopens probe"),
        ("Comey testifies before Congress, July 7, 2016", "Comey testifies before Congress"),
        ("Streik bei der Bahn (AFP/Reuters)", "Streik bei der Bahn"),
        ("SÃ¼dkorea protestiert gegen Pakt", "Südkorea protestiert gegen Pakt"),
        # kept: a label-like word that belongs to the headline, an acronym before a colon
        ("Video-Botschaft von Selenskyj an die Nation", "Video-Botschaft von Selenskyj an die Nation"),
        ("NATO: Gipfel beschließt Ostflanke", "NATO: Gipfel beschließt Ostflanke"),
        # a feed's closing full stop or semicolon goes (PolNeAR), an abbreviation's point stays
        ("With two months to go, Trump still ducks on taxes.", "With two months to go, Trump still ducks on taxes"),
        ("Ready for Trump vs. Clinton?;", "Ready for Trump vs. Clinton?"),
        ("Obama on climate change: The trends are 'terrifying.'", "Obama on climate change: The trends are 'terrifying'"),
        ("IMF slashes prospect for U.S.", "IMF slashes prospect for U.S."),
        ("Tribute to Martin Luther King Jr.", "Tribute to Martin Luther King Jr."),
        ("Und nun...", "Und nun..."),
        # typographic quotes stay as written (ftfy would straighten them)
        ("Soforthilfe „Tropfen auf den heißen Stein“", "Soforthilfe „Tropfen auf den heißen Stein“"),
        ("Obama: The trends are ‘terrifying.’", "Obama: The trends are ‘terrifying’"),
    ],
)
def test_titles_clean_headline(raw: str, clean: str) -> None:
    assert clean_headline(raw) == clean


def test_titles_pick_the_headline_the_others_share() -> None:
    heads = [
        ("Seoul, Tokio und Washington verurteilen den Pakt zwischen Pjöngjang und Moskau", "de"),
        ("Pakt zwischen Pjöngjang und Moskau: Seoul bestellt Botschafter ein", "de"),
        ("Südkorea protestiert gegen den Pakt", "de"),
        ("Wetter am Wochenende", "de"),
    ]
    assert pick_headline(heads) in {h for h, _ in heads[:2]}  # the two that name the thread
    assert pick_headline(heads[::-1]) in {h for h, _ in heads[:2]}  # whatever the order


def test_titles_english_storyline_gets_an_english_title() -> None:
    heads = [
        ("Comey: FBI will not recommend charges over Clinton emails", "en"),
        ("FBI director Comey criticises Clinton's email server", "en"),
        ("FBI-Chef Comey: Keine Anklage gegen Clinton wegen E-Mails", "de"),
        ("Clinton email probe: Comey says no charges", "en"),
    ]
    title = pick_headline(heads)
    assert title is not None and title in {h for h, lang in heads if lang == "en"}


def test_titles_damaged_headline_loses() -> None:
    heads = [
        ("Südkorea Und Japan Verurteilen Den Pakt Mit Nordkorea", "de"),
        ("Südkorea und Japan verurteilen den Pakt mit Nordkorea", "de"),
    ]
    assert pick_headline(heads) == heads[1][0]


def test_titles_nothing_usable() -> None:
    assert pick_headline([("", "de"), ("Video", "de")]) is None


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("titles") / "t.db"
    with Store(path) as store:
        assert ingest([str(EXAMPLES), str(DATA / "stories")], store, workers=1).ok
    return path


def test_titles_storylines_are_titled_by_a_headline(seeded: Path, tmp_path: Path) -> None:
    shutil.copy(seeded, tmp_path / "t.db")
    with Store(tmp_path / "t.db") as store:
        conn = store.conn
        for st in list_storylines(conn):
            heads = {clean_headline(r[0]) for r in conn.execute(
                "SELECT a.title FROM group_articles g JOIN events e ON e.id = g.event_id"
                " JOIN articles a ON a.id = g.article_id WHERE e.storyline_id = ?", (st["id"],))}  # fmt: skip
            assert st["title"] in heads, st["title"]
            group = load_group(conn, "storylines", st["id"])
            assert storyline_title(conn, group) == st["title"]
        languages = {r[0]: r[1] for r in conn.execute(
            "SELECT e.storyline_id, group_concat(DISTINCT a.language) FROM group_articles g JOIN events e"
            " ON e.id = g.event_id JOIN articles a ON a.id = g.article_id GROUP BY e.storyline_id")}  # fmt: skip
        english = [st for st in list_storylines(conn) if languages.get(st["id"]) == "en"]
        for st in english:  # an English-only storyline keeps its English headline
            assert not any(w in st["title"].split() for w in ("und", "der", "die", "das"))
