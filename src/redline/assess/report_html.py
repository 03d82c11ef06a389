"""The brief as one self-contained HTML file: its style inline, no script, no fetched
asset, laid out for a screen of any width and for print (A4, citations kept whole)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from redline.assess.report import Block, Cited, Sources

STYLE = """
:root { --ink: #1b1f24; --muted: #5b6470; --rule: #d6dae0; --paper: #fff;
  --not_crossed: #2e7d4f; --precursors_seen: #b7791f; --reported_crossed: #c2410c;
  --crossed: #b91c1c; }
* { box-sizing: border-box; }
html { font-size: 16px; }
body { margin: 0 auto; max-width: 52rem; padding: 2rem 1.25rem 3rem; color: var(--ink);
  background: var(--paper); line-height: 1.5;
  font-family: "Source Serif Pro", Georgia, Cambria, "Times New Roman", serif; }
h1, h2, h3, th, .meta, .status, .bluf caption {
  font-family: "Inter", "Helvetica Neue", Arial, system-ui, sans-serif; }
h1 { font-size: 1.9rem; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2.25rem 0 .5rem; border-top: 2px solid var(--ink);
  padding-top: .75rem; }
h3 { font-size: 1rem; margin: 1.25rem 0 .35rem; text-transform: uppercase;
  letter-spacing: .04em; color: var(--muted); }
.meta { color: var(--muted); font-size: .9rem; margin: 0 0 1.5rem; }
.table-wrap { overflow-x: auto; }
table.bluf { width: 100%; border-collapse: collapse; font-size: .95rem; }
table.bluf caption { text-align: left; font-weight: 700; font-size: 1.1rem;
  padding-bottom: .5rem; }
table.bluf th, table.bluf td { text-align: left; vertical-align: top; padding: .45rem .5rem;
  border-bottom: 1px solid var(--rule); }
table.bluf th { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); border-bottom: 2px solid var(--ink); }
.status { display: inline-block; font-weight: 700; font-size: .85rem; padding: .05rem .5rem;
  border-radius: .25rem; color: #fff; white-space: nowrap; }
.status.not_crossed { background: var(--not_crossed); }
.status.precursors_seen { background: var(--precursors_seen); }
.status.reported_crossed { background: var(--reported_crossed); }
.status.crossed { background: var(--crossed); }
.judgement p { margin: .35rem 0; font-size: 1.05rem; }
.judgement p:first-child { font-weight: 600; }
dl.line { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem;
  font-size: .95rem; margin: 1rem 0; }
dl.line dt { font-weight: 700; color: var(--muted); }
dl.line dd { margin: 0; }
ul, ol { padding-left: 1.4rem; }
li { margin: .3rem 0; overflow-wrap: anywhere; }
a.cite { text-decoration: none; font-size: .8em; vertical-align: super; }
ol.sources li { font-size: .9rem; }
.grades { font-size: .9rem; color: var(--muted); }
@media (max-width: 40rem) {
  body { padding: 1rem .75rem 2rem; }
  h1 { font-size: 1.5rem; }
  dl.line { grid-template-columns: 1fr; }
  table.bluf thead { display: none; }
  table.bluf tr { display: block; border-bottom: 1px solid var(--rule); padding: .4rem 0; }
  table.bluf td { display: block; border: 0; padding: .1rem 0; }
  table.bluf td[data-label]::before { content: attr(data-label) ": "; font-weight: 700;
    color: var(--muted); font-family: Arial, sans-serif; font-size: .85rem; }
}
@page { size: A4; margin: 18mm 16mm; }
@media print {
  html { font-size: 11pt; }
  body { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  section.line { break-before: auto; }
  li, tr, .judgement p { break-inside: avoid; page-break-inside: avoid; }
  .status { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  ol.sources a::after { content: ""; }
}
"""


def h(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _cite(number: int | None) -> str:
    return f' <a class="cite" href="#source-{number}">[{number}]</a>' if number else ""


def _items(title: str, items: list[Cited]) -> list[str]:
    out = [f"<h3>{h(title)}</h3>", "<ul>"]
    if not items:
        out.append("<li>none found</li>")
    out += [f"<li>{h(text)}{_cite(number)}</li>" for text, number in items]
    return [*out, "</ul>"]


def _status(block: Block) -> str:
    return f'<span class="status {h(block.verdict.status)}">{h(block.status)}</span>'


def _bluf(blocks: list[Block]) -> list[str]:
    out = ['<div class="table-wrap"><table class="bluf">', "<caption>Bottom line</caption>",
           "<thead><tr><th>Red line</th><th>Status</th><th>Likelihood</th>"
           "<th>Confidence</th><th>Since the previous brief</th></tr></thead>", "<tbody>"]
    for block in blocks:
        out.append(
            f'<tr><td><a href="#{h(block.line.id)}">{h(block.line.title)}</a></td>'
            f'<td data-label="Status">{_status(block)}</td>'
            f'<td data-label="Likelihood">{h(block.likelihood or "—")}</td>'
            f'<td data-label="Confidence">{h(block.confidence or "—")}</td>'
            f'<td data-label="Since the previous brief">{h(block.change)}</td></tr>')
    return [*out, "</tbody></table></div>"]


def render_html(blocks: list[Block], sources: Sources, when: str) -> str:
    from redline.assess.report import INTRO, safe_url, source_text

    out = ["<!doctype html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           "<title>Red-line brief</title>", f"<style>{STYLE}</style>", "</head>", "<body>",
           "<h1>Red-line brief</h1>", f'<p class="meta">As of {h(when)}.</p>', *_bluf(blocks)]
    for block in blocks:
        line, verdict = block.line, block.verdict
        out += [f'<section class="line" id="{h(line.id)}">', f"<h2>{h(line.title)}</h2>",
                f'<p class="meta">{_status(block)} verdict as of '
                f"{verdict.as_of:%d %b %Y %H:%M} UTC</p>", '<div class="judgement">']
        out += [f"<p>{h(text)}{_cite(number)}</p>" for text, number in block.judgement]
        out += ["</div>", "<h3>What would change the judgement</h3>", "<ul>"]
        out += [f"<li>{h(text)}</li>" for text in block.would_change]
        out += ["</ul>", '<dl class="line">',
                f"<dt>Declared by</dt><dd>{h(line.declared_by)} {h(line.declared or '')}</dd>",
                f"<dt>Source</dt><dd>{h(line.source or '')}</dd>",
                f"<dt>If</dt><dd>{h(line.trigger.description)}</dd>",
                f"<dt>Then</dt><dd>{h(line.consequence)}</dd>", "</dl>"]
        out += _items("Evidence (reported as having happened)", block.evidence)
        out += _items("Speculated, conditional or denied (does not count)", block.speculated)
        out += _items("Assessments of the line", block.assessments)
        out += ["<h3>Options under discussion</h3>", "<ul>"]
        out += [f"<li>{h(option)}</li>" for option in line.options] or ["<li>none</li>"]
        out += ["</ul>", "</section>"]
    out += ["<h2>Sources</h2>", '<ol class="sources">']
    for number, item in enumerate(sources.articles, start=1):
        link = f' <a href="{h(item["url"])}">{h(item["url"])}</a>' \
            if safe_url(item.get("url")) else ""
        out.append(f'<li id="source-{number}">{h(source_text(item))}{link}</li>')
    out += ["</ol>", f'<p class="grades">{h(INTRO)}</p>', "</body>", "</html>"]
    return "\n".join(out) + "\n"
