"""The five built-in layouts (shared/spec/formats.md) as data, and the one layout step they share.

A format says, for each part of the report, its default heading, the label levels of its items,
whether the first items' headings stand alone or run into their paragraph, and whether points are
inline (一是…二是… in one paragraph) or one per paragraph. `layout()` turns a Report into a flat
list of Paragraphs; the .docx and the Markdown writers both print that list, so numbering and order
have one source of truth.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator import numbering
from generator.data.model import Block, Report
from generator.data.text import run_in
from generator.messages import msg

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
    # the data fields it prints, as field paths (("summary", "items", 0, "title"), …); where the
    # preview draws a lint finding. Not part of a paragraph's identity: equal texts are equal.
    paths: tuple[tuple, ...] = field(default=(), compare=False)

    @property
    def style_level(self) -> int:
        return min(self.level, 4)


@dataclass(frozen=True)
class PartRule:
    heading: str | None  # default heading ({period}, {next_period} filled in); None: no heading
    items: tuple[int, ...] = (2, 3, 4)  # label level of items at depth 1, 2, 3
    first_items: str = RUN_IN  # heading of depth-1 items; deeper ones run in unless they have items
    points: str = INLINE
    # text, points and closing run together in one paragraph (items, if any, before the closing)
    one_paragraph: bool = False


@dataclass(frozen=True)
class Layout:
    name: str
    summary: PartRule
    problems: PartRule
    causes: PartRule
    plans: PartRule
    # two-part: the default headings of part one (summary, problems, causes) and part two (plans)
    part_headings: tuple[str, str] | None = None

    @property
    def description(self) -> str:
        """The one line `reportgen templates` prints."""
        return msg(f"format.{self.name}")


LAYOUTS: dict[str, Layout] = {
    f.name: f
    for f in (
        Layout(
            "standard",
            summary=PartRule("基本情况", first_items=STANDALONE),
            problems=PartRule("存在问题"),
            causes=PartRule("原因分析"),
            plans=PartRule("下步打算"),
        ),
        Layout(
            "flat",
            summary=PartRule(None, items=(1, 3, 4), first_items=STANDALONE),
            # items in problems and causes (formats.md has none there) are numbered like plans'
            problems=PartRule("存在的问题", items=(3, 4, 5), one_paragraph=True),
            causes=PartRule("原因分析", items=(3, 4, 5), one_paragraph=True),
            plans=PartRule("下步打算", items=(3, 4, 5)),
        ),
        Layout(
            "points",
            summary=PartRule("{period}党建工作开展情况", points=PARAGRAPHS),
            problems=PartRule("存在的问题", points=PARAGRAPHS),
            causes=PartRule("原因分析", points=PARAGRAPHS),
            plans=PartRule("{next_period}党建工作计划安排", points=PARAGRAPHS),
        ),
        Layout(
            "headline",
            summary=PartRule(None, items=(1, 2, 3), first_items=STANDALONE),
            problems=PartRule("存在问题", one_paragraph=True),
            causes=PartRule("原因分析", one_paragraph=True),
            plans=PartRule("下步工作措施"),
        ),
        Layout(
            "two-part",
            summary=PartRule(None, items=(1, 2, 3), first_items=STANDALONE, points=PARAGRAPHS),
            problems=PartRule(None, points=PARAGRAPHS),
            causes=PartRule("原因分析", points=PARAGRAPHS),
            plans=PartRule(None, items=(1, 2, 3), first_items=STANDALONE, points=PARAGRAPHS),
            part_headings=("{period}党建工作总结", "{next_period}党建工作计划"),
        ),
    )
}

DEFAULT = "standard"
# The parts whose titles the two 第N部分 headings carry, in order.
PART_HEADED = ("summary", "plans")


class _Writer:
    def __init__(self, report: Report, chosen: Layout) -> None:
        self.report, self.layout = report, chosen
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
        report, chosen = self.report, self.layout
        for name, block in report.parts:
            carried = bool(chosen.part_headings) and name in PART_HEADED
            if carried:  # two-part: 第一部分 before the summary, 第二部分 (numbering anew) before the plans
                n = PART_HEADED.index(name)
                self.part(n + 1, block.title or self.fill(chosen.part_headings[n]), block)
                self.sections = 0
            if name == "summary":
                self.body(own(report.intro, ("intro",)))
            self.part_block(block, getattr(chosen, name), own_title=not carried)
            if name == "summary":
                self.figures("after_summary")
        self.figures("end")
        self.body(own(report.closing, ("closing",)))
        return self.out

    def figures(self, place: str) -> None:
        """The 主要工作数据 table, if the report has figures and wants the table at `place`."""
        if self.report.figures and self.report.figures_table == place:
            self.out.append(Paragraph("figures", paths=(("figures",),)))

    def part(self, n: int, words: str, block: Block) -> None:
        self.out.append(Paragraph("part", text=f"{numbering.part(n)}\u3000{words}", paths=title_of(block)))

    def body(self, pieces: list[Piece]) -> None:
        self.out += [Paragraph("body", text=t, paths=paths) for t, paths in pieces]

    # -------------------------------------------------------------- parts and items

    def part_block(self, block: Block, rule: PartRule, own_title: bool = True) -> None:
        """`own_title` False: the part's title went to its 第N部分 heading."""
        if rule.heading is not None:
            label = self.next_section()
            words = block.title or self.fill(rule.heading)
            self.out.append(Paragraph("heading", 1, label + words, label=label, paths=title_of(block)))
        elif block.title and own_title:
            self.untitled_part_heading(block, rule)
        texts, closing = self.texts(block, rule.points), closing_of(block)
        if rule.one_paragraph:
            if not block.items:  # the closing joins the paragraph unless items come between them
                texts, closing = texts + closing, []
            texts = [join(texts)] if texts else []
        self.body(texts)
        self.items(block.items, rule, depth=1)
        self.body(closing)

    def untitled_part_heading(self, block: Block, rule: PartRule) -> None:
        """A title the data gives a part that this format shows without a heading.

        Where the part's items are the level-1 sections (flat, headline: the summary), a number
        would shift theirs, so the title stands unnumbered above them; elsewhere (two-part's
        problems) it is a level-1 heading numbered on from the sections before it, like causes.
        """
        label = "" if rule.items[0] == 1 else self.next_section()
        self.out.append(Paragraph("heading", 1, label + block.title, label=label, paths=title_of(block)))

    def items(self, items: tuple[Block, ...], rule: PartRule, depth: int) -> None:
        level = rule.items[depth - 1]
        for n, item in enumerate(items, 1):
            label = self.next_section() if level == 1 else numbering.label(level, n)
            standalone = bool(item.items) or (depth == 1 and rule.first_items == STANDALONE)
            texts = self.texts(item, rule.points)
            if standalone:
                heading = Paragraph("heading", min(level, 4), label + item.title, label=label, paths=title_of(item))
                self.out.append(heading)
                self.body(texts)
            else:
                # the run-in heading starts the first paragraph, whatever it is (a point, when no text)
                lead = run_in(label + item.title) if item.title else label
                (first, paths), *rest = texts or [("", ())]
                paths = title_of(item) + paths
                self.out.append(Paragraph("body", min(level, 4), first, lead=lead, label=label, paths=paths))
                self.body(rest)
            if item.items:
                self.items(item.items, rule, depth + 1)
            self.body(closing_of(item))

    @staticmethod
    def texts(block: Block, points: str) -> list[Piece]:
        """A block's text paragraphs and its points: run on at the end of the last text paragraph
        (or as a paragraph of their own when there is no text), or one paragraph a point."""
        texts = own(block.text, block.path + ("text",)) if block.text else []
        path = block.path
        numbered = [(numbering.point(n) + p, (path + ("points", n - 1),)) for n, p in enumerate(block.points, 1)]
        if numbered and points == INLINE:
            texts[-1:] = [join(texts[-1:] + numbered)]
        else:
            texts += numbered
        return texts


# A paragraph's text and the data fields it prints.
Piece = tuple[str, tuple[tuple, ...]]


def own(texts: tuple[str, ...], path: tuple) -> list[Piece]:
    """The paragraphs of one text field."""
    if not texts:
        return []
    paths = (path,)
    return [(t, paths) for t in texts]


def join(pieces: list[Piece]) -> Piece:
    """Pieces run together into one paragraph."""
    return "".join([t for t, _ in pieces]), tuple([p for _, paths in pieces for p in paths])


def title_of(block: Block) -> tuple[tuple, ...]:
    return (block.path + ("title",),)


def closing_of(block: Block) -> list[Piece]:
    return own(block.closing, block.path + ("closing",)) if block.closing else []


def layout(report: Report, chosen: Layout | str = DEFAULT) -> list[Paragraph]:
    """The report as the paragraphs of the layout `chosen` (or its name), in order."""
    if isinstance(chosen, str):
        chosen = LAYOUTS[chosen]
    return _Writer(report, chosen).run()
