"""Printing the HTML brief to PDF with a headless Chromium, driven by Playwright (the
``pdf`` extra). The page loads nothing from the network: the brief is self-contained."""

from __future__ import annotations

import os
from pathlib import Path

from redline.errors import RedlineError

#: Where Debian puts Chromium; REDLINE_CHROMIUM names another executable.
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def html_to_pdf(html: str, path: Path, *, chromium: str | None = None) -> Path:
    """Print ``html`` to ``path`` (A4, backgrounds kept); ``RedlineError`` naming what is
    missing when Playwright or Chromium is not there, or the file cannot be written."""
    executable = chromium or os.environ.get("REDLINE_CHROMIUM") or DEFAULT_CHROMIUM
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise RedlineError("a PDF brief needs Playwright: pip install 'redline[pdf]' "
                           "(or write --format html and print it)") from exc
    if not Path(executable).is_file():
        raise RedlineError(f"a PDF brief needs Chromium at {executable}; install it "
                           "(Debian: apt-get install chromium) or set REDLINE_CHROMIUM")
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                page.route("**/*", lambda route: route.abort()
                           if not route.request.url.startswith(("data:", "about:"))
                           else route.continue_())
                page.set_content(html, wait_until="load")
                pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
            finally:
                browser.close()
    except PlaywrightError as exc:
        raise RedlineError(f"Chromium could not print the brief: {exc.message}") from exc
    try:
        path.write_bytes(pdf)
    except OSError as exc:
        raise RedlineError(f"cannot write {path}: {exc.strerror}") from exc
    return path
