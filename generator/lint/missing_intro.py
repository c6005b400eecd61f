"""missing-intro: the report has no opening paragraph.

A report of this kind opens with a paragraph before the first heading: the guiding thought,
the overall result, and a sentence leading into the parts (``现将有关情况报告如下：``). The
``intro`` key is optional so that a draft validates, but a finished report needs it. The
finding points at the top of the file.

PASS::

    organization: 示例公司第一党支部
    intro: 今年以来，支部围绕中心工作较好完成了各项任务。现将有关情况报告如下：

FAIL::

    organization: 示例公司第一党支部
    period: {year: 2024, span: year}
    summary: …
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.data.model import Report
from generator.lint.common import Finding

ID, LEVEL = "missing-intro", "warning"
INPUT = "report"


def check(report: Report, conf: dict) -> Iterator[Finding]:
    if not report.intro:
        yield Finding(("intro",), "lint.missing-intro")
