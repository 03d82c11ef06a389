"""TimeML time expressions: the year a report speaks of, and the readings the clause's
verb gives a date inside a noun phrase, after a perfect modal or a past perfect; each
with its future and past readings side by side."""

from __future__ import annotations

import pytest

import redline


def found(text: str, reference: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.type, e.value) for e in redline.time_expressions(text, reference=reference)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # "the year" of a report is the document's year; "the year ended ..." a year's span
        ("Sales for the year rose 5%.", [("the year", "DATE", "2024")]),
        ("Sales for the full year will rise.", [("the full year", "DATE", "2024")]),
        ("Rain delayed planting earlier in the year.", [("the year", "DATE", "2024")]),
        ("Revenue for the year ended June 30 was $5 million.",
         [("the year", "DURATION", "P1Y"), ("June 30", "DATE", "2024-06-30")]),
        ("Revenue for the fiscal year ending June 30 will top $5 million.",
         [("the fiscal year", "DURATION", "P1Y"), ("June 30", "DATE", "2024-06-30")]),
        # fiscal years are named as the calendar year, as TimeBank annotates them
        ("Profit fell in fiscal 1998.", [("fiscal 1998", "DATE", "1998")]),
        ("The current fiscal year ends soon.", [("The current fiscal year", "DATE", "2024")]),
        # nothing that is "the year" of the report
        ("It was the year of the dragon.", []),
        ("The year before, prices fell.", []),
        ("The year-earlier figure was lower.", [("year-earlier", "DATE", "2023")]),
        ("The year 1990 was hard.", [("1990", "DATE", "1990")]),
    ],
)
def test_the_year_of_a_report(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text, "2024-10-16") == expected


@pytest.mark.parametrize(
    "reference, future, future_value, past, past_value",
    [
        # inside a noun phrase, the clause's verb says a date lies ahead
        ("2024-03-04", "Colonel Reyes will command a mission in December.", "2024-12",
         "Colonel Reyes commanded a mission in December.", "2023-12"),
        ("2024-03-04", "The December launch will carry two crews.", "2024-12",
         "The December launch carried two crews.", "2023-12"),
        # a modal with a perfect looks back
        ("2024-10-18", "Worries may push shares down on Wednesday.", "2024-10-23",
         "Worries may have pushed shares down on Wednesday.", "2024-10-16"),
        ("2024-10-18", "The strike might spread to the docks on Tuesday.", "2024-10-22",
         "The strike would have reached the docks on Tuesday.", "2024-10-15"),
        # a past perfect: the plan is overtaken, the day is the last one
        ("2024-10-21", "The offer is scheduled to expire Friday.", "2024-10-25",
         "The offer had been scheduled to expire Friday.", "2024-10-18"),
        ("2024-10-21", "It is due to expire Friday evening.", "2024-10-25TEV",
         "It had been due to expire Friday evening.", "2024-10-18TEV"),
        # a decision points ahead
        ("2023-10-02", "The alliance decides to admit the three states in early September.",
         "2024-09", "The three states joined the alliance in early September.", "2023-09"),
    ],
)
def test_the_clause_says_which_way(reference: str, future: str, future_value: str,
                                   past: str, past_value: str) -> None:
    assert [value for _, _, value in found(future, reference)] == [future_value]
    assert [value for _, _, value in found(past, reference)] == [past_value]
