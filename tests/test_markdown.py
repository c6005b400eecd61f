"""The Markdown twin: the same paragraphs, headings and labels as the .docx, escaped, diff-friendly."""

from __future__ import annotations

import difflib
import os
import re
import subprocess

import pytest
from conftest import command, reportgen, write
from hypothesis import given
from hypothesis import strategies as st
from test_formats import DATA, NAMES, docx_shape, render, report_of

from generator.render.markdown import escape

# Markdown's characters that start markup inline; each must reach the renderer escaped.
SPECIAL = set("\\`*_[]<>|~#&$")


def unescape(text: str) -> str:
    """What a CommonMark renderer prints for escaped text: a backslash before ASCII punctuation goes."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


BOLD = re.compile(r"\*\*((?:\\.|[^\\*])+)\*\*(.*)")


def md_shape(md: str) -> list[tuple]:
    """The blocks of the Markdown in the tuples of docx_md_shape()."""
    out: list[tuple] = []
    for block in md.removesuffix("\n").split("\n\n"):
        if block.startswith("|"):
            cells = [re.split(r"(?<!\\)\|", line)[1:-1] for line in block.split("\n")]
            rows = [tuple(unescape(c.strip()) for c in row) for row in cells]
            out.append(("table", [r for i, r in enumerate(rows) if i != 1]))  # row 1 is | --- |
        elif m := re.fullmatch(r"(#+) (.+)", block):
            out.append(("h", len(m[1]), unescape(m[2])))
        elif m := BOLD.fullmatch(block):
            out.append(("bold", unescape(m[1]), unescape(m[1]) + unescape(m[2])))
        else:
            out.append(("p", unescape(block)))
    return out


def docx_md_shape(body: list[tuple], tables: list) -> list[tuple]:
    """What the Markdown of a .docx must read: Title `#`, parts `##`, heading levels one deeper
    (two with parts), run-in headings bold with their last punctuation mark after the bold (so
    that CommonMark closes the bold before Chinese text), the table with its caption in bold."""
    offset = 2 if any(b[0] == "part" for b in body) else 1
    tables = iter(tables)
    out: list[tuple] = []
    for b in body:
        if b[0] == "Title":
            out.append(("h", 1, b[1]))
        elif b[0] == "part":
            out.append(("h", 2, b[1]))
        elif b[0] == "h":
            out.append(("h", b[1] + offset, b[2]))
        elif b[0] == "run-in":
            lead, text = b[2], b[3]
            out.append(("bold", lead[:-1] if lead[-1] in "。？）.、" else lead, lead + text))
        elif b[0] == "figures":
            out += [("bold", "主要工作数据", "主要工作数据"), ("table", next(tables))]
        else:  # plain paragraphs and the signature
            out.append(("p", b[-1]))
    return out


@pytest.mark.parametrize("data", ["rich", "edge"])
@pytest.mark.parametrize("name", NAMES)
def test_markdown_and_docx_agree(data, name):
    """Every heading and run-in heading, in the same order, with the same labels and levels;
    every paragraph with the same text."""
    report = report_of(DATA / f"{data}.yaml")
    md = render(report, name, "md").decode("utf-8")
    body, tables = docx_shape(render(report, name))
    assert md_shape(md) == docx_md_shape(body, tables)


def test_markdown_headings_of_two_part():
    """By hand: parts are `##`, level-1 headings `###`, level 2 `####`; leads bold."""
    md = render(report_of(DATA / "rich.yaml"), "two-part", "md").decode("utf-8")
    lines = md.split("\n")
    headings = [line for line in lines if line.startswith("#")][:6]
    assert headings == [
        "# 青松机械厂装配车间党支部2025年上半年党建工作总结及下半年工作计划",
        "## 第一部分\u30002025年上半年党建工作总结",
        "### 一、抓好理论学习",
        "### 二、建强组织体系",
        "#### （一）规范组织生活",
        "### 三、党员怎样带头攻坚？",
    ]
    assert "**1.开好支委会**。每月召开支委会一次，重要事项集体研究。" in lines
    assert "## 第二部分\u3000下半年党建工作计划" in lines
    assert "### 十一、回应职工诉求" in lines


def test_run_in_headings_are_bold_where_commonmark_closes_them():
    """`**（一）…。**支部` would stay unbold (punctuation before `**`, a letter after): the 。 goes after."""
    lines = render(report_of(DATA / "rich.yaml"), "points", "md").decode("utf-8").split("\n")
    assert "**（一）抓好理论学习**。支部按月制定学习计划，明确领学人和学习专题。" in lines
    assert "**（三）党员怎样带头攻坚**？一是成立党员突击队两支。" in lines
    assert "**（十一）回应职工诉求**。建立职工诉求台账，限期答复。" in lines


UNTITLED = """\
organization: 测试社区党支部
period: {year: 2024, span: half, index: 1}
summary:
  items:
    - title: 加强基层治理
      items:
        - text: 网格走访全覆盖。
        - text: 矛盾纠纷及时化解。
        - title: 办好民生实事
          items:
            - text: 加装电梯两部。
problems:
  text: 不足。
plans:
  text: 继续。
"""


@pytest.mark.parametrize("name", ["standard", "flat"])
def test_items_without_a_title_start_with_their_label_not_a_bold_number(tmp_path, name):
    """`1. 网格走访…` (a list item every renderer numbers as the report does), never `**1**.网格走访…`."""
    md = render(report_of(write(tmp_path, UNTITLED)), name, "md").decode("utf-8")
    lines = md.split("\n")
    assert ["1. 网格走访全覆盖。", "2. 矛盾纠纷及时化解。", "（1）加装电梯两部。"] == [
        line for line in lines if line.endswith(("覆盖。", "化解。", "两部。"))
    ]
    assert "**" not in md
    (tmp_path / "report.md").write_text(md, encoding="utf-8")  # and import reads it back as it was
    assert reportgen("import", tmp_path / "report.md", "-o", tmp_path / "back.yaml").returncode == 0
    assert render(report_of(tmp_path / "back.yaml"), name, "md").decode("utf-8") == md


def test_figures_table_ends_the_summary():
    md = render(report_of(DATA / "rich.yaml"), "standard", "md").decode("utf-8")
    assert (
        "总体看，上半年支部工作成效明显。\n\n"
        "**主要工作数据**\n\n"
        "| 项目 | 本期 | 上期 | 增减 |\n"
        "| --- | ---: | ---: | ---: |\n"
        "| 集中学习（次） | 6 | 5 | 增加1次 |\n"
        "| 连续安全生产（天） | 181 | — | — |\n\n"
        "## 二、存在问题\n"
    ) in md


# ------------------------------------------------------------------ stable and diff-friendly


@pytest.mark.parametrize("name", NAMES)
def test_one_paragraph_a_line(name):
    report = report_of(DATA / "rich.yaml")
    md = render(report, name, "md")
    assert md == render(report, name, "md")  # stable
    text = md.decode("utf-8")
    assert text.endswith("\n") and not text.endswith("\n\n") and "\n\n\n" not in text
    blocks = text.removesuffix("\n").split("\n\n")
    assert all("\n" not in b for b in blocks if not b.startswith("|"))
    body, _ = docx_shape(render(report, name))
    # every .docx paragraph is one block; the table's caption and rows are two
    assert len(blocks) == len(body) + 1


@pytest.mark.parametrize("name", NAMES)
def test_editing_one_point_changes_one_line(tmp_path, name):
    """A git diff of two versions of a report shows the paragraph that changed, and nothing else."""
    source = (DATA / "rich.yaml").read_text(encoding="utf-8")
    edited = write(tmp_path, source.replace("党课形式比较单一。", "党课形式比较单一，吸引力不强。"))
    before = render(report_of(DATA / "rich.yaml"), name, "md").decode("utf-8").split("\n")
    after = render(report_of(edited), name, "md").decode("utf-8").split("\n")
    changed = [d for d in difflib.ndiff(before, after) if d[:1] in "+-"]
    assert len(changed) == 2, changed
    assert "吸引力不强" in changed[1]


def test_cli_writes_the_same_markdown(tmp_path):
    out = tmp_path / "rich.md"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        command("render", DATA / "rich.yaml", "-t", "flat", "--format", "md", "-o", out),
        capture_output=True, text=True, encoding="utf-8", env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == render(report_of(DATA / "rich.yaml"), "flat", "md")


# ------------------------------------------------------------------ escaping

MARKUP = """\
organization: 测试支部
period: {year: 2024, span: year}
title: "标题里有 # 和 *星号*"
summary:
  text: |
    *重点*工作和 _下划线_ 照原样打印。

    # 这不是标题

    <b>不是粗体</b> & 不是实体 &amp;

    - 不是列表

    1. 也不是列表
  items:
    - title: "A|B 两组"
      text: 表格竖线 a|b 保留，反斜杠 \\ 也保留。
problems:
  points:
    - "`反引号` 和 [方括号](链接) ~~删除线~~ $公式$"
plans:
  text: 继续努力。
"""


def test_user_text_prints_as_typed(tmp_path):
    """Each markup character is escaped, line-start markers only at the start of a line."""
    md = render(report_of(write(tmp_path, MARKUP)), "standard", "md").decode("utf-8")
    assert md.split("\n\n") == [
        r"# 标题里有 \# 和 \*星号\*",
        "## 一、基本情况",
        r"\*重点\*工作和 \_下划线\_ 照原样打印。",
        r"\# 这不是标题",
        r"\<b\>不是粗体\</b\> \& 不是实体 \&amp;",
        r"\- 不是列表",
        r"1\. 也不是列表",
        r"### （一）A\|B 两组",
        r"表格竖线 a\|b 保留，反斜杠 \\ 也保留。",
        "## 二、存在问题",
        r"一是\`反引号\` 和 \[方括号\](链接) \~\~删除线\~\~ \$公式\$",
        "## 三、下步打算",
        "继续努力。\n",
    ]


@pytest.mark.parametrize(
    ("typed", "line_start", "escaped"),
    [
        ("*强调*", False, r"\*强调\*"),
        ("a_b_c", False, r"a\_b\_c"),
        ("#话题", True, r"\#话题"),
        ("<b>粗</b>", False, r"\<b\>粗\</b\>"),
        ("甲|乙", False, r"甲\|乙"),
        ("&copy;", False, r"\&copy;"),
        ("- 一", True, r"\- 一"),
        ("- 一", False, "- 一"),  # inside a line a dash is only a dash
        ("+ 一", True, r"\+ 一"),
        ("---", True, r"\---"),
        ("> 引", True, r"\> 引"),
        ("12. 项", True, r"12\. 项"),
        ("3) 项", True, r"3\) 项"),
        ("2024.5 万元", True, "2024.5 万元"),  # not a list marker: no space after the dot
        ("C:\\路径", False, r"C:\\路径"),
        ("普通中文，不变。", True, "普通中文，不变。"),
    ],
)
def test_escape(typed, line_start, escaped):
    assert escape(typed, line_start=line_start) == escaped


@given(st.text(alphabet=st.sampled_from("\\`*_[]<>|~#&$-+=.!()1 0a中。"), min_size=1, max_size=30))
def test_escape_keeps_the_text_and_leaves_no_markup(text):
    escaped = escape(text, line_start=True)
    assert unescape(escaped) == text
    i = 0
    while i < len(escaped):  # every special character is behind a backslash
        if escaped[i] == "\\":
            i += 2
            continue
        assert escaped[i] not in SPECIAL, (text, escaped)
        i += 1
    assert not re.match(r"[-+>#]|\d{1,9}[.)](\s|$)", escaped), escaped
