"""What every command shares: settings, the store, the consoles, the output formats and
the error edge. Kept light: a command imports the heavy parts of the library when it runs,
so that ``redline --help`` and ``--version`` answer at once."""

from __future__ import annotations

import csv
import functools
import io
import json
import logging
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import typer
from rich.console import Console

from redline.errors import InputError, RedlineError
from redline.settings import Settings, load_settings

if TYPE_CHECKING:
    from rich.progress import Progress

    from redline.store import Store

#: Wide enough that nothing piped to a file or another program is wrapped.
PLAIN_WIDTH = 100_000

P = ParamSpec("P")
R = TypeVar("R")


def _console(*, stderr: bool) -> Console:
    """A console for a terminal, or a plain one (no colour, no wrapping) for a pipe or file."""
    probe = Console(stderr=stderr)
    if probe.is_terminal:
        return probe
    return Console(stderr=stderr, width=PLAIN_WIDTH, no_color=True, highlight=False,
                   soft_wrap=True)


console = _console(stderr=False)
err_console = _console(stderr=True)


@dataclass
class State:
    """Options given before the command (``redline --db URL ingest ...``)."""

    db: str | None = None
    verbose: bool = False
    _settings: Settings | None = field(default=None, repr=False)
    _store: Store | None = field(default=None, repr=False)

    def reset(self, *, db: str | None, verbose: bool) -> None:
        """Start a new invocation: forget the settings and store of the previous one."""
        if self._store is not None:
            self._store.close()
        self.db, self.verbose, self._settings, self._store = db, verbose, None, None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(db=self.db)
        return self._settings

    def allow_hosts(self, names: list[str]) -> None:
        """Open these host names to fetching and posting (``--allow-host``)."""
        if names:
            known = [n for n in self.settings.allowed_hosts.split(",") if n.strip()]
            self._settings = replace(self.settings, allowed_hosts=",".join([*known, *names]))

    @property
    def store(self) -> Store:
        if self._store is None:
            from redline.store import Store

            self._store = Store(self.settings.db)
        return self._store


state = State()
ALLOW_HOST_HELP = ("Contact this host even if it resolves to a private, loopback or "
                   "link-local address (repeatable; setting allowed_hosts).")


def configure_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    # httpx logs each request's full URL at INFO; a webhook's path or query often carries
    # its secret, so the HTTP libraries log only warnings, even with --verbose.
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
    # trafilatura and the libraries it uses log their own view of a page that fails; the error line
    # redline prints says it once. With --verbose they are shown.
    for name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
        logging.getLogger(name).setLevel(logging.DEBUG if verbose else logging.CRITICAL)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one error line and return the Exit to raise."""
    err_console.print(f"[bold red]error:[/] {_escape(message)}", highlight=False,
                      soft_wrap=True)
    return typer.Exit(code)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def edge(func: Callable[P, R]) -> Callable[P, R]:
    """Convert library errors into one line on stderr and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except RedlineError as exc:
            raise fail(str(exc)) from exc

    return wrapper


# --- machine-readable output -------------------------------------------------------------

JSON_HELP = "Print JSON instead of text."
CSV_HELP = "Print CSV (a header row, then one row per item) instead of text."


def machine_format(as_json: bool, as_csv: bool) -> str | None:
    """``"json"``, ``"csv"`` or None (text) from the two flags; both at once is an error."""
    if as_json and as_csv:
        raise InputError("--json/--csv", "give one of them, not both")
    return "json" if as_json else "csv" if as_csv else None


def to_json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def to_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """Rows as CSV with ``columns`` as the header; lists are joined with "; "."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in columns])
    return out.getvalue()


def emit(rows: Sequence[Mapping[str, Any]], fmt: str, columns: Sequence[str]) -> None:
    """Print ``rows`` as a JSON array or as CSV."""
    text = to_json(list(rows)) + "\n" if fmt == "json" else to_csv(rows, columns)
    typer.echo(text, nl=False)


# --- progress ------------------------------------------------------------------------------

def progress_bar(label: str, *, show: bool = True) -> Progress:
    """A rich progress bar on stderr, shown only on a terminal (and when ``show``)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    TimeRemainingColumn(), console=err_console, transient=True,
                    disable=not (show and err_console.is_terminal and sys.stderr.isatty()))
