"""How fast the HTML page renders, and how soon the preview redraws after a save.

    python benchmarks/preview_speed.py [--repeat 200] [--saves 15] [--pages 20]

1. In one process, after a warm-up: the median time to render the sample report as HTML
   (`pipeline.render_bytes(..., "html")`) against rendering it as .docx, the same way, alternating.
   Target: under 20 ms.
2. `reportgen preview` as a user runs it, on a report of about --pages pages (the sample's summary
   items repeated), open in headless Chromium (the system's, under Playwright). Each of --saves
   saves writes a new file and renames it over the old one, as editors do; the latency is from
   the file's mtime to the moment the page's script finished redrawing the DOM
   (window.reportgenDrawn, performance.timeOrigin + performance.now(): both clocks are the
   machine's wall clock). Target: median under 0.5 s.

Needs the test extras (playwright) and /usr/bin/chromium (or REPORTGEN_CHROMIUM).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (a sibling script)

from generator import pipeline
from generator.templating import templates  # noqa: E402

SAMPLE = ROOT / "sample_data" / "2024-h1.yaml"
CHROMIUM = os.environ.get("REPORTGEN_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def render_times(repeat: int) -> dict[str, float]:
    report = pipeline.load(SAMPLE).report
    template = templates.resolve("standard")
    times: dict[str, list[float]] = {"html": [], "docx": []}
    for i in range(repeat + 5):
        for fmt in times:
            started = time.perf_counter()
            pipeline.render_bytes(report, template, fmt)
            if i >= 5:  # the first renders compile and cache
                times[fmt].append(time.perf_counter() - started)
    return {fmt: statistics.median(t) for fmt, t in times.items()}


def long_report(copies: int) -> dict:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    items = data["summary"]["items"]
    data["summary"]["items"] = [dict(item) for _ in range(copies) for item in items]
    return data


def redraw_latencies(saves: int, pages: int, work: Path) -> tuple[list[float], int]:
    from playwright.sync_api import sync_playwright

    data_file = work / "long.yaml"
    data = long_report(max(1, round((pages - 2) / 3.6)))  # the sample: 7 pages, its summary 3.6 of them
    data_file.write_text(corpus.dump(data), encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "REPORTGEN_LANG": "en"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "preview", str(data_file), "--no-browser"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8", env=env,
    )  # fmt: skip
    try:
        url = re.search(r"http://\S+/", proc.stdout.readline())[0]
        latencies = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1000, "height": 1000})
            page.goto(url)
            page.wait_for_selector('body[data-version="1"]', state="attached")
            count = page.locator(".page").count()
            for n in range(saves):
                first = data["summary"]["items"][0]
                first["text"] = re.sub(r"（第\d+次修改）$", "", first["text"].rstrip()) + f"（第{n + 1}次修改）"
                tmp = work / f".long.{n}.tmp"
                tmp.write_text(corpus.dump(data), encoding="utf-8")
                os.replace(tmp, data_file)
                saved_ms = data_file.stat().st_mtime_ns / 1e6
                page.wait_for_selector(f'body[data-version="{n + 2}"]', state="attached", timeout=10_000)
                latencies.append((page.evaluate("window.reportgenDrawn") - saved_ms) / 1000)
                time.sleep(0.3)  # saves seconds apart, as a person saves
            browser.close()
        return latencies, count
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--saves", type=int, default=15)
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args()

    median = render_times(args.repeat)
    ratio = median["html"] / median["docx"]
    print(f"render, median of {args.repeat}: html {median['html'] * 1000:.2f} ms, docx {median['docx'] * 1000:.2f} ms")
    print(f"  html / docx = {ratio:.2f}   (target: html under 20 ms)")
    with tempfile.TemporaryDirectory() as tmp:
        latencies, pages = redraw_latencies(args.saves, args.pages, Path(tmp))
    ms = sorted(x * 1000 for x in latencies)
    print(f"redraw after save, {pages}-page report, {len(ms)} saves: median {statistics.median(ms):.0f} ms,")
    print(f"  min {ms[0]:.0f} ms, max {ms[-1]:.0f} ms   (target: median under 500 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
