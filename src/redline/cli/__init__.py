"""The ``redline`` command: a thin layer over the library."""

from __future__ import annotations

import typer

from redline import __version__
from redline.cli.common import configure_logging, state

app = typer.Typer(
    name="redline",
    help="Turn news into evidence-backed judgements about declared policy red lines.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"redline {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    db: str | None = typer.Option(
        None, "--db", envvar="REDLINE_DB",
        help="SQLAlchemy database URL (default: SQLite at ~/.local/share/redline/redline.db)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log what redline is doing."),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Turn news into evidence-backed judgements about declared policy red lines."""
    state.reset(db=db, verbose=verbose)
    configure_logging(verbose)


# Each module registers its commands on ``app``.
from redline.cli import (  # noqa: E402, F401
    analyze_cmds,
    backfill_cmd,
    backtest_cmd,
    datasets_cmd,
    eval_cmd,
    ingest_cmds,
    lines_cmds,
    serve_cmd,
    train_cmd,
)


def main() -> None:
    app()
