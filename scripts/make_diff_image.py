"""Make docs/img/diff.png: page 1 of a `reportgen diff` output as LibreOffice shows it, changes on.

    python scripts/make_diff_image.py

The old version is sample_data/2024-h1.yaml; the new one is the same file with the edits a
reviewer makes (EDITS below): a few words, a title, a figure, a point deleted (the points after
it renumber), a paragraph split in two. Needs LibreOffice and pdftoppm, as make_doc_images.py.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generator.diff import command
from generator.render import pdf

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "2024-h1.yaml"
IMAGE = ROOT / "docs" / "img" / "diff"
RESOLUTION = "80"  # dpi: the marks must be legible

EDITS = (
    ("在公司党委的领导下", "在公司党委的坚强领导下"),
    ("紧密结合起来，\n  围绕", "紧密结合起来。\n\n  围绕"),
    ("title: 抓实理论学习，", "title: 抓实理论武装，"),
    ("value: 14, unit: 次", "value: 16, unit: 次"),
    ("        - 学习内容下沉到班组。把学习材料整理成五到十分钟就能讲完的小专题，"
     "由党员班组长在班前会上带领职工学习，做到学习提醒和安全交底一并进行。\n", ""),
)  # fmt: skip


def main() -> int:
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        print("pdftoppm is missing: apt-get install poppler-utils", file=sys.stderr)
        return 2
    text = SAMPLE.read_text(encoding="utf-8")
    for old, new in EDITS:
        if old not in text:
            print(f"the sample changed: {old!r} is not in it; update EDITS", file=sys.stderr)
            return 1
        text = text.replace(old, new)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        reviewed = folder / "2024-h1.yaml"
        reviewed.write_text(text, encoding="utf-8")
        out = folder / "2024-h1-修订.docx"
        result = command.run(str(SAMPLE), str(reviewed), out, author="党委办公室", date="2024-07-08T10:00:00")
        if result.tracked is None:
            print("\n".join(d.render() for d in result.diagnostics), file=sys.stderr)
            return 1
        page = folder / "diff.pdf"
        page.write_bytes(pdf.convert(out.read_bytes()))
        subprocess.run(
            [pdftoppm, "-png", "-r", RESOLUTION, "-f", "1", "-l", "1", "-singlefile", str(page), str(IMAGE)],
            check=True,
        )  # fmt: skip
    print(f"wrote {IMAGE.with_suffix('.png').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
