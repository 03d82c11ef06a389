"""A throw-away PostgreSQL server for tests: initdb into a temporary folder, start on loopback.

The database collates as production servers commonly do: en_US.UTF-8 (glibc), which
ignores punctuation at the first level ('RUS-MIL' does not sort between 'RUS-' and
'RUS.'). Where that locale is not installed, ICU's en-US with punctuation ignored
(``ka-shifted``) behaves the same way; C.UTF-8 only where neither is available.
"""

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


#: initdb locale options, in order of preference.
LOCALES = {
    "en_US.UTF-8": ["--locale=en_US.UTF-8"],
    "ICU en-US-u-ka-shifted": ["--locale=C.UTF-8", "--locale-provider=icu",
                               "--icu-locale=en-US-u-ka-shifted"],
    "C.UTF-8": ["--locale=C.UTF-8"],
}


def _installed_locales() -> set[str]:
    try:
        listed = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False)
    except OSError:
        return set()
    return {name.lower().replace("utf-8", "utf8") for name in listed.stdout.split()}


def _locale_choices() -> list[str]:
    glibc = "en_us.utf8" in _installed_locales()
    return [name for name in LOCALES if glibc or name != "en_US.UTF-8"]


def _initdb(as_user: list[str], initdb: str, data: str) -> str:
    """Create the cluster in the first locale that works; returns its name."""
    failures = []
    for name in _locale_choices():
        shutil.rmtree(data, ignore_errors=True)
        done = subprocess.run([*as_user, initdb, "-D", data, "-U", "redline", "--auth=trust",
                               "-E", "UTF8", *LOCALES[name]], capture_output=True, text=True,
                              check=False)
        if done.returncode == 0:
            return name
        failures.append(f"{name}: {done.stderr.strip()[-300:]}")
    raise RuntimeError("initdb failed in every locale: " + "; ".join(failures))


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
    _initdb(as_user, initdb, data)
    options = f"-k {folder} -p {port} -h 127.0.0.1 -c fsync=off"
    subprocess.run([*as_user, pg_ctl, "-D", data, "-o", options, "-w", "-l",
                    os.path.join(folder, "log"), "start"], **run)  # type: ignore[call-overload]
    try:
        yield f"postgresql+psycopg://redline@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", data, "-m", "immediate", "stop"],
                       capture_output=True, check=False)
        shutil.rmtree(folder, ignore_errors=True)

