"""hand-figure: a figure typed out by hand where a reference would keep it right.

A text that says ``召开学习会12次`` while ``figures`` holds ``study_sessions: {value: 12, unit: 次}``
has the number twice: the next time the figure changes, the text is wrong. The finding points at
the number and names the reference to write instead. Only a number followed by the figure's unit
counts (a date's ``12月`` is no figure in 次).

PASS::

    text: 全年召开支部学习会${study_sessions}。
    figures:
      study_sessions: {label: 支部学习会, value: 12, unit: 次}

FAIL::

    text: 全年召开支部学习会12次。
    figures:
      study_sessions: {label: 支部学习会, value: 12, unit: 次}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from generator.data.source import Source
from generator.lint.common import Finding, first, found, texts

ID, LEVEL = "hand-figure", "warning"

_NUMBER = r"(?<![\d.])\d+(?:\.\d+)?"
_PROSE = ("title", "intro", "closing", "summary", "problems", "causes", "plans")


def check(source: Source, conf: dict) -> Iterator[Finding]:
    by_unit: dict[str, dict[Decimal, str]] = {}
    for key, figure in (source.data.get("figures") or {}).items():
        if figure.get("unit"):
            by_unit.setdefault(figure["unit"], {}).setdefault(figure["value"], key)
    if not by_unit:
        return
    units = "|".join(re.escape(u) for u in sorted(by_unit, key=len, reverse=True))
    pattern = re.compile(rf"({_NUMBER})({units})")
    for path, value in texts(source.data):
        if path[0] not in _PROSE:
            continue
        for m in first(pattern.finditer(value)):
            key = by_unit[m.group(2)].get(Decimal(m.group(1)))
            if key is not None:
                yield found(path, "lint.hand-figure", value, m.start(), len(m.group(0)), text=m.group(0), name=key)
