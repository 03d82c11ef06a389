"""``redline ingest URL`` against a real HTTP server on loopback."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner

from redline.cli import app
from redline.store import Store
from redline.store.articles import list_articles

DATA = Path(__file__).parent / "data"


class _Quiet(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {**SimpleHTTPRequestHandler.extensions_map,
                      ".rss": "application/rss+xml", ".html": "text/html; charset=utf-8"}

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(DATA)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def _ingest(tmp_path: Path, *args: str):  # type: ignore[no-untyped-def]
    env = {"REDLINE_DB": f"sqlite:///{tmp_path / 'r.db'}", "REDLINE_ANALYZE_ON_INGEST": "0",
           "REDLINE_ALLOW_PRIVATE_HOSTS": "1"}  # the server is on loopback
    return CliRunner().invoke(app, ["ingest", *args], env=env)


def test_a_page_is_fetched_stored_once_and_keeps_its_url(server: str, tmp_path: Path) -> None:
    url = f"{server}/wire-page.html"
    first = _ingest(tmp_path, url)
    assert first.exit_code == 0, first.output
    again = _ingest(tmp_path, url + "?utm_source=newsletter")  # same page after canonicalisation
    assert again.exit_code == 0 and "unchanged" in again.output
    [stored] = list_articles(Store(f"sqlite:///{tmp_path / 'r.db'}"))
    article = stored.article
    assert article.url is not None and article.url.startswith(server)
    assert article.retrieved is not None


def test_a_feed_url_gives_one_article_per_entry(server: str, tmp_path: Path) -> None:
    result = _ingest(tmp_path, f"{server}/briefings.rss")
    assert result.exit_code == 0, result.output
    assert len(list_articles(Store(f"sqlite:///{tmp_path / 'r.db'}"))) == 2


def test_a_missing_page_is_named_and_the_batch_goes_on(server: str, tmp_path: Path) -> None:
    result = _ingest(tmp_path, f"{server}/gone.html", f"{server}/wire-page.html")
    assert result.exit_code == 1
    assert "gone.html" in result.output and "404" in result.output
    assert len(list_articles(Store(f"sqlite:///{tmp_path / 'r.db'}"))) == 1
