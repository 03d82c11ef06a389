from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from redline.assess.lines import parse_lines
from redline.assess.quotes import classify, is_about
from redline.records import RedLine

from .conftest import sample_path

LINE = textwrap.dedent("""\
    id: tech
    title: technology transfer line
    declared_by: KOR
    source: a statement
    trigger: {actors: [RUS], events: [AID], recipients: [PRK], objects: [satellite technology]}
    consequence: something
    keywords: [technology transfer]
    """)


@pytest.fixture(scope="module")
def line() -> RedLine:
    return parse_lines(LINE)[0]


@pytest.mark.parametrize("content, expected", [
    ("The red line has not been crossed, and we are watching closely.", "not_crossed"),
    ("In our view Moscow has crossed the red line.", "crossed"),
    ("The red line was crossed months ago.", "crossed"),
    ("They are approaching the red line faster than anyone expected.", "approaching"),
    # The clause names the trigger: "not confirmed" is about the line.
    ("The transfer of satellite technology has not been confirmed.", "not_crossed"),
    ("The technology transfer is yet to be confirmed by anyone.", "not_crossed"),
    # Hedged, conditional or asked: no assessment.
    ("If they transfer satellite technology, that would be crossing the red line.", None),
    ("It is unclear whether the deployment crosses the red line.", None),
    ("Has Russia crossed the red line?", None),
    ("If they cross into Ukraine, yes.", None),  # 2024-10-29 White House gaggle
    # "Not confirmed" about something else says nothing about this line.
    ("The troop numbers have not been confirmed.", None),
    # No cue at all.
    ("The technology transfer would threaten the whole region.", None),
    ("We have options, and it depends on what they do.", None),  # 2024-10-26 remarks
])
def test_what_a_quote_says_about_a_line(line: RedLine, content: str,
                                        expected: str | None) -> None:
    assert classify(content, line) == expected


@pytest.mark.parametrize("content, line_article, trigger_article, expected", [
    ("The technology transfer worries us.", False, False, True),  # the line's own keywords
    ("The satellite technology deal worries us.", True, False, True),
    ("The satellite technology deal worries us.", False, False, False),  # whose deal?
    ("The red line has not been crossed.", True, True, True),
    ("The red line has not been crossed.", True, False, False),  # which line? not this one
    ("The weather was fine.", True, True, False),
])
def test_which_quotes_are_about_a_line(line: RedLine, content: str, line_article: bool,
                                       trigger_article: bool, expected: bool) -> None:
    assert is_about(content, line, line_article=line_article,
                    trigger_article=trigger_article) is expected


def _quoted_paragraph(text: str, attribution: str) -> str:
    """The words in quotation marks of the paragraph attributed with ``attribution``."""
    for paragraph in text.split("\n"):
        if attribution in paragraph:
            match = re.search(r"[\"“](.+)[\"”],? ", paragraph)
            assert match, paragraph
            return match.group(1)
    raise AssertionError(f"no paragraph with {attribution!r}")


def test_the_seed_expert_says_the_line_is_not_crossed(seed_article: Path) -> None:
    """Read from ../shared at test time: the professor's quote on the June 2024 red line."""
    from redline.assess.lines import load_lines

    seed = next(ln for ln in load_lines(sample_path("redlines.yaml"))
                if ln.id == "rok-lethal-aid")
    text = seed_article.read_text(encoding="utf-8")
    content = _quoted_paragraph(text, "said Park Won-gon")
    assert is_about(content, seed, line_article=False, trigger_article=False)
    assert classify(content, seed) == "not_crossed"
    # His conditional ("if it is confirmed ... that would be crossing") is no assessment.
    assert classify(_quoted_paragraph(text, "Park said"), seed) is None
    others = [ln for ln in load_lines(sample_path("redlines.yaml")) if ln.id != seed.id]
    assert all(classify(content, other) is None for other in others)
