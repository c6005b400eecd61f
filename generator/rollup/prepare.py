"""Each branch file read, validated, linted and (for the 汇编) rendered: once, in one pass.

The 汇编 holds each branch's own render, and the checks need what `lint --strict` finds, so both
are made here while the file is at hand, and nothing later reads or renders it again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator import pipeline
from generator.diagnostics import Diagnostic
from generator.errors import ReportgenError
from generator.lint import lint
from generator.pipeline import Loaded


@dataclass
class Prepared:
    path: Path
    loaded: Loaded
    lint: list[Diagnostic] = field(default_factory=list)  # what `lint --strict` would refuse
    docx: bytes | None = None  # the branch's own render, for the 汇编
    error: str | None = None  # why it could not be rendered (a broken template of its own)


def prepare(path: Path, template: str | None, docx: bool) -> Prepared:

    loaded = pipeline.load(path)
    out = Prepared(path, loaded)
    if not loaded.ok:
        return out
    assert loaded.source is not None and loaded.report is not None
    out.lint = lint(loaded.source, loaded.report)
    if docx:
        try:
            chosen = pipeline.choose_template(loaded.report, path, template)
            out.docx = pipeline.render_bytes(loaded.report, chosen, "docx")
        except ReportgenError as e:
            out.error = str(e)
    return out


def prepare_all(paths: list[Path], template: str | None, docx: bool) -> list[Prepared]:
    """Every file prepared, in the order given. (One process: a pool of two, tried on the
    benchmark's 200 files, was never faster on a machine whose cores other work keeps busy.)"""
    return [prepare(p, template, docx) for p in paths]
