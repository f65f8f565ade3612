""""Did you mean" in the web UI and the JSON API (issue 13 §4): the search page links the corrected
query with the same mode and filters, ``/api/search`` answers a ``suggestion``; both come from the
library's ``lagebild.search.suggest`` and are asked for only when a query has few matches."""

from __future__ import annotations

import html
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import lagebild.web.search as web_search
from lagebild.pipeline import ingest
from lagebild.store import Store
from lagebild.web import create_app

from .conftest import ARTICLES, EXAMPLES
from ._browser import live_server
from .test_web_ui import browser as browser  # noqa: F401 (the Chromium fixture)

# (The cleaner removes tags such as `<script>…</script>` from a text body; `<svg/onload=…>` stays.)
HOSTILE = (
    "Gipfel <svg/onload=alert('titel')> in Genf\n"
    "GENF: Die Delegationen <svg/onload=alert('text')> trafen sich am Montag in Genf.\n"
)


@pytest.fixture(scope="module")
def web_db(tmp_path_factory) -> str:
    d = tmp_path_factory.mktemp("suggest")
    (d / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    with Store(d / "web.db") as s:
        ingest([str(EXAMPLES), str(ARTICLES), str(d / "hostile.txt")], s)
    return str(d / "web.db")


@pytest.fixture(scope="module")
def client(web_db) -> TestClient:
    return TestClient(create_app(web_db), base_url="http://127.0.0.1:8000")


@pytest.mark.parametrize(
    ("q", "better"),
    [("Washingotn", "Washington"), ("Pjoengjnag Moskau", "Pjöngjang Moskau"), ("Delegatoinen", "Delegationen")],
)
@pytest.mark.parametrize("mode", ["keyword", "hybrid"])
def test_web_suggest_api_field(client, q, better, mode):
    body = client.get("/api/search", params={"q": q, "mode": mode}).json()
    assert body["ok"] and body["total"] == 0 and body["suggestion"] == better
    fixed = client.get("/api/search", params={"q": better, "mode": mode}).json()
    assert fixed["total"] > 0 and fixed["suggestion"] is None  # the suggestion finds articles


def test_web_suggest_api_null_when_every_word_is_known(client):
    body = client.get("/api/search", params={"q": "Delegationen", "mode": "keyword"}).json()
    assert body["total"] == 1 and "suggestion" in body and body["suggestion"] is None
    body = client.get("/api/search", params={"q": "Xylophonkonzert", "mode": "keyword"}).json()
    assert body["total"] == 0 and body["suggestion"] is None  # nothing close


def test_web_suggest_openapi_documents_the_field(client):
    doc = client.get("/openapi.json").json()
    ok = doc["paths"]["/api/search"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    schema = doc["components"]["schemas"][ok["$ref"].rsplit("/", 1)[1]]
    assert "suggestion" in schema["required"] and schema["properties"]["suggestion"]["type"] == ["string", "null"]
    assert set(schema["required"]) == set(client.get("/api/search", params={"q": "Japan"}).json())


def _suggestion_link(page: str) -> tuple[str, dict[str, list[str]]]:
    """The suggestion's text and the query of its link, from the search page's HTML."""
    start = page.index('id="suggestion"')
    href = page[page.index('href="', start) + 6 :]
    href, text = href.split('">', 1)
    url = urlsplit(html.unescape(href))
    assert url.path == "/search"
    return text.split("</a>", 1)[0], parse_qs(url.query)


def test_web_suggest_page_links_the_corrected_query_with_mode_and_filters(client):
    page = client.get("/search", params={"q": "Washingotn", "mode": "keyword", "language": "de",
                                         "from": "2020-01-01", "offset": 20}).text  # fmt: skip
    assert "Meinten Sie:" in page
    text, query = _suggestion_link(page)
    assert text == "Washington"
    assert query == {"q": ["Washington"], "mode": ["keyword"], "language": ["de"], "from": ["2020-01-01"]}
    fixed = client.get("/search", params={k: v[0] for k, v in query.items()}).text
    assert 'class="hit"' in fixed and 'id="suggestion"' not in fixed
    english = client.get("/search", params={"q": "Washingotn", "lang": "en"}).text
    assert "Did you mean:" in english and "Meinten Sie" not in english
    assert _suggestion_link(english)[1]["lang"] == ["en"] and _suggestion_link(english)[1]["mode"] == ["hybrid"]
    assert 'id="suggestion"' not in client.get("/search", params={"q": "Washington"}).text


@pytest.mark.parametrize(
    "q",
    ["<script>alert(1)</script> Washingotn", '"><img src=x onerror=alert(1)> Washingotn', "Washingotn &amp; <b>x</b>"],
)
def test_web_suggest_hostile_query_stays_text(client, q):
    better = client.get("/api/search", params={"q": q, "mode": "keyword"}).json()["suggestion"]
    assert better is not None and "Washington" in better
    page = client.get("/search", params={"q": q, "mode": "keyword"}).text
    text, query = _suggestion_link(page)
    assert html.unescape(text) == better and query["q"] == [better]  # shown and linked as typed
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>x</b>" not in page


def test_web_suggest_asked_only_below_the_threshold(client, monkeypatch):
    asked: list[str] = []
    real = web_search.suggest

    def counting(conn, query):
        asked.append(query)
        return real(conn, query)

    monkeypatch.setattr(web_search, "suggest", counting)
    monkeypatch.setattr(web_search, "SUGGEST_BELOW", 2)
    assert client.get("/api/search", params={"q": "Japan", "mode": "keyword"}).json()["total"] >= 2
    client.get("/search", params={"q": "Japan", "mode": "keyword"})
    assert asked == []  # enough hits: no suggestion asked for
    client.get("/api/search", params={"q": "Delegationen", "mode": "keyword"})
    client.get("/search", params={"q": "Washingotn", "mode": "keyword"})
    assert asked == ["Delegationen", "Washingotn"]
    export = client.get("/api/search", params={"q": "Washingotn", "mode": "keyword", "format": "csv"})
    assert export.status_code == 200 and asked == ["Delegationen", "Washingotn"]  # an export does not ask


def test_web_suggest_over_its_budget_is_left_out(client, monkeypatch):
    from lagebild.errors import StoreError

    def slow(conn, query):
        raise StoreError("The query was stopped after 0.5 s, its time budget")

    monkeypatch.setattr(web_search, "suggest", slow)
    r = client.get("/api/search", params={"q": "Washingotn", "mode": "keyword"})
    assert r.status_code == 200 and r.json()["suggestion"] is None
    page = client.get("/search", params={"q": "Washingotn", "mode": "keyword"})
    assert page.status_code == 200 and 'id="suggestion"' not in page.text and 'role="alert"' not in page.text


@pytest.fixture(scope="module")
def server(web_db):
    with live_server(web_db) as url:
        yield url


def test_web_suggest_browser_typo_then_click(server, browser):
    browser.get(server + "/search")
    box = browser.find_element(By.ID, "q")
    box.send_keys("Pjoengjnag Moskau" + Keys.ENTER)
    offer = browser.find_element(By.ID, "suggestion")
    assert offer.text == "Meinten Sie: Pjöngjang Moskau?"
    assert browser.find_elements(By.CSS_SELECTOR, "li.hit") == []
    offer.find_element(By.TAG_NAME, "a").click()
    hits = browser.find_elements(By.CSS_SELECTOR, "li.hit")  # (waits for the next page)
    assert hits and any("Pjöngjang" in h.text for h in hits)
    assert browser.find_element(By.ID, "q").get_attribute("value") == "Pjöngjang Moskau"
    assert not browser.find_elements(By.ID, "suggestion")
    hostile = "<script>window.__pwned=1</script> Washingotn"
    browser.get(server + "/search")
    browser.find_element(By.ID, "q").send_keys(hostile + Keys.ENTER)
    link = browser.find_element(By.CSS_SELECTOR, "#suggestion a")
    # shown as text (the words inside may be corrected too: `script` is no word of this index)
    assert link.text.startswith("<") and "window.__pwned=1</" in link.text and link.text.endswith("> Washington")
    assert browser.execute_script("return window.__pwned === undefined")


def test_web_suggest_docs_name_every_field_and_the_threshold(client):
    from lagebild.search import SUGGEST_BELOW

    from .conftest import ROOT

    row = next(line for line in (ROOT / "docs" / "api.md").read_text(encoding="utf-8").splitlines()
               if line.startswith("| `/api/search"))  # fmt: skip
    body = client.get("/api/search", params={"q": "Japan"}).json()
    for key in [*body, *body["results"][0]]:
        assert f'"{key}"' in row, f"docs/api.md does not name {key}"
    assert f"fewer than {SUGGEST_BELOW} matches" in row
    doc = client.get("/openapi.json").json()
    op = doc["paths"]["/api/search"]["get"]
    assert f"fewer than {SUGGEST_BELOW} matches" in op["description"]
    assert f"fewer than {SUGGEST_BELOW} matches" in doc["components"]["schemas"]["SearchResults"]["properties"][
        "suggestion"]["description"]  # fmt: skip


def test_web_suggest_on_postgresql(pg_server):
    """The same answer from a PostgreSQL store (its statement timeout set for the suggestion
    and reset after it: the next request's search still runs)."""
    url = pg_server.new_database()
    try:
        with Store(url) as s:
            ingest([str(EXAMPLES)], s, workers=1)
        pg = TestClient(create_app(url), base_url="http://127.0.0.1:8000")
        body = pg.get("/api/search", params={"q": "Pjoengjnag Moskau", "mode": "keyword"}).json()
        assert body["total"] == 0 and body["suggestion"] == "Pjöngjang Moskau"
        fixed = pg.get("/api/search", params={"q": body["suggestion"], "mode": "keyword"}).json()
        assert fixed["total"] > 0 and fixed["suggestion"] is None
        page = pg.get("/search", params={"q": "Pjoengjnag Moskau", "mode": "keyword"}).text
        assert _suggestion_link(page) == ("Pjöngjang Moskau", {"q": ["Pjöngjang Moskau"], "mode": ["keyword"]})
    finally:
        pg_server.drop_database(url)
