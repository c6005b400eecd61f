"""`reportgen lint`: content checks on a valid data file, one rule a module.

Each rule module has `ID` (the code users see and silence), `LEVEL`, a docstring that documents
it with PASS/FAIL examples, optional `DEFAULT` settings, and `check(subject, conf)` yielding
`Finding`s. The subject is the `Source` (texts as typed, for finding a place inside them) unless
the module says `INPUT = "report"` (the built `Report`, for the composed title and the parts).
The runner, not the rule, places each finding in the file and gives it file, level and code.
`# reportgen: disable=CODE[,CODE]` on a line silences those rules' findings on that line.
A rule reports at most `common.PER_TEXT` findings in one text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from types import ModuleType

from generator.data.model import Report
from generator.data.source import Source
from generator.diagnostics import Diagnostic, format_path
from generator.lint import (
    brackets,
    empty_part,
    halfwidth_punct,
    hand_figure,
    hand_numbering,
    long_title,
    missing_intro,
    missing_previous,
    no_end_punct,
    placeholder,
    unused_figure,
)
from generator.lint.common import Finding, walked_once
from generator.messages import msg

RULES: dict[str, ModuleType] = {
    m.ID: m
    for m in (
        placeholder,
        hand_numbering,
        halfwidth_punct,
        brackets,
        no_end_punct,
        empty_part,
        missing_intro,
        unused_figure,
        hand_figure,
        missing_previous,
        long_title,
    )
}

_LINES = re.compile(r"\r\n|\r|\n")  # as Source counts lines
_DISABLE = re.compile(r"(?:^|\s)#\s*reportgen:\s*disable=([A-Za-z0-9_,\s-]+)")


def lint(source: Source, report: Report, codes: Iterable[str] | None = None) -> list[Diagnostic]:
    """Every finding of every rule (or of the rules `codes` names) on a file that validated, sorted by position."""
    silenced = _silenced(source.text)
    found = []
    with walked_once(source.data):
        for rule in RULES.values() if codes is None else [RULES[code] for code in codes]:
            subject = report if getattr(rule, "INPUT", "source") == "report" else source
            for finding in rule.check(subject, dict(getattr(rule, "DEFAULT", {}))):
                d = _diagnostic(source, rule, finding)
                if rule.ID not in silenced.get(d.line, ()):
                    found.append(d)
    return sorted(found)


def _diagnostic(source: Source, rule: ModuleType, f: Finding) -> Diagnostic:
    if f.needle is None:
        line, column = source.position(f.path)
    else:
        line, column = source.locate(f.path, f.needle, f.occurrence)
    return Diagnostic(
        source.file, line, column, level=rule.LEVEL, code=rule.ID,
        path=format_path(f.path), message=msg(f.key, **f.kwargs),
    )  # fmt: skip


def _silenced(text: str) -> dict[int, set[str]]:
    """Line number → the codes a `# reportgen: disable=…` comment on that line names."""
    out = {}
    for row, line in enumerate(_LINES.split(text), start=1):
        m = _DISABLE.search(line)
        if m:
            out[row] = {code.strip() for code in m.group(1).split(",")}
    return out
