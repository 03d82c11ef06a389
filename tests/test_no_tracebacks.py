"""Bad input gets one clear line, never a traceback, an echo of a huge value, a match-all
search, or a secret in the log."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from redline.cli import app
from redline.cli.common import configure_logging
from redline.errors import InputError
from redline.ingest.fetch import post_json
from redline.ingest.guard import Guard
from redline.settings import Settings
from redline.store import Store
from redline.store.articles import list_articles
from redline.store.browse import SearchQuery, search
from redline.web.app import create_app
from tests.loopback import Answer, serving

ACLED_HEADER = ("event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,country,"
                "location,source,notes,fatalities,timestamp")


def _run(tmp_path: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["--db", f"sqlite:///{tmp_path / 'r.db'}", *args])


def _one_clear_line(result, *words: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.output


@pytest.mark.parametrize("fmt, body, words", [
    ("acled", ACLED_HEADER + '\nUKR1,2024-10-18,Battles,Armed clash,A,B,Ukraine,Kyiv,S,"'
     + "x" * 140_000 + '",0,1\n', ["malformed CSV", "characters"]),
    ("acled", ACLED_HEADER + "\nUKR1,2024-10-18,Battles,Armed clash,A,B,Ukraine,Kyiv,S,n,0,"
     "99999999999999999999\n", ["line 2", "not a Unix time"]),
    # GDELT rows are split at tabs (no quoting), so an overlong field is a short row.
    ("gdelt", "1\t" + "x" * 140_000 + "\n", ["line 1", "61 tab-separated columns"]),
])
def test_import_events_names_the_problem(tmp_path: Path, fmt: str, body: str,
                                         words: list[str]) -> None:
    path = tmp_path / "export.csv"
    path.write_text(body, encoding="utf-8")
    _one_clear_line(_run(tmp_path, "import-events", str(path), "--format", fmt), *words)


def test_a_jsonl_error_reads_as_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text('{"text": "unterminated\n', encoding="utf-8")
    result = _run(tmp_path, "ingest", "--no-analyze", str(path))
    assert "malformed JSON (Unterminated string starting at: column 10)" in result.output
    assert "at at" not in result.output


def test_a_nul_in_a_search_matches_nothing_and_says_why(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    with pytest.raises(InputError, match="NUL character"):
        list_articles(store, search="\x00")
    with pytest.raises(InputError, match="NUL character"):
        search(store, SearchQuery(text="a\x00"))


def test_a_huge_as_of_is_not_echoed_back(tmp_path: Path) -> None:
    client = TestClient(create_app(Store(f"sqlite:///{tmp_path / 'r.db'}")))
    response = client.get("/api/lines/any-line", params={"as_of": "9" * 50_000})
    assert response.status_code in (404, 422)
    assert len(response.text) < 2_000
    result = _run(tmp_path, "explain", "x", "--as-of", "9" * 100_000)
    assert result.exit_code == 1 and len(result.output) < 2_000


def test_verbose_logging_never_shows_a_webhook_secret(caplog: pytest.LogCaptureFixture) -> None:
    configure_logging(True)
    with serving({"/hook/s3cr3t-path": lambda request: Answer(204)}) as server, \
            caplog.at_level(logging.DEBUG):
        status = post_json(server.url("/hook/s3cr3t-path?key=s3cr3t-key"), {"a": 1},
                           Settings(db="sqlite://"), guard=Guard(allow_private=True))
    assert status == 204
    assert "s3cr3t" not in caplog.text
    configure_logging(False)


def test_page_parsers_do_not_print_their_own_lines_next_to_the_error() -> None:
    configure_logging(False)
    assert not logging.getLogger("trafilatura.core").isEnabledFor(logging.ERROR)
    assert logging.getLogger("redline.ingest").isEnabledFor(logging.WARNING)
