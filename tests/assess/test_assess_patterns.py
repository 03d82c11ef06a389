"""Patterns that say what analysts mean (any_of, all_of, places, declarers), machine-coded
rows as leads, contradiction and silence, on a real SQLite store."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime
from typing import Any

import pytest

from redline.assess import assess, evaluate
from redline.assess import lines as red_lines
from redline.assess.explain import explain_text
from redline.assess.lines import parse_lines
from redline.assess.matching import location_matches
from redline.datasets import DatasetEvent
from redline.errors import ValidationError
from redline.records import Event
from redline.store import Store
from redline.store import lines as line_store
from redline.store.dataset_import import add_dataset_events

from .conftest import AddArticle, day, event

COMBAT = textwrap.dedent("""\
    id: dprk-combat
    title: North Korean troops in combat against Ukraine
    declared_by: United States
    declared: "2024-10-01"
    source: invented for the tests
    trigger:
      description: North Korean forces fight Ukraine, or fight in Kursk
      any_of:
        - {actors: [PRK], events: [FIGHT, ASSAULT], recipients: [UKR]}
        - {actors: [PRK], events: [FIGHT, ASSAULT], locations: [Kursk, RU-KRS]}
    consequence: more support for Ukraine
    keywords: [combat]
    """)
CEASEFIRE = textwrap.dedent("""\
    id: ceasefire
    title: Both sides accept a cessation of hostilities
    declared_by: Israel
    source: invented for the tests
    trigger:
      all_of:
        - {actors: [ISR], events: [AGREE], objects: [ceasefire, cessation]}
        - {actors: [LBN], events: [AGREE], objects: [ceasefire, cessation]}
    consequence: forces withdraw
    """)
WH = "The White House"


@pytest.fixture
def lines(store: Store) -> None:
    line_store.add_lines(store, [*parse_lines(COMBAT), *parse_lines(CEASEFIRE)])


def fight(text: str, label: str = "confirmed", **kwargs: Any) -> Any:
    return event(text, "ASSAULT", label, actor="PRK-MIL", **kwargs)


def test_composite_patterns_are_read() -> None:
    (combat,) = parse_lines(COMBAT)
    assert combat.declared_by == "USA"  # resolved through the actor aliases
    assert [leaf.part for leaf in combat.trigger.leaves] == ["1", "2"]
    assert combat.trigger.leaves[1].locations == ("Kursk", "RU-KRS")
    (ceasefire,) = parse_lines(CEASEFIRE)
    assert ceasefire.declared_by == "ISR" and len(ceasefire.trigger.all_of) == 2


@pytest.mark.parametrize("trigger, problem", [
    ("{any_of: [{events: [AID]}, {events: [AID]}], all_of: [{events: [AID]}, {events: [AID]}]}",
     "not both"),
    ("{any_of: [{events: [AID]}, {events: [AID]}], actors: [RUS]}", "gives its constraints"),
    ("{any_of: [{events: [AID]}]}", "two or more patterns"),
    ("{any_of: [{actors: [RUS]}, {events: [AID]}]}", "events"),
    ("{events: [AID], min_factuality: likely}", "assessed (an official assessment"),
])
def test_bad_composites_are_named(trigger: str, problem: str) -> None:
    text = f"id: x\ntitle: t\ndeclared_by: USA\nsource: s\nconsequence: c\ntrigger: {trigger}\n"
    with pytest.raises(ValidationError, match=problem.replace("(", r"\(")):
        parse_lines(text)


def test_an_unknown_declarer_is_named() -> None:
    text = COMBAT.replace("declared_by: United States", "declared_by: Atlantis")
    with pytest.raises(ValidationError, match="'Atlantis' is not valid; expected an actor code"):
        parse_lines(text)


@pytest.mark.parametrize("value, level", [("probable", (2.0, False)), ("assessed", (2.5, True)),
                                          ("reported", (2.5, False)), (2.2, (2.2, False))])
def test_min_factuality_accepts_assessments(value: object, level: tuple[float, bool]) -> None:
    text = COMBAT.replace("  description: North", f"  min_factuality: {value}\n"
                          "  description: North")
    trigger = parse_lines(text)[0].trigger
    assert (trigger.min_factuality, trigger.accept_assessed) == level
    assert {(leaf.min_factuality, leaf.accept_assessed) for leaf in trigger.leaves} == {level}


@pytest.mark.parametrize("wanted, record, found", [
    (["UKR"], {"location": "Pokrovsk", "location_country": "UKR", "location_region": "UA-14"},
     True),
    (["UA-14"], {"location": "Pokrovsk", "location_country": "UKR", "location_region": "UA-14"},
     True),
    (["RU-KRS"], {"location": "Sudzha", "location_country": "RUS", "location_region": "RU-KRS"},
     True),
    (["UKR"], {"location": "Kursk", "location_country": "RUS", "location_region": "RU-KRS"},
     False),
    (["Kursk"], {"location": "the Kursk region"}, True),
    (["Kursk"], {"location": None}, False),
])
def test_places_match_by_code_or_by_name(wanted: list[str], record: dict[str, Any],
                                         found: bool) -> None:
    assert location_matches(wanted, Event("FIGHT", (0, 0), 0.0, "unconfirmed", **record)) is found


@pytest.mark.usefixtures("lines")
def test_any_of_crosses_on_either_part(store: Store, add_article: AddArticle) -> None:
    add_article("North Korean units fought in Kursk.", outlet=WH, published=day("2024-11-05"),
                events=[fight("North Korean units fought in Kursk.", location="Kursk")])
    verdict = evaluate(store, "dprk-combat", as_of=day("2024-11-06"))
    assert verdict.status == "crossed" and verdict.evidence[0]["part"] == "2"
    assert verdict.likelihood in ("very likely", "almost certain")


@pytest.mark.usefixtures("lines")
def test_a_joint_act_needs_every_side(store: Store, add_article: AddArticle) -> None:
    one = "Israel accepted the ceasefire."
    add_article(one, outlet=WH, published=day("2024-11-20"),
                events=[event(one, "AGREE", "confirmed", actor="ISR", objects=["ceasefire"])])
    assert evaluate(store, "ceasefire", as_of=day("2024-11-21")).status == "precursors_seen"
    other = "Lebanon accepted the ceasefire."
    add_article(other, outlet=WH, published=day("2024-11-22"),
                events=[event(other, "AGREE", "confirmed", actor="LBN", objects=["ceasefire"])])
    assert evaluate(store, "ceasefire", as_of=day("2024-11-23")).status == "crossed"


@pytest.mark.usefixtures("lines")
def test_nothing_found_where_nothing_fits(store: Store, add_article: AddArticle) -> None:
    text = "North Korean envoys met Russian officials in Moscow."
    add_article(text, outlet=WH, published=day("2024-11-05"),
                events=[event(text, "CONSULT", "confirmed", actor="PRK", recipient="RUS")])
    verdict = evaluate(store, "dprk-combat", as_of=day("2024-11-06"))
    assert (verdict.status, verdict.evidence, verdict.speculated) == ("not_crossed", [], [])
    assert verdict.likelihood == "almost no chance" and verdict.confidence == "low"


@pytest.mark.usefixtures("lines")
@pytest.mark.parametrize("text, why", [
    ("In 2014 North Korean units fought Ukrainian forces.", "before the line"),
    ("Further North Korean assault on Ukraine remains a severe threat.", "hedged"),
    ("We do not yet know whether North Korean units fought Ukrainian forces.", "not known"),
    ("Q Have North Korean units fought Ukrainian forces?", "a question"),
])
def test_a_trigger_that_did_not_happen_does_not_cross(store: Store, add_article: AddArticle,
                                                      text: str, why: str) -> None:
    found = fight(text, recipient="UKR")
    if why == "before the line":
        from dataclasses import replace

        from redline.records import TimeRef
        found = replace(found, date=TimeRef(datetime(2014, 1, 1).date(),
                                            datetime(2014, 12, 31).date(), "year", "2014"))
    add_article(text, outlet=WH, published=day("2024-11-05"), events=[found])
    verdict = evaluate(store, "dprk-combat", as_of=day("2024-11-06"))
    assert verdict.status == "not_crossed", why
    assert not any(item["role"] == "trigger" for item in verdict.evidence)


@pytest.mark.usefixtures("lines")
def test_a_claim_and_a_not_known_by_the_same_source_are_both_shown(
        store: Store, add_article: AddArticle) -> None:
    claim = "North Korean units fought Ukrainian forces near Kupiansk."
    add_article(claim, outlet=WH, published=day("2024-11-05"),
                events=[fight(claim, recipient="UKR")])
    alone = evaluate(store, "dprk-combat", as_of=day("2024-11-05"))
    assert alone.status == "crossed"
    doubt = "We do not yet know whether North Korean units fought Ukrainian forces."
    add_article(doubt, outlet=WH, published=day("2024-11-06"),
                events=[fight(doubt, "unconfirmed", recipient="UKR")])
    verdict = evaluate(store, "dprk-combat", as_of=day("2024-11-06"))
    assert verdict.status == "not_crossed"
    assert verdict.confidence == "low" and verdict.probability < alone.probability  # type: ignore[operator]
    text = explain_text(red_lines.get_line(store, "dprk-combat"), verdict)
    against = text.split("Against:")[1].split("Assessments")[0]
    assert "do not yet know" in against
    speculated = text.split("Speculated")[1].split("Against:")[0]
    assert "near Kupiansk" in speculated and "contradicted by" in speculated
    # a later confirmation is not undone by the earlier "not known"
    later = "North Korean units fought Ukrainian forces again."
    add_article(later, outlet=WH, published=day("2024-11-09"),
                events=[fight(later, recipient="UKR")])
    assert evaluate(store, "dprk-combat", as_of=day("2024-11-09")).status == "crossed"


def _gdelt(n: int) -> DatasetEvent:
    row = event("", "ASSAULT", "reported", actor="PRK-MIL", recipient="UKR")
    return DatasetEvent(dataset="gdelt", dataset_id=f"11{n}", event=row,
                        published=datetime(2024, 11, 5, tzinfo=UTC), outlet="news.example",
                        url=f"https://news.example/story-{n}")


@pytest.mark.usefixtures("lines")
def test_machine_coded_rows_are_leads_not_proof(store: Store) -> None:
    add_dataset_events(store, [_gdelt(1), _gdelt(2), _gdelt(3)])
    verdict = evaluate(store, "dprk-combat", as_of=day("2024-11-06"))
    assert verdict.status == "reported_crossed"  # three rows, never "crossed"
    assert all(item["machine_coded"] for item in verdict.evidence)
    text = explain_text(red_lines.get_line(store, "dprk-combat"), verdict)
    assert "machine-coded GDELT event 111" in text and "https://news.example/story-1" in text
    assert "\u201c\u201d" not in text and "chars 0-0" not in text


@pytest.mark.usefixtures("lines")
def test_look_backs_are_kept_apart_from_the_live_history(store: Store,
                                                         add_article: AddArticle) -> None:
    claim = "North Korean units fought Ukrainian forces."
    add_article(claim, outlet=WH, published=day("2024-11-05"),
                events=[fight(claim, recipient="UKR")])
    (live,) = assess(store, line_ids=["dprk-combat"])
    (past,) = assess(store, as_of=day("2024-11-01"), line_ids=["dprk-combat"])
    assert (live.kind, past.kind) == ("live", "look-back")
    assert [v.status for v in line_store.verdict_history(store, "dprk-combat")] == ["crossed"]
    assert [v.status for v in line_store.verdict_history(store, "dprk-combat",
                                                         kind="look-back")] == ["not_crossed"]
    assert line_store.latest_verdict(store, "dprk-combat") == live
    late = assess(store, as_of=day("2024-11-02"), known_by=day("2024-11-02"),
                  line_ids=["dprk-combat"])[0]
    assert late.known_by == day("2024-11-02") and late.to_dict()["known_by"].startswith(
        "2024-11-02")
    # known by then: the article was stored today, so a look-back "as the store knew it" is blind
    blind = evaluate(store, "dprk-combat", as_of=day("2024-11-09"), known_by=day("2024-11-09"))
    assert blind.status == "not_crossed"
