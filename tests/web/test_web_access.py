"""Exposure: the dashboard never writes (an old database is refused), answers only to
allowed Host names, asks for a token when one is set, and warns when others can reach it."""

from __future__ import annotations

from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from redline.cli import app
from redline.store import Store
from redline.web.access import Access
from redline.web.app import create_app


def _client(tmp_path: Path, access: Access) -> TestClient:
    return TestClient(create_app(Store(f"sqlite:///{tmp_path / 'w.db'}"), access=access),
                      base_url="http://localhost")


@pytest.mark.parametrize("host, allowed", [
    ("localhost:8000", True), ("127.0.0.1:8000", True), ("[::1]:8000", True),
    ("dash.example.org", True), ("10.1.2.3:8000", True), ("app.localhost", True),
    ("evil.example", False), ("dash.example.org.evil.example", False), ("", False),
])
def test_only_allowed_host_names_are_answered(tmp_path: Path, host: str, allowed: bool) -> None:
    client = _client(tmp_path, Access(hosts=["dash.example.org"]))
    response = client.get("/api/lines", headers={"host": host})
    assert (response.status_code != 421) is allowed
    if not allowed:
        assert "serve_hosts" in response.text


def test_a_token_is_asked_for_and_remembered_by_a_cookie(tmp_path: Path) -> None:
    client = _client(tmp_path, Access(token="s3cr3t-token"))
    assert client.get("/api/lines").status_code == 401
    assert client.get("/api/lines", headers={"authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/api/lines",
                      headers={"authorization": "Bearer s3cr3t-token"}).status_code == 200
    first = client.get("/?token=s3cr3t-token")
    assert first.status_code == 200
    assert client.get("/api/lines").status_code == 200  # the cookie set by ?token=


def test_serve_refuses_an_older_database_and_writes_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    Store(url, migrate=False).migrate("0005")
    result = CliRunner().invoke(app, ["--db", url, "serve"])
    assert result.exit_code == 1
    assert "at revision 0005" in result.output and "redline migrate" in result.output
    assert Store(url, migrate=False).revision() == "0005"
    migrated = CliRunner().invoke(app, ["--db", url, "migrate"])
    assert migrated.exit_code == 0, migrated.output
    assert Store(url, migrate=False).revision() == Store(url, migrate=False).head()


def test_serve_does_not_create_a_missing_database(tmp_path: Path) -> None:
    path = tmp_path / "none" / "missing.db"
    result = CliRunner().invoke(app, ["--db", f"sqlite:///{path}", "serve"])
    assert result.exit_code == 1 and "no database at" in result.output
    assert not path.exists() and not path.parent.exists()


@pytest.mark.parametrize("args, warned, token_word", [
    (["--host", "0.0.0.0"], True, "Give --auth-token"),
    (["--host", "0.0.0.0", "--auth-token", "t0k"], True, "asks for the token"),
    (["--host", "127.0.0.1"], False, ""),
])
def test_serve_warns_loudly_when_other_machines_can_reach_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], warned: bool,
        token_word: str) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    Store(url).close()
    started: list[object] = []
    monkeypatch.setattr(uvicorn.Server, "run",
                        lambda server, **kw: started.append(server.config.app))
    result = CliRunner().invoke(app, ["--db", url, "serve", "--port", "0", *args])
    assert result.exit_code == 0, result.output
    assert started
    assert ("warning: the dashboard listens on" in result.output) is warned
    assert token_word in result.output


def test_several_worker_processes_each_build_the_same_checks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``serve --workers 2`` hands uvicorn's supervisor a factory each process calls: the
    app it builds reads the store and asks for the token, as one process's does."""
    import uvicorn.supervisors

    url = f"sqlite:///{tmp_path / 'w.db'}"
    Store(url).close()
    started: list[uvicorn.Config] = []

    class Supervisor:  # uvicorn's own would take this process's signals
        def __init__(self, config: uvicorn.Config, sockets: list[object]) -> None:
            started.append(config)

        def run(self) -> None:
            pass

    monkeypatch.setattr(uvicorn.supervisors, "Multiprocess", Supervisor)
    monkeypatch.setattr(uvicorn.Server, "run", lambda *a, **k: pytest.fail("one process ran"))
    result = CliRunner().invoke(app, ["--db", url, "serve", "--port", "0", "--workers", "2",
                                      "--auth-token", "t0k"])
    assert result.exit_code == 0, result.output
    assert "2 processes" in result.output
    [config] = started
    assert config.workers == 2 and config.factory and config.timeout_worker_healthcheck >= 60
    client = TestClient(config.app(), base_url="http://localhost")
    assert client.get("/api/lines").status_code == 401
    assert client.get("/api/lines", headers={"authorization": "Bearer t0k"}).json() == []
    assert client.get("/api/lines", headers={"authorization": "Bearer t0k",
                                             "host": "evil.example"}).status_code == 421
