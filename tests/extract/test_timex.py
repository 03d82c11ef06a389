"""Time expressions resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from redline.extract.nlp import load_nlp
from redline.extract.timex import resolve, resolve_times

SUNDAY = date(2024, 10, 20)


@pytest.mark.parametrize(
    "text, expected, granularity",
    [
        ("Friday", "2024-10-18", "day"),
        ("on Sunday", "2024-10-20", "day"),
        ("last Sunday", "2024-10-13", "day"),
        ("Friday afternoon", "2024-10-18", "day"),
        ("In June", "2024-06", "month"),
        ("December", "2023-12", "month"),          # the most recent December
        ("earlier this month", "2024-10-01/2024-10-19", "interval"),
        ("last month", "2024-09", "month"),
        ("yesterday", "2024-10-19", "day"),
        ("three days ago", "2024-10-17", "day"),
        ("September 29", "2024-09-29", "day"),
        ("Oct. 18, 2024", "2024-10-18", "day"),
        ("June 2024", "2024-06", "month"),
        ("2023", "2023", "year"),
        ("last week", "2024-10-07/2024-10-13", "interval"),
    ],
)
def test_resolve(text: str, expected: str, granularity: str) -> None:
    ref = resolve(text, SUNDAY)
    assert ref == expected
    assert ref is not None and ref.granularity == granularity


@pytest.mark.parametrize("text", ["four months", "a six-month extension", "the 1970s", "recently"])
def test_durations_and_vague_times_name_no_date(text: str) -> None:
    assert resolve(text, SUNDAY) is None


def test_relative_dates_need_a_publication_date() -> None:
    assert resolve("Friday", None) is None
    assert resolve("June 2024", None) == "2024-06"


def test_same_day_refers_back_to_the_previous_day() -> None:
    doc = load_nlp()("The agency spoke on Friday. On the same day, the ministry replied.")
    values = sorted(resolve_times(doc, SUNDAY).values())
    assert values == ["2024-10-18", "2024-10-18"]


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # Nothing of the period lies before (or after) the publication day.
        ("earlier this month", date(2024, 10, 1), None),
        ("earlier this week", date(2024, 10, 14), None),      # a Monday
        ("earlier this year", date(2024, 1, 1), None),
        ("later this month", date(2024, 10, 31), None),
        # One day before it is enough.
        ("earlier this month", date(2024, 10, 2), "2024-10-01/2024-10-01"),
        ("earlier this week", date(2024, 10, 15), "2024-10-14/2024-10-14"),
        ("earlier this year", date(2024, 1, 2), "2024-01-01/2024-01-01"),
        ("later this month", date(2024, 10, 30), "2024-10-31/2024-10-31"),
    ],
)
def test_earlier_this_period_needs_days_before_publication(text: str, published: date,
                                                            expected: str | None) -> None:
    assert resolve(text, published) == expected
