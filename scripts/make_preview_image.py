"""Make docs/img/preview-error.png: `reportgen preview` showing an error above the last good page.

    python scripts/make_preview_image.py

Copies sample_data/2024-h1.yaml into a temporary folder, leaves an `XX` placeholder in its intro
(a lint warning, drawn as a mark beside the paragraph), starts the preview in Chinese, then saves
the file with a misspelt key (`point:`) and takes the screenshot in headless Chromium. Needs the
test extras (playwright) and /usr/bin/chromium (or REPORTGEN_CHROMIUM).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "2024-h1.yaml"
OUT = ROOT / "docs" / "img" / "preview-error.png"
CHROMIUM = os.environ.get("REPORTGEN_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def main() -> int:
    from playwright.sync_api import sync_playwright

    text = SAMPLE.read_text(encoding="utf-8").replace("累计完成定期巡检四百余次", "累计完成定期巡检XX次", 1)
    broken = text.replace("      points:\n        - 集中学习按月不断档", "      point:\n        - 集中学习按月不断档", 1)
    assert broken != text
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "2024-h1.yaml"
        data.write_text(text, encoding="utf-8")
        env = {**os.environ, "PYTHONIOENCODING": "utf-8", "REPORTGEN_LANG": "zh"}
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "preview", data.name, "--no-browser"],
            cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8", env=env,
        )  # fmt: skip
        try:
            url = re.search(r"http://\S+/", proc.stdout.readline())[0]
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_page(viewport={"width": 1000, "height": 860}, device_scale_factor=1)
                page.goto(url)
                page.wait_for_selector('body[data-version="1"]', state="attached")
                tmp_file = data.with_suffix(".tmp")
                tmp_file.write_text(broken, encoding="utf-8")
                os.replace(tmp_file, data)
                page.wait_for_selector('body[data-state="errors"]', state="attached")
                page.locator("#warnings").evaluate("el => el.open = true")
                page.screenshot(path=str(OUT))
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
