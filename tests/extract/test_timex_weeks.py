"""TimeML values of ordinal weeks of a month ("the first week of April"), periods two
steps away ("the week after next", "the year before last") and years named by a
fiscal code or as a stretch of two ("FY2023", "2019-20"), with future and past
readings side by side, against a Wednesday (2024-10-16, ISO week 42), and controls
where nothing is a time."""

from __future__ import annotations

from pathlib import Path

import pytest

import redline

WEDNESDAY = "2024-10-16"


def found(text: str, reference: str = WEDNESDAY) -> list[tuple[str, str, str]]:
    return [(e.text, e.type, e.value) for e in redline.time_expressions(text, reference=reference)]


@pytest.mark.parametrize(
    "future, future_found, past, past_found",
    [
        # two periods from the document's
        ("The talks will resume the week after next.",
         [("the week after next", "DATE", "2024-W44")],
         "The talks broke down the week before last.",
         [("the week before last", "DATE", "2024-W40")]),
        ("Prices should ease the month after next.",
         [("the month after next", "DATE", "2024-12")],
         "Prices peaked the month before last.",
         [("the month before last", "DATE", "2024-08")]),
        ("An election is due the year after next.", [("the year after next", "DATE", "2026")],
         "Sales rose 5% in the year before last.", [("the year before last", "DATE", "2022")]),
        ("Protesters will gather the weekend after next.",
         [("the weekend after next", "DATE", "2024-W44-WE")],
         "Protesters gathered the weekend before last.",
         [("the weekend before last", "DATE", "2024-W40-WE")]),
        # an ordinal week of a month: the ISO week holding its 4th (11th, ...) day, the
        # year the verb points to
        ("The ministers will meet in the first week of November.",
         [("the first week of November", "DATE", "2024-W45")],
         "The ministers met in the first week of October.",
         [("the first week of October", "DATE", "2024-W40")]),
        ("The ministers will meet in the first week of October.",
         [("the first week of October", "DATE", "2025-W40")],
         "The ministers met in the first week of November.",
         [("the first week of November", "DATE", "2023-W44")]),
        ("The report is due in the last week of November.",
         [("the last week of November", "DATE", "2024-W48")],
         "The report came out in the last week of September.",
         [("the last week of September", "DATE", "2024-W39")]),
        ("Talks will resume in the second week of January 2025.",
         [("the second week of January 2025", "DATE", "2025-W02")],
         "Talks collapsed in the third week of March last year.",
         [("the third week of March last year", "DATE", "2023-W11")]),
        ("Talks will resume in the first week of next month.",
         [("the first week of next month", "DATE", "2024-W45")],
         "Talks collapsed in the last week of last month.",
         [("the last week of last month", "DATE", "2024-W39")]),
        # a fiscal year by its code, the year it is named after
        ("Revenue will grow in FY2025.", [("FY2025", "DATE", "2025")],
         "Revenue fell in FY23.", [("FY23", "DATE", "2023")]),
        ("The budget for FY 2026 will be tight.", [("FY 2026", "DATE", "2026")],
         "Exports rose in FY2023-24.", [("FY2023-24", "DATE", "2023")]),
        # a season or a fiscal year running into the next year: the year it begins in
        ("The 2025-26 season will open in August.",
         [("2025-26", "DATE", "2025"), ("August", "DATE", "2025-08")],
         "The 2019-20 season was cut short.", [("2019-20", "DATE", "2019")]),
        ("Output will rise in fiscal 2025/26.", [("fiscal 2025/26", "DATE", "2025")],
         "Output fell in 2022-2023.", [("2022-2023", "DATE", "2022")]),
    ],
)
def test_future_and_past_readings(future: str, future_found: list[tuple[str, str, str]],
                                  past: str, past_found: list[tuple[str, str, str]]) -> None:
    assert found(future) == future_found
    assert found(past) == past_found


@pytest.mark.parametrize(
    "text",
    [
        "The team won 21-19 on penalties.",  # a score, no years
        "The bill passed 219-20 in the House.",
        "Room 2019-21 is closed.",  # two years that do not follow each other
        "The fy2023 column is empty.",  # the code is written in capitals
        "It was the second week of talks.",  # an ordinal week of no month
        "The week after the vote was calm.",  # "after" an event, not "after next"
        "He scored 2019-2021 points.",
        "The score was 14:15 at about half-time.",  # a 24-hour form after no "at"
    ],
)
def test_no_time_is_found(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # "before last" before a day is the day before that day, not two periods back
        ("Talks resumed the day before last Tuesday's vote.",
         [("the day before last Tuesday", "DATE", "2024-10-14")]),
        # an ordinal week of a month is one expression, not the month alone
        ("Prices rose in the second week of October.",
         [("the second week of October", "DATE", "2024-W41")]),
        ("Prices rose in the first week of the month.",
         [("the first week of the month", "DATE", "2024-W40")]),
        # a week number that falls outside the month is no week of it
        ("Talks are set for the fifth week of February.", [("February", "DATE", "2025-02")]),
    ],
)
def test_readings_that_must_not_change(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("codes", ["FY", [""], [3]])
def test_fiscal_codes_must_be_a_list_of_words(tmp_path: Path, codes: object) -> None:
    import yaml

    from redline.errors import ValidationError
    from redline.extract.timex_lexicon import LEXICON_FILE, load_lexicon

    data = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
    data["fiscal_year"]["codes"] = codes
    edited = tmp_path / "timex.yaml"
    edited.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ValidationError, match=r"fiscal_year\.codes"):
        load_lexicon(edited)
