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


# LAGEBILD_TEST_STORE=postgresql: the `store` fixture is a fresh database on the throwaway
# server instead of a SQLite file, so any store-facing test file can run on PostgreSQL
# (docs/scale.md, "Acceptance audit"); the default stays SQLite.
TEST_STORE = os.environ.get("LAGEBILD_TEST_STORE", "sqlite")


@pytest.fixture
def store(request, tmp_path: Path):
    if TEST_STORE == "postgresql":
        server = request.getfixturevalue("pg_server")
        url = server.new_database()
        s = Store(url)
        yield s
        s.close()
        server.drop_database(url)
        return
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
