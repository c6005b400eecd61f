"""`reportgen import`: an existing report (.docx, .txt, .md; .doc .wps .odt .rtf through
LibreOffice) read back into a data file that renders to the same text (shared/spec/import.md).

read (word.py, plain.py, convert.py) → paragraphs with hints → frame.py (title, sign-off,
figures, labels) → structure.py under each format → detect.py keeps the closest → writer.py.
The library API is `import_file()`; it returns diagnostics and never prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.data import periods, validate
from generator.data import source as source_mod
from generator.data.model import compose_title
from generator.data.periods import Period
from generator.diagnostics import WARNING, Diagnostic
from generator.errors import OutputError, ReportgenError
from generator.importer import convert, detect, guess, plain, reflow, word
from generator.importer.frame import frame
from generator.importer.paragraphs import Document, ImportFailed
from generator.importer.writer import write
from generator.messages import msg
from generator.output import target, write_atomic

CODE = "import"


@dataclass
class Imported:
    source: Path
    output: Path | None  # None when nothing was written
    diagnostics: list[Diagnostic] = field(default_factory=list)
    template: str = ""
    items: int = 0
    points: int = 0
    figures: int = 0
    exit_code: int = 0


def _converted(path: Path, name: str) -> Document:
    """A .doc, .wps, .odt or .rtf: converted to .docx by LibreOffice, then read as one."""
    with convert.to_docx(path, name) as docx:
        return word.read(docx, name)


# Each suffix's reader (as pelican chooses its readers): the file and the name its messages give.
READERS: dict[str, Callable[[Path, str], Document]] = {
    ".docx": word.read,
    ".txt": plain.read_txt,
    ".md": plain.read_md,
    ".markdown": plain.read_md,
    **{suffix: _converted for suffix in convert.CONVERTED},
}


def read(path: Path, name: str | None = None) -> Document:
    """The paragraphs of a report file, whatever its format."""
    name = name or str(path)
    if not path.is_file():
        raise ReportgenError("read.missing", path=name)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ImportFailed("import.unsupported", path=name, suffixes=" ".join(READERS))
    doc = reader(path, name)
    if not any(p.text.strip() or p.is_table for p in doc.paragraphs):
        raise ImportFailed("import.empty", path=name)
    return doc


def import_file(
    path: Path, out: Path | None = None, org: str | None = None, period: str | None = None,
    force: bool = False, strict: bool = False, many: bool = False,
) -> Imported:  # fmt: skip
    """Read `path`, write its data file; problems of the input raise ReportgenError (nothing written)."""
    chosen_period = _flag_period(period)
    output = target(path, out, ".yaml", many, force=force)
    if output.exists() and not force:
        raise ReportgenError("import.exists", path=str(output))
    doc = read(path, str(path))
    doc.paragraphs, reshaped = reflow.repair(doc.paragraphs)
    found = frame(doc)
    organization, report_period, notes = guess.org_and_period(found, org, chosen_period, str(path))
    composed = compose_title(organization, report_period)
    title = found.title if found.title and found.title != composed else None
    if not found.title:
        notes.append((0, "import.no-title", {"title": composed}))
    best = detect.choose(found, organization, report_period, title or "")
    text = write(
        best.built.data, organization=organization, period=report_period, title=title,
        template=None if best.name == "standard" else best.name, signature=found.signature,
        figures=found.figures, source=path.name, out=output,
    )  # fmt: skip
    _check(text, str(output))
    diagnostics = [_diagnostic(doc, where, key, kw) for where, key, kw in doc.notes + reshaped + notes + found.notes + best.built.notes]
    result = Imported(path, None, diagnostics, best.name, *_counts(best.built.data), len(found.figures))
    if strict and diagnostics:
        result.exit_code = 1
        return result
    write_atomic(output, text.encode("utf-8"))
    result.output = output
    return result


def _flag_period(period: str | None) -> Period | None:
    if period is None:
        return None
    found = periods.parse(period)
    if found is None:
        raise ReportgenError("new.bad-period", value=period)
    return found


def _check(text: str, name: str) -> None:
    """The file written must validate: anything else is our bug, reported rather than written."""
    try:
        found = validate.validate(source_mod.read_text(text, name))
    except source_mod.ReadError as e:
        raise ImportFailed("import.invalid-output", path=name, problem=msg(e.key, **e.kw)) from None
    errors = [d for d in found if d.is_error]
    if errors:
        raise ImportFailed("import.invalid-output", path=name, problem=errors[0].render())


def _diagnostic(doc: Document, where: int, key: str, kw: dict) -> Diagnostic:
    fields = {k: (msg(f"import.part.{v}") if k == "part" else v) for k, v in kw.items()}
    place = f"{doc.name}:{msg(doc.place_key, n=where)}" if where else doc.name
    return Diagnostic(place, 0, 0, WARNING, CODE, "", msg(key, **fields))


def _counts(data: dict) -> tuple[int, int]:
    items = points = 0
    blocks = [data[p] for p in ("summary", "problems", "causes", "plans") if data.get(p)]
    while blocks:
        b = blocks.pop()
        points += len(b.get("points", ()))
        items += len(b.get("items", ()))
        blocks += b.get("items", ())
    return items, points


def import_files(
    files: list[Path], out: Path | None = None, org: str | None = None, period: str | None = None,
    force: bool = False, strict: bool = False,
) -> Iterator[Imported | ReportgenError]:  # fmt: skip
    """Import each file in turn (as batch.run renders): its result, or, for several files, the error
    that stopped it, so that one bad report does not stop the others. One file's error is raised."""
    many = len(files) > 1
    if many and out is not None and not out.is_dir():
        raise OutputError("out.o-file-many")
    for f in files:
        try:
            yield import_file(f, out, org=org, period=period, force=force, strict=strict, many=many)
        except ReportgenError as e:
            if not many:
                raise
            yield e
