"""Red-line commands: ``lines add|list|remove``, ``assess``, ``history``, ``explain``,
``report``."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from redline.cli import app
from redline.cli.common import (
    ALLOW_HOST_HELP,
    CSV_HELP,
    console,
    edge,
    emit,
    err_console,
    fail,
    machine_format,
    state,
    to_json,
)

if TYPE_CHECKING:
    from redline.assess import Verdict

lines_app = typer.Typer(help="Declare red lines, list them and remove them.",
                        no_args_is_help=True)
app.add_typer(lines_app, name="lines")

AS_OF_HELP = ("Use only articles published by then: YYYY-MM-DD (end of that day, UTC) "
              "or an ISO datetime.")
KNOWN_BY_HELP = ("With --as-of: use only articles the store held (had ingested) by then "
                 "too, same format; default: everything stored now.")
#: The brief's formats (``redline.assess.report.FORMATS``; a test keeps the two equal).
REPORT_FORMATS = ("md", "html", "pdf")
LINE_COLUMNS = ("id", "title", "declared_by", "declared", "status", "likelihood",
                "confidence", "as_of")
VERDICT_COLUMNS = ("line_id", "as_of", "status", "likelihood", "confidence", "from",
                   "moved_by_article", "evidence", "speculated", "assessments", "current")
ITEM_COLUMNS = ("kind", "role", "indicator", "event_type", "actor", "actor_text", "recipient",
                "recipient_text", "factuality_label", "factuality", "attributed_to", "grade",
                "says", "speaker", "content", "speculated_by", "date", "published", "outlet",
                "headline", "article_id", "url", "sentence")


def _as_of(text: str | None) -> datetime | None:
    from redline.assess.engine import parse_as_of

    return parse_as_of(text) if text else None


def verdict_words(verdict: Verdict | None) -> dict[str, Any]:
    """Status, likelihood and confidence of a verdict (the last two when it has them)."""
    if verdict is None:
        return {"status": None, "likelihood": None, "confidence": None, "as_of": None}
    return {"status": verdict.status, "likelihood": getattr(verdict, "likelihood", None),
            "confidence": getattr(verdict, "confidence", None),
            "as_of": verdict.as_of.isoformat()}


def verdict_row(verdict: Verdict) -> dict[str, Any]:
    """One verdict as a flat record: the counts of its lists rather than the lists."""
    return {**verdict_words(verdict), "line_id": verdict.line_id,
            "from": (verdict.changed or {}).get("from"),
            "moved_by_article": verdict.moved_by_article, "evidence": len(verdict.evidence),
            "speculated": len(verdict.speculated), "assessments": len(verdict.assessments),
            "current": verdict.current}


def verdict_json(verdict: Verdict) -> dict[str, Any]:
    return {**verdict.to_dict(), **{k: v for k, v in verdict_words(verdict).items()
                                    if k not in ("status", "as_of")}}


@lines_app.command("add")
@edge
def lines_add(
    file: Path = typer.Argument(..., help="YAML file of red lines (format: docs/redlines.md)."),
) -> None:
    """Validate a red-line file and store its lines (a line with a stored id is updated)."""
    from redline.assess.lines import load_lines
    from redline.store import lines as line_store

    ids = line_store.add_lines(state.store, load_lines(file))
    console.print(f"stored {len(ids)} red line{'s' if len(ids) != 1 else ''}: {', '.join(ids)}",
                  highlight=False)


def _read_text(source: str) -> str:
    """The text of ``source``: a UTF-8 file, or stdin for ``-``."""
    if source == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(source).read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise fail(f"{source}: no such file; give a text file or - for stdin") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise fail(f"{source}: cannot be read as UTF-8 text ({exc})") from exc
    if not text.strip():
        raise fail(f"{'stdin' if source == '-' else source}: empty; expected a text to analyse")
    return text


@lines_app.command("test")
@edge
def lines_test(
    line_id: str = typer.Argument(..., metavar="LINE", help="Red-line id."),
    source: str = typer.Argument(..., metavar="FILE|-",
                                 help="A text file (an article) or - to read a text on stdin."),
    published: str | None = typer.Option(None, "--published",
                                         help="Publication date, to resolve relative dates."),
    outlet: str | None = typer.Option(None, "--outlet", help="Outlet, to grade the source."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """Show which events of a text would match a line, and why the near misses do not."""
    from redline.assess import lines as red_lines
    from redline.assess.explain import quoted
    from redline.assess.probe import probe_text
    from redline.records import flat

    line = red_lines.get_line(state.store, line_id)
    text = _read_text(source)
    found = probe_text(line, text, published=_as_of(published), outlet=outlet)
    if as_json:
        typer.echo(json.dumps([{"indicator": p.indicator, "part": p.part,
                                "matched": p.matched, "counts": p.counts, "note": p.note,
                                "failed": list(p.failed), "event": flat(p.event)}
                               for p in found],
                              indent=2, default=str))
        return
    if not found:
        console.print(f"no event of this text matches or nearly matches {line_id}",
                      highlight=False, markup=False)
    for item in found:
        name = item.indicator + (f" part {item.part}" if item.part else "")
        event = item.event.record
        head = f"{'MATCH' if item.matched else 'near miss'} {name}: " \
            f"{event.actor or '?'} {event.event} -> {event.recipient or '?'}, " \
            f"{event.factuality_label}"
        console.print(head, highlight=False, markup=False)
        console.print(f"    {quoted(event.sentence)}", highlight=False, markup=False)
        console.print("    " + (item.note if item.matched else "fails: " + "; ".join(item.failed)),
                      highlight=False, markup=False)


@lines_app.command("list")
@edge
def lines_list(
    as_json: bool = typer.Option(
        False, "--json", help="Print JSON: each line as written, with its latest verdict."),
    as_csv: bool = typer.Option(False, "--csv", help=CSV_HELP),
) -> None:
    """List the stored red lines with their latest verdict."""
    from redline.assess import lines as red_lines
    from redline.store import lines as line_store

    fmt = machine_format(as_json, as_csv)
    lines = red_lines.list_lines(state.store)
    latest = {line.id: verdict_words(line_store.latest_verdict(state.store, line.id))
              for line in lines}
    if fmt == "json":
        typer.echo(to_json([{**line.spec, **latest[line.id]} for line in lines]))
        return
    if fmt == "csv":
        emit([{"id": line.id, "title": line.title, "declared_by": line.declared_by,
               "declared": line.declared, **latest[line.id]} for line in lines], fmt,
             LINE_COLUMNS)
        return
    if not lines:
        console.print("no red lines stored; add some with: redline lines add FILE")
    for line in lines:
        status = latest[line.id]["status"] or "not assessed"
        console.print(f"{line.id}  [{status}]  declared by {line.declared_by} "
                      f"{line.declared or ''}: {line.title}", highlight=False, markup=False)


@lines_app.command("remove")
@edge
def lines_remove(
    line_ids: list[str] = typer.Argument(..., metavar="LINE...", help="Red-line ids."),
) -> None:
    """Remove red lines and their verdict history (all or none: every id must be stored)."""
    from redline.store import lines as line_store

    for line_id, verdicts in line_store.remove_lines(state.store, line_ids).items():
        console.print(f"removed {line_id} and its {verdicts} verdict(s)", highlight=False,
                      markup=False)


@app.command("assess")
@edge
def assess_cmd(
    as_of: str | None = typer.Option(None, "--as-of", help=AS_OF_HELP),
    line: list[str] = typer.Option([], "--line", help="Assess only this line (repeatable)."),
    full: bool = typer.Option(False, "--full",
                              help="Re-read all evidence instead of what is new since the last "
                                   "verdict."),
    known_by: str | None = typer.Option(None, "--known-by", help=KNOWN_BY_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the verdicts as JSON."),
    as_csv: bool = typer.Option(False, "--csv", help=CSV_HELP),
    webhook: str | None = typer.Option(
        None, "--webhook", metavar="URL",
        help="POST a JSON alert here for each verdict that changed (setting webhook); "
             "undelivered alerts are sent again by the next assess."),
    allow_host: list[str] = typer.Option([], "--allow-host", metavar="NAME",
                                         help=ALLOW_HOST_HELP),
) -> None:
    """Compute a verdict per red line and append the ones that changed."""
    from redline.alerts import AlertError, deliver_pending, verdict_moves
    from redline.assess import assess as assess_lines

    fmt = machine_format(as_json, as_csv)
    started = datetime.now(UTC)
    state.allow_hosts(allow_host)
    target = webhook or state.settings.webhook
    cutoff = _as_of(as_of)
    verdicts = assess_lines(state.store, as_of=cutoff, line_ids=line or None, full=full,
                            known_by=_as_of(known_by), alerts=bool(target))
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
    _print_verdicts(verdicts, moved, fmt)
    if refused is not None:
        raise refused
    if delivery is not None:
        delivery.raise_for_failures(target)


def _warn_unanalysed(cutoff: datetime | None) -> None:
    from redline.store.analysis_state import unanalysed

    missing = unanalysed(state.store, upto=cutoff)
    if missing.total:
        err_console.print(
            f"[bold yellow]warning:[/] {missing.total} stored articles are not analysed "
            f"({missing.failed} failed); their events are not in these verdicts. Run: "
            "redline analyze --all", highlight=False, soft_wrap=True)


def _print_verdicts(verdicts: list[Verdict], moved: list[Verdict], fmt: str | None) -> None:
    from redline.assess.explain import status_words

    if fmt == "json":
        typer.echo(to_json([verdict_json(v) for v in verdicts]))
        return
    if fmt == "csv":
        emit([verdict_row(v) for v in verdicts], fmt, VERDICT_COLUMNS)
        return
    for verdict in verdicts:
        before = (verdict.changed or {}).get("from")
        change = f"{before or 'first verdict'} -> {verdict.status}" if verdict in moved \
            else "unchanged"
        console.print(
            f"{verdict.line_id}: {status_words(verdict.status)} ({change}); "
            f"{verdict.likelihood}, {verdict.confidence} confidence ({verdict.kind}); "
            f"{len(verdict.evidence)} evidence, {len(verdict.speculated)} speculated, "
            f"{len(verdict.assessments)} assessments", highlight=False, markup=False)


@app.command("history")
@edge
def history_cmd(
    line_id: str = typer.Argument(..., metavar="LINE", help="Red-line id."),
    look_backs: bool = typer.Option(
        False, "--look-backs", help="Show the look-backs (assess --as-of a past time) "
                                    "instead of the live history; the two are never mixed."),
    as_json: bool = typer.Option(False, "--json", help="Print the verdicts as JSON."),
    as_csv: bool = typer.Option(False, "--csv", help=CSV_HELP),
) -> None:
    """Show how the verdict on a line moved, and which article moved it."""
    from redline.store import lines as line_store

    fmt = machine_format(as_json, as_csv)
    line_store.stored_line(state.store, line_id)
    verdicts = line_store.verdict_history(state.store, line_id,
                                          kind="look-back" if look_backs else "live")
    if fmt == "json":
        typer.echo(to_json([verdict_json(v) for v in verdicts]))
        return
    if fmt == "csv":
        emit([verdict_row(v) for v in verdicts], fmt, VERDICT_COLUMNS)
        return
    articles = line_store.article_references(
        state.store, [v.moved_by_article for v in verdicts if v.moved_by_article])
    if not verdicts:
        what = "look-backs" if look_backs else "live verdicts"
        console.print(f"no {what} yet for {line_id}; run: redline assess", highlight=False)
    else:
        console.print("live runs (what redline concluded when it ran):" if not look_backs
                      else "look-backs (verdicts computed later for a past as-of time):",
                      highlight=False)
    for verdict in verdicts:
        console.print(_history_line(verdict, articles), highlight=False, markup=False)


def _history_line(verdict: Verdict, articles: dict[str, dict[str, Any]]) -> str:
    changed = verdict.changed or {}
    text = f"as of {verdict.as_of:%Y-%m-%d %H:%M} UTC: {verdict.status}"
    if changed.get("from") and changed["from"] != verdict.status:
        text += f" (was {changed['from']})"
    if verdict.likelihood:
        text += f", {verdict.likelihood}, {verdict.confidence} confidence"
    if verdict.kind == "look-back":
        known = verdict.known_by or verdict.computed
        text += f" [look-back computed {verdict.computed:%Y-%m-%d %H:%M}, store as of " \
            f"{known:%Y-%m-%d %H:%M}]"
    if verdict.moved_by_article:
        mover = articles.get(verdict.moved_by_article, {})
        about = ", ".join(str(mover[k])[:10] if k == "published" else str(mover[k])
                          for k in ("outlet", "headline", "published") if mover.get(k))
        text += f"; moved by article {verdict.moved_by_article[:12]}"
        text += f" ({about})" if about else ""
    new = len(changed.get("new_evidence") or [])
    return text + f"; {new} new item{'s' if new != 1 else ''}"


def explain_rows(verdict: Verdict) -> list[dict[str, Any]]:
    """The evidence, speculation and assessments of a verdict, one row each."""
    return ([{"kind": "evidence", **item} for item in verdict.evidence]
            + [{"kind": "speculated", **item} for item in verdict.speculated]
            + [{"kind": "assessment", **item} for item in verdict.assessments])


@app.command("explain")
@edge
def explain_cmd(
    line_id: str = typer.Argument(..., metavar="LINE", help="Red-line id."),
    as_of: str | None = typer.Option(None, "--as-of", help=AS_OF_HELP),
    known_by: str | None = typer.Option(None, "--known-by", help=KNOWN_BY_HELP),
    as_json: bool = typer.Option(
        False, "--json", help="Print JSON: the line as written, the verdict with its evidence, "
                              "speculation and assessments, and whether it is stored."),
    as_csv: bool = typer.Option(
        False, "--csv", help="Print CSV: one row per evidence, speculation or assessment item, "
                             "its kind in the first column."),
) -> None:
    """Print the verdict on a line with its likelihood, confidence, evidence, speculation,
    assessments and options."""
    from redline.assess import lines as red_lines
    from redline.assess.engine import verdict_for
    from redline.assess.explain import explain_text

    fmt = machine_format(as_json, as_csv)
    line = red_lines.get_line(state.store, line_id)
    verdict, stored = verdict_for(state.store, line_id, as_of=_as_of(as_of),
                                  known_by=_as_of(known_by))
    if fmt == "json":
        typer.echo(to_json({"line": line.spec, "verdict": verdict_json(verdict),
                            "stored": stored}))
        return
    if fmt == "csv":
        emit(explain_rows(verdict), fmt, ITEM_COLUMNS)
        return
    console.print(explain_text(line, verdict, stored=stored), markup=False, highlight=False,
                  soft_wrap=True, end="")


@app.command("report")
@edge
def report_cmd(
    fmt: str = typer.Option("md", "--format", metavar="|".join(REPORT_FORMATS),
                            help="md (Markdown), html (one self-contained, print-ready file) "
                                 "or pdf (printed by Chromium; needs --output)."),
    as_of: str | None = typer.Option(None, "--as-of", help=AS_OF_HELP),
    line: list[str] = typer.Option([], "--line", help="Report only this line (repeatable)."),
    output: Path | None = typer.Option(None, "--output", "-o",
                                       help="Write the brief to this file (default: stdout)."),
    since: str | None = typer.Option(
        None, "--since", metavar="DATETIME",
        help="The previous brief's date: \"what changed\" compares with the verdicts as of "
             "then (default: with each line's verdict before the one reported)."),
) -> None:
    """Write a brief for a decision-maker: the bottom line first, then per line the key
    judgement in plain sentences, what would change it, and numbered citations."""
    from redline.assess.report import build_report, write_pdf

    options: dict[str, Any] = {"as_of": _as_of(as_of), "line_ids": line or None,
                               "since": _as_of(since)}
    if fmt == "pdf":
        if output is None:
            raise fail("--format pdf writes a file; give --output FILE.pdf")
        write_pdf(state.store, output, **options)
        console.print(f"wrote {output}", highlight=False)
        return
    text = build_report(state.store, fmt=fmt, **options)
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror}") from exc
    console.print(f"wrote {output}", highlight=False)
