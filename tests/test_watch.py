"""redline watch against real servers on loopback: an HTTP server whose feed changes
(answering conditional GETs with 304), a webhook receiver, and an SMTP server (aiosmtpd)."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from redline.assess import assess
from redline.assess.lines import load_lines
from redline.errors import InputError
from redline.settings import load_settings
from redline.store import Store
from redline.store import lines as line_store
from redline.watch import Watcher
from tests.conftest import ROOT

QUIET = "Officials from both countries met in Seoul on Monday to discuss trade and tourism."
TROOPS = "North Korea sent troops to Russia on Monday, officials said."


@pytest.fixture(autouse=True)
def _loopback_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The feeds, webhooks and mail servers here listen on loopback: opt in to it."""
    monkeypatch.setenv("REDLINE_ALLOW_PRIVATE_HOSTS", "1")


def rss(*entries: tuple[str, str, str]) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>https://news.example/{slug}</link>"
        f"<pubDate>Fri, 18 Oct 2024 09:00:00 GMT</pubDate><description>{text}</description>"
        f"</item>" for slug, title, text in entries)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example wire</title>'
            f"<link>https://news.example/</link><description>news</description>{items}"
            f"</channel></rss>").encode()


class FeedServer(ThreadingHTTPServer):
    """Serves ``body`` with ``etag``; a matching If-None-Match gets 304; ``status`` >= 500
    makes every request fail."""

    def __init__(self) -> None:
        self.body, self.etag, self.status = b"", '"v0"', 200
        self.conditional: list[str | None] = []
        super().__init__(("127.0.0.1", 0), _FeedHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/feed.xml"

    def publish(self, body: bytes, etag: str) -> None:
        self.body, self.etag = body, etag


class _FeedHandler(BaseHTTPRequestHandler):
    server: FeedServer

    def do_GET(self) -> None:
        self.server.conditional.append(self.headers.get("If-None-Match"))
        if self.server.status >= 500:
            self.send_response(self.server.status)
            self.end_headers()
            return
        if self.headers.get("If-None-Match") == self.server.etag:
            self.send_response(304)
            self.send_header("ETag", self.server.etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("ETag", self.server.etag)
        self.send_header("Last-Modified", "Fri, 18 Oct 2024 10:00:00 GMT")
        self.send_header("Content-Length", str(len(self.server.body)))
        self.end_headers()
        self.wfile.write(self.server.body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class Hooks(ThreadingHTTPServer):
    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        super().__init__(("127.0.0.1", 0), _HookHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hook"


class _HookHandler(BaseHTTPRequestHandler):
    server: Hooks

    def do_POST(self) -> None:
        self.server.received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def _running(server: ThreadingHTTPServer) -> Iterator[Any]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def feed() -> Iterator[FeedServer]:
    yield from _running(FeedServer())


@pytest.fixture
def hooks() -> Iterator[Hooks]:
    yield from _running(Hooks())


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Mailbox, int]]:
    controller_mod = pytest.importorskip("aiosmtpd.controller")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    box = Mailbox()
    controller = controller_mod.Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


@pytest.fixture
def baseline(store: Store) -> Store:
    line_store.add_lines(store, load_lines(ROOT / "sample" / "redlines.yaml"))
    assess(store)  # the first verdicts: watching alerts only on moves from here
    return store


def test_watch_a_changing_feed_and_alert_by_webhook_and_email(
        baseline: Store, feed: FeedServer, hooks: Hooks, smtp: tuple[Mailbox, int]) -> None:
    mailbox, port = smtp
    settings = replace(load_settings(), smtp_url=f"smtp://127.0.0.1:{port}",
                       email_from="redline@test.example", email_to="desk@test.example, a@b.example",
                       webhook="")
    feed.publish(rss(("quiet", "Trade talks", QUIET)), '"v1"')
    watcher = Watcher(baseline, [feed.url], settings, interval=60, webhook=hooks.url)

    first = watcher.cycle(now=0)
    assert [(s.status, s.new) for s in first.sources] == [("new", 1)]
    assert first.moved == [] and hooks.received == [] and mailbox.messages == []

    again = watcher.cycle(now=60)  # due again; the feed has not changed: a 304
    assert [s.status for s in again.sources] == ["unchanged"]
    assert feed.conditional[-1] == '"v1"'

    feed.publish(rss(("quiet", "Trade talks", QUIET), ("troops", "Troops move", TROOPS)),
                 '"v2"')
    moved = watcher.cycle(now=120)
    assert [(s.status, s.new) for s in moved.sources] == [("new", 1)]
    assert "rok-lethal-aid" in moved.moved
    assert {(a["line_id"], a["to"]) for a in hooks.received} >= {
        ("rok-lethal-aid", "precursors_seen")}
    assert moved.alerted == len(hooks.received) and moved.emailed == len(mailbox.messages)
    recipients, message = mailbox.messages[0]
    assert recipients == ["desk@test.example", "a@b.example"]
    assert "moved from not_crossed to precursors_seen" in message["Subject"]
    assert "troops to Russia" in message.get_payload()

    quiet = watcher.cycle(now=180)  # nothing new: nothing sent twice
    assert quiet.moved == [] and len(hooks.received) == moved.alerted


def test_a_failing_feed_is_a_gap_with_backoff_never_nothing_new(baseline: Store,
                                                                feed: FeedServer) -> None:
    feed.publish(rss(("quiet", "Trade talks", QUIET)), '"v1"')
    watcher = Watcher(baseline, [feed.url], load_settings(), interval=60)
    assert watcher.cycle(now=0).sources[0].status == "new"
    feed.status = 503
    gap = watcher.cycle(now=60).sources[0]
    assert gap.status == "gap" and "HTTP 503" in (gap.error or "") and gap.since is not None
    assert gap.retry_in == 60
    waiting = watcher.cycle(now=90).sources[0]  # backing off: not asked again yet
    assert waiting.status == "waiting" and waiting.since == gap.since
    second = watcher.cycle(now=121).sources[0]
    assert second.status == "gap" and second.retry_in == 120 and second.since == gap.since
    feed.status = 200
    back = watcher.cycle(now=241).sources[0]
    assert back.status == "unchanged"  # the same feed as before the outage: a 304


def test_a_feed_server_that_is_down_is_a_gap(baseline: Store) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    watcher = Watcher(baseline, [f"http://127.0.0.1:{port}/feed.xml"], load_settings(),
                      interval=30)
    report = watcher.cycle(now=0).sources[0]
    assert report.status == "gap" and "cannot fetch" in (report.error or "")


def test_watch_a_folder_reads_only_new_or_touched_files(baseline: Store, tmp_path: Path) -> None:
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "one.txt").write_text(f"Trade talks\n\n{QUIET}\n", encoding="utf-8")
    watcher = Watcher(baseline, [str(folder)], load_settings(), interval=10)
    assert [(s.status, s.new) for s in watcher.cycle(now=0).sources] == [("new", 1)]
    assert watcher.cycle(now=10).sources[0].status == "unchanged"
    (folder / "two.txt").write_text(f"Troops move\n\n{TROOPS}\n", encoding="utf-8")
    after = watcher.cycle(now=20)
    assert [(s.status, s.new) for s in after.sources] == [("new", 1)]
    assert "rok-lethal-aid" in after.moved


@pytest.mark.parametrize("sources, interval, message", [
    (["/no/such/folder"], 60, "no such file or folder"),
    ([], 0, "is not a positive number of seconds"),
])
def test_bad_watch_arguments_are_refused(store: Store, sources: list[str], interval: float,
                                         message: str) -> None:
    with pytest.raises(InputError, match=message):
        Watcher(store, sources, load_settings(), interval=interval)


def test_watch_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    command = [sys.executable, "-c", "from redline.cli import main; main()",
               "--db", f"sqlite:///{tmp_path / 'w.db'}", "watch", str(folder), "--every", "1"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().startswith("watching 1 source(s) every 1 s")
        assert "nothing new" in process.stdout.readline()  # one round done
        time.sleep(0.5)
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "stopped after" in out and "Traceback" not in err
