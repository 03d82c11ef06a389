"""``redline ingest``, ``redline articles`` and ``redline show``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from redline.cli import app
from redline.cli.common import state
from redline.store import Store
from redline.store.articles import list_articles

SAMPLE = Path(__file__).resolve().parents[2] / "sample" / "us-gov"
SENTENCE = ("The two officials committed to continuing close cooperation in support of Ukraine "
            "and the Ukrainian people.")


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("REDLINE_DB", url)
    monkeypatch.setenv("REDLINE_ANALYZE_ON_INGEST", "0")
    return url


@pytest.fixture
def cli(db: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    runner = CliRunner()

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        # The CLI keeps settings and store for the process; each call here is a fresh run.
        monkeypatch.setattr(state, "_settings", None)
        monkeypatch.setattr(state, "_store", None)
        return runner.invoke(app, list(args))

    return invoke


def test_done_criterion_korea_times(cli, db: str, seed_article: Path,  # type: ignore[no-untyped-def]
                                    seed_gold: Path) -> None:
    gold = yaml.safe_load(seed_gold.read_text(encoding="utf-8"))["article"]
    first = cli("ingest", str(seed_article), "--published", "2024-10-20")
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("new")
    [stored] = list_articles(Store(db))
    article = stored.article
    assert (article.headline, article.subheadline, article.byline) == (
        gold["headline"], gold["subheadline"], gold["byline"])
    assert article.published is not None and article.published.isoformat() == (
        "2024-10-20T00:00:00+00:00")
    paragraphs = article.text.split("\n\n")
    for line in gold["boilerplate"]:
        assert all(line not in paragraph for paragraph in paragraphs)
    assert gold["section_headings"][0] in article.section_headings
    assert gold["section_headings"][0] not in paragraphs

    again = cli("ingest", str(seed_article), "--published", "2024-10-20")
    assert again.exit_code == 0
    assert again.stdout.startswith("unchanged")
    assert len(list_articles(Store(db))) == 1


def test_sample_folder_then_list_and_show(cli, db: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("ingest", str(SAMPLE), "--no-analyze")
    assert result.exit_code == 0, result.output
    assert "9 new, 0 changed, 0 unchanged, 0 failed" in result.stdout

    listing = cli("articles", "--outlet", "congressional", "--limit", "5")
    assert listing.exit_code == 0
    assert "Russia-North Korea Relations" in listing.stdout
    assert "Kirby" not in listing.stdout
    short_id = re.search(r"\b([0-9a-f]{12})\b", listing.stdout)
    assert short_id is not None

    shown = cli("show", short_id.group(1)[:8], "--furniture")
    assert shown.exit_code == 0, shown.output
    assert "headline:" in shown.stdout and "Russia-North Korea Relations" in shown.stdout
    assert "published:" in shown.stdout and "2026-09-18" in shown.stdout
    assert "Updated September 18, 2026" in shown.stdout  # the removed dateline
    assert "Since 2022, the Russian Federation (Russia)" in shown.stdout

    since = cli("articles", "--since", "2024-11-01", "--search", "Ukraine")
    assert since.exit_code == 0
    assert "Statement from National Security Advisor" in since.stdout
    assert "Remarks by President Biden" not in since.stdout

    assert "9 unchanged" in cli("ingest", str(SAMPLE)).stdout


def test_bad_inputs_give_one_line_each_and_exit_1(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.txt"
    good.write_text(SENTENCE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    result = cli("ingest", str(missing), str(empty), str(good))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert errors == [f"error: {missing}: no such file or folder",
                      f"error: {empty}: file is empty"]
    assert "1 new, 0 changed, 0 unchanged, 2 failed" in result.stdout


def test_bad_flags_are_refused(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.txt"
    good.write_text(SENTENCE, encoding="utf-8")
    bad_date = cli("ingest", str(good), "--published", "someday")
    assert bad_date.exit_code == 1
    assert "--published: value 'someday' is not a date" in bad_date.stderr
    two_urls = cli("ingest", str(good), str(good), "--url", "https://x.example.org/")
    assert two_urls.exit_code == 1
    assert "--url: names one article" in two_urls.stderr
    bad_format = cli("ingest", str(good), "--format", "pdf")
    assert bad_format.exit_code == 1
    assert "unknown format 'pdf'; valid: auto, text, html, feed, jsonl" in bad_format.stderr


def test_explicit_format_overrides_the_extension(cli, db: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "records.data"
    path.write_text(json.dumps({"text": SENTENCE, "title": "From JSONL"}) + "\n")
    result = cli("ingest", str(path), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert [a.article.headline for a in list_articles(Store(db))] == ["From JSONL"]


def test_show_unknown_id(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("show", "abc123")
    assert result.exit_code == 1
    assert "no article with id 'abc123'" in result.stderr


@pytest.mark.parametrize("command", ["ingest", "articles", "show"])
def test_every_option_has_help(command: str) -> None:
    import typer.main

    group = typer.main.get_command(app)
    cmd = group.commands[command]  # type: ignore[attr-defined]
    assert cmd.help
    options = [param for param in cmd.params if param.param_type_name == "option"]
    assert options
    for param in options:
        assert param.help, f"{command} {param.opts} has no help"
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0


def test_new_text_at_the_same_url_is_changed(cli, db: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "page.txt"
    page.write_text(SENTENCE, encoding="utf-8")
    first = cli("ingest", str(page), "--url", "https://x.example.org/story")
    page.write_text(SENTENCE + " The allies met again on Friday.", encoding="utf-8")
    second = cli("ingest", str(page), "--url", "https://x.example.org/story?utm_source=feed")
    assert first.stdout.startswith("new") and second.stdout.startswith("changed")
    old_id = first.stdout.split()[1]
    assert f"(replaces {old_id})" in second.stdout
    [stored] = list_articles(Store(db))
    assert stored.article.text.endswith("The allies met again on Friday.")
