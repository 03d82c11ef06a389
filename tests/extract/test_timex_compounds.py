"""TimeML values of compound expressions (a year's quarter, a feast's week, the day next
to a named day, spoken years), parts of the day the text is on, and names that hold a
time word, with future and past readings side by side, against a Wednesday
(2024-10-16)."""

from __future__ import annotations

import pytest

import redline

WEDNESDAY = "2024-10-16"


def found(text: str, reference: str = WEDNESDAY) -> list[tuple[str, str, str]]:
    return [(e.text, e.type, e.value) for e in redline.time_expressions(text, reference=reference)]


@pytest.mark.parametrize(
    "future, future_found, past, past_found",
    [
        # a quarter or a half of a year named by its possessive
        ("Sales should recover in next year's first quarter.",
         [("next year's first quarter", "DATE", "2025-Q1")],
         "Sales fell in last year's fourth quarter.",
         [("last year's fourth quarter", "DATE", "2023-Q4")]),
        ("Output will double in 2026's second half.",
         [("2026's second half", "DATE", "2026-H2")],
         "Output doubled in 2019's first half.", [("2019's first half", "DATE", "2019-H1")]),
        # the week of a feast: the nearest one, or the one "last" or "next" names
        ("Shops will close during Christmas week.", [("Christmas week", "DATE", "2024-W52")],
         "Shops closed during last Christmas week.",
         [("last Christmas week", "DATE", "2023-W52")]),
        ("Pilgrims will come for next Easter week.",
         [("next Easter week", "DATE", "2025-W16")],
         "Pilgrims came for last Easter week.", [("last Easter week", "DATE", "2024-W13")]),
        # the day next to a named day
        ("The envoys will meet the day after next Friday.",
         [("the day after next Friday", "DATE", "2024-10-19")],
         "The envoys met the day before last Tuesday.",
         [("the day before last Tuesday", "DATE", "2024-10-14")]),
        # the fiscal year the report speaks of
        ("Profit will rise in the coming fiscal year.",
         [("the coming fiscal year", "DATE", "2025")],
         "Profit rose in the latest fiscal year.", [("the latest fiscal year", "DATE", "2023")]),
        # a summit "set for" a place: the date after it lies ahead
        ("The alliance has a summit set for Washington in April.",
         [("April", "DATE", "2025-04")],
         "The alliance had a summit held in Washington in April.",
         [("April", "DATE", "2024-04")]),
        # a quarter named by its first and last months
        ("Exports will rise in the October-December quarter.",
         [("the October-December quarter", "DATE", "2024-Q4")],
         "Exports rose in the July-September quarter.",
         [("the July-September quarter", "DATE", "2024-Q3")]),
        # a day of the month: of the month the text names, else the one the tense points to
        ("The summit takes place on the 25th.", [("the 25th", "DATE", "2024-10-25")],
         "The summit was held on the 25th.", [("the 25th", "DATE", "2024-09-25")]),
        ("In December, talks will open on the 2nd.",
         [("December", "DATE", "2024-12"), ("the 2nd", "DATE", "2024-12-02")],
         "In August, talks opened on the 12th.",
         [("August", "DATE", "2024-08"), ("the 12th", "DATE", "2024-08-12")]),
        # a stretch of years after a preposition; "a while"
        ("Costs will fall over the years.", [("the years", "DURATION", "PXY")],
         "Costs fell in the early years.", [("the early years", "DURATION", "PXY")]),
        ("They will live without power for a while.", [("a while", "DURATION", "PXX")],
         "They lived without power for a while.", [("a while", "DURATION", "PXX")]),
        # a season after "into": the time it reaches
        ("Demand will stay high well into the summer.", [("the summer", "DATE", "2025-SU")],
         "Demand stayed high well into the summer.", [("the summer", "DATE", "2024-SU")]),
        # a part of the day the text is on
        ("Talks resume on Friday. Delegates arrive in the morning.",
         [("Friday", "DATE", "2024-10-18"), ("the morning", "TIME", "2024-10-18TMO")],
         "Talks resumed on Friday. By mid afternoon, they had ended.",
         [("Friday", "DATE", "2024-10-11"), ("mid afternoon", "TIME", "2024-10-11TAF")]),
    ],
)
def test_compounds_ahead_and_behind(future: str, future_found: list[tuple[str, str, str]],
                                    past: str, past_found: list[tuple[str, str, str]]) -> None:
    assert found(future) == future_found
    assert found(past) == past_found


@pytest.mark.parametrize(
    "future, future_found, past, past_found",
    [
        # transcripts spell years out, with or without the month
        ("Many fear the year two thousand.", [("the year two thousand", "DATE", "2000")],
         "They met in January nineteen ninety-seven.",
         [("January nineteen ninety-seven", "DATE", "1997-01")]),
        # a year with "pre-" or "post-" is that year
        ("The post-2000 rules will apply.", [("post-2000", "DATE", "2000")],
         "The pre-1989 borders were restored.", [("pre-1989", "DATE", "1989")]),
    ],
)
def test_spoken_and_prefixed_years(future: str, future_found: list[tuple[str, str, str]],
                                   past: str, past_found: list[tuple[str, str, str]]) -> None:
    assert found(future, "1998-03-03") == future_found
    assert found(past, "1998-03-03") == past_found


@pytest.mark.parametrize(
    "text, expected",
    [
        # a year's comparison with the reported quarter, and with the nine months to date
        ("Net rose in the third quarter. For the quarter a year ago, it was $2 million.",
         [("the third quarter", "DATE", "2024-Q3"), ("the quarter a year ago", "DATE", "2023-Q3")]),
        ("Net rose in the third quarter from $2 million a year earlier.",
         [("the third quarter", "DATE", "2024-Q3"), ("a year earlier", "DATE", "2023-Q3")]),
        ("Net rose in the third quarter. For the nine months, net rose to $9 million from "
         "$7 million a year earlier.",
         [("the third quarter", "DATE", "2024-Q3"), ("the nine months", "DURATION", "P9M"),
          ("a year earlier", "DATE", "2023")]),
        # counted days of a kind are a duration
        ("Eight trading days after the plunge, the index had recovered.",
         [("Eight trading days", "DURATION", "P8D")]),
        ("The transfer takes three business days.", [("three business days", "DURATION", "P3D")]),
        # "the morning" before a noun, an ordinal before a noun, the years of something
        ("He reads the morning papers.", []),
        ("They marked the 25th anniversary.", []),
        ("They remembered the years of war.", []),
        ("The July-August period was hot.", []),
    ],
)
def test_report_periods_and_counted_days(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "name, plain, plain_found",
    [
        ('Baker said on ABC\'s "This Week" that talks go on.',
         "Baker said this week that talks go on.", [("this week", "DATE", "2024-W42")]),
        ("Gonzalez spoke on CBS's ''60 Minutes'' about the boy.",
         "Gonzalez spoke for 60 minutes about the boy.", [("60 minutes", "DURATION", "PT60M")]),
        ("The story ran in USA Today and the Times.",
         "The story ran today in the Times.", [("today", "DATE", "2024-10-16")]),
        ("The poster showed Gary Cooper from ``High Noon.''",
         "The poster went up at noon.", [("noon", "TIME", "2024-10-16T12:00")]),
        # a count before a capitalised unit, inside a sentence, names a programme
        ("He watched 60 Minutes with his wife.",
         "He watched for 60 minutes with his wife.", [("60 minutes", "DURATION", "PT60M")]),
        ("The show 48 Hours interviewed the suspect.",
         "The police interviewed the suspect for 48 hours.",
         [("48 hours", "DURATION", "PT48H")]),
    ],
)
def test_a_name_that_holds_a_time_word_is_no_time(name: str, plain: str,
                                                   plain_found: list[tuple[str, str, str]]
                                                   ) -> None:
    assert found(name) == []
    assert found(plain) == plain_found


@pytest.mark.parametrize(
    "text, expected",
    [
        # a sentence or a headline may open with a capitalised time word
        ("Today, the market fell.", [("Today", "DATE", "2024-10-16")]),
        ('Analysts were wary. "Now we see the edge eroded," one said.',
         [("Now", "DATE", "PRESENT_REF")]),
        ("Talks Will Resume Next Week", [("Next Week", "DATE", "2024-W43")]),
        ("Talks Collapse After 60 Minutes", [("60 Minutes", "DURATION", "PT60M")]),
        ("Two hours later, the police arrived.", [("Two hours", "DURATION", "PT2H")]),
        ("Shops close on Christmas Day.", [("Christmas Day", "DATE", "2024-12-25")]),
    ],
)
def test_capitalised_time_words_that_are_times(text: str,
                                               expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected
