"""Aligning two versions of a text: which parts stay, which were deleted, which inserted.

Works on sequences of atoms (small ints, interned by the caller: a character with its run
properties, a paragraph mark with its paragraph properties, …), so it knows nothing of XML.

- `blocks()` aligns whole paragraphs (or table rows) by their keys;
- `diff()` aligns the atoms of a changed stretch character by character;
- `tidy()` then merges what a character diff leaves too fragmented to read — the equal islands of
  a character or two between changes, the half of a number or Latin word left standing — spending
  at most the slack the target allows: over the whole document, characters marked stay within
  twice the character edit distance between the two versions (`levenshtein`, computed exactly).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

Opcode = tuple[str, int, int, int, int]  # difflib's (tag, i1, i2, j1, j2)


def blocks(old: Sequence[Hashable], new: Sequence[Hashable]) -> list[Opcode]:
    """difflib's opcodes, without its 'popular element' heuristic (which would junk 的 and 。)."""
    return SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


@dataclass(eq=False)
class Segment:
    """A stretch of the two versions: equal (the same text, its formatting may differ), or a change
    (old deleted, new inserted)."""

    equal: bool
    old: list[int]
    new: list[int]

    @property
    def marks(self) -> int:
        return 0 if self.equal else len(self.old) + len(self.new)


@dataclass(eq=False)
class Diff:
    """The alignment of one changed stretch, and the exact character edit distance between its sides."""

    segments: list[Segment]
    distance: int
    marks: int = field(init=False)

    def __post_init__(self) -> None:
        self.marks = sum(s.marks for s in self.segments)

    @property
    def slack(self) -> int:
        """What tidying may add here while marks stay within twice the edit distance."""
        return 2 * self.distance - self.marks


def diff(old: list[int], new: list[int], key: Sequence[int] | None = None) -> Diff:
    """Character-level alignment of `old` and `new` (common ends first, difflib in the middle).

    `key[atom]`, when given, is what atoms are compared by (a character whatever its run
    properties): equal segments may then pair atoms that differ in formatting.
    """
    ka, kb = ([key[x] for x in old], [key[x] for x in new]) if key is not None else (old, new)
    start, end = _common_ends(ka, kb)
    segments: list[Segment] = []
    if start:
        segments.append(Segment(True, old[:start], new[:start]))
    n, m = len(old) - end, len(new) - end
    a, b = ka[start:n], kb[start:m]
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        o, w = old[start + i1 : start + i2], new[start + j1 : start + j2]
        if tag == "equal":
            segments.append(Segment(True, o, w))
        elif segments and not segments[-1].equal:  # a replace next to a delete: one change
            segments[-1].old += o
            segments[-1].new += w
        else:
            segments.append(Segment(False, o, w))
    if end:
        segments.append(Segment(True, old[n:], new[m:]))
    distance = levenshtein(a, b) if a and b else max(len(a), len(b))
    return Diff(segments, distance)


def whole(old: list[int], new: list[int]) -> Diff:
    """All of `old` deleted and all of `new` inserted (one side is usually empty)."""
    segments = [Segment(False, old, new)] if old or new else []
    return Diff(segments, levenshtein(old, new) if old and new else max(len(old), len(new)))


def _common_ends(a: Sequence[int], b: Sequence[int]) -> tuple[int, int]:
    n = min(len(a), len(b))
    start = 0
    while start < n and a[start] == b[start]:
        start += 1
    end = 0
    while end < n - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return start, end


def levenshtein(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    """The edit distance (insert, delete, substitute one element), bit-parallel (Hyyrö 2003).

    One pass over the longer sequence with Python integers as bit vectors as long as the shorter:
    a few milliseconds for two pages.
    """
    if len(a) < len(b):
        a, b = b, a
    m = len(b)
    if m == 0:
        return len(a)
    peq: dict[Hashable, int] = {}
    for i, c in enumerate(b):
        peq[c] = peq.get(c, 0) | (1 << i)
    full, top = (1 << m) - 1, 1 << (m - 1)
    pv, mv, score = full, 0, m
    for c in a:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | ~(xh | pv)
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = (ph << 1) | 1
        mh <<= 1
        pv = (mh | ~(xv | ph)) & full
        mv = ph & xv & full
    return score


# ---------------------------------------------------------------- tidying


def tidy(
    diffs: list[Diff], is_word: Callable[[int], bool], is_break: Callable[[int], bool],
    boundary: Callable[[list[int], list[int]], int] | None = None, extra: int = 0,
) -> int:
    """Make the marks read like a person's edit, within the slack of all `diffs` together.

    First an insertion or deletion that could as well stand a few atoms to the left or right
    (inserting "。¶X" after "准备" is inserting "X。¶" after "准备。¶") moves to where
    `boundary(before, after)` scores its two ends best; that changes no count. Then a change
    that cuts a number or a Latin word in two takes in the rest of it (1~~4~~**6** → ~~14~~**16**);
    then equal islands between two changes in one paragraph, smallest first, are taken into the
    changes when they are no longer than the changes on either side (the rule of
    diff-match-patch's semantic clean-up). Never across a paragraph mark (`is_break`).
    `extra`: the slack of what was inserted or deleted whole, outside `diffs`. Returns the slack left.
    """
    budget = extra + sum(d.slack for d in diffs)
    if boundary is not None:
        for d in diffs:
            _slide(d, boundary)
    for d in diffs:
        budget = _whole_words(d, budget, is_word)
    islands = [(len(s.old), n, d, s) for n, d in enumerate(diffs) for s in _islands(d, is_break)]
    for cost, _, d, s in sorted(islands, key=lambda t: (t[0], t[1])):
        if 2 * cost <= budget and _absorb(d, s):
            budget -= 2 * cost
    return budget


def _slide(d: Diff, boundary: Callable[[list[int], list[int]], int]) -> None:
    """Move each pure insertion or deletion between two equal stretches to its best-scored place."""
    segs = d.segments
    for i in range(1, len(segs) - 1):
        before, change, after = segs[i - 1], segs[i], segs[i + 1]
        if change.equal or not before.equal or not after.equal or (change.old and change.new):
            continue
        if before.old != before.new or after.old != after.new:  # formatting differs: leave it be
            continue
        moved = change.old or change.new
        e1, e2 = before.old, after.old
        # shift left while the change ends like the stretch before it, right while it starts like the one after
        left = 0
        while left < min(len(e1), len(moved)) and e1[-1 - left] == moved[-1 - left]:
            left += 1
        right = 0
        while right < min(len(e2), len(moved)) and e2[right] == moved[right]:
            right += 1
        if not left and not right:
            continue
        context = e1 + moved + e2
        start = len(e1)
        best = max(range(start - left, start + right + 1),
                   key=lambda s: (boundary(context[:s], context[s:]) + boundary(context[: s + len(moved)],
                                  context[s + len(moved):]), -abs(s - start)))  # fmt: skip
        if best == start:
            continue
        n = len(moved)
        new_e1, new_moved, new_e2 = context[:best], context[best : best + n], context[best + n :]
        segs[i - 1] = Segment(True, new_e1, list(new_e1))
        segs[i] = Segment(False, new_moved if change.old else [], [] if change.old else new_moved)
        segs[i + 1] = Segment(True, new_e2, list(new_e2))
    _normalize(d)


def _islands(d: Diff, is_break: Callable[[int], bool]) -> list[Segment]:
    segs = d.segments
    found = []
    for i in range(1, len(segs) - 1):
        s = segs[i]
        if s.equal and not any(map(is_break, s.old)):
            before, after = segs[i - 1], segs[i + 1]
            k = len(s.old)
            if k <= max(len(before.old), len(before.new)) and k <= max(len(after.old), len(after.new)):
                found.append(s)
    return found


def _absorb(d: Diff, island: Segment) -> bool:
    """Merge an equal segment with the changes on both sides of it; False if it is gone already."""
    segs = d.segments
    try:
        i = next(n for n, s in enumerate(segs) if s is island)
    except StopIteration:
        return False
    before, after = segs[i - 1], segs[i + 1]
    merged = Segment(False, before.old + island.old + after.old, before.new + island.new + after.new)
    segs[i - 1 : i + 2] = [merged]
    d.marks += 2 * len(island.old)
    return True


def _whole_words(d: Diff, budget: int, is_word: Callable[[int], bool]) -> int:
    """Extend each change over the rest of a number or Latin word it cuts into, on either side."""
    segs = d.segments
    for i, change in enumerate(segs):
        if change.equal:
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(segs) or not segs[j].equal or segs[j].old != segs[j].new:
                continue
            left = j < i
            eq = segs[j].old
            edge = (change.old[:1] + change.new[:1]) if left else (change.old[-1:] + change.new[-1:])
            if not any(map(is_word, edge)):
                continue
            k = 0
            while k < len(eq) and is_word(eq[-1 - k] if left else eq[k]):
                k += 1
            if k == 0 or 2 * k > budget:
                continue
            if left:
                part, segs[j] = eq[len(eq) - k :], Segment(True, eq[: len(eq) - k], eq[: len(eq) - k])
                change.old, change.new = part + change.old, part + change.new
            else:
                part, segs[j] = eq[:k], Segment(True, eq[k:], eq[k:])
                change.old, change.new = change.old + part, change.new + part
            budget -= 2 * k
            d.marks += 2 * k
    _normalize(d)
    return budget


def _normalize(d: Diff) -> None:
    """Drop emptied equal segments and join the changes they separated."""
    out: list[Segment] = []
    for s in d.segments:
        if s.equal and not s.old:
            continue
        if out and not s.equal and not out[-1].equal:
            out[-1] = Segment(False, out[-1].old + s.old, out[-1].new + s.new)
        else:
            out.append(s)
    d.segments[:] = out
