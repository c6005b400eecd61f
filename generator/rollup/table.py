"""The 汇总表 in the 汇编: landscape pages, one row a branch, one column a figure, the 合计 last.

The contents must say on which page each branch starts, so the table's pages are not left to the
word processor's flow: its rows are dealt out into one table a page, each with its header, by
heights estimated on the safe side (pages.py's line count, a quarter more, the borders), and every
table after the first starts a new page under a 续表 caption. The table then fills exactly as many
pages as there are tables, in Word and in LibreOffice alike.
"""

from __future__ import annotations

from lxml import etree

from generator.data.figures import plain
from generator.data.model import number_text
from generator.messages import msg
from generator.rollup import pages
from generator.rollup.package import w
from generator.rollup.summary import Rollup

CHAR = 280  # a 4号 character of the table, twips
CELL_MARGINS = 216  # left and right, FiguresTable
BORDER = 10  # a row's ½ pt rule, twips
SAFETY = 1.25  # estimated cell heights are taken a quarter higher


def paragraph(text: str, style: str | None, jc: str | None = None, break_before: bool = False) -> etree._Element:
    p = etree.Element(w("p"))
    if style or jc or break_before:
        ppr = etree.SubElement(p, w("pPr"))
        if style:
            etree.SubElement(ppr, w("pStyle"), {w("val"): style})
        if break_before:
            etree.SubElement(ppr, w("pageBreakBefore"))
        if jc:
            etree.SubElement(ppr, w("jc"), {w("val"): jc})
    if text:
        run(p, text)
    return p


def run(p: etree._Element, text: str) -> None:
    t = etree.SubElement(etree.SubElement(p, w("r")), w("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def blocks(rolled: Rollup, page: pages.Page, looks: dict) -> tuple[list[etree._Element], int]:
    """The caption and tables of the 汇总表, a table a page, and the number of pages they take."""
    caption = msg("rollup.doc.table", lang="zh", organization=rolled.organization, period=rolled.period.name)
    widths, head, rows = _cells(rolled, page.width)
    flow = pages.Flow(page, looks)
    tall = [_height(flow, _row(widths, cells)) for cells in [head, *rows]]
    title, more = looks.get("Title") or looks[None], looks.get("TableCaption") or looks[None]
    first_room = page.height - title.line - title.after - tall[0] - flow.line_height(looks[None])
    room = page.height - flow.line_height(more) - tall[0] - flow.line_height(looks[None])
    chunks: list[list[int]] = [[]]
    used, limit = 0, first_room
    for i, height in enumerate(tall[1:]):
        if used + height > limit and chunks[-1]:
            chunks.append([])
            used, limit = 0, room
        chunks[-1].append(i)
        used += height
    out = [paragraph(caption, "Title")]
    for n, chunk in enumerate(chunks):
        if n:
            out.append(paragraph(msg("rollup.doc.table-more", lang="zh", caption=caption), "TableCaption", break_before=True))
        out.append(_table(widths, head, [rows[i] for i in chunk]))
    return out, len(chunks)


def _height(flow: pages.Flow, tr: etree._Element) -> int:
    return int(max(flow.cell_height(tc) for tc in tr.iterfind(w("tc"))) * SAFETY) + BORDER


def _cells(rolled: Rollup, available: int) -> tuple[list[int], list[str], list[list[str]]]:
    """Column widths, the header and the rows (the 合计 last) as texts."""
    cols = rolled.columns
    notes = any(r.status for r in rolled.rows)
    name_width = min(max([len(r.name) for r in rolled.rows] + [4]) * CHAR + CELL_MARGINS, available // 3)
    note_width = 6 * CHAR + CELL_MARGINS if notes else 0
    index_width = 3 * CHAR + CELL_MARGINS
    figure_width = (available - name_width - note_width - index_width) // max(len(cols), 1)
    widths = [index_width, name_width] + [figure_width] * len(cols) + ([note_width] if notes else [])
    head = [msg("rollup.col.index", lang="zh"), msg("rollup.col.branch", lang="zh")] + [c.header for c in cols]
    head += [msg("rollup.col.note", lang="zh")] if notes else []
    values = [c.values for c in cols]
    rows = []
    for i, row in enumerate(rolled.rows):
        given = [number_text(v[i]) if row.branch and v[i] is not None else "" for v in values]
        note = [msg(f"rollup.status.{row.status}", lang="zh") if row.status else ""] if notes else []
        rows.append([str(i + 1), row.name, *given, *note])
    totals = ["" if c.total is None else plain(c.total) for c in cols]
    rows.append(["", msg("rollup.total", lang="zh"), *totals] + ([""] if notes else []))
    return widths, head, rows


def _table(widths: list[int], head: list[str], rows: list[list[str]]) -> etree._Element:
    tbl = etree.Element(w("tbl"))
    tblpr = etree.SubElement(tbl, w("tblPr"))
    etree.SubElement(tblpr, w("tblStyle"), {w("val"): "FiguresTable"})
    etree.SubElement(tblpr, w("tblW"), {w("w"): str(sum(widths)), w("type"): "dxa"})
    etree.SubElement(tblpr, w("jc"), {w("val"): "center"})
    etree.SubElement(tblpr, w("tblLayout"), {w("type"): "fixed"})
    grid = etree.SubElement(tbl, w("tblGrid"))
    for width in widths:
        etree.SubElement(grid, w("gridCol"), {w("w"): str(width)})
    tbl.append(_row(widths, head, header=True))
    tbl.extend(_row(widths, cells) for cells in rows)
    return tbl


def _row(widths: list[int], cells: list[str], header: bool = False) -> etree._Element:
    """A row that never splits; numbers right-aligned, the 序号 centred."""
    tr = etree.Element(w("tr"))
    trpr = etree.SubElement(tr, w("trPr"))
    etree.SubElement(trpr, w("cantSplit"))
    if header:
        etree.SubElement(trpr, w("tblHeader"))
    for i, (width, text) in enumerate(zip(widths, cells)):
        tc = etree.SubElement(tr, w("tc"))
        tcpr = etree.SubElement(tc, w("tcPr"))
        etree.SubElement(tcpr, w("tcW"), {w("w"): str(width), w("type"): "dxa"})
        etree.SubElement(tcpr, w("vAlign"), {w("val"): "center"})
        style = "TableHeader" if header else ("TableText" if i == 1 else "TableNumber")
        tc.append(paragraph(text, style, jc="center" if i == 0 and not header else None))
    return tr
