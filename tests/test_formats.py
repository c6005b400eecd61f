"""The five built-in layouts, checked against shared/spec/formats.md.

The expected paragraph sequences below are written out by hand from the spec's tables, not copied
from the code's output. Each paragraph is a tuple:

    ("part", text)                 a 第一部分 heading
    ("h", level, text)             a standalone heading, label included
    ("run-in", level, lead, text)  a paragraph led by a run-in heading
    ("p", text)                    a plain paragraph
    ("figures",)                   the 主要工作数据 table
"""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

import docx
import pytest
from conftest import MINIMAL, report_of, reportgen, requires_soffice, write
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph as DocxParagraph

from generator import layout, pipeline
from generator.templating import templates

DATA = Path(__file__).resolve().parent / "data" / "formats"
NAMES = ("standard", "flat", "points", "headline", "two-part")


def shape(paragraphs: list[layout.Paragraph]) -> list[tuple]:
    out: list[tuple] = []
    for p in paragraphs:
        if p.kind == "part":
            out.append(("part", p.text))
        elif p.kind == "heading":
            out.append(("h", p.level, p.text))
        elif p.kind == "figures":
            out.append(("figures",))
        elif p.lead:
            out.append(("run-in", p.level, p.lead, p.text))
        else:
            out.append(("p", p.text))
    return out


def H(level: int, text: str) -> tuple:
    return ("h", level, text)


def R(level: int, lead: str, text: str) -> tuple:
    return ("run-in", level, lead, text)


def P(text: str) -> tuple:
    return ("p", text)


def PART(text: str) -> tuple:
    return ("part", text)


FIG = ("figures",)

# Labels typed out, so that the tests do not lean on numbering.py.
CN1 = "一、 二、 三、 四、 五、 六、 七、 八、 九、 十、 十一、 十二、 十三、".split()
CN2 = "（一） （二） （三） （四） （五） （六） （七） （八） （九） （十） （十一）".split()
ARABIC = "1. 2. 3. 4. 5. 6. 7. 8. 9. 10. 11.".split()
POINT = "一是 二是 三是 四是 五是 六是 七是 八是 九是 十是 十一是".split()


def standalone(level: int, labels: list[str], items: list[tuple[str, str]]) -> list[tuple]:
    """Items of one title and one text paragraph, each under a heading of its own."""
    pairs = zip(labels, items, strict=True)
    return [x for label, (title, text) in pairs for x in (H(level, label + title), P(text))]


def run_ins(level: int, labels: list[str], items: list[tuple[str, str]]) -> list[tuple]:
    """The same items with run-in headings, closed by 。."""
    return [R(level, label + title + "。", text) for label, (title, text) in zip(labels, items, strict=True)]


# ------------------------------------------------------------------ rich.yaml, by hand

INTRO = [P("上半年，车间党支部围绕装配生产任务抓党建，各项工作稳步推进。"), P("现将有关情况报告如下：")]
SUMMARY_TEXT = "支部现有党员二十一名，分布在四个装配班组。"
STUDY_TEXT = ["支部按月制定学习计划，明确领学人和学习专题。", "学习做到人人有笔记、月月有交流。"]
STUDY_POINTS = ["一是集中学习6次。", "二是班组学习结合班前会开展。", "三是线上学习坚持每日打卡。"]
# summary items 4–9: a title and one text paragraph each
SIMPLE = [
    ("推进安全生产", "党员责任区实现装配线全覆盖，连续安全生产181天。"),
    ("推动技术革新", "党员技术骨干完成工装改进七项。"),
    ("加强作风建设", "支部持续整治形式主义，精简会议和报表。"),
    ("筑牢廉洁防线", "组织观看警示教育片，排查岗位廉洁风险点九个。"),
    ("做好宣传工作", "在厂内刊物发表车间稿件十二篇。"),
    ("带好青年队伍", "党员与青年职工结成师徒对子六对。"),
]
CARE = ["走访慰问困难职工八户。", "职工对支部工作的满意度进一步提升。"]
SUMMARY_CLOSING = P("总体看，上半年支部工作成效明显。")
PROBLEMS_TEXT = "对照厂党委的要求，工作中还存在一些不足："
PROBLEMS = [
    "学习研讨深度不够。", "党课形式比较单一。", "班组之间进展不平衡。", "青年党员比例偏低。",
    "积分管理还不够精细。", "宣传报道亮点不多。", "党建与生产结合不紧。", "廉洁教育针对性不强。",
    "支委调研次数偏少。", "制度落实有松有紧。", "职工诉求回应不够及时。",
]  # fmt: skip
PROBLEM_POINTS = [label + text for label, text in zip(POINT, PROBLEMS, strict=True)]
PROBLEMS_CLOSING = "对这些问题，支部将逐项加以整改。"
CAUSES_TEXT = "产生上述问题的原因主要是："
CAUSE_POINTS = ["一是重生产、轻党建的思想仍然存在。", "二是抓落实的韧劲还不够足。"]
PLANS_TEXT = P("下半年，支部重点抓好以下工作：")
PLANS = [
    ("深化理论学习", "每月组织一次集中学习研讨。"),
    ("创新党课形式", "开展现场教学和案例党课。"),
    ("促进均衡发展", "对进展较慢的班组开展结对帮扶。"),
    ("加强党员发展", "重点在青年技术骨干中发展党员。"),
    ("完善积分管理", "细化积分标准，按季度评议。"),
    ("提升宣传质量", "每季度推出一篇典型报道。"),
    ("推动党建融合", "围绕装配质量设立党员攻关课题。"),
    ("开展警示教育", "结合典型案例开展廉洁教育。"),
    ("加强调查研究", "支委每月深入班组调研一次。"),
    ("抓好制度执行", "每半年对制度执行情况检查一次。"),
    ("回应职工诉求", "建立职工诉求台账，限期答复。"),
]
ENDING = [P("支部将确保全年各项任务圆满完成。"), P("下一步，支部将再接再厉，推动车间党建工作再上新台阶。")]

RICH = {
    # 一、基本情况 with （一） standalone; problems, causes and plans （一） run-in; points inline.
    "standard": [
        *INTRO,
        H(1, "一、基本情况"),
        P(SUMMARY_TEXT + "一是支委班子团结有力。二是各项制度执行到位。"),
        H(2, "（一）抓好理论学习"),
        P(STUDY_TEXT[0]),
        P(STUDY_TEXT[1] + "".join(STUDY_POINTS)),
        H(2, "（二）建强组织体系"),
        P("支部从三个方面加强组织建设。一是支委分工明确到人。"),
        H(3, "1.规范组织生活"),  # it has items of its own: standalone
        R(4, "（1）开好支委会。", "每月召开支委会一次，重要事项集体研究。"),
        R(4, "（2）上好专题党课。", "一是支部书记讲党课一次。二是党员轮流讲微党课。"),
        P("组织生活的质量明显提高。"),
        R(3, "2.严格党员日常管理。", "建立党员积分台账，按月公示积分。"),
        P("支部的组织体系更加健全。"),
        H(2, "（三）党员怎样带头攻坚？"),
        P("一是成立党员突击队两支。二是完成急难装配任务五项。"),
        *standalone(2, CN2[3:9], SIMPLE),
        H(2, "（十）关心职工生活"),
        *map(P, CARE),
        SUMMARY_CLOSING,
        FIG,
        H(1, "二、存在问题"),
        P(PROBLEMS_TEXT + "".join(PROBLEM_POINTS)),
        P(PROBLEMS_CLOSING),
        H(1, "三、原因剖析"),  # the part's title replaces 原因分析
        P(CAUSES_TEXT + "".join(CAUSE_POINTS)),
        H(1, "四、下步打算"),
        PLANS_TEXT,
        *run_ins(2, CN2, PLANS),
        *ENDING,
    ],
    # No summary heading: its items are 一、 … 十、, and problems, causes, plans number on.
    "flat": [
        *INTRO,
        P(SUMMARY_TEXT + "一是支委班子团结有力。二是各项制度执行到位。"),
        H(1, "一、抓好理论学习"),
        P(STUDY_TEXT[0]),
        P(STUDY_TEXT[1] + "".join(STUDY_POINTS)),
        H(1, "二、建强组织体系"),
        P("支部从三个方面加强组织建设。一是支委分工明确到人。"),
        H(3, "1.规范组织生活"),
        R(4, "（1）开好支委会。", "每月召开支委会一次，重要事项集体研究。"),
        R(4, "（2）上好专题党课。", "一是支部书记讲党课一次。二是党员轮流讲微党课。"),
        P("组织生活的质量明显提高。"),
        R(3, "2.严格党员日常管理。", "建立党员积分台账，按月公示积分。"),
        P("支部的组织体系更加健全。"),
        H(1, "三、党员怎样带头攻坚？"),
        P("一是成立党员突击队两支。二是完成急难装配任务五项。"),
        *standalone(1, CN1[3:9], SIMPLE),
        H(1, "十、关心职工生活"),
        *map(P, CARE),
        SUMMARY_CLOSING,
        FIG,
        H(1, "十一、存在的问题"),
        P(PROBLEMS_TEXT + "".join(PROBLEM_POINTS) + PROBLEMS_CLOSING),  # one paragraph
        H(1, "十二、原因剖析"),
        P(CAUSES_TEXT + "".join(CAUSE_POINTS)),
        H(1, "十三、下步打算"),
        PLANS_TEXT,
        *run_ins(3, ARABIC, PLANS),
        *ENDING,
    ],
    # （一） run-in everywhere, one paragraph a point.
    "points": [
        *INTRO,
        H(1, "一、2025年上半年党建工作开展情况"),
        P(SUMMARY_TEXT),
        P("一是支委班子团结有力。"),
        P("二是各项制度执行到位。"),
        R(2, "（一）抓好理论学习。", STUDY_TEXT[0]),
        P(STUDY_TEXT[1]),
        *map(P, STUDY_POINTS),
        H(2, "（二）建强组织体系"),
        P("支部从三个方面加强组织建设。"),
        P("一是支委分工明确到人。"),
        H(3, "1.规范组织生活"),
        R(4, "（1）开好支委会。", "每月召开支委会一次，重要事项集体研究。"),
        R(4, "（2）上好专题党课。", "一是支部书记讲党课一次。"),  # no text: the lead starts the first point
        P("二是党员轮流讲微党课。"),
        P("组织生活的质量明显提高。"),
        R(3, "2.严格党员日常管理。", "建立党员积分台账，按月公示积分。"),
        P("支部的组织体系更加健全。"),
        R(2, "（三）党员怎样带头攻坚？", "一是成立党员突击队两支。"),  # ends in ？: no 。 added
        P("二是完成急难装配任务五项。"),
        *run_ins(2, CN2[3:9], SIMPLE),
        R(2, "（十）关心职工生活。", CARE[0]),
        P(CARE[1]),
        SUMMARY_CLOSING,
        FIG,
        H(1, "二、存在的问题"),
        P(PROBLEMS_TEXT),
        *map(P, PROBLEM_POINTS),
        P(PROBLEMS_CLOSING),
        H(1, "三、原因剖析"),
        P(CAUSES_TEXT),
        *map(P, CAUSE_POINTS),
        H(1, "四、下半年党建工作计划安排"),
        PLANS_TEXT,
        *run_ins(2, CN2, PLANS),
        *ENDING,
    ],
    # Like flat at the top; the sections' items are （一） run-in; plans （一） run-in.
    "headline": [
        *INTRO,
        P(SUMMARY_TEXT + "一是支委班子团结有力。二是各项制度执行到位。"),
        H(1, "一、抓好理论学习"),
        P(STUDY_TEXT[0]),
        P(STUDY_TEXT[1] + "".join(STUDY_POINTS)),
        H(1, "二、建强组织体系"),
        P("支部从三个方面加强组织建设。一是支委分工明确到人。"),
        H(2, "（一）规范组织生活"),
        R(3, "1.开好支委会。", "每月召开支委会一次，重要事项集体研究。"),
        R(3, "2.上好专题党课。", "一是支部书记讲党课一次。二是党员轮流讲微党课。"),
        P("组织生活的质量明显提高。"),
        R(2, "（二）严格党员日常管理。", "建立党员积分台账，按月公示积分。"),
        P("支部的组织体系更加健全。"),
        H(1, "三、党员怎样带头攻坚？"),
        P("一是成立党员突击队两支。二是完成急难装配任务五项。"),
        *standalone(1, CN1[3:9], SIMPLE),
        H(1, "十、关心职工生活"),
        *map(P, CARE),
        SUMMARY_CLOSING,
        FIG,
        H(1, "十一、存在问题"),
        P(PROBLEMS_TEXT + "".join(PROBLEM_POINTS) + PROBLEMS_CLOSING),
        H(1, "十二、原因剖析"),
        P(CAUSES_TEXT + "".join(CAUSE_POINTS)),
        H(1, "十三、下步工作措施"),
        PLANS_TEXT,
        *run_ins(2, CN2, PLANS),
        *ENDING,
    ],
    # 第一部分: intro, sections, problems as a transition paragraph, 原因分析 numbered on;
    # 第二部分: plans, numbering again from 一、.
    "two-part": [
        PART("第一部分\u30002025年上半年党建工作总结"),
        *INTRO,
        P(SUMMARY_TEXT),
        P("一是支委班子团结有力。"),
        P("二是各项制度执行到位。"),
        H(1, "一、抓好理论学习"),
        *map(P, STUDY_TEXT),
        *map(P, STUDY_POINTS),
        H(1, "二、建强组织体系"),
        P("支部从三个方面加强组织建设。"),
        P("一是支委分工明确到人。"),
        H(2, "（一）规范组织生活"),
        R(3, "1.开好支委会。", "每月召开支委会一次，重要事项集体研究。"),
        R(3, "2.上好专题党课。", "一是支部书记讲党课一次。"),
        P("二是党员轮流讲微党课。"),
        P("组织生活的质量明显提高。"),
        R(2, "（二）严格党员日常管理。", "建立党员积分台账，按月公示积分。"),
        P("支部的组织体系更加健全。"),
        H(1, "三、党员怎样带头攻坚？"),
        P("一是成立党员突击队两支。"),
        P("二是完成急难装配任务五项。"),
        *standalone(1, CN1[3:9], SIMPLE),
        H(1, "十、关心职工生活"),
        *map(P, CARE),
        SUMMARY_CLOSING,
        FIG,
        P(PROBLEMS_TEXT),
        *map(P, PROBLEM_POINTS),
        P(PROBLEMS_CLOSING),
        H(1, "十一、原因剖析"),
        P(CAUSES_TEXT),
        *map(P, CAUSE_POINTS),
        PART("第二部分\u3000下半年党建工作计划"),
        PLANS_TEXT,
        *standalone(1, CN1[:11], PLANS),
        *ENDING,
    ],
}

# ------------------------------------------------------------------ edge.yaml, by hand

TRAINING = [R(4, "（1）集中授课。", "举办培训班四期。"), R(4, "（2）田间指导。", "深入田间地头答疑解惑。")]
TRAINING_DONE = P("培训覆盖全县各乡镇。")
SPRING = P("组织党员技术员下乡指导春耕。")
EDGE = {
    "standard": [
        H(1, "一、主要工作"),
        H(2, "（一）服务春耕生产"),
        SPRING,
        H(3, "1.开展技术培训"),
        *TRAINING,
        TRAINING_DONE,
        R(3, "2.推广良种良法。", "一是示范种植新品种三个。二是推广节水灌溉技术。"),
        H(2, "（二）加强自身建设"),
        P("一是完善学习制度。二是规范党费收缴。"),
        H(1, "二、问题和不足"),
        P("一是服务覆盖面还不够广。二是技术储备更新较慢。"),  # points, no text: a paragraph of their own
        R(2, "（一）队伍结构问题。", "年轻技术骨干偏少。"),
        P("这些问题需要认真解决。"),  # the closing after the items
        H(1, "三、下一步打算"),
        H(2, "（一）扩大服务范围"),
        H(3, "1.建立联系点"),
        R(4, "（1）选好示范户。", "每个乡镇确定示范户两户。"),
        R(3, "2.开展巡回服务。", "每季度巡回服务一次。"),
        R(2, "（二）加强人才培养。", "每年引进青年技术人员两名。"),
    ],
    # The summary has no heading here: its title stands unnumbered above its sections, which are
    # the level-1 ones. Problems' items come after its one paragraph, numbered like the plans'
    # items (1.), and the closing after them; plans three deep: 1. （1） ①.
    "flat": [
        H(1, "主要工作"),
        H(1, "一、服务春耕生产"),
        SPRING,
        H(3, "1.开展技术培训"),
        *TRAINING,
        TRAINING_DONE,
        R(3, "2.推广良种良法。", "一是示范种植新品种三个。二是推广节水灌溉技术。"),
        H(1, "二、加强自身建设"),
        P("一是完善学习制度。二是规范党费收缴。"),
        H(1, "三、问题和不足"),
        P("一是服务覆盖面还不够广。二是技术储备更新较慢。"),
        R(3, "1.队伍结构问题。", "年轻技术骨干偏少。"),
        P("这些问题需要认真解决。"),
        H(1, "四、下一步打算"),
        H(3, "1.扩大服务范围"),
        H(4, "（1）建立联系点"),
        R(4, "①选好示范户。", "每个乡镇确定示范户两户。"),
        R(4, "（2）开展巡回服务。", "每季度巡回服务一次。"),
        R(3, "2.加强人才培养。", "每年引进青年技术人员两名。"),
    ],
    "points": [
        H(1, "一、主要工作"),
        H(2, "（一）服务春耕生产"),
        SPRING,
        H(3, "1.开展技术培训"),
        *TRAINING,
        TRAINING_DONE,
        R(3, "2.推广良种良法。", "一是示范种植新品种三个。"),
        P("二是推广节水灌溉技术。"),
        R(2, "（二）加强自身建设。", "一是完善学习制度。"),
        P("二是规范党费收缴。"),
        H(1, "二、问题和不足"),
        P("一是服务覆盖面还不够广。"),
        P("二是技术储备更新较慢。"),
        R(2, "（一）队伍结构问题。", "年轻技术骨干偏少。"),
        P("这些问题需要认真解决。"),
        H(1, "三、下一步打算"),
        H(2, "（一）扩大服务范围"),
        H(3, "1.建立联系点"),
        R(4, "（1）选好示范户。", "每个乡镇确定示范户两户。"),
        R(3, "2.开展巡回服务。", "每季度巡回服务一次。"),
        R(2, "（二）加强人才培养。", "每年引进青年技术人员两名。"),
    ],
    "headline": [
        H(1, "主要工作"),  # unnumbered, as in flat
        H(1, "一、服务春耕生产"),
        SPRING,
        H(2, "（一）开展技术培训"),
        R(3, "1.集中授课。", "举办培训班四期。"),
        R(3, "2.田间指导。", "深入田间地头答疑解惑。"),
        TRAINING_DONE,
        R(2, "（二）推广良种良法。", "一是示范种植新品种三个。二是推广节水灌溉技术。"),
        H(1, "二、加强自身建设"),
        P("一是完善学习制度。二是规范党费收缴。"),
        H(1, "三、问题和不足"),
        P("一是服务覆盖面还不够广。二是技术储备更新较慢。"),
        R(2, "（一）队伍结构问题。", "年轻技术骨干偏少。"),
        P("这些问题需要认真解决。"),
        H(1, "四、下一步打算"),
        H(2, "（一）扩大服务范围"),
        H(3, "1.建立联系点"),
        R(4, "（1）选好示范户。", "每个乡镇确定示范户两户。"),
        R(3, "2.开展巡回服务。", "每季度巡回服务一次。"),
        R(2, "（二）加强人才培养。", "每年引进青年技术人员两名。"),
    ],
    # A year report. The summary's and the plans' titles replace the words of the two part
    # headings; the problems' title is a level-1 heading numbered on from the sections (formats.md).
    "two-part": [
        PART("第一部分\u3000主要工作"),
        H(1, "一、服务春耕生产"),
        SPRING,
        H(2, "（一）开展技术培训"),
        R(3, "1.集中授课。", "举办培训班四期。"),
        R(3, "2.田间指导。", "深入田间地头答疑解惑。"),
        TRAINING_DONE,
        R(2, "（二）推广良种良法。", "一是示范种植新品种三个。"),
        P("二是推广节水灌溉技术。"),
        H(1, "二、加强自身建设"),
        P("一是完善学习制度。"),
        P("二是规范党费收缴。"),
        H(1, "三、问题和不足"),
        P("一是服务覆盖面还不够广。"),
        P("二是技术储备更新较慢。"),
        R(2, "（一）队伍结构问题。", "年轻技术骨干偏少。"),
        P("这些问题需要认真解决。"),
        PART("第二部分\u3000下一步打算"),
        H(1, "一、扩大服务范围"),
        H(2, "（一）建立联系点"),
        R(3, "1.选好示范户。", "每个乡镇确定示范户两户。"),
        R(2, "（二）开展巡回服务。", "每季度巡回服务一次。"),
        H(1, "二、加强人才培养"),
        P("每年引进青年技术人员两名。"),
    ],
}

EXPECTED = {"rich": RICH, "edge": EDGE}
# Headings without a number: a summary title where the summary's items are the level-1 sections.
UNNUMBERED = {("edge", "flat"): {"主要工作"}, ("edge", "headline"): {"主要工作"}}
CASES = [(data, name) for data in EXPECTED for name in NAMES]


# ------------------------------------------------------------------ the layout


@pytest.mark.parametrize(("data", "name"), CASES)
def test_layout_follows_formats_md(data, name):
    got = shape(layout.layout(report_of(DATA / f"{data}.yaml"), name))
    assert got == EXPECTED[data][name]


@pytest.mark.parametrize(("data", "name"), CASES)
def test_labels_are_the_start_of_each_heading(data, name):
    """`label` (what custom templates see) is the numbering the heading or lead starts with."""
    for p in layout.layout(report_of(DATA / f"{data}.yaml"), name):
        if p.kind == "heading" and p.text in UNNUMBERED.get((data, name), ()):
            assert p.label == "", p
        elif p.kind == "heading":
            assert p.label and p.text.startswith(p.label), p
        elif p.lead:
            assert p.label and p.lead.startswith(p.label), p
        else:
            assert p.label == "", p


def test_numbering_past_ten_at_every_level():
    """十一、 （十一） 11. 十一是 as the spec writes them."""
    rich = report_of(DATA / "rich.yaml")
    lines = {name: shape(layout.layout(rich, name)) for name in NAMES}
    assert H(1, "十一、存在的问题") in lines["flat"]
    assert H(1, "十一、存在问题") in lines["headline"]
    assert H(1, "十一、原因剖析") in lines["two-part"]
    assert H(1, "十一、回应职工诉求") in lines["two-part"]
    assert R(2, "（十一）回应职工诉求。", "建立职工诉求台账，限期答复。") in lines["standard"]
    assert R(3, "11.回应职工诉求。", "建立职工诉求台账，限期答复。") in lines["flat"]
    assert P("十一是职工诉求回应不够及时。") in lines["points"]
    assert lines["standard"][lines["standard"].index(H(1, "二、存在问题")) + 1][1].endswith(
        "十是制度落实有松有紧。十一是职工诉求回应不够及时。"
    )


@pytest.mark.parametrize(
    ("period", "summary", "plans", "part_one", "part_two"),
    [
        ("{year: 2024, span: half, index: 1}", "2024年上半年", "下半年", "2024年上半年", "下半年"),
        ("{year: 2024, span: half, index: 2}", "2024年下半年", "2025年上半年", "2024年下半年", "2025年上半年"),
        ("{year: 2020, span: quarter, index: 4}", "2020年四季度", "2021年一季度", "2020年四季度", "2021年一季度"),
        ("{year: 2023, span: year}", "2023年", "2024年", "2023年", "2024年"),
    ],
)
def test_period_names_in_headings(tmp_path, period, summary, plans, part_one, part_two):
    """{period} is the full name of the period; {next period} names its year only when it changes."""
    data = write(tmp_path, with_period(period))
    report = report_of(data)
    points = shape(layout.layout(report, "points"))
    assert points[0] == H(1, f"一、{summary}党建工作开展情况")
    assert H(1, f"三、{plans}党建工作计划安排") in points
    two = shape(layout.layout(report, "two-part"))
    assert two[0] == PART(f"第一部分\u3000{part_one}党建工作总结")
    assert PART(f"第二部分\u3000{part_two}党建工作计划") in two


def with_period(period: str) -> str:
    return MINIMAL.replace("{year: 2024, span: half, index: 1}", period)


def test_a_part_with_only_points_and_no_items(tmp_path):
    """A part with no items and no text: its points are a paragraph (or paragraphs) of their own."""
    report = report_of(write(tmp_path, with_period("{year: 2024, span: year}")))
    assert shape(layout.layout(report, "standard")) == [
        H(1, "一、基本情况"),
        P("完成了工作。"),
        H(1, "二、存在问题"),
        P("一是学习不够深入。"),
        H(1, "三、下步打算"),
        P("继续努力。"),
    ]
    assert shape(layout.layout(report, "flat")) == [
        P("完成了工作。"),
        H(1, "一、存在的问题"),  # no summary items: the count starts at problems
        P("一是学习不够深入。"),
        H(1, "二、下步打算"),
        P("继续努力。"),
    ]
    assert shape(layout.layout(report, "two-part")) == [
        PART("第一部分\u30002024年党建工作总结"),
        P("完成了工作。"),
        P("一是学习不够深入。"),
        PART("第二部分\u30002025年党建工作计划"),
        P("继续努力。"),
    ]


# ------------------------------------------------------------------ the .docx


def docx_shape(data: bytes) -> tuple[list[tuple], list]:
    """The body of a rendered .docx in the tuples above, plus what comes around them:
    ("Title", text) first, ("Signature", …) / ("Signature Date", …) last. Also the tables' rows."""
    document = docx.Document(io.BytesIO(data))
    out: list[tuple] = []
    tables = []
    for el in document.element.body.iterchildren():
        if el.tag == qn("w:tbl"):
            table = Table(el, document)
            tables.append([tuple(c.text for c in row.cells) for row in table.rows])
            assert out[-1] == ("Table Caption", "主要工作数据")
            out[-1] = FIG
        elif el.tag == qn("w:p"):
            out.append(_docx_paragraph(DocxParagraph(el, document)))
    return out, tables


def _docx_paragraph(p: DocxParagraph) -> tuple:
    style = p.style.name
    runs = [(r.style.name, r.text) for r in p.runs if r.text]
    if style.startswith("Heading "):
        assert all(s == "Default Paragraph Font" for s, _ in runs)
        return ("h", int(style.split()[1]), p.text)
    if style == "Part Heading":
        return ("part", p.text)
    if style == "Normal" and runs and runs[0][0].startswith("Run-in Heading "):
        (lead_style, lead), rest = runs[0], runs[1:]
        assert all(s == "Default Paragraph Font" for s, _ in rest)
        return ("run-in", int(lead_style.split()[-1]), lead, "".join(t for _, t in rest))
    if style == "Normal":
        assert all(s == "Default Paragraph Font" for s, _ in runs)
        return ("p", p.text)
    return (style, p.text)


def render(report, name: str, fmt: str = "docx") -> bytes:
    return pipeline.render_bytes(report, templates.resolve(name), fmt)


@pytest.mark.parametrize("name", NAMES)
def test_docx_paragraphs_and_styles_follow_the_layout(name):
    """Style names (Title, Heading 1–4, Part Heading, Normal, Run-in Heading N) and text, in order."""
    report = report_of(DATA / "rich.yaml")
    body, tables = docx_shape(render(report, name))
    assert body[0] == ("Title", "青松机械厂装配车间党支部2025年上半年党建工作总结及下半年工作计划")
    assert body[-2:] == [("Signature", "中共青松机械厂装配车间支部委员会"), ("Signature Date", "2025年7月8日")]
    assert body[1:-2] == RICH[name]
    assert tables == [
        [("项目", "本期", "上期", "增减"), ("集中学习（次）", "6", "5", "增加1次"), ("连续安全生产（天）", "181", "—", "—")]
    ]


@pytest.mark.parametrize("name", NAMES)
def test_docx_without_figures_or_signature(name):
    report = report_of(DATA / "edge.yaml")
    body, tables = docx_shape(render(report, name))
    assert body == [("Title", "白桦县农技推广站党支部2024年党建工作总结及2025年工作计划"), *EDGE[name]]
    assert tables == []


# Titles on all four parts; the paragraphs that carry them, written out from formats.md.
ALL_TITLES = MINIMAL.replace(
    "summary:\n  text: 完成了工作。\n",
    "summary:\n  title: 工作回顾\n  items:\n    - {title: 抓学习, text: 学了。}\n    - {title: 抓组织, text: 建了。}\n",
).replace("problems:\n", "problems:\n  title: 存在的不足\n").replace(
    "plans:\n", "causes:\n  title: 原因剖析\n  text: 重视不够。\nplans:\n  title: 下步安排\n"
)
TITLE_PARAGRAPHS = {
    "standard": [H(1, "一、工作回顾"), H(1, "二、存在的不足"), H(1, "三、原因剖析"), H(1, "四、下步安排")],
    "points": [H(1, "一、工作回顾"), H(1, "二、存在的不足"), H(1, "三、原因剖析"), H(1, "四、下步安排")],
    # the summary's items are the level-1 sections: its title stands above them, unnumbered
    "flat": [H(1, "工作回顾"), H(1, "三、存在的不足"), H(1, "四、原因剖析"), H(1, "五、下步安排")],
    "headline": [H(1, "工作回顾"), H(1, "三、存在的不足"), H(1, "四、原因剖析"), H(1, "五、下步安排")],
    "two-part": [PART("第一部分\u3000工作回顾"), H(1, "三、存在的不足"), H(1, "四、原因剖析"), PART("第二部分\u3000下步安排")],
}  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_every_part_title_is_printed(tmp_path, name):
    """Each part's title is one heading paragraph of the .docx, numbered as formats.md says."""
    report = report_of(write(tmp_path, ALL_TITLES))
    body, _ = docx_shape(render(report, name))
    words = ("工作回顾", "存在的不足", "原因剖析", "下步安排")
    titled = [p for p in body if p[0] in ("h", "part") and p[-1].endswith(words)]
    assert titled == TITLE_PARAGRAPHS[name]
    assert all(sum(w in str(p) for p in body) == 1 for w in words)  # each title printed once


# ------------------------------------------------------------------ same text in every format

LABEL = re.compile(
    r"^(第[一二三四五六七八九十]+部分\u3000|[一二三四五六七八九十]+[、是]|（[一二三四五六七八九十]+）"
    r"|\d+\.|（\d+）|[\u2460-\u2473])"
)
# What the formats add: default headings (with their period names) and the table's caption.
ADDED = {
    "基本情况", "存在问题", "存在的问题", "原因分析", "下步打算", "下步工作措施", "主要工作数据",
    "2025年上半年党建工作开展情况", "下半年党建工作计划安排", "2025年上半年党建工作总结", "下半年党建工作计划",
}  # fmt: skip


def sentences(text: str) -> list[str]:
    """The user's sentences in a paragraph, labels and the 。 closing run-in headings removed."""
    out = []
    for s in re.split(r"(?<=[。？！：；])", text):
        s = LABEL.sub("", s).removesuffix("。")
        if s and s not in ADDED:
            out.append(s)
    return out


def docx_text(data: bytes) -> Counter:
    document = docx.Document(io.BytesIO(data))
    found = Counter()
    for p in document.paragraphs:
        found.update(sentences(p.text))
    for table in document.tables:
        for row in table.rows:
            found.update(c.text for c in row.cells)
    return found


def data_text(report) -> Counter:
    """Every text of the data file, as the user typed it (figure references resolved)."""
    found = Counter(sentences(report.title))
    blocks = [b for _, b in report.parts]
    while blocks:
        b = blocks.pop()
        found.update(s for t in (b.title, *b.text, *b.points, *b.closing) for s in sentences(t))
        blocks += b.items
    for t in (*report.intro, *report.closing, report.signature.name, report.signature.date_text):
        found.update(sentences(t))
    found.update(["项目", "本期", "上期", "增减"])
    for f in report.figures:
        found.update([f"{f.label}（{f.unit}）", f.current, f.previous_text, f.change])
    return found


def test_every_format_prints_the_same_text():
    """Only the layout differs: the same sentences, each as often, in all five formats."""
    report = report_of(DATA / "rich.yaml")
    expected = data_text(report)
    assert expected["学习研讨深度不够"] == 1 and expected["原因剖析"] == 1  # the helpers see the data
    for name in NAMES:
        assert docx_text(render(report, name)) == expected, name


# ------------------------------------------------------------------ a title broken by meaning (GB/T 9704 §7.3.3)

BROKEN_TITLE = MINIMAL.replace(
    "organization: 测试支部\n", "organization: 测试支部\ntitle: |\n  测试支部\n  2024年上半年工作总结 & 打算\n"
)


def test_a_title_may_carry_a_line_break_but_a_heading_may_not(tmp_path):
    loaded = pipeline.load(write(tmp_path, BROKEN_TITLE))
    assert loaded.ok, loaded.diagnostics
    assert loaded.report.title_lines == ("测试支部", "2024年上半年工作总结 & 打算")
    assert loaded.report.title == "测试支部2024年上半年工作总结 & 打算"  # where one line is wanted: metadata, lint
    heading = MINIMAL.replace("  text: 完成了工作。", "  title: |\n    第一行\n    第二行\n  text: 完成了工作。")
    assert [d.path for d in pipeline.load(write(tmp_path, heading)).diagnostics] == ["summary.title"]


@pytest.mark.parametrize("name", NAMES)
def test_a_broken_title_is_two_title_lines_in_every_output_format(tmp_path, name):
    report = report_of(write(tmp_path, BROKEN_TITLE))
    doc = docx.Document(io.BytesIO(render(report, name)))
    title = doc.paragraphs[0]
    assert title.style.name == "Title"
    assert [el.tag.split("}")[1] for el in title.runs[0]._r if el.tag != qn("w:rPr")] == ["t", "br", "t"]
    assert title.text == "测试支部\n2024年上半年工作总结 & 打算"  # python-docx reads <w:br/> as \n
    md = render(report, name, "md").decode("utf-8")
    assert md.startswith("# 测试支部<br>2024年上半年工作总结 \\& 打算\n\n")
    html = render(report, name, "html").decode("utf-8")
    assert '<h1 class="title">测试支部<br>2024年上半年工作总结 &amp; 打算</h1>' in html
    assert "<title>测试支部2024年上半年工作总结 &amp; 打算</title>" in html


@requires_soffice
def test_a_broken_title_is_two_lines_in_the_pdf(tmp_path):
    import subprocess

    data = write(tmp_path, BROKEN_TITLE)
    assert reportgen("render", data, "--format", "pdf").returncode == 0
    text = subprocess.run(["pdftotext", str(tmp_path / "report.pdf"), "-"], capture_output=True, text=True).stdout
    # pdftotext puts a space where Times New Roman meets the Chinese font
    assert [line.replace(" ", "") for line in text.splitlines()[:2]] == ["测试支部", "2024年上半年工作总结&打算"]


def test_a_title_of_one_line_has_no_break(tmp_path):
    report = report_of(write(tmp_path, MINIMAL.replace("organization: 测试支部\n", "organization: 测试支部\ntitle: 一行标题\n")))
    assert report.title_lines == ()
    title = docx.Document(io.BytesIO(render(report, "standard"))).paragraphs[0]
    assert title.text == "一行标题" and not title.runs[0]._r.findall(qn("w:br"))


# ------------------------------------------------------------------ where the figures table goes

WITH_FIGURES = MINIMAL.replace("  text: 完成了工作。", "  text: 开展学习${study}。") + (
    "closing: 结尾。\nfigures:\n  study: {label: 集中学习, value: 6, unit: 次}\n"
)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    "setting, after",
    [(None, "summary.text"), ("after_summary", "summary.text"), ("end", "plans.text"), ("none", None)],
)
def test_figures_table_goes_where_the_file_says(tmp_path, name, setting, after):
    """After the summary by default (formats.md); `end`: after the last part, before the closing; `none`: nowhere."""
    text = WITH_FIGURES + (f"figures_table: {setting}\n" if setting else "")
    paragraphs = layout.layout(report_of(write(tmp_path, text)), name)
    kinds = [p.kind for p in paragraphs]
    if after is None:
        assert "figures" not in kinds
        return
    at = kinds.index("figures")
    assert kinds.count("figures") == 1
    before = paragraphs[at - 1].paths
    assert ("summary", "text") in before if after == "summary.text" else ("plans", "text") in before
    if setting == "end":
        assert [p.text for p in paragraphs[at + 1 :]] == ["结尾。"]
    md = render(report_of(write(tmp_path, text)), name, "md").decode("utf-8")
    assert md.count("**主要工作数据**") == 1


def test_figures_table_off_still_cites_the_figures(tmp_path):
    report = report_of(write(tmp_path, WITH_FIGURES + "figures_table: none\n"))
    md = render(report, "standard", "md").decode("utf-8")
    assert "主要工作数据" not in md and "开展学习6次。" in md
    doc = docx.Document(io.BytesIO(render(report, "standard")))
    assert doc.tables == []


def test_figures_table_setting_is_checked(tmp_path):
    loaded = pipeline.load(write(tmp_path, WITH_FIGURES + "figures_table: false\n"))
    assert [(d.line, d.column, d.path) for d in loaded.diagnostics] == [(13, 16, "figures_table")]
