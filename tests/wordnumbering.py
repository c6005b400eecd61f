"""Test helper: a rendered .docx whose typed labels become numbering that Word draws itself.

Every paragraph that starts with a heading label (一、 （一） 1. （1） ① 第一部分) loses the label
from its text and gets a `w:numPr` instead, pointing into a numbering.xml of the kind Word and
WPS write: a multi-level list (chineseCounting `%1、` and `（%1）`, decimal `%1.`, `（%1）` or
decimalEnclosedParen, decimalEnclosedCircle) and a list for the part headings (`第%1部分`).
Where the label's number is not the one the list would draw next (二、 numbering anew in
two-part's 第二部分), a new list instance starts, with a `w:startOverride` for every level.

The labels are found with a pattern of this file, not with the importer's own code.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
CN = "一二三四五六七八九十"
_CN = {n: c for n, c in enumerate(CN, 1)}


def chinese_value(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + CN.index(text[1]) + 1
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (CN.index(tens) + 1) * 10 + (CN.index(ones) + 1 if ones else 0)
    return CN.index(text) + 1


# (pattern, ilvl, number from the match); ilvl -1 is the part list
LABELS = [
    (re.compile(rf"第([{CN}]+)部分"), -1, lambda m: chinese_value(m.group(1))),
    (re.compile(rf"([{CN}]+)、"), 0, lambda m: chinese_value(m.group(1))),
    (re.compile(rf"（([{CN}]+)）"), 1, lambda m: chinese_value(m.group(1))),
    (re.compile(r"(\d+)\.(?!\d)"), 2, lambda m: int(m.group(1))),
    (re.compile(r"（(\d+)）"), 3, lambda m: int(m.group(1))),
    (re.compile("([\u2460-\u2473])"), 4, lambda m: ord(m.group(1)) - 0x2460 + 1),
]

STYLES = {
    # ilvl: (numFmt, lvlText)
    "plain": {0: ("chineseCounting", "%1、"), 1: ("chineseCounting", "（%1）"), 2: ("decimal", "%1."),
              3: ("decimal", "（%1）"), 4: ("decimalEnclosedCircle", "%1")},
    "enclosed": {0: ("chineseCounting", "%1、"), 1: ("chineseCounting", "（%1）"), 2: ("decimalFullWidth", "%1."),
                 3: ("decimalEnclosedParen", "%1"), 4: ("decimalEnclosedCircle", "%1")},
}  # fmt: skip


def _level(ilvl: int, fmt: str, text: str) -> str:
    text = text.replace("%1", f"%{ilvl + 1}")  # %N is the number of level N: a level shows its own
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'  # CT_Lvl's order
    )


def numbering_xml(style: str, nums: list[tuple[int, dict[int, int]]]) -> bytes:
    levels = "".join(_level(i, f, t) for i, (f, t) in STYLES[style].items())
    parts = _level(0, "chineseCounting", "第%1部分")
    out = [f'<w:numbering xmlns:w="{W_NS}">']
    out.append(f'<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')
    out.append(f'<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>{parts}</w:abstractNum>')
    for num_id, (abstract, starts) in enumerate(nums, 1):
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{v}"/></w:lvlOverride>' for i, v in sorted(starts.items())
        )
        out.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>{overrides}</w:num>')
    out.append("</w:numbering>")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + "".join(out)).encode("utf-8")


class _Lists:
    """Which list instance each label goes to, simulating how Word counts."""

    def __init__(self) -> None:
        self.nums: list[tuple[int, dict[int, int]]] = [(0, {}), (1, {})]  # numId 1: headings, 2: parts
        self.current = {0: 1, 1: 2}  # abstract → numId in use
        self.counts: dict[int, dict[int, int]] = {0: {}, 1: {}}

    def place(self, ilvl: int, n: int) -> tuple[int, int]:
        abstract, level = (1, 0) if ilvl < 0 else (0, ilvl)
        counts = self.counts[abstract]
        expected = counts.get(level, 0) + 1
        if n != expected:
            starts = {lv: c + 1 for lv, c in counts.items() if lv < level}
            starts[level] = n
            self.nums.append((abstract, starts))
            self.current[abstract] = len(self.nums)
        counts[level] = n
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        return self.current[abstract], level


def draw_labels(docx: bytes, style: str = "plain") -> bytes:
    """`docx` with its typed heading labels replaced by Word numbering."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        files = {i.filename: z.read(i) for i in z.infolist()}
    root = etree.fromstring(files["word/document.xml"])
    lists = _Lists()
    for p in root.iter(f"{W}p"):
        if any(a.tag == f"{W}tbl" for a in p.iterancestors()):
            continue
        texts = [t for t in p.iter(f"{W}t")]
        full = "".join(t.text or "" for t in texts)
        for pattern, ilvl, number in LABELS:
            m = pattern.match(full)
            if m:
                _cut(texts, m.end())
                num_id, level = lists.place(ilvl, number(m))
                _number(p, num_id, level)
                break
    files["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    files["word/numbering.xml"] = numbering_xml(style, lists.nums)
    files["[Content_Types].xml"] = files["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'wordprocessingml.numbering+xml"/></Types>',
    )
    files["word/_rels/document.xml.rels"] = files["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/numbering" Target="numbering.xml"/></Relationships>',
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


def _cut(texts: list, length: int) -> None:
    """Remove the first `length` characters from a paragraph's text elements."""
    for t in texts:
        value = t.text or ""
        take = min(length, len(value))
        t.text, length = value[take:], length - take
        if length == 0:
            break


def _number(p, num_id: int, ilvl: int) -> None:
    ppr = p.find(f"{W}pPr")
    if ppr is None:
        ppr = etree.SubElement(p, f"{W}pPr")
        p.remove(ppr)
        p.insert(0, ppr)
    num = etree.Element(f"{W}numPr")
    etree.SubElement(num, f"{W}ilvl").set(f"{W}val", str(ilvl))
    etree.SubElement(num, f"{W}numId").set(f"{W}val", str(num_id))
    style = ppr.find(f"{W}pStyle")
    ppr.insert(1 if style is not None else 0, num)  # CT_PPrBase: pStyle, keepNext…, numPr
