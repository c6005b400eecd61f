"""`reportgen diff`: two versions of a report → the new one with Word tracked changes (library API).

Both versions (files, or `REV:path` read with git) are validated first, each with diagnostics in
its own name; then both are rendered with the template chosen for the new one (`-t`, else its
`template` key, else `standard`), so that only the content differs, and the new render gets every
difference from the old one as a revision (tracked.py). Nothing is written when either has errors.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from generator import pipeline
from generator.diagnostics import Diagnostic
from generator.diff import gitrev
from generator.diff.tracked import Tracked, track, track_settings
from generator.errors import OutputError, ReportgenError
from generator.output import check_kind, check_writable, same_file, write_atomic

SUFFIX = "-修订"
_CHINESE_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
DEFAULT_AUTHOR = "reportgen"


@dataclass(frozen=True)
class Version:
    display: str  # the name diagnostics give: the path, or REV:path
    path: Path  # the file in the working tree (for a revision: where its path would be)
    revision: gitrev.Revision | None = None
    content: bytes | None = None  # a revision's bytes


def version(arg: str) -> Version:
    """A data file, or a git revision of one (exit 2 when git cannot give it)."""
    found = gitrev.parse(arg)
    if found is None:
        path = Path(arg)
        if not path.is_file():
            raise ReportgenError("read.missing", path=arg)
        return Version(arg, path)
    return Version(arg, gitrev.worktree_path(found), found, gitrev.show(found))


@dataclass
class Result:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    tracked: Tracked | None = None
    output: Path | None = None
    exit_code: int = 0


def run(
    old_arg: str, new_arg: str, out: Path | None = None, template: str | None = None,
    author: str | None = None, date: str | None = None, fmt: str = "docx",
) -> Result:  # fmt: skip
    """Compare two versions; write the tracked .docx (or, for "md", only when `out` is given)."""
    stamp = parse_date(date) if date is not None else default_date()
    old, new = version(old_arg), version(new_arg)
    path = target(old, new, out, fmt, template) if fmt == "docx" or out is not None else None
    loaded = [pipeline.load(v.path, v.content, v.display) for v in (old, new)]
    found = [d for x in loaded for d in x.diagnostics]
    if not all(x.ok for x in loaded):
        return Result(found, exit_code=1)
    old_report, new_report = (x.report for x in loaded)
    chosen = pipeline.choose_template(new_report, new.path, template)
    old_docx = pipeline.render_bytes(old_report, chosen, "docx")
    new_docx = pipeline.render_bytes(new_report, chosen, "docx")
    who = author or gitrev.author(new.revision, new.path) or DEFAULT_AUTHOR
    tracked = track(_part(old_docx, DOCUMENT), _part(new_docx, DOCUMENT), who, stamp)
    if path is not None and fmt == "docx":
        settings = track_settings(_part(new_docx, SETTINGS)) if _has(new_docx, SETTINGS) else None
        parts = {DOCUMENT: tracked.xml, **({SETTINGS: settings} if settings else {})}
        from generator.render import docx

        write_atomic(path, docx.replace_parts(new_docx, parts))
    elif path is not None:
        from generator.diff import summary

        write_atomic(path, summary.markdown(tracked, old.display, new.display).encode("utf-8"))
    return Result(found, tracked, path)


DOCUMENT, SETTINGS = "word/document.xml", "word/settings.xml"


def _part(docx: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return z.read(name)


def _has(docx: bytes, name: str) -> bool:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return name in z.namelist()


def target(old: Version, new: Version, out: Path | None, fmt: str, template: str | None) -> Path:
    """`<new stem>-修订.docx` beside the new version, or in the folder `out`, or `out` itself.

    Never one of the inputs (either data file, the template): refused before any work.
    """
    ext = ".md" if fmt == "md" else ".docx"
    name = new.path.stem + SUFFIX + ext
    path = new.path.with_name(name) if out is None else (out / name if out.is_dir() else out)
    check_writable(path, new.path)
    check_kind(path, ext)  # diff has no --force: a file of another kind is never replaced
    others = [old.path] + ([Path(template)] if template and template.lower().endswith(".docx") else [])
    if any(same_file(path, p) for p in others):
        raise OutputError("out.same-as-input", path=str(path))
    return path


def default_date() -> str:
    """SOURCE_DATE_EPOCH when set (reproducible output), else now; UTC, to the second."""
    from generator.output import source_date

    return (source_date() or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_date(text: str) -> str:
    """`--date`: a date or an ISO 8601 time (a time zone, if given, converted to UTC)."""
    value = text.strip()
    chinese = _CHINESE_DATE.fullmatch(value)
    if chinese:
        value = "{:0>4}-{:0>2}-{:0>2}".format(*chinese.groups())
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise ReportgenError("diff.bad-date", value=text) from None
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")
