"""missing-previous: a figure without ``previous`` while the other figures have one.

Templates print each figure beside its value in the previous period and the change. When most
figures carry ``previous``, one without it shows ``—`` in that column, which readers take for a
gap in the statistics. Either all figures have ``previous`` or none does; the finding points at
each figure that lacks it.

PASS::

    figures:
      study_sessions: {label: 支部学习会, value: 12, unit: 次, previous: 10}
      theme_days: {label: 主题党日活动, value: 6, unit: 次, previous: 6}

FAIL::

    figures:
      study_sessions: {label: 支部学习会, value: 12, unit: 次, previous: 10}
      theme_days: {label: 主题党日活动, value: 6, unit: 次}
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.data.model import Report
from generator.lint.common import Finding

ID, LEVEL = "missing-previous", "warning"
INPUT = "report"


def check(report: Report, conf: dict) -> Iterator[Finding]:
    if not any(f.previous is not None for f in report.figures):
        return
    for figure in report.figures:
        if figure.previous is None:
            yield Finding(("figures", figure.key), "lint.missing-previous", {"name": figure.key})
