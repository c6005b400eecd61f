"""The 汇总表's numbers: one column a figure key, one row a branch, and the 合计.

A figure is summed when every branch that gives it gives it in one unit; `total: mean` averages,
`total: none` (the default for `%`) leaves the total empty, and a key in several units gets no
total (checks.py reports it). The arithmetic is decimal: a sum keeps the inputs' decimal places
(0.1 + 0.2 is 0.3), a mean is rounded half up to the figure's `decimals` or the inputs' places,
whichever is more.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from generator.data.figures import rounded
from generator.data.model import Figure, Report


@dataclass
class Column:
    key: str
    label: str  # the label most branches give
    unit: str  # the unit most branches give
    method: str  # sum | mean | none
    figures: tuple[Figure | None, ...]  # one a row; None where the branch has no such figure
    units: tuple[str, ...]  # every unit given, most common first

    @property
    def header(self) -> str:
        return f"{self.label}（{self.unit}）" if self.unit else self.label

    @cached_property
    def values(self) -> list[Decimal | None]:
        return [f.value if f else None for f in self.figures]

    @cached_property
    def places(self) -> int:
        """The most decimal places any branch typed."""
        return max((_places(v) for v in self.values if v is not None), default=0)

    @cached_property
    def total(self) -> Decimal | None:
        given = [v for v in self.values if v is not None]
        if not given or self.method == "none" or len(self.units) > 1:
            return None
        whole = sum(given, Decimal(0))
        if self.method == "sum":
            return whole
        decimals = max(self.places, *(f.decimals for f in self.figures if f))
        return rounded(whole / len(given), decimals)


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def columns(reports: list[Report | None]) -> list[Column]:
    """A column for every figure key, in the order keys first appear; `reports` one a row (None: no file)."""
    keys: dict[str, None] = {}
    for report in reports:
        for f in report.figures if report else ():
            keys.setdefault(f.key)
    out = []
    for key in keys:
        figures = tuple(_figure(report, key) for report in reports)
        given = [f for f in figures if f]
        labels = Counter(f.label for f in given)
        units = Counter(f.unit for f in given)
        methods = Counter(f.total for f in given)
        every_unit = tuple(u for u, _ in units.most_common())
        out.append(Column(key, _most(labels), _most(units), _most(methods), figures, every_unit))
    return out


def _figure(report: Report | None, key: str) -> Figure | None:
    return next((f for f in report.figures if f.key == key), None) if report else None


def _most(counts: Counter) -> str:
    """The most common value; on a tie the first seen (Counter keeps insertion order)."""
    return counts.most_common(1)[0][0]
