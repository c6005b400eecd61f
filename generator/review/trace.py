"""Where each character of a text scalar's paragraphs stands in the data file.

The reader gives a scalar's value and its place; the model splits the value into paragraphs
(data/text.py: blank lines, joined line breaks, folded spaces, stripped ends). This module runs
both steps again keeping, for every character of every paragraph, its index in the file, so that
an edit of a paragraph can be spliced into the file character by character and a wrapped
paragraph keeps its wrapping. A scalar with escapes (`"\\u4e00"`) is not traced.
"""

from __future__ import annotations

from generator.data import text as textmod
from generator.data.nodes import Scalar


def trace(text: str, node: Scalar) -> list[list[tuple[int, bool]]] | None:
    """For each paragraph of a text scalar, each character's place in the file (and whether it
    stands for a line break); None when the scalar cannot be traced (escapes)."""
    value_at = _value_offsets(text, node)
    if value_at is None:
        return None
    paras = _traced_paragraphs(node.value, node.style != "|")
    if [p for p, _ in paras] != textmod.paragraphs(node.value, node.style != "|"):
        return None
    out = []
    for _, idx in paras:
        out.append([(value_at[i], text[value_at[i]] in "\r\n") for i in idx])
    return out


def _value_offsets(text: str, node: Scalar) -> list[int] | None:
    src = text[node.start : node.end]
    if node.style == '"' and "\\" in src:
        return None
    p = node.start + (1 if node.style in ("'", '"') else 0)
    if node.style in ("|", ">"):
        p = text.find("\n", node.start) + 1
    out = []
    for ch in node.value:
        while p < node.end and text[p] != ch:
            if text[p] not in " \t\r\n'":
                return None
            p += 1
        if p >= node.end:
            return None
        out.append(p)
        p += 1
    return out


def _traced_paragraphs(value: str, folded: bool) -> list[tuple[str, list[int]]]:
    """text.paragraphs, keeping for each character its index in `value`."""
    chars = [(c if c != "\r" else "\n", i) for i, c in enumerate(value) if not (c == "\n" and i and value[i - 1] == "\r")]
    joined = "".join(c for c, _ in chars)
    out = []
    at = 0
    for block in [*textmod.BLANK_LINE.finditer(joined), None]:
        stop = block.start() if block else len(joined)
        lines, line = [], []
        for c in chars[at:stop]:
            if c[0] == "\n":
                lines.append(line)
                line = []
            else:
                line.append(c)
        lines.append(line)
        para: list[tuple[str, int]] = []
        for n, ln in enumerate(lines):
            ln = _strip(ln)
            if para and ln:
                if not (textmod.is_wide(para[-1][0]) and textmod.is_wide(ln[0][0])):
                    para.append((" ", _break_before(chars, ln[0][1])))
            para += ln
        if folded:
            para = [c for k, c in enumerate(para) if not _folded_space(para, k)]
        para = _strip(para)
        if para:
            out.append(("".join(c for c, _ in para), [i for _, i in para]))
        at = block.end() if block else len(joined)
    return out


def _break_before(chars: list[tuple[str, int]], index: int) -> int:
    found = [i for c, i in chars if c == "\n" and i < index]
    return found[-1] if found else index


def _folded_space(para: list[tuple[str, int]], k: int) -> bool:
    if para[k][0] != " " or k == 0 or k == len(para) - 1:
        return False
    left, right = para[k - 1][0], para[k + 1][0]
    return not left.isspace() and not right.isspace() and textmod.is_wide(left) and textmod.is_wide(right)


def _strip(chars: list[tuple[str, int]]) -> list[tuple[str, int]]:
    a, b = 0, len(chars)
    while a < b and chars[a][0] in textmod.STRIP:
        a += 1
    while b > a and chars[b - 1][0] in textmod.STRIP:
        b -= 1
    return chars[a:b]
