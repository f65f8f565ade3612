"""Docs stay true: every CLI command and option is documented; the README has the two commands."""

from __future__ import annotations

import argparse
import re

import pytest

from lagebild.cli import build_parser

from .conftest import ROOT

# docs/cli.md first (its header documents the global options), then docs/cli-*.md
CLI_DOC = "\n".join(
    p.read_text(encoding="utf-8")
    for p in [ROOT / "docs" / "cli.md", *sorted((ROOT / "docs").glob("cli-*.md"))]
)


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.mark.parametrize("name", sorted(_subcommands()))
def test_docs_every_command_and_option_documented(name: str):
    sub = _subcommands()[name]
    assert f"## `lagebild {name}" in CLI_DOC, f"docs/cli.md has no section for `{name}`"
    section = CLI_DOC.split(f"## `lagebild {name}", 1)[1].split("\n## ", 1)[0]
    for action in sub._actions:
        for opt in action.option_strings:
            if opt.startswith("--") and opt != "--help":
                assert opt in section or opt in CLI_DOC.split("\n## ", 1)[0], f"{name} {opt} undocumented"
    assert "Example:" in (sub.epilog or ""), f"`{name} --help` must end with an example"


def test_docs_readme_quick_start_is_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [ln.split("#")[0].strip() for ln in block.strip().splitlines() if ln.split("#")[0].strip()]
    assert commands == ["make demo", "make test"]
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.M)


def test_docs_export_fields_documented():
    from lagebild.present.export import CSV_FIELDS

    doc = (ROOT / "docs" / "export.md").read_text(encoding="utf-8")
    for f in CSV_FIELDS:
        assert f"`{f}`" in doc


def test_docs_sidecar_keys_documented():
    from lagebild.ingest import _records

    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    keys = doc.split("### Metadata: where it comes from", 1)[1].split("\n2. ", 1)[0]
    for name in ("URL_KEYS", "SOURCE_KEYS", "DATE_KEYS", "LANG_KEYS", "SECTION_KEYS", "TITLE_KEYS"):
        for key in getattr(_records, name):
            assert f"`{key}`" in keys, f"sidecar key {key!r} ({name}) is not in docs/cli.md"
