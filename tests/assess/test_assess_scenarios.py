"""Verdicts from real sentences (PLOVER gold, read from ../shared; the public-domain sample),
with events inserted by hand: no extraction involved."""

from __future__ import annotations

import textwrap
from datetime import datetime
from typing import Any

import pytest

from redline.assess import assess, evaluate
from redline.assess.lines import parse_lines
from redline.plover import current_type
from redline.records import Event
from redline.store import Store
from redline.store import lines as line_store

from .conftest import AddArticle, day, event, quote, sample_path

LINE = textwrap.dedent("""\
    id: iaea-access
    title: Inspectors are expelled from North Korea
    declared_by: IGO
    declared: "2002"
    source: scenario
    trigger:
      description: North Korea expels international inspectors
      actors: [PRK]
      events: [SANCTION]
      recipients: [IGO]
      objects: [inspectors]
    precursors:
      - indicator: demands
        actors: [USA]
        events: [DEMAND]
        recipients: [PRK]
    consequence: the matter goes to the Security Council
    keywords: [inspectors]
    """)
TRIGGER_ID, PRECURSOR_ID = "PLOVER-GSR01-SANCTION-0013", "PLOVER-GSR01-DEMAND-0024"


@pytest.fixture
def line_stored(store: Store) -> None:
    line_store.add_lines(store, parse_lines(LINE))


def gold_event(record: dict[str, Any], label: str, **extra: Any) -> tuple[str, Event]:
    """The gold sentence and its gold event (type, as the reader codes it, actor, target)
    with ``label``."""
    text = str(record["text"])
    sources, targets = record.get("source") or [], record.get("target") or []
    return text, event(text, current_type(str(record["event"])), label,
                       actor=sources[0]["code"] if sources else None,
                       recipient=targets[0]["code"] if isinstance(targets, list) and targets
                       else None, **extra)


def ids(items: list[dict[str, Any]]) -> set[int]:
    return {item["event_id"] for item in items}


@pytest.mark.usefixtures("line_stored")
@pytest.mark.parametrize("reports, status", [
    # One official source graded B: enough.
    ([("The White House", "confirmed", {})], "crossed"),
    # An agency quoted by a reliable outlet: enough.
    ([("Reuters", "reported", {"attributed_to": "USA-GOV", "attributed_text": "U.S. officials"})],
     "crossed"),
    # Once, by an outlet nobody can vouch for: below the bar.
    ([("Pyongyang Watcher Blog", "confirmed", {})], "reported_crossed"),
    # Once, by an unreliable official outlet: below the bar.
    ([("KCNA", "confirmed", {})], "reported_crossed"),
    # Two independent outlets: enough.
    ([("Reuters", "reported", {}), ("Yonhap", "reported", {})], "crossed"),
    # Twice in the same outlet is one source.
    ([("Pyongyang Watcher Blog", "reported", {}), ("Pyongyang Watcher Blog", "confirmed", {})],
     "reported_crossed"),
])
def test_corroboration_decides_between_crossed_and_reported_crossed(
        store: Store, add_article: AddArticle, plover_gold: dict[str, dict[str, Any]],
        reports: list[tuple[str, str, dict[str, Any]]], status: str) -> None:
    for n, (outlet, label, extra) in enumerate(reports):
        text, found = gold_event(plover_gold[TRIGGER_ID], label, **extra)
        add_article(text, outlet=outlet, published=day(f"2002-12-{n + 10}"), events=[found])
    (verdict,) = assess(store)
    assert verdict.status == status
    assert len(verdict.evidence) == len(reports)
    assert not verdict.speculated
    item = verdict.evidence[0]
    assert item["role"] == "trigger" and item["indicator"] == "trigger"
    assert item["grade"] == f"{item['reliability']}{item['credibility']}"
    assert item["sentence"] == plover_gold[TRIGGER_ID]["text"]
    if len({outlet for outlet, _, _ in reports}) > 1:
        assert {i["credibility"] for i in verdict.evidence} == {1}


@pytest.mark.usefixtures("line_stored")
@pytest.mark.parametrize("label, attributed_text", [
    ("denied", "North Korea's foreign ministry"),
    ("conditional", None),
    ("possible", "analysts"),
    ("unconfirmed", "U.S. officials"),
    ("probable", None),
])
def test_what_did_not_happen_never_crosses_the_line(
        store: Store, add_article: AddArticle, plover_gold: dict[str, dict[str, Any]],
        label: str, attributed_text: str | None) -> None:
    text, found = gold_event(plover_gold[TRIGGER_ID], label, attributed_text=attributed_text)
    add_article(text, outlet="The White House", published=day("2002-12-12"), events=[found])
    (verdict,) = assess(store)
    assert verdict.status == "not_crossed"
    assert not verdict.evidence
    (item,) = verdict.speculated
    assert item["factuality_label"] == label
    assert item["speculated_by"] == (attributed_text or "The White House")


@pytest.mark.usefixtures("line_stored")
def test_precursors_alone_are_precursors_seen(
        store: Store, add_article: AddArticle, plover_gold: dict[str, dict[str, Any]]) -> None:
    text, found = gold_event(plover_gold[PRECURSOR_ID], "confirmed")
    article = add_article(text, outlet="Reuters", published=day("2002-10-17"),
                          url="https://example.org/demand", events=[found])
    (verdict,) = assess(store)
    assert verdict.status == "precursors_seen"
    assert verdict.evidence[0]["indicator"] == "demands"
    assert verdict.evidence[0]["url"] == "https://example.org/demand"
    assert verdict.moved_by_article == article
    assert verdict.changed == {"from": None, "to": "precursors_seen",
                               "new_evidence": [verdict.evidence[0]["event_id"]],
                               "article_id": article}


@pytest.mark.usefixtures("line_stored")
def test_as_of_before_the_article_sees_nothing(
        store: Store, add_article: AddArticle, plover_gold: dict[str, dict[str, Any]]) -> None:
    text, found = gold_event(plover_gold[TRIGGER_ID], "confirmed")
    add_article(text, outlet="The White House", published=day("2002-12-12"), events=[found])
    (before,) = assess(store, as_of=day("2002-12-11"))
    assert (before.status, before.evidence, before.speculated) == ("not_crossed", [], [])
    (after,) = assess(store, as_of=day("2002-12-12"))
    assert after.status == "crossed"
    assert line_store.latest_verdict(store, "iaea-access", day("2002-12-11"),
                                     kind="look-back") == before
    assert line_store.latest_verdict(store, "iaea-access", kind="look-back") == after
    assert line_store.latest_verdict(store, "iaea-access") is None  # no live run yet


@pytest.mark.usefixtures("line_stored")
def test_history_shows_which_article_moved_the_verdict(
        store: Store, add_article: AddArticle, plover_gold: dict[str, dict[str, Any]]) -> None:
    text, found = gold_event(plover_gold[PRECURSOR_ID], "confirmed")
    first = add_article(text, outlet="Reuters", published=day("2002-10-17"), events=[found])
    text, found = gold_event(plover_gold[TRIGGER_ID], "reported")
    second = add_article(text, outlet="Pyongyang Watcher Blog", published=day("2002-12-12"),
                         events=[found])
    third = add_article(text, outlet="The White House", published=day("2002-12-13"),
                        events=[found])
    for when in ("2002-10-01", "2002-10-17", "2002-12-12", "2002-12-13", "2002-12-14"):
        assess(store, as_of=day(when))
    assert line_store.verdict_history(store, "iaea-access") == []  # look-backs only
    history = line_store.verdict_history(store, "iaea-access", kind="look-back")
    moves = [(v.changed["from"], v.status, v.moved_by_article) for v in history]
    assert moves == [(None, "not_crossed", None),
                     ("not_crossed", "precursors_seen", first),
                     ("precursors_seen", "reported_crossed", second),
                     ("reported_crossed", "crossed", third)]  # 12-14: nothing new, not stored
    for verdict in history:
        fresh = evaluate(store, "iaea-access", as_of=verdict.as_of)
        assert (fresh.status, ids(fresh.evidence)) == (verdict.status, ids(verdict.evidence))


def _troop_sentences() -> tuple[str, str]:
    """Two real sentences of the public-domain sample about the same troop deployment."""
    readout = sample_path("us-gov/2024-10-25-whitehouse-trilateral-nsa-joint-readout.txt")
    gaggle = sample_path("us-gov/2024-10-25-whitehouse-kirby-gaggle-trilateral-nsa.txt")
    flat = [" ".join(path.read_text(encoding="utf-8").split()) for path in (readout, gaggle)]
    confirmed = next(s for s in flat[0].split(". ") if "grave concern over troop" in s)
    possible = next(s for s in flat[1].split(". ") if "it is possible that there are now" in s)
    return confirmed, possible


def test_incremental_assessment_matches_a_full_one(store: Store,
                                                   add_article: AddArticle) -> None:
    line_store.add_lines(store, [ln for ln in parse_lines(
        sample_path("redlines.yaml").read_text()) if ln.id == "us-dprk-troops-ukraine"])
    confirmed, possible = _troop_sentences()
    deployment = event(confirmed, "MOBILIZE", "confirmed", actor="PRK", recipient="RUS",
                       objects=["troop deployments"])
    maybe = event(possible, "MOBILIZE", "possible", actor="PRK-MIL", recipient="RUS",
                  attributed_text="John Kirby", objects=["more than 3,000 troops"])
    add_article(possible, outlet="The White House", published=day("2024-10-25"), events=[maybe])
    (first,) = assess(store)
    assert first.status == "not_crossed" and len(first.speculated) == 1
    assert first.speculated[0]["speculated_by"] == "John Kirby"
    article = add_article(confirmed, outlet="The White House", published=day("2024-10-25"),
                          events=[deployment])
    (second,) = assess(store)
    full = evaluate(store, "us-dprk-troops-ukraine")
    assert second.status == full.status == "precursors_seen"
    assert ids(second.evidence) == ids(full.evidence) and ids(second.speculated) == ids(
        full.speculated)
    assert second.changed["new_evidence"] == sorted(ids(second.evidence))
    # Re-analysis replaces the article's events: the old ids must go.
    from redline.records import Analysis
    from redline.store.evidence import replace_analysis

    replace_analysis(store, article, Analysis(text=confirmed, events=[deployment]))
    (third,) = assess(store)
    assert ids(third.evidence) == ids(evaluate(store, "us-dprk-troops-ukraine").evidence)
    assert ids(third.evidence).isdisjoint(ids(second.evidence))


@pytest.mark.usefixtures("line_stored")
def test_a_changed_line_is_assessed_afresh(
        store: Store, add_article: AddArticle, plover_gold: dict[str, dict[str, Any]]) -> None:
    text, found = gold_event(plover_gold[TRIGGER_ID], "confirmed")
    add_article(text, outlet="The White House", published=day("2002-12-12"), events=[found])
    (before,) = assess(store)
    assert before.status == "crossed"
    line_store.add_lines(store, parse_lines(LINE.replace("objects: [inspectors]",
                                                         "objects: [missiles]")))
    (after,) = assess(store)
    assert after.status == "not_crossed"


@pytest.mark.usefixtures("line_stored")
def test_quotes_about_the_line_are_assessments(
        store: Store, add_article: AddArticle, plover_gold: dict[str, dict[str, Any]]) -> None:
    text, found = gold_event(plover_gold[TRIGGER_ID], "possible")
    said = "The inspectors have not been expelled; the red line has not been crossed."
    elsewhere = "The red line has been crossed."
    body = f"{text} \"{said}\" said Kim, a professor. \"{elsewhere}\" said Lee."
    article = add_article(body, outlet="Reuters", published=day("2002-12-12"), events=[found],
                          quotes=[quote(body, said, speaker="Kim", role="professor")])
    add_article(elsewhere, outlet="Reuters", published=day("2002-12-13"),
                quotes=[quote(elsewhere, elsewhere, speaker="Lee")])  # about which line?
    (verdict,) = assess(store)
    (item,) = verdict.assessments
    assert (item["speaker"], item["role"], item["says"]) == ("Kim", "professor", "not_crossed")
    assert item["article_id"] == article and item["content"] == said
    start, end = item["span"]
    assert body[start:end] == said


@pytest.mark.usefixtures("line_stored")
def test_evaluate_stores_nothing(store: Store, add_article: AddArticle,
                                 plover_gold: dict[str, dict[str, Any]]) -> None:
    text, found = gold_event(plover_gold[TRIGGER_ID], "confirmed")
    add_article(text, outlet="The White House", published=day("2002-12-12"), events=[found])
    verdict = evaluate(store, "iaea-access")
    assert verdict.status == "crossed" and verdict.id is None
    assert line_store.verdict_history(store, "iaea-access") == []


def test_naive_as_of_is_read_as_utc(store: Store) -> None:
    line_store.add_lines(store, parse_lines(LINE))
    (verdict,) = assess(store, as_of=datetime(2002, 12, 1))
    assert verdict.as_of == day("2002-12-01")
