"""What the analyst's morning on a real feed found in the CLI's overview lines (2026-12-06 audit):
150 10kGNAD articles carry no date and no source, and `stats` / `stories` showed them as
``? 150`` and ``— … —``."""

from __future__ import annotations

import os

import pytest

from lagebild.cli import main

GNAD = (
    "Der Gemeinderat beschließt neue Radwege für die Innenstadt. Wien – Der Gemeinderat hat am Dienstag neue "
    "Radwege beschlossen. Die Opposition kritisierte die Kosten von zwölf Millionen Euro. Die Bauarbeiten sollen "
    "im Frühjahr beginnen und bis zum Herbst dauern, sagte die zuständige Stadträtin Ulli Sima.\n"
)


@pytest.fixture(scope="module")
def undated_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("analyst")
    (tmp / "gnad_001.txt").write_text(GNAD, encoding="utf-8")
    db = os.fspath(tmp / "a.db")
    assert main(["ingest", "-q", os.fspath(tmp / "gnad_001.txt"), "--db", db]) == 0
    return db


def test_cli_analyst_stats_names_articles_without_source_in_words(undated_db, capsys):
    assert main(["stats", "--db", undated_db]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("sources:"))
    assert line == "sources:   no source 1"


def test_cli_analyst_undated_storyline_says_undated(undated_db, capsys):
    assert main(["stories", "--db", undated_db]) == 0
    head = capsys.readouterr().out.splitlines()[0]
    assert head.startswith("st-") and "— … —" not in head
    assert head.split()[1] == "undated"


@pytest.mark.parametrize("argv", [["list"], ["search", "Radwege"]])
def test_cli_analyst_lists_show_no_question_mark_for_a_missing_source(undated_db, capsys, argv):
    assert main([*argv, "--db", undated_db]) == 0
    row = next(x for x in capsys.readouterr().out.splitlines() if "Radwege" in x and x[:1] in "0123456789abcdef")
    assert " ? " not in row and "—" in row


def test_cli_analyst_serve_loads_the_query_embedder_while_starting(undated_db, monkeypatch):
    """The first search of the morning waited 4-10 s for the embedding model; `serve` loads it
    in the background as it starts."""
    import threading

    import uvicorn

    import lagebild._cli_web as cli_web

    calls: list[str] = []
    monkeypatch.setattr(cli_web, "warm_up_search", lambda: calls.append("warm"))
    monkeypatch.setattr(cli_web, "_port_taken", lambda host, port: None)
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append("run"))
    assert main(["serve", "--db", undated_db, "--port", "8799"]) == 0
    for t in threading.enumerate():
        if t.name == "lagebild-warm-up":
            t.join(5)
    assert calls.count("warm") == 1 and "run" in calls


def test_cli_analyst_warm_up_loads_the_embedder(monkeypatch):
    import lagebild.enrich.embed as embed_mod

    seen: list[list[str]] = []
    monkeypatch.setattr(embed_mod, "embed", lambda texts: seen.append(list(texts)))
    from lagebild._cli_web import warm_up_search

    warm_up_search()
    assert seen == [["lagebild"]]
