"""The branch files of a roll-up: found, read, validated, of one period, one file an organisation.

A file that does not validate, reports another period or repeats an organisation is left out of
the roll-up with a located error; the rest go on.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from generator.data.model import Report
from generator.data.periods import Period
from generator.data.source import Source
from generator.diagnostics import ERROR, Diagnostic, format_path
from generator.errors import ReportgenError
from generator.messages import msg
from generator.rollup.prepare import prepare_all


@dataclass
class Branch:
    path: Path
    source: Source
    report: Report
    lint: list[Diagnostic] = field(default_factory=list)  # what `lint --strict` would refuse
    docx: bytes | None = None  # its own render, when the 汇编 is wanted

    @property
    def name(self) -> str:
        return self.report.organization


@dataclass(frozen=True)
class LeftOut:
    path: Path
    reason: str  # invalid | other-period | duplicate (rollup.status.<reason>)
    name: str | None  # its organisation, when the file says


@dataclass
class Collected:
    branches: list[Branch]  # those that take part, in the order given
    left_out: list[LeftOut] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)
    period: Period | None = None


def expand(inputs: list[Path], roster: Path | None = None) -> list[Path]:
    """The data files named: a folder stands for its `*.yaml` (but the roster), in name order.
    Exit 2 for a missing one."""
    found: list[Path] = []
    for given in inputs:
        if given.is_dir():
            found += sorted(p for p in given.glob("*.yaml") if p.is_file() and not _same(p, roster))
        elif given.is_file():
            found.append(given)
        else:
            raise ReportgenError("read.missing", path=str(given))
    first: dict[Path, Path] = {}
    for path in found:  # one file named twice (in the roster too, or spelt another way) is one
        first.setdefault(path.resolve(), path)
    unique = list(first.values())
    if not unique:
        raise ReportgenError("rollup.no-files")
    return unique


def _same(path: Path, other: Path | None) -> bool:
    return other is not None and path.resolve() == other.resolve()


def collect(files: list[Path], template: str | None = None, docx: bool = False) -> Collected:
    """Every file read, validated, linted (and rendered, for the 汇编); then one period and one
    file an organisation kept."""
    out = Collected([])
    for done in prepare_all(files, template, docx):
        loaded = done.loaded
        out.findings += [d for d in loaded.diagnostics if d.is_error]
        if loaded.ok and done.error is None:
            assert loaded.source is not None and loaded.report is not None
            out.branches.append(Branch(done.path, loaded.source, loaded.report, done.lint, done.docx))
            continue
        if done.error is not None:  # its own template is broken: said where the template key is
            line, column = loaded.source.position(("template",)) if loaded.source else (0, 0)
            out.findings.append(Diagnostic(str(done.path), line, column, message=done.error))
        name = loaded.source.data.get("organization") if loaded.source else None
        out.left_out.append(LeftOut(done.path, "invalid", name.strip() if isinstance(name, str) else None))
    if out.branches:
        out.period = _keep_one_period(out)
        _keep_one_file_each(out)
    return out


def _keep_one_period(out: Collected) -> Period:
    """The period most files report (the first one's on a tie); the others are left out."""
    counts = Counter(b.report.period for b in out.branches)
    period = max(counts, key=lambda p: (counts[p], -_first(out.branches, p)))
    for branch in [b for b in out.branches if b.report.period != period]:
        out.branches.remove(branch)
        out.left_out.append(LeftOut(branch.path, "other-period", branch.name))
        found = branch.report.period.name
        where = (branch.source, ("period",), "other-period", "rollup.other-period")
        out.findings.append(at(*where, found=found, period=period.name))
    return period


def _first(branches: list[Branch], period: Period) -> int:
    return next(i for i, b in enumerate(branches) if b.report.period == period)


def _keep_one_file_each(out: Collected) -> None:
    """Two files of one organisation: the later one is left out (exit 1), the first kept."""
    seen: dict[str, Branch] = {}
    for branch in list(out.branches):
        first = seen.setdefault(branch.name, branch)
        if first is not branch:
            out.branches.remove(branch)
            out.left_out.append(LeftOut(branch.path, "duplicate", branch.name))
            where = (branch.source, ("organization",), "duplicate", "rollup.duplicate")
            out.findings.append(at(*where, name=branch.name, first=str(first.path)))


def at(
    source: Source, path: tuple, code: str, message: str, level: str = ERROR, at_key: bool = False, **kw: object
) -> Diagnostic:
    """A roll-up finding placed at a field of a file (or its key): `code` names its kind in the 检查 sheet."""
    line, column = source.position(path, key=at_key)
    return Diagnostic(source.file, line, column, level, code, format_path(path), msg(message, **kw))
