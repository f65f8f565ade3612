"""Batch enrichment: the engine-neutral function, the local pool path and Spark local[2] give one set of rows.

The Spark test needs PySpark (the test extra installs it) and Java 17+; without them it is
skipped, and ``LAGEBILD_SKIP_SPARK=1`` skips it on purpose.  It starts one local[2] session
(about 20-60 s of the module's time, most of it the JVM and two Python workers loading models),
and one Spark Connect session on a local server (``remote="local[2]"``, the same again; skipped
without ``pyspark[connect]``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import shutil
from pathlib import Path

import pytest

from lagebild.batch import Record, enrich_paths, enrich_records, is_input_name, origin_of_url, row_schema
from lagebild.ingest import ReadOptions, read

from .conftest import EXAMPLES, ROOT

MAX_BYTES = 64 * 1024  # small, so that one input is too large without a 10 MB file

_PEOPLE = [
    ("Olaf Scholz", "Bundeskanzler"), ("Annalena Baerbock", "Außenministerin"),
    ("Emmanuel Macron", "der französische Präsident"), ("Yoon Suk Yeol", "der südkoreanische Präsident"),
    ("Antony Blinken", "US-Außenminister"), ("Fumio Kishida", "der japanische Regierungschef"),
    ("Ursula von der Leyen", "die EU-Kommissionspräsidentin"), ("Jens Stoltenberg", "Nato-Generalsekretär"),
]  # fmt: skip
_PLACES = ["Berlin", "Paris", "Seoul", "Tokio", "Brüssel", "Washington", "Warschau", "Rom"]
_TOPICS = [
    ("die Sanktionen gegen Russland", "Die Maßnahmen müssen wirken"),
    ("das nordkoreanische Atomprogramm", "Wir werden keine Provokation hinnehmen"),
    ("die Hilfe für die Ukraine", "Die Unterstützung geht weiter"),
    ("den Klimaschutz", "Wir brauchen mehr Tempo"),
    ("die Lage im Nahen Osten", "Eine Waffenruhe ist dringend nötig"),
]
_DAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"]


def _generated(n: int) -> list[dict[str, str]]:
    """``n`` small German news records, each a different mix of person, place, topic and date."""
    out = []
    combos = itertools.product(_PEOPLE, _PLACES, _TOPICS)
    for i, ((name, role), place, (topic, quote)) in enumerate(itertools.islice(combos, 0, None, 7)):
        if i >= n:
            break
        day = dt.date(2024, 3, 4) + dt.timedelta(days=3 * i)
        weekday = _DAYS[i % 5]
        other, other_role = _PEOPLE[(i + 3) % len(_PEOPLE)]
        out.append({
            "title": f"{name.split()[-1]} spricht in {place} über {topic}",
            "date_publish": f"{day.isoformat()} 10:{i % 60:02d}:00",
            "source_domain": ["www.dw.com", "www.welt.de", "www.tagesschau.de"][i % 3],
            "url": f"https://example.org/generiert/{i}",
            "language": "de",
            "maintext": (
                f"{place.upper()} (dpa) - {role} {name} hat am {weekday} in {place} über {topic} gesprochen. "
                f"„{quote}“, sagte {name.split()[-1]} nach einem Treffen mit {other}.\n"
                f"{other_role[0].upper() + other_role[1:]} {other} kündigte an, am {day.day + 1}. "
                f"{['März', 'April', 'Mai'][i % 3]} erneut nach {place} zu reisen. "
                f"Beobachter erwarten bis zum Herbst keine Einigung über {topic}."
            ),
        })  # fmt: skip
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds, the demo inputs (sidecars included), generated articles and bad items."""
    root = tmp_path_factory.mktemp("batch")
    src = root / "in"
    shutil.copytree(EXAMPLES, src / "seeds")
    # the format examples, not the feed (demo/feed/, 29 articles: test_cli_daily reads it)
    shutil.copytree(ROOT / "demo", src / "demo", ignore=shutil.ignore_patterns("feed"))
    records = _generated(36)
    lines = [json.dumps(r, ensure_ascii=False) for r in records[:30]]
    lines.insert(7, '{"title": "abgebrochen", "maintext": "Der Text')  # a broken line
    (src / "gen.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for i, r in enumerate(records[30:]):  # raw-article text files: title, blank line, body
        name = f"gen_{i}.txt" if i < 5 else "gen 5%20ä.txt"  # a space, a literal %20, a non-ASCII letter
        (src / name).write_text(f"{r['title']}\n\n{r['maintext']}\n", encoding="utf-8")
    (src / "gen_0.txt.meta.json").write_text('{"source": "dw", "published": "2024-05-01"}', encoding="utf-8")
    (src / "gen_1.txt.meta.json").write_text("{kein json", encoding="utf-8")  # a bad sidecar
    (src / "binär.txt").write_bytes(bytes(range(256)) * 8)
    (src / "leer.txt").write_bytes(b"")
    (src / "riesig.txt").write_text("Ein Satz über nichts. " * 4000, encoding="utf-8")  # > MAX_BYTES
    (src / ".versteckt.txt").write_text("nicht lesen", encoding="utf-8")
    return src


def _key(row: dict) -> tuple:
    return (row["origins"][0], row["error"] or "")


def _reference(paths: list[str]) -> list[dict]:
    """Rows of the local pipeline as ``lagebild ingest`` runs it: its reader, its chunk step."""
    from lagebild.batch import _row
    from lagebild.pipeline import _process_chunk

    items = list(read(paths, options=ReadOptions(max_bytes=MAX_BYTES)))
    rows = []
    for start in range(0, len(items), 16):
        rows.extend(_row(x) for x in _process_chunk(items[start : start + 16]))
    return sorted(rows, key=_key)


@pytest.fixture(scope="module")
def local_rows(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    import pyarrow.parquet as pq

    out = tmp_path_factory.mktemp("local") / "rows"
    summary = enrich_paths([os.fspath(corpus)], os.fspath(out), workers=1, max_bytes=MAX_BYTES)
    rows = pq.read_table(out / "part-00000.parquet").to_pylist()
    assert summary == {"rows": len(rows), "errors": sum(r["error"] is not None for r in rows)}
    return sorted(rows, key=_key)


def test_spark_local_rows_equal_the_ingest_pipeline(corpus: Path, local_rows: list[dict]):
    assert local_rows == _reference([os.fspath(corpus)])


def test_spark_bad_items_become_error_rows(corpus: Path, local_rows: list[dict]):
    errors = {Path(r["origins"][0]).name: r["error"] for r in local_rows if r["error"]}
    assert set(errors) == {"binär.txt", "leer.txt", "riesig.txt", "gen.jsonl#L8", "gen_1.txt.meta.json"}
    assert "too large" in errors["riesig.txt"]
    assert "sidecar is not valid JSON" in errors["gen_1.txt.meta.json"]
    good = [r for r in local_rows if not r["error"]]
    assert len(good) == 2 + 5 + 30 + 6  # seeds, demo items (the feed holds two), JSONL, text files
    assert all(len(r["embedding"]) == 512 and r["entities"] for r in good)
    by_name = {Path(r["origins"][0]).name: r for r in good}
    assert by_name["gen_0.txt"]["source"] == "dw" and by_name["gen_0.txt"]["published"] == dt.date(2024, 5, 1)
    assert by_name["gen_1.txt"]["text"]  # read without its broken sidecar


def test_spark_rows_fit_the_schema_and_hidden_files_are_skipped(local_rows: list[dict]):
    assert not any(".versteckt" in r["origins"][0] for r in local_rows)
    names = set(row_schema().names)
    assert all(set(r) == names for r in local_rows)
    from lagebild.present.export import CSV_FIELDS

    assert set(CSV_FIELDS) <= names  # the export contract, plus the batch columns


def test_spark_records_never_raise(monkeypatch: pytest.MonkeyPatch):
    """A bug on one item is that item's error row; the others go on."""
    import lagebild.pipeline as pipeline

    real = pipeline._cleaned

    def flaky(article, options=None):
        if "Absturz" in article.base:
            raise RuntimeError("kaputt")
        return real(article, options)

    monkeypatch.setattr(pipeline, "_cleaned", flaky)
    rows = enrich_records([
        Record(origin="/x/a.txt", data="Titel\n\nAbsturz hier. Ein Satz mit Inhalt.".encode()),
        Record(origin="/x/b.txt", data="Titel\n\nOlaf Scholz sprach am Montag in Berlin.".encode()),
    ])  # fmt: skip
    assert [r["origins"] for r in rows] == [["/x/a.txt"], ["/x/b.txt"]]
    assert "RuntimeError: kaputt" in rows[0]["error"] and rows[1]["error"] is None


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("file:/tmp/a b/c.txt", "/tmp/a b/c.txt"),
        ("file:/tmp/a%20b.txt", "/tmp/a%20b.txt"),  # Hadoop path strings are not encoded
        ("file:///tmp/x.jsonl", "/tmp/x.jsonl"),
        ("hdfs://nn:8020/news/a.txt", "hdfs://nn:8020/news/a.txt"),
        ("s3a://bucket/a.json", "s3a://bucket/a.json"),
    ],
)
def test_spark_origin_of_url(url: str, origin: str):
    assert origin_of_url(url) == origin


@pytest.mark.parametrize(
    ("uri", "path"),
    [("file:///tmp/bin%20%C3%A4r.txt", "file:/tmp/bin är.txt"), ("hdfs://nn:8020/a%25b.txt", "hdfs://nn:8020/a%b.txt")],
)
def test_spark_hadoop_path(uri: str, path: str):
    """inputFiles() gives URIs, the binaryFile source Hadoop path strings: the empty-file
    check compares them in one form."""
    from lagebild.batch import hadoop_path

    assert hadoop_path(uri) == path


@pytest.mark.parametrize(
    ("path", "ok"),
    [("/a/b.txt", True), ("/a/.b.txt", False), ("/a/.git/b.txt", False), ("/a/b.txt.meta.json", False),
     ("/a/README.md", False), ("hdfs://nn/x/LICENSE", False), ("/a/_b.txt", True)],
)  # fmt: skip
def test_spark_is_input_name(path: str, ok: bool):
    assert is_input_name(path) is ok


def test_spark_duckdb_recipe_articles_per_source_and_month(local_rows: list[dict], tmp_path: Path):
    """The first recipe of docs/scale.md, run as written there over the rows' Parquet."""
    duckdb = pytest.importorskip("duckdb")
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(local_rows, schema=row_schema()), tmp_path / "part-0.parquet")
    doc = (ROOT / "docs" / "scale.md").read_text(encoding="utf-8")
    sql = doc.split("<!-- recipe: per-source-month", 1)[1].split("```sql", 1)[1].split("```", 1)[0]
    con = duckdb.connect()
    got = con.execute(sql.replace("'rows/*.parquet'", f"'{tmp_path}/*.parquet'")).fetchall()
    want: dict[tuple, int] = {}
    for r in local_rows:
        if r["error"] is None and r["published"]:
            k = (r["source"], r["published"].strftime("%Y-%m"))
            want[k] = want.get(k, 0) + 1
    assert {(s, m): n for s, m, n in got} == want
    assert sum(want.values()) > 30


def _spark_ready() -> str | None:
    if os.environ.get("LAGEBILD_SKIP_SPARK"):
        return "LAGEBILD_SKIP_SPARK is set"
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "PySpark not installed (pip install 'lagebild[spark]')"
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        return "no Java"
    return None


# asked once at import: both Spark tests skip for the same reason
_SPARK_MISSING = _spark_ready()
needs_spark = pytest.mark.skipif(_SPARK_MISSING is not None, reason=str(_SPARK_MISSING))


@needs_spark
def test_spark_local2_rows_equal_the_local_pool(corpus: Path, local_rows: list[dict], tmp_path: Path):
    import pyarrow.dataset as ds

    from lagebild import spark as lb_spark

    session = lb_spark.session(
        master="local[2]",
        conf={"spark.ui.enabled": "false", "spark.sql.shuffle.partitions": "2", "spark.ui.showConsoleProgress": "false"},
    )
    try:
        session.sparkContext.setLogLevel("ERROR")
        out = tmp_path / "spark-rows"
        summary = lb_spark.enrich([os.fspath(corpus)], os.fspath(out), spark=session, partitions=2, max_bytes=MAX_BYTES)
        with pytest.raises(Exception, match="exists already"):  # never over an earlier run by accident
            lb_spark.enrich([os.fspath(corpus)], os.fspath(out), spark=session, partitions=2)
    finally:
        session.stop()
    rows = sorted(ds.dataset(out, format="parquet").to_table().to_pylist(), key=_key)
    assert summary == {"rows": len(local_rows), "errors": 5}
    assert rows == local_rows


@needs_spark
def test_spark_connect_local2_rows_equal_the_local_pool(
    corpus: Path, local_rows: list[dict], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """`--remote`: the same mapInArrow over Spark Connect, on the server PySpark starts for
    remote 'local[2]' (before, its workers ran `python3` from the PATH: no lagebild there)."""
    pytest.importorskip("grpc", reason="Spark Connect needs pyspark[connect] (lagebild[spark])")
    import pyarrow.dataset as ds

    from lagebild import spark as lb_spark

    monkeypatch.delenv("PYSPARK_PYTHON", raising=False)  # as in a fresh shell (an earlier session sets it)
    # session settings only: a Connect session may not change static ones (spark.ui.*)
    session = lb_spark.session(remote="local[2]", conf={"spark.sql.shuffle.partitions": "2"})
    try:
        assert type(session).__module__.startswith("pyspark.sql.connect")  # a Connect client, not classic
        out = tmp_path / "connect-rows"
        summary = lb_spark.enrich([os.fspath(corpus)], os.fspath(out), spark=session, max_bytes=MAX_BYTES)
    finally:
        session.stop()
    rows = sorted(ds.dataset(out, format="parquet").to_table().to_pylist(), key=_key)
    assert summary == {"rows": len(local_rows), "errors": 5}
    assert rows == local_rows


def _write(rows: list[dict], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.mkdir(parents=True, exist_ok=True)
    half = len(rows) // 2  # two files, as two engine tasks would write them
    for i, part in enumerate((rows[:half], rows[half:])):
        pq.write_table(pa.Table.from_pylist(part, schema=row_schema()), path / f"part-{i}.parquet")


def test_spark_load_stores_what_ingest_stores(corpus: Path, local_rows: list[dict], tmp_path: Path):
    from lagebild.load import load
    from lagebild.pipeline import ingest
    from lagebild.present.export import to_record
    from lagebild.store import Store

    _write(local_rows, tmp_path / "rows")
    with Store(tmp_path / "loaded.db") as loaded, Store(tmp_path / "ingested.db") as ingested:
        report = load(os.fspath(tmp_path / "rows"), loaded)
        ingest([os.fspath(corpus)], ingested, read_options=ReadOptions(max_bytes=MAX_BYTES), workers=1)
        assert len(report.failed) == 5 and report.grouped == len(report.added) == loaded.count()
        assert sorted(a.id for a in loaded.iter_articles()) == sorted(a.id for a in ingested.iter_articles())
        for article in ingested.iter_articles():
            got = to_record(loaded.get(article.id))
            want = to_record(article)
            got["origins"], want["origins"] = sorted(got["origins"]), sorted(want["origins"])
            assert got == want
            assert loaded.get(article.id).embedding == article.embedding


def test_spark_load_groups_in_canonical_order(local_rows: list[dict], tmp_path: Path):
    """Rows in another order (other tasks first) give the same events and storylines."""
    from lagebild.group import group_fields
    from lagebild.load import load
    from lagebild.store import Store

    good = [r for r in local_rows if r["error"] is None]
    _write(good, tmp_path / "a")
    _write(good[::-1], tmp_path / "b")
    placements = []
    for name in ("a", "b"):
        with Store(tmp_path / f"{name}.db") as store:
            load(os.fspath(tmp_path / name), store)
            fields = group_fields(store)
            placements.append({a.id: fields(a.id) for a in store.iter_articles(full=False)})
    assert placements[0] == placements[1]
    assert len({p["storyline"] for p in placements[0].values()}) > 1


def test_spark_cli_local_enrich_then_load(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    from lagebild.cli import main

    out, db = tmp_path / "rows", tmp_path / "lb.db"
    argv = ["spark", "enrich", os.fspath(EXAMPLES), "--out", os.fspath(out), "--local", "--workers", "1"]
    assert main([*argv, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"rows": 2, "errors": 0, "out": os.fspath(out)}
    assert main(argv) == 2 and "exists already" in capsys.readouterr().err  # never over earlier rows
    assert main([*argv, "--master", "local[2]"]) == 2  # --local runs without Spark
    capsys.readouterr()
    assert main(["load", os.fspath(out), "--db", os.fspath(db), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["added"], summary["grouped"], summary["stored"], summary["failed"]) == (2, 2, 2, [])
    assert main(["load", os.fspath(out), "--db", os.fspath(db)]) == 0  # again: known, nothing added
    assert "added 0, already known 2" in capsys.readouterr().out


def test_spark_load_into_postgresql_equals_sqlite(local_rows: list[dict], tmp_path: Path, store_url: str):
    """`lagebild load --db postgresql://…` stores and groups what a SQLite load does."""
    from lagebild.group import group_fields
    from lagebild.load import load
    from lagebild.present.export import to_record
    from lagebild.store import Store

    good = [r for r in local_rows if r["error"] is None][:20]
    _write(good, tmp_path / "rows")
    seen = []
    for target in (os.fspath(tmp_path / "ref.db"), store_url):
        with Store(target) as store:
            report = load(os.fspath(tmp_path / "rows"), store)
            assert report.grouped == len(report.added) == store.count() > 0
            fields = group_fields(store)
            records = {}
            for a in store.iter_articles():
                rec = to_record(a)
                rec["origins"] = sorted(rec["origins"])
                records[a.id] = (rec, a.embedding, fields(a.id))
            seen.append(records)
    assert seen[0] == seen[1]


def _tables(store) -> dict[str, list]:  # noqa: ANN001
    """Every row of every table of a store (sorted; without the time stamps of writing)."""
    import sqlalchemy as sa

    conn = store.db
    inspector = sa.inspect(conn)
    out: dict[str, list] = {}
    for name in sorted(inspector.get_table_names()):
        if name.startswith(("search_fts", "sqlite_")) or name == "migrations":
            continue  # (FTS5's own pages depend on how writes were grouped into transactions)
        result = conn.execute(sa.text(f"SELECT * FROM {name}"))
        keep = [i for i, c in enumerate(result.keys()) if c not in ("added_at", "applied_at")]
        rows = [tuple(bytes(r[i]) if isinstance(r[i], memoryview) else r[i] for i in keep) for r in result]
        out[name] = sorted(rows, key=repr)
    if store.dialect == "postgresql":
        out["search_generation"] = [conn.exec_driver_sql("SELECT last_value FROM search_generation").scalar()]
    return out


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_spark_load_in_batches_stores_what_row_by_row_stores(
    local_rows: list[dict], tmp_path: Path, backend: str, request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
):  # fmt: skip
    """`lagebild load` stores 50 rows at a time (PostgreSQL: COPY, store/bulk_pg.py) and gives
    the same store, table by table, as storing each row with Store.add: copies of the rows with
    another body, second origins of a body (in the same batch and in a later one), a row
    PostgreSQL refuses (a NUL), entities whose alias lists grow over the batches."""
    import hashlib

    from lagebild import load as load_module
    from lagebild.store import Store, bulk_pg

    good = [r for r in local_rows if r["error"] is None]
    rows = []
    for k in range(5):  # every body five times, with a sentence of its own after the text
        for r in good:
            if k == 0:
                rows.append(r)
                continue
            text = f"{r['text']}\nFassung {k}."
            rows.append({**r, "text": text, "id": hashlib.sha256(text.encode()).hexdigest()[:16],
                         "origins": [f"fassung-{k}/{r['origins'][0]}"], "raw_bytes": r["raw_bytes"] + b" %d" % k})  # fmt: skip
    rows.insert(3, {**good[0], "origins": ["zweiter/ort"]})  # a second origin in the same batch
    rows.append({**good[1], "origins": ["dritter/ort"], "title": "Anders betitelt"})  # ... a later one
    nul = f"{good[2]['text']}\nmit \x00 darin"
    rows.insert(60, {**good[2], "text": nul, "id": hashlib.sha256(nul.encode()).hexdigest()[:16],
                     "origins": ["nul.txt"], "raw_bytes": good[2]["raw_bytes"] + b"\x00"})  # fmt: skip
    _write(rows, tmp_path / "rows")
    if backend == "postgresql":
        server = request.getfixturevalue("pg_server")
        targets = [server.new_database(), server.new_database()]
    else:
        targets = [os.fspath(tmp_path / "one.db"), os.fspath(tmp_path / "batch.db")]

    def one_by_one(self: Store, articles: list) -> list:
        out = []
        for a in articles:
            try:
                out.append(self.add(a))
            except Exception as exc:  # noqa: BLE001
                out.append(exc)
        return out

    copied = []
    add_new = bulk_pg.add_new
    monkeypatch.setattr(bulk_pg, "add_new", lambda conn, items: (copied.extend(items), add_new(conn, items))[1])
    monkeypatch.setattr(load_module, "_STORE_BATCH", 50)
    seen = []
    for n, target in enumerate(targets):
        with monkeypatch.context() as m:
            if n == 0:
                m.setattr(Store, "add_many", one_by_one)
            with Store(target) as store:
                report = load_module.load(os.fspath(tmp_path / "rows"), store)
                seen.append((report.as_dict(), _tables(store)))
    (want_report, want), (got_report, got) = seen
    assert got_report == want_report
    assert want_report["added"] == 5 * len(good) + (backend == "sqlite") and want_report["known"] == 2
    assert len(want_report["failed"]) == (backend == "postgresql")
    assert want["entities"] and want["quotes"] and want["search_spellings"]
    for name in want:
        assert got[name] == want[name], name
    assert got.keys() == want.keys()
    assert len(copied) == (5 * len(good) if backend == "postgresql" else 0)  # not row by row after all
