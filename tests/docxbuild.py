"""Test helper: small .docx files written by hand, the way Word and WPS write them.

    make([P("标题", center=True), P("（一）加强学习", bold=6), "正文。", [["项目", "本期"], …]])

A paragraph is a str, a P (text, an emphasised lead of `bold` characters, alignment, a heading
style, a list `num=(numId, ilvl)`), or a table as a list of rows of cell texts.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass
class P:
    text: str
    bold: int = 0  # characters of the emphasised lead; -1: all of it
    center: bool = False
    style: str = ""  # a paragraph style id of STYLES (Heading1, Title)
    num: tuple[int, int] | None = None


def _run(text: str, bold: bool) -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _paragraph(p: P | str) -> str:
    if isinstance(p, str):
        p = P(p)
    ppr = ""
    if p.style:
        ppr += f'<w:pStyle w:val="{p.style}"/>'
    if p.num:
        ppr += f'<w:numPr><w:ilvl w:val="{p.num[1]}"/><w:numId w:val="{p.num[0]}"/></w:numPr>'
    if p.center:
        ppr += '<w:jc w:val="center"/>'
    lead = len(p.text) if p.bold < 0 else p.bold
    runs = (_run(p.text[:lead], True) if lead else "") + (_run(p.text[lead:], False) if p.text[lead:] else "")
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{runs}</w:p>"


def _table(rows: list[list[str]]) -> str:
    cells = lambda row: "".join(f"<w:tc><w:p>{_run(c, False)}</w:p></w:tc>" for c in row)  # noqa: E731
    return "<w:tbl>" + "".join(f"<w:tr>{cells(r)}</w:tr>" for r in rows) + "</w:tbl>"


STYLES = (
    f'<w:styles xmlns:w="{W_NS}">'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
    "</w:styles>"
)


def document_xml(body: list) -> str:
    parts = [_table(b) if isinstance(b, list) else _paragraph(b) for b in body]
    return f'<w:document xmlns:w="{W_NS}"><w:body>{"".join(parts)}</w:body></w:document>'


def make(body: list, numbering: str | None = None, document: bytes | None = None) -> bytes:
    """The bytes of a .docx; `document` replaces word/document.xml as given (broken ones too)."""
    files = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/></Types>',
        "word/document.xml": document if document is not None else document_xml(body),
        "word/styles.xml": STYLES,
    }
    if numbering:
        files["word/numbering.xml"] = f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


def levels(*specs: tuple[str, str]) -> str:
    """An abstract list (id 0) with one level per (numFmt, lvlText), and list 1 using it."""
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(specs)
    )
    return f'<w:abstractNum w:abstractNumId="0">{lvls}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
