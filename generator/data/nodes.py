"""The nodes a data file is read into, each with its place, and the one error that stops reading."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

Path_ = tuple  # a field path: ('summary', 'items', 2, 'title')


@dataclass
class Node:
    start: int  # character index into the text
    end: int
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Scalar(Node):
    value: str = ""
    style: str = ""  # '' plain, "'", '"', '|', '>'


@dataclass
class Mapping(Node):
    pairs: list[tuple[Scalar, Node]] = field(default_factory=list)


@dataclass
class Sequence(Node):
    items: list[Node] = field(default_factory=list)


class ReadError(Exception):
    """One problem that stops reading; carries its place and, when known, its field path."""

    def __init__(self, line: int, column: int, key: str, /, *, fieldpath: tuple = (), **kw: object) -> None:
        super().__init__(key)
        self.line, self.column, self.key, self.kw = line, column, key, kw
        self.fieldpath = fieldpath


# Line breaks as editors count them. YAML also breaks lines at U+0085, U+2028 and U+2029, so every
# place is computed from the parser's character index, never taken from its line numbers.
BREAKS = re.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in BREAKS.finditer(text)]


def position_in(starts: list[int], index: int) -> tuple[int, int]:
    """1-based line and column of a character index, given the text's line_starts."""
    row = bisect.bisect_right(starts, index) - 1
    return row + 1, index - starts[row] + 1


def text_position(text: str, index: int) -> tuple[int, int]:
    return position_in(line_starts(text), index)
