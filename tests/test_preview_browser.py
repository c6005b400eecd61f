"""The preview and the HTML page in a real browser: headless Chromium (the system's) under Playwright.

The live tests run `reportgen preview` as a user does and change the data file on disk; the
geometry tests measure the pages, in the DOM and in a screenshot, against GB/T 9704's numbers.
"""

from __future__ import annotations

import base64
import re
import shutil
import subprocess

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, MINIMAL, SAMPLES, requires_browser, write
from test_preview_server import BROKEN, save, start

pytestmark = requires_browser

MM = 96 / 25.4  # CSS pixels a millimetre
PT = 96 / 72
WAIT = 15_000  # ms: a generous bound on a shared machine; the speed is measured in benchmarks/


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 1000}, device_scale_factor=1)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert errors == []  # no script error, no CSP violation thrown at the page's own code


@pytest.fixture
def preview(tmp_path):
    """Start `reportgen preview` on a data file; yields (data file, url)."""
    procs = []

    def run(text: str, *args: str, lang: str = "en"):
        data = write(tmp_path, text)
        proc, line = start(data, *args, lang=lang)
        procs.append(proc)
        match = re.search(r"http://127\.0\.0\.1:\d+/[\w-]+/", line)
        assert match, line + proc.stderr.read()
        return data, match[0]

    yield run
    for proc in procs:
        proc.terminate()
        proc.communicate(timeout=10)


def book_text(pg) -> str:
    return pg.locator(".book").inner_text()


def test_redraws_on_save_and_shows_errors_where_they_are(page, preview):
    from playwright.sync_api import expect

    data, url = preview(MINIMAL)
    page.goto(url)
    expect(page.locator(".page").first).to_be_visible(timeout=WAIT)
    assert "完成了工作。" in book_text(page)
    assert page.locator(".page .folio").first.inner_text() == "— 1 —"

    save(data, MINIMAL.replace("完成了工作。", "完成了全年的重点工作。"))
    expect(page.locator(".book")).to_contain_text("完成了全年的重点工作。", timeout=WAIT)
    pages_before = page.locator(".page").count()

    save(data, BROKEN.replace("完成了工作。", "完成了全年的重点工作。"))
    problems = page.locator("#problems")
    expect(problems).to_be_visible(timeout=WAIT)
    expect(problems.locator("code")).to_have_text(re.compile(rf"^{re.escape(str(data))}:9:3: error: plans\.titel: "))
    expect(problems.locator("pre")).to_have_text("9 |   titel: 错")
    expect(problems.locator("pre mark")).to_have_text("t")
    expect(problems).to_contain_text("last had no errors")
    # the last good render stays, page for page
    assert "完成了全年的重点工作。" in book_text(page) and page.locator(".page").count() == pages_before
    assert page.locator("body").get_attribute("data-state") == "errors"

    save(data, MINIMAL.replace("完成了工作。", "完成了改正后的工作。"))
    expect(problems).to_be_hidden(timeout=WAIT)
    expect(page.locator(".book")).to_contain_text("完成了改正后的工作。")
    assert "完成了全年的重点工作。" not in book_text(page)


def test_a_yaml_syntax_error_is_located_in_chinese(page, preview):
    from playwright.sync_api import expect

    data, url = preview(MINIMAL, lang="zh")
    page.goto(url)
    expect(page.locator(".page").first).to_be_visible(timeout=WAIT)
    save(data, MINIMAL.replace("  text: 继续努力。", "  text: [继续努力。"))
    problems = page.locator("#problems")
    expect(problems).to_be_visible(timeout=WAIT)
    expect(problems.locator("h2")).to_contain_text("错误")
    expect(problems.locator("code")).to_contain_text(f"{data}:")
    expect(problems).to_contain_text("下面是最后一次没有错误时的样子")


def test_template_picker_switches_the_layout(page, preview):
    from playwright.sync_api import expect

    data, url = preview(MINIMAL)
    page.goto(url)
    expect(page.locator(".book")).to_contain_text("一、基本情况", timeout=WAIT)
    page.select_option("#template", "two-part")
    expect(page.locator(".book")).to_contain_text("第一部分\u30002024年上半年党建工作总结", timeout=WAIT)
    assert "template=two-part" in page.url
    page.reload()  # the choice is in the address
    expect(page.locator(".book")).to_contain_text("第一部分", timeout=WAIT)
    save(data, MINIMAL.replace("继续努力。", "继续努力，再上台阶。"))  # saves redraw in the chosen layout
    expect(page.locator(".book")).to_contain_text("再上台阶", timeout=WAIT)
    assert "第二部分" in book_text(page)


def test_lint_warnings_are_marks_beside_their_paragraph(page, preview):
    from playwright.sync_api import expect

    _, url = preview(MINIMAL.replace("学习不够深入。", "学习XX次还不够深入。"))
    page.goto(url)
    flagged = page.locator(".page .flagged", has_text="学习XX次还不够深入")
    expect(flagged).to_be_visible(timeout=WAIT)
    mark = flagged.locator(".mark")
    assert "placeholder" in mark.get_attribute("title")
    text_box = page.locator(".page .text").first.bounding_box()
    box, line = mark.bounding_box(), flagged.bounding_box()
    assert box["x"] + box["width"] < text_box["x"]  # in the left margin
    assert line["y"] <= box["y"] and box["y"] + box["height"] <= line["y"] + 28.95 * PT  # beside its first line
    expect(page.locator("#warnings summary")).to_contain_text("lint warning")


# ------------------------------------------------------------------ the page against GB/T 9704

GEOMETRY = """() => {
  const mm = px => px * 25.4 / 96;
  return Array.from(document.querySelectorAll('.page')).map(page => {
    const p = page.getBoundingClientRect(), t = page.querySelector('.text').getBoundingClientRect();
    const folio = page.querySelector('.folio'), range = document.createRange();
    range.selectNodeContents(folio);
    const f = range.getBoundingClientRect();
    const lines = new Map();
    for (const el of page.querySelectorAll('.text p, .text h1, .text h2, .text h3, .text h4, .text h5, .text h6')) {
      range.selectNodeContents(el);
      for (const r of range.getClientRects()) if (r.width > 0) {
        const key = Math.round(r.top * 4);
        lines.set(key, Object.assign(lines.get(key) || {top: r.top, bottom: r.bottom, left: r.left, right: r.right}, {}));
        const l = lines.get(key);
        l.left = Math.min(l.left, r.left); l.right = Math.max(l.right, r.right); l.bottom = Math.max(l.bottom, r.bottom);
      }
    }
    const rows = Array.from(lines.values()).sort((a, b) => a.top - b.top);
    return {
      width: mm(p.width), height: mm(p.height),
      left: mm(t.left - p.left), top: mm(t.top - p.top), right: mm(p.right - t.right), bottom: mm(p.bottom - t.bottom),
      folioMiddle: mm((f.top + f.bottom) / 2 - t.bottom), folioLeft: mm(f.left - t.left), folioRight: mm(t.right - f.right),
      odd: page.classList.contains('odd'),
      lines: rows.map(r => ({top: mm(r.top - t.top), bottom: mm(r.bottom - t.top), left: mm(r.left - t.left), right: mm(t.right - r.right)})),
    };
  });
}"""

INK = """async ([png, band]) => {
  const img = new Image();
  img.src = 'data:image/png;base64,' + png;
  await img.decode();
  const c = document.createElement('canvas');
  c.width = img.width; c.height = img.height;
  const g = c.getContext('2d');
  g.drawImage(img, 0, 0);
  const d = g.getImageData(0, 0, c.width, c.height).data;
  const boxes = [null, null];
  for (let y = 0; y < c.height; y++) for (let x = 0; x < c.width; x++) {
    const i = (y * c.width + x) * 4;
    if (d[i] + d[i + 1] + d[i + 2] > 300) continue;
    const k = y < band ? 0 : 1, b = boxes[k] || (boxes[k] = {left: x, right: x, top: y, bottom: y});
    b.left = Math.min(b.left, x); b.right = Math.max(b.right, x); b.top = Math.min(b.top, y); b.bottom = Math.max(b.bottom, y);
  }
  return {width: c.width, height: c.height, text: boxes[0], folio: boxes[1]};
}"""


@pytest.fixture(scope="module")
def sample_page(browser, tmp_path_factory):
    """The HTML file `render --format html` writes for the sample, open in the browser."""
    from test_formats import render, report_of

    out = tmp_path_factory.mktemp("html") / "2024-h1.html"
    out.write_bytes(render(report_of(SAMPLES / "2024-h1.yaml"), "standard", "html"))
    context = browser.new_context(viewport={"width": 1000, "height": 1200}, device_scale_factor=1)
    pg = context.new_page()
    pg.goto(out.as_uri())
    pg.locator(".page").first.wait_for()
    yield pg
    context.close()


def test_pages_have_the_gbt9704_geometry(sample_page):
    pages = sample_page.evaluate(GEOMETRY)
    assert len(pages) >= 5
    for n, p in enumerate(pages, 1):
        assert p["odd"] == (n % 2 == 1)
        assert abs(p["width"] - 210) < 1 and abs(p["height"] - 297) < 1  # A4
        for side, want in (("top", 37), ("left", 28), ("right", 26), ("bottom", 35)):
            assert abs(p[side] - want) < 1, (n, side, p[side])
        assert abs(p["folioMiddle"] - 7) < 1  # 7 mm below the text area
        if p["odd"]:  # one character (14 pt) in from the right edge, or the left one on even pages
            assert abs(p["folioRight"] - 14 / 72 * 25.4) < 1
        else:
            assert abs(p["folioLeft"] - 14 / 72 * 25.4) < 1
        lines = p["lines"]
        assert len(lines) <= 22 and all(-0.1 < line["top"] and line["bottom"] < 225.1 for line in lines)
    full = [p for p in pages[1:-1] if len(p["lines"]) == 22]
    assert full, [len(p["lines"]) for p in pages]  # body pages hold 22 lines…
    tops = [line["top"] for line in full[0]["lines"]]
    pitches = [b - a for a, b in zip(tops, tops[1:])]
    assert all(abs(d - 28.95 / 72 * 25.4) < 0.05 for d in pitches)  # …of 28.95 pt each


def test_lines_hold_28_characters(sample_page):
    """The first paragraph's second line: 28 characters, from margin to margin (justified)."""
    counts = sample_page.evaluate("""() => {
      const p = document.querySelector('.page .text p'), walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const tops = new Map(), range = document.createRange();
      for (let n = walker.nextNode(); n; n = walker.nextNode()) for (let i = 0; i < n.length; i++) {
        range.setStart(n, i); range.setEnd(n, i + 1);
        const key = Math.round(range.getClientRects()[0].top);
        tops.set(key, (tops.get(key) || 0) + 1);
      }
      return Array.from(tops.values());
    }""")
    assert counts[0] == 26 and counts[1] == 28  # the first line indented by two characters


def test_screenshot_ink_stays_in_the_text_area(sample_page, browser):
    """In pixels at 96 dpi: the page is A4 wide; text ink fills the text area from margin to
    margin and no further; the page number sits in the bottom margin, inside on even pages."""
    for n in (1, 2):
        png = sample_page.locator(".page").nth(n - 1).screenshot()
        scratch = browser.new_page()
        ink = scratch.evaluate(INK, [base64.b64encode(png).decode("ascii"), round(262 * MM)])
        scratch.close()
        assert abs(ink["width"] / MM - 210) < 1 and abs(ink["height"] / MM - 297) < 1
        text, folio = ink["text"], ink["folio"]
        assert abs(text["left"] / MM - 28) < 1 and abs((ink["width"] - text["right"]) / MM - 26) < 1
        assert text["top"] / MM >= 37 and text["bottom"] / MM <= 262
        middle = (folio["top"] + folio["bottom"]) / 2 / MM
        assert abs(middle - 269) < 1.5
        inset = 14 / 72 * 25.4
        if n % 2:
            assert abs((ink["width"] - folio["right"]) / MM - (26 + inset)) < 1
        else:
            assert abs(folio["left"] / MM - (28 + inset)) < 1


def test_fonts_are_the_official_ones_or_their_free_fallbacks(sample_page):
    """On this machine (no official fonts): Noto Serif CJK for 仿宋 text, Noto Sans CJK for 黑体,
    AR PL KaitiM GB for 楷体, the bold Noto Serif for the title, Liberation Serif for digits."""
    cdp = sample_page.context.new_cdp_session(sample_page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]

    def faces(selector: str) -> set[str]:
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        return {f["postScriptName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}

    installed = subprocess.run(["fc-list"], capture_output=True, text=True).stdout if shutil.which("fc-list") else ""
    if "FangSong" in installed or "仿宋" in installed:
        pytest.skip("the official fonts are installed here")
    assert faces(".page h1.title") <= {"NotoSerifCJKsc-Bold", "LiberationSerif"}
    assert "NotoSerifCJKsc-Regular" in faces(".page .text > p:not(.caption)")
    assert faces(".page h3.l1") <= {"NotoSansCJKsc-Regular", "LiberationSerif"}
    assert "GBZenKai-Medium" in faces(".page h4.l2")
    assert "LiberationSerif" in faces(".page .text > p:nth-of-type(3)")  # 2024年, 96%: digits in Times' stand-in


def test_print_gives_the_same_pages(page, preview, tmp_path):
    """The browser's own Print → PDF: one A4 sheet a page, no toolbar, the page numbers."""
    from playwright.sync_api import expect

    _, url = preview(MINIMAL.replace("完成了工作。", "完成了工作。" * 200))
    page.goto(url)
    expect(page.locator(".page").nth(1)).to_be_visible(timeout=WAIT)
    count = page.locator(".page").count()
    pdf = page.pdf(prefer_css_page_size=True)
    sizes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert len(sizes) == count
    assert all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in sizes)
    if shutil.which("pdftotext"):
        (tmp_path / "p.pdf").write_bytes(pdf)
        text = subprocess.run(["pdftotext", str(tmp_path / "p.pdf"), "-"], capture_output=True, text=True).stdout
        numbers = [int(n) for n in re.findall(r"—\s*(\d+)\s*—", text)]
        assert numbers == list(range(1, count + 1))
        assert "Layout" not in text and "Print" not in text  # the toolbar does not print


def test_without_the_script_the_browser_still_prints_pages(browser, tmp_path):
    """The written file printed with JavaScript off: the browser cuts the pages itself, with the
    GB/T margins and the page numbers of the stylesheet's @page rules; no blank first sheet."""
    from test_formats import render, report_of

    out = tmp_path / "r.html"
    out.write_bytes(render(report_of(SAMPLES / "2024-h1.yaml"), "standard", "html"))
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(out.as_uri())
    pdf = pg.pdf(prefer_css_page_size=True)
    context.close()
    assert len(re.findall(rb"/MediaBox", pdf)) >= 5
    if shutil.which("pdftotext"):
        (tmp_path / "r.pdf").write_bytes(pdf)
        first = subprocess.run(
            ["pdftotext", "-f", "1", "-l", "1", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True
        ).stdout
        assert first.startswith("星河能源公司") and re.search(r"—\s*1\s*—", first)
