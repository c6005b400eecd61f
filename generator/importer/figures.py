"""A table of this period's and the previous period's numbers becomes `figures`.

Its header row names the two periods: 本期/上期, 今年/去年, or two years (2024年/2023年). The
first column is the label, with its unit when written `支部学习会（次）`; a change column (增减)
is left out, since the template computes it. Keys are f1, f2 … in the order of the rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CURRENT = ("本期", "今年", "本年", "本年度", "当期", "本季度", "本半年")
_PREVIOUS = ("上期", "去年", "上年", "上年度", "同期", "上季度", "上半年度")
_YEAR = re.compile(r"(20\d\d)\s*年?度?")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_NONE = ("—", "-", "－", "——", "/", "")
_UNIT = re.compile(r"(.+?)[（(]([^（）()]{1,8})[)）]")


@dataclass
class Row:
    label: str
    unit: str
    value: str  # the number as typed
    previous: str | None


def header_columns(cells: list[str]) -> tuple[int | None, int | None]:
    """(this period's column, the previous period's column) of a header row, None when absent."""
    words = [re.sub(r"\s", "", c) for c in cells]
    current = next((i for i, w in enumerate(words) if w in _CURRENT or w.startswith(_CURRENT)), None)
    previous = next((i for i, w in enumerate(words) if w in _PREVIOUS or w.startswith(_PREVIOUS)), None)
    if current is None or previous is None:
        years = [(i, int(m.group(1))) for i, w in enumerate(words) if (m := _YEAR.fullmatch(w))]
        if len(years) >= 2:
            years.sort(key=lambda x: -x[1])
            current, previous = years[0][0], years[1][0]
    if current == 0 or previous == 0:
        return None, None  # the first column is the label
    return current, previous


def number(cell: str) -> str | None:
    """The number a cell holds as typed (`12`, `12.50`, `1,200` → `1200`); None for anything else."""
    text = cell.strip().replace(",", "").replace("，", "")
    return text if _NUMBER.fullmatch(text) else None


def rows(table: list[list[str]]) -> list[Row] | None:
    """The figures of a table, or None when it is not a table of figures."""
    if len(table) < 2:
        return None
    current, previous = header_columns(table[0])
    if current is None or previous is None:
        return None
    found = []
    for cells in table[1:]:
        if len(cells) <= max(current, previous) or not cells[0].strip():
            return None
        value = number(cells[current])
        before = number(cells[previous])
        if value is None or (before is None and cells[previous].strip() not in _NONE):
            return None
        label, unit = split_unit(cells[0].strip())
        found.append(Row(label, unit, value, before))
    return found


def split_unit(label: str) -> tuple[str, str]:
    """`支部学习会（次）` → (支部学习会, 次)."""
    m = _UNIT.fullmatch(label)
    return (m.group(1).strip(), m.group(2).strip()) if m else (label, "")
