"""The Markdown writer: the same paragraphs as the .docx, for previews and readable git diffs.

One line a paragraph, a blank line between; headings as Markdown headings, run-in headings bold.
User text is escaped so that it prints as typed.
"""

from __future__ import annotations

import re

from generator.formats import Paragraph
from generator.render.context import FigureRow

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(#|[-+] |\d+\.\s|>)")


def escape(text: str) -> str:
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(r"\\\1", text)


def render(context: dict) -> str:
    paragraphs: list[Paragraph] = context["paragraphs"]
    offset = 1 if any(p.kind == "part" for p in paragraphs) else 0
    out = [f"# {escape(context['title'])}"]
    for p in paragraphs:
        if p.kind == "part":
            out.append(f"## {escape(p.text)}")
        elif p.kind == "heading":
            out.append(f"{'#' * (p.level + 1 + offset)} {escape(p.text)}")
        elif p.kind == "figures":
            out.append(table(context["figures"]))
        elif p.lead:
            out.append(f"**{escape(p.lead)}**{escape(p.text)}")
        else:
            out.append(escape(p.text))
    sig = context["signature"]
    if sig:
        out += [escape(sig.name), escape(sig.date)]
    return "\n\n".join(out) + "\n"


def table(rows: list[FigureRow]) -> str:
    lines = ["**主要工作数据**", "", "| 项目 | 本期 | 上期 | 增减 |", "| --- | ---: | ---: | ---: |"]
    for r in rows:
        cells = (r.label, r.current, r.previous, r.change)
        lines.append("| " + " | ".join(escape(c) for c in cells) + " |")
    return "\n".join(lines)
