"""The HTTP API through the real app: endpoints, validation, one error body, safety, fuzzing."""

from __future__ import annotations

import html
import json
import re
import sqlite3
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from lagebild.pipeline import ingest
from lagebild.store import Store
from lagebild.web import create_app

from .conftest import ARTICLES, EXAMPLES

# (The cleaner removes tags such as `<script>…</script>`, `<img src=…>` from a text body
# (lagebild/clean/_embeds.py); `<svg/onload=…>` is no tag to it and stays, so escaping is still tested.)
HOSTILE = (
    "Gipfel <svg/onload=alert('titel')> in Genf\n"
    "GENF: Die Delegationen <svg/onload=alert('text')> trafen sich am Montag in Genf. "
    "<img src=x onerror=alert(1)> Der Sprecher sagte, man sei zufrieden.\n"
)


@pytest.fixture(scope="module")
def web_db(tmp_path_factory) -> str:
    d = tmp_path_factory.mktemp("web")
    (d / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    with Store(d / "web.db") as s:
        ingest([str(EXAMPLES), str(ARTICLES), str(d / "hostile.txt")], s)
    return str(d / "web.db")


@pytest.fixture(scope="module")
def client(web_db) -> TestClient:
    return TestClient(create_app(web_db), base_url="http://127.0.0.1:8000")


def _ids(client: TestClient) -> dict[str, str]:
    arts = client.get("/api/articles", params={"limit": 100}).json()["results"]
    return {a["title"]: a["id"] for a in arts}


def test_web_api_search_shape_and_pagination(client):
    r = client.get("/api/search", params={"q": "Suedkorea", "mode": "keyword", "limit": 1})
    body = r.json()
    assert r.status_code == 200 and body["total"] >= 2 and len(body["results"]) == 1
    assert {"id", "title", "origins", "published", "snippet", "score"} <= body["results"][0].keys()
    assert body["next_offset"] == 1
    page2 = client.get("/api/search", params={"q": "Suedkorea", "mode": "keyword", "limit": 1, "offset": 1}).json()
    assert page2["results"][0]["id"] != body["results"][0]["id"]


@pytest.mark.parametrize("q", ["Korea", "Atomprogramm Nordkorea"])
def test_web_api_hybrid_total_counts_matches_not_neighbours(client, q):
    """Hybrid `total` counts the articles with the query's words, as keyword search does; the
    articles listed for their meaning alone are `related`, and paging walks through both
    (issue 13 §4)."""
    kw = client.get("/api/search", params={"q": q, "mode": "keyword", "limit": 100}).json()
    body = client.get("/api/search", params={"q": q, "mode": "hybrid", "limit": 2}).json()
    assert body["total"] == kw["total"] and body["related"] > 0, (kw["total"], body)
    seen, offset = [], 0
    while offset is not None:
        page = client.get("/api/search", params={"q": q, "mode": "hybrid", "limit": 2, "offset": offset}).json()
        seen += [r["id"] for r in page["results"]]
        offset = page["next_offset"]
    assert len(seen) == len(set(seen)) == body["total"] + body["related"]
    assert {r["id"] for r in kw["results"]} <= set(seen)
    assert kw["related"] == 0
    # the search page says both numbers
    page = client.get("/search", params={"q": q, "lang": "en"}).text
    assert re.search(rf'id="total">{body["total"]} results? · <span id="related">{body["related"]} more close', page)


@pytest.mark.parametrize(
    "params, words",
    [
        ({"q": ""}, "at least 1 character"),
        ({"q": "x" * 501}, "at most 500"),
        ({"q": "x", "limit": 0}, "greater than or equal to 1"),
        ({"q": "x", "limit": 101}, "less than or equal to 100"),
        ({"q": "x", "mode": "magic"}, "mode"),
        ({"q": "x", "from": "gestern"}, "from"),
        ({"q": "-x"}, "at least one word"),
        ({"q": "x", "entity": "<script>"}, "entity"),
    ],
)
def test_web_api_bad_parameters_get_one_json_error_body(client, params, words):
    r = client.get("/api/search", params=params)
    body = r.json()
    assert r.status_code == 400, body
    assert body["ok"] is False and body["status"] == 400 and isinstance(body["errors"], list)
    assert words in body["error"]


@pytest.mark.parametrize(
    "url", ["/api/articles/abcdef0123", "/api/articles/..%2Fetc", "/api/entities/Q0", "/api/events/ev-0000",
            "/api/storylines/st-ffff", "/api/timelines/nope", "/api/briefings/st-ffff", "/static/../lagebild.db"],
)  # fmt: skip
def test_web_api_unknown_ids_are_404(client, url):
    r = client.get(url)
    assert r.status_code == 404
    if url.startswith("/api"):
        assert r.json()["ok"] is False


def test_web_api_timeline_of_a_name_says_how_to_find_the_id(client):
    """The command line takes an entity by name; the API wants its id and says where to find it."""
    body = client.get("/api/timelines/Suedkorea").json()
    assert body["status"] == 404 and "'Suedkorea' is no storyline id" in body["error"]
    assert "/api/entities?q=" in body["error"]
    body = client.get("/api/briefings/Hochwasser").json()
    assert body["status"] == 404 and "'Hochwasser' is no event id" in body["error"] and "/api/storylines" in body["error"]


def test_web_api_article_entities_quotes(client):
    ids = _ids(client)
    dw = client.get(f"/api/articles/{ids['Seoul, Tokio und Washington verurteilen den Pjöngjang-Moskau-Pakt']}").json()
    rec = dw["article"]
    assert rec["source"] == "dw" and rec["entities"] and rec["times"]
    nk = client.get("/api/entities/Q423").json()["entity"]
    assert nk["name"] == "Nordkorea" and "DVRK" in nk["aliases"] and nk["articles"]
    quotes = client.get("/api/quotes", params={"kind": "direct", "limit": 100}).json()["results"]
    assert quotes and all(q["kind"] == "direct" for q in quotes)
    # paging: next_offset walks every quote once and is null on the last page
    seen, offset = [], 0
    while offset is not None:
        page = client.get("/api/quotes", params={"kind": "direct", "limit": 2, "offset": offset}).json()
        assert len(page["results"]) <= 2
        seen += [(q["article_id"], q["text"]) for q in page["results"]]
        offset = page["next_offset"]
    assert seen == [(q["article_id"], q["text"]) for q in quotes]


def test_web_api_group_quotes_found_under_every_member(client):
    # DW seed: "In einer gemeinsamen Erklärung stellten die Länder …" = USA, Südkorea, Japan
    by_member = {}
    for qid in ("Q30", "Q884", "Q17"):  # USA, Südkorea, Japan
        res = client.get("/api/quotes", params={"speaker": qid, "limit": 100}).json()["results"]
        by_member[qid] = {(q["article_id"], q["text"]) for q in res if len(q["speaker_entities"]) > 1}
        assert all(qid in q["speaker_entities"] for q in res)
    joint = by_member["Q30"] & by_member["Q884"] & by_member["Q17"]
    assert joint, by_member
    # the entity page lists the joint statement for a member that is not its first
    ids = _ids(client)
    dw = ids["Seoul, Tokio und Washington verurteilen den Pjöngjang-Moskau-Pakt"]
    page = client.get("/entities/Q17").text
    assert any(text[:30] in page for aid, text in joint if aid == dw)


def test_web_api_stories_timelines_briefings(client):
    stories = client.get("/api/storylines").json()["results"]
    assert stories and {"id", "title", "start", "end", "actors", "events"} <= stories[0].keys()
    sid = stories[0]["id"]
    assert client.get(f"/api/storylines/{sid}").status_code == 200
    tl = client.get(f"/api/timelines/{sid}").json()["entries"]
    assert tl and all(e["citations"] for e in tl if not e["undated"])
    brief = client.get(f"/api/briefings/{sid}").json()["briefing"]
    assert brief["sections"] and brief["sources"]
    md = client.get(f"/api/briefings/{sid}", params={"format": "md"})
    assert md.status_code == 200 and md.text.startswith("#")


def test_web_api_security_headers_and_escaping(client):
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    # scripts only from the package's own /static files: no inline script, no eval
    assert "default-src 'none'" in csp and "script-src 'self';" in csp and "unsafe" not in csp
    assert "<svg/onload" not in r.text and "&lt;svg/onload=alert(&#39;titel&#39;)&gt;" in r.text
    hostile_id = next(i for t, i in _ids(client).items() if "Gipfel" in t)
    page = client.get(f"/articles/{hostile_id}").text
    assert "<svg/onload" not in page and "<img src=x" not in page
    assert "&lt;svg/onload=alert(&#39;text&#39;)&gt;" in page
    hits = client.get("/search", params={"q": "Delegationen"}).text
    assert "<mark>Delegationen</mark>" in hits and "<svg/onload" not in hits


def test_web_api_pages_render_in_german_and_english(client):
    assert "Überblick" in client.get("/").text
    assert "Overview" in client.get("/", params={"lang": "en"}).text
    assert "Overview" in client.get("/", headers={"Accept-Language": "en-GB,en"}).text
    nk = client.get("/entities/Q423").text
    assert "Nordkorea" in nk and "Erwähnungen pro Monat" in nk


def test_web_api_fuzz_never_500(web_db):
    """schemathesis generates requests for every operation in /openapi.json: never a 500."""
    from hypothesis import given
    from hypothesis import strategies as st

    # schemathesis sends Host: testserver
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(web_db, allow_hosts=["testserver"]))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    strategy = st.one_of([op.as_strategy() for op in operations])

    @given(case=strategy)
    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case):
        response = case.call()
        assert response.status_code < 500, (case.path, case.query, response.text[:300])
        ctype = response.headers.get("content-type", "")
        ctype = ctype[0] if isinstance(ctype, list) else ctype
        if response.status_code >= 400 and ctype.startswith("application/json"):
            body = response.json()
            assert body["ok"] is False and body["status"] == response.status_code and body["error"]

    check()


def test_web_api_serve_binds_loopback_by_default():
    from lagebild.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1"
    assert Path  # noqa: B018


def test_web_api_serve_on_a_busy_port_is_one_clear_error(web_db, capsys):
    """A port another server listens on: one line naming it and what to do, exit 1, before any
    address is announced (it printed the URL, then uvicorn's bind error)."""
    import socket

    from lagebild.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port), "--db", web_db]) == 1
    err = capsys.readouterr().err
    assert f"cannot serve on 127.0.0.1:{port}: address already in use" in err and "http://" not in err


def test_web_api_search_page_filters_by_entity(client):
    page = client.get("/search", params={"q": "Japan", "mode": "keyword", "entity": "Q423"}).text
    assert "Pjöngjang-Moskau-Pakt" in page and "Wasserstoff" not in page
    assert client.get("/search", params={"q": "Japan", "entity": "<x>"}).status_code == 400


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.", ""])
def test_web_api_unknown_host_is_400(web_db, host):
    """DNS rebinding: a page on another name must not read the store through the browser."""
    app = create_app(web_db)
    c = TestClient(app, base_url="http://127.0.0.1:8000")
    r = c.get("/api/articles", headers={"Host": host})
    if host == "localhost.":  # the fully qualified loopback name is the same host
        assert r.status_code == 200
        return
    assert r.status_code == 400, r.text
    assert r.json()["ok"] is False and "allow-host" in r.json()["error"]
    assert c.get("/", headers={"Host": host}).status_code == 400
    assert "default-src 'none'" in c.get("/", headers={"Host": host}).headers["content-security-policy"]


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST"])
def test_web_api_loopback_hosts_answered(web_db, host):
    c = TestClient(create_app(web_db), base_url="http://127.0.0.1:8000")
    assert c.get("/api/articles", headers={"Host": host}).status_code == 200


def test_web_api_allow_host_and_bound_host_added(web_db):
    app = create_app(web_db, bound="192.168.1.20", allow_hosts=["lage.example"])
    c = TestClient(app, base_url="http://127.0.0.1:8000")
    assert c.get("/", headers={"Host": "lage.example:8000"}).status_code == 200
    assert c.get("/", headers={"Host": "192.168.1.20:8000"}).status_code == 200
    assert c.get("/", headers={"Host": "other.example"}).status_code == 400


def test_web_api_serve_allow_host_option():
    from lagebild.cli import build_parser

    args = build_parser().parse_args(["serve", "--allow-host", "a.example", "--allow-host", "b.example"])
    assert args.allow_host == ["a.example", "b.example"]


def test_web_api_405_carries_allow(client):
    for url in ("/api/articles", "/", "/static/style.css"):
        r = client.post(url)
        assert r.status_code == 405 and "GET" in r.headers["allow"], url


def test_web_api_openapi_documents_real_error_codes(client):
    doc = client.get("/openapi.json").json()
    for path, item in doc["paths"].items():
        responses = item["get"]["responses"]
        assert "422" not in responses and "400" in responses, path
        assert ("404" in responses) == ("{" in path), path
    assert doc["components"]["schemas"]["Error"]["required"] == ["ok", "error", "errors", "status"]


def test_web_api_no_docs_pages_that_the_csp_would_break(client):
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404


# -- lists, navigation, export (issue 13 §3) and bounded cost (issue 15 item 9) -------------


def test_web_api_articles_keyset_pages_cover_every_article_once(client):
    first = client.get("/api/articles", params={"limit": 100}).json()
    seen, nxt = [], None
    while True:
        body = client.get("/api/articles", params={"limit": 3, **({"after": nxt} if nxt else {})}).json()
        seen += [a["id"] for a in body["results"]]
        nxt = body["next"]
        if not nxt:
            break
    assert seen == [a["id"] for a in first["results"]] and len(seen) == first["total"]
    # the old offset parameter gives the same page
    assert client.get("/api/articles", params={"limit": 2, "offset": 3}).json()["results"][0]["id"] == seen[3]
    assert client.get("/api/articles", params={"after": "kaputt"}).status_code == 400


def test_web_api_storyline_members_export_csv_and_jsonl(client):
    sid = client.get("/api/storylines", params={"sort": "size"}).json()["results"][0]["id"]
    csv_text = client.get("/api/articles", params={"storyline": sid, "format": "csv", "limit": 100}).text
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("id,title,published") and len(lines) >= 3
    jl = client.get("/api/articles", params={"storyline": sid, "format": "jsonl", "limit": 100})
    assert jl.headers["content-disposition"].startswith("attachment") and len(jl.text.splitlines()) == len(lines) - 1


def test_web_api_search_results_export(client):
    r = client.get("/api/search", params={"q": "Japan", "mode": "keyword", "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "Pjöngjang-Moskau-Pakt" in r.text


@pytest.mark.parametrize(
    "q, words", [("a* b*", "too short"), (" ".join(f"wort{i}" for i in range(13)), "Too many terms")]
)
def test_web_api_query_cost_bounded(client, q, words):
    r = client.get("/api/search", params={"q": q, "mode": "keyword"})
    assert r.status_code == 400 and words in r.json()["error"]


def test_web_api_storylines_ranked_and_paged(client):
    by_size = client.get("/api/storylines", params={"sort": "size", "limit": 100}).json()
    sizes = [s["size"] for s in by_size["results"]]
    assert sizes == sorted(sizes, reverse=True) and by_size["total"] == len(sizes)
    page2 = client.get("/api/storylines", params={"sort": "size", "limit": 1, "offset": 1}).json()["results"]
    assert page2[0]["id"] == by_size["results"][1]["id"]
    events = client.get("/api/events", params={"sort": "sources"}).json()
    assert events["results"] and events["results"][0]["sources"] >= events["results"][-1]["sources"]


@pytest.mark.parametrize("q", ["pjoengjang", "Pjöngjang", "DVRK", "nordkor"])
def test_web_api_entities_found_by_name_alias_and_folding(client, q):
    found = client.get("/api/entities", params={"q": q}).json()["results"]
    assert {"Q423", "Q18808"} & {e["id"] for e in found[:2]}, found[:3]


def test_web_api_list_pages_render_and_escape(client):
    for url in ("/articles", "/articles?source=dw", "/entities?q=korea", "/storylines?sort=sources",
                "/events?sort=size", "/storylines?min_events=2"):  # fmt: skip
        r = client.get(url)
        assert r.status_code == 200, url
        assert "<svg/onload" not in r.text, url
    page = client.get("/articles").text
    assert 'id="facets"' in page and "dw</a>" in page and "&lt;svg/onload" in page


def test_web_api_article_page_links_event_storyline_related(client):
    aid = _ids(client)["Seoul, Tokio und Washington verurteilen den Pjöngjang-Moskau-Pakt"]
    page = client.get(f"/articles/{aid}").text
    assert 'href="/events/ev-' in page and 'href="/storylines/st-' in page
    ev = client.get(f"/api/articles/{aid}").json()["article"]["event"]
    event_page = client.get(f"/events/{ev}").text
    assert "Pjöngjang-Moskau-Pakt</a>" in event_page  # titles, not hex ids
    assert f'<a href="/articles/{aid}">{aid}</a>' not in event_page


def test_web_api_search_page_facets_actor_by_name_no_scores(client):
    page = client.get("/search", params={"q": "Japan", "mode": "keyword", "actor": "Nordkorea"}).text
    assert "Pjöngjang-Moskau-Pakt" in page and "Wasserstoff" not in page
    assert '<select id="source"' in page and re.search(r"<option value=\"dw\"[^>]*>dw \(\d+\)</option>", page)
    assert not re.search(r"\b0\.0\d\d\b", page)  # RRF scores are not shown
    assert 'href="/api/search?q=Japan' in page
    unknown = client.get("/search", params={"q": "Japan", "actor": "Niemandsland"}).text
    assert 'role="alert"' in unknown


def test_web_api_source_filter_in_any_case(client):
    """`source=DW` is the stored `dw` (as `lagebild search --source DW`), in search and lists."""
    lower = client.get("/api/search", params={"q": "Japan", "mode": "keyword", "source": "dw"}).json()
    assert lower["total"] >= 1
    for typed in ("DW", "Dw"):
        r = client.get("/api/search", params={"q": "Japan", "mode": "keyword", "source": typed}).json()
        assert (r["total"], [h["id"] for h in r["results"]]) == (lower["total"], [h["id"] for h in lower["results"]])
        assert {h["source"] for h in r["results"]} == {"dw"}
    arts = client.get("/api/articles", params={"source": "DW"}).json()
    assert arts["total"] == client.get("/api/articles", params={"source": "dw"}).json()["total"] >= 1
    assert client.get("/api/search", params={"q": "Japan", "source": "nyt"}).json()["total"] == 0


@pytest.mark.parametrize("offset", ["-1", "abc", "1000001", "<b>x</b>"])
def test_web_api_search_page_bad_offset_is_said_on_the_page(client, offset):
    """`/search?offset=-1` is the search page with the error, like a bad date or an unknown
    actor (not a plain-text 400); what was typed is escaped. The API keeps its JSON 400."""
    r = client.get("/search", params={"q": "Japan", "mode": "keyword", "offset": offset})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    alert = re.search(r'<p class="error" role="alert">([^<]*)</p>', r.text)
    assert alert and html.escape(offset, quote=False) in alert.group(1)
    assert "<b>x</b>" not in r.text
    assert '<input' in r.text and 'name="q"' in r.text  # the form to fix it
    ok = client.get("/search", params={"q": "Japan", "mode": "keyword", "offset": "0"})
    assert 'role="alert"' not in ok.text and "Pjöngjang-Moskau-Pakt" in ok.text
    api = client.get("/api/search", params={"q": "Japan", "offset": offset})
    assert api.status_code == 400 and api.json()["ok"] is False


def test_web_api_grouping_incomplete_banner(web_db, tmp_path):
    if not hasattr(Store, "grouping_pending"):
        pytest.skip("Store.grouping_pending() not in this lagebild yet")
    copy = tmp_path / "pending.db"
    with sqlite3.connect(web_db) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    c = TestClient(create_app(copy), base_url="http://127.0.0.1")
    assert 'id="pending"' not in c.get("/").text
    with sqlite3.connect(copy) as conn:  # as after a crash during regroup: an article not grouped
        conn.execute("DELETE FROM group_articles WHERE rowid = (SELECT min(rowid) FROM group_articles)")
    c = TestClient(create_app(copy), base_url="http://127.0.0.1")
    assert 'id="pending"' in c.get("/").text and 'id="pending"' in c.get("/?lang=en").text


def test_web_api_citations_never_read_question_mark(client):
    """A citation of an article without a known source says so instead of '[?]'."""
    pages = [f"/storylines/{s['id']}" for s in client.get("/api/storylines", params={"limit": 100}).json()["results"]]
    pages += [f"/events/{e['id']}" for e in client.get("/api/events", params={"limit": 100}).json()["results"]]
    pages += ["/entities/Q423", "/entities/Q884"]
    unknown = 0
    for url in pages:
        page = client.get(url).text
        assert "[?]" not in page and "<span class=\"meta\">? ·" not in page, url
        unknown += page.count("Quelle unbekannt")
    assert unknown  # the hostile test article has no source: its citations say so


def test_web_api_articles_entity_facet_filters(client):
    page = client.get("/articles").text
    assert 'href="/articles?entity=Q423"' in page  # Nordkorea among the top actors, with a count
    only = client.get("/api/articles", params={"entity": "Q423", "limit": 100}).json()
    nk = client.get("/api/entities/Q423").json()["entity"]["articles"]
    assert only["total"] == len(nk) and {a["id"] for a in only["results"]} == {a["id"] for a in nk}
    chip = client.get("/articles", params={"entity": "Q423"}).text
    assert "Akteur: Nordkorea" in chip and "Akteur: Q423" not in chip  # the filter by its name


_GERMAN_UI = ["Handlungsstr", "unabhängige Quelle", "Lagebericht", "ohne Datum", "Zum Inhalt", "Hauptnavigation",
              "Agenturkopien", "Ereignisse", "Zeitleiste", "Überblick", "Erwähnungen", "Dublette"]  # fmt: skip


def _every_page(client) -> list[str]:
    sid = client.get("/api/storylines", params={"sort": "size"}).json()["results"][0]["id"]
    ev = client.get("/api/events", params={"sort": "size"}).json()["results"][0]["id"]
    aid = _ids(client)["Seoul, Tokio und Washington verurteilen den Pjöngjang-Moskau-Pakt"]
    return ["/", "/storylines", "/events", "/articles", "/entities", "/search?q=Japan&mode=keyword",
            f"/storylines/{sid}", f"/events/{ev}", f"/articles/{aid}", "/entities/Q423"]  # fmt: skip


def _visible(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_web_api_pages_show_titles_not_ids_and_words_not_question_marks(client):
    """No hex ids, no `?` for an unknown source or speaker, no `[?]` citation, no raw score:
    a filter, an original, a briefing are named by their titles (issue 13 §3)."""
    sid = client.get("/api/storylines", params={"sort": "size"}).json()["results"][0]["id"]
    ev = client.get("/api/events", params={"sort": "size"}).json()["results"][0]["id"]
    urls = [*_every_page(client), f"/articles?storyline={sid}", f"/articles?event={ev}"]
    for url in urls:
        for lang in ("de", "en"):
            text = _visible(client.get(url, params={"lang": lang}).text)
            assert not re.search(r"\b(?:st-|ev-)?[0-9a-f]{12,}\b", text), (url, lang)
            assert "[?]" not in text and not re.search(r"(?:^|\s)\?(?:\s|$)", text), (url, lang)
            assert not re.search(r"\b0\.\d{3,}\b", text), (url, lang)
    story = client.get(f"/api/storylines/{sid}").json()["storyline"]["title"]
    assert f"Handlungsstrang: {story}" in _visible(client.get("/articles", params={"storyline": sid}).text)


def test_web_api_duplicate_names_its_original_by_title(tmp_path):
    text = ("Hochwasser am Inn: Hohenried räumt die Altstadt\n"
            "HOHENRIED (dpa) - Wegen des steigenden Inns hat die Stadt Hohenried am Sonntag die Altstadt "
            "geräumt. Rund 800 Menschen mussten ihre Wohnungen verlassen, sagte Bürgermeister Thomas Wimmer.\n")  # fmt: skip
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text.replace("Sonntag", "Sonntagmorgen"), encoding="utf-8")
    with Store(tmp_path / "d.db") as s:
        ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], s)
    c = TestClient(create_app(str(tmp_path / "d.db")), base_url="http://127.0.0.1:8000")
    ev = c.get("/api/events").json()["results"][0]["id"]
    dup = next(iter(c.get(f"/api/events/{ev}").json()["event"]["duplicates"]))
    page = _visible(c.get(f"/articles/{dup}").text)
    assert "Dublette von Hochwasser am Inn: Hohenried räumt die Altstadt" in page
    assert not re.search(r"\b[0-9a-f]{12,}\b", page)


def test_web_api_english_links_stay_english(client):
    """A page asked for with ?lang=en links every other page in English (actors marked in the
    text, facets, cited sources); the language switch keeps a search's query."""
    for url in [*_every_page(client), "/articles?source=dw"]:
        page = client.get(url + ("&" if "?" in url else "?") + "lang=en").text
        for href in re.findall(r'href="(/[^"#]*)', page):
            if not href.startswith(("/static/", "/api/", "/charts/")):
                assert "lang=en" in html.unescape(href), (url, href)
    switch = re.search(r'class="lang" href="([^"]+)"', client.get("/search?q=Japan&mode=keyword&lang=en").text)
    assert switch and html.unescape(switch.group(1)) == "?q=Japan&mode=keyword&lang=de"
    assert 'class="lang" href="?lang=en"' in client.get("/").text


def test_web_api_members_export_is_complete(client):
    """The export buttons of a storyline or event give every member, not one page of them."""
    sid = client.get("/api/storylines", params={"sort": "size"}).json()["results"][0]
    size = sid["size"]
    rows = client.get("/api/articles", params={"storyline": sid["id"], "format": "csv", "limit": 1}).text
    assert size >= 2 and len(rows.strip().splitlines()) == size + 1
    assert len(client.get("/api/articles", params={"storyline": sid["id"], "limit": 1}).json()["results"]) == 1


def test_web_api_english_pages_have_no_german_interface_text(client):
    """One interface language (issue 13 §3): headings, counts and briefing headings in English."""
    for url in _every_page(client):
        page = client.get(url, params={"lang": "en"}).text
        found = [w for w in _GERMAN_UI if w in page]
        assert not found, (url, found)
        assert any(w in client.get(url).text for w in _GERMAN_UI), url  # the German page has them


def test_web_api_counts_agree_with_their_noun(client):
    """`1 Ereignis` / `2 Ereignisse`, `1 event` / `2 events`: never `1 Events`."""
    for url in _every_page(client):
        for lang in ("de", "en"):
            page = client.get(url, params={"lang": lang}).text
            assert not re.search(r"\b1 (Events|events|Ereignisse|Quellen|sources|results|articles|storylines|"
                                 r"Handlungsstränge|actors|Akteure|unabhängige Quellen|independent outlets)\b", page), (url, lang)  # fmt: skip
    assert re.search(r"\b\d+ (events?|storylines?)\b", client.get("/events", params={"lang": "en"}).text)


def test_web_api_briefing_follows_the_interface_language(client):
    sid = client.get("/api/storylines", params={"sort": "size"}).json()["results"][0]["id"]
    de = client.get(f"/api/briefings/{sid}", params={"lang": "de"}).json()["briefing"]
    en = client.get(f"/api/briefings/{sid}", params={"lang": "en"}).json()["briefing"]
    assert [h for h, _ in de["sections"]] != [h for h, _ in en["sections"]] or de["subtitle"] != en["subtitle"]
    page = client.get(f"/storylines/{sid}", params={"lang": "en"}).text
    assert all(s["heading"] in page for s in en["sections"])
    for fmt, media in (("md", "text/markdown"), ("html", "text/html"), ("pdf", "application/pdf")):
        r = client.get(f"/api/briefings/{sid}", params={"format": fmt, "lang": "en"})
        assert r.status_code == 200 and r.headers["content-type"].startswith(media), fmt


def test_articles_cursor_beyond_sqlite_integer_is_a_400_not_a_500(client):
    r = client.get("/api/articles", params={"after": "0000-00-00.9300000000000000000"})
    assert r.status_code == 400


def test_web_api_edit_log_in_the_interface_language(client):
    """The cleaner writes its edit log in English; the German article page shows it in German."""
    from lagebild.web._i18n import edit_note

    aid = next(a for a in client.get("/api/articles", params={"limit": 100}).json()["results"])["id"]
    de, en = client.get(f"/articles/{aid}").text, client.get(f"/articles/{aid}", params={"lang": "en"}).text
    assert "<td>entfernt</td>" in de and "<td>removed</td>" not in de
    assert "<td>removed</td>" in en and "<td>entfernt</td>" not in en
    assert edit_note("title (moved to metadata); separator line", "de") == "Titel (in die Metadaten); Trennlinie"
    assert edit_note("a reason not yet listed", "de") == "a reason not yet listed"


def test_web_api_actor_choices_name_each_name_once(web_db, monkeypatch):
    """Two entities of one name (two `Hohenried`s in the demo feed) are one choice in the form."""
    app = create_app(web_db)
    site = app.state.site
    index = site.entity_index()
    twin = {**index[0], "id": "lb:loc:twin"}
    monkeypatch.setattr(site, "entity_index", lambda: [index[0], twin, *index[1:]])
    page = TestClient(app, base_url="http://127.0.0.1:8000").get("/search").text
    names = re.findall(r'<option value="([^"]*)">', page.split('<datalist id="actors">')[1].split("</datalist>")[0])
    assert names[0] == html.escape(index[0]["name"], quote=True) and len(names) == len(set(names))


@pytest.mark.parametrize("kind", ["events", "storylines"])
def test_web_api_lists_count_independent_sources_as_detail_pages_do(client, web_db, kind):
    """List rows (every sort) and detail pages count one thing: independent sources, copies of one
    original once, articles without a known source together once at most (present/sources.py)."""
    from lagebild.present.sources import independent_outlets

    one = kind[:-1]
    with Store(web_db) as store:
        by_sort = {sort: {r["id"]: r["sources"] for r in client.get(f"/api/{kind}", params={
            "sort": sort, "limit": 100}).json()["results"]} for sort in ("recent", "size", "sources")}  # fmt: skip
        differs = 0
        for gid, n in by_sort["sources"].items():
            detail = client.get(f"/api/{kind}/{gid}").json()[one]
            members = [a for e in detail["events"] for a in e["articles"]] if one == "storyline" else detail["articles"]
            assert n == independent_outlets(store, members) == by_sort["recent"][gid] == by_sort["size"][gid]
            page = client.get(f"/{kind}/{gid}").text
            assert re.search(rf"\b{n} unabhängige Quellen? \(Agenturkopien einmal", page), gid
            with sqlite3.connect(web_db) as conn:  # what the lists counted before: distinct source names
                marks = ",".join("?" * len(members))
                distinct = conn.execute(f"SELECT count(DISTINCT source) FROM articles WHERE id IN ({marks})",
                                        members).fetchone()[0]  # fmt: skip
            differs += distinct != n
    assert differs, "the store should hold a group where distinct source names and independent sources differ"
    ranked = list(by_sort["sources"].values())
    assert ranked == sorted(ranked, reverse=True)


def test_web_api_month_facet_filters_articles(client):
    """The month facet (articles per month) is a filter like the others: a click lists that month."""
    page = client.get("/articles").text
    months = re.findall(r'href="/articles\?month=(\d{4}-\d{2})"[^>]*>\1</a> <span class="meta">(\d+)</span>', page)
    assert months
    month, n = months[0]
    got = client.get("/api/articles", params={"month": month, "limit": 100}).json()
    assert got["total"] == int(n) and all(a["published"].startswith(month) for a in got["results"])
    chip = _visible(client.get("/articles", params={"month": month}).text)
    assert f"{n} Artikel · Monat: {month} ✕" in chip
    assert client.get("/api/articles", params={"month": "2024-13"}).status_code == 400
    # year 0 has no calendar date: a clear 400, never a 500 (found by the fuzz test)
    assert client.get("/api/articles", params={"month": "0000-01"}).status_code == 400
    # the last month of the calendar has an end
    assert client.get("/api/articles", params={"month": "9999-12"}).json()["total"] == 0


def test_article_filter_month_bounds():
    """The library filter covers the whole month, December included, and names a bad month."""
    from lagebild.store.browse import ArticleFilter

    _, args = ArticleFilter(month="2024-12").sql()
    assert str(args["f_from"])[:10] == "2024-12-01" and str(args["f_to"])[:10] == "2024-12-31"
    _, args = ArticleFilter(month="2024-02").sql()
    assert str(args["f_to"])[:10] == "2024-02-29"
    with pytest.raises(ValueError, match="0000-01"):
        ArticleFilter(month="0000-01").sql()


def test_web_api_overview_shows_developing_storylines_first(client):
    """The overview's cards: storylines of several articles, most recently continued first, then
    single-article ones (a feed's many singletons do not push what develops off the page)."""
    recent = client.get("/api/storylines", params={"sort": "recent", "limit": 100}).json()["results"]
    want = [s["id"] for s in recent if s["size"] >= 2] + [s["id"] for s in recent if s["size"] < 2]
    cards = re.findall(r'<li><a href="/storylines/(st-[0-9a-f]+)"', client.get("/").text)
    assert cards == want[:20]
    assert want != [s["id"] for s in recent]  # the store has a single-article storyline continued later


def test_web_api_search_results_export_is_complete(client, monkeypatch):
    """The export buttons of a search give every hit (up to 10 000) with the page's mode and
    filters, not the page's 20 or 100 from its position (issue 13 §3)."""
    from lagebild.search import _keyword

    body = client.get("/api/search", params={"q": "Korea", "mode": "keyword", "limit": 1}).json()
    assert body["total"] >= 2
    csv_rows = client.get("/api/search", params={"q": "Korea", "mode": "keyword", "limit": 1, "offset": 1,
                                                 "format": "csv"}).text.strip().splitlines()  # fmt: skip
    assert len(csv_rows) == body["total"] + 1 and csv_rows[0].startswith("id,title,published")
    jl = client.get("/api/search", params={"q": "Korea", "mode": "keyword", "format": "jsonl"})
    ids = [json.loads(line)["id"] for line in jl.text.splitlines()]
    page = client.get("/api/search", params={"q": "Korea", "mode": "keyword", "limit": 100}).json()["results"]
    assert ids == [h["id"] for h in page]  # the same hits in the same order as the pages
    assert jl.headers["content-disposition"] == 'attachment; filename="lagebild-search.jsonl"'
    # the same filter as the page
    lang = page[0]["language"]
    only = client.get("/api/search", params={"q": "Korea", "mode": "keyword", "language": lang, "format": "jsonl"})
    assert {json.loads(line)["language"] for line in only.text.splitlines()} == {lang}
    # the page's links ask for the whole result, not a page from its position
    html_page = client.get("/search", params={"q": "Korea", "mode": "keyword", "offset": 1}).text
    links = re.findall(r'href="(/api/search\?[^"]+)"', html_page)
    assert links and all("offset" not in link and "limit" not in link and "mode=keyword" in link for link in links)
    # more matches than paging ranks (the newest MAX_RANKED): the export still has them all
    monkeypatch.setattr(_keyword, "MAX_RANKED", 1)
    _keyword.clear_cache()
    try:
        every = client.get("/api/search", params={"q": "Korea", "mode": "keyword", "format": "jsonl"}).text
        assert sorted(json.loads(line)["id"] for line in every.splitlines()) == sorted(ids)
    finally:
        _keyword.clear_cache()
    assert client.get("/api/search", params={"q": "a* b*", "format": "csv"}).status_code == 400


def test_web_api_csv_export_guards_formulas():
    """A text cell a spreadsheet would run as a formula is exported with a leading apostrophe;
    JSON Lines keeps the text as it is."""
    from lagebild.web.export import rows_response

    rows = [{"id": "a", "title": '=HYPERLINK("http://x.example","klick")'}, {"id": "b", "title": "-2+3"},
            {"id": "c", "title": "@SUM(A1)"}, {"id": "d", "title": "Gipfel in Genf"}, {"id": "e", "title": ["=1"]}]  # fmt: skip
    text = rows_response(rows, "csv", "t", ["id", "title"]).body.decode()
    cells = [line.split(",", 1)[1] for line in text.splitlines()[1:]]
    assert cells[0].startswith("\"'=HYPERLINK") and cells[1] == "'-2+3" and cells[2] == "'@SUM(A1)"
    assert cells[3] == "Gipfel in Genf"
    jl = rows_response(rows, "jsonl", "t", ["id", "title"]).body.decode()
    assert json.loads(jl.splitlines()[0])["title"].startswith("=HYPERLINK")
