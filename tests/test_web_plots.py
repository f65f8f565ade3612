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
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("plots") / "p.db"
    with Store(path) as s:
        assert ingest([str(EXAMPLES)], s, workers=1).ok
    return path


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(str(db)), base_url="http://127.0.0.1:8000")


# the count says how it counts: wire copies once, articles of no known outlet together once at most
_OUTLETS = r"\d+ unabhängige Quellen? \(Agenturkopien einmal, Artikel ohne Quelle zusammen höchstens einmal gezählt\)"


def _storyline(client: TestClient) -> dict:
    return client.get("/api/storylines").json()["results"][0]


def test_web_plots_storyline_page_embeds_and_exports_both_plots(client):
    sid = _storyline(client)["id"]
    page = client.get(f"/storylines/{sid}").text
    for kind in ("timeline", "network"):
        for fmt in ("svg", "png"):
            assert f'/charts/{sid}/{kind}.{fmt}"' in page
    assert re.search(_OUTLETS, page)
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
    assert re.search(_OUTLETS, page)


def test_web_plots_storyline_image_shows_the_events_the_interactive_timeline_shows(client):
    """The no-script image (matplotlib) and the d3 timeline draw the same rows: the dated events."""
    import json

    sid = next(s["id"] for s in client.get("/api/storylines", params={"limit": 100}).json()["results"]
               if any(e["date"] for e in s["events"]))  # fmt: skip
    page = client.get(f"/storylines/{sid}").text
    data = json.loads(re.search(r'id="timeline-data">(.*?)</script>', page, re.S)[1])
    for url in (f"/charts/{sid}/timeline.svg", f"/charts/{sid}.svg"):
        svg = client.get(url).text
        texts = " ".join("".join(t.itertext()) for t in ET.fromstring(svg).iter() if t.tag.endswith("text"))
        assert all(f"{i['date']}  {i['text'][:40]}" in texts for i in data["items"]), url
        assert "[n] Artikel" in texts  # the key says what the count is


def test_web_plots_event_timeline_figure_matches_the_first_view():
    from lagebild.present.plot import event_timeline_figure
    from lagebild.web.charts import event_timeline_data

    spans = [("2024-06-03", "2024-06-05"), ("2024-06-06", None), ("2024-W24", None),
             ("2024-06-20", "2024-06-21"), ("1982-05-01", None), (None, None)]
    events = [{"id": f"ev-{i}", "title": f"Ereignis {i}", "date": d, "end": e, "articles": ["a"] * (i + 1)}
              for i, (d, e) in enumerate(spans)]  # fmt: skip
    fig = event_timeline_figure(events, "Titel", lang="de")
    data = event_timeline_data(events)
    assert list(fig.lagebild["xlim"]) == data["view"]  # the image's axis is the chart's first view
    assert fig.lagebild["clipped"] == ["1982-05-01"] and fig.lagebild["undated"] == data["undated"] == 1
    assert fig.lagebild["labels"][0] == "1982-05-01  Ereignis 4 [5]" and len(fig.lagebild["labels"]) == 5


def test_web_plots_storyline_without_dated_sentences_still_gets_a_timeline(db, monkeypatch):
    """A storyline with dated events but no dated sentences (timeline entries) has a timeline."""
    from lagebild.web import records

    monkeypatch.setattr(records, "timeline", lambda store, ref: [])
    fresh = TestClient(create_app(str(db)), base_url="http://127.0.0.1:8000")  # nothing cached
    sid = _storyline(fresh)["id"]
    page = fresh.get(f"/storylines/{sid}").text
    assert 'id="timeline-figure"' in page and 'id="timeline-data"' in page
    assert f'<noscript><img src="/charts/{sid}/timeline.svg"' in page
