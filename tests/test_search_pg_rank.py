"""PostgreSQL ranks keyword matches over a stored document length (migration 0049).

``ts_rank_cd``'s normalisation 1 divides by ``ln(1 + length)``, a length it counts on every
call by walking every lexeme of the ``tsvector``.  ``search_docs.len`` keeps that length (a
generated column), and the ranking functions divide ``ts_rank_cd(..., 0)`` by it: the same
scores up to the float4 rounding of the unnormalised one, in the same order.
"""

from __future__ import annotations

import math

import pytest
import sqlalchemy as sa

from lagebild.search._query import parse
from lagebild.store import Store, search_pg

from ._meldungen import add_meldung, stored_seqs

N = 60
NORM1 = "ts_rank_cd('{0.0, 0.1667, 0.3333, 1.0}', d.tsv, q, 1)"
NORM0 = "ts_rank_cd('{0.0, 0.1667, 0.3333, 1.0}', d.tsv, q, 0)"


def _text(k: int) -> tuple[str, str, str]:
    """Title, body, compound heads of article ``k``: lengths and repetitions differ, so do scores."""
    title = "regier " * (1 + k % 3) + ("wien " if k % 4 == 0 else "")
    body = " ".join(f"wort{j % (3 + k % 7)}" for j in range(5 + 7 * k)) + (" regier wien" if k % 5 == 0 else "")
    parts = "land " * (k % 2)
    return title, body, parts


@pytest.fixture(scope="module")
def pg_ranked(pg_server):
    url = pg_server.new_database()
    with Store(url) as store:
        for i in range(1, N + 1):
            add_meldung(store, i)
        with store.begin() as conn:
            seqs = stored_seqs(conn)
            for k, seq in enumerate(seqs):
                search_pg.write(conn, seq, *_text(k))
        yield store, seqs
    pg_server.drop_database(url)


def _lengths_agree(conn: sa.Connection) -> int:
    """How many documents' stored length is the one ts_rank_cd divides by (normalisation 0
    over normalisation 1 = ln(1 + length)); asserts every checked one does."""
    rows = conn.execute(
        sa.text(
            f"SELECT d.seq, d.len, {NORM0}, {NORM1} FROM search_docs d, to_tsquery('simple', 'regier') q"
            " WHERE d.tsv @@ q"
        )
    ).all()
    for seq, length, r0, r1 in rows:
        assert r0 > 0 and r1 > 0
        assert math.log(length + 1) == pytest.approx(r0 / r1, rel=1e-5), seq
    return len(rows)


def test_pg_stored_length_is_what_ts_rank_cd_counts(pg_ranked):
    store, seqs = pg_ranked
    with store.begin() as conn:
        assert _lengths_agree(conn) == N
        # rewritten documents get their new length (the column is generated from tsv)
        before = conn.execute(sa.text("SELECT len FROM search_docs WHERE seq = :s"), {"s": seqs[3]}).scalar()
        search_pg.write(conn, seqs[3], "regier", "ein langer text " * 40, "")
        after = conn.execute(sa.text("SELECT len FROM search_docs WHERE seq = :s"), {"s": seqs[3]}).scalar()
        assert (before, after) == (sum(len(x.split()) for x in _text(3)), 1 + 3 * 40)
        assert _lengths_agree(conn) == N
        conn.rollback()


@pytest.mark.parametrize("query", ["Regierung", "Wien", "Regierung Wien", "Regier*", '"Regierung Wien"', "Wort1 -Wien"])
@pytest.mark.parametrize(("where", "args"), [("1", []), ("a.source = ?", ["dw"])])
def test_pg_ranking_over_stored_length_is_normalisation_1(pg_ranked, query, where, args):
    """search_top, search_top_upto and search_rank give ts_rank_cd's normalisation-1 scores
    (within float4 rounding) and order."""
    store, _ = pg_ranked
    clauses = parse(query).clauses
    q = search_pg.tsquery(clauses)
    with store.begin() as conn:
        cond = " AND d.seq IN (SELECT seq FROM articles WHERE source = 'dw')" if args else ""
        want = conn.execute(
            sa.text(
                f"SELECT d.seq, {NORM1} FROM search_docs d, to_tsquery('simple', :q) q WHERE d.tsv @@ q{cond}"
            ),
            {"q": q},
        ).all()
        want_score = {int(s): float(r) for s, r in want}
        assert want_score, query
        for cap in (None, 5):
            total, _nth, ranked = search_pg.newest_ranked(conn, clauses, where, args, 1000, 1000, cap)
            assert {s for s, _ in ranked} == set(want_score), (query, cap)
            for seq, score in ranked:
                assert score == pytest.approx(want_score[seq], rel=2e-7), (query, seq)
            assert [s for s, _ in ranked] == sorted(want_score, key=lambda s: (-want_score[s], -s))
        # search_rank (the ranking after a count: search_pg.ranking)
        search_pg.count(conn, clauses, where, args)
        ranked = search_pg.ranking(conn, clauses, where, args, 1000)
        assert [s for s, _ in ranked] == sorted(want_score, key=lambda s: (-want_score[s], -s))
