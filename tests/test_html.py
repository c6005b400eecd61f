"""The HTML writer: the .docx's paragraphs in the .docx's order, escaped, self-contained."""

from __future__ import annotations

import re

import lxml.html
import pytest
from conftest import MINIMAL, ROOT, SAMPLES, reportgen, write
from test_formats import DATA, FIG, NAMES, docx_shape, render, report_of

from generator import layout
from generator.diagnostics import Diagnostic
from generator.render import html
from generator.templating.context import build as context_of


def galley(page: bytes | str):
    doc = lxml.html.fromstring(page)
    (article,) = doc.find_class("galley")
    return article


def html_shape(page: bytes | str) -> tuple[list[tuple], list]:
    """The blocks of the page in docx_shape()'s tuples, and the rows of its tables."""
    out: list[tuple] = []
    tables = []
    for el in galley(page):
        cls = el.get("class", "").split()
        for m in el.find_class("mark"):  # lint marks are not text (none in a rendered file)
            m.drop_tree()
        text = el.text_content()
        if el.tag == "h1":
            out.append(("Title", text))
        elif el.tag == "h2":
            out.append(("part", text))
        elif re.fullmatch(r"h[3-6]", el.tag):
            (level,) = [int(c[1:]) for c in cls if re.fullmatch(r"l\d", c)]
            out.append(("h", level, text))
        elif el.tag == "table":
            assert out[-1] == ("caption", "主要工作数据")
            out[-1] = FIG
            tables.append([tuple(c.text_content() for c in row) for row in el.iter("tr")])
        elif "caption" in cls:
            out.append(("caption", text))
        elif "signature" in cls:
            out.append(("Signature", text))
        elif "date" in cls:
            out.append(("Signature Date", text))
        elif leads := el.find_class("lead"):
            (lead,) = leads
            (level,) = [int(c[1:]) for c in lead.get("class").split() if re.fullmatch(r"l\d", c)]
            out.append(("run-in", level, lead.text_content(), text[len(lead.text_content()) :]))
        else:
            assert el.tag == "p" and not cls, lxml.html.tostring(el)
            out.append(("p", text))
    return out, tables


SOURCES = [DATA / "rich.yaml", DATA / "edge.yaml", *sorted(SAMPLES.glob("*.yaml"))]


@pytest.mark.parametrize("data", SOURCES, ids=lambda p: p.stem)
@pytest.mark.parametrize("name", NAMES)
def test_html_has_the_paragraphs_of_the_docx(data, name):
    """Every paragraph of the .docx, in order, with the same kind, level, lead and text; the table's cells."""
    report = report_of(data)
    assert html_shape(render(report, name, "html")) == docx_shape(render(report, name))


def test_heading_elements_follow_the_outline():
    """h1 the title, h2 the 第N部分 parts, the heading levels below them (one deeper with parts)."""
    report = report_of(DATA / "rich.yaml")
    std = galley(render(report, "standard", "html"))
    assert [(e.tag, e.text_content()) for e in std if e.tag[0] == "h"][:3] == [
        ("h1", "青松机械厂装配车间党支部2025年上半年党建工作总结及下半年工作计划"),
        ("h3", "一、基本情况"),
        ("h4", "（一）抓好理论学习"),
    ]
    two = galley(render(report, "two-part", "html"))
    assert [(e.tag, e.text_content()) for e in two if e.tag[0] == "h"][1:4] == [
        ("h2", "第一部分\u30002025年上半年党建工作总结"),
        ("h4", "一、抓好理论学习"),
        ("h4", "二、建强组织体系"),
    ]


MARKUP = MINIMAL.replace("完成了工作。", "a<b>c</b> & {{ org }} {% if x %} &amp; <script>alert(1)</script> 两个  空格")


def test_user_text_prints_as_typed(tmp_path):
    page = render(report_of(write(tmp_path, MARKUP)), "standard", "html").decode("utf-8")
    assert "<b>" not in page and "<script>alert" not in page
    assert "a&lt;b&gt;c&lt;/b&gt; &amp; {{ org }} {% if x %} &amp;amp; &lt;script&gt;" in page
    (p,) = [e for e in galley(page) if "{{" in e.text_content()]
    assert p.text_content() == "a<b>c</b> & {{ org }} {% if x %} &amp; <script>alert(1)</script> 两个  空格"


def test_page_is_self_contained():
    """No address outside the file: no src or href but data:, no url(), no @import; a policy that
    forbids loading anything (fonts come by name, from the machine)."""
    page = render(report_of(SAMPLES / "2024-h1.yaml"), "standard", "html").decode("utf-8")
    doc = lxml.html.fromstring(page)
    links = [v for el in doc.iter() for k, v in el.attrib.items() if k in ("src", "href", "action", "data")]
    assert links == ["data:,"]
    assert "url(" not in page and "@import" not in page and "http" not in page.replace("http-equiv", "")
    (policy,) = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert policy.startswith("default-src 'none';")
    # the hashes allow exactly the inline style and script
    (style,) = doc.xpath("//style/text()")
    (script,) = doc.xpath("//script/text()")
    assert html.csp_hash(style) in policy and html.csp_hash(script) in policy


def test_fonts_by_name_with_the_free_fallbacks():
    css = html.asset("report.css")
    body = re.search(r"--fangsong: ([^;]+);", css)[1]
    assert body.index('"仿宋_GB2312"') < body.index('"Noto Serif CJK SC"')
    assert '"AR PL KaitiM GB"' in re.search(r"--kaiti: ([^;]+);", css)[1]
    assert '"Noto Sans CJK SC"' in re.search(r"--heiti: ([^;]+);", css)[1]
    assert 'local("方正小标宋简体")' in css and 'local("Noto Serif CJK SC Bold")' in css
    for measure in ("210mm", "297mm", "left: 28mm", "top: 37mm", "height: 225mm", "width: 156mm", "28.95pt"):
        assert measure in css


def test_cli_writes_html_beside_the_data(tmp_path):
    data = write(tmp_path, MINIMAL, "报告 一.yaml")
    done = reportgen("render", data, "--format", "html")
    assert done.returncode == 0, done.stderr
    out = tmp_path / "报告 一.html"
    assert out.read_bytes() == render(report_of(data), "standard", "html")


def test_custom_template_renders_the_default_layout_with_a_note(tmp_path):
    data = write(tmp_path, MINIMAL)
    custom = ROOT / "examples" / "house-template.docx"
    done = reportgen("render", data, "-t", custom, "--format", "html", "-o", tmp_path / "out.html")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert html_shape(page) == html_shape(render(report_of(data), "standard", "html"))
    (note,) = lxml.html.fromstring(page).find_class("note")
    assert "house-template.docx" in note.text_content() and "standard" in note.text_content()


# ------------------------------------------------------------------ where lint marks go


def test_paragraphs_know_the_fields_they_print():
    report = report_of(DATA / "rich.yaml")
    std = layout.layout(report, "standard")
    first_item = next(p for p in std if p.text == "（一）抓好理论学习")
    assert first_item.paths == (("summary", "items", 0, "title"),)
    # inline points run on in the block's last text paragraph: it prints the text and every point
    inline = next(p for p in std if p.text.startswith("学习做到"))
    item = ("summary", "items", 0)
    assert inline.paths == (item + ("text",), item + ("points", 0), item + ("points", 1), item + ("points", 2))
    points = layout.layout(report, "points")
    third = next(p for p in points if p.text.startswith("三是线上学习"))
    assert third.paths == (("summary", "items", 0, "points", 2),)
    run_in = next(p for p in points if p.lead.startswith("（一）"))
    assert run_in.paths[0] == ("summary", "items", 0, "title")
    # paths are not part of a paragraph's identity
    assert layout.Paragraph("body", text="x", paths=(("a",),)) == layout.Paragraph("body", text="x")


def _finding(path: str) -> Diagnostic:
    return Diagnostic("f.yaml", 3, 5, level="warning", code="placeholder", path=path, message="m")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("summary.items[0].points[2]", "三是线上学习坚持每日打卡。"),  # exactly the point's paragraph
        ("summary.items[0].title", "（一）抓好理论学习。"),  # the paragraph its run-in heading starts
        ("summary.items[1]", "（二）建强组织体系"),  # a block: its first paragraph
        ("problems", "二、存在的问题"),
        ("figures.safe_days.value", "主要工作数据"),  # inside the table: its caption
        ("organization", html.TITLE),
        ("period.year", html.TITLE),
        ("signature.date", html.SIGNATURE),
        ("template", None),
        ("", None),
    ],
)
def test_findings_are_placed_beside_their_paragraph(path, expected):
    report = report_of(DATA / "rich.yaml")
    context = context_of(report, layout.LAYOUTS["points"])
    paragraphs = context["paragraphs"]
    found = _finding(path)
    placed = html.place([found], paragraphs)
    if expected is None:
        assert placed == {}
        return
    ((slot, ds),) = placed.items()
    assert ds == [found]
    if isinstance(slot, int):
        p = paragraphs[slot]
        assert (p.lead + p.text if p.kind != "figures" else "主要工作数据").startswith(expected)
    else:
        assert slot == expected


def test_marks_are_drawn_but_are_not_text():
    report = report_of(DATA / "rich.yaml")
    context = context_of(report, layout.LAYOUTS["standard"])
    marks = html.place([_finding("summary.items[0].title")], context["paragraphs"])
    article = lxml.html.fromstring(f'<article class="galley">{html.article(context, marks)}</article>')
    (flagged,) = article.find_class("flagged")
    (mark,) = flagged.find_class("mark")
    assert "3:5 warning[placeholder]: m" in mark.get("title")
    assert flagged.get("id") == html.anchor(next(iter(marks)))
    mark.drop_tree()
    assert flagged.text_content() == "（一）抓好理论学习"
