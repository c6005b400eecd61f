"""The three-way rule, paragraph by paragraph, and each edit taken to its field.

base → theirs is what the reviewer did; ours is what the data renders to now. A paragraph the
reviewer changed is taken in where ours still reads as base; where ours moved on too and differs
from theirs, it is a conflict. A changed paragraph's edit is shared out among its segments
(align.distribute): a field's share becomes that field's new text (a `${key}` whose printed value
changed into another number of the same unit changes the figure's value instead), a label's share
is renumbering (ignored), any other template text is warned about, never dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator import numbering
from generator.data.model import Report
from generator.review import align
from generator.review.origin import DATE, DEFAULT, DERIVED, FIELD, LABEL, NUMBER, UNMAPPED, Mapped, Seg
from generator.review.origin import value_at as _value
from generator.review.place import LABEL_TEXT, Placer
from generator.review.plan import Plan

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(\d{4})-(\d{1,2})-(\d{1,2})")


@dataclass
class Note:
    """A conflict or an edit not taken, at the document's 段N (and a field when known)."""

    key: str
    where: int  # 段N of the reviewed document, 1-based
    path: tuple = ()
    kw: dict = field(default_factory=dict)
    index: int = 0  # which paragraph of the field


@dataclass
class Outcome:
    plan: Plan
    conflicts: list[Note] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)


class Merger:
    def __init__(self, plan: Plan, report: Report, tracked: bool = False) -> None:
        """`tracked`: the document has 修订 of its own (base is what the reviewer was given)."""
        self.plan, self.tracked = plan, tracked
        self.units = {f.key: f.unit for f in report.figures}
        self.outcome = Outcome(plan)
        self.derived: list[tuple[Seg, str, int]] = []  # edits of the 增减 column
        self.placer: Placer | None = None

    def warn(self, key: str, where: int, path: tuple = (), **kw: object) -> None:
        self.outcome.warnings.append(Note(key, where, path, kw))

    def run(self, base: list[str], theirs: list[str], ours: list[Mapped], where: list[int],
            cells: set[int] = frozenset(), headings: set[int] = frozenset()) -> Outcome:  # fmt: skip
        """`where`: 段N of each theirs paragraph; `cells`, `headings`: those of theirs that are
        table cells, and those in a heading style."""
        self.placer = Placer(self.plan, self.warn, ours)
        of_base = {b: o for o, b in align.pair([m.text for m in ours], base) if o is not None and b is not None}
        pairs = align.pair(base, theirs)
        self.theirs, self.pairs, self.of_base = theirs, pairs, of_base
        last_o = None
        following = _following(pairs, of_base)
        for n, (b, t) in enumerate(pairs):
            o = of_base.get(b) if b is not None else None
            if t is None:
                self.deleted(base[b], ours[o] if o is not None else None, _near(pairs, n, where))
            elif b is None and t in cells:
                self.warn("review.table-row", where[t], text=_short(theirs[t]))
            elif b is None:
                after = ours[following[n]] if following[n] is not None else None
                self.placer.insert(theirs[t], last_o, after, where[t], t in headings)
            elif base[b] != theirs[t]:
                self.changed(base[b], theirs[t], ours[o] if o is not None else None, where[t])
            elif self.tracked and o is not None and ours[o].text != base[b]:
                # no 修订 here, yet not what the data renders: typed with 修订 off, or the data
                # changed since it was sent; which, only the user knows
                self.warn("review.untracked", where[t], text=_short(theirs[t]))
            if o is not None:
                last_o = o
            if b is not None and t is not None:
                self.placer.done()
        self.placer.done()
        self.placer.finish(self.plan.source.data)
        for seg, new, where in self.derived:
            figure = seg.path[:2]
            if not any(path[:2] == figure for path in self.plan.values):
                self.warn("review.template", where, text=_short(seg.text), new=_short(new))
        return self.outcome

    def ours_of_theirs(self, t: int) -> int | None:
        """The paragraph of ours that a paragraph of theirs stands for (an inserted one: the one before)."""
        last = None
        for b, tt in self.pairs:
            o = self.of_base.get(b) if b is not None else None
            if tt == t:
                return o if o is not None else last
            if o is not None:
                last = o
        return last

    # ------------------------------------------------------------ the three-way rule

    def changed(self, base: str, theirs: str, ours: Mapped | None, where: int) -> None:
        if ours is None or ours.text != base:
            if ours is not None and ours.text == theirs:
                return
            self.conflict(where, ours, base, theirs)
            return
        self.edit(ours, theirs, where)

    def deleted(self, base: str, ours: Mapped | None, where: int) -> None:
        if ours is None:
            return  # gone from the data already
        if ours.text != base:
            self.conflict(where, ours, base, "")
            return
        self.placer.delete(ours, where)

    def conflict(self, where: int, ours: Mapped | None, base: str, theirs: str) -> None:
        fields = ours.fields() if ours is not None else []
        path, index = (fields[0].path, fields[0].index) if fields else ((), 0)
        kw = {"theirs": _short(theirs), "ours": _short(ours.text if ours else "")}
        self.outcome.conflicts.append(Note("review.conflict", where, path, kw, index))

    # ------------------------------------------------------------ one paragraph's edit

    def edit(self, ours: Mapped, theirs: str, where: int) -> None:
        """A paragraph's edit; inline points (一是…二是…) are cut at their labels first, so that a
        point typed in, or one deleted, is a point of its own."""
        firsts = [n for n, s in enumerate(ours.segs) if _is_point_label(ours.segs, n)]
        starts = point_starts(theirs)
        if not firsts and starts and not point_starts(ours.text) and self.new_points(ours, theirs, starts, where):
            return
        if not firsts or not starts:
            self.share(ours.segs, theirs, where)
            return
        self.share(ours.segs[: firsts[0]], theirs[: starts[0]], where)
        groups = [ours.segs[a:b] for a, b in zip(firsts, firsts[1:] + [len(ours.segs)])]
        cuts = starts + [len(theirs)]
        pieces = [theirs[a:b] for a, b in zip(cuts, cuts[1:])]
        if len(groups) == len(pieces):
            for segs, piece in zip(groups, pieces):
                self.share(segs, piece, where)
            return
        self.points(groups, pieces, where)

    def new_points(self, ours: Mapped, theirs: str, starts: list[int], where: int) -> bool:
        """一是…二是… typed after the last text paragraph of a block without points: its points."""
        last = ours.segs[-1] if ours.segs else None
        if last is None or last.kind != FIELD or last.path[-1] != "text":
            return False
        block = last.path[:-1]
        if self.plan.source.data and _value(self.plan.source.data, block + ("points",)):
            return False
        self.share(ours.segs, theirs[: starts[0]], where)
        cuts = starts + [len(theirs)]
        for a, b in zip(cuts, cuts[1:]):
            self.plan.insert_entry(block + ("points",), None, escape(LABEL_TEXT.sub("", theirs[a:b], count=1)))
        return True

    def points(self, groups: list[list[Seg]], pieces: list[str], where: int) -> None:
        """Inline points added or removed: paired by likeness, the rest inserted or deleted."""
        olds = ["".join(s.text for s in g) for g in groups]
        unlabelled = [LABEL_TEXT.sub("", p, count=1) for p in pieces]
        last = None
        for o, t in align.pair([LABEL_TEXT.sub("", x, count=1) for x in olds], unlabelled):
            if o is not None and t is not None:
                self.share(groups[o], pieces[t], where)
            elif o is not None:
                point = groups[o][1]
                self.plan.delete_entry(point.path[:-1], point.path[-1])
            else:
                anchor = groups[last][1].path if last is not None else groups[0][1].path
                after = anchor[-1] if last is not None else None
                self.plan.insert_entry(anchor[:-1], after, escape(unlabelled[t]))
            if o is not None:
                last = o

    def share(self, segs: list[Seg], theirs: str, where: int) -> None:
        news = align.distribute([s.text for s in segs], [s.is_field for s in segs], theirs)
        for seg, new in zip(segs, news):
            if new != seg.text:
                self.segment(seg, new, where)

    def segment(self, seg: Seg, new: str, where: int) -> None:
        if seg.kind == FIELD:
            self.field(seg, new, where)
        elif seg.kind == DEFAULT:
            if new.strip():
                self.plan.set_paragraph(seg.path, 0, escape(new.strip()))
            else:
                self.warn("review.template", where, text=_short(seg.text))
        elif seg.kind == NUMBER:
            if _NUMBER.fullmatch(new.strip()):
                self.plan.set_value(seg.path, new.strip())
            else:
                self.warn("review.not-number", where, seg.path, text=_short(new))
        elif seg.kind == DATE:
            found = _DATE.fullmatch(new.strip())
            if found:
                y, m, d = (g for g in found.groups() if g)
                self.plan.set_value(seg.path, f"{int(y):04d}-{int(m):02d}-{int(d):02d}")
            else:
                self.warn("review.not-date", where, seg.path, text=_short(new))
        elif seg.kind == LABEL and LABEL_TEXT.fullmatch(new):
            return  # renumbered: the template numbers
        elif seg.kind == UNMAPPED:
            self.warn("review.unmapped", where, text=_short(seg.text))
        elif seg.kind == DERIVED:
            self.derived.append((seg, new, where))  # fine if the figure's numbers changed too
        else:
            self.warn("review.template", where, text=_short(seg.text), new=_short(new))

    def field(self, seg: Seg, new: str, where: int) -> None:
        parts = align.distribute([p.shown for p in seg.pieces], [p.key is None for p in seg.pieces], new)
        raw = ""
        for piece, shown in zip(seg.pieces, parts):
            if piece.key is None:
                raw += escape(shown)
            elif shown == piece.shown:
                raw += piece.raw
            elif shown and not piece.derived and self.figure(piece.key, shown):
                raw += piece.raw
            elif shown:
                ref = piece.key + (f".{piece.derived}" if piece.derived else "")
                self.warn("review.figure-text", where, seg.path, ref=ref, text=_short(shown))
                raw += escape(shown)
        if not seg.pieces:
            raw = escape(new)
        self.plan.set_paragraph(seg.path, seg.index, raw)

    def figure(self, key: str, shown: str) -> bool:
        """`14次` over `${key}` printed `12次`: the figure's value becomes 14."""
        unit = self.units.get(key, "")
        if not shown.endswith(unit):
            return False
        number = shown[: len(shown) - len(unit)] if unit else shown
        if not _NUMBER.fullmatch(number):
            return False
        self.plan.set_value(("figures", key, "value"), number)
        return True


def _is_point_label(segs: list[Seg], n: int) -> bool:
    nxt = segs[n + 1] if n + 1 < len(segs) else None
    return segs[n].kind == LABEL and nxt is not None and nxt.kind == FIELD and nxt.path[-2:-1] == ("points",)


def point_starts(text: str) -> list[int]:
    """Where 一是, 二是, … stand in a paragraph, each looked for after the one before."""
    found, at, n = [], 0, 1
    while True:
        at = text.find(numbering.point(n), at)
        if at < 0:
            return found
        found.append(at)
        at += len(numbering.point(n))
        n += 1


def escape(shown: str) -> str:
    """Text as a reviewer typed it, as it is written in the data: a literal `${` is `$${`."""
    return shown.replace("${", "$${")


def _short(text: str, n: int = 30) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= n else text[:n] + "…"


def _following(pairs: list, of_base: dict) -> list[int | None]:
    """For each pair, the paragraph of ours that the next pairs with a partner in ours stand for."""
    out: list[int | None] = [None] * len(pairs)
    nxt = None
    for n in range(len(pairs) - 1, -1, -1):
        out[n] = nxt
        b = pairs[n][0]
        if b is not None and of_base.get(b) is not None:
            nxt = of_base[b]
    return out


def _near(pairs: list, n: int, where: list[int]) -> int:
    """段N of the theirs paragraph nearest to a deleted one (the one before, else after)."""
    for _, t in reversed(pairs[:n]):
        if t is not None:
            return where[t]
    return next((where[t] for _, t in pairs[n:] if t is not None), 1)
