"""Reading one block's paragraphs the way a format writes them: where a run-in heading ends,
which paragraphs are text, points and closing, where the intro ends, what the report's closing is.
"""

from __future__ import annotations

import re

from generator.data.text import END_PUNCTUATION
from generator.importer import labels
from generator.importer.frame import Line
from generator.layout import INLINE


def hoist(block: dict) -> list[str]:
    moved = []
    if block.get("items"):
        moved = hoist(block["items"][-1])
    elif not block.get("points") and len(block.get("text", [])) > 1:
        moved = block["text"][1:]
        block["text"] = block["text"][:1]
    return moved + (block.pop("closing", None) or [])


def unpunctuated(text: str) -> bool:
    """A line of plain text that ends in no mark at all reads as a heading (a paragraph ends in one)."""
    return not text.endswith(tuple(END_PUNCTUATION) + ("”", "’", "）", ")", "」", "》")) and len(text) <= 30


def split_intro(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Where nothing but the reader can tell the intro from the summary's own text (they print
    alike), the intro ends with the sentence that announces the report (…总结如下：)."""
    for i, ln in enumerate(lines):
        if _ANNOUNCES.search(ln.text):
            return lines[: i + 1], lines[i + 1 :]
    return lines, []


_ANNOUNCES = re.compile(r"(如下|以下|报告如下|总结如下|汇报如下)[：:]$")


def texts(lines: list[Line]) -> list[str]:
    return [ln.text for ln in lines if ln.text]


def point_of(text: str) -> int:
    label = labels.at_start(text)
    return label.n if label is not None and label.kind == labels.POINT else -1


SHORT_HEADING = 30  # characters: a ： further in ends a clause of the text; a longer sentence is text


def split_heading(line: Line, standalone: bool) -> tuple[str, str | None]:
    """(title, the text that runs on after it) of a heading line (import.md "Run-in headings")."""
    p, rest = line.para, line.rest.strip()
    if p.heading or p.bold or p.title_style:
        return rest, None
    if p.lead:
        lead_end = max(p.lead - (len(p.text) - len(line.rest)), 0)
        title, after = rest[:lead_end].strip(), rest[lead_end:].strip()
        return unclosed(title), after or None
    stop = next((i for i, c in enumerate(rest) if c in "。！？"), None)
    colon = next((i for i, c in enumerate(rest[:SHORT_HEADING]) if c in "：:"), None)
    if colon is not None and (stop is None or colon < stop) and rest[colon + 1 :].strip():
        return rest[: colon + 1], rest[colon + 1 :].strip()  # (一)标题：正文 — the title keeps its ：
    if stop is None:
        return rest, None
    after = rest[stop + 1 :].strip()
    if not after:
        return (rest, None) if standalone else ("", rest)
    title = rest[: stop + 1]
    return unclosed(title), after


def is_heading_sentence(text: str | None) -> bool:
    """A heading written as a short sentence of its own (`规范支部设置。`), its text below it."""
    return bool(text) and len(text) <= SHORT_HEADING and text.endswith("。") and not any(c in "。！？；，" for c in text[:-1])


def unclosed(title: str) -> str:
    """A run-in title without the 。 that formats.run_in adds back."""
    if title.endswith("。") and not title[:-1].endswith(tuple(END_PUNCTUATION)):
        return title[:-1]
    return title


def read_points(body: list[str], starts: list[int], style: str, has_items: bool) -> tuple[list, list, list]:
    """(text, points, closing) of a block's paragraphs, points read as the format writes them."""
    if style == INLINE:
        candidates = [len(body) - 1] if has_items else range(len(body))
        for i in candidates:
            if i < 0:
                break
            found = labels.inline_points(body[i])
            if found and (found[0].strip() or i == 0):  # inline points start a paragraph only when there is no text
                before, points = found
                text = body[:i] + ([before] if before.strip() else [])
                return text, points, body[i + 1 :]
        return body, [], []
    first = next((i for i, n in enumerate(starts) if n in (0, 1)), None)
    if first is None:
        return body, [], []
    end = first
    while end < len(body) and starts[end] in (0, end - first + 1):
        end += 1
    if has_items and end < len(body):
        return body, [], []
    points = [labels.strip(t)[1] if starts[first + k] > 0 else t for k, t in enumerate(body[first:end])]
    return body[:first], points, body[end:]
