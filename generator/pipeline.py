"""The library API: read → validate → build → render → write, one data file at a time.

Functions return diagnostics instead of printing them; a ReportgenError means the command cannot
go on (a missing file, an unwritable output, a broken template).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator import render
from generator.data import source as source_mod
from generator.data import validate
from generator.data.model import Report, build
from generator.data.source import Source
from generator.diagnostics import Diagnostic
from generator.errors import ReportgenError
from generator.messages import msg
from generator.output import source_date, targets, write_atomic
from generator.templating import templates

if TYPE_CHECKING:
    from generator.render.pdf import Document


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


def render_bytes(report: Report, template: templates.Template, output_format: str) -> bytes:
    """`report` in one output format but pdf, through its writer (render/__init__.py)."""
    from generator.templating import context as ctx

    return render.write(output_format, report, template, ctx.build(report, template.layout))


@dataclass
class Result:
    data_file: Path
    outputs: list[Path]  # what was written, in the order of the formats asked for
    diagnostics: list[Diagnostic]
    exit_code: int = 0  # of a file that could not be rendered (in every format): 1 its data, 2 anything else

    @property
    def ok(self) -> bool:
        return bool(self.outputs) and self.exit_code == 0

    @property
    def output(self) -> Path | None:
        return self.outputs[0] if self.outputs else None


@dataclass
class Prepared:
    """A data file rendered in every format asked for but PDF, which needs LibreOffice: `pdf` says
    where it goes and what it is made from, for the caller to convert (a batch, many at a time)."""

    result: Result
    pdf: tuple[Path, Document] | None = None  # where it goes, what it is made from


# The lint rules whose findings a render prints: what would otherwise go out in the document unseen.
RENDER_WARNS = ("placeholder",)


def prepare(data_file: Path, outputs: dict[str, Path], template: str | None = None, strict: bool = False) -> Prepared:
    """Validate and render one file in each output format of `outputs` (output format → path) but pdf.

    Writes nothing when the data has errors (or, if `strict`, lint findings); otherwise the
    placeholders left are warnings of the result. The report is
    rendered once: the .docx written and the one a PDF is made from are the same bytes.
    """
    loaded = load(data_file)
    if not loaded.ok:
        return Prepared(Result(data_file, [], loaded.diagnostics, 1))
    assert loaded.report is not None and loaded.source is not None
    from generator.lint import lint

    # every finding stops a strict render; otherwise placeholders left are said, and it goes on
    findings = lint(loaded.source, loaded.report, None if strict else RENDER_WARNS)
    if strict and findings:
        return Prepared(Result(data_file, [], sorted(loaded.diagnostics + findings), 1))
    chosen = choose_template(loaded.report, data_file, template)
    rendered = {name: render_bytes(loaded.report, chosen, name) for name in outputs if name != "pdf"}
    written = []
    for name, data in rendered.items():
        write_atomic(outputs[name], data)
        written.append(outputs[name])
    result = Prepared(Result(data_file, written, sorted(loaded.diagnostics + findings)))
    if "pdf" in outputs:
        from generator.render import pdf

        docx = rendered.get("docx") or render_bytes(loaded.report, chosen, "docx")
        result.pdf = (outputs["pdf"], pdf.Document(docx, pdf_date(loaded.report)))
    return result


def pdf_date(report: Report) -> datetime.datetime:
    """The creation date a PDF carries: SOURCE_DATE_EPOCH when set, else the report's own date
    (the signature's, else the last day of its period), so that the same data makes the same PDF."""
    when = source_date()
    if when is not None:
        return when
    day = report.signature.date if report.signature else report.period.last_day
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)


def render_file(
    data_file: Path, out: Path | None = None, template: str | None = None, output_format: str = "docx",
    strict: bool = False, pdf_a: bool = False,
) -> Result:  # fmt: skip
    """Validate and render one file in `output_format` (`docx`, or several: `docx,pdf`) to `out` (or beside it).

    A PDF is converted here, by one LibreOffice; a conversion that fails raises ReportgenError.
    """
    outputs = targets(data_file, out, render.extensions(output_format.split(",")), many=False)
    prepared = prepare(data_file, outputs, template, strict)
    if prepared.pdf is not None:
        from generator.render import pdf

        path, document = prepared.pdf
        write_atomic(path, pdf.convert(document.docx, document.created, pdf_a))
        prepared.result.outputs.append(path)
    return prepared.result
