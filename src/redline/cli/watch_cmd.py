"""``redline watch``: keep feeds and folders under watch, in the foreground."""

from __future__ import annotations

import signal
import threading
from types import FrameType
from typing import TYPE_CHECKING

import typer

from redline.cli import app
from redline.cli.common import console, edge, err_console, state

if TYPE_CHECKING:
    from redline.watch import Round


def _print_round(report: Round) -> None:
    from rich.markup import escape

    for item in report.sources:
        if item.status == "gap":
            err_console.print(
                f"[bold red]gap:[/] {escape(item.source)}: no news read since "
                f"{item.since:%Y-%m-%d %H:%M} UTC ({escape(item.error or '')}); retrying in "
                f"{item.retry_in:.0f} s", highlight=False, soft_wrap=True)
        elif item.status == "waiting":
            err_console.print(f"[yellow]gap:[/] {escape(item.source)}: still failing since "
                              f"{item.since:%Y-%m-%d %H:%M} UTC; next try in "
                              f"{item.retry_in:.0f} s", highlight=False, soft_wrap=True)
        else:
            text = f"{item.new} new, {item.changed} changed" if item.status == "new" \
                else "nothing new"
            if item.failed:
                text += f", {item.failed} failed ({escape(item.error or '')})"
            console.print(f"{escape(item.source)}: {text}", highlight=False, soft_wrap=True)
    if report.moved:
        console.print(f"moved: {', '.join(report.moved)}; {report.alerted} webhook alert(s), "
                      f"{report.emailed} email(s)", highlight=False)
    for error in report.alert_errors:
        err_console.print(f"[bold red]error:[/] {escape(error)}", highlight=False,
                          soft_wrap=True)
    console.file.flush()


@app.command("watch")
@edge
def watch_cmd(
    sources: list[str] = typer.Argument(
        ..., metavar="FEED|FOLDER...", help="RSS/Atom feed URLs, folders or files to watch."),
    every: float = typer.Option(
        900.0, "--every", metavar="SECONDS", min=1.0,
        help="Seconds between two polls of a source (failing sources back off, doubling up "
             "to an hour)."),
    webhook: str | None = typer.Option(
        None, "--webhook", metavar="URL",
        help="POST a JSON alert here for each verdict that moved (setting webhook); email "
             "alerts follow the settings smtp_url, email_from and email_to."),
    follow_links: bool = typer.Option(
        False, "--follow-links", help="For feeds: fetch each new entry's page."),
    rounds: int | None = typer.Option(
        None, "--rounds", min=1, metavar="N",
        help="Stop after N rounds (default: run until Ctrl-C or SIGTERM)."),
) -> None:
    """Poll feeds and folders on a schedule, ingest what is new, assess, and alert on each
    verdict that moved. Runs in the foreground; Ctrl-C or SIGTERM stops it cleanly after
    the round in progress. A source that cannot be read is reported as a gap."""
    from redline.watch import Watcher

    watcher = Watcher(state.store, sources, state.settings, interval=every, webhook=webhook,
                      follow_links=follow_links)
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    console.print(f"watching {len(watcher.states)} source(s) every {every:g} s "
                  "(Ctrl-C to stop)", highlight=False)
    try:
        done = watcher.run(stop, on_round=_print_round, rounds=rounds)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    console.print(f"stopped after {done} round(s)", highlight=False)
