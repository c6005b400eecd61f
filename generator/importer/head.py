"""The organisation and the period, read from the title (import.md "Title"); flags override.

`示例公司第一党支部2024年上半年党建工作总结及下半年工作计划`: the organisation is what comes
before the year, the period what follows it — 上半年/下半年, 一季度…四季度 (第一季度 too), or
the year (2023年, 2023年度).
"""

from __future__ import annotations

import re

from generator.data.periods import Period
from generator.importer import labels

_CN_YEAR = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}
_YEAR = re.compile(r"(20\d\d|二[〇零][〇零一二三四五六七八九]{2})\s*(年度|年)?")
_HALF = re.compile(r"\s*(上|下)半年")
_QUARTER = re.compile(r"\s*第?([一二三四1-4])季度")
_ORG_TRIM = " \t\u3000：:，,、"


def from_title(title: str) -> tuple[str | None, Period | None]:
    """(organisation, period) that the title names; None for what it does not."""
    m = _YEAR.search(title)
    if not m:
        return _org(title[: _period_start(title)]) if _period_start(title) else None, None
    year = int("".join(_CN_YEAR.get(c, c) for c in m.group(1)))
    org = _org(title[: m.start()])
    after = title[m.end() :]
    half, quarter = _HALF.match(after), _QUARTER.match(after)
    if half:
        period = Period(year, "half", 1 if half.group(1) == "上" else 2)
    elif quarter:
        q = quarter.group(1)
        period = Period(year, "quarter", int(q) if q.isdigit() else labels.chinese_value(q))
    else:
        period = Period(year, "year")
    return org, period if 2000 <= year <= 2100 else None


def _period_start(title: str) -> int:
    m = _HALF.search(title) or _QUARTER.search(title)
    return m.start() if m else 0


def _org(text: str) -> str | None:
    text = text.strip(_ORG_TRIM)
    return text if text and len(text) <= 100 else None
