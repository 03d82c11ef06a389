"""TimeML time expressions: each construction with its future and past readings side by
side, resolved against a Wednesday (2024-10-16) unless a row says otherwise."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

import redline
from redline.errors import InputError
from redline.records import TimeExpression

WEDNESDAY = "2024-10-16"


def found(text: str, reference: str = WEDNESDAY) -> list[tuple[str, str, str]]:
    return [(e.text, e.type, e.value) for e in redline.time_expressions(text, reference=reference)]


@pytest.mark.parametrize(
    "future, future_value, past, past_value",
    [
        # weekday: the tense of the governing verb says which Friday
        ("The ministers will meet on Friday.", "2024-10-18",
         "The ministers met on Friday.", "2024-10-11"),
        ("The cabinet plans to vote Tuesday.", "2024-10-22",
         "The cabinet voted Tuesday.", "2024-10-15"),
        # month-day without a year: the nearest year consistent with the tense
        ("The talks will resume on Jan. 14.", "2025-01-14",
         "The talks resumed on Jan. 14.", "2024-01-14"),
        ("Parliament will debate the bill on October 20.", "2024-10-20",
         "Parliament debated the bill on October 20.", "2023-10-20"),
        ("The court sits again this coming Oct. 23.", "2024-10-23",
         "The judge was shot last Oct. 23.", "2023-10-23"),
        # a reduced relative clause is past: "the record set on ..."
        ("The record will be set on Oct. 30.", "2024-10-30",
         "The record set on Oct. 30 still stands.", "2023-10-30"),
        # a month alone
        ("The sanctions will take effect in March.", "2025-03",
         "The sanctions took effect in March.", "2024-03"),
        # modified months keep the month's value
        ("The envoy will arrive in early December.", "2024-12",
         "The envoy arrived in early December.", "2023-12"),
        # seasons
        ("The army will withdraw next summer.", "2025-SU",
         "The army withdrew last summer.", "2024-SU"),
        # holidays
        ("The hostages will be home by Christmas.", "2024-12-25",
         "The hostages were freed on Christmas.", "2023-12-25"),
        ("The envoy will visit over the weekend.", "2024-W42-WE",
         "The envoy visited over the weekend.", "2024-W41-WE"),
        # clock times carry their day
        ("The vote will close at 3 p.m. Friday.", "2024-10-18T15:00",
         "The vote closed at 3 p.m. Friday.", "2024-10-11T15:00"),
    ],
)
def test_tense_picks_the_next_or_the_last(future: str, future_value: str, past: str,
                                          past_value: str) -> None:
    assert [value for _, _, value in found(future)] == [future_value]
    assert [value for _, _, value in found(past)] == [past_value]


@pytest.mark.parametrize(
    "future, future_value, past, past_value",
    [
        ("Talks resume next week.", "2024-W43", "Talks ended last week.", "2024-W41"),
        ("Prices rise next month.", "2024-11", "Prices rose last month.", "2024-09"),
        ("Elections are due next year.", "2025", "Elections were held last year.", "2023"),
        ("Output grows next quarter.", "2025-Q1", "Output fell last quarter.", "2024-Q3"),
        ("The fund closes this fiscal year.", "2024",
         "The fund closed last fiscal year.", "2023"),
        ("The report is due three days from now.", "2024-10-19",
         "The report came out three days ago.", "2024-10-13"),
        ("Inflation will ease later this year.", "2024",
         "Inflation eased earlier this year.", "2024"),
    ],
)
def test_relative_periods(future: str, future_value: str, past: str, past_value: str) -> None:
    assert [value for _, _, value in found(future)] == [future_value]
    assert [value for _, _, value in found(past)] == [past_value]


@pytest.mark.parametrize(
    "text, expected",
    [
        # anaphoric offsets count from the last date the text named, not from publication
        ("The treaty was signed on June 3, 2021. A year earlier, talks had failed.",
         [("June 3, 2021", "DATE", "2021-06-03"), ("A year earlier", "DATE", "2020")]),
        ("The treaty was signed on June 3, 2021. A year later, it collapsed.",
         [("June 3, 2021", "DATE", "2021-06-03"), ("A year later", "DATE", "2022")]),
        ("Troops crossed on March 4, 2022. The next day, shelling began.",
         [("March 4, 2022", "DATE", "2022-03-04"), ("The next day", "DATE", "2022-03-05")]),
        ("Troops crossed on March 4, 2022. The day before, talks had broken down.",
         [("March 4, 2022", "DATE", "2022-03-04"), ("The day before", "DATE", "2022-03-03")]),
        # "the same day" is the last day named, not the last month
        ("Talks began on Oct. 11, 2024. Earlier this month, on the same day, envoys met.",
         [("Oct. 11, 2024", "DATE", "2024-10-11"), ("Earlier this month", "DATE", "2024-10"),
          ("the same day", "DATE", "2024-10-11")]),
        ("Shelling began yesterday. The next day, talks resumed.",
         [("yesterday", "DATE", "2024-10-15"), ("The next day", "DATE", "2024-10-16")]),
        # "year-earlier" compares with the quarter reported on, else the document's year
        ("Third-quarter sales beat year-earlier sales.",
         [("Third-quarter", "DATE", "2024-Q3"), ("year-earlier", "DATE", "2023-Q3")]),
        ("Sales beat year-ago levels.", [("year-ago", "DATE", "2023")]),
        ("The deal must be ratified by the end of 1990.",
         [("the end of 1990", "DATE", "1990")]),
        ("Exports peaked in the 1990s.", [("the 1990s", "DATE", "199")]),
        ("The third quarter was weak.", [("The third quarter", "DATE", "2024-Q3")]),
        ("Spending in fiscal 1998 rose.", [("fiscal 1998", "DATE", "1998")]),
        ("The plant closed in nineteen ninety-six.",
         [("nineteen ninety-six", "DATE", "1996")]),
    ],
)
def test_anchored_and_absolute_dates(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The ceasefire lasted three days.", [("three days", "DURATION", "P3D")]),
        ("He served two years in prison.", [("two years", "DURATION", "P2Y")]),
        ("The meeting ran for five hours.", [("five hours", "DURATION", "PT5H")]),
        ("It is a two-year plan.", [("two-year", "DURATION", "P2Y")]),
        ("Output fell over the past two months.",
         [("the past two months", "DURATION", "P2M")]),
        ("The talks took more than four years.", [("more than four years", "DURATION", "P4Y")]),
        ("Troops are now on the border.", [("now", "DATE", "PRESENT_REF")]),
        ("The army is currently on alert.", [("currently", "DATE", "PRESENT_REF")]),
        ("The envoy recently visited Seoul.", [("recently", "DATE", "PAST_REF")]),
        ("Nobody knows what the future holds.", [("the future", "DATE", "FUTURE_REF")]),
        ("Inspectors visit every week.", [("every week", "SET", "P1W")]),
        ("Patrols run daily.", [("daily", "SET", "P1D")]),
        ("The council meets every Monday.", [("every Monday", "SET", "XXXX-WXX-1")]),
        ("Officials said today that the border is open.", [("today", "DATE", "2024-10-16")]),
        ("Shelling resumed yesterday morning.",
         [("yesterday morning", "TIME", "2024-10-15TMO")]),
        # nothing to find
        ("She may march with the second group.", []),
        ("He bought a six-year-old horse.", []),
        ("The fall in prices was steep.", []),
        ("The ministers met to discuss sanctions.", []),
    ],
)
def test_durations_references_sets_and_nothing(text: str,
                                               expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, reference, expected",
    [
        # dates after the publication day are not pushed into the past
        ("The deadline is Jan. 14.", "2000-01-06", "2000-01-14"),
        ("Voting is set for April 7.", "1999-03-22", "1999-04-07"),
        ("The court will rule Tuesday.", "1998-08-17", "1998-08-18"),
        # a quarter not yet begun is last year's unless the verb points ahead
        ("Profit rose in the fourth quarter.", "2025-01-20", "2024-Q4"),
        ("Profit will rise in the fourth quarter.", "2025-01-20", "2025-Q4"),
    ],
)
def test_the_nearest_reading_when_the_tense_says_little(text: str, reference: str,
                                                        expected: str) -> None:
    assert [value for _, _, value in found(text, reference)] == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Growth will pick up in the first half of next year.",
         [("the first half of next year", "DATE", "2025-H1")]),
        ("Growth slowed in the second half of last year.",
         [("the second half of last year", "DATE", "2023-H2")]),
        ("Growth slowed in the second half of 1990.",
         [("the second half of 1990", "DATE", "1990-H2")]),
    ],
)
def test_halves_of_a_year(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


def test_the_week_of_a_day() -> None:
    assert found("Talks resume the week of Oct. 21.") == [
        ("the week of Oct. 21", "DATE", "2024-W43")]


def test_expressions_have_character_spans_in_order() -> None:
    text = "On Friday the envoy said talks would resume next week for two days."
    expressions = redline.time_expressions(text, reference=datetime(2024, 10, 16, tzinfo=UTC))
    assert all(isinstance(e, TimeExpression) for e in expressions)
    assert [text[e.start:e.end] for e in expressions] == ["Friday", "next week", "two days"]
    assert [e.start for e in expressions] == sorted(e.start for e in expressions)


def test_a_bad_reference_is_named() -> None:
    with pytest.raises(InputError, match="reference 'last tuesday': not an ISO date"):
        redline.time_expressions("Friday", reference="last tuesday")


@pytest.mark.parametrize(
    "text, expected",
    [
        # a month named with no year and no direction in the verb: the coming one when it
        # is at most four months ahead (October → February), else the last one begun
        ("The offer expires in February.", "2025-02"),
        ("Shares are up from $30 in March.", "2024-03"),
        ("Shares are up from $30 in June.", "2024-06"),
        ("The board meets in December.", "2024-12"),
        ("Shares are up from $30 in October.", "2024-10"),
        # controls: the verb's tense decides over the lean
        ("The offer will expire in March.", "2025-03"),
        ("The offer expired in February.", "2024-02"),
        ("Sales rose in December.", "2023-12"),
    ],
)
def test_a_month_with_no_direction_leans_to_the_past(text: str, expected: str) -> None:
    assert [value for _, _, value in found(text)] == [expected]


@pytest.mark.parametrize("ahead", [12, -1, "four", True])
def test_months_ahead_must_be_a_month_count(tmp_path: Path, ahead: object) -> None:
    import yaml

    from redline.errors import ValidationError
    from redline.extract.timex_lexicon import LEXICON_FILE, load_lexicon

    data = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
    data["nearest_months_ahead"] = ahead
    edited = tmp_path / "timex.yaml"
    edited.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ValidationError, match="nearest_months_ahead"):
        load_lexicon(edited)


@pytest.mark.parametrize(
    "future, future_found, past, past_found",
    [
        # an hour said with "o'clock" or "past": the hour as said, or the half of the day
        # a part of the day after it names; a day after "on" is its day
        ("We will meet at six o'clock in the evening on Friday.",
         [("six o'clock in the evening", "TIME", "2024-10-18T18:00"),
          ("Friday", "DATE", "2024-10-18")],
         "The bomb went off at 10 o'clock in the morning on Friday.",
         [("10 o'clock in the morning", "TIME", "2024-10-11T10:00"),
          ("Friday", "DATE", "2024-10-11")]),
        ("The shop opens at nine o'clock tomorrow.",
         [("nine o'clock tomorrow", "TIME", "2024-10-17T09:00")],
         "They left at half past ten at night.",
         [("half past ten at night", "TIME", "2024-10-16T22:30")]),
        ("The King will speak later today, around four o'clock.",
         [("later today", "DATE", "2024-10-16"), ("four o'clock", "TIME", "2024-10-16T16:00")],
         "He called at two o'clock at night.",
         [("two o'clock at night", "TIME", "2024-10-16T02:00")]),
        ("The call is embargoed until nine o'clock p.m.",
         [("nine o'clock p.m.", "TIME", "2024-10-16T21:00")],
         "It was twelve o'clock at night.",
         [("twelve o'clock at night", "TIME", "2024-10-16T24:00")]),
        ("The talks resume at a quarter past nine.",
         [("a quarter past nine", "TIME", "2024-10-16T09:15")],
         "It was seven o'clock in Washington.",
         [("seven o'clock", "TIME", "2024-10-16T07:00")]),
    ],
)
def test_hours_said_in_words(future: str, future_found: list[tuple[str, str, str]],
                             past: str, past_found: list[tuple[str, str, str]]) -> None:
    assert found(future) == future_found
    assert found(past) == past_found


@pytest.mark.parametrize(
    "text",
    [
        "He worked half past the deadline.",
        "Sales fell by half to two million units.",
        "She read one of the papers.",
        "A quarter of the votes were cast by seven.",
    ],
)
def test_no_hour_without_oclock_or_past(text: str) -> None:
    assert found(text) == []
