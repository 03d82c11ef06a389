"""Plain-text scrapes: headline, subheadline, byline, headings, body and furniture.

The synthetic scrapes below are page furniture written for these tests in the styles
of several outlets, wrapped around sentences taken from the public-domain White House
and CRS texts in sample/us-gov.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from redline.ingest.furniture import is_furniture, load_cues
from redline.ingest.scrape import parse_scrape

SAMPLE = Path(__file__).resolve().parents[2] / "sample" / "us-gov"

# Sentences from the public-domain sample (White House readouts and statements).
S1 = ("National Security Advisor Jake Sullivan met with Director of National Security Shin "
      "Wonsik of the Republic of Korea (ROK) on October 24, 2024, in Washington, D.C., to "
      "discuss bilateral cooperation and global and regional security issues.")
S2 = ("The two officials condemned in the strongest possible terms the DPRK’s ongoing support "
      "to Russia’s brutal and illegal war against Ukraine.")
S3 = ("The two officials committed to continuing close cooperation in support of Ukraine and "
      "the Ukrainian people.")
S4 = ("The three national security advisors reaffirmed their commitment to address common "
      "regional and global challenges and to promote security and prosperity in the "
      "Indo-Pacific region and beyond.")
S5 = ("The national security advisors call on Russia and the DPRK to cease these actions that "
      "only serve to expand the security implications of Russia’s brutal and illegal war "
      "beyond Europe and into the Indo-Pacific.")

WIRE_STYLE = f"""Allies condemn North Korean troop deployment to Russia

By Jane Roe and John Doe
Associated Press

Share this article

Oct. 25, 2024 at 4:55 p.m. EDT

{S1}

National Security Advisor Jake Sullivan speaks at the White House in Washington. (AP Photo/Jane Doe)

{S2}

Advertisement

Related:
North Korea sends troops to Russia
Seoul weighs its options

{S3}

Sign up for our daily newsletter to get the latest headlines.

Copyright 2024 The Associated Press. All rights reserved.
"""

BROADCAST_STYLE = f"""Seoul weighs options as Pyongyang sends troops
South Korea says it will consider all available means

5 hours ago

Share
Image source, Getty Images
Image caption, Officials met in Washington on Friday

{S4}

Listen to this article
Getty Images

Trilateral partnership

{S5}

{S3}

Related Topics
North Korea
Russia

More on this story
Allies meet in Washington
"""

DAILY_STYLE = f"""**Russia, North Korea deepen ties as troops deploy**

![](https://example.org/photo.jpg)

Officials gather for talks in Seoul on Friday. [YONHAP]

Posted : 2024-10-20 16:55 Updated : 2024-10-20 17:38

{S4}

Read more: [Seoul convenes security meeting](https://example.org/a)

{S2}

Follow us on X for the latest news

Most viewed
Some other headline
Another headline about something else
"""


def test_korea_times_parts_match_the_gold(seed_article: Path, seed_gold: Path) -> None:
    gold = yaml.safe_load(seed_gold.read_text(encoding="utf-8"))["article"]
    scrape = parse_scrape(seed_article.read_text(encoding="utf-8"))
    assert scrape.headline == gold["headline"]
    assert scrape.subheadline == gold["subheadline"]
    assert scrape.byline == gold["byline"]
    assert list(scrape.section_headings) == gold["section_headings"]
    # The gold lists each furniture line once; the page repeats some ("Photo ...").
    assert list(dict.fromkeys(scrape.boilerplate)) == gold["boilerplate"]
    assert scrape.relative_age == timedelta(hours=3)


def test_korea_times_body_keeps_every_paragraph_verbatim(seed_article: Path,
                                                         seed_gold: Path) -> None:
    gold = yaml.safe_load(seed_gold.read_text(encoding="utf-8"))["article"]
    scrape = parse_scrape(seed_article.read_text(encoding="utf-8"))
    not_body = {gold["headline"], gold["subheadline"], f"By {gold['byline']}",
                *gold["boilerplate"], *gold["section_headings"]}
    expected = [line for line in seed_article.read_text(encoding="utf-8").splitlines()
                if line.strip() and line.strip() not in not_body]
    assert list(scrape.paragraphs) == expected
    for line in gold["boilerplate"] + gold["section_headings"]:
        assert line not in scrape.text
    assert scrape.text == "\n\n".join(expected)


def test_wire_style_scrape() -> None:
    scrape = parse_scrape(WIRE_STYLE)
    assert scrape.headline == "Allies condemn North Korean troop deployment to Russia"
    assert scrape.byline == "Jane Roe and John Doe"
    assert scrape.subheadline is None
    assert list(scrape.paragraphs) == [S1, S2, S3]
    assert "Related:" in scrape.boilerplate and "Seoul weighs its options" in scrape.boilerplate
    assert scrape.dateline is not None and scrape.dateline.isoformat() == "2024-10-25T20:55:00+00:00"


def test_broadcast_style_scrape() -> None:
    scrape = parse_scrape(BROADCAST_STYLE)
    assert scrape.headline == "Seoul weighs options as Pyongyang sends troops"
    assert scrape.subheadline == "South Korea says it will consider all available means"
    assert scrape.byline is None
    assert list(scrape.section_headings) == ["Trilateral partnership"]
    assert list(scrape.paragraphs) == [S4, S5, S3]
    assert scrape.relative_age == timedelta(hours=5)
    for furniture in ("Share", "Image source, Getty Images", "Listen to this article",
                      "Getty Images", "Allies meet in Washington"):
        assert furniture in scrape.boilerplate


def test_daily_style_markdown_scrape() -> None:
    scrape = parse_scrape(DAILY_STYLE)
    assert scrape.headline == "Russia, North Korea deepen ties as troops deploy"
    assert list(scrape.paragraphs) == [S4, S2]
    assert "Read more: Seoul convenes security meeting" in scrape.boilerplate
    assert "Officials gather for talks in Seoul on Friday. [YONHAP]" in scrape.boilerplate
    assert scrape.dateline is not None and scrape.dateline.isoformat().startswith("2024-10-20T16:55")


def test_navigation_before_the_headline_is_furniture_not_a_tail() -> None:
    text = f"Most popular\n\nTrending\n\nAllies meet in Washington\n\n{S1}\n\n{S2}\n"
    scrape = parse_scrape(text)
    assert scrape.headline == "Allies meet in Washington"
    assert scrape.paragraphs == (S1, S2)
    assert scrape.boilerplate == ("Most popular", "Trending")


def test_everything_after_a_tail_marker_is_furniture() -> None:
    text = f"Allies meet\n\n{S1}\n\nSimilar news\n\n{S2}\n\n{S3}\n"
    scrape = parse_scrape(text)
    assert scrape.paragraphs == (S1,)
    assert scrape.boilerplate == ("Similar news", S2, S3)


def test_headline_from_metadata_is_not_repeated_in_the_body() -> None:
    text = f"Russia-North Korea Relations\n\n## Overview\n\n{S4}\n"
    scrape = parse_scrape(text, headline="Russia-North Korea Relations")
    assert scrape.headline == "Russia-North Korea Relations"
    assert scrape.section_headings == ("Overview",)
    assert scrape.paragraphs == (S4,)


def test_hard_wrapped_lines_are_joined_into_paragraphs() -> None:
    source = (SAMPLE / "2024-10-25-whitehouse-sullivan-shin-readout-dprk-troops.txt").read_text(
        encoding="utf-8")
    scrape = parse_scrape(source, headline="Readout")
    assert len(scrape.paragraphs) == 4
    assert scrape.paragraphs[1].startswith("The two officials condemned in the strongest "
                                           "possible terms the DPRK’s ongoing support to Russia’s")
    assert all("\n" not in paragraph for paragraph in scrape.paragraphs)
    assert scrape.boilerplate == ("###",)


def test_wrapped_line_that_looks_like_a_credit_is_still_text() -> None:
    # "Reuters." ends a sentence that the wrapper broke, it is not a photo credit.
    text = ("MODERATOR:  Thank you.  Our first question will go to a correspondent with\n"
            "Reuters.\n\n"
            "Q    Thank you.  What is the broader message to Russia in all of this today?\n"
            "And what do you expect from the allies in the next few weeks ahead of us?\n")
    scrape = parse_scrape(text, headline="Gaggle")
    assert scrape.paragraphs[0].endswith("a correspondent with Reuters.")
    assert scrape.boilerplate == ()


def test_markdown_links_and_escapes_reduce_to_text() -> None:
    source = (SAMPLE / "2026-09-18-crs-if12760-russia-north-korea-relations.txt").read_text(
        encoding="utf-8")
    scrape = parse_scrape(source, headline="Russia-North Korea Relations")
    assert "](" not in scrape.text and "http" not in scrape.text
    assert "supported the adoption of 10 UNSC sanctions resolutions responding" in scrape.text
    assert "financial benefit[s]" in scrape.text  # brackets that are not links stay
    assert scrape.section_headings[0] == "Overview"
    assert "Overview" not in scrape.paragraphs


@pytest.mark.parametrize("line, expected", [
    ("Protesters rally in Kyiv on Saturday. Yonhap", True),
    ("Officials meet in Washington. (AP Photo/Jane Doe)", True),
    ("Soldiers march in a parade. Reuters/File Photo", True),
    ("A rally in Kyiv. [YONHAP]", True),
    ("Photo by Jane Doe/Getty Images", True),
    ("Photograph: Jane Doe/Reuters", True),
    ("AFP via Getty Images", True),
    ("Ukraine war - Figure 2", True),
    ("Image 3 of 12", True),
    ("Advertisement", True),
    ("Story continues below advertisement", True),
    ("Share this article", True),
    ("Facebook Twitter Email", True),
    ("Sign up for our newsletter", True),
    ("Subscribe to our daily briefing", True),
    ("4 min read", True),
    ("Related: Seoul convenes an emergency meeting", True),
    ("© 2024 Example Media. All rights reserved.", True),
    ("\\###", True),
    ("* * *", True),
    # Text that must stay.
    (S2, False),
    ("The report, carried by Yonhap, said the troops had arrived.", False),
    ("Sign language interpreters were present at the briefing, officials said.", False),
    ("Registered voters in Seoul backed the plan in a poll released on Friday.", False),
    ("Reuters reported that the troops had arrived in the Far East.", False),
    ("Share prices fell in Seoul after the announcement on Friday.", False),
    ("'A partnership built to last'", False),
    ("MR. KIRBY:  I really can’t offer you more detail than CENTCOM did.", False),
])
def test_furniture_lines(line: str, expected: bool) -> None:
    assert is_furniture(line, load_cues()) is expected


def test_a_broken_cue_file_names_the_file_and_the_pattern(tmp_path: Path) -> None:
    from redline.errors import ValidationError
    from redline.ingest.furniture import CUES_FILE

    cues = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))
    cues["lines"] = ["fine", "(unclosed"]
    path = tmp_path / "furniture.yaml"
    path.write_text(yaml.safe_dump(cues), encoding="utf-8")
    with pytest.raises(ValidationError, match=r"furniture\.yaml: lines\[1\]: not a regular"):
        load_cues(path)


def test_an_added_cue_takes_effect(tmp_path: Path) -> None:
    from redline.ingest.furniture import CUES_FILE

    cues = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))
    cues["lines"].append("watch the briefing live")
    path = tmp_path / "furniture.yaml"
    path.write_text(yaml.safe_dump(cues), encoding="utf-8")
    text = f"Allies meet\n\n{S1}\n\nWatch the briefing live\n\n{S2}\n"
    assert "Watch the briefing live" not in parse_scrape(text).boilerplate
    edited = parse_scrape(text, cues=load_cues(path))
    assert edited.boilerplate == ("Watch the briefing live",)
    assert edited.paragraphs == (S1, S2) and edited.section_headings == ()
