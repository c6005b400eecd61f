"""The Markdown writer: the same paragraphs as the .docx, for previews and readable git diffs.

One line a paragraph, a blank line between; headings as Markdown headings, run-in headings bold.
User text is escaped so that a CommonMark (or GitHub) renderer prints it as typed.
"""

from __future__ import annotations

import re
import unicodedata

from generator.layout import Paragraph
from generator.templating.context import FigureRow

# Everything that can start markup anywhere in a line: emphasis, code, links, HTML and entities,
# tables, strikethrough, math, a heading's closing #s. A backslash before ASCII punctuation is
# always a literal in CommonMark, so escaping more than needed is harmless.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&$])")
# What starts a block only at the beginning of a line: list items (- + 1. 1)) and thematic breaks.
_LIST_MARK = re.compile(r"^([-+])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def escape(text: str, line_start: bool = False) -> str:
    """`text` as Markdown that prints as typed; `line_start` when it begins a line."""
    text = _SPECIAL.sub(r"\\\1", text)
    if line_start:
        text = _LIST_MARK.sub(r"\\\1", text)
        text = _ORDERED.sub(r"\1\\\2", text)
    return text


def _is_punctuation(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def strong(lead: str) -> str:
    """A run-in heading in bold.

    CommonMark closes `**` only when it is not preceded by punctuation or is followed by
    punctuation or a space; a lead ends in 。 or ）and Chinese text follows without a space, so
    `**（一）加强学习。**支部…` stays unbold. Moving the lead's last mark after the `**` always works:
    `**（一）加强学习**。支部…`.
    """
    if len(lead) > 1 and _is_punctuation(lead[-1]):
        return f"**{escape(lead[:-1])}**{escape(lead[-1])}"
    return f"**{escape(lead)}**"


def numbered(p: Paragraph) -> str:
    """An item without a title: its label starts the paragraph as typed, not as a bold heading.

    `1.` becomes a Markdown list item (`1. 网格走访…`), which every renderer numbers as the report
    does; `（1）` and the other labels are text.
    """
    if p.label[:-1].isdigit() and p.label.endswith("."):
        return f"{p.label} {escape(p.text)}"
    return escape(p.label + p.text, line_start=True)


def document(report, template, context: dict) -> bytes:
    """The writer of the output format md (see render/__init__.py)."""
    return render(context).encode("utf-8")


def render(context: dict) -> str:
    paragraphs: list[Paragraph] = context["paragraphs"]
    offset = 1 if any(p.kind == "part" for p in paragraphs) else 0
    lines = context.get("title_lines") or [context["title"]]
    out = ["# " + "<br>".join(escape(line) for line in lines)]  # a heading holds no line break but HTML's
    for p in paragraphs:
        if p.kind == "part":
            out.append(f"## {escape(p.text)}")
        elif p.kind == "heading":
            out.append(f"{'#' * (p.level + 1 + offset)} {escape(p.text)}")
        elif p.kind == "figures":
            out.append(table(context["figures"]))
        elif p.lead and p.lead == p.label:
            out.append(numbered(p))
        elif p.lead:
            out.append(strong(p.lead) + escape(p.text))
        else:
            out.append(escape(p.text, line_start=True))
    sig = context["signature"]
    if sig:
        out += [escape(sig.name, line_start=True), escape(sig.date, line_start=True)]
    return "\n\n".join(out) + "\n"


def table(rows: list[FigureRow]) -> str:
    lines = ["**主要工作数据**", "", "| 项目 | 本期 | 上期 | 增减 |", "| --- | ---: | ---: | ---: |"]
    for r in rows:
        cells = (r.label, r.current, r.previous, r.change)
        lines.append("| " + " | ".join(escape(c) for c in cells) + " |")
    return "\n".join(lines)
