"""Red-line commands: ``lines add|list``, ``assess``, ``history``, ``explain``, ``report``."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import typer

from redline.alerts import AlertError, deliver_pending, verdict_moves
from redline.assess import Verdict
from redline.assess import assess as assess_lines
from redline.assess.engine import parse_as_of, verdict_for
from redline.assess.explain import explain_text, status_words
from redline.assess.lines import load_lines
from redline.assess.report import FORMATS, build_report
from redline.cli import app
from redline.cli.common import ALLOW_HOST_HELP, console, edge, err_console, fail, state
from redline.store import lines as line_store
from redline.store.analysis_state import unanalysed

lines_app = typer.Typer(help="Declare red lines and list them.", no_args_is_help=True)
app.add_typer(lines_app, name="lines")

AS_OF_HELP = ("Use only articles published by then: YYYY-MM-DD (end of that day, UTC) "
              "or an ISO datetime.")


def _as_of(text: str | None) -> datetime | None:
    return parse_as_of(text) if text else None


@lines_app.command("add")
@edge
def lines_add(
    file: Path = typer.Argument(..., help="YAML file of red lines (format: docs/redlines.md)."),
) -> None:
    """Validate a red-line file and store its lines (a line with a stored id is updated)."""
    ids = line_store.add_lines(state.store, load_lines(file))
    console.print(f"stored {len(ids)} red line{'s' if len(ids) != 1 else ''}: {', '.join(ids)}",
                  highlight=False)


@lines_app.command("list")
@edge
def lines_list(
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """List the stored red lines with their latest verdict."""
    lines = line_store.list_lines(state.store)
    latest = {line.id: line_store.latest_verdict(state.store, line.id) for line in lines}
    if as_json:
        statuses = {i: v.status if v else None for i, v in latest.items()}
        typer.echo(json.dumps([{**line.spec, "status": statuses[line.id]} for line in lines],
                              indent=2))
        return
    if not lines:
        console.print("no red lines stored; add some with: redline lines add FILE")
    for line in lines:
        verdict = latest[line.id]
        status = verdict.status if verdict else "not assessed"
        console.print(f"{line.id}  [{status}]  declared by {line.declared_by} "
                      f"{line.declared or ''}: {line.title}", highlight=False, markup=False)


@app.command("assess")
@edge
def assess_cmd(
    as_of: str | None = typer.Option(None, "--as-of", help=AS_OF_HELP),
    line: list[str] = typer.Option([], "--line", help="Assess only this line (repeatable)."),
    full: bool = typer.Option(False, "--full",
                              help="Re-read all evidence instead of what is new since the last "
                                   "verdict."),
    as_json: bool = typer.Option(False, "--json", help="Print the verdicts as JSON."),
    webhook: str | None = typer.Option(
        None, "--webhook", metavar="URL",
        help="POST a JSON alert here for each verdict that changed (setting webhook); "
             "undelivered alerts are sent again by the next assess."),
    allow_host: list[str] = typer.Option([], "--allow-host", metavar="NAME",
                                         help=ALLOW_HOST_HELP),
) -> None:
    """Compute a verdict per red line and append the ones that changed."""
    started = datetime.now(UTC)
    state.allow_hosts(allow_host)
    target = webhook or state.settings.webhook
    cutoff = _as_of(as_of)
    verdicts = assess_lines(state.store, as_of=cutoff, line_ids=line or None, full=full,
                            alerts=bool(target))
    moved = verdict_moves(verdicts, since=started)
    _warn_unanalysed(cutoff)
    refused: AlertError | None = None
    delivery = None
    if target:
        try:
            delivery = deliver_pending(state.store, state.settings, target)
        except AlertError as exc:  # the verdicts are stored: show them, then the error
            refused = exc
        else:
            err_console.print(f"alerted {delivery.delivered} change(s) to the webhook",
                              highlight=False)
    _print_verdicts(verdicts, moved, as_json)
    if refused is not None:
        raise refused
    if delivery is not None:
        delivery.raise_for_failures(target)


def _warn_unanalysed(cutoff: datetime | None) -> None:
    missing = unanalysed(state.store, upto=cutoff)
    if missing.total:
        err_console.print(
            f"[bold yellow]warning:[/] {missing.total} stored articles are not analysed "
            f"({missing.failed} failed); their events are not in these verdicts. Run: "
            "redline analyze --all", highlight=False, soft_wrap=True)


def _print_verdicts(verdicts: list[Verdict], moved: list[Verdict], as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps([v.to_dict() for v in verdicts], indent=2))
        return
    for verdict in verdicts:
        before = (verdict.changed or {}).get("from")
        change = f"{before or 'first verdict'} -> {verdict.status}" if verdict in moved \
            else "unchanged"
        console.print(
            f"{verdict.line_id}: {status_words(verdict.status)} ({change}); "
            f"{len(verdict.evidence)} evidence, {len(verdict.speculated)} speculated, "
            f"{len(verdict.assessments)} assessments", highlight=False, markup=False)


@app.command("history")
@edge
def history_cmd(
    line_id: str = typer.Argument(..., metavar="LINE", help="Red-line id."),
    as_json: bool = typer.Option(False, "--json", help="Print the verdicts as JSON."),
) -> None:
    """Show how the verdict on a line moved, and which article moved it."""
    line_store.get_line(state.store, line_id)
    verdicts = line_store.verdict_history(state.store, line_id)
    if as_json:
        typer.echo(json.dumps([v.to_dict() for v in verdicts], indent=2))
        return
    articles = line_store.article_references(
        state.store, [v.moved_by_article for v in verdicts if v.moved_by_article])
    if not verdicts:
        console.print(f"no verdicts yet for {line_id}; run: redline assess", highlight=False)
    for verdict in verdicts:
        console.print(_history_line(verdict, articles), highlight=False, markup=False)


def _history_line(verdict: Verdict, articles: dict[str, dict[str, Any]]) -> str:
    changed = verdict.changed or {}
    text = f"as of {verdict.as_of:%Y-%m-%d %H:%M} UTC: {verdict.status}"
    if changed.get("from") and changed["from"] != verdict.status:
        text += f" (was {changed['from']})"
    if verdict.moved_by_article:
        mover = articles.get(verdict.moved_by_article, {})
        about = ", ".join(str(mover[k])[:10] if k == "published" else str(mover[k])
                          for k in ("outlet", "headline", "published") if mover.get(k))
        text += f"; moved by article {verdict.moved_by_article[:12]}"
        text += f" ({about})" if about else ""
    new = len(changed.get("new_evidence") or [])
    return text + f"; {new} new item{'s' if new != 1 else ''}"


@app.command("explain")
@edge
def explain_cmd(
    line_id: str = typer.Argument(..., metavar="LINE", help="Red-line id."),
    as_of: str | None = typer.Option(None, "--as-of", help=AS_OF_HELP),
) -> None:
    """Print the verdict on a line with its evidence, speculation, assessments and options."""
    line = line_store.get_line(state.store, line_id)
    verdict, stored = verdict_for(state.store, line_id, as_of=_as_of(as_of))
    console.print(explain_text(line, verdict, stored=stored), markup=False, highlight=False,
                  soft_wrap=True, end="")


@app.command("report")
@edge
def report_cmd(
    fmt: str = typer.Option("md", "--format", help=f"One of {', '.join(FORMATS)}."),
    as_of: str | None = typer.Option(None, "--as-of", help=AS_OF_HELP),
    line: list[str] = typer.Option([], "--line", help="Report only this line (repeatable)."),
    output: Path | None = typer.Option(None, "--output", "-o",
                                       help="Write the brief to this file (default: stdout)."),
) -> None:
    """Write a brief with numbered citations, for a decision-maker."""
    text = build_report(state.store, fmt=fmt, as_of=_as_of(as_of), line_ids=line or None)
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror}") from exc
    console.print(f"wrote {output}", highlight=False)
