"""Installed as a package: the wheel carries the models and works outside the checkout.

Builds the wheel from the checkout, installs it into a fresh virtual environment
in a temporary folder (offline: ``--no-deps --no-index``; the dependencies come
from the project environment's site-packages through a ``.pth`` line, which adds
that folder to ``sys.path`` without running its own ``.pth`` files, so the
checkout's editable install stays out), and ingests the seed articles from there.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT

SEEDS = sorted(EXAMPLES.glob("00*.txt"))  # the two seed articles (copied from shared/seeds)


def _wheel_tools_present() -> bool:
    try:
        import wheel  # noqa: F401  (setuptools < 70.1 builds wheels through it)
    except ImportError:
        import setuptools

        return tuple(int(x) for x in setuptools.__version__.split(".")[:2]) >= (70, 1)
    return True


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, f"{cmd[:3]}… exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the built wheel installed; returns its bin folder."""
    if not _wheel_tools_present():
        pytest.skip("building a wheel needs the 'wheel' package (in the test extra)")
    tmp = tmp_path_factory.mktemp("install")
    # build from a copy: setuptools' build/ folder in the checkout may hold stale modules
    src = tmp / "src"
    shutil.copytree(ROOT / "lagebild", src / "lagebild", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    dist = tmp / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
          "-q", "-w", str(dist), str(src)], cwd=tmp)  # fmt: skip
    (wheel_file,) = dist.glob("lagebild-*.whl")

    env_dir = tmp / "venv"
    venv.create(env_dir, with_pip=False, symlinks=True)
    bin_dir = env_dir / "bin"
    new_python = bin_dir / "python"
    new_site = Path(
        _run([str(new_python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=tmp).strip()
    )
    # the project environment's packages (spaCy, numpy, ...) without its editable lagebild
    deps = [p for p in {sysconfig.get_path("purelib"), sysconfig.get_path("platlib"), *site.getsitepackages()}
            if os.path.isdir(p)]  # fmt: skip
    (new_site / "_lagebild_test_deps.pth").write_text("\n".join(sorted(deps)) + "\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", str(new_python), "install", "--no-deps",
          "--no-index", "-q", str(wheel_file)], cwd=tmp)  # fmt: skip
    return bin_dir


def test_install_wheel_ships_the_models(installed: Path, tmp_path: Path) -> None:
    out = _run([str(installed / "python"), "-c",
                "import lagebild, json;"
                "from lagebild.enrich import ner, topic;"
                "print(json.dumps([lagebild.__file__, str(ner.default_model_path()), str(topic.MODEL_DIR)]))"],
               cwd=tmp_path)  # fmt: skip
    package, ner_dir, topic_dir = (Path(p) for p in json.loads(out))
    venv_dir = installed.parent
    for path in (package, ner_dir, topic_dir):
        assert venv_dir in path.parents, f"{path} is not inside the fresh venv"
        assert ROOT not in path.parents
    assert (ner_dir / "config.cfg").is_file()
    assert (topic_dir / "weights.npz").is_file()


@pytest.mark.skipif(len(SEEDS) != 2, reason="seed examples missing")
def test_install_ingests_seeds_outside_the_checkout(installed: Path, tmp_path: Path) -> None:
    work = tmp_path / "elsewhere"
    (work / "in").mkdir(parents=True)
    for seed in SEEDS:
        shutil.copy(seed, work / "in" / seed.name)
    env = {**os.environ, "LAGEBILD_DB": ""}
    env.pop("LAGEBILD_NER_MODEL", None)
    lagebild = str(installed / "lagebild")
    out = _run([lagebild, "ingest", "in", "--db", "day.db", "--json"], cwd=work, env=env)
    summary = json.loads(out)
    assert summary["added"] == 2 and summary["failed"] == []
    records = [
        json.loads(line)
        for line in _run([lagebild, "export", "--db", "day.db"], cwd=work, env=env).splitlines()
    ]
    assert len(records) == 2
    for rec in records:
        assert rec["entities"], rec["id"]
        assert rec["times"], rec["id"]
    assert any(rec["quotes"] for rec in records)
