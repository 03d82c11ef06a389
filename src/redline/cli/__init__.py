"""The ``redline`` command: a thin layer over the library."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from redline import __version__
from redline.cli.common import configure_logging, err_console, state


class _OneLineErrors(TyperGroup):
    """Usage errors (a bad value, a missing argument) as one line on stderr, exit code 2."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False,
                                  windows_expand_args=windows_expand_args, **extra)
        except typer.TyperException as exc:
            if not standalone_mode:
                raise
            sys.exit(_show(exc))
        except typer.Abort:
            if not standalone_mode:
                raise
            err_console.print("aborted", highlight=False)
            sys.exit(130)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)


def _show(exc: typer.TyperException) -> int:
    """Print a usage error as one line (a group called bare prints its help); its exit code."""
    message = exc.format_message()
    ctx = getattr(exc, "ctx", None)
    if message.startswith("Usage:"):  # a group given no command: its help, as click shows it
        typer.echo(message, err=True)
        return exc.exit_code
    where = f" (see: {ctx.command_path} --help)" if ctx is not None else ""
    err_console.print(f"[bold red]error:[/] {_escape(message)}{where}", highlight=False,
                      soft_wrap=True)
    return exc.exit_code


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


app = typer.Typer(
    name="redline",
    cls=_OneLineErrors,
    help="Turn news into evidence-backed judgements about declared policy red lines.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
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


# Each module registers its commands on ``app``; none imports the heavy library at load.
from redline.cli import (  # noqa: E402, F401
    analyze_cmds,
    backfill_cmd,
    backtest_cmd,
    config_cmd,
    datasets_cmd,
    eval_cmd,
    ingest_cmds,
    lines_cmds,
    serve_cmd,
    train_cmd,
    watch_cmd,
)


def main() -> None:
    app()
