"""The library API: read → validate → build → render → write, one data file at a time.

Functions return diagnostics instead of printing them; a ReportgenError means the command cannot
go on (a missing file, an unwritable output, a broken template).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator import source as source_mod
from generator import templates, validate
from generator.diagnostics import Diagnostic
from generator.errors import ReportgenError
from generator.messages import msg
from generator.model import Report, build
from generator.output import target, write_atomic
from generator.source import Source


@dataclass
class Loaded:
    source: Source | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    report: Report | None = None

    @property
    def ok(self) -> bool:
        return self.report is not None


def load(path: Path, content: bytes | None = None, display: str | None = None) -> Loaded:
    """Read and validate a data file; the report is built only when there are no errors.

    `content` and `display`: a version of `path` read from elsewhere (`diff HEAD~1:report.yaml`),
    and the name diagnostics give it; a `template:` key is still relative to `path`'s folder.
    """
    if content is None and not path.is_file():
        raise ReportgenError("read.missing", path=str(path))
    try:
        src, found = source_mod.read(path, display, content)
    except OSError as e:
        raise ReportgenError("read.unreadable", path=str(path), reason=e.strerror or str(e)) from None
    if src is None:
        return Loaded(None, found)
    found = validate.validate(src) + _check_template_key(src, path)
    errors = [d for d in found if d.is_error]
    return Loaded(src, sorted(found), None if errors else build(src))


def _check_template_key(src: Source, path: Path) -> list[Diagnostic]:
    name = src.data.get("template")
    problem = templates.check_key(name, path.parent) if isinstance(name, str) and name else None
    if problem is None:
        return []
    line, column = src.position(("template",))
    return [Diagnostic(src.file, line, column, path="template", message=msg(problem[0], **problem[1]))]


def choose_template(report: Report, data_file: Path, override: str | None) -> templates.Template:
    """-t wins, then the file's `template` key (relative to the file), then `standard`."""
    if override:
        return templates.resolve(override)
    return templates.resolve(report.template, data_file.parent)


def render_bytes(report: Report, template: templates.Template, fmt: str) -> bytes:
    from generator.render import context as ctx

    context = ctx.build(report, template.format)
    if fmt == "md":
        from generator.render import markdown

        return markdown.render(context).encode("utf-8")
    if fmt == "html":  # a custom template has no HTML of its own: its paragraphs in the built-in look
        from generator.render import html

        custom = template.name if templates.looks_like_path(template.name) else None
        return html.render(context, custom).encode("utf-8")
    from generator.render import docx

    return docx.render_bytes(template.docx, context, report.title)


@dataclass
class Result:
    data_file: Path
    output: Path | None
    diagnostics: list[Diagnostic]
    exit_code: int = 0  # of a file that could not be rendered: 1 its data, 2 anything else

    @property
    def ok(self) -> bool:
        return self.output is not None


def render_file(
    data_file: Path, out: Path | None = None, template: str | None = None, fmt: str = "docx",
    strict: bool = False,
) -> Result:
    """Validate and render one file; writes nothing when the data has errors (or, if `strict`, lint findings)."""
    loaded = load(data_file)
    if not loaded.ok:
        return Result(data_file, None, loaded.diagnostics, 1)
    assert loaded.report is not None and loaded.source is not None
    if strict:
        from generator.lint import lint

        findings = lint(loaded.source, loaded.report)
        if findings:
            return Result(data_file, None, sorted(loaded.diagnostics + findings), 1)
    chosen = choose_template(loaded.report, data_file, template)
    path = out if out is not None else target(data_file, None, fmt, many=False)
    if fmt == "pdf":
        from generator.render import pdf

        docx_bytes = render_bytes(loaded.report, chosen, "docx")
        write_atomic(path, pdf.convert(docx_bytes, path.stem))
    else:
        write_atomic(path, render_bytes(loaded.report, chosen, fmt))
    return Result(data_file, path, loaded.diagnostics)
