"""long-title: a report title longer than two lines.

GB/T 9704 sets the title in 2号 (22 pt, about 7.8 mm a character) on a 156 mm text width:
20 characters at most, and a centred title that is broken at a word rather than mid-phrase
holds about 18 a line. Two lines are normal; a third makes the title heavier than the page
under it. The limit is therefore 2 × 18 = 36 characters (``max_width``), counting a Chinese
character or full-width mark as 1 and a Latin letter or digit as ½, since they are set in
half-width Times New Roman. A title the template composes from ``organization`` and ``period``
is checked too; then the finding points at the top of the file, and the cure is a shorter
``title``.

PASS::

    title: 青岚县水务局党组2023年度党建工作总结及2024年工作打算

FAIL::

    title: 中共青岚县水务局机关委员会2023年度全面从严治党主体责任落实情况暨党建工作总结及2024年工作打算
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from generator.data.model import Report
from generator.data.text import is_wide
from generator.lint.common import Finding

ID, LEVEL = "long-title", "warning"
INPUT = "report"
DEFAULT = {"max_width": 36}


def check(report: Report, conf: dict) -> Iterator[Finding]:
    width = sum(1 if is_wide(ch) else 0.5 for ch in report.title)
    if width > conf["max_width"]:
        yield Finding(("title",), "lint.long-title", {"width": math.ceil(width), "limit": conf["max_width"]})
