"""Surgical edits of a data file: the changed scalars are rewritten, every other byte stays.

Comments, key order, quoting, blank lines, line endings and the `$schema` modeline are never
touched because the file is never dumped: each change is a splice of the original text. A
paragraph edited inside a scalar is spliced character by character where the scalar's characters
can be traced to the file (plain, quoted without escapes, `|` and `>` blocks), so a wrapped
paragraph keeps its wrapping; otherwise the whole scalar is written anew in its style (a `|` block
stays a `|` block, its untouched paragraphs' lines kept). Every splice is checked by reading the
result again; a field whose splice does not read back as meant is written whole instead.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml

from generator.data.nodes import Mapping, ReadError, Scalar
from generator.data.source import Source, read_text
from generator.review.align import opcodes
from generator.review.origin import field_paragraphs
from generator.review.plan import Entry, Plan
from generator.review.trace import trace

ORDER = (
    "format_version", "organization", "period", "title", "template", "intro", "text", "points", "items",
    "summary", "problems", "causes", "plans", "closing", "signature", "figures",
)  # fmt: skip
FIGURE_ORDER = ("label", "value", "unit", "previous")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TYPED = re.compile(r"\d+(?:\.\d+)?|\d{4}-\d{2}-\d{2}")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_PLAIN_START = set("-?:,[]{}#&*!|>'\"%@` \t")


class Unsupported(Exception):
    """A change this writer cannot make in place (a flow-style list, say): warned, not taken."""

    def __init__(self, path: tuple) -> None:
        super().__init__(path)
        self.path = path


@dataclass
class Splice:
    start: int
    end: int
    text: str
    order: int = 0


class Editor:
    def __init__(self, source: Source) -> None:
        self.src = source
        self.text = source.text
        self.nl = "\r\n" if "\r\n" in self.text else "\n"
        self.splices: list[Splice] = []

    def add(self, start: int, end: int, text: str) -> None:
        self.splices.append(Splice(start, end, text, len(self.splices)))

    def result(self) -> str:
        out, pos = [], 0
        for s in sorted(self.splices, key=lambda s: (s.start, s.end, s.order)):
            if s.start < pos:
                raise AssertionError(f"overlapping splices at {s.start}")
            out += [self.text[pos : s.start], s.text]
            pos = s.end
        return "".join(out) + self.text[pos:]

    # ------------------------------------------------------------ places

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def line_end(self, index: int) -> int:
        """Just after the line break of the line `index` is on."""
        n = self.text.find("\n", index)
        return len(self.text) if n < 0 else n + 1

    def content_end(self, path: tuple) -> int:
        """Just after the last character of the value at `path` (a block scalar's last line)."""
        ends = [self.scalar_end(n) for p, n in self.src.nodes.items() if p[: len(path)] == path and isinstance(n, Scalar)]
        node = self.src.nodes[path]
        return max(ends) if ends else node.end

    def scalar_end(self, node: Scalar) -> int:
        if node.style in ("|", ">"):
            return node.start + len(self.text[node.start : node.end].rstrip())
        return node.end

    def is_flow(self, path: tuple) -> bool:
        node = self.src.nodes.get(path)
        return node is not None and self.text[node.start : node.start + 1] in ("[", "{")

    # ------------------------------------------------------------ scalars

    def write_text(self, path: tuple, entries: list[Entry], whole: bool) -> list[str]:
        """The text field at `path` gets the paragraphs of `entries`; returns them."""
        paras = [e.value for e in entries if e.value is not None]
        node = self.src.nodes[path]
        if not isinstance(node, Scalar):
            raise Unsupported(path)
        old = field_paragraphs(self.src, path)
        same_shape = [e.origin for e in entries if e.value is not None] == list(range(len(old)))
        if not whole and same_shape:
            traced = trace(self.text, node)
            if traced is not None:
                for e in entries:
                    if e.changed and e.value is not None:
                        self.splice_paragraph(node, traced[e.origin], old[e.origin], e.value)
                return paras
        if node.style == "|" and self.rebuild_block(node, entries, old):
            return paras
        self.replace(path, node, paras)
        return paras

    def splice_paragraph(self, node: Scalar, offsets: list[tuple[int, bool]], old: str, new: str) -> None:
        """Each change of a paragraph spliced where its characters stand; text typed just after a
        line break goes after the next line's indentation, not before it."""
        for tag, i1, i2, j1, j2 in opcodes(old, new):
            if tag == "equal":
                continue
            text = _escape_in(node.style, new[j1:j2])
            if i2 > i1:
                self.add(offsets[i1][0], offsets[i2 - 1][0] + 1, text)
            elif i1 > 0 and not offsets[i1 - 1][1]:
                self.add(offsets[i1 - 1][0] + 1, offsets[i1 - 1][0] + 1, text)
            else:
                at = offsets[i1][0] if i1 < len(offsets) else offsets[-1][0] + 1
                self.add(at, at, text)

    def rebuild_block(self, node: Scalar, entries: list[Entry], old: list[str]) -> bool:
        """A `|` block written again: untouched paragraphs keep their lines."""
        head_end = self.text.find("\n", node.start) + 1
        end = self.scalar_end(node)
        groups = _groups(self.text[head_end:end])
        if len(groups) != len(old) or not groups:
            return False
        indent = re.match(r" *", groups[0]).group(0)
        lines = []
        for e in entries:
            if e.value is None:
                continue
            lines.append(groups[e.origin] if e.origin is not None and not e.changed else indent + e.value)
        self.add(head_end, end, (self.nl * 2).join(lines))
        return True

    def replace(self, path: tuple, node: Scalar, paras: list[str]) -> None:
        end = self.scalar_end(node)
        rest = self.text[end : self.line_end(end)].strip()
        if len(paras) == 1 and "\n" not in paras[0]:
            self.add(node.start, end, _in_style(node.style, paras[0]))
        elif rest or self.in_flow(path):
            self.add(node.start, end, json.dumps("\n\n".join(paras), ensure_ascii=False))
        else:
            self.add(node.start, end, self.block(paras, self.child_indent(path)))

    def block(self, paras: list[str], indent: str) -> str:
        lines = []
        for n, p in enumerate(paras):
            if n:
                lines.append("")
            lines.append(indent + p)
        return "|" + self.nl + self.nl.join(lines)

    def child_indent(self, path: tuple) -> str:
        """Two spaces deeper than the key of `path` (or the dash of a list entry)."""
        key = self.src.keys.get(path)
        node = key if key is not None else self.src.nodes[path]
        return " " * (node.column - 1 + 2)

    def in_flow(self, path: tuple) -> bool:
        return any(self.is_flow(path[:n]) for n in range(len(path)))

    def set_value(self, path: tuple, text: str) -> None:
        """A figure's number, a label, the signature's name or date: one plain or quoted scalar."""
        written = text if _TYPED.fullmatch(text) else inline(text)  # a number or date stays plain
        node = self.src.nodes.get(path)
        iso = _ISO.fullmatch(text)
        if iso and isinstance(node, Scalar) and "年" in node.value:  # a date typed 2024年7月5日 stays so
            written = "{}年{}月{}日".format(*(int(g) for g in iso.groups()))
        if node is None:
            self.add_key(path, lambda indent: written)
        elif isinstance(node, Scalar):
            self.add(node.start, self.scalar_end(node), written)
        else:
            raise Unsupported(path)

    # ------------------------------------------------------------ keys and entries

    def delete_key(self, path: tuple) -> None:
        key = self.src.keys.get(path)
        if key is None or self.in_flow(path):
            raise Unsupported(path)
        start = self.line_start(key.start)
        prefix = self.text[start : key.start]
        end = self.line_end(self.content_end(path))
        if not prefix.strip():
            self.add(start, end, "")
            return
        # the first key of a list entry (`- title: …`): the next key moves up after the dash
        following = re.compile(r"[ ]*").match(self.text, end)
        if following.end() - end != key.column - 1 or following.end() >= len(self.text):
            raise Unsupported(path)
        self.add(key.start, following.end(), "")

    def delete_entry(self, path: tuple) -> None:
        if self.in_flow(path):
            raise Unsupported(path)
        node = self.src.nodes[path]
        start = self.line_start(node.start)
        if not re.fullmatch(r"[ ]*-[ ]+", self.text[start : node.start]):
            raise Unsupported(path)
        self.add(start, self.line_end(self.content_end(path)), "")

    def insert_entry(self, path: tuple, value: object, before: int | None, after: int | None) -> None:
        """A new entry of the list at `path`, after its original entry `before` (else before `after`)."""
        if self.in_flow(path):
            raise Unsupported(path)
        anchor = path + ((before if before is not None else after),)
        node = self.src.nodes[anchor]
        dash = self.text.rfind("-", self.line_start(node.start), node.start)
        indent = " " * (dash - self.line_start(node.start))
        snippet = self.entry_text(value, indent)
        at = self.line_end(self.content_end(anchor)) if before is not None else self.line_start(node.start)
        if before is not None and at == len(self.text) and not self.text.endswith("\n"):
            snippet = self.nl + snippet.rstrip("\r\n")
        self.add(at, at, snippet)

    def entry_text(self, value: object, indent: str) -> str:
        if isinstance(value, str):
            return f"{indent}- {inline(value)}{self.nl}"
        item = dict(value)  # a new item: title, text paragraphs, points
        inner = indent + "  "
        lines = []
        if item.get("title"):
            lines.append(f"title: {inline(item['title'])}")
        if item.get("text"):
            lines.append("text: " + self.value_text(item["text"], inner + "  "))
        if item.get("points"):
            lines.append("points:" + "".join(f"{self.nl}{inner}- {inline(p)}" for p in item["points"]))
        if not lines:
            return ""
        return f"{indent}- " + (self.nl + inner).join(lines) + self.nl

    def value_text(self, paras: list[str], indent: str) -> str:
        return inline(paras[0]) if len(paras) == 1 else self.block(paras, indent)

    def add_key(self, path: tuple, make) -> None:
        """`key: value` added to the mapping at path[:-1], in the order of data-format.md;
        `make(indent)` writes the value for a key indented by `indent`."""
        parent, key = path[:-1], path[-1]
        node = self.src.nodes.get(parent)
        if not isinstance(node, Mapping) or self.in_flow(parent) or not node.pairs:
            raise Unsupported(path)
        order = FIGURE_ORDER if parent[:1] == ("figures",) else ORDER
        rank = order.index(key) if key in order else len(order)
        earlier = [k for k, _ in node.pairs if k.value in order and order.index(k.value) < rank]
        first = node.pairs[0][0]
        indent = " " * (first.column - 1)
        value = make(indent)
        entry = f"{key}:{'' if value.startswith(self.nl) else ' '}{value}"
        if earlier:
            at = self.line_end(self.content_end(parent + (earlier[-1].value,)))
            text = f"{indent}{entry}{self.nl}"
            if at == len(self.text) and not self.text.endswith("\n"):
                text = self.nl + text[: -len(self.nl)]
            self.add(at, at, text)
        elif self.text[self.line_start(first.start) : first.start].strip():
            self.add(first.start, first.start, f"{entry}{self.nl}{indent}")
        else:
            at = self.line_start(first.start)
            self.add(at, at, f"{indent}{entry}{self.nl}")

    def comment(self, path: tuple, lines: list[str]) -> None:
        """YAML comment lines above the field at `path` (or the nearest field that exists)."""
        while path and path not in self.src.nodes:
            path = path[:-1]
        node = self.src.keys.get(path) or self.src.nodes.get(path)
        if node is None or not path:
            at, indent = 0, ""
        else:
            at = self.line_start(node.start)
            indent = re.match(r"[ ]*", self.text[at:]).group(0)
        self.add(at, at, "".join(f"{indent}# {line}{self.nl}" for line in lines))


# ---------------------------------------------------------------- writing values


def inline(value: str) -> str:
    """A one-line scalar: plain when YAML reads it back as the same text, else double-quoted."""
    if _plain_ok(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _plain_ok(value: str) -> bool:
    if not value or value in _NULLS or value != value.strip() or value[0] in _PLAIN_START:
        return False
    if any(c in value for c in "\n\r\t") or ": " in value or " #" in value or value.endswith(":"):
        return False
    try:
        return yaml.safe_load(f"k: {value}") == {"k": value}
    except yaml.YAMLError:
        return False


def _in_style(style: str, value: str) -> str:
    """A one-line scalar written again in its quoting (a plain one quoted only when it must be)."""
    if style == '"':
        return json.dumps(value, ensure_ascii=False)
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    return inline(value)


def _escape_in(style: str, text: str) -> str:
    if style == "'":
        return text.replace("'", "''")
    if style == '"':
        return text.replace("\\", "\\\\").replace('"', '\\"')
    return text


def _groups(block: str) -> list[str]:
    """The lines of each paragraph of a `|` block's content, as in the file."""
    parts = re.split(r"\r?\n(?:[ \t\u3000]*\r?\n)+", block.strip("\r\n"))
    return [p for p in parts if p.strip()]


# ---------------------------------------------------------------- the whole plan


def apply(plan: Plan, comments: dict[tuple, list[str]] | None = None) -> tuple[str, list[tuple]]:
    """The data file's new text, and the paths of changes that could not be made in place.

    A field whose splice does not read back as meant is written whole; one that still does not
    is left as it was and reported with the changes not made."""
    whole: set[tuple] = set()
    skip: set[tuple] = set()
    while True:
        editor, refused, expected = _edit(plan, comments or {}, whole, skip)
        new = editor.result()
        moved = {plan.new_path(p): p for p in expected}
        wrong = {moved[w] for w in _check(new, plan.source.file, {m: expected[p] for m, p in moved.items()})}
        if not wrong:
            return new, refused + sorted(skip, key=str)
        skip |= wrong & whole
        whole |= wrong


def _edit(plan: Plan, comments: dict, whole: set, skip: set) -> tuple[Editor, list[tuple], dict]:
    editor = Editor(plan.source)
    refused: list[tuple] = []
    expected: dict[tuple, list[str]] = {}
    gone = {path + (e.origin,) for path, es in plan.lists.items() for e in es.originals if e.value is None}

    def under_gone(path: tuple) -> bool:
        return any(path[:n] in gone for n in range(1, len(path) + 1))

    def attempt(path: tuple, action) -> None:
        if under_gone(path):
            return
        try:
            action()
        except Unsupported as e:
            refused.append(e.path)

    for path, entries in plan.texts.items():
        if entries.changed and path not in skip:
            attempt(path, lambda p=path, es=entries.flat(): _text(editor, p, es, p in whole, expected))
    for path, value in plan.values.items():
        attempt(path, lambda p=path, v=value: editor.set_value(p, v))
    for path, entries in plan.lists.items():
        if entries.changed:
            attempt(path, lambda p=path, es=entries.flat(): _list(editor, p, es))
    for path, lines in comments.items():
        editor.comment(path, lines)
    return editor, refused, expected


def _text(editor: Editor, path: tuple, entries: list[Entry], whole: bool, expected: dict) -> None:
    paras = [e.value for e in entries if e.value is not None]
    if path not in editor.src.nodes:
        if paras:
            editor.add_key(path, lambda indent: editor.value_text(paras, indent + "  "))
            expected[path] = paras
        return
    if not paras:
        editor.delete_key(path)
        return
    expected[path] = editor.write_text(path, entries, whole)


def _list(editor: Editor, path: tuple, entries: list[Entry]) -> None:
    kept = [e for e in entries if e.value is not None]
    if path not in editor.src.nodes:
        if kept:
            def entries(indent: str) -> str:
                return "".join(editor.nl + editor.entry_text(e.value, indent + "  ").rstrip("\r\n") for e in kept)

            editor.add_key(path, entries)
        return
    if not kept:
        editor.delete_key(path)
        return
    first = next((e.origin for e in entries if e.origin is not None), None)
    if first is None:  # an empty list written as []
        raise Unsupported(path)
    before = None
    for e in entries:
        if e.origin is not None:
            before = e.origin
            if e.value is None:
                editor.delete_entry(path + (e.origin,))
        else:
            editor.insert_entry(path, e.value, before, first)


def _check(new: str, file: str, expected: dict[tuple, list[str]]) -> set[tuple]:
    """The text fields that do not read back as written (all of them when the file does not read)."""
    try:
        src = read_text(new, file)
    except ReadError:
        return set(expected)
    wrong = set()
    for path, paras in expected.items():
        found = field_paragraphs(src, path)
        if found != paras:
            wrong.add(path)
    return wrong
