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
_WITH_UNIT = re.compile(r"(\d+(?:\.\d+)?)\s*([^\d\s.%]{0,4})")  # 12, 12次, 3.5万元; not 82%
_UNIT_HEADS = ("单位", "計量單位", "计量单位", "單位")


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


def with_unit(cell: str) -> tuple[str, str] | None:
    """(number, unit) of a cell that writes its unit after the number: `12次` → (12, 次)."""
    m = _WITH_UNIT.fullmatch(cell.strip().replace(",", "").replace("，", ""))
    return (m.group(1), m.group(2)) if m else None


def unit_column(header: list[str]) -> int | None:
    """The column headed 单位 (or 计量单位), if any."""
    return next((i for i, c in enumerate(header) if re.sub(r"\s", "", c) in _UNIT_HEADS), None)


def rows(table: list[list[str]]) -> list[Row] | None:
    """The figures of a table, or None when it is not a table of figures."""
    if len(table) < 2:
        return None
    current, previous = header_columns(table[0])
    if current is None or previous is None:
        return None
    units = unit_column(table[0])
    found = []
    for cells in table[1:]:
        if len(cells) <= max(current, previous) or not cells[0].strip():
            return None
        now, before = with_unit(cells[current]), with_unit(cells[previous])
        if now is None or (before is None and cells[previous].strip() not in _NONE):
            return None
        label, unit = split_unit(cells[0].strip())
        if before is not None and before[1] != now[1]:
            return None  # 12次 against 10人: not one figure
        written = cells[units].strip() if units is not None and units < len(cells) else ""
        if sum(bool(u) for u in {unit, now[1], written}) > 1:
            return None  # two different units: the figure could not print as typed
        found.append(Row(label, unit or now[1] or written, now[0], before[0] if before else None))
    return found


def split_unit(label: str) -> tuple[str, str]:
    """`支部学习会（次）` → (支部学习会, 次)."""
    m = _UNIT.fullmatch(label)
    return (m.group(1).strip(), m.group(2).strip()) if m else (label, "")
