"""brackets: a Chinese quotation mark or bracket without its partner.

Checks the pairs “” ‘’ （） 《》 【】 「」 within each text: every opening mark needs its closing
mark, in the right order. A lone ’ between Latin letters is an apostrophe (``party’s``) and passes.
The finding points at the closing mark that has no partner, at a quotation mark typed the wrong
way round (the second “ of ``“三会一课“``), or else at the opening mark left open.

PASS::

    text: 深入学习《中国共产党章程》，落实“三会一课”（含党小组会）制度。

FAIL::

    text: 落实“三会一课“制度（含党小组会。
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.data.source import Source
from generator.lint.common import Finding, first, found, texts

ID, LEVEL = "brackets", "warning"

PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》", "【": "】", "「": "」"}
_OPENING = {close: open_ for open_, close in PAIRS.items()}


def check(source: Source, conf: dict) -> Iterator[Finding]:
    for path, value in texts(source.data):
        yield from first(_unpaired(path, value))


def _unpaired(path: tuple, value: str) -> Iterator[Finding]:
    stack: list[int] = []  # indexes of the marks still open
    for i, ch in enumerate(value):
        if ch in "“‘" and stack and value[stack[-1]] == ch:
            # quotes of one kind never nest directly: this one was meant to close
            stack.pop()
            yield found(path, "lint.brackets", value, i, mark=ch, partner=PAIRS[ch])
        elif ch in PAIRS:
            stack.append(i)
        elif ch in _OPENING and not _apostrophe(value, i):
            if stack and value[stack[-1]] == _OPENING[ch]:
                stack.pop()
            else:
                yield found(path, "lint.brackets", value, i, mark=ch, partner=_OPENING[ch])
    for i in stack:
        yield found(path, "lint.brackets", value, i, mark=value[i], partner=PAIRS[value[i]])


def _apostrophe(value: str, i: int) -> bool:
    return value[i] == "’" and 0 < i < len(value) - 1 and value[i - 1].isascii() and value[i + 1].isascii()
