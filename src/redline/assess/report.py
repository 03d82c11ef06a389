"""A brief for a decision-maker: the bottom line first (every line's status, likelihood
and confidence, and what changed since the previous brief), then per line the key
judgement in plain sentences with numbered citations, what would change it, and the
evidence behind it. Markdown or one self-contained HTML file (``report_html``), which
Chromium prints to PDF."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from redline.assess import lines as red_lines
from redline.assess.brief_words import claim_sentence
from redline.assess.engine import verdict_for
from redline.assess.explain import SAYS_WORDS, asserted_by, circumstances, quoted, status_words
from redline.errors import InputError
from redline.records import RedLine, Verdict
from redline.store import Store
from redline.store import lines as line_store

FORMATS = ("md", "html", "pdf")
INTRO = ("Each claim carries an Admiralty grade: source reliability A (completely reliable) "
         "to F (cannot be judged), then credibility 1 (confirmed by other sources) to "
         "6 (cannot be judged). Only claims reported as having happened count towards a "
         "verdict; speculated ones are listed apart.")
STATUS_TITLES = {"not_crossed": "Not crossed", "precursors_seen": "Precursors seen",
                 "reported_crossed": "Reported crossed", "crossed": "Crossed"}
#: How many plain sentences the key judgement gives at most per line.
KEY_SENTENCES = 3


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


Cited = tuple[str, int | None]


@dataclass
class Block:
    """One line of the brief, in words, its citations numbered."""

    line: RedLine
    verdict: Verdict
    previous: Verdict | None
    judgement: list[Cited]
    would_change: list[str]
    evidence: list[Cited]
    speculated: list[Cited]
    assessments: list[Cited]

    @property
    def status(self) -> str:
        return STATUS_TITLES.get(self.verdict.status, self.verdict.status)

    @property
    def likelihood(self) -> str:
        return str(getattr(self.verdict, "likelihood", None) or "")

    @property
    def confidence(self) -> str:
        return str(getattr(self.verdict, "confidence", None) or "")

    @property
    def change(self) -> str:
        """What changed since the previous brief (the verdict before this one)."""
        if self.previous is None:
            return "first assessment"
        before, now = self.previous, self.verdict
        known = {item.get("event_id") for item in before.evidence}
        new = sum(1 for item in now.evidence if item.get("event_id") not in known)
        parts = []
        if before.status != now.status:
            parts.append(f"was {STATUS_TITLES.get(before.status, before.status).lower()}")
        if new:
            parts.append(f"{new} new piece{'s' if new != 1 else ''} of evidence")
        since = f" since {before.as_of:%d %b %Y}"
        return ("; ".join(parts) + since) if parts else f"no change{since}"


def build_report(store: Store, *, fmt: str = "md", as_of: datetime | None = None,
                 line_ids: Sequence[str] | None = None, since: datetime | None = None) -> str:
    """The brief for every stored line (or ``line_ids``) in ``fmt`` (md or html).

    "What changed" compares with the verdict as of ``since`` (the previous brief's date),
    or by default with the verdict stored before the one reported."""
    if fmt not in FORMATS or fmt == "pdf":
        raise InputError(f"format {fmt!r}", "unknown; valid formats: md, html (and pdf, "
                                            "written to a file by write_pdf)")
    lines = [red_lines.get_line(store, i) for i in line_ids] if line_ids \
        else red_lines.list_lines(store)
    entries = []
    for line in lines:
        verdict = verdict_for(store, line.id, as_of=as_of)[0]
        entries.append((line, verdict, _previous(store, verdict, since)))
    cited = {item["article_id"] for _, verdict, _ in entries
             for item in [*verdict.evidence, *verdict.speculated, *verdict.assessments]
             if item.get("article_id")}
    return render_report(entries, fmt=fmt, as_of=as_of,
                         articles=line_store.article_references(store, cited))


def write_pdf(store: Store, path: Path, *, as_of: datetime | None = None,
              line_ids: Sequence[str] | None = None, since: datetime | None = None,
              chromium: str | None = None) -> Path:
    """The HTML brief printed to ``path`` as PDF by a headless Chromium."""
    from redline.assess.report_pdf import html_to_pdf

    text = build_report(store, fmt="html", as_of=as_of, line_ids=line_ids, since=since)
    return html_to_pdf(text, path, chromium=chromium)


def _previous(store: Store, verdict: Verdict, since: datetime | None) -> Verdict | None:
    if since is not None:
        return line_store.latest_verdict(store, verdict.line_id, as_of=since)
    earlier = [v for v in line_store.verdict_history(store, verdict.line_id)
               if v.as_of < verdict.as_of or (verdict.id is not None and v.id is not None
                                              and v.id < verdict.id)]
    return earlier[-1] if earlier else None


def render_report(entries: Sequence[tuple[RedLine, Verdict, Verdict | None]], *,
                  fmt: str = "md", as_of: datetime | None = None,
                  articles: Mapping[str, Mapping[str, Any]] | None = None) -> str:
    """``articles`` (by id: outlet, headline, url, published) fills in the source list."""
    sources = Sources(known=articles or {})
    blocks = [line_block(line, verdict, previous, sources)
              for line, verdict, previous in entries]
    when = (as_of or datetime.now(UTC)).strftime("%d %b %Y %H:%M UTC")
    if fmt == "html":
        from redline.assess.report_html import render_html

        return render_html(blocks, sources, when)
    return _markdown(blocks, sources, when)


def by_sentence(items: Sequence[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    """Items read from the same sentence, together: an extractor may read one sentence as
    several events ("deploying troops to Russia" as AID and as MOBILIZE)."""
    groups: dict[tuple[Any, ...], list[Mapping[str, Any]]] = {}
    for item in items:
        key = (item.get("article_id"), item.get("sentence") or tuple(item.get("span") or ()))
        groups.setdefault(key, []).append(item)
    return list(groups.values())


def reading(item: Mapping[str, Any]) -> str:
    """``troop-deployment: PRK MOBILIZE → RUS, reported per the NIS (B2)``."""
    recipient = item.get("recipient") or item.get("recipient_text")
    arrow = f" → {recipient}" if recipient else ""
    actor = item.get("actor") or item.get("actor_text") or "?"
    return (f"{item['indicator']}: {actor} {item['event_type']}{arrow}, "
            f"{item['factuality_label']} {asserted_by(item)}{circumstances(item)} "
            f"({item['grade']})")


def line_block(line: RedLine, verdict: Verdict, previous: Verdict | None,
               sources: Sources) -> Block:
    def event(group: Sequence[Mapping[str, Any]]) -> Cited:
        readings = "; ".join(dict.fromkeys(reading(each) for each in group))
        return f"{quoted(group[0].get('sentence') or '')} — {readings}", sources.cite(group[0])

    def assessment(item: Mapping[str, Any]) -> Cited:
        who = item.get("speaker") or "unnamed speaker"
        if item.get("role"):
            who += f", {item['role']}"
        says = SAYS_WORDS.get(item["says"], item["says"])
        return f"{who}: {says} — {quoted(item['content'])}", sources.cite(item)

    judgement: list[Cited] = [(_status_sentence(verdict), None)]
    strongest = [max(group, key=lambda item: item.get("factuality") or 0)
                 for group in by_sentence(verdict.evidence)]
    strongest.sort(key=lambda item: (item.get("role") != "trigger",
                                     -(item.get("factuality") or 0)))
    judgement += [(claim_sentence(item), sources.cite(item))
                  for item in strongest[:KEY_SENTENCES]]
    return Block(line, verdict, previous, judgement, _would_change(line, verdict),
                 [event(g) for g in by_sentence(verdict.evidence)],
                 [event(g) for g in by_sentence(verdict.speculated)],
                 [assessment(i) for i in verdict.assessments])


def _status_sentence(verdict: Verdict) -> str:
    words = {"not_crossed": "No event that would cross the line is reported as having "
                            "happened.",
             "precursors_seen": "The line has not been crossed, but events that lead "
                                "towards it have happened.",
             "reported_crossed": "The trigger is reported to have happened, on evidence "
                                 "short of the corroboration the line asks for.",
             "crossed": "The trigger is confirmed to have happened: the line is crossed."}
    text = words.get(verdict.status, status_words(verdict.status))
    likelihood = getattr(verdict, "likelihood", None)
    confidence = getattr(verdict, "confidence", None)
    if likelihood:
        text += f" That it has been crossed is {likelihood}"
        text += f" ({confidence} confidence)." if confidence else "."
    return text


def _would_change(line: RedLine, verdict: Verdict) -> list[str]:
    rules = ", or by ".join(rule.describe() for rule in line.trigger.corroboration)
    trigger = line.trigger.description or "the trigger pattern"
    if verdict.status == "crossed":
        return [f"A credible denial or retraction of the trigger ({trigger}) by the sources "
                "cited."]
    out = [f"A report, stated as fact and corroborated by {rules}, that the trigger has "
           f"happened: {trigger}."]
    pending = [item for item in verdict.speculated if item.get("role") == "trigger"]
    if pending:
        out.append("Confirmation of the speculated trigger report"
                   f"{'s' if len(pending) > 1 else ''} listed below.")
    if verdict.status == "reported_crossed":
        out.append(f"Corroboration of the trigger reports already in hand by {rules}.")
    return out


# -- Markdown ----------------------------------------------------------------------------

def md(text: str) -> str:
    """Text safe inside Markdown: no raw HTML, no accidental emphasis or links; characters
    are escaped with backslashes (CommonMark), never as HTML entities."""
    text = " ".join(text.split())
    for char in "\\`*_[]#|<>":
        text = text.replace(char, "\\" + char)
    return text


def _cite(number: int | None) -> str:
    return f" [{number}]" if number else ""


def _md_items(title: str, items: list[Cited]) -> list[str]:
    lines = ["", f"**{title}**", ""]
    if not items:
        return [*lines, "- none found"]
    return [*lines, *(f"- {md(text)}{_cite(n)}" for text, n in items)]


def _md_cell(text: str) -> str:
    return md(text) or "—"


def _markdown(blocks: list[Block], sources: Sources, when: str) -> str:
    out = ["# Red-line brief", "", f"As of {when}.", "", "## Bottom line", "",
           "| Red line | Status | Likelihood | Confidence | Since the previous brief |",
           "|---|---|---|---|---|"]
    out += [f"| {md(b.line.title)} | {b.status} | {_md_cell(b.likelihood)} | "
            f"{_md_cell(b.confidence)} | {md(b.change)} |" for b in blocks]
    for block in blocks:
        line, verdict = block.line, block.verdict
        out += ["", f"## {md(line.title)}", "",
                f"**{block.status}** — verdict as of {verdict.as_of:%d %b %Y %H:%M} UTC.", ""]
        for text, number in block.judgement:
            out += [f"{md(text)}{_cite(number)}", ""]
        out.pop()
        out += ["", "**What would change the judgement**", ""]
        out += [f"- {md(text)}" for text in block.would_change]
        out += ["", f"- **Declared by:** {md(line.declared_by)} {md(line.declared or '')}",
                f"- **Source:** {md(line.source or '')}",
                f"- **If:** {md(line.trigger.description)}",
                f"- **Then:** {md(line.consequence)}"]
        out += _md_items("Evidence (reported as having happened)", block.evidence)
        out += _md_items("Speculated, conditional or denied (does not count)", block.speculated)
        out += _md_items("Assessments of the line", block.assessments)
        out += ["", "**Options under discussion**", ""]
        out += [f"- {md(option)}" for option in line.options] or ["- none recorded"]
    out += ["", "## How to read the grades", "", INTRO, "", "## Sources", ""]
    for number, item in enumerate(sources.articles, start=1):
        out.append(f"{number}. {md(source_text(item))}" +
                   (f" <{_md_url(item['url'])}>" if safe_url(item.get("url")) else ""))
    return "\n".join(out) + "\n"


def _md_url(url: str) -> str:
    return url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")


def source_text(item: Mapping[str, Any]) -> str:
    parts = [str(item[key]) for key in ("outlet", "headline") if item.get(key)]
    if item.get("published"):
        parts.append(str(item["published"])[:10])
    return ", ".join(parts) or f"article {item.get('article_id')}"


def safe_url(url: Any) -> bool:
    return isinstance(url, str) and urlparse(url).scheme in ("http", "https")
