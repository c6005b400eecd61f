"""Where a paragraph the reviewer inserted goes in the data, and what a deleted one removes.

Inserted: a paragraph that starts with a point label (三是…) is a new point next to the points
around it; one that starts with a heading label (（三）…) is a new item after the item it follows
(a run-in title ends at the first 。; a heading alone takes the paragraphs typed after it as its
text); any other paragraph is a new paragraph of the text it follows (or, after points, of the
block's closing; after a heading, of the text that comes next). Deleted: that paragraph of its
text, that point, and an item whose title and every paragraph are gone.
"""

from __future__ import annotations

import re

from generator.data.text import END_PUNCTUATION
from generator.review.origin import DEFAULT, FIELD, LABEL, TEMPLATE, UNMAPPED, Mapped, Seg, value_at
from generator.review.plan import Entry, Plan

_NUM = "一二三四五六七八九十百零"
# every label the templates print: renumbered, it is not an edit
LABEL_TEXT = re.compile(rf"(?:第[{_NUM}]+部分\u3000?|[{_NUM}]+、|（[{_NUM}]+）|\d+\.|（\d+）|[{_NUM}]+是|[①-⑳])")
POINT = re.compile(rf"^[{_NUM}]+是")
ITEM = re.compile(rf"^(?:[{_NUM}]+、|（[{_NUM}]+）|\d+[.．、]|（\d+）)")
TEXTS = ("text", "closing", "intro")
PARTS = ("summary", "problems", "causes", "plans")


def is_point(path: tuple) -> bool:
    return len(path) >= 2 and path[-2] == "points"


def item_of(path: tuple) -> tuple | None:
    """The deepest item a field path lies in: (…, "items", n)."""
    for i in range(len(path) - 2, -1, -1):
        if path[i] == "items" and isinstance(path[i + 1], int):
            return path[: i + 2]
    return None


class Placer:
    def __init__(self, plan: Plan, warn, ours: list[Mapped]) -> None:
        self.plan, self.warn, self.ours = plan, warn, ours
        self.at = -1  # index in ours of the paragraph a new one follows
        self.new_item: Entry | None = None  # an item inserted in this run of new paragraphs
        self.titles: dict[tuple, int] = {}  # item → 段N, whose title paragraph was deleted
        self.emptied: dict[tuple, int] = {}  # text field → 段N, that lost a paragraph

    def done(self) -> None:
        """A run of inserted paragraphs ended."""
        self.new_item = None

    # ------------------------------------------------------------ inserted

    def insert(self, text: str, at: int | None, after: Mapped | None, where: int, heading: bool = False) -> None:
        """A new paragraph after ours[at] (None: before all); `heading`: in a heading style,
        without a label it is a new item's title too."""
        self.at = at if at is not None else -1
        before = self.ours[at] if at is not None else None
        last = _last_field(before)
        nxt = _first_field(after)
        point, item = POINT.match(text), ITEM.match(text)
        if point and self.point(text[point.end() :], last, nxt):
            return
        if item and self.part_title(text[item.end() :], nxt):
            return
        if item and self.item(item.group(0), text[item.end() :], last, nxt):
            return
        if heading and not item and not point and self.item("", text, last, nxt):
            return
        if self.new_item is not None and not point and not item:
            self.new_item.value.setdefault("text", []).append(text)
            self.plan.edits += 1
            return
        if not point and not item and self.paragraph(text, before, last, nxt):
            return
        self.warn("review.not-placed", where, text=text[:30])

    def point(self, words: str, last: Seg | None, nxt: Seg | None) -> bool:
        if self.new_item is not None:
            self.new_item.value.setdefault("points", []).append(words)
            self.plan.edits += 1
            return True
        if last is not None and is_point(last.path):
            self.plan.insert_entry(last.path[:-1], last.path[-1], words)
        elif nxt is not None and is_point(nxt.path):
            self.plan.insert_entry(nxt.path[:-1], _before(nxt.path[-1]), words)
        elif last is not None and last.path[-1] == "text":
            self.plan.insert_entry(last.path[:-1] + ("points",), None, words)
        else:
            return False
        return True

    def item(self, label: str, rest: str, last: Seg | None, nxt: Seg | None) -> bool:
        cut = rest.find("。") if label else -1  # a heading without a label is all title
        if 0 < cut < len(rest) - 1:
            value = {"title": rest[:cut], "text": [rest[cut + 1 :]]}
        else:
            value = {"title": rest.rstrip("。")}
        kin = self.kin(kind(label))
        if kin is not None:
            path, after = kin
            self.new_item = self.plan.insert_entry(path[:-1], path[-1] if after else _before(path[-1]), value)
            return True
        anchor = item_of(last.path) if last is not None else None
        if anchor is not None:
            self.new_item = self.plan.insert_entry(anchor[:-1], anchor[-1], value)
        elif last is not None and last.path:
            block = last.path[:-1] if last.path[-1] in ("title",) + TEXTS else last.path[:-2]
            self.new_item = self.plan.insert_entry(block + ("items",), None, value)
        elif nxt is not None and item_of(nxt.path) is not None:
            anchor = item_of(nxt.path)
            self.new_item = self.plan.insert_entry(anchor[:-1], _before(anchor[-1]), value)
        else:
            return False
        return True

    def part_title(self, words: str, nxt: Seg | None) -> bool:
        """A heading typed above a part that the layout shows without one (two-part's problems):
        the part's title, which gives it a heading."""
        if nxt is None or not nxt.path or nxt.path[0] not in PARTS or item_of(nxt.path) is not None:
            return False
        part = self.plan.source.data.get(nxt.path[0]) or {}
        if part.get("title") or any(s.path == (nxt.path[0], "title") for m in self.ours for s in m.segs):
            return False
        self.plan.set_paragraph((nxt.path[0], "title"), 0, words)
        return True

    def kin(self, wanted: str) -> tuple[tuple, bool] | None:
        """The nearest item with a label of the same kind: the last one before the new paragraph
        (the new item goes after it), else the first one after (it goes before)."""
        before = [m for m in self.ours[: self.at + 1] if _item_label(m) == wanted]
        if before:
            return item_of(before[-1].segs[1].path), True
        after = [m for m in self.ours[self.at + 1 :] if _item_label(m) == wanted]
        return (item_of(after[0].segs[1].path), False) if after else None

    def paragraph(self, text: str, before: Mapped | None, last: Seg | None, nxt: Seg | None) -> bool:
        if last is None:
            return False
        ends_with_field = before is not None and before.segs and before.segs[-1] is last
        if last.path[-1] in TEXTS and last.kind == FIELD and ends_with_field:
            self.plan.insert_paragraph(last.path, last.index, text)
        elif is_point(last.path):  # after the points: the block's closing
            block = last.path[:-2]
            self.plan.insert_paragraph(block + ("closing",), None, text)
        elif nxt is not None and nxt.path[-1] in TEXTS and nxt.kind == FIELD:
            self.plan.insert_paragraph(nxt.path, _before(nxt.index), text)
        elif last.path[-1] == "title" and last.kind in (FIELD, DEFAULT):
            block = last.path[:-1]
            self.plan.insert_paragraph(block + ("text",), None, text)
        else:
            return False
        return True

    # ------------------------------------------------------------ deleted

    def delete(self, ours: Mapped, where: int) -> None:
        for seg in ours.segs:
            path = seg.path
            if seg.kind == FIELD and path[-1] in TEXTS:
                self.plan.delete_paragraph(path, seg.index)
                self.emptied.setdefault(path, where)
            elif seg.kind == FIELD and is_point(path):
                self.plan.delete_entry(path[:-1], path[-1])
            elif seg.kind in (FIELD, DEFAULT) and path[-1] == "title" and item_of(path) == path[:-1]:
                self.titles[path[:-1]] = where
            elif seg.kind == TEMPLATE and seg.text in END_PUNCTUATION:
                continue  # the 。 of a run-in heading goes with its title
            elif seg.kind != LABEL:
                key = "review.unmapped" if seg.kind == UNMAPPED else "review.template-deleted"
                self.warn(key, where, text=ours.text[:30])
                return

    def finish(self, data: dict) -> None:
        """Items whose title paragraph was deleted: gone whole when all their content is gone."""
        for item, where in self.titles.items():
            if self._emptied(item, value_at(data, item) or {}):
                self.plan.delete_entry(item[:-1], item[-1])
            else:
                self.warn("review.title-deleted", where, item + ("title",))
        for path, where in self.emptied.items():
            block = path[:-1]
            if not block:
                continue  # the report's intro or closing may go
            gone = block[-2:-1] == ("items",) and self.plan.is_deleted(block)
            if self.plan.is_emptied(path) and not gone and self._emptied(block, value_at(data, block) or {}):
                for entry in self.plan.texts[path].originals:  # a block left with nothing: keep its text
                    if entry.origin is not None:
                        entry.value, entry.changed = self.plan.paragraphs_of(path)[entry.origin], False
                self.warn("review.block-emptied", where, path)

    def _emptied(self, path: tuple, block: dict) -> bool:
        for key in ("text", "closing"):
            if block.get(key) and not self.plan.is_emptied(path + (key,)):
                return False
        for n, _ in enumerate(block.get("points") or ()):
            if not self.plan.is_deleted(path + ("points", n)):
                return False
        for n, sub in enumerate(block.get("items") or ()):
            sub_path = path + ("items", n)
            if not self.plan.is_deleted(sub_path) and not (sub_path in self.titles and self._emptied(sub_path, sub)):
                return False
        return True


def kind(label: str) -> str:
    """The shape of a label, whatever its number: 三、 → 一、, （四） → （一）, 2. → 1., （3） → （1）."""
    return re.sub(r"\d+", "1", re.sub(f"[{_NUM}]+", "一", label)).replace("．", ".").replace("1、", "1.")


def _item_label(m: Mapped) -> str | None:
    """The label kind of an item's heading or run-in paragraph; None for other paragraphs."""
    if len(m.segs) < 2 or m.segs[0].kind != LABEL or m.segs[1].kind != FIELD:
        return None
    path = m.segs[1].path
    return kind(m.segs[0].text) if path[-1:] == ("title",) and item_of(path) == path[:-1] else None


def _before(index: int) -> int | None:
    return index - 1 if index > 0 else None


def _last_field(m: Mapped | None) -> Seg | None:
    fields = m.fields() if m is not None else []
    return fields[-1] if fields else None


def _first_field(m: Mapped | None) -> Seg | None:
    fields = m.fields() if m is not None else []
    return fields[0] if fields else None

