"""One outlet, two spellings (new-user audit, stop 32, docs/acceptance-13.md "Sources"): NZZ pages
named `nzz` by their file names and `NZZ` by their JSON records were counted as two outlets in
`stats` and in the facets, while the source filter and the independent-sources count folded them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lagebild.pipeline import ingest
from lagebild.store import browse

pytestmark = pytest.mark.both_stores

_BODY = (
    "Der Bundesrat hat am Dienstag in Bern über die Eisenbahnvorlage beraten. Die Kommission "
    "empfiehlt die Annahme, die Kantone verlangen mehr Mitsprache bei der Linienführung."
)


def _feed(tmp_path: Path) -> Path:
    d = tmp_path / "feed"
    d.mkdir()
    records = [{"title": f"Eisenbahnvorlage {i}", "text": f"{_BODY} Meldung {i}.", "source": src}
               for i, src in enumerate(["NZZ", "NZZ", "NZZ", "nzz", "nzz", "dw"])]  # fmt: skip
    (d / "items.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", "utf-8")
    return d


def test_stats_and_facets_count_one_outlet_under_its_most_frequent_spelling(store, tmp_path):
    ingest([str(_feed(tmp_path))], store, enriched=False, workers=1)
    assert store.stats()["by_source"] == {"NZZ": 5, "dw": 1}
    facets = browse.facets(store.db, browse.ArticleFilter())
    assert facets["source"] == [("NZZ", 5), ("dw", 1)]
    seqs = [r[0] for r in store.db.exec_driver_sql("SELECT seq FROM articles").fetchall()]
    among = browse.facets(store.db, browse.ArticleFilter(), among=seqs)
    assert among["source"] == [("NZZ", 5), ("dw", 1)]
    # the filter a facet's link sets finds all five, as before
    assert browse.count_articles(store.db, browse.ArticleFilter(source="NZZ")) == 5


def test_one_per_outlet_keeps_distinct_outlets_apart_and_is_stable():
    assert browse.one_per_outlet([("dw", 2), ("DW", 2), ("toi", 3)]) == [("DW", 4), ("toi", 3)]
    assert browse.one_per_outlet([]) == []
