from __future__ import annotations

import re

from redline.assess import assess
from redline.assess.explain import explain_text
from redline.assess.lines import load_lines
from redline.assess.report import build_report
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
    line = line_store.get_line(store, "rok-lethal-aid")
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
    assert "<script>" not in report and "&lt;script&gt;" in report
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
    assert '<a href="#source-1">[1]</a>' in report


def test_report_as_of_uses_only_what_was_published_by_then(
        store: Store, add_article: AddArticle) -> None:
    _setup(store, add_article)
    early = build_report(store, fmt="md", as_of=day("2024-10-19"))
    assert "NOT_CROSSED" in early and "## Sources\n\n" in early and "1. " not in early
    late = build_report(store, fmt="md", as_of=day("2024-10-26"))
    assert "PRECURSORS_SEEN" in late
