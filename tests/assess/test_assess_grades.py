from __future__ import annotations

from pathlib import Path

import pytest

from redline.assess.reliability import analyst_grade, load_grades, normalise_name
from redline.errors import ValidationError


@pytest.mark.parametrize("outlet, grade", [
    ("The Korea Times", "B"),
    ("Yonhap News Agency", "B"),
    ("Reuters", "B"),
    ("AP", "B"),
    ("The White House (Briefing Room), Biden administration", "B"),
    ("KCNA", "E"),
    ("Some Blog", None),
    ("Reutersville Gazette", None),  # a name must match whole words
    (None, None),
])
def test_outlets_are_graded_by_name(outlet: str | None, grade: str | None) -> None:
    found = load_grades().outlet(outlet)
    assert (found.grade if found else None) == grade


@pytest.mark.parametrize("outlet, attributed_to, attributed_text, expected", [
    # An agency quoted by a reliable outlet keeps its own grade and counts as official.
    ("The Korea Times", "KOR-INTEL", "NIS", ("KOR-INTEL", "B", True)),
    # A sector the file does not list falls back to its state.
    ("Reuters", "KOR-NAVY", None, ("KOR-NAVY", "B", True)),
    # An unknown conduit lends its own grade to what it relays.
    ("Some Blog", "KOR-INTEL", "NIS", ("KOR-INTEL", "F", False)),
    # "according to Yonhap" in a reliable paper: Yonhap is the source.
    ("The Korea Times", None, "Yonhap", ("yonhap", "B", False)),
    # Nobody named: the outlet is the source.
    ("KCNA", None, None, ("kcna", "E", True)),
    ("Some Blog", None, None, ("some blog", "F", False)),
    (None, None, None, ("unknown", "F", False)),
])
def test_sources_are_graded(outlet: str | None, attributed_to: str | None,
                            attributed_text: str | None,
                            expected: tuple[str, str, bool]) -> None:
    source = load_grades().source(outlet=outlet, attributed_to=attributed_to,
                                  attributed_text=attributed_text)
    assert (source.key, source.reliability, source.official) == expected


@pytest.mark.parametrize("label, corroborated, contradicted, credibility", [
    ("confirmed", False, False, 2),
    ("confirmed", True, False, 1),
    ("reported", False, True, 4),
    ("possible", True, False, 3),  # only what happened can be confirmed by others
    ("conditional", False, False, 6),
    ("unconfirmed", False, False, 6),
    ("denied", False, False, 5),
])
def test_credibility_follows_factuality_and_corroboration(
        label: str, corroborated: bool, contradicted: bool, credibility: int) -> None:
    grades = load_grades()
    assert grades.credibility_of(label, corroborated=corroborated,
                                 contradicted=contradicted) == credibility


def test_analysts_write_grades_letter_then_digit() -> None:
    assert analyst_grade("B", 2) == "B2"
    assert normalise_name("The White House (Briefing Room)") == "white house briefing room"


def test_a_bad_grades_file_names_the_field(tmp_path: Path) -> None:
    path = tmp_path / "grades.yaml"
    path.write_text("outlets:\n  - {name: Somewhere, grade: G}\n")
    with pytest.raises(ValidationError, match=r"outlets\[0\].grade: 'G' is not valid"):
        load_grades(path)
