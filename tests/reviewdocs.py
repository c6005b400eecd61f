"""Test helper: a rendered report edited the way a reviewer's Word or WPS saves it.

    reviewed(rendered_docx, [Replace(3, 5, 7, "新词"), InsertAfter(4, "新段落。"), Delete(6),
             Comment(2, 0, 4, "张三", "请核实", replies=[("李四", "已核实")])], tracked=True)

Paragraph numbers count the body's top-level paragraphs (tables are left alone unless a Cell op
names one); offsets are characters of the paragraph's text. `tracked=True` writes 修订 (w:ins,
w:del, paragraph marks in w:pPr/w:rPr, w:moveFrom/w:moveTo for a Move); False writes the edits
straight into the text, as a reviewer without 修订 does. `flavour` "word" adds what Word adds
(w:rsid* everywhere, runs split anywhere, w:proofErr, a _GoBack bookmark, a smart tag, a field,
w14:paraId and an mc:AlternateContent run); "wps" what WPS adds (w:rFonts w:hint, w:lang, runs
split, its own namespace under mc:Ignorable, bookmarks, comments without w14 ids).
Independent of generator/review on purpose: it writes the XML the tests read back.
"""

from __future__ import annotations

import copy
import io
import random
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "w15": "http://schemas.microsoft.com/office/word/2012/wordml",
    "wpsCustomData": "http://www.wps.cn/officeDocument/2013/wpsCustomData",
}
DATE = "2025-07-08T09:30:00Z"



def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Replace:
    para: int
    start: int
    end: int
    new: str


@dataclass
class InsertAfter:
    para: int
    text: str
    style: str = ""  # a paragraph style id (Heading2): typed as a heading


@dataclass
class Delete:
    para: int


@dataclass
class Move:
    para: int
    after: int  # moved to after this paragraph


@dataclass
class Comment:
    para: int
    start: int
    end: int
    author: str
    text: str
    replies: list[tuple[str, str]] = field(default_factory=list)


def texts(docx: bytes) -> list[str]:
    """The text of each top-level body paragraph of a document without revisions."""
    root = etree.fromstring(_read(docx, "word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(q("t"))) for p in root.find(q("body")) if p.tag == q("p")]


def applied(paras: list[str], ops: list) -> list[str]:
    """What `reviewed` makes of paragraphs `paras` with every change accepted."""
    out = [[p] for p in paras]
    for op in ops:
        if isinstance(op, Replace):
            p = out[op.para][0]
            out[op.para][0] = p[: op.start] + op.new + p[op.end :]
        elif isinstance(op, InsertAfter):
            out[op.para].append(op.text)
    for op in ops:
        if isinstance(op, Move):
            out[op.after] += out[op.para][:1]
            out[op.para] = out[op.para][1:]
        elif isinstance(op, Delete):
            out[op.para] = out[op.para][1:]
    return [p for group in out for p in group]


def _read(docx: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return z.read(name)


class _Writer:
    def __init__(self, tracked: bool, flavour: str, seed: int) -> None:
        self.tracked, self.flavour = tracked, flavour
        self.rng = random.Random(seed)
        self.next_id = 1000
        self.author = "张三" if flavour == "word" else "WPS_1700000000"

    def id(self) -> str:
        self.next_id += 1
        return str(self.next_id)

    def rsid(self) -> str:
        return "00" + "".join(self.rng.choice("0123456789ABCDEF") for _ in range(6))

    # ------------------------------------------------------------ runs

    def run(self, text: str, rpr: str, deleted: bool = False) -> str:
        if self.flavour == "wps":
            rpr = _wps_rpr(rpr)
        tag = "w:delText" if deleted else "w:t"
        attrs = f' w:rsidR="{self.rsid()}"' if self.flavour == "word" else ""
        body = f'<{tag} xml:space="preserve">{escape(text)}</{tag}>'
        if self.flavour == "word" and not deleted and self.rng.random() < 0.08:
            body = (
                '<mc:AlternateContent><mc:Choice Requires="w14">' + body + "</mc:Choice>"
                "<mc:Fallback>" + body + "</mc:Fallback></mc:AlternateContent>"
            )
        return f"<w:r{attrs}>{rpr}{body}</w:r>"

    def chunks(self, text: str) -> list[str]:
        """Runs split anywhere, as an editor that typed, fixed typos and pasted leaves them."""
        out, at = [], 0
        while at < len(text):
            n = self.rng.randint(1, 6)
            out.append(text[at : at + n])
            at += n
        return out

    def noise(self) -> str:
        roll = self.rng.random()
        if roll < 0.1:
            return '<w:proofErr w:type="spellStart"/>' if self.rng.random() < 0.5 else '<w:proofErr w:type="gramEnd"/>'
        if roll < 0.14:
            n = self.id()
            return f'<w:bookmarkStart w:id="{n}" w:name="_GoBack"/><w:bookmarkEnd w:id="{n}"/>'
        return ""

    def pieces(self, pieces: list[tuple[str, str, str | None]], marks: dict[int, str]) -> str:
        """(text, rPr, status) pieces as runs; marks: character offset → markup put before it."""
        out, at = [], 0
        for text, rpr, status in pieces:
            group = []
            for chunk in self._cut(text, at, marks):
                if at in marks:
                    (group if status else out).append(marks.pop(at))
                group.append(self.plain(chunk, rpr, status))
                at += len(chunk)  # offsets count every character stored, deleted ones too
                group.append(self.noise() if status is None else "")
            if status:
                tag = {"ins": "w:ins", "del": "w:del", "moveTo": "w:moveTo", "moveFrom": "w:moveFrom"}[status]
                out.append(f'<{tag} w:id="{self.id()}" w:author="{self.author}" w:date="{DATE}">' + "".join(group) + f"</{tag}>")
            else:
                out += group
        out += [marks.pop(k) for k in sorted(marks)]
        return "".join(out)

    def plain(self, chunk: str, rpr: str, status: str | None) -> str:
        """One run; now and then, when kept, a smart tag or a field around it (Word)."""
        deleted = status in ("del", "moveFrom")
        run = self.run(chunk, rpr, deleted)
        if status or self.flavour != "word":
            return run
        roll = self.rng.random()
        if roll < 0.05:
            return f'<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chsdate">{run}</w:smartTag>'
        if roll < 0.09:
            return (
                f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r>{rpr}<w:instrText xml:space="preserve"> MERGEFIELD 内容 </w:instrText></w:r>'
                f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>{run}'
                f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
            )
        return run

    def _cut(self, text: str, at: int, marks: dict[int, str]) -> list[str]:
        cuts = {0, len(text)} | {k - at for k in marks if at < k < at + len(text)}
        pieces = []
        for a, b in zip(sorted(cuts), sorted(cuts)[1:]):
            pieces += self.chunks(text[a:b])
        return pieces

    # ------------------------------------------------------------ paragraphs

    def paragraph(self, ppr: etree._Element | None, body: str, mark: str | None = None) -> str:
        ppr = copy.deepcopy(ppr) if ppr is not None else etree.Element(q("pPr"))
        if mark:
            rpr = ppr.find(q("rPr"))
            if rpr is None:
                rpr = etree.SubElement(ppr, q("rPr"))
            tag = {"ins": "ins", "del": "del", "moveTo": "moveTo", "moveFrom": "moveFrom"}[mark]
            el = etree.Element(q(tag))
            el.set(q("id"), self.id())
            el.set(q("author"), self.author)
            el.set(q("date"), DATE)
            rpr.insert(0, el)
        attrs = ""
        if self.flavour == "word":
            pid = "".join(self.rng.choice("0123456789ABCDEF") for _ in range(7))
            attrs = f' w14:paraId="1{pid}" w14:textId="77777777" w:rsidR="{self.rsid()}" w:rsidRDefault="{self.rsid()}"'
        xml = etree.tostring(ppr, encoding="unicode") if len(ppr) else ""
        return f"<w:p{attrs}>{_strip_ns(xml)}{body}</w:p>"


def _wps_rpr(rpr: str) -> str:
    extra = '<w:rFonts w:hint="eastAsia"/>'
    lang = '<w:lang w:val="en-US" w:eastAsia="zh-CN"/>'
    if not rpr:
        return f"<w:rPr>{extra}{lang}</w:rPr>"
    return rpr.replace("<w:rPr>", f"<w:rPr>{extra}" if "rStyle" not in rpr else "<w:rPr>", 1).replace("</w:rPr>", f"{lang}</w:rPr>")


def _strip_ns(xml: str) -> str:
    return xml.replace(f' xmlns:w="{W}"', "")


def _runs(p: etree._Element) -> list[tuple[str, str]]:
    """(text, rPr XML) of each run of a rendered paragraph."""
    out = []
    for r in p.iter(q("r")):
        rpr = r.find(q("rPr"))
        text = "".join(t.text or "" for t in r.iter(q("t")))
        out.append((text, _strip_ns(etree.tostring(rpr, encoding="unicode")) if rpr is not None else ""))
    return out


def _chars(p: etree._Element) -> list[tuple[str, str]]:
    return [(ch, rpr) for text, rpr in _runs(p) for ch in text]


def _group(chars: list[tuple[str, str, str | None]]) -> list[tuple[str, str, str | None]]:
    out: list[tuple[str, str, str | None]] = []
    for ch, rpr, status in chars:
        if out and out[-1][1] == rpr and out[-1][2] == status:
            out[-1] = (out[-1][0] + ch, rpr, status)
        else:
            out.append((ch, rpr, status))
    return out


def reviewed(docx: bytes, ops: list, tracked: bool = True, flavour: str = "word", seed: int = 0) -> bytes:
    root = etree.fromstring(_read(docx, "word/document.xml"))
    body = root.find(q("body"))
    w = _Writer(tracked, flavour, seed)
    paras = [p for p in body if p.tag == q("p")]
    # per paragraph: characters with status, insertions after it, deletion, comment marks
    state = {id(p): [(ch, rpr, None) for ch, rpr in _chars(p)] for p in paras}
    after: dict[int, list[str]] = {}
    gone: set[int] = set()
    moved: dict[int, int] = {}
    comments: list[Comment] = [op for op in ops if isinstance(op, Comment)]
    for op in ops:
        if isinstance(op, Replace):
            chars = state[id(paras[op.para])]
            plain = [i for i, c in enumerate(chars) if c[2] != "del"]
            a = plain[op.start] if op.start < len(plain) else len(chars)
            b = plain[op.end - 1] + 1 if op.end > op.start else a
            rpr = chars[min(a, len(chars) - 1)][1] if chars else ""
            new = [(ch, rpr, "ins" if tracked else None) for ch in op.new]
            old = [(c, r, "del") for c, r, _ in chars[a:b]] if tracked else []
            chars[a:b] = old + new
        elif isinstance(op, InsertAfter):
            after.setdefault(op.para, []).append((op.text, op.style))
        elif isinstance(op, Delete):
            gone.add(op.para)
        elif isinstance(op, Move):
            moved[op.para] = op.after
    marks: dict[int, dict[int, str]] = {}
    for n, c in enumerate(comments):
        cid = str(n * 10)
        ids = [cid] + [str(n * 10 + k + 1) for k in range(len(c.replies))]
        start = "".join(f'<w:commentRangeStart w:id="{i}"/>' for i in ids)
        end = "".join(f'<w:commentRangeEnd w:id="{i}"/><w:r><w:commentReference w:id="{i}"/></w:r>' for i in ids)
        m = marks.setdefault(c.para, {})
        m[c.start] = m.get(c.start, "") + start
        m[c.end] = m.get(c.end, "") + end
    out: dict[int, list[str]] = {}
    for n, p in enumerate(paras):
        ppr = p.find(q("pPr"))
        here = out.setdefault(n, [])
        if n in moved and tracked:
            name = f"move{n}"
            mid = w.id()
            here.append(
                f'<w:moveFromRangeStart w:id="{mid}" w:author="{w.author}" w:date="{DATE}" w:name="{name}"/>'
                + w.paragraph(ppr, w.pieces([(t, r, "moveFrom") for t, r, _ in _group(state[id(p)])], {}), "moveFrom")
                + f'<w:moveFromRangeEnd w:id="{mid}"/>'
            )
        elif n in moved or (n in gone and not tracked):
            pass
        elif n in gone:
            here.append(w.paragraph(ppr, w.pieces([(t, r, "del") for t, r, _ in _group(state[id(p)])], {}), "del"))
        else:
            here.append(w.paragraph(ppr, w.pieces(_group(state[id(p)]), dict(marks.get(n, {})))))
        for text, style in after.get(n, []):
            normal = _plain_ppr(p) if not style else etree.fromstring(f'<w:pPr xmlns:w="{W}"><w:pStyle w:val="{style}"/></w:pPr>')
            here.append(w.paragraph(normal, w.pieces([(text, "", "ins" if tracked else None)], {}), "ins" if tracked else None))
        for m, target in moved.items():
            if target == n:
                src = paras[m]
                chars = _group(state[id(src)])
                if tracked:
                    mid = w.id()
                    here.append(
                        f'<w:moveToRangeStart w:id="{mid}" w:author="{w.author}" w:date="{DATE}" w:name="move{m}"/>'
                        + w.paragraph(src.find(q("pPr")), w.pieces([(t, r, "moveTo") for t, r, _ in chars], {}), "moveTo")
                        + f'<w:moveToRangeEnd w:id="{mid}"/>'
                    )
                else:
                    here.append(w.paragraph(src.find(q("pPr")), w.pieces(chars, {})))
    # tables and the section properties stay where they were
    index = {id(p): n for n, p in enumerate(paras)}
    rebuilt = "".join(
        "".join(out[index[id(el)]]) if el.tag == q("p") else _strip_ns(etree.tostring(el, encoding="unicode")) for el in body
    )
    declared = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
    ignorable = "w14 w15" if flavour == "word" else "w14 wpsCustomData"
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {declared} mc:Ignorable="{ignorable}">'
        f"<w:body>{rebuilt}</w:body></w:document>"
    )
    parts = {"word/document.xml": xml.encode("utf-8")}
    if comments:
        parts.update(_comment_parts(comments, flavour))
    return _package(docx, parts, tracked)


def _plain_ppr(p: etree._Element) -> etree._Element | None:
    ppr = p.find(q("pPr"))
    if ppr is None:
        return None
    out = etree.Element(q("pPr"))
    style = ppr.find(q("pStyle"))
    if style is not None:
        el = etree.SubElement(out, q("pStyle"))
        el.set(q("val"), "Normal" if style.get(q("val"), "").startswith("Heading") else style.get(q("val")))
    return out


def _comment_parts(comments: list[Comment], flavour: str) -> dict[str, bytes]:
    body, ext = [], []
    for n, c in enumerate(comments):
        entries = [(c.author, c.text)] + list(c.replies)
        parent = None
        for k, (author, text) in enumerate(entries):
            cid = n * 10 + k
            pid = f"{0x10000000 + cid:08X}"
            para_id = f' w14:paraId="{pid}" w14:textId="77777777"' if flavour == "word" else ""
            body.append(
                f'<w:comment w:id="{cid}" w:author={quoteattr(author)} w:date="{DATE}" w:initials="审">'
                f'<w:p{para_id}><w:r><w:annotationRef/></w:r><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:comment>'
            )
            if flavour == "word":
                ext.append(f'<w15:commentEx w15:paraId="{pid}"' + (f' w15:paraIdParent="{parent}"' if parent else "") + ' w15:done="0"/>')
                parent = parent or pid
    declared = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
    parts = {"word/comments.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments {declared} mc:Ignorable="w14 w15">{"".join(body)}</w:comments>'.encode()}
    if ext:
        parts["word/commentsExtended.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w15:commentsEx {declared} mc:Ignorable="w14 w15">{"".join(ext)}</w15:commentsEx>'
        ).encode()
    return parts


_TYPES = {
    "word/comments.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
    "word/commentsExtended.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml",
}
_RELS = {
    "word/comments.xml": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
    "word/commentsExtended.xml": "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
}


def _package(docx: bytes, parts: dict[str, bytes], tracked: bool) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename in parts:
                data = parts[info.filename]
            elif info.filename == "[Content_Types].xml":
                added = "".join(f'<Override PartName="/{n}" ContentType="{_TYPES[n]}"/>' for n in parts if n in _TYPES)
                data = data.replace(b"</Types>", added.encode() + b"</Types>")
            elif info.filename == "word/_rels/document.xml.rels":
                added = "".join(
                    f'<Relationship Id="rIdReview{k}" Type="{_RELS[n]}" Target="{n[5:]}"/>' for k, n in enumerate(parts) if n in _RELS
                )
                data = data.replace(b"</Relationships>", added.encode() + b"</Relationships>")
            dst.writestr(info.filename, data)
        for name, data in parts.items():
            if name not in src.namelist():
                dst.writestr(name, data)
    return out.getvalue()
