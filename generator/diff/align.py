"""Two renders of a report aligned item by item: what is kept, what changed, what came or went.

The alignment goes from the coarse to the fine, so that marks stay where a reader looks for them:

1. body items pair when their text is equal but for a leading numbering label, then, among those
   left, when they start alike, then when they end alike; tables pair in order. Labels matter:
   one item deleted, and every heading after it is renumbered, so a diff of the XML finds no long
   equal stretch but a moved section, and would mark everything in between as deleted and
   inserted. Paired items equal in all their XML are kept as they are;
2. each other pair is diffed together with the unpaired paragraphs after it (and those before it
   that start its text on the other side) as one stream of characters and paragraph marks
   (sequence.diff): a paragraph split in two, or two joined, is one paragraph mark inserted or
   deleted; a run-in heading that became a heading of its own keeps its text, formatted anew;
3. paragraphs with nothing to pair with are inserted or deleted whole;
4. table rows like paragraphs (by their whole XML, then by their first cell), cells recursively.

The result is a list of pieces that revisions.Writer turns into tracked-change XML, once
sequence.tidy has evened out all the character diffs within the document's slack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from generator.diff import sequence
from generator.diff.docxml import DELETE, INSERT, PPR, TC, TR, Atoms, Item, T, items

# A numbering label the templates print at the start of a heading or run-in paragraph.
_NUM = "一二三四五六七八九十百零"
LABEL = re.compile(rf"^(?:第[{_NUM}]+部分\u3000?|[{_NUM}]+、|（[{_NUM}]+）|\d+\.|（\d+）|[{_NUM}]+是)")

KEY_LEVELS = 3
ENDS = 10  # characters at the start or end of a paragraph that pair it when the rest changed


@dataclass
class Keep:
    element: etree._Element  # of the new version, unchanged


@dataclass
class Drop:
    """An old item that cannot carry a revision mark (not a paragraph or table): left out."""


@dataclass
class Whole:
    element: etree._Element  # a table or row, all of it inserted or deleted
    status: str


@dataclass
class Stream:
    diff: sequence.Diff  # paragraphs: characters and paragraph marks


@dataclass
class Row:
    element: etree._Element  # the new w:tr
    cells: list[list]  # the pieces of each cell, in order


@dataclass
class Table:
    element: etree._Element  # the new w:tbl
    rows: list  # Keep | Whole | Row


class Aligner:
    """Builds the pieces; `diffs` collects every character diff for sequence.tidy."""

    def __init__(self) -> None:
        self.atoms = Atoms()
        self.diffs: list[sequence.Diff] = []
        # what paragraphs inserted or deleted whole add to the slack of sequence.tidy: marks = edit distance
        self.whole_slack = 0

    def container(self, old: list[Item], new: list[Item]) -> list:
        for x in old + new:
            self._prepare(x)
        return self._group(self._anchors(old, new, 0))

    def _prepare(self, x: Item) -> None:
        """The keys an item pairs by: a paragraph's text without its label, then that text's start, its end."""
        if x.keys:
            return
        if not x.is_paragraph:
            x.keys = (("item", x.key),) * KEY_LEVELS
            return
        mark = self.atoms.props(x.element.find(PPR))
        x.text = "".join(t.text or "" for t in x.element.iter(T))
        text = LABEL.sub("", x.text)
        x.keys = ((mark, text), (mark, "head", text[:ENDS]), (mark, "tail", text[-ENDS:]))

    def _anchors(self, old: list[Item], new: list[Item], level: int) -> list:
        """Pairs equal by the key of `level`, then by the next keys in what is left between them;
        at the end, tables pair in order. Entries: (old, new, paired) or a Table piece."""
        if not old or not new:
            return [(old, new, False)]
        if level == KEY_LEVELS:
            return self._tables(old, new)
        out: list = []
        for tag, i1, i2, j1, j2 in sequence.blocks([x.keys[level] for x in old], [x.keys[level] for x in new]):
            if tag == "equal":
                out += [([a], [b], True) for a, b in zip(old[i1:i2], new[j1:j2])]
            else:
                out += self._anchors(old[i1:i2], new[j1:j2], level + 1)
        return out

    def _tables(self, old: list[Item], new: list[Item]) -> list:
        """The k-th table of each side pair; the stretches between them stay unpaired."""
        out: list = []
        tables = list(zip((i for i, x in enumerate(old) if x.is_table), (j for j, x in enumerate(new) if x.is_table)))
        i = j = 0
        for a, b in tables:
            out += [(old[i:a], new[j:b], False), self.table(old[a].element, new[b].element)]
            i, j = a + 1, b + 1
        return out + [(old[i:], new[j:], False)]

    def _group(self, entries: list) -> list:
        """Each changed pair is diffed together with the unpaired paragraphs after it, and with
        those before it when they are the start of its text on the other side; equal pairs are
        kept as they are."""
        out: list = []
        pending: tuple[list[Item], list[Item]] = ([], [])
        for entry in entries:
            if isinstance(entry, Table):
                out += self._loose(*pending) + [entry]
                pending = ([], [])
                continue
            a, b, paired = entry
            if not paired:
                pending[0].extend(a)
                pending[1].extend(b)
                continue
            if a[0].key == b[0].key:
                out += self._loose(*pending) + [Keep(b[0].element)]
                pending = ([], [])
            elif _leads(pending, a[0], b[0]):
                pending = (pending[0] + a, pending[1] + b)
            else:
                out += self._loose(*pending)
                pending = (a, b)
        return out + self._loose(*pending)

    def _loose(self, old: list[Item], new: list[Item]) -> list:
        """Paragraphs as one stream, cut where a table or other item stands on either side; with
        nothing on the other side, each is inserted or deleted whole."""
        out: list = []
        while old or new:
            a = next((n for n, x in enumerate(old) if not x.is_paragraph), len(old))
            b = next((n for n, x in enumerate(new) if not x.is_paragraph), len(new))
            if a and b:
                out.append(self._stream(old[:a], new[:b]))
            else:
                out += [self._whole(x, DELETE) for x in old[:a]] + [self._whole(x, INSERT) for x in new[:b]]
            old, new = old[a:], new[b:]
            if old:
                out.append(Whole(old[0].element, DELETE) if old[0].is_table else Drop())
                old = old[1:]
            if new:
                out.append(Whole(new[0].element, INSERT) if new[0].is_table else Keep(new[0].element))
                new = new[1:]
        return out

    def _whole(self, x: Item, status: str) -> Whole:
        self.whole_slack += sum(len(t.text or "") for t in x.element.iter(T)) + 1  # and its mark
        return Whole(x.element, status)

    def _stream(self, old: list[Item], new: list[Item]) -> Stream:
        for x in old + new:
            if not x.atoms:
                x.atoms = self.atoms.paragraph(x.element)
        a = [n for x in old for n in x.atoms]
        b = [n for x in new for n in x.atoms]
        d = sequence.diff(a, b, self.atoms.match) if a and b else sequence.whole(a, b)
        self.diffs.append(d)
        return Stream(d)

    # -------------------------------------------------------------- tables

    def table(self, old: etree._Element, new: etree._Element) -> Table:
        old_rows, new_rows = items_of(old, TR), items_of(new, TR)
        rows: list = []
        for tag, i1, i2, j1, j2 in sequence.blocks([x.key for x in old_rows], [x.key for x in new_rows]):
            if tag == "equal":
                rows += [Keep(x.element) for x in new_rows[j1:j2]]
            else:
                rows += self._rows(old_rows[i1:i2], new_rows[j1:j2])
        return Table(new, rows)

    def _rows(self, old: list[Item], new: list[Item]) -> list:
        """Rows pair by their first cell (a figure's name), else in order; the rest come or go whole."""
        out: list = []
        for tag, i1, i2, j1, j2 in sequence.blocks([first_cell(x) for x in old], [first_cell(x) for x in new]):
            pairs = list(zip(old[i1:i2], new[j1:j2]))
            for a, b in pairs:
                out += self.row(a.element, b.element)
            out += [Whole(x.element, DELETE) for x in old[i1 + len(pairs) : i2]]
            out += [Whole(x.element, INSERT) for x in new[j1 + len(pairs) : j2]]
        return out

    def row(self, old: etree._Element, new: etree._Element) -> list:
        old_cells, new_cells = old.findall(TC), new.findall(TC)
        if len(old_cells) != len(new_cells):
            return [Whole(old, DELETE), Whole(new, INSERT)]
        return [Row(new, [self.container(items(a), items(b)) for a, b in zip(old_cells, new_cells)])]


def _leads(pending: tuple[list[Item], list[Item]], old: Item, new: Item) -> bool:
    """Paragraphs on one side only that the other side has at the start of the pair's paragraph:
    a run-in heading that became a heading of its own (or the other way), the first part of a
    paragraph split in two."""
    gone, came = pending
    if bool(gone) == bool(came):
        return False
    text = "".join(x.text for x in gone or came)
    return bool(text) and (new.text if gone else old.text).startswith(text.rstrip("。"))


def items_of(parent: etree._Element, tag: str) -> list[Item]:
    return [Item(c, etree.tostring(c)) for c in parent if c.tag == tag]


def first_cell(row: Item) -> str:
    cell = row.element.find(TC)
    return "".join(cell.itertext()) if cell is not None else ""
