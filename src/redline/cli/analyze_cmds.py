"""``redline analyze``: events and quotes of a file, or of the stored articles."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape

from redline.cli import app
from redline.cli.common import (
    CSV_HELP,
    console,
    edge,
    err_console,
    fail,
    machine_format,
    progress_bar,
    state,
    to_csv,
)
from redline.records import Analysis, Event, Quote, flat, flat_fields

#: The CSV columns: an event's, then a quote's (each row fills those of its type), in the
#: order they first had, which a reader by position relies on; a field added to the
#: records since goes after them all, in the order of ``CSV_ADDED`` (then of the records).
_FIRST_COLUMNS = ("type", "event", "cameo", "actor", "actor_text", "recipient",
                  "recipient_text", "mode", "size", "size_unit", "location", "date",
                  "date_granularity", "factuality", "factuality_label", "attributed_to",
                  "attributed_text", "trigger", "objects", "sentence", "span", "speaker",
                  "speaker_actor", "role", "kind", "cue", "content", "content_span",
                  "span_start", "span_end", "context", "size_qualifier", "location_country",
                  "location_region", "date_start", "date_end", "date_text", "assertion",
                  "trigger_start", "trigger_end", "speaker_start", "speaker_end", "cue_start",
                  "cue_end", "content_start", "content_end", "speaker_span")
#: The columns of fields added to the records after ``_FIRST_COLUMNS``, in the order added.
CSV_ADDED = ("intended_by", "intended_text")
CSV_COLUMNS = tuple(dict.fromkeys([
    *_FIRST_COLUMNS, *CSV_ADDED, *(name for name, _ in flat_fields(Event)),
    *(name for name, _ in flat_fields(Quote))]))


def event_json(event: Event) -> dict[str, Any]:
    """One event as a JSON object (``"type": "event"``): every flat field of the record
    (``records.flat``), with its date as written (``2024-10``) and its span as a pair."""
    return {"type": "event", **_json_values(flat(event)),
            "date": str(event.date) if event.date is not None else None,
            "span": list(event.span)}


def quote_json(quote: Quote) -> dict[str, Any]:
    """One quote as a JSON object (``"type": "quote"``), its spans also as pairs."""
    return {"type": "quote", **_json_values(flat(quote)),
            "content_span": list(quote.content_span),
            "speaker_span": list(quote.speaker_span) if quote.speaker_span else None}


def _json_values(values: dict[str, object]) -> dict[str, object]:
    return {name: value.isoformat() if isinstance(value, date) else value
            for name, value in values.items()}


def _party(code: str | None, text: str | None) -> str:
    if code and text:
        return f"{escape(code)} [dim]({escape(text)})[/]"
    return escape(code or text or "")


def _print_table(analysis: Analysis) -> None:
    from rich.table import Table

    from redline.extract.gazetteer import place_label

    table = Table(title=f"{len(analysis.events)} events", show_lines=False)
    table.add_column("event", no_wrap=True)  # a PLOVER type: never broken
    for column in ("actor", "recipient", "trigger", "size", "place", "date", "factuality",
                   "aim of", "according to"):
        table.add_column(column, overflow="fold")
    for event in analysis.events:
        size = f"{event.size.text or int(event.size)}" if event.size is not None else ""
        table.add_row(
            escape(event.event), _party(event.actor, event.actor_text),
            _party(event.recipient, event.recipient_text), escape(event.trigger), escape(size),
            escape(place_label(event.location, event.location_country, event.location_region)),
            escape(str(event.date or "")), f"{event.factuality_label} ({event.factuality:+.1f})",
            _party(event.intended_by, event.intended_text),
            _party(event.attributed_to, event.attributed_text))
    console.print(table)
    quotes = Table(title=f"{len(analysis.quotes)} quotes")
    for column in ("speaker", "kind", "content"):
        quotes.add_column(column, overflow="fold")
    for quote in analysis.quotes:
        quotes.add_row(_party(quote.speaker_actor, quote.speaker), quote.kind,
                       escape(quote.content))
    console.print(quotes)


def _records(analysis: Analysis) -> list[dict[str, Any]]:
    return [*map(event_json, analysis.events), *map(quote_json, analysis.quotes)]


def _print_json(analysis: Analysis) -> None:
    for record in _records(analysis):
        typer.echo(json.dumps(record, ensure_ascii=False))


def _analyze_stored(redo: bool) -> None:
    from redline.pipeline import analyze_articles
    from redline.store.evidence import unanalyzed_article_ids

    store = state.store
    ids = unanalyzed_article_ids(store, all_articles=redo)
    events = quotes = failed = 0
    with progress_bar("analysing") as progress:
        task = progress.add_task("analyse", total=len(ids))
        for outcome in analyze_articles(store, ids,
                                        max_chars=state.settings.max_analyze_chars):
            if outcome.error is not None:
                failed += 1
                err_console.print(f"[bold red]error:[/] {escape(outcome.article_id[:12])}: "
                                  f"{escape(outcome.error)}", highlight=False)
            else:
                events, quotes = events + outcome.events, quotes + outcome.quotes
            progress.advance(task)
    console.print(f"{len(ids) - failed} articles analysed: {events} events, {quotes} quotes"
                  + (f"; {failed} failed" if failed else ""), highlight=False)


@app.command("analyze")
@edge
def analyze_cmd(
    file: Path | None = typer.Argument(
        None, metavar="[FILE]",
        help="A plain-text or Markdown article (- reads standard input); page furniture is "
             "dropped."),
    published: str | None = typer.Option(
        None, "--published", metavar="DATE",
        help="Publication date or time (e.g. 2024-10-20); relative dates are resolved against it."),
    as_json: bool = typer.Option(
        False, "--json",
        help="Print JSON lines, one object per event or quote, with a \"type\" key."),
    as_csv: bool = typer.Option(False, "--csv", help=CSV_HELP),
    all_articles: bool = typer.Option(
        False, "--all", help="Analyse every stored article not analysed yet."),
    redo: bool = typer.Option(
        False, "--redo", help="With --all: analyse every stored article again."),
) -> None:
    """Extract events (who did what to whom, how sure, per whom) and quotes."""
    if all_articles == (file is not None):
        raise fail("give either FILE or --all")
    if redo and not all_articles:
        raise fail("--redo goes with --all")
    if all_articles:
        _analyze_stored(redo)
        return
    from redline.extract.documents import analyze_file, analyze_stream

    assert file is not None
    fmt = machine_format(as_json, as_csv)
    max_bytes = state.settings.max_bytes
    analysis = (analyze_stream(sys.stdin.buffer, published=published, max_bytes=max_bytes)
                if str(file) == "-" else
                analyze_file(file, published=published, max_bytes=max_bytes))
    if fmt == "json":
        _print_json(analysis)
    elif fmt == "csv":
        typer.echo(to_csv(_records(analysis), CSV_COLUMNS), nl=False)
    else:
        _print_table(analysis)
