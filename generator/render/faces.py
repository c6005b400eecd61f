"""The fonts a report asks for and the faces its PDF shows, and whether they agree (gbt9704.md).

The official Chinese font names resolve to free faces on machines without the official fonts
(assets/fonts/65-reportgen-cjk.conf); a PDF must show, for every such name its text uses, the official
face or the free one — never a silent fallback to a face without Chinese glyphs, or to a sans
where the standard wants a 仿宋 serif.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from generator import soffice
from generator.errors import MissingProgram, ReportgenError
from generator.messages import msg

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


@dataclass(frozen=True)
class Face:
    free: str  # the free font the alias file maps the name onto
    package: str  # the Debian package that brings it
    seen_as: str  # regex on a PDF font name (subset tag removed): the official or the free face


_SERIF = r"(NotoSerifCJK|SourceHanSerif)\w*-"  # then the weight: -Regular, -Bold
_FANGSONG = Face("Noto Serif CJK SC", "fonts-noto-cjk", rf"FangSong|{_SERIF}Regular")
_SONG = Face("Noto Serif CJK SC", "fonts-noto-cjk", rf"SimSun|{_SERIF}Regular")
_TITLE = Face("Noto Serif CJK SC Bold", "fonts-noto-cjk", rf"FZXiaoBiaoSong|FZXBSJW|{_SERIF}Bold")
_HEI = Face("Noto Sans CJK SC", "fonts-noto-cjk", r"SimHei|NotoSansCJK|SourceHanSans")
# AR PL KaitiM GB calls itself GBZenKai-Medium inside the font
_KAI = Face("AR PL KaitiM GB", "fonts-arphic-gkai00mp", r"KaiTi|GBZenKai|KaitiM")
# Every East Asian font name gbt9704.md lists, and the face a correct PDF shows for it.
FACES = {
    "仿宋_GB2312": _FANGSONG, "仿宋": _FANGSONG, "FangSong": _FANGSONG, "宋体": _SONG, "SimSun": _SONG,
    "方正小标宋简体": _TITLE, "黑体": _HEI, "SimHei": _HEI, "楷体_GB2312": _KAI, "楷体": _KAI, "KaiTi": _KAI,
}  # fmt: skip


_BASE_FONT = re.compile(rb"/BaseFont\s*/([^\s/<>\[\]()%{}]+)")


def embedded(pdf: Path) -> list[str]:
    """The names of the fonts `pdf` uses, subset tags (ABCDEF+) removed, in file order.

    LibreOffice writes every font dictionary as plain text, so the names are read straight from
    the file (a tenth of a millisecond, where pdffonts took 80 ms of a batch's CPU). A PDF whose
    objects are compressed into object streams is read by pdffonts (poppler-utils) instead.
    """
    data = pdf.read_bytes()
    if b"/ObjStm" in data:
        return pdf_fonts(_pdffonts(pdf))
    names = (_unescape(m.group(1)) for m in _BASE_FONT.finditer(data))
    return [_SUBSET_TAG.sub("", n) for n in dict.fromkeys(names)]


def _unescape(name: bytes) -> str:
    """A PDF name's `#xx` escapes undone."""
    raw = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), name)
    return raw.decode("utf-8", "replace")


def _pdffonts(pdf: Path) -> str:
    pdffonts = shutil.which("pdffonts")
    if not pdffonts:
        raise MissingProgram("pdffonts", hint=msg("pdf.hint-pdffonts"))
    code, output = soffice.run([pdffonts, str(pdf)], None, 60, "pdf.fonts-timeout")
    if code != 0:
        raise ReportgenError("pdf.fonts-failed", detail=soffice.tail(output))
    return output


def pdf_fonts(listing: str) -> list[str]:
    """Font names from pdffonts' table, subset tags (ABCDEF+) removed, in the order listed."""
    lines = listing.splitlines()
    rule = next((i for i, line in enumerate(lines) if line.startswith("---")), None)
    if rule is None:
        return []
    width = len(lines[rule].split(" ")[0])  # the name column is as wide as its dashes
    names = [_name(line, width) for line in lines[rule + 1 :]]
    return [n for n in names if n]


def _name(line: str, width: int) -> str:
    # a name longer than its column pushes the others right instead of being cut
    name = line[:width] if len(line) <= width or line[width] == " " else line.split(" ", 1)[0]
    return _SUBSET_TAG.sub("", name.strip())


def document_fonts(docx_bytes: bytes) -> set[str]:
    """The East Asian font names of the document's runs that hold more than ASCII text."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        styles = _Styles(etree.fromstring(z.read("word/styles.xml")))
        parts = [etree.fromstring(z.read(n)) for n in z.namelist() if _TEXT_PARTS.fullmatch(n)]
    found = set()
    for part in parts:
        for r in part.iter(f"{_W}r"):
            text = "".join(t.text or "" for t in r.iterchildren(f"{_W}t"))
            if not text.isascii():
                found.add(styles.run_font(r, next(r.iterancestors(f"{_W}p"), None)))
    found.discard(None)
    return found


class _Styles:
    """East Asian fonts of styles.xml: a style's own, else its basedOn's, else the document default."""

    def __init__(self, root: etree._Element) -> None:
        self.fonts: dict[str, str | None] = {}
        self.based_on: dict[str, str] = {}
        self.default = None
        for s in root.iter(f"{_W}style"):
            sid = s.get(f"{_W}styleId")
            self.fonts[sid] = _east_asia(s.find(f"{_W}rPr"))
            based = s.find(f"{_W}basedOn")
            if based is not None:
                self.based_on[sid] = based.get(f"{_W}val")
            if s.get(f"{_W}type") == "paragraph" and s.get(f"{_W}default") in ("1", "true"):
                self.default = sid
        self.doc_default = _east_asia(root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr"))

    def style_font(self, sid: str | None) -> str | None:
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            if self.fonts.get(sid):
                return self.fonts[sid]
            sid = self.based_on.get(sid)
        return None

    def run_font(self, run: etree._Element, paragraph: etree._Element | None) -> str | None:
        """Direct formatting, then the run's character style, the paragraph's style, the default."""
        r_style = run.find(f"{_W}rPr/{_W}rStyle")
        p_style = paragraph.find(f"{_W}pPr/{_W}pStyle") if paragraph is not None else None
        return (
            _east_asia(run.find(f"{_W}rPr"))
            or self.style_font(r_style.get(f"{_W}val") if r_style is not None else None)
            or self.style_font(p_style.get(f"{_W}val") if p_style is not None else self.default)
            or self.doc_default
        )


def _east_asia(rpr: etree._Element | None) -> str | None:
    fonts = rpr.find(f"{_W}rFonts") if rpr is not None else None
    return fonts.get(f"{_W}eastAsia") if fonts is not None else None


def check(used: set[str], in_pdf: list[str]) -> None:
    """Every font name gbt9704.md knows that the text uses must show up as its face in the PDF.

    Names outside the table (a custom template's own fonts) are not checked: nothing says which
    face is right for them.
    """
    missing = sorted(n for n in used if n in FACES and not any(re.search(FACES[n].seen_as, f) for f in in_pdf))
    if not missing:
        return
    expected = [msg("pdf.font-expected", name=n, free=FACES[n].free, package=FACES[n].package) for n in missing]
    raise ReportgenError(
        "pdf.wrong-font",
        expected=msg("pdf.list-sep").join(expected),
        used=", ".join(dict.fromkeys(in_pdf)) or "-",
        packages=" ".join(sorted({FACES[n].package for n in missing})),
    )
