"""The report as typed values, built from a validated source: paragraphs split, references resolved."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from generator.data import figures as derived_figures
from generator.data import text
from generator.data.periods import Period
from generator.data.scalars import Number
from generator.data.source import Source


@dataclass(frozen=True)
class Block:
    title: str  # "" when none
    text: tuple[str, ...]  # paragraphs
    points: tuple[str, ...]
    items: tuple["Block", ...]
    closing: tuple[str, ...]
    path: tuple = ()  # field path in the data file

    @property
    def has_content(self) -> bool:
        return bool(self.text or self.points or self.items)


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: Decimal
    unit: str
    previous: Decimal | None
    target: Decimal | None = None
    of: str | None = None  # the key of the whole this figure is a part of
    total: str = "sum"  # how rollup totals it: sum, mean or none
    decimals: int = derived_figures.DEFAULT_DECIMALS  # of computed percentages

    @property
    def current(self) -> str:
        return number_text(self.value)

    @property
    def previous_text(self) -> str:
        return "—" if self.previous is None else number_text(self.previous)

    @property
    def change(self) -> str:
        """增加2次, 下降1.2个百分点, 持平; — without a previous value. Keeps the precision typed."""
        return derived_figures.table_change(self)

    @property
    def cited(self) -> str:
        """How `${key}` reads in the text: value and unit, `12次`."""
        return self.current + self.unit


def number_text(value: Decimal) -> str:
    return value.text if isinstance(value, Number) else _plain(value)


def _plain(value: Decimal) -> str:
    """A Decimal without exponent notation: 1E+3 → 1000, 2.50 stays 2.50."""
    return f"{value:f}"


@dataclass(frozen=True)
class Signature:
    name: str
    date: datetime.date

    @property
    def date_text(self) -> str:
        return f"{self.date.year}年{self.date.month}月{self.date.day}日"


@dataclass(frozen=True)
class Report:
    organization: str
    period: Period
    title: str
    template: str | None
    intro: tuple[str, ...]
    summary: Block
    problems: Block
    causes: Block | None
    plans: Block
    closing: tuple[str, ...]
    signature: Signature | None
    figures: tuple[Figure, ...]
    # the title as the user broke it into lines (GB/T 9704 §7.3.3: by meaning); () when one line
    title_lines: tuple[str, ...] = ()
    figures_table: str = "after_summary"  # where the figures table goes: after_summary, end, none

    @property
    def parts(self) -> tuple[tuple[str, Block], ...]:
        named = (("summary", self.summary), ("problems", self.problems))
        named += (("causes", self.causes),) if self.causes else ()
        return named + (("plans", self.plans),)


def compose_title(organization: str, period: Period) -> str:
    """示例公司第一党支部2024年上半年党建工作总结及下半年工作计划"""
    return f"{organization}{period.name}党建工作总结及{period.next_name}工作计划"


class _Builder:
    """Turns validated data into values; knows which scalars YAML folded."""

    def __init__(self, source: Source, figures: dict[str, Figure]) -> None:
        self.source = source
        self.figures = figures

    def paragraphs(self, path: tuple, raw: str | None) -> tuple[str, ...]:
        if raw is None:
            return ()
        folded = self.source.style(path) not in ("|",)
        return tuple(self.resolve(p) for p in text.paragraphs(raw, folded))

    def line(self, path: tuple, raw: str | None) -> str:
        return "".join(self.paragraphs(path, raw))

    def lines(self, path: tuple, raw: str | None) -> tuple[str, ...]:
        """A text whose every line break is meant (the report title): one string a non-blank line."""
        if raw is None:
            return ()
        return tuple(self.line(path, line) for line in raw.splitlines() if line.strip(text.STRIP))

    def resolve(self, paragraph: str) -> str:
        if "$" not in paragraph:
            return paragraph
        return text.substitute(paragraph, self.cite)

    def cite(self, reference: str) -> str:
        """`study_sessions` → 12次; `study_sessions.change` → 增加2次 (validation vouched for both)."""
        key, _, derived = reference.partition(".")
        figure = self.figures[key]
        return derived_figures.words(figure, derived, self.figures) if derived else figure.cited

    def block(self, path: tuple, data: dict) -> Block:
        return Block(
            title=self.line(path + ("title",), data.get("title")),
            text=self.paragraphs(path + ("text",), data.get("text")),
            points=tuple(
                self.line(path + ("points", i), p) for i, p in enumerate(data.get("points") or ())
            ),
            items=tuple(
                self.block(path + ("items", i), item) for i, item in enumerate(data.get("items") or ())
            ),
            closing=self.paragraphs(path + ("closing",), data.get("closing")),
            path=path,
        )


def _figure(key: str, f: dict) -> Figure:
    unit = f.get("unit") or ""
    return Figure(
        key, f["label"], f["value"], unit, f.get("previous"), f.get("target"), f.get("of"),
        f.get("total") or derived_figures.default_total(unit),
        f.get("decimals", derived_figures.DEFAULT_DECIMALS),
    )  # fmt: skip


def build(source: Source) -> Report:
    """The report of a source that validated without errors."""
    data = source.data
    figures = {key: _figure(key, f) for key, f in (data.get("figures") or {}).items()}
    b = _Builder(source, figures)
    p = data["period"]
    period = Period(p["year"], p["span"], p.get("index"))
    organization = text.one_line(data["organization"])
    sig = data.get("signature")
    title_lines = b.lines(("title",), data.get("title"))
    title = "".join(title_lines) or compose_title(organization, period)
    return Report(
        organization=organization,
        period=period,
        title=title,
        template=data.get("template"),
        intro=b.paragraphs(("intro",), data.get("intro")),
        summary=b.block(("summary",), data["summary"]),
        problems=b.block(("problems",), data["problems"]),
        causes=b.block(("causes",), data["causes"]) if data.get("causes") else None,
        plans=b.block(("plans",), data["plans"]),
        closing=b.paragraphs(("closing",), data.get("closing")),
        signature=Signature(text.one_line(sig["name"]), sig["date"]) if sig else None,
        figures=tuple(figures.values()),
        title_lines=title_lines if len(title_lines) > 1 else (),
        figures_table=data.get("figures_table") or "after_summary",
    )
