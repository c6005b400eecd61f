"""The `standard` format as a .docx, read back paragraph by paragraph, and its page setup."""

import io
import zipfile

import docx
import pytest
from conftest import MINIMAL, SAMPLES, write
from docx.shared import Pt
from ooxml import order_problems

from generator import pipeline


def render(path, template="standard"):
    loaded = pipeline.load(path)
    assert loaded.ok, [d.render() for d in loaded.diagnostics]
    chosen = pipeline.choose_template(loaded.report, path, template)
    return pipeline.render_bytes(loaded.report, chosen, "docx")


def paragraphs(data):
    """(style, run-in heading or '', text) of every paragraph in the body."""
    out = []
    for p in docx.Document(io.BytesIO(data)).paragraphs:
        runs = p.runs
        lead = runs[0].text if runs and runs[0].style.name.startswith("Run-in") else ""
        out.append((p.style.name, lead, p.text[len(lead) :]))
    return out


def test_quarter_sample_paragraph_by_paragraph():
    got = paragraphs(render(SAMPLES / "2025-q4.yaml"))
    expected = [
        ("Title", "", "澜湾港务集团装卸二队党支部2025年四季度党建工作总结及2026年一季度工作计划"),
        ("Normal", "", "四季度，支部围绕全年生产任务收官，把党建工作融入装卸生产一线，现将主要情况报告如下："),
        ("Heading 1", "", "一、基本情况"),
        ("Heading 2", "", "（一）围绕年末冲刺组织党员攻坚"),
        ("Normal", "", "四季度正值散货装卸高峰，支部组建党员突击班两个，承担夜班和恶劣天气条件下的重点作业任务，"
         "全队顺利完成年度吞吐量目标。一是党员带头跟班作业，在冷链集装箱集中到港期间连续值守，保障了货物按时周转；"
         "二是开展“安全隐患随手拍”活动，党员发现并上报门机、皮带机隐患二十一处，均已整改到位。"),
        ("Heading 2", "", "（二）认真开展年终组织生活"),
        ("Normal", "", "按时召开支委会和党员大会，组织党员学习集团年度工作会议精神，完成党员年度评议和党费收缴核对工作，"
         "为召开组织生活会做好准备。"),
        ("Heading 1", "", "二、存在问题"),
        ("Normal", "", "一是部分党员学习主动性不强，参加线上学习的次数偏少；二是党建活动与装卸生产的结合还不够紧密，"
         "有的活动形式大于内容。"),
        ("Heading 1", "", "三、下步打算"),
        ("Normal", "", "一是制定新一年学习计划，把班前会学习作为常态化安排；二是扎实开展组织生活会和民主评议党员，"
         "抓好问题整改；三是围绕春节前后运输高峰做好党员突击班的人员调配和安全保障。"),
    ]  # fmt: skip
    assert got == expected


RUN_IN = """\
organization: 测试支部
period: {year: 2024, span: year}
intro: 开头。
summary:
  items:
    - title: 学习
      text: 学习正文。
      items:
        - title: 集中学习
          text: 每月一次。
        - title: 专题研讨？
          points: [第一点。, 第二点。]
  closing: 总结结尾。
problems:
  title: 存在的问题和不足
  text: 主要有：
  items:
    - title: 学习不深
      text: 有的党员学习不深。
      points: [原因一。, 原因二。]
    - title: 融合不够
      points: [点一。]
  closing: 问题结尾。
causes:
  text: 原因如下。
  points: [主观。, 客观。]
plans:
  items:
    - title: 压实责任
      text: 明确分工。
closing: 全文结尾。
signature: {name: 中共测试支部委员会, date: 2024-12-30}
figures:
  m: {label: 会议, value: 3, unit: 次, previous: 3}
"""


def test_every_standard_rule(tmp_path):
    got = paragraphs(render(write(tmp_path, RUN_IN)))
    expected = [
        ("Title", "", "测试支部2024年党建工作总结及2025年工作计划"),
        ("Normal", "", "开头。"),
        ("Heading 1", "", "一、基本情况"),
        ("Heading 2", "", "（一）学习"),  # an item with items stands alone
        ("Normal", "", "学习正文。"),
        ("Normal", "1.集中学习。", "每月一次。"),  # level 3 runs in, closed by 。
        ("Normal", "2.专题研讨？", "一是第一点。二是第二点。"),  # no 。 after ？; points run together
        ("Normal", "", "总结结尾。"),
        ("Table Caption", "", "主要工作数据"),  # the figures table closes the summary
        ("Heading 1", "", "二、存在的问题和不足"),  # the part's title replaces 存在问题
        ("Normal", "", "主要有："),
        ("Normal", "（一）学习不深。", "有的党员学习不深。一是原因一。二是原因二。"),
        ("Normal", "（二）融合不够。", "一是点一。"),
        ("Normal", "", "问题结尾。"),
        ("Heading 1", "", "三、原因分析"),
        ("Normal", "", "原因如下。一是主观。二是客观。"),  # inline points continue the text
        ("Heading 1", "", "四、下步打算"),
        ("Normal", "（一）压实责任。", "明确分工。"),
        ("Normal", "", "全文结尾。"),
        ("Signature", "", "中共测试支部委员会"),
        ("Signature Date", "", "2024年12月30日"),
    ]
    assert got == expected


def test_figures_table_cells(tmp_path):
    doc = docx.Document(io.BytesIO(render(write(tmp_path, RUN_IN))))
    (table,) = doc.tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows == [["项目", "本期", "上期", "增减"], ["会议（次）", "3", "3", "持平"]]


def test_user_text_is_literal(tmp_path):
    hostile = MINIMAL.replace("完成了工作。", "A&B <b>粗</b> {{ title }} {% if x %} {_{ }_} {_% %_} $5。")
    data = render(write(tmp_path, hostile))
    texts = [p[2] for p in paragraphs(data)]
    assert "A&B <b>粗</b> {{ title }} {% if x %} {_{ }_} {_% %_} $5。" in texts


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.yaml")))
def test_every_part_in_schema_order(name):
    with zipfile.ZipFile(io.BytesIO(render(SAMPLES / name))) as z:
        for part in z.namelist():
            if part.endswith(".xml"):
                assert order_problems(z.read(part)) == [], part


def test_page_setup_and_fonts_read_back():
    data = render(SAMPLES / "2024-h1.yaml")
    doc = docx.Document(io.BytesIO(data))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.left_margin, section.right_margin, section.bottom_margin]
    assert [round(m.mm) for m in margins] == [37, 28, 26, 35]
    styles = doc.styles
    expected = {
        "Normal": ("仿宋_GB2312", 16),
        "Title": ("方正小标宋简体", 22),
        "Heading 1": ("黑体", 16),
        "Heading 2": ("楷体_GB2312", 16),
        "Heading 3": ("仿宋_GB2312", 16),
    }
    for name, (east_asia, size) in expected.items():
        style = styles[name]
        fonts = style.element.rPr.rFonts
        assert fonts.get(docx.oxml.ns.qn("w:eastAsia")) == east_asia, name
        assert fonts.get(docx.oxml.ns.qn("w:ascii")) == "Times New Roman", name
        assert style.font.size == Pt(size), name
    normal = styles["Normal"].paragraph_format
    assert normal.line_spacing == Pt(28.95)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        document = z.read("word/document.xml").decode("utf-8")
        styles_xml = z.read("word/styles.xml").decode("utf-8")
        settings = z.read("word/settings.xml").decode("utf-8")
    assert 'w:type="lines"' in document and 'w:linePitch="579"' in document
    assert "Theme" not in styles_xml
    assert 'w:firstLineChars="200"' in styles_xml and 'w:firstLine="640"' in styles_xml
    assert "w:evenAndOddHeaders" in settings
