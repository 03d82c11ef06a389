"""``redline config show``: every setting, its value and where the value came from."""

from __future__ import annotations

import os
from dataclasses import asdict, fields

import typer

from redline.cli import app
from redline.cli.common import CSV_HELP, console, edge, emit, machine_format, state

config_app = typer.Typer(help="Inspect the settings.", no_args_is_help=True)
app.add_typer(config_app, name="config")

COLUMNS = ("name", "value", "source", "env", "help")


@config_app.command("show")
@edge
def config_show(
    as_json: bool = typer.Option(
        False, "--json", help="Print JSON: one object per setting (name, value, source, env, "
                              "help)."),
    as_csv: bool = typer.Option(False, "--csv", help=CSV_HELP),
) -> None:
    """Show every setting with its value and where it came from (default, the settings
    file, an environment variable or a flag)."""
    from redline.settings import Settings, config_path, setting_sources

    fmt = machine_format(as_json, as_csv)
    # --db also reads REDLINE_DB: when that is where the value came from, say so
    from_env = state.db is not None and state.db == os.environ.get("REDLINE_DB")
    settings, sources = setting_sources(db=None if from_env else state.db)
    values = asdict(settings)
    rows = [{"name": f.name, "value": values[f.name], "source": sources[f.name],
             "env": f.metadata["env"], "help": f.metadata["help"]} for f in fields(Settings)]
    if fmt:
        emit(rows, fmt, COLUMNS)
        return
    console.print(f"settings file: {config_path()}", highlight=False, markup=False)
    width = max(len(row["name"]) for row in rows)
    for row in rows:
        value = "(empty)" if row["value"] == "" else row["value"]
        console.print(f"{row['name']:<{width}}  {value!s}  ({row['source']})",
                      highlight=False, markup=False)
