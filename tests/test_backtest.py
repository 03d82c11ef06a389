"""Backtests: the Briefing Room scenarios in tests/scenarios/ (expected verdicts written from
reading them), and the scoring on invented scenarios."""

from __future__ import annotations

import json
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from redline.backtest import (
    BacktestResult,
    as_of_times,
    brier_score,
    load_scenario,
    run_backtest,
)
from redline.cli import app
from redline.errors import RedlineError

SCENARIOS = Path(__file__).parent / "scenarios"
NAMES = ("russia-invades-ukraine", "china-lethal-aid", "iran-missiles-russia")
KNOWN_MISSES = {
    ("iran-missiles-russia", "2024-02-06"): (
        "'Russian drones - actually supplied many of them by Iran' (a participle after a "
        "dash) is not read as Iran supplying Russia"),
}


def _points() -> list[object]:
    params: list[object] = []
    for name in NAMES:
        scenario = load_scenario(SCENARIOS / name)
        for expectation in scenario.expected:
            for when, status in expectation.verdicts_as_of.items():
                reason = KNOWN_MISSES.get((name, when.date().isoformat()))
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                params.append(pytest.param(name, expectation.line, when, status, marks=marks,
                                           id=f"{name}-{when.date()}"))
    return params


@pytest.fixture(scope="module")
def results() -> dict[str, BacktestResult]:
    return {name: run_backtest(load_scenario(SCENARIOS / name)) for name in NAMES}


@pytest.mark.parametrize("name, line, when, status", _points())
def test_the_expected_verdict_is_reached(results: dict[str, BacktestResult], name: str,
                                         line: str, when: datetime, status: str) -> None:
    (found,) = [r for r in results[name].lines if r.line == line]
    (point,) = [p for p in found.points if p.as_of == when]
    assert point.status == status


def test_crossings_are_detected_without_false_alarms(
        results: dict[str, BacktestResult]) -> None:
    russia = results["russia-invades-ukraine"].lines[0]
    iran = results["iran-missiles-russia"].lines[0]
    china = results["china-lethal-aid"].lines[0]
    assert russia.time_to_detection is not None and russia.time_to_detection.days == 0
    assert iran.time_to_detection is not None and iran.time_to_detection.days <= 7
    assert china.detected_at is None
    assert (russia.false_alarms, iran.false_alarms, china.false_alarms) == ((), (), ())
    score = brier_score(list(results.values()))
    assert score is not None and score < 0.1


def test_no_crossing_rests_on_a_hedged_or_contested_sentence(
        results: dict[str, BacktestResult]) -> None:
    for result in results.values():
        for line in result.lines:
            for point in line.points:
                if point.status == "crossed":
                    assert point.likelihood in ("very likely", "almost certain")


# -- invented scenarios --------------------------------------------------------------------

LINE = textwrap.dedent("""\
    id: ruritania-invasion
    title: Ruritania must not attack Freedonia
    declared_by: USA
    declared: "2030-01-01"
    source: invented
    trigger: {actors: [RUS], events: [ASSAULT, FIGHT], recipients: [UKR]}
    consequence: sanctions
    """)


def _scenario(folder: Path, expected: str, articles: list[dict[str, str]]) -> Path:
    folder.mkdir()
    (folder / "lines.yaml").write_text(LINE, encoding="utf-8")
    (folder / "expected.yaml").write_text(textwrap.dedent(expected), encoding="utf-8")
    (folder / "articles.jsonl").write_text(
        "".join(json.dumps({"outlet": "The White House", **a}) + "\n" for a in articles),
        encoding="utf-8")
    return folder


ARTICLES = [
    {"published": "2030-02-01T12:00:00+00:00", "title": "Remarks",
     "text": "The President spoke about the economy today. He praised the new bridge."},
    {"published": "2030-02-03T12:00:00+00:00", "title": "Statement",
     "text": "Russian forces attacked Ukraine this morning. The President condemned it."},
]


def test_scores_and_exit_code_on_an_invented_scenario(tmp_path: Path) -> None:
    folder = _scenario(tmp_path / "invented", """\
        line: ruritania-invasion
        crossed_at: 2030-02-03T06:00:00Z
        verdicts_as_of:
          2030-02-01: not_crossed
          2030-02-03: crossed
          2030-02-02: crossed     # wrong on purpose: the attack came a day later
        """, ARTICLES)
    result = run_backtest(load_scenario(folder))
    (line,) = result.lines
    assert [(p.as_of.date().isoformat(), p.status, p.missed) for p in line.points] == [
        ("2030-02-01", "not_crossed", False), ("2030-02-02", "not_crossed", True),
        ("2030-02-03", "crossed", False)]
    assert line.time_to_detection is not None and line.time_to_detection.seconds > 17 * 3600
    assert line.false_alarms == () and line.scored == 3
    assert line.brier is not None and 0 < line.brier < 0.05
    runner = CliRunner()
    out = runner.invoke(app, ["--db", f"sqlite:///{tmp_path / 'unused.db'}", "backtest",
                              str(folder), "--json"])
    assert out.exit_code == 1, out.output
    data = json.loads(out.output.split("\nerror:")[0])
    assert data["scenarios"][0]["lines"][0]["missed"][0]["expected"] == "crossed"
    assert data["brier"] == brier_score([result])
    text = runner.invoke(app, ["backtest", str(folder)])
    assert "MISSED (expected crossed)" in text.output and "Brier score" in text.output


@pytest.mark.parametrize("expected, problem", [
    ("line: nope\nverdicts_as_of: {2030-02-01: crossed}\n", "'nope' is not a line"),
    ("line: ruritania-invasion\nverdicts_as_of: {2030-02-01: gone}\n", "'gone' is not valid"),
    ("line: ruritania-invasion\nverdicts_as_of: {soon: crossed}\n", "expected YYYY-MM-DD"),
    ("line: ruritania-invasion\n", "expected {line: ID, verdicts_as_of"),
])
def test_a_bad_scenario_is_named(tmp_path: Path, expected: str, problem: str) -> None:
    folder = _scenario(tmp_path / "bad", expected, ARTICLES)
    with pytest.raises(RedlineError, match=problem.replace("{", r"\{")):
        load_scenario(folder)


def test_a_folder_without_articles_is_named(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(RedlineError, match=r"has neither articles\.jsonl nor articles/"):
        load_scenario(tmp_path / "empty")


def test_as_of_times_are_publication_days_or_a_schedule() -> None:
    published = [datetime(2030, 2, 1, 12, tzinfo=UTC), datetime(2030, 2, 5, 1, tzinfo=UTC)]
    daily = as_of_times(published, [])
    assert [t.date().day for t in daily] == [1, 5]
    every = as_of_times(published, [datetime(2030, 2, 2, 8, tzinfo=UTC)], every_days=2)
    assert [(t.day, t.hour) for t in every] == [(1, 23), (2, 8), (3, 23), (5, 23)]
