"""Test helper: a report's text saved as a .docx the way Word (2016+) and WPS save one.

The source (tests/data/import/real/docx/*.txt) is the report as its author wrote it, a paragraph
a line, with a little markup for what a Word file holds besides text:

    {+text+}  {-text-}   a tracked insertion / deletion, still in the document (not accepted)
    **lead**rest         an emphasised run-in heading (bold in Word, 楷体 in WPS)
    [[text]]             a hyperlink
    a\tb\tc              a table row
    #COMMENT: …          a comment on the next paragraph
    #TEXTBOX: …          a text box anchored in the next paragraph

What the flavours add, as their files have them:
- word: `w:rsid*` on paragraphs and runs, runs split mid-word, `w:proofErr`, bookmarks (`_Toc…`
  round the headings, `_GoBack`), the title in a content control (`w:sdt`), a table of contents
  (a TOC field in a `Table of Contents` building block, PAGEREF fields), `w14:paraId`, the text
  box as `mc:AlternateContent` (a `wps` shape, a VML fallback), a comment, a header and a footer
  with a PAGE field, heading labels drawn from numbering.xml (a multilevel list, and a second
  list instance with `w:lvlOverride/w:startOverride`), a `w:smartTag` on the date;
- wps: WPS's numeric style ids and its fonts (黑体 headings, 楷体 run-in titles, 仿宋 text), typed
  labels, its numbering for the plans' items, a TOC field not wrapped in a content control.

`write(name, path)` builds the file and returns (the lines as written, tracked changes
accepted; line → length of its emphasised lead). Every file passes the ISO/IEC 29500 schema
check (tests/test_import_docx_valid.py).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from xml.sax.saxutils import escape

from docxbuild import SECTION, W_NS, XML_DECL, package, table_xml

HERE = Path(__file__).resolve().parent / "data" / "import" / "real" / "docx"
REPORTS = {"c8-word.docx": ("c8-word.txt", "word"), "c9-wps.docx": ("c9-wps.txt", "wps")}

NS = (
    f'xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'mc:Ignorable="w14 wp14"'
)
_LABEL = re.compile(r"^(?:([一二三四五六七八九十]+)、|（([一二三四五六七八九十]+)）|(\d+)\.)")
_CN = "一二三四五六七八九十"
_DATE = "2024-12-30T09:00:00Z"


def _cn(text: str) -> int:
    return _CN.index(text) + 1 if len(text) == 1 else 10 + (_CN.index(text[1]) + 1 if len(text) > 1 else 0)


class _Doc:
    def __init__(self, flavour: str) -> None:
        self.word = flavour == "word"
        self.ids = itertools.count(1)  # w:id of revisions, bookmarks, comments: unique in the document
        self.rsids = itertools.cycle(["00A1B2C3", "004D5E6F", "00B7C8D9", "00E1F203"])
        self.sizes = itertools.cycle([5, 3, 8, 2, 6, 4, 7])  # where Word happens to cut runs
        self.comments: list[str] = []
        self.toc: list[tuple[str, str]] = []  # (bookmark, entry text) of each top heading
        self.lists: dict[int, int] = {}  # numbering: the top heading's number → numId restarted
        self.top = 0  # the number of the last top heading
        self.in_plans = False
        self.style = {"header": "Header", "footer": "Footer", "toc": "TOC1"} if self.word else {"header": "7", "footer": "8", "toc": "9"}

    # ------------------------------------------------------------ runs

    def rpr(self, lead: bool, heading: bool = False) -> str:
        if self.word:
            return "<w:rPr><w:rFonts w:hint=\"eastAsia\"/>" + ("<w:b/>" if lead else "") + "</w:rPr>"
        face = "黑体" if heading else "楷体_GB2312" if lead else "仿宋_GB2312"
        return f'<w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="{face}"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>'

    def runs(self, text: str, lead: bool = False, heading: bool = False) -> str:
        """`text` as runs, cut where Word's editing history cut it (mid-word)."""
        out, at = [], 0
        while at < len(text):
            size = next(self.sizes) if self.word else len(text)
            piece, at = text[at : at + size], at + size
            rsid = f' w:rsidR="{next(self.rsids)}"' if self.word else ""
            out.append(f'<w:r{rsid}>{self.rpr(lead, heading)}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
        return "".join(out)

    def inline(self, text: str, lead: bool = False, heading: bool = False) -> str:
        """Runs with the tracked changes and hyperlinks of the markup."""
        out = []
        for part in re.split(r"(\{\+.*?\+\}|\{-.*?-\}|\[\[.*?\]\])", text):
            if part.startswith("{+"):
                out.append(f'<w:ins w:id="{next(self.ids)}" w:author="李敏" w:date="{_DATE}">{self.runs(part[2:-2], lead)}</w:ins>')
            elif part.startswith("{-"):
                out.append(
                    f'<w:del w:id="{next(self.ids)}" w:author="李敏" w:date="{_DATE}"><w:r>{self.rpr(lead)}'
                    f'<w:delText xml:space="preserve">{escape(part[2:-2])}</w:delText></w:r></w:del>'
                )
            elif part.startswith("[["):
                out.append(f'<w:hyperlink r:id="rIdLink1" w:history="1">{self.runs(part[2:-2])}</w:hyperlink>')
            elif part:
                runs = self.runs(part, lead, heading)
                if self.word and len(out) % 3 == 0 and runs.count("<w:r ") > 2:  # a word the speller flagged
                    first = runs.index("<w:r ", 1)
                    end = runs.index("</w:r>", first) + 6
                    runs = runs[:first] + '<w:proofErr w:type="spellStart"/>' + runs[first:end] + '<w:proofErr w:type="spellEnd"/>' + runs[end:]
                out.append(runs)
        return "".join(out)

    # ------------------------------------------------------------ paragraphs

    def para(self, content: str, ppr: str = "") -> str:
        attrs = ""
        if self.word:
            n = next(self.ids)
            attrs = f' w14:paraId="{n:08X}" w14:textId="{n + 0x1000:08X}" w:rsidR="{next(self.rsids)}" w:rsidRDefault="00A1B2C3"'
        return f"<w:p{attrs}>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{content}</w:p>"

    def heading(self, line: str, lead_len: int) -> str:
        m = _LABEL.match(line)
        level = 0 if m.group(1) else 1 if m.group(2) else 2
        if self.word:  # Word draws the label: the text has none
            body = line[m.end() :]
            num_id = 1
            if level == 0:
                self.top = _cn(m.group(1))
                num_id = self.lists.get(self.top, 1)
            elif self.lists.get(self.top):
                num_id = self.lists[self.top]
            style = '<w:pStyle w:val="Heading1"/>' if level == 0 else ""
            ppr = f'{style}<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
            content = self.inline(body, lead=level == 0)
            if level == 0:
                mark = f"_Toc{170000 + len(self.toc)}"
                self.toc.append((mark, line))
                bid = next(self.ids)
                content = f'<w:bookmarkStart w:id="{bid}" w:name="{mark}"/>{content}<w:bookmarkEnd w:id="{bid}"/>'
            return self.para(content, ppr)
        if level == 0:  # WPS: typed label, the heading in 黑体
            mark = f"_Toc{30000 + len(self.toc)}"
            self.toc.append((mark, line))
            bid = next(self.ids)
            runs = self.runs(line, heading=True)
            return self.para(f'<w:bookmarkStart w:id="{bid}" w:name="{mark}"/>{runs}<w:bookmarkEnd w:id="{bid}"/>', '<w:pStyle w:val="2"/>')
        if level == 1 and self.in_plans:  # WPS's own list
            return self.para(self.inline(line[m.end() :]), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')
        return self.body(line, lead_len)

    def body(self, line: str, lead_len: int = 0, ppr: str = "") -> str:
        if lead_len:
            return self.para(self.inline(line[:lead_len], lead=True) + self.inline(line[lead_len:]), ppr)
        return self.para(self.inline(line), ppr)

    def comment(self, content: str, text: str) -> str:
        cid = next(self.ids)
        self.comments.append(
            f'<w:comment w:id="{cid}" w:author="李敏" w:date="{_DATE}" w:initials="LM"><w:p><w:r><w:annotationRef/></w:r>'
            f'<w:r><w:t>{escape(text)}</w:t></w:r></w:p></w:comment>'
        )
        return (
            f'<w:commentRangeStart w:id="{cid}"/>{content}<w:commentRangeEnd w:id="{cid}"/>'
            f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="{cid}"/></w:r>'
        )

    def text_box(self, text: str) -> str:
        box = f'<w:txbxContent><w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p></w:txbxContent>'
        return (
            "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
            '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" '
            'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="column"><wp:posOffset>4114800</wp:posOffset></wp:positionH>'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
            '<wp:extent cx="1143000" cy="342900"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/>'
            '<wp:docPr id="1" name="文本框 1"/><wp:cNvGraphicFramePr/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
            f"<wps:txbx>{box}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
            "</w:drawing></mc:Choice><mc:Fallback><w:pict>"
            f'<v:shape id="文本框 1" o:spid="_x0000_s1026" type="#_x0000_t202" style="position:absolute;width:90pt;height:27pt">'
            f"<v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        )

    def toc_block(self) -> str:
        """Word's table of contents: a TOC field (PAGEREF per entry) in a building-block control."""
        entries = []
        for i, (mark, text) in enumerate(self.toc):
            begin = (
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                if i == 0 else ""
            )  # fmt: skip
            page = (
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> PAGEREF {mark} \\h </w:instrText></w:r>'
                f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{i + 2}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
            )
            link = f'<w:hyperlink w:anchor="{mark}" w:history="1"><w:r><w:t>{escape(text)}</w:t></w:r><w:r><w:tab/></w:r>{page}</w:hyperlink>'
            end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if i == len(self.toc) - 1 else ""
            entries.append(self.para(begin + link + end, f'<w:pStyle w:val="{self.style["toc"]}"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="8296"/></w:tabs>'))
        if not self.word:
            return "".join(entries)  # WPS: the field alone
        heading = self.para("<w:r><w:t>目录</w:t></w:r>", '<w:pStyle w:val="TOCHeading"/>')
        return (
            '<w:sdt><w:sdtPr><w:id w:val="-1170405893"/><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
            f'<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>{heading}{"".join(entries)}</w:sdtContent></w:sdt>'
        )


def _source(name: str) -> tuple[list[str], str]:
    file, flavour = REPORTS[name]
    return [ln for ln in (HERE / file).read_text(encoding="utf-8").splitlines() if ln.strip()], flavour


def written(name: str) -> tuple[list[str], dict[int, int]]:
    """The report's lines as written (tracked changes accepted, markup gone), and its leads."""
    lines, leads = [], {}
    for line in _source(name)[0]:
        if line.startswith("#"):
            continue
        line = re.sub(r"\{\+(.*?)\+\}", r"\1", re.sub(r"\{-.*?-\}", "", line)).replace("[[", "").replace("]]", "")
        if line.startswith("**"):
            lead, rest = line[2:].split("**", 1)
            leads[len(lines)] = len(lead)
            line = lead + rest
        lines.append(line.replace("\t", ""))
    return lines, leads


def write(name: str, path: Path) -> tuple[list[str], dict[int, int]]:
    lines, flavour = _source(name)
    doc = _Doc(flavour)
    doc.lists = {3: 2} if doc.word else {}  # the plans' 三、 is a list of its own, restarted at 三
    body, rows, pending = [], [], {}
    for i, line in enumerate(lines):
        if line.startswith("#"):
            kind, _, text = line[1:].partition(": ")
            pending[kind] = text
            continue
        if "\t" in line:
            rows.append(line.split("\t"))
            if i + 1 < len(lines) and "\t" in lines[i + 1]:
                continue
            body.append(table_xml(rows, cell=lambda c: doc.para(doc.runs(c))))
            rows = []
            continue
        doc.in_plans = doc.in_plans or line.startswith("三、")
        lead = 0
        if line.startswith("**"):
            lead_text, rest = line[2:].split("**", 1)
            line, lead = lead_text + rest, len(lead_text)
        if i == 0:
            title = doc.para(doc.runs(line, lead=True, heading=True), '<w:pStyle w:val="Title"/><w:jc w:val="center"/>' if doc.word else '<w:jc w:val="center"/>')
            body.append(f'<w:sdt><w:sdtPr><w:alias w:val="标题"/><w:tag w:val="title"/><w:id w:val="1408"/></w:sdtPr><w:sdtContent>{title}</w:sdtContent></w:sdt>' if doc.word else title)
            body.append("TOC")
            continue
        if _LABEL.match(line) and not lead:
            xml = doc.heading(line, lead)
        elif re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", line) and doc.word:
            xml = doc.para(f'<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chsdate">'
                           f'<w:smartTagPr><w:attr w:name="Year" w:val="{line[:4]}"/></w:smartTagPr>{doc.runs(line)}</w:smartTag>',
                           '<w:jc w:val="right"/>')  # fmt: skip
        else:
            xml = doc.body(line, lead)
        if "COMMENT" in pending:
            xml = xml.replace("</w:pPr>", "</w:pPr>" + "\x00", 1) if "</w:pPr>" in xml else xml.replace(">", ">\x00", 1)
            start = xml.index("\x00")
            xml = xml[:start] + doc.comment(xml[start + 1 : -6], pending.pop("COMMENT")) + "</w:p>"
        if "TEXTBOX" in pending:
            at = xml.index("<w:r", xml.index("<w:p") + 4)
            xml = xml[:at] + doc.text_box(pending.pop("TEXTBOX")) + xml[at:]
        if i == len(lines) - 3:  # where Word left the cursor
            mark = next(doc.ids)
            xml = xml.replace("</w:p>", f'<w:bookmarkStart w:id="{mark}" w:name="_GoBack"/><w:bookmarkEnd w:id="{mark}"/></w:p>')
        body.append(xml)
    body = [doc.toc_block() if b == "TOC" else b for b in body]
    section = SECTION.replace("<w:sectPr>", '<w:sectPr><w:headerReference w:type="default" r:id="rIdheader"/>'
                              '<w:footerReference w:type="default" r:id="rIdfooter"/>')  # fmt: skip
    files = {
        "word/document.xml": f'{XML_DECL}<w:document {NS}><w:body>{"".join(body)}{section}</w:body></w:document>',
        "word/styles.xml": XML_DECL + (_WORD_STYLES if doc.word else _WPS_STYLES),
        "word/numbering.xml": XML_DECL + (_WORD_NUMBERING if doc.word else _WPS_NUMBERING),
        "word/settings.xml": XML_DECL + _settings(doc.word),
        "word/header1.xml": f'{XML_DECL}<w:hdr {NS}><w:p><w:pPr><w:pStyle w:val="{doc.style["header"]}"/></w:pPr><w:r><w:t>{escape(lines[-2])}</w:t></w:r></w:p></w:hdr>',
        "word/footer1.xml": f'{XML_DECL}<w:ftr {NS}><w:p><w:pPr><w:pStyle w:val="{doc.style["footer"]}"/><w:jc w:val="center"/></w:pPr>'
        '<w:r><w:t xml:space="preserve">- </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE \\* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> -</w:t></w:r></w:p></w:ftr>',
    }
    if doc.comments:
        files["word/comments.xml"] = f'{XML_DECL}<w:comments {NS}>{"".join(doc.comments)}</w:comments>'
    path.write_bytes(package(files, {"word/document.xml": [("rIdLink1", "https://www.example.com/news/2024/dangjian.html")]}))
    return written(name)


def _settings(word: bool) -> str:
    rsids = '<w:rsids><w:rsidRoot w:val="00A1B2C3"/><w:rsid w:val="004D5E6F"/><w:rsid w:val="00A1B2C3"/><w:rsid w:val="00B7C8D9"/><w:rsid w:val="00E1F203"/></w:rsids>'
    return (
        f'<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/><w:proofState w:spelling="clean" w:grammar="clean"/>'
        '<w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/>'
        f'{rsids if word else ""}</w:settings>'
    )


def _lvl(ilvl: int, fmt: str, text: str, indent: int) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}" w:tplc="0409000F"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="nothing"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="{indent}"/></w:pPr></w:lvl>'
    )


_WORD_NUMBERING = (
    f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0"><w:nsid w:val="1F3A6C2B"/>'
    '<w:multiLevelType w:val="multilevel"/><w:tmpl w:val="7C4E2A18"/>'
    + _lvl(0, "chineseCounting", "%1、", 640) + _lvl(1, "chineseCounting", "（%2）", 640) + _lvl(2, "decimal", "%3.", 640)
    + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride>'
    '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num></w:numbering>'
)
_WPS_NUMBERING = (
    f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0"><w:nsid w:val="5A0B3D21"/>'
    '<w:multiLevelType w:val="singleLevel"/><w:tmpl w:val="5A0B3D21"/>' + _lvl(0, "chineseCounting", "（%1）", 640)
    + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>'
    "</w:lvlOverride></w:num></w:numbering>"
)


def _style(kind: str, sid: str, name: str, extra: str = "", default: bool = False) -> str:
    flag = ' w:default="1"' if default else ""
    return f'<w:style w:type="{kind}"{flag} w:styleId="{sid}"><w:name w:val="{name}"/>{extra}</w:style>'


_WORD_STYLES = (
    f'<w:styles xmlns:w="{W_NS}">'
    + _style("paragraph", "Normal", "Normal", "<w:qFormat/>", True)
    + _style("paragraph", "Heading1", "heading 1", '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr>')
    + _style("paragraph", "Title", "Title", '<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/></w:rPr>')
    + _style("paragraph", "TOCHeading", "TOC Heading", '<w:basedOn w:val="Heading1"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr>')
    + _style("paragraph", "TOC1", "toc 1", '<w:basedOn w:val="Normal"/>')
    + _style("paragraph", "Header", "header", '<w:basedOn w:val="Normal"/>')
    + _style("paragraph", "Footer", "footer", '<w:basedOn w:val="Normal"/>')
    + _style("character", "DefaultParagraphFont", "Default Paragraph Font", "<w:uiPriority w:val=\"1\"/><w:semiHidden/>", True)
    + _style("character", "CommentReference", "annotation reference", '<w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:sz w:val="21"/></w:rPr>')
    + _style("character", "Hyperlink", "Hyperlink", '<w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>')
    + _style("table", "TableGrid", "Table Grid", "")
    + "</w:styles>"
)
# WPS numbers its styles; the names are Word's, so Word maps them to its own.
_WPS_STYLES = (
    f'<w:styles xmlns:w="{W_NS}">'
    + _style("paragraph", "1", "Normal", '<w:qFormat/><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr>', True)
    + _style("paragraph", "2", "heading 1", '<w:basedOn w:val="1"/><w:next w:val="1"/><w:qFormat/><w:pPr><w:outlineLvl w:val="0"/></w:pPr>'
             '<w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr>')  # fmt: skip
    + _style("paragraph", "7", "header", '<w:basedOn w:val="1"/>')
    + _style("paragraph", "9", "toc 1", '<w:basedOn w:val="1"/>')
    + _style("paragraph", "8", "footer", '<w:basedOn w:val="1"/>')
    + _style("character", "4", "Default Paragraph Font", "<w:semiHidden/>", True)
    + _style("table", "5", "Normal Table", "<w:semiHidden/>", True)
    + _style("table", "TableGrid", "Table Grid", '<w:basedOn w:val="5"/>')
    + "</w:styles>"
)
