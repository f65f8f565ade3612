"""Organisations, persons and places in English: the gazetteer's English names (``name_en``) in an
English briefing and in the English web interface (issue 13, "one consistent interface language":
``Vereinte Nationen`` is ``United Nations`` there, as ``Spanien`` is ``Spain``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from lagebild.enrich import gazetteer as gz
from lagebild.group.describe import list_storylines
from lagebild.pipeline import ingest
from lagebild.present.brief import build_briefing, local_actor_names, to_markdown
from lagebild.store import Store
from lagebild.web import create_app

from .conftest import ROOT

pytestmark = pytest.mark.both_stores

POPE = """Papst Franziskus ruft Vereinte Nationen zu Hilfe für Flüchtlinge auf

ROM: Papst Franziskus hat die Vereinten Nationen und die Europäische Union am Montag zu mehr Hilfe für Flüchtlinge im Mittelmeer aufgerufen.

Die Europäische Union müsse ihre Seenotrettung ausweiten, sagte Papst Franziskus vor Pilgern in Rom. Die Vereinten Nationen sollten die Mittel für das Flüchtlingshilfswerk erhöhen.

In Karlsruhe verhandelte das Bundesverfassungsgericht am selben Tag über eine Klage gegen die deutsche Asylpolitik. Das Bundesverfassungsgericht will im Herbst entscheiden.
"""
GERMAN = ["Papst Franziskus", "Vereinte Nationen", "Europäische Union", "Bundesverfassungsgericht"]
ENGLISH = ["Pope Francis", "United Nations", "European Union", "Federal Constitutional Court"]


def _write(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "papst.txt").write_text(POPE, encoding="utf-8")
    (folder / "papst.meta.json").write_text('{"source": "beispielzeitung", "published": "2024-03-04"}')
    return folder / "papst.txt"


def _storyline(store: Store) -> tuple[str, list[str]]:
    (story,) = list_storylines(store.db)
    return story["id"], [a for e in story["events"] for a in e["articles"]]


def test_gazetteer_keeps_english_names_of_orgs_persons_and_places():
    """The shipped file carries ``name_en`` beyond countries: hand-typed for the curated entities,
    the country source's English capital, the EveryPolitician persons' Wikidata English label."""
    by_name = {r["name"]: r for r in map(json.loads, gz._default_path().read_text(encoding="utf-8").splitlines())}
    for de, en in zip(GERMAN, ENGLISH, strict=True):
        assert gz.english_name(by_name[de]["id"]) == en
    assert gz.english_name(by_name["Moskau"]["id"]) == "Moscow"  # a capital
    assert gz.english_name(by_name["Wladimir Putin"]["id"]) == "Vladimir Putin"
    assert by_name["Bojko Borissow"].get("source") == "everypolitician"
    assert gz.english_name(by_name["Bojko Borissow"]["id"]) == "Boyko Borisov"  # Wikidata's label
    assert gz.english_name(by_name["Donald Trump"]["id"]) is None  # the same name: none
    assert gz.display_name(by_name["Europäische Union"]["id"], "Europäische Union", "de") == "Europäische Union"


def test_gazetteer_build_english_names_come_from_the_sources():
    """The build steps: a curated English name must name an entity; an EveryPolitician label
    that is a peer's title, non-Latin or the same name gives none."""
    sys.path.insert(0, str(ROOT / "training" / "gazetteer"))
    import curated
    from everypolitician import english_label

    by_name = {r["name"]: r for r in map(json.loads, gz._default_path().read_text(encoding="utf-8").splitlines())}
    assert by_name["Peking"]["name_en"] == "Beijing"  # a capital: the country source's name
    assert "name_en" not in by_name["Washington"]  # its source's `Washington, D.C.` is ambiguous
    assert "name_en" not in by_name["Hamburg"]
    assert english_label("Ted Kennedy", "Edward Kennedy") == "Ted Kennedy"
    assert english_label("George Robertson, Baron Robertson of Port Ellen", "George Robertson") is None
    assert english_label("Владимир", "Wladimir") is None and english_label("Angela Merkel", "Angela Merkel") is None
    assert set(curated.ENGLISH) <= set(by_name)  # (build.py refuses a name of no entity)
    assert all(by_name[de]["name_en"] == en for de, en in curated.ENGLISH.items())


def test_english_briefing_names_orgs_and_persons_in_english(store, tmp_path):
    """An English briefing (and the English names of a storyline's actors) of a German storyline
    names the gazetteer's organisations and persons in English; the German one as stored."""
    assert ingest([str(_write(tmp_path / "in"))], store, workers=1).ok
    sid, members = _storyline(store)
    assert local_actor_names(store, sid, members)[:4] == GERMAN
    assert local_actor_names(store, sid, members, "en")[:4] == ENGLISH
    english = to_markdown(build_briefing(store, "storyline", sid, lang="en"))
    who = english.split("## Who was involved", 1)[1].split("##", 1)[0]
    for de, en in zip(GERMAN, ENGLISH, strict=True):
        assert f"**{en}**" in who and f"**{de}**" not in who, who
    assert "**Pope Francis**: (paraphrased)" in english  # the speaker too
    german = to_markdown(build_briefing(store, "storyline", sid, lang="de"))
    assert "**Vereinte Nationen**" in german and "United Nations" not in german


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    d = tmp_path_factory.mktemp("english")
    with Store(d / "web.db") as s:
        assert ingest([str(_write(d / "in"))], s, workers=1).ok
    return TestClient(create_app(d / "web.db"), base_url="http://127.0.0.1")


def _ids(client: TestClient) -> dict[str, str]:
    rows = client.get("/api/entities?limit=100").json()["results"]
    return {r["name"]: r["id"] for r in rows}


def test_web_english_interface_names_entities_in_english(client):
    """Entity page, entity list, article page and storyline page of the English interface show
    the English names; the German interface the stored ones."""
    ids = _ids(client)
    un = ids["Vereinte Nationen"]
    page = client.get(f"/entities/{un}?lang=en").text
    assert "<h1>United Nations " in page and "<title>United Nations" in page and "Vereinte Nationen <" not in page
    assert "<h1>Vereinte Nationen " in client.get(f"/entities/{un}").text
    listing = client.get("/entities?lang=en").text
    for de, en in zip(GERMAN, ENGLISH, strict=True):
        assert f">{en}</a>" in listing and f">{de}</a>" not in listing
    assert ">Vereinte Nationen</a>" in client.get("/entities").text
    (article,) = [r["id"] for r in client.get("/api/articles").json()["results"]]
    assert ">Pope Francis</a>" in client.get(f"/articles/{article}?lang=en").text
    assert ">Papst Franziskus</a>" in client.get(f"/articles/{article}").text
    (story,) = [r["id"] for r in client.get("/api/storylines").json()["results"]]
    english = client.get(f"/storylines/{story}?lang=en").text
    assert "Pope Francis, United Nations, European Union" in english
    assert "Papst Franziskus, Vereinte Nationen, Europäische Union" in client.get(f"/storylines/{story}").text
    assert "Pope Francis, United Nations" in client.get("/storylines?lang=en").text
    assert "Pope Francis, United Nations" in client.get("/?lang=en").text


def test_web_english_network_and_chart_title_name_entities_in_english(client):
    """The entity page's network nodes and the drawn chart's title in the English interface."""
    un = _ids(client)["Vereinte Nationen"]
    page = client.get(f"/entities/{un}?lang=en").text
    assert '"name": "Pope Francis"' in page and '"name": "Papst Franziskus"' not in page
    assert '"name": "Papst Franziskus"' in client.get(f"/entities/{un}").text
    svg = client.get(f"/charts/{un}/timeline.svg?lang=en").text
    assert "United Nations" in svg and "Vereinte Nationen" not in svg


def test_web_english_search_facets_and_drawn_network_name_actors_in_english(client):
    """The search page's actor facet of the matches and the drawn (no-script) network."""
    english = client.get("/search?q=Flüchtlinge&mode=keyword&lang=en").text
    facets = english.split('id="hit-facets"', 1)[1].split("</aside>", 1)[0]
    assert ">United Nations</a>" in facets and ">Vereinte Nationen</a>" not in facets
    german = client.get("/search?q=Flüchtlinge&mode=keyword").text
    assert ">Vereinte Nationen</a>" in german.split('id="hit-facets"', 1)[1].split("</aside>", 1)[0]
    (story,) = [r["id"] for r in client.get("/api/storylines").json()["results"]]
    svg = client.get(f"/charts/{story}/network.svg?lang=en").text
    assert ">Pope Francis</text>" in svg and ">Papst Franziskus</text>" not in svg  # (the title is the headline)
    assert ">Papst Franziskus</text>" in client.get(f"/charts/{story}/network.svg").text
