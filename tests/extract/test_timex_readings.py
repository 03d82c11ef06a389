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


@pytest.mark.parametrize(
    "text, expected",
    [
        # "before"/"after" with an event after it: the amount is a duration between two
        # events; standing alone, an offset from the last date named
        ("The banks must wait 30 days before closing the purchase.",
         [("30 days", "DURATION", "P30D")]),
        ("Talks resumed two months after the envoy left.", [("two months", "DURATION", "P2M")]),
        ("The envoy left on March 4, 2022. Two days after, talks resumed.",
         [("March 4, 2022", "DATE", "2022-03-04"), ("Two days after", "DATE", "2022-03-06")]),
        ("The envoy left on March 4, 2022. Three days before, talks had failed.",
         [("March 4, 2022", "DATE", "2022-03-04"), ("Three days before", "DATE", "2022-03-01")]),
        ("Troops crossed on March 4, 2022. The day after, shelling began.",
         [("March 4, 2022", "DATE", "2022-03-04"), ("The day after", "DATE", "2022-03-05")]),
        ("A day after he was hounded, he spoke.", [("A day", "DURATION", "P1D")]),
        # hyphened modifiers and the last half of a year
        ("Earnings will fall in the last half of 2025.",
         [("the last half of 2025", "DATE", "2025-H2")]),
        ("Earnings fell in the latter half of 1989.",
         [("the latter half of 1989", "DATE", "1989-H2")]),
        ("The late-night talks failed.", []),
    ],
)
def test_offsets_durations_and_halves(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text, "2024-10-16") == expected


@pytest.mark.parametrize(
    "future, future_value, past, past_value",
    [
        ("The envoy will visit in late-November.", "2024-11",
         "The envoy visited in late-November.", "2023-11"),
        ("Prices will peak in mid-December.", "2024-12",
         "Prices peaked in mid-December.", "2023-12"),
    ],
)
def test_hyphened_months(future: str, future_value: str, past: str, past_value: str) -> None:
    assert [value for _, _, value in found(future, "2024-10-16")] == [future_value]
    assert [value for _, _, value in found(past, "2024-10-16")] == [past_value]


@pytest.mark.parametrize(
    "text, expected",
    [
        # halves in the next smaller unit
        ("The flight took 5 1/2 hours.", [("5 1/2 hours", "DURATION", "PT5H30M")]),
        ("He served 2 1/2 years in prison.", [("2 1/2 years", "DURATION", "P2Y6M")]),
        ("The clip lasts a minute and a half.",
         [("a minute and a half", "DURATION", "PT1M30S")]),
        ("The siege lasted a day and a half.", [("a day and a half", "DURATION", "P1DT12H")]),
        ("Half of the 1/2 shares fell.", []),
        ("Rates will rise over the next couple of years.",
         [("the next couple of years", "DURATION", "P2Y")]),
        ("Rates rose for a couple of weeks.", [("a couple of weeks", "DURATION", "P2W")]),
        ("A couple of analysts disagreed.", []),
        # a clock time alone is on the last day the text named, else the document's day
        ("The envoy landed on Oct. 11, 2024. At 10:35 a.m. he met the president.",
         [("Oct. 11, 2024", "DATE", "2024-10-11"), ("10:35 a.m.", "TIME", "2024-10-11T10:35")]),
        ("The envoy landed on Oct. 11, 2024. The talks ended at midnight.",
         [("Oct. 11, 2024", "DATE", "2024-10-11"), ("midnight", "TIME", "2024-10-11T24:00")]),
        ("The polls will close at 8 p.m.", [("8 p.m.", "TIME", "2024-10-16T20:00")]),
    ],
)
def test_halves_and_clock_times(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text, "2024-10-16") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a year named with "period" or "quarter" after a quarter: that quarter of the year
        ("Third-quarter profit rose 8%. In the 2023 period, profit fell.",
         [("Third-quarter", "DATE", "2024-Q3"), ("2023", "DATE", "2023-Q3")]),
        ("Third-quarter profit rose 8%, beating the 2023 quarter.",
         [("Third-quarter", "DATE", "2024-Q3"), ("the 2023 quarter", "DATE", "2023-Q3")]),
        # with no quarter named, the year
        ("Profit in the 2023 period fell.", [("2023", "DATE", "2023")]),
        # "the latest period": the quarter named, else the last one ended
        ("Third-quarter profit rose. Sales in the latest period rose 5%.",
         [("Third-quarter", "DATE", "2024-Q3"), ("the latest period", "DATE", "2024-Q3")]),
        ("Sales in the latest period rose, against a loss a year ago.",
         [("the latest period", "DATE", "2024-Q3"), ("a year ago", "DATE", "2023-Q3")]),
        ("The latest model sold well.", []),
        # a comparison of periods names none
        ("The quarter-to-quarter comparison was weak.", []),
    ],
)
def test_periods_of_a_quarterly_report(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text, "2024-10-30") == expected
