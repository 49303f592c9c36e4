"""The genre's vocabulary, kept as data beside the code: ``genre.yml``, ``agency_grammar.yml``."""

from functools import cache
from pathlib import Path
from typing import Any

import yaml


@cache
def vocabulary(name: str) -> dict[str, Any]:
    """The YAML file ``name`` of this folder, read once."""
    loaded: dict[str, Any] = yaml.safe_load(Path(__file__).with_name(name).read_text(encoding="utf-8"))
    return loaded
