"""Repetitions of a part of the day (TimeML SET values): "every Tuesday night", "each
morning", "on Monday and Tuesday nights"; a set whatever the tense, next to the one day
the same words name without "every" or the plural, with future and past readings side by
side, against a Wednesday (2024-10-16)."""

from __future__ import annotations

import pytest

import redline

WEDNESDAY = "2024-10-16"


def found(text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.type, e.value) for e in redline.time_expressions(text, reference=WEDNESDAY)]


@pytest.mark.parametrize(
    "future, future_found, past, past_found",
    [
        # a weekday's part of day after "every" or "each": the same set either way
        ("Flights will leave every Tuesday night.",
         [("every Tuesday night", "SET", "XXXX-WXX-2TNI")],
         "Flights left every Tuesday night.", [("every Tuesday night", "SET", "XXXX-WXX-2TNI")]),
        ("The council will meet each Friday afternoon.",
         [("each Friday afternoon", "SET", "XXXX-WXX-5TAF")],
         "The council met each Friday afternoon.",
         [("each Friday afternoon", "SET", "XXXX-WXX-5TAF")]),
        # a part of every day
        ("Guards will patrol every night.", [("every night", "SET", "XXXX-XX-XXTNI")],
         "Guards patrolled every night.", [("every night", "SET", "XXXX-XX-XXTNI")]),
        ("The market will open each morning.", [("each morning", "SET", "XXXX-XX-XXTMO")],
         "The market opened each morning.", [("each morning", "SET", "XXXX-XX-XXTMO")]),
        # weekdays joined to a plural part of day share it
        ("Flights will leave on Monday and Tuesday nights.",
         [("Monday", "SET", "XXXX-WXX-1TNI"), ("Tuesday nights", "SET", "XXXX-WXX-2TNI")],
         "Flights left on Monday, Wednesday or Friday nights.",
         [("Monday", "SET", "XXXX-WXX-1TNI"), ("Wednesday", "SET", "XXXX-WXX-3TNI"),
          ("Friday nights", "SET", "XXXX-WXX-5TNI")]),
        # controls: with no "every" and no plural, one day the verb points to
        ("Flights will leave Tuesday night.", [("Tuesday night", "TIME", "2024-10-22TNI")],
         "Flights left Tuesday night.", [("Tuesday night", "TIME", "2024-10-15TNI")]),
        ("Flights will leave on Monday and Tuesday.",
         [("Monday", "DATE", "2024-10-21"), ("Tuesday", "DATE", "2024-10-22")],
         "Flights left on Monday and Tuesday.",
         [("Monday", "DATE", "2024-10-14"), ("Tuesday", "DATE", "2024-10-15")]),
    ],
)
def test_parts_of_the_day_repeated(future: str, future_found: list[tuple[str, str, str]],
                                   past: str, past_found: list[tuple[str, str, str]]) -> None:
    assert found(future) == future_found
    assert found(past) == past_found


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Guards patrol every two nights.", [("every two nights", "SET", "P2D")]),
        ("Guards patrolled on the first night.", []),
        ("The morning was cold.", []),
    ],
)
def test_counts_of_nights_and_no_repetition(text: str,
                                            expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.xfail(strict=True, reason="a clock time after a repeated part of day ('every "
                   "morning at 9 a.m.') is read as one day's time, not as the repetition's")
def test_a_clock_time_of_a_repetition() -> None:
    assert found("The market opens every morning at 9 a.m.")[1][1] == "SET"
