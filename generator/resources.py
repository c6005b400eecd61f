"""Where the data files that ship with the package live (schemas/, templates/)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

_REPO = Path(__file__).resolve().parent.parent


@cache
def folder(name: str) -> Path:
    """The folder `schemas` or `templates`: in a wheel a sub-package, in a checkout the top-level folder."""
    try:
        found = Path(str(resources.files(f"generator.{name}")))
        if found.is_dir():
            return found
    except (ModuleNotFoundError, TypeError):
        pass
    return _REPO / name
