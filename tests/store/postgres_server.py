"""A throw-away PostgreSQL server for tests: initdb into a temporary folder, start on loopback."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def postgres_server() -> Iterator[str | None]:
    """Yields a SQLAlchemy URL, or None when no PostgreSQL server binaries are installed."""
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if not initdb or not pg_ctl:
        yield None
        return
    # PostgreSQL refuses to run as root: run it as the 'postgres' account when we are root.
    as_user: list[str] = []
    folder = tempfile.mkdtemp(prefix="redline-pg-")
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        if not runuser:
            yield None
            return
        as_user = [runuser, "-u", "postgres", "--"]
        shutil.chown(folder, "postgres")
    data, port = os.path.join(folder, "data"), _free_port()
    run = {"check": True, "capture_output": True}
    subprocess.run([*as_user, initdb, "-D", data, "-U", "redline", "--auth=trust", "-E", "UTF8"],
                   **run)  # type: ignore[call-overload]
    options = f"-k {folder} -p {port} -h 127.0.0.1 -c fsync=off"
    subprocess.run([*as_user, pg_ctl, "-D", data, "-o", options, "-w", "-l",
                    os.path.join(folder, "log"), "start"], **run)  # type: ignore[call-overload]
    try:
        yield f"postgresql+psycopg://redline@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", data, "-m", "immediate", "stop"],
                       capture_output=True, check=False)
        shutil.rmtree(folder, ignore_errors=True)
