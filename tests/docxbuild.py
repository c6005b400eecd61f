"""Test helper: small .docx files written by hand, as a valid package the way Word saves one.

    make([P("标题", center=True), P("（一）加强学习", bold=6), "正文。", [["项目", "本期"], …]])

A paragraph is a str, a P (text, an emphasised lead of `bold` characters, alignment, a heading
style, a list `num=(numId, ilvl)`), or a table as a list of rows of cell texts.

Every package has what Word writes and reads first: `[Content_Types].xml` naming each part's
type, `_rels/.rels` pointing at the main part, the main part's relationships to its styles and
numbering, and tables with `w:tblPr` and `w:tblGrid` — each checked against the ISO/IEC 29500
schemas in tests/test_import_docx_valid.py. `document=` replaces word/document.xml as given, for
the tests of broken files.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_DOC = f"{R_NS}/officeDocument"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# part name → (content type, relationship type from the main part; None: the main part itself)
PART_TYPES = {
    "word/document.xml": (f"{WML}.document.main+xml", None),
    "word/styles.xml": (f"{WML}.styles+xml", "styles"),
    "word/numbering.xml": (f"{WML}.numbering+xml", "numbering"),
    "word/settings.xml": (f"{WML}.settings+xml", "settings"),
    "word/comments.xml": (f"{WML}.comments+xml", "comments"),
    "word/header1.xml": (f"{WML}.header+xml", "header"),
    "word/footer1.xml": (f"{WML}.footer+xml", "footer"),
    "word/fontTable.xml": (f"{WML}.fontTable+xml", "fontTable"),
}


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
    ppr = ""  # CT_PPrBase order: pStyle, numPr, jc
    if p.style:
        ppr += f'<w:pStyle w:val="{p.style}"/>'
    if p.num:
        ppr += f'<w:numPr><w:ilvl w:val="{p.num[1]}"/><w:numId w:val="{p.num[0]}"/></w:numPr>'
    if p.center:
        ppr += '<w:jc w:val="center"/>'
    lead = len(p.text) if p.bold < 0 else p.bold
    runs = (_run(p.text[:lead], True) if lead else "") + (_run(p.text[lead:], False) if p.text[lead:] else "")
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{runs}</w:p>"


def table_xml(rows: list[list[str]], cell=None) -> str:
    """A table as Word writes one: properties, a grid of equal columns, a paragraph in every cell."""
    cell = cell or (lambda text: f"<w:p>{_run(text, False)}</w:p>")
    width = max((len(r) for r in rows), default=1)
    grid = "".join('<w:gridCol w:w="1700"/>' for _ in range(width))
    props = '<w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:tblLook w:val="04A0"/></w:tblPr>'
    body = "".join(
        "<w:tr>" + "".join(f'<w:tc><w:tcPr><w:tcW w:w="1700" w:type="dxa"/></w:tcPr>{cell(c)}</w:tc>' for c in r) + "</w:tr>"
        for r in rows
    )
    return f"<w:tbl>{props}<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"


STYLES = (
    f'<w:styles xmlns:w="{W_NS}">'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>'
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style>'
    "</w:styles>"
)

SECTION = (
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/>'
    "</w:sectPr>"
)


def document_xml(body: list) -> str:
    parts = [table_xml(b) if isinstance(b, list) else _paragraph(b) for b in body]
    return f'<w:document xmlns:w="{W_NS}"><w:body>{"".join(parts)}{SECTION}</w:body></w:document>'


def package(files: dict[str, str | bytes], rels: dict[str, list[tuple[str, str]]] | None = None) -> bytes:
    """The .docx of `files` (part name → XML), with the content types and relationships Word needs.

    The main part is related to each known part of PART_TYPES that is present; `rels` adds more
    (part → [(relationship id, target)], e.g. a hyperlink's URL is an external target)."""
    overrides = "".join(
        f'<Override PartName="/{name}" ContentType="{PART_TYPES[name][0]}"/>' for name in files if name in PART_TYPES
    )
    out = {
        "[Content_Types].xml": f'{XML_DECL}<Types xmlns="{CT_NS}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>',
        "_rels/.rels": f'{XML_DECL}<Relationships xmlns="{PKG_RELS}">'
        f'<Relationship Id="rId1" Type="{OFFICE_DOC}" Target="word/document.xml"/></Relationships>',
    }
    main = [
        f'<Relationship Id="rId{kind}" Type="{R_NS}/{kind}" Target="{name.removeprefix("word/")}"/>'
        for name in files
        if (kind := PART_TYPES.get(name, (None, None))[1])
    ]
    for rid, target in (rels or {}).get("word/document.xml", []):
        main.append(f'<Relationship Id="{rid}" Type="{R_NS}/hyperlink" Target="{escape(target)}" TargetMode="External"/>')
    out["word/_rels/document.xml.rels"] = f'{XML_DECL}<Relationships xmlns="{PKG_RELS}">{"".join(main)}</Relationships>'
    out.update(files)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in out.items():
            z.writestr(name, data)
    return buffer.getvalue()


def make(body: list, numbering: str | None = None, document: bytes | None = None) -> bytes:
    """The bytes of a .docx; `document` replaces word/document.xml as given (broken ones too)."""
    files: dict[str, str | bytes] = {
        "word/document.xml": document if document is not None else XML_DECL + document_xml(body),
        "word/styles.xml": XML_DECL + STYLES,
    }
    if numbering:
        files["word/numbering.xml"] = f'{XML_DECL}<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>'
    return package(files)


def levels(*specs: tuple[str, str]) -> str:
    """An abstract list (id 0) with one level per (numFmt, lvlText), and list 1 using it."""
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        '<w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text) in enumerate(specs)
    )
    return (
        f'<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )
