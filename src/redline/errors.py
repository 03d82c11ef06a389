"""One root exception; each subclass says what was found and what is valid."""

from __future__ import annotations


class RedlineError(Exception):
    """Root of every error redline raises on purpose."""


class InputError(RedlineError):
    """An input (file, URL, record) cannot be read or is not what it claims to be."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class FetchError(InputError):
    """A URL could not be fetched."""


class ConfigError(RedlineError):
    """A setting or settings file is invalid."""


class StoreError(RedlineError):
    """The database cannot be opened, migrated or written."""


class NotFoundError(RedlineError):
    """A record asked for by id does not exist."""


class ValidationError(RedlineError):
    """A data file (red lines, actors, cues) is malformed.

    ``location`` names the file and line; ``field`` the offending key.
    """

    def __init__(self, location: str, field: str, problem: str) -> None:
        self.location = location
        self.field = field
        self.problem = problem
        super().__init__(f"{location}: {field}: {problem}")
