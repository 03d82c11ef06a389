"""Alerts: a JSON POST to a real HTTP server on loopback when a verdict changes."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from typer.testing import CliRunner

from redline.cli import app
from redline.store import Store

from .conftest import AddArticle, day, event, sample_path


class Receiver(ThreadingHTTPServer):
    """A webhook endpoint that records each JSON body and answers ``status``."""

    def __init__(self, status: int = 204) -> None:
        self.received: list[dict[str, Any]] = []
        self.status = status
        super().__init__(("127.0.0.1", 0), _Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hooks/redline"


class _Handler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append(json.loads(body))
        self.send_response(self.server.status)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def _serve(status: int) -> Iterator[Receiver]:
    receiver = Receiver(status)
    thread = threading.Thread(target=receiver.serve_forever, daemon=True)
    thread.start()
    yield receiver
    receiver.shutdown()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    yield from _serve(204)


@pytest.fixture
def refusing() -> Iterator[Receiver]:
    yield from _serve(500)


def _run(store: Store, *args: str):  # type: ignore[no-untyped-def]
    # The receiver is on loopback, which the host guard opens only when asked.
    return CliRunner().invoke(app, ["--db", store.url, *args],
                              env={"REDLINE_ALLOW_PRIVATE_HOSTS": "1"})


def _troops(add_article: AddArticle) -> None:
    text = "The DPRK has deployed troops to Russia, the White House said."
    add_article(text, outlet="The White House", published=day("2024-10-25"),
                events=[event(text, "MOBILIZE", "confirmed", actor="PRK", recipient="RUS",
                              objects=["troops"])])


def test_a_change_is_posted_once(store: Store, add_article: AddArticle,
                                 receiver: Receiver) -> None:
    assert _run(store, "lines", "add", str(sample_path("redlines.yaml"))).exit_code == 0
    first = _run(store, "assess", "--webhook", receiver.url)
    assert first.exit_code == 0, first.output
    assert {(a["line_id"], a["from"], a["to"]) for a in receiver.received} == {
        ("rok-lethal-aid", None, "not_crossed"), ("us-dprk-troops-ukraine", None, "not_crossed")}
    receiver.received.clear()
    assert _run(store, "assess", "--webhook", receiver.url).exit_code == 0
    assert receiver.received == []  # nothing moved: nothing posted
    _troops(add_article)
    moved = _run(store, "assess", "--webhook", receiver.url)
    assert moved.exit_code == 0, moved.output
    by_line = {a["line_id"]: a for a in receiver.received}
    assert by_line["rok-lethal-aid"]["from"] == "not_crossed"
    assert by_line["rok-lethal-aid"]["to"] == "precursors_seen"
    assert by_line["rok-lethal-aid"]["strongest_evidence"]["factuality_label"] == "confirmed"


def test_a_refusing_webhook_is_an_error_but_the_verdict_is_kept(
        store: Store, refusing: Receiver) -> None:
    assert _run(store, "lines", "add", str(sample_path("redlines.yaml"))).exit_code == 0
    result = _run(store, "assess", "--webhook", refusing.url)
    assert result.exit_code == 1
    assert "HTTP 500" in result.output
    history = _run(store, "history", "rok-lethal-aid", "--json")
    assert [v["status"] for v in json.loads(history.output)] == ["not_crossed"]


def test_a_look_back_alerts_nobody(store: Store, receiver: Receiver) -> None:
    assert _run(store, "lines", "add", str(sample_path("redlines.yaml"))).exit_code == 0
    result = _run(store, "assess", "--as-of", "2024-10-20", "--webhook", receiver.url)
    assert result.exit_code == 0, result.output
    assert receiver.received == []
    assert receiver.url not in result.output  # the address may carry a secret token
