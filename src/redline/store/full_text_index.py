"""Keeping SQLite's FTS5 indexes in step with the events and quotes tables, one statement
per write instead of one trigger run per row.

Each FTS5 table (migration 0014) has external content: it indexes its table's rows with
text and stores none of it. New rows are indexed when their write commits
(``index_new_rows``, called by ``Store.write``): every row above the table's mark in
``full_text_marks`` (ids only grow: the tables are AUTOINCREMENT), read with one
``INSERT ... SELECT``, then the mark moves to the highest id. That costs about what
indexing costs; a trigger per inserted row cost three times the insert itself (migration
0017). Rows at or below the mark are in the index, so deleting or editing one of them
takes it out (and puts the edit back) through a trigger, as before; a row above the mark
is not in the index yet, so its triggers do nothing and the commit indexes what it holds
then. On PostgreSQL the search vector is a generated column: nothing to do.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

#: table -> (its FTS5 table, text column, name column), as migration 0014 made them.
FULL_TEXT = {"events": ("events_fts", "sentence", "actor_text"),
             "quotes": ("quotes_fts", "content", "speaker")}
MARKS = "full_text_marks"


def _has_text(table: str, row: str) -> str:
    return f"coalesce({row}.{FULL_TEXT[table][1]}, '') <> ''"


def _mark(table: str) -> str:
    return f"(SELECT upto FROM {MARKS} WHERE name = '{table}')"


def sqlite_triggers(table: str) -> list[str]:
    """The triggers that take an indexed row of ``table`` out of its FTS5 index when it is
    deleted, and index it again when its text changes."""
    fts, first, second = FULL_TEXT[table]
    columns = f"{first}, {second}"
    add = (f"INSERT INTO {fts}(rowid, {columns}) SELECT new.id, new.{first}, new.{second} "
           f"WHERE {_has_text(table, 'new')};")
    remove = (f"INSERT INTO {fts}({fts}, rowid, {columns}) SELECT 'delete', old.id, "
              f"old.{first}, old.{second} WHERE {_has_text(table, 'old')};")
    indexed = f"WHEN old.id <= {_mark(table)}"
    return [
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} {indexed} BEGIN {remove} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {columns} ON {table} {indexed} "
        f"BEGIN {remove} {add} END",
    ]


def index_new_rows(connection: Connection) -> None:
    """Index the rows stored since the last write (SQLite; a database before migration
    0017 has no marks and keeps its insert triggers)."""
    if connection.exec_driver_sql(
            f"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{MARKS}'"
    ).first() is None:
        return
    for table, (fts, first, second) in FULL_TEXT.items():
        connection.execute(text(
            f"INSERT INTO {fts}(rowid, {first}, {second}) SELECT id, {first}, {second} "
            f"FROM {table} WHERE id > {_mark(table)} AND {_has_text(table, table)}"))
        connection.execute(text(
            f"UPDATE {MARKS} SET upto = (SELECT max(id) FROM {table}) WHERE name = '{table}' "
            f"AND upto < (SELECT coalesce(max(id), 0) FROM {table})"))
