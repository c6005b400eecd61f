"""Paragraph rules for user text: blank line = paragraph, joined line breaks, ${key} references."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

BLANK_LINE = re.compile(r"\n[ \t\u3000]*\n")
# Characters XML 1.0 cannot carry (data-format.md, "text").
BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
STRIP = " \t\r\n\u3000"

# `$${` is a literal `${`; `${key}` and `${key.change}` references; any other `${` is malformed.
_REF = re.compile(r"\$\$\{|\$\{([a-z][a-z0-9_]*)(?:\.([a-z][a-z0-9_]*))?\}|\$\{[^}\n]{0,40}\}?")


# Chinese quotes, dashes and ellipsis are "ambiguous" width in Unicode, but in Chinese text they
# are full-width: a line wrapped after ” must join without a space like any other CJK character.
_CJK_AMBIGUOUS = "“”‘’…—·"


def is_wide(ch: str) -> bool:
    """CJK characters and full-width punctuation (East Asian Width W or F, and “”‘’…—·)."""
    return ch in _CJK_AMBIGUOUS or unicodedata.east_asian_width(ch) in "WF"


def _join(left: str, right: str) -> str:
    if not left or not right:
        return left + right
    return left + ("" if is_wide(left[-1]) and is_wide(right[0]) else " ") + right


def paragraphs(raw: str, folded: bool = False) -> list[str]:
    """Split a text into paragraphs.

    `folded` is for plain, quoted and `>` scalars, where YAML has already turned each line break
    into a space: a single space between two wide characters is such a break, and goes.
    """
    if "\n" not in raw and "\r" not in raw and " " not in raw:  # most texts: one line, no spaces
        text = raw.strip(STRIP)
        return [text] if text else []
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for block in BLANK_LINE.split(raw):
        lines = [line.strip(STRIP) for line in block.split("\n")]
        text = ""
        for line in lines:
            text = _join(text, line)
        if folded:
            text = re.sub(r"(?<=\S) (?=\S)", lambda m: _fold(m, text), text)
        text = text.strip(STRIP)
        if text:
            out.append(text)
    return out


def _fold(m: re.Match, text: str) -> str:
    left, right = text[m.start() - 1], text[m.end()]
    return "" if is_wide(left) and is_wide(right) else " "


def one_line(raw: str, folded: bool = False) -> str:
    """A title: all its paragraphs joined (the validator refuses more than one line)."""
    return "".join(paragraphs(raw, folded))


@dataclass(frozen=True)
class Ref:
    start: int  # index in the text
    source: str  # as typed: `${key}`, `$${`, `${Key}`
    key: str | None  # the figure key, None for a literal `$${` or a malformed one
    derived: str | None = None  # `change` of `${key.change}` (data/figures.py)

    @property
    def is_literal(self) -> bool:
        return self.source == "$${"

    @property
    def is_malformed(self) -> bool:
        return self.key is None and not self.is_literal


def refs(text: str) -> Iterator[Ref]:
    for m in _REF.finditer(text):
        yield Ref(m.start(), m.group(0), m.group(1), m.group(2))


def substitute(text: str, value_of: Callable[[str], str]) -> str:
    """Replace every `${key}` with value_of(key), `${key.rate}` with value_of("key.rate"), and `$${`
    with `${`. Call after validation."""

    def one(m: re.Match) -> str:
        if m.group(0) == "$${":
            return "${"
        if not m.group(1):
            return m.group(0)
        return value_of(f"{m.group(1)}.{m.group(2)}" if m.group(2) else m.group(1))

    return _REF.sub(one, text)


# Where a run-in heading needs no closing 。 of its own.
END_PUNCTUATION = "。！？；：，、….!?;:"


def run_in(heading: str) -> str:
    """A run-in heading closed by 。 unless it already ends in punctuation."""
    return heading if heading.endswith(tuple(END_PUNCTUATION)) else heading + "。"
