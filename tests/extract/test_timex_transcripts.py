"""Time expressions in transcripts and statements: a date line at the top is the text's
day, clock times take it, time zones in words, addresses hold no times, ranges of years,
"three years ago today", "moments ago", "every single day", "May" the modal and
holidays from the data file. Future and past readings side by side, and sentences
where nothing is to be found, against Monday 2024-03-11 unless a test says otherwise."""

from __future__ import annotations

from datetime import date

import pytest

import redline
from redline.extract import timex_spans
from redline.extract.timex import reference_day
from redline.extract.timex_dateline import text_day
from redline.extract.timex_joins import address_spans
from redline.extract.timex_lexicon import load_lexicon

MONDAY = "2024-03-11"

Found = list[tuple[str, str, str]]


def found(text: str, reference: str = MONDAY) -> Found:
    return [(e.text, e.type, e.value) for e in redline.time_expressions(text, reference=reference)]


def heading(*lines: str) -> str:
    return "\n\n".join(lines) + "\n\n"


@pytest.mark.parametrize(
    "text, expected",
    [
        # a date line two days before publication: "today" and "tonight" are its day
        (heading("Grand Hyatt", "Washington, D.C.", "(March 9, 2024)", "10:32 P.M. EDT")
         + "THE PRESIDENT: I am glad to be here tonight.",
         [("March 9, 2024", "DATE", "2024-03-09"), ("10:32 P.M. EDT", "TIME", "2024-03-09T22:32"),
          ("tonight", "TIME", "2024-03-09TNI")]),
        (heading("The University", "MARCH 8, 2024", "5:15 P.M. EST")
         + "MS. LEE: We met yesterday and we will meet again tomorrow.",
         [("MARCH 8, 2024", "DATE", "2024-03-08"), ("5:15 P.M. EST", "TIME", "2024-03-08T17:15"),
          ("yesterday", "DATE", "2024-03-07"), ("tomorrow", "DATE", "2024-03-09")]),
        (heading("*Rose Garden*", "Friday, March 8, 2024")
         + "THE PRESIDENT: Today we sign the bill.",
         [("Friday, March 8, 2024", "DATE", "2024-03-08"), ("Today", "DATE", "2024-03-08")]),
        # a clock time on its own line and no date line: the day of publication
        (heading("South Lawn", "2:14 P.M. EDT") + "Q: Will you go there today?",
         [("2:14 P.M. EDT", "TIME", "2024-03-11T14:14"), ("today", "DATE", "2024-03-11")]),
        # a date line the same as publication changes nothing
        (heading("March 11, 2024") + "We act today.",
         [("March 11, 2024", "DATE", "2024-03-11"), ("today", "DATE", "2024-03-11")]),
    ],
)
def test_date_line_is_the_texts_day(text: str, expected: Found) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a date in the body, in a long line, is no date line
        "The committee, which was formed on March 1, 2024, said it would act today.",
        # a date line far from publication (a year before) is a date named, not the day
        heading("March 1, 2023") + "We act today.",
        # a date with more on its line is a sentence, not a date line
        heading("On March 8, 2024 we met.") + "We act today.",
        # a date after prose is a signature or a sentence's end, not the heading's
        heading("“We are stronger when we stand together as neighbors.”", "President Jones",
                "March 1, 2024") + "Today we act.",
        "Editor's note: this story was first published on\nMarch 1, 2024\nand updated today.",
        # a list item is no date line, nor a line that carries on the line before
        "Key dates\n\n* March 1, 2024\n- March 4, 2024\n\nToday we look back.",
        "Signed on\nMarch 1, 2024\n\nWe act today.",
    ],
)
def test_no_date_line(text: str) -> None:
    assert [v for t, _, v in found(text) if t.lower() == "today"] == ["2024-03-11"]


def test_text_day_ignores_lines_after_the_heading() -> None:
    body = "x" * 100
    day = reference_day(MONDAY)
    assert text_day(f"{body}\n\nMarch 8, 2024\n", day, load_lexicon()) == day
    assert text_day("March 8, 2024\n\n" + body, day, load_lexicon()) == date(2024, 3, 8)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a zone in words stays in the expression; the day after "on" is the clock's
        ("The call is embargoed until 4:00 p.m. Eastern on March 20th.",
         [("4:00 p.m. Eastern", "TIME", "2024-03-20T16:00"), ("March 20th", "DATE", "2024-03-20")]),
        ("It was embargoed until 5:00 a.m. Japan Standard Time on March 9th.",
         [("5:00 a.m. Japan Standard Time", "TIME", "2024-03-09T05:00"),
          ("March 9th", "DATE", "2024-03-09")]),
        # a date after a comma is the clock's day too, a weekday before it no day of its own
        ("It is embargoed until 5:00 a.m. Eastern, Monday, March 18th.",
         [("5:00 a.m. Eastern", "TIME", "2024-03-18T05:00"),
          ("Monday, March 18th", "DATE", "2024-03-18")]),
        ("It was embargoed until 5:00 a.m. Eastern, Friday, March 8th.",
         [("5:00 a.m. Eastern", "TIME", "2024-03-08T05:00"),
          ("Friday, March 8th", "DATE", "2024-03-08")]),
        ("We will meet at 9 a.m. Pacific Time tomorrow.",
         [("9 a.m. Pacific Time tomorrow", "TIME", "2024-03-12T09:00")]),
        # a weekday or a month after a zone in words is the clock's day, as after "EDT"
        ("The call is at 10 a.m. Eastern Tuesday.",
         [("10 a.m. Eastern Tuesday", "TIME", "2024-03-12T10:00")]),
        ("The call is at 10 a.m. EDT Tuesday.",
         [("10 a.m. EDT Tuesday", "TIME", "2024-03-12T10:00")]),
        ("It starts at 5 p.m. Pacific March 20.",
         [("5 p.m. Pacific March 20", "TIME", "2024-03-20T17:00")]),
        ("He spoke at 9 a.m. Central Friday.",
         [("9 a.m. Central Friday", "TIME", "2024-03-08T09:00")]),
        # a capitalised word after the zone makes a place of it
        ("He left at 5 p.m. Eastern Europe was calm.", [("5 p.m.", "TIME", "2024-03-11T17:00")]),
        ("Trade with Eastern Europe grew.", []),
        # the words of a zone's name make no other name a time
        ("She was one of a dozen athletes in the Summer Games.", []),
    ],
)
def test_time_zones_in_words(text: str, expected: Found) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Read https://example.gov/briefing-room/2023/05/01/remarks-may-3-2023 for more.", []),
        ("Write to march.2024@example.org or visit www.example.org/2021-report.", []),
        ("See (https://example.gov/2023/05/01/statement) as of May 2023.",
         [("May 2023", "DATE", "2023-05")]),
    ],
)
def test_no_times_in_addresses(text: str, expected: Found) -> None:
    assert found(text) == expected


def test_addresses_are_found_once_per_text(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = timex_spans.address_spans

    def counted(text: str) -> bytearray:
        calls.append(len(text))
        return real(text)

    monkeypatch.setattr(timex_spans, "address_spans", counted)
    text = "On May 3 at 5 p.m. see www.example.org/2023/05/01 today. " * 200
    assert len(timex_spans.mentions(text)) == 3 * 200
    assert len(calls) == 1


def test_a_run_of_name_characters_is_read_once() -> None:
    # no "@": the e-mail pattern starts only at one, so no character is read twice
    assert not any(address_spans("a." * 100_000))
    inside = address_spans("mail may.2024@example.org now")
    assert inside[5:25] == b"\1" * 20 and not any(inside[:5]) and not any(inside[25:])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The loss rate rose from 2009-2019.",
         [("2009", "DATE", "2009"), ("2019", "DATE", "2019")]),
        ("The plan will run from 2025 to 2030.",
         [("2025", "DATE", "2025"), ("2030", "DATE", "2030")]),
        ("The plan will run 2025–2030.", [("2025", "DATE", "2025"), ("2030", "DATE", "2030")]),
        # two years that follow each other are one season or fiscal year
        ("Sales in 2019-20 fell.", [("2019-20", "DATE", "2019")]),
        ("Sales in 2019-2020 fell.", [("2019-2020", "DATE", "2019")]),
        # a range of numbers is no range of years
        ("It costs 1200-1500 dollars.", []),
        ("The team scored 2019-2031 points.", []),
        ("A crowd at 1800-2000.", []),
        ("Prices rose to 1900-2000, officials said.", []),
        ("He was charged under 18 U.S.C. 1961-1968.", []),
        ("Claims under 42 U.S.C. 1981-1983 were dismissed.", []),
        ("See pages 1998-2005.", []),
        ("The vote was 2045-2100 in favor.", []),
        # a word before or a period noun after makes them years
        ("Output fell between 2010-2015.", [("2010", "DATE", "2010"), ("2015", "DATE", "2015")]),
        ("Prices rose during 1939-1945.", [("1939", "DATE", "1939"), ("1945", "DATE", "1945")]),
        ("The 2001-2005 period was calm.", [("2001", "DATE", "2001"), ("2005", "DATE", "2005")]),
    ],
)
def test_ranges_of_years(text: str, expected: Found) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Three years ago today, I signed the plan.",
         [("Three years ago today", "DATE", "2021-03-11")]),
        ("The plant opened a year ago yesterday.",
         [("a year ago yesterday", "DATE", "2023-03-10")]),
        ("Two weeks ago today, we met.", [("Two weeks ago today", "DATE", "2024-02-26")]),
        # "ago" with no day after it keeps the granularity of its unit
        ("Three years ago, I signed the plan.", [("Three years ago", "DATE", "2021")]),
        # the future: "three years from today" is not merged, the day is its own
        ("We will finish it today.", [("today", "DATE", "2024-03-11")]),
    ],
)
def test_ago_on_a_named_day(text: str, expected: Found) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("As I said moments ago, we will act.", [("moments ago", "DATE", "PAST_REF")]),
        ("The President announced it a little bit ago.",
         [("a little bit ago", "DATE", "PAST_REF")]),
        ("We work every single day.", [("every single day", "SET", "P1D")]),
        ("We will keep working every single week.", [("every single week", "SET", "P1W")]),
        ("We worked every day.", [("every day", "SET", "P1D")]),
        ("Every single person matters.", []),
        ("It was a single day.", []),
    ],
)
def test_moments_and_every_single(text: str, expected: Found) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("May God bless you all.", []),
        ("May the talks succeed. May you live long.", []),
        # the month: after a preposition, before a noun, with a year or a day
        ("In May the company will report.", [("May", "DATE", "2024-05")]),
        ("In May the company reported.", [("May", "DATE", "2023-05")]),
        ("May sales will rise.", [("May", "DATE", "2024-05")]),
        ("The vote is on May 3.", [("May 3", "DATE", "2024-05-03")]),
        ("May 2023 was warm.", [("May 2023", "DATE", "2023-05")]),
        ("May they rest in peace.", []),
        ("May the best team win.", []),
    ],
)
def test_may_the_modal(text: str, expected: Found) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # before a capitalised word that no wish's verb follows, "May" is the month
        "May Retail Sales fell 1%.",
        "May Jobs Report Beats Expectations\n\nHiring rose.",
        "May God's plan was a film.",
        "May CPI data showed prices rising.",
    ],
)
def test_may_before_a_capitalised_word(text: str) -> None:
    assert [(t, kind) for t, kind, _ in found(text, "2024-06-20")] == [("May", "DATE")]


def test_may_in_a_headline_is_last_may() -> None:
    assert found("May Jobs Report Beats Expectations\n\nHiring rose.", "2024-06-20") == [
        ("May", "DATE", "2024-05")]


@pytest.mark.xfail(strict=True, reason="a bare month opening a sentence with a past verb "
                   "after its noun takes the coming May, not the last ('showed' is not read)")
def test_may_before_a_noun_with_a_past_verb() -> None:
    assert found("May CPI data showed prices rising.", "2024-06-20") == [
        ("May", "DATE", "2024-05")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # holidays the data file names, future and past side by side
        ("He will celebrate St. Patrick’s Day with us.",
         [("St. Patrick’s Day", "DATE", "2024-03-17")]),
        ("He celebrated St. Patrick's Day with us.",
         [("St. Patrick's Day", "DATE", "2023-03-17")]),
        ("Juneteenth will be a holiday.", [("Juneteenth", "DATE", "2024-06-19")]),
        ("On World Water Day, we will act.", [("World Water Day", "DATE", "2024-03-22")]),
        ("On Earth Day, we planted trees.", [("Earth Day", "DATE", "2023-04-22")]),
        ("Columbus Day will be a holiday.", [("Columbus Day", "DATE", "2024-10-14")]),
        # lower case, the words are no holiday
        ("They held a world water day fair.", []),
        # a capitalised time word inside a name stays a name, curly apostrophe or not
        ("She became Tennessee’s Teacher of the Year.", []),
        ("They met on New Year’s Day.", [("New Year’s Day", "DATE", "2024-01-01")]),
    ],
)
def test_holidays(text: str, expected: Found) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, reference, expected",
    [
        # "this" and a season with no tense to go by: the season of the document's year
        ("We are on track to complete the work by this fall.", "2023-05-12", "2023-FA"),
        ("We are on track to complete the work by this summer.", "2024-01-10", "2024-SU"),
        # with a tense, the way the verb points
        ("We will finish this fall.", "2023-05-12", "2023-FA"),
        ("We finished this fall.", "2023-05-12", "2022-FA"),
        # the document's year's season once it is over is the next one
        ("We are on track to complete the work by this spring.", "2023-11-10", "2024-SP"),
        ("We are on track to complete the work by this fall.", "2023-11-10", "2023-FA"),
        ("We are on track to complete the work by this summer.", "2023-09-02", "2024-SU"),
        ("We are on track to complete the work by this summer.", "2023-08-30", "2023-SU"),
        # a gerund after its verb takes the verb's tense
        ("The stock began trading this summer.", "2023-11-10", "2023-SU"),
        ("The stock will begin trading this summer.", "2023-11-10", "2024-SU"),
    ],
)
def test_this_season(text: str, reference: str, expected: str) -> None:
    assert [e.value for e in redline.time_expressions(text, reference=reference)] == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a written year makes a capitalised expression a time, even inside a name
        ("The President’s Fiscal Year 2025 Budget provides $4 billion.",
         [("Fiscal Year 2025", "DATE", "2025")]),
        ("The Fiscal Year 2023 Budget provided $4 billion.",
         [("Fiscal Year 2023", "DATE", "2023")]),
        ("Classes resume in Summer 2024.", [("Summer 2024", "DATE", "2024-SU")]),
        # with no year, the capitalised words stay a name
        ("She watched This Week on the news.", []),
        ("The Fiscal Year Budget Act passed.", []),
    ],
)
def test_capitalised_with_a_year(text: str, expected: Found) -> None:
    assert found(text) == expected


def test_line_opening_time_after_a_place_line() -> None:
    assert found("Hiroshima, Japan\n\nLast month, I hosted them.") == [
        ("Last month", "DATE", "2024-02")]


@pytest.mark.xfail(strict=True, reason="a bare clock before a range's end does not share "
                   "its p.m.: '3:00' is not read")
def test_clock_range_shares_its_half_of_day() -> None:
    assert found("The airdrop ran between 3:00 and 5:00 p.m.") == [
        ("3:00", "TIME", "2024-03-11T15:00"), ("5:00 p.m.", "TIME", "2024-03-11T17:00")]


@pytest.mark.xfail(strict=True, reason="a date known by its event ('January 6th' of 2021) "
                   "takes the nearest year; the resolver holds no such events")
def test_date_named_by_its_event() -> None:
    assert found("The January 6th insurrectionists pose a threat.") == [
        ("January 6th", "DATE", "2021-01-06")]


def test_next_decade_as_a_span() -> None:
    assert found("We will invest $1 billion over the next decade.") == [
        ("the next decade", "DURATION", "P10Y")]
