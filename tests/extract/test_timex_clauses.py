"""Readings that depend on the clause or the stretch of text around an expression: a
participle opening the clause takes the tense of the clause's verb ("Starting Monday,
banks will limit"), a bare plural period after a verb of spending time is a vague span
("it took years"), and "that same day" after the text has moved to another month or
year is a day of that period; with future and past readings side by side and sentences
where nothing is to be found, against a Wednesday (2024-10-16)."""

from __future__ import annotations

import pytest

import redline

WEDNESDAY = "2024-10-16"


def found(text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.type, e.value) for e in redline.time_expressions(text, reference=WEDNESDAY)]


@pytest.mark.parametrize(
    "future, future_found, past, past_found",
    [
        ("Starting Monday, banks will limit withdrawals.", [("Monday", "DATE", "2024-10-21")],
         "Starting Monday, banks limited withdrawals.", [("Monday", "DATE", "2024-10-14")]),
        ("Beginning Thursday, flights will resume.", [("Thursday", "DATE", "2024-10-17")],
         "Beginning Thursday, flights resumed.", [("Thursday", "DATE", "2024-10-10")]),
        ("Speaking on Friday, the minister will open the talks.",
         [("Friday", "DATE", "2024-10-18")],
         "Speaking on Friday, the minister said the talks had failed.",
         [("Friday", "DATE", "2024-10-11")]),
    ],
)
def test_an_opening_participle_takes_the_clause_tense(
        future: str, future_found: list[tuple[str, str, str]], past: str,
        past_found: list[tuple[str, str, str]]) -> None:
    assert found(future) == future_found
    assert found(past) == past_found


@pytest.mark.parametrize(
    "future, future_found, past, past_found",
    [
        ("Repairs will take months.", [("months", "DURATION", "PXM")],
         "Repairs took months.", [("months", "DURATION", "PXM")]),
        ("It will take years to build the dam.", [("years", "DURATION", "PXY")],
         "It took years to build the dam.", [("years", "DURATION", "PXY")]),
        ("Passengers will spend days at the border.", [("days", "DURATION", "PXD")],
         "Passengers spent days at the border.", [("days", "DURATION", "PXD")]),
        ("The trial will probably need weeks.", [("weeks", "DURATION", "PXW")],
         "The trial lasted weeks.", [("weeks", "DURATION", "PXW")]),
        ("Voters will have waited hours to cast a ballot.", [("hours", "DURATION", "PTXH")],
         "Voters waited hours to cast a ballot.", [("hours", "DURATION", "PTXH")]),
    ],
)
def test_a_bare_plural_after_a_verb_of_spending_time_is_a_span(
        future: str, future_found: list[tuple[str, str, str]], past: str,
        past_found: list[tuple[str, str, str]]) -> None:
    assert found(future) == future_found
    assert found(past) == past_found


@pytest.mark.parametrize(
    "text",
    ["In his last years, he wrote little.", "The company needed new trucks.",
     "The talks took place in Geneva.", "Voters spent their savings."],
)
def test_nothing_after_a_verb_of_spending_time(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # the text has moved from the last day it named to a month or a year without it:
        # "that day" is a day of that period, left open
        ("The site closed on Friday. A doctor on its list was killed last October, and his "
         "name was crossed out that same day.",
         [("Friday", "DATE", "2024-10-11"), ("last October", "DATE", "2023-10"),
          ("that same day", "DATE", "2023-10-XX")]),
        ("The site closed on Friday. A doctor was killed last October; the next day police "
         "found the rifle.",
         [("Friday", "DATE", "2024-10-11"), ("last October", "DATE", "2023-10"),
          ("the next day", "DATE", "2023-10-XX")]),
        ("The board met on Friday. The plant will open next March, and workers will be "
         "hired the same day.",
         [("Friday", "DATE", "2024-10-11"), ("next March", "DATE", "2025-03"),
          ("the same day", "DATE", "2025-03-XX")]),
        ("The site closed on Friday. A doctor was killed in 2019, and his name was crossed "
         "out that same day.",
         [("Friday", "DATE", "2024-10-11"), ("2019", "DATE", "2019"),
          ("that same day", "DATE", "2019-XX-XX")]),
        # the period still holds the last day named, or the text never left it
        ("The storm hit on Oct. 3. It was the worst storm of October 2024, and roads closed "
         "the same day.",
         [("Oct. 3", "DATE", "2024-10-03"), ("October 2024", "DATE", "2024-10"),
          ("the same day", "DATE", "2024-10-03")]),
        ("The site closed on Friday, and its owner was arrested the same day.",
         [("Friday", "DATE", "2024-10-11"), ("the same day", "DATE", "2024-10-11")]),
    ],
)
def test_the_same_day_after_the_text_moves_to_another_period(
        text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a participle used as a preposition whose object a time only describes keeps
        # the tense of its own time: the talks and the attack are behind
        ("Following talks on Monday, the ministers will issue a statement.",
         [("Monday", "DATE", "2024-10-14")]),
        ("Including Monday's attack, the rebels will have struck five times.",
         [("Monday", "DATE", "2024-10-14")]),
        ("Following the talks, the ministers will issue a statement.", []),
    ],
)
def test_a_participle_preposition_over_a_described_time(
        text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected_day",
    [
        # a year that describes a thing or starts a span is not where the text moves
        ("Police arrested him on Monday, his first arrest since 2019. "
         "He was released the next day.", "2024-10-15"),
        ("The minister resigned on Monday, citing the 2021 scandal. "
         "He left the country that same day.", "2024-10-14"),
        ("The 2019 agreement was signed on Monday. It took effect the next day.",
         "2024-10-15"),
        # a year the text moves to still takes the day with it
        ("Police arrested him on Monday. In 2019 he had been released the next day.",
         "2019-XX-XX"),
    ],
)
def test_a_described_year_keeps_the_day_named(text: str, expected_day: str) -> None:
    assert found(text)[-1][2] == expected_day
