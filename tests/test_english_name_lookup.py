"""An entity found by its English name where an analyst types one (issue 13 §3/§5): the gazetteer's
``name_en`` (``Pope Francis``, ``Federal Constitutional Court``) is a lookup key of the entity search
(web list and API, the search page's actor box, ``timeline NAME``, ``search --entity NAME``), and
``stories``/``timeline --lang en`` name gazetteer actors in English as ``brief --lang en`` does."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from lagebild.cli import main
from lagebild.pipeline import ingest
from lagebild.store import Store, browse
from lagebild.store.names import find_entities
from lagebild.web import create_app

from .test_english_names import ENGLISH, GERMAN, _write

pytestmark = pytest.mark.both_stores


def _target(store: Store) -> str:
    """What ``--db`` and ``create_app`` take for the fixture's store (file or URL)."""
    t = store.target
    return t.path if t.path is not None else t.url.render_as_string(hide_password=False)


@pytest.fixture
def filled(store, tmp_path) -> Store:
    assert ingest([str(_write(tmp_path / "in"))], store, workers=1).ok
    return store


def test_find_entities_by_english_name(filled):
    """The English name matches as a name does, folded (case, hyphens), and by its words."""
    for de, en in zip(GERMAN, ENGLISH, strict=True):
        (c,) = find_entities(filled.db, en)
        assert (c.name, c.match) == (de, "name")
        assert [x.name for x in find_entities(filled.db, en.upper())] == [de]
    assert [c.name for c in find_entities(filled.db, "Francis")] == ["Papst Franziskus"]
    assert [c.name for c in find_entities(filled.db, "Papst Franziskus")] == ["Papst Franziskus"]  # still
    folded = {e["name"]: e["folded"] for e in browse.entity_index(filled.db)}
    assert "pope francis" in folded["Papst Franziskus"] and "papst franziskus" in folded["Papst Franziskus"]


def test_cli_timeline_and_search_find_an_entity_by_english_name(filled, capsys):
    db = _target(filled)
    (court,) = find_entities(filled.db, "Bundesverfassungsgericht")
    assert main(["timeline", "Federal Constitutional Court", "--db", db]) == 0
    assert capsys.readouterr().out.startswith(f"entity {court.id}: Bundesverfassungsgericht\n")
    assert main(["timeline", "Federal Constitutional Court", "--lang", "en", "--db", db]) == 0
    assert capsys.readouterr().out.startswith(f"entity {court.id}: Federal Constitutional Court\n")
    assert main(["timeline", "Bundesverfassungsgericht", "--lang", "de", "--db", db]) == 0
    assert capsys.readouterr().out.startswith(f"entity {court.id}: Bundesverfassungsgericht\n")
    assert main(["search", "Asylpolitik", "--mode", "keyword", "--entity", "Pope Francis", "--json",
                 "--db", db]) == 0  # fmt: skip
    assert len(json.loads(capsys.readouterr().out)["results"]) == 1


def test_cli_stories_lang_en_names_actors_in_english(filled, capsys):
    db = _target(filled)
    assert main(["stories", "--db", db]) == 0
    german = capsys.readouterr().out
    assert f"actors: {', '.join(GERMAN[:3])}" in german and "Pope Francis" not in german  # default: as stored
    assert main(["stories", "--lang", "en", "--db", db]) == 0
    english = capsys.readouterr().out
    assert f"actors: {', '.join(ENGLISH)}" in english and "actors: Papst" not in english
    assert [line for line in english.splitlines() if "actors:" not in line] == [
        line for line in german.splitlines() if "actors:" not in line
    ]


def test_web_entity_search_and_actor_box_find_english_names(filled):
    client = TestClient(create_app(_target(filled)), base_url="http://127.0.0.1")
    (pope,) = client.get("/api/entities", params={"q": "Pope Francis"}).json()["results"]
    assert pope["name"] == "Papst Franziskus"
    listing = client.get("/entities", params={"q": "federal constitutional court", "lang": "en"}).text
    assert ">Federal Constitutional Court</a>" in listing and ">United Nations</a>" not in listing
    page = client.get("/search", params={"q": "Flüchtlinge", "mode": "keyword", "actor": "Pope Francis",
                                         "lang": "en"}).text  # fmt: skip
    assert f'name="entity" value="{pope["id"]}"' in page or f"entity={pope['id']}" in page
    assert 'value="Pope Francis"' in page  # the box shows the actor as the English interface names it
    assert '<option value="Pope Francis">' in page and '<option value="Papst Franziskus">' not in page
    german = client.get("/search", params={"q": "Flüchtlinge", "mode": "keyword", "actor": "Pope Francis"}).text
    assert 'id="actor" name="actor" value="Papst Franziskus"' in german
    assert '<option value="Papst Franziskus">' in german
