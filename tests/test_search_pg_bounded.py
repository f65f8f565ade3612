"""PostgreSQL keyword search counts only as far as it must (migration 0048, ``search_top_upto``).

A search page says "more than 1 000" above ``COUNT_CAP`` matches, so the database reads a
frequent word's matches from the newest back, slice by slice of the seqs (``search_keys``
holds a lexeme ``_s<seq / SLICE>`` per row), until it has more than ``max(n, cap)``: the same
newest ``n``, the same ranking and n-th newest as the exact count, with a number that is exact
up to the cap and a lower bound above it.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from lagebild.search._query import parse
from lagebild.store import Store, search_pg
from lagebild.store.tables_search import SLICE

from ._meldungen import add_meldung, stored_seqs

N = 150
STEP = 397  # seqs between articles: 150 articles over ~60 slices


@pytest.fixture(scope="module")
def pg_sliced(pg_server):
    """Articles whose seqs lie apart (the sequence set forward between them), so a frequent
    word's matches spread over many slices; sources alternate (a filter thins the matches)."""
    url = pg_server.new_database()
    with Store(url) as store:
        for i in range(1, N + 1):
            store.db.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('articles', 'seq'), {i * STEP})")
            add_meldung(store, i)
        with store.begin() as conn:
            seqs = stored_seqs(conn)
            for k, seq in enumerate(seqs):
                # every article holds "regier" (1-3 times: scores differ); every fourth "wien";
                # every 40th "selten"
                title = "regier " * (1 + k % 3) + ("wien " if k % 4 == 0 else "") + ("selten" if k % 40 == 7 else "")
                search_pg.write(conn, seq, title, "wort text", "")
        store.db.exec_driver_sql("ANALYZE")
        yield store, seqs
    pg_server.drop_database(url)


QUERIES = (
    "Regierung", "Wien", "selten", "Regierung Wien", "Regier*", '"Regierung Wien"', "Regierung -Wien", "nirgendwo",
)  # fmt: skip


@pytest.mark.parametrize(("where", "args"), [("1", []), ("a.source = ?", ["dw"])])
@pytest.mark.parametrize("query", QUERIES)
def test_pg_capped_count_keeps_the_newest_and_their_ranking(pg_sliced, query, where, args):
    """With a cap: the same n-th newest and ranking as the exact statement; the number is
    exact up to max(n, cap) and above it a lower bound greater than that."""
    store, seqs = pg_sliced
    assert seqs[-1] // SLICE >= 50  # (the fixture spreads the articles over many slices)
    clauses = parse(query).clauses
    with store.begin() as conn:
        for n in (1, 5, 20, 200):
            exact = search_pg.newest_ranked(conn, clauses, where, args, n, 10_000)
            for cap in (1, 3, 10, 50, 1000):
                total, nth, ranked = search_pg.newest_ranked(conn, clauses, where, args, n, 10_000, cap)
                assert (nth, ranked) == exact[1:], (query, n, cap)
                if exact[0] <= max(n, cap):
                    assert total == exact[0], (query, n, cap)
                else:
                    assert max(n, cap) < total <= exact[0], (query, n, cap)


def _fetched(conn: sa.Connection) -> int:
    """Rows of ``search_keys`` fetched by (bitmap) index scans in this transaction so far."""
    return int(
        conn.execute(
            sa.text("SELECT idx_tup_fetch FROM pg_stat_xact_user_tables WHERE relname = 'search_keys'")
        ).scalar()
        or 0
    )


def test_pg_capped_count_reads_the_newest_matches_only(pg_sliced):
    """A word every article holds: with a cap of 10 and n = 5 the walk reads the newest slices'
    matches (a few dozen rows), the exact count reads all N."""
    store, _ = pg_sliced
    clauses = parse("Regierung").clauses
    with store.begin() as conn:
        before = _fetched(conn)
        assert search_pg.newest_ranked(conn, clauses, "1", [], 5, 5)[0] == N
        exact = _fetched(conn) - before
        before = _fetched(conn)
        total = search_pg.newest_ranked(conn, clauses, "1", [], 5, 5, 10)[0]
        capped = _fetched(conn) - before
    assert exact >= N
    assert 10 < total < N // 2 and capped < N // 2, (total, capped)


def test_pg_slices_follow_the_writes(pg_sliced):
    """The trigger gives a rewritten article's row in search_keys its slice lexeme again, and a
    user's query cannot name one (the words are normalised: no underscore survives)."""
    store, seqs = pg_sliced
    with store.begin() as conn:
        search_pg.write(conn, seqs[10], "wien", "", "")
        differ = conn.execute(
            sa.text(
                "SELECT count(*) FROM search_keys k JOIN search_docs d USING (seq)"
                " WHERE k.tsv <> d.tsv || search_slice(d.seq)"
            )
        ).scalar()
        assert differ == 0
        assert "_s" not in search_pg.tsquery(parse("_s0 _s123*").clauses)
        conn.rollback()


@pytest.fixture
def thirty(store_url):
    """30 articles that say *Regierung*, every third from ``dw``, on SQLite and PostgreSQL."""
    with Store(store_url) as store:
        for i in range(30):
            add_meldung(store, i)
        yield store


def test_search_count_is_capped_alike_on_both_databases(thirty, monkeypatch):
    """Above COUNT_CAP matches both databases report COUNT_CAP and ``total_is_lower_bound``;
    at or under it the exact number; the hits are the same as without a cap."""
    from lagebild.search import Filters, _keyword, rank

    monkeypatch.setattr(_keyword, "COUNT_CAP", 10)
    _keyword.clear_cache()
    found = rank(thirty.db, "Regierung", mode="keyword", limit=30)
    assert (found.total, found.total_is_lower_bound, len(found.ranked)) == (10, True, 30)
    found = rank(thirty.db, "Regierung", mode="keyword", filters=Filters(source="dw"), limit=30)
    assert (found.total, found.total_is_lower_bound, len(found.ranked)) == (10, False, 10)
    monkeypatch.setattr(_keyword, "COUNT_CAP", 1000)
    _keyword.clear_cache()
    found = rank(thirty.db, "Regierung", mode="keyword", limit=30)
    assert (found.total, found.total_is_lower_bound) == (30, False)


@pytest.fixture(scope="module")
def example_db(tmp_path_factory) -> str:
    from lagebild.pipeline import ingest

    from .conftest import EXAMPLES

    path = tmp_path_factory.mktemp("capped") / "web.db"
    with Store(path) as s:
        ingest([str(EXAMPLES)], s)
    return str(path)


def test_search_capped_count_in_api_page_and_cli(example_db, monkeypatch, capsys):
    """A count that stopped at the cap: the API's ``total_is_lower_bound``, "über 1 Treffer" /
    "more than 1 results" on the page (a cap of 1 here), "more than" in the CLI."""
    import json

    from fastapi.testclient import TestClient

    from lagebild.cli import main
    from lagebild.search import _keyword
    from lagebild.web import create_app

    client = TestClient(create_app(example_db), base_url="http://127.0.0.1:8000")
    params = {"q": "Suedkorea", "mode": "keyword"}
    body = client.get("/api/search", params=params).json()
    assert body["total"] >= 2 and body["total_is_lower_bound"] is False
    page = client.get("/search", params=params).text
    assert f"{body['total']} Treffer" in page and "über" not in page
    monkeypatch.setattr(_keyword, "COUNT_CAP", 1)
    _keyword.clear_cache()
    body = client.get("/api/search", params=params).json()
    assert (body["total"], body["total_is_lower_bound"], body["next_offset"]) == (1, True, None)
    assert "über 1 Treffer" in client.get("/search", params=params).text
    assert "more than 1 results" in client.get("/search", params={**params, "lang": "en"}).text
    assert main(["search", "Suedkorea", "--mode", "keyword", "--db", example_db]) == 0
    assert capsys.readouterr().out.startswith("more than 1 matches")
    assert main(["search", "Suedkorea", "--mode", "keyword", "--json", "--db", example_db]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["total"], out["total_is_lower_bound"]) == (1, True)
