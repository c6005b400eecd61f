"""Make the pictures in docs/img/: page 1 of sample_data/2024-h1.yaml in each built-in format.

Run from anywhere, after a change to a template or a format:

    python scripts/make_doc_images.py

Needs what `reportgen render --format pdf` needs (LibreOffice, pdffonts, the fonts of
docs/formats.md) and pdftoppm from poppler-utils. Writes docs/img/<format>.png.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generator.pipeline import render_file
from generator.templating import templates

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "2024-h1.yaml"
IMAGES = ROOT / "docs" / "img"
RESOLUTION = "50"  # dpi: an A4 page becomes 413 × 585 pixels, small enough for a page of docs


def main() -> int:
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        print("pdftoppm is missing: apt-get install poppler-utils", file=sys.stderr)
        return 2
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, _ in templates.builtins():
            pdf = Path(tmp) / f"{name}.pdf"
            result = render_file(SAMPLE, pdf, name, "pdf")  # the same path as `reportgen render`
            if not result.ok:
                print("\n".join(d.render() for d in result.diagnostics), file=sys.stderr)
                return 1
            prefix = IMAGES / name
            subprocess.run(
                [pdftoppm, "-png", "-r", RESOLUTION, "-f", "1", "-l", "1", "-singlefile", str(pdf), str(prefix)],
                check=True,
            )
            print(f"wrote {prefix.with_suffix('.png').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
