"""Alerts at least once: a webhook answering 307, then 500, then 200 gets the alert on the
third try, every try with the same idempotency key; what is not delivered stays queued
and the next assess sends it; an assess killed with SIGKILL loses no alert."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from redline.alerts import deliver_pending
from redline.cli import app
from redline.settings import Settings
from redline.store import Store
from redline.store.models import AlertRow
from redline.store.outbox import count_pending, pending_alerts
from tests.loopback import Answer, Request, Server, serving

from .conftest import AddArticle, day, event, sample_path

LINES = 2  # red lines in sample/redlines.yaml
ENV = {"REDLINE_ALLOW_PRIVATE_HOSTS": "1"}  # the receivers are on loopback


class Scripted:
    """Answers each POST with the next status of ``statuses`` (the last one thereafter)."""

    def __init__(self, *statuses: int, delay: float = 0.0) -> None:
        self.statuses = list(statuses)
        self.delay = delay

    def __call__(self, request: Request) -> Answer:
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        if self.delay:
            time.sleep(self.delay)
        headers = {"Location": "/elsewhere"} if status in (301, 302, 307, 308) else {}
        return Answer(status, headers)


@pytest.fixture
def hook() -> Iterator[Server]:
    with serving({}) as server:
        yield server


def _run(store: Store, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["--db", store.url, *args], env=ENV)


def _posts(server: Server) -> list[dict[str, object]]:
    return [json.loads(r.body) for r in server.requests if r.path == "/hook/s3cr3t"]


def _add_lines(store: Store) -> None:
    assert _run(store, "lines", "add", str(sample_path("redlines.yaml"))).exit_code == 0


def test_a_redirect_and_an_error_are_retried_until_a_2xx(store: Store, hook: Server) -> None:
    hook.routes["/hook/s3cr3t"] = Scripted(307, 500, 200)
    hook.routes["/elsewhere"] = Scripted(200)
    _add_lines(store)
    result = _run(store, "assess", "--line", "rok-lethal-aid", "--webhook",
                  hook.url("/hook/s3cr3t"))
    assert result.exit_code == 0, result.output
    posts = _posts(hook)
    assert len(posts) == 3  # 307 (not followed), 500, 200
    assert "/elsewhere" not in hook.paths()
    keys = {r.headers["idempotency-key"] for r in hook.requests}
    assert len(keys) == 1 and {p["idempotency_key"] for p in posts} == keys
    assert count_pending(store) == 0
    assert "s3cr3t" not in result.output


def test_an_undelivered_alert_stays_queued_and_the_next_assess_sends_it(
        store: Store, hook: Server, add_article: AddArticle) -> None:
    hook.routes["/hook/s3cr3t"] = Scripted(503)
    _add_lines(store)
    first = _run(store, "assess", "--webhook", hook.url("/hook/s3cr3t"))
    assert first.exit_code == 1
    assert "2 alert(s) not delivered to webhook at 127.0.0.1 (HTTP 503)" in first.output
    assert "s3cr3t" not in first.output
    assert len(_posts(hook)) == 2 * 3  # each alert tried three times: one failing alert
    assert count_pending(store) == LINES  # does not skip the other
    hook.requests.clear()
    hook.routes["/hook/s3cr3t"] = Scripted(204)
    text = "The DPRK has deployed troops to Russia, the White House said."
    add_article(text, outlet="The White House", published=day("2024-10-25"),
                events=[event(text, "MOBILIZE", "confirmed", actor="PRK", recipient="RUS",
                              objects=["troops"])])
    second = _run(store, "assess", "--webhook", hook.url("/hook/s3cr3t"))
    assert second.exit_code == 0, second.output
    moves = [(p["line_id"], p["from"], p["to"]) for p in _posts(hook)]
    # the two queued first verdicts, then the move the new article caused
    assert moves[:2] == [("rok-lethal-aid", None, "not_crossed"),
                         ("us-dprk-troops-ukraine", None, "not_crossed")]
    assert ("rok-lethal-aid", "not_crossed", "precursors_seen") in moves[2:]
    assert count_pending(store) == 0


def test_nothing_is_queued_without_a_webhook_nor_for_a_look_back(store: Store) -> None:
    _add_lines(store)
    assert _run(store, "assess").exit_code == 0
    assert _run(store, "assess", "--as-of", "2024-10-20", "--webhook",
                "http://127.0.0.1:9/x").exit_code == 0
    assert count_pending(store) == 0


def test_deliver_pending_is_a_library_call_with_backoff(store: Store, hook: Server) -> None:
    hook.routes["/hook/s3cr3t"] = Scripted(500, 500, 202)
    _add_lines(store)
    assert _run(store, "assess", "--line", "rok-lethal-aid", "--webhook",
                "http://127.0.0.1:9/unreachable").exit_code == 1
    [queued] = pending_alerts(store)
    assert queued.attempts == 3
    waits: list[float] = []
    settings = Settings(db=store.url, allow_private_hosts=True)
    delivery = deliver_pending(store, settings, hook.url("/hook/s3cr3t"), sleep=waits.append)
    assert delivery.delivered == 1 and not delivery.failed
    assert waits == [0.5, 1.0]
    assert [json.loads(r.body)["idempotency_key"] for r in hook.requests] == [queued.key] * 3


def test_a_webhook_on_a_private_host_is_refused_unless_allowed(store: Store,
                                                                hook: Server) -> None:
    hook.routes["/hook/s3cr3t"] = Scripted(204)
    _add_lines(store)
    refused = CliRunner().invoke(app, ["--db", store.url, "assess", "--webhook",
                                       hook.url("/hook/s3cr3t")])
    assert refused.exit_code == 1 and "refused" in refused.output
    assert hook.requests == [] and count_pending(store) == LINES
    allowed = CliRunner().invoke(app, ["--db", store.url, "assess", "--allow-host",
                                       "127.0.0.1", "--webhook", hook.url("/hook/s3cr3t")])
    assert allowed.exit_code == 0, allowed.output
    assert len(_posts(hook)) == LINES and count_pending(store) == 0


def test_an_assess_killed_while_posting_loses_no_alert(tmp_path: Path, hook: Server) -> None:
    hook.routes["/hook/s3cr3t"] = Scripted(200, delay=30)  # the receiver hangs
    db = f"sqlite:///{tmp_path / 'r.db'}"
    store = Store(db)
    _add_lines(store)
    env = {**os.environ, **ENV, "REDLINE_DB": db}
    victim = subprocess.Popen(
        [sys.executable, "-c", "from redline.cli import main; main()", "assess", "--webhook",
         hook.url("/hook/s3cr3t")], env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not hook.requests and time.monotonic() < deadline:
        time.sleep(0.05)
    assert hook.requests, "the assess never posted"
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    assert count_pending(store) == LINES  # verdicts stored, their alerts still queued
    first_key = hook.requests[0].headers["idempotency-key"]
    hook.requests.clear()
    hook.routes["/hook/s3cr3t"] = Scripted(200)
    again = _run(store, "assess", "--webhook", hook.url("/hook/s3cr3t"))
    assert again.exit_code == 0, again.output
    assert count_pending(store) == 0
    keys = [r.headers["idempotency-key"] for r in hook.requests]
    assert first_key in keys and len(keys) == LINES  # the same alert again, same key
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def _two_assessments(db: str, url: str) -> None:
    env = {**os.environ, **ENV, "REDLINE_DB": db}
    command = [sys.executable, "-c", "from redline.cli import main; main()", "assess",
               "--webhook", url]
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=300)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs


def _each_move_once(store: Store, hook: Server) -> None:
    """One outbox row per move; a receiver may get one twice (both runs deliver what is
    pending, at least once) but always under the same idempotency key."""
    with store.read() as session:
        lines = session.scalars(select(AlertRow.line_id).order_by(AlertRow.line_id)).all()
    assert lines == ["rok-lethal-aid", "us-dprk-troops-ukraine"]
    keys = {(p["line_id"], p["idempotency_key"]) for p in _posts(hook)}
    assert sorted(line for line, _ in keys) == lines
    assert count_pending(store) == 0


def test_two_assessments_at_once_queue_each_move_once(tmp_path: Path, hook: Server) -> None:
    hook.routes["/hook/s3cr3t"] = Scripted(204)
    db = f"sqlite:///{tmp_path / 'r.db'}"
    store = Store(db)
    _add_lines(store)
    _two_assessments(db, hook.url("/hook/s3cr3t"))
    _each_move_once(store, hook)


def test_two_assessments_at_once_queue_each_move_once_on_postgresql(
        pg_url: str, hook: Server) -> None:
    import sqlalchemy as sa

    store = Store(pg_url)
    with store.engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM redlines"))
    _add_lines(store)
    hook.routes["/hook/s3cr3t"] = Scripted(204)
    _two_assessments(pg_url, hook.url("/hook/s3cr3t"))
    _each_move_once(store, hook)
    with store.engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM redlines"))
    store.close()
