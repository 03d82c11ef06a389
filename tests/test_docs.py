"""Docs keep up with code: every command, option and setting has help and a README mention."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields
from typing import Any

import pytest
import typer.main
from typer.core import TyperArgument

from redline.cli import app
from redline.settings import Settings
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    for name, command in (getattr(group, "commands", None) or {}).items():
        path = f"{prefix} {name}".strip()
        yield path, command
        yield from _commands(command, path)


COMMANDS = dict(_commands(typer.main.get_command(app)))


def test_there_are_commands() -> None:
    assert {"ingest", "analyze", "assess", "explain", "serve", "eval"} <= set(COMMANDS)


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_each_command_has_help_and_a_readme_mention(path: str) -> None:
    command = COMMANDS[path]
    assert (command.help or "").strip(), f"redline {path} has no help text"
    assert f"redline {path}" in README, f"README does not mention `redline {path}`"


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_each_option_has_help(path: str) -> None:
    for param in COMMANDS[path].params:
        if not isinstance(param, TyperArgument):
            assert (param.help or "").strip(), f"redline {path} {param.opts[0]} has no help"


@pytest.mark.parametrize("setting", [f.name for f in fields(Settings)])
def test_each_setting_has_help_and_a_readme_row(setting: str) -> None:
    field = next(f for f in fields(Settings) if f.name == setting)
    assert field.metadata["help"].strip()
    assert f"`{setting}`" in README and field.metadata["env"] in README
