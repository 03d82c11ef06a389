"""What every command shares: settings, the store, one console, and the error edge."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import ParamSpec, TypeVar

import typer
from rich.console import Console

from redline.errors import RedlineError
from redline.settings import Settings, load_settings
from redline.store import Store

console = Console()
err_console = Console(stderr=True)

P = ParamSpec("P")
R = TypeVar("R")


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
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def edge(func: Callable[P, R]) -> Callable[P, R]:
    """Convert library errors into one line on stderr and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except RedlineError as exc:
            raise fail(str(exc)) from exc

    return wrapper
