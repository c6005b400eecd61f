"""`reportgen import` of a 20-page .docx against `render` of the same report, in one process.

    python benchmarks/import_speed.py [--pages 20] [--repeat 15] [--check-pages]

Builds one report from the benchmark corpus (corpus.py) with summary items added until its
layout holds about --pages pages of GB/T 9704 text (22 lines of 28 characters a page, each
paragraph starting a line), renders it to .docx, then times, alternating so that both see the
same machine load: `pipeline.render_file` of the data file (.yaml → .docx) and
`importer.import_file` of that .docx (.docx → .yaml). Both are warmed up once first (imports,
template cache). Prints the minimum and median of each and the ratio import / render.
--check-pages converts the .docx to PDF with LibreOffice and prints its page count.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import corpus  # noqa: E402

from generator import importer, layout, pipeline  # noqa: E402

LINE, LINES = 28, 22  # characters a line, lines a page


def pages(data_file: Path) -> float:
    report = pipeline.load(data_file).report
    lines = sum(-(-len(p.lead + p.text) // LINE) or 1 for p in layout.layout(report))
    return (lines + 3) / LINES


def build(folder: Path, wanted: float) -> Path:
    rng, pool = random.Random(2024), corpus.samples()
    data = corpus.report(1, pool, rng)
    extra = 2
    path = folder / "report.yaml"
    while True:
        path.write_text(corpus.dump(data), encoding="utf-8")
        if pages(path) >= wanted:
            return path
        more = corpus.report(extra, pool, rng)
        data["summary"]["items"] += more["summary"]["items"][:2]
        extra += 1


def timed(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=float, default=20)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--check-pages", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = build(folder, args.pages)
        docx, back = folder / "report.docx", folder / "imported.yaml"
        render = lambda: pipeline.render_file(data, docx)  # noqa: E731
        load = lambda: importer.import_file(docx, back, force=True)  # noqa: E731
        render(), load()  # warm up
        chars = sum(len(p.lead + p.text) for p in layout.layout(pipeline.load(data).report))
        print(f"report: {chars} characters, about {pages(data):.1f} pages by the layout estimate")
        if args.check_pages:
            subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(folder / 'p').as_uri()}",
                            "--convert-to", "pdf", "--outdir", tmp, str(docx)], capture_output=True)  # fmt: skip
            info = subprocess.run(["pdfinfo", str(folder / "report.pdf")], capture_output=True, text=True).stdout
            print("PDF:", next((ln for ln in info.splitlines() if ln.startswith("Pages")), "no page count"))
        renders, imports = [], []
        for _ in range(args.repeat):
            renders.append(timed(render))
            imports.append(timed(load))
    for name, runs in (("render .yaml → .docx", renders), ("import .docx → .yaml", imports)):
        print(f"{name}: min {min(runs) * 1000:.1f} ms, median {statistics.median(runs) * 1000:.1f} ms")
    ratio = statistics.median(imports) / statistics.median(renders)
    print(f"import / render (medians): {ratio:.2f}; import median {statistics.median(imports):.3f} s (target < 0.3 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
