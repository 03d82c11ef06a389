"""``redline.analyze`` end to end, the Korea Times gold events, the CLI and the scorers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

import redline
from redline.cli import app
from redline.errors import InputError
from redline.eval import plover
from redline.eval.koreatimes import clean_article, code_matches, date_ok, factuality_class
from redline.records import HAPPENED_LABELS, Analysis, Event, TimeRef


@pytest.fixture(scope="module")
def korea_times() -> tuple[Analysis, dict[str, Any]]:
    from tests.conftest import SEED_ARTICLE, SEED_GOLD

    if not SEED_ARTICLE.exists() or not SEED_GOLD.exists():
        pytest.skip("the Korea Times article is read from ../shared")
    gold = yaml.safe_load(SEED_GOLD.read_text(encoding="utf-8"))
    text = clean_article(SEED_ARTICLE.read_text(encoding="utf-8"))
    return redline.analyze(text, published=str(gold["article"]["published"])), gold


def _matching(events: list[Event], event: set[str], actor: str, recipient: str) -> list[Event]:
    return [e for e in events if e.event in event and code_matches(e.actor, actor)
            and code_matches(e.recipient, recipient)]


def test_analysis_shape() -> None:
    text = "Pyongyang sent troops to Russia on Friday. The weather was mild."
    analysis = redline.analyze(text, published="2024-10-20")
    assert len(analysis.sentences) == 2
    assert analysis.published is not None and analysis.published.tzinfo is not None
    event = analysis.events[0]
    start, end = event.span
    assert text[start:end] == event.sentence == "Pyongyang sent troops to Russia on Friday."
    assert event.trigger_span is not None and text[slice(*event.trigger_span)] == "sent"
    assert event.date == "2024-10-18"


def test_bad_publication_date() -> None:
    with pytest.raises(InputError, match="ISO"):
        redline.analyze("Seoul protested.", published="last Tuesday")


def test_korea_times_troops(korea_times: tuple[Analysis, dict[str, Any]]) -> None:
    analysis, _ = korea_times
    troops = [e for e in _matching(analysis.events, {"MOBILIZE", "AID"}, "PRK", "RUS")
              if e.size == 10000]
    assert troops
    event = troops[0]
    assert event.size is not None and event.size.qualifier == "approximate"
    assert event.mode == "military"
    assert event.date == "2024-10-18"
    assert event.factuality == 3 and event.factuality_label == "confirmed"
    assert event.attributed_to == "KOR-INTEL"


def test_korea_times_tech_transfer_not_happened(
        korea_times: tuple[Analysis, dict[str, Any]]) -> None:
    analysis, _ = korea_times
    transfers = [e for e in _matching(analysis.events, {"AID"}, "RUS", "PRK")
                 if any("technolog" in o for o in e.objects)]
    assert transfers
    assert all(0 <= e.factuality <= 1 for e in transfers)
    objects = {o for e in transfers for o in e.objects}
    assert any("re-entry technology" in o for o in objects)


@pytest.mark.parametrize("event, actor, recipients", [
    ({"AID"}, "KOR", ["UKR"]),          # lethal weapons to Ukraine: an option only
    ({"SANCTION"}, "KOR", ["RUS", "PRK"]),
])
def test_korea_times_options_not_happened(korea_times: tuple[Analysis, dict[str, Any]],
                                          event: set[str], actor: str,
                                          recipients: list[str]) -> None:
    analysis, _ = korea_times
    options = [e for r in recipients for e in _matching(analysis.events, event, actor, r)
               if e.mode != "humanitarian"]
    assert options
    hypothetical = [e for e in options if e.factuality < 2.25]
    assert hypothetical, "the option is never read as unconfirmed"


def test_korea_times_arms_never_reported_as_fact(
        korea_times: tuple[Analysis, dict[str, Any]]) -> None:
    analysis, _ = korea_times
    arms = [e for e in _matching(analysis.events, {"AID"}, "KOR", "UKR") if e.mode == "military"]
    assert arms and all(e.factuality_label not in HAPPENED_LABELS for e in arms)


def test_korea_times_dates_and_partnership(korea_times: tuple[Analysis, dict[str, Any]]) -> None:
    analysis, _ = korea_times
    partnership = [e for e in analysis.events if e.event in {"AGREE", "COOPERATE"}
                   and e.actor in {"PRK", "RUS"} and e.date == "2024-06"]
    assert partnership


def test_korea_times_boilerplate_not_analysed(
        korea_times: tuple[Analysis, dict[str, Any]]) -> None:
    analysis, gold = korea_times
    for line in gold["article"]["boilerplate"]:
        assert line not in analysis.text


@pytest.mark.parametrize("value, label", [(3.0, "happened"), (2.5, "happened"),
                                          (2.0, "uncertain"), (0.0, "uncertain"),
                                          (-3.0, "denied")])
def test_factuality_class(value: float, label: str) -> None:
    assert factuality_class(value) == label


def test_date_ok_accepts_an_interval_inside_the_gold_month() -> None:
    from datetime import date

    inside = TimeRef(date(2024, 10, 1), date(2024, 10, 17), "interval")
    across = TimeRef(date(2024, 9, 20), date(2024, 10, 17), "interval")
    assert date_ok(inside, "2024-10") and not date_ok(across, "2024-10")
    assert not date_ok(None, "2024-10-18")


def test_plover_scorer_on_a_small_file(tmp_path: Path) -> None:
    records = [
        {"event": "DOCUMENT", "text": ""},
        {"event": "SANCTION", "text": "The United States imposed sanctions on Iran.",
         "source": [{"code": "USA"}], "target": [{"code": "IRN"}]},
        {"event": "DISAPPROVE", "text": "Zimbabwe accused the United States of blackmail.",
         "source": [{"code": "ZWE"}], "target": [{"code": "USA"}]},
        {"event": "PROTEST", "text": "The weather was mild.", "source": [{"code": "FRA"}]},
    ]
    folder = tmp_path / "data" / "plover"
    folder.mkdir(parents=True)
    (folder / "gsr-dev.jsonl").write_text("\n".join(json.dumps(r) for r in records))
    scores = plover.score(tmp_path)
    for model in ("heldout", "in_sample"):
        assert scores[f"plover.{model}.event_type_precision"] == 1.0
        assert scores[f"plover.{model}.event_type_recall"] == pytest.approx(2 / 3)
        assert scores[f"plover.{model}.actor_f1"] == pytest.approx(2 * 1.0 * 0.8 / 1.8)
    # gold SANCTION, ACCUSE, PROTEST; the last has no main event
    assert scores["plover.heldout.macro_f1"] == pytest.approx((1 + 1 + 0) / 3)


def test_plover_scorer_counts_every_actor_of_a_compound_main_event(tmp_path: Path) -> None:
    records = [{"event": "DISAPPROVE", "text": "Senior Czech and Slovak officials condemned "
                "the attack.", "source": [{"code": "CZE"}, {"code": "SVK"}]}]
    folder = tmp_path / "data" / "plover"
    folder.mkdir(parents=True)
    (folder / "gsr-dev.jsonl").write_text(json.dumps(records[0]))
    scores = plover.score(tmp_path)
    assert scores["plover.heldout.event_type_f1"] == scores["plover.in_sample.event_type_f1"] == 1.0
    assert scores["plover.heldout.actor_f1"] == scores["plover.in_sample.actor_f1"] == 1.0


def test_cli_analyze_json(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Pyongyang sent approximately 4,000 soldiers to Belarus on Friday.\n",
                       encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(article), "--published", "2024-10-20",
                                      "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert lines[0]["type"] == "event"
    assert (lines[0]["event"], lines[0]["actor"], lines[0]["size"], lines[0]["date"]) == (
        "MOBILIZE", "PRK", 4000, "2024-10-18")


def test_cli_analyze_table_and_errors(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Seoul imposed sanctions on Pyongyang.\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["analyze", str(article)])
    assert result.exit_code == 0 and "SANCTION" in result.output
    assert runner.invoke(app, ["analyze"]).exit_code == 1
    missing = runner.invoke(app, ["analyze", str(tmp_path / "none.txt")])
    assert missing.exit_code == 1


def test_cli_analyze_all(tmp_path: Path) -> None:
    from redline.records import Article
    from redline.store import Store
    from redline.store.evidence import unanalyzed_article_ids

    url = f"sqlite:///{tmp_path / 'redline.db'}"
    store = Store(url)
    save_article = pytest.importorskip("redline.store.articles").save_article
    save_article(store, Article(id="a" * 64, text="Seoul imposed sanctions on Pyongyang."))
    result = CliRunner().invoke(app, ["--db", url, "analyze", "--all"])
    assert result.exit_code == 0, result.output
    assert unanalyzed_article_ids(store) == []


@pytest.mark.parametrize(
    "text, trigger, expected",
    [
        # The pronoun of the reporting clause resolves to the named speaker of the quote.
        ('Hong Min is a researcher. He added, "We should impose sanctions on North Korea."',
         "impose", "Hong Min"),
        # A source named inside the quote is the asserter, not the quote's speaker.
        ('"The NIS confirmed that North Korea sent troops to Russia," Park Won-gon said.',
         "sent", "NIS"),
    ],
)
def test_events_in_quotes_are_credited_to_the_speaker(text: str, trigger: str,
                                                       expected: str) -> None:
    from redline import analyze

    events = [e for e in analyze(text).events if trigger in e.trigger]
    assert events, f"no event on {trigger!r}"
    assert all(expected in (e.attributed_text or "") for e in events)


def test_events_outside_quotes_keep_no_source() -> None:
    from redline import analyze

    events = analyze("North Korea sent troops to Russia in October.").events
    assert events and all(e.attributed_text is None for e in events)


SAMPLE = Path(__file__).resolve().parents[2] / "sample" / "us-gov"
READOUT = SAMPLE / "2024-10-25-whitehouse-sullivan-shin-readout-dprk-troops.txt"


def _readout_block() -> str:
    text = READOUT.read_text(encoding="utf-8")
    return "\n\n".join(p.strip() for p in text.split("\n\n")
                       if p.strip() and not p.startswith("\\#"))


def _shifted_back(analysis: Analysis, offset: int) -> tuple[list[Any], list[Any]]:
    from redline.extract import shift_event, shift_quote

    return ([shift_event(e, -offset) for e in analysis.events],
            [shift_quote(q, -offset) for q in analysis.quotes])


@pytest.mark.parametrize("separator", ["\n\n", " "])
def test_text_over_max_length_is_analysed_in_blocks(monkeypatch: pytest.MonkeyPatch,
                                                     separator: str) -> None:
    from redline.extract.nlp import load_nlp

    block = _readout_block()
    copies = 5
    text = separator.join([block] * copies)
    single = redline.analyze(block, published="2024-10-25")
    assert single.events and single.quotes
    # A small limit exercises the cutting that a text over 1,000,000 chars needs.
    monkeypatch.setattr(load_nlp(), "max_length", len(block) + 10)
    analysis = redline.analyze(text, published="2024-10-25")

    assert len(analysis.events) >= copies * len(single.events) * 0.8
    assert len(analysis.quotes) >= copies * len(single.quotes) * 0.8
    assert max(e.span[0] for e in analysis.events) > (copies - 1) * len(block)
    for event in analysis.events:
        assert text[slice(*event.span)] == event.sentence
        assert event.trigger_span is None or (
            event.span[0] <= event.trigger_span[0] < event.trigger_span[1] <= event.span[1])
    for quote in analysis.quotes:
        assert text[slice(*quote.content_span)] == quote.content
    starts = [start for start, _ in analysis.sentences]
    assert starts == sorted(starts) and analysis.sentences[-1][1] <= len(text)
    assert all(text[start:end].strip() for start, end in analysis.sentences)
    if separator == "\n\n":  # cut at paragraph breaks: each copy reads as it does alone
        last = (copies - 1) * (len(block) + len(separator))
        events, quotes = _shifted_back(analysis, last)
        assert events[-len(single.events):] == single.events
        assert quotes[-len(single.quotes):] == single.quotes


@pytest.mark.parametrize("text, limit, expected", [
    ("one two", 100, ["one two"]),
    ("", 100, [""]),
    ("aa bb\n\ncc dd\n\nee", 8, ["aa bb\n\n", "cc dd\n\n", "ee"]),
    ("aa bb\ncc dd", 8, ["aa bb\n", "cc dd"]),
    ("Aa. Bb. Cc.", 8, ["Aa. Bb. ", "Cc."]),
    ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
])
def test_text_blocks(text: str, limit: int, expected: list[str]) -> None:
    from redline.extract import text_blocks

    blocks = text_blocks(text, limit)
    assert [block for _, block in blocks] == expected
    assert all(text[offset : offset + len(block)] == block for offset, block in blocks)


@pytest.mark.parametrize("text, published, expected", [
    # 08:00 in Seoul on Sunday 20 October is still Saturday 19 October in UTC.
    ("North Korea sent troops to Russia yesterday.", "2024-10-20T08:00+09:00", "2024-10-19"),
    ("North Korea sent troops to Russia yesterday.", "2024-10-20T08:00+00:00", "2024-10-19"),
    ("North Korea sent troops to Russia yesterday.", "2024-10-20", "2024-10-19"),
    # 22:00 in Washington on Saturday 19 October is already Sunday in UTC.
    ("North Korea sent troops to Russia yesterday.", "2024-10-19T22:00-04:00", "2024-10-18"),
    ("North Korea sent troops to Russia last month.", "2024-11-01T08:00+09:00", "2024-10"),
    ("North Korea sent troops to Russia on Friday.", "2024-10-19T08:00+09:00", "2024-10-18"),
    ("North Korea sent troops to Russia on Saturday.", "2024-10-19T08:00+09:00", "2024-10-19"),
])
def test_relative_dates_count_from_the_local_publication_day(text: str, published: str,
                                                              expected: str) -> None:
    analysis = redline.analyze(text, published=published)
    assert [e.date for e in analysis.events if e.trigger.startswith("sen")] == [expected]
    assert analysis.published is not None and analysis.published.utcoffset() is not None
    assert analysis.published.utcoffset().total_seconds() == 0  # type: ignore[union-attr]


def test_relative_dates_from_an_aware_datetime() -> None:
    from datetime import datetime, timedelta, timezone

    seoul = timezone(timedelta(hours=9))
    analysis = redline.analyze("North Korea sent troops to Russia yesterday.",
                               published=datetime(2024, 10, 20, 8, tzinfo=seoul))
    assert [e.date for e in analysis.events] == ["2024-10-19"]
