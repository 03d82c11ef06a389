"""Reading the editable data files (cue words, aliases, grades, patterns) the code consults."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from redline.errors import ValidationError


def load_yaml_mapping(path: Path | str) -> dict[str, Any]:
    """The top-level mapping of a YAML data file (empty file: empty mapping).

    Raises ValidationError naming the file, the line where the YAML breaks, and
    what is expected, so an analyst who edited a file by hand sees what to mend.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(str(path), "(file)", f"cannot be read as UTF-8 text ({exc})") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ValidationError(where, "(yaml)", f"not valid YAML: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise ValidationError(str(path), "(yaml)", f"not valid YAML: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValidationError(str(path), "(top level)",
                              f"expected a mapping of sections, found a {type(data).__name__}")
    return data
