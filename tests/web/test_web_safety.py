"""Article text is escaped everywhere, assets are local, the app only reads, and
``redline serve`` binds to 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from typer.testing import CliRunner
from web_rows import HOSTILE, Seeded

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's notice about httpx versions
    from fastapi.testclient import TestClient

from redline.store import Store
from redline.web import app as web_app
from redline.web.app import create_app, web_url

WEB = Path(web_app.__file__).parent
REMOTE = re.compile(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", re.IGNORECASE)


@pytest.fixture(scope="module")
def client(seeded_once: Seeded) -> Iterator[TestClient]:
    with TestClient(create_app(seeded_once.store)) as test_client:
        yield test_client


def pages(seeded: Seeded) -> list[str]:
    return ["/", "/lines/rok-lethal-aid", "/lines/us-troops-ukraine",
            "/lines/rok-lethal-aid?as_of=2024-10-20", f"/articles/{seeded.october}",
            f"/articles/{seeded.june}", "/search", "/search?text=reader", "/search?kind=quotes",
            "/api"]


def test_web_hostile_text_is_escaped_on_every_page(client: TestClient,
                                                   seeded_once: Seeded) -> None:
    for path in pages(seeded_once):
        html = client.get(path).text
        assert "<script>alert" not in html, path
        assert "<img src=x" not in html, path
        # htmx and the tooltip (and on /api its "Try it" forms' script), all from /static
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert len(scripts) == (3 if path == "/api" else 2), path
        assert all(re.fullmatch(r'<script src="/static/[\w.]+\.js" defer>', tag)
                   for tag in scripts), path
    article = client.get(f"/articles/{seeded_once.october}").text
    escaped = "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;"
    assert article.count(escaped) >= 5  # headline, text, tag, boilerplate, tables
    highlighted = re.findall(r'<span class="hl[^"]*"[^>]*>([^<]*)</span>', article)
    assert any("&lt;img src=x onerror=alert(1)&gt;" in text for text in highlighted)
    assert "&lt;script&gt;" in client.get("/").text  # a red line's title


def test_web_hostile_text_in_json_is_data(client: TestClient, seeded_once: Seeded) -> None:
    article = client.get(f"/api/articles/{seeded_once.october}").json()
    assert HOSTILE in article["headline"] and HOSTILE in article["text"]


@pytest.mark.parametrize("url, linked", [
    ("https://news.example/a", True),
    ("HTTP://news.example/a", True),
    ("javascript:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("//evil.example/x", False),
    ("", False),
    (None, False),
])
def test_web_only_http_links(url: str | None, linked: bool) -> None:
    assert (web_url(url) is not None) is linked


def test_web_templates_reference_no_remote_asset() -> None:
    files = [*(WEB / "templates").glob("*.html"), WEB / "static" / "style.css",
             WEB / "static" / "tooltip.js"]
    assert len(files) > 5
    for path in files:
        assert not REMOTE.search(path.read_text(encoding="utf-8")), path
    # htmx only names its home page in its licence header.
    htmx = (WEB / "static" / "htmx.min.js").read_text(encoding="utf-8")
    assert {m.group(0) for m in REMOTE.finditer(htmx)} <= {"https://"}
    assert htmx.count("https://") == 1 and htmx.startswith("/*! htmx")
    assert "0BSD" in (WEB / "static" / "LICENSES.md").read_text(encoding="utf-8")


def test_web_pages_load_assets_from_the_app(client: TestClient, seeded_once: Seeded) -> None:
    for path in pages(seeded_once):
        html = client.get(path).text
        assets = re.findall(r'<(?:script|link|img)\b[^>]*(?:src|href)="([^"]+)"', html)
        assert assets and all(a.startswith("/static/") for a in assets), (path, assets)


def test_web_security_headers(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_web_is_read_only(client: TestClient, seeded_once: Seeded) -> None:
    methods = {m for route in client.app.routes  # type: ignore[attr-defined]
               for m in getattr(route, "methods", None) or ()}
    assert methods <= {"GET", "HEAD"}
    for verb in ("post", "put", "patch", "delete"):
        assert getattr(client, verb)("/api/lines").status_code == 405
        assert getattr(client, verb)("/lines/rok-lethal-aid").status_code == 405
    writes: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().split(" ", 1)[0].upper() in {"INSERT", "UPDATE", "DELETE",
                                                            "CREATE", "DROP", "ALTER"}:
            writes.append(statement)

    event.listen(seeded_once.store.engine, "before_cursor_execute", record)
    try:
        for path in [*pages(seeded_once), "/api/lines", "/api/lines/rok-lethal-aid?as_of="
                     "2024-06-20", "/api/search?text=a"]:
            assert client.get(path).status_code == 200, path
    finally:
        event.remove(seeded_once.store.engine, "before_cursor_execute", record)
    assert writes == []


def test_web_serve_binds_to_localhost_by_default(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    import typer.main
    import uvicorn

    from redline.cli import app
    from redline.cli.common import state

    bound: list[tuple[str, int]] = []

    def run(server: uvicorn.Server, sockets: list[Any]) -> None:  # serve nothing: note where
        bound.append(sockets[0].getsockname()[:2])

    monkeypatch.setattr(uvicorn.Server, "run", run)
    monkeypatch.setattr(state, "_store", None)
    monkeypatch.setattr(state, "_settings", None)
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    serve = typer.main.get_command(app).commands["serve"]  # type: ignore[attr-defined]
    defaults = {param.name: param.default for param in serve.params}
    assert (defaults["host"], defaults["port"]) == ("127.0.0.1", 8000)
    Store(url).close()  # serve never creates or migrates a database
    result = CliRunner().invoke(app, ["--db", url, "serve", "--port", "0"])
    assert result.exit_code == 0, result.output
    host, port = bound[0]
    assert host == "127.0.0.1" and port > 0
    assert f"http://127.0.0.1:{port}" in result.output
    result = CliRunner().invoke(app, ["--db", url, "serve", "--host", "0.0.0.0", "--port", "0"])
    assert result.exit_code == 0, result.output
    assert bound[1][0] == "0.0.0.0"
    help_text = CliRunner().invoke(app, ["serve", "--help"]).output
    assert "127.0.0.1" in help_text and "--port" in help_text
