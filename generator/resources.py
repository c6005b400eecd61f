"""Where the data files that ship with the package live (schemas/, templates/)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def folder(name: str) -> Path:
    """The folder `schemas` or `templates`: inside the package when installed from a wheel
    (pyproject.toml maps them to generator/schemas, generator/templates), else the checkout's."""
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name
