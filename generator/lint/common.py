"""What the rules share: the Finding value, the texts of a data file, and where a match stands."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any, NamedTuple, TypeVar

from generator.data.source import strings
from generator.data.text import BLANK_LINE, STRIP

# Texts that are settings, not prose a reader sees.
_NOT_PROSE = {("template",)}
_PROSE_KEYS = ("intro", "text", "closing")
# Findings of one rule in one text: past this many they repeat one piece of advice, and placing
# each costs time in proportion to the text, so a pasted page of `,` would take hours.
PER_TEXT = 10

T = TypeVar("T")


class Finding(NamedTuple):
    """One problem a rule saw; the runner turns it into a located Diagnostic.

    `needle` is the text to point at inside the value at `path` (its `occurrence`-th appearance,
    counted from 0); without a needle the finding points at the value itself.
    """

    path: tuple
    key: str  # message key, lint.<id>
    kwargs: dict[str, Any] = {}
    needle: str | None = None
    occurrence: int = 0


def found(path: tuple, key: str, value: str, index: int, length: int = 1, **kw: Any) -> Finding:
    """A finding at value[index:index + length], told as a needle Source.locate can find."""
    needle = value[index : index + length]
    before, at = 0, value.find(needle)
    while -1 < at < index:  # overlapping, as Source.locate counts them
        before, at = before + 1, value.find(needle, at + 1)
    return Finding(path, key, kw, needle, before)


def first(findings: Iterable[T]) -> Iterator[T]:
    """The first PER_TEXT findings (or matches) of one rule in one text."""
    return islice(findings, PER_TEXT)


# The texts of the file lint() is checking, walked once for all its rules (a walk costs a rule
# as much as its own check); the data is compared by identity, so another file is walked as usual.
_walked: tuple[Any, list[tuple[tuple, str]]] | None = None


@contextmanager
def walked_once(data: Any) -> Iterator[None]:
    global _walked
    _walked = (data, list(texts(data)))
    try:
        yield
    finally:
        _walked = None


def texts(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every text the user wrote, with its field path (the template setting left out)."""
    known = _walked
    if known is not None and known[0] is data and not path:
        return iter(known[1])
    return ((p, t) for p, t in strings(data, path) if p not in _NOT_PROSE)


def is_point(path: tuple) -> bool:
    return len(path) >= 2 and path[-2] == "points" and isinstance(path[-1], int)


def is_title(path: tuple) -> bool:
    return path[-1] == "title"


def is_prose(path: tuple) -> bool:
    """Paragraph texts and points: the texts that end like sentences."""
    return path[-1] in _PROSE_KEYS or is_point(path)


def paragraph_ends(value: str) -> Iterator[tuple[str, int]]:
    """Each paragraph of `value`, stripped, with the index of its last character in `value`."""
    start = 0
    for gap in [*BLANK_LINE.finditer(value), None]:
        end = gap.start() if gap else len(value)
        chunk = value[start:end].rstrip(STRIP)
        if chunk.strip(STRIP):
            yield chunk.strip(STRIP), start + len(chunk) - 1
        start = gap.end() if gap else end
