"""Text → nodes: YAML events (or libyaml's own composer) into a node tree with places,
refusing what a report never needs: anchors, aliases, tags, merge keys, duplicate keys, deep nesting."""

from __future__ import annotations

import re
from typing import Any

import yaml

from generator.data.nodes import Mapping, Node, Path_, ReadError, Scalar, Sequence, line_starts, position_in
from generator.data.syntax import syntax_error

MAX_DEPTH = 12

try:  # the C parser is several times faster; the pure one gives the same events
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


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
