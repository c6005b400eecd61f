"""Period names: this period and the next, for years, halves and quarters, across year ends."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from generator.numbering import chinese

_COUNT = {"year": 1, "half": 2, "quarter": 4}


@dataclass(frozen=True)
class Period:
    year: int
    span: str  # year | half | quarter
    index: int | None = None

    @property
    def name(self) -> str:
        """2023年, 2020年上半年, 2020年一季度."""
        return f"{self.year}年{self._part()}"

    @property
    def next(self) -> "Period":
        if self.span == "year" or self.index == _COUNT[self.span]:
            return Period(self.year + 1, self.span, None if self.span == "year" else 1)
        return Period(self.year, self.span, (self.index or 0) + 1)

    @property
    def next_name(self) -> str:
        """How a report names the next period: the year only when it changes (下半年, 2021年上半年)."""
        following = self.next
        return following.name if following.year != self.year else following._part()

    @property
    def last_day(self) -> datetime.date:
        """31 December, 30 June, 30 September…: the period's last day."""
        months = 12 // _COUNT[self.span]
        month = months * (self.index or 1)
        return datetime.date(self.year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)

    @property
    def shorthand(self) -> str:
        """2024, 2024H1, 2024Q3."""
        if self.span == "year":
            return str(self.year)
        return f"{self.year}{'H' if self.span == 'half' else 'Q'}{self.index}"

    def _part(self) -> str:
        if self.span == "half":
            return "上半年" if self.index == 1 else "下半年"
        if self.span == "quarter":
            return f"{chinese(self.index or 1)}季度"
        return ""


_SHORTHAND = re.compile(r"(\d{4})(?:([HhQq])([1-4]))?")


def parse(text: str) -> Period | None:
    """`2024`, `2024H1`/`H2`, `2024Q1`…`Q4`; None for anything else."""
    m = _SHORTHAND.fullmatch(text.strip())
    if not m:
        return None
    year = int(m.group(1))
    if not 2000 <= year <= 2100:
        return None
    if m.group(2) is None:
        return Period(year, "year")
    span = "half" if m.group(2) in "Hh" else "quarter"
    index = int(m.group(3))
    if index > _COUNT[span]:
        return None
    return Period(year, span, index)
