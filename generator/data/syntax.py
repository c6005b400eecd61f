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
    leading = _leading_quote(error, text, starts)
    if leading is not None:
        return leading
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


# A value that starts with a quote: `- "三会一课"制度…`, `text: '两学一做'常态化`. Group 1 is the quote.
_VALUE_QUOTE = re.compile(r"[ \t]*(?:- +)*(?:[^\s:#'\"][^:#\n]*:[ \t]+)?(['\"])")
_COMMENT = re.compile(r"[ \t]+#.*")
_CHINESE_QUOTES = {'"': "“”", "'": "‘’"}


def _leading_quote(error: yaml.MarkedYAMLError, text: str, starts: list[int]) -> ReadError | None:
    """Text that starts with a half-width quote: YAML reads the quoted words as the whole value and
    the rest of the line is left over. Placed at the opening quote, with the line corrected."""
    if not (error.problem or "").startswith("expected <block end>") or error.problem_mark is None:
        return None
    index = error.problem_mark.index
    row = position_in(starts, index)[0]
    m = _VALUE_QUOTE.match(text, starts[row - 1])
    if m is None or m.start(1) >= index:
        return None
    quote = m.group(1)
    closed = text[m.start(1) : index].rstrip(" \t")
    if len(closed) < 2 or not closed.endswith(quote):  # the quote that ends here opened elsewhere
        return None
    row_text = BREAKS.split(text)[row - 1]
    start = m.start(1) - starts[row - 1]
    before, value = row_text[:start].lstrip(" "), _COMMENT.sub("", row_text[start:]).rstrip()
    return ReadError(
        *position_in(starts, m.start(1)), "yaml.leading-quote",
        quote=quote, fixed=before + _in_chinese_quotes(value, quote), quoted=before + _quoted_whole(value, quote),
    )  # fmt: skip


def _in_chinese_quotes(value: str, quote: str) -> str:
    """`"三会一课"制度` → `“三会一课”制度`: the half-width quotes, in pairs, as Chinese ones."""
    pieces = value.split(quote)
    marks = [_CHINESE_QUOTES[quote][n % 2] for n in range(len(pieces) - 1)] + [""]
    return "".join(piece + mark for piece, mark in zip(pieces, marks))


def _quoted_whole(value: str, quote: str) -> str:
    """The whole value in the other kind of quotes, escaped as YAML wants."""
    if quote == '"':
        return "'" + value.replace("'", "''") + "'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


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
