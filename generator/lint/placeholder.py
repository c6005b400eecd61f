"""placeholder: a placeholder left unfilled.

Drafts are often copied from last year's file or a template with the facts still to be filled
in: ``XX``, ``X次``, ``XXXX元``, ``××``, ``（此处填写…）``, ``待补充``. Any text is checked,
titles, organisation and figure labels included. ``X光`` and ``X射线`` are real words and pass;
so do Latin words (``XXL``) and the phrase ``有待补充``.

A text that is still one of the example facts ``reportgen new`` writes (its intro, texts and points;
not its titles, lead-ins and closing, which a report may keep) is a placeholder too.

PASS::

    text: 全年召开支部学习会12次。

FAIL::

    text: 全年召开支部学习会X次，节约经费XXXX元。
    title: （此处填写标题）
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.data.examples import is_example
from generator.data.source import Source
from generator.lint.common import Finding, first, found, texts

ID, LEVEL = "placeholder", "warning"

_LATIN = r"A-Za-z0-9_{"  # `{` keeps a figure key such as ${xx} out
PATTERN = re.compile(
    rf"(?<![{_LATIN}])[XxＸｘ×]{{2,}}(?![A-Za-z0-9_])"  # XX, xxx, ××
    rf"|(?<![{_LATIN}])[XＸ×](?=[\u4e00-\u9fff])(?![光射])"  # X次, ×月
    r"|[（(【\[]?(?:此处|在此|请)填[写入][^）)】\]\n]{0,20}[）)】\]]?"  # （此处填写…）
    r"|(?<!有)待(?:补充|填写)|_{3,}|＿{2,}|□{2,}"
    r"|(?<![A-Za-z])(?:TODO|TBD)(?![A-Za-z])"
)


def check(source: Source, conf: dict) -> Iterator[Finding]:
    for path, value in texts(source.data):
        if is_example(value):
            yield found(path, "lint.example-text", value, 0, min(len(value), 10))  # at its first words
            continue
        for m in first(PATTERN.finditer(value)):
            shown = m.group() if len(m.group()) <= 20 else m.group()[:20] + "…"
            yield found(path, "lint.placeholder", value, m.start(), len(m.group()), text=shown)
