"""The search page's facets count the query's matches (issue 13 §3 "facets with counts"): per
source, language, section, actor and month, each a link that narrows the search; the form's
choices keep counting the whole collection."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs

import pytest
from fastapi.testclient import TestClient

import lagebild.web.search as web_search
from lagebild.errors import StoreError
from lagebild.pipeline import ingest
from lagebild.store import Store
from lagebild.web import create_app

from .conftest import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    d = tmp_path_factory.mktemp("facets")
    with Store(d / "web.db") as s:
        ingest([str(EXAMPLES), str(ROOT / "demo" / "feed")], s)
    return TestClient(create_app(str(d / "web.db")), base_url="http://127.0.0.1:8000")


def _facets(page: str) -> dict[str, list[tuple[str, int, dict[str, list[str]]]]]:
    """heading -> [(label, count, the link's query)] of the aside `hit-facets`."""
    m = re.search(r'<aside class="facets" id="hit-facets">(.*?)</aside>', page, re.S)
    assert m, "no facets of the matches on the page"
    out: dict[str, list[tuple[str, int, dict[str, list[str]]]]] = {}
    for head, body in re.findall(r"<h2>(.*?)</h2>\s*<ul>(.*?)</ul>", m.group(1), re.S):
        out[head] = [(html.unescape(label), int(n), parse_qs(html.unescape(href)))
                     for href, label, n in re.findall(r'<a href="/search\?([^"]*)">(.*?)</a> <span class="meta">(\d+)</span>', body)]  # fmt: skip
    return out


def test_web_search_facets_count_the_matches_not_the_collection(client):
    q = {"q": "Hochwasser", "mode": "keyword"}
    total = client.get("/api/search", params=q).json()["total"]
    page = client.get("/search", params=q).text
    facets = _facets(page)
    assert set(facets) == {"Quelle", "Sprache", "Rubrik", "Akteure", "Monat"}
    assert sum(n for _l, n, _q in facets["Quelle"]) == total  # every match has a source here
    assert sum(n for _l, n, _q in facets["Monat"]) == total
    for label, n, link in facets["Quelle"]:  # a link narrows the search to its count
        assert link["q"] == ["Hochwasser"] and link["mode"] == ["keyword"] and link["source"] == [label]
        assert client.get("/api/search", params={**q, "source": label}).json()["total"] == n
    # the form's choices still count the whole collection: more than the matches
    whole = dict(re.findall(r'<option value="([^"]+)">\1 \((\d+)\)</option>', page))
    assert sum(int(whole[label]) for label, _n, _q in facets["Quelle"]) > total


def test_web_search_facet_links_keep_other_filters_and_months_set_a_range(client):
    page = client.get("/search", params={"q": "Hochwasser", "mode": "keyword", "source": "innbote"}).text
    facets = _facets(page)
    assert [label for label, _n, _q in facets["Quelle"]] == ["innbote"]
    actor_label, actor_n, actor_link = facets["Akteure"][0]
    assert actor_link["source"] == ["innbote"] and actor_link["entity"][0]
    narrowed = client.get("/search", params={k: v[0] for k, v in actor_link.items()}).text
    assert re.search(rf'id="total">{actor_n} Treffer<', narrowed), actor_label
    month, n, link = facets["Monat"][0]
    assert link["from"] == [f"{month}-01"] and link["to"][0].startswith(month) and link["source"] == ["innbote"]
    assert client.get("/api/search", params={k: v[0] for k, v in link.items()}).json()["total"] == n


def test_web_search_facets_left_out_when_over_their_budget(client, monkeypatch):
    def slow(db, rows):
        raise StoreError("The query was stopped after 0.5 s, its time budget")

    monkeypatch.setattr(web_search, "_count_facets", slow)
    page = client.get("/search", params={"q": "Hochwasser", "mode": "keyword"}).text
    assert 'id="hit-facets"' not in page and 'id="total">' in page


def test_web_search_facets_say_when_they_count_only_the_best_matches(client, monkeypatch):
    monkeypatch.setattr(web_search, "FACET_DEPTH", 2)
    q = {"q": "Hochwasser", "mode": "hybrid"}
    page = client.get("/search", params=q).text
    assert "unter den ersten 2 Treffern" in page
    assert sum(n for _l, n, _q in _facets(page)["Quelle"]) == 2
    monkeypatch.setattr(web_search, "FACET_DEPTH", 1000)
    for word in ("Nordkorea", "Ostsee", "Hochwasser"):  # hybrid: neighbours without the words are listed,
        body = client.get("/api/search", params={"q": word, "mode": "hybrid"}).json()  # not counted
        page = client.get("/search", params={"q": word, "mode": "hybrid"}).text
        assert "unter den ersten" not in page
        assert sum(n for _l, n, _q in _facets(page)["Quelle"]) == body["total"]
    assert body["related"] or any(
        client.get("/api/search", params={"q": w, "mode": "hybrid"}).json()["related"] for w in ("Nordkorea", "Ostsee")
    )
