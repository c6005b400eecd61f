"""Property: schema-valid data → render → import → render is a fixed point (hypothesis).

The data is drawn the way reports are written: sentences that end in 。, headings without
sentence marks inside (a run-in heading ends at the first 。！？), no label or 一是 typed into
the text (the data never contains numbering: data-format.md), and problems that start with a
sentence saying what they are about: two-part prints the problems under no heading of their
own, and without that sentence items of the problems read as items of the last section.
Two formats can print some data alike (a summary titled 工作回顾 under `standard` is a summary
item 工作回顾 under `flat`): the property is that the template chosen prints the same, not
that it is the one the data was rendered with; the fixed matrix of test_import_roundtrip.py
checks the template itself. Within those, anything goes: any of the five formats, nesting to three levels, 0–12 items and
points (labels past 十), part titles, causes, figures, intro, closing, sign-off, and the
characters that must print literally (`${`, `&`, `<`, `{{`).
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from test_import_roundtrip import export, report_of

from generator import layout, pipeline
from generator.importer import import_file
from generator.templating import templates

WORDS = [
    "支部", "党员", "群众", "组织", "学习", "制度", "落实", "班组", "活动", "服务", "基层", "骨干", "青年",
    "技术", "攻坚", "安全", "生产", "质量", "宣传", "廉洁", "作风", "调研", "台账", "积分", "课题",
    "“三会一课”", "（试行）", "《手册》", "A岗", "5G", "100%", "&", "<b>", "{{x}}", "${", "$$", "——",
]  # fmt: skip
TITLE_WORDS = ["抓好", "建强", "推动", "深化", "完善", "提升", "带好", "筑牢", "关心", "服务", "保障", "规范"]
PART_TITLES = {
    "summary": ["工作回顾", "主要做法", "工作开展情况"],
    "problems": ["存在的不足", "问题和不足", "差距和短板"],
    "causes": ["原因剖析", "原因分析"],
    "plans": ["下步安排", "明年工作打算", "下一步工作思路"],
}
TRANSITIONS = ["对照上级要求，工作中还存在一些不足：", "查摆问题如下：", "与先进单位相比还有差距："]

sentence = st.builds(
    lambda words, mark: "".join(words) + mark,
    st.lists(st.sampled_from(WORDS), min_size=2, max_size=7),
    st.sampled_from(["。", "。", "；", "！"]),
).map(lambda s: s if s.endswith("。") else s + "。")
paragraph = st.lists(sentence, min_size=1, max_size=3).map("".join)
title = st.builds(
    lambda verb, words, ask: verb + "".join(words) + ask,
    st.sampled_from(TITLE_WORDS), st.lists(st.sampled_from(WORDS[:25]), min_size=1, max_size=3),
    st.sampled_from(["", "", "", "？"]),
)  # fmt: skip


@st.composite
def block(draw, depth: int, need_title: bool, max_items: int = 4):
    found = {}
    if need_title:
        found["title"] = draw(title)
    keys = draw(st.sets(st.sampled_from(["text", "points", "items"] if depth < 3 else ["text", "points"]), min_size=1))
    if "text" in keys:
        found["text"] = "\n\n".join(draw(st.lists(paragraph, min_size=1, max_size=2)))
    if "points" in keys:
        found["points"] = draw(st.lists(paragraph, min_size=1, max_size=12 if depth == 0 else 3))
    if "items" in keys:
        found["items"] = draw(st.lists(block(depth + 1, True, 3), min_size=1, max_size=max_items))
    if draw(st.booleans()) and draw(st.booleans()):
        found["closing"] = draw(paragraph)
    return found


@st.composite
def part(draw, name: str):
    found = draw(block(0, False, max_items=12))
    if name == "problems":  # two-part prints them under no heading: the transition sentence is where they start
        found = {"text": draw(st.sampled_from(TRANSITIONS)), **{k: v for k, v in found.items() if k != "text"}}
    if draw(st.integers(0, 3)) == 0:
        found = {"title": draw(st.sampled_from(PART_TITLES[name])), **found}
    return found


@st.composite
def reports(draw):
    span = draw(st.sampled_from(["year", "half", "quarter"]))
    period = {"year": draw(st.integers(2019, 2030)), "span": span}
    if span != "year":
        period["index"] = draw(st.integers(1, 2 if span == "half" else 4))
    data = {"organization": draw(st.sampled_from(["青松机械厂装配车间党支部", "白桦县农技推广站党支部", "示例公司第一党支部"])), "period": period}
    if draw(st.booleans()):
        data["intro"] = draw(paragraph)
    data["summary"] = draw(part("summary"))
    data["problems"] = draw(part("problems"))
    if draw(st.booleans()):
        data["causes"] = draw(part("causes"))
    data["plans"] = draw(part("plans"))
    if draw(st.booleans()):
        data["closing"] = draw(paragraph)
    if draw(st.booleans()):
        data["signature"] = {"name": "中共" + data["organization"] + "委员会", "date": datetime.date(2025, 7, 8)}
    if draw(st.booleans()):
        data["figures"] = {
            f"f{n}": {"label": label, "value": value, "unit": "次", **({"previous": 3} if n % 2 else {})}
            for n, (label, value) in enumerate(draw(st.lists(st.tuples(st.sampled_from(WORDS[:20]), st.integers(0, 500)), min_size=1, max_size=3)), 1)
        }  # fmt: skip
    return data


def _escape_refs(data):
    """A `${` typed into the data prints literally only as `$${` (data-format.md)."""
    if isinstance(data, dict):
        return {k: (v if k in ("organization", "signature", "figures", "period") else _escape_refs(v)) for k, v in data.items()}
    if isinstance(data, list):
        return [_escape_refs(v) for v in data]
    return data.replace("${", "$${") if isinstance(data, str) else data


def _md(report, name: str) -> str:
    return pipeline.render_bytes(report, templates.resolve(name), "md").decode("utf-8")


# Shrinking a failure of this size takes minutes; the example printed unshrunk is still readable.
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(reports(), st.sampled_from(list(layout.LAYOUTS)), st.sampled_from(["txt", "docx", "drawn-plain", "md"]))
def test_render_import_render_is_a_fixed_point(data, name, how):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "data.yaml"
        path.write_text(yaml.safe_dump(_escape_refs(data), allow_unicode=True, sort_keys=False), encoding="utf-8")
        original = report_of(path)
        source = export(original, name, how, folder)
        out = folder / "imported.yaml"
        done = import_file(source, out, force=True)
        back = report_of(out)
        chosen = back.template or "standard"
        assert chosen == done.template
        assert _md(back, chosen) == _md(original, name)
        # and importing that render again changes nothing: the data file is a fixed point too
        again = export(back, chosen, how, folder / "again") if (folder / "again").mkdir() is None else None
        second = import_file(again, folder / "again.yaml", force=True)
        assert second.template == chosen
        assert (folder / "again.yaml").read_text(encoding="utf-8").splitlines()[2:] == out.read_text(encoding="utf-8").splitlines()[2:]


# ---------------------------------------------------------------- any text at all: an answer, never a crash

PIECES = [
    "一、", "（一）", "(二)", "1.", "2、", "（1）", "①", "第一部分", "第二部分", "一是", "二是", "十一是", "存在问题",
    "原因分析", "下步打算", "基本情况", "2024年", "上半年", "党支部", "总结", "。", "！", "？", "：", "；", "\t", " ",
    "本期", "上期", "12", "—", "2024年1月6日", "中共示例支部委员会", "${", "$$", "**", "#", "- ", "|", "&", "<",
]  # fmt: skip
line = st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(WORDS)), max_size=8).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line, max_size=25), st.sampled_from([".txt", ".md"]))
def test_any_text_imports_or_is_refused_with_a_message(lines, suffix):
    from generator.errors import ReportgenError

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"r{suffix}"
        path.write_text("\n".join(lines), encoding="utf-8")
        try:
            done = import_file(path, Path(tmp) / "out.yaml", org="示例党支部", period="2024H1")
        except ReportgenError as e:
            assert str(e) and e.exit_code == 1
            return
        assert report_of(done.output)  # whatever was read, the file written validates
