"""no-end-punct: a paragraph or point that does not end in a punctuation mark.

Every paragraph of ``intro``, ``text`` and ``closing``, and every point, is a sentence and ends
in 。！？；： or …… (a colon where the points follow; a semicolon between points). A closing
quotation mark or bracket may follow the mark (``……“三会一课”。`` and ``“……。”`` both pass).
Titles are headings and are not checked. The finding points at the last character.

PASS::

    text: 支部按月开展主题党日活动。
    points:
      - 学习形式比较单一；
      - 讲话强调：“要把学习抓实。”

FAIL::

    text: 支部按月开展主题党日活动
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.data.source import Source
from generator.lint.common import Finding, first, found, is_point, is_prose, paragraph_ends, texts

ID, LEVEL = "no-end-punct", "warning"

# Half-width marks count as an ending here; halfwidth-punct already asks for the full-width one.
ENDINGS = "。！？；：…!?;:."
CLOSING = "”’）》】」』)"


def check(source: Source, conf: dict) -> Iterator[Finding]:
    for path, value in texts(source.data):
        if not is_prose(path):
            continue
        ends = list(paragraph_ends(value))
        if is_point(path):
            ends = ends[-1:]  # a point is one paragraph however it is wrapped
        unended = (last for paragraph, last in ends if not _ended(paragraph))
        for last in first(unended):
            yield found(path, "lint.no-end-punct", value, last)


def _ended(paragraph: str) -> bool:
    return paragraph.rstrip(CLOSING).endswith(tuple(ENDINGS))
