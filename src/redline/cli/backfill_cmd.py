"""``redline backfill``: analyse stored articles in parallel, on local worker processes or
on a Dask cluster."""

from __future__ import annotations

import logging
from functools import partial

import typer

from redline.cli import app
from redline.cli.common import console, edge, progress_bar, state


@app.command("backfill")
@edge
def backfill_cmd(
    workers: int = typer.Option(
        2, "--workers", min=1, metavar="N",
        help="Local worker processes (one thread each; they share the pipeline this process "
             "loaded); ignored with --scheduler."),
    scheduler: str | None = typer.Option(
        None, "--scheduler", metavar="ADDRESS",
        help="Use the running Dask cluster at this address (e.g. tcp://10.0.0.5:8786) instead "
             "of starting a local one; its workers need redline installed."),
    redo: bool = typer.Option(
        False, "--redo", help="Analyse every stored article again, not only those not analysed."),
    batch_size: int = typer.Option(
        16, "--batch-size", min=1, metavar="K",
        help="Most articles sent to a worker at a time (parsed together, stored together)."),
) -> None:
    """Analyse stored articles not analysed yet (--redo: all) in parallel, on local worker
    processes or a Dask cluster; each returned batch is stored in one transaction. Exit
    code 1 if any article failed."""
    from rich.markup import escape

    from redline.backfill import ArticleOutcome, backfill, open_client

    if not state.verbose:  # the cluster's own start and stop chatter
        logging.getLogger("distributed").setLevel(logging.WARNING)
    store = state.store
    with progress_bar("backfilling") as progress:
        task = progress.add_task("backfill", total=None)

        def advance(outcome: ArticleOutcome, total: int) -> None:
            if outcome.error is not None:
                progress.console.print(f"[bold red]error:[/] {escape(outcome.article_id[:12])}: "
                                       f"{escape(outcome.error)}", highlight=False)
            progress.update(task, total=total, advance=1)

        run = partial(backfill, store, redo=redo, batch_size=batch_size, on_outcome=advance,
                      max_chars=state.settings.max_analyze_chars)
        if scheduler is None:
            report = run(workers=workers)
        else:
            with open_client(scheduler=scheduler) as client:
                report = run(client=client)
    failed = len(report.failed)
    console.print(f"{report.analysed} articles analysed: {report.events} events, "
                  f"{report.quotes} quotes" + (f"; {failed} failed" if failed else ""),
                  highlight=False)
    if failed:
        raise typer.Exit(1)
