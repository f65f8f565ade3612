"""Browser tests: Debian's Chromium, headless, driven by Selenium against a real uvicorn server."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

from lagebild.pipeline import ingest
from lagebild.store import Store

from ._browser import chrome, live_server
from .conftest import ARTICLES, EXAMPLES, ROOT

SHOTS = ROOT / "docs" / "screenshots"
# (The cleaner removes tags such as `<script>…</script>`, `<img src=…>` from a text body
# (lagebild/clean/_embeds.py); `<svg/onload=…>` is no tag to it and stays, so escaping is still tested.)
HOSTILE = (
    "Gipfel <svg/onload=window.__pwned=1> in Genf\n"
    "GENF: Die Delegationen <svg/onload=window.__pwned=2> trafen sich am Montag in Genf.\n"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    d = tmp_path_factory.mktemp("ui")
    (d / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    with Store(d / "ui.db") as s:
        ingest([str(EXAMPLES), str(ARTICLES), str(d / "hostile.txt")], s)
    with live_server(d / "ui.db") as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    b = chrome(tmp_path_factory)
    yield b
    b.quit()


def test_web_ui_overview_lists_storylines_and_articles(server, browser):
    browser.get(server + "/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Überblick"
    links = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "table.list a")]
    assert any("Pjöngjang-Moskau-Pakt" in t for t in links)
    assert browser.find_elements(By.CSS_SELECTOR, ".cards li")
    browser.save_screenshot(str(SHOTS / "overview.png"))


def test_web_ui_search_by_keyboard_and_open_article(server, browser):
    browser.get(server + "/")
    box = browser.find_element(By.ID, "q-top")
    box.send_keys("Suedkorea Atomprogramm", Keys.ENTER)
    marks = browser.find_elements(By.CSS_SELECTOR, ".snippet mark")
    assert marks and any(m.text in ("Südkorea", "Atomprogramm", "Atomprogramms") for m in marks)
    browser.save_screenshot(str(SHOTS / "search.png"))
    browser.find_element(By.CSS_SELECTOR, ".hit a").click()
    assert browser.current_url.startswith(server + "/articles/")
    ents = browser.find_elements(By.CSS_SELECTOR, "#body a.ent")
    assert ents and browser.find_elements(By.CSS_SELECTOR, "#body time.tx")
    assert browser.find_elements(By.CSS_SELECTOR, "#body .quote")
    browser.save_screenshot(str(SHOTS / "article.png"))
    # the raw text and the edit log are one click away
    edits = browser.find_element(By.CSS_SELECTOR, "#edits summary")
    edits.click()
    assert browser.find_element(By.CSS_SELECTOR, "#edits table").is_displayed()


def test_web_ui_scraped_script_stays_text(server, browser):
    browser.get(server + "/search?q=Delegationen&mode=keyword")
    browser.find_element(By.CSS_SELECTOR, ".hit a").click()
    assert "<svg/onload=window.__pwned=1>" in browser.find_element(By.TAG_NAME, "h1").text
    assert browser.execute_script("return window.__pwned === undefined")


def test_web_ui_entity_and_storyline_pages(server, browser):
    browser.get(server + "/entities/Q423")
    assert "Nordkorea" in browser.find_element(By.TAG_NAME, "h1").text
    assert browser.find_elements(By.CSS_SELECTOR, "table.bars meter")
    browser.save_screenshot(str(SHOTS / "entity.png"))
    browser.get(server + "/")
    browser.find_element(By.CSS_SELECTOR, ".cards li a").click()
    assert browser.find_element(By.ID, "briefing").is_displayed()
    browser.save_screenshot(str(SHOTS / "storyline.png"))


def test_web_ui_english_interface(server, browser):
    browser.get(server + "/?lang=en")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Overview"


def test_web_ui_analyst_path_search_article_storyline_brief_export(server, browser):
    browser.get(server + "/")
    browser.find_element(By.ID, "q-top").send_keys("Suedkorea Atomprogramm", Keys.ENTER)
    WebDriverWait(browser, 30).until(lambda b: "/search" in b.current_url)
    browser.find_element(By.CSS_SELECTOR, ".hit a").click()
    WebDriverWait(browser, 30).until(lambda b: b.current_url.startswith(server + "/articles/"))
    # article -> its event and storyline
    assert browser.find_element(By.CSS_SELECTOR, "#groups a[href^='/events/']")
    browser.find_element(By.CSS_SELECTOR, "#groups a[href^='/storylines/']").click()
    WebDriverWait(browser, 30).until(lambda b: b.current_url.startswith(server + "/storylines/"))
    assert browser.find_element(By.ID, "briefing").is_displayed()
    # the briefing as Markdown, the members as CSV
    links = {a.text: a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#export a")}
    md = next(h for t, h in links.items() if "Markdown" in t)
    csv_link = next(h for t, h in links.items() if "CSV" in t)
    browser.get(md)
    assert browser.find_element(By.TAG_NAME, "body").text.startswith("#")
    import httpx

    rows = httpx.get(csv_link).text.strip().splitlines()
    assert rows[0].startswith("id,title") and len(rows) >= 2


def test_web_ui_lists_facets_and_entity_search(server, browser):
    browser.get(server + "/storylines?sort=size")
    assert browser.find_elements(By.CSS_SELECTOR, "ol.ranked > li")
    browser.get(server + "/entities")
    box = browser.find_element(By.ID, "q-ents")
    box.send_keys("pjoengjang", Keys.ENTER)
    WebDriverWait(browser, 30).until(lambda b: "q=pjoengjang" in b.current_url)
    names = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#entity-list a")]
    assert "Nordkorea" in names or "Pjöngjang" in names
    browser.get(server + "/articles")
    browser.find_element(By.CSS_SELECTOR, "#facets a[href*='source=dw']").click()
    WebDriverWait(browser, 30).until(lambda b: "source=dw" in b.current_url)
    sources = {td.text for td in browser.find_elements(By.CSS_SELECTOR, "table.list tbody td:nth-child(2)")}
    assert sources == {"dw"}
    browser.save_screenshot(str(SHOTS / "articles.png"))


def test_web_ui_english_stays_english_from_search_to_actor(server, browser):
    """Chosen with ?lang=en, the interface stays English through every click (an actor marked in
    the article's text, its event) and the switch back keeps the page."""
    browser.get(server + "/search?q=Suedkorea+Atomprogramm&mode=keyword&lang=en")
    browser.find_element(By.CSS_SELECTOR, ".hit a").click()
    WebDriverWait(browser, 30).until(lambda b: "/articles/" in b.current_url)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    article = browser.current_url
    browser.find_element(By.CSS_SELECTOR, "#body a.ent").click()
    WebDriverWait(browser, 30).until(lambda b: "/entities/" in b.current_url)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert "Mentions per month" in browser.find_element(By.TAG_NAME, "body").text
    browser.get(article)
    browser.find_element(By.CSS_SELECTOR, "#groups a[href^='/events/']").click()
    WebDriverWait(browser, 30).until(lambda b: "/events/" in b.current_url)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    browser.get(server + "/search?q=Japan&mode=keyword&lang=en")
    browser.find_element(By.CSS_SELECTOR, "a.lang").click()
    WebDriverWait(browser, 30).until(lambda b: "lang=de" in b.current_url)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "de"
    assert browser.find_element(By.ID, "q").get_attribute("value") == "Japan"


def test_web_ui_sources_ranking_agrees_with_the_storyline_page(server, browser):
    """The list ranked by independent sources shows the count the storyline page shows."""
    import re

    browser.get(server + "/storylines?sort=sources")
    first = browser.find_element(By.CSS_SELECTOR, "ol.ranked > li")
    listed = re.search(r"(\d+) unabhängige Quellen?", first.text)
    assert listed, first.text
    first.find_element(By.CSS_SELECTOR, "a").click()
    WebDriverWait(browser, 30).until(lambda b: "/storylines/st-" in b.current_url)
    shown = re.search(r"(\d+) unabhängige Quellen? \(Agenturkopien", browser.find_element(By.TAG_NAME, "body").text)
    assert shown and shown.group(1) == listed.group(1)


def test_web_ui_month_facet_and_storyline_filter_by_name(server, browser):
    browser.get(server + "/articles")
    month = browser.find_element(By.CSS_SELECTOR, "#facets a[href*='month=']")
    value = month.text
    month.click()
    WebDriverWait(browser, 30).until(lambda b: "month=" in b.current_url)
    dates = {td.text[:7] for td in browser.find_elements(By.CSS_SELECTOR, "table.list tbody td:nth-child(1)")}
    assert dates == {value}
    browser.get(server + "/storylines?sort=size")
    title = browser.find_element(By.CSS_SELECTOR, "ol.ranked > li strong").text
    browser.find_element(By.CSS_SELECTOR, "ol.ranked > li a").click()
    browser.find_element(By.CSS_SELECTOR, "#export a[href^='/articles?storyline=']").click()
    WebDriverWait(browser, 30).until(lambda b: "/articles?storyline=" in b.current_url)
    assert f"Handlungsstrang: {title}" in browser.find_element(By.ID, "total").text


def test_web_ui_search_facets_of_the_matches_narrow_the_search(server, browser):
    """The search page counts its matches per source (and language, section, actor, month); a
    click narrows the search to that many matches and sets the form's source."""
    import re

    browser.get(server + "/search?q=Korea&mode=keyword")
    before = int(re.match(r"\d+", browser.find_element(By.ID, "total").text).group())
    first = browser.find_element(By.CSS_SELECTOR, "#hit-facets ul li")
    label = first.find_element(By.TAG_NAME, "a").text
    count = int(first.find_element(By.CSS_SELECTOR, "span.meta").text)
    assert 0 < count < before
    first.find_element(By.TAG_NAME, "a").click()
    WebDriverWait(browser, 30).until(lambda b: "source=" in b.current_url)
    assert browser.find_element(By.ID, "total").text.startswith(f"{count} ")
    chosen = browser.find_element(By.CSS_SELECTOR, "#source option:checked").get_attribute("value")
    assert chosen == label
    assert {s.text.split(" · ")[1] for s in browser.find_elements(By.CSS_SELECTOR, ".hit .meta")} == {label}
