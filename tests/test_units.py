"""numbering, periods and text: parametrized tables checked against the spec by hand."""

import pytest

from generator import numbering
from generator.data import periods, text


@pytest.mark.parametrize(
    "n, level1, level2, level3, level4, point",
    [
        (1, "一、", "（一）", "1.", "（1）", "一是"),
        (10, "十、", "（十）", "10.", "（10）", "十是"),
        (11, "十一、", "（十一）", "11.", "（11）", "十一是"),
        (20, "二十、", "（二十）", "20.", "（20）", "二十是"),
        (23, "二十三、", "（二十三）", "23.", "（23）", "二十三是"),
    ],
)
def test_labels(n, level1, level2, level3, level4, point):
    assert numbering.label(1, n) == level1
    assert numbering.label(2, n) == level2
    assert numbering.label(3, n) == level3
    assert numbering.label(4, n) == level4
    assert numbering.point(n) == point


def test_part_labels_and_big_numbers():
    assert numbering.part(1) == "第一部分"
    assert numbering.part(2) == "第二部分"
    assert numbering.chinese(100) == "一百"
    assert numbering.chinese(105) == "一百零五"
    assert numbering.chinese(111) == "一百一十一"
    with pytest.raises(ValueError):
        numbering.chinese(0)


@pytest.mark.parametrize(
    "period, name, next_name",
    [
        (periods.Period(2023, "year"), "2023年", "2024年"),
        (periods.Period(2020, "half", 1), "2020年上半年", "下半年"),
        (periods.Period(2020, "half", 2), "2020年下半年", "2021年上半年"),
        (periods.Period(2020, "quarter", 1), "2020年一季度", "二季度"),
        (periods.Period(2020, "quarter", 4), "2020年四季度", "2021年一季度"),
    ],
)
def test_period_names(period, name, next_name):
    assert period.name == name
    assert period.next_name == next_name


@pytest.mark.parametrize(
    "shorthand, expected",
    [
        ("2024", periods.Period(2024, "year")),
        ("2024H1", periods.Period(2024, "half", 1)),
        ("2024h2", periods.Period(2024, "half", 2)),
        ("2024Q4", periods.Period(2024, "quarter", 4)),
        ("2024H3", None),
        ("2024Q5", None),
        ("24Q1", None),
        ("1999", None),
        ("2024-H1", None),
    ],
)
def test_period_shorthands(shorthand, expected):
    assert periods.parse(shorthand) == expected
    if expected:
        assert expected.shorthand.upper() == shorthand.upper()


@pytest.mark.parametrize(
    "raw, folded, expected",
    [
        ("支部学习\n成效明显。", False, ["支部学习成效明显。"]),  # CJK–CJK: joined with nothing
        ("完成 ISO\n9001 认证。", False, ["完成 ISO 9001 认证。"]),  # Latin: one space
        ("第一段。\n\n第二段。", False, ["第一段。", "第二段。"]),
        ("第一段。\n  \n第二段。", False, ["第一段。", "第二段。"]),  # a white line is blank too
        ("\u3000\u3000从 Word 粘贴。\u3000", False, ["从 Word 粘贴。"]),
        ("支部学习 成效明显。", True, ["支部学习成效明显。"]),  # YAML folded a break into a space
        ("支部学习 成效明显。", False, ["支部学习 成效明显。"]),  # a literal block keeps it
        ("召开 12 次会议。", True, ["召开 12 次会议。"]),
        ("“三会一课”\n制度", False, ["“三会一课”制度"]),  # full-width quotes are wide
    ],
)
def test_paragraphs(raw, folded, expected):
    assert text.paragraphs(raw, folded) == expected


def test_substitute_and_literal_dollar():
    values = {"n": "12次"}.__getitem__
    assert text.substitute("召开${n}，费用$5，写作$${n}", values) == "召开12次，费用$5，写作${n}"


@pytest.mark.parametrize(
    "heading, expected",
    [("落实主体责任", "落实主体责任。"), ("存在哪些问题？", "存在哪些问题？"), ("主要做法：", "主要做法：")],
)
def test_run_in(heading, expected):
    assert text.run_in(heading) == expected
