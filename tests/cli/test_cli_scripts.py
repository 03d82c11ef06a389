"""The CLI as scripts use it: --json/--csv, stdin, plain output off a terminal, one-line
errors, lines remove, config show, GDELT zips, and serve refusing a port in use."""

from __future__ import annotations

import csv
import io
import json
import socket
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from redline.cli import app
from redline.cli.common import state
from redline.cli.ingest_cmds import INGEST_FORMATS
from redline.cli.lines_cmds import REPORT_FORMATS
from redline.errors import InputError
from redline.web.listen import bind
from tests.datasets.test_datasets import PRK_MIL, RUS, gdelt_row

Run = Callable[..., Result]
LONG_HEADLINE = ("Seoul weighs its options as reports of troop movements between Pyongyang and "
                 "Moscow multiply across the region")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setenv("REDLINE_DB", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("REDLINE_ANALYZE_ON_INGEST", "0")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        monkeypatch.setattr(state, "_settings", None)
        monkeypatch.setattr(state, "_store", None)
        return runner.invoke(app, list(args), input=input)

    return invoke


@pytest.fixture
def two_articles(run: Run, tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(f"{LONG_HEADLINE}\n\nOfficials in Seoul met on Monday.\n",
                                  encoding="utf-8")
    (folder / "a.meta.json").write_text(json.dumps(
        {"published": "2024-10-20", "outlet": "Example Daily, Seoul edition"}))
    (folder / "b.txt").write_text("Talks resume\n\nThe two sides talked again on Friday.\n",
                                  encoding="utf-8")
    (folder / "b.meta.json").write_text(json.dumps({"published": "2024-06-20"}))
    assert run("ingest", str(folder)).exit_code == 0
    return folder


def test_formats_listed_in_the_cli_are_the_library_s() -> None:
    from redline.assess.report import FORMATS as report_formats
    from redline.ingest import FORMATS as ingest_formats

    assert ingest_formats == INGEST_FORMATS and report_formats == REPORT_FORMATS


def test_articles_as_json_and_csv(run: Run, two_articles: Path) -> None:
    rows = json.loads(run("articles", "--json").output)
    assert [r["published"][:10] for r in rows] == ["2024-10-20", "2024-06-20"]
    assert all(len(r["id"]) == 64 for r in rows)
    table = list(csv.DictReader(io.StringIO(run("articles", "--csv").output)))
    assert [r["id"] for r in table] == [r["id"] for r in rows]
    assert table[0]["outlet"] == "Example Daily, Seoul edition"  # the comma is quoted
    assert run("articles", "--since", "2024-07-01", "--csv").output.count("\n") == 2
    empty = run("articles", "--since", "2030-01-01", "--csv")
    assert empty.exit_code == 0 and empty.output == "id,published,outlet,headline,url\n"
    shown = json.loads(run("show", rows[0]["id"][:12], "--json").output)
    assert shown["headline"] == LONG_HEADLINE and "Officials in Seoul" in shown["text"]


def test_output_off_a_terminal_is_never_wrapped(run: Run, two_articles: Path) -> None:
    listed = run("articles").output.splitlines()
    line = next(row for row in listed if LONG_HEADLINE in row)
    assert len(line) > 100 and "Example Daily" in line
    assert "\x1b[" not in run("articles").output  # no colour codes in a pipe


@pytest.mark.parametrize("args, code, message", [
    (("articles", "--since", "2024-13-01"), 1, "--since: value '2024-13-01' is not a date"),
    (("articles", "--since", "soon"), 1, "is not a date"),
    (("articles", "--limit", "0"), 2, "Invalid value for '--limit'"),
    (("articles", "--limit", "many"), 2, "Invalid value for '--limit'"),
    (("articles", "--json", "--csv"), 1, "give one of them, not both"),
    (("articles", "--bogus"), 2, "No such option: --bogus"),
    (("nonsense",), 2, "No such command 'nonsense'"),
    (("show",), 2, "Missing argument"),
    (("assess", "--as-of", "2024-02-30"), 1, "expected YYYY-MM-DD"),
    (("import-events", "x.csv", "--format", "icews"), 2, "Invalid value for '--format'"),
    (("serve", "--port", "70000"), 2, "Invalid value for '--port'"),
    (("lines", "remove", "nope"), 1, "no red line 'nope'"),
])
def test_bad_values_are_one_line_errors(run: Run, args: tuple[str, ...], code: int,
                                        message: str) -> None:
    result = run(*args)
    assert result.exit_code == code, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert "Traceback" not in result.output


def test_analyze_reads_standard_input(run: Run) -> None:
    text = "North Korea sent troops to Russia on Monday, officials said.\n"
    result = run("analyze", "-", "--published", "2024-10-20", "--csv", input=text)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    events = [r for r in rows if r["type"] == "event"]
    assert any(r["actor"] == "PRK" and r["recipient"] == "RUS" for r in events)
    assert any(r["date"] == "2024-10-14" for r in events)
    lines = run("analyze", "-", "--json", input=text).output.splitlines()
    assert {json.loads(line)["type"] for line in lines} == {"event", "quote"}


#: The header ``analyze --csv`` had before its aim columns: a script reading columns by
#: position relies on it.
ANALYZE_CSV_HEADER = (
    "type,event,cameo,actor,actor_text,recipient,recipient_text,mode,size,size_unit,"
    "location,date,date_granularity,factuality,factuality_label,attributed_to,"
    "attributed_text,trigger,objects,sentence,span,speaker,speaker_actor,role,kind,cue,"
    "content,content_span,span_start,span_end,context,size_qualifier,location_country,"
    "location_region,date_start,date_end,date_text,assertion,trigger_start,trigger_end,"
    "speaker_start,speaker_end,cue_start,cue_end,content_start,content_end,speaker_span")


def test_analyze_csv_columns_added_go_last(run: Run) -> None:
    text = "North Korea aims to send troops to Russia.\n"
    result = run("analyze", "-", "--published", "2024-10-20", "--csv", input=text)
    assert result.exit_code == 0, result.output
    header = result.output.splitlines()[0].split(",")
    first = ANALYZE_CSV_HEADER.split(",")
    assert header[:len(first)] == first
    assert header[len(first):] == ["intended_by", "intended_text"]
    rows = list(csv.reader(io.StringIO(result.output)))[1:]
    aims = [row[len(first):] for row in rows if row[header.index("trigger")] == "send"]
    assert aims and all(aim == ["PRK", "North Korea"] for aim in aims)


@pytest.mark.parametrize("text", ["The weather in Seoul was mild on Monday.\n",
                                  "Markets were closed for the holiday.\n"])
def test_analyze_from_stdin_finds_nothing_where_nothing_happened(run: Run, text: str) -> None:
    result = run("analyze", "-", "--csv", input=text)
    assert result.exit_code == 0
    assert len(result.output.splitlines()) == 1  # the header only


def test_analyze_stdin_refuses_binary(run: Run) -> None:
    result = run("analyze", "-", input=b"\x00\x01\x02binary")
    assert result.exit_code == 1 and "<stdin>: binary" in result.output


def _lines_file(tmp_path: Path) -> Path:
    return ROOT / "sample" / "redlines.yaml"


def test_lines_list_csv_remove_and_history(run: Run, tmp_path: Path) -> None:
    assert run("lines", "add", str(_lines_file(tmp_path))).exit_code == 0
    assert run("assess").exit_code == 0  # a live run: lines list shows the live verdicts
    table = list(csv.DictReader(io.StringIO(run("lines", "list", "--csv").output)))
    assert {r["id"] for r in table} == {"rok-lethal-aid", "us-dprk-troops-ukraine"}
    assert {r["status"] for r in table} == {"not_crossed"}
    history = list(csv.DictReader(io.StringIO(run("history", "rok-lethal-aid", "--csv").output)))
    assert [r["status"] for r in history] == ["not_crossed"]
    # All or none: one unknown id removes nothing.
    refused = run("lines", "remove", "rok-lethal-aid", "nope")
    assert refused.exit_code == 1 and "no red line 'nope'" in refused.output
    assert len(json.loads(run("lines", "list", "--json").output)) == 2
    removed = run("lines", "remove", "rok-lethal-aid")
    assert removed.exit_code == 0 and "removed rok-lethal-aid and its 1 verdict" in removed.output
    left = json.loads(run("lines", "list", "--json").output)
    assert [line["id"] for line in left] == ["us-dprk-troops-ukraine"]
    assert run("history", "rok-lethal-aid").exit_code == 1
    assert len(json.loads(run("history", "us-dprk-troops-ukraine", "--json").output)) == 1


def test_explain_as_json_and_csv(run: Run, tmp_path: Path) -> None:
    run("lines", "add", str(_lines_file(tmp_path)))
    run("assess")
    explained = json.loads(run("explain", "rok-lethal-aid", "--json").output)
    assert explained["line"]["id"] == "rok-lethal-aid" and explained["stored"] is True
    assert explained["verdict"]["status"] == "not_crossed"
    assert {"evidence", "speculated", "assessments"} <= set(explained["verdict"])
    table = run("explain", "rok-lethal-aid", "--csv").output.splitlines()
    assert table[0].startswith("kind,role,indicator,event_type") and len(table) == 1


def test_config_show_says_where_each_value_came_from(run: Run, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config" / "redline"
    config.mkdir(parents=True)
    (config / "config.toml").write_text("fetch_timeout = 5\n", encoding="utf-8")
    monkeypatch.setenv("REDLINE_MAX_BYTES", "1234")
    rows = {r["name"]: r for r in json.loads(run("config", "show", "--json").output)}
    assert rows["max_bytes"]["value"] == 1234 and rows["max_bytes"]["source"] == "REDLINE_MAX_BYTES"
    assert rows["fetch_timeout"]["value"] == 5.0
    assert rows["fetch_timeout"]["source"] == str(config / "config.toml")
    assert rows["webhook"]["source"] == "default" and rows["db"]["source"] == "REDLINE_DB"
    flagged = json.loads(run("--db", "sqlite:///elsewhere.db", "config", "show", "--json").output)
    assert next(r for r in flagged if r["name"] == "db")["source"] == "flag"
    text = run("config", "show").output
    assert "max_bytes" in text and "(REDLINE_MAX_BYTES)" in text


def test_gdelt_zip_export_is_read_as_published(run: Run, tmp_path: Path) -> None:
    rows = "\n".join([gdelt_row("2001", "154", PRK_MIL, RUS), gdelt_row("2002", "072", RUS,
                                                                         PRK_MIL)]) + "\n"
    path = tmp_path / "20241018120000.export.CSV.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("20241018120000.export.CSV", rows)
    result = run("import-events", str(path), "--format", "gdelt")
    assert result.exit_code == 0 and "2 new event(s), 0 unchanged" in result.output
    again = run("import-events", str(path), "--format", "gdelt")
    assert "0 new event(s), 2 unchanged" in again.output


@pytest.mark.parametrize("members, message", [
    ({}, "holds nothing"),
    ({"a.CSV": "x", "b.CSV": "y"}, "holds a.CSV, b.CSV"),
])
def test_a_zip_that_is_not_one_export_is_refused(run: Run, tmp_path: Path,
                                                 members: dict[str, str], message: str) -> None:
    path = tmp_path / "odd.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    result = run("import-events", str(path), "--format", "gdelt")
    assert result.exit_code == 1 and message in result.output


def test_a_zip_bigger_than_the_limit_unpacked_is_refused(run: Run, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.export.CSV.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.export.CSV", "\t" * 200_000)
    monkeypatch.setenv("REDLINE_DATASET_MAX_BYTES", "50000")  # exports have their own limit
    result = run("import-events", str(path), "--format", "gdelt")
    assert result.exit_code == 1 and "unpacks to more than the limit of 50000" in result.output


def test_serve_refuses_a_port_in_use_before_announcing_it(run: Run) -> None:
    assert run("migrate").exit_code == 0  # serve never creates a database
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--port", str(port))
        assert result.exit_code == 1
        assert f"cannot listen on 127.0.0.1:{port}" in result.output
        assert "--port 0" in result.output and "dashboard on" not in result.output
        with pytest.raises(InputError):
            bind("127.0.0.1", port)
        with bind("127.0.0.1", port, fallback=True) as free:
            assert free.getsockname()[1] not in (port, 0)


def test_shell_completion_is_on(run: Run) -> None:
    helped = run("--help").output
    assert "--install-completion" in helped and "--show-completion" in helped
