"""The imported data as the YAML a person would write (import.md "Output").

Keys in the order of data-format.md, a text of several paragraphs as a `|` block with a blank
line between them, long lines kept, Chinese as typed, the schema line `new` writes and a comment
saying where the data came from. Texts print literally: a `${` the source has becomes `$${`.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from generator.data.emit import modeline, period_yaml, scalar
from generator.data.periods import Period
from generator.data.text import is_wide
from generator.importer.figures import Row

_BLOCK_KEYS = ("title", "text", "points", "items", "closing")
# A character a YAML file cannot hold (or reads as a line break): not text, left out.
_UNSAFE = re.compile("[^\t\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]")
_WIDE_SPACE = re.compile(r"(\S) (\S)")


def literal(text: str) -> str:
    """A text that prints as typed: `${` would start a figure reference."""
    return text.replace("${", "$${")


class _Out:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, indent: int, line: str) -> None:
        self.lines.append(" " * indent + line)

    def text(self, indent: int, key: str, paragraphs: list[str], refs: bool = True) -> None:
        """`key: text` on one line when it reads back the same, else a `|` block."""
        paras = [_UNSAFE.sub("", literal(p) if refs else p) for p in paragraphs]
        if len(paras) == 1 and not _folds(paras[0]) and "\t" not in paras[0]:
            self.add(indent, f"{key} {scalar(paras[0])}")
            return
        self.add(indent, f"{key} |")
        for i, p in enumerate(paras):
            if i:
                self.lines.append("")
            self.add(indent + 2, p)

    def block(self, indent: int, block: dict, dash: bool = False) -> None:
        first = True
        for key in _BLOCK_KEYS:
            if key not in block:
                continue
            pad = indent
            prefix = "- " if dash and first else ""
            at = indent - 2 if dash and first else indent
            first = False
            value = block[key]
            if key == "title":
                self.text_at(at, pad, prefix, "title:", [value])
            elif key in ("text", "closing"):
                self.text_at(at, pad, prefix, f"{key}:", value)
            elif key == "points":
                self.add(at, f"{prefix}points:")
                for p in value:
                    self.text(pad + 2, "-", [p])
            else:
                self.add(at, f"{prefix}items:")
                for item in value:
                    self.block(pad + 4, item, dash=True)

    def text_at(self, at: int, pad: int, prefix: str, key: str, paragraphs: list[str]) -> None:
        if not prefix:
            self.text(pad, key, paragraphs)
            return
        start = len(self.lines)
        self.text(pad, key, paragraphs)
        self.lines[start] = " " * at + prefix + self.lines[start].lstrip(" ")


def _folds(text: str) -> bool:
    """A one-line scalar is read folded: a space between two wide characters would go."""
    return any(is_wide(m.group(1)[-1]) and is_wide(m.group(2)[0]) for m in _WIDE_SPACE.finditer(text))


def write(
    data: dict, *, organization: str, period: Period, title: str | None, template: str | None,
    signature: tuple[str, datetime.date] | None, figures: list[Row], source: str, out: Path,
) -> str:  # fmt: skip
    w = _Out()
    w.add(0, modeline(out))
    w.add(0, f"# 由 reportgen import 从“{_comment(source)}”导入。请核对导入时的警告，再用 reportgen render 生成。")
    w.add(0, "format_version: 1")
    w.add(0, f"organization: {scalar(organization)}")
    w.add(0, f"period: {period_yaml(period)}")
    if title:
        w.text(0, "title:", [title])
    if template:
        w.add(0, f"template: {scalar(template)}")
    if data.get("intro"):
        w.lines.append("")
        w.text(0, "intro:", data["intro"])
    for part in ("summary", "problems", "causes", "plans"):
        if data.get(part):
            w.lines.append("")
            w.add(0, f"{part}:")
            w.block(2, data[part])
    if data.get("closing"):
        w.lines.append("")
        w.text(0, "closing:", data["closing"])
    if signature:
        w.lines.append("")
        w.add(0, "signature:")
        w.add(2, f"name: {scalar(signature[0])}")
        w.add(2, f"date: {signature[1].isoformat()}")
    if figures:
        w.lines.append("")
        w.add(0, "figures:")
        for n, row in enumerate(figures, 1):
            w.add(2, f"f{n}:")
            w.add(4, f"label: {scalar(row.label)}")
            w.add(4, f"value: {row.value}")
            if row.unit:
                w.add(4, f"unit: {scalar(row.unit)}")
            if row.previous is not None:
                w.add(4, f"previous: {row.previous}")
    return "\n".join(w.lines) + "\n"


def _comment(text: str) -> str:
    return _UNSAFE.sub("", text.replace("\n", " ").replace("\r", " "))
