"""empty-part: a part of the report with nothing substantive in it.

Validation already refuses a part (``summary``, ``problems``, ``causes``, ``plans``) without
``text``, ``points`` and ``items``. What it lets through is a part that only pretends to have
content: a text of blanks or full-width spaces, or a stub such as ``无``, ``暂无。`` or ``略``.
A part is empty when it has no items and its text and points together hold fewer than
``min_chars`` (5) letters, digits or Chinese characters; punctuation and blanks do not count.

PASS::

    problems:
      points:
        - 学习形式比较单一。

FAIL::

    problems:
      text: 暂无。
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.data.model import Report
from generator.lint.common import Finding

ID, LEVEL = "empty-part", "warning"
INPUT = "report"
DEFAULT = {"min_chars": 5}


def check(report: Report, conf: dict) -> Iterator[Finding]:
    for _, block in report.parts:
        if block.items:
            continue
        written = "".join(block.text + block.points)
        if sum(ch.isalnum() for ch in written) < conf["min_chars"]:
            yield Finding(block.path, "lint.empty-part")
