"""The five built-in layouts (shared/spec/formats.md) as data, and the one layout step they share.

A format says, for each part of the report, its default heading, the label levels of its items,
whether the first items' headings stand alone or run into their paragraph, and whether points are
inline (一是…二是… in one paragraph) or one per paragraph. `layout()` turns a Report into a flat
list of Paragraphs; the .docx and the Markdown writers both print that list, so numbering and order
have one source of truth.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator import numbering
from generator.model import Block, Report
from generator.text import run_in

STANDALONE, RUN_IN = "standalone", "run-in"
INLINE, PARAGRAPHS = "inline", "paragraphs"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the laid-out report; what the templates loop over."""

    kind: str  # heading | part | body | figures
    level: int = 0  # heading: 1–4; body: level of its run-in heading, 0 when none
    text: str = ""  # heading: label + words; body: the text after the lead
    lead: str = ""  # body: run-in heading with its label and closing 。
    label: str = ""  # the numbering label of a heading or lead (一、 （一） …)

    @property
    def style_level(self) -> int:
        return min(self.level, 4)


@dataclass(frozen=True)
class PartRule:
    heading: str | None  # default heading ({period}, {next_period} filled in); None: no heading
    items: tuple[int, ...] = (2, 3, 4)  # label level of items at depth 1, 2, 3
    first_items: str = RUN_IN  # heading of depth-1 items; deeper ones run in unless they have items
    points: str = INLINE
    one_paragraph: bool = False  # text, points and closing run together in one paragraph


@dataclass(frozen=True)
class Format:
    name: str
    description: str
    summary: PartRule
    problems: PartRule
    causes: PartRule
    plans: PartRule
    # two-part: the headings of part one (summary, problems, causes) and part two (plans)
    part_headings: tuple[str, str] | None = None


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "standard",
            "默认格式：一、基本情况 / 二、存在问题 / 三、原因分析 / 四、下步打算，条目（一）（二）",
            summary=PartRule("基本情况", first_items=STANDALONE),
            problems=PartRule("存在问题"),
            causes=PartRule("原因分析"),
            plans=PartRule("下步打算"),
        ),
        Format(
            "flat",
            "平铺格式：各项工作直接作一级标题（一、），问题和措施接续编号，条目 1. 2.",
            summary=PartRule(None, items=(1, 3, 4), first_items=STANDALONE),
            problems=PartRule("存在的问题", one_paragraph=True),
            causes=PartRule("原因分析", one_paragraph=True),
            plans=PartRule("下步打算", items=(3, 4, 5)),
        ),
        Format(
            "points",
            "要点格式：“一是……”每点一段，开展情况 / 存在的问题 / 计划安排",
            summary=PartRule("{period}党建工作开展情况", points=PARAGRAPHS),
            problems=PartRule("存在的问题", points=PARAGRAPHS),
            causes=PartRule("原因分析", points=PARAGRAPHS),
            plans=PartRule("{next_period}党建工作计划安排", points=PARAGRAPHS),
        ),
        Format(
            "headline",
            "标题格式：各项工作以独立成段的主题句作一级标题，问题和措施接续编号",
            summary=PartRule(None, items=(1, 2, 3), first_items=STANDALONE),
            problems=PartRule("存在问题", one_paragraph=True),
            causes=PartRule("原因分析", one_paragraph=True),
            plans=PartRule("下步工作措施"),
        ),
        Format(
            "two-part",
            "两部分格式：第一部分 工作总结，第二部分 工作计划",
            summary=PartRule(None, items=(1, 2, 3), first_items=STANDALONE, points=PARAGRAPHS),
            problems=PartRule(None, points=PARAGRAPHS),
            causes=PartRule("原因分析", points=PARAGRAPHS),
            plans=PartRule(None, items=(1, 2, 3), first_items=STANDALONE, points=PARAGRAPHS),
            part_headings=("{period}党建工作总结", "{next_period}党建工作计划"),
        ),
    )
}

DEFAULT = "standard"


class _Layout:
    def __init__(self, report: Report, fmt: Format) -> None:
        self.report, self.fmt = report, fmt
        self.out: list[Paragraph] = []
        self.sections = 0  # the level-1 count, shared by part headings and level-1 items

    def fill(self, pattern: str) -> str:
        period = self.report.period
        return pattern.format(period=period.name, next_period=period.next_name)

    def next_section(self) -> str:
        self.sections += 1
        return numbering.label(1, self.sections)

    # -------------------------------------------------------------- the whole

    def run(self) -> list[Paragraph]:
        report, fmt = self.report, self.fmt
        if fmt.part_headings:
            self.part(1, fmt.part_headings[0])
        self.body(report.intro)
        for name, block in report.parts:
            if fmt.part_headings and name == "plans":
                self.part(2, fmt.part_headings[1])
                self.sections = 0
            self.part_block(block, getattr(fmt, name))
            if name == "summary" and report.figures:
                self.out.append(Paragraph("figures"))
        self.body(report.closing)
        return self.out

    def part(self, n: int, pattern: str) -> None:
        self.out.append(Paragraph("part", text=f"{numbering.part(n)}\u3000{self.fill(pattern)}"))

    def body(self, paragraphs: tuple[str, ...]) -> None:
        self.out.extend(Paragraph("body", text=t) for t in paragraphs)

    # -------------------------------------------------------------- parts and items

    def part_block(self, block: Block, rule: PartRule) -> None:
        if rule.heading is not None:
            label = self.next_section()
            words = block.title or self.fill(rule.heading)
            self.out.append(Paragraph("heading", 1, label + words, label=label))
        if rule.one_paragraph:
            self.out.append(Paragraph("body", text="".join(block.text + (self.inline(block.points),) + block.closing)))
            self.items(block.items, rule, depth=1)
            return
        self.own_paragraphs(block, rule.points)
        self.items(block.items, rule, depth=1)
        self.body(block.closing)

    def items(self, items: tuple[Block, ...], rule: PartRule, depth: int) -> None:
        level = rule.items[depth - 1]
        for n, item in enumerate(items, 1):
            label = self.next_section() if level == 1 else numbering.label(level, n)
            standalone = bool(item.items) or (depth == 1 and rule.first_items == STANDALONE)
            if standalone:
                self.out.append(Paragraph("heading", min(level, 4), label + item.title, label=label))
                self.own_paragraphs(item, rule.points)
            else:
                self.own_paragraphs(item, rule.points, lead=(label, level))
            if item.items:
                self.items(item.items, rule, depth + 1)
            self.body(item.closing)

    def own_paragraphs(self, block: Block, points: str, lead: tuple[str, int] | None = None) -> None:
        """A block's text and points, the first paragraph led by its run-in heading if it has one."""
        texts = list(block.text)
        if block.points and points == INLINE:
            if texts:
                texts[-1] += self.inline(block.points)
            else:
                texts.append(self.inline(block.points))
        elif block.points:
            texts += [numbering.point(n) + p for n, p in enumerate(block.points, 1)]
        paragraphs = [Paragraph("body", text=t) for t in texts]
        if lead:
            label, level = lead
            first = paragraphs[0] if paragraphs else Paragraph("body")
            words = run_in(label + block.title) if block.title else label
            paragraphs[:1] = [Paragraph("body", min(level, 4), first.text, lead=words, label=label)]
        self.out.extend(paragraphs)

    @staticmethod
    def inline(points: tuple[str, ...]) -> str:
        return "".join(numbering.point(n) + p for n, p in enumerate(points, 1))


def layout(report: Report, fmt: Format | str = DEFAULT) -> list[Paragraph]:
    """The report as the paragraphs of format `fmt`, in order."""
    if isinstance(fmt, str):
        fmt = FORMATS[fmt]
    return _Layout(report, fmt).run()
