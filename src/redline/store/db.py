"""The database: engine, migrations and the single write path (one transaction per write)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from redline.errors import StoreError
from redline.store.full_text_index import index_new_rows

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).parent / "migrations"


#: How long one attempt waits for SQLite's write lock, and how many attempts are made.
BUSY_TIMEOUT_MS = 5_000
BUSY_ATTEMPTS = 6


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # The driver opens no transactions of its own; ``_sqlite_begin`` says which kind.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """Writes take SQLite's write lock when they begin (``BEGIN IMMEDIATE``), so what a
    write reads before it writes cannot change under it; reads begin deferred."""
    immediate = connection.get_execution_options().get("redline_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _busy(exc: OperationalError) -> bool:
    return "locked" in str(exc.orig).lower() or "busy" in str(exc.orig).lower()


def lock_keys(session: Session, *keys: str | None) -> None:
    """Serialise writers that touch the same keys (an article id, a URL) until the end
    of the transaction. On SQLite the write transaction holds the database's write lock
    already; on PostgreSQL this takes transaction-scoped advisory locks, in a fixed order."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for key in sorted({k for k in keys if k}):
        session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
                        {"key": key})


class Store:
    """A redline database. ``Store(url)`` opens it and brings its schema up to date."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        try:
            parsed = make_url(url)
        except ArgumentError as exc:
            raise StoreError(
                f"{url!r} is not a database URL; use e.g. sqlite:///path/redline.db "
                "or postgresql+psycopg://user@host/db") from exc
        self.url = url
        if migrate and parsed.get_backend_name() == "sqlite" and \
                parsed.database not in (None, "", ":memory:"):
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        try:
            self.engine: Engine = create_engine(url, future=True)
        except (ArgumentError, ImportError) as exc:
            raise StoreError(f"cannot open database {url!r}: {exc}") from exc
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        if migrate:
            self.migrate()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def migrate(self, revision: str = "head") -> None:
        """Apply Alembic migrations up to ``revision``, holding the write lock throughout
        (two processes opening a new database at once migrate it one after the other)."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        try:
            with self.engine.connect() as connection:
                connection.execution_options(redline_write=True)
                with connection.begin():
                    config.attributes["connection"] = connection
                    command.upgrade(config, revision)
        except OperationalError as exc:
            if _busy(exc):
                raise StoreError(self._busy_message()) from exc
            raise StoreError(f"cannot migrate database {self.url!r}: {exc.orig}") from exc

    def revision(self) -> str | None:
        """The Alembic revision the database is at; None when it has no redline schema."""
        from alembic.runtime.migration import MigrationContext

        try:
            with self.engine.connect() as connection:
                return MigrationContext.configure(connection).get_current_revision()
        except OperationalError as exc:
            raise StoreError(f"cannot open database {self.url!r}: {exc.orig}") from exc

    def head(self) -> str | None:
        """The revision this version of redline writes."""
        from alembic.script import ScriptDirectory

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        return ScriptDirectory.from_config(config).get_current_head()

    def require_current(self) -> None:
        """``StoreError`` unless the database is at this redline's revision: for readers
        that must not write, such as the dashboard."""
        parsed = make_url(self.url)
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (
                None, "", ":memory:") and not Path(parsed.database).expanduser().exists():
            raise StoreError(f"no database at {parsed.database}; create it with: "
                             f"redline --db {self.url} migrate")
        current, head = self.revision(), self.head()
        if current != head:
            raise StoreError(f"database {self.url!r} is at revision {current or 'none'}, this "
                             f"redline reads revision {head}; bring it up to date with: "
                             "redline migrate")

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed on success, rolled back whole on any error.

        On SQLite it holds the write lock from its start (``BEGIN IMMEDIATE``); a store
        busy with another writer is waited for, a bounded number of times.
        """
        with self._sessions() as session:
            try:
                self._begin_write(session)
                yield session
                if self.engine.dialect.name == "sqlite":  # the rows written, searchable
                    session.flush()
                    index_new_rows(session.connection())
                session.commit()
            except OperationalError as exc:
                session.rollback()
                if _busy(exc):
                    raise StoreError(self._busy_message()) from exc
                raise StoreError(f"write to {self.url!r} failed: {exc.orig}") from exc
            except SQLAlchemyError as exc:
                session.rollback()
                raise StoreError(f"write to {self.url!r} failed: {exc}") from exc
            except BaseException:
                session.rollback()
                raise

    def _begin_write(self, session: Session) -> None:
        """Open the write transaction now, so that waiting for the lock happens here."""
        for attempt in range(BUSY_ATTEMPTS):
            try:
                session.connection(execution_options={"redline_write": True})
                return
            except OperationalError as exc:
                if not _busy(exc) or attempt == BUSY_ATTEMPTS - 1:
                    raise
                log.info("database busy; waiting for the write lock (attempt %d)", attempt + 2)
                session.rollback()

    def _busy_message(self) -> str:
        waited = BUSY_TIMEOUT_MS * BUSY_ATTEMPTS / 1000
        return (f"database {self.url!r} is busy: another process held its write lock for "
                f"over {waited:g} s; nothing was written, try again when it has finished")

    def close(self) -> None:
        self.engine.dispose()
