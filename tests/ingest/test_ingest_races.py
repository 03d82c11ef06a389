"""Crashes and races: two writers of one folder never collide or replace each other's
rows (SQLite and PostgreSQL); an ingest killed with SIGKILL loses nothing that the next
ingest does not finish; articles whose analysis failed or never ran are retried."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import func, select
from typer.testing import CliRunner

from redline.cli import app
from redline.pipeline import ingest
from redline.settings import Settings
from redline.store import Store
from redline.store.analysis_state import analysis_state, unanalysed
from redline.store.models import ArticleRow, EventRow

CLI = [sys.executable, "-c", "from redline.cli import main; main()"]
COUNTRIES = ["Chile", "Kenya", "Norway", "Peru", "Ghana", "Chad", "Laos", "Oman", "Fiji",
             "Mali", "Iraq", "Togo", "Cuba", "Nepal", "Benin"]


def _folder(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(n):
        country = COUNTRIES[i % len(COUNTRIES)]
        (folder / f"story-{i:03}.txt").write_text(
            f"Talks in {country}, round {i}\n\nThe government of {country} said on Monday "
            f"that it had sent {i + 2} envoys to the talks in Geneva, round {i}.\n",
            encoding="utf-8")
    return folder


def _start(db: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "REDLINE_DB": db}
    return subprocess.Popen([*CLI, "ingest", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def _two_writers(db: str, folder: Path) -> list[str]:
    first, second = _start(db, "--no-analyze", str(folder)), _start(db, "--no-analyze",
                                                                     str(folder))
    outputs = [process.communicate(timeout=300)[0] for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    return outputs


def _check_once_each(store: Store, outputs: list[str], n: int) -> None:
    joined = "\n".join(outputs)
    assert "IntegrityError" not in joined and "error" not in joined.lower()
    assert "replaces" not in joined
    statuses = [line.split()[0] for out in outputs for line in out.splitlines()
                if line.split() and line.split()[0] in ("new", "changed", "unchanged")]
    assert statuses.count("new") == n  # each article stored by exactly one of the two
    assert statuses.count("unchanged") == n
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(ArticleRow)) == n


def test_two_ingests_of_one_folder_at_once_on_sqlite(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 40)
    db = f"sqlite:///{tmp_path / 'r.db'}"  # created by the two at once: migrations race too
    outputs = _two_writers(db, folder)
    _check_once_each(Store(db), outputs, 40)


def test_two_ingests_of_one_folder_at_once_on_postgresql(tmp_path: Path, pg_url: str) -> None:
    store = Store(pg_url)
    with store.engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM articles"))
    folder = _folder(tmp_path, 40)
    outputs = _two_writers(pg_url, folder)
    _check_once_each(store, outputs, 40)
    with store.engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM articles"))
    store.close()


def _events_per_article(store: Store) -> dict[str, int]:
    query = select(ArticleRow.id, func.count(EventRow.id)).outerjoin(
        EventRow, EventRow.article_id == ArticleRow.id).group_by(ArticleRow.id)
    with store.read() as session:
        return {article_id: int(n) for article_id, n in session.execute(query)}


def test_an_ingest_killed_mid_analysis_is_finished_by_the_next(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 12)
    clean_db = f"sqlite:///{tmp_path / 'clean.db'}"
    clean = _start(clean_db, str(folder))
    assert clean.wait(timeout=300) == 0
    expected = _events_per_article(Store(clean_db))
    assert sum(expected.values()) >= 12

    db = f"sqlite:///{tmp_path / 'r.db'}"
    Store(db).close()
    victim = _start(db, str(folder))
    store = Store(db)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # kill once some articles are stored, not all analysed
        with store.read() as session:
            stored = session.scalar(select(func.count()).select_from(ArticleRow)) or 0
        if stored >= 3:
            break
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    assert unanalysed(store).total >= 1  # the kill left work undone

    again = _start(db, str(folder))
    output = again.communicate(timeout=300)[0]
    assert again.returncode == 0, output
    assert unanalysed(store).total == 0
    assert _events_per_article(store) == expected
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_a_failed_analysis_is_recorded_and_retried_by_the_next_ingest(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 2)
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    tight = Settings(db=store.url, max_analyze_chars=50)
    outcomes = list(ingest(store, [str(folder)], settings=tight))
    assert all(o.analysis_failed for o in outcomes)
    assert "over the analysis limit of 50 (setting max_analyze_chars)" in (
        outcomes[0].analysis or "")
    assert {analysis_state(store, o.article_id or "") for o in outcomes} == {"failed"}
    assert unanalysed(store).failed == 2

    outcomes = list(ingest(store, [str(folder)], settings=Settings(db=store.url)))
    assert [o.status for o in outcomes] == ["unchanged", "unchanged"]
    assert not any(o.analysis_failed for o in outcomes)
    assert {analysis_state(store, o.article_id or "") for o in outcomes} == {"analysed"}
    assert unanalysed(store).total == 0


def test_an_article_stored_without_analysis_is_analysed_by_the_next_ingest(
        tmp_path: Path) -> None:
    folder = _folder(tmp_path, 1)
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    [first] = ingest(store, [str(folder)], settings=Settings(db=store.url), analyze=False)
    assert analysis_state(store, first.article_id or "") == "pending"
    [second] = ingest(store, [str(folder)], settings=Settings(db=store.url))
    assert second.status == "unchanged" and second.analysis and "event" in second.analysis
    assert analysis_state(store, first.article_id or "") == "analysed"
    [third] = ingest(store, [str(folder)], settings=Settings(db=store.url))
    assert third.analysis is None  # analysed already: not analysed again


def test_analyze_all_retries_failed_articles_and_assess_warns_of_unanalysed(
        tmp_path: Path) -> None:
    folder = _folder(tmp_path, 2)
    db = f"sqlite:///{tmp_path / 'r.db'}"
    runner = CliRunner()
    env = {"REDLINE_MAX_ANALYZE_CHARS": "50"}
    failed = runner.invoke(app, ["--db", db, "ingest", str(folder)], env=env)
    assert failed.exit_code == 1
    assessed = runner.invoke(app, ["--db", db, "assess"])
    assert "2 stored articles are not analysed (2 failed)" in assessed.output
    assert "redline analyze --all" in assessed.output
    redone = runner.invoke(app, ["--db", db, "analyze", "--all"])
    assert redone.exit_code == 0, redone.output
    assert "2 articles analysed" in redone.output
    assert "not analysed" not in runner.invoke(app, ["--db", db, "assess"]).output
