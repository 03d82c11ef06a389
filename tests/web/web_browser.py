"""Helpers of the browser tests: serve a store with uvicorn in a thread, and drive one page
of headless Chromium (Debian's /usr/bin/chromium) with Playwright."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from redline.store import Store
from redline.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

def serve(store: Store) -> Iterator[str]:
    """Run the dashboard with uvicorn in a background thread; yield its base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the dashboard did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


NO_CHROMIUM = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium is missing: install it with "
                                  "`apt-get install -y chromium` (make browser does)")


@contextmanager
def chromium() -> Iterator[Any]:
    """Headless Chromium, launched once for many pages."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=LAUNCH_ARGS)
        try:
            yield launched
        finally:
            launched.close()


class Browser:
    """A page that records dialogs, script errors and any request off the server."""

    def __init__(self, launched: Any, base_url: str, shots: Path) -> None:
        self.base_url, self.shots = base_url, shots
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        self.errors: list[str] = []
        self._context = launched.new_context(viewport={"width": 1280, "height": 900})
        self.page = self._context.new_page()
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.route("**/*", self._only_local)

    def _only_local(self, route: Any) -> None:
        if route.request.url.startswith(self.base_url + "/"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def shot(self, name: str) -> Path:
        path = self.shots / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        OUTPUT.mkdir(exist_ok=True)
        shutil.copy(path, OUTPUT / path.name)
        return path

    def close(self) -> None:
        self._context.close()
