"""The web search builds a missing vector index outside its time budget (issue 13 §3/§4 at
100 000 articles): inside it, the build was stopped after 2 s on every request, so a store
copied without its ``-vectors`` folder never answered a semantic or hybrid search again."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from fastapi.testclient import TestClient

from lagebild.pipeline import ingest
from lagebild.search import _semantic, _vectors
from lagebild.store import Store, browse
from lagebild.web import create_app

from .conftest import EXAMPLES


def test_web_search_builds_a_missing_vector_index_outside_the_time_budget(
    tmp_path: Path, monkeypatch
) -> None:
    db = tmp_path / "web.db"
    with Store(db) as s:
        assert ingest([str(EXAMPLES)], s, workers=1).ok
    shutil.rmtree(f"{db}-vectors")  # the store copied without its vector index ...
    monkeypatch.setattr(_semantic, "_cache", {})  # ... and served by a new process

    budgets: list[str] = []  # the budgets running now
    built_in: list[tuple[str, ...]] = []  # ... each time the index was built or extended
    real_budget, real_update = browse.time_budget, _vectors.VectorIndex._update

    @contextlib.contextmanager
    def budget(conn, seconds):
        budgets.append(f"{seconds:g} s")
        try:
            with real_budget(conn, seconds):
                yield
        finally:
            budgets.pop()

    def update(self, conn, meta, key):
        built_in.append(tuple(budgets))
        return real_update(self, conn, meta, key)

    monkeypatch.setattr(browse, "time_budget", budget)
    monkeypatch.setattr(_vectors.VectorIndex, "_update", update)
    client = TestClient(create_app(str(db)), base_url="http://127.0.0.1:8000")
    r = client.get("/api/search", params={"q": "Nordkorea Raketen", "mode": "hybrid"})
    assert r.status_code == 200 and r.json()["results"]
    assert built_in == [()]  # built once, under no budget
    assert Path(f"{db}-vectors", "meta.json").is_file()  # kept for the next request and process
    page = client.get("/search", params={"q": "Südkorea", "mode": "semantic"}).text
    assert 'id="hit-facets"' in page and "time budget" not in page
    assert built_in == [()]  # not again
