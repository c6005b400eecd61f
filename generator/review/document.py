"""The reviewed .docx read as a reviewer left it: every paragraph's characters with their revision
status, and the comments (批注) with their anchors and replies.

Word and WPS split runs anywhere and wrap text in hyperlinks, smart tags, content controls, fields
and `mc:AlternateContent`; this reader walks all of them, so the text is the same however it was
split. `w:ins`/`w:moveTo` are insertions, `w:del`/`w:moveFrom` deletions (a move is both), a
paragraph mark's status is in `w:pPr/w:rPr`, a row's in `w:trPr`. `base()` is the document with
every change rejected, `theirs()` with every change accepted.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from generator.importer.paragraphs import MAX_PARAGRAPHS, ImportFailed
from generator.importer.word import read_parts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
INS, DEL = "ins", "del"
_STATUS = {f"{W}ins": INS, f"{W}moveTo": INS, f"{W}del": DEL, f"{W}moveFrom": DEL}
# containers whose children are read as if they stood in the paragraph itself
_OPEN = frozenset(
    f"{W}{t}" for t in ("hyperlink", "smartTag", "sdt", "sdtContent", "customXml", "fldSimple", "dir", "bdo")
)
_PARTS = ("word/document.xml", "word/comments.xml", "word/commentsExtended.xml")
_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


@dataclass
class Para:
    """One paragraph as stored: characters with their status (None, INS, DEL) and its mark's."""

    chars: list[tuple[str, str | None]] = field(default_factory=list)
    mark: str | None = None
    cell: tuple[int, int, int] | None = None  # (table, row, column) of a table cell's paragraph
    anchors: list[tuple[str, int]] = field(default_factory=list)  # (comment id, index into chars)
    heading: bool = False  # in a heading style (Heading1…, 标题 1…) or with an outline level


@dataclass
class Text:
    """A paragraph of one view (base or theirs)."""

    text: str
    cell: tuple[int, int, int] | None
    anchors: list[tuple[str, int]] = field(default_factory=list)  # (comment id, offset in text)
    heading: bool = False


@dataclass
class Comment:
    id: str
    author: str
    date: str  # YYYY-MM-DD, or ""
    text: str
    parent: str | None = None  # the comment this one replies to


@dataclass
class Reviewed:
    paras: list[Para]
    comments: list[Comment]

    @property
    def tracked(self) -> bool:
        return any(p.mark or any(s for _, s in p.chars) for p in self.paras)

    def base(self) -> list[Text]:
        return _view(self.paras, drop=INS)

    def theirs(self) -> list[Text]:
        return _view(self.paras, drop=DEL)


def _view(paras: list[Para], drop: str) -> list[Text]:
    """The paragraphs left when every change of status `drop` is undone: a removed mark joins its
    paragraph to the next (a cell's last paragraph stays)."""
    out: list[Text] = []
    text: list[str] = []
    anchors: list[tuple[str, int]] = []
    for n, p in enumerate(paras):
        if not p.anchors:
            text += [ch for ch, status in p.chars if status != drop]
        else:
            at: dict[int, list[str]] = {}
            for cid, i in p.anchors:
                at.setdefault(i, []).append(cid)
            for i, (ch, status) in enumerate(p.chars):
                if i in at:
                    anchors += [(c, len(text)) for c in at.pop(i)]
                if status != drop:
                    text.append(ch)
            anchors += [(c, len(text)) for cs in at.values() for c in cs]
        last_in_cell = p.cell is not None and (n + 1 == len(paras) or paras[n + 1].cell != p.cell)
        if p.mark != drop or last_in_cell or n + 1 == len(paras):
            out.append(Text("".join(text), p.cell, anchors, p.heading))
            text, anchors = [], []
    return out


# ---------------------------------------------------------------- reading


def read(path: Path | bytes, name: str) -> Reviewed:
    """The document at `path` (or its bytes)."""
    parts = read_parts(path, name, _PARTS)
    if "word/document.xml" not in parts:
        raise ImportFailed("import.not-docx", path=name, reason="word/document.xml")
    root = _parse(parts["word/document.xml"], name, "word/document.xml")
    reader = _Reader(name)
    body = root.find(f"{W}body")
    if body is not None:
        reader.blocks(body, None)
    comments = _comments(parts, name)
    return Reviewed(reader.paras, comments)


def _parse(data: bytes, name: str, part: str) -> etree._Element:
    try:
        return etree.parse(io.BytesIO(data), _XML).getroot()
    except (etree.XMLSyntaxError, ValueError) as e:
        raise ImportFailed("import.bad-xml", path=name, part=part, reason=str(e).splitlines()[0][:120]) from None


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.paras: list[Para] = []
        self.tables = 0
        self.fields: list[bool] = []  # open fields, innermost last: True while in its instruction

    def blocks(self, parent: etree._Element, cell: tuple | None, status: str | None = None) -> None:
        for el in parent:
            tag = el.tag
            if tag == f"{W}p":
                self.paragraph(el, cell, status)
            elif tag == f"{W}tbl":
                self.table(el, status)
            elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
                self.blocks(el, cell, status)
            elif tag == f"{MC}AlternateContent":
                self.blocks(_choice(el), cell, status)

    def table(self, tbl: etree._Element, status: str | None) -> None:
        self.tables += 1
        t = self.tables
        rows = [tr for tr in tbl if tr.tag == f"{W}tr"]
        for r, tr in enumerate(rows):
            row_status = status
            trpr = tr.find(f"{W}trPr")
            if trpr is not None:
                row_status = next((_STATUS[c.tag] for c in trpr if c.tag in _STATUS), status)
            for c, tc in enumerate(tr.iterfind(f"{W}tc")):
                self.blocks(tc, (t, r, c), row_status)

    def paragraph(self, p: etree._Element, cell: tuple | None, status: str | None) -> None:
        if len(self.paras) >= MAX_PARAGRAPHS:
            raise ImportFailed("import.too-many", path=self.name, limit=MAX_PARAGRAPHS)
        self.paras.append(Para(cell=cell, heading=_is_heading(p)))
        self.fields = []  # a field left open by a broken paragraph hides no text after it
        self.walk(p, status)
        mark = status
        rpr = p.find(f"{W}pPr/{W}rPr")
        if rpr is not None:
            mark = next((_STATUS[c.tag] for c in rpr if c.tag in _STATUS), status)
        self.paras[-1].mark = mark

    def walk(self, el: etree._Element, status: str | None) -> None:
        for child in el:
            tag = child.tag
            if tag == f"{W}r":
                self.run(child, status)
            elif tag in _STATUS:
                self.walk(child, _STATUS[tag])
            elif tag in _OPEN:
                self.walk(child, status)
            elif tag == f"{MC}AlternateContent":
                self.walk(_choice(child), status)
            elif tag == f"{W}commentRangeStart":
                self.anchor(child)

    def anchor(self, el: etree._Element) -> None:
        cid = el.get(f"{W}id")
        p = self.paras[-1]
        if cid is not None and all(c != cid for q in self.paras for c, _ in q.anchors):
            p.anchors.append((cid, len(p.chars)))

    def run(self, r: etree._Element, status: str | None) -> None:
        p = self.paras[-1]
        for child in r:
            tag = child.tag
            if tag == f"{W}fldChar":
                kind = child.get(f"{W}fldCharType")
                self.field_char(kind)
            elif any(self.fields):
                continue  # a field's code (instrText), not its text
            elif tag in (f"{W}t", f"{W}delText"):
                p.chars += [(ch, status) for ch in child.text or ""]
            elif tag == f"{W}tab":
                p.chars.append(("\t", status))
            elif tag in (f"{W}br", f"{W}cr") and child.get(f"{W}type", "textWrapping") == "textWrapping":
                self.line_break(status)  # Shift+Enter: a paragraph of its own, as import reads it
                p = self.paras[-1]
            elif tag == f"{W}noBreakHyphen":
                p.chars.append(("-", status))
            elif tag == f"{W}commentReference":
                self.anchor(child)
            elif tag == f"{MC}AlternateContent":
                self.run(_choice(child), status)

    def field_char(self, kind: str | None) -> None:
        if kind == "begin" and len(self.fields) < 20:
            self.fields.append(True)
        elif kind == "separate" and self.fields:
            self.fields[-1] = False  # its result follows: text as shown
        elif kind == "end" and self.fields:
            self.fields.pop()

    def line_break(self, status: str | None) -> None:
        p = self.paras[-1]
        p.mark = status
        self.paras.append(Para(cell=p.cell))


def _is_heading(p: etree._Element) -> bool:
    ppr = p.find(f"{W}pPr")
    if ppr is None:
        return False
    style = ppr.find(f"{W}pStyle")
    name = style.get(f"{W}val", "") if style is not None else ""
    return ppr.find(f"{W}outlineLvl") is not None or name.lower().startswith("heading") or name.startswith("标题")


def _choice(el: etree._Element) -> etree._Element:
    """What a reader that knows every extension shows: the first mc:Choice (Word writes the same
    text in the mc:Fallback)."""
    choice = el.find(f"{MC}Choice")
    return choice if choice is not None else etree.Element("none")


# ---------------------------------------------------------------- comments


def _comments(parts: dict[str, bytes], name: str) -> list[Comment]:
    if "word/comments.xml" not in parts:
        return []
    root = _parse(parts["word/comments.xml"], name, "word/comments.xml")
    found: list[Comment] = []
    by_para: dict[str, str] = {}  # w14:paraId of a comment's last paragraph → its id
    for c in root.iterfind(f"{W}comment"):
        paras = c.findall(f".//{W}p")
        text = "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in paras).strip()
        cid = c.get(f"{W}id", "")
        found.append(Comment(cid, c.get(f"{W}author", ""), c.get(f"{W}date", "")[:10], text))
        if paras and paras[-1].get(f"{W14}paraId"):
            by_para[paras[-1].get(f"{W14}paraId")] = cid
    if "word/commentsExtended.xml" in parts:
        ext = _parse(parts["word/commentsExtended.xml"], name, "word/commentsExtended.xml")
        parents = {}
        for e in ext.iter(f"{W15}commentEx"):
            child, parent = by_para.get(e.get(f"{W15}paraId", "")), by_para.get(e.get(f"{W15}paraIdParent", ""))
            if child and parent:
                parents[child] = parent
        for c in found:
            c.parent = parents.get(c.id)
    return found
