"""``redline ingest``, ``redline articles`` and ``redline show``."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import TYPE_CHECKING, Any

import typer

from redline.cli import app
from redline.cli.common import (
    ALLOW_HOST_HELP,
    CSV_HELP,
    JSON_HELP,
    console,
    edge,
    emit,
    err_console,
    machine_format,
    progress_bar,
    state,
    to_json,
)
from redline.errors import InputError

if TYPE_CHECKING:
    from redline.pipeline import Outcome
    from redline.store.articles import StoredArticle

#: The input formats of ``redline.ingest.sources.FORMATS`` (a test keeps the two equal).
INGEST_FORMATS = ("auto", "text", "html", "feed", "jsonl")
_STATUS_STYLE = {"new": "green", "changed": "yellow", "unchanged": "dim", "failed": "red"}
ARTICLE_COLUMNS = ("id", "published", "outlet", "headline", "url")


def _report(outcome: Outcome) -> None:
    from rich.markup import escape

    if outcome.status == "failed":
        err_console.print(f"[bold red]error:[/] {escape(outcome.error or outcome.source)}",
                          highlight=False, soft_wrap=True)
        return
    style = _STATUS_STYLE[outcome.status]
    line = (f"[{style}]{outcome.status:<9}[/] {(outcome.article_id or '')[:12]}  "
            f"{escape(outcome.headline or '(no headline)')}  [dim]{escape(outcome.source)}[/]")
    if outcome.replaced:
        line += f"  [dim](replaces {outcome.replaced[:12]})[/]"
    if outcome.analysis:
        line += f"  [dim]· {escape(outcome.analysis)}[/]"
    console.print(line, highlight=False, soft_wrap=True)


def _summary(counts: Counter[str], analysis_failures: int) -> str:
    parts = [f"{counts[name]} {name}" for name in ("new", "changed", "unchanged", "failed")]
    text = ", ".join(parts)
    if analysis_failures:
        text += f"; {analysis_failures} not analysed because of an error"
    return text


@app.command("ingest")
@edge
def ingest_cmd(
    sources: list[str] = typer.Argument(
        ..., metavar="PATH|URL...",
        help="Text, Markdown, HTML, RSS/Atom or JSONL files, folders of them, or http(s) URLs."),
    published: str | None = typer.Option(
        None, "--published", metavar="DATE",
        help="Publication date or time, e.g. 2024-10-20 (midnight UTC) or "
             "2024-10-20T09:30+09:00; wins over sidecars and the page."),
    outlet: str | None = typer.Option(
        None, "--outlet", metavar="NAME", help='Outlet name, e.g. "The Korea Times".'),
    url: str | None = typer.Option(
        None, "--url", metavar="URL",
        help="The article's web address (one article only); it is canonicalised and used to "
             "recognise the article when ingested again."),
    retrieved: str | None = typer.Option(
        None, "--retrieved", metavar="TIME",
        help="When the page was read; relative times on it (\"3 hours ago\") count back "
             "from here to give the publication time."),
    fmt: str = typer.Option(
        "auto", "--format", metavar="|".join(INGEST_FORMATS),
        help="Input format; auto decides by file extension, then by content."),
    no_analyze: bool = typer.Option(
        False, "--no-analyze",
        help="Only store the articles; do not extract events and quotes now."),
    follow_links: bool = typer.Option(
        False, "--follow-links",
        help="For feeds: fetch the page each entry links to instead of using its summary."),
    allow_host: list[str] = typer.Option([], "--allow-host", metavar="NAME",
                                         help=ALLOW_HOST_HELP),
) -> None:
    """Clean, store and analyse news articles. Sidecars NAME.meta.json or NAME.meta.yaml
    beside a file give its metadata (published, outlet, title, url). The same article
    ingested twice is stored once and reported as unchanged. Exit code 1 if anything failed."""
    from redline.ingest import FORMATS, ReadOptions, count_items, meta_from_flags
    from redline.pipeline import ingest

    if fmt not in FORMATS:
        raise InputError("--format", f"unknown format {fmt!r}; valid: {', '.join(FORMATS)}")
    if url is not None and len(sources) > 1:
        raise InputError("--url", "names one article; give a single PATH or URL with it")
    options = ReadOptions(
        fmt=fmt, follow_links=follow_links,
        meta=meta_from_flags(url=url, outlet=outlet, published=published, retrieved=retrieved))
    state.allow_hosts(allow_host)
    settings, store = state.settings, state.store
    counts: Counter[str] = Counter()
    analysis_failures = 0
    total = count_items(sources, fmt, max_bytes=settings.max_bytes)
    outcomes = ingest(store, sources, settings=settings, options=options,
                      analyze=False if no_analyze else None)
    with progress_bar("ingesting", show=total > 1) as progress:
        task = progress.add_task("ingest", total=total)
        for outcome in outcomes:
            _report(outcome)
            counts[outcome.status] += 1
            analysis_failures += outcome.analysis_failed
            progress.advance(task)
    if sum(counts.values()) > 1 or counts["failed"]:
        console.print(_summary(counts, analysis_failures), highlight=False)
    if counts["failed"] or analysis_failures:
        raise typer.Exit(1)


def _since(value: str | None) -> datetime | None:
    from redline.ingest.dates import to_utc

    return to_utc(value, source="--since", field="value")


def _day(moment: datetime | None) -> str:
    return moment.date().isoformat() if moment else "—"


def article_row(item: StoredArticle) -> dict[str, Any]:
    """A stored article's metadata (not its text) as a flat record."""
    article = item.article
    return {
        "id": article.id, "published": _iso(article.published), "outlet": article.outlet,
        "headline": article.headline, "subheadline": article.subheadline,
        "byline": article.byline, "url": article.url, "retrieved": _iso(article.retrieved),
        "ingested": _iso(item.ingested), "analyzed": _iso(item.analyzed),
        "source": article.source_path, "headings": list(article.section_headings),
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


@app.command("articles")
@edge
def articles_cmd(
    search: str | None = typer.Option(
        None, "--search", help="Only articles whose headline or text contains TEXT "
                               "(ignoring case).", metavar="TEXT"),
    outlet: str | None = typer.Option(
        None, "--outlet", metavar="NAME",
        help="Only articles whose outlet name contains this (ignoring case)."),
    since: str | None = typer.Option(
        None, "--since", metavar="DATE",
        help="Only articles published on or after this date, e.g. 2024-10-01."),
    limit: int = typer.Option(
        50, "--limit", min=1, metavar="N", help="Show at most this many articles."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    as_csv: bool = typer.Option(False, "--csv", help=CSV_HELP),
) -> None:
    """List stored articles, newest first, with the id prefix that `redline show` accepts
    (--json and --csv give the full id)."""
    from rich.markup import escape

    from redline.store.articles import list_articles

    fmt = machine_format(as_json, as_csv)
    found = list_articles(state.store, search=search, outlet=outlet, since=_since(since),
                          limit=limit)
    if fmt:
        emit([article_row(item) for item in found], fmt, ARTICLE_COLUMNS)
        return
    if not found:
        console.print("no articles match", highlight=False)
        return
    for item in found:
        article = item.article
        console.print(f"[bold]{article.id[:12]}[/]  {_day(article.published):<10}  "
                      f"{escape(article.headline or '(no headline)')}  "
                      f"[dim]{escape(article.outlet or '')}[/]", highlight=False, soft_wrap=True)


def _metadata_lines(item: StoredArticle) -> list[tuple[str, str]]:
    row = article_row(item)
    rows = [(key, row[key]) for key in ("id", "headline", "subheadline", "byline", "outlet",
                                        "url", "published", "retrieved", "ingested")]
    rows += [("analysed", row["analyzed"] or "no"), ("source", row["source"])]
    if row["headings"]:
        rows.append(("headings", " · ".join(row["headings"])))
    return [(key, value) for key, value in rows if value]


@app.command("show")
@edge
def show_cmd(
    article_id: str = typer.Argument(..., help="Article id, or a unique prefix of it."),
    furniture: bool = typer.Option(
        False, "--furniture", help="Also list the page furniture removed from the text."),
    as_json: bool = typer.Option(
        False, "--json", help="Print the article (metadata, text, furniture) as JSON."),
) -> None:
    """Show a stored article: its metadata, then its clean text."""
    from rich.markup import escape

    from redline.store.articles import get_article

    item = get_article(state.store, article_id)
    if as_json:
        typer.echo(to_json({**article_row(item), "text": item.article.text,
                            "furniture": list(item.article.boilerplate)}))
        return
    for key, value in _metadata_lines(item):
        console.print(f"[bold]{key + ':':<12}[/] {escape(value)}", highlight=False,
                      soft_wrap=True)
    if furniture:
        console.print(f"[bold]{'furniture:':<12}[/] {len(item.article.boilerplate)} lines",
                      highlight=False)
        for line in item.article.boilerplate:
            console.print(f"  [dim]- {escape(line)}[/]", highlight=False, soft_wrap=True)
    console.print()
    console.print(escape(item.article.text), highlight=False, soft_wrap=True)
