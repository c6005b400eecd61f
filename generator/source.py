"""Reading a data file: bytes → text → YAML events → typed data, with the place of every value.

The reader builds the data from YAML *events*, not from PyYAML's constructor, so that
- no scalar is guessed: the schema says whether a field wants text, an integer, a decimal or a
  date, and the text as typed is converted to that or left as text for validation to refuse;
- anchors, aliases, tags and merge keys are refused where they stand (no alias bombs, no objects);
- nesting is counted while reading, so a deep file is an error, never a RecursionError;
- every value keeps its line and column for the messages that come later.
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from generator import schema
from generator.diagnostics import Diagnostic, format_path
from generator.messages import msg

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 12

try:  # the C parser is several times faster; the pure one gives the same events
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple  # a field path: ('summary', 'items', 2, 'title')


class Number(Decimal):
    """A decimal that remembers how it was typed, so `12.50` prints as `12.50`."""

    text: str

    def __new__(cls, text: str) -> "Number":
        self = super().__new__(cls, text)
        self.text = text.lstrip("+")
        return self

    def __reduce__(self):  # keep `text` across process pools
        return (Number, (self.text,))


# ---------------------------------------------------------------- nodes


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
    """One problem that stops reading; carries its place."""

    def __init__(self, line: int, column: int, key: str, **kw: object) -> None:
        super().__init__(key)
        self.line, self.column, self.key, self.kw = line, column, key, kw


# ---------------------------------------------------------------- the result


@dataclass
class Source:
    """A data file read: its text, its typed data, and where each value stands."""

    file: str
    text: str
    data: dict[str, Any]
    nodes: dict[Path_, Node]  # value node of every field path
    keys: dict[Path_, Scalar]  # key node of every mapping entry
    problems: list[Diagnostic] = field(default_factory=list)  # values the reader refused
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def position(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `path` (or its key); the nearest existing parent otherwise."""
        table = self.keys if key else self.nodes
        while path:
            node = table.get(path) or self.nodes.get(path)
            if node is not None:
                return node.line, node.column
            path = path[:-1]
        node = self.nodes.get(())
        return (node.line, node.column) if node else (1, 1)

    def style(self, path: Path_) -> str:
        node = self.nodes.get(path)
        return node.style if isinstance(node, Scalar) else ""

    def locate(self, path: Path_, needle: str, occurrence: int = 0) -> tuple[int, int]:
        """Where `needle` stands inside the scalar at `path`, as typed in the file.

        Falls back to the scalar's own position when the text was escaped (`"\\x01"`).
        """
        node = self.nodes.get(path)
        if node is None:
            return self.position(path)
        raw = self.text[node.start : node.end]
        at = -1
        for _ in range(occurrence + 1):
            at = raw.find(needle, at + 1)
            if at < 0:
                return node.line, node.column
        return self.index_position(node.start + at)

    def index_position(self, index: int) -> tuple[int, int]:
        if not self._line_starts:
            self._line_starts = line_starts(self.text)
        row = bisect.bisect_right(self._line_starts, index) - 1
        return row + 1, index - self._line_starts[row] + 1


def line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]


# ---------------------------------------------------------------- bytes → text


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode(raw: bytes) -> str:
    """UTF-8 (BOM or not) or UTF-16 with a BOM; anything else is an error at the first bad byte."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(encoding)
            except UnicodeDecodeError as e:
                good = raw[len(bom) : len(bom) + e.start].decode(encoding, "replace")
                raise _bad_bytes(good, raw, encoding) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise _bad_bytes(raw[: e.start].decode("utf-8"), raw, None) from None


def _bad_bytes(good: str, raw: bytes, encoding: str | None) -> ReadError:
    starts = line_starts(good)
    line, column = len(starts), len(good) - starts[-1] + 1
    if encoding is not None:
        return ReadError(line, column, "read.bad-utf16")
    likely = "GBK/GB18030"
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        likely = "?"
    return ReadError(line, column, "read.not-utf8", likely=likely)


# ---------------------------------------------------------------- text → nodes


def _pos(mark: Any) -> tuple[int, int, int]:
    return mark.index, mark.line + 1, mark.column + 1


def compose(text: str) -> Node:
    """Build the node tree from YAML events, refusing what a report never needs."""
    stack: list[Mapping | Sequence] = []
    pending_key: list[Scalar | None] = []  # per open mapping: its key waiting for a value
    documents = 0
    root: Node | None = None
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
            continue
        start, line, col = _pos(event.start_mark)
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise ReadError(line, col, "read.many-documents")
            continue
        if isinstance(event, yaml.AliasEvent):
            raise ReadError(line, col, "read.alias")
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop().end = event.end_mark.index
            pending_key.pop()
            continue
        if event.anchor is not None:
            raise ReadError(line, col, "read.anchor")
        if event.tag is not None:
            raise ReadError(line, col, "read.tag", tag=event.tag)
        end = event.end_mark.index
        if isinstance(event, yaml.ScalarEvent):
            node: Node = Scalar(start, end, line, col, event.value, event.style or "")
        elif len(stack) >= MAX_DEPTH:
            raise ReadError(line, col, "read.too-deep", limit=MAX_DEPTH)
        elif isinstance(event, yaml.MappingStartEvent):
            node = Mapping(start, end, line, col)
        else:
            node = Sequence(start, end, line, col)
        if stack:
            _attach(stack[-1], node, pending_key)
        else:
            root = node
        if isinstance(node, (Mapping, Sequence)):
            stack.append(node)
            pending_key.append(None)
    if root is None:
        raise ReadError(1, 1, "read.empty")
    return root


def _attach(parent: Node, node: Node, pending_key: list[Scalar | None]) -> None:
    if isinstance(parent, Sequence):
        parent.items.append(node)
        return
    assert isinstance(parent, Mapping)
    key = pending_key[-1]
    if key is None:
        if not isinstance(node, Scalar):
            raise ReadError(node.line, node.column, "read.complex-key")
        if node.value == "<<" and not node.style:
            raise ReadError(node.line, node.column, "read.merge-key")
        for seen, _ in parent.pairs:
            if seen.value == node.value:
                raise ReadError(node.line, node.column, "read.duplicate-key", key=node.value, line=seen.line)
        pending_key[-1] = node
    else:
        parent.pairs.append((key, node))
        pending_key[-1] = None


# ---------------------------------------------------------------- nodes → data


_INT = re.compile(r"[-+]?[0-9]+")
_DECIMAL = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_NULLS = {"", "~", "null", "Null", "NULL"}


class _Converter:
    """Typed data from the node tree, guided by the schema; records every node by its path."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.nodes: dict[Path_, Node] = {}
        self.keys: dict[Path_, Scalar] = {}
        self.problems: list[Diagnostic] = []

    def convert(self, node: Node, rule: dict | None, path: Path_ = ()) -> Any:
        self.nodes[path] = node
        if isinstance(node, Mapping):
            out = {}
            for key, value in node.pairs:
                child = path + (key.value,)
                self.keys[child] = key
                out[key.value] = self.convert(value, schema.child_rule(rule, key.value), child)
            return out
        if isinstance(node, Sequence):
            item = schema.item_rule(rule)
            return [self.convert(v, item, path + (i,)) for i, v in enumerate(node.items)]
        assert isinstance(node, Scalar)
        try:
            return scalar(node, (rule or {}).get("type"))
        except ReadError as e:
            where = format_path(path)
            self.problems.append(Diagnostic(self.file, e.line, e.column, path=where, message=msg(e.key, **e.kw)))
            return node.value


def scalar(node: Scalar, wanted: str | None) -> Any:
    """The value of a scalar where the schema wants `wanted`; text as typed when it does not fit."""
    value, plain = node.value, not node.style
    if plain and value in _NULLS:
        return None
    if wanted == "integer" and plain and _INT.fullmatch(value):
        return int(value, 10)
    if wanted == "decimal" and plain and _DECIMAL.fullmatch(value):
        try:
            return Number(value)
        except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
            return value
    if wanted == "date":
        found = _ISO_DATE.fullmatch(value) or _CN_DATE.fullmatch(value)
        if found:
            try:
                return datetime.date(*(int(g) for g in found.groups()))
            except ValueError:
                raise ReadError(node.line, node.column, "read.bad-date", value=value) from None
    return value


# ---------------------------------------------------------------- the whole


def read_text(text: str, file: str) -> Source:
    """Parse and type `text`; raises ReadError on the first problem that stops reading."""
    try:
        root = compose(text)
    except yaml.MarkedYAMLError as e:
        raise syntax_error(e, text) from None
    if not isinstance(root, Mapping):
        raise ReadError(root.line, root.column, "read.not-mapping")
    converter = _Converter(file)
    data = converter.convert(root, schema.rule_for_root())
    return Source(file, text, data, converter.nodes, converter.keys, converter.problems)


def read(path: Path, display: str | None = None) -> tuple[Source | None, list[Diagnostic]]:
    """Read a data file. Returns the source, or None and the diagnostic that stopped reading."""
    file = display if display is not None else str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(1, 1, "read.too-big", size=size, limit=MAX_BYTES)
        return read_text(decode(path.read_bytes()), file), []
    except ReadError as e:
        return None, [Diagnostic(file, e.line, e.column, message=msg(e.key, **e.kw))]


# ---------------------------------------------------------------- syntax errors in the user's terms


_PROBLEMS = {
    "could not find expected ':'": "yaml.no-colon",
    "mapping values are not allowed here": "yaml.mapping-here",
    "found character '\\t' that cannot start any token": "yaml.tab",
    "found unexpected end of stream": "yaml.unclosed-quote",
    "found a tab character where an indentation space is expected": "yaml.tab",
    "found a tab character that violates indentation": "yaml.tab",
}


def syntax_error(error: yaml.MarkedYAMLError, text: str) -> ReadError:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = error.problem or ""
    key = _PROBLEMS.get(problem, "")
    if not key and problem.startswith("expected <block end>"):
        key = "yaml.indent"
    if not key and "quoted scalar" in (error.context or ""):
        key = "yaml.unclosed-quote"
        if error.context_mark:
            line, column = error.context_mark.line + 1, error.context_mark.column + 1
    hint = _hint(text, line)
    if hint:
        line, column = hint[1], hint[2]
        return ReadError(line, column, hint[0])
    return ReadError(line, column, key or "yaml.other", problem=problem)


def _hint(text: str, line: int) -> tuple[str, int, int] | None:
    """Look at the failing line and the one before for the usual culprits of Chinese typing."""
    lines = text.splitlines()
    for row in (line, line - 1):
        if not 1 <= row <= len(lines):
            continue
        content = lines[row - 1]
        indent = len(content) - len(content.lstrip(" "))
        rest = content[indent:]
        if rest.startswith("\t"):
            return "yaml.tab", row, indent + 1
        if rest.startswith("\u3000"):
            return "yaml.fullwidth-space", row, indent + 1
        m = re.match(r"(- )?[A-Za-z_][A-Za-z0-9_]*\s*：", rest)
        if m:
            return "yaml.fullwidth-colon", row, indent + m.end()
    return None
