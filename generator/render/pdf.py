"""PDF output: LibreOffice converts the rendered .docx, then pdffonts shows which faces it used.

Each conversion runs `soffice` with a profile of its own in a temporary folder, so parallel runs
(and a LibreOffice the user has open) never share one, and with a fontconfig file that adds
fonts/65-reportgen-cjk.conf to the system's: the official font names then resolve to the free fonts
(gbt9704.md) without the user installing anything. Windows and macOS builds of LibreOffice do not
use fontconfig; there the official fonts, or the free ones installed by hand, are what counts.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

from generator import soffice
from generator.errors import MissingProgram, ReportgenError
from generator.messages import msg
from generator.resources import folder

TIMEOUT = 120  # seconds for one conversion; a first start of a new profile takes a few
ALIASES = folder("fonts") / "65-reportgen-cjk.conf"

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


def convert(docx_bytes: bytes, stem: str) -> bytes:
    """The PDF of a .docx, its fonts checked; raises ReportgenError (exit 2) when it cannot be made."""
    program, pdffonts = find_tools()
    with tempfile.TemporaryDirectory(prefix="reportgen-pdf-", ignore_cleanup_errors=True) as tmp:
        work = Path(tmp).resolve()
        source = work / f"{stem}.docx"
        source.write_bytes(docx_bytes)
        _soffice(program, source, work)
        pdf = work / f"{stem}.pdf"
        if not pdf.is_file():  # soffice says "source file could not be loaded" and exits 0
            raise ReportgenError("pdf.failed", detail=msg("pdf.no-output"))
        check_fonts(document_fonts(docx_bytes), pdf_fonts(_pdffonts(pdffonts, pdf)))
        return pdf.read_bytes()


def find_tools() -> tuple[str, str]:
    """The paths of soffice and pdffonts; MissingProgram with the install command otherwise."""
    found = soffice.find()
    pdffonts = shutil.which("pdffonts")
    if not pdffonts:
        raise MissingProgram("pdffonts", hint=msg("pdf.hint-pdffonts"))
    return found, pdffonts


_installed_soffice = soffice.installed


def _soffice(program: str, source: Path, work: Path) -> None:
    command = soffice.convert_command(program, source, work, "pdf")
    env = dict(os.environ, FONTCONFIG_FILE=str(_fontconfig_file(work)))
    code, output = soffice.run(command, env, TIMEOUT, "pdf.timeout")
    if code != 0:
        raise ReportgenError("pdf.failed", detail=msg("pdf.exit-code", code=code, output=soffice.tail(output)))


def _fontconfig_file(work: Path) -> Path:
    """A fontconfig file: the one in force (FONTCONFIG_FILE, else the system's fonts.conf), then ours."""
    system = os.environ.get("FONTCONFIG_FILE") or "fonts.conf"  # relative: found in fontconfig's folder
    path = work / "reportgen-fonts.conf"
    path.write_text(
        '<?xml version="1.0"?>\n<fontconfig>\n'
        f'  <include ignore_missing="yes">{escape(system)}</include>\n'
        f'  <include ignore_missing="yes">{escape(str(ALIASES))}</include>\n'
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return path


def _pdffonts(pdffonts: str, pdf: Path) -> str:
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


def check_fonts(used: set[str], in_pdf: list[str]) -> None:
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
