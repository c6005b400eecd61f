"""The roll-up as data: its rows (roster order, else the order given), columns and findings.

Every writer (the .xlsx, the 汇编) and the command's report read this one value.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.data.periods import Period
from generator.diagnostics import Diagnostic
from generator.rollup import checks
from generator.rollup.branches import Branch, Collected
from generator.rollup.roster import Entry, Roster
from generator.rollup.totals import Column, columns


@dataclass(frozen=True)
class Row:
    name: str
    branch: Branch | None  # None: a roster entry without a file that took part
    status: str = ""  # "" took part; else not-submitted | off-roster | invalid | other-period | duplicate


@dataclass
class Rollup:
    organization: str  # the level above: the roster's, else "" (a --title names the outputs)
    period: Period
    rows: list[Row]
    columns: list[Column]  # values one a row of `rows`
    findings: list[Diagnostic]

    @property
    def left_out(self) -> list[Row]:
        """Files given that do not take part: invalid, of another period, or a second of one branch."""
        return [r for r in self.rows if r.status in ("invalid", "other-period", "duplicate")]

    @property
    def branches(self) -> list[Branch]:
        return [r.branch for r in self.rows if r.branch is not None]


def build(collected: Collected, roster: Roster | None, strict: bool) -> Rollup:
    assert collected.period is not None
    rows = _rows(collected, roster)
    reports = [r.branch.report if r.branch else None for r in rows]
    cols = columns(reports)
    found = list(collected.findings)
    for branch in collected.branches:
        found += checks.branch_findings(branch)
    found += checks.figure_findings(collected.branches, columns([b.report for b in collected.branches]))
    if roster is not None:
        submitted = {r.name for r in rows if r.status != "not-submitted"}
        off = [r.branch for r in rows if r.status == "off-roster" and r.branch]
        found += checks.roster_findings(roster, submitted, off, strict)
    organization = roster.organization if roster else ""
    return Rollup(organization, collected.period, rows, cols, sorted(set(found)))


def _rows(collected: Collected, roster: Roster | None) -> list[Row]:
    taking_part: list[tuple[str, Path, Branch | None, str]] = [(b.name, b.path, b, "") for b in collected.branches]
    taking_part += [(x.name or x.path.stem, x.path, None, x.reason) for x in collected.left_out]
    if roster is None:
        order = {b.path: i for i, b in enumerate(collected.branches)}
        taking_part.sort(key=lambda t: order.get(t[1], len(order)))  # the left out after the rest
        return [Row(name, branch, status) for name, _, branch, status in taking_part]
    by_entry: dict[Entry, list] = {}
    rows = []
    for part in taking_part:
        entry = roster.entry(part[0], part[1])
        if entry is None:
            rows.append(Row(part[0], part[2], part[3] or "off-roster"))
        else:
            by_entry.setdefault(entry, []).append(part)
    listed = []
    for entry in roster.entries:
        mine = sorted(by_entry.get(entry, []), key=lambda t: t[3] != "")  # the file that took part first
        listed += [Row(entry.name, branch, status) for _, _, branch, status in mine] or [Row(entry.name, None, "not-submitted")]
    return listed + rows
