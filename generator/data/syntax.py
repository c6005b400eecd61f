"""YAML syntax errors in the user's terms: placed where the slip was made, named as the slip it is."""

from __future__ import annotations

import re

import yaml

from generator.data.nodes import BREAKS, ReadError, Scalar, position_in

_PROBLEMS = {
    "could not find expected ':'": "yaml.no-colon",
    "mapping values are not allowed here": "yaml.mapping-here",
    "found character '\\t' that cannot start any token": "yaml.tab",
}
_UNCLOSED = ("found unexpected end of stream", "found unexpected document separator")
# what PyYAML says when text starts with a character YAML reserves (`@`, `` ` ``, `%`, `*`, `&`, `!`)
_RESERVED_CONTEXTS = ("while scanning an alias", "while scanning an anchor", "while parsing a tag")


def syntax_error(error: yaml.MarkedYAMLError, text: str, starts: list[int], quote: Scalar | None) -> ReadError:
    """The pure parser's error, placed where the user made it and worded in the user's terms."""
    problem, context = error.problem or "", error.context or ""
    mark = error.problem_mark or error.context_mark
    line, column = position_in(starts, mark.index) if mark else (1, 1)
    if "quoted scalar" in context and error.context_mark:
        if problem in _UNCLOSED:  # at the opening quote, not at the end of the file
            return ReadError(*position_in(starts, error.context_mark.index), "yaml.unclosed-quote")
        backslash = text.rfind("\\", 0, mark.index)  # the parser stops after it
        return ReadError(*position_in(starts, max(backslash, 0)), "yaml.bad-escape")
    rows = [line, line - 1]
    if context == "while scanning a simple key" and error.context_mark:
        rows.insert(0, position_in(starts, error.context_mark.index)[0])
    hint = _hint(text, rows)
    if hint:
        return ReadError(*hint)
    if quote is not None and position_in(starts, quote.end)[0] >= line - 1:
        # a quote left open swallowed the lines up to the next quote, which then broke the syntax
        return ReadError(quote.line, quote.column, "yaml.unclosed-quote")
    if context in _FLOW_CONTEXTS and error.context_mark:  # `[附件` and no `]`
        index = error.context_mark.index
        return ReadError(*position_in(starts, index), "yaml.unclosed-bracket", char=text[index])
    index = _reserved_at(error, text, starts)
    if index is not None:
        return ReadError(*position_in(starts, index), "yaml.reserved-char", char=text[index])
    key = _PROBLEMS.get(problem) or ("yaml.indent" if problem.startswith("expected <block end>") else "yaml.other")
    return ReadError(line, column, key, problem=problem)


def _reserved_at(error: yaml.MarkedYAMLError, text: str, starts: list[int]) -> int | None:
    """Where text starts with a character YAML keeps for itself: `@重点`, `*重点*`, `[重要] 学习`."""
    problem, context = error.problem or "", error.context or ""
    if context in _RESERVED_CONTEXTS and error.context_mark:
        return error.context_mark.index
    if problem.endswith("that cannot start any token") and error.problem_mark:
        return error.problem_mark.index
    if problem.startswith("expected <block end>") and error.problem_mark:
        return _bracket_before(text, starts, error.problem_mark.index)
    return None


_FLOW_CONTEXTS = ("while parsing a flow sequence", "while parsing a flow mapping")
_VALUE_BRACKET = re.compile(r"[ \t]*(?:- +)*(?:[^\s:#][^:#]*:[ \t]+)?([\[{])")


def _bracket_before(text: str, starts: list[int], index: int) -> int | None:
    """The bracket that opens the value of this line when a closed `[…]` or `{…}` is followed by more text."""
    row_start = starts[position_in(starts, index)[0] - 1]
    if not text[row_start:index].rstrip().endswith(("]", "}")):
        return None
    m = _VALUE_BRACKET.match(text, row_start)
    return m.start(1) if m and m.start(1) < index else None


# The usual slips of Chinese typing at the start of a line: group 1 is the culprit.
_LINE_SLIPS = (
    (re.compile("(\t)"), "yaml.tab"),
    (re.compile("(\u3000)"), "yaml.fullwidth-space"),
    (re.compile(r"(?:- )?\w+[ \u3000]*(：)"), "yaml.fullwidth-colon"),
    (re.compile("(?:- )?\\w+:(\u3000)"), "yaml.fullwidth-space"),
)


def _hint(text: str, rows: list[int]) -> tuple[int, int, str] | None:
    """Line, column and message key of a typing slip on one of `rows`, looked at in that order."""
    lines = BREAKS.split(text)
    for row in rows:
        if not 1 <= row <= len(lines):
            continue
        content = lines[row - 1]
        indent = len(content) - len(content.lstrip(" "))
        for pattern, key in _LINE_SLIPS:
            m = pattern.match(content, indent)
            if m:
                return row, m.start(1) + 1, key
    return None
