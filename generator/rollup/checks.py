"""What a 党委 checks before it signs the roll-up, as located findings (warnings unless said).

- placeholders left in a file (lint's placeholder rule);
- a file that `lint --strict` would refuse for anything else: one finding a file, at its first;
- a figure most branches give that some do not;
- one key with units or labels that disagree;
- a branch with no figures;
- against a roster: 未报送 (an error under --strict) and 名单外.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.diagnostics import ERROR, WARNING, Diagnostic, format_path
from generator.messages import msg
from generator.rollup.branches import Branch, at
from generator.rollup.roster import Roster
from generator.rollup.totals import Column


def branch_findings(branch: Branch) -> Iterator[Diagnostic]:
    yield from (d for d in branch.lint if d.code == "placeholder")
    others = [d for d in branch.lint if d.code != "placeholder"]
    if others:
        first = others[0]
        message = msg("rollup.lint", count=len(others), first=first.message)
        yield Diagnostic(first.file, first.line, first.column, WARNING, "lint", first.path, message)
    if not branch.report.figures:
        yield at(branch.source, (), "no-figures", "rollup.no-figures", level=WARNING)


def figure_findings(branches: list[Branch], columns: list[Column]) -> Iterator[Diagnostic]:
    """Columns seen across the branches: gaps where most give a figure, units and labels that differ."""
    for column in columns:
        given = [(b, f) for b, f in zip(branches, column.figures) if f is not None]
        if len(given) * 2 > len(branches) > len(given):
            for branch, figure in zip(branches, column.figures):
                if figure is None:
                    where = ("figures",) if "figures" in branch.source.data else ()
                    yield at(branch.source, where, "missing-figure", "rollup.missing-figure", level=WARNING, at_key=True,
                             key=column.key, label=column.label, count=len(given), total=len(branches))  # fmt: skip
        for branch, figure in given:
            if figure.unit != column.unit:
                yield at(branch.source, ("figures", column.key, "unit"), "unit-mismatch", "rollup.unit-mismatch",
                         level=WARNING, key=column.key, unit=figure.unit or "—", common=column.unit or "—")  # fmt: skip
            if figure.label != column.label:
                yield at(branch.source, ("figures", column.key, "label"), "label-mismatch", "rollup.label-mismatch",
                         level=WARNING, key=column.key, label=figure.label, common=column.label)  # fmt: skip


def roster_findings(roster: Roster, submitted: set[str], off_roster: list[Branch], strict: bool) -> Iterator[Diagnostic]:
    src = roster.source
    for entry in roster.entries:
        if entry.name not in submitted:
            line, column = src.position(entry.path)
            level = ERROR if strict else WARNING
            message = msg("rollup.not-submitted", name=entry.name)
            yield Diagnostic(src.file, line, column, level, "not-submitted", format_path(entry.path), message)
    for branch in off_roster:
        yield at(branch.source, ("organization",), "off-roster", "rollup.off-roster", level=WARNING,
                 name=branch.name, roster=str(src.file))  # fmt: skip
