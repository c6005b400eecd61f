"""unused-figure: a figure that no text refers to.

A figure defined under ``figures`` appears in the text only where a ``${key}`` names it; one
that nothing names is either a leftover from last period's file or a reference forgotten
(``全年召开学习会12次`` typed out instead of ``${study_sessions}``). The finding points at the
figure.

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

from collections.abc import Iterator

from generator.data.source import Source
from generator.data.text import refs
from generator.lint.common import Finding, texts

ID, LEVEL = "unused-figure", "warning"


def check(source: Source, conf: dict) -> Iterator[Finding]:
    figures = source.data.get("figures") or {}
    named = {ref.key for _, value in texts(source.data) for ref in refs(value)}
    for key in figures:
        if key not in named:
            yield Finding(("figures", key), "lint.unused-figure", {"name": key})
