"""The variables a template sees (documented in docs/templates.md). Shared by every writer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.data.model import Report
from generator.layout import Layout, Paragraph, layout


@dataclass(frozen=True)
class PeriodView:
    year: int
    span: str
    index: int | None
    name: str  # 2024年上半年
    next_name: str  # 下半年


@dataclass(frozen=True)
class FigureRow:
    key: str
    name: str  # the label as written: 支部学习会
    unit: str
    label: str  # the table's 项目 cell: 支部学习会（次）
    current: str
    previous: str  # — when there is none
    change: str  # +2, -1.5, 持平, —


@dataclass(frozen=True)
class SignatureView:
    name: str
    date: str  # 2024年7月5日


def figure_rows(report: Report) -> list[FigureRow]:
    return [
        FigureRow(
            f.key, f.label, f.unit, f"{f.label}（{f.unit}）" if f.unit else f.label,
            f.current, f.previous_text, f.change,
        )  # fmt: skip
        for f in report.figures
    ]


def build(report: Report, chosen: Layout, paragraphs: list[Paragraph] | None = None) -> dict[str, Any]:
    period = report.period
    sig = report.signature
    return {
        "title": report.title,
        "title_lines": list(report.title_lines or (report.title,)),
        "organization": report.organization,
        "period": PeriodView(period.year, period.span, period.index, period.name, period.next_name),
        "intro": list(report.intro),
        "summary": report.summary,
        "problems": report.problems,
        "causes": report.causes,
        "plans": report.plans,
        "closing": list(report.closing),
        "signature": SignatureView(sig.name, sig.date_text) if sig else None,
        "figures": figure_rows(report),
        "paragraphs": paragraphs if paragraphs is not None else layout(report, chosen),
        "layout": chosen.name,
        "format": chosen.name,  # its first name, kept for templates written before "layout"
    }
