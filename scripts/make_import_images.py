"""Make the before/after pictures of docs/import.md: page 1 of an office's own Word report, and
page 1 of what `reportgen render` makes from the data `reportgen import` read out of it.

    python scripts/make_import_images.py

The "before" report is tests/data/import/r1-halfwidth.txt typed into Word the way offices do
(python-docx: a centred bold title, bold 一、 headings, the rest as plain paragraphs with
half-width (一) and 1、 typed by hand). Needs LibreOffice, pdffonts and pdftoppm. Writes
docs/img/import-before.png and docs/img/import-after.png.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from generator import soffice
from generator.importer import import_file
from generator.pipeline import render_file

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tests" / "data" / "import" / "r1-halfwidth.txt"
IMAGES = ROOT / "docs" / "img"
RESOLUTION = "50"


def office_docx(lines: list[str], path: Path) -> None:
    document = docx.Document()
    for n, line in enumerate(lines):
        p = document.add_paragraph()
        run = p.add_run(line)
        run.font.size = Pt(22 if n == 0 else 16)
        run.font.name = "宋体"
        run.element.rPr.rFonts.set(qn("w:eastAsia"), "黑体" if n == 0 or re.match("[一二三四五六七八九十]、", line) else "宋体")
        if n == 0 or re.match("[一二三四五六七八九十]、", line):
            run.bold = True
        if n == 0:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif not re.match(r"[一二三四五六七八九十]、|\(", line):
            p.paragraph_format.first_line_indent = Pt(32)
    document.save(path)


def page_one(pdf: Path, name: str) -> None:
    prefix = IMAGES / name
    subprocess.run(["pdftoppm", "-png", "-r", RESOLUTION, "-f", "1", "-l", "1", "-singlefile", str(pdf), str(prefix)], check=True)
    print(f"wrote {prefix.with_suffix('.png').relative_to(ROOT)}")


def main() -> int:
    lines = [ln for ln in SOURCE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        before = work / "2023年度党建工作总结.docx"
        office_docx(lines, before)
        subprocess.run(soffice.convert_command(soffice.find(), before, work, "pdf"), check=True, capture_output=True)
        page_one(before.with_suffix(".pdf"), "import-before")
        data = work / "2023年度党建工作总结.yaml"
        import_file(before, data)
        result = render_file(data, work / "after.pdf", None, "pdf")
        if not result.ok:
            print("\n".join(d.render() for d in result.diagnostics), file=sys.stderr)
            return 1
        page_one(work / "after.pdf", "import-after")
    return 0


if __name__ == "__main__":
    sys.exit(main())
