"""Plots on the storyline and entity pages, exported as SVG and PNG; independent outlets shown."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from lagebild.pipeline import ingest
from lagebild.store import Store
from lagebild.web import create_app

from .conftest import EXAMPLES


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    path = tmp_path_factory.mktemp("plots") / "p.db"
    with Store(path) as s:
        assert ingest([str(EXAMPLES)], s, workers=1).ok
    return TestClient(create_app(str(path)), base_url="http://127.0.0.1:8000")


def _storyline(client: TestClient) -> dict:
    return client.get("/api/storylines").json()["results"][0]


def test_web_plots_storyline_page_embeds_and_exports_both_plots(client):
    sid = _storyline(client)["id"]
    page = client.get(f"/storylines/{sid}").text
    for kind in ("timeline", "network"):
        for fmt in ("svg", "png"):
            assert f'/charts/{sid}/{kind}.{fmt}"' in page
    assert re.search(r"\d+ unabhängige Quellen? \(Agenturkopien einmal gezählt\)", page)
    svg = client.get(f"/charts/{sid}/timeline.svg")
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    assert ET.fromstring(svg.text).tag.endswith("svg")
    net = client.get(f"/charts/{sid}/network.svg")
    assert net.status_code == 200 and "Nordkorea" in net.text
    png = client.get(f"/charts/{sid}/network.png")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")


def test_web_plots_entity_page_timeline(client):
    page = client.get("/entities/Q423").text
    assert '/charts/Q423/timeline.svg"' in page and '/charts/Q423/timeline.png"' in page
    r = client.get("/charts/Q423/timeline.png")
    assert r.status_code == 200 and r.content.startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "url",
    ["/charts/Q999999999/network.svg", "/charts/st-0000000000/timeline.svg", "/charts/Q423/timeline.pdf",
     "/charts/nope/timeline.svg"],  # fmt: skip
)
def test_web_plots_unknown_is_404(client, url):
    assert client.get(url).status_code == 404


def test_web_plots_event_page_shows_independent_outlets(client):
    ev = _storyline(client)["events"][0]["id"]
    page = client.get(f"/events/{ev}").text
    assert re.search(r"\d+ unabhängige Quellen? \(Agenturkopien einmal gezählt\)", page)
