"""halfwidth-punct: half-width punctuation in Chinese text.

An English input method leaves ``,`` ``;`` ``:`` ``(`` ``)`` ``?`` ``!`` ``.`` in Chinese
sentences, where the full-width ``，`` ``；`` ``：`` ``（`` ``）`` ``？`` ``！`` ``。`` belong. A mark
is flagged when a Chinese character or full-width mark stands right before it, or right after
it (not for ``.``, which after Latin text or a digit is a decimal point or an abbreviation).
Marks between Latin letters and digits stay quiet: ``3.5``, ``12,000``, ``9:30``, URLs,
English names. ``%`` is normal in Chinese text and not checked.

PASS::

    text: 参学率达到96.5%，9:30开会，详见 https://example.cn/a?id=1。

FAIL::

    text: 组织学习,开展研讨;党员(含预备党员)参加.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.data.source import Source
from generator.data.text import is_wide
from generator.lint.common import Finding, first, found, texts

ID, LEVEL = "halfwidth-punct", "warning"

FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！", ".": "。"}
_MARKS = re.compile(r"[,;:()?!.]")


def check(source: Source, conf: dict) -> Iterator[Finding]:
    for path, value in texts(source.data):
        for m in first(m for m in _MARKS.finditer(value) if _in_chinese(value, m.start())):
            mark = m.group()
            yield found(path, "lint.halfwidth-punct", value, m.start(), mark=mark, full=FULL[mark])


def _in_chinese(value: str, i: int) -> bool:
    before = i > 0 and is_wide(value[i - 1])
    after = value[i] != "." and i + 1 < len(value) and is_wide(value[i + 1])
    return before or after
