"""The search package asks the store (lagebild.store.search_index / search_fts) and bounds its cost."""

from __future__ import annotations

import pathlib

import pytest

import lagebild.search
from lagebild.search import Filters, SearchError, index_article, search, suggest
from lagebild.search import _keyword, _suggest
from lagebild.search._query import parse
from lagebild.store import Store
from lagebild.store import search_fts
from lagebild.store.search_index import Clause


def _add(conn, aid: str, title: str, text: str, source: str = "s1") -> None:
    conn.execute(
        "INSERT INTO articles (id, format, raw_sha256, encoding, text, title, title_raw, source, published_from,"
        " agencies, language, flags, added_at) VALUES (?, 'text', 't', 'utf-8', ?, ?, ?, ?, 'none', '[]', 'de',"
        " '[]', '2024-01-01')",
        (aid, text, title, title, source),
    )
    index_article(conn, aid, title, text, "de")


@pytest.fixture()
def many(tmp_path) -> Store:
    """30 articles that all say *Regierung*; every third from source s2."""
    s = Store(tmp_path / "m.db")
    with s.transaction() as conn:
        conn.execute("INSERT INTO raws (sha256, bytes, size) VALUES ('t', x'00', 1)")
        for i in range(30):
            _add(conn, f"a{i:02d}", f"Meldung {i}", f"Die Regierung beschloss Punkt {i}.", "s2" if i % 3 == 0 else "s1")
    yield s
    s.close()


def test_search_index_package_writes_no_sql():
    here = pathlib.Path(lagebild.search.__file__).parent
    for path in here.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "execute" not in text and "sqlite3" not in text, path.name


@pytest.mark.parametrize(
    "query, expr",
    [("Atomprogramms", '"atomprogramm"'),
     ("Wasserst*", '"wasserst" *'),
     ('"gemeinsame Erklärung" -Moskau', '("gemeinsam erklar") NOT "moskau"'),
     ("Kim-Jong-un", '"kim jong un"'),
     ("refuelling", '("refulling" OR "refuel")'),
     ("NOT AND", '"not" AND "and"')],
)  # fmt: skip
def test_search_index_match_expression(query, expr):
    assert search_fts.match_expression(parse(query).clauses) == expr


def test_search_index_no_positive_clause_is_an_error():
    with pytest.raises(SearchError):
        parse("-Moskau")
    with pytest.raises(SearchError):
        parse("a*")  # prefix shorter than MIN_PREFIX
    with pytest.raises(SearchError):
        parse(" ".join(f"wort{i}" for i in range(20)))  # more than MAX_TERMS
    assert Clause((("x",),), negated=True).negated


def test_search_index_ranking_bounded_total_exact(many, monkeypatch):
    """A frequent word ranks only its newest MAX_RANKED matches but counts all of them."""
    _keyword.clear_cache()
    hits, total = search(many.conn, "Regierung", mode="keyword", limit=30)
    assert total == 30 and len(hits) == 30
    _keyword.clear_cache()
    monkeypatch.setattr(_keyword, "MAX_RANKED", 10)
    hits, total = search(many.conn, "Regierung", mode="keyword", limit=30)
    assert total == 30
    assert sorted(h.id for h in hits) == [f"a{i:02d}" for i in range(20, 30)]


def test_search_index_filtered_keyword(many):
    hits, total = search(many.conn, "Regierung", mode="keyword", filters=Filters(source="s2"), limit=50)
    assert total == 10 and {h.source for h in hits} == {"s2"} and len(hits) == 10


def test_search_index_cache_sees_new_articles(many):
    assert search(many.conn, "Regierung", mode="keyword")[1] == 30
    with many.transaction() as conn:
        _add(conn, "b00", "Neu", "Noch eine Regierung.")
    assert search(many.conn, "Regierung", mode="keyword")[1] == 31


def test_search_index_pages_from_one_ranking(many):
    _keyword.clear_cache()
    first, _ = search(many.conn, "Regierung", mode="keyword", limit=10)
    second, _ = search(many.conn, "Regierung", mode="keyword", limit=10, offset=10)
    assert not {h.id for h in first} & {h.id for h in second}


def test_search_index_suggest_looks_up_a_bounded_number_of_words(many, monkeypatch):
    calls: list[str] = []
    real = _suggest.db.terms_near
    def spy(conn, first, lo, hi):
        calls.append(first)
        return real(conn, first, lo, hi)

    monkeypatch.setattr(_suggest.db, "terms_near", spy)
    assert suggest(many.conn, "Regirung") is not None  # (the stem "Regier": only umlaut spellings are kept)
    calls.clear()
    suggest(many.conn, " ".join(f"Unbekannt{chr(97 + i)}xyz" for i in range(10)))
    assert len(calls) == _suggest.MAX_SUGGEST_WORDS
