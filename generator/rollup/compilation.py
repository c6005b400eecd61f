"""The 汇编 .docx: a title page, the contents with their page numbers, the 汇总表, then every branch.

Each branch's report is rendered exactly as `reportgen render` renders it, in its own template,
and its body goes in unchanged as a section of its own: it starts on a new page, keeps its own
page setup, and carries the 汇编's GB/T 9704 page numbers, which run on from the contents page.
The title page has no number. The contents' page numbers are counted (pages.py), not left to a
field the user must update.
"""

from __future__ import annotations

import copy

from lxml import etree

from generator.messages import msg
from generator.output import WRITER, document_dates
from generator.rollup import pages
from generator.rollup import table as summary_table
from generator.rollup.package import NS, Brought, Package, R, W, w
from generator.rollup.summary import Rollup
from generator.rollup.table import paragraph, run

# GB/T 9704 portrait page (twips) and the landscape page of the 汇总表.
A4_SHORT, A4_LONG = 11906, 16838
PORTRAIT_MARGINS = {"top": 2098, "right": 1474, "bottom": 1984, "left": 1587, "header": 851, "footer": 1407, "gutter": 0}
LANDSCAPE_MARGINS = {"top": 1587, "right": 1701, "bottom": 1474, "left": 1701, "header": 851, "footer": 851, "gutter": 0}
LINE_PITCH = 579
COVER_BLANK_LINES = 6


def render(rolled: Rollup, title: str) -> bytes:
    """The 汇编 of the branches, each rendered already (branches.collect with docx)."""
    package = Package()
    brought = [package.bring(branch.docx) for branch in rolled.branches if branch.docx is not None]
    sections = _Sections(package)
    styles = pages.looks(package.styles)
    landscape = sections.landscape()
    table, table_pages = summary_table.blocks(rolled, pages.Page.of(landscape), styles)
    table.append(paragraph("", None))
    sections.close(table[-1], landscape)
    counts = [table_pages] + [pages.count(b.body, b.section, styles) for b in brought]
    entries = [msg("rollup.doc.table-entry", lang="zh")] + [b.report.title for b in rolled.branches]
    contents = _contents(sections, entries, [9999] * len(entries))
    first = 1 + pages.count(contents, contents[-1].find("w:pPr/w:sectPr", NS), styles)
    starts = [first + sum(counts[:i]) for i in range(len(counts))]
    contents = _contents(sections, entries, starts)
    cover = _cover(title)
    sections.close(cover[-1], sections.portrait(footers=False))
    body = cover + contents + table
    for i, b in enumerate(brought):
        if i < len(brought) - 1:
            body += _with_section(b)
        else:
            body += b.body
    document = etree.Element(w("document"), nsmap={"w": W, "r": R})
    element = etree.SubElement(document, w("body"))
    element.extend(body)
    element.append(brought[-1].section)
    xml = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
    # as render's documents: reportgen saved it last (a later render may replace it), dated by
    # SOURCE_DATE_EPOCH when set
    core = {"dc:title": title, "dc:creator": rolled.organization or title, "cp:lastModifiedBy": WRITER}
    return package.docx(xml, core | document_dates())


def _with_section(b: Brought) -> list[etree._Element]:
    """The branch's body with its section closed on its last paragraph (or on one added after a table)."""
    body = list(b.body)
    if not body or body[-1].tag != w("p"):
        body.append(paragraph("", None))
    ppr = body[-1].find("w:pPr", NS)
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        body[-1].insert(0, ppr)
    ppr.append(copy.deepcopy(b.section))
    return body


# ---------------------------------------------------------------- sections


class _Sections:
    def __init__(self, package: Package) -> None:
        self.package = package

    def portrait(self, footers: bool = True, restart: bool = False) -> etree._Element:
        return self._section(A4_SHORT, A4_LONG, PORTRAIT_MARGINS, footers, restart)

    def landscape(self) -> etree._Element:
        return self._section(A4_LONG, A4_SHORT, LANDSCAPE_MARGINS, True, False)

    def _section(self, width: int, height: int, margins: dict, footers: bool, restart: bool) -> etree._Element:
        sect = etree.Element(w("sectPr"))
        if footers:
            sect.extend(self.package.footer_references())
        size = etree.SubElement(sect, w("pgSz"), {w("w"): str(width), w("h"): str(height)})
        if width > height:
            size.set(w("orient"), "landscape")
        etree.SubElement(sect, w("pgMar"), {w(k): str(v) for k, v in margins.items()})
        if restart:
            etree.SubElement(sect, w("pgNumType"), {w("start"): "1"})
        etree.SubElement(sect, w("cols"), {w("space"): "425"})
        etree.SubElement(sect, w("docGrid"), {w("type"): "lines", w("linePitch"): str(LINE_PITCH)})
        return sect

    @staticmethod
    def close(paragraph: etree._Element, section: etree._Element) -> None:
        ppr = paragraph.find("w:pPr", NS)
        if ppr is None:
            ppr = etree.Element(w("pPr"))
            paragraph.insert(0, ppr)
        ppr.append(section)


# ---------------------------------------------------------------- the 汇编's own pages


def _cover(title: str) -> list[etree._Element]:
    return [paragraph("", None) for _ in range(COVER_BLANK_LINES)] + [paragraph(title, "Title")]


def _contents(sections: _Sections, entries: list[str], numbers: list[int]) -> list[etree._Element]:
    """目录: one line an entry, dots to its page number at the right margin."""
    out = [paragraph(msg("rollup.doc.contents", lang="zh"), "Title")]
    width = A4_SHORT - PORTRAIT_MARGINS["left"] - PORTRAIT_MARGINS["right"]
    for entry, number in zip(entries, numbers):
        p = etree.Element(w("p"))
        ppr = etree.SubElement(p, w("pPr"))
        tabs = etree.SubElement(ppr, w("tabs"))
        etree.SubElement(tabs, w("tab"), {w("val"): "right", w("leader"): "dot", w("pos"): str(width)})
        etree.SubElement(ppr, w("ind"), {w("firstLineChars"): "0", w("firstLine"): "0"})
        run(p, entry)
        etree.SubElement(etree.SubElement(p, w("r")), w("tab"))
        run(p, str(number))
        out.append(p)
    sections.close(out[-1], sections.portrait(restart=True))
    return out
