"""An aim in a verdict: "Seoul said Russia aims to ..." is Russia's aim reported by Seoul.
It is shown as "aim of Russia (reported by Seoul)", graded as Seoul is (never as Russia),
and counts as evidence only as its factuality does: an aim is no evidence that the
action happened."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from redline.assess import assess
from redline.assess import lines as red_lines
from redline.assess.brief_words import claim_sentence
from redline.assess.explain import asserted_by, circumstances, explain_text
from redline.assess.lines import load_lines
from redline.assess.report import build_report
from redline.records import Event, Verdict
from redline.store import Store
from redline.store import lines as line_store

from .conftest import AddArticle, day, event, sample_path

AIM_TEXT = "The NIS said Russia aims to hand satellite technology to North Korea."


def _aim(label: str = "unconfirmed", *, intended_by: str | None = "RUS",
         intended_text: str | None = "Russia", attributed_to: str | None = "KOR-INTEL",
         attributed_text: str | None = "the NIS") -> Event:
    return replace(event(AIM_TEXT, "AID", label, actor="RUS", recipient="PRK",
                         objects=["satellite technology"], attributed_to=attributed_to,
                         attributed_text=attributed_text),
                   intended_by=intended_by, intended_text=intended_text)


def _verdict(store: Store, add_article: AddArticle, aim: Event, *,
             outlet: str = "The Korea Times") -> Verdict:
    line_store.add_lines(store, load_lines(sample_path("redlines.yaml")))
    add_article(AIM_TEXT, outlet=outlet, published=day("2024-10-20"), events=[aim])
    return {v.line_id: v for v in assess(store)}["rok-lethal-aid"]


def _trigger_items(verdict: Verdict) -> list[dict[str, Any]]:
    return [i for i in [*verdict.evidence, *verdict.speculated] if i["role"] == "trigger"]


def test_an_aim_is_speculation_graded_as_its_reporter(store: Store,
                                                      add_article: AddArticle) -> None:
    verdict = _verdict(store, add_article, _aim())
    assert verdict.status == "not_crossed" and not verdict.evidence
    [item] = _trigger_items(verdict)
    assert item in verdict.speculated
    assert (item["intended_by"], item["intended_text"]) == ("RUS", "Russia")
    assert (item["attributed_to"], item["attributed_text"]) == ("KOR-INTEL", "the NIS")
    # the NIS (B) reports it; Russia (graded D) only intends it
    assert item["reliability"] == "B" and item["grade"] == "B6"
    # kept with the verdict as written
    stored = line_store.latest_verdict(store, "rok-lethal-aid")
    assert stored is not None and stored.id == verdict.id
    assert [i.get("intended_by") for i in stored.speculated] == ["RUS"]


@pytest.mark.parametrize("intended_by, attributed_to, outlet, reliability", [
    # a reliable intender reported by an unknown outlet: the outlet's grade
    ("KOR", None, "Some Blog", "F"),
    # an intender graded low reported by a reliable source: the source's grade
    ("PRK", "USA-GOV", "The Korea Times", "B"),
    ("RUS", None, "TASS", "D"),
])
def test_the_grade_is_the_reporters(store: Store, add_article: AddArticle,
                                    intended_by: str, attributed_to: str | None,
                                    outlet: str, reliability: str) -> None:
    aim = _aim(intended_by=intended_by, intended_text=intended_by,
               attributed_to=attributed_to, attributed_text=attributed_to)
    [item] = _trigger_items(_verdict(store, add_article, aim, outlet=outlet))
    assert item["reliability"] == reliability


@pytest.mark.parametrize("label, intended_by, counts", [
    # whether it counts is the reader's factuality, aim or not
    ("possible", "RUS", False),
    ("conditional", "RUS", False),
    ("confirmed", "RUS", True),  # "Russia handed ... to win Pyongyang's support": done
    ("possible", None, False),
    ("confirmed", None, True),
])
def test_an_aim_counts_as_its_factuality_does(store: Store, add_article: AddArticle,
                                              label: str, intended_by: str | None,
                                              counts: bool) -> None:
    aim = _aim(label, intended_by=intended_by, intended_text=intended_by)
    verdict = _verdict(store, add_article, aim)
    [item] = _trigger_items(verdict)
    assert (item in verdict.evidence) is counts
    assert item["factuality_label"] == label


def test_explain_and_brief_show_aim_and_reporter(store: Store,
                                                 add_article: AddArticle) -> None:
    verdict = _verdict(store, add_article, _aim())
    line = red_lines.get_line(store, "rok-lethal-aid")
    text = " ".join(explain_text(line, verdict).split())
    speculated = text.split("Speculated", 1)[1].split("Against", 1)[0]
    assert "aim of Russia (reported by the NIS)" in speculated
    assert "speculated by" not in speculated  # the reporter is named once
    brief = " ".join(build_report(store, fmt="md").split())
    assert "aim of Russia (reported by the NIS)" in brief


@pytest.mark.parametrize("item, expected", [
    ({"intended_text": "Russia", "attributed_text": "Seoul"},
     "aim of Russia (reported by Seoul)"),
    ({"intended_by": "RUS", "attributed_to": "KOR"}, "aim of RUS (reported by KOR)"),
    # no source named: the outlet reports it
    ({"intended_text": "Russia", "outlet": "The Korea Times"},
     "aim of Russia (reported by The Korea Times)"),
    ({"intended_text": "Russia"}, "aim of Russia (reported by the article)"),
    # no aim: as before
    ({"attributed_text": "Seoul"}, "per Seoul"),
    ({"outlet": "The Korea Times"}, "unattributed"),
])
def test_asserted_by_words(item: dict[str, Any], expected: str) -> None:
    assert asserted_by(item) == expected


def test_circumstances_keep_the_speculator_of_no_aim() -> None:
    assert circumstances({"speculated_by": "Seoul"}) == "; speculated by Seoul"
    assert circumstances({"speculated_by": "Seoul", "intended_by": "RUS"}) == ""


def test_claim_sentence_names_the_aim_and_the_reporter() -> None:
    item = {"actor": "RUS", "recipient": "PRK", "event_type": "AID",
            "factuality_label": "unconfirmed", "intended_by": "RUS",
            "attributed_text": "the NIS", "published": "2024-10-20T00:00:00+00:00"}
    sentence = claim_sentence(item)
    assert "aim of Russia, reported by the NIS" in sentence
    assert "aim of" not in claim_sentence({k: v for k, v in item.items()
                                           if k != "intended_by"})
