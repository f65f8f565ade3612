"""Search: umlaut folding, transliteration, stemming, phrases, prefixes, filters, semantic, hybrid."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.cli import main
from lagebild.pipeline import ingest
from lagebild.search import Filters, SearchError, normalise, search, snippet
from lagebild.store import Store

from .conftest import ARTICLES, EXAMPLES


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Store:
    s = Store(tmp_path_factory.mktemp("search") / "s.db")
    ingest([str(EXAMPLES), str(ARTICLES)], s)
    yield s
    s.close()


def _titles(hits) -> list[str]:
    return [h.title for h in hits]


@pytest.mark.parametrize(
    "query, title_part",
    [
        ("Suedkorea", "Südkorea und Japan drängen"),
        ("Südkorea", "Südkorea und Japan drängen"),
        ("Pjoengjang", "Pjöngjang-Moskau-Pakt"),
        ("Atomprogramm", "Atomprogramms"),
        ("Atomprogramms", "Atomprogramms"),
        ("Nordkoreas", "Pjöngjang-Moskau-Pakt"),
        ('"gemeinsame Erklärung"', "Pjöngjang-Moskau-Pakt"),
        ("Wasserst*", "Wasserstoff-Strategie"),
        ("refuelling", "India and Australia"),
        ("Australian", "India and Australia"),
    ],
)
def test_search_keyword_folds_and_stems(db, query, title_part):
    hits, total = search(db.conn, query, mode="keyword")
    assert total >= 1 and any(title_part in t for t in _titles(hits)), _titles(hits)


def test_search_keyword_no_false_matches(db):
    hits, total = search(db.conn, "Bundesliga", mode="keyword")
    assert total == 0 and hits == []  # the teaser was cleaned out, so nothing matches
    hits, _ = search(db.conn, "Wasserstoff -Lothringen", mode="keyword")
    assert hits == []


def test_search_phrase_requires_adjacent_words(db):
    assert search(db.conn, '"Erklärung gemeinsame"', mode="keyword")[1] == 0


def test_search_snippet_highlights_and_escapes():
    text = "Vorne <script>alert(1)</script> steht: Südkorea und Japan verhandeln über das Atomprogramm."
    out = snippet(text, [normalise("Suedkorea"), normalise("Atomprogramms")])
    assert "<mark>Südkorea</mark>" in out and "<mark>Atomprogramm</mark>" in out
    assert "<script>" not in out and "&lt;script&gt;" in out


def test_search_filters(db):
    _, total_all = search(db.conn, "Südkorea", mode="keyword")
    hits, total = search(db.conn, "Südkorea", mode="keyword", filters=Filters(source="dw"))
    assert total < total_all and all(h.source == "dw" for h in hits)
    hits, _ = search(db.conn, "Südkorea", mode="keyword", filters=Filters(date_from=dt.date(2024, 6, 1)))
    assert all(h.published and h.published >= "2024-06-01" for h in hits)
    hits, _ = search(db.conn, "Japan", mode="keyword", filters=Filters(entity="Q423"))
    with_nk = {r[0] for r in db.conn.execute("SELECT article_id FROM article_entities WHERE entity_id = 'Q423'")}
    assert hits and {h.id for h in hits} <= with_nk
    assert search(db.conn, "Japan", mode="keyword", filters=Filters(language="en"))[1] == 0


def test_search_semantic_crosses_languages(db):
    hits, _ = search(db.conn, "hydrogen pipelines between France and Germany", mode="semantic", limit=3)
    assert hits and "Wasserstoff" in hits[0].title
    hits, _ = search(db.conn, "Verteidigungsabkommen Indien Australien", mode="semantic", limit=3)
    assert hits and "India and Australia" in hits[0].title


def test_search_hybrid_ranks_keyword_and_meaning(db):
    hits, _ = search(db.conn, "Nordkorea Russland Abkommen", mode="hybrid", limit=3)
    assert "Pjöngjang-Moskau-Pakt" in hits[0].title
    page2, _ = search(db.conn, "Nordkorea Russland Abkommen", mode="hybrid", limit=3, offset=3)
    assert not {h.id for h in hits} & {h.id for h in page2}


@pytest.mark.parametrize("query", ["", "   ", "x" * 501, "-nur", '"" -a'])
def test_search_bad_queries_are_clear_errors(db, query):
    with pytest.raises(SearchError):
        search(db.conn, query, mode="keyword")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_search_property_any_query_gives_results_or_search_error(db, query):
    try:
        hits, total = search(db.conn, query, mode="keyword")
    except SearchError:
        return
    assert total >= len(hits)


def test_search_cli(db, capsys):
    assert main(["search", "Suedkorea", "--mode", "keyword", "--json", "--db", db.path]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["total"] >= 1 and {"id", "title", "origins", "published", "snippet", "score"} <= out["results"][0].keys()
    assert main(["search", "", "--db", db.path]) == 2
    assert main(["search", "x", "--from", "gestern", "--db", db.path]) == 2
