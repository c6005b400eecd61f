"""Reading a data file: bytes → text → YAML events → typed data, with the place of every value.

The reader builds the data from YAML *events*, not from PyYAML's constructor, so that
- no scalar is guessed: the schema says whether a field wants text, an integer, a decimal or a
  date, and the text as typed is converted to that or left as text for validation to refuse;
- anchors, aliases, tags and merge keys are refused where they stand (no alias bombs, no objects);
- nesting is counted while reading, so a deep file is an error, never a RecursionError;
- every value keeps its line and column for the messages that come later.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.data import periods, schema
from generator.data.compose import compose
from generator.data.decode import decode
from generator.data.nodes import (
    Mapping,
    Node,
    Path_,
    ReadError,
    Scalar,
    Sequence,
    line_starts,
    position_in,
    text_position,
)
from generator.data.scalars import NULLS, scalar
from generator.diagnostics import Diagnostic, format_path
from generator.messages import msg

MAX_BYTES = 2 * 1024 * 1024


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

    def locate_char(self, path: Path_, char: str) -> tuple[int, int]:
        """Where `char` stands in the scalar at `path`: typed as it is, or as an escape (`\\x01`)."""
        node = self.nodes.get(path)
        if node is None:
            return self.position(path)
        m = re.search(_spellings(char), self.text[node.start : node.end])
        return self.index_position(node.start + m.start()) if m else (node.line, node.column)

    def index_position(self, index: int) -> tuple[int, int]:
        if not self._line_starts:
            self._line_starts = line_starts(self.text)
        return position_in(self._line_starts, index)


# YAML's one-letter escapes of characters a document cannot hold
_SHORT_ESCAPES = {0x00: "0", 0x07: "a", 0x08: "b", 0x0B: "v", 0x0C: "f", 0x1B: "e"}


def _spellings(char: str) -> str:
    """A pattern for `char` as typed or as any double-quoted escape of it."""
    code = ord(char)
    forms = [re.escape(char), rf"\\u(?i:{code:04x})", rf"\\U(?i:{code:08x})"]
    if code < 0x100:
        forms.append(rf"\\x(?i:{code:02x})")
    if code in _SHORT_ESCAPES:
        forms.append(rf"\\{_SHORT_ESCAPES[code]}")
    return "|".join(forms)


# Characters YAML refuses to read (PyYAML's and libyaml's reader): C0 and C1 controls but tab and
# line breaks, DEL, U+FFFE, U+FFFF and lone surrogates. XML cannot carry most of them either.
UNREADABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _refuse_unreadable(text: str) -> None:
    """A located bad-char error instead of the parser's ReaderError (which has no line)."""
    m = UNREADABLE.search(text)
    if m is None:
        return
    line, column = text_position(text, m.start())
    # the field it stands in, from the text with every such character made harmless
    where = _path_at(UNREADABLE.sub("\ufffd", text), m.start())
    raise ReadError(line, column, "check.bad-char", fieldpath=where, code=ord(m.group(0)))


def _path_at(text: str, index: int) -> Path_:
    """The deepest field whose value spans `index`; () when the text does not read."""
    try:
        converter = _Converter("")
        converter.convert(compose(text), schema.rule_for_root())
    except ReadError:
        return ()
    spans = [p for p, n in converter.nodes.items() if n.start <= index < n.end]
    spans += [p[:-1] for p, k in converter.keys.items() if k.start <= index < k.end]  # the key's mapping
    return max(spans, key=len, default=())


class _Converter:
    """Typed data from the node tree, guided by the schema; records every node by its path."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.nodes: dict[Path_, Node] = {}
        self.keys: dict[Path_, Scalar] = {}
        self.problems: list[Diagnostic] = []

    def convert(self, node: Node, rule: dict | None, path: Path_ = ()) -> Any:
        self.nodes[path] = node
        if path == ("period",) and isinstance(node, Scalar) and node.value not in NULLS:
            return self.period(node)
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

    def period(self, node: Scalar) -> Any:
        """`period: 2024Q3` as the mapping it stands for; anything else an error showing both forms."""
        found = periods.parse(node.value)
        if found is None:
            message = msg("read.bad-period", value=node.value)
            self.problems.append(Diagnostic(self.file, node.line, node.column, path="period", message=message))
            return node.value
        return {"year": found.year, "span": found.span} | ({"index": found.index} if found.index else {})


# ---------------------------------------------------------------- the whole


def read_text(text: str, file: str) -> Source:
    """Parse and type `text`; raises ReadError on the first problem that stops reading."""
    _refuse_unreadable(text)
    root = compose(text)
    if isinstance(root, Scalar) and not root.style and root.value in NULLS:
        raise ReadError(1, 1, "read.empty")  # `---` alone, or `~`
    if not isinstance(root, Mapping):
        raise ReadError(root.line, root.column, "read.not-mapping")
    converter = _Converter(file)
    data = converter.convert(root, schema.rule_for_root())
    return Source(file, text, data, converter.nodes, converter.keys, converter.problems)


def read(path: Path, display: str | None = None, content: bytes | None = None) -> tuple[Source | None, list[Diagnostic]]:
    """Read a data file. Returns the source, or None and the diagnostic that stopped reading.

    `content`: the file's bytes when they come from elsewhere (a git revision); `display`: the
    name its diagnostics give.
    """
    file = display if display is not None else str(path)
    try:
        size = len(content) if content is not None else path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(1, 1, "read.too-big", size=size, limit=MAX_BYTES)
        return read_text(decode(content if content is not None else path.read_bytes()), file), []
    except ReadError as e:
        where = format_path(e.fieldpath)
        return None, [Diagnostic(file, e.line, e.column, path=where, message=msg(e.key, **e.kw))]


def strings(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every string in the data with its field path, in file order."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from strings(child, path + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from strings(child, path + (i,))
