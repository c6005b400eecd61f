#!/usr/bin/env python3
"""Build the built-in report template ``gbt9704.docx`` from the XML in this file.

The template follows GB/T 9704-2012 (see the project's page-layout notes): A4,
margins 37/28/26/35 mm, 22 lines of 28 characters, 仿宋_GB2312 body, 方正小标宋简体
title, 黑体/楷体_GB2312 headings, `— 1 —` page numbers outside on odd/even pages.
Its body is a docxtpl (Jinja) template; the renderer passes ``title``,
``paragraphs``, ``figures`` and ``signature``.

Every part is a literal XML string below, so a change to the template is a
reviewable diff of this script.  The zip is byte-reproducible: fixed entry order,
fixed timestamps, fixed compression.  Only the standard library is used.

    python scripts/build_template.py        # writes generator/assets/templates/gbt9704.docx
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

OUTPUT_NAME = "gbt9704.docx"

# ---------------------------------------------------------------------------
# Measures (twips; 1 mm = 56.6929 twips, rounded)
# ---------------------------------------------------------------------------
PAGE_W = 11906  # 210 mm
PAGE_H = 16838  # 297 mm
MARGIN_TOP = 2098  # 37 mm
MARGIN_BOTTOM = 1984  # 35 mm
MARGIN_LEFT = 1587  # 28 mm
MARGIN_RIGHT = 1474  # 26 mm
# The footer line is exactly 18 pt (360 twips) high, so its middle -- where the
# em dashes sit -- is 7 mm below the text area when its bottom is
# 35 mm - 7 mm - 9 pt = 24.8 mm above the page edge.
FOOTER = 1407
HEADER = 851  # 15 mm; there are no headers, Word wants the attribute anyway
LINE_PITCH = 579  # 28.95 pt: 22 lines in the 225 mm text area
TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT  # 8845 twips = 156 mm

# Figures table columns: 项目 wide, 本期/上期/增减 narrower; sum = TEXT_W.
# 增减 holds the change in words (增加2次, 下降12.5个百分点: nine characters of 4号 and the cell's margins).
COL_NUM = 1450
COL_CHANGE = 2520
COL_LABEL = TEXT_W - 2 * COL_NUM - COL_CHANGE  # 3425

# Body character spacing in twentieths of a point.  A line of 28 characters at
# 16 pt needs at most 8845 / 28 = 315.9 twips a character, and the first line
# (indented 640 twips) 26 characters in 8205 twips = 315.6 twips each, so the
# spacing must be at most -4.4 twips: -5 (-0.25 pt).  With -4 the first line of
# every paragraph holds only 25 characters and a full line 27.
BODY_CHAR_SPACING = -5

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _fonts(east_asia: str) -> str:
    """w:rFonts: Latin in Times New Roman, CJK (and shared punctuation) in *east_asia*."""
    return (
        '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
        f'w:eastAsia="{east_asia}" w:cs="Times New Roman" w:hint="eastAsia"/>'
    )


FANGSONG = _fonts("仿宋_GB2312")
XIAOBIAOSONG = _fonts("方正小标宋简体")
HEITI = _fonts("黑体")
KAITI = _fonts("楷体_GB2312")
SONGTI = _fonts("宋体")

BODY_SPACING = f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>'
IND_2CHARS = '<w:ind w:firstLineChars="200" w:firstLine="640"/>'
IND_NONE = '<w:ind w:firstLineChars="0" w:firstLine="0"/>'
SZ_3HAO = '<w:sz w:val="32"/><w:szCs w:val="32"/>'  # 16 pt
SZ_4HAO = '<w:sz w:val="28"/><w:szCs w:val="28"/>'  # 14 pt
TABLE_SPACING = '<w:spacing w:before="0" w:after="0" w:line="400" w:lineRule="exact"/>'

# ---------------------------------------------------------------------------
# Package parts
# ---------------------------------------------------------------------------

CONTENT_TYPES = (
    XML_DECL
    + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)

PACKAGE_RELS = (
    XML_DECL
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

DOCUMENT_RELS = (
    XML_DECL
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>'
    '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
    '<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>'
    "</Relationships>"
)

CORE = (
    XML_DECL
    + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    # empty title: the renderer fills it in (generator.render.docx.core_properties)
    "<dc:title></dc:title>"
    "<dc:creator>reportgen</dc:creator>"
    "<cp:lastModifiedBy>reportgen</cp:lastModifiedBy>"
    "<cp:revision>1</cp:revision>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:modified>'
    "</cp:coreProperties>"
)

APP = (
    XML_DECL
    + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Template>gbt9704.dotx</Template>"
    "<Application>reportgen</Application>"
    "<DocSecurity>0</DocSecurity>"
    "</Properties>"
)

# CT_Settings order: zoom ... defaultTabStop ... evenAndOddHeaders ...
# characterSpacingControl ... compat ... decimalSymbol, listSeparator.
SETTINGS = (
    XML_DECL
    + f'<w:settings xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
    '<w:zoom w:percent="100"/>'
    '<w:defaultTabStop w:val="420"/>'
    "<w:evenAndOddHeaders/>"
    '<w:characterSpacingControl w:val="doNotCompress"/>'
    "<w:compat>"
    '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
    "</w:compat>"
    '<w:decimalSymbol w:val="."/>'
    '<w:listSeparator w:val=","/>'
    "</w:settings>"
)

# CT_Font order: altName, panose1, charset, family, notTrueType, pitch, sig.
FONT_TABLE = (
    XML_DECL
    + f'<w:fonts xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
    '<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/>'
    '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    '<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/>'
    '<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
    '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>'
    '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
    '<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>'
    '<w:charset w:val="86"/><w:family w:val="script"/><w:pitch w:val="fixed"/></w:font>'
    '<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/>'
    '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
    '<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>'
    '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
    "</w:fonts>"
)

# ---------------------------------------------------------------------------
# Styles.  Children of every w:pPr / w:rPr are in the CT_PPrBase / CT_RPr order;
# children of w:style in CT_Style order (name, basedOn, next, uiPriority,
# semiHidden, unhideWhenUsed, qFormat, pPr, rPr, tblPr).
# ---------------------------------------------------------------------------

STYLES = (
    XML_DECL
    + f'<w:styles xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
    # -- defaults -----------------------------------------------------------
    "<w:docDefaults>"
    "<w:rPrDefault><w:rPr>"
    + FANGSONG
    + SZ_3HAO
    + '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
    "</w:rPr></w:rPrDefault>"
    "<w:pPrDefault><w:pPr>"
    '<w:widowControl w:val="0"/>'
    "</w:pPr></w:pPrDefault>"
    "</w:docDefaults>"
    # -- Normal: body text ----------------------------------------------------
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
    '<w:name w:val="Normal"/><w:qFormat/>'
    "<w:pPr>"
    '<w:widowControl w:val="0"/>'
    + BODY_SPACING
    + IND_2CHARS
    + '<w:jc w:val="both"/>'
    "</w:pPr>"
    "<w:rPr>"
    + FANGSONG
    + f'<w:spacing w:val="{BODY_CHAR_SPACING}"/>'
    + SZ_3HAO
    + "</w:rPr>"
    "</w:style>"
    # -- defaults Word expects ---------------------------------------------------
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/>'
    "<w:semiHidden/><w:unhideWhenUsed/>"
    "</w:style>"
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
    '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
    "<w:tblPr>"
    '<w:tblInd w:w="0" w:type="dxa"/>'
    "<w:tblCellMar>"
    '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
    "</w:tblCellMar>"
    "</w:tblPr>"
    "</w:style>"
    # -- Title: 方正小标宋简体 2号, centred, off the grid, one blank line after --------
    '<w:style w:type="paragraph" w:styleId="Title">'
    '<w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
    '<w:uiPriority w:val="10"/><w:qFormat/>'
    "<w:pPr>"
    "<w:keepNext/>"
    '<w:snapToGrid w:val="0"/>'
    f'<w:spacing w:before="0" w:after="{LINE_PITCH}" w:line="660" w:lineRule="exact"/>'
    + IND_NONE
    + '<w:jc w:val="center"/>'
    "</w:pPr>"
    "<w:rPr>"
    + XIAOBIAOSONG
    + '<w:spacing w:val="0"/>'
    '<w:sz w:val="44"/><w:szCs w:val="44"/>'
    "</w:rPr>"
    "</w:style>"
    # -- headings -----------------------------------------------------------------
    '<w:style w:type="paragraph" w:styleId="Heading1">'
    '<w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
    '<w:uiPriority w:val="9"/><w:qFormat/>'
    "<w:pPr><w:keepNext/>"
    + BODY_SPACING
    + IND_2CHARS
    + '<w:outlineLvl w:val="0"/></w:pPr>'
    "<w:rPr>"
    + HEITI
    + '<w:b w:val="0"/><w:bCs w:val="0"/>'
    + SZ_3HAO
    + "</w:rPr>"
    "</w:style>"
    '<w:style w:type="paragraph" w:styleId="Heading2">'
    '<w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
    '<w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/>'
    "<w:pPr><w:keepNext/>"
    + BODY_SPACING
    + IND_2CHARS
    + '<w:outlineLvl w:val="1"/></w:pPr>'
    "<w:rPr>"
    + KAITI
    + '<w:b w:val="0"/><w:bCs w:val="0"/>'
    + SZ_3HAO
    + "</w:rPr>"
    "</w:style>"
    '<w:style w:type="paragraph" w:styleId="Heading3">'
    '<w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
    '<w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/>'
    "<w:pPr><w:keepNext/>"
    + BODY_SPACING
    + IND_2CHARS
    + '<w:outlineLvl w:val="2"/></w:pPr>'
    "<w:rPr>"
    + FANGSONG
    + '<w:b w:val="0"/><w:bCs w:val="0"/>'
    + SZ_3HAO
    + "</w:rPr>"
    "</w:style>"
    '<w:style w:type="paragraph" w:styleId="Heading4">'
    '<w:name w:val="heading 4"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
    '<w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/>'
    "<w:pPr><w:keepNext/>"
    + BODY_SPACING
    + IND_2CHARS
    + '<w:outlineLvl w:val="3"/></w:pPr>'
    "<w:rPr>"
    + FANGSONG
    + '<w:b w:val="0"/><w:bCs w:val="0"/><w:i w:val="0"/><w:iCs w:val="0"/>'
    + SZ_3HAO
    + "</w:rPr>"
    "</w:style>"
    '<w:style w:type="paragraph" w:styleId="PartHeading">'
    '<w:name w:val="Part Heading"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
    "<w:qFormat/>"
    "<w:pPr><w:keepNext/>"
    + BODY_SPACING
    + IND_NONE
    + '<w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>'
    "<w:rPr>"
    + HEITI
    + '<w:b w:val="0"/><w:bCs w:val="0"/>'
    + SZ_3HAO
    + "</w:rPr>"
    "</w:style>"
    # -- run-in headings: the heading words only ------------------------------------
    '<w:style w:type="character" w:styleId="RunIn1">'
    '<w:name w:val="Run-in Heading 1"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>'
    "<w:rPr>" + HEITI + SZ_3HAO + "</w:rPr>"
    "</w:style>"
    '<w:style w:type="character" w:styleId="RunIn2">'
    '<w:name w:val="Run-in Heading 2"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>'
    "<w:rPr>" + KAITI + SZ_3HAO + "</w:rPr>"
    "</w:style>"
    '<w:style w:type="character" w:styleId="RunIn3">'
    '<w:name w:val="Run-in Heading 3"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>'
    "<w:rPr>" + FANGSONG + SZ_3HAO + "</w:rPr>"
    "</w:style>"
    '<w:style w:type="character" w:styleId="RunIn4">'
    '<w:name w:val="Run-in Heading 4"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>'
    "<w:rPr>" + FANGSONG + SZ_3HAO + "</w:rPr>"
    "</w:style>"
    # -- sign-off ---------------------------------------------------------------------
    '<w:style w:type="paragraph" w:styleId="Signature">'
    '<w:name w:val="Signature"/><w:basedOn w:val="Normal"/><w:next w:val="SignatureDate"/>'
    "<w:qFormat/>"
    "<w:pPr>"
    "<w:keepNext/>"
    f'<w:spacing w:before="{LINE_PITCH}" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>'
    '<w:ind w:rightChars="200" w:right="640" w:firstLineChars="0" w:firstLine="0"/>'
    '<w:jc w:val="right"/>'
    "</w:pPr>"
    "<w:rPr>" + FANGSONG + SZ_3HAO + "</w:rPr>"
    "</w:style>"
    '<w:style w:type="paragraph" w:styleId="SignatureDate">'
    '<w:name w:val="Signature Date"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
    "<w:qFormat/>"
    "<w:pPr>"
    + BODY_SPACING
    + '<w:ind w:rightChars="200" w:right="640" w:firstLineChars="0" w:firstLine="0"/>'
    '<w:jc w:val="right"/>'
    "</w:pPr>"
    "<w:rPr>" + FANGSONG + SZ_3HAO + "</w:rPr>"
    "</w:style>"
    # -- figures table ------------------------------------------------------------------
    '<w:style w:type="paragraph" w:styleId="TableCaption">'
    '<w:name w:val="Table Caption"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
    "<w:qFormat/>"
    "<w:pPr><w:keepNext/>"
    + BODY_SPACING
    + IND_NONE
    + '<w:jc w:val="center"/></w:pPr>'
    "<w:rPr>" + HEITI + SZ_3HAO + "</w:rPr>"
    "</w:style>"
    '<w:style w:type="table" w:styleId="FiguresTable">'
    '<w:name w:val="Figures Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
    "<w:tblPr>"
    '<w:jc w:val="center"/>'
    "<w:tblBorders>"
    '<w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    '<w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    '<w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    "</w:tblBorders>"
    "<w:tblCellMar>"
    '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
    "</w:tblCellMar>"
    "</w:tblPr>"
    "</w:style>"
    '<w:style w:type="paragraph" w:styleId="TableHeader">'
    '<w:name w:val="Table Header"/><w:basedOn w:val="Normal"/><w:qFormat/>'
    "<w:pPr><w:keepNext/>"
    '<w:snapToGrid w:val="0"/>'
    + TABLE_SPACING
    + IND_NONE
    + '<w:jc w:val="center"/></w:pPr>'
    "<w:rPr>" + HEITI + '<w:spacing w:val="0"/>' + SZ_4HAO + "</w:rPr>"
    "</w:style>"
    '<w:style w:type="paragraph" w:styleId="TableText">'
    '<w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>'
    "<w:pPr>"
    '<w:snapToGrid w:val="0"/>'
    + TABLE_SPACING
    + IND_NONE
    + '<w:jc w:val="left"/></w:pPr>'
    "<w:rPr>" + FANGSONG + '<w:spacing w:val="0"/>' + SZ_4HAO + "</w:rPr>"
    "</w:style>"
    '<w:style w:type="paragraph" w:styleId="TableNumber">'
    '<w:name w:val="Table Number"/><w:basedOn w:val="Normal"/><w:qFormat/>'
    "<w:pPr>"
    '<w:snapToGrid w:val="0"/>'
    + TABLE_SPACING
    + IND_NONE
    + '<w:jc w:val="right"/></w:pPr>'
    "<w:rPr>" + FANGSONG + '<w:spacing w:val="0"/>' + SZ_4HAO + "</w:rPr>"
    "</w:style>"
    # -- page numbers --------------------------------------------------------------------
    '<w:style w:type="paragraph" w:styleId="Footer">'
    '<w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
    "<w:pPr>"
    '<w:snapToGrid w:val="0"/>'
    '<w:spacing w:before="0" w:after="0" w:line="360" w:lineRule="exact"/>'
    + IND_NONE
    + "</w:pPr>"
    "<w:rPr>" + SONGTI + '<w:spacing w:val="0"/>' + SZ_4HAO + "</w:rPr>"
    "</w:style>"
    "</w:styles>"
)


# ---------------------------------------------------------------------------
# Footers: `— N —`, 宋体 4号, odd pages right, even pages left, one character in.
# ---------------------------------------------------------------------------

def _footer(ind: str, jc: str) -> str:
    def run(inner: str) -> str:
        return f"<w:r>{inner}</w:r>"

    return (
        XML_DECL
        + f'<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        "<w:p><w:pPr>"
        '<w:pStyle w:val="Footer"/>'
        + ind
        + f'<w:jc w:val="{jc}"/>'
        "</w:pPr>"
        + run('<w:t xml:space="preserve">— </w:t>')
        + run('<w:fldChar w:fldCharType="begin"/>')
        + run('<w:instrText xml:space="preserve"> PAGE </w:instrText>')
        + run('<w:fldChar w:fldCharType="separate"/>')
        + run('<w:t xml:space="preserve">1</w:t>')
        + run('<w:fldChar w:fldCharType="end"/>')
        + run('<w:t xml:space="preserve"> —</w:t>')
        + "</w:p>"
        "</w:ftr>"
    )


FOOTER_ODD = _footer(
    '<w:ind w:rightChars="100" w:right="280" w:firstLineChars="0" w:firstLine="0"/>', "right"
)
FOOTER_EVEN = _footer(
    '<w:ind w:leftChars="100" w:left="280" w:firstLineChars="0" w:firstLine="0"/>', "left"
)


# ---------------------------------------------------------------------------
# Document: the docxtpl template.  Each Jinja tag is alone in one run of its own
# paragraph (or, for {%tr %}, of its own table row).
# ---------------------------------------------------------------------------

def _t(text: str) -> str:
    return f'<w:t xml:space="preserve">{text}</w:t>'


def _para(text: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}<w:r>{_t(text)}</w:r></w:p>"


def _tag(statement: str) -> str:
    """A paragraph that docxtpl replaces by the Jinja statement ``{% statement %}``."""
    return _para("{%p " + statement + " %}")


def _runin(level: int) -> str:
    return (
        '<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr>'
        f'<w:r><w:rPr><w:rStyle w:val="RunIn{level}"/></w:rPr>{_t("{{ p.lead }}")}</w:r>'
        f'<w:r>{_t("{{ p.text }}")}</w:r>'
        "</w:p>"
    )


def _cell(width: int, style: str, text: str, span: int = 1) -> str:
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}<w:vAlign w:val="center"/></w:tcPr>'
        f"{_para(text, style)}</w:tc>"
    )


def _tag_row(statement: str) -> str:
    """A table row that docxtpl replaces by ``{% statement %}``."""
    return f"<w:tr>{_cell(TEXT_W, 'TableText', '{%tr ' + statement + ' %}', span=4)}</w:tr>"


FIGURES_TABLE = (
    "<w:tbl>"
    "<w:tblPr>"
    '<w:tblStyle w:val="FiguresTable"/>'
    f'<w:tblW w:w="{TEXT_W}" w:type="dxa"/>'
    '<w:jc w:val="center"/>'
    '<w:tblLayout w:type="fixed"/>'
    '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
    'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
    "</w:tblPr>"
    "<w:tblGrid>"
    f'<w:gridCol w:w="{COL_LABEL}"/><w:gridCol w:w="{COL_NUM}"/>'
    f'<w:gridCol w:w="{COL_NUM}"/><w:gridCol w:w="{COL_CHANGE}"/>'
    "</w:tblGrid>"
    "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
    + _cell(COL_LABEL, "TableHeader", "项目")
    + _cell(COL_NUM, "TableHeader", "本期")
    + _cell(COL_NUM, "TableHeader", "上期")
    + _cell(COL_CHANGE, "TableHeader", "增减")
    + "</w:tr>"
    + _tag_row("for f in figures")
    + "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
    + _cell(COL_LABEL, "TableText", "{{ f.label }}")
    + _cell(COL_NUM, "TableNumber", "{{ f.current }}")
    + _cell(COL_NUM, "TableNumber", "{{ f.previous }}")
    + _cell(COL_CHANGE, "TableNumber", "{{ f.change }}")
    + "</w:tr>"
    + _tag_row("endfor")
    + "</w:tbl>"
)

# CT_SectPr order: footerReference..., pgSz, pgMar, cols, docGrid.
SECT_PR = (
    "<w:sectPr>"
    '<w:footerReference w:type="default" r:id="rId4"/>'
    '<w:footerReference w:type="even" r:id="rId5"/>'
    f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
    f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" '
    f'w:left="{MARGIN_LEFT}" w:header="{HEADER}" w:footer="{FOOTER}" w:gutter="0"/>'
    '<w:cols w:space="425"/>'
    f'<w:docGrid w:type="lines" w:linePitch="{LINE_PITCH}"/>'
    "</w:sectPr>"
)

DOCUMENT = (
    XML_DECL
    + f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
    "<w:body>"
    + _para("{{ title }}", "Title")
    + _tag("for p in paragraphs")
    + _tag("if p.kind == 'heading' and p.level == 1")
    + _para("{{ p.text }}", "Heading1")
    + _tag("elif p.kind == 'heading' and p.level == 2")
    + _para("{{ p.text }}", "Heading2")
    + _tag("elif p.kind == 'heading' and p.level == 3")
    + _para("{{ p.text }}", "Heading3")
    + _tag("elif p.kind == 'heading'")
    + _para("{{ p.text }}", "Heading4")
    + _tag("elif p.kind == 'part'")
    + _para("{{ p.text }}", "PartHeading")
    + _tag("elif p.kind == 'figures'")
    + _para("主要工作数据", "TableCaption")
    + FIGURES_TABLE
    + _tag("elif p.level == 1")
    + _runin(1)
    + _tag("elif p.level == 2")
    + _runin(2)
    + _tag("elif p.level == 3")
    + _runin(3)
    + _tag("elif p.level >= 4")
    + _runin(4)
    + _tag("else")
    + _para("{{ p.text }}", "Normal")
    + _tag("endif")
    + _tag("endfor")
    + _tag("if signature")
    + _para("{{ signature.name }}", "Signature")
    + _para("{{ signature.date }}", "SignatureDate")
    + _tag("endif")
    + SECT_PR
    + "</w:body>"
    "</w:document>"
)

# Zip entry order is fixed; [Content_Types].xml first, as Word writes it.
PARTS: tuple[tuple[str, str], ...] = (
    ("[Content_Types].xml", CONTENT_TYPES),
    ("_rels/.rels", PACKAGE_RELS),
    ("docProps/core.xml", CORE),
    ("docProps/app.xml", APP),
    ("word/document.xml", DOCUMENT),
    ("word/_rels/document.xml.rels", DOCUMENT_RELS),
    ("word/styles.xml", STYLES),
    ("word/settings.xml", SETTINGS),
    ("word/fontTable.xml", FONT_TABLE),
    ("word/footer1.xml", FOOTER_ODD),
    ("word/footer2.xml", FOOTER_EVEN),
)

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def build() -> bytes:
    """Return the bytes of gbt9704.docx; the same bytes on every call."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, xml in PARTS:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            zf.writestr(info, xml.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return buf.getvalue()


def main() -> int:
    out = Path(__file__).resolve().parent.parent / "generator" / "assets" / "templates" / OUTPUT_NAME
    data = build()
    out.write_bytes(data)
    print(f"wrote {out} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
