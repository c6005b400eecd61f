"""hand-numbering: a title or point that starts with a number typed by hand.

The template numbers headings (一、 （一） 1. （1）) and points (一是 二是) by itself, so a number
typed in the data is printed twice (``一、一、加强学习``) and goes wrong as soon as items are
reordered. Checked at the start of every title and point. A year or a quantity at the start
(``2024年``, ``3.5万元``) is not a number label and passes.

PASS::

    - title: 加强理论学习
    - 抓好集中学习。

FAIL::

    - title: 一、加强理论学习
    - （二）抓好集中学习。
    - 1.抓好集中学习。
    - 一是抓好集中学习。
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.data.source import Source
from generator.lint.common import Finding, found, is_point, is_title, texts

ID, LEVEL = "hand-numbering", "warning"

_CN = "[一二三四五六七八九十]+"
LABEL = re.compile(
    rf"{_CN}[、.．]|[（(](?:{_CN}|\d+)[）)]|\d+(?:[、]|[.．](?!\d))"
    rf"|[\u2460-\u2473]|{_CN}是|第{_CN}[、，,：:]|[（(]?[A-Za-z][）).．、]"
)
_LEAD = re.compile(r"[ \t\u3000]*")


def check(source: Source, conf: dict) -> Iterator[Finding]:
    for path, value in texts(source.data):
        if not (is_title(path) or is_point(path)):
            continue
        start = _LEAD.match(value).end()
        m = LABEL.match(value, start)
        if m:
            yield found(path, "lint.hand-numbering", value, m.start(), len(m.group()), label=m.group())
