"""End to end through the CLI: ingest, list, show, export, stats; exit codes; the export contract."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from lagebild.cli import main
from lagebild.clean import replay

from .conftest import ARTICLES, EXAMPLES

CONTRACT = {
    "id", "origins", "source", "section", "title", "published", "published_from", "dateline",
    "agencies", "language", "text", "raw", "edits",
}  # fmt: skip


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_ingest_summary_and_exit_codes(capsys, db_path, tmp_path: Path):
    code, out, err = run(capsys, "ingest", str(EXAMPLES), "--db", db_path)
    assert code == 0 and out.startswith("added 2, already known 0, failed 0")
    code, out, _ = run(capsys, "ingest", str(EXAMPLES), "--db", db_path)
    assert code == 0 and out.startswith("added 0, already known 2, failed 0")
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "empty.txt").write_bytes(b"")
    (batch / "img.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    (batch / "ok.txt").write_text("Neue Gespräche in Genf\nGENF: Die Gespräche über Syrien beginnen am Montag.\n")
    code, out, err = run(capsys, "ingest", str(batch), "--db", db_path)
    assert code == 1 and out.startswith("added 1, already known 0, failed 2")
    assert "empty.txt: empty file" in err and "img.png: binary file: PNG image" in err


def test_cli_usage_errors_exit_2(capsys, db_path):
    with pytest.raises(SystemExit) as info:
        main(["ingest", "--db", db_path])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["export", "--format", "xml"])
    assert info.value.code == 2
    assert main([]) == 2


def test_cli_list_show_and_missing_id(capsys, db_path):
    run(capsys, "ingest", str(EXAMPLES), "--db", db_path)
    code, out, _ = run(capsys, "list", "--db", db_path)
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert "2024-06-24" in lines[0] and "dw" in lines[0] and "Pjöngjang-Moskau-Pakt" in lines[0]
    ident = lines[0].split()[0]
    code, out, _ = run(capsys, "show", ident, "--db", db_path)
    assert code == 0 and "agencies:    efe, reuters" in out and "edits:" in out
    code, out, _ = run(capsys, "show", ident, "--json", "--db", db_path)
    assert json.loads(out)["source"] == "dw"
    code, out, _ = run(capsys, "show", ident, "--raw", "--db", db_path)
    assert out == (EXAMPLES / "001_784126eb85bf30a5.txt").read_text(encoding="utf-8")
    code, _, err = run(capsys, "show", "abcdef12", "--db", db_path)
    assert code == 1 and "No article 'abcdef12'" in err


def test_cli_export_jsonl_contract(capsys, db_path):
    run(capsys, "ingest", str(EXAMPLES), str(ARTICLES), "--db", db_path)
    code, out, _ = run(capsys, "export", "--format", "jsonl", "--db", db_path)
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(records) == 9
    for rec in records:
        assert CONTRACT <= rec.keys()
        assert isinstance(rec["origins"], list) and rec["origins"]
        assert isinstance(rec["agencies"], list)
        assert rec["published"] is None or len(rec["published"]) == 10
        base = rec.get("extracted", rec["raw"])
        from lagebild.model import Edit

        assert replay(base, [Edit(**e) for e in rec["edits"]]) == rec["text"]
    by_source = {r["source"]: r for r in records}
    assert by_source["dw"]["published_from"] == "title"
    assert by_source["toi"]["text"].startswith(("SEOUL:", "NEW DELHI:"))


def test_cli_export_csv(capsys, db_path):
    run(capsys, "ingest", str(EXAMPLES), "--db", db_path)
    code, out, _ = run(capsys, "export", "--format", "csv", "--db", db_path)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 2 and json.loads(rows[0]["agencies"]) == ["efe", "reuters"]


def test_cli_db_from_environment(capsys, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("LAGEBILD_DB", str(tmp_path / "env.db"))
    assert run(capsys, "ingest", str(EXAMPLES))[0] == 0
    assert (tmp_path / "env.db").exists()
    code, out, _ = run(capsys, "stats", "--json")
    assert json.loads(out)["articles"] == 2


def test_cli_ingest_json_summary(capsys, db_path):
    code, out, _ = run(capsys, "ingest", str(ARTICLES), "--json", "--db", db_path)
    summary = json.loads(out)
    assert code == 1 and summary["added"] == 7 and len(summary["failed"]) == 3
    assert all(f["origin"] and f["reason"] for f in summary["failed"])


def test_cli_console_script_runs(tmp_path: Path):
    import subprocess
    import sys

    exe = Path(sys.executable).parent / "lagebild"
    if not exe.exists():
        pytest.fail("console script `lagebild` is not installed in the environment")
    done = subprocess.run(
        [str(exe), "ingest", str(EXAMPLES), "--db", str(tmp_path / "s.db")],
        capture_output=True, text=True, env={**os.environ, "LANG": "C.UTF-8"}, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0 and "added 2" in done.stdout
