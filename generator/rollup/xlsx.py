"""The 汇总表 as a real spreadsheet (openpyxl): sheets 汇总, 对比 and 检查.

Numbers are numeric cells in their typed decimal places; a branch without a figure has an empty
cell, never 0. Every sheet has a frozen, bold header row repeated on each printed page, columns
wide enough for their Chinese text, and an A4 landscape page fitted to the paper's width.
"""

from __future__ import annotations

import io
from decimal import Decimal

from generator.data.figures import table_change
from generator.messages import msg
from generator.rollup.summary import Rollup
from generator.data.text import is_wide

MAX_WIDTH = 48  # characters: a longer text wraps rather than making the sheet unprintable


def render(rollup: Rollup, title: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    summary = book.active
    summary.title = msg("rollup.sheet.summary", lang="zh")
    _summary(summary, rollup)
    _compare(book.create_sheet(msg("rollup.sheet.compare", lang="zh")), rollup)
    _checks(book.create_sheet(msg("rollup.sheet.checks", lang="zh")), rollup)
    book.properties.title = title
    book.properties.creator = "reportgen"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _exact(sheet) -> None:
    """Numbers written as their decimal digits. openpyxl writes a number with "%.16g", which turns
    a Decimal 0.81 into 0.8100000000000001 in the file (the same double to Excel, but not the
    figure the branch typed, and not what rollup.md promises); a cell whose value is already text
    is written as it is, so each Decimal is handed over as its digits, still typed as a number."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, Decimal):
                cell._value = f"{cell.value:f}"


def _number_format(places: int) -> str:
    return "0" if places == 0 else "0." + "0" * places


def _summary(sheet, rollup: Rollup) -> None:
    cols = rollup.columns
    sheet.append([msg("rollup.col.index"), msg("rollup.col.branch"), *(c.header for c in cols), msg("rollup.col.note")])
    values = [c.values for c in cols]  # computed once: each is a walk over the rows
    for i, row in enumerate(rollup.rows):
        given = [v[i] for v in values]
        sheet.append([i + 1, row.name, *given, msg(f"rollup.status.{row.status}") if row.status else None])
    totals = [c.total for c in cols]
    sheet.append([None, msg("rollup.total"), *totals, None])
    last = len(rollup.rows) + 2
    for j, column in enumerate(cols, 3):
        formats = {}  # one format string a column and number of places
        places = column.places
        for r in range(2, last + 1):
            cell = sheet.cell(row=r, column=j)
            wanted = max(places, _places(cell.value))
            cell.number_format = formats.setdefault(wanted, _number_format(wanted))
    _bold(sheet[last])
    _finish(sheet, freeze="C2")
    _exact(sheet)


def _places(value: object) -> int:
    if not isinstance(value, Decimal):
        return 0
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _compare(sheet, rollup: Rollup) -> None:
    heads = ("branch", "figure", "unit", "current", "previous", "delta", "change")
    sheet.append([msg(f"rollup.col.{h}") for h in heads])
    line = 1
    for row in rollup.rows:
        if row.branch is None:
            continue
        for f in row.branch.report.figures:
            delta = None if f.previous is None else f.value - f.previous
            sheet.append([row.name, f.label, f.unit or None, f.value, f.previous, delta, table_change(f)])
            line += 1
            for j in (4, 5, 6):
                cell = sheet.cell(row=line, column=j)
                cell.number_format = _number_format(_places(cell.value))
    _finish(sheet, freeze="C2")
    _exact(sheet)


def _checks(sheet, rollup: Rollup) -> None:
    heads = ("level", "kind", "file", "line", "field", "message")
    sheet.append([msg(f"rollup.col.{h}") for h in heads])
    for d in rollup.findings:
        level = msg(f"rollup.level.{d.level}")
        sheet.append([level, d.code or None, d.file, d.line or None, d.path or None, d.message])
    _finish(sheet, freeze="A2")


def _bold(cells) -> None:
    from openpyxl.styles import Font

    for cell in cells:
        cell.font = Font(bold=True)


def _finish(sheet, freeze: str) -> None:
    """Header, widths and the printed page."""
    from openpyxl.styles import Alignment

    _bold(sheet[1])
    for cell in sheet[1]:
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.freeze_panes = freeze
    for column in sheet.columns:
        width = max((_width(c.value) for c in column), default=4)
        sheet.column_dimensions[column[0].column_letter].width = min(width + 2, MAX_WIDTH)
        if width > MAX_WIDTH:
            for cell in column:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"


def _width(value: object) -> int:
    """Columns a value takes: a Chinese character is two."""
    if value is None:
        return 0
    text = value if isinstance(value, str) else f"{value}"
    return sum(2 if is_wide(ch) else 1 for ch in text)
