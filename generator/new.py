"""`reportgen new`: a commented skeleton data file, or the next period's file started from the last one.

The YAML is written line by line rather than with yaml.dump, so that the order, the layout and the
comments are ours, and the comments the user wrote in the previous file can be put back in place.
The Chinese comments and example sentences are the content of the file written, like a template's
text, so they live here and not in messages.py.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.data import periods, validate
from generator.data import source as source_mod
from generator.data.comments import Comments, user_comments
from generator.data.emit import comment_lines, modeline, period_yaml, rebase, scalar
from generator.data.examples import EXAMPLE
from generator.data.model import compose_title, number_text
from generator.data.periods import Period
from generator.data.source import Source
from generator.diagnostics import Diagnostic
from generator.errors import OutputError, ReportgenError
from generator.output import check_writable, write_atomic
from generator.pipeline import load
from generator.templating.templates import looks_like_path

REPORT_DAY = 5  # a report is dated this day of the month after its period ends
_EXAMPLE_SESSIONS = {"year": 12, "half": 6, "quarter": 3}
_ANY_PERIOD = Period(2024, "year")

# Our own comments, by where they go. Being constant, they are recognised in a previous file and
# not carried over a second time.
NOTES: dict[str, tuple[str, ...]] = {
    "header": (
        "党建工作总结数据文件，由 reportgen new 生成。注释说明每一部分写什么，并各给一个示例，",
        "请把示例换成本单位的实际情况。标题不写编号，模板会自动编号。",
        "检查格式：reportgen validate 本文件；生成文档：reportgen render 本文件。",
    ),
    "header-from": (
        "由 reportgen new --from 根据上一期的数据生成：上期的计划已列为本期总结的条目，",
        "上期计划的原文以注释附在各条目下，上期的数值已移到各数据项的 previous。",
        "请填写标有“待补充”的内容和各数据项的本期数值 value，reportgen validate 会逐项提示未填的数值。",
    ),
    "organization": ("报告单位全称，用于报告标题。",),
    "period": (
        "报告期：span 写 year（年度）、half（半年）或 quarter（季度）；",
        "半年还要写 index: 1 或 2，季度写 index: 1 至 4。",
    ),
    "template": ("默认模板（可选）：内置模板名或 .docx 文件路径（相对于本文件）；reportgen templates 列出内置模板。",),
    "title": ("标题（可选）：不写时按单位和报告期自动生成。要自定义，去掉下一行开头的“# ”再修改：",),
    "title-from": ("上一期自定义了标题。要沿用，按本期改好后去掉下一行开头的“# ”：",),
    "intro": ("开头段落：指导思想和总体情况，最后一句引出下文。空一行另起一段。",),
    "summary": (
        "工作总结：本期做了哪些工作。items 中每个条目是一个小标题，模板自动编号。",
        "一个条目：title 写小标题（不写编号），text 写正文，points 写要点（按“一是……二是……”排列），",
        "items 可以再分下一级（最多三级）。要写下一条，复制从“- title”开始的整个条目。",
    ),
    "problems": ("存在的问题：对照要求找差距，实事求是地写。",),
    "causes": ("原因分析（可选）：不需要时删除整个 causes 部分。",),
    "plans": (
        "下步打算：下一期的工作安排，写法和工作总结相同。",
        "下一期用 reportgen new --from 本文件 开始时，这里的条目会成为下一期工作总结的条目。",
    ),
    "closing": ("结尾段落（可选）。",),
    "signature": ("落款（可选）：name 写落款单位，date 写成文日期（2024-07-05 或 2024年7月5日）。",),
    "date": ("成文日期已按报告期结束后第 5 天预填，请改为实际日期。",),
    "figures": (
        "数据项（可选）：正文中写 ${键名} 引用，显示为本期数值加单位（如“6次”）。",
        "键名用小写英文字母、数字和下划线；label 名称，value 本期数值，unit 单位，previous 上期数值（可选）。",
        "数据表“主要工作数据”默认放在工作总结之后；要放到正文最后写 figures_table: end，不要数据表写 figures_table: none。",
    ),
    "figures-from": ("上一期的数值已移到 previous；请填写每一项的本期数值 value。",),
    "plan": ("上期计划：",),
    "plans-text": ("上期计划的总体安排：",),
    "problems-from": ("上期查摆的问题，可对照写明整改情况：",),
}

# Texts of a file started with --from, for the user to replace. They validate, and lint's
# placeholder rule flags 待补充 until they are replaced.
TO_FILL = {
    "intro": "待补充：本期工作的指导思想和总体情况。",
    "item": "待补充：对照上期计划，写明本期的做法、成效和数据。",
    "point": "待补充：对照这项计划，写明本期的完成情况。",
    "summary": "待补充：对照上期计划，写明本期完成的主要工作。",
    "problems": "待补充：本期工作存在的主要不足。",
    "plans": "待补充：下一期的工作打算。",
}

_OWN = {"# " + line for lines in NOTES.values() for line in lines}


@dataclass
class Created:
    path: Path | None  # None when the previous file has errors
    diagnostics: list[Diagnostic] = field(default_factory=list)
    open_figures: int = 0  # figures whose value the user must fill in
    carried: bool = False


def parse_period(text: str) -> Period:
    period = periods.parse(text)
    if period is None:
        raise ReportgenError("new.bad-period", value=text)
    return period


def new(
    out: Path, org: str | None = None, period: str | None = None,
    previous: Path | None = None, force: bool = False,
) -> Created:  # fmt: skip
    """Write a skeleton (org and period) or the file that follows `previous`; exit-2 problems raise."""
    chosen = parse_period(period) if period is not None else None
    org = org.strip() if org is not None else None
    if previous is None and (org is None or chosen is None):
        raise ReportgenError("new.need-org-period")
    _check_target(out, previous, force)
    if org is not None:
        _check_org(org, chosen or _ANY_PERIOD, out)
    if previous is None:
        assert org is not None and chosen is not None
        write_atomic(out, skeleton(org, chosen, out).encode("utf-8"))
        return Created(out)
    return _start_from(previous, out, org, chosen)


def _start_from(previous: Path, out: Path, org: str | None, period: Period | None) -> Created:
    loaded = load(previous)
    if not loaded.ok:
        return Created(None, loaded.diagnostics)
    assert loaded.source is not None
    write_atomic(out, following(loaded.source, previous, out, org, period).encode("utf-8"))
    figures = loaded.source.data.get("figures") or {}
    return Created(out, loaded.diagnostics, len(figures), carried=True)


def _check_target(out: Path, previous: Path | None, force: bool) -> None:
    if previous is not None:
        check_writable(out, previous)  # never the previous file itself, even with --force
    elif not out.parent.is_dir():
        raise OutputError("out.no-folder", path=str(out.parent))
    if out.exists() and not force:
        raise ReportgenError("new.exists", path=str(out))


def _check_org(org: str, period: Period, out: Path) -> None:
    """--org is the one text that comes from the user: a skeleton with it must validate."""
    text = skeleton(org, period, out)
    errors = [d for d in validate.validate(source_mod.read_text(text, str(out))) if d.is_error]
    if errors:
        raise ReportgenError("new.bad-org", value=org, problem=errors[0].message)


class _Lines:
    """The file being written; puts the previous file's comments back beside the fields they follow."""

    def __init__(self, kept: Comments | None = None) -> None:
        self.out: list[str] = []
        self.kept = kept or Comments()

    def note(self, indent: int, name: str) -> None:
        self.comment(indent, [f"# {line}" for line in NOTES[name]])

    def comment(self, indent: int, lines: list[str]) -> None:
        self.out += [" " * indent + line for line in lines]

    def add(self, indent: int, line: str, was: tuple | None = None) -> None:
        """A line of YAML; `was` is the field of the previous file whose comments belong here."""
        if was is not None:
            self.comment(indent, self.kept.leading.get(was, []))
            if was in self.kept.trailing:
                line += "  " + self.kept.trailing[was]
        self.out.append(" " * indent + line)

    def blank(self) -> None:
        self.out.append("")

    def text(self) -> str:
        return "\n".join(self.out) + "\n"


# ---------------------------------------------------------------- the skeleton


def skeleton(org: str, period: Period, out: Path) -> str:
    """Every part, each with a comment saying what it is for and one example; validates as is."""
    w = _Lines()
    w.add(0, modeline(out))
    w.note(0, "header")
    w.add(0, "format_version: 1")
    _head(w, org, period)
    w.note(0, "template")
    w.comment(0, ["# template: standard"])
    w.note(0, "title")
    w.comment(0, comment_lines(f"# title: {compose_title(org, period)}"))
    w.blank()
    _example_body(w, period)
    _signature(w, org, report_date(period, chinese=False))
    w.blank()
    w.note(0, "figures")
    w.add(0, "figures:")
    _figure(w, "study_sessions", {"label": "支部集中学习", "value": _EXAMPLE_SESSIONS[period.span], "unit": "次"})
    return w.text()


def _head(w: _Lines, org: str, period: Period, was: bool = False) -> None:
    w.blank()
    w.note(0, "organization")
    w.add(0, f"organization: {scalar(org)}", ("organization",) if was else None)
    w.note(0, "period")
    w.add(0, f"period: {period_yaml(period)}")


def _example_body(w: _Lines, period: Period) -> None:
    e = EXAMPLE
    w.note(0, "intro")
    w.add(0, "intro: |")
    for line in e["intro"].format(period=period.name).splitlines():
        w.add(2, line)
    w.blank()
    w.note(0, "summary")
    w.add(0, "summary:")
    w.add(2, "items:")
    w.add(4, f"- title: {e['summary-title']}")
    w.add(6, f"text: {e['summary-text']}")
    w.add(6, "points:")
    for point in e["summary-points"]:
        w.add(8, f"- {point}")
    w.blank()
    w.note(0, "problems")
    w.add(0, "problems:")
    w.add(2, f"text: {e['problems-text']}")
    w.add(2, "points:")
    w.add(4, f"- {e['problems-point']}")
    w.blank()
    w.note(0, "causes")
    w.add(0, "causes:")
    w.add(2, "points:")
    w.add(4, f"- {e['causes-point']}")
    w.blank()
    w.note(0, "plans")
    w.add(0, "plans:")
    w.add(2, f"text: {e['plans-text']}")
    w.add(2, "items:")
    w.add(4, f"- title: {e['plans-title']}")
    w.add(6, f"text: {e['plans-item-text']}")
    w.blank()
    w.note(0, "closing")
    w.add(0, f"closing: {e['closing']}")


def _signature(w: _Lines, name: str, date: str, was: bool = False) -> None:
    w.blank()
    w.note(0, "signature")
    w.add(0, "signature:", ("signature",) if was else None)
    w.add(2, f"name: {scalar(name)}", ("signature", "name") if was else None)
    w.note(2, "date")
    w.add(2, f"date: {date}", ("signature", "date") if was else None)


def _figure(w: _Lines, key: str, fig: dict[str, Any], was: tuple | None = None) -> None:
    """A figure in block style, one field a line: `value:` left empty stands on a line of its own."""
    w.add(2, f"{scalar(key)}:", was)
    w.add(4, f"label: {scalar(fig['label'])}", was and was + ("label",))
    value = fig.get("value")
    w.add(4, "value:" if value is None else f"value: {value}")
    if fig.get("unit"):
        w.add(4, f"unit: {scalar(fig['unit'])}", was and was + ("unit",))
    if fig.get("previous") is not None:
        w.add(4, f"previous: {fig['previous']}", was and was + ("value",))
    for name in CARRIED:  # what the figure is, not what it counted: the same next period
        if fig.get(name) is not None:
            w.add(4, f"{name}: {_carried(fig[name])}", was and was + (name,))


CARRIED = ("target", "of", "total", "decimals")


def _carried(value: Any) -> str:
    if isinstance(value, Decimal):
        return number_text(value)
    return str(value) if isinstance(value, int) else scalar(value)


def report_date(period: Period, chinese: bool) -> str:
    """The REPORT_DAY-th of the first month after the period, as the user writes dates."""
    following = period.next
    months = {"year": 12, "half": 6, "quarter": 3}[following.span]
    day = datetime.date(following.year, 1 + ((following.index or 1) - 1) * months, REPORT_DAY)
    return f"{day.year}年{day.month}月{day.day}日" if chinese else day.isoformat()


# ---------------------------------------------------------------- the next period's file


def following(src: Source, prev_path: Path, out: Path, org: str | None, period: Period | None) -> str:
    """The file that follows a valid `src`: same organisation, next period, plans become the summary."""
    data = src.data
    p = data["period"]
    period = period or Period(p["year"], p["span"], p.get("index")).next
    w = _Lines(user_comments(src, _OWN))
    w.add(0, modeline(out, src, prev_path))
    w.comment(0, w.kept.header)
    w.note(0, "header-from")
    w.add(0, "format_version: 1", ("format_version",))
    _head(w, org or data["organization"], period, was=org is None)
    if data.get("template"):
        w.note(0, "template")
        w.add(0, f"template: {scalar(_rebase_template(data['template'], prev_path, out))}", ("template",))
    if data.get("title"):
        w.note(0, "title-from")
        w.comment(0, comment_lines(f"# title: {data['title']}"))
    w.blank()
    w.note(0, "intro")
    w.add(0, f"intro: {TO_FILL['intro']}")
    _summary_from_plans(w, data["plans"])
    _problems_from(w, data["problems"])
    w.blank()
    w.note(0, "plans")
    w.add(0, "plans:")
    w.add(2, f"text: {TO_FILL['plans']}")
    if data.get("signature"):
        typed = src.nodes[("signature", "date")]
        chinese = isinstance(typed, source_mod.Scalar) and "年" in typed.value
        _signature(w, data["signature"]["name"], report_date(period, chinese), was=True)
    _figures_from(w, data.get("figures") or {})
    if data.get("figures_table"):
        w.add(0, f"figures_table: {data['figures_table']}", ("figures_table",))
    w.comment(0, w.kept.footer)
    return w.text()


def _rebase_template(name: str, prev_path: Path, out: Path) -> str:
    return rebase(name, prev_path.parent, out.parent) if looks_like_path(name) else name


def _summary_from_plans(w: _Lines, plans: dict[str, Any]) -> None:
    w.blank()
    w.note(0, "summary")
    w.add(0, "summary:")
    if plans.get("text"):
        w.note(2, "plans-text")
        w.comment(2, _quoted(plans["text"]))
    items, points = plans.get("items") or [], plans.get("points") or []
    if not items and not points:
        w.add(2, f"text: {TO_FILL['summary']}")
    if points:
        w.add(2, "points:")
    for i, point in enumerate(points):
        w.comment(4, ["# " + NOTES["plan"][0] + " ".join(comment_lines(point))])
        w.add(4, f"- {TO_FILL['point']}", ("plans", "points", i))
    if items:
        w.add(2, "items:")
    for i, item in enumerate(items):
        _item_from_plan(w, item, ("plans", "items", i))


def _item_from_plan(w: _Lines, plan: dict[str, Any], was: tuple) -> None:
    if plan.get("title"):
        w.add(4, f"- title: {scalar(plan['title'])}", was)
        w.note(6, "plan")
        w.comment(6, _quoted(plan, skip_title=True))
        w.add(6, f"text: {TO_FILL['item']}")
    else:
        w.add(4, f"- text: {TO_FILL['item']}", was)
        w.note(6, "plan")
        w.comment(6, _quoted(plan))


def _problems_from(w: _Lines, problems: dict[str, Any]) -> None:
    w.blank()
    w.note(0, "problems")
    w.add(0, "problems:")
    w.note(2, "problems-from")
    w.comment(2, _quoted(problems))
    w.add(2, f"text: {TO_FILL['problems']}")


def _quoted(content: str | dict[str, Any], skip_title: bool = False, depth: int = 1) -> list[str]:
    """A text or a block of the previous file as comment lines, indented by level."""
    pad = "# " + "  " * depth
    if isinstance(content, str):
        return [pad + line for line in comment_lines(content) if line]
    lines = [] if skip_title or not content.get("title") else [pad + " ".join(comment_lines(content["title"]))]
    for key in ("text", "points", "items", "closing"):
        value = content.get(key)
        if isinstance(value, str):
            lines += _quoted(value, depth=depth)
        for entry in value if isinstance(value, list) else ():
            if key == "points":
                lines.append(pad + "- " + " ".join(comment_lines(entry)))
            else:
                lines += _quoted(entry, depth=depth + 1)
    return lines


def _figures_from(w: _Lines, figures: dict[str, dict[str, Any]]) -> None:
    if not figures:
        return
    w.blank()
    w.note(0, "figures")
    w.note(0, "figures-from")
    w.add(0, "figures:", ("figures",))
    for key, fig in figures.items():
        carried = {"label": fig["label"], "unit": fig.get("unit"), "previous": number_text(fig["value"])}
        carried |= {name: fig[name] for name in CARRIED if fig.get(name) is not None}
        _figure(w, key, carried, ("figures", key))
