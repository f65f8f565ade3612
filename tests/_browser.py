"""What the browser tests share: a real uvicorn server in a thread and Debian's headless Chromium.

Used by ``test_web_ui.py``, ``test_web_interactive.py`` and ``test_web_suggest.py``.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from lagebild.web import create_app


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def live_server(db: Path) -> Iterator[str]:
    """Serve the store at ``db`` with uvicorn on a free port; yields the base URL."""
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


def chrome(tmp_path_factory, *, script: bool = True, console: bool = False) -> webdriver.Chrome:
    """Headless Chromium in German; ``script=False`` switches JavaScript off, ``console=True``
    keeps the browser console (CSP reports included) for ``get_log("browser")``."""
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver):
        pytest.fail("Debian chromium + chromium-driver are needed: `make browser` installs them")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,900", "--lang=de-DE",
                f"--user-data-dir={tmp_path_factory.mktemp('chrome')}"):  # fmt: skip
        opts.add_argument(arg)
    prefs: dict[str, object] = {"intl.accept_languages": "de-DE,de"}
    if not script:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    opts.add_experimental_option("prefs", prefs)
    if console:
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    b = webdriver.Chrome(service=Service(driver), options=opts)
    b.set_page_load_timeout(30)
    b.implicitly_wait(5)  # a submitted form loads the next page asynchronously
    return b
