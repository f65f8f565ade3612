"""Shared fixtures: a store on a temporary SQLite file, paths to sample data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lagebild.store import Store

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
ARTICLES = DATA / "articles"
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def store(tmp_path: Path):
    s = Store(tmp_path / "test.db")
    yield s
    s.close()


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return os.fspath(tmp_path / "cli.db")
