"""Pairing paragraphs of two versions, and sharing a paragraph's edit out among its segments.

Paragraphs pair when their texts are equal (the longest matching stretches first), then, inside
each changed stretch, when they are alike (at least half their characters in common) in order;
the rest were inserted or deleted. A paragraph split in two pairs with its first half, the second
half is inserted; two joined pair with the first, the second is deleted.
"""

from __future__ import annotations

from difflib import SequenceMatcher

ALIKE = 0.5


def pair(a: list[str], b: list[str]) -> list[tuple[int | None, int | None]]:
    """(index in a, index in b) in the order of both; None where a paragraph has no partner."""
    out: list[tuple[int | None, int | None]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out += list(zip(range(i1, i2), range(j1, j2)))
        else:
            out += _alike(a, b, i1, i2, j1, j2)
    return out


def _alike(a, b, i1, i2, j1, j2) -> list[tuple[int | None, int | None]]:
    out: list[tuple[int | None, int | None]] = []
    j = j1
    for i in range(i1, i2):
        found = next((k for k in range(j, j2) if similar(a[i], b[k])), None)
        if found is None:
            out.append((i, None))
            continue
        out += [(None, k) for k in range(j, found)]
        out.append((i, found))
        j = found + 1
    return out + [(None, k) for k in range(j, j2)]


def similar(x: str, y: str) -> bool:
    if not x or not y:
        return False
    m = SequenceMatcher(None, x, y, autojunk=False)
    return m.quick_ratio() >= ALIKE and m.ratio() >= ALIKE


def opcodes(old: str, new: str) -> list[tuple[str, int, int, int, int]]:
    return SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


def distribute(parts: list[str], preferred: list[bool], new: str) -> list[str]:
    """The new text of each part of `"".join(parts)` once it reads `new`.

    Kept characters stay in their part; inserted text goes to the part it is typed in, and at the
    border of two parts to a preferred one (a field rather than a label, literal text rather than
    a figure); text that replaces characters of several parts goes to the first preferred of them.
    """
    old = "".join(parts)
    bounds, at = [], 0
    for p in parts:
        bounds.append((at, at + len(p)))
        at += len(p)
    out = [""] * len(parts)
    for tag, i1, i2, j1, j2 in opcodes(old, new):
        if tag == "equal":
            for n, (s, e) in enumerate(bounds):
                lo, hi = max(s, i1), min(e, i2)
                if lo < hi:
                    out[n] += new[j1 + lo - i1 : j1 + hi - i1]
        elif j2 > j1:
            out[_target(bounds, preferred, i1, i2)] += new[j1:j2]
    return out


def _target(bounds: list[tuple[int, int]], preferred: list[bool], i1: int, i2: int) -> int:
    if i2 > i1:  # a replacement: the first preferred part it touches, else the first
        touched = [n for n, (s, e) in enumerate(bounds) if s < i2 and e > i1]
        return next((n for n in touched if preferred[n]), touched[0])
    inside = [n for n, (s, e) in enumerate(bounds) if s < i1 < e]
    if inside:
        return inside[0]
    before = [n for n, (s, e) in enumerate(bounds) if e == i1 and e > s]
    after = [n for n, (s, e) in enumerate(bounds) if s == i1 and e > s]
    for n in before[-1:] + after[:1]:
        if preferred[n]:
            return n
    near = [n for n in range(len(bounds)) if preferred[n]]
    if near:  # nearest preferred part
        return min(near, key=lambda n: min(abs(bounds[n][0] - i1), abs(bounds[n][1] - i1)))
    return (before[-1:] + after[:1] + [0])[0]
