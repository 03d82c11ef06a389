"""TimeML values of times counted from the time the text is on ("hours later", "moments
earlier", "overnight"), the present "today's world", fortnights, comparisons with a plan
("a day later than planned"), spans of seasons ("the past three summers") and the end
of a period under a past verb, with future and past readings side by side, against a
Wednesday (2024-10-16)."""

from __future__ import annotations

import pytest

import redline

WEDNESDAY = "2024-10-16"


def found(text: str, reference: str = WEDNESDAY) -> list[tuple[str, str, str]]:
    return [(e.text, e.type, e.value) for e in redline.time_expressions(text, reference=reference)]


@pytest.mark.parametrize(
    "future, future_found, past, past_found",
    [
        # a few hours or minutes from the day the text is on: that day
        ("The talks will open on Friday. Hours later, the delegates will leave.",
         [("Friday", "DATE", "2024-10-18"), ("Hours later", "DATE", "2024-10-18")],
         "The plant exploded on March 5. Hours later, the fire was out.",
         [("March 5", "DATE", "2024-03-05"), ("Hours later", "DATE", "2024-03-05")]),
        ("The leaders will sign the treaty on Saturday and leave minutes later.",
         [("Saturday", "DATE", "2024-10-19"), ("minutes later", "DATE", "2024-10-19")],
         "The pilot crashed on Monday. Moments earlier, he had radioed the tower.",
         [("Monday", "DATE", "2024-10-14"), ("Moments earlier", "DATE", "2024-10-14")]),
        # with no day named, the text's own day
        ("Minutes later the results will be known.",
         [("Minutes later", "DATE", "2024-10-16")],
         "Moments earlier, a car had stopped outside.",
         [("Moments earlier", "DATE", "2024-10-16")]),
        # a counted number of hours: the span, as TimeBank annotates it
        ("The polls will close two hours later.", [("two hours", "DURATION", "PT2H")],
         "Just over an hour later, he was declared dead.",
         [("over an hour", "DURATION", "PT1H")]),
        # days from a day: no day of their own
        ("The ship will dock on May 2 and sail days later.",
         [("May 2", "DATE", "2025-05-02"), ("days later", "DATE", "FUTURE_REF")],
         "The ship sank on May 2. Days earlier, a storm had hit.",
         [("May 2", "DATE", "2024-05-02"), ("Days earlier", "DATE", "PAST_REF")]),
        ("The ship will sail on May 2. Two days later the crew will rest.",
         [("May 2", "DATE", "2025-05-02"), ("Two days later", "DATE", "2025-05-04")],
         "The ship sank on May 2. Two days earlier a storm had hit.",
         [("May 2", "DATE", "2024-05-02"), ("Two days earlier", "DATE", "2024-04-30")]),
        # overnight: the night of the day the text is on ahead, the night before behind
        ("Crews will work overnight to clear the road.",
         [("overnight", "TIME", "2024-10-16TNI")],
         "Prices fell overnight in Asia.", [("overnight", "TIME", "2024-10-15TNI")]),
        ("Talks will resume on Friday and go on overnight.",
         [("Friday", "DATE", "2024-10-18"), ("overnight", "TIME", "2024-10-18TNI")],
         "Shares closed lower on Friday after overnight losses in New York.",
         [("Friday", "DATE", "2024-10-11"), ("overnight", "TIME", "2024-10-10TNI")]),
        # a fortnight, as two weeks: a span, or the week that far away
        ("The report will be ready in a fortnight.", [("a fortnight", "DATE", "2024-W44")],
         "He left a fortnight ago.", [("a fortnight ago", "DATE", "2024-W40")]),
        ("The ceasefire will last a fortnight.", [("a fortnight", "DURATION", "P2W")],
         "The talks lasted a fortnight.", [("a fortnight", "DURATION", "P2W")]),
        # later or earlier than a plan: the difference, no day
        ("The plant will open a week earlier than expected.",
         [("a week", "DURATION", "P1W")],
         "The plane arrived a day later than planned.", [("a day", "DURATION", "P1D")]),
        ("The vote will be held two months later than scheduled.",
         [("two months", "DURATION", "P2M")],
         "The train left three hours later than planned.",
         [("three hours", "DURATION", "PT3H")]),
        # a number of seasons or quarters: a span
        ("Growers will replant over the next three summers.",
         [("the next three summers", "DURATION", "P3SU")],
         "Violence has flared for the past three summers.",
         [("the past three summers", "DURATION", "P3SU")]),
        ("The reservoir will fill in the coming two winters.",
         [("the coming two winters", "DURATION", "P2WI")],
         "It snowed little in the last two winters.",
         [("the last two winters", "DURATION", "P2WI")]),
        ("Profits should rise in the next few quarters.",
         [("the next few quarters", "DURATION", "PXQ")],
         "Profits rose in the past few quarters.",
         [("the past few quarters", "DURATION", "PXQ")]),
        # the end of the year a past text has moved to, with or without a comma
        ("By the end of the year the plant will have closed.",
         [("the end of the year", "DATE", "2024")],
         "The war began in March 2003. By the end of the year Baghdad had fallen.",
         [("March 2003", "DATE", "2003-03"), ("the end of the year", "DATE", "2003")]),
    ],
)
def test_future_and_past(future: str, future_found: list[tuple[str, str, str]], past: str,
                         past_found: list[tuple[str, str, str]]) -> None:
    assert found(future) == future_found
    assert found(past) == past_found


@pytest.mark.parametrize(
    "text, expected",
    [
        # "today's" before a people, a place or an age: the present
        ("Today's world is more dangerous.", [("Today", "DATE", "PRESENT_REF")]),
        ("Today's youth read less than their parents.", [("Today", "DATE", "PRESENT_REF")]),
        ("Today's China is richer than ever.", [("Today", "DATE", "PRESENT_REF")]),
        ("The lyrics speak to today's young people.", [("today", "DATE", "PRESENT_REF")]),
        ("He wrote about the problems of today's society.",
         [("today", "DATE", "PRESENT_REF")]),
        # before an event or a paper of the day: the day
        ("Today's meeting was cancelled.", [("Today", "DATE", "2024-10-16")]),
        ("The result of today's vote will be known tonight.",
         [("today", "DATE", "2024-10-16"), ("tonight", "TIME", "2024-10-16TNI")]),
        ("In today's Wall Street Journal, he argues for a tax.",
         [("today", "DATE", "2024-10-16")]),
        # the same with a comma
        ("The war began in March 2003. By the end of the year, Baghdad had fallen.",
         [("March 2003", "DATE", "2003-03"), ("the end of the year", "DATE", "2003")]),
    ],
)
def test_readings(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "frame",
    ["The report will be ready in {}.", "He left {} ago.", "The talks lasted {}.",
     "The report is due in {}.", "Within {} the army had withdrawn."],
)
def test_fortnight_as_two_weeks(frame: str) -> None:
    fortnight = found(frame.format("a fortnight"))
    weeks = found(frame.format("two weeks"))
    assert [(t, v) for _, t, v in fortnight] == [(t, v) for _, t, v in weeks]
    assert fortnight


@pytest.mark.parametrize(
    "text",
    [
        "The band became famous almost overnight.",
        "The town changed virtually overnight.",
        "The bank raised its overnight rate.",
        "He packed an overnight bag.",
        "Overnight loans grew scarce.",
        "Later than planned, the plane landed.",
        "Hours of talks failed.",
        "Minutes of the meeting were released.",
        "USA Today's editors said so.",
        "The summers here are hot.",
        "The winters were long and the springs dry.",
    ],
)
def test_nothing_found(text: str) -> None:
    assert found(text) == []
