"""What an analyst's morning on a real feed (10kGNAD + PolNeAR + the demo) found wrong in the pages.

Each test pins one defect of the 2026-12-06 UI audit (``bench/analyst_audit.py pages``): a
source number shown twice in one briefing item, one article cited twice in one timeline entry, a
briefing heading over an empty section, a storyline card listing 4 of 13 events with no way to
see there are more, event titles with the feed's closing full stop, and internal codes
(``(filename)``, ``no-title``) on the German article page.
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from lagebild.group.timelines import Citation, Entry
from lagebild.pipeline import ingest
from lagebild.present.brief import Briefing, Item
from lagebild.store import Store
from lagebild.web import create_app
from lagebild.web._i18n import text_for
from lagebild.web.templating import Renderer


def _story(n_events: int) -> dict:
    events = [{"id": f"ev-{i:012x}", "date": f"2016-03-{i + 1:02d}", "title": f"Trump wins state {i}.", "articles": ["a"]}
              for i in range(n_events)]  # fmt: skip
    return {"id": "st-000000000001", "title": "Super Tuesday", "start": "2016-03-01", "end": "2016-03-13",
            "actors": ["Donald Trump"], "events": events, "size": n_events, "sources": 2}  # fmt: skip


@pytest.mark.parametrize(("page", "key"), [("overview.html", "stories"), ("storylines.html", "rows")])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_web_analyst_story_card_says_how_many_events_it_leaves_out(page, key, lang):
    ctx = {key: [_story(13), _story(3)], "recent": [], "stats": {"articles": 16}, "n_stories": 2, "total": 2,
           "sort": "recent", "offset": 0, "step": 20, "min_events": 1}  # fmt: skip
    out = Renderer().render(page, lang, **ctx)
    more = text_for(lang)["n_more_events"].format(9)
    assert out.count(more) == 1  # the 13-event card, not the 3-event one
    assert re.search(r'<a href="/storylines/st-000000000001[^"]*">\+9 ', out)
    # the card's event titles read as headlines (the feed's closing full stop dropped)
    assert "Trump wins state 12</a>" in out and "state 12.</a>" not in out


def _render_brief(brief: Briefing, lang: str = "de") -> str:
    env = Renderer().templates.env
    return env.get_template("_brief.html").render(brief=brief, t=text_for(lang), lang=lang)


def test_web_analyst_briefing_item_cites_each_source_once():
    b = Briefing("event", "ev-000000000001", "Super Tuesday", "Ereignis", lang="de")
    b.sections = [("Wann", [Item("Trump has won Georgia on Super Tuesday.", [1, 1, 1], lead="2016-03-01")])]
    b.sources = [{"n": 1, "article": "9b21d9ab2bcd8816", "title": "The Latest", "source": "breitbart",
                  "published": "2016-03-01"}]  # fmt: skip
    out = _render_brief(b)
    assert out.count('href="#src-1"') == 1


@pytest.mark.parametrize("lang", ["de", "en"])
def test_web_analyst_briefing_names_empty_sections_in_one_line_not_under_headings(lang):
    b = Briefing("event", "ev-000000000001", "Ausstellung eröffnet", "Ereignis", lang=lang)
    b.sections = [("Was geschah", [Item("Die Ausstellung ist eröffnet.", [1])]), ("Wann", []),
                  ("Was die Beteiligten sagten", [])]  # fmt: skip
    b.sources = [{"n": 1, "article": "ddbb9d1f2d6a4b96", "title": "Glanz und Gift", "source": "abendpost",
                  "published": "2024-07-27"}]  # fmt: skip
    out = _render_brief(b, lang)
    assert "<h3>Was geschah</h3>" in out
    assert "<h3>Wann</h3>" not in out and "<li>—</li>" not in out
    assert f"{text_for(lang)['nothing_found']}: Wann · Was die Beteiligten sagten" in out


def test_web_analyst_timeline_entry_cites_an_article_once():
    """A live blog repeats a sentence ('Clinton earned her latest win …' under two time stamps):
    the entry holds both sentences but links the article once."""
    cites = [Citation("9b21d9ab2bcd8816", s, "breitbart", "The Latest", "2016-03-01") for s in (40, 71)]
    entry = Entry(date="2016-03-01", date_from="text", text="Clinton earned her latest win.", event=None,
                  citations=cites)
    story = _story(1) | {"events": []}
    brief = Briefing("storyline", story["id"], story["title"], "Handlungsstrang", lang="de")
    out = Renderer().render("storyline.html", "de", s=story, entries=[entry], brief=brief, chart=False,
                            outlets={"": 1}, tl_data=None, net_data=None)  # fmt: skip
    li = re.search(r'(?s)<ol class="timeline"[^>]*>(.*?)</ol>', out).group(1)
    assert li.count('href="/articles/9b21d9ab2bcd8816"') == 1


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    d = tmp_path_factory.mktemp("analyst")
    # a PolNeAR-style name (publisher_date_slug) and a 10kGNAD-style text: one paragraph, no title line
    (d / "breitbart_2016-03-01_the-latest-sanders-wins.txt").write_text(
        "The Latest: Sanders wins Minnesota Democratic caucuses.\n\n"
        "Democrat Bernie Sanders has earned his latest win in Minnesota.\n", encoding="utf-8")  # fmt: skip
    (d / "gnad_001.txt").write_text(
        "Der Gemeinderat beschließt neue Radwege für die Innenstadt. Wien – Der Gemeinderat hat am Dienstag neue "
        "Radwege beschlossen. Die Opposition kritisierte die Kosten von zwölf Millionen Euro. Die Bauarbeiten sollen "
        "im Frühjahr beginnen und bis zum Herbst dauern, sagte die zuständige Stadträtin.\n",
        encoding="utf-8",
    )
    (d / "usa-today_2016-08-24_turkish-suspect.txt").write_text(
        "Turkish suspect donated to Clinton\n\n"
        "WASHINGTON – A Turkish businessman charged in the United States gave money to the Clinton campaign. "
        "Officials in the United States said on Wednesday that Turkey had asked the United States for his "
        "extradition. The campaign said it would return the money.\n", encoding="utf-8")  # fmt: skip
    with Store(d / "a.db") as s:
        ingest([str(d / "breitbart_2016-03-01_the-latest-sanders-wins.txt"), str(d / "gnad_001.txt")], s,
               enriched=False)  # fmt: skip
        ingest([str(d / "usa-today_2016-08-24_turkish-suspect.txt")], s)
        ids = {a.title[:3]: a.id for a in s.iter_articles()}
    c = TestClient(create_app(str(d / "a.db")), base_url="http://127.0.0.1:8000")
    c.ids = ids  # type: ignore[attr-defined]
    return c


@pytest.mark.parametrize("lang", ["de", "en"])
def test_web_analyst_article_facts_in_words_not_codes(client, lang):
    facts = {}
    for key, aid in client.ids.items():
        page = client.get(f"/articles/{aid}", params={"lang": lang}).text
        facts[key] = page.split('<dl class="facts">')[1].split("</dl>")[0]
    t = text_for(lang)
    assert f"2016-03-01 ({t['from_filename']})" in facts["The"]
    undated = facts["Der"]
    assert "(none)" not in undated and "no-date" not in undated and t["flag_no-date"] in undated
    for f in facts.values():
        assert not re.search(r"\((?:filename|none|body|title)\)|\bno-(?:title|date)\b", f), f



@pytest.mark.parametrize("url", ["/", "/storylines", "STORY"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_web_analyst_english_storyline_names_its_actors_in_english(client, url, lang):
    """The gazetteer names the United States 'Vereinigte Staaten'; an English storyline's card and
    page name it as its articles do, as its briefing and `lagebild stories` do."""
    if url == "STORY":
        st = next(r for r in client.get("/api/storylines").json()["results"] if r["title"].startswith("Turkish"))
        url = f"/storylines/{st['id']}"
    page = client.get(url, params={"lang": lang}).text
    card = page[page.index("Turkish suspect donated"):][:1500]
    assert "United States" in card and "Vereinigte Staaten" not in card
    api = client.get("/api/storylines").json()["results"]  # the API keeps the stored names
    assert any("Vereinigte Staaten" in r["actors"] for r in api)


def _entry(date: str | None, i: int) -> Entry:
    return Entry(date=date, date_from="text", text=f"sentence {i}", event=None,
                 citations=[Citation(f"{i:016x}", 0, "nyt", "t", date)])  # fmt: skip


def test_web_analyst_entity_timeline_shows_the_newest_entries():
    """Donald Trump's page showed the 60 oldest of 670 entries (1981 … 2015-11-14) and nothing
    of 2016; it shows the newest 60 now, undated ones only where there is room."""
    from lagebild.web.entities import newest_entries

    entries = [_entry(f"{1900 + i}", i) for i in range(100)] + [_entry(None, 100)]
    shown = newest_entries(entries, 60)
    assert [e.date for e in shown] == [f"{1900 + i}" for i in range(40, 100)]
    few = [_entry("2016", 1), _entry(None, 2)]
    assert newest_entries(few, 60) == few


@pytest.mark.parametrize("lang", ["de", "en"])
def test_web_analyst_entity_page_says_how_many_entries_it_leaves_out(lang):
    e = {"id": "Q22686", "name": "Donald Trump", "type": "PER", "aliases": [], "roles": [], "articles": [],
         "mentions_by_month": {}, "quotes": []}  # fmt: skip
    entries = [_entry(f"2016-0{m}", m) for m in range(1, 4)]
    out = Renderer().render("entity.html", lang, e=e, entries=entries, n_entries=670, peak=1, chart=False,
                            tl_data=None, net_data=None)  # fmt: skip
    assert text_for(lang)["timeline_newest"].format(3, 670) in out
    assert 'href="/api/timelines/Q22686"' in out
    out = Renderer().render("entity.html", lang, e=e, entries=entries, n_entries=3, peak=1, chart=False,
                            tl_data=None, net_data=None)  # fmt: skip
    assert 'id="timeline-shown"' not in out


@pytest.mark.parametrize("lang", ["de", "en"])
def test_web_analyst_story_dates_read_once(lang):
    """137 undated storylines read 'ohne Datum – ohne Datum', one-day ones '2016-07-05 – 2016-07-05'."""
    undated = text_for(lang)["undated"]
    rows = [_story(1) | {"id": "st-00000000000a", "start": None, "end": None},
            _story(1) | {"id": "st-00000000000b", "start": "2016-07-05", "end": "2016-07-05"},
            _story(2) | {"id": "st-00000000000c", "start": "2016-07-05", "end": "2016-07-19"}]  # fmt: skip
    out = Renderer().render("storylines.html", lang, rows=rows, total=3, sort="recent", offset=0, step=20,
                            min_events=1)  # fmt: skip
    metas = re.findall(r'<span class="meta">([^<·]*) ·', out)
    assert [m.strip() for m in metas] == [undated, "2016-07-05", "2016-07-05 – 2016-07-19"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_web_analyst_long_storyline_timeline_folds_its_older_entries(lang):
    """The 20-article campaign storyline listed 154 timeline entries in one column: the newest 60
    stay open, the older ones fold under '94 ältere Einträge'; undated ones stay at the end."""
    entries = [_entry(f"{1900 + i}", i) for i in range(154)] + [_entry(None, 154)]
    story = _story(1) | {"events": []}
    brief = Briefing("storyline", story["id"], story["title"], "Handlungsstrang", lang=lang)
    ctx = {"s": story, "brief": brief, "chart": False, "outlets": {"": 1}, "tl_data": None, "net_data": None}
    out = Renderer().render("storyline.html", lang, entries=entries, **ctx)
    older, shown = re.findall(r'(?s)<ol class="timeline"[^>]*>(.*?)</ol>', out)
    assert text_for(lang)["n_older_entries"].format(94) in out
    assert older.count("<li>") == 94 and shown.count("<li>") == 61  # the 60 newest dated + the undated one
    assert "<b>1993</b>" in older and "<b>1994</b>" in shown and "<b>2053</b>" in shown and f"<b>{text_for(lang)['undated']}</b>" in shown
    out = Renderer().render("storyline.html", lang, entries=entries[:60], **ctx)
    assert 'id="timeline-older"' not in out and out.count('<ol class="timeline"') == 1
