"""The interactive timeline and actor network (static/charts.js on the vendored d3).

Browser tests in Debian's Chromium, headless, driven by Selenium against a real uvicorn server
(as ``test_web_ui.py``), with the browser console read for CSP violations; plus the HTML the
server writes for them (data block, ``<noscript>`` fallback, CSP) and the files the wheel ships.
"""

from __future__ import annotations

import glob
import json
import re
import time
import tomllib
from pathlib import Path

import httpx
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait

from lagebild.pipeline import ingest
from lagebild.store import Store
from lagebild.web import create_app

from ._browser import chrome, live_server
from .conftest import EXAMPLES, ROOT

PACKAGE = ROOT / "lagebild"
DEMO = ROOT / "demo"  # the bundled feed: storylines of several dated events
# (The cleaner removes tags such as `<img src=…>` from a text body; `<svg/onload=…>` is no tag to it
# and stays, so escaping is still tested.)
HOSTILE = (
    'Gipfel <svg/onload="window.__pwned=1"> in Genf\n'
    "GENF: Die Delegationen aus Bern und Wien trafen sich am Montag, dem 3. Juni 2024, in Genf. "
    "Der Schweizer Außenminister Ignazio Cassis sagte, man sei zufrieden.\n"
)
KOREA = "st-e86e74917e7d"  # the seed storyline with the demo feed: four dated events, 15 actors


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("interactive")
    (d / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    with Store(d / "ui.db") as s:
        ingest([str(EXAMPLES), str(DEMO), str(d / "hostile.txt")], s)
    return d / "ui.db"


@pytest.fixture(scope="module")
def server(db):
    with live_server(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    b = chrome(tmp_path_factory, console=True)
    yield b
    b.quit()


def _open(browser, url: str, *charts: str) -> None:
    """Load ``url`` and wait until the named charts are drawn; the console log starts empty."""
    browser.get_log("browser")
    browser.get(url)
    for name in charts:
        WebDriverWait(browser, 20).until(
            lambda b, n=name: b.find_element(By.ID, n).get_attribute("data-ready") == "1"
        )


def _csp_violations(browser) -> list[str]:
    return [e["message"] for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]


def _shown(browser) -> tuple[str, str]:
    svg = browser.find_element(By.CSS_SELECTOR, "#timeline svg")
    return svg.get_attribute("data-from"), svg.get_attribute("data-to")


def _days(shown: tuple[str, str]) -> int:
    from datetime import date

    return (date.fromisoformat(shown[1]) - date.fromisoformat(shown[0])).days


def _storyline_of(server: str, word: str) -> str:
    rows = httpx.get(server + "/api/storylines", params={"limit": 100}).json()["results"]
    return next(s["id"] for s in rows if word in s["title"])


def test_web_interactive_storyline_timeline_renders_events(server, browser):
    story = httpx.get(f"{server}/api/storylines/{KOREA}").json()["storyline"]
    _open(browser, f"{server}/storylines/{KOREA}", "timeline", "network")
    items = browser.find_elements(By.CSS_SELECTOR, "#timeline a.tl-item")
    dated = [e for e in story["events"] if e["date"]]
    assert len(items) == len(dated) >= 3
    hrefs = [a.get_dom_attribute("href") for a in items]  # an SVG link: the attribute as written
    assert sorted(hrefs) == sorted(f"/events/{e['id']}" for e in dated)
    tips = [a.find_element(By.TAG_NAME, "title").get_attribute("textContent") for a in items]
    assert all(any(e["title"] in tip for tip in tips) for e in dated)
    assert all(a.find_element(By.CSS_SELECTOR, "text.label").text for a in items)
    # the script drew it: the static image is only in <noscript>, which a scripting browser ignores
    assert not browser.find_elements(By.CSS_SELECTOR, "#timeline-figure img")
    assert browser.find_element(By.ID, "timeline").is_displayed()
    # the axis speaks the page's language and shows days, not hours
    ticks = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "#timeline .axis .tick text")]
    assert ticks and all(re.fullmatch(r"(Mo|Di|Mi|Do|Fr|Sa|So) \d{1,2}\.|\d{1,2}\. \w+|\w{3}|\d{4}", t) for t in ticks)
    assert _csp_violations(browser) == []


def test_web_interactive_english_page_keeps_its_language_in_links_and_axis(server, browser):
    _open(browser, f"{server}/storylines/{KOREA}?lang=en", "timeline", "network")
    assert all(a.get_dom_attribute("href").endswith("?lang=en")
               for a in browser.find_elements(By.CSS_SELECTOR, "#timeline a.tl-item, #network a.node"))  # fmt: skip
    ticks = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "#timeline .axis .tick text")]
    assert any(re.fullmatch(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2}|(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug) \d{1,2}", t)
               for t in ticks)  # fmt: skip
    assert browser.find_element(By.CSS_SELECTOR, "#timeline button[data-zoom='reset']").text == "Reset"


def test_web_interactive_timeline_zoom_and_pan_change_the_visible_range(server, browser):
    _open(browser, f"{server}/storylines/{KOREA}", "timeline")
    start = _shown(browser)
    assert browser.find_element(By.CSS_SELECTOR, "#timeline .ichart-range").text == f"{start[0]} – {start[1]}"
    browser.find_element(By.CSS_SELECTOR, "#timeline button[data-zoom='in']").click()
    zoomed = _shown(browser)
    assert _days(zoomed) < _days(start) and start[0] <= zoomed[0] and zoomed[1] <= start[1]
    for _ in range(2):
        browser.find_element(By.CSS_SELECTOR, "#timeline button[data-zoom='out']").click()
    assert _days(_shown(browser)) > _days(start)
    browser.find_element(By.CSS_SELECTOR, "#timeline button[data-zoom='reset']").click()
    assert _shown(browser) == start
    # Ctrl + wheel zooms in; a plain wheel leaves the chart alone (it scrolls the page)
    wheel = ("const s = document.querySelector('#timeline svg'), r = s.getBoundingClientRect();"
             "s.dispatchEvent(new WheelEvent('wheel', {deltaY: -400, ctrlKey: arguments[0], bubbles: true,"
             " cancelable: true, clientX: r.x + r.width / 2, clientY: r.y + 40}));")  # fmt: skip
    browser.execute_script(wheel, False)
    assert _shown(browser) == start
    browser.execute_script(wheel, True)
    assert _days(_shown(browser)) < _days(start)
    browser.find_element(By.CSS_SELECTOR, "#timeline button[data-zoom='reset']").click()
    # dragging pans: same span, later dates
    svg = browser.find_element(By.CSS_SELECTOR, "#timeline svg")
    ActionChains(browser).move_to_element_with_offset(svg, 0, -svg.size["height"] // 2 + 12) \
        .click_and_hold().move_by_offset(-150, 0).move_by_offset(-150, 0).release().perform()
    panned = _shown(browser)
    assert panned[0] > start[0] and abs(_days(panned) - _days(start)) <= 1
    assert _csp_violations(browser) == []


_TICKS = ("return d3.selectAll(arguments[0] + ' .axis .tick').data()"
          ".map(d => [d.toISOString().slice(0, 10), d.getUTCDay()]);")


@pytest.mark.parametrize("lang", ["", "?lang=en"])
def test_web_interactive_week_ticks_fall_on_mondays(server, browser, lang):
    """Weekly ticks start the week on Monday (ISO 8601) on German and English pages; d3's own
    week ticks fall on Sundays."""
    weekly = []
    for url, chart in ((f"/storylines/{KOREA}", "#timeline"), ("/entities/Q423", "#timeline")):
        _open(browser, server + url + lang, "timeline")
        for _ in range(12):  # zoom out until the ticks are a week or two apart (or months)
            ticks = browser.execute_script(_TICKS, chart)
            steps = {(_days((a[0], b[0]))) for a, b in zip(ticks, ticks[1:], strict=False)}
            if steps and steps <= {7, 14}:
                weekly.append(ticks)
                assert all(day == 1 for _, day in ticks), ticks  # Monday
            browser.find_element(By.CSS_SELECTOR, f"{chart} button[data-zoom='out']").click()
    assert weekly, "no zoom level showed weekly ticks"
    if not lang:  # a Monday is labelled with its date ("3. Jun"), other days with their weekday
        labels = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "#timeline .axis .tick text")]
        assert not any(t.startswith("So ") for t in labels)


def test_web_interactive_timeline_click_opens_the_event(server, browser):
    _open(browser, f"{server}/storylines/{KOREA}", "timeline")
    item = browser.find_elements(By.CSS_SELECTOR, "#timeline a.tl-item")[1]
    target = server + item.get_dom_attribute("href")
    item.find_element(By.CSS_SELECTOR, "text.label").click()
    WebDriverWait(browser, 20).until(lambda b: b.current_url == target)
    assert re.fullmatch(re.escape(server) + r"/events/ev-[0-9a-f]+", browser.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text


def test_web_interactive_network_strongest_ties_link_to_actors(server, browser):
    _open(browser, f"{server}/storylines/{KOREA}", "network")
    data = json.loads(browser.find_element(By.ID, "network-data").get_attribute("textContent"))
    nodes = browser.find_elements(By.CSS_SELECTOR, "#network a.node")
    assert 2 <= len(nodes) <= 15 and len(nodes) == len(data["nodes"])
    names = {n.find_element(By.CSS_SELECTOR, "text.label").text for n in nodes}
    assert names == {n["name"] for n in data["nodes"]} and "Nordkorea" in names
    assert len(browser.find_elements(By.CSS_SELECTOR, "#network line.tie")) == len(data["edges"])
    # no two labels overlap
    boxes = browser.execute_script(
        "return [...document.querySelectorAll('#network .label-bg')].map(r => {"
        " const b = r.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; })"
    )
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5)
    node = next(n for n in nodes if n.find_element(By.CSS_SELECTOR, "text.label").text == "Nordkorea")
    node.find_element(By.TAG_NAME, "circle").click()
    WebDriverWait(browser, 20).until(lambda b: "/entities/" in b.current_url)
    assert "Nordkorea" in browser.find_element(By.TAG_NAME, "h1").text


def test_web_interactive_entity_timeline_starts_at_the_dense_period(server, browser):
    _open(browser, f"{server}/entities/Q423", "timeline")
    items = browser.find_elements(By.CSS_SELECTOR, "#timeline a.tl-item")
    assert len(items) >= 10
    start = _shown(browser)
    assert start[0] >= "2024-01-01"  # a 2019 reference does not stretch the axis ...
    outside = browser.find_elements(By.CSS_SELECTOR, "#timeline a.tl-item.outside")
    assert outside and all(o.find_element(By.CSS_SELECTOR, "text.label").text.startswith("2019") for o in outside)
    for _ in range(10):  # ... and zooming out reaches it
        browser.find_element(By.CSS_SELECTOR, "#timeline button[data-zoom='out']").click()
    assert _shown(browser)[0] <= "2019-12-31"
    assert not browser.find_elements(By.CSS_SELECTOR, "#timeline a.tl-item.outside")
    assert all(re.match(r"/(events|articles)/", a.get_dom_attribute("href")) for a in items)
    assert _csp_violations(browser) == []


def test_web_interactive_entity_network_centres_the_entity(server, browser):
    _open(browser, f"{server}/entities/Q423", "timeline", "network")
    nodes = browser.find_elements(By.CSS_SELECTOR, "#network a.node")
    assert 2 <= len(nodes) <= 15
    centre = browser.find_element(By.CSS_SELECTOR, "#network a.node.centre")
    assert centre.get_dom_attribute("href") == "/entities/Q423"
    assert centre.find_element(By.CSS_SELECTOR, "text.label").text == "Nordkorea"
    other = next(n for n in nodes if "centre" not in n.get_attribute("class"))
    target = server + other.get_dom_attribute("href")
    other.find_element(By.TAG_NAME, "circle").click()
    WebDriverWait(browser, 20).until(lambda b: b.current_url == target)
    assert _csp_violations(browser) == []


def test_web_interactive_hostile_title_stays_text(server, browser):
    sid = _storyline_of(server, "Gipfel")
    _open(browser, f"{server}/storylines/{sid}", "timeline")
    label = browser.find_element(By.CSS_SELECTOR, "#timeline a.tl-item text.label").text
    tip = browser.find_element(By.CSS_SELECTOR, "#timeline a.tl-item title").get_attribute("textContent")
    assert '<svg/onload="window.__pwned=1">' in tip and "Gipfel <svg" in label
    # one short event: the first view is wider than the entries; reset returns to it
    start = _shown(browser)
    browser.find_element(By.CSS_SELECTOR, "#timeline button[data-zoom='reset']").click()
    assert _shown(browser) == start
    assert not browser.find_elements(By.CSS_SELECTOR, "#timeline img, #timeline-figure img")
    assert browser.execute_script("return window.__pwned === undefined")
    assert _csp_violations(browser) == []


def test_web_interactive_console_reports_csp_violations(server, browser):
    """The check above can fail: an inline script the page would run is refused and logged."""
    _open(browser, f"{server}/storylines/{KOREA}", "timeline")
    browser.execute_script(
        "const s = document.createElement('script'); s.textContent = 'window.__inline = 1';"
        " document.body.appendChild(s);"
    )
    assert browser.execute_script("return window.__inline === undefined")
    time.sleep(0.2)
    assert _csp_violations(browser)


def test_web_interactive_without_script_the_server_plots_show(server, tmp_path_factory):
    b = chrome(tmp_path_factory, script=False, console=True)
    try:
        b.get(f"{server}/storylines/{KOREA}")
        assert not b.find_element(By.ID, "timeline").is_displayed()  # hidden: nothing draws it
        for fig in ("timeline-figure", "network-figure"):
            img = b.find_element(By.CSS_SELECTOR, f"#{fig} img")
            WebDriverWait(b, 20).until(lambda _, i=img: i.get_property("complete"))
            assert img.is_displayed() and img.get_property("naturalWidth") > 100
    finally:
        b.quit()


# -- without a browser: what the server writes, what the wheel ships ------------------------------


def test_web_interactive_page_embeds_escaped_data_and_noscript_fallback(server):
    sid = _storyline_of(server, "Gipfel")
    r = httpx.get(f"{server}/storylines/{sid}")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe" not in csp
    page = r.text
    block = re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', page, re.S)
    assert block and "<svg" not in block[1] and "\\u003csvg" in block[1]
    assert json.loads(block[1])["items"][0]["text"].startswith('Gipfel <svg/onload="window.__pwned=1">')
    assert re.search(rf'<noscript><img src="/charts/{sid}/timeline.svg"', page)
    assert '<div class="ichart" id="timeline"' in page and " hidden>" in page
    # the only scripts are the package's own files
    srcs = re.findall(r"<script\b([^>]*)>", page)
    assert all('type="application/json"' in s or re.search(r'src="/static/[\w/.]+\.js"', s) for s in srcs)
    for path in ("/static/vendor/d3.min.js", "/static/charts.js"):
        js = httpx.get(server + path)
        assert js.status_code == 200 and "javascript" in js.headers["content-type"]


def test_web_interactive_timeline_data_spans_and_first_view(server):
    page = httpx.get(f"{server}/storylines/{KOREA}").text
    assert page.count("<noscript>") == 2
    from lagebild.web.charts import entry_timeline_data, event_timeline_data

    assert entry_timeline_data([]) == {"items": [], "view": None, "undated": 0}
    data = event_timeline_data([{"id": "ev-1", "title": "A", "date": "2024-W26", "end": "2024-06-25"},
                                {"id": "ev-2", "title": "B", "date": None, "end": None}])  # fmt: skip
    assert data["undated"] == 1 and data["items"][0]["start"] == "2024-06-24"
    assert data["items"][0]["end"] == "2024-06-30" and data["view"] == ["2024-06-22", "2024-06-26"]


def test_web_interactive_storyline_page_leaves_the_figures_to_their_urls(db, monkeypatch):
    """The page no longer draws the matplotlib timeline it does not show (most of the CPU of a
    cold storyline page, docs/benchmarks.md); the <img> in <noscript> asks for it."""
    from fastapi.testclient import TestClient

    from lagebild.present import plot

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the page drew a figure")

    monkeypatch.setattr(plot, "timeline_figure", refuse)
    monkeypatch.setattr(plot, "network_figure", refuse)
    client = TestClient(create_app(db), base_url="http://127.0.0.1:8000")
    page = client.get(f"/storylines/{KOREA}")
    assert page.status_code == 200
    assert f'<noscript><img src="/charts/{KOREA}/timeline.svg"' in page.text
    assert f'<noscript><img src="/charts/{KOREA}/network.svg"' in page.text


def test_web_interactive_entity_network_is_the_static_plots_choice(db):
    from fastapi.testclient import TestClient

    from lagebild.present.plot import network_data, network_figure

    with Store(db) as store:
        data = network_data(store, "Q423")
        fig = network_figure(store, "Q423", "Nordkorea")
    names = [n["name"] for n in data["nodes"]]
    assert names == fig.lagebild["nodes"] and "Nordkorea" in names and len(names) <= 15
    assert data["centre"] == "Q423"
    assert len(data["edges"]) == len(fig.lagebild["edges"])
    client = TestClient(create_app(db), base_url="http://127.0.0.1:8000")
    svg = client.get("/charts/Q423/network.svg")
    assert svg.status_code == 200 and "Nordkorea" in svg.text
    assert client.get("/charts/Q999999999/network.png").status_code == 404


def test_web_interactive_wheel_ships_the_static_files():
    """Every file under web/static matches the package-data globs the wheel is built from."""
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["lagebild"]
    shipped = {Path(p) for g in globs for p in glob.glob(g, root_dir=PACKAGE, recursive=True)}
    static = {p.relative_to(PACKAGE) for p in (PACKAGE / "web" / "static").rglob("*") if p.is_file()}
    assert Path("web/static/vendor/d3.min.js") in static and Path("web/static/vendor/LICENSE.d3") in static
    assert static <= shipped, sorted(map(str, static - shipped))
