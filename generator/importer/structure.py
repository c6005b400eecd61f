"""The body lines of a report as the data of one layout: the inverse of layout.layout.

A layout (generator/layout.py) says, for each part, whether it has a heading, which label
levels its items use, whether its first items stand alone or run in, and whether its points are
inline or a paragraph each. `build()` reads the lines the way that format would have written
them, so that a report reportgen rendered comes back as data that renders to the same
paragraphs; a report written by hand comes back as the closest such data.

Three families of format, told apart by their data, not by name: the parts are the level-1
headings (a summary heading of its own); the summary's items are the level-1 headings and the
other parts follow them (no summary heading); two parts, 第一部分 and 第二部分.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator import layout
from generator.data.periods import Period
from generator.importer import labels, parts
from generator.importer.blocks import (
    hoist,
    is_heading_sentence,
    point_of,
    read_points,
    split_heading,
    split_intro,
    texts,
    unclosed,
    unpunctuated,
)  # fmt: skip
from generator.importer.frame import Line
from generator.layout import INLINE, STANDALONE, Layout, PartRule

MAX_DEPTH = 3  # items below a part (data-format.md)
MAX_TITLE = 60
PLACEHOLDER = "XX"


@dataclass
class Node:
    head: Line | None = None
    pre: list[Line] = field(default_factory=list)  # its lines before its first item
    items: list["Node"] = field(default_factory=list)
    post: list[Line] = field(default_factory=list)  # its lines after its items

    def add(self, line: Line) -> None:
        (self.post if self.items else self.pre).append(line)


@dataclass
class Built:
    data: dict  # the data, texts as they print (not yet escaped for YAML)
    notes: list[tuple[int, str, dict]] = field(default_factory=list)


class _Builder:
    def __init__(self, lines: list[Line], chosen: Layout, period: Period) -> None:
        self.lines, self.layout, self.period = lines, chosen, period
        self.notes: list[tuple[int, str, dict]] = []
        # The parts' headings (and sections) are level 1 (一、) in every format; a report that uses no
        # 一、 at all has its most major kind there. Not the first kind seen: a summary without
        # sections may be followed by problems with （一） items. Two-part's 第N部分 are the parts,
        # so its sections are level 1 even when no 一、 is used.
        kinds = {ln.label.kind for ln in lines if ln.structural}
        marked = chosen.part_headings and any(ln.label and ln.label.kind == labels.PART for ln in lines)
        self.top = 1 if marked or 1 in kinds else min(kinds, default=None)

    def note(self, where: int, key: str, **kw: object) -> None:
        self.notes.append((where, key, kw))

    def fill(self, pattern: str | None) -> str:
        return pattern.format(period=self.period.name, next_period=self.period.next_name) if pattern else ""

    # ------------------------------------------------------------ the whole

    def run(self) -> dict:
        lines = [ln for ln in self.lines if not ln.figures]
        if self.layout.part_headings:
            data = self.two_part(lines)
        elif self.layout.summary.heading is not None:
            data = self.headed(lines)
        else:
            data = self.sections(lines)
        for name in ("summary", "problems", "plans"):
            if not data.get(name):
                data[name] = {"text": [PLACEHOLDER]}
                self.note(0, "import.missing-part", part=name)
        self.hoist_closing(data)
        return {k: data[k] for k in ("intro", "summary", "problems", "causes", "plans", "closing") if data.get(k)}

    def tops(self, lines: list[Line]) -> list[int]:
        return [i for i, ln in enumerate(lines) if ln.structural and ln.label.kind == self.top]

    def headed(self, lines: list[Line]) -> dict:
        """standard, points: every level-1 heading starts a part; the first one is the summary."""
        tops = self.tops(lines)
        roles = parts.roles([lines[i].rest for i in tops])
        data: dict = {}
        if not tops:
            data["summary"] = self.part_block(None, lines, self.layout.summary)
            return data
        data["intro"] = texts(lines[: tops[0]])
        starts = [(i, role) for i, role in zip(tops, roles) if role or i == tops[0]]
        for n, (i, role) in enumerate(starts):
            end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
            name = role or "summary"  # roles() gives each part one heading
            data[name] = self.part_block(lines[i], lines[i + 1 : end], getattr(self.layout, name))
        return data

    def sections(self, lines: list[Line]) -> dict:
        """flat, headline: the level-1 headings are the summary's items until the other parts start."""
        tops = self.tops(lines)
        roles = parts.roles([lines[i].rest for i in tops])
        first_part = next((i for i, r in zip(tops, roles) if r), len(lines))
        data: dict = {}
        head, before = self.summary_head(lines[: min(tops[0] if tops else len(lines), first_part)])
        summary_lines = lines[len(before) + (head is not None) : first_part]
        has_items = any(i < first_part for i in tops)
        if has_items or head is not None:
            intro, text = split_intro(before)
            data["intro"] = texts(intro)
            summary_lines = text + summary_lines
        else:
            intro, summary_lines = self.points_start(before + summary_lines)
            data["intro"] = texts(intro)
        if summary_lines or head is not None:
            data["summary"] = self.part_block(head, summary_lines, self.layout.summary, unnumbered=head is not None)
        data.update(self.rest_parts(lines, tops, roles, first_part))
        return data

    def summary_head(self, lines: list[Line]) -> tuple[Line | None, list[Line]]:
        """An unnumbered heading (a heading style, no label) above the sections: the summary's title."""
        for i in range(len(lines) - 1, -1, -1):
            ln = lines[i]
            if ln.label is None and len(ln.text) <= MAX_TITLE and (ln.para.heading or ln.para.bold or unpunctuated(ln.text)):
                return ln, lines[:i]
        return None, lines

    def points_start(self, lines: list[Line]) -> tuple[list[Line], list[Line]]:
        """(intro, summary) of a summary without sections: where its inline points start a
        paragraph, the paragraphs before them cannot be its text, so they are the intro."""
        if self.layout.summary.points == INLINE:
            first = next((i for i, ln in enumerate(lines) if ln.point == 1), 0)
            return lines[:first], lines[first:]
        return [], lines

    def rest_parts(self, lines: list[Line], tops: list[int], roles: list[str | None], start: int) -> dict:
        data: dict = {}
        starts = [(i, r) for i, r in zip(tops, roles) if r and i >= start]
        for n, (i, role) in enumerate(starts):
            end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
            data[role] = self.part_block(lines[i], lines[i + 1 : end], getattr(self.layout, role))
        return data

    def two_part(self, lines: list[Line]) -> dict:
        marks = [i for i, ln in enumerate(lines) if ln.label and ln.label.kind == labels.PART]
        if not marks:
            return self.sections(lines)
        one = marks[0]
        two = marks[1] if len(marks) > 1 else len(lines)
        data = self.part_one(lines[one + 1 : two], lines[: one])
        words = parts.part_words(lines[one])
        if words and words != self.fill(self.layout.part_headings[0]):
            data.setdefault("summary", {"text": [PLACEHOLDER]})
            data["summary"] = {"title": words, **data["summary"]}
        if two < len(lines):
            for extra in marks[2:]:  # a third part: its heading and lines stay with the plans, as text
                self.note(lines[extra].where, "import.part-twice", part="plans")
            plans = self.part_block(None, lines[two + 1 :], self.layout.plans)
            words = parts.part_words(lines[two])
            if words and words != self.fill(self.layout.part_headings[1]):
                plans = {"title": words, **plans}
            data["plans"] = plans
        return data

    def part_one(self, lines: list[Line], before: list[Line]) -> dict:
        tops = self.tops(lines)
        roles = parts.roles([lines[i].rest for i in tops])
        first_part = next((i for i, r in zip(tops, roles) if r), len(lines))
        untitled = None if "problems" in roles else self.untitled_problems(lines, tops, first_part)
        end = untitled if untitled is not None else first_part
        items_at = [i for i in tops if i < end]
        intro_end = items_at[0] if items_at else 0
        if items_at:
            intro, text = split_intro(before + lines[:intro_end])
            summary_lines = text + lines[intro_end:end]
        else:
            intro, summary_lines = self.points_start(before + lines[:end])
        data: dict = {"intro": texts(intro)}
        if summary_lines:
            data["summary"] = self.part_block(None, summary_lines, self.layout.summary)
        if untitled is not None:
            data["problems"] = self.part_block(None, lines[untitled:first_part], self.layout.problems)
        data.update(self.rest_parts(lines, tops, roles, first_part))
        return data

    def untitled_problems(self, lines: list[Line], tops: list[int], first_part: int) -> int | None:
        """Where two-part's problems start when they have no heading: after the figures table, else
        at the first paragraph after the summary's sections that speaks of 问题/不足."""
        fig = next((i for i, ln in enumerate(self.lines) if ln.figures), None)
        if fig is not None:
            after = [ln for ln in self.lines[fig + 1 :] if not ln.figures]
            if after and after[0] in lines[:first_part]:
                return lines.index(after[0])
        last = max((i for i in tops if i < first_part), default=-1)
        for i in range(last + 1, first_part):
            ln = lines[i]
            if ln.label is None and parts.speaks_of_problems(ln.text):
                return i
        # else the last points after the sections' text: they print the same wherever they belong
        runs = [i for i in range(last + 2, first_part) if lines[i].point == 1 and not lines[i - 1].structural]
        return runs[-1] if runs else None

    # ------------------------------------------------------------ one part

    def part_block(self, head: Line | None, lines: list[Line], rule: PartRule, unnumbered: bool = False) -> dict:
        root = self.tree(lines)
        root.head = head
        block = self.block(root, rule, 0)
        if head is not None:
            title = block.get("title", "")
            default = self.fill(rule.heading)
            if unnumbered or title != default:
                block = {"title": title, **{k: v for k, v in block.items() if k != "title"}} if title else block
            else:
                block.pop("title", None)
        return block

    def tree(self, lines: list[Line]) -> Node:
        root = Node()
        depth_of: dict[object, int] = {}
        stack: list[tuple[int, Node]] = [(0, root)]
        for ln in lines:
            if not ln.structural:
                stack[-1][1].add(ln)
                continue
            kind = ln.label.kind
            rank = depth_of.setdefault(kind, len(depth_of) + 1)
            while len(stack) > 1 and stack[-1][0] >= rank:
                stack.pop()
            if len(stack) > MAX_DEPTH:
                self.note(ln.where, "import.too-deep")
                stack[-1][1].add(Line(ln.para, None, ln.text))
                continue
            node = Node(ln)
            stack[-1][1].items.append(node)
            stack.append((rank, node))
        return root

    def block(self, node: Node, rule: PartRule, depth: int) -> dict:
        standalone = bool(node.items) or depth == 0 or (depth == 1 and rule.first_items == STANDALONE)
        title, first = split_heading(node.head, standalone) if node.head else ("", None)
        if not title and node.pre and is_heading_sentence(first):
            title, first = unclosed(first), None  # `1.规范支部设置。` alone on its line, its text below
        if len(title) > MAX_TITLE or "\n" in title:
            self.note(node.head.where, "import.long-title")
            title, first = "", node.head.rest.strip()
        body = ([first] if first else []) + texts(node.pre)
        points_first = [ln.point for ln in node.pre]
        if first is not None and node.head is not None:
            points_first.insert(0, point_of(first))
        block: dict = {"title": title} if title else {}
        text, points, closing = read_points(body, points_first, rule.points, bool(node.items))
        if text:
            block["text"] = text
        if points:
            block["points"] = points
        if node.items:
            block["items"] = [self.block(item, rule, depth + 1) for item in node.items]
        closing += texts(node.post)
        if closing:
            block["closing"] = closing
        if not (text or points or node.items):
            if closing:
                block["text"] = block.pop("closing")
            else:
                block["text"] = [PLACEHOLDER]
                if node.head is not None:
                    self.note(node.head.where, "import.empty-item")
        return block

    # ------------------------------------------------------------ the end of the report

    def hoist_closing(self, data: dict) -> None:
        """Paragraphs after the last plan are the report's closing (import.md): the last item keeps
        its first paragraph (and its points), the rest moves out. It prints the same."""
        plans = data.get("plans")
        if not plans:
            return
        moved = hoist(plans)
        if moved:
            data["closing"] = moved + data.get("closing", [])


def build(lines: list[Line], chosen: Layout | str, period: Period) -> Built:
    if isinstance(chosen, str):
        chosen = layout.LAYOUTS[chosen]
    b = _Builder(lines, chosen, period)
    return Built(b.run(), b.notes)
