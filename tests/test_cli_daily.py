"""The CLI as an analyst's daily tool: missing databases, "did you mean", timelines by
name, progress, metadata from file names, Parquet export (issue 13)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from lagebild._names import DEFAULT_PATTERN, apply_name_meta, meta_from_name
from lagebild.cli import main
from lagebild.model import Article

from ._db import run, run_many
from .conftest import EXAMPLES

# the tests that take `store` run on SQLite and on PostgreSQL (conftest.py)
pytestmark = pytest.mark.both_stores

SEEDS = sorted(EXAMPLES.glob("00*.txt"))

UNDATED = (
    "Regierung beschließt neues Gesetz\n\n"
    "Die Bundesregierung hat ein neues Gesetz zur Förderung der Bahn beschlossen. "
    "Der Verkehrsminister sprach von einem wichtigen Schritt für das ganze Land.\n\n"
    "Kritik kam von der Opposition, die das Vorhaben für zu teuer hält.\n"
)


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The two seed articles, enriched and grouped (one storyline)."""
    tmp = tmp_path_factory.mktemp("daily")
    (tmp / "in").mkdir()
    for seed in SEEDS:
        shutil.copy(seed, tmp / "in" / seed.name)
    db = os.fspath(tmp / "seeds.db")
    assert main(["ingest", "-q", os.fspath(tmp / "in"), "--db", db]) == 0
    return db


# --- a missing database --------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [["list"], ["stats"], ["show", "abcd"], ["export"], ["stories"], ["timeline", "Nordkorea"],
     ["search", "Korea"], ["enrich"], ["regroup"]],
)  # fmt: skip
def test_cli_daily_missing_db_is_an_error_not_a_new_file(argv, tmp_path: Path, capsys) -> None:
    typo = tmp_path / "typo.db"
    assert main([*argv, "--db", os.fspath(typo)]) == 2
    err = capsys.readouterr().err
    assert str(typo) in err and "lagebild ingest" in err
    assert not typo.exists()


def test_cli_daily_db_before_the_command(seeded_db, tmp_path: Path, capsys) -> None:
    """`lagebild --db FILE COMMAND` reads FILE as `COMMAND --db FILE` does; the command's own
    --db wins; a missing file is the same error and stays missing."""
    assert main(["stats", "--json", "--db", seeded_db]) == 0
    after = json.loads(capsys.readouterr().out)
    assert main(["--db", seeded_db, "stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == after and after["articles"] == 2
    typo = tmp_path / "typo.db"
    assert main(["--db", os.fspath(typo), "stats", "--json", "--db", seeded_db]) == 0
    assert json.loads(capsys.readouterr().out) == after
    assert main(["--db", os.fspath(typo), "list"]) == 2
    assert str(typo) in capsys.readouterr().err
    assert not typo.exists()


@pytest.mark.parametrize("command", ["list", "stories", "entities"])
def test_cli_daily_negative_limit_is_a_usage_error(command, seeded_db, capsys) -> None:
    """`--limit -1` is refused (it once printed "No articles" for a full store, or listed all)."""
    with pytest.raises(SystemExit) as exc:
        main([command, "--limit", "-1", "--db", seeded_db])
    assert exc.value.code == 2
    assert "--limit: -1 is negative" in capsys.readouterr().err
    assert main([command, "--limit", "0", "--json", "--db", seeded_db]) == 0  # 0: all
    out = capsys.readouterr().out
    assert out.count('"id"') >= (2 if command == "list" else 1)


def test_cli_daily_ingest_creates_the_database(tmp_path: Path, capsys) -> None:
    src = tmp_path / "a.txt"
    src.write_text(UNDATED, encoding="utf-8")
    db = tmp_path / "new.db"
    assert main(["ingest", "-q", "--no-enrich", os.fspath(src), "--db", os.fspath(db)]) == 0
    assert db.exists()


# --- did you mean ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "suggestion"),
    [
        (["lsit"], "did you mean 'list'?"),
        (["timline", "x"], "did you mean 'timeline'?"),
        (["list", "--limt", "3"], "--limt (did you mean --limit?)"),
        (["export", "--fromat", "csv"], "did you mean --format?"),
        (["export", "--format", "jsnl"], "did you mean 'jsonl'?"),
    ],
)
def test_cli_daily_did_you_mean(argv, suggestion, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert suggestion in capsys.readouterr().err


def test_cli_daily_no_suggestion_for_nonsense(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["xyzzyq"])
    assert "did you mean" not in capsys.readouterr().err


# --- timeline by name ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("Nordkorea", "entity Q423: Nordkorea"),
        ("nordkorea", "entity Q423: Nordkorea"),
        ("DVRK", "entity Q423: Nordkorea"),  # an alias
        ("Suedkorea", "entity Q884: Südkorea"),  # folded spelling
        ("republik korea", "entity Q884: Südkorea"),  # alias, any case
        ("Q884", "entity Q884: Südkorea"),
    ],
)
def test_cli_daily_timeline_by_name_alias_and_folded_spelling(name, header, seeded_db, capsys) -> None:
    assert main(["timeline", name, "--db", seeded_db]) == 0
    out = capsys.readouterr().out
    assert out.startswith(header)
    assert "[" in out  # entries cite their articles


def test_cli_daily_timeline_ambiguous_name_lists_the_choices(seeded_db, capsys) -> None:
    assert main(["timeline", "Korea", "--db", seeded_db]) == 1
    err = capsys.readouterr().err
    assert "Q423" in err and "Q884" in err and "give one of their ids" in err


def test_cli_daily_timeline_of_a_storyline_by_title_words(seeded_db, capsys) -> None:
    assert main(["stories", "--json", "--db", seeded_db]) == 0
    stories = json.loads(capsys.readouterr().out)
    assert len(stories) == 1
    word = max(re.findall(r"[\w-]+", str(stories[0]["title"])), key=len)  # e.g. "Pjöngjang-Moskau-Pakt"
    assert main(["timeline", word.upper(), "--db", seeded_db]) == 0
    assert capsys.readouterr().out.startswith(f"storyline {stories[0]['id']}:")


def test_cli_daily_timeline_unknown_name(seeded_db, capsys) -> None:
    assert main(["timeline", "Schroeder", "--db", seeded_db]) == 1
    assert "No storyline, event or entity 'Schroeder'" in capsys.readouterr().err


# --- progress -------------------------------------------------------------------------------


def test_cli_daily_progress_only_when_asked_off_a_terminal(tmp_path: Path, capsys) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"a{i}.txt").write_text(UNDATED.replace("Bahn", f"Bahn {i}"), encoding="utf-8")
    db = os.fspath(tmp_path / "p.db")
    assert main(["ingest", "--no-enrich", os.fspath(src), "--db", db]) == 0
    assert "ingest" not in capsys.readouterr().err  # not a terminal: quiet
    (src / "b.txt").write_text(UNDATED.replace("Bahn", "Straße"), encoding="utf-8")
    (src / "README.md").write_text("not an article", encoding="utf-8")
    assert main(["--progress", "ingest", "--no-enrich", os.fspath(src), "--db", db]) == 0
    err = capsys.readouterr().err
    assert "ingest" in err and "/4" in err  # a bar with the total of input files
    assert main(["ingest", "--progress", "-q", "--no-enrich", os.fspath(src), "--db", db]) == 0
    assert "ingest:" not in capsys.readouterr().err  # -q wins


# --- metadata from file names ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("origin", "date", "source"),
    [
        ("/in/nyt_2016-01-12_merkel-visit.json", dt.date(2016, 1, 12), "nyt"),
        ("/in/Merkel tritt zurück (2005-08-05).json", dt.date(2005, 8, 5), None),
        ("/in/derstandard_20240503_x.txt", dt.date(2024, 5, 3), "derstandard"),
        ("/in/feed_2024_05_03.jsonl#L7", dt.date(2024, 5, 3), "feed"),
        ("/in/report_final_2024-05-03.txt", dt.date(2024, 5, 3), None),  # "final" is no source
        ("/in/000_2f3c4013e66b6cb0.txt", None, None),
        ("/in/a_0001-01-01.txt", None, "a"),  # the zero date is not a date
        ("/in/2099-01-01.txt", None, None),  # nor is the future
        ("/in/id-123456789.txt", None, None),  # digits longer than a date
        ("<stdin>", None, None),
    ],
)
def test_names_meta_from_name(origin, date, source) -> None:
    assert meta_from_name(origin, DEFAULT_PATTERN) == (date, source)


def test_names_custom_pattern_and_off() -> None:
    assert meta_from_name("/in/03.05.2024 x.txt", DEFAULT_PATTERN) == (None, None)
    pattern = r"^(?P<date>\d{2}\.\d{2}\.\d{4})"  # a German date the default leaves alone
    assert meta_from_name("/in/03.05.2024 x.txt", pattern) == (dt.date(2024, 5, 3), None)
    pattern = r"^(?P<source>[a-z]+)-(?P<date>\d{4}\d{2}\d{2})"
    assert meta_from_name("/in/taz-20240503.txt", pattern) == (dt.date(2024, 5, 3), "taz")
    assert meta_from_name("/in/nyt_2016-01-12_x.txt", "") == (None, None)


def test_names_filename_date_only_when_nothing_else() -> None:
    given = Article(origins=["/in/nyt_2016-01-12_x.txt"], format="text", raw="", base="")
    given.published, given.published_from, given.source = dt.date(2016, 1, 10), "title", "dw"
    apply_name_meta(given, DEFAULT_PATTERN)
    assert (given.published, given.published_from, given.source) == (dt.date(2016, 1, 10), "title", "dw")
    bare = Article(origins=["/in/nyt_2016-01-12_x.txt"], format="text", raw="", base="")
    bare.flags.append("no-date")
    apply_name_meta(bare, DEFAULT_PATTERN)
    assert (bare.published, bare.published_from, bare.source) == (dt.date(2016, 1, 12), "filename", "nyt")
    assert "no-date" not in bare.flags


@pytest.mark.parametrize("name", ["Nordkorea: Experten im Interview (0001-01-01).txt", "nyt_2099-01-01_x.txt"])
def test_names_implausible_filename_date_is_flagged_not_used(name) -> None:
    article = Article(origins=[f"/in/{name}"], format="text", raw="", base="")
    article.flags.append("no-date")
    apply_name_meta(article, DEFAULT_PATTERN)
    apply_name_meta(article, DEFAULT_PATTERN)  # flagged once
    day = re.search(r"\d{4}-\d{2}-\d{2}", name).group()
    assert article.published is None and article.published_from != "filename"
    assert article.flags == ["no-date", f"date-implausible:{day}"]


def test_cli_daily_ingest_reads_date_and_source_from_file_name(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("LAGEBILD_NAME_PATTERN", raising=False)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "nyt_2016-01-12_gesetz.txt").write_text(UNDATED, encoding="utf-8")
    db = os.fspath(tmp_path / "n.db")
    assert main(["ingest", "-q", "--no-enrich", os.fspath(tmp_path / "in"), "--db", db]) == 0
    capsys.readouterr()
    assert main(["list", "--json", "--db", db]) == 0
    (rec,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rec["published"] == "2016-01-12" and rec["source"] == "nyt"
    assert "no-date" not in rec["flags"]


def test_cli_daily_list_shows_the_source_as_given_and_no_implausible_date(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.delenv("LAGEBILD_NAME_PATTERN", raising=False)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "derstandard_2024-05-03_x.txt").write_text(UNDATED, encoding="utf-8")
    rec = {"title": "Nulldatum", "date_publish": "0001-01-01", "source": "Beispielagentur", "maintext": UNDATED}
    (tmp_path / "in" / "zero.json").write_text(json.dumps(rec), encoding="utf-8")
    db = os.fspath(tmp_path / "n.db")
    assert main(["ingest", "-q", "--no-enrich", os.fspath(tmp_path / "in"), "--db", db]) == 0
    capsys.readouterr()
    assert main(["list", "--db", db]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) == 2
    assert "2024-05-03  derstandard " in rows[0]  # not cut to ten letters
    assert "Beispielagentur" in rows[1] and "0001" not in rows[1]  # the zero date is not shown
    assert main(["list", "--json", "--db", db]) == 0
    zero = [json.loads(line) for line in capsys.readouterr().out.splitlines()][1]
    assert zero["published"] is None and "date-implausible:0001-01-01" in zero["flags"]


def test_cli_daily_name_pattern_option(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("LAGEBILD_NAME_PATTERN", raising=False)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x-24.12.2023.txt").write_text(UNDATED, encoding="utf-8")
    db = os.fspath(tmp_path / "n.db")
    assert main(["ingest", "-q", "--no-enrich", "--name-pattern", "(", os.fspath(tmp_path / "in"),
                 "--db", db]) == 2  # fmt: skip
    assert "--name-pattern" in capsys.readouterr().err
    pattern = r"(?P<date>\d{2}\.\d{2}\.\d{4})"
    assert main(["ingest", "-q", "--no-enrich", "--name-pattern", pattern, os.fspath(tmp_path / "in"),
                 "--db", db]) == 0  # fmt: skip
    # main() sets it for this command's worker processes only: no leak into later commands
    assert "LAGEBILD_NAME_PATTERN" not in os.environ
    capsys.readouterr()
    assert main(["list", "--json", "--db", db]) == 0
    (rec,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rec["published"] == "2023-12-24" and rec["source"] is None


# --- Parquet export ----------------------------------------------------------------------------


def test_cli_daily_export_parquet_matches_jsonl(seeded_db, tmp_path: Path, capsys) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "a.parquet"
    assert main(["export", "--format", "parquet", "--out", os.fspath(out), "--db", seeded_db]) == 0
    table = pq.read_table(out)
    assert main(["export", "--db", seeded_db]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    rows = table.to_pylist()
    assert len(rows) == len(records) == 2
    from lagebild.present.export import CSV_FIELDS

    assert set(table.column_names) == set(CSV_FIELDS)
    for row, rec in zip(rows, records, strict=True):
        assert row["id"] == rec["id"]
        assert (row["published"].isoformat() if row["published"] else None) == rec["published"]
        assert row["entities"] == rec["entities"]
        assert row["quotes"] == rec["quotes"]
        assert row["edits"] == rec["edits"]


def test_cli_daily_export_to_file(seeded_db, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    assert main(["export", "--format", "csv", "--out", os.fspath(out), "--db", seeded_db]) == 0
    assert out.read_text(encoding="utf-8").startswith("id,origins,")


# --- the demo ------------------------------------------------------------------------------------


def test_cli_daily_demo_articles_form_a_storyline(tmp_path: Path, capsys, monkeypatch) -> None:
    """What `make demo` reads: every file stored (the seeds, the format examples and the feed in
    `demo/feed/`), the file-name date and source used, storylines of several events from several
    outlets forming, and a cited briefing of the largest one."""
    monkeypatch.delenv("LAGEBILD_NAME_PATTERN", raising=False)
    demo = EXAMPLES.parent / "demo"
    inputs = [p for d in (EXAMPLES, demo) for p in d.rglob("*") if p.is_file()]
    articles = [p for p in inputs if not p.name.endswith(".meta.json") and p.name != "README.md"]
    db = os.fspath(tmp_path / "demo.db")
    assert main(["ingest", "-q", os.fspath(EXAMPLES), os.fspath(demo), "--db", db]) == 0
    capsys.readouterr()
    assert main(["list", "--json", "--db", db]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    # the RSS file holds two items
    assert len(records) == len(articles) + 1 >= 30
    by_name = {Path(r["origins"][0]).name: r for r in records}
    welt = by_name["welt_2024-06-29_manoever-bilanz.txt"]
    assert (welt["published"], welt["source"], welt["section"]) == ("2024-06-29", "welt", "Ausland")
    museum = by_name["abendpost_2024-07-27_ausstellung.txt"]
    assert (museum["published"], museum["source"], museum["section"]) == (
        "2024-07-27", "abendpost", "Kultur",
    )  # fmt: skip
    assert by_name["beispielagentur_2024-07-12_ostsee-erklaerung.json"]["published"] == "2024-07-12"
    # every feed file is stored under the outlet its name gives (a sidecar's URL does not rename it)
    for name, r in by_name.items():
        outlet = re.match(r"([a-z]+)_\d{4}-\d{2}-\d{2}_", name)
        if outlet and "/feed/" in r["origins"][0]:
            assert (r["source"] or "").casefold() == outlet.group(1), name
    assert {r["language"] for r in records} == {"de", "en"}
    assert len({r["source"] for r in records}) >= 8
    assert main(["stories", "--json", "--limit", "0", "--db", db]) == 0
    stories = json.loads(capsys.readouterr().out)
    source = {r["id"]: r["source"] for r in records}

    def articles_of(st: dict) -> list[str]:
        return [a for ev in st["events"] for a in ev["articles"]]

    threads = [
        st for st in stories
        if len(st["events"]) >= 2 and len(articles_of(st)) >= 3
        and len({source[a] for a in articles_of(st)}) >= 2
    ]  # fmt: skip
    # the four threads of the demo: North Korea, the flood, the trial, the Baltic summit
    assert len(threads) >= 4
    # a thread of several weeks keeps its reports together: the trial from charge to verdict
    trial = [st for st in threads if any("Mallinger" in a for a in st["actors"])]
    assert len(trial) == 1 and trial[0]["start"] == "2024-07-02" and trial[0]["end"] == "2024-08-07"
    # the single reports stay alone
    alone = by_name["innbote_2024-07-20_bergwacht.txt"]["id"]
    assert not any(alone in articles_of(st) for st in threads)
    biggest = max(stories, key=lambda st: len(articles_of(st)))
    assert len(articles_of(biggest)) >= 8
    assert main(["timeline", biggest["id"], "--db", db]) == 0
    assert capsys.readouterr().out.count("\n") >= 10
    assert main(["brief", biggest["id"], "--db", db]) == 0
    brief = capsys.readouterr().out
    assert "## Quellen" in brief and "[8]" in brief


# --- show and stories ------------------------------------------------------------------------------


def test_cli_daily_show_says_how_many_more(seeded_db, capsys) -> None:
    from lagebild.store import Store

    with Store(seeded_db) as store:
        article = max(store.iter_articles(), key=lambda a: len(a.entities))
    assert len(article.entities) > 12  # the seeds name more actors than `show` lists
    assert main(["show", article.id[:8], "--db", seeded_db]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("entities:"))
    assert line.endswith(f"(+{len(article.entities) - 12} more)")


def test_cli_daily_stories_newest_first_with_a_default_limit(tmp_path: Path, capsys) -> None:
    from .conftest import DATA

    db = os.fspath(tmp_path / "s.db")
    assert main(["ingest", "-q", os.fspath(DATA / "stories"), "--db", db]) == 0
    capsys.readouterr()
    assert main(["stories", "--json", "--limit", "0", "--db", db]) == 0
    every = json.loads(capsys.readouterr().out)
    assert len(every) >= 2
    ends = [st["end"] for st in every if st["end"]]
    assert ends == sorted(ends, reverse=True)
    assert main(["stories", "--json", "--limit", "1", "--db", db]) == 0
    (newest,) = json.loads(capsys.readouterr().out)
    assert newest["id"] == every[0]["id"]
    from lagebild.cli import build_parser

    assert build_parser().parse_args(["stories"]).limit == 20


# --- entity lookup by name -----------------------------------------------------------------------


def _entities(store, rows) -> None:
    with store.begin() as conn:  # SQLAlchemy: SQLite and PostgreSQL
        for eid, name, aliases in rows:
            run(conn,
                "INSERT INTO entities (id, name, type, wikidata, aliases) VALUES (?, ?, 'PER', NULL, ?)",
                (eid, name, json.dumps(aliases, ensure_ascii=False)),
            )  # fmt: skip


def _mentioned(store, rows) -> None:
    """Entities named in articles: (article id, entity id, name); bare article rows are written
    first (the foreign key holds on both dialects)."""
    hexed = {aid: hashlib.sha256(aid.encode()).hexdigest()[:16] for aid in dict.fromkeys(r[0] for r in rows)}
    rows = [(hexed[aid], *rest) for aid, *rest in rows]  # article ids are hex
    with store.begin() as conn:
        run(conn, "INSERT INTO raws (sha256, bytes, size) VALUES ('t', ?, 1)", (b"\x00",))
        for aid in dict.fromkeys(r[0] for r in rows):
            run(conn,
                "INSERT INTO articles (id, format, raw_sha256, encoding, text, title, title_raw, source,"
                " published_from, agencies, flags, added_at)"
                " VALUES (?, 'text', 't', 'utf-8', 'x', 'x', '', 'dw', 'record', '[]', '[]', '')",
                (aid,),
            )  # fmt: skip
        run_many(conn,
            "INSERT INTO article_entities (article_id, entity_id, name, aliases) VALUES (?, ?, ?, '[]')", rows
        )  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Angela Merkel", ["Q567"]),
        ("merkel", ["Q567"]),  # an alias beats the word in other names
        ("Schroeder", ["Q2530"]),  # folded umlaut
        ("Gerhard Schröder", ["Q2530"]),
        ("Kim Jong-un", ["Q56226"]),  # hyphen folded, alias
        ("Kim", ["Q56226", "Q3195436"]),  # only words: both, to choose from
        ("Q567", ["Q567"]),
        ("Scholz", []),
    ],
)
def test_store_names_find_entities(store, query, expected) -> None:
    from lagebild.store.names import find_entities

    _entities(store, [
        ("Q567", "Angela Merkel", ["Merkel", "Kanzlerin Merkel"]),
        ("lb:per:merkel-haus", "Merkel-Haus Stiftung", []),
        ("Q2530", "Gerhard Schröder", ["Schröder"]),
        ("Q56226", "Kim Jong Un", ["Kim Jong-un"]),
        ("Q3195436", "Kim Yo Jong", []),
    ])  # fmt: skip
    assert sorted(c.id for c in find_entities(store.db, query)) == sorted(expected)


def test_store_names_a_more_mentioned_word_match_is_offered_too(store) -> None:
    from lagebild.store.names import find_entities

    _entities(store, [
        ("Q24313", "Mike Pence", ["Pence"]),
        ("lb:org:pence", "Pence", []),  # a bare surname the NER typed wrongly, in one article
        ("Q567", "Angela Merkel", ["Merkel"]),
        ("lb:org:merkel-haus", "Merkel-Haus Stiftung", []),
    ])  # fmt: skip
    _mentioned(store,
        [(f"a{i}", "Q24313", "Mike Pence") for i in range(5)] + [("a9", "lb:org:pence", "Pence")]
        + [(f"m{i}", "Q567", "Merkel") for i in range(3)] + [(f"h{i}", "lb:org:merkel-haus", "x") for i in range(9)],
    )  # fmt: skip
    # "Pence" is the ORG's exact name, Mike Pence's alias: both offered, the most named first
    assert [c.id for c in find_entities(store.db, "pence")] == ["Q24313", "lb:org:pence"]
    assert [c.id for c in find_entities(store.db, "Mike Pence")] == ["Q24313"]
    # an alias still beats a mere word, however often that is named
    assert [c.id for c in find_entities(store.db, "Merkel")] == ["Q567"]


def test_store_names_a_bare_name_as_often_named_as_the_full_name_is_listed_with_it(store, capsys) -> None:
    """`timeline Chang` picked the bare local `Chang` (its exact name) over `Chang Ho-jin`, named
    as often: both are listed now, the full name first, and `timeline` asks which one."""
    from lagebild.store.names import find_entities

    _entities(store, [
        ("lb:per:chang", "Chang", []),
        ("lb:per:chang-ho-jin", "Chang Ho-jin", []),
        ("lb:per:lee", "Lee", []),
        ("lb:per:lee-jae-myung", "Lee Jae-myung", []),
    ])  # fmt: skip
    _mentioned(store,
        [("a1", "lb:per:chang", "Chang"), ("a1", "lb:per:chang-ho-jin", "Chang Ho-jin")]
        + [(f"l{i}", "lb:per:lee", "Lee") for i in range(3)] + [("l9", "lb:per:lee-jae-myung", "Lee Jae-myung")],
    )  # fmt: skip
    assert [c.id for c in find_entities(store.db, "Chang")] == ["lb:per:chang-ho-jin", "lb:per:chang"]
    assert [c.id for c in find_entities(store.db, "Chang Ho-jin")] == ["lb:per:chang-ho-jin"]
    # a bare name named more often than the full name stays the one answer
    assert [c.id for c in find_entities(store.db, "Lee")] == ["lb:per:lee"]
    assert main(["timeline", "Chang", "--db", str(store.path)]) == 1
    err = capsys.readouterr().err
    assert "'Chang' names 2 entities; give one of their ids:" in err
    assert err.index("lb:per:chang-ho-jin") < err.index("lb:per:chang ")


def test_cli_daily_one_article_and_headlines_without_a_closing_point(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("LAGEBILD_NAME_PATTERN", raising=False)
    (tmp_path / "in").mkdir()
    text = UNDATED.replace("Regierung beschließt neues Gesetz\n", "Regierung beschließt neues Bahngesetz.\n")
    (tmp_path / "in" / "nyt_2016-01-12_gesetz.txt").write_text(text, encoding="utf-8")
    db = os.fspath(tmp_path / "n.db")
    assert main(["ingest", "-q", os.fspath(tmp_path / "in"), "--db", db]) == 0
    assert "— 1 article in " in capsys.readouterr().out  # not "1 articles"
    assert main(["stories", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("  Regierung beschließt neues Bahngesetz")  # the storyline's title
    assert lines[2].endswith("  Regierung beschließt neues Bahngesetz")  # its event's headline


def test_cli_daily_progress_names_its_phases_and_counts_failures(tmp_path: Path, capsys) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(UNDATED, encoding="utf-8")
    (src / "b.txt").write_bytes(b"\x00\x01 not text")
    db = os.fspath(tmp_path / "p.db")
    assert main(["--progress", "ingest", os.fspath(src), "--db", db]) == 1
    err = capsys.readouterr().err
    phases = [p for p in ("ingest: loading models", "ingest: enriching + grouping") if p in err]
    assert phases == ["ingest: loading models", "ingest: enriching + grouping"], err
    assert err.index("loading models") < err.index("enriching + grouping")
    assert "/2" in err and "failed=1" in err  # the total of inputs and a live failure count


def test_cli_daily_enrich_progress_names_its_phases(seeded_db, tmp_path: Path, capsys) -> None:
    db = os.fspath(tmp_path / "enrich.db")
    shutil.copy(seeded_db, db)
    assert main(["--progress", "enrich", "--db", db]) == 0
    captured = capsys.readouterr()
    assert "enriched 2 articles" in captured.out
    err = captured.err
    assert err.index("enrich: loading models") < err.index("enrich: enriching + grouping"), err
    assert "/2" in err  # the total


def test_cli_daily_stories_and_timeline_speak_one_language(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("LAGEBILD_NAME_PATTERN", raising=False)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "gesetz.txt").write_text(UNDATED, encoding="utf-8")  # no date anywhere
    db = os.fspath(tmp_path / "u.db")
    assert main(["ingest", "-q", os.fspath(tmp_path / "in"), "--db", db]) == 0
    assert main(["stories", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "  1 source  " in out and "  1 src.  " in out and " undated " in out, out
    (sid,) = re.findall(r"^(st-\w+)", out, re.M)
    assert main(["timeline", sid, "--db", db]) == 0
    out += capsys.readouterr().out
    assert "undated" in out
    assert not re.search(r"Quelle|Qu\.|undatiert", out), out  # the CLI's words are English
    assert "[unknown source " in out and "[? " not in out  # a citation names no "?" source


def test_cli_daily_stories_name_actors_in_the_storylines_language(tmp_path: Path, capsys) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "wh.txt").write_text(
        "White House rejects report on leaked filings\n\n"
        "WASHINGTON: The White House on Friday rejected a report that it had leaked the tax filings "
        "of a candidate. The White House press secretary said the report was false.\n\n"
        "Officials at the White House declined to say more about the filings.\n",
        encoding="utf-8",
    )
    (tmp_path / "in" / "wh.meta.json").write_text('{"source": "examplewire", "published": "2016-09-30"}')
    db = os.fspath(tmp_path / "w.db")
    assert main(["ingest", "-q", os.fspath(tmp_path / "in"), "--db", db]) == 0
    capsys.readouterr()
    assert main(["stories", "--db", db]) == 0
    actors = next(x for x in capsys.readouterr().out.splitlines() if x.strip().startswith("actors:"))
    assert "White House" in actors and "Weißes Haus" not in actors  # the gazetteer's name is German
    assert main(["stories", "--json", "--db", db]) == 0
    assert "Weißes Haus" in json.loads(capsys.readouterr().out)[0]["actors"]  # JSON: the stored names


LATEST = """The Latest: Trump urges supporters to monitor polling places

WASHINGTON (AP) — The Latest on the presidential race (all times EDT):

6:05 p.m.

Donald Trump is once again questioning the integrity of the U.S. voting system on Friday.

5:55 p.m.

Hillary Clinton told supporters in Florida on Friday that Trump had a terrible week.
"""


def test_cli_daily_timeline_has_no_live_blog_time_stamps(tmp_path: Path, capsys) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "latest.txt").write_text(LATEST, encoding="utf-8")
    (tmp_path / "in" / "latest.meta.json").write_text('{"source": "examplewire", "published": "2016-09-30"}')
    db = os.fspath(tmp_path / "l.db")
    assert main(["ingest", "-q", os.fspath(tmp_path / "in"), "--db", db]) == 0
    capsys.readouterr()
    assert main(["stories", "--json", "--db", db]) == 0
    (st,) = json.loads(capsys.readouterr().out)
    assert main(["timeline", st["id"], "--json", "--db", db]) == 0
    entries = json.loads(capsys.readouterr().out)
    texts = [e["text"] for e in entries]
    assert any("Clinton told supporters" in t for t in texts)  # the posts themselves stay
    assert not any(re.fullmatch(r"\d{1,2}:\d{2} p\.m\.", t.strip()) for t in texts), texts


def test_cli_daily_timeline_lead_is_a_sentence_not_a_label(tmp_path: Path, capsys) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "letters.txt").write_text(
        "Readers weigh in on the first debate\n\nLETTERS.\n\nReaders wrote in to say that the first "
        "debate between the candidates was a disappointment for both parties.\n\n"
        "Many asked for a different format next time.\n",
        encoding="utf-8",
    )
    (tmp_path / "in" / "letters.meta.json").write_text('{"source": "examplepost", "published": "2016-09-30"}')
    db = os.fspath(tmp_path / "r.db")
    assert main(["ingest", "-q", os.fspath(tmp_path / "in"), "--db", db]) == 0
    capsys.readouterr()
    assert main(["stories", "--json", "--db", db]) == 0
    (st,) = json.loads(capsys.readouterr().out)
    assert main(["timeline", st["id"], "--json", "--db", db]) == 0
    (entry,) = json.loads(capsys.readouterr().out)  # the article's lead, dated by its day
    assert entry["text"].startswith("Readers wrote in") and entry["date"] == "2016-09-30"


def test_cli_daily_event_brief_leads_with_news_not_a_live_blogs_introduction(tmp_path: Path, capsys) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "latest.txt").write_text(LATEST, encoding="utf-8")
    (tmp_path / "in" / "latest.meta.json").write_text('{"source": "examplewire", "published": "2016-09-30"}')
    db = os.fspath(tmp_path / "l.db")
    assert main(["ingest", "-q", os.fspath(tmp_path / "in"), "--db", db]) == 0
    capsys.readouterr()
    assert main(["stories", "--json", "--db", db]) == 0
    (st,) = json.loads(capsys.readouterr().out)
    assert main(["brief", st["events"][0]["id"], "--db", db]) == 0
    brief = capsys.readouterr().out
    happened = brief.split("## What happened", 1)[1].split("##", 1)[0].strip().splitlines()
    assert happened == ["- Donald Trump is once again questioning the integrity of the U.S. voting system on Friday. [1]"]


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--format", "csv", "--out", "{d}/x.csv"],
        ["export", "--format", "parquet", "--out", "{d}/x.parquet"],
        ["brief", "{st}", "-o", "{d}/b.md"],
        ["plot", "network", "{st}", "--out", "{d}/n.png"],
    ],
)
def test_cli_daily_output_in_a_missing_folder_is_a_clean_error(seeded_db, tmp_path: Path, capsys, argv) -> None:
    """An output file that cannot be written is one line naming it and why (exit 1), not a traceback."""
    missing = tmp_path / "no" / "such"
    assert main(["stories", "--json", "--db", seeded_db]) == 0
    st = json.loads(capsys.readouterr().out)[0]["id"]
    argv = [a.format(d=missing, st=st) for a in argv]
    assert main([*argv, "--db", seeded_db]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"lagebild: cannot write '{missing}/") and "No such file or directory" in err


@pytest.mark.parametrize("argv", [
    ["export", "-o", "x"], ["export", "--out", "x"], ["export", "--output", "x"],
    ["brief", "Hochwasser", "-o", "x"], ["brief", "Hochwasser", "--out", "x"], ["brief", "Hochwasser", "--output", "x"],
    ["plot", "timeline", "st-1", "-o", "x"], ["plot", "timeline", "st-1", "--output", "x"],
])  # fmt: skip
def test_cli_daily_every_file_writing_command_takes_o_out_and_output(argv) -> None:
    """`brief -o` (README) and `export --out` (docs/cli.md) were two spellings of one option."""
    from lagebild.cli import build_parser

    args = build_parser().parse_args(argv)
    assert (getattr(args, "out", None) or getattr(args, "output", None)) == "x"


# --- search filters by name ------------------------------------------------------------------


def test_cli_daily_search_entity_by_name_alias_and_folded_spelling(seeded_db, capsys) -> None:
    """`--entity Suedkorea` filters as `--entity Q884` does (it found nothing, silently)."""
    assert main(["search", "Japan", "--mode", "keyword", "--entity", "Q884", "--json", "--db", seeded_db]) == 0
    by_id = json.loads(capsys.readouterr().out)
    assert by_id["total"] > 0
    for name in ("Südkorea", "Suedkorea", "südkorea"):
        assert main(["search", "Japan", "--mode", "keyword", "--entity", name, "--json", "--db", seeded_db]) == 0
        assert json.loads(capsys.readouterr().out)["results"] == by_id["results"]


def test_cli_daily_search_unknown_entity_or_storyline_is_an_error(seeded_db, capsys) -> None:
    assert main(["search", "Japan", "--mode", "keyword", "--entity", "Nixda", "--db", seeded_db]) == 1
    assert "No entity 'Nixda'" in capsys.readouterr().err
    assert main(["search", "Japan", "--mode", "keyword", "--storyline", "Nixda", "--db", seeded_db]) == 1
    assert "No storyline 'Nixda'" in capsys.readouterr().err
    assert main(["search", "Japan", "--mode", "keyword", "--event", "ev-000000000000", "--db", seeded_db]) == 1
    assert "No event 'ev-000000000000'" in capsys.readouterr().err


def test_cli_daily_search_storyline_by_title_words(seeded_db, capsys) -> None:
    assert main(["stories", "--json", "--db", seeded_db]) == 0
    story = json.loads(capsys.readouterr().out)[0]
    word = max(re.findall(r"[\w-]+", str(story["title"])), key=len)
    assert main(["search", "Japan", "--mode", "keyword", "--storyline", story["id"], "--json", "--db", seeded_db]) == 0
    by_id = json.loads(capsys.readouterr().out)
    assert main(["search", "Japan", "--mode", "keyword", "--storyline", word.lower(), "--json", "--db", seeded_db]) == 0
    assert json.loads(capsys.readouterr().out)["results"] == by_id["results"] != []


def test_cli_daily_search_exports_every_hit_as_csv_jsonl_and_parquet(seeded_db, tmp_path: Path, capsys) -> None:
    """`lagebild search --format` writes every hit (not the page) for pandas, DuckDB or a spreadsheet."""
    pq = pytest.importorskip("pyarrow.parquet")
    q = ["search", "Japan", "--mode", "keyword", "--db", seeded_db]
    assert main([*q, "--json", "--limit", "1"]) == 0
    page = json.loads(capsys.readouterr().out)
    assert page["total"] >= 2 and len(page["results"]) == 1
    assert main([*q, "--format", "jsonl", "--limit", "1"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == page["total"] and lines[0]["id"] == page["results"][0]["id"]
    assert list(lines[0]) == ["id", "title", "published", "source", "language", "score", "origins", "snippet"]
    assert main([*q, "--format", "csv", "-o", str(tmp_path / "hits.csv")]) == 0
    rows = (tmp_path / "hits.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "id,title,published,source,language,score,origins,snippet" and len(rows) == 1 + page["total"]
    assert main([*q, "--format", "parquet", "--out", str(tmp_path / "hits.parquet")]) == 0
    table = pq.read_table(tmp_path / "hits.parquet")
    assert table.column("id").to_pylist() == [r["id"] for r in lines]
    assert str(table.schema.field("published").type) == "date32[day]"
    assert f"{page['total']} hits written to" in capsys.readouterr().err
