"""Likelihood and confidence: ICD 203 words within the bounds of the status, from evidence."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redline.assess.evidence import assertion_of, machine_coded, official_assessment
from redline.assess.likelihood import judge, load_rules
from redline.assess.matching import happened
from redline.assess.reliability import load_grades
from redline.records import STATUSES, Pattern, StoredEvent, from_flat

WHITE_HOUSE = "The White House"


def item(role: str = "trigger", label: str = "confirmed", *, outlet: str = WHITE_HOUSE,
         article: str = "a1", **extra: Any) -> dict[str, Any]:
    grade = load_grades().outlet(outlet)
    return {"event_id": 1, "role": role, "indicator": role, "event_type": "ASSAULT",
            "factuality_label": label, "factuality": 3.0, "outlet": outlet,
            "article_id": article, "reliability": grade.grade if grade else "F",
            "published": "2024-10-20T00:00:00+00:00", **extra}


@pytest.mark.parametrize("probability, word", [
    (0.01, "almost no chance"), (0.04, "almost no chance"), (0.05, "very unlikely"),
    (0.3, "unlikely"), (0.5, "roughly even chance"), (0.6, "likely"), (0.9, "very likely"),
    (0.97, "almost certain"), (0.99, "almost certain"),
])
def test_probabilities_take_the_odni_band_words(probability: float, word: str) -> None:
    assert load_rules().word(probability) == word


@given(st.sampled_from(STATUSES),
       st.lists(st.sampled_from(["confirmed", "reported", "probable", "possible", "denied"]),
                max_size=4),
       st.lists(st.sampled_from(["crossed", "not_crossed"]), max_size=3))
def test_likelihood_never_disagrees_with_the_status(status: str, labels: list[str],
                                                    says: list[str]) -> None:
    evidence = [item(label=label, article=f"a{n}") for n, label in enumerate(labels)
                if label in ("confirmed", "reported")] if status in ("crossed",
                                                                       "reported_crossed") else []
    speculated = [item(label=label, article=f"s{n}") for n, label in enumerate(labels)
                  if label not in ("confirmed", "reported")]
    assessments = [{"says": s, "reliability": "B", "source_key": f"q{n}", "quote_id": n}
                   for n, s in enumerate(says)]
    judged = judge(status, evidence, speculated, assessments, load_grades())  # type: ignore[arg-type]
    low, high = load_rules().bounds[status]
    assert low <= judged.probability <= high
    assert judged.likelihood == load_rules().word(judged.probability)
    if status == "crossed":
        assert judged.likelihood in ("very likely", "almost certain")
    if status == "not_crossed":
        assert judged.likelihood in ("almost no chance", "very unlikely", "unlikely")


def test_silence_is_low_confidence_and_corroboration_raises_it() -> None:
    grades = load_grades()
    assert judge("not_crossed", [], [], [], grades).confidence == "low"
    one = judge("crossed", [item()], [], [], grades)
    two = judge("crossed", [item(), item(outlet="Reuters", article="a2")], [], [], grades)
    assert (one.confidence, two.confidence) == ("moderate", "high")
    assert two.probability > one.probability


def test_a_crossing_spoken_against_by_a_source_as_reliable_is_low_confidence() -> None:
    grades = load_grades()
    plain = judge("reported_crossed", [item()], [], [], grades)
    doubted = judge("reported_crossed", [item(contradicted_by=["Reuters"])], [], [], grades)
    assert doubted.confidence == "low" and doubted.probability < plain.probability
    assert any("contradicted" in reason for reason in doubted.reasons)


def test_machine_coded_rows_alone_stay_near_even_chance() -> None:
    row = item(outlet="gdelt.example", machine_coded=True)
    judged = judge("reported_crossed", [row], [], [], load_grades())
    assert judged.likelihood == "roughly even chance" and judged.confidence == "low"


def test_an_official_assessment_ranks_above_rumour_and_below_confirmation() -> None:
    grades = load_grades()
    assessed = judge("not_crossed", [], [item(label="probable", official_assessment=True)],
                     [], grades)
    rumour = judge("not_crossed", [], [item(label="possible")], [], grades)
    confirmed = judge("crossed", [item()], [], [], grades)
    assert rumour.probability < assessed.probability < confirmed.probability
    # it does not count for a line that wants reports, and the verdict says so: low confidence
    assert assessed.confidence == "low"


ASSESSMENT = {"event_type": "FIGHT", "factuality_label": "probable", "factuality": 2.0,
              "assertion": "assessed", "outlet": WHITE_HOUSE,
              "sentence": "We assess that the forces are conducting massed assaults."}


@pytest.mark.parametrize("record, min_factuality, accept_assessed, counts", [
    (ASSESSMENT, 2.5, False, False),       # a line that wants reports
    (ASSESSMENT, 2.5, True, True),         # min_factuality: assessed
    (ASSESSMENT, 2.0, False, True),        # min_factuality: probable
    ({**ASSESSMENT, "outlet": "Some Blog"}, 2.5, True, False),  # not an A-B source
    ({**ASSESSMENT, "assertion": "hearsay"}, 2.5, True, False),  # rumour, not an assessment
    ({**ASSESSMENT, "factuality_label": "reported", "factuality": 2.5}, 2.5, False, True),
    ({**ASSESSMENT, "factuality_label": "reported", "factuality": 2.5,
      "sentence": "Q Have the forces conducted massed assaults?"}, 2.5, False, False),
    ({**ASSESSMENT, "factuality_label": "possible", "factuality": 1.0}, 2.0, True, False),
])
def test_what_counts_as_having_happened(record: dict[str, Any], min_factuality: float,
                                        accept_assessed: bool, counts: bool) -> None:
    pattern = Pattern(indicator="trigger", events=("FIGHT",), min_factuality=min_factuality,
                      accept_assessed=accept_assessed)
    assert happened(pattern, from_flat(StoredEvent, record), load_grades()) is counts


@pytest.mark.parametrize("record, assertion", [
    ({"sentence": "Q Is North Korea fighting in Kursk?"}, "questioned"),
    ({"sentence": "Q:  Are the troops in combat"}, "questioned"),
    ({"sentence": "Are the troops in combat?", "assertion": "asserted"}, "questioned"),
    ({"sentence": "Quite a few troops are in combat.", "assertion": "reported"}, "reported"),
    ({"sentence": "The troops are in combat."}, None),
])
def test_questions_assert_nothing(record: dict[str, Any], assertion: str | None) -> None:
    assert assertion_of(from_flat(StoredEvent, record)) == assertion


def test_machine_coded_and_official_assessment_flags() -> None:
    grades = load_grades()
    def stored(**values: object) -> StoredEvent:
        return from_flat(StoredEvent, {**ASSESSMENT, **values})

    assert machine_coded(stored(dataset="gdelt")) and not machine_coded(stored(dataset="redline"))
    assert official_assessment(stored(), grades)
    assert not official_assessment(stored(assertion="asserted"), grades)
