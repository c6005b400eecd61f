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
from collections.abc import Iterator
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
        self.text = _as_printed(text, self)
        return self

    def __reduce__(self):  # keep `text` across process pools
        return (Number, (self.text,))


def _as_printed(typed: str, value: Decimal) -> str:
    """The digits as typed, less what no report prints: a sign on zero or a plus, leading zeros
    (`010` is ten, data-format.md: 10; `0010.50` → 10.50), a bare point (`.5` → 0.5, `5.` → 5),
    an exponent (`1e3` → 1000). Decimals typed stay as typed: `12.50` is 12.50."""
    body = typed.lstrip("+-")
    sign = "-" if typed.startswith("-") and value != 0 else ""
    if "e" in body or "E" in body:
        return sign + f"{abs(value):f}"
    whole, _, fraction = body.partition(".")
    return sign + (whole.lstrip("0") or "0") + ("." + fraction if fraction else "")


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
    """One problem that stops reading; carries its place and, when known, its field path."""

    def __init__(self, line: int, column: int, key: str, /, *, fieldpath: tuple = (), **kw: object) -> None:
        super().__init__(key)
        self.line, self.column, self.key, self.kw = line, column, key, kw
        self.fieldpath = fieldpath


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


# Line breaks as editors count them. YAML also breaks lines at U+0085, U+2028 and U+2029, so every
# place is computed from the parser's character index, never taken from its line numbers.
_BREAKS = re.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _BREAKS.finditer(text)]


def position_in(starts: list[int], index: int) -> tuple[int, int]:
    """1-based line and column of a character index, given the text's line_starts."""
    row = bisect.bisect_right(starts, index) - 1
    return row + 1, index - starts[row] + 1


def text_position(text: str, index: int) -> tuple[int, int]:
    return position_in(line_starts(text), index)


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
    if raw.count(0) * 4 >= len(raw) > 0:  # ASCII saved as UTF-16 without a mark: every other byte is 0
        first = raw.index(0)
        raise _bad_bytes(raw[:first].decode("utf-8", "replace"), raw, "utf-16")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise _bad_bytes(raw[: e.start].decode("utf-8"), raw, None) from None


def _bad_bytes(good: str, raw: bytes, encoding: str | None) -> ReadError:
    line, column = text_position(good, len(good))
    if encoding == "utf-16":
        return ReadError(line, column, "read.not-utf8", likely="UTF-16")
    if encoding is not None:
        return ReadError(line, column, "read.bad-utf16")
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return ReadError(line, column, "read.not-utf8-unknown")
    return ReadError(line, column, "read.not-utf8", likely="GBK/GB18030")


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


# ---------------------------------------------------------------- text → nodes


def compose(text: str) -> Node:
    """Build the node tree from YAML events, refusing what a report never needs.

    libyaml is the fast path. It reads far ahead (so a deep `[[[[` fails at its own limit of 1000,
    not ours) and refuses a few things the pure parser reads, so any failure is read again by the
    pure parser, whose errors are the ones put in the user's terms.
    """
    if _Loader is not yaml.SafeLoader:
        fast = _compose_in_c(text)
        if fast is not None:
            return fast
        try:
            return _Composer(text).run(_Loader)
        except yaml.YAMLError:
            pass
    return _Composer(text).run(yaml.SafeLoader)


# Nesting that libyaml's recursive composer may meet safely: indentation and brackets bound the depth.
_C_MAX_INDENT = 120
_C_MAX_BRACKETS = 120


def _compose_in_c(text: str) -> Node | None:
    """libyaml's own composer, for files that cannot hold what we refuse; None means "use the events".

    Feeding libyaml's events through Python costs more than the rest of a render; composing in C
    and copying the nodes does not. It cannot see anchors, aliases or tags, so it only takes files
    without `&`, `*`, `!` or `<<`, and any duplicate key, key slip, depth over the limit or error
    sends the file down the event path, which explains it.
    """
    if any(c in text for c in "&*!\x85\u2028\u2029") or "<<" in text:
        return None  # (the last three are line breaks to libyaml, not to an editor)
    if text.count("[") + text.count("{") > _C_MAX_BRACKETS:
        return None
    if max((len(m.group()) for m in _INDENT.finditer(text)), default=0) > _C_MAX_INDENT:
        return None
    try:
        root = yaml.compose(text, Loader=_UntypedLoader)
    except yaml.YAMLError:
        return None
    if root is None:
        return None
    try:
        return _copy(root, 0)
    except _NotPlain:
        return None


_INDENT = re.compile(r"^[ \t]+", re.M)


class _UntypedLoader(_Loader):  # type: ignore[misc, valid-type]
    """libyaml's composer without PyYAML's tag guessing, which the schema does instead (and which,
    called in Python for every scalar, took a fifth of the composing time)."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return ""


class _NotPlain(Exception):
    """A file the C path leaves to the event path."""


def _copy(node: yaml.Node, depth: int) -> Node:
    mark = node.start_mark
    start, end, line, col = mark.index, node.end_mark.index, mark.line + 1, mark.column + 1
    if isinstance(node, yaml.ScalarNode):
        return Scalar(start, end, line, col, node.value, node.style or "")
    if depth >= MAX_DEPTH:
        raise _NotPlain
    if isinstance(node, yaml.SequenceNode):
        return Sequence(start, end, line, col, [_copy(v, depth + 1) for v in node.value])
    pairs, seen = [], set()
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.value in seen:
            raise _NotPlain
        if not key.style and _key_slip(key.value):
            raise _NotPlain
        seen.add(key.value)
        pairs.append((_copy(key, depth + 1), _copy(value, depth + 1)))
    return Mapping(start, end, line, col, pairs)


class _Composer:
    """One pass over the events of one loader; keeps what a syntax error needs to be explained."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = line_starts(text)
        self.stack: list[Mapping | Sequence] = []
        self.pending: list[Scalar | None] = []  # per open container: a mapping's key waiting for its value
        self.seen: list[dict[str, Scalar]] = []  # per open container: a mapping's keys so far
        self.documents = 0
        self.root: Node | None = None
        self.quote: Scalar | None = None  # the last quoted scalar that ran over several lines

    def run(self, loader: type) -> Node:
        try:
            for event in yaml.parse(self.text, Loader=loader):
                self.feed(event)
        except yaml.YAMLError as e:
            if loader is not yaml.SafeLoader:
                raise
            if not isinstance(e, yaml.MarkedYAMLError):  # pragma: no cover - read_text refused it before
                raise ReadError(1, 1, "yaml.other", problem=str(e)) from None
            raise syntax_error(e, self.text, self.starts, self.quote) from None
        if self.root is None:
            raise ReadError(1, 1, "read.empty")
        return self.root

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
            return
        start = event.start_mark.index
        line, col = position_in(self.starts, start)
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise ReadError(line, col, "read.many-documents")
            return
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop().end = event.end_mark.index
            self.pending.pop()
            self.seen.pop()
            return
        if isinstance(event, yaml.AliasEvent):
            raise ReadError(line, col, "read.alias", fieldpath=self.path())
        if event.anchor is not None:
            raise ReadError(line, col, "read.anchor", fieldpath=self.path())
        if event.tag is not None:
            raise ReadError(line, col, "read.tag", fieldpath=self.path(), tag=event.tag)
        self.add(self.node(event, start, line, col))

    def node(self, event: yaml.Event, start: int, line: int, col: int) -> Node:
        end = event.end_mark.index
        if isinstance(event, yaml.ScalarEvent):
            node = Scalar(start, end, line, col, event.value, event.style or "")
            if node.style in ("'", '"') and "\n" in self.text[start:end]:
                self.quote = node
            return node
        if len(self.stack) >= MAX_DEPTH:
            raise ReadError(line, col, "read.too-deep", fieldpath=self.path(), limit=MAX_DEPTH)
        if isinstance(event, yaml.MappingStartEvent):
            return Mapping(start, end, line, col)
        return Sequence(start, end, line, col)

    def add(self, node: Node) -> None:
        if not self.stack:
            self.root = node
        elif isinstance(self.stack[-1], Sequence):
            self.stack[-1].items.append(node)
        elif self.pending[-1] is None:
            self.pending[-1] = self.key(node)
        else:
            self.stack[-1].pairs.append((self.pending[-1], node))
            self.pending[-1] = None
        if isinstance(node, (Mapping, Sequence)):
            self.stack.append(node)
            self.pending.append(None)
            self.seen.append({})

    def key(self, node: Node) -> Scalar:
        """A mapping key: plain text, new in its mapping, and not one of the usual typing slips."""
        if not isinstance(node, Scalar):
            raise ReadError(node.line, node.column, "read.complex-key", fieldpath=self.path())
        where = self.path() + (node.value,)
        if not node.style:
            if node.value == "<<":
                raise ReadError(node.line, node.column, "read.merge-key", fieldpath=self.path())
            slip = _key_slip(node.value)
            if slip:  # the path of the mapping: the key is not the one the user meant
                raise ReadError(node.line, node.column + slip[1], slip[0], fieldpath=self.path())
        seen = self.seen[-1].get(node.value)
        if seen is not None:
            first = {"key": node.value, "line": seen.line}
            raise ReadError(node.line, node.column, "read.duplicate-key", fieldpath=where, **first)
        self.seen[-1][node.value] = node
        return node

    def path(self) -> Path_:
        """The field path where the next node goes (of the mapping itself while a key is awaited)."""
        path: list[str | int] = []
        for depth, parent in enumerate(self.stack):
            last = depth == len(self.stack) - 1
            if isinstance(parent, Sequence):
                path.append(len(parent.items) - (0 if last else 1))
                continue
            key = self.pending[depth] if last else parent.pairs[-1][0]
            if key is not None:
                path.append(key.value)
        return tuple(path)


# A key that YAML read whole although the user meant less: `　　text` (indented with U+3000),
# `title：学习` (a full-width colon inside a flow mapping).
_KEY_SLIPS = (
    (re.compile("\u3000"), "yaml.fullwidth-space"),
    (re.compile(r"\w+[ \u3000]*(：)"), "yaml.fullwidth-colon"),
)


def _key_slip(key: str) -> tuple[str, int] | None:
    """(message key, offset of the culprit) when a key holds a typing slip."""
    for pattern, message in _KEY_SLIPS:
        m = pattern.match(key)
        if m:
            return message, m.start(m.lastindex or 0)
    return None


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
        if path == ("period",) and isinstance(node, Scalar) and node.value not in _NULLS:
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
        from generator.periods import parse

        found = parse(node.value)
        if found is None:
            message = msg("read.bad-period", value=node.value)
            self.problems.append(Diagnostic(self.file, node.line, node.column, path="period", message=message))
            return node.value
        return {"year": found.year, "span": found.span} | ({"index": found.index} if found.index else {})


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
    _refuse_unreadable(text)
    root = compose(text)
    if isinstance(root, Scalar) and not root.style and root.value in _NULLS:
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


# ---------------------------------------------------------------- syntax errors in the user's terms


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
    lines = _BREAKS.split(text)
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
