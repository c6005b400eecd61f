#!/usr/bin/env python3
"""Build examples/house-template.docx, an example of an office's own report template.

Unlike the built-in template, which prints the laid-out `paragraphs`, this one walks the report's
structure itself (summary, problems, causes, plans and their items), numbers it with the `label`
and `point_label` filters, and has a house style of its own: the organisation's name in the page
header, 一是 / 二是 in bold, every item as a heading of its own. docs/templates.md explains it.

Every part is an XML string built below, so a change is a reviewable diff of this script. The zip
is byte-reproducible: fixed entry order, timestamps and compression. Standard library only.

    python examples/build_house_template.py        # writes examples/house-template.docx
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# A4 with the margins of GB/T 9704 (twips; 1 mm ≈ 56.7 twips)
PAGE = '<w:pgSz w:w="11906" w:h="16838"/>'
MARGINS = '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="1134" w:footer="1134" w:gutter="0"/>'
TEXT_WIDTH = 11906 - 1587 - 1474
LINE = 579  # 28.95 pt: 22 lines a page


def fonts(east_asia: str) -> str:
    """Latin in Times New Roman, Chinese (and the quotes both share) in `east_asia`; no theme fonts."""
    return (
        '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
        f'w:eastAsia="{east_asia}" w:cs="Times New Roman" w:hint="eastAsia"/>'
    )


def size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


SPACING = f'<w:spacing w:before="0" w:after="0" w:line="{LINE}" w:lineRule="exact"/>'
INDENT = '<w:ind w:firstLineChars="200" w:firstLine="640"/>'
NO_INDENT = '<w:ind w:firstLineChars="0" w:firstLine="0"/>'


def paragraph_style(sid: str, name: str, ppr: str, rpr: str, next_style: str = "Normal") -> str:
    # CT_Style order: name, basedOn, next, qFormat, pPr, rPr
    return (
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="Normal"/><w:next w:val="{next_style}"/><w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


STYLES = (
    DECL + f'<w:styles xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    + fonts("仿宋_GB2312") + size(32)
    + '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr/></w:pPrDefault></w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
    f'<w:pPr><w:widowControl w:val="0"/>{SPACING}{INDENT}<w:jc w:val="both"/></w:pPr>'
    f"<w:rPr>{fonts('仿宋_GB2312')}{size(32)}</w:rPr></w:style>"
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:semiHidden/></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/>'
    '<w:tblPr><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    "</w:style>"
    + paragraph_style(
        "Title", "Title",
        f'<w:keepNext/><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="{LINE}" w:line="660" '
        f'w:lineRule="exact"/>{NO_INDENT}<w:jc w:val="center"/><w:outlineLvl w:val="0"/>',
        fonts("方正小标宋简体") + size(44),
    )
    + paragraph_style("Heading1", "heading 1", f'<w:keepNext/>{SPACING}{INDENT}<w:outlineLvl w:val="0"/>',
                      fonts("黑体") + size(32))
    + paragraph_style("Heading2", "heading 2", f'<w:keepNext/>{SPACING}{INDENT}<w:outlineLvl w:val="1"/>',
                      fonts("楷体_GB2312") + size(32))
    + paragraph_style("Heading3", "heading 3", f'<w:keepNext/>{SPACING}{INDENT}<w:outlineLvl w:val="2"/>',
                      fonts("仿宋_GB2312") + "<w:b/><w:bCs/>" + size(32))
    + '<w:style w:type="character" w:styleId="PointLead"><w:name w:val="Point Lead"/>'
    '<w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>'
    f"<w:rPr>{fonts('仿宋_GB2312')}<w:b/><w:bCs/></w:rPr></w:style>"
    + paragraph_style("Caption", "caption", f"<w:keepNext/>{SPACING}{NO_INDENT}<w:jc w:val=\"center\"/>",
                      fonts("黑体") + size(32))
    + paragraph_style("TableHeader", "Table Header",
                      f'<w:keepNext/><w:spacing w:before="60" w:after="60" w:line="360" w:lineRule="exact"/>'
                      f'{NO_INDENT}<w:jc w:val="center"/>', fonts("黑体") + size(28))
    + paragraph_style("TableText", "Table Text",
                      f'<w:spacing w:before="60" w:after="60" w:line="360" w:lineRule="exact"/>{NO_INDENT}',
                      fonts("仿宋_GB2312") + size(28))
    + paragraph_style("TableNumber", "Table Number",
                      f'<w:spacing w:before="60" w:after="60" w:line="360" w:lineRule="exact"/>{NO_INDENT}'
                      '<w:jc w:val="right"/>', fonts("仿宋_GB2312") + size(28))
    + paragraph_style("Signature", "Signature",
                      f'<w:spacing w:before="{LINE}" w:after="0" w:line="{LINE}" w:lineRule="exact"/>'
                      '<w:ind w:rightChars="200" w:right="640" w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="right"/>',
                      fonts("仿宋_GB2312") + size(32))
    + paragraph_style("SignatureDate", "Signature Date",
                      f'{SPACING}<w:ind w:rightChars="200" w:right="640" w:firstLineChars="0" w:firstLine="0"/>'
                      '<w:jc w:val="right"/>', fonts("仿宋_GB2312") + size(32))
    + paragraph_style("Header", "header",
                      '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="C00000"/></w:pBdr>'
                      f'<w:spacing w:before="0" w:after="0" w:line="360" w:lineRule="exact"/>{NO_INDENT}'
                      '<w:jc w:val="right"/>', fonts("楷体_GB2312") + '<w:color w:val="C00000"/>' + size(24))
    + paragraph_style("Footer", "footer",
                      f'<w:spacing w:before="0" w:after="0" w:line="360" w:lineRule="exact"/>{NO_INDENT}'
                      '<w:jc w:val="center"/>', fonts("宋体") + size(28))
    + '<w:style w:type="table" w:styleId="FiguresTable"><w:name w:val="Figures Table"/>'
    '<w:basedOn w:val="TableNormal"/><w:tblPr><w:jc w:val="center"/><w:tblBorders>'
    + "".join(f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
              for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + "</w:tblBorders></w:tblPr></w:style>"
    "</w:styles>"
)  # fmt: skip


# ------------------------------------------------------------------ the body


def para(text: str, style: str = "Normal") -> str:
    ppr = "" if style == "Normal" else f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def tag(statement: str) -> str:
    """A paragraph docxtpl replaces by `{% statement %}`: a paragraph of its own in Word."""
    return para("{%p " + statement + " %}")


def texts(expr: str) -> str:
    """One body paragraph per paragraph of a text (intro, closing, a block's text)."""
    return tag(f"for t in {expr}") + para("{{ t }}") + tag("endfor")


def points(block: str) -> str:
    """一是…二是… in one paragraph, each label in bold: {%r %} tags repeat the two runs."""
    lead = '<w:r><w:rPr><w:rStyle w:val="PointLead"/></w:rPr><w:t>{{ loop.index|point_label }}</w:t></w:r>'
    return (
        tag(f"if {block}.points")
        + f"<w:p><w:r><w:t>{{%r for pt in {block}.points %}}</w:t></w:r>{lead}"
        "<w:r><w:t>{{ pt }}</w:t></w:r><w:r><w:t>{%r endfor %}</w:t></w:r></w:p>"
        + tag("endif")
    )


def items(block: str) -> str:
    """The items of a block, nested: （一） as heading 2, then 1. and （1） as heading 3."""
    return (
        tag(f"for item in {block}.items recursive")
        + tag("if item.title and loop.depth == 1")
        + para("{{ loop.index|label(2) }}{{ item.title }}", "Heading2")
        + tag("elif item.title")
        + para("{{ loop.index|label(loop.depth + 1) }}{{ item.title }}", "Heading3")
        + tag("endif")
        + texts("item.text")
        + points("item")
        + para("{{p loop(item.items) }}")  # {{p }}: the nested items go between paragraphs, not inside one
        + texts("item.closing")
        + tag("endfor")
    )


def section(block: str, number: str, heading: str) -> str:
    """A part of the report: 一、heading (its own title when it has one), text, points, items, closing."""
    return (
        para(f"{{{{ {number}|label(1) }}}}{{{{ {block}.title or {heading} }}}}", "Heading1")
        + texts(f"{block}.text")
        + points(block)
        + items(block)
        + texts(f"{block}.closing")
    )


def cell(width: int, text: str, style: str, span: int = 1) -> str:
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}<w:vAlign w:val="center"/></w:tcPr>'
        f"{para(text, style)}</w:tc>"
    )


NUMBER_COL = 1700
LABEL_COL = TEXT_WIDTH - 3 * NUMBER_COL


def figures_table() -> str:
    """主要工作数据: one row per figure, repeated by the {%tr %} rows around it."""
    header = "".join(cell(w, t, "TableHeader") for w, t in
                     ((LABEL_COL, "项目"), (NUMBER_COL, "本期"), (NUMBER_COL, "上期"), (NUMBER_COL, "增减")))  # fmt: skip
    row = (cell(LABEL_COL, "{{ f.label }}", "TableText")
           + "".join(cell(NUMBER_COL, "{{ f.%s }}" % k, "TableNumber") for k in ("current", "previous", "change")))  # fmt: skip
    return (
        tag("if figures")
        + para("主要工作数据", "Caption")
        + '<w:tbl><w:tblPr><w:tblStyle w:val="FiguresTable"/>'
        f'<w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{LABEL_COL}"/>' + f'<w:gridCol w:w="{NUMBER_COL}"/>' * 3 + "</w:tblGrid>"
        f'<w:tr><w:trPr><w:tblHeader/></w:trPr>{header}</w:tr>'
        f"<w:tr>{cell(TEXT_WIDTH, '{%tr for f in figures %}', 'TableText', span=4)}</w:tr>"
        f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{row}</w:tr>"
        f"<w:tr>{cell(TEXT_WIDTH, '{%tr endfor %}', 'TableText', span=4)}</w:tr>"
        "</w:tbl>"
        + tag("endif")
    )


BODY = (
    para("{{ title }}", "Title")
    + texts("intro")
    + section("summary", "1", "period.name ~ '工作情况'")
    + figures_table()
    + section("problems", "2", "'存在的不足'")
    + tag("if causes")
    + section("causes", "3", "'原因分析'")
    + tag("endif")
    + section("plans", "(4 if causes else 3)", "period.next_name ~ '工作打算'")
    + texts("closing")
    + tag("if signature")
    + para("{{ signature.name }}", "Signature")
    + para("{{ signature.date }}", "SignatureDate")
    + tag("endif")
)

DOCUMENT = (
    DECL + f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{BODY}'
    '<w:sectPr><w:headerReference w:type="default" r:id="rId3"/><w:footerReference w:type="default" r:id="rId4"/>'
    f'{PAGE}{MARGINS}<w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="{LINE}"/></w:sectPr>'
    "</w:body></w:document>"
)

# The header is a template too: tags work in headers and footers.
HEADER = DECL + f'<w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}">{para("{{ organization }}", "Header")}</w:hdr>'

FOOTER = (
    DECL + f'<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
    '<w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    '<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    '<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>'
)

SETTINGS = (
    DECL + f'<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="420"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>'
)

_OFFICE = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CONTENT_TYPES = (
    DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_OFFICE}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_OFFICE}.styles+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{_OFFICE}.settings+xml"/>'
    f'<Override PartName="/word/header1.xml" ContentType="{_OFFICE}.header+xml"/>'
    f'<Override PartName="/word/footer1.xml" ContentType="{_OFFICE}.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)


def relationships(*targets: tuple[str, str]) -> str:
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"/>' for i, (kind, target) in enumerate(targets, 1)
    )
    return DECL + f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'


_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PACKAGE_RELS = relationships(
    (_REL + "officeDocument", "word/document.xml"),
    ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
)
DOCUMENT_RELS = relationships(
    (_REL + "styles", "styles.xml"), (_REL + "settings", "settings.xml"),
    (_REL + "header", "header1.xml"), (_REL + "footer", "footer1.xml"),
)  # fmt: skip

CORE = (
    DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title></dc:title><dc:creator>reportgen</dc:creator>"  # the renderer fills in the title
    '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:modified>'
    "</cp:coreProperties>"
)

PARTS = (
    ("[Content_Types].xml", CONTENT_TYPES),
    ("_rels/.rels", PACKAGE_RELS),
    ("docProps/core.xml", CORE),
    ("word/document.xml", DOCUMENT),
    ("word/_rels/document.xml.rels", DOCUMENT_RELS),
    ("word/styles.xml", STYLES),
    ("word/settings.xml", SETTINGS),
    ("word/header1.xml", HEADER),
    ("word/footer1.xml", FOOTER),
)


def build(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        for name, text in PARTS:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, text.encode("utf-8"), compresslevel=9)


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "house-template.docx"
    build(out)
    print(out)
