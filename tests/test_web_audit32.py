"""Page errors a new user met in the stop-32 audit: a stale link answered with the bare text
``404 article not found`` in English, without the site's navigation, on the German interface."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from lagebild.store import Store
from lagebild.web import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("err") / "empty.db"
    Store(str(db)).close()
    return TestClient(create_app(str(db)), base_url="http://127.0.0.1")


@pytest.mark.parametrize(
    ("url", "status", "heading"),
    [
        ("/articles/abcdef0123456789", 404, "Nicht gefunden"),
        ("/storylines/st-ffffffffffff", 404, "Nicht gefunden"),
        ("/no/such/page", 404, "Nicht gefunden"),
        ("/articles/abcdef0123456789?lang=en", 404, "Not found"),
        ("/entities?offset=-1", 400, "Ungültige Anfrage"),
    ],
)
def test_web_audit32_page_errors_are_pages_in_the_interface_language(client, url, status, heading) -> None:
    r = client.get(url)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")
    assert re.search(rf"<h1>{heading}</h1>", r.text)
    assert 'href="/search' in r.text and "<nav" in r.text  # somewhere to go on from
    assert "not found" not in r.text  # no English technical text on the German page
    assert "default-src 'none'" in r.headers["content-security-policy"]


def test_web_audit32_api_errors_stay_json(client) -> None:
    r = client.get("/api/articles/abcdef0123456789")
    assert r.status_code == 404 and r.json() == {"ok": False, "error": "article not found", "errors": [], "status": 404}
