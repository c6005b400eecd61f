"""How many pages a section of the 汇编 fills, so that the contents list carries its page numbers.

A contents list whose numbers Word must update first is one the user prints wrong; so the pages
are counted here, by the rules the GB/T 9704 layout makes exact: every body line is exactly
28.95 pt on a grid of 22 lines, a line holds 28 characters of 16 pt, headings keep with what
follows, rows of the figures table do not split, and no widow control moves lines. A Chinese
character is one em wide, a Latin letter or digit half an em. Custom templates are counted by
their own styles with the same rules, which is an estimate where they use other line spacing.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from lxml import etree

from generator.rollup.package import NS, w

_PPR, _PSTYLE, _VAL = w("pPr"), w("pStyle"), w("val")
# Runs of wide characters (CJK, full-width forms and the punctuation Chinese sets full width, as
# text.is_wide) and of narrow ones (Latin letters, digits, spaces).
_WIDE = "\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd“”‘’…—·"
_RUNS = re.compile(f"([{_WIDE}]+)|[^{_WIDE}]+")


@dataclass(frozen=True)
class Look:
    """What placing a paragraph needs from its style."""

    size: int = 21  # half-points: 10.5 pt, Word's default
    spacing: int = 0  # character spacing, twips
    before: int = 0
    after: int = 0
    line: int = 240
    rule: str = "auto"
    first: int = 0  # first-line indent
    left: int = 0
    right: int = 0
    keep_next: bool = False
    snap: bool = True


_FIELDS = {
    "size": ("w:rPr/w:sz", "val"), "spacing": ("w:rPr/w:spacing", "val"),
    "before": ("w:pPr/w:spacing", "before"), "after": ("w:pPr/w:spacing", "after"),
    "line": ("w:pPr/w:spacing", "line"), "rule": ("w:pPr/w:spacing", "lineRule"),
    "first": ("w:pPr/w:ind", "firstLine"), "left": ("w:pPr/w:ind", "left"), "right": ("w:pPr/w:ind", "right"),
}  # fmt: skip


def looks(styles: etree._Element) -> dict[str | None, Look]:
    """Every paragraph style's Look, following basedOn; None is the default paragraph style's."""
    by_id = {s.get(w("styleId")): s for s in styles.iterfind("w:style", NS) if s.get(w("type")) == "paragraph"}
    defaults = styles.find("w:docDefaults", NS)
    base = _apply(Look(), defaults.find("w:rPrDefault", NS) if defaults is not None else None)
    base = _apply(base, defaults.find("w:pPrDefault", NS) if defaults is not None else None)
    out: dict[str | None, Look] = {}

    def resolve(sid: str, depth: int = 0) -> Look:
        if sid in out:
            return out[sid]
        style = by_id[sid]
        parent = style.find("w:basedOn", NS)
        inherited = base
        if parent is not None and parent.get(w("val")) in by_id and depth < 20:
            inherited = resolve(parent.get(w("val")), depth + 1)
        out[sid] = _apply(inherited, style)
        return out[sid]

    for sid in by_id:
        resolve(sid)
    default = next((s for s, e in by_id.items() if e.get(w("default")) == "1"), None)
    out[None] = out.get(default, base)
    return out


def _apply(look: Look, node: etree._Element | None) -> Look:
    if node is None:
        return look
    changes: dict[str, object] = {}
    for name, (path, attr) in _FIELDS.items():
        found = node.find(path, NS)
        if found is not None and found.get(w(attr)) is not None:
            value = found.get(w(attr))
            changes[name] = value if name == "rule" else _int(value)
    ppr = node.find("w:pPr", NS)
    if ppr is not None:
        keep = ppr.find("w:keepNext", NS)
        if keep is not None:
            changes["keep_next"] = keep.get(w("val")) not in ("0", "false")
        snap = ppr.find("w:snapToGrid", NS)
        if snap is not None:
            changes["snap"] = snap.get(w("val")) not in ("0", "false")
    return Look(**{**look.__dict__, **changes})


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return 0


@dataclass(frozen=True)
class Page:
    """A section's page: its text area and grid."""

    width: int
    height: int
    pitch: int  # the document grid's line pitch, 0 without a grid

    @classmethod
    def of(cls, section: etree._Element) -> "Page":
        size, margins = section.find("w:pgSz", NS), section.find("w:pgMar", NS)
        grid = section.find("w:docGrid", NS)
        width = _int(size.get(w("w"))) - _int(margins.get(w("left"))) - _int(margins.get(w("right")))
        height = _int(size.get(w("h"))) - _int(margins.get(w("top"))) - _int(margins.get(w("bottom")))
        pitch = _int(grid.get(w("linePitch"))) if grid is not None and grid.get(w("type")) in ("lines", "linesAndChars") else 0
        return cls(width, height, pitch)


class Flow:
    """Blocks placed one after another down the pages of one section."""

    def __init__(self, page: Page, styles: dict[str | None, Look]) -> None:
        self.page, self.styles = page, styles
        self.pages, self.used = 1, 0

    def count(self, blocks: list[etree._Element]) -> int:
        for i, block in enumerate(blocks):
            if block.tag == w("p"):
                following = blocks[i + 1] if i + 1 < len(blocks) else None
                self.paragraph(block, following)
            elif block.tag == w("tbl"):
                self.table(block)
        return self.pages

    def new_page(self) -> None:
        self.pages, self.used = self.pages + 1, 0

    def look(self, p: etree._Element) -> Look:
        if len(p) and p[0].tag == _PPR:  # (child by child: lxml's find by path costs more here)
            for child in p[0]:
                if child.tag == _PSTYLE:
                    return self.styles.get(child.get(_VAL)) or self.styles[None]
        return self.styles[None]

    def line_height(self, look: Look) -> int:
        natural = look.size * 10 * 13 // 10  # a CJK face's line: about 1.3 em
        if look.rule == "exact":
            return look.line
        height = max(look.line, natural) if look.rule == "atLeast" else natural * look.line // 240
        if self.page.pitch and look.snap:
            height = math.ceil(height / self.page.pitch) * self.page.pitch
        return height

    def lines(self, p: etree._Element, look: Look, width: int) -> int:
        """Lines the paragraph's text takes: filled character by character, a run of equal widths
        at a time (the same breaks as one character at a time, in a fraction of the time)."""
        text = "".join(t.text or "" for t in p.iter(w("t")))
        em, half = look.size * 10 + look.spacing, look.size * 5 + look.spacing
        room = width - look.left - look.right
        lines, used, limit = 1, 0, room - look.first
        for run in _RUNS.finditer(text):
            step = em if run.group(1) else half
            left = len(run.group())
            while left:
                fits = max((limit - used) // step, 0) if step > 0 else left
                if fits == 0:
                    if used == 0:  # wider than a line: it stands alone
                        fits = 1
                    else:
                        lines, used, limit = lines + 1, 0, room
                        continue
                taken = min(fits, left)
                used, left = used + taken * step, left - taken
        return lines

    def height(self, p: etree._Element, width: int) -> int:
        look = self.look(p)
        return look.before + self.lines(p, look, width) * self.line_height(look) + look.after

    def paragraph(self, p: etree._Element, following: etree._Element | None) -> None:
        look = self.look(p)
        if self.used and p.find("w:pPr/w:pageBreakBefore", NS) is not None:
            self.new_page()
        lines, each = self.lines(p, look, self.page.width), self.line_height(look)
        if look.keep_next and following is not None and following.tag == w("p") and self.used:
            after = self.look(following)
            together = look.before + lines * each + look.after + after.before + self.line_height(after)
            if self.used + together > self.page.height:
                self.new_page()
        if self.used:
            self.used += look.before
        for _ in range(lines):
            if self.used + each > self.page.height and self.used:
                self.new_page()
            self.used += each
        self.used += look.after
        if any(br.get(w("type")) == "page" for br in p.iter(w("br"))):
            self.new_page()

    def table(self, tbl: etree._Element) -> None:
        header = 0
        for row in tbl.iterfind("w:tr", NS):
            height = max((self.cell_height(tc) for tc in row.iterfind("w:tc", NS)), default=0)
            if row.find("w:trPr/w:tblHeader", NS) is not None:
                header += height
            if self.used + height > self.page.height and self.used:
                self.new_page()
                self.used += header if row.find("w:trPr/w:tblHeader", NS) is None else 0
            self.used += height

    def cell_height(self, tc: etree._Element) -> int:
        width_node = tc.find("w:tcPr/w:tcW", NS)
        width = (_int(width_node.get(w("w"))) if width_node is not None else self.page.width) - 216
        return sum(self.height(p, width) for p in tc.iterfind("w:p", NS))


def count(blocks: list[etree._Element], section: etree._Element, styles: dict[str | None, Look]) -> int:
    """Pages `blocks` fill under `section`'s page setup, with the package's styles (`looks`)."""
    return Flow(Page.of(section), styles).count(blocks)
