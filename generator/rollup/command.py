"""`reportgen rollup` as a library call: read, check, total, then write every output or none.

Problems that stop the command raise ReportgenError (exit 2) before anything is written; the
findings come back as Diagnostics for the CLI to print, with the exit status rollup.md gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.data.text import BAD_CHARS
from generator.diagnostics import Diagnostic
from generator.errors import OutputError, ReportgenError
from generator.messages import msg
from generator.output import check_writable, foreign_document, write_atomic
from generator.rollup import branches, summary
from generator.rollup import roster as roster_mod
from generator.rollup.summary import Rollup

FORMATS = ("xlsx", "docx", "pdf")
DEFAULT_FORMATS = ("xlsx", "docx")


@dataclass
class Outcome:
    outputs: list[Path] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)
    exit_code: int = 0
    rollup: Rollup | None = None


def run(
    inputs: list[Path], roster: Path | None = None, out_dir: Path | None = None,
    formats: tuple[str, ...] = DEFAULT_FORMATS, title: str | None = None,
    template: str | None = None, strict: bool = False, force: bool = False,
) -> Outcome:  # fmt: skip
    if title is not None and (BAD_CHARS.search(title) or not title.strip()):
        raise ReportgenError("rollup.bad-title")
    folder = out_dir if out_dir is not None else Path.cwd()
    if not folder.is_dir():
        raise OutputError("out.no-folder", path=str(folder))
    if template:
        from generator.templating import templates

        templates.resolve(template)  # an unknown name is exit 2 before any work
    if "pdf" in formats:
        from generator.render import pdf

        pdf.find_tools()
    listed = roster_mod.read(roster) if roster is not None else None
    files = branches.expand(inputs + _roster_files(listed, inputs), roster)
    collected = branches.collect(files, template, docx="docx" in formats or "pdf" in formats)
    if not collected.branches:
        return Outcome([], sorted(collected.findings), 1)
    rolled = summary.build(collected, listed, strict)
    if title:
        rolled.organization = title.strip()
    outcome = Outcome([], rolled.findings, 1 if any(d.is_error for d in rolled.findings) else 0, rolled)
    targets = {fmt: folder / output_name(rolled, fmt) for fmt in FORMATS if fmt in formats}
    for path in targets.values():
        check_writable(path, files[0])
    if "docx" in targets and not force:
        _refuse_foreign(targets["docx"])
    for fmt, data in render(rolled, list(targets)).items():
        write_atomic(targets[fmt], data)
        outcome.outputs.append(targets[fmt])
    return outcome


def _refuse_foreign(path: Path) -> None:
    """A 汇编 someone has edited in Word since is not replaced (as render does; --force does)."""
    saved_by = foreign_document(path)
    if saved_by:
        raise OutputError("out.foreign-document", path=str(path), by=saved_by)
    if saved_by is not None:
        raise OutputError("out.foreign-document-unsigned", path=str(path))


def _roster_files(listed: roster_mod.Roster | None, inputs: list[Path]) -> list[Path]:
    """The files a roster names take part too (one the command line names as well counts once)."""
    if listed is None:
        return []
    return [e.file for e in listed.entries if e.file is not None and e.file.is_file()]


def render(rolled: Rollup, formats: list[str]) -> dict[str, bytes]:
    """Every output in memory first, so that a failure leaves no file written."""
    out: dict[str, bytes] = {}
    if "xlsx" in formats:
        from generator.rollup import xlsx

        out["xlsx"] = xlsx.render(rolled, title(rolled, "rollup.name.summary"))
    if "docx" in formats or "pdf" in formats:
        from generator.rollup import compilation

        docx = compilation.render(rolled, title(rolled, "rollup.name.compilation"))
        if "docx" in formats:
            out["docx"] = docx
        if "pdf" in formats:
            from generator.render import pdf

            out["pdf"] = pdf.convert(docx, None)
    return out


def title(rolled: Rollup, key: str) -> str:
    """示例公司党委2024年上半年党支部工作汇总 (…汇编)."""
    return msg(key, lang="zh", organization=rolled.organization, period=rolled.period.name)


# Characters no file name on Windows or Linux may hold.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def output_name(rolled: Rollup, fmt: str) -> str:
    key = "rollup.name.summary" if fmt == "xlsx" else "rollup.name.compilation"
    return _UNSAFE.sub("_", title(rolled, key)) + "." + fmt
