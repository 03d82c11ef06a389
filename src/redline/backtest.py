"""Backtests: replay a dated corpus with red lines and score the verdicts against expectations.

A scenario is a folder holding ``articles.jsonl`` (or ``articles/``: text files with
``.meta.json`` sidecars), ``lines.yaml`` (the red-line format) and ``expected.yaml``::

    line: us-russia-invasion            # or a list of {line, verdicts_as_of, crossed_at}
    crossed_at: 2022-02-24T03:00:00Z     # optional: when the line was crossed in the world
    verdicts_as_of:
      2021-12-10: precursors_seen
      2022-02-25: crossed

Other keys are ignored. The articles are stored and analysed in a scratch store in
publication order, and each line is assessed as of the end of every publication day (or
every ``every_days`` days) and at each expected time: a verdict uses only what was
published by then.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from redline.assess import evaluate
from redline.assess.lines import load_lines
from redline.datafiles import load_yaml_mapping
from redline.errors import InputError, ValidationError
from redline.records import STATUSES, RedLine, Verdict, as_utc
from redline.store import Store
from redline.store import lines as line_store

log = logging.getLogger(__name__)
#: Statuses that say the line has been crossed (a detection, or a false alarm before it).
ALARMS = frozenset({"reported_crossed", "crossed"})


@dataclass(frozen=True)
class Expectation:
    line: str
    verdicts_as_of: dict[datetime, str]
    crossed_at: datetime | None = None


@dataclass(frozen=True)
class Scenario:
    name: str
    path: Path
    articles: Path  # articles.jsonl or the articles/ folder
    lines: tuple[RedLine, ...]
    expected: tuple[Expectation, ...]


@dataclass(frozen=True)
class Point:
    """The verdict on one line as of one time."""

    as_of: datetime
    status: str
    likelihood: str | None
    probability: float | None
    confidence: str | None
    expected: str | None = None  # the expected status at this time, when one is written

    @property
    def missed(self) -> bool:
        return self.expected is not None and self.expected != self.status

    def to_dict(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(), "status": self.status,
                "likelihood": self.likelihood, "probability": self.probability,
                "confidence": self.confidence, "expected": self.expected,
                "missed": self.missed}


@dataclass(frozen=True)
class LineResult:
    line: str
    points: tuple[Point, ...]
    crossed_at: datetime | None
    detected_at: datetime | None
    false_alarms: tuple[datetime, ...]
    brier: float | None  # over the expected points
    scored: int  # how many expected points the Brier score averages

    @property
    def missed(self) -> list[Point]:
        return [point for point in self.points if point.missed]

    @property
    def time_to_detection(self) -> timedelta | None:
        if self.crossed_at is None or self.detected_at is None:
            return None
        return self.detected_at - self.crossed_at

    def timeline(self) -> list[Point]:
        """The points where the status, likelihood or confidence moved, and expected ones."""
        moves: list[Point] = []
        for point in self.points:
            last = moves[-1] if moves else None
            if last is None or point.expected is not None or \
                    (point.status, point.likelihood, point.confidence) != \
                    (last.status, last.likelihood, last.confidence):
                moves.append(point)
        return moves

    def to_dict(self) -> dict[str, Any]:
        detection = self.time_to_detection
        return {"line": self.line, "points": [p.to_dict() for p in self.points],
                "crossed_at": self.crossed_at.isoformat() if self.crossed_at else None,
                "detected_at": self.detected_at.isoformat() if self.detected_at else None,
                "time_to_detection_hours": round(detection.total_seconds() / 3600, 1)
                if detection is not None else None,
                "false_alarms": [t.isoformat() for t in self.false_alarms],
                "brier": self.brier, "scored": self.scored,
                "missed": [p.to_dict() for p in self.missed]}


@dataclass(frozen=True)
class BacktestResult:
    scenario: str
    articles: int
    lines: tuple[LineResult, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not any(result.missed for result in self.lines)

    def to_dict(self) -> dict[str, Any]:
        return {"scenario": self.scenario, "articles": self.articles, "ok": self.ok,
                "lines": [result.to_dict() for result in self.lines]}


def brier_score(results: Sequence[BacktestResult]) -> float | None:
    """The Brier score of the likelihoods over every expected point of ``results``."""
    total = sum((r.brier or 0.0) * r.scored for b in results for r in b.lines)
    count = sum(r.scored for b in results for r in b.lines)
    return round(total / count, 4) if count else None


# -- loading -----------------------------------------------------------------------------

def _moment(value: Any, where: str, field: str) -> datetime:
    """A YAML date (end of that day, UTC) or datetime (UTC unless zoned)."""
    if isinstance(value, datetime):
        return as_utc(value)
    if isinstance(value, date):
        return datetime.combine(value, time.max, tzinfo=UTC)
    if isinstance(value, str):
        try:
            if len(value.strip()) == 10:
                return datetime.combine(date.fromisoformat(value.strip()), time.max, tzinfo=UTC)
            return as_utc(datetime.fromisoformat(value.strip()))
        except ValueError:
            pass
    raise ValidationError(where, field, f"{value!r} is not valid; expected YYYY-MM-DD or an "
                          "ISO datetime")


def _expectation(item: Any, where: str, field: str, lines: dict[str, RedLine]) -> Expectation:
    if not isinstance(item, dict) or "line" not in item or "verdicts_as_of" not in item:
        raise ValidationError(where, field, "expected {line: ID, verdicts_as_of: {TIME: "
                              "STATUS}, crossed_at: TIME (optional)}")
    line_id = str(item["line"])
    if line_id not in lines:
        raise ValidationError(where, f"{field}.line", f"{line_id!r} is not a line of "
                              f"lines.yaml; valid: {', '.join(sorted(lines))}")
    verdicts = item["verdicts_as_of"]
    if not isinstance(verdicts, dict) or not verdicts:
        raise ValidationError(where, f"{field}.verdicts_as_of", "expected a mapping of "
                              "as-of times to statuses")
    expected: dict[datetime, str] = {}
    for when, status in verdicts.items():
        if status not in STATUSES:
            raise ValidationError(where, f"{field}.verdicts_as_of.{when}", f"{status!r} is not "
                                  f"valid; expected one of {', '.join(STATUSES)}")
        expected[_moment(when, where, f"{field}.verdicts_as_of")] = str(status)
    crossed = item.get("crossed_at")
    return Expectation(line=line_id, verdicts_as_of=dict(sorted(expected.items())),
                       crossed_at=_moment(crossed, where, f"{field}.crossed_at")
                       if crossed is not None else None)


def load_scenario(path: str | Path) -> Scenario:
    """Read and check a scenario folder; errors name the file and what is valid."""
    folder = Path(path)
    if not folder.is_dir():
        raise InputError(str(folder), "not a folder; a scenario is a folder with "
                         "articles.jsonl (or articles/), lines.yaml and expected.yaml")
    articles = folder / "articles.jsonl"
    if not articles.is_file():
        articles = folder / "articles"
        if not articles.is_dir():
            raise InputError(str(folder), "has neither articles.jsonl nor articles/")
    for name in ("lines.yaml", "expected.yaml"):
        if not (folder / name).is_file():
            raise InputError(str(folder / name), "missing; a scenario needs lines.yaml and "
                             "expected.yaml")
    lines = {line.id: line for line in load_lines(folder / "lines.yaml")}
    where = str(folder / "expected.yaml")
    data = load_yaml_mapping(folder / "expected.yaml")
    items = data.get("expected") if "expected" in data else [data]
    if not isinstance(items, list) or not items:
        raise ValidationError(where, "expected", "expected a list of expectations")
    expected = tuple(_expectation(item, where, f"expected[{i}]", lines)
                     for i, item in enumerate(items))
    return Scenario(name=folder.name, path=folder, articles=articles,
                    lines=tuple(lines.values()), expected=expected)


# -- running -----------------------------------------------------------------------------

def _end_of(day: date) -> datetime:
    return datetime.combine(day, time.max, tzinfo=UTC)


def as_of_times(published: Sequence[datetime], expected: Sequence[datetime],
                every_days: int | None = None) -> list[datetime]:
    """The end of each publication day (UTC), or of every ``every_days`` days from the first
    publication to the last, plus the expected times."""
    days = sorted({moment.astimezone(UTC).date() for moment in published})
    points: set[datetime] = set(expected)
    if days and every_days:
        day = days[0]
        while day <= days[-1]:
            points.add(_end_of(day))
            day += timedelta(days=every_days)
    else:
        points.update(_end_of(day) for day in days)
    return sorted(points)


def _score(expectation: Expectation | None, points: list[Point]) -> tuple[float | None, int]:
    if expectation is None:
        return None, 0
    errors = []
    for point in points:
        if point.expected is None or point.probability is None:
            continue
        if expectation.crossed_at is not None:
            outcome = 1.0 if point.as_of >= expectation.crossed_at else 0.0
        else:
            outcome = 1.0 if point.expected in ALARMS else 0.0
        errors.append((point.probability - outcome) ** 2)
    return (round(sum(errors) / len(errors), 4) if errors else None), len(errors)


def _line_result(line: RedLine, verdicts: list[Verdict],
                 expectation: Expectation | None) -> LineResult:
    wanted = expectation.verdicts_as_of if expectation else {}
    points = [Point(as_of=v.as_of, status=v.status, likelihood=v.likelihood,
                    probability=v.probability, confidence=v.confidence,
                    expected=wanted.get(v.as_of)) for v in verdicts]
    crossed_at = expectation.crossed_at if expectation else None
    alarms = [p.as_of for p in points if p.status in ALARMS]
    detected = next((t for t in alarms if crossed_at is None or t >= crossed_at), None) \
        if crossed_at is not None else None
    false_alarms = tuple(t for t in alarms if crossed_at is None or t < crossed_at)
    brier, scored = _score(expectation, points)
    return LineResult(line=line.id, points=tuple(points), crossed_at=crossed_at,
                      detected_at=detected, false_alarms=false_alarms, brier=brier,
                      scored=scored)


def run_backtest(scenario: Scenario, *, every_days: int | None = None,
                 workdir: Path | None = None) -> BacktestResult:
    """Store and analyse the scenario's articles in a scratch SQLite store, then assess
    each line as of each time (see ``as_of_times``) from what was published by then."""
    from redline.pipeline import ingest
    from redline.settings import load_settings

    with tempfile.TemporaryDirectory(dir=workdir) as scratch:
        store = Store(f"sqlite:///{Path(scratch) / 'backtest.db'}")
        try:
            settings = load_settings(db=store.url)
            failed = [o for o in ingest(store, [str(scenario.articles)], settings=settings,
                                        analyze=True) if not o.ok]
            if failed:
                raise InputError(str(scenario.articles), f"{len(failed)} article(s) could not "
                                 f"be ingested, the first: {failed[0].error}")
            line_store.add_lines(store, list(scenario.lines))
            published = line_store.publication_times(store)
            expected = {e.line: e for e in scenario.expected}
            times = as_of_times(published, [t for e in scenario.expected
                                            for t in e.verdicts_as_of], every_days)
            results = []
            for line in scenario.lines:
                verdicts = [evaluate(store, line.id, as_of=moment) for moment in times]
                results.append(_line_result(line, verdicts, expected.get(line.id)))
            log.info("backtest %s: %d articles, %d as-of times", scenario.name,
                     len(published), len(times))
            return BacktestResult(scenario=scenario.name, articles=len(published),
                                  lines=tuple(results))
        finally:
            store.close()
