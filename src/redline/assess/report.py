"""A brief for a decision-maker: each red line's verdict with numbered citations."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlparse

from redline.assess.engine import verdict_for
from redline.assess.explain import (
    SAYS_WORDS,
    asserted_by,
    circumstances,
    status_words,
    who_did_what,
)
from redline.assess.types import RedLine, Verdict
from redline.errors import InputError
from redline.store import Store
from redline.store import lines as line_store

FORMATS = ("md", "html")
INTRO = ("Each claim carries an Admiralty grade: source reliability A (completely reliable) "
         "to F (cannot be judged), then credibility 1 (confirmed by other sources) to "
         "6 (cannot be judged). Only claims reported as having happened count towards a "
         "verdict; speculated ones are listed apart.")


@dataclass
class Sources:
    """Articles cited, numbered in order of first citation."""

    known: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # by article id
    numbers: dict[str, int] = field(default_factory=dict)
    articles: list[Mapping[str, Any]] = field(default_factory=list)

    def cite(self, item: Mapping[str, Any]) -> int | None:
        key = item.get("article_id") or item.get("url")
        if not key:
            return None
        if key not in self.numbers:
            self.numbers[key] = len(self.articles) + 1
            self.articles.append(self.known.get(key, item))
        return self.numbers[key]


def build_report(store: Store, *, fmt: str = "md", as_of: datetime | None = None,
                 line_ids: Sequence[str] | None = None) -> str:
    """The brief for every stored line (or ``line_ids``) in ``fmt`` (md or html)."""
    if fmt not in FORMATS:
        raise InputError(f"format {fmt!r}", f"unknown; valid formats: {', '.join(FORMATS)}")
    lines = [line_store.get_line(store, i) for i in line_ids] if line_ids \
        else line_store.list_lines(store)
    entries = [(line, verdict_for(store, line.id, as_of=as_of)[0]) for line in lines]
    cited = {item["article_id"] for _, verdict in entries
             for item in [*verdict.evidence, *verdict.speculated, *verdict.assessments]
             if item.get("article_id")}
    return render_report(entries, fmt=fmt, as_of=as_of,
                         articles=line_store.article_references(store, cited))


def render_report(entries: Sequence[tuple[RedLine, Verdict]], *, fmt: str = "md",
                  as_of: datetime | None = None,
                  articles: Mapping[str, Mapping[str, Any]] | None = None) -> str:
    """``articles`` (by id: outlet, headline, url, published) fills in the source list."""
    sources = Sources(known=articles or {})
    blocks = [_line_block(line, verdict, sources) for line, verdict in entries]
    when = (as_of or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    if fmt == "html":
        return _html(blocks, sources, when)
    return _markdown(blocks, sources, when)


@dataclass
class _Block:
    line: RedLine
    verdict: Verdict
    evidence: list[tuple[str, int | None]]
    speculated: list[tuple[str, int | None]]
    assessments: list[tuple[str, int | None]]


def _line_block(line: RedLine, verdict: Verdict, sources: Sources) -> _Block:
    def event(item: Mapping[str, Any]) -> tuple[str, int | None]:
        text = (f"{item['indicator']}: {who_did_what(item)}, {item['factuality_label']} "
                f"{asserted_by(item)}{circumstances(item)}")
        return f"{text} — {item['grade']}: \u201c{item.get('sentence') or ''}\u201d", \
            sources.cite(item)

    def assessment(item: Mapping[str, Any]) -> tuple[str, int | None]:
        who = item.get("speaker") or "unnamed speaker"
        if item.get("role"):
            who += f", {item['role']}"
        says = SAYS_WORDS.get(item["says"], item["says"])
        return f"{who}: {says} — \u201c{item['content']}\u201d", sources.cite(item)

    return _Block(line, verdict, [event(i) for i in verdict.evidence],
                  [event(i) for i in verdict.speculated],
                  [assessment(i) for i in verdict.assessments])


# -- Markdown ----------------------------------------------------------------------------

def _md(text: str) -> str:
    """Text safe inside Markdown: no raw HTML, no accidental emphasis or links."""
    text = html.escape(" ".join(text.split()), quote=False)
    for char in "\\`*_[]#|":
        text = text.replace(char, "\\" + char)
    return text


def _md_items(title: str, items: list[tuple[str, int | None]]) -> list[str]:
    lines = ["", f"**{title}**", ""]
    if not items:
        return [*lines, "- none found"]
    return [*lines, *(f"- {_md(text)}" + (f" [{n}]" if n else "") for text, n in items)]


def _markdown(blocks: list[_Block], sources: Sources, when: str) -> str:
    out = ["# Red-line brief", "", f"As of {when}. {INTRO}"]
    for block in blocks:
        line, verdict = block.line, block.verdict
        out += ["", f"## {_md(line.title)}", "",
                f"**Status: {verdict.status.upper()}** ({status_words(verdict.status)}), "
                f"verdict as of {verdict.as_of:%Y-%m-%d %H:%M} UTC.", "",
                f"- **Declared by:** {_md(line.declared_by)} {_md(line.declared or '')}",
                f"- **Source:** {_md(line.source or '')}",
                f"- **If:** {_md(line.trigger.description)}",
                f"- **Then:** {_md(line.consequence)}"]
        out += _md_items("Evidence (reported as having happened)", block.evidence)
        out += _md_items("Speculated, conditional or denied (does not count)", block.speculated)
        out += _md_items("Assessments of the line", block.assessments)
        out += ["", "**Options under discussion**", ""]
        out += [f"- {_md(option)}" for option in line.options] or ["- none recorded"]
    out += ["", "## Sources", ""]
    for number, item in enumerate(sources.articles, start=1):
        out.append(f"{number}. {_md(_source_text(item))}" +
                   (f" <{_md_url(item['url'])}>" if _safe_url(item.get("url")) else ""))
    return "\n".join(out) + "\n"


def _md_url(url: str) -> str:
    return url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")


# -- HTML --------------------------------------------------------------------------------

def _h(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _html_items(title: str, items: list[tuple[str, int | None]]) -> list[str]:
    out = [f"<h3>{_h(title)}</h3>", "<ul>"]
    if not items:
        out.append("<li>none found</li>")
    for text, number in items:
        cite = f' <a href="#source-{number}">[{number}]</a>' if number else ""
        out.append(f"<li>{_h(text)}{cite}</li>")
    return [*out, "</ul>"]


def _html(blocks: list[_Block], sources: Sources, when: str) -> str:
    out = ["<!doctype html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           "<title>Red-line brief</title>", "</head>", "<body>", "<h1>Red-line brief</h1>",
           f"<p>As of {_h(when)}. {_h(INTRO)}</p>"]
    for block in blocks:
        line, verdict = block.line, block.verdict
        out += [f'<section id="{_h(line.id)}">', f"<h2>{_h(line.title)}</h2>",
                f"<p><strong>Status: {_h(verdict.status.upper())}</strong> "
                f"({_h(status_words(verdict.status))}), verdict as of "
                f"{verdict.as_of:%Y-%m-%d %H:%M} UTC.</p>", "<dl>",
                f"<dt>Declared by</dt><dd>{_h(line.declared_by)} {_h(line.declared or '')}</dd>",
                f"<dt>Source</dt><dd>{_h(line.source or '')}</dd>",
                f"<dt>If</dt><dd>{_h(line.trigger.description)}</dd>",
                f"<dt>Then</dt><dd>{_h(line.consequence)}</dd>", "</dl>"]
        out += _html_items("Evidence (reported as having happened)", block.evidence)
        out += _html_items("Speculated, conditional or denied (does not count)",
                           block.speculated)
        out += _html_items("Assessments of the line", block.assessments)
        out += ["<h3>Options under discussion</h3>", "<ul>"]
        out += [f"<li>{_h(option)}</li>" for option in line.options] or ["<li>none</li>"]
        out += ["</ul>", "</section>"]
    out += ["<h2>Sources</h2>", "<ol>"]
    for number, item in enumerate(sources.articles, start=1):
        link = f' <a href="{_h(item["url"])}">{_h(item["url"])}</a>' \
            if _safe_url(item.get("url")) else ""
        out.append(f'<li id="source-{number}">{_h(_source_text(item))}{link}</li>')
    out += ["</ol>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _source_text(item: Mapping[str, Any]) -> str:
    parts = [str(item[key]) for key in ("outlet", "headline") if item.get(key)]
    if item.get("published"):
        parts.append(str(item["published"])[:10])
    return ", ".join(parts) or f"article {item.get('article_id')}"


def _safe_url(url: Any) -> bool:
    return isinstance(url, str) and urlparse(url).scheme in ("http", "https")
