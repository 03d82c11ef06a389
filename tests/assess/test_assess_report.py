from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from redline.assess import assess
from redline.assess import lines as red_lines
from redline.assess.brief_words import claim_sentence
from redline.assess.explain import explain_text
from redline.assess.lines import load_lines
from redline.assess.report import build_report, write_pdf
from redline.assess.report_pdf import DEFAULT_CHROMIUM
from redline.errors import RedlineError
from redline.store import Store
from redline.store import lines as line_store

from .conftest import AddArticle, day, event, quote, sample_path

HOSTILE = "<script>alert('x')</script> & [link](javascript:alert(1))"


def _setup(store: Store, add_article: AddArticle) -> tuple[str, str]:
    line_store.add_lines(store, load_lines(sample_path("redlines.yaml")))
    text = "North Korea sent troops to Russia, the NIS confirmed. " + HOSTILE
    troops = event(text, "MOBILIZE", "confirmed", actor="PRK", recipient="RUS",
                   objects=["troops"], attributed_to="KOR-INTEL", attributed_text="the NIS")
    transfer = event(text, "AID", "possible", actor="RUS", recipient="PRK",
                     objects=["satellite technology"])
    said = "The red line has not been crossed yet, " + HOSTILE
    first = add_article(text, outlet="The Korea Times", published=day("2024-10-20"),
                        headline=f"Troops {HOSTILE}", url="https://example.org/a?x=1&y=<2>",
                        events=[troops, transfer],
                        quotes=[quote(text + said, said, speaker="Kim", role="professor")])
    other = "Troop deployments by the DPRK to Russia drew grave concern."
    second = add_article(other, outlet="The White House", published=day("2024-10-25"),
                         url="javascript:alert(1)",
                         events=[event(other, "MOBILIZE", "confirmed", actor="PRK",
                                       recipient="RUS", objects=["troop deployments"])])
    return first, second


def test_explain_shows_status_evidence_speculation_assessments_and_options(
        store: Store, add_article: AddArticle) -> None:
    _setup(store, add_article)
    verdicts = {v.line_id: v for v in assess(store)}
    line = red_lines.get_line(store, "rok-lethal-aid")
    text = " ".join(explain_text(line, verdicts["rok-lethal-aid"]).split())
    assert "PRECURSORS_SEEN" in text
    evidence, rest = text.split("Speculated", 1)
    assert "troop-deployment" in evidence and "per the NIS" in evidence
    # The NIS (via The Korea Times) and the White House report it independently: B1.
    assert "[B1]" in evidence and "[B2]" not in evidence
    speculated, rest = rest.split("Assessments", 1)
    assert "trigger" in speculated and "possible" in speculated
    assert "speculated by The Korea Times" in speculated
    assessments, options = rest.split("Options under discussion", 1)
    assert "Kim, professor: not crossed" in assessments
    assert all(option in options for option in line.options)


def test_markdown_report_cites_numbered_sources(store: Store, add_article: AddArticle) -> None:
    _setup(store, add_article)
    assess(store)
    report = build_report(store, fmt="md")
    body, sources = report.split("## Sources", 1)
    cited = set(re.findall(r"\[(\d+)\]", body))
    listed = re.findall(r"^(\d+)\. ", sources, flags=re.M)
    assert cited and cited == set(listed) == {"1", "2"}
    # Markdown escapes with backslashes, never with HTML entities.
    assert "<script>" not in report and "\\<script\\>" in report
    assert "&lt;" not in report and "&gt;" not in report and "&amp;" not in report
    # Neither a Markdown link nor an autolink to a script.
    assert not re.search(r"(?<!\\)\]\(javascript:|<javascript:", report)


def test_html_report_escapes_article_text(store: Store, add_article: AddArticle) -> None:
    _setup(store, add_article)
    assess(store)
    report = build_report(store, fmt="html", line_ids=["rok-lethal-aid"])
    assert report.startswith("<!doctype html>")
    assert "<script>" not in report
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in report
    assert 'href="https://example.org/a?x=1&amp;y=&lt;2&gt;"' in report
    assert 'href="javascript:' not in report
    assert '<a class="cite" href="#source-1">[1]</a>' in report


def test_report_as_of_uses_only_what_was_published_by_then(
        store: Store, add_article: AddArticle) -> None:
    _setup(store, add_article)
    early = build_report(store, fmt="md", as_of=day("2024-10-19"))
    assert "**Not crossed**" in early and early.endswith("## Sources\n\n")
    late = build_report(store, fmt="md", as_of=day("2024-10-26"))
    assert "**Precursors seen**" in late


def _bluf_rows(report: str) -> dict[str, list[str]]:
    table = report.split("## Bottom line", 1)[1].split("\n## ", 1)[0]
    rows = [row.strip("|").split(" | ") for row in table.strip().splitlines()[2:]]
    return {cells[0].strip(): [c.strip() for c in cells[1:]] for cells in rows}


def test_bottom_line_comes_first_with_every_line(store: Store, add_article: AddArticle) -> None:
    _setup(store, add_article)
    assess(store)
    report = build_report(store, fmt="md")
    assert report.index("## Bottom line") < report.index("## South Korea")
    rows = _bluf_rows(report)
    titles = {line.title for line in red_lines.list_lines(store)}
    assert set(rows) == titles
    for status, likelihood, confidence, change in rows.values():
        assert status in {"Not crossed", "Precursors seen", "Reported crossed", "Crossed"}
        assert change == "first assessment"
        # Shown when the verdict has them; a dash otherwise.
        assert likelihood and confidence


def test_the_brief_says_what_changed_since_the_previous_one(
        store: Store, add_article: AddArticle) -> None:
    line_store.add_lines(store, load_lines(sample_path("redlines.yaml")))
    assess(store)  # the previous brief's live run
    first = datetime.now(UTC)
    text = "Pyongyang has sent troops to Russia, South Korea's spy agency confirmed."
    add_article(text, outlet="Yonhap", published=day("2024-10-18"),
                events=[event(text, "MOBILIZE", "confirmed", actor="PRK", recipient="RUS",
                              objects=["troops"], attributed_to="KOR-INTEL",
                              attributed_text="South Korea's spy agency")])
    assess(store)
    rows = _bluf_rows(build_report(store, fmt="md"))
    changes = {title: cells[3] for title, cells in rows.items()}
    assert any(change.startswith(f"was not crossed; 1 new piece of evidence since {first:%d %b %Y}")
               for change in changes.values()), changes
    # --since names the previous brief's time: as of then the same verdict was known.
    since = _bluf_rows(build_report(store, fmt="md", since=datetime.now(UTC)))
    assert all(cells[3].startswith("no change since") for cells in since.values())
    before = _bluf_rows(build_report(store, fmt="md", since=first))
    assert before == rows


@pytest.mark.parametrize("item, expected", [
    ({"actor": "PRK", "event_type": "MOBILIZE", "recipient": "RUS", "objects": ["troops"],
      "factuality_label": "confirmed", "attributed_text": "South Korea's NIS",
      "published": "2024-10-18T00:00:00+00:00"},
     "North Korea has deployed forces towards Russia, involving troops (confirmed by South "
     "Korea's NIS, 18 Oct 2024)."),
    ({"actor": "RUS-MIL", "event_type": "AID", "recipient": None, "factuality_label": "reported",
      "outlet": "Example Daily", "published": "2024-06-20"},
     "Russia's military has given aid (reported in Example Daily, 20 Jun 2024)."),
    ({"actor": "DEU", "event_type": "SANCTION", "recipient": "USA-GOV",
      "factuality_label": "reported", "attributed_to": "FRA"},
     "Germany has imposed sanctions on the United States' government (reported by France)."),
])
def test_a_claim_in_plain_words(item: dict[str, object], expected: str) -> None:
    assert claim_sentence(item) == expected


def test_one_sentence_read_as_two_events_is_one_evidence_item(
        store: Store, add_article: AddArticle) -> None:
    line_store.add_lines(store, load_lines(sample_path("redlines.yaml")))
    text = "North Korea is deploying troops to Russia, the NIS said."
    add_article(text, outlet="Yonhap", published=day("2024-10-18"),
                events=[event(text, "AID", "reported", actor="PRK", recipient="RUS",
                              objects=["troops"]),
                        event(text, "MOBILIZE", "reported", actor="PRK", recipient="RUS",
                              objects=["troops"])])
    assess(store)
    report = build_report(store, fmt="md", line_ids=["rok-lethal-aid"])
    evidence = report.split("**Evidence", 1)[1].split("**Speculated", 1)[0]
    items = [row for row in evidence.splitlines() if row.startswith("- ")]
    assert len(items) == 1 and "AID" in items[0] and "MOBILIZE" in items[0]


def test_html_brief_is_one_self_contained_styled_file(
        store: Store, add_article: AddArticle) -> None:
    _setup(store, add_article)
    assess(store)
    report = build_report(store, fmt="html")
    assert "<style>" in report and "@media print" in report and "@page" in report
    assert not re.search(r"<(?:script|link)\b|\bsrc=|@import|url\(", report)
    assert report.index('class="bluf"') < report.index('<section class="line"')


@pytest.mark.browser
def test_pdf_brief_is_printed_by_chromium(store: Store, add_article: AddArticle,
                                          tmp_path: Path) -> None:
    if not Path(DEFAULT_CHROMIUM).exists():
        pytest.skip(f"{DEFAULT_CHROMIUM} is missing: install it with apt-get install chromium")
    pytest.importorskip("playwright.sync_api")
    _setup(store, add_article)
    assess(store)
    path = write_pdf(store, tmp_path / "brief.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]
    assert len(data) > 10_000  # a page of text, not an empty document


def test_pdf_without_chromium_is_one_clear_error(store: Store, add_article: AddArticle,
                                                 tmp_path: Path) -> None:
    pytest.importorskip("playwright.sync_api")
    _setup(store, add_article)
    with pytest.raises(RedlineError, match="needs Chromium at /nowhere/chromium"):
        write_pdf(store, tmp_path / "brief.pdf", chromium="/nowhere/chromium")
    assert not (tmp_path / "brief.pdf").exists()
