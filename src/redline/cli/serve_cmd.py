"""``redline serve``: the read-only dashboard over the store."""

from __future__ import annotations

import typer

from redline.cli import app
from redline.cli.common import console, edge, state


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
) -> None:
    """Serve the dashboard (red lines, evidence, articles, search, JSON API); read-only."""
    import uvicorn

    from redline.web.app import create_app
    from redline.web.listen import address, bind

    sock = bind(host, port, fallback=any_port)
    web_app = create_app(state.store)
    console.print(f"redline dashboard on {address(sock)}  (Ctrl-C to stop)", highlight=False)
    console.file.flush()  # the address must show before serving starts, even in a pipe
    server = uvicorn.Server(uvicorn.Config(web_app, log_level="warning"))
    server.run(sockets=[sock])
