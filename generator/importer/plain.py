"""Reading .txt and .md reports: one paragraph a line, blank lines ignored.

A plain-text export of a Word report (Word's "Save as plain text", LibreOffice's Text export)
writes a table one of two ways: a row a line with its cells separated by tabs (Word), or a cell
a line (LibreOffice). Both are read back as a table. In Markdown, `#` headings, `**bold**` at
the start of a line (a run-in heading), list items and `| a | b |` tables are read as such, and
backslash escapes are undone.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.data.decode import decode
from generator.data.nodes import ReadError
from generator.importer.figures import header_columns, number
from generator.importer.paragraphs import MAX_PARAGRAPHS, MAX_TEXT_BYTES, Document, ImportFailed, Para
from generator.messages import msg

_BLANKS = " \t\u3000\u00a0\ufeff"
# Form feeds (page breaks in Word's text export) and other controls are not text.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def lines(path: Path, name: str) -> list[tuple[int, str]]:
    """(line number, text) of each non-blank line."""
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise ImportFailed("import.too-big", path=name, size=size, limit=MAX_TEXT_BYTES)
        text = decode(path.read_bytes())
    except ReadError as e:
        raise ImportFailed("import.encoding", path=name, line=e.line, column=e.column, problem=msg(e.key, **e.kw)) from None
    except OSError as e:
        raise ImportFailed("import.unreadable", path=name, reason=e.strerror or str(e)) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    found = []
    for n, line in enumerate(text.split("\n"), 1):
        line = _CONTROLS.sub("", line)
        cells = "\t" in line.strip(_BLANKS)  # a table row: the tabs between its cells stay
        line = line.strip(" \u3000\u00a0\ufeff") if cells else line.strip(_BLANKS)
        if line.strip(_BLANKS):
            found.append((n, line))
    if len(found) > MAX_PARAGRAPHS:
        raise ImportFailed("import.too-many", path=name, limit=MAX_PARAGRAPHS)
    return found


def read_txt(path: Path, name: str) -> Document:
    doc = Document(name, "txt")
    rows: list[list[str]] = []
    for n, line in lines(path, name):
        if "\t" in line:
            rows.append([c.strip(_BLANKS) for c in line.split("\t")])
            if len(rows) == 1:
                doc.paragraphs.append(Para("", n, rows=rows))
            continue
        rows = []
        doc.paragraphs.append(Para(line, n))
    doc.paragraphs = _cell_lines(doc.paragraphs)
    return doc


def _cell_lines(paras: list[Para]) -> list[Para]:
    """LibreOffice's export: a header of short cells naming this and the previous period, then
    rows of as many lines, become a table."""
    out: list[Para] = []
    i = 0
    while i < len(paras):
        width = _header_at(paras, i)
        if not width:
            out.append(paras[i])
            i += 1
            continue
        rows = [[p.text for p in paras[i : i + width]]]
        j = i + width
        value = header_columns(rows[0])[0]
        while j + width <= len(paras) and _is_row([p.text for p in paras[j : j + width]], value):
            rows.append([p.text for p in paras[j : j + width]])
            j += width
        if len(rows) == 1:
            out.append(paras[i])
            i += 1
            continue
        out.append(Para("", paras[i].where, rows=rows))
        i = j
    return out


def _header_at(paras: list[Para], i: int) -> int:
    """The number of cells of a header row starting at `i` (0: none): the widest whose next row
    starts with a label and has a number under 本期."""

    for width in range(6, 2, -1):
        cells = [p.text for p in paras[i : i + 2 * width]]
        if len(cells) < 2 * width or any(p.is_table for p in paras[i : i + 2 * width]):
            continue
        head, row = cells[:width], cells[width:]
        if any(len(c) > 12 or number(c) is not None for c in head):
            continue
        current, previous = header_columns(head)
        if current is not None and previous is not None and number(row[0]) is None and all(map(_numeric, row[1:width])):
            return width
    return 0


# A change as figures tables print it: +2, -1.5, 持平, or in words (增加2次, 下降1.2个百分点).
_CHANGE = re.compile(r"[+\-−]?\d+(?:\.\d+)?%?|持平|—|-|／|/|(?:增加|减少)\d+(?:\.\d+)?[^\s\d]{0,8}|(?:提高|下降)\d+(?:\.\d+)?个百分点")


def _numeric(cell: str) -> bool:
    """A number, a change (+2, -1.5, 持平, 增加2次) or nothing (—)."""
    return bool(_CHANGE.fullmatch(cell.strip()))


def _is_row(cells: list[str], value: int | None) -> bool:

    return value is not None and number(cells[value]) is not None


# ---------------------------------------------------------------- Markdown

_HEADING = re.compile(r"(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"[-*+]\s+(.*)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_STRONG = re.compile(r"\*\*(.+?)\*\*(.*)")
_RULE = re.compile(r"\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?")


def unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text)


def read_md(path: Path, name: str) -> Document:
    doc = Document(name, "md")
    rows: list[list[str]] = []
    for n, line in lines(path, name):
        if line.startswith("|"):
            if not _RULE.fullmatch(line):
                rows.append([unescape(c.strip()) for c in _cells(line)])
                if len(rows) == 1:
                    doc.paragraphs.append(Para("", n, rows=rows))
            continue
        rows = []
        doc.paragraphs.append(_md_paragraph(line, n))
    return doc


def _cells(line: str) -> list[str]:
    inner = line.strip().strip("|")
    return re.split(r"(?<!\\)\|", inner)


def _md_paragraph(line: str, n: int) -> Para:
    m = _HEADING.fullmatch(line)
    if m:
        level = len(m.group(1))
        return Para(unescape(_unstrong(m.group(2))), n, heading=level, title_style=level == 1)
    m = _BULLET.fullmatch(line)
    if m:
        return Para(unescape(m.group(1)), n, bullet=True)
    m = _STRONG.match(line)
    if m:
        lead, rest = unescape(m.group(1)), unescape(m.group(2))
        # the writer moves a lead's last mark after the `**` (markdown.strong): it belongs to the lead
        moved = rest[:1] if rest[:1] and not rest[:1].isalnum() and not ("\u4e00" <= rest[:1] <= "\u9fff") else ""
        lead, rest = lead + moved, rest[len(moved) :]
        if not rest.strip():
            return Para(lead, n, bold=True)
        return Para(lead + rest, n, lead=len(lead))
    return Para(unescape(line), n)


def _unstrong(text: str) -> str:
    return text[2:-2] if text.startswith("**") and text.endswith("**") and len(text) > 4 else text
