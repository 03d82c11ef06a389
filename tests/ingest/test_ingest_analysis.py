"""Analysis on ingest: a failing analysis is reported for its article and the batch goes on;
metadata corrected on a later ingest reaches the stored events and quotes; which folder
files are read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

import redline.extract
from redline.cli import app
from redline.cli.common import state
from redline.ingest import ReadOptions, SourceMeta
from redline.ingest.batch import folder_files
from redline.pipeline import Outcome, ingest
from redline.records import Analysis, Event, Quote
from redline.settings import Settings
from redline.store import Store
from redline.store.articles import get_article, list_articles
from redline.store.evidence import replace_analysis
from redline.store.models import EventRow, QuoteRow

SAMPLE = Path(__file__).resolve().parents[2] / "sample" / "us-gov"
READOUT = SAMPLE / "2024-10-25-whitehouse-sullivan-shin-readout-dprk-troops.txt"


def paragraphs() -> list[str]:
    text = READOUT.read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if p.strip() and not p.startswith("\\#")]


def run(store: Store, *targets: Path, analyze: bool = False,
        meta: SourceMeta | None = None) -> list[Outcome]:
    settings = Settings(db=store.url, analyze_on_ingest=analyze)
    options = ReadOptions(meta=meta or SourceMeta())
    return list(ingest(store, [str(t) for t in targets], settings=settings, options=options))


def broken_analyze(text: str, **_: object) -> Analysis:
    raise ValueError(f"[E088] Text of length {len(text)} exceeds maximum")


def broken_analyze_many(items: Iterable[tuple[str, object]], **_: object) -> Iterator[Analysis]:
    for text, _published in items:
        yield broken_analyze(text)


def break_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both entry points of the extractor fail (articles are analysed in batches first)."""
    monkeypatch.setattr(redline.extract, "analyze", broken_analyze)
    monkeypatch.setattr(redline.extract, "analyze_many", broken_analyze_many)


@pytest.fixture
def two_articles(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    first, second = paragraphs()[:2]
    (folder / "a.txt").write_text(first + "\n", encoding="utf-8")
    (folder / "b.txt").write_text(second + "\n", encoding="utf-8")
    return folder


def test_unexpected_analysis_error_is_reported_and_the_batch_goes_on(
        store: Store, two_articles: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    break_extractor(monkeypatch)
    outcomes = run(store, two_articles, analyze=True)
    assert [o.status for o in outcomes] == ["new", "new"]
    for outcome in outcomes:
        assert outcome.analysis_failed and not outcome.ok
        assert outcome.analysis is not None
        assert outcome.analysis.startswith("analysis failed: ") and "E088" in outcome.analysis
        assert "\n" not in outcome.analysis
        assert outcome.article_id is not None
        assert get_article(store, outcome.article_id).analyzed is None  # stored, not analysed


def test_cli_reports_the_failed_analysis_and_exits_1(
        tmp_path: Path, two_articles: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("REDLINE_DB", url)
    monkeypatch.setenv("REDLINE_ANALYZE_ON_INGEST", "1")
    monkeypatch.setattr(state, "_settings", None)
    monkeypatch.setattr(state, "_store", None)
    break_extractor(monkeypatch)
    result = CliRunner().invoke(app, ["ingest", str(two_articles)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.output.count("analysis failed") >= 2
    assert len(list_articles(Store(url))) == 2


def _hand_built_analysis(text: str) -> Analysis:
    end = len(text)
    event = Event(event="COOPERATE", span=(0, end), factuality=3.0,
                  factuality_label="confirmed", actor="USA", trigger="met",
                  sentence=text)
    quote = Quote(speaker="Sullivan", speaker_span=None, role=None, cue_span=None,
                  content_span=(0, end), kind="indirect", content=text)
    return Analysis(text=text, events=[event], quotes=[quote], sentences=[(0, end)])


@pytest.mark.parametrize("first, second", [
    (SourceMeta(published=datetime(2024, 10, 25, tzinfo=UTC), outlet="The White House"),
     SourceMeta(published=datetime(2024, 10, 24, 15, tzinfo=UTC), outlet="whitehouse.gov")),
    (SourceMeta(),
     SourceMeta(published=datetime(2024, 10, 24, tzinfo=UTC), outlet="The White House")),
])
def test_corrected_metadata_reaches_stored_events_and_quotes(
        store: Store, tmp_path: Path, first: SourceMeta, second: SourceMeta) -> None:
    path = tmp_path / "readout.txt"
    path.write_text(paragraphs()[0] + "\n", encoding="utf-8")
    [outcome] = run(store, path, meta=first)
    assert outcome.article_id is not None
    stored = get_article(store, outcome.article_id).article
    assert replace_analysis(store, outcome.article_id, _hand_built_analysis(stored.text)) == (1, 1)

    [again] = run(store, path, meta=second)
    assert again.status == "changed" and again.article_id == outcome.article_id
    with store.read() as session:
        events = list(session.scalars(select(EventRow)))
        quotes = list(session.scalars(select(QuoteRow)))
    assert [(e.published, e.outlet) for e in events] == [(second.published, second.outlet)]
    assert [q.published for q in quotes] == [second.published]


@pytest.mark.parametrize("name, read", [
    ("license-plate-ban.txt", True),
    ("readme-of-the-ministry.md", True),
    ("changelogs-of-power.txt", True),
    ("copying-machines-seized.html", True),
    ("story.txt", True),
    ("README.md", False),
    ("readme.txt", False),
    ("README.en.md", False),
    ("LICENSE", False),
    ("LICENSE.txt", False),
    ("Licence.md", False),
    ("CHANGELOG.md", False),
    ("COPYING", False),
])
def test_folder_leaves_out_only_readme_and_licence_files(tmp_path: Path, name: str,
                                                         read: bool) -> None:
    (tmp_path / name).write_text("Seoul protested on Friday.\n", encoding="utf-8")
    found = folder_files(tmp_path, every_file=True)
    assert (tmp_path / name in found) is read
