from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from redline.cli import app
from redline.cli.common import state
from redline.store import Store

from .conftest import AddArticle, day, event, sample_path

Run = Callable[..., Result]


@pytest.fixture
def run(store: Store, monkeypatch: pytest.MonkeyPatch) -> Run:
    """Run ``redline --db <the test store> ...``."""
    monkeypatch.setattr(state, "_store", None)
    monkeypatch.setattr(state, "_settings", None)
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, ["--db", store.url, *args], input=input,
                             catch_exceptions=False)

    return invoke


def _troops(add_article: AddArticle) -> str:
    text = "Troop deployments by the DPRK to Russia drew grave concern."
    return add_article(text, outlet="The White House", published=day("2024-10-25"),
                       url="https://example.org/readout",
                       events=[event(text, "MOBILIZE", "confirmed", actor="PRK",
                                     recipient="RUS", objects=["troop deployments"])])


def test_the_red_line_commands_end_to_end(run: Run, add_article: AddArticle,
                                          tmp_path: Path) -> None:
    added = run("lines", "add", str(sample_path("redlines.yaml")))
    assert added.exit_code == 0 and "rok-lethal-aid" in added.output
    listed = run("lines", "list", "--json")
    assert {item["id"] for item in json.loads(listed.output)} >= {"rok-lethal-aid"}
    article = _troops(add_article)
    assessed = run("assess", "--as-of", "2024-10-24", "--json")
    assert {v["status"] for v in json.loads(assessed.output)} == {"not_crossed"}
    assessed = run("assess", "--json")
    verdicts = {v["line_id"]: v for v in json.loads(assessed.output)}
    assert verdicts["rok-lethal-aid"]["status"] == "precursors_seen"
    assert run("assess").exit_code == 0
    history = run("history", "rok-lethal-aid", "--json")
    moves = [(v["changed"]["from"], v["status"], v["moved_by_article"])
             for v in json.loads(history.output)]
    assert moves == [(None, "precursors_seen", article)]  # live runs only
    looked_back = run("history", "rok-lethal-aid", "--look-backs", "--json")
    assert [(v["kind"], v["status"]) for v in json.loads(looked_back.output)] == \
        [("look-back", "not_crossed")]
    table = run("history", "rok-lethal-aid")
    assert "The White House" in table.output
    explained = run("explain", "rok-lethal-aid")
    assert explained.exit_code == 0 and "PRECURSORS_SEEN" in explained.output
    assert "not stored" not in explained.output
    past = run("explain", "rok-lethal-aid", "--as-of", "2024-10-24")
    assert "NOT_CROSSED" in past.output and "not stored" in past.output
    out = tmp_path / "brief.html"
    reported = run("report", "--format", "html", "--output", str(out))
    assert reported.exit_code == 0 and "https://example.org/readout" in out.read_text()
    assert "## Sources" in run("report").output


@pytest.mark.parametrize("args, message", [
    (("explain", "nope"), "no red line 'nope'"),
    (("history", "nope"), "no red line 'nope'"),
    (("assess", "--as-of", "yesterday"), "expected YYYY-MM-DD"),
    (("report", "--format", "docx"), "valid formats: md, html"),
    (("report", "--format", "pdf"), "--format pdf writes a file; give --output FILE.pdf"),
])
def test_errors_are_one_line_and_exit_1(run: Run, args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 1
    assert message in result.output


def test_a_bad_file_is_rejected_with_its_line(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(sample_path("redlines.yaml").read_text().replace("events: [AID]",
                                                                    "events: [GIFT]", 1))
    result = run("lines", "add", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:" in result.output and "trigger.events[0]" in result.output
    assert json.loads(run("lines", "list", "--json").output) == []


def test_every_command_has_help(run: Run) -> None:
    for args in (("lines", "add"), ("lines", "list"), ("assess",), ("history",),
                 ("explain",), ("report",)):
        result = run(*args, "--help")
        assert result.exit_code == 0
        assert len(result.output.split("\n")) > 3


@pytest.mark.parametrize("text, head, why", [
    ("Russia transferred ICBM re-entry technology to North Korea on Monday.",
     "MATCH trigger: RUS AID -> PRK", "counts as having happened"),
    ("Russia sent food aid to North Korea.", "near miss trigger: RUS AID -> PRK",
     "fails: names none of nuclear"),
    ("Did Russia transfer missile technology to North Korea?", "MATCH trigger",
     "a question: asserts nothing"),
    ("The weather was mild in Seoul.", "no event of this text matches", ""),
])
def test_lines_test_shows_matches_and_near_misses(run: Run, text: str, head: str,
                                                  why: str) -> None:
    assert run("lines", "add", str(sample_path("redlines.yaml"))).exit_code == 0
    result = run("lines", "test", "rok-lethal-aid", "-", "--published", "2024-11-01",
                 input=text + "\n")
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert head in flat and why in flat


def test_lines_test_names_a_bad_input(run: Run, tmp_path: Path) -> None:
    assert run("lines", "add", str(sample_path("redlines.yaml"))).exit_code == 0
    missing = run("lines", "test", "rok-lethal-aid", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 1 and "no such file" in missing.output
    empty = run("lines", "test", "rok-lethal-aid", "-", input="  \n")
    assert empty.exit_code == 1 and "stdin: empty" in empty.output
