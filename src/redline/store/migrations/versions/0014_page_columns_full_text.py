"""what the pages read without reading evidence; full-text search

Verdicts keep how many evidence and speculated items they hold and their strongest
item (filled here for the verdicts already stored), so the overview and the verdict
history never load a verdict's evidence to count it.

Events keep ``end_day``, the last day of their interval (their own end, else their start,
else the UTC day they were published), so a date range is two comparisons on stored days.
Search filters are served by an index each, with the sort: (filter, sort_day, id), the
end day last so that a date range is checked in the index; the (sort_day, id) index of
0011 gains the end day too.

Full text: on SQLite, FTS5 tables over events (sentence, actor name) and quotes
(content, speaker), external content kept by triggers and filled here. Rows with no
text (a GDELT row has no sentence) are left out, their names too: a bulk import of them
pays no indexing (on SQLite the trigger costs about as much as the row's insert). On
PostgreSQL, a generated ``search_vector`` per table (the first column
weighted A, the second B) with a GIN index, in the ``redline`` text search configuration
(English Snowball stems, no stop words, so both backends find the same words).

A later SQLite migration that rebuilds ``events`` or ``quotes`` (batch mode) drops their
triggers with the old table: it must create them again (``sqlite_triggers`` below).

Revision ID: 0014
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0012"

#: table -> (FTS5 table, first column, second column)
FULL_TEXT = {"events": ("events_fts", "sentence", "actor_text"),
             "quotes": ("quotes_fts", "content", "speaker")}
TOKENIZER = "porter unicode61 remove_diacritics 2"
SEARCH_INDEXES = {
    "ix_events_sort_day": ("events", ["sort_day", "id", "end_day"]),
    "ix_events_actor_day": ("events", ["actor", "sort_day", "id", "end_day"]),
    "ix_events_type_label_day": ("events", ["event_type", "factuality_label", "sort_day", "id",
                                            "end_day"]),
    "ix_events_label_day": ("events", ["factuality_label", "sort_day", "id", "end_day"]),
    "ix_quotes_speaker_actor_published": ("quotes", ["speaker_actor", "published", "id"]),
}


def sqlite_triggers(table: str) -> list[str]:
    """The triggers that keep ``table``'s FTS5 index in step with its rows."""
    fts, first, second = FULL_TEXT[table]
    columns = f"{first}, {second}"

    def has_text(row: str) -> str:
        return f"coalesce({row}.{first}, '') <> ''"

    add = (f"INSERT INTO {fts}(rowid, {columns}) SELECT new.id, new.{first}, new.{second} "
           f"WHERE {has_text('new')};")
    remove = (f"INSERT INTO {fts}({fts}, rowid, {columns}) "
              f"SELECT 'delete', old.id, old.{first}, old.{second} WHERE {has_text('old')};")
    return [
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {add} END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {remove} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {columns} ON {table} "
        f"BEGIN {remove} {add} END",
    ]


def _full_text_sqlite() -> None:
    for table, (fts, first, second) in FULL_TEXT.items():
        op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({first}, {second}, "
                   f"content='{table}', content_rowid='id', tokenize='{TOKENIZER}')")
        for trigger in sqlite_triggers(table):
            op.execute(trigger)
        op.execute(f"INSERT INTO {fts}(rowid, {first}, {second}) "
                   f"SELECT id, {first}, {second} FROM {table} WHERE "
                   f"coalesce({first}, '') <> ''")
        # One segment instead of the many a large fill leaves: fewer seeks per lookup.
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")


def _full_text_postgresql() -> None:
    op.execute("CREATE TEXT SEARCH DICTIONARY redline_stem "
               "(TEMPLATE = snowball, Language = english)")
    op.execute("CREATE TEXT SEARCH CONFIGURATION redline (COPY = simple)")
    op.execute("ALTER TEXT SEARCH CONFIGURATION redline ALTER MAPPING FOR asciiword, "
               "asciihword, hword_asciipart, word, hword, hword_part WITH redline_stem")
    for table, (_fts, first, second) in FULL_TEXT.items():
        vector = (f"CASE WHEN coalesce({first}, '') = '' THEN ''::tsvector ELSE "
                  f"setweight(to_tsvector('redline'::regconfig, {first}), 'A') || "
                  f"setweight(to_tsvector('redline'::regconfig, coalesce({second}, '')), 'B') "
                  f"END")
        op.execute(f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
                   f"GENERATED ALWAYS AS ({vector}) STORED")
        op.execute(f"CREATE INDEX ix_{table}_search_vector ON {table} "
                   f"USING gin (search_vector)")


def _fill_verdict_summaries() -> None:
    from redline.store.verdict_summary import strongest

    verdicts = sa.table("verdicts", sa.column("id", sa.Integer()),
                        sa.column("evidence", sa.JSON()), sa.column("speculated", sa.JSON()),
                        sa.column("evidence_count", sa.Integer()),
                        sa.column("speculated_count", sa.Integer()),
                        sa.column("strongest", sa.JSON()))
    bind = op.get_bind()
    rows = bind.execute(sa.select(verdicts.c.id, verdicts.c.evidence, verdicts.c.speculated))
    updates = [{"key": id_, "evidence_count": len(evidence or []),
                "speculated_count": len(speculated or []),
                "strongest": strongest(evidence or [])}
               for id_, evidence, speculated in rows]
    if updates:
        bind.execute(verdicts.update().where(verdicts.c.id == sa.bindparam("key"))
                     .values(evidence_count=sa.bindparam("evidence_count"),
                             speculated_count=sa.bindparam("speculated_count"),
                             strongest=sa.bindparam("strongest", type_=sa.JSON())), updates)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.add_column("verdicts", sa.Column("evidence_count", sa.Integer(), nullable=True))
    op.add_column("verdicts", sa.Column("speculated_count", sa.Integer(), nullable=True))
    op.add_column("verdicts", sa.Column("strongest", sa.JSON(), nullable=True))
    _fill_verdict_summaries()
    op.add_column("events", sa.Column("end_day", sa.Date(), nullable=True))
    day = ("CAST(published AT TIME ZONE 'UTC' AS DATE)" if dialect == "postgresql"
           else "date(published)")  # SQLite keeps UTC without a zone
    op.execute(f"UPDATE events SET end_day = COALESCE(date_end, date_start, {day})")
    op.drop_index("ix_events_sort_day", table_name="events")
    for name, (table, columns) in SEARCH_INDEXES.items():
        op.create_index(name, table, columns)
    if dialect == "postgresql":
        _full_text_postgresql()
    else:
        _full_text_sqlite()


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for table in FULL_TEXT:
            op.execute(f"DROP INDEX ix_{table}_search_vector")
            op.execute(f"ALTER TABLE {table} DROP COLUMN search_vector")
        op.execute("DROP TEXT SEARCH CONFIGURATION redline")
        op.execute("DROP TEXT SEARCH DICTIONARY redline_stem")
    else:
        for fts, _first, _second in FULL_TEXT.values():
            for suffix in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER {fts}_{suffix}")
            op.execute(f"DROP TABLE {fts}")
    for name, (table, _columns) in SEARCH_INDEXES.items():
        op.drop_index(name, table_name=table)
    op.create_index("ix_events_sort_day", "events", ["sort_day", "id"])
    op.drop_column("events", "end_day")
    for column in ("strongest", "speculated_count", "evidence_count"):
        op.drop_column("verdicts", column)
