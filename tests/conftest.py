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


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server for the whole session (tests/pgserver.py)."""
    from .pgserver import PgServer, Unavailable

    try:
        server = PgServer().start()
    except Unavailable as exc:  # only a wheel that cannot run on this platform skips
        pytest.skip(f"PostgreSQL tests skipped: {exc}")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path: Path) -> str:
    """A URL of an empty store: a SQLite file, or a fresh database on the test server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    server = request.getfixturevalue("pg_server")
    url = server.new_database()
    yield url
    server.drop_database(url)
