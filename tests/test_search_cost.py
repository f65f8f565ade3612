"""Search keeps its unfiltered keyword queries on the full-text index alone (issue 14 §3).

At 1 000 000 articles a join with ``articles`` per match made a frequent word's count cost
50-150 ms instead of 1-8 ms: the search modules leave the join out only when the filter is
spelled ``"1"``.
"""

from __future__ import annotations

from lagebild.store import search_fts
from lagebild.store.search_index import Filters


def test_no_filter_is_spelled_one() -> None:
    assert Filters().sql() == ("1", [])


def test_no_filter_leaves_out_the_articles_join() -> None:
    where, _args = Filters().sql()
    assert "articles" not in search_fts._from(where)
    where, _args = Filters(source="dw").sql()
    assert "JOIN articles" in search_fts._from(where)
