"""The writers, one module per output format, chosen from one table (as pelican chooses its readers).

Each writer module has `document(report, template, context) -> bytes`. A writer is imported only
when its output format is asked for, so that rendering a .docx never loads the HTML writer. PDF has
no writer of its own: it is the .docx converted by LibreOffice, many files at a time (render/pdf.py).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class OutputFormat:
    name: str  # as `--format` takes it
    extension: str
    writer: str | None  # the module of generator.render that writes it; None: converted from the .docx


OUTPUT_FORMATS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("docx", ".docx", "docx"),
        OutputFormat("md", ".md", "markdown"),
        OutputFormat("pdf", ".pdf", None),
        OutputFormat("html", ".html", "html"),
    )
}


def extensions(names: Iterable[str]) -> dict[str, str]:
    """Output format → the extension of its file, for output.targets."""
    return {name: OUTPUT_FORMATS[name].extension for name in names}


def write(name: str, report: Any, template: Any, context: dict[str, Any]) -> bytes:
    """The bytes of `report` in the output format `name` (not pdf: see render/pdf.py)."""
    writer = OUTPUT_FORMATS[name].writer
    assert writer is not None, name
    return importlib.import_module(f"generator.render.{writer}").document(report, template, context)
