"""Reading a .docx (Word, WPS, or LibreOffice's conversion of an older format) into paragraphs.

lxml straight on the zip's parts: python-docx would cost more to import than the whole read.
The body's paragraphs and tables in order (content controls opened, deleted text left out), each
paragraph with what its formatting says: a heading style or outline level, centred or right
aligned, Word's Title style, the emphasised run a run-in heading is, and the label Word draws.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from generator import limits, safezip
from generator.errors import reason
from generator.importer.drawn import Numbering, W
from generator.importer.paragraphs import MAX_PARAGRAPHS, Document, ImportFailed, Para

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

_PARSER = dict(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
_HEADING_NAME = re.compile(r"(?:heading|标题)\s*([1-9])", re.IGNORECASE)
_BLANKS = " \t\u3000\u00a0"
_EMPHASIS_FONTS = ("黑体", "楷体", "SimHei", "KaiTi", "方正黑体", "方正楷体")


def read(path: Path, name: str) -> Document:
    parts = read_parts(path, name)
    if "word/document.xml" not in parts:
        raise ImportFailed("import.not-docx", path=name, reason="word/document.xml")
    root = _xml(parts["word/document.xml"], name, "word/document.xml")
    styles = _Styles(_xml(parts["word/styles.xml"], name, "word/styles.xml") if "word/styles.xml" in parts else None)
    lists = Numbering(_xml(parts["word/numbering.xml"], name, "word/numbering.xml") if "word/numbering.xml" in parts else None)
    body = root.find(f"{W}body")
    doc = Document(name, "docx")
    if body is not None:
        _Reader(doc, styles, lists).blocks(body)
    return doc


WANTED = ("word/document.xml", "word/styles.xml", "word/numbering.xml")


def read_parts(path: Path | bytes, name: str, wanted: tuple[str, ...] = WANTED) -> dict[str, bytes]:
    """The parts of a .docx (a file, or its bytes) that are `wanted`, each inflated only up to the
    bounds (limits.py), whatever its headers claim; ImportFailed says why a document cannot be read."""
    try:
        with zipfile.ZipFile(io.BytesIO(path) if isinstance(path, bytes) else path) as z:
            if any(i.flag_bits & 0x1 for i in z.infolist()):
                raise ImportFailed("import.encrypted", path=name)
            found, reader = {}, safezip.Reader(z)
            for info in z.infolist():
                if info.filename not in wanted:
                    continue
                claimed = limits.ZIP_RATIO * max(info.compress_size, 1024)
                if info.file_size > claimed:  # refused before inflating anything
                    raise ImportFailed("import.too-big-part", path=name, part=info.filename, limit=claimed)
                found[info.filename] = reader.read(info)
            return found
    except safezip.TooBig as e:
        raise ImportFailed("import.too-big-part", path=name, part=e.member, limit=e.limit) from None
    except zipfile.BadZipFile as e:
        if isinstance(path, Path) and _is_ole(path):
            raise ImportFailed("import.encrypted", path=name) from None
        raise ImportFailed("import.not-docx", path=name, reason=reason(e)) from None
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError, ValueError, OSError) as e:
        raise ImportFailed("import.not-docx", path=name, reason=reason(e)) from None


def _is_ole(path: Path) -> bool:
    """A password-protected .docx is an OLE compound file, not a zip."""
    try:
        with open(path, "rb") as f:
            return f.read(8) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    except OSError:
        return False


def _xml(data: bytes, name: str, part: str):
    try:
        return etree.parse(io.BytesIO(data), etree.XMLParser(**_PARSER)).getroot()
    except (etree.XMLSyntaxError, ValueError) as e:
        raise ImportFailed("import.bad-xml", path=name, part=part, reason=str(e).splitlines()[0][:120]) from None


class _Styles:
    """What styles.xml says of a style: heading level, Title, alignment, emphasis, numbering."""

    def __init__(self, root) -> None:
        self.styles: dict[str, etree._Element] = {}
        if root is not None:
            for s in root.iterfind(f"{W}style"):
                self.styles[s.get(f"{W}styleId", "")] = s

    def chain(self, sid: str | None):
        seen = set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            yield self.styles[sid]
            based = self.styles[sid].find(f"{W}basedOn")
            sid = based.get(f"{W}val") if based is not None else None

    def first(self, sid: str | None, path: str):
        for s in self.chain(sid):
            found = s.find(path)
            if found is not None:
                return found
        return None

    def heading(self, sid: str | None) -> int:
        for s in self.chain(sid):
            name = s.find(f"{W}name")
            m = _HEADING_NAME.fullmatch((name.get(f"{W}val", "") if name is not None else "").strip())
            if m:
                return int(m.group(1))
            outline = s.find(f"{W}pPr/{W}outlineLvl")
            if outline is not None and outline.get(f"{W}val", "9").isdigit() and int(outline.get(f"{W}val")) < 9:
                return int(outline.get(f"{W}val")) + 1
        return 0

    def is_title(self, sid: str | None) -> bool:
        for s in self.chain(sid):
            name = s.find(f"{W}name")
            if name is not None and name.get(f"{W}val", "").strip().lower() in ("title", "标题"):
                return True
        return False


def _on(el) -> bool:
    """A toggle property (w:b, w:i) that is set: present, and not val=0/false/off."""
    return el is not None and el.get(f"{W}val", "true") not in ("0", "false", "off", "none")


class _Reader:
    def __init__(self, doc: Document, styles: _Styles, lists: Numbering) -> None:
        self.doc, self.styles, self.lists = doc, styles, lists
        self.count = 0
        self.fields: list[list] = []  # the complex fields open where the reader is: [code, result shown]

    def blocks(self, parent) -> None:
        for el in parent:
            if el.tag == f"{W}p":
                self.paragraph(el)
            elif el.tag == f"{W}tbl":
                self.table(el)
            elif el.tag in (f"{W}sdt", f"{W}customXml"):
                if _gallery(el) == "Table of Contents":  # Word's table of contents: the headings again
                    self.note(self.count + 1, "import.toc", {})
                    self.count += sum(1 for _ in el.iter(f"{W}p"))
                    continue
                content = el.find(f"{W}sdtContent")
                self.blocks(content if content is not None else el)
            elif el.tag == f"{MC}AlternateContent":
                self.blocks(_branch(el))

    def add(self, para: Para) -> None:
        if len(self.doc.paragraphs) >= MAX_PARAGRAPHS:
            raise ImportFailed("import.too-many", path=self.doc.name, limit=MAX_PARAGRAPHS)
        self.doc.paragraphs.append(para)

    def table(self, tbl) -> None:
        self.count += 1
        where = self.count
        rows = []
        for tr in tbl.iter(f"{W}tr"):
            cells = []
            for tc in tr.iterfind(f"{W}tc"):
                texts = ["".join(t for t, _ in self.runs(p)).strip() for p in tc.iter(f"{W}p")]
                cells.append("".join(t for t in texts if t))
            rows.append(cells)
        self.add(Para("", where, rows=rows))

    def paragraph(self, p) -> None:
        self.count += 1
        ppr = p.find(f"{W}pPr")
        style = ppr.find(f"{W}pStyle") if ppr is not None else None
        sid = style.get(f"{W}val") if style is not None else None
        runs = self.runs(p)
        label = self.drawn_label(ppr, sid)
        pieces = _split_breaks(runs)
        for i, piece in enumerate(pieces):
            text = "".join(t for t, _ in piece)
            if not text.strip():
                continue
            para = Para(text, self.count, heading=self.heading(ppr, sid))
            jc = ppr.find(f"{W}jc") if ppr is not None else None
            jc = jc if jc is not None else self.styles.first(sid, f"{W}pPr/{W}jc")
            align = jc.get(f"{W}val", "") if jc is not None else ""
            para.centred = align == "center"
            para.title_style = self.styles.is_title(sid)
            lead, para.bold = _emphasis(piece)
            stripped = text.lstrip(_BLANKS)
            para.text = stripped.rstrip(_BLANKS)
            para.lead = min(max(lead - (len(text) - len(stripped)), 0), len(para.text))
            if label and i == 0:
                para.text, para.drawn = label + para.text, True
                para.lead += len(label) if para.lead else 0
            self.add(para)

    def heading(self, ppr, sid: str | None) -> int:
        outline = ppr.find(f"{W}outlineLvl") if ppr is not None else None
        if outline is not None and outline.get(f"{W}val", "9").isdigit():
            level = int(outline.get(f"{W}val"))
            return level + 1 if level < 9 else 0
        return self.styles.heading(sid)

    def drawn_label(self, ppr, sid: str | None) -> str:
        num = ppr.find(f"{W}numPr") if ppr is not None else None
        if num is None:
            num = self.styles.first(sid, f"{W}pPr/{W}numPr")
        if num is None:
            return ""
        num_id, ilvl = num.find(f"{W}numId"), num.find(f"{W}ilvl")
        if num_id is None:
            return ""
        level = ilvl.get(f"{W}val", "0") if ilvl is not None else "0"
        return self.lists.label(num_id.get(f"{W}val", ""), int(level) if level.isdigit() else 0)

    def note(self, where: int, key: str, kw: dict) -> None:
        if not any(k == key for _, k, _ in self.doc.notes) or key == "import.text-box":
            self.doc.notes.append((where, key, kw))

    def runs(self, p) -> list[tuple[str, bool]]:
        """(text, emphasised) of each run, `\n` for a line break: the text as if every tracked change
        were accepted; fields' code, a table of contents and text boxes left out."""
        out: list[tuple[str, bool]] = []
        for r in _runs(p, self):
            emphasised = self.emphasised(r)
            for child in r:
                tag = child.tag
                if tag == f"{W}fldChar":
                    self.field(child.get(f"{W}fldCharType", ""))
                elif tag == f"{W}instrText" and self.fields:
                    self.fields[-1][0] += child.text or ""
                elif self.in_toc():
                    continue
                elif tag == f"{W}t":
                    out.append((child.text or "", emphasised))
                elif tag == f"{W}tab":
                    out.append(("\t", emphasised))
                elif tag in (f"{W}br", f"{W}cr"):
                    out.append(("\n", emphasised))
                elif tag in (f"{W}pict", f"{W}drawing", f"{MC}AlternateContent"):
                    self.text_box(child)
        return out

    def field(self, kind: str) -> None:
        """A complex field's begin, separate and end, nested: [code, showing its result]."""
        if kind == "begin":
            self.fields.append(["", False])
        elif kind == "separate" and self.fields:
            self.fields[-1][1] = True
            if self.in_toc():
                self.note(self.count, "import.toc", {})
        elif kind == "end" and self.fields:
            self.fields.pop()

    def in_toc(self) -> bool:
        return any(shown and code.split()[:1] == ["TOC"] for code, shown in self.fields)

    def text_box(self, el) -> None:
        """A text box's words are not the body's (a caption, a stamp): said, not imported."""
        for box in el.iter(f"{W}txbxContent"):
            text = "".join(t.text or "" for t in box.iter(f"{W}t")).strip()
            if text:
                self.note(self.count, "import.text-box", {"text": text[:40]})
            return  # the first box: a drawing and its fallback hold the same one

    def emphasised(self, r) -> bool:
        rpr = r.find(f"{W}rPr")
        if rpr is None:
            return False
        if _on(rpr.find(f"{W}b")):
            return True
        rstyle = rpr.find(f"{W}rStyle")
        if rstyle is not None:
            sid = rstyle.get(f"{W}val")
            bold = self.styles.first(sid, f"{W}rPr/{W}b")
            return bold is None or _on(bold)  # a character style of its own marks a run-in heading
        fonts = rpr.find(f"{W}rFonts")
        face = fonts.get(f"{W}eastAsia", "") if fonts is not None else ""
        return face.startswith(_EMPHASIS_FONTS)


# What a paragraph holds runs in: opened; a deletion is left out (the text as accepted).
_OPENED = {f"{W}{t}" for t in ("hyperlink", "smartTag", "sdt", "sdtContent", "ins", "moveTo", "fldSimple", "customXml", "dir", "bdo")}
_TRACKED = {f"{W}{t}" for t in ("ins", "del", "moveFrom", "moveTo")}


def _runs(parent, reader: _Reader):
    """The runs of a paragraph in reading order, as they show with every change accepted."""
    for el in parent:
        if el.tag == f"{W}r":
            yield el
        elif el.tag in _TRACKED:
            reader.note(reader.count, "import.tracked", {})
            if el.tag in (f"{W}ins", f"{W}moveTo"):
                yield from _runs(el, reader)
        elif el.tag in _OPENED:
            yield from _runs(el, reader)
        elif el.tag == f"{MC}AlternateContent":
            yield from _runs(_branch(el), reader)


def _branch(alternate):
    """The branch of mc:AlternateContent to read: the fallback, which every reader understands."""
    for branch in (alternate.find(f"{MC}Fallback"), alternate.find(f"{MC}Choice")):
        if branch is not None:
            return branch
    return []


def _gallery(sdt) -> str:
    found = sdt.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
    return found.get(f"{W}val", "") if found is not None else ""


def _split_breaks(runs: list[tuple[str, bool]]) -> list[list[tuple[str, bool]]]:
    """A line break typed inside a paragraph (Shift+Enter) starts a paragraph of its own."""
    pieces: list[list[tuple[str, bool]]] = [[]]
    for text, emphasised in runs:
        if text == "\n":
            pieces.append([])
        else:
            pieces[-1].append((text, emphasised))
    return pieces


def _emphasis(runs: list[tuple[str, bool]]) -> tuple[int, bool]:
    """(length of the emphasised start, whether all of it is emphasised), blanks not counted."""
    lead = 0
    for i, (text, emphasised) in enumerate(runs):
        if not emphasised and text.strip():
            rest = "".join(t for t, _ in runs[i:])
            return (lead if lead and rest.strip() else 0), False
        lead += len(text)
    return 0, lead > 0
