"""The 汇总表 as a real spreadsheet (openpyxl): sheets 汇总, 对比 and 检查.

Numbers are numeric cells in their typed decimal places; a branch without a figure has an empty
cell, never 0. Every sheet has a frozen, bold header row repeated on each printed page, columns
wide enough for their Chinese text, and an A4 landscape page fitted to the paper's width.

Each sheet is laid out as rows of values first (the widths need them all), then streamed through
openpyxl's write-only mode, which writes a row as it comes instead of keeping a cell object for
every value.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from generator.data.figures import table_change
from generator.data.text import is_wide
from generator.messages import msg
from generator.rollup.summary import Rollup

MAX_WIDTH = 48  # characters: a longer text wraps rather than making the sheet unprintable


def render(rollup: Rollup, title: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheets = (("summary", _summary(rollup), "C2", True), ("compare", _compare(rollup), "C2", False),
              ("checks", _checks(rollup), "A2", False))  # fmt: skip
    for name, rows, freeze, total in sheets:
        _write(book.create_sheet(msg(f"rollup.sheet.{name}", lang="zh")), rows, freeze, total)
    book.properties.title = title
    book.properties.creator = "reportgen"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _summary(rollup: Rollup) -> list[list[Any]]:
    cols = rollup.columns
    head = [msg("rollup.col.index"), msg("rollup.col.branch"), *(c.header for c in cols), msg("rollup.col.note")]
    values = [c.values for c in cols]  # computed once: each is a walk over the rows
    rows = [head]
    for i, row in enumerate(rollup.rows):
        note = msg(f"rollup.status.{row.status}") if row.status else None
        rows.append([i + 1, row.name, *(v[i] for v in values), note])
    rows.append([None, msg("rollup.total"), *(c.total for c in cols), None])
    return rows


def _compare(rollup: Rollup) -> list[list[Any]]:
    heads = ("branch", "figure", "unit", "current", "previous", "delta", "change")
    rows: list[list[Any]] = [[msg(f"rollup.col.{h}") for h in heads]]
    for row in rollup.rows:
        for f in row.branch.report.figures if row.branch else ():
            delta = None if f.previous is None else f.value - f.previous
            rows.append([row.name, f.label, f.unit or None, f.value, f.previous, delta, table_change(f)])
    return rows


def _checks(rollup: Rollup) -> list[list[Any]]:
    heads = ("level", "kind", "file", "line", "field", "message")
    rows: list[list[Any]] = [[msg(f"rollup.col.{h}") for h in heads]]
    for d in rollup.findings:
        rows.append([msg(f"rollup.level.{d.level}"), d.code or None, d.file, d.line or None, d.path or None, d.message])
    return rows


def _write(sheet, rows: list[list[Any]], freeze: str, total_row: bool) -> None:
    """Rows into a write-only sheet: header and (on 汇总) the 合计 row bold, numbers in the decimal
    places typed (a column of the 汇总 in the most any branch typed), long texts wrapped."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    widths = [max((_width(r[j]) for r in rows), default=4) for j in range(len(rows[0]))]
    for j, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(j)].width = min(width + 2, MAX_WIDTH)
    sheet.freeze_panes = freeze
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4 (Worksheet.PAPERSIZE_A4)
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    places = [max((_places(r[j]) for r in rows[1:]), default=0) for j in range(len(rows[0]))] if total_row else None
    bold, head = Font(bold=True), Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    formats: dict[int, str] = {}
    for i, values in enumerate(rows):
        out = []
        for j, value in enumerate(values):
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, Decimal):
                count = places[j] if places else _places(value)
                cell.number_format = formats.setdefault(count, "0" if count == 0 else "0." + "0" * count)
                _exact(cell)
            if i == 0 or (total_row and i == len(rows) - 1):
                cell.font = bold
            if i == 0:
                cell.alignment = head
            elif widths[j] > MAX_WIDTH:
                cell.alignment = wrap
            out.append(cell)
        sheet.append(out)


def _exact(cell) -> None:
    """A number written as its decimal digits. openpyxl writes a number with "%.16g", which turns
    a Decimal 0.81 into 0.8100000000000001 in the file (the same double to Excel, but not the
    figure the branch typed, and not what rollup.md promises); a value that is already text is
    written as it is, so the Decimal is handed over as its digits, the cell still typed a number."""
    cell._value = f"{cell.value:f}"


def _places(value: object) -> int:
    if not isinstance(value, Decimal):
        return 0
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _width(value: object) -> int:
    """Columns a value takes: a Chinese character is two."""
    if value is None:
        return 0
    text = value if isinstance(value, str) else f"{value}"
    return sum(2 if is_wide(ch) else 1 for ch in text)
