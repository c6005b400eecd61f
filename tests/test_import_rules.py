"""The reading rules of import.md, one test each, on small inputs written by hand (original text)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml
from docxbuild import P, levels, make

from generator import pipeline
from generator.importer import import_file
from generator.importer.paragraphs import ImportFailed

TITLE = "青松机械厂装配车间党支部2024年上半年党建工作总结及下半年工作计划"
BODY = ["一、基本情况", "（一）抓好学习", "全年集中学习六次。", "二、存在问题", "学习还不够深入。", "三、下步打算", "继续抓好学习。"]


def run(tmp_path: Path, name: str, content: str | bytes | list[str], **kw):
    """Import a file written from `content`; the data as read back, and the result."""
    path = tmp_path / name
    if isinstance(content, list):
        content = "\n".join(content) + "\n"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    out = tmp_path / (path.stem + "-out.yaml")
    done = import_file(path, out, force=True, **kw)
    loaded = pipeline.load(out)
    assert loaded.ok, loaded.diagnostics  # what import writes validates
    return yaml.safe_load(out.read_text(encoding="utf-8")), done


def find(data, title: str) -> dict:
    """The block titled `title`, wherever the format put it."""
    blocks = [data[p] for p in ("summary", "problems", "causes", "plans") if p in data]
    while blocks:
        b = blocks.pop(0)
        if b.get("title") == title:
            return b
        blocks += b.get("items", [])
    raise AssertionError(f"no block titled {title}: {data}")


def messages(done) -> str:
    return "\n".join(d.render() for d in done.diagnostics)


# ---------------------------------------------------------------- title → organisation and period


@pytest.mark.parametrize(
    ("title", "org", "period", "kept"),
    [
        (TITLE, "青松机械厂装配车间党支部", {"year": 2024, "span": "half", "index": 1}, False),
        ("白桦县农技推广站党支部2023年度党建工作总结", "白桦县农技推广站党支部", {"year": 2023, "span": "year"}, True),
        ("澜湾港务集团装卸二队党支部2025年第三季度工作总结", "澜湾港务集团装卸二队党支部", {"year": 2025, "span": "quarter", "index": 3}, True),
        ("澜湾港务集团装卸二队党支部2025年一季度党建工作总结", "澜湾港务集团装卸二队党支部", {"year": 2025, "span": "quarter", "index": 1}, True),
        ("示例公司机关党支部二〇二四年下半年工作报告", "示例公司机关党支部", {"year": 2024, "span": "half", "index": 2}, True),
    ],
)
def test_the_title_names_the_organisation_and_the_period(tmp_path, title, org, period, kept):
    data, _ = run(tmp_path, "r.txt", [title, *BODY])
    assert data["organization"] == org and data["period"] == period
    assert data.get("title") == (title if kept else None)  # kept only when the composed one differs


def test_flags_supply_and_override_the_title(tmp_path):
    data, _ = run(tmp_path, "r.txt", [TITLE, *BODY], org="示例党支部", period="2024Q2")
    assert data["organization"] == "示例党支部" and data["period"] == {"year": 2024, "span": "quarter", "index": 2}
    assert data["title"] == TITLE  # the title as the report had it
    with pytest.raises(ImportFailed, match="--period"):  # no year in the title, the opening or a sign-off
        run(tmp_path, "r.txt", ["党建工作总结", *BODY], org="示例党支部")


def test_without_flags_the_organisation_and_period_are_guessed_from_the_text(tmp_path):
    opening = "今年以来，我们青松机械厂装配车间党支部紧扣生产任务抓党建。"
    data, done = run(tmp_path, "r.txt", ["2024年上半年党建工作总结", opening, *BODY])
    assert data["organization"] == "青松机械厂装配车间党支部" and data["period"]["span"] == "half"
    assert "r.txt:2: warning[import]" in messages(done) and "青松机械厂装配车间党支部" in messages(done)
    opening = "今年以来，在厂党委的正确领导下，我们青松机械厂装配车间党支部紧扣生产任务抓党建。"
    data, done = run(tmp_path, "r.txt", ["2024年上半年党建工作总结", opening, *BODY])
    assert data["organization"] == "青松机械厂装配车间党支部"  # not the 厂党委 it works under
    opening = "2023年，澜湾港务集团装卸二队党支部围绕安全生产开展工作。"
    data, done = run(tmp_path, "r.txt", ["党建工作总结", opening, *BODY])
    assert data["organization"] == "澜湾港务集团装卸二队党支部" and data["period"] == {"year": 2023, "span": "year"}
    data, done = run(tmp_path, "r.txt", ["党建工作总结", *BODY, "白桦县农技站党支部", "2025年1月6日"])
    assert data["organization"] == "白桦县农技站党支部" and data["period"] == {"year": 2024, "span": "year"}
    assert "落款日期" in messages(done)
    data, done = run(tmp_path, "r.txt", ["三季度党建工作总结", *BODY, "白桦县农技站党支部", "2024年10月8日"])
    assert data["period"] == {"year": 2024, "span": "quarter", "index": 3}
    data, done = run(tmp_path, "r.txt", ["下半年党建工作总结", *BODY, "白桦县农技站党支部", "2025年1月6日"])
    assert data["period"] == {"year": 2024, "span": "half", "index": 2}


def test_an_organisation_named_nowhere_is_a_placeholder_with_a_warning_at_the_title(tmp_path):
    data, done = run(tmp_path, "r.txt", ["2024年党建工作总结", "全年各项工作稳步推进。", *BODY])
    assert data["organization"] == "XX"
    assert "r.txt:1: warning[import]" in messages(done) and "--org" in messages(done)


# ---------------------------------------------------------------- labels


def test_labels_of_every_kind_and_width_are_stripped(tmp_path):
    data, _ = run(tmp_path, "r.txt", [
        TITLE, "一、基本情况", "(一)抓好学习", "1、开好支委会。每月一次。", "2．上好党课", "（1） 讲党课。书记讲了两次。",
        "(2)听党课。党员都参加。", "(二) 建强组织", "支部建了两个小组。", "二. 存在问题", "学习不深。", "三、下步打算",
        "１．继续学习。每月一次。",
    ])  # fmt: skip
    study = find(data, "抓好学习")
    assert [i["title"] for i in study["items"]] == ["开好支委会", "上好党课"]
    assert [i["title"] for i in find(data, "上好党课")["items"]] == ["讲党课", "听党课"]
    assert find(data, "建强组织") == {"title": "建强组织", "text": "支部建了两个小组。"}
    assert find(data, "继续学习") == {"title": "继续学习", "text": "每月一次。"}
    assert "(" not in str(data) and "１" not in str(data)


def test_numbering_word_draws_counts_as_labels_of_its_level(tmp_path):
    numbering = levels(("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimalEnclosedParen", "%3"))
    docx = make([
        P(TITLE, center=True), P("基本情况", num=(1, 0)), P("抓好学习", num=(1, 1)), P("讲党课。书记讲了两次。", num=(1, 2)),
        P("听党课。党员都参加。", num=(1, 2)), P("建强组织", num=(1, 1)), "支部建了两个小组。",
        P("存在问题", num=(1, 0)), "学习还不够深入。", P("下步打算", num=(1, 0)), "继续抓好学习。",
    ], numbering)  # fmt: skip
    data, _ = run(tmp_path, "r.docx", docx)
    study, organise = data["summary"]["items"]
    assert [i["title"] for i in study["items"]] == ["讲党课", "听党课"]
    assert organise == {"title": "建强组织", "text": "支部建了两个小组。"}
    assert "title" not in data["summary"] and data["problems"] == {"text": "学习还不够深入。"}


# ---------------------------------------------------------------- run-in headings


def test_a_run_in_title_ends_at_the_first_mark_or_with_the_bold_run(tmp_path):
    plans = [
        "三、下步打算", "（一）抓好学习。全年集中学习六次，人人写了笔记。", "（二）怎样带好队伍？党员结对帮带青年。",
        "（三）建强组织", "支部建了两个小组。",
    ]  # fmt: skip
    data, _ = run(tmp_path, "r.txt", [TITLE, *BODY[:-2], *plans])
    assert data["plans"]["items"] == [
        {"title": "抓好学习", "text": "全年集中学习六次，人人写了笔记。"},
        {"title": "怎样带好队伍？", "text": "党员结对帮带青年。"},
        {"title": "建强组织", "text": "支部建了两个小组。"},  # a heading with nothing after it stands alone
    ]
    # in a .docx the bold run ends the title, with no mark between title and text
    docx = make([P(TITLE, center=True), *BODY[:-2], "三、下步打算", P("（一）抓好学习全年集中学习六次。", bold=7)])
    data, _ = run(tmp_path, "r.docx", docx)
    assert data["plans"]["items"] == [{"title": "抓好学习", "text": "全年集中学习六次。"}]


# ---------------------------------------------------------------- parts


def test_parts_are_mapped_by_their_words_and_unusual_titles_kept(tmp_path):
    data, done = run(tmp_path, "r.txt", [
        TITLE, "一、工作回顾", "（一）抓好学习", "学了六次。", "二、问题与差距", "学习不深。", "三、原因剖析", "重视不够。",
        "四、下一步工作思路", "（一）继续学习。每月一次。",
    ])  # fmt: skip
    assert data["summary"]["title"] == "工作回顾" and data["problems"]["title"] == "问题与差距"
    assert data["causes"] == {"title": "原因剖析", "text": "重视不够。"}
    assert data["plans"]["title"] == "下一步工作思路"
    flat, done = run(tmp_path, "f.txt", [
        TITLE, "一、抓好理论学习", "1.集中学习。学了六次。", "二、着力解决群众反映的问题", "1.走访群众。走访了二十户。",
        "三、存在的问题和不足", "学习不深。", "四、下步工作措施", "1.继续学习。每月一次。",
    ])  # fmt: skip
    assert flat["template"] == "flat" and len(flat["summary"]["items"]) == 2  # the last 问题 heading is the part
    assert flat["problems"]["title"] == "存在的问题和不足" and flat["plans"]["title"] == "下步工作措施"


def test_a_two_part_report(tmp_path):
    data, _ = run(tmp_path, "r.txt", [
        "白桦县农技推广站党支部2024年工作总结及2025年工作计划", "第一部分 2024年党建工作总结", "一年来，支部围绕农技推广抓党建。",
        "一、服务春耕生产", "组织党员技术员下乡指导春耕。", "二、加强自身建设", "完善学习制度。",
        "工作中还存在一些不足：", "一是服务覆盖面不够广。", "二是技术更新较慢。", "三、原因分析", "学习抓得不紧。",
        "第二部分 2025年党建工作计划", "一、扩大服务范围", "每个乡镇确定示范户两户。",
    ])  # fmt: skip
    assert data["template"] == "two-part" and "title" not in data["summary"]
    assert [i["title"] for i in data["summary"]["items"]] == ["服务春耕生产", "加强自身建设"]
    assert data["problems"] == {"text": "工作中还存在一些不足：", "points": ["服务覆盖面不够广。", "技术更新较慢。"]}
    assert data["causes"] == {"text": "学习抓得不紧。"}
    assert data["plans"]["items"] == [{"title": "扩大服务范围", "text": "每个乡镇确定示范户两户。"}]


# ---------------------------------------------------------------- points, intro, closing, signature


def test_points_inline_or_one_a_paragraph(tmp_path):
    inline, _ = run(tmp_path, "a.txt", [
        TITLE, "一、基本情况", "支部从两方面抓学习：一是集中学习六次。二是个人自学。", "学习成效明显。",
        "二、存在问题", "学习不深。", "三、下步打算", "继续学。",
    ])  # fmt: skip
    assert inline["summary"] == {"text": "支部从两方面抓学习：", "points": ["集中学习六次。", "个人自学。"], "closing": "学习成效明显。"}
    apart, _ = run(tmp_path, "b.txt", [
        TITLE, "一、2024年上半年党建工作开展情况", "支部从两方面抓学习：", "一是集中学习六次。", "二是个人自学。",
        "二、存在的问题", "一是学习不深。", "二是形式单一。", "三、下半年党建工作计划安排", "继续学。",
    ])  # fmt: skip
    assert apart["template"] == "points"
    assert apart["summary"] == {"text": "支部从两方面抓学习：", "points": ["集中学习六次。", "个人自学。"]}
    assert apart["problems"] == {"points": ["学习不深。", "形式单一。"]}


@pytest.mark.parametrize("date", ["2024年7月6日", "2024年07月06日", "二〇二四年七月六日"])
def test_intro_closing_signature_and_date(tmp_path, date):
    data, _ = run(tmp_path, "r.txt", [
        TITLE, "上半年，支部围绕中心抓党建。", "现将有关情况报告如下：", *BODY,
        "支部将再接再厉，推动工作再上台阶。", "中共青松机械厂装配车间支部委员会", date,
    ])  # fmt: skip
    assert data["intro"] == "上半年，支部围绕中心抓党建。\n\n现将有关情况报告如下：\n"
    assert data["closing"] == "支部将再接再厉，推动工作再上台阶。"
    assert data["signature"] == {"name": "中共青松机械厂装配车间支部委员会", "date": datetime.date(2024, 7, 6)}


# ---------------------------------------------------------------- figures


@pytest.mark.parametrize(("now", "before"), [("本期", "上期"), ("今年", "去年"), ("2024年", "2023年")])
def test_a_table_of_this_and_the_previous_period_becomes_figures(tmp_path, now, before):
    table = [["项目", now, before, "增减"], ["集中学习（次）", "12", "10", "+2"], ["党员人数（人）", "21", "—", "—"]]
    docx = make([P(TITLE, center=True), "一、基本情况", "全年集中学习12次。", table, *BODY[3:]])
    data, done = run(tmp_path, "r.docx", docx)
    assert data["figures"] == {
        "f1": {"label": "集中学习", "value": 12, "unit": "次", "previous": 10},
        "f2": {"label": "党员人数", "value": 21, "unit": "人"},
    }
    assert data["summary"]["text"] == "全年集中学习12次。"  # numbers in the text left as typed
    assert done.figures == 2


def test_tab_separated_rows_of_a_text_export_are_a_table(tmp_path):
    data, _ = run(tmp_path, "r.txt", [TITLE, "一、基本情况", "学了。", "主要工作数据", "项目\t本期\t上期\t增减",
                                       "集中学习（次）\t12.50\t10\t+2.50", *BODY[3:]])  # fmt: skip
    assert data["figures"] == {"f1": {"label": "集中学习", "value": 12.5, "unit": "次", "previous": 10}}
    out = (tmp_path / "r-out.yaml").read_text(encoding="utf-8")
    assert "value: 12.50" in out  # as typed


# ---------------------------------------------------------------- nothing invented, nothing dropped


def test_a_missing_part_is_a_placeholder_with_a_warning(tmp_path):
    data, done = run(tmp_path, "r.txt", [TITLE, "一、基本情况", "学了六次。", "二、下步打算", "继续学。"])
    assert data["problems"] == {"text": "XX"}
    assert "problems" in messages(done) and "XX" in messages(done)


def test_what_fits_nowhere_is_kept(tmp_path):
    other_table = [["姓名", "职务"], ["张三", "书记"]]
    docx = make([
        P(TITLE, center=True), "一、基本情况", "（一）抓好学习", "1.开好会", "（1）开支委会", "①按月开。每月一次。",
        "⑴更深一层。还有内容。", other_table, *BODY[3:],
    ])  # fmt: skip
    data, done = run(tmp_path, "r.docx", docx)
    text = yaml.safe_dump(data, allow_unicode=True)
    for kept in ("按月开", "更深一层。还有内容。", "姓名", "张三", "书记"):
        assert kept in text
    assert "warning[import]" in messages(done)


# ---------------------------------------------------------------- other inputs, template, output


def test_markdown_headings_bold_leads_and_tables(tmp_path):
    md = [
        f"# {TITLE}", "## 一、抓好学习", "**1.集中学习**。全年集中学习六次。", "| 项目 | 本期 | 上期 | 增减 |",
        "| --- | ---: | ---: | ---: |", "| 集中学习（次） | 6 | 5 | +1 |", "## 二、存在的问题", "学习不深\\*。", "## 三、下步打算", "继续学。",
    ]  # fmt: skip
    data, _ = run(tmp_path, "r.md", md)
    assert data["template"] == "flat"
    assert data["summary"]["items"] == [{"title": "抓好学习", "items": [{"title": "集中学习", "text": "全年集中学习六次。"}]}]
    assert data["figures"]["f1"]["value"] == 6 and data["problems"]["text"] == "学习不深*。"


def test_the_yaml_reads_as_written_by_hand(tmp_path):
    _, done = run(tmp_path, "往年总结.txt", [TITLE, "上半年，支部围绕中心抓党建。", "现将有关情况报告如下：", *BODY])
    text = done.output.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# yaml-language-server: $schema=") and "往年总结.txt" in lines[1]
    assert "\\u" not in text and "intro: |" in text
    keys = [ln.split(":")[0] for ln in lines if ln and not ln.startswith((" ", "#"))]
    assert keys == ["format_version", "organization", "period", "intro", "summary", "problems", "plans"]


def test_template_detection_writes_the_template_unless_standard(tmp_path):
    standard, _ = run(tmp_path, "s.txt", [TITLE, *BODY])
    assert "template" not in standard
    flat, done = run(tmp_path, "f.txt", [TITLE, "一、抓好学习", "1.集中学习。学了六次。", "二、存在的问题", "学得不深。",
                                         "三、下步打算", "1.继续学习。每月一次。"])  # fmt: skip
    assert flat["template"] == "flat" and done.template == "flat"


# ---------------------------------------------------------------- long lists (issue 21, item 14)

_DIGITS = "零一二三四五六七八九"


def _spelled(n: int) -> str:
    """1250 → 一千二百五十, the way people write it (numbering.py writes 十二百五十)."""
    out, zero = "", False
    for size, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, size)
        if d:
            out += ("零" if zero and out else "") + ("" if (unit == "十" and d == 1 and not out) else _DIGITS[d]) + unit
            zero = False
        elif out:
            zero = True
    return out


def test_a_list_runs_on_past_two_hundred(tmp_path):
    items = [f"（{_spelled(n)}）办好第{n}件实事。当月办结。" for n in range(1, 1251)]
    assert items[199].startswith("（二百）") and items[1249].startswith("（一千二百五十）")
    data, done = run(tmp_path, "r.txt", [TITLE, "一、基本情况", *items, "二、存在问题", "学习还不够深入。", "三、下步打算", "继续抓好学习。"])
    items = data["summary"]["items"]
    if len(items) == 1:  # the format made 基本情况 a section of the summary
        items = items[0]["items"]
    assert [i["title"] for i in items] == [f"办好第{n}件实事" for n in range(1, 1251)]
    assert not done.diagnostics


def test_a_label_whose_number_cannot_be_read_is_text_with_a_warning_at_it(tmp_path):
    lines = [TITLE, "一、基本情况", "（一）抓好学习", "全年集中学习六次。", "（一万）办好实事。当月办结。", *BODY[3:]]
    data, done = run(tmp_path, "r.txt", lines)
    assert "r.txt:5: warning[import]" in messages(done) and "9999" in messages(done)
    assert "（一万）办好实事。当月办结。" in str(data)


# ---------------------------------------------------------------- text whose lines are not its paragraphs


def test_numbers_running_through_a_paragraph_do_not_split_it(tmp_path):
    long = "支部的主要做法：" + "".join(f"{n}.坚持每月集中学习一次，做到内容有计划、过程有记录、效果有检验。" for n in range(1, 8))
    data, done = run(tmp_path, "r.txt", [TITLE, "一、基本情况", "（一）抓好学习", long, "（二）建强组织", long, *BODY[3:]])
    assert long in str(data) and "网页" not in messages(done)


def test_short_unpunctuated_lines_are_not_taken_for_hard_wraps(tmp_path):
    lines = [TITLE, "一、基本情况"]
    for n in "一二三四五六七八九十":
        lines += [f"（{n}）抓好第{n}项重点工作任务", "全年按计划推进，群众满意。"]
    data, done = run(tmp_path, "r.txt", [*lines, *BODY[3:]])
    assert "PDF" not in messages(done)
    assert find(data, "抓好第十项重点工作任务")["text"] == "全年按计划推进，群众满意。"


def test_a_hard_wrapped_heading_is_joined_and_a_short_line_ends_its_paragraph(tmp_path):
    text = "全年组织集中学习十二次，开展专题研讨四次，党员撰写心得体会六十余篇，学习的针对性和实效性明显增强。"
    body = [text[i : i + 24] for i in range(0, len(text), 24)] * 6
    lines = [TITLE, "一、基本情况", "（一）坚持学用结合，把理论学习成果转化为推动", "工作的实际成效", *body, *BODY[3:]]
    data, done = run(tmp_path, "r.txt", lines)
    assert "PDF" in messages(done) and "r.txt:1: warning[import]" in messages(done)
    block = find(data, "坚持学用结合，把理论学习成果转化为推动工作的实际成效")
    assert block["text"].split() == [text] * 6  # each ends a sentence: a paragraph each


def test_an_outline_under_its_own_heading_before_the_report_is_left_out_with_a_warning(tmp_path):
    outline = ["目　录", "一、基本情况", "二、存在问题", "三、下步打算"]
    data, done = run(tmp_path, "r.txt", [TITLE, *outline, TITLE, *BODY])
    assert "r.txt:1: warning[import]" in messages(done) and "5 段" in messages(done)
    assert "目　录" not in str(data) and data["summary"]["items"][0]["title"] == "抓好学习"
