"""Make docs/img/review-page.png and docs/img/review-diff.png for docs/review.md.

    python scripts/make_review_images.py

1. review-page.png: page 1 of sample_data/2024-h1.yaml as a reviewer sends it back — edited with
   修订 on and two 批注 (one with a reply), saved the way Word saves it (tests/reviewdocs.py) —
   as LibreOffice prints it with the changes shown and the comments in the margin;
2. review-diff.png: `git diff` of the data file after `reportgen update --from` that document,
   drawn by Chromium from the diff's text.
Needs LibreOffice, pdftoppm and chromium.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import reviewdocs as rd  # noqa: E402

from generator import pipeline  # noqa: E402

SAMPLE = ROOT / "sample_data" / "2024-h1.yaml"
IMAGES = ROOT / "docs" / "img"
MARGIN = 'pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"}}'
GIT = ["git", "-c", "user.name=支部书记", "-c", "user.email=secretary@example.invalid", "-c", "commit.gpgsign=false"]


def edits(paras: list[str]) -> list:
    def at(start: str) -> int:
        return next(n for n, p in enumerate(paras) if p.startswith(start))

    intro = at("今年上半年")
    first = at("支部把政治理论学习")
    title = at("（一）抓实理论学习")
    n = paras[intro].index("新的提升")
    k = paras[first].index("14次")
    return [
        rd.Replace(intro, n, n + 2, "明显"),
        rd.Replace(title, 5, 7, "武装"),
        rd.Replace(first, k, k + 2, "16"),
        rd.InsertAfter(first, "支部还组织党员赴红色教育基地开展现场教学一次。"),
        rd.Comment(intro, 0, 4, "党委办公室", "请补充上半年的主要数据", replies=[("支部书记", "已在第二段补充")]),
        rd.Comment(first, k, k + 3, "党委办公室", "次数请与台账核对"),
    ]


def main() -> int:
    tools = {name: shutil.which(name) for name in ("soffice", "pdftoppm", "chromium", "git")}
    if not all(tools.values()):
        print(f"missing: {[n for n, p in tools.items() if not p]}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = work / "2024H1.yaml"
        shutil.copy(SAMPLE, data)
        loaded = pipeline.load(data)
        docx = pipeline.render_bytes(loaded.report, pipeline.choose_template(loaded.report, data, None), "docx")
        reviewed = work / "2024H1-审阅.docx"
        reviewed.write_bytes(rd.reviewed(docx, edits(rd.texts(docx)), tracked=True, flavour="word", seed=7))
        subprocess.run(
            [tools["soffice"], f"-env:UserInstallation=file://{work}/profile", "--headless",
             "--convert-to", MARGIN, "--outdir", str(work), str(reviewed)],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        subprocess.run(
            [tools["pdftoppm"], "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
             str(reviewed.with_suffix(".pdf")), str(IMAGES / "review-page")],
            check=True,
        )  # fmt: skip
        subprocess.run(["git", "init", "-q"], cwd=work, check=True)
        subprocess.run([*GIT, "add", data.name], cwd=work, check=True)
        subprocess.run([*GIT, "commit", "-qm", "送审稿"], cwd=work, check=True)
        done = subprocess.run(
            [sys.executable, "-m", "generator", "update", data.name, "--from", reviewed.name],
            cwd=work, capture_output=True, text=True, encoding="utf-8",
        )  # fmt: skip
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return 1
        diff = subprocess.run(["git", "diff", "--no-color"], cwd=work, capture_output=True, text=True, encoding="utf-8").stdout
        page = work / "diff.html"
        page.write_text(_page("$ reportgen update 2024H1.yaml --from 2024H1-审阅.docx\n" + done.stderr + "\n$ git diff\n" + diff), encoding="utf-8")
        subprocess.run(
            [tools["chromium"], "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--screenshot={IMAGES / 'review-diff.png'}", "--window-size=1100,900", page.as_uri()],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
    print("wrote docs/img/review-page.png, docs/img/review-diff.png")
    return 0


def _page(text: str) -> str:
    lines = []
    for line in text.splitlines():
        color = "#1a7f37" if line.startswith("+") and not line.startswith("+++") else ""
        color = "#cf222e" if line.startswith("-") and not line.startswith("---") else color
        color = "#0550ae" if line.startswith("@@") else color
        style = f' style="color:{color}"' if color else ""
        lines.append(f"<div{style}>{html.escape(line) or '&nbsp;'}</div>")
    return (
        "<!doctype html><meta charset=utf-8><body style='margin:16px;font:14px/1.45 \"Noto Sans Mono CJK SC\",monospace;"
        "white-space:pre-wrap;background:#fff'>" + "".join(lines) + "</body>"
    )


if __name__ == "__main__":
    sys.exit(main())
