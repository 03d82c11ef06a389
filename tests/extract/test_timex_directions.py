"""Which way an expression with no direction word of its own points: verbs that move a
time later, "as soon as", "since", a day before a past verb of planning, a weekday under
a present verb, "this spring" under a tense, decades named by two digits, the verb
"last" before a count, and ranges of weekdays, with future and past readings side by
side, against a Wednesday (2024-10-16)."""

from __future__ import annotations

import pytest

import redline

WEDNESDAY = "2024-10-16"


def found(text: str, reference: str = WEDNESDAY) -> list[tuple[str, str, str]]:
    return [(e.text, e.type, e.value) for e in redline.time_expressions(text, reference=reference)]


@pytest.mark.parametrize(
    "future, future_found, past, past_found",
    [
        # a verb that moves a time later: its bound lies ahead whatever its tense
        ("Talks were postponed until Tuesday.", [("Tuesday", "DATE", "2024-10-22")],
         "Talks lasted until Tuesday.", [("Tuesday", "DATE", "2024-10-15")]),
        ("The vote was delayed until Friday.", [("Friday", "DATE", "2024-10-18")],
         "The vote was held on Friday.", [("Friday", "DATE", "2024-10-11")]),
        ("The court adjourned the hearing to Monday.", [("Monday", "DATE", "2024-10-21")],
         "The court heard the case on Monday.", [("Monday", "DATE", "2024-10-14")]),
        # a day after a verb of planning is the day planned; before a past one, the day
        # the planning was done
        ("The government planned to pay the victims on Friday.",
         [("Friday", "DATE", "2024-10-18")],
         "On Friday, the government planned to pay the victims.",
         [("Friday", "DATE", "2024-10-11")]),
        ("The opposition planned a rally Saturday.", [("Saturday", "DATE", "2024-10-19")],
         "On Saturday, the opposition planned a rally.", [("Saturday", "DATE", "2024-10-12")]),
        ("On Friday, the vote is scheduled to begin at noon.",
         [("Friday", "DATE", "2024-10-18"), ("noon", "TIME", "2024-10-18T12:00")],
         "On Friday, the rebels scheduled talks for next week.",
         [("Friday", "DATE", "2024-10-11"), ("next week", "DATE", "2024-W43")]),
        # the earliest time something may happen lies ahead
        ("Trading could resume as soon as Monday.", [("Monday", "DATE", "2024-10-21")],
         "Trading resumed on Monday.", [("Monday", "DATE", "2024-10-14")]),
        ("A ruling may come as early as Friday.", [("Friday", "DATE", "2024-10-18")],
         "A ruling came on Friday.", [("Friday", "DATE", "2024-10-11")]),
        # "this" before a season: the one the verb points to, this one included
        ("Talks will resume this spring.", [("this spring", "DATE", "2025-SP")],
         "Talks resumed this spring.", [("this spring", "DATE", "2024-SP")]),
        ("Exports will rise this summer.", [("this summer", "DATE", "2025-SU")],
         "Exports rose this summer.", [("this summer", "DATE", "2024-SU")]),
        # a decade of two digits: of this century unless it has not begun
        ("Prices will boom in the '30s.", [("the '30s", "DATE", "203")],
         "Prices rose in the '90s.", [("the '90s", "DATE", "199")]),
        ("Growth will slow in the '20s.", [("the '20s", "DATE", "202")],
         "Growth slowed in the '80s.", [("the '80s", "DATE", "198")]),
        # "last" as the verb before a count is no part of the expression
        ("The strike will last two weeks.", [("two weeks", "DURATION", "P2W")],
         "Wages fell over the last two weeks.", [("the last two weeks", "DURATION", "P2W")]),
        ("The drought could last four months.", [("four months", "DURATION", "P4M")],
         "Rain fell for the last four months.", [("the last four months", "DURATION", "P4M")]),
        # a date a verb of planning sets lies ahead, whatever the verb's tense
        ("The board set Friday as the date of the vote.", [("Friday", "DATE", "2024-10-18")],
         "The board held the vote Friday.", [("Friday", "DATE", "2024-10-11")]),
        ("The union has set Dec. 2 as its strike date.", [("Dec. 2", "DATE", "2024-12-02")],
         "The union has struck on Dec. 2.", [("Dec. 2", "DATE", "2023-12-02")]),
        # a weekday under a finite present verb: this day or a coming one
        ("The summit opens Saturday.", [("Saturday", "DATE", "2024-10-19")],
         "The summit opened Saturday.", [("Saturday", "DATE", "2024-10-12")]),
        ("He faces a hearing Sunday.", [("Sunday", "DATE", "2024-10-20")],
         "He faced a hearing Sunday.", [("Sunday", "DATE", "2024-10-13")]),
        ("The strike ends Wednesday.", [("Wednesday", "DATE", "2024-10-16")],
         "The strike ended Wednesday.", [("Wednesday", "DATE", "2024-10-16")]),
        # "since" opens a stretch running to now: its time lies behind, whatever the parse
        # makes of "since" (a preposition or a subordinator)
        ("The bank will stay closed until Saturday.", [("Saturday", "DATE", "2024-10-19")],
         "The bank has been closed since Saturday.", [("Saturday", "DATE", "2024-10-12")]),
        ("Prices will rise after Dec. 2.", [("Dec. 2", "DATE", "2024-12-02")],
         "Prices have risen since Dec. 2.", [("Dec. 2", "DATE", "2023-12-02")]),
        ("Banks will reopen on Saturday.", [("Saturday", "DATE", "2024-10-19")],
         "Since Saturday, banks have been shut.", [("Saturday", "DATE", "2024-10-12")]),
        # a bound under a past perfect lies before a past time: behind
        ("The rebels will have taken the town by Saturday.", [("Saturday", "DATE", "2024-10-19")],
         "By Saturday, the rebels had taken the town.", [("Saturday", "DATE", "2024-10-12")]),
        # a verb of saying with a thing for its object and no clause is an act to come
        ("The company reports earnings Thursday.", [("Thursday", "DATE", "2024-10-17")],
         "The company reported earnings Thursday.", [("Thursday", "DATE", "2024-10-10")]),
        ("The government announces its budget on Monday.", [("Monday", "DATE", "2024-10-21")],
         "Officials say Monday that the plan is dead.", [("Monday", "DATE", "2024-10-14")]),
        # a range of weekdays: the second end follows the first, in the week the verb names
        ("The fair will run from Monday to Friday.",
         [("Monday", "DATE", "2024-10-21"), ("Friday", "DATE", "2024-10-25")],
         "The fair ran from Monday to Friday.",
         [("Monday", "DATE", "2024-10-07"), ("Friday", "DATE", "2024-10-11")]),
        ("The market will close Friday through Monday.",
         [("Friday", "DATE", "2024-10-18"), ("Monday", "DATE", "2024-10-21")],
         "The market closed Friday through Monday.",
         [("Friday", "DATE", "2024-10-11"), ("Monday", "DATE", "2024-10-14")]),
    ],
)
def test_directions_ahead_and_behind(future: str, future_found: list[tuple[str, str, str]],
                                     past: str, past_found: list[tuple[str, str, str]]) -> None:
    assert found(future) == future_found
    assert found(past) == past_found


@pytest.mark.parametrize(
    "text",
    [
        "The talks will last.",
        "The deadline was extended.",
        "Trading resumed as soon as it could.",
        "The season was postponed until further notice.",
    ],
)
def test_no_time_in_these(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "In 2019, the company lost money. In April, it sold its plant.",
            [("2019", "DATE", "2019"), ("April", "DATE", "2019-04")],
            marks=pytest.mark.xfail(strict=True, reason=(
                "a month after a year the text moved back to is that year's; counting it "
                "from the last year named misreads background years ('dating to 1994. In "
                "January, ...'): 1 right for 7 wrong on the design part of TimeBank")),
            id="month-in-the-year-named"),
        pytest.param(
            "The talks last two days each.", [("two days", "DURATION", "P2D")],
            marks=pytest.mark.xfail(strict=True, reason=(
                "the parser tags a present-tense 'last' before a count as an adjective, "
                "so it stays in the expression")),
            id="present-verb-last"),
        pytest.param(
            "Polls open Saturday.", [("Saturday", "DATE", "2024-10-19")],
            marks=pytest.mark.xfail(strict=True, reason=(
                "in a headline-like clause the parser takes 'open' for an adjective, so no "
                "present verb governs the day and the nearest Saturday, the last, is taken")),
            id="headline-present"),
    ],
)
def test_known_misses(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


def _parsed(words: list[str], tags: list[str], pos: list[str], heads: list[int],
            deps: list[str]) -> object:
    """A Doc with the parse given, as the parser gives it inside a longer text."""
    from spacy.tokens import Doc

    from redline.extract.nlp import load_nlp

    return Doc(load_nlp().vocab, words=words, tags=tags, pos=pos, heads=heads, deps=deps,
               lemmas=[w.lower() for w in words])


@pytest.mark.parametrize(
    "subject, subject_tag, expected",
    [
        # "weakness hurt ...": a singular subject cannot take the plain present, so the
        # form the parser tagged VBP is the past
        ("Weakness", "NN", "past"),
        ("Selling", "NN", "past"),
        # a plural subject agrees with the plain present: the tag stands
        ("Rates", "NNS", "present"),
        ("They", "PRP", "present"),
    ],
)
def test_a_plain_present_must_agree_with_its_subject(subject: str, subject_tag: str,
                                                      expected: str) -> None:
    from redline.extract.timex_lexicon import load_lexicon
    from redline.extract.timex_tense import tense_at

    doc = _parsed([subject, "hurt", "the", "index", "on", "Friday", "."],
                  [subject_tag, "VBP", "DT", "NN", "IN", "NNP", "."],
                  ["NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
                  [1, 1, 3, 1, 1, 4, 1], ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"])
    start = doc.text.index("Friday")  # type: ignore[attr-defined]
    assert tense_at(doc, start, start + len("Friday"), load_lexicon()) == expected
