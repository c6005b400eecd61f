"""Where the data files that ship with the package live: generator/assets/ (schemas, templates, fonts)."""

from __future__ import annotations

from pathlib import Path

ASSETS = Path(__file__).resolve().parent / "assets"


def folder(name: str) -> Path:
    """The folder `schemas`, `templates` or `fonts` of generator/assets/, in a checkout and in a wheel alike."""
    return ASSETS / name
