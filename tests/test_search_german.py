"""Search the way German is written and typed (issue 13 §4): compounds, transliterated
queries in semantic search, "did you mean", a ``total`` of real matches, no models for a
keyword query."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from lagebild.cli import main
from lagebild.search import (
    MATCH_SIMILARITY, compound_heads, index_article, rank, restore_umlauts, search, suggest,
)  # fmt: skip
from lagebild.search._compounds import heads
from lagebild.store import Store

TEXTS = {
    "a1": ("Selbstmordanschlag in Kabul", "Bei einem Selbstmordanschlag in Kabul starben zwölf Menschen."),
    "a2": ("Wohnungsbrand in Köln", "Ein Wohnungsbrand hat in der Nacht drei Familien obdachlos gemacht."),
    "a3": ("Wahl in Brandenburg", "In Brandenburg wird ein neuer Landtag gewählt, sagte Müntefering."),
    "a4": ("Flüchtlinge an der Grenze", "Tausende Flüchtlinge warten an der Grenze; Müntefering kündigt Rücktritt an."),
    "a5": ("Vorschlag zur Reform", "Der Vorschlag der Regierung sieht neue Regeln vor."),
}


@pytest.fixture()
def small(tmp_path) -> Store:
    """A store with five short articles written straight into its tables (no models)."""
    s = Store(tmp_path / "g.db")
    with s.transaction() as conn:
        conn.execute("INSERT INTO raws (sha256, bytes, size) VALUES ('t', x'00', 1)")
        for aid, (title, text) in TEXTS.items():
            conn.execute(
                "INSERT INTO articles (id, format, raw_sha256, encoding, text, title, title_raw, published_from,"
                " agencies, language, flags, added_at)"
                " VALUES (?, 'text', 't', 'utf-8', ?, ?, ?, 'none', '[]', 'de', '[]', '2024-01-01')",
                (aid, text, title, title),
            )
            index_article(conn, aid, title, text, "de")
    yield s
    s.close()


def _ids(hits) -> set[str]:
    return {h.id for h in hits}


@pytest.mark.parametrize(
    "word, head",
    [("Selbstmordanschlag", "anschlag"), ("Wohnungsbrand", "brand"), ("Waffenlieferungen", "lieferungen"),
     ("Bundesregierung", "regierung"), ("Flüchtlingsunterkunft", "unterkunft")],
)  # fmt: skip
def test_search_german_compound_heads(word, head):
    assert head in heads(word)


@pytest.mark.parametrize(
    "word", ["Anschlag", "Vorschlag", "Mannschaft", "nordkoreanischen", "Resolutionen", "Kooperation", "gemeinsamen"]
)
def test_search_german_no_false_heads(word):
    assert heads(word) == ()


def test_search_german_names_are_not_split():
    assert "meier" not in compound_heads("Steinmeier sprach", "de", skip={"Steinmeier"}).split()
    assert compound_heads("Selbstmordanschlag", "en") == ""


@pytest.mark.parametrize("query, aid", [("Anschlag", "a1"), ("Brand", "a2"), ("Anschläge", "a1")])
def test_search_german_head_finds_compound(small, query, aid):
    hits, total = search(small.conn, query, mode="keyword")
    assert aid in _ids(hits) and total == len(hits)


def test_search_german_head_only_not_first_part(small):
    # Brand finds the Wohnungsbrand, not Brandenburg; Schlag finds no Vorschlag.
    assert _ids(search(small.conn, "Brand", mode="keyword")[0]) == {"a2"}
    assert search(small.conn, "Schlag", mode="keyword")[1] == 0


def test_search_german_exact_word_ranks_before_compound(small):
    with small.transaction() as conn:
        conn.execute(
            "INSERT INTO articles (id, format, raw_sha256, encoding, text, title, title_raw, published_from,"
            " agencies, language, flags, added_at) VALUES ('a6', 'text', 't', 'utf-8',"
            " 'Ein Brand zerstörte die Scheune.', 'Scheune', 'Scheune', 'none', '[]', 'de', '[]', 'x')"
        )
        index_article(conn, "a6", "Scheune", "Ein Brand zerstörte die Scheune.", "de")
    hits, _ = search(small.conn, "Brand", mode="keyword")
    assert [h.id for h in hits][:1] == ["a6"]


@pytest.mark.parametrize(
    "query, restored",
    [("Fluechtlinge", "Flüchtlinge"), ("fluechtlinge Ruecktritt", "flüchtlinge Rücktritt"),
     ("Israel Michael", "Israel Michael"), ("Muenteferings", "Münteferings"), ("Flüchtlinge", "Flüchtlinge")],
)  # fmt: skip
def test_search_german_restore_umlauts_from_index(small, query, restored):
    assert restore_umlauts(small.conn, query) == restored


def test_search_german_transliterated_query_embeds_like_umlauts(small, monkeypatch):
    seen: list[str] = []

    def fake_vector(q: str) -> np.ndarray:
        seen.append(q)
        return np.zeros(512, dtype=np.float32)

    monkeypatch.setattr("lagebild.search._semantic.query_vector", fake_vector)
    search(small.conn, "Fluechtlinge", mode="semantic")
    search(small.conn, "Fluechtlinge Grenze", mode="hybrid")
    assert seen == ["Flüchtlinge", "Flüchtlinge Grenze"]


@pytest.mark.parametrize(
    "query, better",
    [("Muenterfering Ruecktritt", "Müntefering Rücktritt"), ("Wohnungsbarnd", "Wohnungsbrand"),
     ("Flüchtlinge", None), ("Xylophonkonzert", None)],
)  # fmt: skip
def test_search_german_did_you_mean(small, query, better):
    assert suggest(small.conn, query) == better


def test_search_german_did_you_mean_query_finds(small):
    assert search(small.conn, "Muenterfering Ruecktritt", mode="keyword")[1] == 0
    better = suggest(small.conn, "Muenterfering Ruecktritt")
    assert _ids(search(small.conn, better, mode="keyword")[0]) == {"a4"}


def test_search_german_cli_did_you_mean(small, capsys):
    assert main(["search", "Muenterfering Ruecktritt", "--mode", "keyword", "--db", small.path]) == 0
    out = capsys.readouterr().out
    assert "0 matches" in out and "Did you mean: Müntefering Rücktritt" in out
    assert main(["search", "Muenterfering", "--mode", "keyword", "--json", "--db", small.path]) == 0
    assert json.loads(capsys.readouterr().out)["suggestion"] == "Müntefering"


def test_search_german_cli_suggests_only_below_the_web_threshold(small, capsys, monkeypatch):
    """The CLI asks for a correction under the same rule as the web: fewer than SUGGEST_BELOW hits."""
    import lagebild.search

    monkeypatch.setattr(lagebild.search, "SUGGEST_BELOW", 0)
    assert main(["search", "Muenterfering", "--mode", "keyword", "--json", "--db", small.path]) == 0
    assert json.loads(capsys.readouterr().out)["suggestion"] is None


def test_search_german_total_counts_real_matches(small, monkeypatch, capsys):
    """Semantic neighbours below MATCH_SIMILARITY are neither listed nor counted."""
    rows = {r[0]: r[1] for r in small.conn.execute("SELECT id, rowid FROM articles")}
    with small.transaction() as conn:
        for i, aid in enumerate(sorted(rows)):
            v = np.zeros(512, dtype=np.float32)
            v[0], v[1 + i] = 1.0, 1.0  # cosine with the query: 0.71 for a1, 0.20 for the others
            if aid != "a1":
                v[0], v[1 + i] = 0.2, (1 - 0.04) ** 0.5
            conn.execute(
                "INSERT INTO embeddings (article_id, model, dim, vector) VALUES (?, 'test', 512, ?)",
                (aid, (v / np.linalg.norm(v)).tobytes()),
            )
    q = np.zeros(512, dtype=np.float32)
    q[0] = 1.0
    monkeypatch.setattr("lagebild.search._semantic.query_vector", lambda _q: q)
    assert 0.2 < MATCH_SIMILARITY
    hits, total = search(small.conn, "irgendwas", mode="semantic")
    assert total == 1 and _ids(hits) == {"a1"}
    # hybrid: the keyword match (a2) is counted; the semantic match without the word (a1) is
    # listed as related, not counted
    hits, total = search(small.conn, "Wohnungsbrand", mode="hybrid")
    assert total == 1 and _ids(hits) == {"a1", "a2"}
    found = rank(small.conn, "Wohnungsbrand", mode="hybrid")
    assert (found.total, found.related) == (1, 1)
    # the command line says both numbers
    assert main(["search", "Wohnungsbrand", "--db", str(small.path)]) == 0
    assert capsys.readouterr().out.startswith("1 match, 1 more close in meaning; showing 1-2\n")
    assert main(["search", "irgendwas", "--mode", "semantic", "--json", "--db", str(small.path)]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 1


def test_search_german_keyword_cli_loads_no_models(small):
    code = (
        "import sys; from lagebild.cli import main; "
        f"rc = main(['search', 'Brand', '--mode', 'keyword', '--db', {str(small.path)!r}]); "
        # lagebild.enrich.stage (the stage's control flow) loads its steps only when it runs
        "heavy = [m for m in sys.modules if m.startswith(('lagebild.enrich.', 'spacy', 'fast_universal', "
        "'sentencepiece', 'onnxruntime')) and m != 'lagebild.enrich.stage']; "
        "print('HEAVY', heavy); sys.exit(rc)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "HEAVY []" in out.stdout


def test_search_german_cli_names_an_unknown_source(small, capsys):
    """`--source DW` for a store that writes `dw` finds its articles (any case, as /api/search);
    a source the store does not have is named with the sources there are, instead of a bare
    `0 matches`."""
    with small.transaction() as conn:
        conn.execute("UPDATE articles SET source = 'dw'")
    args = ["search", "Flüchtlinge", "--mode", "keyword", "--db", str(small.path)]
    assert main([*args, "--source", "DW"]) == 0
    out = capsys.readouterr().out
    assert "No article has" not in out and "0 matches" not in out
    assert main([*args, "--source", "nyt"]) == 0
    assert "No article has the source 'nyt' (sources: dw)." in capsys.readouterr().out
    assert main([*args, "--source", "dw"]) == 0
    assert "No article has" not in capsys.readouterr().out
