"""`reportgen update DATA.yaml --from REVIEWED.docx`: a reviewer's edits and comments taken back
into the data file (shared/spec/review.md). The library API is `update()`; it never prints.

document.py reads theirs and base; origin.py maps ours (the current render) to the fields;
merge.py applies the three-way rule and takes each edit to its field (place.py for paragraphs
that came or went); comments.py places the comments; yamledit.py writes the plan into the file
byte for byte; verify.py reads, validates and lays the result out again: it must read as theirs.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

from generator import pipeline
from generator.diagnostics import ERROR, WARNING, Diagnostic, format_path
from generator.errors import ReportgenError
from generator.importer import convert
from generator.importer.paragraphs import ImportFailed
from generator.layout import LAYOUTS
from generator.messages import msg
from generator.output import check_kind, check_writable, write_atomic
from generator.review import align, document, origin, verify, yamledit
from generator.review import comments as comments_mod
from generator.review.merge import Merger, Note
from generator.review.plan import Plan
from generator.templating import templates

CODE = "review"
MAX_CHARS = 4_000_000  # characters of a reviewed document: twice what the largest data file renders
NOTE = "note"
_BLANKS = " \t\u3000\u00a0"


@dataclass
class Counts:
    edits: int = 0
    fields: int = 0
    comments: int = 0
    conflicts: int = 0
    warnings: int = 0


@dataclass
class Result:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    diff: str = ""  # unified diff of the data file
    output: Path | None = None  # what was written; None for --dry-run, conflicts, no edits
    counts: Counts = field(default_factory=Counts)
    template: str = ""
    exit_code: int = 0


@dataclass
class View:
    """One version's paragraphs, empty ones left out, with their 段N in the reviewed document."""

    texts: list[str]
    where: list[int]
    anchors: list[list[tuple[str, int]]]
    cells: set[int]
    headings: set[int]
    columns: dict[int, int]  # a table cell's column


def view(paragraphs: list[document.Text]) -> View:
    v = View([], [], [], set(), set(), {})
    for n, p in enumerate(paragraphs, 1):
        text = p.text.replace("\t", " ").strip(_BLANKS)
        if text:
            if p.cell is not None:
                v.cells.add(len(v.texts))
                v.columns[len(v.texts)] = p.cell[2]
            if p.heading:
                v.headings.add(len(v.texts))
            v.texts.append(text)
            v.where.append(n)
            v.anchors.append(p.anchors)
    return v


def update(
    data_file: Path, reviewed: Path, template: str | None = None, base: str | None = None,
    out: Path | None = None, dry_run: bool = False, comments: str = "print",
) -> Result:  # fmt: skip
    """Take the reviewer's edits in `reviewed` into `data_file` (or `out`); see review.md."""
    if out is not None:
        check_writable(out, reviewed)
        check_kind(out, ".yaml")  # never over a document or notes that happen to be there
    loaded = pipeline.load(data_file)
    if not loaded.ok:
        return Result(loaded.diagnostics, exit_code=1)
    doc = read_reviewed(reviewed)
    size = sum(len(p.chars) for p in doc.paras)
    if size > MAX_CHARS:  # far more than any report a data file renders: refused, not read for minutes
        raise ImportFailed("review.too-big", path=str(reviewed), size=size, limit=MAX_CHARS)
    theirs = view(doc.theirs())
    chosen = choose(loaded, data_file, template, theirs.texts)
    ours = mapped(loaded, chosen)
    base_texts = view(doc.base()).texts if doc.tracked else base_render(data_file, base, chosen, ours)
    _check_origin(ours, base_texts if doc.tracked else theirs.texts, reviewed, data_file)
    plan = Plan(loaded.source)
    merger = Merger(plan, loaded.report, doc.tracked)
    outcome = merger.run(base_texts, theirs.texts, ours, theirs.where, theirs.cells, theirs.headings)
    at = lambda path, index, message: _at(loaded.source, path, NOTE, message, str(data_file), index)  # noqa: E731
    notes, yaml_comments = comments_mod.notes(doc, theirs.anchors, merger, ours, at)
    result = Result(template=chosen.name)
    result.counts = Counts(plan.edits, plan.fields, len(notes), len(outcome.conflicts), len(outcome.warnings))
    result.diagnostics += [conflict(n, loaded.source, str(reviewed)) for n in outcome.conflicts]
    result.diagnostics += [warning(n, str(reviewed)) for n in outcome.warnings]
    if outcome.conflicts:
        result.diagnostics += notes
        result.exit_code = 1
        return result
    new_text = _write(result, plan, loaded, yaml_comments if comments == "yaml" else None, chosen, theirs, outcome, reviewed)
    result.diagnostics += notes
    target = out or data_file
    result.diff = unified(loaded.source.text, new_text, str(data_file), str(target))
    if new_text != loaded.source.text and not dry_run:
        write_atomic(target, encode(new_text, data_file.read_bytes()))  # keeps an existing file's mode
        result.output = target
    return result


def _check_origin(ours: list[origin.Mapped], given: list[str], reviewed: Path, data_file: Path) -> None:
    """At least half the document as the reviewer got it must be ours: else it is not this data's."""
    texts = [m.text for m in ours]
    equal = sum(1 for o, g in align.pair(texts, given) if o is not None and g is not None and texts[o] == given[g])
    if not given or equal * 2 < len(given):
        raise NotRendered("review.not-rendered", path=str(reviewed), data=str(data_file), equal=equal, total=len(given))


def _write(result: Result, plan: Plan, loaded, comment_lines, chosen, theirs: View, outcome, reviewed: Path) -> str:
    """The new text of the data file, checked: what could not be written in place or does not
    render as theirs is added to the result's warnings."""
    new_text, refused = yamledit.apply(plan, comment_lines)
    result.diagnostics += [_at(loaded.source, path, WARNING, msg("review.unsupported")) for path in refused]
    again = verify.reloaded(new_text, loaded.source.file)
    new = [m.text for m in mapped(again, chosen)]
    warned = {n.where for n in outcome.warnings}
    missing = verify.unrendered(new, again.report, loaded.report, theirs, warned)
    result.diagnostics += [warning(n, str(reviewed)) for n in missing]
    result.counts.warnings += len(refused) + len(missing)
    return new_text


class NotRendered(ImportFailed):
    """A document that was not rendered from this data (exit 1)."""


# ---------------------------------------------------------------- reading and rendering


def read_reviewed(path: Path) -> document.Reviewed:
    name = str(path)
    if not path.is_file():
        raise ReportgenError("read.missing", path=name)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return document.read(path, name)
    if suffix in convert.CONVERTED:
        with convert.to_docx(path, name) as docx:
            return document.read(docx, name)
    raise ImportFailed("review.unsupported-input", path=name)


def choose(loaded: pipeline.Loaded, data_file: Path, override: str | None, texts: list[str]) -> templates.Template:
    """-t, else the data's `template`, else the built-in layout closest to the document (the
    default one as soon as nine in ten of the document's paragraphs are its own)."""
    if override or loaded.report.template:
        return pipeline.choose_template(loaded.report, data_file, override)
    best, score = "standard", -1
    wanted = set(texts)
    for name, chosen in LAYOUTS.items():
        found = sum(1 for m in origin.build(loaded.report, loaded.source, chosen) if m.text in wanted)
        if found > score:
            best, score = name, found
        if score * 10 >= len(wanted) * 9:
            break
    return templates.resolve(best)


def mapped(loaded: pipeline.Loaded, chosen: templates.Template) -> list[origin.Mapped]:
    """The render of the data as mapped paragraphs. A custom template walks the data its own way:
    its paragraphs that print a layout paragraph as it is are mapped, the others are not."""
    built = origin.build(loaded.report, loaded.source, chosen.layout)
    if not templates.looks_like_path(chosen.name):  # a built-in template prints the layout as it is
        return built
    rendered = pipeline.render_bytes(loaded.report, chosen, "docx")
    texts = view(document.read(rendered, chosen.name).theirs()).texts
    out = []
    pairs = {d: m for m, d in align.pair([m.text for m in built], texts) if m is not None and d is not None}
    for d, text in enumerate(texts):
        m = pairs.get(d)
        same = m is not None and built[m].text == text
        part = None if same else _part_of(built, text)
        out.append(built[m] if same else part or origin.Mapped([origin.Seg(text, origin.UNMAPPED)], "template"))
    return out


def _part_of(built: list[origin.Mapped], text: str) -> origin.Mapped | None:
    """A paragraph that prints some of a layout paragraph's segments in a row (a text without the
    points the layout runs on after it, a run-in heading printed on its own): those segments."""
    for m in built:
        for i in range(len(m.segs)):
            joined = ""
            for j in range(i, len(m.segs)):
                joined += m.segs[j].text
                if joined == text:
                    return origin.Mapped(m.segs[i : j + 1], m.role)
                if not text.startswith(joined):
                    break
    return None


def base_render(data_file: Path, base: str | None, chosen: templates.Template, ours: list[origin.Mapped]) -> list[str]:
    """What the reviewer was given when the document has no tracked changes: the render at
    `--base REV`, else the current one."""
    if base is None:
        return [m.text for m in ours]
    from generator.diff import gitrev

    rel = os.path.relpath(data_file.resolve(), Path.cwd()).replace(os.sep, "/")
    spec = f"{base}:{rel if rel.startswith('../') else './' + rel}"
    revision = gitrev.Revision(spec, base, spec.partition(":")[2])
    loaded = pipeline.load(data_file, gitrev.show(revision), spec)
    if not loaded.ok:
        raise ReportgenError("review.base-invalid", spec=spec)
    return [m.text for m in mapped(loaded, chosen)]


def conflict(n: Note, source, reviewed: str) -> Diagnostic:
    where = msg("import.where-para", n=n.where)
    return _at(source, n.path, ERROR, msg(n.key, place=f"{reviewed}:{where}", **n.kw), index=n.index)


def warning(n: Note, reviewed: str) -> Diagnostic:
    place = f"{reviewed}:{msg('import.where-para', n=n.where)}"
    return Diagnostic(place, 0, 0, WARNING, CODE, "", msg(n.key, **n.kw))


def _at(source, path: tuple, level: str, message: str, file: str | None = None, index: int = 0) -> Diagnostic:
    """At the field's place; inside a multi-paragraph text, at the start of that paragraph."""
    line, column = source.position(path) if path else (1, 1)
    paras = origin.raw_paragraphs(source, path) if path else []
    if len(paras) > 1 and index < len(paras):
        line, column = source.locate(path, paras[index][:8])
    where = format_path(path) if level != NOTE else ""
    return Diagnostic(file or source.file, line, column, level, CODE, where, message)


def unified(old: str, new: str, name: str, target: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{name}", f"b/{target}"
    )  # fmt: skip
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def encode(text: str, original: bytes) -> bytes:
    """The new text in the file's own encoding and byte-order mark."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if original.startswith(bom):
            return bom + text.encode(encoding)
    return text.encode("utf-8")
