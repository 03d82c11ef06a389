"""``redline serve``: the read-only dashboard over the store; ``redline migrate``."""

from __future__ import annotations

import typer

from redline.cli import app
from redline.cli.common import console, edge, err_console, state

#: Seconds a server process may leave the supervisor's health check unanswered.
WORKER_HEALTH_CHECK_S = 60


@app.command()
@edge
def serve(
    host: str = typer.Option(
        "127.0.0.1", "--host",
        help="Address to listen on; 127.0.0.1 keeps the dashboard on this machine."),
    port: int = typer.Option(
        8000, "--port", min=0, max=65535,
        help="Port to listen on; 0 picks a free one. A port in use is an error, before "
             "anything is served."),
    any_port: bool = typer.Option(
        False, "--any-port",
        help="If --port is taken, listen on a free port instead; the address printed says "
             "which."),
    auth_token: str | None = typer.Option(
        None, "--auth-token", metavar="TOKEN", envvar="REDLINE_AUTH_TOKEN",
        help="Ask every request for this token (Authorization: Bearer, or ?token= once); "
             "setting auth_token."),
    workers: int = typer.Option(
        1, "--workers", min=1, max=64,
        help="Server processes sharing the port, each with its own connections and "
             "caches (readers never block one another in SQLite's WAL mode); one per free "
             "core serves that many requests at once."),
) -> None:
    """Serve the dashboard (red lines, evidence, articles, search, JSON API); read-only.
    It never writes: a database at an older revision is refused (run redline migrate)."""
    import uvicorn

    from redline.store import Store
    from redline.web.access import Access, is_loopback
    from redline.web.app import create_app, served_app
    from redline.web.listen import address, bind

    settings = state.settings
    token = auth_token or settings.auth_token
    store = Store(settings.db, migrate=False)
    store.require_current()
    names = [host, *settings.serve_hosts.split(",")]
    if not is_loopback(host):
        err_console.print(
            f"[bold red]warning:[/] the dashboard listens on {host}, so other machines can "
            "reach it; " + ("it asks for the token." if token else
                            "anyone who can reach it reads every article and verdict. "
                            "Give --auth-token (or the auth_token setting) to ask for a "
                            "token."), highlight=False, soft_wrap=True)
    sock = bind(host, port, fallback=any_port)
    shown = f"{address(sock)}, {workers} processes" if workers > 1 else address(sock)
    console.print(f"redline dashboard on {shown}  (Ctrl-C to stop)", highlight=False)
    console.file.flush()  # the address must show before serving starts, even in a pipe
    if workers == 1:
        web_app = create_app(store, access=Access(hosts=names, token=token or ""))
        uvicorn.Server(uvicorn.Config(web_app, log_level="warning")).run(sockets=[sock])
        return
    from functools import partial

    from uvicorn.supervisors import Multiprocess

    store.close()  # each process opens its own connections
    # Each worker is a fresh process that builds the app itself (nothing of this one's
    # connections or caches is shared); a worker that dies, or answers no health check
    # for a minute, is replaced. (uvicorn's default, 5 s, is shorter than a worker's
    # start on a busy machine: it killed workers before they had started, over and over.)
    factory = partial(served_app, settings.db, tuple(names), token or "")
    config = uvicorn.Config(factory, factory=True, workers=workers, log_level="warning",
                            timeout_worker_healthcheck=WORKER_HEALTH_CHECK_S)
    Multiprocess(config, sockets=[sock]).run()


@app.command()
@edge
def migrate() -> None:
    """Create the database, or bring it to this redline's schema revision."""
    from sqlalchemy.engine import make_url

    store = state.store  # opening a store for writing migrates it
    shown = make_url(store.url).render_as_string(hide_password=True)
    console.print(f"{shown}: at revision {store.revision()}", highlight=False)
